//! Per-instruction tests of the x86-64 frontend, checked against the host CPU.
//!
//! Each row of [`ROWS`] is one instruction (or a short sequence) as machine code. Every row runs
//! on a set of inputs — pairs of interesting values in the general registers, memory and XMM
//! registers, under random arithmetic flags — three times: natively (the bytes placed in an
//! executable page at a fixed address, entered through a small generated trampoline), under
//! egret's interpreter and under its JIT (the same bytes followed by `ud2` at the same guest
//! address). All general registers, the six arithmetic flags (less those the SDM leaves undefined
//! for the row) and DF, XMM0–XMM3 and a 1 KiB scratch area must match.
//!
//! Fixed layout, identical on both sides, so addresses in registers and on the stack compare:
//! - `SCRATCH` (0x1000_0000): 1 KiB of memory; RDI = SCRATCH+0x100, RSI = SCRATCH+0x200,
//!   RSP = SCRATCH+0x380. Memory operands are `[rdi+n]`; stack instructions use the real RSP.
//! - `CODE` (0x1010_0000): row `k` at `CODE + 64 k`. Natively, the row's bytes are followed by a
//!   jump back into the trampoline; under egret by `ud2`, and a run must end in SIGILL there.
//! - natively only, `CPU_PAGE` holds the register file the trampoline loads and stores through
//!   absolute addresses (so no register is reserved and RSP can be switched).
//!
//! Rows of families in [`ENABLED`] must pass. Rows of the other families (lifters not merged yet)
//! run too and are reported on stderr (`--nocapture`), but do not fail the test; set
//! `EGRET_INSN_ALL=1` to make every row count. `EGRET_INSN_ONLY=substr` runs only rows whose
//! text contains `substr`. A mismatch prints a `pin:` line; pasted into [`PINS`], that input
//! runs on every later test run.
//!
//! The bytes were assembled once with GNU as (`.intel_syntax noprefix`) and pasted here; the test
//! needs no assembler. Weak spots: MXCSR and the exception flags are not compared; x87 is not
//! covered; instructions that fault natively are only generated for division (where the
//! expected outcome under egret is SIGFPE at the instruction).
#![cfg(target_arch = "x86_64")]

use egret::emit::Ty;
use egret::exec::{EngineConfig, EngineKind, RunEnd, Runtime};
use egret::guest::x86::helpers::eflags_from_state;
use egret::guest::x86::lift::flags::CcOp;
use egret::guest::x86::X86Guest;
use egret::jit::{JitConfig, OptLevel};
use egret::linux::{GuestAbi, Process};
use egret::mem::{AddressSpace, Prot, VmaKind};
use egret::trace::LogMask;
use std::fmt::Write as _;
use std::time::Instant;

// ---- the table ----

const CF: u64 = 0x1;
const PF: u64 = 0x4;
const AF: u64 = 0x10;
const ZF: u64 = 0x40;
const SF: u64 = 0x80;
const OF: u64 = 0x800;
const DF: u64 = 0x400;
const ALL: u64 = CF | PF | AF | ZF | SF | OF;

const RAX: usize = 0;
const RCX: usize = 1;
const RDX: usize = 2;
const RBX: usize = 3;
const RSP: usize = 4;
const RSI: usize = 6;
const RDI: usize = 7;

/// Instruction families, named after the lifter files that implement them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Family {
    Alu,
    Control,
    Shift,
    MulDiv,
    Bits,
    Str,
    Sse,
    SseFp,
    /// Beyond the x86-64 baseline egret's CPUID advertises (POPCNT, LZCNT, BMI, SSSE3, SSE4).
    Ext,
    Misc,
}
use Family::*;

/// Families whose rows must pass. Add a family when its lifter lands.
const ENABLED: &[Family] = &[Alu, Control, Shift, MulDiv, Bits, Str, Misc, Sse, SseFp];

/// Where a divisor lives.
#[derive(Clone, Copy, Debug)]
enum Src {
    Rbx,
    Mem,
}

#[derive(Clone, Copy, Debug)]
struct Row {
    family: Family,
    /// Machine code, hex bytes separated by spaces.
    hex: &'static str,
    asm: &'static str,
    /// Arithmetic flags the SDM leaves undefined afterwards.
    undef: u64,
    /// A division: operand bits, signed, divisor. Inputs are adjusted so that most cases don't
    /// fault; those that do must raise SIGFPE under egret.
    div: Option<(u32, bool, Src)>,
    /// AND a register with a mask before the run (keeps bit offsets and counts in the scratch).
    mask: Option<(usize, u64)>,
    /// (dest, src, bits): the destination is undefined when the source's low `bits` are zero.
    zero_src_undef_dest: Option<(usize, usize, u32)>,
    /// A 32-bit CMPXCHG into this register: when the comparison fails, Intel writes the old
    /// value back (zeroing bits 63:32) and AMD leaves the register alone; either is accepted.
    cmpxchg32_dest: Option<usize>,
}

impl Row {
    const fn new(family: Family, hex: &'static str, asm: &'static str) -> Row {
        Row {
            family,
            hex,
            asm,
            undef: 0,
            div: None,
            mask: None,
            zero_src_undef_dest: None,
            cmpxchg32_dest: None,
        }
    }
    const fn undef(mut self, flags: u64) -> Row {
        self.undef = flags;
        self
    }
    const fn div(mut self, bits: u32, signed: bool, src: Src) -> Row {
        self.div = Some((bits, signed, src));
        self
    }
    const fn mask(mut self, reg: usize, mask: u64) -> Row {
        self.mask = Some((reg, mask));
        self
    }
    const fn zero_src_undef_dest(mut self, dest: usize, src: usize, bits: u32) -> Row {
        self.zero_src_undef_dest = Some((dest, src, bits));
        self
    }
    const fn cmpxchg32_dest(mut self, reg: usize) -> Row {
        self.cmpxchg32_dest = Some(reg);
        self
    }
    fn bytes(&self) -> Vec<u8> {
        self.hex
            .split_whitespace()
            .map(|b| u8::from_str_radix(b, 16).expect("hex byte"))
            .collect()
    }
}

#[rustfmt::skip]
const ROWS: &[Row] = &[
    // add, sub, adc, sbb, cmp
    Row::new(Alu, "48 01 d8", "add rax, rbx"),
    Row::new(Alu, "01 d8", "add eax, ebx"),
    Row::new(Alu, "66 01 d8", "add ax, bx"),
    Row::new(Alu, "00 d8", "add al, bl"),
    Row::new(Alu, "00 dc", "add ah, bl"),
    Row::new(Alu, "00 f8", "add al, bh"),
    Row::new(Alu, "48 83 c0 7f", "add rax, 0x7f"),
    Row::new(Alu, "48 83 c0 80", "add rax, -128"),
    Row::new(Alu, "48 05 78 56 34 12", "add rax, 0x12345678"),
    Row::new(Alu, "05 00 00 00 80", "add eax, 0x80000000"),
    Row::new(Alu, "66 05 00 80", "add ax, 0x8000"),
    Row::new(Alu, "04 80", "add al, 0x80"),
    Row::new(Alu, "4d 01 c8", "add r8, r9"),
    Row::new(Alu, "45 01 c8", "add r8d, r9d"),
    Row::new(Alu, "45 00 c8", "add r8b, r9b"),
    Row::new(Alu, "66 41 01 c0", "add r8w, ax"),
    Row::new(Alu, "48 03 07", "add rax, qword ptr [rdi]"),
    Row::new(Alu, "48 01 07", "add qword ptr [rdi], rax"),
    Row::new(Alu, "01 5f 08", "add dword ptr [rdi+8], ebx"),
    Row::new(Alu, "80 47 03 81", "add byte ptr [rdi+3], -127"),
    Row::new(Alu, "f0 48 01 07", "lock add qword ptr [rdi], rax"),
    Row::new(Alu, "f0 83 47 04 01", "lock add dword ptr [rdi+4], 1"),
    Row::new(Alu, "48 29 d8", "sub rax, rbx"),
    Row::new(Alu, "29 d8", "sub eax, ebx"),
    Row::new(Alu, "66 29 d8", "sub ax, bx"),
    Row::new(Alu, "28 d8", "sub al, bl"),
    Row::new(Alu, "28 c7", "sub bh, al"),
    Row::new(Alu, "48 83 e8 01", "sub rax, 1"),
    Row::new(Alu, "83 e8 ff", "sub eax, -1"),
    Row::new(Alu, "48 29 07", "sub qword ptr [rdi], rax"),
    Row::new(Alu, "48 2b 47 08", "sub rax, qword ptr [rdi+8]"),
    Row::new(Alu, "f0 48 29 07", "lock sub qword ptr [rdi], rax"),
    Row::new(Alu, "48 11 d8", "adc rax, rbx"),
    Row::new(Alu, "11 d8", "adc eax, ebx"),
    Row::new(Alu, "66 11 d8", "adc ax, bx"),
    Row::new(Alu, "10 d8", "adc al, bl"),
    Row::new(Alu, "48 83 d0 00", "adc rax, 0"),
    Row::new(Alu, "48 83 d0 ff", "adc rax, -1"),
    Row::new(Alu, "48 11 07", "adc qword ptr [rdi], rax"),
    Row::new(Alu, "f0 48 11 07", "lock adc qword ptr [rdi], rax"),
    Row::new(Alu, "48 19 d8", "sbb rax, rbx"),
    Row::new(Alu, "19 d8", "sbb eax, ebx"),
    Row::new(Alu, "66 19 d8", "sbb ax, bx"),
    Row::new(Alu, "18 d8", "sbb al, bl"),
    Row::new(Alu, "48 19 c0", "sbb rax, rax"),
    Row::new(Alu, "83 d8 00", "sbb eax, 0"),
    Row::new(Alu, "48 19 07", "sbb qword ptr [rdi], rax"),
    Row::new(Alu, "f0 19 1f", "lock sbb dword ptr [rdi], ebx"),
    Row::new(Alu, "48 39 d8", "cmp rax, rbx"),
    Row::new(Alu, "39 d8", "cmp eax, ebx"),
    Row::new(Alu, "66 39 d8", "cmp ax, bx"),
    Row::new(Alu, "38 d8", "cmp al, bl"),
    Row::new(Alu, "48 83 f8 7f", "cmp rax, 0x7f"),
    Row::new(Alu, "3c 80", "cmp al, 0x80"),
    Row::new(Alu, "48 39 07", "cmp qword ptr [rdi], rax"),
    Row::new(Alu, "3b 5f 08", "cmp ebx, dword ptr [rdi+8]"),
    // logic
    Row::new(Alu, "48 21 d8", "and rax, rbx").undef(AF),
    Row::new(Alu, "21 d8", "and eax, ebx").undef(AF),
    Row::new(Alu, "66 21 d8", "and ax, bx").undef(AF),
    Row::new(Alu, "20 d8", "and al, bl").undef(AF),
    Row::new(Alu, "48 83 e0 f0", "and rax, -16").undef(AF),
    Row::new(Alu, "25 ff 00 ff 00", "and eax, 0xff00ff").undef(AF),
    Row::new(Alu, "48 21 07", "and qword ptr [rdi], rax").undef(AF),
    Row::new(Alu, "f0 48 21 07", "lock and qword ptr [rdi], rax").undef(AF),
    Row::new(Alu, "48 09 d8", "or rax, rbx").undef(AF),
    Row::new(Alu, "09 d8", "or eax, ebx").undef(AF),
    Row::new(Alu, "66 09 d8", "or ax, bx").undef(AF),
    Row::new(Alu, "08 d8", "or al, bl").undef(AF),
    Row::new(Alu, "80 cc 81", "or ah, 0x81").undef(AF),
    Row::new(Alu, "48 09 5f 08", "or qword ptr [rdi+8], rbx").undef(AF),
    Row::new(Alu, "f0 09 07", "lock or dword ptr [rdi], eax").undef(AF),
    Row::new(Alu, "48 31 d8", "xor rax, rbx").undef(AF),
    Row::new(Alu, "31 d8", "xor eax, ebx").undef(AF),
    Row::new(Alu, "66 31 d8", "xor ax, bx").undef(AF),
    Row::new(Alu, "30 d8", "xor al, bl").undef(AF),
    Row::new(Alu, "31 c0", "xor eax, eax").undef(AF),
    Row::new(Alu, "48 35 80 00 00 00", "xor rax, 0x80").undef(AF),
    Row::new(Alu, "48 31 07", "xor qword ptr [rdi], rax").undef(AF),
    Row::new(Alu, "f0 48 31 07", "lock xor qword ptr [rdi], rax").undef(AF),
    Row::new(Alu, "48 85 d8", "test rax, rbx").undef(AF),
    Row::new(Alu, "85 d8", "test eax, ebx").undef(AF),
    Row::new(Alu, "66 85 d8", "test ax, bx").undef(AF),
    Row::new(Alu, "84 d8", "test al, bl").undef(AF),
    Row::new(Alu, "a8 80", "test al, 0x80").undef(AF),
    Row::new(Alu, "48 85 c0", "test rax, rax").undef(AF),
    Row::new(Alu, "85 1f", "test dword ptr [rdi], ebx").undef(AF),
    // inc, dec, neg, not
    Row::new(Alu, "48 ff c0", "inc rax"),
    Row::new(Alu, "ff c0", "inc eax"),
    Row::new(Alu, "66 ff c0", "inc ax"),
    Row::new(Alu, "fe c0", "inc al"),
    Row::new(Alu, "fe c4", "inc ah"),
    Row::new(Alu, "48 ff 07", "inc qword ptr [rdi]"),
    Row::new(Alu, "f0 ff 07", "lock inc dword ptr [rdi]"),
    Row::new(Alu, "48 ff c8", "dec rax"),
    Row::new(Alu, "ff c8", "dec eax"),
    Row::new(Alu, "66 ff c8", "dec ax"),
    Row::new(Alu, "fe c8", "dec al"),
    Row::new(Alu, "48 ff 4f 08", "dec qword ptr [rdi+8]"),
    Row::new(Alu, "f0 48 ff 0f", "lock dec qword ptr [rdi]"),
    Row::new(Alu, "48 f7 d8", "neg rax"),
    Row::new(Alu, "f7 d8", "neg eax"),
    Row::new(Alu, "66 f7 d8", "neg ax"),
    Row::new(Alu, "f6 d8", "neg al"),
    Row::new(Alu, "48 f7 1f", "neg qword ptr [rdi]"),
    Row::new(Alu, "48 f7 d0", "not rax"),
    Row::new(Alu, "f7 d0", "not eax"),
    Row::new(Alu, "66 f7 d0", "not ax"),
    Row::new(Alu, "f6 d0", "not al"),
    Row::new(Alu, "48 f7 17", "not qword ptr [rdi]"),
    // moves, lea, extensions, exchanges
    Row::new(Alu, "48 89 d8", "mov rax, rbx"),
    Row::new(Alu, "89 d8", "mov eax, ebx"),
    Row::new(Alu, "66 89 d8", "mov ax, bx"),
    Row::new(Alu, "88 f8", "mov al, bh"),
    Row::new(Alu, "88 dc", "mov ah, bl"),
    Row::new(Alu, "48 b8 f0 de bc 9a 78 56 34 12", "movabs rax, 0x123456789abcdef0"),
    Row::new(Alu, "b8 ef cd ab 89", "mov eax, 0x89abcdef"),
    Row::new(Alu, "48 c7 c0 ff ff ff ff", "mov rax, -1"),
    Row::new(Alu, "48 89 07", "mov qword ptr [rdi], rax"),
    Row::new(Alu, "48 8b 47 10", "mov rax, qword ptr [rdi+16]"),
    Row::new(Alu, "88 47 01", "mov byte ptr [rdi+1], al"),
    Row::new(Alu, "66 c7 47 02 34 12", "mov word ptr [rdi+2], 0x1234"),
    Row::new(Alu, "c7 47 0c fe ff ff ff", "mov dword ptr [rdi+12], -2"),
    Row::new(Alu, "8b 47 04", "mov eax, dword ptr [rdi+4]"),
    Row::new(Alu, "48 8d 44 8b 10", "lea rax, [rbx+rcx*4+0x10]"),
    Row::new(Alu, "8d 04 0b", "lea eax, [rbx+rcx]"),
    Row::new(Alu, "66 8d 44 13 ff", "lea ax, [rbx+rdx-1]"),
    Row::new(Alu, "67 8d 44 cb ff", "lea eax, [ebx+ecx*8-1]"),
    Row::new(Alu, "48 8d 04 5d 00 00 00 00", "lea rax, [rbx*2]"),
    Row::new(Alu, "48 8d 05 00 01 00 00", "lea rax, [rip+0x100]"),
    Row::new(Alu, "4f 8d 8c c8 ff ff ff 7f", "lea r9, [r8+r9*8+0x7fffffff]"),
    Row::new(Alu, "0f b6 c3", "movzx eax, bl"),
    Row::new(Alu, "0f b6 c7", "movzx eax, bh"),
    Row::new(Alu, "0f b7 c3", "movzx eax, bx"),
    Row::new(Alu, "48 0f b6 c3", "movzx rax, bl"),
    Row::new(Alu, "66 0f b6 c3", "movzx ax, bl"),
    Row::new(Alu, "0f b6 07", "movzx eax, byte ptr [rdi]"),
    Row::new(Alu, "48 0f b7 47 02", "movzx rax, word ptr [rdi+2]"),
    Row::new(Alu, "0f be c3", "movsx eax, bl"),
    Row::new(Alu, "48 0f be c3", "movsx rax, bl"),
    Row::new(Alu, "0f bf c3", "movsx eax, bx"),
    Row::new(Alu, "48 0f bf c3", "movsx rax, bx"),
    Row::new(Alu, "48 63 c3", "movsxd rax, ebx"),
    Row::new(Alu, "66 0f be c3", "movsx ax, bl"),
    Row::new(Alu, "0f be c7", "movsx eax, bh"),
    Row::new(Alu, "48 0f be 47 07", "movsx rax, byte ptr [rdi+7]"),
    Row::new(Alu, "48 63 47 04", "movsxd rax, dword ptr [rdi+4]"),
    Row::new(Alu, "48 93", "xchg rax, rbx"),
    Row::new(Alu, "93", "xchg eax, ebx"),
    Row::new(Alu, "66 93", "xchg ax, bx"),
    Row::new(Alu, "86 d8", "xchg al, bl"),
    Row::new(Alu, "86 dc", "xchg ah, bl"),
    Row::new(Alu, "87 c0", "xchg eax, eax"),
    Row::new(Alu, "48 87 07", "xchg qword ptr [rdi], rax"),
    Row::new(Alu, "86 5f 01", "xchg byte ptr [rdi+1], bl"),
    Row::new(Alu, "48 0f b1 d3", "cmpxchg rbx, rdx"),
    Row::new(Alu, "0f b1 d3", "cmpxchg ebx, edx").cmpxchg32_dest(RBX),
    Row::new(Alu, "66 0f b1 d3", "cmpxchg bx, dx"),
    Row::new(Alu, "0f b0 d3", "cmpxchg bl, dl"),
    Row::new(Alu, "48 0f b1 17", "cmpxchg qword ptr [rdi], rdx"),
    Row::new(Alu, "f0 48 0f b1 17", "lock cmpxchg qword ptr [rdi], rdx"),
    Row::new(Alu, "f0 0f b1 57 08", "lock cmpxchg dword ptr [rdi+8], edx"),
    Row::new(Alu, "48 0f c1 d8", "xadd rax, rbx"),
    Row::new(Alu, "0f c1 d8", "xadd eax, ebx"),
    Row::new(Alu, "66 0f c1 d8", "xadd ax, bx"),
    Row::new(Alu, "0f c0 d8", "xadd al, bl"),
    Row::new(Alu, "48 0f c1 07", "xadd qword ptr [rdi], rax"),
    Row::new(Alu, "f0 0f c1 07", "lock xadd dword ptr [rdi], eax"),
    Row::new(Alu, "66 98", "cbw"),
    Row::new(Alu, "98", "cwde"),
    Row::new(Alu, "48 98", "cdqe"),
    Row::new(Alu, "66 99", "cwd"),
    Row::new(Alu, "99", "cdq"),
    Row::new(Alu, "48 99", "cqo"),
    // flags produced and consumed in one block (the lifter's in-block fast paths)
    Row::new(Alu, "48 01 d8 48 11 d1", "add rax, rbx; adc rcx, rdx"),
    Row::new(Alu, "48 29 d8 48 19 d1", "sub rax, rbx; sbb rcx, rdx"),
    Row::new(Alu, "01 d8 83 d1 00", "add eax, ebx; adc ecx, 0"),
    Row::new(Alu, "28 d8 18 d1", "sub al, bl; sbb cl, dl"),
    Row::new(Alu, "48 f7 db 48 19 c0", "neg rbx; sbb rax, rax"),
    Row::new(Alu, "48 ff c0 48 11 d1", "inc rax; adc rcx, rdx"),
    Row::new(Alu, "ff c8 48 83 d9 00", "dec eax; sbb rcx, 0"),
    Row::new(Alu, "48 39 d8 f5 48 83 d2 00", "cmp rax, rbx; cmc; adc rdx, 0"),
    // setcc, cmovcc, jcc on flags from the initial state
    Row::new(Control, "0f 90 c0", "seto al"),
    Row::new(Control, "0f 91 c0", "setno al"),
    Row::new(Control, "0f 92 c0", "setb al"),
    Row::new(Control, "0f 93 c0", "setae al"),
    Row::new(Control, "0f 94 c0", "sete al"),
    Row::new(Control, "0f 95 c0", "setne al"),
    Row::new(Control, "0f 96 c0", "setbe al"),
    Row::new(Control, "0f 97 c0", "seta al"),
    Row::new(Control, "0f 98 c0", "sets al"),
    Row::new(Control, "0f 99 c0", "setns al"),
    Row::new(Control, "0f 9a c0", "setp al"),
    Row::new(Control, "0f 9b c0", "setnp al"),
    Row::new(Control, "0f 9c c0", "setl al"),
    Row::new(Control, "0f 9d c0", "setge al"),
    Row::new(Control, "0f 9e c0", "setle al"),
    Row::new(Control, "0f 9f c0", "setg al"),
    Row::new(Control, "0f 9c 07", "setl byte ptr [rdi]"),
    Row::new(Control, "0f 9f c4", "setg ah"),
    Row::new(Control, "48 0f 40 c3", "cmovo rax, rbx"),
    Row::new(Control, "48 0f 41 c3", "cmovno rax, rbx"),
    Row::new(Control, "48 0f 42 c3", "cmovb rax, rbx"),
    Row::new(Control, "48 0f 43 c3", "cmovae rax, rbx"),
    Row::new(Control, "48 0f 44 c3", "cmove rax, rbx"),
    Row::new(Control, "48 0f 45 c3", "cmovne rax, rbx"),
    Row::new(Control, "48 0f 46 c3", "cmovbe rax, rbx"),
    Row::new(Control, "48 0f 47 c3", "cmova rax, rbx"),
    Row::new(Control, "48 0f 48 c3", "cmovs rax, rbx"),
    Row::new(Control, "48 0f 49 c3", "cmovns rax, rbx"),
    Row::new(Control, "48 0f 4a c3", "cmovp rax, rbx"),
    Row::new(Control, "48 0f 4b c3", "cmovnp rax, rbx"),
    Row::new(Control, "48 0f 4c c3", "cmovl rax, rbx"),
    Row::new(Control, "48 0f 4d c3", "cmovge rax, rbx"),
    Row::new(Control, "48 0f 4e c3", "cmovle rax, rbx"),
    Row::new(Control, "48 0f 4f c3", "cmovg rax, rbx"),
    Row::new(Control, "0f 44 c3", "cmove eax, ebx"),
    Row::new(Control, "66 0f 45 c3", "cmovne ax, bx"),
    Row::new(Control, "48 0f 4c 07", "cmovl rax, qword ptr [rdi]"),
    Row::new(Control, "70 02 b0 01", "jo 1f; mov al, 1; 1:"),
    Row::new(Control, "72 02 b0 01", "jb 1f; mov al, 1; 1:"),
    Row::new(Control, "74 02 b0 01", "je 1f; mov al, 1; 1:"),
    Row::new(Control, "76 02 b0 01", "jbe 1f; mov al, 1; 1:"),
    Row::new(Control, "78 02 b0 01", "js 1f; mov al, 1; 1:"),
    Row::new(Control, "7a 02 b0 01", "jp 1f; mov al, 1; 1:"),
    Row::new(Control, "7c 02 b0 01", "jl 1f; mov al, 1; 1:"),
    Row::new(Control, "7e 02 b0 01", "jle 1f; mov al, 1; 1:"),
    Row::new(Control, "7f 02 b0 01", "jg 1f; mov al, 1; 1:"),
    Row::new(Control, "7b 02 b0 01", "jnp 1f; mov al, 1; 1:"),
    // condition codes straight after the flag-setting instruction
    Row::new(Control, "48 39 d8 0f 90 c1", "cmp rax, rbx; seto cl"),
    Row::new(Control, "48 39 d8 0f 92 c1", "cmp rax, rbx; setb cl"),
    Row::new(Control, "48 39 d8 0f 93 c1", "cmp rax, rbx; setae cl"),
    Row::new(Control, "48 39 d8 0f 94 c1", "cmp rax, rbx; sete cl"),
    Row::new(Control, "48 39 d8 0f 95 c1", "cmp rax, rbx; setne cl"),
    Row::new(Control, "48 39 d8 0f 96 c1", "cmp rax, rbx; setbe cl"),
    Row::new(Control, "48 39 d8 0f 97 c1", "cmp rax, rbx; seta cl"),
    Row::new(Control, "48 39 d8 0f 98 c1", "cmp rax, rbx; sets cl"),
    Row::new(Control, "48 39 d8 0f 9a c1", "cmp rax, rbx; setp cl"),
    Row::new(Control, "48 39 d8 0f 9c c1", "cmp rax, rbx; setl cl"),
    Row::new(Control, "48 39 d8 0f 9d c1", "cmp rax, rbx; setge cl"),
    Row::new(Control, "48 39 d8 0f 9e c1", "cmp rax, rbx; setle cl"),
    Row::new(Control, "48 39 d8 0f 9f c1", "cmp rax, rbx; setg cl"),
    Row::new(Control, "39 d8 0f 9c c1", "cmp eax, ebx; setl cl"),
    Row::new(Control, "66 39 d8 0f 9f c1", "cmp ax, bx; setg cl"),
    Row::new(Control, "38 d8 0f 92 c1", "cmp al, bl; setb cl"),
    Row::new(Control, "38 d8 0f 9e c1", "cmp al, bl; setle cl"),
    Row::new(Control, "48 29 d8 0f 96 c1", "sub rax, rbx; setbe cl"),
    Row::new(Control, "48 01 d8 0f 90 c1", "add rax, rbx; seto cl"),
    Row::new(Control, "01 d8 0f 9c c1", "add eax, ebx; setl cl"),
    Row::new(Control, "00 d8 0f 9e c1", "add al, bl; setle cl"),
    Row::new(Control, "48 11 d8 0f 92 c1", "adc rax, rbx; setb cl"),
    Row::new(Control, "19 d8 0f 9c c1", "sbb eax, ebx; setl cl"),
    Row::new(Control, "fe c0 0f 9e c1", "inc al; setle cl"),
    Row::new(Control, "48 ff c8 0f 92 c1", "dec rax; setb cl"),
    Row::new(Control, "f7 d8 0f 9f c1", "neg eax; setg cl"),
    Row::new(Control, "48 85 d8 0f 98 c1", "test rax, rbx; sets cl"),
    Row::new(Control, "48 85 d8 0f 9c c1", "test rax, rbx; setl cl"),
    Row::new(Control, "85 d8 0f 9e c1", "test eax, ebx; setle cl"),
    Row::new(Control, "84 d8 0f 9f c1", "test al, bl; setg cl"),
    Row::new(Control, "48 21 d8 0f 92 c1", "and rax, rbx; setb cl"),
    Row::new(Control, "09 d8 0f 9a c1", "or eax, ebx; setp cl"),
    Row::new(Control, "66 31 d8 0f 97 c1", "xor ax, bx; seta cl"),
    Row::new(Control, "48 39 d8 48 0f 4c c3", "cmp rax, rbx; cmovl rax, rbx"),
    Row::new(Control, "39 d8 0f 42 c3", "cmp eax, ebx; cmovb eax, ebx"),
    Row::new(Control, "48 85 c0 48 0f 48 c3", "test rax, rax; cmovs rax, rbx"),
    Row::new(Control, "48 39 d8 7c 02 b1 01", "cmp rax, rbx; jl 1f; mov cl, 1; 1:"),
    Row::new(Control, "39 d8 77 02 b1 01", "cmp eax, ebx; ja 1f; mov cl, 1; 1:"),
    Row::new(Control, "84 d8 7e 02 b1 01", "test al, bl; jle 1f; mov cl, 1; 1:"),
    Row::new(Control, "48 01 d8 70 02 b1 01", "add rax, rbx; jo 1f; mov cl, 1; 1:"),
    // jumps, loops, stack, flags instructions
    Row::new(Control, "eb 02 b0 01", "jmp 1f; mov al, 1; 1:"),
    Row::new(Control, "e3 02 b0 01", "jrcxz 1f; mov al, 1; 1:"),
    Row::new(Control, "67 e3 02 b0 01", "jecxz 1f; mov al, 1; 1:"),
    Row::new(Control, "e2 02 b0 01", "loop 1f; mov al, 1; 1:"),
    Row::new(Control, "e1 02 b0 01", "loope 1f; mov al, 1; 1:"),
    Row::new(Control, "e0 02 b0 01", "loopne 1f; mov al, 1; 1:"),
    Row::new(Control, "50 59", "push rax; pop rcx"),
    Row::new(Control, "53", "push rbx"),
    Row::new(Control, "58", "pop rax"),
    Row::new(Control, "66 50", "push ax"),
    Row::new(Control, "66 5b", "pop bx"),
    Row::new(Control, "68 78 56 34 12", "push 0x12345678"),
    Row::new(Control, "6a fe", "push -2"),
    Row::new(Control, "ff 37", "push qword ptr [rdi]"),
    Row::new(Control, "8f 47 08", "pop qword ptr [rdi+8]"),
    Row::new(Control, "e8 00 00 00 00 58", "call 1f; 1: pop rax"),
    Row::new(Control, "e8 02 00 00 00 eb 01 c3", "call 1f; jmp 2f; 1: ret; 2:"),
    Row::new(Control, "48 8d 05 02 00 00 00 50 c3", "lea rax, [rip+1f]; push rax; ret; 1:"),
    Row::new(Control, "55 48 89 e5 48 83 ec 20 c9", "push rbp; mov rbp, rsp; sub rsp, 32; leave"),
    Row::new(Control, "c8 10 00 00 c9", "enter 16, 0; leave"),
    Row::new(Control, "f8", "clc"),
    Row::new(Control, "f9", "stc"),
    Row::new(Control, "f5", "cmc"),
    Row::new(Control, "9f", "lahf"),
    Row::new(Control, "9e", "sahf"),
    Row::new(Control, "9c 58", "pushfq; pop rax"),
    Row::new(Control, "25 d5 04 00 00 50 9d", "and eax, 0x4d5; push rax; popfq"),
    Row::new(Control, "fd", "std"),
    Row::new(Control, "fd fc", "std; cld"),
    Row::new(Control, "90", "nop"),
    Row::new(Control, "0f 1f 04 00", "nop dword ptr [rax+rax]"),
    Row::new(Control, "f3 0f 1e fa", "endbr64"),
    Row::new(Control, "f3 90", "pause"),
    Row::new(Control, "0f ae e8 0f ae f0 0f ae f8", "lfence; mfence; sfence"),
    // shifts and rotates
    Row::new(Shift, "48 d1 e0", "shl rax, 1").undef(AF),
    Row::new(Shift, "d1 e0", "shl eax, 1").undef(AF),
    Row::new(Shift, "d0 e0", "shl al, 1").undef(AF),
    Row::new(Shift, "48 d3 e0", "shl rax, cl").undef(AF|OF),
    Row::new(Shift, "d3 e0", "shl eax, cl").undef(AF|OF),
    Row::new(Shift, "66 d3 e0", "shl ax, cl").undef(AF|OF|CF),
    Row::new(Shift, "d2 e0", "shl al, cl").undef(AF|OF|CF),
    Row::new(Shift, "48 c1 e0 07", "shl rax, 7").undef(AF|OF),
    Row::new(Shift, "48 d3 27", "shl qword ptr [rdi], cl").undef(AF|OF),
    Row::new(Shift, "48 d1 e8", "shr rax, 1").undef(AF),
    Row::new(Shift, "48 d3 e8", "shr rax, cl").undef(AF|OF),
    Row::new(Shift, "d3 e8", "shr eax, cl").undef(AF|OF),
    Row::new(Shift, "66 d3 e8", "shr ax, cl").undef(AF|OF|CF),
    Row::new(Shift, "d2 e8", "shr al, cl").undef(AF|OF|CF),
    Row::new(Shift, "48 c1 e8 3f", "shr rax, 63").undef(AF|OF),
    Row::new(Shift, "48 d1 f8", "sar rax, 1").undef(AF),
    Row::new(Shift, "48 d3 f8", "sar rax, cl").undef(AF|OF),
    Row::new(Shift, "d3 f8", "sar eax, cl").undef(AF|OF),
    Row::new(Shift, "66 d3 f8", "sar ax, cl").undef(AF|OF),
    Row::new(Shift, "d2 f8", "sar al, cl").undef(AF|OF),
    Row::new(Shift, "48 c1 f8 3f", "sar rax, 63").undef(AF|OF),
    Row::new(Shift, "c1 3f 03", "sar dword ptr [rdi], 3").undef(AF|OF),
    Row::new(Shift, "48 d1 c0", "rol rax, 1"),
    Row::new(Shift, "48 d3 c0", "rol rax, cl").undef(OF),
    Row::new(Shift, "d3 c0", "rol eax, cl").undef(OF),
    Row::new(Shift, "66 d3 c0", "rol ax, cl").undef(OF),
    Row::new(Shift, "d2 c0", "rol al, cl").undef(OF),
    Row::new(Shift, "48 c1 c0 0d", "rol rax, 13").undef(OF),
    Row::new(Shift, "48 d1 c8", "ror rax, 1"),
    Row::new(Shift, "48 d3 c8", "ror rax, cl").undef(OF),
    Row::new(Shift, "d3 c8", "ror eax, cl").undef(OF),
    Row::new(Shift, "d2 c8", "ror al, cl").undef(OF),
    Row::new(Shift, "48 c1 c8 0d", "ror rax, 13").undef(OF),
    Row::new(Shift, "48 d1 d0", "rcl rax, 1"),
    Row::new(Shift, "48 d3 d0", "rcl rax, cl").undef(OF),
    Row::new(Shift, "d3 d0", "rcl eax, cl").undef(OF),
    Row::new(Shift, "d2 d0", "rcl al, cl").undef(OF),
    Row::new(Shift, "48 d1 d8", "rcr rax, 1"),
    Row::new(Shift, "48 d3 d8", "rcr rax, cl").undef(OF),
    Row::new(Shift, "66 d3 d8", "rcr ax, cl").undef(OF),
    Row::new(Shift, "48 0f a5 d0", "shld rax, rdx, cl").undef(AF|OF),
    Row::new(Shift, "0f a5 d0", "shld eax, edx, cl").undef(AF|OF),
    Row::new(Shift, "48 0f a4 d0 05", "shld rax, rdx, 5").undef(AF|OF),
    Row::new(Shift, "48 0f ad d0", "shrd rax, rdx, cl").undef(AF|OF),
    Row::new(Shift, "0f ac d0 07", "shrd eax, edx, 7").undef(AF|OF),
    Row::new(Shift, "d3 e0 0f 94 c2", "shl eax, cl; setz dl").undef(AF|OF),
    Row::new(Shift, "48 d3 e8 0f 92 c2", "shr rax, cl; setc dl").undef(AF|OF),
    Row::new(Shift, "48 d3 f8 0f 9c c2", "sar rax, cl; setl dl").undef(AF|OF),
    Row::new(Shift, "d3 c0 0f 92 c2", "rol eax, cl; setc dl").undef(OF),
    // multiply and divide
    Row::new(MulDiv, "48 f7 e3", "mul rbx").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "f7 e3", "mul ebx").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "66 f7 e3", "mul bx").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "f6 e3", "mul bl").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "48 f7 27", "mul qword ptr [rdi]").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "48 f7 eb", "imul rbx").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "f7 eb", "imul ebx").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "66 f7 eb", "imul bx").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "f6 eb", "imul bl").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "48 0f af c3", "imul rax, rbx").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "0f af c3", "imul eax, ebx").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "66 0f af c3", "imul ax, bx").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "48 6b c3 07", "imul rax, rbx, 7").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "48 69 c3 45 23 01 00", "imul rax, rbx, 0x12345").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "6b c3 fd", "imul eax, ebx, -3").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "48 0f af 07", "imul rax, qword ptr [rdi]").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "48 0f af c3 0f 92 c1", "imul rax, rbx; setc cl").undef(SF|ZF|AF|PF),
    Row::new(MulDiv, "48 f7 f3", "div rbx").undef(ALL).div(64, false, Src::Rbx),
    Row::new(MulDiv, "f7 f3", "div ebx").undef(ALL).div(32, false, Src::Rbx),
    Row::new(MulDiv, "66 f7 f3", "div bx").undef(ALL).div(16, false, Src::Rbx),
    Row::new(MulDiv, "f6 f3", "div bl").undef(ALL).div(8, false, Src::Rbx),
    Row::new(MulDiv, "48 f7 37", "div qword ptr [rdi]").undef(ALL).div(64, false, Src::Mem),
    Row::new(MulDiv, "48 f7 fb", "idiv rbx").undef(ALL).div(64, true, Src::Rbx),
    Row::new(MulDiv, "f7 fb", "idiv ebx").undef(ALL).div(32, true, Src::Rbx),
    Row::new(MulDiv, "66 f7 fb", "idiv bx").undef(ALL).div(16, true, Src::Rbx),
    Row::new(MulDiv, "f6 fb", "idiv bl").undef(ALL).div(8, true, Src::Rbx),
    // bit instructions
    Row::new(Bits, "48 0f a3 d8", "bt rax, rbx").undef(OF|SF|AF|PF),
    Row::new(Bits, "0f a3 d8", "bt eax, ebx").undef(OF|SF|AF|PF),
    Row::new(Bits, "66 0f a3 d8", "bt ax, bx").undef(OF|SF|AF|PF),
    Row::new(Bits, "48 0f ba e0 0d", "bt rax, 13").undef(OF|SF|AF|PF),
    Row::new(Bits, "48 0f ab d8", "bts rax, rbx").undef(OF|SF|AF|PF),
    Row::new(Bits, "48 0f b3 d8", "btr rax, rbx").undef(OF|SF|AF|PF),
    Row::new(Bits, "48 0f bb d8", "btc rax, rbx").undef(OF|SF|AF|PF),
    Row::new(Bits, "0f ba e8 1f", "bts eax, 31").undef(OF|SF|AF|PF),
    Row::new(Bits, "48 0f a3 0f", "bt qword ptr [rdi], rcx").undef(OF|SF|AF|PF).mask(RCX, 0x7f),
    Row::new(Bits, "48 0f ab 0f", "bts qword ptr [rdi], rcx").undef(OF|SF|AF|PF).mask(RCX, 0x7f),
    Row::new(Bits, "f0 0f b3 0f", "lock btr dword ptr [rdi], ecx").undef(OF|SF|AF|PF).mask(RCX, 0x7f),
    Row::new(Bits, "48 0f ba 27 4d", "bt qword ptr [rdi], 77").undef(OF|SF|AF|PF),
    Row::new(Bits, "48 0f bc c3", "bsf rax, rbx").undef(CF|OF|SF|AF|PF).zero_src_undef_dest(RAX, RBX, 64),
    Row::new(Bits, "48 0f bd c3", "bsr rax, rbx").undef(CF|OF|SF|AF|PF).zero_src_undef_dest(RAX, RBX, 64),
    Row::new(Bits, "0f bc c3", "bsf eax, ebx").undef(CF|OF|SF|AF|PF).zero_src_undef_dest(RAX, RBX, 32),
    Row::new(Bits, "0f bd c3", "bsr eax, ebx").undef(CF|OF|SF|AF|PF).zero_src_undef_dest(RAX, RBX, 32),
    Row::new(Bits, "66 0f bc c3", "bsf ax, bx").undef(CF|OF|SF|AF|PF).zero_src_undef_dest(RAX, RBX, 16),
    Row::new(Bits, "48 0f c8", "bswap rax"),
    Row::new(Bits, "0f c8", "bswap eax"),
    Row::new(Bits, "49 0f c9", "bswap r9"),
    // string instructions
    Row::new(Str, "a4", "movsb"),
    Row::new(Str, "66 a5", "movsw"),
    Row::new(Str, "a5", "movsd"),
    Row::new(Str, "48 a5", "movsq"),
    Row::new(Str, "aa", "stosb"),
    Row::new(Str, "ab", "stosd"),
    Row::new(Str, "48 ab", "stosq"),
    Row::new(Str, "ac", "lodsb"),
    Row::new(Str, "48 ad", "lodsq"),
    Row::new(Str, "a6", "cmpsb"),
    Row::new(Str, "48 a7", "cmpsq"),
    Row::new(Str, "ae", "scasb"),
    Row::new(Str, "af", "scasd"),
    Row::new(Str, "f3 a4", "rep movsb").mask(RCX, 0x1f),
    Row::new(Str, "f3 48 a5", "rep movsq").mask(RCX, 0xf),
    Row::new(Str, "f3 aa", "rep stosb").mask(RCX, 0x1f),
    Row::new(Str, "f3 48 ab", "rep stosq").mask(RCX, 0xf),
    Row::new(Str, "f3 a6", "repe cmpsb").mask(RCX, 0x1f),
    Row::new(Str, "f2 ae", "repne scasb").mask(RCX, 0x1f),
    Row::new(Str, "fd 48 a5 fc", "std; movsq; cld"),
    Row::new(Str, "fd f3 aa fc", "std; rep stosb; cld").mask(RCX, 0x1f),
    Row::new(Str, "fd ac fc", "std; lodsb; cld"),
    // SSE2 integer and moves
    Row::new(Sse, "66 0f 6e c0", "movd xmm0, eax"),
    Row::new(Sse, "66 0f 7e c8", "movd eax, xmm1"),
    Row::new(Sse, "66 48 0f 6e c0", "movq xmm0, rax"),
    Row::new(Sse, "66 48 0f 7e c8", "movq rax, xmm1"),
    Row::new(Sse, "f3 0f 7e c1", "movq xmm0, xmm1"),
    Row::new(Sse, "f3 0f 7e 47 08", "movq xmm0, qword ptr [rdi+8]"),
    Row::new(Sse, "66 0f d6 0f", "movq qword ptr [rdi], xmm1"),
    Row::new(Sse, "66 0f 6e 07", "movd xmm0, dword ptr [rdi]"),
    Row::new(Sse, "66 0f 6f c1", "movdqa xmm0, xmm1"),
    Row::new(Sse, "f3 0f 6f 47 01", "movdqu xmm0, xmmword ptr [rdi+1]"),
    Row::new(Sse, "66 0f 6f 07", "movdqa xmm0, xmmword ptr [rdi]"),
    Row::new(Sse, "66 0f 7f 0f", "movdqa xmmword ptr [rdi], xmm1"),
    Row::new(Sse, "0f 10 57 03", "movups xmm2, xmmword ptr [rdi+3]"),
    Row::new(Sse, "0f 28 c1", "movaps xmm0, xmm1"),
    Row::new(Sse, "66 0f fc c1", "paddb xmm0, xmm1"),
    Row::new(Sse, "66 0f fd c1", "paddw xmm0, xmm1"),
    Row::new(Sse, "66 0f fe c1", "paddd xmm0, xmm1"),
    Row::new(Sse, "66 0f d4 c1", "paddq xmm0, xmm1"),
    Row::new(Sse, "66 0f f8 c1", "psubb xmm0, xmm1"),
    Row::new(Sse, "66 0f f9 c1", "psubw xmm0, xmm1"),
    Row::new(Sse, "66 0f fa c1", "psubd xmm0, xmm1"),
    Row::new(Sse, "66 0f fb c1", "psubq xmm0, xmm1"),
    Row::new(Sse, "66 0f ec c1", "paddsb xmm0, xmm1"),
    Row::new(Sse, "66 0f ed c1", "paddsw xmm0, xmm1"),
    Row::new(Sse, "66 0f dc c1", "paddusb xmm0, xmm1"),
    Row::new(Sse, "66 0f dd c1", "paddusw xmm0, xmm1"),
    Row::new(Sse, "66 0f e8 c1", "psubsb xmm0, xmm1"),
    Row::new(Sse, "66 0f d9 c1", "psubusw xmm0, xmm1"),
    Row::new(Sse, "66 0f db c1", "pand xmm0, xmm1"),
    Row::new(Sse, "66 0f df c1", "pandn xmm0, xmm1"),
    Row::new(Sse, "66 0f eb c1", "por xmm0, xmm1"),
    Row::new(Sse, "66 0f ef c1", "pxor xmm0, xmm1"),
    Row::new(Sse, "66 0f ef c0", "pxor xmm0, xmm0"),
    Row::new(Sse, "66 0f 74 c1", "pcmpeqb xmm0, xmm1"),
    Row::new(Sse, "66 0f 75 c1", "pcmpeqw xmm0, xmm1"),
    Row::new(Sse, "66 0f 76 c1", "pcmpeqd xmm0, xmm1"),
    Row::new(Sse, "66 0f 64 c1", "pcmpgtb xmm0, xmm1"),
    Row::new(Sse, "66 0f 65 c1", "pcmpgtw xmm0, xmm1"),
    Row::new(Sse, "66 0f 66 c1", "pcmpgtd xmm0, xmm1"),
    Row::new(Sse, "66 0f d5 c1", "pmullw xmm0, xmm1"),
    Row::new(Sse, "66 0f e5 c1", "pmulhw xmm0, xmm1"),
    Row::new(Sse, "66 0f e4 c1", "pmulhuw xmm0, xmm1"),
    Row::new(Sse, "66 0f f4 c1", "pmuludq xmm0, xmm1"),
    Row::new(Sse, "66 0f f5 c1", "pmaddwd xmm0, xmm1"),
    Row::new(Sse, "66 0f f6 c1", "psadbw xmm0, xmm1"),
    Row::new(Sse, "66 0f e0 c1", "pavgb xmm0, xmm1"),
    Row::new(Sse, "66 0f e3 c1", "pavgw xmm0, xmm1"),
    Row::new(Sse, "66 0f da c1", "pminub xmm0, xmm1"),
    Row::new(Sse, "66 0f de c1", "pmaxub xmm0, xmm1"),
    Row::new(Sse, "66 0f ea c1", "pminsw xmm0, xmm1"),
    Row::new(Sse, "66 0f ee c1", "pmaxsw xmm0, xmm1"),
    Row::new(Sse, "66 0f 60 c1", "punpcklbw xmm0, xmm1"),
    Row::new(Sse, "66 0f 61 c1", "punpcklwd xmm0, xmm1"),
    Row::new(Sse, "66 0f 62 c1", "punpckldq xmm0, xmm1"),
    Row::new(Sse, "66 0f 6c c1", "punpcklqdq xmm0, xmm1"),
    Row::new(Sse, "66 0f 68 c1", "punpckhbw xmm0, xmm1"),
    Row::new(Sse, "66 0f 69 c1", "punpckhwd xmm0, xmm1"),
    Row::new(Sse, "66 0f 6a c1", "punpckhdq xmm0, xmm1"),
    Row::new(Sse, "66 0f 6d c1", "punpckhqdq xmm0, xmm1"),
    Row::new(Sse, "66 0f 63 c1", "packsswb xmm0, xmm1"),
    Row::new(Sse, "66 0f 6b c1", "packssdw xmm0, xmm1"),
    Row::new(Sse, "66 0f 67 c1", "packuswb xmm0, xmm1"),
    Row::new(Sse, "66 0f 70 c1 1b", "pshufd xmm0, xmm1, 0x1b"),
    Row::new(Sse, "f2 0f 70 c1 93", "pshuflw xmm0, xmm1, 0x93"),
    Row::new(Sse, "f3 0f 70 c1 4e", "pshufhw xmm0, xmm1, 0x4e"),
    Row::new(Sse, "66 0f 71 f0 03", "psllw xmm0, 3"),
    Row::new(Sse, "66 0f 72 f0 1f", "pslld xmm0, 31"),
    Row::new(Sse, "66 0f 73 f0 3f", "psllq xmm0, 63"),
    Row::new(Sse, "66 0f 71 d0 0f", "psrlw xmm0, 15"),
    Row::new(Sse, "66 0f 72 d0 05", "psrld xmm0, 5"),
    Row::new(Sse, "66 0f 73 d0 21", "psrlq xmm0, 33"),
    Row::new(Sse, "66 0f 71 e0 09", "psraw xmm0, 9"),
    Row::new(Sse, "66 0f 72 e0 1f", "psrad xmm0, 31"),
    Row::new(Sse, "66 0f f3 c2", "psllq xmm0, xmm2"),
    Row::new(Sse, "66 0f d2 c2", "psrld xmm0, xmm2"),
    Row::new(Sse, "66 0f 73 f8 05", "pslldq xmm0, 5"),
    Row::new(Sse, "66 0f 73 d8 03", "psrldq xmm0, 3"),
    Row::new(Sse, "66 0f d7 c0", "pmovmskb eax, xmm0"),
    Row::new(Sse, "0f 50 c0", "movmskps eax, xmm0"),
    Row::new(Sse, "66 0f 50 c1", "movmskpd eax, xmm1"),
    Row::new(Sse, "66 0f c5 c0 03", "pextrw eax, xmm0, 3"),
    Row::new(Sse, "66 0f c4 c0 05", "pinsrw xmm0, eax, 5"),
    Row::new(Sse, "0f 12 c1", "movhlps xmm0, xmm1"),
    Row::new(Sse, "0f 16 c1", "movlhps xmm0, xmm1"),
    Row::new(Sse, "0f 16 07", "movhps xmm0, qword ptr [rdi]"),
    Row::new(Sse, "0f 12 47 08", "movlps xmm0, qword ptr [rdi+8]"),
    Row::new(Sse, "66 0f 17 4f 08", "movhpd qword ptr [rdi+8], xmm1"),
    Row::new(Sse, "0f 14 c1", "unpcklps xmm0, xmm1"),
    Row::new(Sse, "0f 15 c1", "unpckhps xmm0, xmm1"),
    Row::new(Sse, "66 0f 14 c1", "unpcklpd xmm0, xmm1"),
    Row::new(Sse, "66 0f 15 c1", "unpckhpd xmm0, xmm1"),
    Row::new(Sse, "0f c6 c1 4e", "shufps xmm0, xmm1, 0x4e"),
    Row::new(Sse, "66 0f c6 c1 01", "shufpd xmm0, xmm1, 1"),
    Row::new(Sse, "0f 54 c1", "andps xmm0, xmm1"),
    Row::new(Sse, "0f 55 c1", "andnps xmm0, xmm1"),
    Row::new(Sse, "0f 56 c1", "orps xmm0, xmm1"),
    Row::new(Sse, "0f 57 c1", "xorps xmm0, xmm1"),
    Row::new(Sse, "66 0f 54 c1", "andpd xmm0, xmm1"),
    Row::new(Sse, "66 0f 57 c1", "xorpd xmm0, xmm1"),
    Row::new(Sse, "66 0f eb 07", "por xmm0, xmmword ptr [rdi]"),
    Row::new(Sse, "66 0f da 0f", "pminub xmm1, xmmword ptr [rdi]"),
    Row::new(Sse, "66 0f 74 c1 66 0f d7 c0", "pcmpeqb xmm0, xmm1; pmovmskb eax, xmm0"),
    // SSE/SSE2 floating point
    Row::new(SseFp, "f2 0f 58 c1", "addsd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f 5c c1", "subsd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f 59 c1", "mulsd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f 5e c1", "divsd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f 5d c1", "minsd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f 5f c1", "maxsd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f 51 c1", "sqrtsd xmm0, xmm1"),
    Row::new(SseFp, "f3 0f 58 c1", "addss xmm0, xmm1"),
    Row::new(SseFp, "f3 0f 5c c1", "subss xmm0, xmm1"),
    Row::new(SseFp, "f3 0f 59 c1", "mulss xmm0, xmm1"),
    Row::new(SseFp, "f3 0f 5e c1", "divss xmm0, xmm1"),
    Row::new(SseFp, "f3 0f 5d c1", "minss xmm0, xmm1"),
    Row::new(SseFp, "f3 0f 5f c1", "maxss xmm0, xmm1"),
    Row::new(SseFp, "f3 0f 51 c1", "sqrtss xmm0, xmm1"),
    Row::new(SseFp, "66 0f 58 c1", "addpd xmm0, xmm1"),
    Row::new(SseFp, "66 0f 5c c1", "subpd xmm0, xmm1"),
    Row::new(SseFp, "66 0f 59 c1", "mulpd xmm0, xmm1"),
    Row::new(SseFp, "66 0f 5e c1", "divpd xmm0, xmm1"),
    Row::new(SseFp, "66 0f 5d c1", "minpd xmm0, xmm1"),
    Row::new(SseFp, "66 0f 5f c1", "maxpd xmm0, xmm1"),
    Row::new(SseFp, "66 0f 51 c1", "sqrtpd xmm0, xmm1"),
    Row::new(SseFp, "0f 58 c1", "addps xmm0, xmm1"),
    Row::new(SseFp, "0f 5c c1", "subps xmm0, xmm1"),
    Row::new(SseFp, "0f 59 c1", "mulps xmm0, xmm1"),
    Row::new(SseFp, "0f 5e c1", "divps xmm0, xmm1"),
    Row::new(SseFp, "0f 5d c1", "minps xmm0, xmm1"),
    Row::new(SseFp, "0f 5f c1", "maxps xmm0, xmm1"),
    Row::new(SseFp, "0f 51 c1", "sqrtps xmm0, xmm1"),
    Row::new(SseFp, "f2 0f 58 07", "addsd xmm0, qword ptr [rdi]"),
    Row::new(SseFp, "0f 59 0f", "mulps xmm1, xmmword ptr [rdi]"),
    Row::new(SseFp, "f2 48 0f 2a c0", "cvtsi2sd xmm0, rax"),
    Row::new(SseFp, "f2 0f 2a c0", "cvtsi2sd xmm0, eax"),
    Row::new(SseFp, "f3 48 0f 2a c0", "cvtsi2ss xmm0, rax"),
    Row::new(SseFp, "f3 0f 2a c0", "cvtsi2ss xmm0, eax"),
    Row::new(SseFp, "f2 48 0f 2c c0", "cvttsd2si rax, xmm0"),
    Row::new(SseFp, "f2 0f 2c c0", "cvttsd2si eax, xmm0"),
    Row::new(SseFp, "f2 48 0f 2d c0", "cvtsd2si rax, xmm0"),
    Row::new(SseFp, "f2 0f 2d c1", "cvtsd2si eax, xmm1"),
    Row::new(SseFp, "f3 0f 2c c0", "cvttss2si eax, xmm0"),
    Row::new(SseFp, "f3 48 0f 2c c0", "cvttss2si rax, xmm0"),
    Row::new(SseFp, "f3 0f 2d c1", "cvtss2si eax, xmm1"),
    Row::new(SseFp, "f2 0f 5a c1", "cvtsd2ss xmm0, xmm1"),
    Row::new(SseFp, "f3 0f 5a c1", "cvtss2sd xmm0, xmm1"),
    Row::new(SseFp, "f3 0f e6 c1", "cvtdq2pd xmm0, xmm1"),
    Row::new(SseFp, "0f 5b c1", "cvtdq2ps xmm0, xmm1"),
    Row::new(SseFp, "f3 0f 5b c1", "cvttps2dq xmm0, xmm1"),
    Row::new(SseFp, "66 0f 5b c1", "cvtps2dq xmm0, xmm1"),
    Row::new(SseFp, "66 0f e6 c1", "cvttpd2dq xmm0, xmm1"),
    Row::new(SseFp, "66 0f 5a c1", "cvtpd2ps xmm0, xmm1"),
    Row::new(SseFp, "0f 5a c1", "cvtps2pd xmm0, xmm1"),
    Row::new(SseFp, "66 0f 2e c1", "ucomisd xmm0, xmm1"),
    Row::new(SseFp, "66 0f 2f c1", "comisd xmm0, xmm1"),
    Row::new(SseFp, "0f 2e c1", "ucomiss xmm0, xmm1"),
    Row::new(SseFp, "0f 2f c1", "comiss xmm0, xmm1"),
    Row::new(SseFp, "66 0f 2e c1 0f 97 c0", "ucomisd xmm0, xmm1; seta al"),
    Row::new(SseFp, "66 0f 2e c1 7a 02 b0 01", "ucomisd xmm0, xmm1; jp 1f; mov al, 1; 1:"),
    Row::new(SseFp, "f2 0f c2 c1 00", "cmpeqsd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f c2 c1 01", "cmpltsd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f c2 c1 02", "cmplesd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f c2 c1 03", "cmpunordsd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f c2 c1 04", "cmpneqsd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f c2 c1 05", "cmpnltsd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f c2 c1 06", "cmpnlesd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f c2 c1 07", "cmpordsd xmm0, xmm1"),
    Row::new(SseFp, "0f c2 c1 01", "cmpltps xmm0, xmm1"),
    Row::new(SseFp, "66 0f c2 c1 02", "cmplepd xmm0, xmm1"),
    Row::new(SseFp, "f3 0f c2 c1 00", "cmpeqss xmm0, xmm1"),
    Row::new(SseFp, "f2 0f 10 07", "movsd xmm0, qword ptr [rdi]"),
    Row::new(SseFp, "f2 0f 10 c1", "movsd xmm0, xmm1"),
    Row::new(SseFp, "f2 0f 11 07", "movsd qword ptr [rdi], xmm0"),
    Row::new(SseFp, "f3 0f 10 07", "movss xmm0, dword ptr [rdi]"),
    Row::new(SseFp, "f3 0f 10 c1", "movss xmm0, xmm1"),
    Row::new(SseFp, "f3 0f 11 4f 04", "movss dword ptr [rdi+4], xmm1"),
    // beyond the x86-64 baseline (egret's CPUID does not advertise these)
    Row::new(Ext, "f3 48 0f b8 c3", "popcnt rax, rbx"),
    Row::new(Ext, "f3 0f b8 c3", "popcnt eax, ebx"),
    Row::new(Ext, "66 f3 0f b8 c3", "popcnt ax, bx"),
    Row::new(Ext, "f3 48 0f bd c3", "lzcnt rax, rbx").undef(OF|SF|AF|PF),
    Row::new(Ext, "f3 0f bd c3", "lzcnt eax, ebx").undef(OF|SF|AF|PF),
    Row::new(Ext, "f3 48 0f bc c3", "tzcnt rax, rbx").undef(OF|SF|AF|PF),
    Row::new(Ext, "f3 0f bc c3", "tzcnt eax, ebx").undef(OF|SF|AF|PF),
    Row::new(Ext, "c4 e2 e0 f2 c2", "andn rax, rbx, rdx").undef(AF|PF),
    Row::new(Ext, "c4 e2 f8 f3 cb", "blsr rax, rbx").undef(AF|PF),
    Row::new(Ext, "c4 e2 f8 f3 db", "blsi rax, rbx").undef(AF|PF),
    Row::new(Ext, "c4 e2 f8 f3 d3", "blsmsk rax, rbx").undef(AF|PF),
    Row::new(Ext, "c4 e2 f1 f7 c3", "shlx rax, rbx, rcx"),
    Row::new(Ext, "c4 e2 f2 f7 c3", "sarx rax, rbx, rcx"),
    Row::new(Ext, "c4 e2 73 f7 c3", "shrx eax, ebx, ecx"),
    Row::new(Ext, "c4 e3 fb f0 c3 0d", "rorx rax, rbx, 13"),
    Row::new(Ext, "c4 e2 e3 f5 c2", "pdep rax, rbx, rdx"),
    Row::new(Ext, "c4 e2 e2 f5 c2", "pext rax, rbx, rdx"),
    Row::new(Ext, "c4 e2 f3 f6 c3", "mulx rax, rcx, rbx"),
    Row::new(Ext, "f2 0f 38 f0 c3", "crc32 eax, bl"),
    Row::new(Ext, "f2 48 0f 38 f1 c3", "crc32 rax, rbx"),
    Row::new(Ext, "0f 38 f0 07", "movbe eax, dword ptr [rdi]"),
    Row::new(Ext, "66 0f 38 00 c1", "pshufb xmm0, xmm1"),
    Row::new(Ext, "66 0f 3a 0f c1 05", "palignr xmm0, xmm1, 5"),
    Row::new(Ext, "66 0f 38 39 c1", "pminsd xmm0, xmm1"),
    Row::new(Ext, "66 0f 38 3f c1", "pmaxud xmm0, xmm1"),
    Row::new(Ext, "66 0f 38 29 c1", "pcmpeqq xmm0, xmm1"),
    Row::new(Ext, "66 0f 38 2b c1", "packusdw xmm0, xmm1"),
    Row::new(Ext, "66 0f 38 30 c1", "pmovzxbw xmm0, xmm1"),
    Row::new(Ext, "66 0f 3a 16 c0 01", "pextrd eax, xmm0, 1"),
    Row::new(Ext, "66 48 0f 3a 22 c0 01", "pinsrq xmm0, rax, 1"),
    Row::new(Ext, "66 0f 38 17 c1", "ptest xmm0, xmm1"),
    Row::new(Ext, "66 0f 3a 0b c1 00", "roundsd xmm0, xmm1, 0"),
    Row::new(Ext, "66 0f 3a 0b c1 01", "roundsd xmm0, xmm1, 1"),
    Row::new(Ext, "66 0f 3a 0b c1 03", "roundsd xmm0, xmm1, 3"),
    // more
    Row::new(Misc, "f0 48 0f c7 0f", "lock cmpxchg16b xmmword ptr [rdi]"),
    Row::new(Misc, "f0 0f c7 0f", "lock cmpxchg8b qword ptr [rdi]"),
];

/// Extra inputs for a row (its hex bytes): `(hex, a, b, c, d, flags, seed)` as printed by a
/// mismatch's `pin:` line.
#[rustfmt::skip]
const PINS: &[(&str, u64, u64, u64, u64, u64, u64)] = &[
    ("48 01 d8", 0xffff_ffff_ffff_ffff, 1, 0, 2, 0x8d5, 7),
];

// ---- inputs ----

/// Interesting values: small numbers and shift counts, sign and carry boundaries of every width,
/// bit patterns, and float and double encodings (±0, ±1, ±inf, NaN, 2^31, 2^63, packed floats).
const VALUES: &[u64] = &[
    0,
    1,
    2,
    7,
    0x1f,
    0x20,
    0x3f,
    0x40,
    0x7f,
    0x80,
    0xff,
    0x7fff,
    0x8000,
    0xffff,
    0x7fff_ffff,
    0x8000_0000,
    0xffff_ffff,
    0x1_0000_0000,
    i64::MAX as u64,
    i64::MIN as u64,
    u64::MAX,
    u64::MAX - 1,
    0x0123_4567_89ab_cdef,
    0xfedc_ba98_7654_3210,
    0x3ff0_0000_0000_0000,
    0xbff8_0000_0000_0000,
    0x7ff0_0000_0000_0000,
    0x7ff8_0000_0000_0000,
    0x43e0_0000_0000_0000,
    0xc1e0_0000_0000_0000,
    0x3f80_0000_c020_0000,
    0x7f80_0000_7fc0_0000,
    0x4f00_0000_3f00_0000,
];

/// One input: four interesting values, the arithmetic flags and a seed for everything else.
///
/// RAX = R8 = a, RBX = RCX = R9 = b, RDX = c; XMM0 = [a, c], XMM1 = [d, b] (low lane first);
/// [rdi] = b, [rdi+8] = c, [rdi+16] = d, [rdi+24] = a. Over all cases, a is paired with every
/// value of b, c and d.
#[derive(Clone, Copy, Debug)]
struct Case {
    a: u64,
    b: u64,
    c: u64,
    d: u64,
    flags: u64,
    seed: u64,
}

/// A deterministic pseudo-random sequence (Knuth's MMIX LCG, high bits out).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let hi = self.0 >> 32;
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        hi << 32 | self.0 >> 32
    }
}

/// Every ordered pair of values, twice: random flags, then their complement.
fn cases() -> Vec<Case> {
    let n = VALUES.len();
    let mut out = Vec::with_capacity(n * n * 2);
    let mut rng = Lcg(0x5eed);
    for i in 0..n {
        for j in 0..n {
            let flags = rng.next() & ALL;
            for v in 0..2u64 {
                out.push(Case {
                    a: VALUES[i],
                    b: VALUES[j],
                    c: VALUES[(i + 2 * j + 1) % n],
                    d: VALUES[(3 * i + j + 2) % n],
                    flags: if v == 0 { flags } else { flags ^ ALL },
                    seed: ((i * n + j) as u64) << 1 | v,
                });
            }
        }
    }
    out
}

const SCRATCH: u64 = 0x1000_0000;
const SCRATCH_LEN: usize = 0x400;
const CPU_PAGE: u64 = 0x1000_1000;
const CODE: u64 = 0x1010_0000;
const ROW_STRIDE: u64 = 64;

/// Machine state in and out of a run.
#[derive(Clone, PartialEq, Eq)]
struct Machine {
    gpr: [u64; 16],
    /// The six arithmetic flags and DF.
    flags: u64,
    xmm: [[u64; 2]; 4],
    mem: [u8; SCRATCH_LEN],
}

/// The initial machine of a case for a row.
fn input(row: &Row, c: &Case) -> Machine {
    let mut rng = Lcg(c.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x1234);
    let mut gpr = [0u64; 16];
    for r in gpr.iter_mut() {
        *r = rng.next();
    }
    gpr[RAX] = c.a;
    gpr[RBX] = c.b;
    gpr[RCX] = c.b;
    gpr[RDX] = c.c;
    gpr[8] = c.a;
    gpr[9] = c.b;
    gpr[RSP] = SCRATCH + 0x380;
    gpr[RSI] = SCRATCH + 0x200;
    gpr[RDI] = SCRATCH + 0x100;
    let mut mem = [0u8; SCRATCH_LEN];
    for w in mem.chunks_mut(8) {
        w.copy_from_slice(&rng.next().to_le_bytes());
    }
    for (off, v) in [(0x100, c.b), (0x108, c.c), (0x110, c.d), (0x118, c.a)] {
        mem[off..off + 8].copy_from_slice(&v.to_le_bytes());
    }
    let xmm = [
        [c.a, c.c],
        [c.d, c.b],
        [c.c, rng.next()],
        [rng.next(), rng.next()],
    ];
    let mut m = Machine {
        gpr,
        flags: c.flags,
        xmm,
        mem,
    };
    if let Some((reg, mask)) = row.mask {
        m.gpr[reg] &= mask;
    }
    if let Some((bits, signed, src)) = row.div {
        // Three cases in four get a dividend whose quotient fits.
        if c.seed & 6 != 0 {
            let d = divisor(&m, bits, src);
            let low = mask_bits(m.gpr[RAX], bits);
            let high = if signed {
                if (low >> (bits - 1)) & 1 != 0 {
                    mask_bits(u64::MAX, bits)
                } else {
                    0
                }
            } else if d != 0 {
                div_high(&m, bits) % d
            } else {
                0
            };
            set_div_high(&mut m, bits, high);
        }
    }
    m
}

fn mask_bits(v: u64, bits: u32) -> u64 {
    if bits == 64 {
        v
    } else {
        v & ((1u64 << bits) - 1)
    }
}

fn sext(v: u64, bits: u32) -> i128 {
    let s = 64 - bits;
    ((v << s) as i64 >> s) as i128
}

fn divisor(m: &Machine, bits: u32, src: Src) -> u64 {
    let v = match src {
        Src::Rbx => m.gpr[RBX],
        Src::Mem => mem_word(m, 0x100),
    };
    mask_bits(v, bits)
}

/// The high half of a dividend: AH for 8-bit division, else (E/R)DX.
fn div_high(m: &Machine, bits: u32) -> u64 {
    if bits == 8 {
        (m.gpr[RAX] >> 8) & 0xff
    } else {
        mask_bits(m.gpr[RDX], bits)
    }
}

fn set_div_high(m: &mut Machine, bits: u32, high: u64) {
    if bits == 8 {
        m.gpr[RAX] = m.gpr[RAX] & !0xff00 | high << 8;
    } else {
        let keep = if bits == 64 {
            0
        } else {
            !mask_bits(u64::MAX, bits)
        };
        m.gpr[RDX] = m.gpr[RDX] & keep | high;
    }
}

/// Whether a division raises #DE (zero divisor or a quotient that doesn't fit).
fn div_faults(m: &Machine, bits: u32, signed: bool, src: Src) -> bool {
    let d = divisor(m, bits, src);
    if d == 0 {
        return true;
    }
    let low = mask_bits(m.gpr[RAX], bits);
    let high = div_high(m, bits);
    if signed {
        let dividend = (sext(high, bits) << bits) | low as i128;
        match dividend.checked_div(sext(d, bits)) {
            Some(q) => q < -(1i128 << (bits - 1)) || q >= 1i128 << (bits - 1),
            None => true,
        }
    } else {
        let dividend = (high as u128) << bits | low as u128;
        dividend / d as u128 >= 1u128 << bits
    }
}

// ---- native runs ----

/// The register file the native trampoline reads and writes, at `CPU_PAGE`.
#[repr(C)]
struct HostCpu {
    gpr: [u64; 16],
    rflags: u64,
    xmm: [[u64; 2]; 4],
    host_rsp: u64,
    target: u64,
}

const OFF_GPR: u64 = 0;
const OFF_RFLAGS: u64 = 128;
const OFF_XMM: u64 = 136;
const OFF_HOST_RSP: u64 = 200;
const OFF_TARGET: u64 = 208;

/// Emits `prefix modrm sib disp32` addressing the absolute address `addr` (below 2 GiB).
fn abs(code: &mut Vec<u8>, prefix: &[u8], reg: u8, addr: u64) {
    assert!(addr < 0x8000_0000);
    code.extend_from_slice(prefix);
    code.push(0x04 | (reg & 7) << 3);
    code.push(0x25);
    code.extend_from_slice(&(addr as u32).to_le_bytes());
}

fn rex_w(reg: u8) -> u8 {
    0x48 | if reg >= 8 { 4 } else { 0 }
}

/// The trampoline (entered with the host ABI, no arguments) and the offset of its epilogue.
///
/// Saves the callee-saved registers and RSP, loads RFLAGS, XMM0–3 and all sixteen GPRs from
/// `HostCpu`, jumps to `HostCpu::target`; the epilogue (where each row jumps back) stores them
/// all, clears DF and returns. Only `mov` sits between the row and the flag save.
fn trampoline() -> (Vec<u8>, usize) {
    let cpu = |off: u64| CPU_PAGE + off;
    let mut c = Vec::new();
    c.extend_from_slice(&[0x53, 0x55, 0x41, 0x54, 0x41, 0x55, 0x41, 0x56, 0x41, 0x57]);
    abs(&mut c, &[0x48, 0x89], 4, cpu(OFF_HOST_RSP));
    for k in 0..4u8 {
        abs(&mut c, &[0xf3, 0x0f, 0x6f], k, cpu(OFF_XMM + 16 * k as u64));
    }
    abs(&mut c, &[0xff], 6, cpu(OFF_RFLAGS)); // push qword [rflags]
    c.push(0x9d); // popfq
    for r in 0..16u8 {
        abs(&mut c, &[rex_w(r), 0x8b], r, cpu(OFF_GPR + 8 * r as u64));
    }
    abs(&mut c, &[0xff], 4, cpu(OFF_TARGET)); // jmp qword [target]
    let epilogue = c.len();
    for r in 0..16u8 {
        abs(&mut c, &[rex_w(r), 0x89], r, cpu(OFF_GPR + 8 * r as u64));
    }
    abs(&mut c, &[0x48, 0x8b], 4, cpu(OFF_HOST_RSP));
    c.push(0x9c); // pushfq
    abs(&mut c, &[0x8f], 0, cpu(OFF_RFLAGS)); // pop qword [rflags]
    c.push(0xfc); // cld
    for k in 0..4u8 {
        abs(&mut c, &[0xf3, 0x0f, 0x7f], k, cpu(OFF_XMM + 16 * k as u64));
    }
    c.extend_from_slice(&[
        0x41, 0x5f, 0x41, 0x5e, 0x41, 0x5d, 0x41, 0x5c, 0x5d, 0x5b, 0xc3,
    ]);
    (c, epilogue)
}

/// The host side: the fixed mappings and the code of every row.
struct Native {
    entry: extern "C" fn(),
}

fn map_fixed_host(addr: u64, len: usize, prot: i32) {
    // SAFETY: MAP_FIXED_NOREPLACE never replaces an existing mapping; we check the result.
    let p = unsafe {
        libc::mmap(
            addr as *mut libc::c_void,
            len,
            prot,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED_NOREPLACE,
            -1,
            0,
        )
    };
    assert_eq!(
        p as u64,
        addr,
        "can't map host memory at {addr:#x} (in use?): {}",
        std::io::Error::last_os_error()
    );
}

impl Native {
    fn new(rows: &[Row]) -> Native {
        map_fixed_host(SCRATCH, 0x2000, libc::PROT_READ | libc::PROT_WRITE);
        let (tramp, epilogue) = trampoline();
        let tramp_at = CODE + ROW_STRIDE * rows.len() as u64;
        let len = (tramp_at - CODE) as usize + tramp.len();
        let len = (len + 0xfff) & !0xfff;
        map_fixed_host(CODE, len, libc::PROT_READ | libc::PROT_WRITE);
        let mut image = vec![0xccu8; len];
        let t = (tramp_at - CODE) as usize;
        image[t..t + tramp.len()].copy_from_slice(&tramp);
        for (k, row) in rows.iter().enumerate() {
            let at = k * ROW_STRIDE as usize;
            let mut code = row.bytes();
            let back = (t + epilogue) as i64 - (at + code.len() + 5) as i64;
            code.push(0xe9);
            code.extend_from_slice(&(back as i32).to_le_bytes());
            assert!(
                code.len() <= ROW_STRIDE as usize,
                "row too long: {}",
                row.asm
            );
            image[at..at + code.len()].copy_from_slice(&code);
        }
        // SAFETY: [CODE, CODE+len) is the private mapping made above; after the copy it becomes
        // read+execute, so it is never writable and executable at once.
        unsafe {
            std::ptr::copy_nonoverlapping(image.as_ptr(), CODE as *mut u8, len);
            assert_eq!(
                libc::mprotect(
                    CODE as *mut libc::c_void,
                    len,
                    libc::PROT_READ | libc::PROT_EXEC
                ),
                0
            );
        }
        // SAFETY: the trampoline is code for the host ABI with no arguments and no result; it
        // restores every callee-saved register, RSP and DF before returning.
        let entry = unsafe { std::mem::transmute::<u64, extern "C" fn()>(tramp_at) };
        Native { entry }
    }

    fn run(&self, row_index: usize, m: &Machine) -> Machine {
        let cpu = CPU_PAGE as *mut HostCpu;
        // SAFETY: CPU_PAGE and SCRATCH are our own read+write mappings (made in `new`), used by
        // this thread only.
        unsafe {
            (*cpu).gpr = m.gpr;
            (*cpu).rflags = 0x202 | (m.flags & ALL);
            (*cpu).xmm = m.xmm;
            (*cpu).target = CODE + ROW_STRIDE * row_index as u64;
            std::ptr::copy_nonoverlapping(m.mem.as_ptr(), SCRATCH as *mut u8, SCRATCH_LEN);
        }
        (self.entry)();
        let mut out = m.clone();
        // SAFETY: as above.
        unsafe {
            out.gpr = (*cpu).gpr;
            out.flags = (*cpu).rflags & (ALL | DF);
            out.xmm = (*cpu).xmm;
            std::ptr::copy_nonoverlapping(SCRATCH as *const u8, out.mem.as_mut_ptr(), SCRATCH_LEN);
        }
        out
    }
}

// ---- egret runs ----

fn runtime(engine: EngineKind, rows: &[Row]) -> Runtime<X86Guest> {
    let mut mem = Box::new(AddressSpace::new(64).expect("guest address space"));
    mem.map_fixed(SCRATCH, 0x1000, Prot::RW, VmaKind::Anon)
        .expect("map scratch");
    let len = ROW_STRIDE * rows.len() as u64;
    mem.map_fixed(CODE, len, Prot::RX, VmaKind::Anon)
        .expect("map code");
    let mut image = vec![0u8; len as usize];
    for (k, row) in rows.iter().enumerate() {
        let at = k * ROW_STRIDE as usize;
        let mut code = row.bytes();
        code.extend_from_slice(&[0x0f, 0x0b]);
        image[at..at + code.len()].copy_from_slice(&code);
    }
    mem.poke(CODE, &image).expect("write code");
    let guest = X86Guest::new(&mem, CODE, SCRATCH + 0x380);
    let config = EngineConfig {
        engine,
        max_block_insns: 64,
        jit: JitConfig {
            opt_level: OptLevel::None,
            no_chain: false,
            stats: false,
            want_ir: false,
            want_asm: false,
        },
        log: LogMask::default(),
    };
    Runtime::new(
        guest,
        mem,
        Process::new("x86_insns"),
        GuestAbi::x86_64(),
        config,
    )
    .expect("runtime")
}

/// What a run under egret came to.
enum Outcome {
    Done(Box<Machine>),
    /// Stopped by a signal (at a pc other than the final ud2, or not SIGILL).
    Signal {
        sig: i32,
        pc: u64,
        detail: String,
    },
    Other(String),
}

fn run_egret(rt: &mut Runtime<X86Guest>, row: &Row, row_index: usize, m: &Machine) -> Outcome {
    let start = CODE + ROW_STRIDE * row_index as u64;
    let ud2 = start + row.bytes().len() as u64;
    {
        let s = &mut rt.guest.state;
        s.gpr = m.gpr;
        s.pc = start;
        s.cc_op = CcOp::Eflags.encode(Ty::I64);
        s.cc_res = m.flags & ALL;
        s.df = (m.flags & DF != 0) as u64;
        s.xmm[..4].copy_from_slice(&m.xmm);
    }
    rt.mem.write(SCRATCH, &m.mem).expect("write scratch");
    match rt.run() {
        RunEnd::Signal { sig, pc, .. } if sig == libc::SIGILL && pc == ud2 => {}
        RunEnd::Signal { sig, pc, detail } => return Outcome::Signal { sig, pc, detail },
        other => return Outcome::Other(format!("{other:?}")),
    }
    let s = &rt.guest.state;
    let mut out = m.clone();
    out.gpr = s.gpr;
    out.flags = (eflags_from_state(s) & ALL) | if s.df != 0 { DF } else { 0 };
    out.xmm.copy_from_slice(&s.xmm[..4]);
    rt.mem.read(SCRATCH, &mut out.mem).expect("read scratch");
    Outcome::Done(Box::new(out))
}

// ---- comparison and reports ----

const GPR_NAMES: [&str; 16] = [
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13",
    "r14", "r15",
];

fn flag_names(f: u64) -> String {
    let names = [
        (CF, "CF"),
        (PF, "PF"),
        (AF, "AF"),
        (ZF, "ZF"),
        (SF, "SF"),
        (OF, "OF"),
        (DF, "DF"),
    ];
    let v: Vec<&str> = names
        .iter()
        .filter(|(b, _)| f & b != 0)
        .map(|&(_, n)| n)
        .collect();
    if v.is_empty() {
        "-".into()
    } else {
        v.join("|")
    }
}

/// The differences between the expected and the actual final machine, one per line.
fn diff(row: &Row, input: &Machine, want: &Machine, got: &Machine) -> Vec<String> {
    let mut got = got.clone();
    if let Some((dest, src, bits)) = row.zero_src_undef_dest {
        if mask_bits(input.gpr[src], bits) == 0 {
            got.gpr[dest] = want.gpr[dest];
        }
    }
    if let Some(dest) = row.cmpxchg32_dest {
        let old = input.gpr[dest];
        let (w, g) = (want.gpr[dest], got.gpr[dest]);
        let failed = old as u32 != input.gpr[RAX] as u32;
        if failed && w as u32 == g as u32 && [old, old as u32 as u64].contains(&g) {
            got.gpr[dest] = w;
        }
    }
    let mut out = Vec::new();
    for (r, name) in GPR_NAMES.iter().enumerate() {
        if want.gpr[r] != got.gpr[r] {
            out.push(format!(
                "{}: want {:#x} got {:#x}",
                name, want.gpr[r], got.gpr[r]
            ));
        }
    }
    let mask = (ALL & !row.undef) | DF;
    if (want.flags ^ got.flags) & mask != 0 {
        out.push(format!(
            "flags: want {} got {} (differ: {}; compared: {})",
            flag_names(want.flags & mask),
            flag_names(got.flags & mask),
            flag_names((want.flags ^ got.flags) & mask),
            flag_names(mask)
        ));
    }
    for k in 0..4 {
        if want.xmm[k] != got.xmm[k] {
            out.push(format!(
                "xmm{k}: want {:#018x}:{:#018x} got {:#018x}:{:#018x} (high:low)",
                want.xmm[k][1], want.xmm[k][0], got.xmm[k][1], got.xmm[k][0]
            ));
        }
    }
    for off in (0..SCRATCH_LEN).step_by(8) {
        let (w, g) = (mem_word(want, off), mem_word(&got, off));
        if w != g {
            out.push(format!(
                "mem[{:#x}] (rdi{:+#x}): want {w:#018x} got {g:#018x}",
                SCRATCH + off as u64,
                off as i64 - 0x100
            ));
        }
    }
    out
}

fn describe_input(row: &Row, c: &Case, m: &Machine) -> String {
    let g = &m.gpr;
    format!(
        "  input: rax={:#x} rbx={:#x} rcx={:#x} rdx={:#x} flags={} [rdi]={:#x} [rdi+8]={:#x} \
         xmm0={:#x}:{:#x} xmm1={:#x}:{:#x} (high:low)\n  \
         pin: (\"{}\", {:#x}, {:#x}, {:#x}, {:#x}, {:#x}, {:#x}),",
        g[RAX],
        g[RBX],
        g[RCX],
        g[RDX],
        flag_names(m.flags),
        mem_word(m, 0x100),
        mem_word(m, 0x108),
        m.xmm[0][1],
        m.xmm[0][0],
        m.xmm[1][1],
        m.xmm[1][0],
        row.hex,
        c.a,
        c.b,
        c.c,
        c.d,
        c.flags,
        c.seed
    )
}

fn mem_word(m: &Machine, off: usize) -> u64 {
    u64::from_le_bytes(m.mem[off..off + 8].try_into().expect("8 bytes"))
}

/// The result of one row under one engine.
#[derive(Default)]
struct RowResult {
    cases: usize,
    failed: usize,
    first: Option<String>,
    /// Stopped by SIGILL before the end: an instruction egret doesn't implement.
    sigill: bool,
}

/// Rows that change no register, flag or memory: every other row must change something natively
/// on some input, which checks that the trampoline really runs and stores the row's results.
const NO_EFFECT: &[&str] = &[
    "nop",
    "nop dword ptr [rax+rax]",
    "endbr64",
    "pause",
    "lfence; mfence; sfence",
    "std; cld",
    "jmp 1f; mov al, 1; 1:",
];

const ENGINES: [(EngineKind, &str); 2] = [(EngineKind::Interp, "interp"), (EngineKind::Jit, "jit")];

#[test]
fn x86_instructions_match_the_host() {
    let only = std::env::var("EGRET_INSN_ONLY").ok();
    let strict = std::env::var_os("EGRET_INSN_ALL").is_some();
    let started = Instant::now();
    // All rows are laid out (so addresses don't depend on the filter); some may be skipped.
    let native = Native::new(ROWS);
    let mut rts: Vec<Runtime<X86Guest>> = ENGINES.iter().map(|&(e, _)| runtime(e, ROWS)).collect();
    let all_cases = cases();
    let mut total_cases = 0usize;
    let mut failures = String::new();
    let mut pending = String::new();
    let mut now_passing = Vec::new();
    let mut unimplemented: Vec<(Family, Vec<&str>)> = Vec::new();
    let mut rows_run = 0usize;
    for (k, row) in ROWS.iter().enumerate() {
        if only
            .as_deref()
            .is_some_and(|s| !row.asm.contains(s) && !row.hex.contains(s))
        {
            continue;
        }
        rows_run += 1;
        let pins = PINS
            .iter()
            .filter(|p| p.0 == row.hex)
            .map(|&(_, a, b, c, d, flags, seed)| Case {
                a,
                b,
                c,
                d,
                flags,
                seed,
            });
        let row_cases: Vec<Case> = all_cases.iter().copied().chain(pins).collect();
        let mut results: Vec<RowResult> = ENGINES.iter().map(|_| RowResult::default()).collect();
        // Whether the row changed anything natively on some input (else the harness is broken).
        let mut changed = false;
        // An engine that stopped early (an unimplemented instruction) fails every case the same
        // way; it is not run again for this row.
        let mut stopped = [false; ENGINES.len()];
        for c in &row_cases {
            let m = input(row, c);
            let faults = row
                .div
                .is_some_and(|(bits, signed, src)| div_faults(&m, bits, signed, src));
            let want = if faults {
                None
            } else {
                Some(native.run(k, &m))
            };
            changed |= want.as_ref().is_some_and(|w| *w != m);
            for (e, rt) in rts.iter_mut().enumerate() {
                if stopped[e] {
                    continue;
                }
                let res = &mut results[e];
                res.cases += 1;
                total_cases += 1;
                let outcome = run_egret(rt, row, k, &m);
                let problem = match (&want, outcome) {
                    (Some(w), Outcome::Done(g)) => {
                        let d = diff(row, &m, w, &g);
                        if d.is_empty() {
                            None
                        } else {
                            Some(d.join("\n    "))
                        }
                    }
                    (None, Outcome::Signal { sig, pc, .. })
                        if sig == libc::SIGFPE && pc == CODE + ROW_STRIDE * k as u64 =>
                    {
                        None
                    }
                    (None, Outcome::Done(_)) => Some("want SIGFPE, ran to the end".into()),
                    (_, Outcome::Signal { sig, pc, detail }) => {
                        let s = format!("stopped by signal {sig} at {pc:#x}: {detail}");
                        res.first.get_or_insert(s);
                        res.sigill = sig == libc::SIGILL;
                        res.failed = row_cases.len();
                        res.cases = row_cases.len();
                        stopped[e] = true;
                        continue;
                    }
                    (_, Outcome::Other(s)) => Some(s),
                };
                if let Some(p) = problem {
                    res.failed += 1;
                    if res.first.is_none() {
                        res.first = Some(format!("{p}\n{}", describe_input(row, c, &m)));
                    }
                }
            }
        }
        if !changed && !NO_EFFECT.contains(&row.asm) {
            let _ = writeln!(
                failures,
                "row `{}` changed nothing natively on any input: a harness bug?",
                row.asm
            );
        }
        let enabled = strict || ENABLED.contains(&row.family);
        if !enabled && results.iter().all(|r| r.sigill) {
            match unimplemented.iter_mut().find(|(f, _)| *f == row.family) {
                Some((_, v)) => v.push(row.asm),
                None => unimplemented.push((row.family, vec![row.asm])),
            }
            continue;
        }
        for ((_, name), res) in ENGINES.iter().zip(&results) {
            if res.failed == 0 {
                continue;
            }
            let report = format!(
                "{:?} row `{}` ({}) under {name}: {}/{} cases fail; first:\n    {}\n",
                row.family,
                row.asm,
                row.hex,
                res.failed,
                res.cases,
                res.first.as_deref().unwrap_or("")
            );
            if enabled {
                failures.push_str(&report);
            } else {
                pending.push_str(&report);
            }
        }
        if !enabled && results.iter().all(|r| r.failed == 0) {
            now_passing.push(row.asm);
        }
    }
    let mut summary = format!(
        "x86_insns: {rows_run} rows, {} input cases each (+pins), {total_cases} egret runs, {:.1} s\n",
        all_cases.len(),
        started.elapsed().as_secs_f64()
    );
    for (f, rows) in &unimplemented {
        let _ = writeln!(
            summary,
            "{f:?}: {} rows not implemented yet (SIGILL): {}",
            rows.len(),
            rows.join("; ")
        );
    }
    if !pending.is_empty() {
        let _ = writeln!(
            summary,
            "rows of families not enabled yet that fail:\n{pending}"
        );
    }
    if !now_passing.is_empty() {
        let _ = writeln!(
            summary,
            "rows of families not enabled yet that pass: {}",
            now_passing.join("; ")
        );
    }
    eprintln!("{summary}");
    assert!(failures.is_empty(), "instruction rows fail:\n{failures}");
}
