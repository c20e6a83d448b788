//! The x87 control state: control/status/tag words and the environment (fnstcw/fldcw,
//! fnstsw, fnstenv/fldenv, fninit, fnclex, fwait) and fxsave/fxrstor, which ld.so's lazy-binding
//! trampoline uses to preserve the SSE registers. glibc reads the x87 control word to learn
//! the rounding mode (printf of doubles, strtod) and its fenv functions save and restore the
//! environment, so these matter even for programs that never compute on the x87 stack.
//!
//! Weak spot: the x87 register stack and its arithmetic are not emulated (SIGILL), so `long
//! double` computation does not work yet.

use super::{Cx, Loc};
use crate::emit::{ArithExt, Emit, Ty};
use crate::guest::x86::state as st;
use iced_x86::Mnemonic as M;

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>) -> bool {
    match cx.i.mnemonic() {
        M::Fnstcw | M::Fstcw => store_word(cx, st::FPU_CW),
        M::Fnstsw | M::Fstsw => store_word(cx, st::FPU_SW),
        M::Fldcw => {
            let v = cx.src(0, Ty::I16);
            let v = cx.e.zext_to(Ty::I64, v);
            cx.e.set(st::FPU_CW, v);
        }
        M::Wait => {}
        M::Fninit | M::Finit => {
            let cw = cx.k64(0x037f);
            cx.e.set(st::FPU_CW, cw);
            let z = cx.k64(0);
            cx.e.set(st::FPU_SW, z);
            let tw = cx.k64(0xffff);
            cx.e.set(st::FPU_TW, tw);
        }
        M::Fnclex | M::Fclex => {
            let sw = cx.e.get(Ty::I64, st::FPU_SW);
            let sw = cx.e.andk(sw, 0x7f00);
            cx.e.set(st::FPU_SW, sw);
        }
        M::Fnstenv | M::Fstenv => fnstenv(cx),
        M::Fldenv => fldenv(cx),
        M::Fxsave | M::Fxsave64 => fxsave(cx),
        M::Fxrstor | M::Fxrstor64 => fxrstor(cx),
        _ => return false,
    }
    true
}

fn store_word<E: Emit>(cx: &mut Cx<'_, E>, off: u32) {
    let v = cx.e.get(Ty::I64, off);
    let v = cx.e.zext_to(Ty::I16, v);
    let d = cx.loc(0);
    match d {
        Loc::Reg(r) => cx.set_reg(r, v),
        _ => cx.write(d, v),
    }
}

/// The 28-byte protected-mode environment: cw, sw, tw, then instruction/operand pointers
/// (zero here), each in a 32-bit slot.
fn fnstenv<E: Emit>(cx: &mut Cx<'_, E>) {
    let a = cx.ea();
    for (i, off) in [st::FPU_CW, st::FPU_SW, st::FPU_TW].into_iter().enumerate() {
        let v = cx.e.get(Ty::I64, off);
        let v = cx.e.zext_to(Ty::I32, v);
        let v = cx.e.andk(v, 0xffff);
        let p = cx.e.addk(a, 4 * i as u64);
        cx.e.store(p, v);
    }
    let z = cx.e.iconst(Ty::I32, 0);
    for i in 3..7 {
        let p = cx.e.addk(a, 4 * i);
        cx.e.store(p, z);
    }
    // fnstenv masks all exceptions afterwards, as the hardware does.
    let cw = cx.e.get(Ty::I64, st::FPU_CW);
    let one = cx.k64(0x3f);
    let cw = cx.e.or(cw, one);
    cx.e.set(st::FPU_CW, cw);
}

fn fldenv<E: Emit>(cx: &mut Cx<'_, E>) {
    let a = cx.ea();
    for (i, off) in [st::FPU_CW, st::FPU_SW, st::FPU_TW].into_iter().enumerate() {
        let p = cx.e.addk(a, 4 * i as u64);
        let v = cx.e.load(Ty::I16, p);
        let v = cx.e.zext_to(Ty::I64, v);
        cx.e.set(off, v);
    }
}

/// fxsave/fxrstor need a 16-byte aligned area (#GP, i.e. SIGSEGV, otherwise).
fn check_aligned16<E: Emit>(cx: &mut Cx<'_, E>, a: E::V) {
    let low = cx.e.andk(a, 15);
    let bad = cx.e.cmpk(crate::emit::Cmp::Ne, low, 0);
    let pc = cx.pc();
    cx.e.exit_if(
        bad,
        crate::emit::Exit::Signal {
            sig: libc::SIGSEGV as u8,
            code: 0x80,
            pc,
        },
    );
}

/// The 512-byte FXSAVE image: control words, MXCSR, the (zero) x87 registers and XMM0–15.
fn fxsave<E: Emit>(cx: &mut Cx<'_, E>) {
    let a = cx.ea();
    check_aligned16(cx, a);
    let cw = cx.e.get(Ty::I64, st::FPU_CW);
    let sw = cx.e.get(Ty::I64, st::FPU_SW);
    let sw = cx.e.shlk(sw, 16);
    let w0 = cx.e.or(cw, sw);
    let w0 = cx.e.andk(w0, 0xffff_ffff);
    cx.e.store(a, w0);
    let z = cx.k64(0);
    for off in [8u64, 16] {
        let p = cx.e.addk(a, off);
        cx.e.store(p, z);
    }
    let mx = cx.e.get(Ty::I64, st::MXCSR);
    let mask = cx.k64(0xffbf << 32);
    let w3 = cx.e.or(mx, mask);
    let p = cx.e.addk(a, 24);
    cx.e.store(p, w3);
    for off in (32..160).step_by(8) {
        let p = cx.e.addk(a, off);
        cx.e.store(p, z);
    }
    for r in 0..16 {
        for lane in 0..2 {
            let v = cx.e.get(Ty::I64, st::xmm(r, lane));
            let p = cx.e.addk(a, 160 + 16 * r as u64 + 8 * lane as u64);
            cx.e.store(p, v);
        }
    }
}

fn fxrstor<E: Emit>(cx: &mut Cx<'_, E>) {
    let a = cx.ea();
    check_aligned16(cx, a);
    let w0 = cx.e.load(Ty::I64, a);
    let cw = cx.e.andk(w0, 0xffff);
    cx.e.set(st::FPU_CW, cw);
    let sw = cx.e.lshrk(w0, 16);
    let sw = cx.e.andk(sw, 0xffff);
    cx.e.set(st::FPU_SW, sw);
    let p = cx.e.addk(a, 24);
    let mx = cx.e.load(Ty::I32, p);
    let mx = cx.e.zext_to(Ty::I64, mx);
    cx.e.set(st::MXCSR, mx);
    for r in 0..16 {
        for lane in 0..2 {
            let p = cx.e.addk(a, 160 + 16 * r as u64 + 8 * lane as u64);
            let v = cx.e.load(Ty::I64, p);
            cx.e.set(st::xmm(r, lane), v);
        }
    }
}
