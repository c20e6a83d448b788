//! Runtime helpers for SSE/SSE2: the packed integer operations that would take too many scalar
//! IR operations to emit inline, and float-to-integer conversion under an MXCSR rounding mode.
//!
//! Every packed operation is a plain Rust function on two 128-bit values (`u128`, element 0 in
//! the low bits) and an 8-bit immediate, listed once in [`packed_ops!`]; the lifter names one by
//! its [`PackedOp`] and passes xmm register indices. Index 16 names the state's `tmp` field,
//! where the lifter puts a memory source (or a shift count taken from an immediate).
//!
//! Weak spot: SIMD operations run one element at a time here, which is slower than the host's
//! own vector instructions.

use super::state::X86State;
use crate::emit::Helper;

fn state<'a>(p: *mut u8) -> &'a mut X86State {
    // SAFETY: x86 helpers are only ever called with a pointer to the X86State they were emitted
    // for (the JIT passes its state parameter, the interpreter its state pointer).
    unsafe { &mut *(p as *mut X86State) }
}

/// The operand index that names the state's `tmp` field instead of an xmm register.
pub const TMP_INDEX: u64 = 16;

fn read(s: &X86State, idx: u64) -> u128 {
    let q = match idx {
        0..=15 => s.xmm[idx as usize],
        TMP_INDEX => s.tmp,
        _ => [0, 0],
    };
    q[0] as u128 | (q[1] as u128) << 64
}

fn write(s: &mut X86State, idx: u64, v: u128) {
    if let Some(x) = s.xmm.get_mut(idx as usize) {
        *x = [v as u64, (v >> 64) as u64];
    }
}

// ---- element access ----

fn mask(w: u32) -> u64 {
    if w == 64 {
        u64::MAX
    } else {
        (1 << w) - 1
    }
}

/// Element `i` of width `w` bits, zero-extended.
fn el(x: u128, w: u32, i: u32) -> u64 {
    (x >> (i * w)) as u64 & mask(w)
}

/// Builds a value from `128 / w` elements produced by `f(i)`.
fn build(w: u32, f: impl Fn(u32) -> u64) -> u128 {
    (0..128 / w).fold(0, |r, i| r | ((f(i) & mask(w)) as u128) << (i * w))
}

/// Applies `f` element-wise to `a` and `b`.
fn map2(a: u128, b: u128, w: u32, f: impl Fn(u64, u64) -> u64) -> u128 {
    build(w, |i| f(el(a, w, i), el(b, w, i)))
}

/// Sign-extends the low `w` bits.
fn sx(x: u64, w: u32) -> i64 {
    ((x << (64 - w)) as i64) >> (64 - w)
}

fn sat_signed(v: i64, w: u32) -> u64 {
    let lim = 1i64 << (w - 1);
    v.clamp(-lim, lim - 1) as u64
}

fn sat_unsigned(v: i64, w: u32) -> u64 {
    v.clamp(0, mask(w) as i64) as u64
}

fn all_ones_if(c: bool) -> u64 {
    if c {
        u64::MAX
    } else {
        0
    }
}

// ---- operation families ----

/// Interleaves the low (or high) halves of `a` and `b`: a0 b0 a1 b1 …
fn unpack(a: u128, b: u128, w: u32, high: bool) -> u128 {
    let base = if high { 64 / w } else { 0 };
    build(w, |i| {
        let src = if i % 2 == 0 { a } else { b };
        el(src, w, base + i / 2)
    })
}

/// Packs the elements of `a` then `b` (width `w`, signed) into half-width saturated elements.
fn pack(a: u128, b: u128, w: u32, signed_result: bool) -> u128 {
    let n = 128 / w;
    build(w / 2, |i| {
        let src = if i < n { a } else { b };
        let v = sx(el(src, w, i % n), w);
        if signed_result {
            sat_signed(v, w / 2)
        } else {
            sat_unsigned(v, w / 2)
        }
    })
}

#[derive(Clone, Copy)]
enum Shift {
    Left,
    Logical,
    Arith,
}

/// Shifts each element by the count in the low quadword of `s`; counts past the width give
/// zero (or the sign, for arithmetic shifts).
fn shift(d: u128, s: u128, w: u32, kind: Shift) -> u128 {
    let count = s as u64;
    build(w, |i| {
        let x = el(d, w, i);
        match kind {
            Shift::Left if count < w as u64 => x << count,
            Shift::Logical if count < w as u64 => x >> count,
            Shift::Left | Shift::Logical => 0,
            Shift::Arith => (sx(x, w) >> count.min(w as u64 - 1)) as u64,
        }
    })
}

/// Picks four elements of width `w` starting at element `first` of `s` by the 2-bit fields of
/// `imm`, keeping the rest of `keep`.
fn shuffle4(keep: u128, s: u128, w: u32, first: u32, imm: u8) -> u128 {
    build(w, |i| {
        if i >= first && i < first + 4 {
            el(s, w, first + ((imm as u32 >> (2 * (i - first))) & 3))
        } else {
            el(keep, w, i)
        }
    })
}

fn psadbw(a: u128, b: u128) -> u128 {
    build(64, |q| {
        (0..8)
            .map(|j| el(a, 8, q * 8 + j).abs_diff(el(b, 8, q * 8 + j)))
            .sum()
    })
}

fn pmaddwd(a: u128, b: u128) -> u128 {
    build(32, |i| {
        let p = |k: u32| sx(el(a, 16, k), 16) * sx(el(b, 16, k), 16);
        p(2 * i).wrapping_add(p(2 * i + 1)) as u64
    })
}

fn shufps(d: u128, s: u128, imm: u8) -> u128 {
    build(32, |i| {
        let src = if i < 2 { d } else { s };
        el(src, 32, (imm as u32 >> (2 * i)) & 3)
    })
}

fn byte_shift(d: u128, imm: u8, left: bool) -> u128 {
    match (imm, left) {
        (16.., _) => 0,
        (n, true) => d << (8 * n as u32),
        (n, false) => d >> (8 * n as u32),
    }
}

type PackedFn = fn(u128, u128, u8) -> u128;

/// Declares the packed operations once: the enum the lifter names them by and the table the
/// helper dispatches through, in the same order.
macro_rules! packed_ops {
    ($($name:ident: |$d:ident, $s:ident, $imm:ident| $body:expr;)*) => {
        /// A packed operation of [`SSE_OP`]: `dst = op(dst, src, imm)`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum PackedOp { $($name),* }
        static OPS: &[PackedFn] = &[$({
            #[allow(unused_variables)]
            fn f($d: u128, $s: u128, $imm: u8) -> u128 { $body }
            f
        }),*];
    };
}

packed_ops! {
    Paddb: |d, s, i| map2(d, s, 8, u64::wrapping_add);
    Paddw: |d, s, i| map2(d, s, 16, u64::wrapping_add);
    Paddd: |d, s, i| map2(d, s, 32, u64::wrapping_add);
    Psubb: |d, s, i| map2(d, s, 8, u64::wrapping_sub);
    Psubw: |d, s, i| map2(d, s, 16, u64::wrapping_sub);
    Psubd: |d, s, i| map2(d, s, 32, u64::wrapping_sub);
    Paddsb: |d, s, i| map2(d, s, 8, |x, y| sat_signed(sx(x, 8) + sx(y, 8), 8));
    Paddsw: |d, s, i| map2(d, s, 16, |x, y| sat_signed(sx(x, 16) + sx(y, 16), 16));
    Psubsb: |d, s, i| map2(d, s, 8, |x, y| sat_signed(sx(x, 8) - sx(y, 8), 8));
    Psubsw: |d, s, i| map2(d, s, 16, |x, y| sat_signed(sx(x, 16) - sx(y, 16), 16));
    Paddusb: |d, s, i| map2(d, s, 8, |x, y| sat_unsigned((x + y) as i64, 8));
    Paddusw: |d, s, i| map2(d, s, 16, |x, y| sat_unsigned((x + y) as i64, 16));
    Psubusb: |d, s, i| map2(d, s, 8, u64::saturating_sub);
    Psubusw: |d, s, i| map2(d, s, 16, u64::saturating_sub);
    Pcmpeqb: |d, s, i| map2(d, s, 8, |x, y| all_ones_if(x == y));
    Pcmpeqw: |d, s, i| map2(d, s, 16, |x, y| all_ones_if(x == y));
    Pcmpeqd: |d, s, i| map2(d, s, 32, |x, y| all_ones_if(x == y));
    Pcmpgtb: |d, s, i| map2(d, s, 8, |x, y| all_ones_if(sx(x, 8) > sx(y, 8)));
    Pcmpgtw: |d, s, i| map2(d, s, 16, |x, y| all_ones_if(sx(x, 16) > sx(y, 16)));
    Pcmpgtd: |d, s, i| map2(d, s, 32, |x, y| all_ones_if(sx(x, 32) > sx(y, 32)));
    Pminub: |d, s, i| map2(d, s, 8, u64::min);
    Pmaxub: |d, s, i| map2(d, s, 8, u64::max);
    Pminsw: |d, s, i| map2(d, s, 16, |x, y| sx(x, 16).min(sx(y, 16)) as u64);
    Pmaxsw: |d, s, i| map2(d, s, 16, |x, y| sx(x, 16).max(sx(y, 16)) as u64);
    Pavgb: |d, s, i| map2(d, s, 8, |x, y| (x + y + 1) >> 1);
    Pavgw: |d, s, i| map2(d, s, 16, |x, y| (x + y + 1) >> 1);
    Pmullw: |d, s, i| map2(d, s, 16, |x, y| x * y);
    Pmulhw: |d, s, i| map2(d, s, 16, |x, y| ((sx(x, 16) * sx(y, 16)) >> 16) as u64);
    Pmulhuw: |d, s, i| map2(d, s, 16, |x, y| (x * y) >> 16);
    Pmuludq: |d, s, i| map2(d, s, 64, |x, y| (x & 0xffff_ffff) * (y & 0xffff_ffff));
    Pmaddwd: |d, s, i| pmaddwd(d, s);
    Psadbw: |d, s, i| psadbw(d, s);
    Punpcklbw: |d, s, i| unpack(d, s, 8, false);
    Punpcklwd: |d, s, i| unpack(d, s, 16, false);
    Punpckldq: |d, s, i| unpack(d, s, 32, false);
    Punpckhbw: |d, s, i| unpack(d, s, 8, true);
    Punpckhwd: |d, s, i| unpack(d, s, 16, true);
    Punpckhdq: |d, s, i| unpack(d, s, 32, true);
    Packsswb: |d, s, i| pack(d, s, 16, true);
    Packssdw: |d, s, i| pack(d, s, 32, true);
    Packuswb: |d, s, i| pack(d, s, 16, false);
    Pshufd: |d, s, i| shuffle4(s, s, 32, 0, i);
    Pshuflw: |d, s, i| shuffle4(s, s, 16, 0, i);
    Pshufhw: |d, s, i| shuffle4(s, s, 16, 4, i);
    Shufps: |d, s, i| shufps(d, s, i);
    Psllw: |d, s, i| shift(d, s, 16, Shift::Left);
    Pslld: |d, s, i| shift(d, s, 32, Shift::Left);
    Psllq: |d, s, i| shift(d, s, 64, Shift::Left);
    Psrlw: |d, s, i| shift(d, s, 16, Shift::Logical);
    Psrld: |d, s, i| shift(d, s, 32, Shift::Logical);
    Psrlq: |d, s, i| shift(d, s, 64, Shift::Logical);
    Psraw: |d, s, i| shift(d, s, 16, Shift::Arith);
    Psrad: |d, s, i| shift(d, s, 32, Shift::Arith);
    Pslldq: |d, s, i| byte_shift(d, i, true);
    Psrldq: |d, s, i| byte_shift(d, i, false);
}

/// Computes a packed operation on plain values (what [`SSE_OP`] does to the registers).
pub fn packed(op: PackedOp, d: u128, s: u128, imm: u8) -> u128 {
    OPS[op as usize](d, s, imm)
}

/// The first argument of [`SSE_OP`] for `op` with immediate `imm`.
pub fn packed_arg(op: PackedOp, imm: u8) -> u64 {
    op as u64 | (imm as u64) << 8
}

unsafe extern "C" fn sse_op(p: *mut u8, op_imm: u64, dst: u64, src: u64) -> u64 {
    let s = state(p);
    if let Some(f) = OPS.get((op_imm & 0xff) as usize) {
        let r = f(read(s, dst), read(s, src), (op_imm >> 8) as u8);
        write(s, dst, r);
    }
    0
}

/// `xmm[b] = op(xmm[b], xmm_or_tmp[c], imm)` with `a` = [`packed_arg`]`(op, imm)`.
pub static SSE_OP: Helper = Helper {
    name: "x86_sse_op",
    func: sse_op,
    reads_state: true,
    writes_state: true,
};

/// Rounds a float (`f64` bits, or `f32` bits when `single`) to a signed integer of `bits` bits
/// under MXCSR rounding control `rc` (0 nearest-even, 1 down, 2 up, 3 toward zero). NaN and
/// out-of-range values give the integer indefinite (the most negative value).
pub fn float_to_int(x: u64, single: bool, bits: u32, rc: u64) -> u64 {
    let f = if single {
        f32::from_bits(x as u32) as f64
    } else {
        f64::from_bits(x)
    };
    let r = match rc & 3 {
        0 => f.round_ties_even(),
        1 => f.floor(),
        2 => f.ceil(),
        _ => f.trunc(),
    };
    let lim = 2f64.powi(bits as i32 - 1);
    let v = if r >= -lim && r < lim {
        r as i64 as u64
    } else {
        1u64 << (bits - 1)
    };
    v & mask(bits)
}

unsafe extern "C" fn cvt_f2i(_: *mut u8, x: u64, kind: u64, mxcsr: u64) -> u64 {
    float_to_int(
        x,
        kind & 1 != 0,
        if kind & 2 != 0 { 64 } else { 32 },
        mxcsr >> 13,
    )
}

/// [`float_to_int`] of `a` with `b` = single (bit 0) | 64-bit result (bit 1), `c` = MXCSR.
pub static CVT_F2I: Helper = Helper {
    name: "x86_cvt_f2i",
    func: cvt_f2i,
    reads_state: false,
    writes_state: false,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_families() {
        let a = 0x78563412_aa5500fe_40302010_7fff8001u128;
        let b = 0x77570012_55aafffe_50301020_80017f01u128;
        // Values from testcases/x86_64/asm/sse.S (checked on hardware).
        let hx = |lo: u64, hi: u64| lo as u128 | (hi as u128) << 64;
        assert_eq!(
            packed(PackedOp::Pcmpgtb, a, b, 0),
            hx(0x0000ff00ff000000, 0xff00ff0000ffff00)
        );
        assert_eq!(
            packed(PackedOp::Packuswb, a, b, 0),
            hx(0xffff00feffffff00, 0xff12ff00ffff00ff)
        );
        assert_eq!(
            packed(PackedOp::Pmuludq, a, b, 0),
            hx(0x40007f804080ff01, 0x3900001aaafffe04)
        );
        assert_eq!(
            packed(PackedOp::Punpckhwd, a, b, 0),
            hx(0x55aaaa55fffe00fe, 0x7757785600123412)
        );
        assert_eq!(
            packed(PackedOp::Pshufhw, a, b, 0x1b),
            hx(0x5030102080017f01, 0xfffe55aa00127757)
        );
        assert_eq!(
            packed(PackedOp::Shufps, a, b, 0xb1),
            hx(0x7fff800140302010, 0x55aafffe77570012)
        );
        assert_eq!(
            packed(PackedOp::Psraw, a, 200, 0),
            hx(0x000000000000ffff, 0x00000000ffff0000)
        );
        assert_eq!(
            packed(PackedOp::Pslldq, a, 0, 7),
            hx(0x0100000000000000, 0xfe403020107fff80)
        );
    }

    #[test]
    fn rounding() {
        let d = |f: f64| f.to_bits();
        assert_eq!(float_to_int(d(2.5), false, 32, 0), 2);
        assert_eq!(float_to_int(d(-3.5), false, 64, 0), (-4i64) as u64);
        assert_eq!(float_to_int(d(2.5), false, 32, 1), 2);
        assert_eq!(float_to_int(d(2.5), false, 32, 2), 3);
        assert_eq!(float_to_int(d(-2.5), false, 32, 3), 0xffff_fffe);
        assert_eq!(float_to_int(d(2147483647.6), false, 32, 0), 0x8000_0000);
        assert_eq!(float_to_int(d(f64::NAN), false, 64, 0), 1 << 63);
        assert_eq!(
            float_to_int((-2.5f32).to_bits() as u64, true, 32, 0),
            0xffff_fffe
        );
    }
}
