//! Control flow, the stack, condition-code consumers and system instructions: jmp/jcc/call/ret,
//! loop/jrcxz, push/pop/leave/enter, setcc/cmovcc, flag instructions, syscall, cpuid, rdtsc,
//! fences and hints.

use super::flags::{Flag, ARITH_FLAGS};
use super::Cx;
use crate::emit::{ArithExt, Cmp, Emit, Exit, Ty};
use crate::guest::x86::helpers;
use crate::guest::x86::state as st;
use iced_x86::{FlowControl, Mnemonic as M, OpKind};

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>) -> bool {
    match cx.i.mnemonic() {
        M::Jmp => jmp(cx),
        M::Call => call(cx),
        M::Ret => ret(cx),
        M::Push => push(cx),
        M::Pop => pop(cx),
        M::Leave => leave(cx),
        M::Nop | M::Endbr64 | M::Endbr32 | M::Pause | M::Lfence | M::Mfence | M::Sfence => {}
        M::Prefetchnta | M::Prefetcht0 | M::Prefetcht1 | M::Prefetcht2 | M::Prefetchw => {}
        M::Syscall => {
            let next = cx.next_pc();
            cx.e.exit(Exit::Syscall { next });
            cx.ended = true;
        }
        M::Cpuid => {
            cx.e.call(&helpers::CPUID, &[]);
        }
        M::Rdtsc => rdtsc(cx),
        M::Hlt => cx.raise(libc::SIGSEGV as u8, 0x80),
        M::Ud2 | M::Ud0 | M::Ud1 => cx.raise(libc::SIGILL as u8, super::ILL_ILLOPN),
        M::Int3 => cx.raise(libc::SIGTRAP as u8, 0x80),
        M::Cld | M::Std => {
            let v = cx.k64((cx.i.mnemonic() == M::Std) as u64);
            cx.e.set(st::DF, v);
        }
        M::Clc | M::Stc | M::Cmc => carry_op(cx),
        M::Lahf => lahf(cx),
        M::Sahf => sahf(cx),
        M::Pushf | M::Pushfq => pushf(cx),
        M::Popf | M::Popfq => popf(cx),
        _ => {
            if cx.i.flow_control() == FlowControl::ConditionalBranch {
                jcc(cx)
            } else if is_setcc(cx) {
                setcc(cx)
            } else if is_cmovcc(cx) {
                cmovcc(cx)
            } else {
                return false;
            }
        }
    }
    true
}

fn is_setcc<E: Emit>(cx: &Cx<'_, E>) -> bool {
    matches!(
        cx.i.mnemonic(),
        M::Seta
            | M::Setae
            | M::Setb
            | M::Setbe
            | M::Sete
            | M::Setg
            | M::Setge
            | M::Setl
            | M::Setle
            | M::Setne
            | M::Setno
            | M::Setnp
            | M::Setns
            | M::Seto
            | M::Setp
            | M::Sets
    )
}

fn is_cmovcc<E: Emit>(cx: &Cx<'_, E>) -> bool {
    matches!(
        cx.i.mnemonic(),
        M::Cmova
            | M::Cmovae
            | M::Cmovb
            | M::Cmovbe
            | M::Cmove
            | M::Cmovg
            | M::Cmovge
            | M::Cmovl
            | M::Cmovle
            | M::Cmovne
            | M::Cmovno
            | M::Cmovnp
            | M::Cmovns
            | M::Cmovo
            | M::Cmovp
            | M::Cmovs
    )
}

fn jmp<E: Emit>(cx: &mut Cx<'_, E>) {
    match cx.i.op0_kind() {
        OpKind::NearBranch64 | OpKind::NearBranch32 | OpKind::NearBranch16 => {
            let t = cx.i.near_branch_target();
            cx.jump(t);
        }
        _ => {
            let t = cx.src(0, Ty::I64);
            cx.e.exit_indirect(t);
            cx.ended = true;
        }
    }
}

fn jcc<E: Emit>(cx: &mut Cx<'_, E>) {
    let target = cx.i.near_branch_target();
    let next = cx.next_pc();
    let c = match cx.i.mnemonic() {
        M::Jrcxz | M::Jecxz | M::Loop | M::Loope | M::Loopne => loop_cond(cx),
        _ => cx.cond(cx.i.condition_code()),
    };
    cx.e.exit_branch(c, target, next);
    cx.ended = true;
}

/// jrcxz / loop / loope / loopne.
fn loop_cond<E: Emit>(cx: &mut Cx<'_, E>) -> E::V {
    let m = cx.i.mnemonic();
    let wide = cx.i.op0_kind() == OpKind::NearBranch64 && cx.i.memory_size().size() != 4;
    let rcx = cx.get_gpr64(st::RCX);
    let count = if wide || m == M::Jrcxz {
        rcx
    } else {
        cx.e.andk(rcx, 0xffff_ffff)
    };
    if matches!(m, M::Jrcxz | M::Jecxz) {
        let count = if m == M::Jecxz {
            cx.e.andk(rcx, 0xffff_ffff)
        } else {
            rcx
        };
        return cx.e.cmpk(Cmp::Eq, count, 0);
    }
    let n = cx.e.addk(count, u64::MAX);
    cx.set_gpr64(st::RCX, n);
    let nz = cx.e.cmpk(Cmp::Ne, n, 0);
    match m {
        M::Loope => {
            let z = cx.flag(Flag::ZF);
            cx.e.and(nz, z)
        }
        M::Loopne => {
            let z = cx.flag(Flag::ZF);
            let one = cx.e.iconst(Ty::I8, 1);
            let nz2 = cx.e.xor(z, one);
            cx.e.and(nz, nz2)
        }
        _ => nz,
    }
}

fn call<E: Emit>(cx: &mut Cx<'_, E>) {
    let next = cx.next_pc();
    match cx.i.op0_kind() {
        OpKind::NearBranch64 | OpKind::NearBranch32 => {
            let t = cx.i.near_branch_target();
            let r = cx.k64(next);
            cx.push(r);
            cx.jump(t);
        }
        _ => {
            let t = cx.src(0, Ty::I64);
            let r = cx.k64(next);
            cx.push(r);
            cx.e.exit_indirect(t);
            cx.ended = true;
        }
    }
}

fn ret<E: Emit>(cx: &mut Cx<'_, E>) {
    let t = cx.pop(Ty::I64);
    if cx.i.op_count() == 1 {
        let sp = cx.get_gpr64(st::RSP);
        let sp = cx.e.addk(sp, cx.i.immediate16() as u64);
        cx.set_gpr64(st::RSP, sp);
    }
    cx.e.exit_indirect(t);
    cx.ended = true;
}

fn push<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = match cx.i.op0_kind() {
        OpKind::Register => Ty::int(cx.i.op0_register().size() as u32),
        OpKind::Memory => Ty::int(cx.i.memory_size().size() as u32),
        _ => Ty::int(cx.i.stack_pointer_increment().unsigned_abs()),
    };
    let v = cx.src(0, ty);
    cx.push(v);
}

fn pop<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = Ty::int(cx.i.stack_pointer_increment().unsigned_abs());
    let v = cx.pop(ty);
    // The destination address is computed after RSP is incremented, as the hardware does.
    let d = cx.loc(0);
    cx.write(d, v);
}

fn leave<E: Emit>(cx: &mut Cx<'_, E>) {
    let bp = cx.get_gpr64(5);
    cx.set_gpr64(st::RSP, bp);
    let v = cx.pop(Ty::I64);
    cx.set_gpr64(5, v);
}

fn setcc<E: Emit>(cx: &mut Cx<'_, E>) {
    let c = cx.cond(cx.i.condition_code());
    let d = cx.loc(0);
    cx.write(d, c);
}

fn cmovcc<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = cx.size(0);
    let c = cx.cond(cx.i.condition_code());
    let src = cx.src(1, ty);
    let r = cx.i.op0_register();
    let old = cx.get_reg(r);
    let v = cx.e.select(c, src, old);
    // A 32-bit cmov zero-extends even when the condition is false.
    cx.set_reg(r, v);
}

fn carry_op<E: Emit>(cx: &mut Cx<'_, E>) {
    let f = cx.eflags();
    let v = match cx.i.mnemonic() {
        M::Clc => cx.e.andk(f, !1),
        M::Stc => {
            let one = cx.k64(1);
            cx.e.or(f, one)
        }
        _ => {
            let one = cx.k64(1);
            cx.e.xor(f, one)
        }
    };
    cx.set_eflags(v);
}

fn lahf<E: Emit>(cx: &mut Cx<'_, E>) {
    let f = cx.eflags();
    let f = cx.e.andk(f, 0xd5);
    let two = cx.k64(2);
    let f = cx.e.or(f, two);
    let f = cx.e.zext_to(Ty::I8, f);
    cx.set_reg(iced_x86::Register::AH, f);
}

fn sahf<E: Emit>(cx: &mut Cx<'_, E>) {
    let ah = cx.get_reg(iced_x86::Register::AH);
    let ah = cx.e.zext_to(Ty::I64, ah);
    let ah = cx.e.andk(ah, 0xd5);
    let f = cx.eflags();
    let f = cx.e.andk(f, !0xd5);
    let v = cx.e.or(f, ah);
    cx.set_eflags(v);
}

/// The full EFLAGS value as PUSHF sees it.
fn full_eflags<E: Emit>(cx: &mut Cx<'_, E>) -> E::V {
    let f = cx.eflags();
    let other = cx.e.get(Ty::I64, st::EFLAGS_OTHER);
    let other = cx.e.andk(other, !(ARITH_FLAGS | 0x400));
    let df = cx.e.get(Ty::I64, st::DF);
    let df = cx.e.shlk(df, 10);
    let v = cx.e.or(f, other);
    let v = cx.e.or(v, df);
    let two = cx.k64(2);
    cx.e.or(v, two)
}

fn pushf<E: Emit>(cx: &mut Cx<'_, E>) {
    let v = full_eflags(cx);
    let ty = Ty::int(cx.i.stack_pointer_increment().unsigned_abs());
    let v = cx.e.zext_to(ty, v);
    cx.push(v);
}

fn popf<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = Ty::int(cx.i.stack_pointer_increment().unsigned_abs());
    let v = cx.pop(ty);
    let v = cx.e.zext_to(Ty::I64, v);
    // User mode may change the arithmetic flags, DF, TF, AC and ID.
    let other = cx.e.andk(v, 0x0024_0100 | 0x200);
    cx.e.set(st::EFLAGS_OTHER, other);
    let df = cx.e.lshrk(v, 10);
    let df = cx.e.andk(df, 1);
    cx.e.set(st::DF, df);
    let f = cx.e.andk(v, ARITH_FLAGS);
    cx.set_eflags(f);
}

fn rdtsc<E: Emit>(cx: &mut Cx<'_, E>) {
    let t = cx.e.call(&helpers::RDTSC, &[]);
    let lo = cx.e.andk(t, 0xffff_ffff);
    let hi = cx.e.lshrk(t, 32);
    cx.set_gpr64(st::RAX, lo);
    cx.set_gpr64(st::RDX, hi);
}
