//! Integer data movement and arithmetic: mov family, lea, add/sub/adc/sbb, logic, inc/dec,
//! neg/not, cmp/test, xchg/cmpxchg/xadd, sign extensions.

use super::flags::CcOp;
use super::{Cx, Loc};
use crate::emit::{ArithExt, BinOp, Cmp, Emit, RmwOp, Ty, UnOp};
use iced_x86::{Mnemonic as M, Register};

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>) -> bool {
    match cx.i.mnemonic() {
        M::Mov => mov(cx),
        M::Movzx => movx(cx, false),
        M::Movsx | M::Movsxd => movx(cx, true),
        M::Lea => lea(cx),
        M::Add => arith(cx, CcOp::Add),
        M::Sub => arith(cx, CcOp::Sub),
        M::Adc => arith(cx, CcOp::Adc),
        M::Sbb => arith(cx, CcOp::Sbb),
        M::Cmp => arith(cx, CcOp::Sub),
        M::And | M::Or | M::Xor | M::Test => logic(cx),
        M::Inc => incdec(cx, CcOp::Inc),
        M::Dec => incdec(cx, CcOp::Dec),
        M::Neg => neg(cx),
        M::Not => not(cx),
        M::Xchg => xchg(cx),
        M::Cmpxchg => cmpxchg(cx),
        M::Xadd => xadd(cx),
        M::Cbw | M::Cwde | M::Cdqe => widen_acc(cx),
        M::Cwd | M::Cdq | M::Cqo => sign_to_dx(cx),
        _ => return false,
    }
    true
}

fn mov<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = cx.size(0);
    let v = cx.src(1, ty);
    let d = cx.loc(0);
    cx.write(d, v);
}

fn movx<E: Emit>(cx: &mut Cx<'_, E>, signed: bool) {
    let to = cx.size(0);
    let from = cx.size(1);
    let v = cx.src(1, from);
    let v = if signed {
        cx.e.sext_to(to, v)
    } else {
        cx.e.zext_to(to, v)
    };
    cx.set_reg(cx.i.op0_register(), v);
}

fn lea<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = cx.size(0);
    let a = cx.ea();
    let a = cx.e.zext_to(ty, a);
    cx.set_reg(cx.i.op0_register(), a);
}

fn binop(op: CcOp) -> BinOp {
    match op {
        CcOp::Add | CcOp::Adc => BinOp::Add,
        _ => BinOp::Sub,
    }
}

/// add/sub/adc/sbb/cmp.
fn arith<E: Emit>(cx: &mut Cx<'_, E>, op: CcOp) {
    let ty = cx.size(0);
    let is_cmp = cx.i.mnemonic() == M::Cmp;
    let d = cx.loc(0);
    let b = cx.src(1, ty);
    let carry = if matches!(op, CcOp::Adc | CcOp::Sbb) {
        let c = cx.flag(super::flags::Flag::CF);
        Some(cx.e.zext_to(ty, c))
    } else {
        None
    };
    let locked = cx.i.has_lock_prefix() && matches!(d, Loc::Mem(_)) && carry.is_none();
    let a = match (locked, d) {
        (true, Loc::Mem(addr)) => {
            let rmw = if op == CcOp::Add {
                RmwOp::Add
            } else {
                RmwOp::Sub
            };
            cx.e.atomic_rmw(rmw, addr, b)
        }
        _ => cx.read(d, ty),
    };
    let mut res = cx.e.bin(binop(op), a, b);
    if let Some(c) = carry {
        res = cx.e.bin(binop(op), res, c);
    }
    if !is_cmp && !locked {
        cx.write(d, res);
    }
    let aux = carry.unwrap_or_else(|| cx.e.iconst(ty, 0));
    cx.set_flags(op, a, b, res, aux);
}

fn logic<E: Emit>(cx: &mut Cx<'_, E>) {
    let m = cx.i.mnemonic();
    let ty = cx.size(0);
    let d = cx.loc(0);
    let b = cx.src(1, ty);
    let op = match m {
        M::Or => BinOp::Or,
        M::Xor => BinOp::Xor,
        _ => BinOp::And,
    };
    let locked = cx.i.has_lock_prefix() && matches!(d, Loc::Mem(_)) && m != M::Test;
    let (a, res) = match (locked, d) {
        (true, Loc::Mem(addr)) => {
            let rmw = match op {
                BinOp::Or => RmwOp::Or,
                BinOp::Xor => RmwOp::Xor,
                _ => RmwOp::And,
            };
            let old = cx.e.atomic_rmw(rmw, addr, b);
            (old, cx.e.bin(op, old, b))
        }
        _ => {
            let a = cx.read(d, ty);
            (a, cx.e.bin(op, a, b))
        }
    };
    if m != M::Test && !locked {
        cx.write(d, res);
    }
    let z = cx.e.iconst(ty, 0);
    cx.set_flags(CcOp::Logic, a, b, res, z);
}

fn incdec<E: Emit>(cx: &mut Cx<'_, E>, op: CcOp) {
    let ty = cx.size(0);
    let cf = cx.flag(super::flags::Flag::CF);
    let cf = cx.e.zext_to(ty, cf);
    let d = cx.loc(0);
    let one = cx.e.iconst(ty, 1);
    let rmw = if op == CcOp::Inc {
        RmwOp::Add
    } else {
        RmwOp::Sub
    };
    let bop = if op == CcOp::Inc {
        BinOp::Add
    } else {
        BinOp::Sub
    };
    let (a, res) = match d {
        Loc::Mem(addr) if cx.i.has_lock_prefix() => {
            let old = cx.e.atomic_rmw(rmw, addr, one);
            (old, cx.e.bin(bop, old, one))
        }
        _ => {
            let a = cx.read(d, ty);
            let r = cx.e.bin(bop, a, one);
            cx.write(d, r);
            (a, r)
        }
    };
    cx.set_flags(op, a, one, res, cf);
}

fn neg<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = cx.size(0);
    let d = cx.loc(0);
    let a = cx.read(d, ty);
    let r = cx.e.un(UnOp::Neg, a);
    cx.write(d, r);
    let z = cx.e.iconst(ty, 0);
    cx.set_flags(CcOp::Neg, a, z, r, z);
}

fn not<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = cx.size(0);
    let d = cx.loc(0);
    let a = cx.read(d, ty);
    let r = cx.e.un(UnOp::Not, a);
    cx.write(d, r);
}

fn xchg<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = cx.size(0);
    let l0 = cx.loc(0);
    let l1 = cx.loc(1);
    match (l0, l1) {
        (Loc::Mem(a), Loc::Reg(r)) | (Loc::Reg(r), Loc::Mem(a)) => {
            let v = cx.get_reg(r);
            let old = cx.e.atomic_rmw(RmwOp::Xchg, a, v);
            cx.set_reg(r, old);
        }
        _ => {
            let a = cx.read(l0, ty);
            let b = cx.read(l1, ty);
            cx.write(l0, b);
            cx.write(l1, a);
        }
    }
}

fn cmpxchg<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = cx.size(0);
    let d = cx.loc(0);
    let acc_reg = match ty {
        Ty::I8 => Register::AL,
        Ty::I16 => Register::AX,
        Ty::I32 => Register::EAX,
        _ => Register::RAX,
    };
    let acc = cx.get_reg(acc_reg);
    let new = cx.src(1, ty);
    let old = match d {
        Loc::Mem(a) => cx.e.cas(a, acc, new),
        _ => {
            let old = cx.read(d, ty);
            let eq = cx.e.cmp(Cmp::Eq, old, acc);
            let v = cx.e.select(eq, new, old);
            cx.write(d, v);
            old
        }
    };
    // The accumulator is written only on failure (which matters for 32-bit zero extension).
    let eq = cx.e.cmp(Cmp::Eq, old, acc);
    let full = cx.get_gpr64(0);
    let widened = if ty == Ty::I32 {
        cx.e.zext_to(Ty::I64, old)
    } else {
        full
    };
    if ty == Ty::I32 {
        let v = cx.e.select(eq, full, widened);
        cx.set_gpr64(0, v);
    } else {
        let v = cx.e.select(eq, acc, old);
        cx.set_reg(acc_reg, v);
    }
    let res = cx.e.sub(acc, old);
    let z = cx.e.iconst(ty, 0);
    cx.set_flags(CcOp::Sub, acc, old, res, z);
}

fn xadd<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = cx.size(0);
    let d = cx.loc(0);
    let src_reg = cx.i.op1_register();
    let b = cx.get_reg(src_reg);
    let a = match d {
        Loc::Mem(addr) => cx.e.atomic_rmw(RmwOp::Add, addr, b),
        _ => cx.read(d, ty),
    };
    let res = cx.e.add(a, b);
    cx.set_reg(src_reg, a);
    if !matches!(d, Loc::Mem(_)) {
        cx.write(d, res);
    }
    let z = cx.e.iconst(ty, 0);
    cx.set_flags(CcOp::Add, a, b, res, z);
}

fn widen_acc<E: Emit>(cx: &mut Cx<'_, E>) {
    let (from, to) = match cx.i.mnemonic() {
        M::Cbw => (Register::AL, Register::AX),
        M::Cwde => (Register::AX, Register::EAX),
        _ => (Register::EAX, Register::RAX),
    };
    let v = cx.get_reg(from);
    let v = cx.e.sext_to(Ty::int(to.size() as u32), v);
    cx.set_reg(to, v);
}

fn sign_to_dx<E: Emit>(cx: &mut Cx<'_, E>) {
    let (a, d) = match cx.i.mnemonic() {
        M::Cwd => (Register::AX, Register::DX),
        M::Cdq => (Register::EAX, Register::EDX),
        _ => (Register::RAX, Register::RDX),
    };
    let v = cx.get_reg(a);
    let bits = a.size() as u64 * 8;
    let k = cx.e.iconst(Ty::int(a.size() as u32), bits - 1);
    let s = cx.e.ashr(v, k);
    cx.set_reg(d, s);
}
