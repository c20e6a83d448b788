//! Lazy EFLAGS: the last flag-setting operation is recorded (operation, size, inputs, result)
//! and a flag is computed only when something reads it.
//!
//! Within a block the lifter knows the recording statically and computes a condition directly
//! (`cmp a, b; jl` becomes one signed compare). Across blocks the record lives in the state
//! (`cc_op`, `cc_a`, `cc_b`, `cc_res`, `cc_aux`) and the `x86_eflags` helper computes the flags
//! with the same code ([`flag_of`]) on plain numbers.

use crate::emit::{Arith, ArithExt, Cmp, Ty};

/// The operation that last set the flags.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum CcOp {
    /// Flags are materialised: `res` holds EFLAGS (only the six arithmetic bits matter).
    Eflags = 0,
    Add,
    /// `aux` is the carry in.
    Adc,
    Sub,
    /// `aux` is the borrow in.
    Sbb,
    /// and/or/xor/test: CF = OF = 0.
    Logic,
    /// `aux` is the preserved CF.
    Inc,
    Dec,
    /// `a` is the operand.
    Neg,
    /// `a` is the value shifted, `b` the (masked, non-zero) count.
    Shl,
    Shr,
    Sar,
    /// `aux` is non-zero when the product overflowed (CF = OF = 1).
    Mul,
}

impl CcOp {
    pub fn from_u8(v: u8) -> CcOp {
        match v {
            1 => CcOp::Add,
            2 => CcOp::Adc,
            3 => CcOp::Sub,
            4 => CcOp::Sbb,
            5 => CcOp::Logic,
            6 => CcOp::Inc,
            7 => CcOp::Dec,
            8 => CcOp::Neg,
            9 => CcOp::Shl,
            10 => CcOp::Shr,
            11 => CcOp::Sar,
            12 => CcOp::Mul,
            _ => CcOp::Eflags,
        }
    }
    /// The word stored in `cc_op`: operation and operand size.
    pub fn encode(self, ty: Ty) -> u64 {
        let sz = match ty {
            Ty::I8 => 0,
            Ty::I16 => 1,
            Ty::I32 => 2,
            _ => 3,
        };
        (self as u64) << 2 | sz
    }
    pub fn decode(w: u64) -> (CcOp, Ty) {
        (
            CcOp::from_u8((w >> 2) as u8),
            [Ty::I8, Ty::I16, Ty::I32, Ty::I64][(w & 3) as usize],
        )
    }
}

/// The arithmetic flags, named by their EFLAGS bit.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Flag {
    CF = 0,
    PF = 2,
    AF = 4,
    ZF = 6,
    SF = 7,
    OF = 11,
}

pub const ARITH_FLAGS: u64 = 0x8d5;
pub const ALL_FLAGS: [Flag; 6] = [Flag::CF, Flag::PF, Flag::AF, Flag::ZF, Flag::SF, Flag::OF];

/// A flag record with known operation (values have type `ty`, `aux` too).
#[derive(Clone, Copy, Debug)]
pub struct Record<V> {
    pub op: CcOp,
    pub ty: Ty,
    pub a: V,
    pub b: V,
    pub res: V,
    pub aux: V,
}

/// The sign bit of `v`, as an I8 0/1.
fn sign<A: Arith>(x: &mut A, v: A::V) -> A::V {
    x.cmpk(Cmp::Slt, v, 0)
}

/// Even parity of the low byte of `v`, as an I8 0/1.
pub fn parity<A: Arith>(x: &mut A, v: A::V) -> A::V {
    let b = x.zext_to(Ty::I8, v);
    let n = x.un(crate::emit::UnOp::Popcnt, b);
    let odd = x.andk(n, 1);
    x.cmpk(Cmp::Eq, odd, 0)
}

/// Computes one flag (an I8 0/1) of a record.
pub fn flag_of<A: Arith>(x: &mut A, r: &Record<A::V>, f: Flag) -> A::V {
    let Record {
        op,
        ty,
        a,
        b,
        res,
        aux,
    } = *r;
    let bits = ty.bits() as u64;
    let min = 1u64 << (bits - 1);
    if op == CcOp::Eflags {
        return x.bit(res, f as u32);
    }
    match f {
        Flag::ZF => return x.cmpk(Cmp::Eq, res, 0),
        Flag::SF => return sign(x, res),
        Flag::PF => return parity(x, res),
        _ => {}
    }
    let zero = x.iconst(Ty::I8, 0);
    match (op, f) {
        (CcOp::Add, Flag::CF) => x.cmp(Cmp::Ult, res, a),
        (CcOp::Adc, Flag::CF) => {
            let le = x.cmp(Cmp::Ule, res, a);
            let lt = x.cmp(Cmp::Ult, res, a);
            x.select(aux, le, lt)
        }
        (CcOp::Sub, Flag::CF) => x.cmp(Cmp::Ult, a, b),
        (CcOp::Sbb, Flag::CF) => {
            let le = x.cmp(Cmp::Ule, a, b);
            let lt = x.cmp(Cmp::Ult, a, b);
            x.select(aux, le, lt)
        }
        (CcOp::Add | CcOp::Adc, Flag::OF) => {
            let t1 = x.xor(a, res);
            let t2 = x.xor(b, res);
            let t = x.and(t1, t2);
            sign(x, t)
        }
        (CcOp::Sub | CcOp::Sbb, Flag::OF) => {
            let t1 = x.xor(a, b);
            let t2 = x.xor(a, res);
            let t = x.and(t1, t2);
            sign(x, t)
        }
        (CcOp::Add | CcOp::Adc | CcOp::Sub | CcOp::Sbb, Flag::AF) => {
            let t = x.xor(a, b);
            let t = x.xor(t, res);
            x.bit(t, 4)
        }
        (CcOp::Logic, _) => zero,
        (CcOp::Inc | CcOp::Dec, Flag::CF) => x.zext_to(Ty::I8, aux),
        (CcOp::Inc, Flag::OF) => x.cmpk(Cmp::Eq, res, min),
        (CcOp::Dec, Flag::OF) => x.cmpk(Cmp::Eq, res, min - 1),
        (CcOp::Inc, Flag::AF) => {
            let t = x.andk(res, 0xf);
            x.cmpk(Cmp::Eq, t, 0)
        }
        (CcOp::Dec, Flag::AF) => {
            let t = x.andk(res, 0xf);
            x.cmpk(Cmp::Eq, t, 0xf)
        }
        (CcOp::Neg, Flag::CF) => x.cmpk(Cmp::Ne, a, 0),
        (CcOp::Neg, Flag::OF) => x.cmpk(Cmp::Eq, a, min),
        (CcOp::Neg, Flag::AF) => {
            let t = x.xor(a, res);
            x.bit(t, 4)
        }
        (CcOp::Shl, Flag::CF) => {
            // The last bit shifted out: bit (bits - count) of a; zero once count > bits.
            let w = x.iconst(ty, bits);
            let sh = x.sub(w, b);
            let big = x.cmpk(Cmp::Ugt, b, bits);
            let s = x.lshr(a, sh);
            let c = x.bit(s, 0);
            x.select(big, zero, c)
        }
        (CcOp::Shl, Flag::OF) => {
            let cf = flag_of(x, r, Flag::CF);
            let sf = sign(x, res);
            x.xor(cf, sf)
        }
        (CcOp::Shr, Flag::CF) | (CcOp::Sar, Flag::CF) => {
            let one = x.iconst(ty, 1);
            let sh = x.sub(b, one);
            let big = x.cmpk(Cmp::Uge, sh, bits);
            let s = if op == CcOp::Shr {
                x.lshr(a, sh)
            } else {
                x.ashr(a, sh)
            };
            let c = x.bit(s, 0);
            let out = if op == CcOp::Shr { zero } else { sign(x, a) };
            x.select(big, out, c)
        }
        (CcOp::Shr, Flag::OF) => sign(x, a),
        (CcOp::Sar, Flag::OF) => zero,
        (CcOp::Shl | CcOp::Shr | CcOp::Sar, Flag::AF) => zero,
        (CcOp::Mul, Flag::CF | Flag::OF) => {
            let t = x.ty(aux);
            let z = x.iconst(t, 0);
            x.cmp(Cmp::Ne, aux, z)
        }
        (CcOp::Mul, _) => zero,
        _ => zero,
    }
}

/// All six flags of a record, as an EFLAGS-shaped I64.
pub fn eflags_of<A: Arith>(x: &mut A, r: &Record<A::V>) -> A::V {
    if r.op == CcOp::Eflags {
        let v = x.zext_to(Ty::I64, r.res);
        return x.andk(v, ARITH_FLAGS);
    }
    let mut acc = x.iconst(Ty::I64, 0);
    for f in ALL_FLAGS {
        let b = flag_of(x, r, f);
        let b = x.zext_to(Ty::I64, b);
        let b = x.shlk(b, f as u64);
        acc = x.or(acc, b);
    }
    acc
}
