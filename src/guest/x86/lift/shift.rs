//! Shifts and rotates: shl/sal/shr/sar, rol/ror, rcl/rcr, shld/shrd.
//!
//! The count is masked to 5 bits (6 for 64-bit operands) and a masked count of 0 leaves every
//! flag alone, although the destination is still written (a 32-bit register is zero-extended).
//! A constant count keeps the lazy flag record for shl/shr/sar; a count in CL can be 0 at run
//! time, so the new flags are materialised and selected against the old ones. Rotates and the
//! double shifts change only some flags (or compute them in a way the lazy record can't
//! express) and always materialise EFLAGS.
//!
//! Flags the SDM leaves undefined: AF is cleared; OF for counts above 1 is computed with the
//! count-1 formula on the final result; shld/shrd of 16-bit operands by more than 16 follow the
//! AMD EPYC this was checked on (Intel's differ). AMD also sets AF and computes other undefined
//! flags differently; no program depends on those.

use super::flags::{self, CcOp, Flag, Record};
use super::Cx;
use crate::emit::{ArithExt, BinOp, Cmp, Emit, Ty};
use iced_x86::{Mnemonic as M, OpKind};

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>) -> bool {
    match cx.i.mnemonic() {
        M::Shl | M::Sal => shift(cx, CcOp::Shl),
        M::Shr => shift(cx, CcOp::Shr),
        M::Sar => shift(cx, CcOp::Sar),
        M::Rol | M::Ror => rotate(cx),
        M::Rcl | M::Rcr => rotate_through_carry(cx),
        M::Shld | M::Shrd => double_shift(cx),
        _ => return false,
    }
    true
}

/// A masked shift count: known when lifting, or only at run time (an `I8`).
#[derive(Clone, Copy)]
enum Count<V> {
    Const(u64),
    Dyn(V),
}

/// The count of operand `n` for an operation of type `ty`, masked as the hardware does.
fn count<E: Emit>(cx: &mut Cx<'_, E>, n: u32, ty: Ty) -> Count<E::V> {
    let mask = if ty == Ty::I64 { 63 } else { 31 };
    match cx.i.op_kind(n) {
        OpKind::Register => {
            let c = cx.get_reg(cx.i.op_register(n));
            let c = cx.e.zext_to(Ty::I8, c);
            Count::Dyn(cx.e.andk(c, mask))
        }
        _ => Count::Const(cx.i.immediate(n) & mask),
    }
}

/// The count as a value of type `ty`.
fn count_value<E: Emit>(cx: &mut Cx<'_, E>, n: Count<E::V>, ty: Ty) -> E::V {
    match n {
        Count::Const(k) => cx.e.iconst(ty, k),
        Count::Dyn(v) => cx.e.zext_to(ty, v),
    }
}

/// Packs I8 0/1 flag values into an EFLAGS-shaped I64.
pub(super) fn pack_flags<E: Emit>(cx: &mut Cx<'_, E>, fl: &[(Flag, E::V)]) -> E::V {
    let mut acc = cx.k64(0);
    for &(f, v) in fl {
        let v = cx.e.zext_to(Ty::I64, v);
        let v = cx.e.shlk(v, f as u64);
        acc = cx.e.or(acc, v);
    }
    acc
}

/// ZF, SF and PF of a result, with the given CF and OF (AF clear), as EFLAGS.
fn result_flags<E: Emit>(cx: &mut Cx<'_, E>, res: E::V, cf: E::V, of: E::V) -> E::V {
    let zf = cx.e.cmpk(Cmp::Eq, res, 0);
    let sf = cx.e.cmpk(Cmp::Slt, res, 0);
    let pf = flags::parity(cx.e, res);
    pack_flags(
        cx,
        &[
            (Flag::CF, cf),
            (Flag::PF, pf),
            (Flag::ZF, zf),
            (Flag::SF, sf),
            (Flag::OF, of),
        ],
    )
}

/// Records materialised flags `new`, unless the count turns out to be 0 at run time.
/// `zero` says when the count is 0; None when it is a non-zero constant.
fn commit_flags<E: Emit>(cx: &mut Cx<'_, E>, new: E::V, zero: Option<E::V>) {
    let v = match zero {
        Some(z) => {
            let old = cx.eflags();
            cx.e.select(z, old, new)
        }
        None => new,
    };
    cx.set_eflags(v);
}

/// `old` with CF and OF replaced.
fn with_cf_of<E: Emit>(cx: &mut Cx<'_, E>, cf: E::V, of: E::V) -> E::V {
    let old = cx.eflags();
    let kept = cx.e.andk(old, !(1 | 1 << 11));
    let new = pack_flags(cx, &[(Flag::CF, cf), (Flag::OF, of)]);
    cx.e.or(kept, new)
}

/// The I8 "count is zero" condition, or None for a non-zero constant count.
fn zero_test<E: Emit>(cx: &mut Cx<'_, E>, n: Count<E::V>) -> Option<E::V> {
    match n {
        Count::Const(0) => Some(cx.e.iconst(Ty::I8, 1)),
        Count::Const(_) => None,
        Count::Dyn(v) => Some(cx.e.cmpk(Cmp::Eq, v, 0)),
    }
}

/// shl/sal/shr/sar.
fn shift<E: Emit>(cx: &mut Cx<'_, E>, op: CcOp) {
    let ty = cx.size(0);
    let d = cx.loc(0);
    let a = cx.read(d, ty);
    let n = count(cx, 1, ty);
    // Narrow operands shift at 32 bits so that counts up to 31 shift everything out.
    let wide = if ty.bits() < 32 { Ty::I32 } else { ty };
    let aw = if op == CcOp::Sar {
        cx.e.sext_to(wide, a)
    } else {
        cx.e.zext_to(wide, a)
    };
    let nw = count_value(cx, n, wide);
    let bop = match op {
        CcOp::Shl => BinOp::Shl,
        CcOp::Shr => BinOp::LShr,
        _ => BinOp::AShr,
    };
    let r = cx.e.bin(bop, aw, nw);
    let res = cx.e.zext_to(ty, r);
    cx.write(d, res);
    let aux = cx.e.iconst(ty, 0);
    match n {
        Count::Const(0) => {}
        Count::Const(k) => {
            let b = cx.e.iconst(ty, k);
            cx.set_flags(op, a, b, res, aux);
        }
        Count::Dyn(c) => {
            let b = cx.e.zext_to(ty, c);
            let rec = Record {
                op,
                ty,
                a,
                b,
                res,
                aux,
            };
            let new = flags::eflags_of(cx.e, &rec);
            let zero = cx.e.cmpk(Cmp::Eq, c, 0);
            commit_flags(cx, new, Some(zero));
        }
    }
}

/// rol/ror: the count wraps modulo the width, but flags change whenever the masked count is not 0.
fn rotate<E: Emit>(cx: &mut Cx<'_, E>) {
    let left = cx.i.mnemonic() == M::Rol;
    let ty = cx.size(0);
    let w = ty.bits();
    let d = cx.loc(0);
    let a = cx.read(d, ty);
    let n = count(cx, 1, ty);
    let nv = count_value(cx, n, ty);
    let res =
        cx.e.bin(if left { BinOp::Rotl } else { BinOp::Rotr }, a, nv);
    cx.write(d, res);
    if let Count::Const(0) = n {
        return;
    }
    let msb = cx.e.bit(res, w - 1);
    let (cf, of) = if left {
        let cf = cx.e.bit(res, 0);
        (cf, cx.e.xor(msb, cf))
    } else {
        let next = cx.e.bit(res, w - 2);
        (msb, cx.e.xor(msb, next))
    };
    let zero = zero_test(cx, n);
    let new = with_cf_of(cx, cf, of);
    commit_flags(cx, new, zero);
}

/// rcl/rcr: a rotation of the (width+1)-bit value CF:operand.
fn rotate_through_carry<E: Emit>(cx: &mut Cx<'_, E>) {
    let left = cx.i.mnemonic() == M::Rcl;
    let ty = cx.size(0);
    let w = ty.bits() as u64;
    let d = cx.loc(0);
    let a = cx.read(d, ty);
    let masked = count(cx, 1, ty);
    // The rotation count modulo width+1 (only narrower than 32 bits can wrap).
    let n = match (masked, w) {
        (Count::Const(k), 8 | 16) => Count::Const(k % (w + 1)),
        (Count::Dyn(v), 8 | 16) => {
            let m = cx.e.iconst(Ty::I8, w + 1);
            Count::Dyn(cx.e.bin(BinOp::URem, v, m))
        }
        _ => masked,
    };
    let cf_in = cx.flag(Flag::CF);
    let cf64 = cx.e.zext_to(Ty::I64, cf_in);
    let a64 = cx.e.zext_to(Ty::I64, a);
    let n64 = count_value(cx, n, Ty::I64);
    let wk = cx.k64(w);
    let w_minus_n = cx.e.sub(wk, n64);
    let n_minus_1 = cx.e.addk(n64, u64::MAX);
    // For n in 1..=w (n < 64 when w = 64); n = 0 is selected away below.
    let (r, cf_out) = if left {
        let t1 = cx.e.shl(a64, n64);
        let t2 = cx.e.shl(cf64, n_minus_1);
        let half = cx.e.lshrk(a64, 1);
        let t3 = cx.e.lshr(half, w_minus_n);
        let out = cx.e.lshr(a64, w_minus_n);
        let r = cx.e.or(t1, t2);
        (cx.e.or(r, t3), cx.e.bit(out, 0))
    } else {
        let t1 = cx.e.lshr(a64, n64);
        let t2 = cx.e.shl(cf64, w_minus_n);
        let up = cx.e.shl(a64, w_minus_n);
        let t3 = cx.e.shlk(up, 1);
        let out = cx.e.lshr(a64, n_minus_1);
        let r = cx.e.or(t1, t2);
        (cx.e.or(r, t3), cx.e.bit(out, 0))
    };
    let rotated = cx.e.zext_to(ty, r);
    // A rotation count of 0 (e.g. 9 for a byte) changes nothing but the flags: hardware still
    // recomputes OF whenever the masked count is non-zero.
    let (res, cf) = match zero_test(cx, n) {
        Some(z) => (cx.e.select(z, a, rotated), cx.e.select(z, cf_in, cf_out)),
        None => (rotated, cf_out),
    };
    cx.write(d, res);
    if let Count::Const(0) = masked {
        return;
    }
    let msb = cx.e.bit(res, w as u32 - 1);
    let of = if left {
        cx.e.xor(msb, cf)
    } else {
        let next = cx.e.bit(res, w as u32 - 2);
        cx.e.xor(msb, next)
    };
    let new = with_cf_of(cx, cf, of);
    let zero = zero_test(cx, masked);
    commit_flags(cx, new, zero);
}

/// shld/shrd: shift the destination, filling from the source register.
fn double_shift<E: Emit>(cx: &mut Cx<'_, E>) {
    let left = cx.i.mnemonic() == M::Shld;
    let ty = cx.size(0);
    let w = ty.bits() as u64;
    let d = cx.loc(0);
    let a = cx.read(d, ty);
    let src = cx.get_reg(cx.i.op1_register());
    let n = count(cx, 2, ty);
    let n64 = count_value(cx, n, Ty::I64);
    let a64 = cx.e.zext_to(Ty::I64, a);
    let s64 = cx.e.zext_to(Ty::I64, src);
    let n_minus_1 = cx.e.addk(n64, u64::MAX);
    let (r, out) = if w < 64 {
        // Concatenate into one value of up to 64 bits and shift that. A 16-bit operand is
        // extended with a second copy of the source, which gives counts 17..31 the result this
        // machine's hardware computes (the SDM leaves it undefined).
        let fill = if w == 16 {
            let hi = cx.e.shlk(s64, 16);
            cx.e.or(hi, s64)
        } else {
            s64
        };
        let bits = if w == 16 { 48 } else { 64 };
        if left {
            let hi = cx.e.shlk(a64, bits - w);
            let v = cx.e.or(hi, fill);
            let k = cx.k64(bits - w);
            let at = cx.e.sub(k, n64);
            let k = cx.k64(bits);
            let out_at = cx.e.sub(k, n64);
            (cx.e.lshr(v, at), cx.e.lshr(v, out_at))
        } else {
            let hi = cx.e.shlk(fill, w);
            let v = cx.e.or(hi, a64);
            (cx.e.lshr(v, n64), cx.e.lshr(v, n_minus_1))
        }
    } else {
        // n in 1..=63; n = 0 is selected away below.
        let k = cx.k64(64);
        let w_minus_n = cx.e.sub(k, n64);
        if left {
            let t1 = cx.e.shl(a64, n64);
            let t2 = cx.e.lshr(s64, w_minus_n);
            (cx.e.or(t1, t2), cx.e.lshr(a64, w_minus_n))
        } else {
            let t1 = cx.e.lshr(a64, n64);
            let t2 = cx.e.shl(s64, w_minus_n);
            (cx.e.or(t1, t2), cx.e.lshr(a64, n_minus_1))
        }
    };
    let shifted = cx.e.zext_to(ty, r);
    let zero = zero_test(cx, n);
    let res = match zero {
        Some(z) => cx.e.select(z, a, shifted),
        None => shifted,
    };
    cx.write(d, res);
    if let Count::Const(0) = n {
        return;
    }
    let cf = cx.e.bit(out, 0);
    let sign_in = cx.e.cmpk(Cmp::Slt, a, 0);
    let sign_out = cx.e.cmpk(Cmp::Slt, shifted, 0);
    let of = cx.e.xor(sign_in, sign_out);
    let new = result_flags(cx, shifted, cf, of);
    commit_flags(cx, new, zero);
}
