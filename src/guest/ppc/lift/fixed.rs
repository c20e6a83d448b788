//! Fixed-point instructions (Power ISA Book I, chapter 3): add/subtract with carry and overflow,
//! multiply, divide, logical, rotate and shift, count and extend, compare, `isel`, `popcntb`,
//! `cmpb`.
//!
//! Results are computed at the register width ([`Cx::word`]). The word instructions (`mullw`,
//! `divw`, `slw`, `rlwinm`, ...) work on the low 32 bits; on a 64-bit guest their results are
//! extended as the ISA says (sign for `sraw`/`srawi`/`extsb`/`extsh`, the rotated word in both
//! halves for `rlw*`, zero elsewhere, including the high halves the ISA leaves undefined).
//! XER[CA] and XER[OV] are computed only by the forms that write them; XER's 32-bit CA32/OV32
//! copies of ISA 3.0 are not modelled. `divw`/`divwu` by zero and `0x80000000 / -1` give the
//! dividend, as qemu-ppc does: the divisor is replaced by 1 with a `select`, so no backend ever
//! sees a trapping division.
//!
//! The 64-bit-only instructions (`mulld`, `divd`, `rld*`, `sld`, `srad`, `extsw`, ...) are
//! decoded for 64-bit guests only and computed at I64. The pure ISA 3.0/3.1 additions (`mod*`,
//! `setb`, `setbc` and friends, `addpcis`, `cmpeqb`, `br*`, `prty*`) are here for any guest
//! (qemu's 750 would raise SIGILL for them; glibc does not use them on ppc32). Not here yet:
//! `divwe`/`divde`, `addex`, `cmprb` and `mcrxrx` (XER's OV32/CA32 are not modelled); they
//! raise SIGILL.

use super::Cx;
use crate::emit::{ArithExt, BinOp, Cmp, Emit, Ty, UnOp};
use crate::guest::ppc::insns::Op;

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>, op: Op) -> bool {
    use AddB::*;
    use CarryIn::*;
    match op {
        Op::Add => add_family(cx, false, Rb, Zero, false),
        Op::Addc => add_family(cx, false, Rb, Zero, true),
        Op::Adde => add_family(cx, false, Rb, Ca, true),
        Op::Addme => add_family(cx, false, Ones, Ca, true),
        Op::Addze => add_family(cx, false, Nothing, Ca, true),
        Op::Subf => add_family(cx, true, Rb, One, false),
        Op::Subfc => add_family(cx, true, Rb, One, true),
        Op::Subfe => add_family(cx, true, Rb, Ca, true),
        Op::Subfme => add_family(cx, true, Ones, Ca, true),
        Op::Subfze => add_family(cx, true, Nothing, Ca, true),
        Op::Neg => add_family(cx, true, Nothing, One, false),
        Op::Addi => addi(cx, 0),
        Op::Addis => addi(cx, 16),
        Op::Addic => addic(cx, false),
        Op::AddicDot => addic(cx, true),
        Op::Subfic => subfic(cx),
        Op::Mulli => mulli(cx),
        Op::Mullw => mullw(cx),
        Op::Mulhw => mulhw(cx, BinOp::SMulHi),
        Op::Mulhwu => mulhw(cx, BinOp::UMulHi),
        Op::Divw => div(cx, Ty::I32, true),
        Op::Divwu => div(cx, Ty::I32, false),
        Op::And | Op::Or | Op::Xor | Op::Nand | Op::Nor | Op::Eqv | Op::Andc | Op::Orc => {
            logical(cx, op)
        }
        Op::AndiDot => andi(cx, 0),
        Op::AndisDot => andi(cx, 16),
        Op::Ori => logical_imm(cx, BinOp::Or, 0),
        Op::Oris => logical_imm(cx, BinOp::Or, 16),
        Op::Xori => logical_imm(cx, BinOp::Xor, 0),
        Op::Xoris => logical_imm(cx, BinOp::Xor, 16),
        Op::Rlwinm => rlwinm(cx),
        Op::Rlwnm => rlwnm(cx),
        Op::Rlwimi => rlwimi(cx),
        Op::Slw => shift_word(cx, BinOp::Shl),
        Op::Srw => shift_word(cx, BinOp::LShr),
        Op::Sraw => sraw(cx),
        Op::Srawi => srawi(cx),
        Op::Cntlzw => count_word(cx, UnOp::Clz),
        Op::Cnttzw => count_word(cx, UnOp::Ctz),
        Op::Popcntw => popcntw(cx),
        Op::Extsb => exts(cx, Ty::I8),
        Op::Extsh => exts(cx, Ty::I16),
        Op::Cmp => cmp(cx, true),
        Op::Cmpl => cmp(cx, false),
        Op::Cmpi => cmpi(cx, true),
        Op::Cmpli => cmpi(cx, false),
        Op::Isel => isel(cx),
        Op::Popcntb => popcntb(cx),
        Op::Cmpb => cmpb(cx),
        // ISA 3.0 / 3.1 additions.
        Op::Modsw => modulo(cx, Ty::I32, true),
        Op::Moduw => modulo(cx, Ty::I32, false),
        Op::Setb => setb(cx),
        Op::Setbc | Op::Setbcr | Op::Setnbc | Op::Setnbcr => setbc(cx, op),
        Op::Addpcis => addpcis(cx),
        Op::Cmpeqb => cmpeqb(cx),
        Op::Brw | Op::Brh | Op::Brd => byte_reverse(cx, op),
        Op::Prtyw | Op::Prtyd => parity(cx, op),
        // 64-bit only (decoded for ppc64 guests alone, where the word is I64).
        Op::Modsd => modulo(cx, Ty::I64, true),
        Op::Modud => modulo(cx, Ty::I64, false),
        Op::Mulld => mulld(cx),
        Op::Mulhd => mulhd(cx, BinOp::SMulHi),
        Op::Mulhdu => mulhd(cx, BinOp::UMulHi),
        Op::Divd => div(cx, Ty::I64, true),
        Op::Divdu => div(cx, Ty::I64, false),
        Op::Rldicl | Op::Rldicr | Op::Rldic | Op::Rldimi | Op::Rldcl | Op::Rldcr => rld(cx, op),
        Op::Sld => shift_dword(cx, BinOp::Shl),
        Op::Srd => shift_dword(cx, BinOp::LShr),
        Op::Srad => srad(cx),
        Op::Sradi => sradi(cx),
        Op::Extsw => exts(cx, Ty::I32),
        Op::Extswsli => extswsli(cx),
        Op::Cntlzd => count_dword(cx, UnOp::Clz),
        Op::Cnttzd => count_dword(cx, UnOp::Ctz),
        Op::Popcntd => popcntd(cx),
        _ => return false,
    }
    true
}

// ---- helpers ----

/// The low 32 bits of a register-width value.
fn lo32<E: Emit>(cx: &mut Cx<'_, E>, v: E::V) -> E::V {
    cx.e.zext_to(Ty::I32, v)
}

/// GPR `n`'s low word.
fn gpr32<E: Emit>(cx: &mut Cx<'_, E>, n: u32) -> E::V {
    let v = cx.gpr(n);
    lo32(cx, v)
}

/// A constant repeating byte `b` over the register width.
fn bytes<E: Emit>(cx: &mut Cx<'_, E>, b: u8) -> E::V {
    cx.k(u64::from_ne_bytes([b; 8]))
}

/// `a + b (+ cin)` at the register width, with the carry out and the signed overflow when asked.
fn add_with<E: Emit>(
    cx: &mut Cx<'_, E>,
    a: E::V,
    b: E::V,
    cin: Option<E::V>,
    want_ca: bool,
    want_ov: bool,
) -> (E::V, Option<E::V>, Option<E::V>) {
    let t = cx.e.add(a, b);
    let (res, ca) = match cin {
        None => {
            let ca = want_ca.then(|| cx.e.cmp(Cmp::Ult, t, a));
            (t, ca)
        }
        Some(c) => {
            let c = cx.e.zext_to(cx.word, c);
            let res = cx.e.add(t, c);
            let ca = want_ca.then(|| {
                let c1 = cx.e.cmp(Cmp::Ult, t, a);
                let c2 = cx.e.cmp(Cmp::Ult, res, t);
                cx.e.or(c1, c2)
            });
            (res, ca)
        }
    };
    let ov = want_ov.then(|| {
        // Overflow iff both operands differ in sign from the result.
        let x = cx.e.xor(a, res);
        let y = cx.e.xor(b, res);
        let z = cx.e.and(x, y);
        cx.e.cmpk(Cmp::Slt, z, 0)
    });
    (res, ca, ov)
}

/// The second addend of the XO-form add/subtract family.
#[derive(Clone, Copy)]
enum AddB {
    Rb,
    /// 0 (`addze`, `subfze`, `neg`).
    Nothing,
    /// -1 (`addme`, `subfme`).
    Ones,
}

/// The carry into the XO-form add/subtract family.
#[derive(Clone, Copy)]
enum CarryIn {
    Zero,
    One,
    Ca,
}

/// `rt = (not_a ? ~ra : ra) + b + cin`: every XO-form add and subtract, with OE and Rc.
fn add_family<E: Emit>(cx: &mut Cx<'_, E>, not_a: bool, b: AddB, cin: CarryIn, sets_ca: bool) {
    let i = cx.i;
    let mut a = cx.gpr(i.ra());
    if not_a {
        a = cx.e.not(a);
    }
    let b = match b {
        AddB::Rb => cx.gpr(i.rb()),
        AddB::Nothing => cx.k(0),
        AddB::Ones => cx.k(u64::MAX),
    };
    let cin = match cin {
        CarryIn::Zero => None,
        CarryIn::One => Some(cx.k(1)),
        CarryIn::Ca => Some(cx.ca()),
    };
    let (res, ca, ov) = add_with(cx, a, b, cin, sets_ca, i.oe());
    cx.set_gpr(i.rt(), res);
    if let Some(ca) = ca {
        cx.set_ca(ca);
    }
    if let Some(ov) = ov {
        cx.set_ov(ov);
    }
    cx.rc(res);
}

// ---- immediates ----

/// `addi`/`addis`: `rt = (RA|0) + (si << shift)`.
fn addi<E: Emit>(cx: &mut Cx<'_, E>, shift: u32) {
    let i = cx.i;
    let a = cx.gpr_or_zero(i.ra());
    let r = cx.e.addk(a, ((i.si() as i64) << shift) as u64);
    cx.set_gpr(i.rt(), r);
}

/// `addic`/`addic.`: add an immediate, setting CA (and CR0 for the dot form).
fn addic<E: Emit>(cx: &mut Cx<'_, E>, record: bool) {
    let i = cx.i;
    let a = cx.gpr(i.ra());
    let b = cx.k(i.si() as i64 as u64);
    let (res, ca, _) = add_with(cx, a, b, None, true, false);
    cx.set_gpr(i.rt(), res);
    if let Some(ca) = ca {
        cx.set_ca(ca);
    }
    if record {
        cx.set_cr0(res);
    }
}

/// `subfic`: `rt = ~ra + si + 1`, setting CA.
fn subfic<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let a = cx.gpr(i.ra());
    let a = cx.e.not(a);
    let b = cx.k(i.si() as i64 as u64);
    let one = cx.k(1);
    let (res, ca, _) = add_with(cx, a, b, Some(one), true, false);
    cx.set_gpr(i.rt(), res);
    if let Some(ca) = ca {
        cx.set_ca(ca);
    }
}

// ---- multiply and divide ----

fn mulli<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let a = cx.gpr(i.ra());
    let b = cx.k(i.si() as i64 as u64);
    let r = cx.e.bin(BinOp::Mul, a, b);
    cx.set_gpr(i.rt(), r);
}

/// `mullw`: the product of the low words; OE: the product does not fit a signed word.
fn mullw<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let a = gpr32(cx, i.ra());
    let b = gpr32(cx, i.rb());
    let (res, ov) = if cx.word == Ty::I32 {
        let lo = cx.e.bin(BinOp::Mul, a, b);
        let ov = i.oe().then(|| {
            let hi = cx.e.bin(BinOp::SMulHi, a, b);
            let k31 = cx.e.iconst(Ty::I32, 31);
            let sign = cx.e.ashr(lo, k31);
            cx.e.cmp(Cmp::Ne, hi, sign)
        });
        (lo, ov)
    } else {
        let a = cx.e.sext_to(cx.word, a);
        let b = cx.e.sext_to(cx.word, b);
        let p = cx.e.bin(BinOp::Mul, a, b);
        let ov = i.oe().then(|| {
            let lo = cx.e.sext_to(Ty::I32, p);
            let back = cx.e.sext_to(cx.word, lo);
            cx.e.cmp(Cmp::Ne, p, back)
        });
        (p, ov)
    };
    cx.set_gpr(i.rt(), res);
    if let Some(ov) = ov {
        cx.set_ov(ov);
    }
    let res = cx.e.zext_to(cx.word, res);
    cx.rc(res);
}

/// `mulhw`/`mulhwu`: the high word of the 64-bit product of the low words.
fn mulhw<E: Emit>(cx: &mut Cx<'_, E>, op: BinOp) {
    let i = cx.i;
    let a = gpr32(cx, i.ra());
    let b = gpr32(cx, i.rb());
    let hi = cx.e.bin(op, a, b);
    let res = cx.e.zext_to(cx.word, hi);
    cx.set_gpr(i.rt(), res);
    cx.rc(res);
}

/// `divw`/`divwu` (`ty` I32) and `divd`/`divdu` (I64). Division by zero (and the most negative
/// value by -1, signed) is undefined; like qemu-ppc the result is then the dividend (and OE sets
/// OV).
fn div<E: Emit>(cx: &mut Cx<'_, E>, ty: Ty, signed: bool) {
    let i = cx.i;
    let a = cx.gpr(i.ra());
    let a = cx.e.zext_to(ty, a);
    let b = cx.gpr(i.rb());
    let b = cx.e.zext_to(ty, b);
    let mut bad = cx.e.cmpk(Cmp::Eq, b, 0);
    if signed {
        let min = cx.e.cmpk(Cmp::Eq, a, 1 << (ty.bits() - 1));
        let m1 = cx.e.cmpk(Cmp::Eq, b, ty.mask());
        let ovf = cx.e.and(min, m1);
        bad = cx.e.or(bad, ovf);
    }
    let one = cx.e.iconst(ty, 1);
    let d = cx.e.select(bad, one, b);
    let q =
        cx.e.bin(if signed { BinOp::SDiv } else { BinOp::UDiv }, a, d);
    let res = cx.e.zext_to(cx.word, q);
    cx.set_gpr(i.rt(), res);
    if i.oe() {
        cx.set_ov(bad);
    }
    cx.rc(res);
}

// ---- logical ----

/// The X-form logical operations: `ra = rs op rb`.
fn logical<E: Emit>(cx: &mut Cx<'_, E>, op: Op) {
    let i = cx.i;
    let s = cx.gpr(i.rs());
    let b = cx.gpr(i.rb());
    let r = match op {
        Op::And => cx.e.and(s, b),
        Op::Or => cx.e.or(s, b),
        Op::Xor => cx.e.xor(s, b),
        Op::Nand => {
            let t = cx.e.and(s, b);
            cx.e.not(t)
        }
        Op::Nor => {
            let t = cx.e.or(s, b);
            cx.e.not(t)
        }
        Op::Eqv => {
            let t = cx.e.xor(s, b);
            cx.e.not(t)
        }
        Op::Andc => {
            let nb = cx.e.not(b);
            cx.e.and(s, nb)
        }
        _ => {
            let nb = cx.e.not(b);
            cx.e.or(s, nb)
        }
    };
    cx.set_gpr(i.ra(), r);
    cx.rc(r);
}

/// `andi.`/`andis.`: always record.
fn andi<E: Emit>(cx: &mut Cx<'_, E>, shift: u32) {
    let i = cx.i;
    let s = cx.gpr(i.rs());
    let r = cx.e.andk(s, (i.ui() as u64) << shift);
    cx.set_gpr(i.ra(), r);
    cx.set_cr0(r);
}

/// `ori`/`oris`/`xori`/`xoris`.
fn logical_imm<E: Emit>(cx: &mut Cx<'_, E>, op: BinOp, shift: u32) {
    let i = cx.i;
    let s = cx.gpr(i.rs());
    let k = cx.k((i.ui() as u64) << shift);
    let r = cx.e.bin(op, s, k);
    cx.set_gpr(i.ra(), r);
}

// ---- rotate and shift ----

/// MASK(mb, me) of the 32-bit rotates, with the wrap-around (mb > me) form. On a 64-bit guest
/// the mask is MASK(mb + 32, me + 32), whose wrap-around form sets the high word too.
fn rlw_mask(mb: u32, me: u32, word: Ty) -> u64 {
    let hi = u32::MAX >> mb;
    let lo = u32::MAX << (31 - me);
    if mb <= me {
        (hi & lo) as u64
    } else if word == Ty::I64 {
        (hi | lo) as u64 | 0xffff_ffff_0000_0000
    } else {
        (hi | lo) as u64
    }
}

/// The low word of `rs` rotated left by `n` (an I32 amount, taken modulo 32), at the register
/// width (both halves on a 64-bit guest).
fn rotl_word<E: Emit>(cx: &mut Cx<'_, E>, n: E::V) -> E::V {
    let rs = cx.i.rs();
    let s = gpr32(cx, rs);
    let r = cx.e.bin(BinOp::Rotl, s, n);
    if cx.word == Ty::I32 {
        return r;
    }
    let r = cx.e.zext_to(cx.word, r);
    let h = cx.e.shlk(r, 32);
    cx.e.or(h, r)
}

fn rlwinm<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let n = cx.e.iconst(Ty::I32, i.sh() as u64);
    let r = rotl_word(cx, n);
    let r = cx.e.andk(r, rlw_mask(i.mb(), i.me(), cx.word));
    cx.set_gpr(i.ra(), r);
    cx.rc(r);
}

fn rlwnm<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let n = gpr32(cx, i.rb());
    let r = rotl_word(cx, n);
    let r = cx.e.andk(r, rlw_mask(i.mb(), i.me(), cx.word));
    cx.set_gpr(i.ra(), r);
    cx.rc(r);
}

fn rlwimi<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let n = cx.e.iconst(Ty::I32, i.sh() as u64);
    let r = rotl_word(cx, n);
    let m = rlw_mask(i.mb(), i.me(), cx.word);
    let r = cx.e.andk(r, m);
    let old = cx.gpr(i.ra());
    let old = cx.e.andk(old, !m);
    let r = cx.e.or(r, old);
    cx.set_gpr(i.ra(), r);
    cx.rc(r);
}

/// `slw`/`srw`: amounts 32..63 (bit 0x20 of rb) give 0; higher bits of rb are ignored.
fn shift_word<E: Emit>(cx: &mut Cx<'_, E>, op: BinOp) {
    let i = cx.i;
    let s = gpr32(cx, i.rs());
    let b = gpr32(cx, i.rb());
    let sh = cx.e.bin(op, s, b);
    let big = cx.e.andk(b, 0x20);
    let big = cx.e.cmpk(Cmp::Ne, big, 0);
    let zero = cx.e.iconst(Ty::I32, 0);
    let r = cx.e.select(big, zero, sh);
    let r = cx.e.zext_to(cx.word, r);
    cx.set_gpr(i.ra(), r);
    cx.rc(r);
}

/// `sraw`: amounts 32..63 give the sign in every bit. CA is set iff the source is negative and
/// 1 bits were shifted out.
fn sraw<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let s = gpr32(cx, i.rs());
    let b = gpr32(cx, i.rb());
    let big = cx.e.andk(b, 0x20);
    let big = cx.e.cmpk(Cmp::Ne, big, 0);
    let n = cx.e.andk(b, 31);
    let k31 = cx.e.iconst(Ty::I32, 31);
    let n = cx.e.select(big, k31, n);
    let r = cx.e.ashr(s, n);
    // Bits were lost iff shifting back does not restore the source (or everything went).
    let back = cx.e.shl(r, n);
    let lost = cx.e.cmp(Cmp::Ne, back, s);
    let lost = cx.e.or(lost, big);
    let neg = cx.e.cmpk(Cmp::Slt, s, 0);
    let ca = cx.e.and(neg, lost);
    let r = cx.e.sext_to(cx.word, r);
    cx.set_gpr(i.ra(), r);
    cx.set_ca(ca);
    cx.rc(r);
}

fn srawi<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let n = i.sh();
    let s = gpr32(cx, i.rs());
    let (r, ca) = if n == 0 {
        (s, cx.e.iconst(Ty::I8, 0))
    } else {
        let k = cx.e.iconst(Ty::I32, n as u64);
        let r = cx.e.ashr(s, k);
        let out = cx.e.andk(s, (1u64 << n) - 1);
        let lost = cx.e.cmpk(Cmp::Ne, out, 0);
        let neg = cx.e.cmpk(Cmp::Slt, s, 0);
        (r, cx.e.and(neg, lost))
    };
    let r = cx.e.sext_to(cx.word, r);
    cx.set_gpr(i.ra(), r);
    cx.set_ca(ca);
    cx.rc(r);
}

// ---- count, extend ----

/// `cntlzw`/`cnttzw`: over the low word (32 for zero).
fn count_word<E: Emit>(cx: &mut Cx<'_, E>, op: UnOp) {
    let i = cx.i;
    let s = gpr32(cx, i.rs());
    let r = cx.e.un(op, s);
    let r = cx.e.zext_to(cx.word, r);
    cx.set_gpr(i.ra(), r);
    cx.rc(r);
}

/// `popcntw`: the population count of each word, in that word.
fn popcntw<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let s = cx.gpr(i.rs());
    let lo = cx.e.zext_to(Ty::I32, s);
    let lo = cx.e.un(UnOp::Popcnt, lo);
    let mut r = cx.e.zext_to(cx.word, lo);
    if cx.word == Ty::I64 {
        let hi = cx.e.lshrk(s, 32);
        let hi = cx.e.un(UnOp::Popcnt, hi);
        let hi = cx.e.shlk(hi, 32);
        r = cx.e.or(r, hi);
    }
    cx.set_gpr(i.ra(), r);
}

/// `extsb`/`extsh`.
fn exts<E: Emit>(cx: &mut Cx<'_, E>, from: Ty) {
    let i = cx.i;
    let s = cx.gpr(i.rs());
    let n = cx.e.sext_to(from, s);
    let r = cx.e.sext_to(cx.word, n);
    cx.set_gpr(i.ra(), r);
    cx.rc(r);
}

/// `popcntb`: the population count of each byte, in that byte.
fn popcntb<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let x = cx.gpr(i.rs());
    let m1 = bytes(cx, 0x55);
    let m2 = bytes(cx, 0x33);
    let m4 = bytes(cx, 0x0f);
    let t = cx.e.lshrk(x, 1);
    let t = cx.e.and(t, m1);
    let x = cx.e.sub(x, t);
    let a = cx.e.and(x, m2);
    let t = cx.e.lshrk(x, 2);
    let t = cx.e.and(t, m2);
    let x = cx.e.add(a, t);
    let t = cx.e.lshrk(x, 4);
    let x = cx.e.add(x, t);
    let r = cx.e.and(x, m4);
    cx.set_gpr(i.ra(), r);
}

/// `cmpb`: each byte of the result is 0xff where the bytes of rs and rb are equal, else 0.
fn cmpb<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let s = cx.gpr(i.rs());
    let b = cx.gpr(i.rb());
    let x = cx.e.xor(s, b);
    // The top bit of each byte of `z` is set iff that byte of `x` is zero (exact, no borrows).
    let m7 = bytes(cx, 0x7f);
    let y = cx.e.and(x, m7);
    let y = cx.e.add(y, m7);
    let y = cx.e.or(y, x);
    let y = cx.e.or(y, m7);
    let z = cx.e.not(y);
    let z = cx.e.lshrk(z, 7);
    let ff = cx.k(0xff);
    let r = cx.e.bin(BinOp::Mul, z, ff);
    cx.set_gpr(i.ra(), r);
}

// ---- compare, select ----

/// The width of a compare: the low words (L = 0), or whole registers on a 64-bit guest (L = 1).
/// On a 32-bit guest L = 1 is an invalid form; like most 32-bit CPUs (and qemu-ppc's 750) the
/// bit is ignored and the words compared (only e500 cores raise SIGILL).
fn cmp_width<E: Emit>(cx: &mut Cx<'_, E>) -> Ty {
    if cx.i.l() && cx.word == Ty::I64 {
        Ty::I64
    } else {
        Ty::I32
    }
}

fn cmp<E: Emit>(cx: &mut Cx<'_, E>, signed: bool) {
    let i = cx.i;
    let t = cmp_width(cx);
    let a = cx.gpr(i.ra());
    let a = cx.e.zext_to(t, a);
    let b = cx.gpr(i.rb());
    let b = cx.e.zext_to(t, b);
    cx.set_cr_cmp(i.crfd(), a, b, signed);
}

fn cmpi<E: Emit>(cx: &mut Cx<'_, E>, signed: bool) {
    let i = cx.i;
    let t = cmp_width(cx);
    let a = cx.gpr(i.ra());
    let a = cx.e.zext_to(t, a);
    let imm = if signed {
        i.si() as i64 as u64
    } else {
        i.ui() as u64
    };
    let b = cx.e.iconst(t, imm);
    cx.set_cr_cmp(i.crfd(), a, b, signed);
}

/// `isel rt, (RA|0), rb, bc`.
fn isel<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let c = cx.cr_bit(i.crbc());
    let a = cx.gpr_or_zero(i.ra());
    let b = cx.gpr(i.rb());
    let r = cx.e.select(c, a, b);
    cx.set_gpr(i.rt(), r);
}

// ---- ISA 3.0 / 3.1 ----

/// `modsw`/`moduw` (`ty` I32) and `modsd`/`modud` (I64): the remainder; 0 (as qemu-ppc gives)
/// where the division would be undefined.
fn modulo<E: Emit>(cx: &mut Cx<'_, E>, ty: Ty, signed: bool) {
    let i = cx.i;
    let a = cx.gpr(i.ra());
    let a = cx.e.zext_to(ty, a);
    let b = cx.gpr(i.rb());
    let b = cx.e.zext_to(ty, b);
    let mut bad = cx.e.cmpk(Cmp::Eq, b, 0);
    if signed {
        let min = cx.e.cmpk(Cmp::Eq, a, 1 << (ty.bits() - 1));
        let m1 = cx.e.cmpk(Cmp::Eq, b, ty.mask());
        let ovf = cx.e.and(min, m1);
        bad = cx.e.or(bad, ovf);
    }
    let one = cx.e.iconst(ty, 1);
    let d = cx.e.select(bad, one, b);
    let r =
        cx.e.bin(if signed { BinOp::SRem } else { BinOp::URem }, a, d);
    let r = if signed {
        cx.e.sext_to(cx.word, r)
    } else {
        cx.e.zext_to(cx.word, r)
    };
    cx.set_gpr(i.rt(), r);
}

/// `setb rt, bfa`: -1 if CR field bfa has LT, else 1 if GT, else 0.
fn setb<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let f = cx.cr(i.crfs());
    let lt = cx.e.bit(f, 3);
    let gt = cx.e.bit(f, 2);
    let (m1, one, zero) = (cx.k(u64::MAX), cx.k(1), cx.k(0));
    let r = cx.e.select(gt, one, zero);
    let r = cx.e.select(lt, m1, r);
    cx.set_gpr(i.rt(), r);
}

/// `setbc`/`setbcr`/`setnbc`/`setnbcr rt, bi`: 1 / 0 / -1 / 0 when CR bit bi is set, else
/// 0 / 1 / 0 / -1.
fn setbc<E: Emit>(cx: &mut Cx<'_, E>, op: Op) {
    let i = cx.i;
    let c = cx.cr_bit(i.bi());
    let (set, clear) = match op {
        Op::Setbc => (1, 0),
        Op::Setbcr => (0, 1),
        Op::Setnbc => (u64::MAX, 0),
        _ => (0, u64::MAX),
    };
    let (a, b) = (cx.k(set), cx.k(clear));
    let r = cx.e.select(c, a, b);
    cx.set_gpr(i.rt(), r);
}

/// `addpcis rt, d`: the next instruction's address plus `d << 16`.
fn addpcis<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let v = cx.next_pc().wrapping_add(((i.dx() as i64) << 16) as u64);
    let r = cx.k(v);
    cx.set_gpr(i.rt(), r);
}

/// `cmpeqb bf, ra, rb`: CR field bf = GT iff the low byte of ra equals some byte of rb.
fn cmpeqb<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let a = cx.gpr(i.ra());
    let a = cx.e.andk(a, 0xff);
    let ones = bytes(cx, 0x01);
    let a = cx.e.bin(BinOp::Mul, a, ones);
    let b = cx.gpr(i.rb());
    let x = cx.e.xor(a, b);
    // As in `cmpb`: the top bit of a byte of `z` is set iff that byte of `x` is zero.
    let m7 = bytes(cx, 0x7f);
    let y = cx.e.and(x, m7);
    let y = cx.e.add(y, m7);
    let y = cx.e.or(y, x);
    let y = cx.e.or(y, m7);
    let z = cx.e.not(y);
    let any = cx.e.cmpk(Cmp::Ne, z, 0);
    let v = cx.e.shlk(any, 2);
    cx.set_cr(i.crfd(), v);
}

/// `brw`/`brh`/`brd`: reverse the bytes of each word, halfword or the doubleword.
fn byte_reverse<E: Emit>(cx: &mut Cx<'_, E>, op: Op) {
    let i = cx.i;
    let s = cx.gpr(i.rs());
    let r = match op {
        Op::Brh => {
            let m = cx.k(0x00ff_00ff_00ff_00ff);
            let lo = cx.e.and(s, m);
            let lo = cx.e.shlk(lo, 8);
            let hi = cx.e.lshrk(s, 8);
            let hi = cx.e.and(hi, m);
            cx.e.or(lo, hi)
        }
        Op::Brw if cx.word == Ty::I64 => {
            let r = cx.e.un(UnOp::Bswap, s);
            let k = cx.k(32);
            cx.e.bin(BinOp::Rotl, r, k)
        }
        _ => cx.e.un(UnOp::Bswap, s),
    };
    cx.set_gpr(i.ra(), r);
}

/// `prtyw`/`prtyd`: the parity of the low bits of the bytes of each word / the doubleword.
fn parity<E: Emit>(cx: &mut Cx<'_, E>, op: Op) {
    let i = cx.i;
    let mut t = cx.gpr(i.rs());
    let mut mask = 1;
    if op == Op::Prtyd {
        let h = cx.e.lshrk(t, 32);
        t = cx.e.xor(t, h);
    } else if cx.word == Ty::I64 {
        mask |= 1 << 32;
    }
    for sh in [16, 8] {
        let h = cx.e.lshrk(t, sh);
        t = cx.e.xor(t, h);
    }
    let r = cx.e.andk(t, mask);
    cx.set_gpr(i.ra(), r);
}

// ---- 64-bit only ----

/// `mulld`: the low doubleword of the product; OE: the product does not fit a signed doubleword.
fn mulld<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let a = cx.gpr(i.ra());
    let b = cx.gpr(i.rb());
    let lo = cx.e.bin(BinOp::Mul, a, b);
    cx.set_gpr(i.rt(), lo);
    if i.oe() {
        let hi = cx.e.bin(BinOp::SMulHi, a, b);
        let k63 = cx.k(63);
        let sign = cx.e.ashr(lo, k63);
        let ov = cx.e.cmp(Cmp::Ne, hi, sign);
        cx.set_ov(ov);
    }
    cx.rc(lo);
}

/// `mulhd`/`mulhdu`.
fn mulhd<E: Emit>(cx: &mut Cx<'_, E>, op: BinOp) {
    let i = cx.i;
    let a = cx.gpr(i.ra());
    let b = cx.gpr(i.rb());
    let r = cx.e.bin(op, a, b);
    cx.set_gpr(i.rt(), r);
    cx.rc(r);
}

/// MASK(mb, me) of the 64-bit rotates (bit 0 the most significant), wrapping when mb > me.
fn rld_mask(mb: u32, me: u32) -> u64 {
    let hi = u64::MAX >> mb;
    let lo = u64::MAX << (63 - me);
    if mb <= me {
        hi & lo
    } else {
        hi | lo
    }
}

/// `rldicl`, `rldicr`, `rldic`, `rldimi` (immediate amount) and `rldcl`, `rldcr` (amount in rb).
fn rld<E: Emit>(cx: &mut Cx<'_, E>, op: Op) {
    let i = cx.i;
    let s = cx.gpr(i.rs());
    let sh = i.sh6();
    let n = match op {
        Op::Rldcl | Op::Rldcr => cx.gpr(i.rb()),
        _ => cx.k(sh as u64),
    };
    let r = cx.e.bin(BinOp::Rotl, s, n);
    // mb6 and me6 are the same field.
    let m = match op {
        Op::Rldicl | Op::Rldcl => rld_mask(i.mb6(), 63),
        Op::Rldicr | Op::Rldcr => rld_mask(0, i.me6()),
        _ => rld_mask(i.mb6(), 63 - sh),
    };
    let mut r = cx.e.andk(r, m);
    if op == Op::Rldimi {
        let old = cx.gpr(i.ra());
        let old = cx.e.andk(old, !m);
        r = cx.e.or(r, old);
    }
    cx.set_gpr(i.ra(), r);
    cx.rc(r);
}

/// `sld`/`srd`: amounts 64..127 (bit 0x40 of rb) give 0.
fn shift_dword<E: Emit>(cx: &mut Cx<'_, E>, op: BinOp) {
    let i = cx.i;
    let s = cx.gpr(i.rs());
    let b = cx.gpr(i.rb());
    let sh = cx.e.bin(op, s, b);
    let big = cx.e.andk(b, 0x40);
    let big = cx.e.cmpk(Cmp::Ne, big, 0);
    let zero = cx.k(0);
    let r = cx.e.select(big, zero, sh);
    cx.set_gpr(i.ra(), r);
    cx.rc(r);
}

/// `srad`: as `sraw` at 64 bits (amounts 64..127 give the sign in every bit).
fn srad<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let s = cx.gpr(i.rs());
    let b = cx.gpr(i.rb());
    let big = cx.e.andk(b, 0x40);
    let big = cx.e.cmpk(Cmp::Ne, big, 0);
    let n = cx.e.andk(b, 63);
    let k63 = cx.k(63);
    let n = cx.e.select(big, k63, n);
    let r = cx.e.ashr(s, n);
    let back = cx.e.shl(r, n);
    let lost = cx.e.cmp(Cmp::Ne, back, s);
    let lost = cx.e.or(lost, big);
    let neg = cx.e.cmpk(Cmp::Slt, s, 0);
    let ca = cx.e.and(neg, lost);
    cx.set_gpr(i.ra(), r);
    cx.set_ca(ca);
    cx.rc(r);
}

fn sradi<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let n = i.sh6();
    let s = cx.gpr(i.rs());
    let (r, ca) = if n == 0 {
        (s, cx.e.iconst(Ty::I8, 0))
    } else {
        let k = cx.k(n as u64);
        let r = cx.e.ashr(s, k);
        let out = cx.e.andk(s, (1u64 << n) - 1);
        let lost = cx.e.cmpk(Cmp::Ne, out, 0);
        let neg = cx.e.cmpk(Cmp::Slt, s, 0);
        (r, cx.e.and(neg, lost))
    };
    cx.set_gpr(i.ra(), r);
    cx.set_ca(ca);
    cx.rc(r);
}

/// `extswsli`: the sign-extended low word shifted left.
fn extswsli<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let s = gpr32(cx, i.rs());
    let s = cx.e.sext_to(Ty::I64, s);
    let r = cx.e.shlk(s, i.sh6() as u64);
    cx.set_gpr(i.ra(), r);
    cx.rc(r);
}

/// `cntlzd`/`cnttzd`.
fn count_dword<E: Emit>(cx: &mut Cx<'_, E>, op: UnOp) {
    let i = cx.i;
    let s = cx.gpr(i.rs());
    let r = cx.e.un(op, s);
    cx.set_gpr(i.ra(), r);
    cx.rc(r);
}

fn popcntd<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let s = cx.gpr(i.rs());
    let r = cx.e.un(UnOp::Popcnt, s);
    cx.set_gpr(i.ra(), r);
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
