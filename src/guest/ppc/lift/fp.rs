//! Floating point (Book I chapter 4): loads and stores, the sign and move operations and
//! `fsel` inline; everything that reads or writes the FPSCR (arithmetic, rounding, conversions,
//! compares, the FPSCR moves) through one runtime helper, [`helpers_fp::FP_INSN`], which gets
//! the instruction itself and computes in plain Rust (see that module for the rounding rules).
//!
//! FPRs hold IEEE double bits (I64 slots); `lfs`/`stfs` convert with the ISA's bit-level rules
//! (pure helpers), never with the host's conversions.

use super::Cx;
use crate::emit::{ArithExt, Conv, Emit, FCmp, Ty};
use crate::guest::ppc::helpers_fp;
use crate::guest::ppc::insns::Op;
use crate::guest::ppc::state as st;

const SIGN: u64 = 1 << 63;

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>, op: Op) -> bool {
    let i = cx.i;
    match op {
        // ---- loads and stores ----
        Op::Lfs | Op::Lfsu | Op::Lfd | Op::Lfdu => {
            let ea = cx.ea_d(i.ra(), i.d() as i64);
            load(cx, ea, matches!(op, Op::Lfs | Op::Lfsu));
            if matches!(op, Op::Lfsu | Op::Lfdu) {
                cx.set_gpr(i.ra(), ea);
            }
        }
        Op::Lfsx | Op::Lfsux | Op::Lfdx | Op::Lfdux => {
            let ea = cx.ea_x(i.ra(), i.rb());
            load(cx, ea, matches!(op, Op::Lfsx | Op::Lfsux));
            if matches!(op, Op::Lfsux | Op::Lfdux) {
                cx.set_gpr(i.ra(), ea);
            }
        }
        Op::Lfiwax | Op::Lfiwzx => {
            let ea = cx.ea_x(i.ra(), i.rb());
            let w = cx.e.load(Ty::I32, ea);
            let v = if op == Op::Lfiwax {
                cx.e.sext_to(Ty::I64, w)
            } else {
                cx.e.zext_to(Ty::I64, w)
            };
            cx.e.set(st::fpr(i.frt()), v);
        }
        Op::Stfs | Op::Stfsu | Op::Stfd | Op::Stfdu => {
            let ea = cx.ea_d(i.ra(), i.d() as i64);
            store(cx, ea, matches!(op, Op::Stfs | Op::Stfsu));
            if matches!(op, Op::Stfsu | Op::Stfdu) {
                cx.set_gpr(i.ra(), ea);
            }
        }
        Op::Stfsx | Op::Stfsux | Op::Stfdx | Op::Stfdux => {
            let ea = cx.ea_x(i.ra(), i.rb());
            store(cx, ea, matches!(op, Op::Stfsx | Op::Stfsux));
            if matches!(op, Op::Stfsux | Op::Stfdux) {
                cx.set_gpr(i.ra(), ea);
            }
        }
        Op::Stfiwx => {
            let ea = cx.ea_x(i.ra(), i.rb());
            let v = fpr(cx, i.frs());
            let w = cx.e.zext_to(Ty::I32, v);
            cx.e.store(ea, w);
        }

        // ---- sign and move operations: bits only, no FPSCR change ----
        Op::Fmr | Op::Fneg | Op::Fabs | Op::Fnabs => {
            let b = fpr(cx, i.frb());
            let v = match op {
                Op::Fmr => b,
                Op::Fneg => {
                    let k = cx.e.iconst(Ty::I64, SIGN);
                    cx.e.xor(b, k)
                }
                Op::Fabs => cx.e.andk(b, !SIGN),
                _ => {
                    let k = cx.e.iconst(Ty::I64, SIGN);
                    cx.e.or(b, k)
                }
            };
            set_fpr(cx, i.frt(), v);
        }
        Op::Fcpsgn => {
            let a = fpr(cx, i.fra());
            let b = fpr(cx, i.frb());
            let s = cx.e.andk(a, SIGN);
            let m = cx.e.andk(b, !SIGN);
            let v = cx.e.or(s, m);
            set_fpr(cx, i.frt(), v);
        }
        Op::Fmrgew | Op::Fmrgow => {
            let a = fpr(cx, i.fra());
            let b = fpr(cx, i.frb());
            let v = if op == Op::Fmrgew {
                let hi = cx.e.andk(a, 0xffff_ffff_0000_0000);
                let lo = cx.e.lshrk(b, 32);
                cx.e.or(hi, lo)
            } else {
                let hi = cx.e.shlk(a, 32);
                let lo = cx.e.andk(b, 0xffff_ffff);
                cx.e.or(hi, lo)
            };
            cx.e.set(st::fpr(i.frt()), v);
        }
        Op::Fsel => {
            // FRA >= 0 (false for a NaN; -0 counts) ? FRC : FRB.
            let a = fpr(cx, i.fra());
            let c = fpr(cx, i.frc());
            let b = fpr(cx, i.frb());
            let af = cx.e.conv(Conv::Bitcast, Ty::F64, a);
            let zero = cx.e.iconst(Ty::I64, 0);
            let zf = cx.e.conv(Conv::Bitcast, Ty::F64, zero);
            let ge = cx.e.fcmp(FCmp::Le, zf, af);
            let v = cx.e.select(ge, c, b);
            set_fpr(cx, i.frt(), v);
        }

        // ---- everything that reads or writes the FPSCR ----
        Op::Fadd
        | Op::Fadds
        | Op::Fsub
        | Op::Fsubs
        | Op::Fmul
        | Op::Fmuls
        | Op::Fdiv
        | Op::Fdivs
        | Op::Fsqrt
        | Op::Fsqrts
        | Op::Fmadd
        | Op::Fmadds
        | Op::Fmsub
        | Op::Fmsubs
        | Op::Fnmadd
        | Op::Fnmadds
        | Op::Fnmsub
        | Op::Fnmsubs
        | Op::Frsp
        | Op::Fre
        | Op::Fres
        | Op::Frsqrte
        | Op::Frsqrtes
        | Op::Fctiw
        | Op::Fctiwz
        | Op::Fctiwu
        | Op::Fctiwuz
        | Op::Fctid
        | Op::Fctidz
        | Op::Fctidu
        | Op::Fctiduz
        | Op::Fcfid
        | Op::Fcfids
        | Op::Fcfidu
        | Op::Fcfidus
        | Op::Frin
        | Op::Friz
        | Op::Frip
        | Op::Frim
        | Op::Fcmpu
        | Op::Fcmpo
        | Op::Mffs
        | Op::Mffsce
        | Op::Mffsl
        | Op::Mffscrn
        | Op::Mffscrni
        | Op::Mffscdrn
        | Op::Mffscdrni
        | Op::Mtfsf
        | Op::Mtfsfi
        | Op::Mtfsb0
        | Op::Mtfsb1
        | Op::Mcrfs => {
            let o = cx.e.iconst(Ty::I64, op as u64);
            let w = cx.e.iconst(Ty::I64, i.word as u64);
            cx.e.call(&helpers_fp::FP_INSN, &[o, w]);
        }
        _ => return false,
    }
    true
}

fn fpr<E: Emit>(cx: &mut Cx<'_, E>, n: u32) -> E::V {
    cx.e.get(Ty::I64, st::fpr(n))
}

/// Writes FRT and, for Rc = 1, CR1 from FPSCR[FX, FEX, VX, OX].
fn set_fpr<E: Emit>(cx: &mut Cx<'_, E>, n: u32, v: E::V) {
    cx.e.set(st::fpr(n), v);
    if cx.i.rc() {
        let f = cx.e.get(Ty::I64, st::FPSCR);
        let f = cx.e.lshrk(f, 28);
        let f = cx.e.andk(f, 0xf);
        cx.set_cr(1, f);
    }
}

fn load<E: Emit>(cx: &mut Cx<'_, E>, ea: E::V, single: bool) {
    let v = if single {
        let w = cx.e.load(Ty::I32, ea);
        let w = cx.e.zext_to(Ty::I64, w);
        cx.e.call(&helpers_fp::SINGLE_TO_DOUBLE, &[w])
    } else {
        cx.e.load(Ty::I64, ea)
    };
    cx.e.set(st::fpr(cx.i.frt()), v);
}

fn store<E: Emit>(cx: &mut Cx<'_, E>, ea: E::V, single: bool) {
    let v = fpr(cx, cx.i.frs());
    let v = if single {
        let w = cx.e.call(&helpers_fp::DOUBLE_TO_SINGLE, &[v]);
        cx.e.zext_to(Ty::I32, w)
    } else {
        v
    };
    cx.e.store(ea, v);
}
