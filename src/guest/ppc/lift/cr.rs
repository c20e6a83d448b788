//! Condition-register and special-purpose-register instructions (Power ISA Book I, 2.5 and 3.3.17):
//! the CR logical operations, `mcrf`, `mfcr`/`mtcrf`/`mfocrf`/`mtocrf`, `mcrxr`, and
//! `mfspr`/`mtspr`/`mftb` for the registers user code may touch.
//!
//! CR fields live in eight 4-bit slots and XER's SO/OV/CA in three 1-bit slots, so moving the
//! whole CR or XER assembles or splits them here. XER's byte count (for `lswx`/`stswx`) is an I8
//! slot. The time base is a monotonic nanosecond count (a 1 GHz time base) from a helper. The PVR
//! (`mfspr 287`, which Linux emulates for user space) reads as a 750 v3.1's, qemu-ppc's default
//! CPU; glibc only tests it for an 8xx (`pvr >> 16 == 0x0050`). Any other SPR raises SIGILL
//! with `ILL_PRVREG`, as qemu-ppc does.

use super::Cx;
use crate::emit::{ArithExt, Emit, Helper, Ty};
use crate::guest::ppc::insns::Op;
use crate::guest::ppc::state as st;

/// SIGILL's si_code for a privileged or unknown special register.
const ILL_PRVREG: u8 = 6;

/// The PVR user space reads: qemu-ppc's default 32-bit CPU, "750" = 750 v3.1
/// (`CPU_POWERPC_7x0_v31` in qemu's target/ppc/cpu-models.h).
const PVR: u64 = 0x0008_0301;

/// SPR numbers.
const XER: u32 = 1;
const LR: u32 = 8;
const CTR: u32 = 9;
const VRSAVE: u32 = 256;
const TBL: u32 = 268;
const TBU: u32 = 269;
const PVR_SPR: u32 = 287;

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>, op: Op) -> bool {
    match op {
        Op::Crand
        | Op::Cror
        | Op::Crxor
        | Op::Crnand
        | Op::Crnor
        | Op::Creqv
        | Op::Crandc
        | Op::Crorc => cr_logical(cx, op),
        Op::Mcrf => {
            let v = cx.cr(cx.i.crfs());
            cx.set_cr(cx.i.crfd(), v);
        }
        Op::Mfcr => mfcr(cx, 0xff),
        Op::Mfocrf => mfcr(cx, cx.i.fxm()),
        Op::Mtcrf | Op::Mtocrf => mtcrf(cx),
        Op::Mcrxr => mcrxr(cx),
        Op::Mfspr => mfspr(cx, cx.i.spr()),
        Op::Mftb => mfspr(cx, cx.i.tbr()),
        Op::Mtspr => mtspr(cx),
        _ => return false,
    }
    true
}

/// `crand` ... `crorc`: CR bit bt = ba op bb.
fn cr_logical<E: Emit>(cx: &mut Cx<'_, E>, op: Op) {
    let i = cx.i;
    let a = cx.cr_bit(i.crba());
    let b = cx.cr_bit(i.crbb());
    let one = cx.e.iconst(Ty::I8, 1);
    let r = match op {
        Op::Crand => cx.e.and(a, b),
        Op::Cror => cx.e.or(a, b),
        Op::Crxor => cx.e.xor(a, b),
        Op::Crnand => {
            let t = cx.e.and(a, b);
            cx.e.xor(t, one)
        }
        Op::Crnor => {
            let t = cx.e.or(a, b);
            cx.e.xor(t, one)
        }
        Op::Creqv => {
            let t = cx.e.xor(a, b);
            cx.e.xor(t, one)
        }
        Op::Crandc => {
            let nb = cx.e.xor(b, one);
            cx.e.and(a, nb)
        }
        _ => {
            let nb = cx.e.xor(b, one);
            cx.e.or(a, nb)
        }
    };
    cx.set_cr_bit(i.crbt(), r);
}

/// `mfcr` (mask 0xff) and `mfocrf`: the CR fields selected by `mask` (0x80 = CR0) in their
/// places, the others 0.
fn mfcr<E: Emit>(cx: &mut Cx<'_, E>, mask: u32) {
    let mut r = cx.e.iconst(Ty::I32, 0);
    for f in 0..8 {
        if mask & (0x80 >> f) == 0 {
            continue;
        }
        let v = cx.cr(f);
        let v = cx.e.zext_to(Ty::I32, v);
        let v = cx.e.shlk(v, (28 - 4 * f) as u64);
        r = cx.e.or(r, v);
    }
    let r = cx.e.zext_to(cx.word, r);
    cx.set_gpr(cx.i.rt(), r);
}

/// `mtcrf`/`mtocrf`: the CR fields selected by FXM from rs.
fn mtcrf<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let s = cx.gpr(i.rs());
    let s = cx.e.zext_to(Ty::I32, s);
    for f in 0..8 {
        if i.fxm() & (0x80 >> f) == 0 {
            continue;
        }
        let v = cx.e.lshrk(s, (28 - 4 * f) as u64);
        let v = cx.e.andk(v, 0xf);
        cx.set_cr(f, v);
    }
}

/// `mcrxr`: XER's SO, OV, CA into a CR field (LT, GT, EQ; SO bit 0), then cleared.
fn mcrxr<E: Emit>(cx: &mut Cx<'_, E>) {
    let so = cx.so();
    let ov = cx.e.get(Ty::I8, st::XER_OV);
    let ca = cx.ca();
    let so = cx.e.shlk(so, 3);
    let ov = cx.e.shlk(ov, 2);
    let ca = cx.e.shlk(ca, 1);
    let v = cx.e.or(so, ov);
    let v = cx.e.or(v, ca);
    cx.set_cr(cx.i.crfd(), v);
    let z = cx.e.iconst(Ty::I8, 0);
    cx.e.set(st::XER_SO, z);
    cx.e.set(st::XER_OV, z);
    cx.e.set(st::XER_CA, z);
}

/// XER as the register reads: SO, OV, CA in bits 31, 30, 29 and the byte count below.
fn read_xer<E: Emit>(cx: &mut Cx<'_, E>) -> E::V {
    let so = cx.so();
    let ov = cx.e.get(Ty::I8, st::XER_OV);
    let ca = cx.ca();
    let bc = cx.e.get(Ty::I8, st::XER_BC);
    let mut r = cx.e.zext_to(cx.word, bc);
    for (bit, n) in [(so, 31), (ov, 30), (ca, 29)] {
        let b = cx.e.zext_to(cx.word, bit);
        let b = cx.e.shlk(b, n);
        r = cx.e.or(r, b);
    }
    r
}

/// Splits a value written to XER into its slots.
fn write_xer<E: Emit>(cx: &mut Cx<'_, E>, v: E::V) {
    let so = cx.e.bit(v, 31);
    let ov = cx.e.bit(v, 30);
    let ca = cx.e.bit(v, 29);
    let bc = cx.e.zext_to(Ty::I8, v);
    let bc = cx.e.andk(bc, 0x7f);
    cx.e.set(st::XER_SO, so);
    cx.e.set(st::XER_OV, ov);
    cx.e.set(st::XER_CA, ca);
    cx.e.set(st::XER_BC, bc);
}

/// `mfspr rt, spr` (and `mftb`).
fn mfspr<E: Emit>(cx: &mut Cx<'_, E>, spr: u32) {
    let v = match spr {
        XER => read_xer(cx),
        LR => cx.lr(),
        CTR => cx.ctr(),
        VRSAVE => {
            let v = cx.e.get(Ty::I32, st::VRSAVE);
            cx.e.zext_to(cx.word, v)
        }
        TBL => {
            let t = cx.e.call(&TIME_BASE, &[]);
            cx.e.zext_to(cx.word, t)
        }
        TBU => {
            let t = cx.e.call(&TIME_BASE, &[]);
            let t = cx.e.lshrk(t, 32);
            cx.e.zext_to(cx.word, t)
        }
        PVR_SPR => cx.k(PVR),
        _ => return cx.raise(libc::SIGILL as u8, ILL_PRVREG),
    };
    cx.set_gpr(cx.i.rt(), v);
}

/// `mtspr spr, rs`.
fn mtspr<E: Emit>(cx: &mut Cx<'_, E>) {
    let i = cx.i;
    let spr = i.spr();
    if !matches!(spr, XER | LR | CTR | VRSAVE) {
        return cx.raise(libc::SIGILL as u8, ILL_PRVREG);
    }
    let v = cx.gpr(i.rs());
    match spr {
        XER => write_xer(cx, v),
        LR => cx.set_lr(v),
        CTR => cx.set_ctr(v),
        _ => {
            let v = cx.e.zext_to(Ty::I32, v);
            cx.e.set(st::VRSAVE, v)
        }
    }
}

unsafe extern "C" fn time_base(_: *mut u8, _: u64, _: u64, _: u64) -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec we pass.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// The time base: a monotonic nanosecond count.
static TIME_BASE: Helper = Helper {
    name: "ppc_time_base",
    func: time_base,
    reads_state: false,
    writes_state: false,
};
