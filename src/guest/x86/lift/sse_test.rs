//! Per-instruction tests of the SSE lifters against the host CPU: each instruction's bytes run
//! natively (in a small stub that loads and stores xmm1, xmm2, rax and the flags) and under
//! both the interpreter and the JIT, on many inputs, and all three must agree bit for bit.
//!
//! Conventions: operands are xmm1 (op0), xmm2 (op1), eax/rax, and the 16 bytes at `[rdi+0x30]`
//! (a 16-byte aligned block) for memory forms.

#![cfg(all(test, target_arch = "x86_64"))]

use super::{lift_insn, Cx};
use crate::emit::{Emit, Exit};
use crate::guest::x86::helpers::eflags_from_state;
use crate::guest::x86::state::{self as st, X86State};
use crate::interp::{Interp, InterpExit};
use crate::jit::{GuestMemLayout, Jit, JitConfig, OptLevel};
use crate::mem::{AddressSpace, Prot, VmaKind};
use iced_x86::{Decoder, DecoderOptions};

/// What an instruction sees and changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Io {
    pub x1: u128,
    pub x2: u128,
    pub rax: u64,
    /// The six arithmetic flags (compared only when a test asks).
    pub flags: u64,
    pub mem: u128,
}

const DATA: u64 = 0x10000;
const CODE_PC: u64 = 0x40_1000;
const ALLF: u64 = 0x8d5;

/// Runs `insn` (one or more instructions) natively: the stub loads xmm1, xmm2, rax from
/// `[rdi]`, runs it, stores them back with the flags, and restores the host's MXCSR.
fn native(insn: &[u8], io: Io) -> Io {
    let mut code = vec![
        0x0f, 0xae, 0x5c, 0x24, 0xf0, // stmxcsr [rsp-16] (red zone; pushfq uses rsp-8)
        0xf3, 0x0f, 0x6f, 0x0f, // movdqu xmm1, [rdi]
        0xf3, 0x0f, 0x6f, 0x57, 0x10, // movdqu xmm2, [rdi+16]
        0x48, 0x8b, 0x47, 0x20, // mov rax, [rdi+32]
    ];
    code.extend_from_slice(insn);
    code.extend_from_slice(&[
        0xf3, 0x0f, 0x7f, 0x0f, // movdqu [rdi], xmm1
        0xf3, 0x0f, 0x7f, 0x57, 0x10, // movdqu [rdi+16], xmm2
        0x48, 0x89, 0x47, 0x20, // mov [rdi+32], rax
        0x9c, 0x58, // pushfq; pop rax
        0x48, 0x89, 0x47, 0x28, // mov [rdi+40], rax
        0x0f, 0xae, 0x54, 0x24, 0xf0, // ldmxcsr [rsp-16]
        0xc3, // ret
    ]);
    #[repr(C, align(16))]
    struct Buf([u64; 8]);
    let mut buf = Buf([
        io.x1 as u64,
        (io.x1 >> 64) as u64,
        io.x2 as u64,
        (io.x2 >> 64) as u64,
        io.rax,
        0,
        io.mem as u64,
        (io.mem >> 64) as u64,
    ]);
    // SAFETY: a fresh private anonymous mapping, written then made executable; the stub only
    // touches the buffer passed in rdi and caller-saved registers (rax, xmm1, xmm2, flags).
    unsafe {
        let len = 4096;
        let p = libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        assert_ne!(p, libc::MAP_FAILED);
        std::ptr::copy_nonoverlapping(code.as_ptr(), p as *mut u8, code.len());
        assert_eq!(libc::mprotect(p, len, libc::PROT_READ | libc::PROT_EXEC), 0);
        let f: extern "C" fn(*mut u64) = std::mem::transmute(p);
        f(buf.0.as_mut_ptr());
        libc::munmap(p, len);
    }
    let b = buf.0;
    Io {
        x1: b[0] as u128 | (b[1] as u128) << 64,
        x2: b[2] as u128 | (b[3] as u128) << 64,
        rax: b[4],
        flags: b[5] & ALLF,
        mem: b[6] as u128 | (b[7] as u128) << 64,
    }
}

/// A guest with a data page at `DATA` holding `io.mem` at +0x30, rdi = `DATA`.
fn setup(io: Io) -> (Box<AddressSpace>, Box<X86State>) {
    let mut mem = Box::new(AddressSpace::new(64).unwrap());
    mem.map_fixed(DATA, 0x1000, Prot::RW, VmaKind::Anon)
        .unwrap();
    mem.write(DATA + 0x30, &io.mem.to_le_bytes()).unwrap();
    let mut s = Box::new(X86State::new(&*mem));
    s.gpr[st::RDI] = DATA;
    s.gpr[st::RAX] = io.rax;
    s.xmm[1] = [io.x1 as u64, (io.x1 >> 64) as u64];
    s.xmm[2] = [io.x2 as u64, (io.x2 >> 64) as u64];
    (mem, s)
}

fn result(mem: &AddressSpace, s: &X86State) -> Io {
    let mut m = [0u8; 16];
    mem.read(DATA + 0x30, &mut m).unwrap();
    Io {
        x1: s.xmm[1][0] as u128 | (s.xmm[1][1] as u128) << 64,
        x2: s.xmm[2][0] as u128 | (s.xmm[2][1] as u128) << 64,
        rax: s.gpr[st::RAX],
        flags: eflags_from_state(s) & ALLF,
        mem: u128::from_le_bytes(m),
    }
}

fn lift_bytes<E: Emit>(e: &mut E, insn: &[u8]) {
    let mut d = Decoder::with_ip(64, insn, CODE_PC, DecoderOptions::NONE);
    let mut cx = Cx::new(e);
    let mut next = CODE_PC;
    while d.can_decode() {
        let i = d.decode();
        assert!(!i.is_invalid(), "decoding {insn:02x?}");
        next = i.next_ip();
        lift_insn(&mut cx, &i);
        if cx.ended {
            return;
        }
    }
    cx.e.exit(Exit::Jump(next));
}

/// Runs `insn` under the interpreter; the exit is returned with the outputs.
fn interp(insn: &[u8], io: Io) -> (Io, Option<InterpExit>) {
    let (mem, mut s) = setup(io);
    // SAFETY: `s` is the X86State the x86 lifter's offsets refer to; it outlives `it`.
    let mut it = unsafe { Interp::new(&mut *s as *mut X86State as *mut u8, &mem, false) };
    lift_bytes(&mut it, insn);
    let out = it.outcome();
    (result(&mem, &s), out)
}

fn new_jit() -> Jit {
    Jit::new(JitConfig {
        opt_level: OptLevel::None,
        no_chain: true,
        stats: false,
        want_ir: false,
        want_asm: false,
    })
    .unwrap()
}

/// Compiles `insn` once and runs it on every input; returns outputs and exit words.
fn jit(j: &mut Jit, insn: &[u8], ios: &[Io]) -> Vec<(Io, u64)> {
    let mut out = Vec::new();
    let mut code = None;
    for &io in ios {
        let (mem, mut s) = setup(io);
        let layout = GuestMemLayout {
            base: mem.base() as u64,
            mask: mem.mask(),
            big_endian: false,
            pc_offset: st::PC,
        };
        // The guest memory layout is the same fixed-size reservation for every address
        // space only by accident, so compile against this one each time it changes.
        let tb = match code {
            Some((base, c)) if base == layout.base => c,
            _ => {
                let tb = j
                    .compile(CODE_PC, layout, &mut |e| lift_bytes(e, insn))
                    .unwrap();
                code = Some((layout.base, tb.code));
                tb.code
            }
        };
        // SAFETY: `tb` was compiled for this state layout and this address space.
        let w = unsafe { j.run(&mut *s as *mut X86State as *mut u8, tb) };
        out.push((result(&mem, &s), w));
    }
    out
}

/// Checks `insn` on every input against the host: interpreter and JIT must both match.
pub fn check(insn: &[u8], ios: &[Io], flags: bool) {
    let mut j = new_jit();
    let jitted = jit(&mut j, insn, ios);
    for (&io, (jo, word)) in ios.iter().zip(jitted) {
        let mut want = native(insn, io);
        let (mut got, exit) = interp(insn, io);
        let mut jo = jo;
        if !flags {
            want.flags = 0;
            got.flags = 0;
            jo.flags = 0;
        }
        assert!(
            matches!(exit, Some(InterpExit::Jump(_))),
            "{insn:02x?}: interpreter exit {exit:?}"
        );
        assert_eq!(word & 0xff, 0, "{insn:02x?}: jit exit word {word:#x}");
        assert_eq!(got, want, "{insn:02x?} interp, input {io:x?}");
        assert_eq!(jo, want, "{insn:02x?} jit, input {io:x?}");
    }
}

/// A deterministic xorshift generator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[(self.next() % v.len() as u64) as usize]
    }
    /// 128 bits whose bytes are often equal to a few shared values (so compares hit).
    pub fn vec(&mut self) -> u128 {
        let pool = [0u8, 0xff, 0x80, 0x7f, 0x01, 0x41];
        let r = (self.next() as u128) << 64 | self.next() as u128;
        let choose = self.next();
        (0..16).fold(0u128, |acc, i| {
            let b = if choose >> (i * 2) & 3 == 0 {
                self.pick(&pool)
            } else {
                (r >> (8 * i)) as u8
            };
            acc | (b as u128) << (8 * i)
        })
    }
    pub fn io(&mut self) -> Io {
        Io {
            x1: self.vec(),
            x2: self.vec(),
            rax: self.next(),
            flags: 0,
            mem: self.vec(),
        }
    }
}

/// Random inputs for integer instructions.
pub fn int_inputs(n: usize) -> Vec<Io> {
    let mut r = Rng::new(0x5eed);
    (0..n).map(|_| r.io()).collect()
}

/// The register-register form `prefix* 0f op modrm(xmm1, xmm2) imm?` and the memory form with
/// `[rdi+0x30]` in place of xmm2.
pub fn forms(prefix: &[u8], op: &[u8], imm: Option<u8>) -> [Vec<u8>; 2] {
    let mut reg = prefix.to_vec();
    reg.extend_from_slice(op);
    let mut mem = reg.clone();
    reg.push(0xca);
    mem.extend_from_slice(&[0x4f, 0x30]);
    if let Some(i) = imm {
        reg.push(i);
        mem.push(i);
    }
    [reg, mem]
}

#[test]
fn packed_integer_ops() {
    let ios = int_inputs(64);
    #[rustfmt::skip]
    let ops: &[u8] = &[
        0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0xe0, 0xe3, 0xe4, 0xe5, 0xe8, 0xe9,
        0xea, 0xeb, 0xec, 0xed, 0xee, 0xef, 0xf4, 0xf5, 0xf6, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc,
        0xfd, 0xfe, 0xd4, 0xd5, 0x74, 0x75, 0x76, 0x64, 0x65, 0x66, 0x60, 0x61, 0x62, 0x6c,
        0x68, 0x69, 0x6a, 0x6d, 0x63, 0x6b, 0x67,
    ];
    for &op in ops {
        for f in forms(&[0x66], &[0x0f, op], None) {
            check(&f, &ios, false);
        }
    }
}

#[test]
fn shifts() {
    let mut r = Rng::new(7);
    let ios: Vec<Io> = (0..48)
        .map(|k| {
            let mut io = r.io();
            // Counts around every element width, and a few huge ones.
            let c = if k < 40 {
                k as u128 * 2
            } else {
                r.next() as u128
            };
            io.x2 = c | (r.next() as u128) << 64;
            io.mem = io.x2;
            io
        })
        .collect();
    for op in [0xd1, 0xd2, 0xd3, 0xe1, 0xe2, 0xf1, 0xf2, 0xf3] {
        for f in forms(&[0x66], &[0x0f, op], None) {
            check(&f, &ios, false);
        }
    }
    let ios = int_inputs(8);
    for imm in [0, 1, 7, 8, 15, 16, 31, 32, 63, 64, 100, 255] {
        // 71/72/73 with /2 /4 /6 (/3 /7 for the byte shifts of 73) on xmm1.
        for (op, regs) in [
            (0x71, &[2, 4, 6][..]),
            (0x72, &[2, 4, 6]),
            (0x73, &[2, 3, 6, 7]),
        ] {
            for &reg in regs {
                check(&[0x66, 0x0f, op, 0xc1 | reg << 3, imm], &ios, false);
            }
        }
    }
}

#[test]
fn shuffles_and_unpacks() {
    let ios = int_inputs(8);
    for imm in [0x00, 0x1b, 0xe4, 0x4e, 0xb1, 0xff, 0x39, 0x93] {
        for (prefix, op) in [
            (&[0x66u8][..], 0x70),
            (&[0xf2], 0x70),
            (&[0xf3], 0x70),
            (&[], 0xc6),
            (&[0x66], 0xc6),
        ] {
            for f in forms(prefix, &[0x0f, op], Some(imm)) {
                check(&f, &ios, false);
            }
        }
    }
    for prefix in [&[][..], &[0x66]] {
        for op in [0x14, 0x15, 0x54, 0x55, 0x56, 0x57] {
            for f in forms(prefix, &[0x0f, op], None) {
                check(&f, &ios, false);
            }
        }
    }
}

#[test]
fn masks_and_words() {
    let ios = int_inputs(32);
    check(&[0x66, 0x0f, 0xd7, 0xc1], &ios, false); // pmovmskb eax, xmm1
    check(&[0x66, 0x48, 0x0f, 0xd7, 0xc1], &ios, false); // pmovmskb rax, xmm1
    check(&[0x0f, 0x50, 0xc1], &ios, false); // movmskps eax, xmm1
    check(&[0x66, 0x0f, 0x50, 0xc1], &ios, false); // movmskpd eax, xmm1
    for imm in [0, 1, 3, 4, 7, 9] {
        check(&[0x66, 0x0f, 0xc5, 0xc1, imm], &ios, false); // pextrw eax, xmm1, imm
        check(&[0x66, 0x0f, 0xc4, 0xc8, imm], &ios, false); // pinsrw xmm1, eax, imm
        check(&[0x66, 0x0f, 0xc4, 0x4f, 0x30, imm], &ios, false); // pinsrw xmm1, [rdi+48], imm
    }
}

#[test]
fn moves() {
    let ios = int_inputs(8);
    #[rustfmt::skip]
    let cases: &[&[u8]] = &[
        &[0x66, 0x0f, 0x6e, 0xc8],             // movd xmm1, eax
        &[0x66, 0x48, 0x0f, 0x6e, 0xc8],       // movq xmm1, rax
        &[0x66, 0x0f, 0x7e, 0xc8],             // movd eax, xmm1
        &[0x66, 0x48, 0x0f, 0x7e, 0xc8],       // movq rax, xmm1
        &[0x66, 0x0f, 0x6e, 0x4f, 0x30],       // movd xmm1, [rdi+48]
        &[0x66, 0x0f, 0x7e, 0x4f, 0x30],       // movd [rdi+48], xmm1
        &[0xf3, 0x0f, 0x7e, 0xca],             // movq xmm1, xmm2
        &[0xf3, 0x0f, 0x7e, 0x4f, 0x30],       // movq xmm1, [rdi+48]
        &[0x66, 0x0f, 0xd6, 0xca],             // movq xmm2, xmm1
        &[0x66, 0x0f, 0xd6, 0x4f, 0x30],       // movq [rdi+48], xmm1
        &[0xf2, 0x0f, 0x10, 0xca],             // movsd xmm1, xmm2
        &[0xf2, 0x0f, 0x10, 0x4f, 0x30],       // movsd xmm1, [rdi+48]
        &[0xf2, 0x0f, 0x11, 0x4f, 0x30],       // movsd [rdi+48], xmm1
        &[0xf3, 0x0f, 0x10, 0xca],             // movss xmm1, xmm2
        &[0xf3, 0x0f, 0x10, 0x4f, 0x30],       // movss xmm1, [rdi+48]
        &[0xf3, 0x0f, 0x11, 0x4f, 0x30],       // movss [rdi+48], xmm1
        &[0x0f, 0x12, 0xca],                   // movhlps xmm1, xmm2
        &[0x0f, 0x16, 0xca],                   // movlhps xmm1, xmm2
        &[0x0f, 0x12, 0x4f, 0x30],             // movlps xmm1, [rdi+48]
        &[0x0f, 0x16, 0x4f, 0x30],             // movhps xmm1, [rdi+48]
        &[0x0f, 0x13, 0x4f, 0x30],             // movlps [rdi+48], xmm1
        &[0x0f, 0x17, 0x4f, 0x30],             // movhps [rdi+48], xmm1
        &[0x66, 0x0f, 0x12, 0x4f, 0x30],       // movlpd xmm1, [rdi+48]
        &[0x66, 0x0f, 0x17, 0x4f, 0x30],       // movhpd [rdi+48], xmm1
        &[0x66, 0x0f, 0x6f, 0xca],             // movdqa xmm1, xmm2
        &[0x66, 0x0f, 0x6f, 0x4f, 0x30],       // movdqa xmm1, [rdi+48]
        &[0x66, 0x0f, 0x7f, 0x4f, 0x30],       // movdqa [rdi+48], xmm1
        &[0xf3, 0x0f, 0x6f, 0x4f, 0x30],       // movdqu xmm1, [rdi+48]
        &[0x0f, 0x28, 0x4f, 0x30],             // movaps xmm1, [rdi+48]
        &[0x0f, 0x29, 0x4f, 0x30],             // movaps [rdi+48], xmm1
        &[0x0f, 0x11, 0x4f, 0x30],             // movups [rdi+48], xmm1
        &[0x66, 0x0f, 0x28, 0xca],             // movapd xmm1, xmm2
        &[0x66, 0x0f, 0xe7, 0x4f, 0x30],       // movntdq [rdi+48], xmm1
        &[0x0f, 0x2b, 0x4f, 0x30],             // movntps [rdi+48], xmm1
        &[0x0f, 0xc3, 0x47, 0x30],             // movnti [rdi+48], eax
        &[0x0f, 0xae, 0x5f, 0x30],             // stmxcsr [rdi+48]
        &[0x0f, 0x18, 0x4f, 0x30],             // prefetcht0 [rdi+48]
        &[0x0f, 0xae, 0xf0],                   // mfence
    ];
    for &c in cases {
        check(c, &ios, false);
    }
}

#[test]
fn misaligned_operands_fault() {
    let io = int_inputs(1)[0];
    for insn in [
        &[0x66u8, 0x0f, 0x6f, 0x4f, 0x31][..], // movdqa xmm1, [rdi+49]
        &[0x0f, 0x29, 0x4f, 0x38],             // movaps [rdi+56], xmm1
        &[0x66, 0x0f, 0xef, 0x4f, 0x34],       // pxor xmm1, [rdi+52]
        &[0x66, 0x0f, 0xfc, 0x4f, 0x34],       // paddb xmm1, [rdi+52]
        &[0x66, 0x0f, 0x58, 0x4f, 0x38],       // addpd xmm1, [rdi+56]
    ] {
        let (got, exit) = interp(insn, io);
        assert_eq!(
            exit,
            Some(InterpExit::Signal {
                sig: libc::SIGSEGV as u8,
                code: 0x80,
                pc: CODE_PC
            }),
            "{insn:02x?}"
        );
        assert_eq!((got.x1, got.mem), (io.x1, io.mem), "nothing written");
        let mut j = new_jit();
        let (_, word) = jit(&mut j, insn, &[io])[0];
        assert_eq!(
            word,
            3 | (libc::SIGSEGV as u64 | 0x80 << 8) << 8,
            "{insn:02x?}"
        );
    }
    // The unaligned forms and 8-byte operands do not fault.
    for insn in [
        &[0xf3u8, 0x0f, 0x6f, 0x4f, 0x31][..], // movdqu xmm1, [rdi+49]
        &[0x0f, 0x11, 0x4f, 0x33],             // movups [rdi+51], xmm1
        &[0xf2, 0x0f, 0x58, 0x4f, 0x31],       // addsd xmm1, [rdi+49]
        &[0x0f, 0x16, 0x4f, 0x31],             // movhps xmm1, [rdi+49]
    ] {
        assert!(matches!(interp(insn, io).1, Some(InterpExit::Jump(_))));
    }
}

/// Interesting doubles: zeros, ones, halves for rounding, limits, denormals, infinities, quiet
/// and signalling NaNs with payloads.
const DOUBLES: &[u64] = &[
    0,
    0x8000_0000_0000_0000,
    0x3ff0_0000_0000_0000,
    0xbff0_0000_0000_0000,
    0x4004_0000_0000_0000, // 2.5
    0xc00c_0000_0000_0000, // -3.5
    0x3fb9_9999_9999_999a, // 0.1
    0x41df_ffff_ffe6_6666, // 2147483647.6
    0x43e0_0000_0000_0000, // 2^63
    0xc3e0_0000_0000_0000, // -2^63
    0x7fef_ffff_ffff_ffff,
    0x0000_0000_0000_0001,
    0x000f_ffff_ffff_ffff,
    0x7ff0_0000_0000_0000,
    0xfff0_0000_0000_0000,
    0x7ff8_0000_0000_0001,
    0xfff8_0000_0000_0002,
    0x7ff0_0000_0000_0003,
    0xfff4_0000_0000_0004,
    0x4415_af1d_78b5_8c40, // 1e20
];

/// Interesting singles, likewise.
const SINGLES: &[u32] = &[
    0,
    0x8000_0000,
    0x3f80_0000,
    0xbf80_0000,
    0x4020_0000, // 2.5
    0xc060_0000, // -3.5
    0x3dcc_cccd,
    0x4f00_0000, // 2^31
    0xcf00_0000,
    0x7f7f_ffff,
    0x0000_0001,
    0x7f80_0000,
    0xff80_0000,
    0x7fc0_0001,
    0xffc0_0002,
    0x7f80_0003,
    0xffa0_0004,
    0x5f00_0000, // 2^63
];

fn float_vec(r: &mut Rng, single: bool) -> u128 {
    if single {
        (0..4).fold(0, |a, i| a | (r.pick(SINGLES) as u128) << (32 * i))
    } else {
        r.pick(DOUBLES) as u128 | (r.pick(DOUBLES) as u128) << 64
    }
}

/// Inputs for float instructions: every pair of special values in element 0, random special
/// values elsewhere, and random bit patterns.
fn float_inputs(single: bool) -> Vec<Io> {
    let mut r = Rng::new(0xf10a7);
    let n = if single { SINGLES.len() } else { DOUBLES.len() };
    let mut ios = Vec::new();
    for a in 0..n {
        for b in 0..n {
            let (ea, eb) = if single {
                (SINGLES[a] as u128, SINGLES[b] as u128)
            } else {
                (DOUBLES[a] as u128, DOUBLES[b] as u128)
            };
            let lowmask = if single {
                0xffff_ffffu128
            } else {
                u64::MAX as u128
            };
            let x1 = float_vec(&mut r, single) & !lowmask | ea;
            let x2 = float_vec(&mut r, single) & !lowmask | eb;
            ios.push(Io {
                x1,
                x2,
                rax: r.next(),
                flags: 0,
                mem: x2,
            });
        }
    }
    for _ in 0..32 {
        let mut io = r.io();
        io.x1 = (r.next() as u128) << 64 | r.next() as u128;
        io.x2 = (r.next() as u128) << 64 | r.next() as u128;
        io.mem = io.x2;
        ios.push(io);
    }
    ios
}

#[test]
fn float_arithmetic() {
    // add mul sub min div max sqrt in sd, ss, pd, ps forms.
    for (prefix, single) in [
        (&[0xf2u8][..], false),
        (&[0xf3], true),
        (&[0x66], false),
        (&[], true),
    ] {
        let ios = float_inputs(single);
        for op in [0x58, 0x59, 0x5c, 0x5d, 0x5e, 0x5f, 0x51] {
            for f in forms(prefix, &[0x0f, op], None) {
                check(&f, &ios, false);
            }
        }
    }
}

#[test]
fn float_compares() {
    for (prefix, single) in [
        (&[0xf2u8][..], false),
        (&[0xf3], true),
        (&[0x66], false),
        (&[], true),
    ] {
        let ios = float_inputs(single);
        for pred in 0..8 {
            for f in forms(prefix, &[0x0f, 0xc2], Some(pred)) {
                check(&f, &ios, false);
            }
        }
    }
    for (prefix, single) in [(&[0x66u8][..], false), (&[], true)] {
        let ios = float_inputs(single);
        for op in [0x2e, 0x2f] {
            for f in forms(prefix, &[0x0f, op], None) {
                check(&f, &ios, true);
            }
        }
    }
}

#[test]
fn float_conversions() {
    let ints = int_inputs(32);
    // cvtsi2sd/ss from eax, rax and memory.
    for p in [0xf2u8, 0xf3] {
        check(&[p, 0x0f, 0x2a, 0xc8], &ints, false);
        check(&[p, 0x48, 0x0f, 0x2a, 0xc8], &ints, false);
        check(&[p, 0x0f, 0x2a, 0x4f, 0x30], &ints, false);
        check(&[p, 0x48, 0x0f, 0x2a, 0x4f, 0x30], &ints, false);
    }
    for (p, single) in [(0xf2u8, false), (0xf3, true)] {
        let ios = float_inputs(single);
        // cvttsd2si / cvtsd2si (and ss) into eax and rax, from xmm1 and memory.
        for op in [0x2c, 0x2d] {
            check(&[p, 0x0f, op, 0xc1], &ios, false);
            check(&[p, 0x48, 0x0f, op, 0xc1], &ios, false);
            check(&[p, 0x0f, op, 0x47, 0x30], &ios, false);
        }
        // cvtsd2ss / cvtss2sd
        for f in forms(&[p], &[0x0f, 0x5a], None) {
            check(&f, &ios, false);
        }
    }
    let d = float_inputs(false);
    let s = float_inputs(true);
    #[rustfmt::skip]
    let packed: &[(&[u8], &[u8], &Vec<Io>)] = &[
        (&[], &[0x0f, 0x5a], &s),         // cvtps2pd
        (&[0x66], &[0x0f, 0x5a], &d),     // cvtpd2ps
        (&[0xf3], &[0x0f, 0xe6], &ints),  // cvtdq2pd
        (&[], &[0x0f, 0x5b], &ints),      // cvtdq2ps
        (&[0xf3], &[0x0f, 0x5b], &s),     // cvttps2dq
        (&[0x66], &[0x0f, 0x5b], &s),     // cvtps2dq
        (&[0x66], &[0x0f, 0xe6], &d),     // cvttpd2dq
        (&[0xf2], &[0x0f, 0xe6], &d),     // cvtpd2dq
    ];
    for &(p, op, ios) in packed {
        for f in forms(p, op, None) {
            check(&f, ios, false);
        }
    }
}

#[test]
fn mxcsr_rounding() {
    let mut ios = float_inputs(false);
    for (k, io) in ios.iter_mut().enumerate() {
        io.mem = 0x1f80 | (k as u128 % 4) << 13;
    }
    #[rustfmt::skip]
    let cases: &[&[u8]] = &[
        &[0x0f, 0xae, 0x57, 0x30, 0xf2, 0x0f, 0x2d, 0xc1],         // ldmxcsr; cvtsd2si eax, xmm1
        &[0x0f, 0xae, 0x57, 0x30, 0xf2, 0x48, 0x0f, 0x2d, 0xc1],   // ldmxcsr; cvtsd2si rax, xmm1
        &[0x0f, 0xae, 0x57, 0x30, 0xf2, 0x0f, 0xe6, 0xca],         // ldmxcsr; cvtpd2dq xmm1, xmm2
        &[0x0f, 0xae, 0x57, 0x30, 0x0f, 0xae, 0x5f, 0x30],         // ldmxcsr; stmxcsr
    ];
    for &c in cases {
        check(c, &ios, false);
    }
}
