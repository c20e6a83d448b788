//! SSE/SSE2 floating point: scalar (`sd`/`ss`) and packed (`pd`/`ps`) arithmetic, min/max,
//! compares into masks and into EFLAGS, and conversions between integers, singles and doubles.
//!
//! Elements are handled as integer bit patterns (I32 or I64) and bitcast to floats around each
//! operation. x86's answers are written out where hosts differ: min/max return the second
//! operand unless the first is strictly smaller (larger), and when [`explicit_nan`] says so,
//! arithmetic with a NaN operand returns the first NaN operand quietened and an invalid
//! operation the negative default NaN. On an x86-64 host the host instructions already behave
//! so and the checks are left out (unit tests always include them).
//!
//! Weak spots: MXCSR's rounding control is honoured by cvtsd2si/cvtss2si/cvtpd2dq/cvtps2dq
//! only; arithmetic and cvtsi2sd round to nearest, FTZ/DAZ are ignored and no exception flags
//! are recorded in MXCSR.

use super::sse::{is_sse, lane, read128, read_low64, set_lane};
use super::Cx;
use crate::emit::{ArithExt, BinOp, Conv, Emit, FCmp, Ty, UnOp};
use crate::guest::x86::helpers_sse::CVT_F2I;
use crate::guest::x86::state as st;
use iced_x86::{Mnemonic as M, OpKind, Register};

/// True where the host's float instructions may not give x86's NaN results.
fn explicit_nan() -> bool {
    cfg!(any(test, not(target_arch = "x86_64")))
}

/// Single or double precision.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fp {
    S,
    D,
}

impl Fp {
    fn int(self) -> Ty {
        match self {
            Fp::S => Ty::I32,
            Fp::D => Ty::I64,
        }
    }
    fn float(self) -> Ty {
        match self {
            Fp::S => Ty::F32,
            Fp::D => Ty::F64,
        }
    }
    /// The top fraction bit, set in a quiet NaN.
    fn quiet_bit(self) -> u64 {
        match self {
            Fp::S => 0x40_0000,
            Fp::D => 0x8_0000_0000_0000,
        }
    }
    /// x86's default NaN ("real indefinite").
    fn default_nan(self) -> u64 {
        match self {
            Fp::S => 0xffc0_0000,
            Fp::D => 0xfff8_0000_0000_0000,
        }
    }
    /// Elements per 128 bits.
    fn count(self) -> usize {
        match self {
            Fp::S => 4,
            Fp::D => 2,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FOp {
    Add,
    Sub,
    Mul,
    Div,
    Min,
    Max,
    Sqrt,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Scalar,
    Packed,
}

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>) -> bool {
    if !is_sse(cx) {
        return false;
    }
    use FOp::*;
    use Fp::*;
    use Shape::*;
    let m = cx.i.mnemonic();
    let arith = match m {
        M::Addsd => Some((Add, D, Scalar)),
        M::Subsd => Some((Sub, D, Scalar)),
        M::Mulsd => Some((Mul, D, Scalar)),
        M::Divsd => Some((Div, D, Scalar)),
        M::Minsd => Some((Min, D, Scalar)),
        M::Maxsd => Some((Max, D, Scalar)),
        M::Sqrtsd => Some((Sqrt, D, Scalar)),
        M::Addss => Some((Add, S, Scalar)),
        M::Subss => Some((Sub, S, Scalar)),
        M::Mulss => Some((Mul, S, Scalar)),
        M::Divss => Some((Div, S, Scalar)),
        M::Minss => Some((Min, S, Scalar)),
        M::Maxss => Some((Max, S, Scalar)),
        M::Sqrtss => Some((Sqrt, S, Scalar)),
        M::Addpd => Some((Add, D, Packed)),
        M::Subpd => Some((Sub, D, Packed)),
        M::Mulpd => Some((Mul, D, Packed)),
        M::Divpd => Some((Div, D, Packed)),
        M::Minpd => Some((Min, D, Packed)),
        M::Maxpd => Some((Max, D, Packed)),
        M::Sqrtpd => Some((Sqrt, D, Packed)),
        M::Addps => Some((Add, S, Packed)),
        M::Subps => Some((Sub, S, Packed)),
        M::Mulps => Some((Mul, S, Packed)),
        M::Divps => Some((Div, S, Packed)),
        M::Minps => Some((Min, S, Packed)),
        M::Maxps => Some((Max, S, Packed)),
        M::Sqrtps => Some((Sqrt, S, Packed)),
        _ => None,
    };
    if let Some((op, fp, shape)) = arith {
        elementwise(cx, fp, shape, |cx, a, b| float_op(cx, op, fp, a, b));
        return true;
    }
    match m {
        M::Cmpsd => compare(cx, D, Scalar),
        M::Cmpss => compare(cx, S, Scalar),
        M::Cmppd => compare(cx, D, Packed),
        M::Cmpps => compare(cx, S, Packed),
        M::Ucomisd | M::Comisd => comi(cx, D),
        M::Ucomiss | M::Comiss => comi(cx, S),
        M::Cvtsi2sd => int_to_scalar(cx, D),
        M::Cvtsi2ss => int_to_scalar(cx, S),
        M::Cvttsd2si => scalar_to_int(cx, D, true),
        M::Cvtsd2si => scalar_to_int(cx, D, false),
        M::Cvttss2si => scalar_to_int(cx, S, true),
        M::Cvtss2si => scalar_to_int(cx, S, false),
        M::Cvtss2sd => {
            let v = scalar_src(cx, S);
            let v = convert(cx, S, D, v);
            set_elem0(cx, D, v);
        }
        M::Cvtsd2ss => {
            let v = scalar_src(cx, D);
            let v = convert(cx, D, S, v);
            set_elem0(cx, S, v);
        }
        M::Cvtdq2pd => {
            let x = read_low64(cx, 1);
            let ints = split(cx, &[x], Ty::I32);
            let r = [0, 1].map(|i| int_to_float(cx, D, ints[i]));
            set_dst(cx, &r);
        }
        M::Cvtps2pd => {
            let x = read_low64(cx, 1);
            let fs = split(cx, &[x], Ty::I32);
            let r = [0, 1].map(|i| convert(cx, S, D, fs[i]));
            set_dst(cx, &r);
        }
        M::Cvtdq2ps => {
            let v = read128(cx, 1);
            let ints = split(cx, &v, Ty::I32);
            let r: Vec<_> = ints.iter().map(|&i| int_to_float(cx, S, i)).collect();
            set_dst(cx, &r);
        }
        M::Cvttps2dq | M::Cvtps2dq => {
            let v = read128(cx, 1);
            let fs = split(cx, &v, Ty::I32);
            let trunc = m == M::Cvttps2dq;
            let r: Vec<_> = fs
                .iter()
                .map(|&f| float_to_int(cx, S, Ty::I32, f, trunc))
                .collect();
            set_dst(cx, &r);
        }
        M::Cvttpd2dq | M::Cvtpd2dq => {
            let v = read128(cx, 1);
            let trunc = m == M::Cvttpd2dq;
            let r0 = float_to_int(cx, D, Ty::I32, v[0], trunc);
            let r1 = float_to_int(cx, D, Ty::I32, v[1], trunc);
            let z = cx.e.iconst(Ty::I32, 0);
            set_dst(cx, &[r0, r1, z, z]);
        }
        M::Cvtpd2ps => {
            let v = read128(cx, 1);
            let r0 = convert(cx, D, S, v[0]);
            let r1 = convert(cx, D, S, v[1]);
            let z = cx.e.iconst(Ty::I32, 0);
            set_dst(cx, &[r0, r1, z, z]);
        }
        _ => return false,
    }
    true
}

// ---- elements ----

/// Splits I64 lanes into elements of `ty` (I32 or I64), element 0 first.
fn split<E: Emit>(cx: &mut Cx<'_, E>, v: &[E::V], ty: Ty) -> Vec<E::V> {
    if ty == Ty::I64 {
        return v.to_vec();
    }
    let mut out = Vec::with_capacity(4);
    for &x in v {
        let lo = cx.e.zext_to(Ty::I32, x);
        let hi = cx.e.lshrk(x, 32);
        let hi = cx.e.zext_to(Ty::I32, hi);
        out.push(lo);
        out.push(hi);
    }
    out
}

/// Joins two I32 elements into an I64 lane.
fn join32<E: Emit>(cx: &mut Cx<'_, E>, lo: E::V, hi: E::V) -> E::V {
    let lo = cx.e.zext_to(Ty::I64, lo);
    let hi = cx.e.zext_to(Ty::I64, hi);
    let hi = cx.e.shlk(hi, 32);
    cx.e.or(lo, hi)
}

/// Sets op0 to the elements (two I64 or four I32).
fn set_dst<E: Emit>(cx: &mut Cx<'_, E>, el: &[E::V]) {
    let d = cx.i.op0_register();
    let lanes = if el.len() == 2 {
        [el[0], el[1]]
    } else {
        [join32(cx, el[0], el[1]), join32(cx, el[2], el[3])]
    };
    set_lane(cx, d, 0, lanes[0]);
    set_lane(cx, d, 1, lanes[1]);
}

/// Element 0 of xmm register `r`.
fn elem0<E: Emit>(cx: &mut Cx<'_, E>, fp: Fp, r: Register) -> E::V {
    let x = lane(cx, r, 0);
    cx.e.zext_to(fp.int(), x)
}

/// Sets element 0 of op0, keeping the other elements.
fn set_elem0<E: Emit>(cx: &mut Cx<'_, E>, fp: Fp, v: E::V) {
    let d = cx.i.op0_register();
    let v = if fp == Fp::S {
        let old = lane(cx, d, 0);
        let keep = cx.e.andk(old, 0xffff_ffff_0000_0000);
        let v = cx.e.zext_to(Ty::I64, v);
        cx.e.or(keep, v)
    } else {
        v
    };
    set_lane(cx, d, 0, v);
}

/// The scalar source operand (op1: element 0 of an xmm register, or memory).
fn scalar_src<E: Emit>(cx: &mut Cx<'_, E>, fp: Fp) -> E::V {
    if cx.i.op_kind(1) == OpKind::Register {
        let r = cx.i.op1_register();
        return elem0(cx, fp, r);
    }
    let a = cx.ea();
    cx.e.load(fp.int(), a)
}

/// `op0 = f(op0, op1)` element-wise: element 0 only (scalar) or every element (packed).
fn elementwise<E: Emit>(
    cx: &mut Cx<'_, E>,
    fp: Fp,
    shape: Shape,
    mut f: impl FnMut(&mut Cx<'_, E>, E::V, E::V) -> E::V,
) {
    let d = cx.i.op0_register();
    match shape {
        Shape::Scalar => {
            let b = scalar_src(cx, fp);
            let a = elem0(cx, fp, d);
            let r = f(cx, a, b);
            set_elem0(cx, fp, r);
        }
        Shape::Packed => {
            let s = read128(cx, 1);
            let bs = split(cx, &s, fp.int());
            let dl = [lane(cx, d, 0), lane(cx, d, 1)];
            let as_ = split(cx, &dl, fp.int());
            let r: Vec<_> = (0..fp.count()).map(|i| f(cx, as_[i], bs[i])).collect();
            set_dst(cx, &r);
        }
    }
}

// ---- arithmetic ----

fn to_float<E: Emit>(cx: &mut Cx<'_, E>, fp: Fp, x: E::V) -> E::V {
    cx.e.conv(Conv::Bitcast, fp.float(), x)
}

fn to_bits<E: Emit>(cx: &mut Cx<'_, E>, fp: Fp, x: E::V) -> E::V {
    cx.e.conv(Conv::Bitcast, fp.int(), x)
}

fn is_nan<E: Emit>(cx: &mut Cx<'_, E>, f: E::V) -> E::V {
    cx.e.fcmp(FCmp::Unordered, f, f)
}

/// One element of an arithmetic instruction on bit patterns `a` (op0) and `b` (op1).
fn float_op<E: Emit>(cx: &mut Cx<'_, E>, op: FOp, fp: Fp, a: E::V, b: E::V) -> E::V {
    let fa = to_float(cx, fp, a);
    let fb = to_float(cx, fp, b);
    let bin = match op {
        FOp::Add => BinOp::FAdd,
        FOp::Sub => BinOp::FSub,
        FOp::Mul => BinOp::FMul,
        FOp::Div => BinOp::FDiv,
        // x86: the first operand only if strictly less (greater); otherwise, including NaNs
        // and zeros of either sign, the second.
        FOp::Min => {
            let lt = cx.e.fcmp(FCmp::Lt, fa, fb);
            return cx.e.select(lt, a, b);
        }
        FOp::Max => {
            let gt = cx.e.fcmp(FCmp::Lt, fb, fa);
            return cx.e.select(gt, a, b);
        }
        FOp::Sqrt => {
            let r = cx.e.un(UnOp::FSqrt, fb);
            let rb = to_bits(cx, fp, r);
            return if explicit_nan() {
                nan_result(cx, fp, None, (b, fb), r, rb)
            } else {
                rb
            };
        }
    };
    let r = cx.e.bin(bin, fa, fb);
    let rb = to_bits(cx, fp, r);
    if explicit_nan() {
        nan_result(cx, fp, Some((a, fa)), (b, fb), r, rb)
    } else {
        rb
    }
}

/// x86's result when `r` is a NaN: the first NaN operand quietened, else the default NaN.
fn nan_result<E: Emit>(
    cx: &mut Cx<'_, E>,
    fp: Fp,
    first: Option<(E::V, E::V)>,
    second: (E::V, E::V),
    r: E::V,
    rb: E::V,
) -> E::V {
    let q = cx.e.iconst(fp.int(), fp.quiet_bit());
    let mut nan = cx.e.iconst(fp.int(), fp.default_nan());
    for (bits, f) in [Some(second), first].into_iter().flatten() {
        let n = is_nan(cx, f);
        let quiet = cx.e.or(bits, q);
        nan = cx.e.select(n, quiet, nan);
    }
    let rn = is_nan(cx, r);
    cx.e.select(rn, nan, rb)
}

// ---- compares ----

/// cmp{s,p}{s,d}: each element becomes all ones where the predicate (imm & 7) holds.
fn compare<E: Emit>(cx: &mut Cx<'_, E>, fp: Fp, shape: Shape) {
    let pred = cx.i.immediate8() & 7;
    elementwise(cx, fp, shape, |cx, a, b| {
        let fa = to_float(cx, fp, a);
        let fb = to_float(cx, fp, b);
        let base = match pred & 3 {
            0 => FCmp::Eq,
            1 => FCmp::Lt,
            2 => FCmp::Le,
            _ => FCmp::Unordered,
        };
        let c = cx.e.fcmp(base, fa, fb);
        let ones = cx.e.iconst(fp.int(), u64::MAX);
        let zero = cx.e.iconst(fp.int(), 0);
        // Predicates 4–7 are the negations of 0–3 (true when unordered, for 4–6).
        if pred >= 4 {
            cx.e.select(c, zero, ones)
        } else {
            cx.e.select(c, ones, zero)
        }
    });
}

/// (u)comis{s,d}: ZF,PF,CF = 111 unordered, 001 less, 100 equal, 000 greater; OF=SF=AF=0.
fn comi<E: Emit>(cx: &mut Cx<'_, E>, fp: Fp) {
    let b = scalar_src(cx, fp);
    let r = cx.i.op0_register();
    let a = elem0(cx, fp, r);
    let fa = to_float(cx, fp, a);
    let fb = to_float(cx, fp, b);
    let un = cx.e.fcmp(FCmp::Unordered, fa, fb);
    let eq = cx.e.fcmp(FCmp::Eq, fa, fb);
    let lt = cx.e.fcmp(FCmp::Lt, fa, fb);
    let k = |cx: &mut Cx<'_, E>, v| cx.e.iconst(Ty::I64, v);
    let (f_un, f_eq, f_lt, f_gt) = (k(cx, 0x45), k(cx, 0x40), k(cx, 0x01), k(cx, 0));
    let f = cx.e.select(lt, f_lt, f_gt);
    let f = cx.e.select(eq, f_eq, f);
    let f = cx.e.select(un, f_un, f);
    cx.set_eflags(f);
}

// ---- conversions ----

fn int_to_float<E: Emit>(cx: &mut Cx<'_, E>, fp: Fp, i: E::V) -> E::V {
    let f = cx.e.conv(Conv::SIntToF, fp.float(), i);
    to_bits(cx, fp, f)
}

/// Float bits of precision `from` to float bits of precision `to`.
fn convert<E: Emit>(cx: &mut Cx<'_, E>, from: Fp, to: Fp, x: E::V) -> E::V {
    let f = to_float(cx, from, x);
    let r = cx.e.conv(Conv::FConvert, to.float(), f);
    to_bits(cx, to, r)
}

/// Float bits to a signed integer of type `ty`, truncating or rounding per MXCSR.
fn float_to_int<E: Emit>(cx: &mut Cx<'_, E>, fp: Fp, ty: Ty, x: E::V, trunc: bool) -> E::V {
    if trunc {
        let f = to_float(cx, fp, x);
        return cx.e.conv(Conv::FToSIntTrunc, ty, f);
    }
    let bits = cx.e.zext_to(Ty::I64, x);
    let kind = (fp == Fp::S) as u64 | ((ty == Ty::I64) as u64) << 1;
    let kind = cx.k64(kind);
    let mxcsr = cx.e.get(Ty::I64, st::MXCSR);
    let r = cx.e.call(&CVT_F2I, &[bits, kind, mxcsr]);
    cx.e.zext_to(ty, r)
}

/// cvtsi2sd/cvtsi2ss from a 32- or 64-bit register or memory operand.
fn int_to_scalar<E: Emit>(cx: &mut Cx<'_, E>, fp: Fp) {
    let ty = cx.size(1);
    let i = cx.src(1, ty);
    let v = int_to_float(cx, fp, i);
    set_elem0(cx, fp, v);
}

/// cvt(t)sd2si/cvt(t)ss2si into a 32- or 64-bit register.
fn scalar_to_int<E: Emit>(cx: &mut Cx<'_, E>, fp: Fp, trunc: bool) {
    let x = scalar_src(cx, fp);
    let r = cx.i.op0_register();
    let ty = Ty::int(r.size() as u32);
    let v = float_to_int(cx, fp, ty, x, trunc);
    cx.set_reg(r, v);
}
