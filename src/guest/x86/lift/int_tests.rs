//! Tests of the integer families (shift, muldiv, bits, string, misc) for what the self-checking
//! guest programs can't observe: exits (SIGFPE, helper faults) and the registers and memory
//! they leave, and the bulk paths of `rep movs`/`rep stos`. Each case runs one instruction
//! under both the interpreter and the JIT and must give the same answer in both. Instruction
//! bytes come from GNU as (`as x.s && objdump -d`).

use crate::guest::x86::{X86Guest, X86State};
use crate::guest::Guest;
use crate::interp::{Interp, InterpExit};
use crate::jit::{ExitKind, GuestMemLayout, Jit, JitConfig, OptLevel, SlotId};
use crate::mem::{AddressSpace, Prot, VmaKind};

const CODE: u64 = 0x10000;
/// Two read-write pages; the page after them is unmapped.
const DATA: u64 = 0x20000;
const DATA_END: u64 = DATA + 0x2000;

/// How the one-instruction block ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Next(u64),
    Signal { sig: u8, code: u8, pc: u64 },
    HelperFault(u64),
}

struct Machine {
    // Boxed: the guest state keeps a pointer to the address space.
    mem: Box<AddressSpace>,
    g: X86Guest,
}

impl Machine {
    fn new(code: &[u8]) -> Machine {
        let mut mem = Box::new(AddressSpace::new(64).unwrap());
        mem.map_fixed(CODE, 0x1000, Prot::RX, VmaKind::Anon)
            .unwrap();
        // A pushfq after the instruction reads every flag, so the flag liveness look-ahead keeps
        // them in the state where the checks read them.
        let mut bytes = code.to_vec();
        bytes.push(0x9c);
        mem.poke(CODE, &bytes).unwrap();
        mem.map_fixed(DATA, DATA_END - DATA, Prot::RW, VmaKind::Anon)
            .unwrap();
        let g = X86Guest::new(&mem, CODE, DATA_END - 0x100);
        Machine { mem, g }
    }

    fn s(&mut self) -> &mut X86State {
        &mut self.g.state
    }

    fn write(&self, addr: u64, data: &[u8]) {
        self.mem.write(addr, data).unwrap();
    }

    fn read(&self, addr: u64, len: usize) -> Vec<u8> {
        let mut v = vec![0; len];
        self.mem.read(addr, &mut v).unwrap();
        v
    }

    /// Runs the first instruction at CODE as a block of its own.
    fn step(&mut self, jit: bool) -> Outcome {
        let b = self.g.decode(&self.mem, CODE, 1);
        if !jit {
            let sp = self.g.state_ptr();
            // SAFETY: `sp` is this machine's x86 state, alive for the whole call.
            let mut it = unsafe { Interp::new(sp, &self.mem, false) };
            X86Guest::lift(&b, &mut it);
            return match it.outcome().unwrap() {
                InterpExit::Jump(pc) => Outcome::Next(pc),
                InterpExit::Signal { sig, code, pc } => Outcome::Signal { sig, code, pc },
                InterpExit::HelperFault { pc } => Outcome::HelperFault(pc),
                e => panic!("unexpected exit {e:?}"),
            };
        }
        let mut jit = Jit::new(JitConfig {
            opt_level: OptLevel::None,
            no_chain: true,
            stats: false,
            want_ir: false,
            want_asm: false,
        })
        .unwrap();
        let layout = GuestMemLayout {
            base: self.mem.base() as u64,
            mask: self.mem.mask(),
            big_endian: false,
            pc_offset: self.g.pc_offset(),
        };
        let tb = jit
            .compile(CODE, layout, &mut |e| X86Guest::lift(&b, e))
            .unwrap();
        // SAFETY: the TB was compiled for this state layout and guest memory.
        let w = unsafe { jit.run(self.g.state_ptr(), tb.code) };
        let (kind, payload) = ExitKind::from_word(w).unwrap();
        let pc = self.g.state.pc;
        match kind {
            ExitKind::Slot => Outcome::Next(jit.table.target(SlotId(payload as u32)).unwrap()),
            ExitKind::Signal => Outcome::Signal {
                sig: payload as u8,
                code: (payload >> 8) as u8,
                pc,
            },
            ExitKind::HelperFault => Outcome::HelperFault(pc),
            k => panic!("unexpected exit {k:?}"),
        }
    }
}

/// Runs `code` on both engines, each on a fresh machine prepared by `setup`, and hands both
/// machines and outcomes to `check`.
fn both(code: &[u8], setup: impl Fn(&mut Machine), check: impl Fn(&mut Machine, Outcome)) {
    for jit in [false, true] {
        let mut m = Machine::new(code);
        setup(&mut m);
        let o = m.step(jit);
        check(&mut m, o);
    }
}

const SIGFPE: Outcome = Outcome::Signal {
    sig: libc::SIGFPE as u8,
    code: 1,
    pc: CODE,
};

#[test]
fn division_by_zero_and_overflow_raise_sigfpe_and_write_nothing() {
    // (bytes, rax, rdx, rcx): div %rcx / idiv %rcx / idiv %ecx / idiv %cl / div %cl.
    let cases: [(&[u8], u64, u64, u64); 6] = [
        (&[0x48, 0xf7, 0xf1], 5, 0, 0),
        (&[0x48, 0xf7, 0xf1], 0, 1, 1),
        (&[0x48, 0xf7, 0xf9], 1 << 63, u64::MAX, u64::MAX),
        (&[0xf7, 0xf9], 0, 0x8000_0000, 0xffff_ffff),
        (&[0xf6, 0xf9], 0x8000, 0, 0xff),
        (&[0xf6, 0xf1], 0x100, 0, 1),
    ];
    for (code, rax, rdx, rcx) in cases {
        both(
            code,
            |m| {
                m.s().gpr[0] = rax;
                m.s().gpr[2] = rdx;
                m.s().gpr[1] = rcx;
            },
            |m, o| {
                assert_eq!(o, SIGFPE, "{code:x?}");
                assert_eq!((m.s().gpr[0], m.s().gpr[2]), (rax, rdx), "{code:x?}");
            },
        );
    }
}

#[test]
fn wide_divisions_just_inside_the_limits() {
    // div %rcx: the largest quotient, (d-1):(2^64-1) / d = 2^64-1 remainder d-1, d = 2^64-1.
    both(
        &[0x48, 0xf7, 0xf1],
        |m| {
            m.s().gpr[0] = u64::MAX;
            m.s().gpr[2] = u64::MAX - 1;
            m.s().gpr[1] = u64::MAX;
        },
        |m, o| {
            assert_eq!(o, Outcome::Next(CODE + 3));
            assert_eq!((m.s().gpr[0], m.s().gpr[2]), (u64::MAX, u64::MAX - 1));
        },
    );
    // idiv %rcx: -2^63 / 1 fits.
    both(
        &[0x48, 0xf7, 0xf9],
        |m| {
            m.s().gpr[0] = 1 << 63;
            m.s().gpr[2] = u64::MAX;
            m.s().gpr[1] = 1;
        },
        |m, o| {
            assert_eq!(o, Outcome::Next(CODE + 3));
            assert_eq!((m.s().gpr[0], m.s().gpr[2]), (1 << 63, 0));
        },
    );
}

#[test]
fn rep_movsb_stops_at_the_faulting_byte() {
    both(
        &[0xf3, 0xa4],
        |m| {
            m.write(DATA, &[0x5a; 0x20]);
            m.s().gpr[6] = DATA;
            m.s().gpr[7] = DATA_END - 0x10;
            m.s().gpr[1] = 0x20;
        },
        |m, o| {
            assert_eq!(o, Outcome::HelperFault(CODE));
            let s = m.s();
            assert_eq!(
                (s.gpr[1], s.gpr[6], s.gpr[7]),
                (0x10, DATA + 0x10, DATA_END)
            );
            assert_eq!((s.fault_addr, s.fault_write), (DATA_END, 1));
            assert_eq!(m.read(DATA_END - 0x10, 0x10), vec![0x5a; 0x10]);
        },
    );
}

#[test]
fn rep_movsb_overlapping_forward_replicates_like_hardware() {
    both(
        &[0xf3, 0xa4],
        |m| {
            m.write(DATA, b"ab");
            m.s().gpr[6] = DATA;
            m.s().gpr[7] = DATA + 1;
            m.s().gpr[1] = 3000;
        },
        |m, o| {
            assert_eq!(o, Outcome::Next(CODE + 2));
            assert_eq!(m.read(DATA, 3001), vec![b'a'; 3001]);
            assert_eq!(m.s().gpr[1], 0);
        },
    );
}

#[test]
fn rep_movsq_backward_bulk_copy_matches_memmove() {
    both(
        &[0xf3, 0x48, 0xa5],
        |m| {
            let src: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
            m.write(DATA, &src);
            m.s().df = 1;
            // Copy 400 qwords ending at DATA+4096-8 to 16 bytes higher (overlapping).
            m.s().gpr[6] = DATA + 4096 - 8;
            m.s().gpr[7] = DATA + 4096 + 8;
            m.s().gpr[1] = 400;
        },
        |m, o| {
            assert_eq!(o, Outcome::Next(CODE + 3));
            let src: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
            let from = 4096 - 400 * 8;
            assert_eq!(m.read(DATA + from as u64 + 16, 3200), src[from..].to_vec());
            let s = m.s();
            assert_eq!(s.gpr[6], DATA + 4096 - 8 - 3200);
            assert_eq!(s.gpr[7], DATA + 4096 + 8 - 3200);
        },
    );
}

#[test]
fn rep_stosq_fills_and_faults_precisely() {
    both(
        &[0xf3, 0x48, 0xab],
        |m| {
            m.s().gpr[0] = 0x1122_3344_5566_7788;
            m.s().gpr[7] = DATA + 8;
            m.s().gpr[1] = 0x1000;
        },
        |m, o| {
            assert_eq!(o, Outcome::HelperFault(CODE));
            let written = (DATA_END - DATA - 8) / 8;
            assert_eq!(m.s().gpr[1], 0x1000 - written);
            assert_eq!(m.s().gpr[7], DATA_END);
            let tail = m.read(DATA_END - 8, 8);
            assert_eq!(tail, 0x1122_3344_5566_7788u64.to_le_bytes());
            assert_eq!(m.read(DATA, 8), vec![0; 8]);
        },
    );
}

#[test]
fn repne_scasb_leaves_the_compare_flags() {
    both(
        &[0xf2, 0xae],
        |m| {
            m.write(DATA, b"hello\0");
            m.s().gpr[0] = 0;
            m.s().gpr[7] = DATA;
            m.s().gpr[1] = u64::MAX;
        },
        |m, o| {
            assert_eq!(o, Outcome::Next(CODE + 2));
            let s = m.s();
            assert_eq!((s.gpr[1], s.gpr[7]), (u64::MAX - 6, DATA + 6));
            let f = crate::guest::x86::helpers::eflags_from_state(s);
            assert_eq!(f & 0x8d5, 0x44); // ZF | PF
        },
    );
}

#[test]
fn cmpxchg8b_swaps_or_loads() {
    for equal in [true, false] {
        both(
            &[0x0f, 0xc7, 0x0b],
            |m| {
                m.write(DATA, &0x0000_0002_0000_0001u64.to_le_bytes());
                let s = m.s();
                s.gpr[3] = DATA; // rbx: address, and the low half of the new value
                s.gpr[0] = 0xdead_0000_0000_0001;
                s.gpr[2] = if equal { 2 } else { 3 };
                s.gpr[1] = 7;
            },
            |m, o| {
                assert_eq!(o, Outcome::Next(CODE + 3));
                let mem = u64::from_le_bytes(m.read(DATA, 8).try_into().unwrap());
                let s = m.s();
                let zf = crate::guest::x86::helpers::eflags_from_state(s) >> 6 & 1;
                if equal {
                    assert_eq!(mem, 7 << 32 | DATA);
                    assert_eq!((s.gpr[0], s.gpr[2], zf), (0xdead_0000_0000_0001, 2, 1));
                } else {
                    assert_eq!(mem, 0x0000_0002_0000_0001);
                    assert_eq!((s.gpr[0], s.gpr[2], zf), (1, 2, 0));
                }
            },
        );
    }
}
