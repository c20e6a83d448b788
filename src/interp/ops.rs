//! The interpreter's arithmetic: each [`Emit`](crate::emit::Emit) operation on concrete values.
//! Also used by helpers that need the same semantics outside a block.

use super::Val;
use crate::emit::{BinOp, Cmp, Conv, FCmp, Ty, UnOp};

fn v(bits: u64, ty: Ty) -> Val {
    Val {
        bits: bits & ty.mask(),
        ty,
    }
}

fn sx(x: Val) -> i64 {
    let sh = 64 - x.ty.bits();
    ((x.bits << sh) as i64) >> sh
}

fn f64_of(x: Val) -> f64 {
    f64::from_bits(x.bits)
}
fn f32_of(x: Val) -> f32 {
    f32::from_bits(x.bits as u32)
}

fn fbin(op: BinOp, a: Val, b: Val) -> Val {
    if a.ty == Ty::F64 {
        let (x, y) = (f64_of(a), f64_of(b));
        let r = match op {
            BinOp::FAdd => x + y,
            BinOp::FSub => x - y,
            BinOp::FMul => x * y,
            _ => x / y,
        };
        v(r.to_bits(), Ty::F64)
    } else {
        let (x, y) = (f32_of(a), f32_of(b));
        let r = match op {
            BinOp::FAdd => x + y,
            BinOp::FSub => x - y,
            BinOp::FMul => x * y,
            _ => x / y,
        };
        v(r.to_bits() as u64, Ty::F32)
    }
}

pub fn bin(op: BinOp, a: Val, b: Val) -> Val {
    let t = a.ty;
    let bits = t.bits();
    let amt = (b.bits & (bits as u64 - 1)) as u32;
    let r = match op {
        BinOp::Add => a.bits.wrapping_add(b.bits),
        BinOp::Sub => a.bits.wrapping_sub(b.bits),
        BinOp::Mul => a.bits.wrapping_mul(b.bits),
        BinOp::UMulHi => ((a.bits as u128 * b.bits as u128) >> bits) as u64,
        BinOp::SMulHi => ((sx(a) as i128 * sx(b) as i128) >> bits) as u64,
        BinOp::UDiv => a.bits.checked_div(b.bits).unwrap_or(0),
        BinOp::URem => a.bits.checked_rem(b.bits).unwrap_or(0),
        BinOp::SDiv => sx(a).checked_div(sx(b)).unwrap_or(0) as u64,
        BinOp::SRem => sx(a).checked_rem(sx(b)).unwrap_or(0) as u64,
        BinOp::And => a.bits & b.bits,
        BinOp::Or => a.bits | b.bits,
        BinOp::Xor => a.bits ^ b.bits,
        BinOp::Shl => a.bits << amt,
        BinOp::LShr => a.bits >> amt,
        BinOp::AShr => (sx(a) >> amt) as u64,
        BinOp::Rotl | BinOp::Rotr => {
            let amt = if op == BinOp::Rotr {
                (bits - amt) % bits
            } else {
                amt
            };
            if amt == 0 {
                a.bits
            } else {
                (a.bits << amt) | (a.bits >> (bits - amt))
            }
        }
        BinOp::FAdd | BinOp::FSub | BinOp::FMul | BinOp::FDiv => return fbin(op, a, b),
    };
    v(r, t)
}

pub fn un(op: UnOp, a: Val) -> Val {
    let t = a.ty;
    let bits = t.bits();
    let r = match op {
        UnOp::Not => !a.bits,
        UnOp::Neg => a.bits.wrapping_neg(),
        UnOp::Clz => {
            if a.bits == 0 {
                bits as u64
            } else {
                (a.bits.leading_zeros() - (64 - bits)) as u64
            }
        }
        UnOp::Ctz => {
            if a.bits == 0 {
                bits as u64
            } else {
                a.bits.trailing_zeros() as u64
            }
        }
        UnOp::Popcnt => a.bits.count_ones() as u64,
        UnOp::Bswap => match bits {
            16 => (a.bits as u16).swap_bytes() as u64,
            32 => (a.bits as u32).swap_bytes() as u64,
            64 => a.bits.swap_bytes(),
            _ => a.bits,
        },
        UnOp::FNeg => a.bits ^ (1u64 << (bits - 1)),
        UnOp::FAbs => a.bits & !(1u64 << (bits - 1)),
        UnOp::FSqrt => {
            if t == Ty::F64 {
                f64_of(a).sqrt().to_bits()
            } else {
                f32_of(a).sqrt().to_bits() as u64
            }
        }
    };
    v(r, t)
}

pub fn cmp(cc: Cmp, a: Val, b: Val) -> Val {
    let (x, y) = (a.bits, b.bits);
    let (sxa, sxb) = (sx(a), sx(b));
    let r = match cc {
        Cmp::Eq => x == y,
        Cmp::Ne => x != y,
        Cmp::Ult => x < y,
        Cmp::Ule => x <= y,
        Cmp::Ugt => x > y,
        Cmp::Uge => x >= y,
        Cmp::Slt => sxa < sxb,
        Cmp::Sle => sxa <= sxb,
        Cmp::Sgt => sxa > sxb,
        Cmp::Sge => sxa >= sxb,
    };
    v(r as u64, Ty::I8)
}

pub fn fcmp(cc: FCmp, a: Val, b: Val) -> Val {
    let (x, y) = if a.ty == Ty::F64 {
        (f64_of(a), f64_of(b))
    } else {
        (f32_of(a) as f64, f32_of(b) as f64)
    };
    let r = match cc {
        FCmp::Eq => x == y,
        FCmp::Lt => x < y,
        FCmp::Le => x <= y,
        FCmp::Unordered => x.is_nan() || y.is_nan(),
    };
    v(r as u64, Ty::I8)
}

pub fn conv(op: Conv, to: Ty, a: Val) -> Val {
    match op {
        Conv::Uext | Conv::Trunc | Conv::Bitcast => v(a.bits, to),
        Conv::Sext => v(sx(a) as u64, to),
        Conv::SIntToF => {
            let i = sx(a);
            if to == Ty::F64 {
                v((i as f64).to_bits(), to)
            } else {
                v((i as f32).to_bits() as u64, to)
            }
        }
        Conv::FToSIntTrunc => {
            let x = if a.ty == Ty::F64 {
                f64_of(a)
            } else {
                f32_of(a) as f64
            };
            let lim = 2f64.powi(to.bits() as i32 - 1);
            if x >= -lim && x < lim {
                v(x as i64 as u64, to)
            } else {
                v(1u64 << (to.bits() - 1), to)
            }
        }
        Conv::FConvert => match (a.ty, to) {
            (Ty::F32, Ty::F64) => v((f32_of(a) as f64).to_bits(), to),
            (Ty::F64, Ty::F32) => v((f64_of(a) as f32).to_bits() as u64, to),
            _ => a,
        },
    }
}
