//! Multiplication and division: mul/imul (one-operand forms writing the accumulator pair, and
//! the truncating two- and three-operand imul), div/idiv at every size.
//!
//! mul/imul record `CcOp::Mul` with an overflow indicator as `aux` (CF = OF = overflow; SF, ZF
//! and PF, undefined by the SDM, follow the low half). Divisions raise SIGFPE (FPE_INTDIV,
//! which Linux reports for every #DE, quotient overflow included) before anything is written,
//! and only then emit the division, so the backends never see a trapping one. Operands up to
//! 32 bits divide at 64 bits; the 128-by-64-bit forms call helpers. div leaves the flags as
//! they were (the SDM leaves them undefined).

use super::flags::CcOp;
use super::Cx;
use crate::emit::{ArithExt, BinOp, Cmp, Emit, Exit, Ty};
use crate::guest::x86::helpers_int;
use iced_x86::{Mnemonic as M, Register};

/// SIGFPE's si_code for a #DE, as Linux reports it for both causes.
pub const FPE_INTDIV: u8 = 1;

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>) -> bool {
    match cx.i.mnemonic() {
        M::Mul => widening_mul(cx, false),
        M::Imul if cx.i.op_count() == 1 => widening_mul(cx, true),
        M::Imul => truncating_imul(cx),
        M::Div => div(cx, false),
        M::Idiv => div(cx, true),
        _ => return false,
    }
    true
}

/// The accumulator and its high-half partner for an operand size.
fn acc_pair(ty: Ty) -> (Register, Register) {
    match ty {
        Ty::I8 => (Register::AL, Register::AH),
        Ty::I16 => (Register::AX, Register::DX),
        Ty::I32 => (Register::EAX, Register::EDX),
        _ => (Register::RAX, Register::RDX),
    }
}

fn ext<E: Emit>(cx: &mut Cx<'_, E>, signed: bool, to: Ty, v: E::V) -> E::V {
    if signed {
        cx.e.sext_to(to, v)
    } else {
        cx.e.zext_to(to, v)
    }
}

/// The full product of `a` and `b` as (low, high) halves of their type, and whether the
/// product does not fit the low half (as a signed or unsigned number), as an I8 0/1.
fn product<E: Emit>(cx: &mut Cx<'_, E>, signed: bool, a: E::V, b: E::V) -> (E::V, E::V, E::V) {
    let ty = cx.e.ty(a);
    let w = ty.bits() as u64;
    let (lo, hi) = if ty == Ty::I64 {
        let lo = cx.e.bin(BinOp::Mul, a, b);
        let op = if signed { BinOp::SMulHi } else { BinOp::UMulHi };
        (lo, cx.e.bin(op, a, b))
    } else {
        let a = ext(cx, signed, Ty::I64, a);
        let b = ext(cx, signed, Ty::I64, b);
        let p = cx.e.bin(BinOp::Mul, a, b);
        let lo = cx.e.zext_to(ty, p);
        let hi = cx.e.lshrk(p, w);
        (lo, cx.e.zext_to(ty, hi))
    };
    let overflow = if signed {
        let k = cx.e.iconst(ty, w - 1);
        let sign = cx.e.ashr(lo, k);
        cx.e.cmp(Cmp::Ne, hi, sign)
    } else {
        cx.e.cmpk(Cmp::Ne, hi, 0)
    };
    (lo, hi, overflow)
}

/// One-operand mul/imul: AX = AL * src, DX:AX, EDX:EAX or RDX:RAX = accumulator * src.
fn widening_mul<E: Emit>(cx: &mut Cx<'_, E>, signed: bool) {
    let ty = cx.size(0);
    let b = cx.src(0, ty);
    let (ra, rd) = acc_pair(ty);
    let a = cx.get_reg(ra);
    let (lo, hi, overflow) = product(cx, signed, a, b);
    if ty == Ty::I8 {
        let l = cx.e.zext_to(Ty::I16, lo);
        let h = cx.e.zext_to(Ty::I16, hi);
        let h = cx.e.shlk(h, 8);
        let ax = cx.e.or(h, l);
        cx.set_reg(Register::AX, ax);
    } else {
        cx.set_reg(ra, lo);
        cx.set_reg(rd, hi);
    }
    let aux = cx.e.zext_to(ty, overflow);
    cx.set_flags(CcOp::Mul, a, b, lo, aux);
}

/// imul r, r/m and imul r, r/m, imm: the low half, CF = OF = signed overflow.
fn truncating_imul<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = cx.size(0);
    let (a, b) = if cx.i.op_count() == 3 {
        (cx.src(1, ty), cx.src(2, ty))
    } else {
        (cx.src(0, ty), cx.src(1, ty))
    };
    let (lo, _, overflow) = product(cx, true, a, b);
    cx.set_reg(cx.i.op0_register(), lo);
    let aux = cx.e.zext_to(ty, overflow);
    cx.set_flags(CcOp::Mul, a, b, lo, aux);
}

/// div/idiv: accumulator pair / src → quotient in the low register, remainder in the high.
fn div<E: Emit>(cx: &mut Cx<'_, E>, signed: bool) {
    let ty = cx.size(0);
    let w = ty.bits() as u64;
    let divisor = cx.src(0, ty);
    let fpe = Exit::Signal {
        sig: libc::SIGFPE as u8,
        code: FPE_INTDIV,
        pc: cx.pc(),
    };
    let zero = cx.e.cmpk(Cmp::Eq, divisor, 0);
    cx.e.exit_if(zero, fpe);
    if ty == Ty::I64 {
        return div128(cx, signed, divisor, fpe);
    }
    let (ra, rd) = acc_pair(ty);
    let dividend = if ty == Ty::I8 {
        let ax = cx.get_reg(Register::AX);
        ext(cx, signed, Ty::I64, ax)
    } else {
        let lo = cx.get_reg(ra);
        let hi = cx.get_reg(rd);
        let lo = cx.e.zext_to(Ty::I64, lo);
        let hi = cx.e.zext_to(Ty::I64, hi);
        let hi = cx.e.shlk(hi, w);
        let v = cx.e.or(hi, lo);
        if signed && w < 32 {
            let up = cx.e.shlk(v, 64 - 2 * w);
            let k = cx.k64(64 - 2 * w);
            cx.e.ashr(up, k)
        } else {
            v
        }
    };
    let d = ext(cx, signed, Ty::I64, divisor);
    if signed && ty == Ty::I32 {
        // i64::MIN / -1 would trap at 64 bits; its quotient overflows 32 bits anyway.
        let min = cx.e.cmpk(Cmp::Eq, dividend, 1 << 63);
        let neg1 = cx.e.cmpk(Cmp::Eq, d, u64::MAX);
        let both = cx.e.and(min, neg1);
        cx.e.exit_if(both, fpe);
    }
    let (dop, rop) = if signed {
        (BinOp::SDiv, BinOp::SRem)
    } else {
        (BinOp::UDiv, BinOp::URem)
    };
    let q = cx.e.bin(dop, dividend, d);
    let r = cx.e.bin(rop, dividend, d);
    let q_narrow = cx.e.zext_to(ty, q);
    let overflow = if signed {
        let back = cx.e.sext_to(Ty::I64, q_narrow);
        cx.e.cmp(Cmp::Ne, back, q)
    } else {
        cx.e.cmpk(Cmp::Ugt, q, ty.mask())
    };
    cx.e.exit_if(overflow, fpe);
    let r_narrow = cx.e.zext_to(ty, r);
    if ty == Ty::I8 {
        let l = cx.e.zext_to(Ty::I16, q_narrow);
        let h = cx.e.zext_to(Ty::I16, r_narrow);
        let h = cx.e.shlk(h, 8);
        let ax = cx.e.or(h, l);
        cx.set_reg(Register::AX, ax);
    } else {
        cx.set_reg(ra, q_narrow);
        cx.set_reg(rd, r_narrow);
    }
}

/// RDX:RAX / divisor (non-zero) through helpers; the remainder follows from the quotient.
fn div128<E: Emit>(cx: &mut Cx<'_, E>, signed: bool, divisor: E::V, fpe: Exit) {
    let hi = cx.get_gpr64(2);
    let lo = cx.get_gpr64(0);
    let overflow = if signed {
        let status =
            cx.e.call(&helpers_int::IDIV128_OVERFLOWS, &[hi, lo, divisor]);
        cx.e.cmpk(Cmp::Ne, status, 0)
    } else {
        // The quotient fits 64 bits exactly when the high half is below the divisor.
        cx.e.cmp(Cmp::Uge, hi, divisor)
    };
    cx.e.exit_if(overflow, fpe);
    let h = if signed {
        &helpers_int::IDIV128
    } else {
        &helpers_int::UDIV128
    };
    let q = cx.e.call(h, &[hi, lo, divisor]);
    // The remainder is below the divisor in magnitude, so it equals lo - q * divisor mod 2^64.
    let qd = cx.e.bin(BinOp::Mul, q, divisor);
    let r = cx.e.sub(lo, qd);
    cx.set_gpr64(0, q);
    cx.set_gpr64(2, r);
}
