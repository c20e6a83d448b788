//! String instructions: movs/stos/lods/cmps/scas in every size, with and without rep/repe/repne,
//! both directions (DF), 64- and 32-bit address sizes; and xlat.
//!
//! A single (unprefixed) string instruction is a short line of loads, stores and pointer
//! updates. The `rep` forms call [`helpers_int::REP_STRING`], which loops in Rust over guest
//! memory and leaves the registers (and, for cmps/scas, the flag record in the state) as the
//! hardware would, also when it stops at a fault. The source of movs/lods/cmps honours an FS/GS
//! override; other segment overrides are no-ops in 64-bit mode.

use super::flags::CcOp;
use super::Cx;
use crate::emit::{ArithExt, Cmp, Emit, Exit, Ty};
use crate::guest::x86::helpers_int::{self, RepMode, StringOp};
use crate::guest::x86::state as st;
use iced_x86::{Mnemonic as M, OpKind, Register};

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>) -> bool {
    let m = cx.i.mnemonic();
    if m == M::Xlatb {
        xlat(cx);
        return true;
    }
    let op = match m {
        M::Movsb | M::Movsw | M::Movsd | M::Movsq => StringOp::Movs,
        M::Stosb | M::Stosw | M::Stosd | M::Stosq => StringOp::Stos,
        M::Lodsb | M::Lodsw | M::Lodsd | M::Lodsq => StringOp::Lods,
        M::Cmpsb | M::Cmpsw | M::Cmpsd | M::Cmpsq => StringOp::Cmps,
        M::Scasb | M::Scasw | M::Scasd | M::Scasq => StringOp::Scas,
        _ => return false,
    };
    // movsd/cmpsd are also SSE mnemonics; the string forms address through rsi/rdi.
    let Some(addr32) = string_addr32(cx) else {
        return false;
    };
    let size = cx.i.memory_size().size() as u64;
    if cx.i.has_rep_prefix() || cx.i.has_repne_prefix() {
        repeated(cx, op, size, addr32);
    } else {
        single(cx, op, Ty::int(size as u32), addr32);
    }
    true
}

/// For a string instruction: whether it uses 32-bit addresses; None if it isn't one.
fn string_addr32<E: Emit>(cx: &Cx<'_, E>) -> Option<bool> {
    (0..cx.i.op_count()).find_map(|n| match cx.i.op_kind(n) {
        OpKind::MemorySegRSI | OpKind::MemoryESRDI => Some(false),
        OpKind::MemorySegESI | OpKind::MemoryESEDI => Some(true),
        _ => None,
    })
}

/// The FS/GS base added to rsi-based addresses, if the instruction has such an override.
fn source_base<E: Emit>(cx: &mut Cx<'_, E>) -> Option<E::V> {
    match cx.i.segment_prefix() {
        Register::FS => Some(cx.e.get(Ty::I64, st::FS_BASE)),
        Register::GS => Some(cx.e.get(Ty::I64, st::GS_BASE)),
        _ => None,
    }
}

fn accumulator(ty: Ty) -> Register {
    match ty {
        Ty::I8 => Register::AL,
        Ty::I16 => Register::AX,
        Ty::I32 => Register::EAX,
        _ => Register::RAX,
    }
}

/// A pointer register's value at the address size.
fn pointer<E: Emit>(cx: &mut Cx<'_, E>, reg: usize, addr32: bool) -> E::V {
    let v = cx.get_gpr64(reg);
    if addr32 {
        cx.e.andk(v, 0xffff_ffff)
    } else {
        v
    }
}

/// Moves a pointer register by `step` (a 32-bit address size writes the 32-bit register).
fn advance<E: Emit>(cx: &mut Cx<'_, E>, reg: usize, step: E::V, addr32: bool) {
    let v = pointer(cx, reg, addr32);
    let v = cx.e.add(v, step);
    let v = if addr32 { cx.e.andk(v, 0xffff_ffff) } else { v };
    cx.set_gpr64(reg, v);
}

/// One string operation without a repeat prefix.
fn single<E: Emit>(cx: &mut Cx<'_, E>, op: StringOp, ty: Ty, addr32: bool) {
    let df = cx.e.get(Ty::I64, st::DF);
    let down = cx.e.cmpk(Cmp::Ne, df, 0);
    let n = ty.bytes() as u64;
    let back = cx.k64(n.wrapping_neg());
    let fwd = cx.k64(n);
    let step = cx.e.select(down, back, fwd);
    let uses_si = matches!(op, StringOp::Movs | StringOp::Lods | StringOp::Cmps);
    let src = if uses_si {
        let a = pointer(cx, st::RSI, addr32);
        match source_base(cx) {
            Some(b) => Some(cx.e.add(a, b)),
            None => Some(a),
        }
    } else {
        None
    };
    let dst = pointer(cx, st::RDI, addr32);
    match (op, src) {
        (StringOp::Movs, Some(s)) => {
            let v = cx.e.load(ty, s);
            cx.e.store(dst, v);
        }
        (StringOp::Stos, _) => {
            let v = cx.get_reg(accumulator(ty));
            cx.e.store(dst, v);
        }
        (StringOp::Lods, Some(s)) => {
            let v = cx.e.load(ty, s);
            cx.set_reg(accumulator(ty), v);
        }
        (StringOp::Cmps, Some(s)) => {
            let a = cx.e.load(ty, s);
            let b = cx.e.load(ty, dst);
            compare(cx, a, b);
        }
        (StringOp::Scas, _) => {
            let a = cx.get_reg(accumulator(ty));
            let b = cx.e.load(ty, dst);
            compare(cx, a, b);
        }
        _ => {}
    }
    if uses_si {
        advance(cx, st::RSI, step, addr32);
    }
    if op != StringOp::Lods {
        advance(cx, st::RDI, step, addr32);
    }
}

/// Flags of `a - b`, as cmp sets them.
fn compare<E: Emit>(cx: &mut Cx<'_, E>, a: E::V, b: E::V) {
    let res = cx.e.sub(a, b);
    let ty = cx.e.ty(a);
    let z = cx.e.iconst(ty, 0);
    cx.set_flags(CcOp::Sub, a, b, res, z);
}

/// A rep/repe/repne string operation, through the helper.
fn repeated<E: Emit>(cx: &mut Cx<'_, E>, op: StringOp, size: u64, addr32: bool) {
    let compares = matches!(op, StringOp::Cmps | StringOp::Scas);
    let mode = RepMode {
        op,
        size,
        repne: compares && cx.i.has_repne_prefix(),
        addr32,
    };
    let mode = cx.k64(mode.encode());
    let base = match op {
        StringOp::Stos | StringOp::Scas => None,
        _ => source_base(cx),
    };
    let base = base.unwrap_or_else(|| cx.k64(0));
    let status = cx.e.call(&helpers_int::REP_STRING, &[mode, base]);
    let failed = cx.e.cmpk(Cmp::Ne, status, 0);
    let pc = cx.pc();
    cx.e.exit_if(failed, Exit::HelperFault { pc });
    if compares {
        // The helper left the flag record in the state.
        cx.known = None;
    }
}

/// xlat: AL = [rbx + AL].
fn xlat<E: Emit>(cx: &mut Cx<'_, E>) {
    let addr32 = cx.i.memory_base() == Register::EBX;
    let base = pointer(cx, st::RBX, addr32);
    let al = cx.get_reg(Register::AL);
    let al = cx.e.zext_to(Ty::I64, al);
    let a = cx.e.add(base, al);
    let a = if addr32 { cx.e.andk(a, 0xffff_ffff) } else { a };
    let a = match source_base(cx) {
        Some(b) => cx.e.add(a, b),
        None => a,
    };
    let v = cx.e.load(Ty::I8, a);
    cx.set_reg(Register::AL, v);
}
