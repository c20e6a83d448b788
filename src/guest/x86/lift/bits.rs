//! Bit instructions: bt/bts/btr/btc, bsf/bsr, bswap, movbe, popcnt/lzcnt/tzcnt.
//!
//! bt* change only CF (the other flags are kept, as Intel and AMD hardware do), so they
//! materialise EFLAGS. With a memory operand and a register bit offset the offset is signed and
//! selects an operand-sized unit relative to the address, per the SDM. bsf/bsr leave the whole
//! 64-bit destination unchanged when the source is 0 (what hardware does; the SDM says
//! undefined) and record ZF through a logic-style record (the other flags are undefined).
//! movbe, lzcnt, tzcnt and popcnt follow the instructions' own definitions even though egret's CPUID does
//! not advertise them (so a program probing CPUID never uses them; compilers emit `rep bsf`,
//! which decodes as tzcnt and agrees with bsf for non-zero sources).

use super::flags::{CcOp, Flag};
use super::shift::pack_flags;
use super::{gpr_index, Cx, Loc};
use crate::emit::{ArithExt, BinOp, Cmp, Emit, RmwOp, Ty, UnOp};
use iced_x86::{Mnemonic as M, OpKind};

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>) -> bool {
    match cx.i.mnemonic() {
        M::Bt => bit_test(cx, None),
        M::Bts => bit_test(cx, Some(RmwOp::Or)),
        M::Btr => bit_test(cx, Some(RmwOp::And)),
        M::Btc => bit_test(cx, Some(RmwOp::Xor)),
        M::Bsf | M::Bsr => bit_scan(cx),
        M::Bswap => bswap(cx),
        M::Movbe => movbe(cx),
        M::Popcnt | M::Lzcnt | M::Tzcnt => count_bits(cx),
        _ => return false,
    }
    true
}

/// bt/bts/btr/btc; `update` says how the selected bit changes (Or sets, And clears, Xor flips).
fn bit_test<E: Emit>(cx: &mut Cx<'_, E>, update: Option<RmwOp>) {
    let ty = cx.size(0);
    let w = ty.bits() as u64;
    let (loc, index) = if cx.i.op1_kind() == OpKind::Register {
        let off = cx.get_reg(cx.i.op1_register());
        let index = cx.e.andk(off, w - 1);
        let loc = if cx.i.op0_kind() == OpKind::Memory {
            // The signed offset picks the operand-sized unit at ea + (offset >> log2 w) * w/8.
            let ea = cx.ea();
            let off = cx.e.sext_to(Ty::I64, off);
            let k = cx.k64(w.trailing_zeros() as u64);
            let unit = cx.e.ashr(off, k);
            let bytes = cx.e.shlk(unit, ty.bytes().trailing_zeros() as u64);
            Loc::Mem(cx.e.add(ea, bytes))
        } else {
            cx.loc(0)
        };
        (loc, index)
    } else {
        let index = cx.e.iconst(ty, cx.i.immediate(1) & (w - 1));
        (cx.loc(0), index)
    };
    let one = cx.e.iconst(ty, 1);
    let mask = cx.e.shl(one, index);
    let (operand, bop) = match update {
        Some(RmwOp::Or) => (mask, BinOp::Or),
        Some(RmwOp::And) => (cx.e.not(mask), BinOp::And),
        _ => (mask, BinOp::Xor),
    };
    let old = match (update, loc) {
        (Some(rmw), Loc::Mem(addr)) if cx.i.has_lock_prefix() => {
            cx.e.atomic_rmw(rmw, addr, operand)
        }
        (Some(_), _) => {
            let old = cx.read(loc, ty);
            let new = cx.e.bin(bop, old, operand);
            cx.write(loc, new);
            old
        }
        (None, _) => cx.read(loc, ty),
    };
    let bit = cx.e.and(old, mask);
    let cf = cx.e.cmpk(Cmp::Ne, bit, 0);
    let f = cx.eflags();
    let f = cx.e.andk(f, !1);
    let cf = cx.e.zext_to(Ty::I64, cf);
    let f = cx.e.or(f, cf);
    cx.set_eflags(f);
}

/// bsf/bsr: index of the lowest/highest set bit; ZF = (source == 0), destination kept then.
fn bit_scan<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = cx.size(0);
    let s = cx.src(1, ty);
    let zero = cx.e.cmpk(Cmp::Eq, s, 0);
    let index = if cx.i.mnemonic() == M::Bsf {
        cx.e.un(UnOp::Ctz, s)
    } else {
        let lz = cx.e.un(UnOp::Clz, s);
        let top = cx.e.iconst(ty, ty.bits() as u64 - 1);
        cx.e.sub(top, lz)
    };
    let dst = cx.i.op0_register();
    if ty == Ty::I32 {
        // Select at 64 bits: a kept destination keeps its upper half too.
        let idx = gpr_index(dst);
        let old = cx.get_gpr64(idx);
        let new = cx.e.zext_to(Ty::I64, index);
        let v = cx.e.select(zero, old, new);
        cx.set_gpr64(idx, v);
    } else {
        let old = cx.get_reg(dst);
        let v = cx.e.select(zero, old, index);
        cx.set_reg(dst, v);
    }
    let z = cx.e.iconst(ty, 0);
    cx.set_flags(CcOp::Logic, s, s, s, z);
}

/// bswap r32/r64; the 16-bit form (undefined by the SDM) clears the register's low word, as
/// Intel and AMD hardware do.
fn bswap<E: Emit>(cx: &mut Cx<'_, E>) {
    let r = cx.i.op0_register();
    let ty = Ty::int(r.size() as u32);
    let v = if ty == Ty::I16 {
        cx.e.iconst(ty, 0)
    } else {
        let v = cx.get_reg(r);
        cx.e.un(UnOp::Bswap, v)
    };
    cx.set_reg(r, v);
}

/// movbe: a load or store with the bytes reversed (16-bit register writes merge).
fn movbe<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = cx.size(0);
    let v = cx.src(1, ty);
    let v = cx.e.un(UnOp::Bswap, v);
    let d = cx.loc(0);
    cx.write(d, v);
}

/// popcnt (ZF = source is 0, other flags clear), lzcnt/tzcnt (CF = source is 0, ZF = result
/// is 0; the others, undefined, clear).
fn count_bits<E: Emit>(cx: &mut Cx<'_, E>) {
    let ty = cx.size(0);
    let s = cx.src(1, ty);
    let m = cx.i.mnemonic();
    let op = match m {
        M::Popcnt => UnOp::Popcnt,
        M::Lzcnt => UnOp::Clz,
        _ => UnOp::Ctz,
    };
    let r = cx.e.un(op, s);
    cx.set_reg(cx.i.op0_register(), r);
    let src_zero = cx.e.cmpk(Cmp::Eq, s, 0);
    let f = if m == M::Popcnt {
        pack_flags(cx, &[(Flag::ZF, src_zero)])
    } else {
        let res_zero = cx.e.cmpk(Cmp::Eq, r, 0);
        pack_flags(cx, &[(Flag::CF, src_zero), (Flag::ZF, res_zero)])
    };
    cx.set_eflags(f);
}
