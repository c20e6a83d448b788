//! SSE/SSE2 data movement and packed integer operations on the xmm registers, plus the bitwise
//! float operations (andps/orpd/…, which are the same bit operations), the SSE fences and
//! prefetches (no-ops for one guest thread on a coherent host) and ldmxcsr/stmxcsr.
//!
//! An xmm register is two `I64` state fields (`state::xmm(i, 0|1)`). Moves, whole-quadword
//! shuffles, logic, 64-bit add/sub, pcmpeqb and pmovmskb are emitted inline; the other packed
//! operations call [`SSE_OP`](crate::guest::x86::helpers_sse::SSE_OP) with register indices (a
//! memory source is copied to the state's `tmp` first). Legacy-SSE 16-byte memory operands
//! must be aligned except for the `movu*`/`movdqu` forms: a misaligned one raises SIGSEGV with
//! si_code SI_KERNEL, as Linux reports #GP.
//!
//! Weak spots: MMX forms of these mnemonics are not lifted (SIGILL); a 16-byte store that
//! faults on its second half has already written the first eight bytes.

use super::Cx;
use crate::emit::{ArithExt, Cmp, Conv, Emit, Exit, Ty};
use crate::guest::x86::helpers_sse::{packed_arg, PackedOp as P, SSE_OP, TMP_INDEX};
use crate::guest::x86::state as st;
use iced_x86::{Mnemonic as M, OpKind, Register};

/// si_code SI_KERNEL: how Linux reports #GP (here: a misaligned SSE operand).
pub const SI_KERNEL: u8 = 0x80;

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>) -> bool {
    let m = cx.i.mnemonic();
    match m {
        M::Lfence | M::Sfence | M::Mfence => return true,
        M::Prefetchnta | M::Prefetcht0 | M::Prefetcht1 | M::Prefetcht2 => return true,
        M::Movnti => {
            let ty = cx.size(0);
            let v = cx.src(1, ty);
            let d = cx.loc(0);
            cx.write(d, v);
            return true;
        }
        M::Stmxcsr => {
            stmxcsr(cx);
            return true;
        }
        M::Ldmxcsr => {
            ldmxcsr(cx);
            return true;
        }
        _ => {}
    }
    if !is_sse(cx) {
        return false;
    }
    match m {
        M::Movdqa | M::Movdqu | M::Movaps | M::Movups | M::Movapd | M::Movupd => mov128(cx),
        M::Movntdq | M::Movntps | M::Movntpd => mov128(cx),
        M::Movd | M::Movq => movdq(cx),
        M::Movsd => mov_scalar(cx, Ty::I64),
        M::Movss => mov_scalar(cx, Ty::I32),
        M::Movhps | M::Movhpd => mov_half(cx, 1),
        M::Movlps | M::Movlpd => mov_half(cx, 0),
        M::Movhlps => move_lane(cx, 0, 1),
        M::Movlhps => move_lane(cx, 1, 0),
        M::Pxor | M::Xorps | M::Xorpd => logic(cx, Logic::Xor),
        M::Por | M::Orps | M::Orpd => logic(cx, Logic::Or),
        M::Pand | M::Andps | M::Andpd => logic(cx, Logic::And),
        M::Pandn | M::Andnps | M::Andnpd => logic(cx, Logic::AndNot),
        M::Paddq => logic(cx, Logic::Add),
        M::Psubq => logic(cx, Logic::Sub),
        M::Pcmpeqb => pcmpeqb(cx),
        M::Pmovmskb => pmovmskb(cx),
        M::Movmskpd => movmsk(cx, 64),
        M::Movmskps => movmsk(cx, 32),
        M::Pextrw => pextrw(cx),
        M::Pinsrw => pinsrw(cx),
        M::Punpcklqdq | M::Unpcklpd => qword_pair(cx, 0, 0),
        M::Punpckhqdq | M::Unpckhpd => qword_pair(cx, 1, 1),
        M::Shufpd => {
            let imm = cx.i.immediate8();
            qword_pair(cx, (imm & 1) as usize, ((imm >> 1) & 1) as usize)
        }
        M::Psllw | M::Pslld | M::Psllq | M::Psrlw | M::Psrld | M::Psrlq | M::Psraw | M::Psrad => {
            shift(cx)
        }
        M::Pslldq => packed_imm(cx, P::Pslldq),
        M::Psrldq => packed_imm(cx, P::Psrldq),
        M::Pshufd => packed_imm(cx, P::Pshufd),
        M::Pshuflw => packed_imm(cx, P::Pshuflw),
        M::Pshufhw => packed_imm(cx, P::Pshufhw),
        M::Shufps => packed_imm(cx, P::Shufps),
        _ => match packed_op(m) {
            Some(op) => packed(cx, op, 0),
            None => return false,
        },
    }
    true
}

/// Packed operations computed by the helper, by mnemonic.
fn packed_op(m: M) -> Option<P> {
    Some(match m {
        M::Paddb => P::Paddb,
        M::Paddw => P::Paddw,
        M::Paddd => P::Paddd,
        M::Psubb => P::Psubb,
        M::Psubw => P::Psubw,
        M::Psubd => P::Psubd,
        M::Paddsb => P::Paddsb,
        M::Paddsw => P::Paddsw,
        M::Psubsb => P::Psubsb,
        M::Psubsw => P::Psubsw,
        M::Paddusb => P::Paddusb,
        M::Paddusw => P::Paddusw,
        M::Psubusb => P::Psubusb,
        M::Psubusw => P::Psubusw,
        M::Pcmpeqw => P::Pcmpeqw,
        M::Pcmpeqd => P::Pcmpeqd,
        M::Pcmpgtb => P::Pcmpgtb,
        M::Pcmpgtw => P::Pcmpgtw,
        M::Pcmpgtd => P::Pcmpgtd,
        M::Pminub => P::Pminub,
        M::Pmaxub => P::Pmaxub,
        M::Pminsw => P::Pminsw,
        M::Pmaxsw => P::Pmaxsw,
        M::Pavgb => P::Pavgb,
        M::Pavgw => P::Pavgw,
        M::Pmullw => P::Pmullw,
        M::Pmulhw => P::Pmulhw,
        M::Pmulhuw => P::Pmulhuw,
        M::Pmuludq => P::Pmuludq,
        M::Pmaddwd => P::Pmaddwd,
        M::Psadbw => P::Psadbw,
        M::Punpcklbw => P::Punpcklbw,
        M::Punpcklwd => P::Punpcklwd,
        M::Punpckldq | M::Unpcklps => P::Punpckldq,
        M::Punpckhbw => P::Punpckhbw,
        M::Punpckhwd => P::Punpckhwd,
        M::Punpckhdq | M::Unpckhps => P::Punpckhdq,
        M::Packsswb => P::Packsswb,
        M::Packssdw => P::Packssdw,
        M::Packuswb => P::Packuswb,
        _ => return None,
    })
}

// ---- operand plumbing shared with ssefp ----

/// True if the instruction is an SSE form: no MMX register, and an xmm register or an ordinary
/// memory operand (cvttsd2si eax, [m] has no xmm one), which also tells the SSE `movsd`/`cmpsd`
/// from the string instructions of the same name.
pub fn is_sse<E: Emit>(cx: &Cx<'_, E>) -> bool {
    let (mut sse, mut mm) = (false, false);
    for n in 0..cx.i.op_count() {
        match cx.i.op_kind(n) {
            OpKind::Register => {
                let r = cx.i.op_register(n);
                sse |= r.is_xmm();
                mm |= r.is_mm();
            }
            OpKind::Memory => sse = true,
            _ => {}
        }
    }
    sse && !mm
}

/// Index 0–15 of an xmm register.
pub fn xmm_index(r: Register) -> usize {
    r.number() & 15
}

/// Lane 0 (low) or 1 (high) quadword of an xmm register.
pub fn lane<E: Emit>(cx: &mut Cx<'_, E>, r: Register, l: usize) -> E::V {
    cx.e.get(Ty::I64, st::xmm(xmm_index(r), l))
}

pub fn set_lane<E: Emit>(cx: &mut Cx<'_, E>, r: Register, l: usize, v: E::V) {
    cx.e.set(st::xmm(xmm_index(r), l), v)
}

/// Raises SIGSEGV (si_code SI_KERNEL) unless `addr` is 16-byte aligned.
pub fn check_aligned<E: Emit>(cx: &mut Cx<'_, E>, addr: E::V) {
    let low = cx.e.andk(addr, 15);
    let bad = cx.e.cmpk(Cmp::Ne, low, 0);
    let pc = cx.pc();
    cx.e.exit_if(
        bad,
        Exit::Signal {
            sig: libc::SIGSEGV as u8,
            code: SI_KERNEL,
            pc,
        },
    );
}

/// The address of the memory operand, checked for alignment when it is a 16-byte operand of an
/// instruction that requires that (all legacy-SSE ones but the explicitly unaligned moves).
pub fn mem_addr<E: Emit>(cx: &mut Cx<'_, E>) -> E::V {
    let a = cx.ea();
    let unaligned_ok = matches!(
        cx.i.mnemonic(),
        M::Movdqu | M::Movups | M::Movupd | M::Lddqu
    );
    if cx.i.memory_size().size() == 16 && !unaligned_ok {
        check_aligned(cx, a);
    }
    a
}

/// Operand `n` as 128 bits (two I64 lanes).
pub fn read128<E: Emit>(cx: &mut Cx<'_, E>, n: u32) -> [E::V; 2] {
    if cx.i.op_kind(n) == OpKind::Register {
        let r = cx.i.op_register(n);
        return [lane(cx, r, 0), lane(cx, r, 1)];
    }
    let a = mem_addr(cx);
    let lo = cx.e.load(Ty::I64, a);
    let a8 = cx.e.addk(a, 8);
    let hi = cx.e.load(Ty::I64, a8);
    [lo, hi]
}

/// Writes 128 bits to operand `n`.
pub fn write128<E: Emit>(cx: &mut Cx<'_, E>, n: u32, v: [E::V; 2]) {
    if cx.i.op_kind(n) == OpKind::Register {
        let r = cx.i.op_register(n);
        set_lane(cx, r, 0, v[0]);
        set_lane(cx, r, 1, v[1]);
        return;
    }
    let a = mem_addr(cx);
    cx.e.store(a, v[0]);
    let a8 = cx.e.addk(a, 8);
    cx.e.store(a8, v[1]);
}

/// The low quadword of operand `n` (an xmm register or a 64-bit memory operand).
pub fn read_low64<E: Emit>(cx: &mut Cx<'_, E>, n: u32) -> E::V {
    if cx.i.op_kind(n) == OpKind::Register {
        let r = cx.i.op_register(n);
        return lane(cx, r, 0);
    }
    let a = cx.ea();
    cx.e.load(Ty::I64, a)
}

/// Operand `n` as a helper source index: its xmm index, or [`TMP_INDEX`] after copying a
/// memory operand to the state's `tmp`.
fn helper_src<E: Emit>(cx: &mut Cx<'_, E>, n: u32) -> u64 {
    if cx.i.op_kind(n) == OpKind::Register {
        return xmm_index(cx.i.op_register(n)) as u64;
    }
    let v = read128(cx, n);
    cx.e.set(st::TMP, v[0]);
    cx.e.set(st::TMP + 8, v[1]);
    TMP_INDEX
}

/// `op0 = op(op0, op1, imm)` through the helper.
fn packed<E: Emit>(cx: &mut Cx<'_, E>, op: P, imm: u8) {
    let src = helper_src(cx, 1);
    let dst = xmm_index(cx.i.op0_register()) as u64;
    let args = [cx.k64(packed_arg(op, imm)), cx.k64(dst), cx.k64(src)];
    cx.e.call(&SSE_OP, &args);
}

/// Operations with an immediate as their last operand (pshufd x, y/m, imm; pslldq x, imm).
fn packed_imm<E: Emit>(cx: &mut Cx<'_, E>, op: P) {
    let imm = cx.i.immediate8();
    if cx.i.op_count() == 2 {
        // One register operand: it is also the source.
        let dst = xmm_index(cx.i.op0_register()) as u64;
        let args = [cx.k64(packed_arg(op, imm)), cx.k64(dst), cx.k64(dst)];
        cx.e.call(&SSE_OP, &args);
    } else {
        packed(cx, op, imm);
    }
}

// ---- moves ----

fn mov128<E: Emit>(cx: &mut Cx<'_, E>) {
    let v = read128(cx, 1);
    write128(cx, 0, v);
}

/// movd/movq between xmm and a general register or memory, and movq xmm, xmm.
fn movdq<E: Emit>(cx: &mut Cx<'_, E>) {
    let to_xmm = cx.i.op_kind(0) == OpKind::Register && cx.i.op0_register().is_xmm();
    if to_xmm {
        let v = if cx.i.op_kind(1) == OpKind::Register && cx.i.op1_register().is_xmm() {
            let r = cx.i.op1_register();
            lane(cx, r, 0)
        } else {
            let ty = cx.size(1);
            let v = cx.src(1, ty);
            cx.e.zext_to(Ty::I64, v)
        };
        let r = cx.i.op0_register();
        let z = cx.k64(0);
        set_lane(cx, r, 0, v);
        set_lane(cx, r, 1, z);
    } else {
        let ty = cx.size(0);
        let r = cx.i.op1_register();
        let v = lane(cx, r, 0);
        let v = cx.e.zext_to(ty, v);
        let d = cx.loc(0);
        cx.write(d, v);
    }
}

/// Replaces the low `ty` bits of `old` with `v` (an I64 holding a `ty` value).
fn merge_low<E: Emit>(cx: &mut Cx<'_, E>, old: E::V, v: E::V, ty: Ty) -> E::V {
    if ty == Ty::I64 {
        return v;
    }
    let keep = cx.e.andk(old, !ty.mask());
    let v = cx.e.andk(v, ty.mask());
    cx.e.or(keep, v)
}

/// movsd/movss: register to register merges the low element; a load zeroes the rest.
fn mov_scalar<E: Emit>(cx: &mut Cx<'_, E>, ty: Ty) {
    match (cx.i.op_kind(0), cx.i.op_kind(1)) {
        (OpKind::Register, OpKind::Register) => {
            let (d, s) = (cx.i.op0_register(), cx.i.op1_register());
            let v = lane(cx, s, 0);
            let old = lane(cx, d, 0);
            let v = merge_low(cx, old, v, ty);
            set_lane(cx, d, 0, v);
        }
        (OpKind::Register, _) => {
            let a = cx.ea();
            let v = cx.e.load(ty, a);
            let v = cx.e.zext_to(Ty::I64, v);
            let d = cx.i.op0_register();
            let z = cx.k64(0);
            set_lane(cx, d, 0, v);
            set_lane(cx, d, 1, z);
        }
        _ => {
            let s = cx.i.op1_register();
            let v = lane(cx, s, 0);
            let v = cx.e.zext_to(ty, v);
            let a = cx.ea();
            cx.e.store(a, v);
        }
    }
}

/// movhps/movhpd (lane 1) and movlps/movlpd (lane 0) between xmm and 64-bit memory.
fn mov_half<E: Emit>(cx: &mut Cx<'_, E>, l: usize) {
    let a = cx.ea();
    if cx.i.op_kind(0) == OpKind::Register {
        let v = cx.e.load(Ty::I64, a);
        let r = cx.i.op0_register();
        set_lane(cx, r, l, v);
    } else {
        let r = cx.i.op1_register();
        let v = lane(cx, r, l);
        cx.e.store(a, v);
    }
}

/// movhlps/movlhps: lane `to` of op0 = lane `from` of op1.
fn move_lane<E: Emit>(cx: &mut Cx<'_, E>, to: usize, from: usize) {
    let (d, s) = (cx.i.op0_register(), cx.i.op1_register());
    let v = lane(cx, s, from);
    set_lane(cx, d, to, v);
}

fn stmxcsr<E: Emit>(cx: &mut Cx<'_, E>) {
    let v = cx.e.get(Ty::I64, st::MXCSR);
    let v = cx.e.zext_to(Ty::I32, v);
    let a = cx.ea();
    cx.e.store(a, v);
}

fn ldmxcsr<E: Emit>(cx: &mut Cx<'_, E>) {
    let a = cx.ea();
    let v = cx.e.load(Ty::I32, a);
    let v = cx.e.zext_to(Ty::I64, v);
    // Reserved bits (above MXCSR_MASK 0xffff) raise #GP.
    let reserved = cx.e.andk(v, !0xffff);
    let bad = cx.e.cmpk(Cmp::Ne, reserved, 0);
    let pc = cx.pc();
    cx.e.exit_if(
        bad,
        Exit::Signal {
            sig: libc::SIGSEGV as u8,
            code: SI_KERNEL,
            pc,
        },
    );
    cx.e.set(st::MXCSR, v);
}

// ---- inline 128-bit operations ----

#[derive(Clone, Copy)]
enum Logic {
    And,
    AndNot,
    Or,
    Xor,
    Add,
    Sub,
}

/// Lane-wise quadword operations: logic, paddq, psubq.
fn logic<E: Emit>(cx: &mut Cx<'_, E>, op: Logic) {
    let s = read128(cx, 1);
    let d = cx.i.op0_register();
    for (l, s) in s.into_iter().enumerate() {
        let a = lane(cx, d, l);
        let r = match op {
            Logic::And => cx.e.and(a, s),
            Logic::AndNot => {
                let na = cx.e.not(a);
                cx.e.and(na, s)
            }
            Logic::Or => cx.e.or(a, s),
            Logic::Xor => cx.e.xor(a, s),
            Logic::Add => cx.e.add(a, s),
            Logic::Sub => cx.e.sub(a, s),
        };
        set_lane(cx, d, l, r);
    }
}

/// `op0 = [op0.lane(lo), op1.lane(hi)]`: punpck{l,h}qdq, unpck{l,h}pd, shufpd.
fn qword_pair<E: Emit>(cx: &mut Cx<'_, E>, lo: usize, hi: usize) {
    let s = read128(cx, 1);
    let d = cx.i.op0_register();
    let a = lane(cx, d, lo);
    set_lane(cx, d, 0, a);
    set_lane(cx, d, 1, s[hi]);
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// pcmpeqb, the string routines' workhorse, inline: a byte of `a ^ b` is zero exactly when
/// `((x & 0x7f) + 0x7f) | x` has its top bit clear.
fn pcmpeqb<E: Emit>(cx: &mut Cx<'_, E>) {
    let s = read128(cx, 1);
    let d = cx.i.op0_register();
    for (l, s) in s.into_iter().enumerate() {
        let a = lane(cx, d, l);
        let x = cx.e.xor(a, s);
        let t = cx.e.andk(x, LOW7);
        let t = cx.e.addk(t, LOW7);
        let t = cx.e.or(t, x);
        let t = cx.e.lshrk(t, 7);
        let t = cx.e.andk(t, LOW_BITS);
        // t has 1 in the low bit of each unequal byte; flip and widen to 0xff.
        let k = cx.k64(LOW_BITS);
        let eq = cx.e.xor(t, k);
        let ff = cx.k64(0xff);
        let r = cx.e.bin(crate::emit::BinOp::Mul, eq, ff);
        set_lane(cx, d, l, r);
    }
}

/// The top bits of a lane's eight bytes as an 8-bit number (multiplying gathers them: the
/// partial products land on distinct bits, so no carries).
fn byte_signs<E: Emit>(cx: &mut Cx<'_, E>, x: E::V) -> E::V {
    let t = cx.e.lshrk(x, 7);
    let t = cx.e.andk(t, LOW_BITS);
    let k = cx.k64(0x0102_0408_1020_4080);
    let t = cx.e.bin(crate::emit::BinOp::Mul, t, k);
    cx.e.lshrk(t, 56)
}

fn pmovmskb<E: Emit>(cx: &mut Cx<'_, E>) {
    let s = cx.i.op1_register();
    let lo = lane(cx, s, 0);
    let hi = lane(cx, s, 1);
    let lo = byte_signs(cx, lo);
    let hi = byte_signs(cx, hi);
    let hi = cx.e.shlk(hi, 8);
    let m = cx.e.or(lo, hi);
    set_mask_reg(cx, m);
}

/// Writes a mask (an I64) to the general register op0 (32- or 64-bit; upper bits zero).
fn set_mask_reg<E: Emit>(cx: &mut Cx<'_, E>, m: E::V) {
    let r = cx.i.op0_register();
    let ty = Ty::int(r.size() as u32);
    let m = cx.e.zext_to(ty, m);
    cx.set_reg(r, m);
}

/// movmskpd / movmskps: the sign bits of the 64- or 32-bit elements.
fn movmsk<E: Emit>(cx: &mut Cx<'_, E>, w: u32) {
    let s = cx.i.op1_register();
    let mut m = cx.k64(0);
    let per_lane = 64 / w;
    for l in 0..2 {
        let x = lane(cx, s, l);
        for j in 0..per_lane {
            let b = cx.e.lshrk(x, (w * (j + 1) - 1) as u64);
            let b = cx.e.andk(b, 1);
            let b = cx.e.shlk(b, (l as u32 * per_lane + j) as u64);
            m = cx.e.or(m, b);
        }
    }
    set_mask_reg(cx, m);
}

fn pextrw<E: Emit>(cx: &mut Cx<'_, E>) {
    let imm = cx.i.immediate8() as usize & 7;
    let s = cx.i.op1_register();
    let x = lane(cx, s, imm / 4);
    let x = cx.e.lshrk(x, (imm % 4 * 16) as u64);
    let x = cx.e.andk(x, 0xffff);
    let ty = cx.size(0);
    let x = cx.e.zext_to(ty, x);
    let d = cx.loc(0);
    cx.write(d, x);
}

fn pinsrw<E: Emit>(cx: &mut Cx<'_, E>) {
    let imm = cx.i.immediate8() as usize & 7;
    let ty = cx.size(1);
    let v = cx.src(1, ty);
    let v = cx.e.zext_to(Ty::I16, v);
    let v = cx.e.conv(Conv::Uext, Ty::I64, v);
    let sh = (imm % 4 * 16) as u64;
    let v = cx.e.shlk(v, sh);
    let d = cx.i.op0_register();
    let old = lane(cx, d, imm / 4);
    let old = cx.e.andk(old, !(0xffff << sh));
    let r = cx.e.or(old, v);
    set_lane(cx, d, imm / 4, r);
}

/// psll/psrl/psra by an immediate (put in `tmp` as the count) or by an xmm/memory count.
fn shift<E: Emit>(cx: &mut Cx<'_, E>) {
    let op = match cx.i.mnemonic() {
        M::Psllw => P::Psllw,
        M::Pslld => P::Pslld,
        M::Psllq => P::Psllq,
        M::Psrlw => P::Psrlw,
        M::Psrld => P::Psrld,
        M::Psrlq => P::Psrlq,
        M::Psraw => P::Psraw,
        _ => P::Psrad,
    };
    if cx.i.op_kind(1) == OpKind::Immediate8 {
        let count = cx.k64(cx.i.immediate8() as u64);
        cx.e.set(st::TMP, count);
        let dst = xmm_index(cx.i.op0_register()) as u64;
        let args = [cx.k64(packed_arg(op, 0)), cx.k64(dst), cx.k64(TMP_INDEX)];
        cx.e.call(&SSE_OP, &args);
    } else {
        packed(cx, op, 0);
    }
}
