//! Less common integer instructions: enter, cmpxchg8b, cmpxchg16b.
//!
//! enter supports the 64-bit operand size (the only one compilers emit in 64-bit mode); the
//! 16-bit form is left unimplemented (SIGILL). cmpxchg16b is not atomic: the Emit trait has no
//! 128-bit compare-and-swap, which is fine while guests run one thread (CPUID does not report
//! CX16, so well-behaved programs don't use it); its 16-byte alignment check raises SIGSEGV
//! like the hardware's #GP.

use super::flags::Flag;
use super::Cx;
use crate::emit::{ArithExt, Cmp, Emit, Exit, Ty};
use crate::guest::x86::state as st;
use iced_x86::{Code, Mnemonic as M};

/// si_code Linux gives a SIGSEGV from #GP.
const SI_KERNEL: u8 = 0x80;

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>) -> bool {
    match cx.i.mnemonic() {
        M::Enter if cx.i.code() == Code::Enterq_imm16_imm8 => enter(cx),
        M::Cmpxchg8b => cmpxchg8b(cx),
        M::Cmpxchg16b => cmpxchg16b(cx),
        _ => return false,
    }
    true
}

/// enter size, level: push rbp, copy `level - 1` outer frame pointers, push the new frame
/// pointer, then reserve `size` bytes.
fn enter<E: Emit>(cx: &mut Cx<'_, E>) {
    let size = cx.i.immediate(0) & 0xffff;
    let level = cx.i.immediate(1) & 31;
    let rbp = cx.get_gpr64(5);
    cx.push(rbp);
    let frame = cx.get_gpr64(st::RSP);
    if level > 0 {
        let mut outer = rbp;
        for _ in 1..level {
            outer = cx.e.addk(outer, 8u64.wrapping_neg());
            let v = cx.e.load(Ty::I64, outer);
            cx.push(v);
        }
        cx.push(frame);
    }
    cx.set_gpr64(5, frame);
    let sp = cx.get_gpr64(st::RSP);
    let sp = cx.e.addk(sp, size.wrapping_neg());
    cx.set_gpr64(st::RSP, sp);
}

/// Replaces ZF, keeping the other flags.
fn set_zf<E: Emit>(cx: &mut Cx<'_, E>, zf: E::V) {
    let f = cx.eflags();
    let f = cx.e.andk(f, !(1 << Flag::ZF as u64));
    let z = cx.e.zext_to(Ty::I64, zf);
    let z = cx.e.shlk(z, Flag::ZF as u64);
    let f = cx.e.or(f, z);
    cx.set_eflags(f);
}

/// Two 32-bit halves of registers as one I64 (`hi:lo`).
fn pair32<E: Emit>(cx: &mut Cx<'_, E>, hi: usize, lo: usize) -> E::V {
    let h = cx.get_gpr64(hi);
    let h = cx.e.shlk(h, 32);
    let l = cx.get_gpr64(lo);
    let l = cx.e.andk(l, 0xffff_ffff);
    cx.e.or(h, l)
}

/// cmpxchg8b m64: if EDX:EAX == m64 then m64 = ECX:EBX, ZF = 1, else EDX:EAX = m64, ZF = 0.
fn cmpxchg8b<E: Emit>(cx: &mut Cx<'_, E>) {
    let addr = cx.ea();
    let expected = pair32(cx, st::RDX, st::RAX);
    let new = pair32(cx, st::RCX, st::RBX);
    let old = cx.e.cas(addr, expected, new);
    let eq = cx.e.cmp(Cmp::Eq, old, expected);
    // On failure EDX:EAX take the old value (32-bit writes, zero-extending).
    let rax = cx.get_gpr64(st::RAX);
    let rdx = cx.get_gpr64(st::RDX);
    let lo = cx.e.andk(old, 0xffff_ffff);
    let hi = cx.e.lshrk(old, 32);
    let rax = cx.e.select(eq, rax, lo);
    let rdx = cx.e.select(eq, rdx, hi);
    cx.set_gpr64(st::RAX, rax);
    cx.set_gpr64(st::RDX, rdx);
    set_zf(cx, eq);
}

/// cmpxchg16b m128: the same over RDX:RAX and RCX:RBX; the operand must be 16-byte aligned.
fn cmpxchg16b<E: Emit>(cx: &mut Cx<'_, E>) {
    let addr = cx.ea();
    let low4 = cx.e.andk(addr, 15);
    let misaligned = cx.e.cmpk(Cmp::Ne, low4, 0);
    let pc = cx.pc();
    cx.e.exit_if(
        misaligned,
        Exit::Signal {
            sig: libc::SIGSEGV as u8,
            code: SI_KERNEL,
            pc,
        },
    );
    let addr_hi = cx.e.addk(addr, 8);
    let lo = cx.e.load(Ty::I64, addr);
    let hi = cx.e.load(Ty::I64, addr_hi);
    let rax = cx.get_gpr64(st::RAX);
    let rdx = cx.get_gpr64(st::RDX);
    let rbx = cx.get_gpr64(st::RBX);
    let rcx = cx.get_gpr64(st::RCX);
    let eq_lo = cx.e.cmp(Cmp::Eq, lo, rax);
    let eq_hi = cx.e.cmp(Cmp::Eq, hi, rdx);
    let eq = cx.e.and(eq_lo, eq_hi);
    // The destination is written either way, as the hardware's locked cycle does.
    let new_lo = cx.e.select(eq, rbx, lo);
    let new_hi = cx.e.select(eq, rcx, hi);
    cx.e.store(addr, new_lo);
    cx.e.store(addr_hi, new_hi);
    let rax = cx.e.select(eq, rax, lo);
    let rdx = cx.e.select(eq, rdx, hi);
    cx.set_gpr64(st::RAX, rax);
    cx.set_gpr64(st::RDX, rdx);
    set_zf(cx, eq);
}
