//! The PowerPC guest frontend: ppc32 big-endian now; ppc64 and ppc64le through the same code
//! later (register width and byte order are parameters of [`PpcGuest`]).
//!
//! [`insns`] is the instruction table (one row per instruction form), [`decode`] turns a 32-bit
//! word into an [`decode::Insn`] through buckets built from that table, [`disasm`] prints
//! instructions as GNU objdump does, and [`lift`] gives each instruction its semantics.

pub mod decode;
pub mod disasm;
pub mod helpers_fp;
pub mod insns;
pub mod lift;
pub mod state;

use super::Guest;
use crate::emit::{Emit, Exit, Ty};
use crate::mem::{Access, AddressSpace, GUEST_PAGE_SIZE};
use decode::Insn;
use insns::Op;
pub use state::PpcState;

/// Which PowerPC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PpcMode {
    pub is64: bool,
    pub big_endian: bool,
}

impl PpcMode {
    pub const PPC32: PpcMode = PpcMode {
        is64: false,
        big_endian: true,
    };
    fn word(self) -> Ty {
        if self.is64 {
            Ty::I64
        } else {
            Ty::I32
        }
    }
}

/// A PowerPC guest thread.
pub struct PpcGuest {
    pub state: Box<PpcState>,
    pub mode: PpcMode,
}

impl PpcGuest {
    pub fn new(mem: &AddressSpace, mode: PpcMode, entry: u64, sp: u64) -> PpcGuest {
        let mut state = Box::new(PpcState::new(mem));
        state.pc = entry;
        state.gpr[1] = sp;
        PpcGuest { state, mode }
    }
}

/// What ends a decoded block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tail {
    /// The last instruction transfers control itself.
    None,
    /// Fall through to `end`.
    Next,
    /// The word at `end` is not a known instruction: SIGILL there.
    Illegal,
    /// The word at `end` can't be fetched: SIGSEGV there (si_code 1 unmapped, 2 protected).
    FetchFault(u8),
}

/// A decoded PowerPC block.
pub struct PpcBlock {
    pub start: u64,
    pub end: u64,
    pub insns: Vec<Insn>,
    pub tail: Tail,
    pub word: Ty,
}

/// Instructions after which a block ends.
fn ends_block(op: Op) -> bool {
    matches!(op, Op::B | Op::Bc | Op::Bclr | Op::Bcctr | Op::Sc)
}

impl Guest for PpcGuest {
    type Block = PpcBlock;

    fn state_ptr(&mut self) -> *mut u8 {
        &mut *self.state as *mut PpcState as *mut u8
    }
    fn pc_offset(&self) -> u32 {
        state::PC
    }
    fn pc(&self) -> u64 {
        self.state.pc
    }
    fn set_pc(&mut self, pc: u64) {
        self.state.pc = pc;
    }
    fn big_endian(&self) -> bool {
        self.mode.big_endian
    }

    fn decode(&self, mem: &AddressSpace, pc: u64, max_insns: usize) -> PpcBlock {
        let mut insns = Vec::new();
        let mut a = pc;
        let mut tail = Tail::Next;
        while insns.len() < max_insns.max(1) {
            if let Err(f) = mem.check(a, 4, Access::Exec) {
                tail = Tail::FetchFault(if f.unmapped { 1 } else { 2 });
                break;
            }
            let mut b = [0u8; 4];
            // SAFETY: the 4 bytes at `a` are mapped executable (checked above).
            unsafe { std::ptr::copy_nonoverlapping(mem.host(a), b.as_mut_ptr(), 4) };
            let w = if self.mode.big_endian {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            };
            let Some(i) = decode::decode_for(w, self.mode.is64) else {
                tail = Tail::Illegal;
                break;
            };
            insns.push(i);
            a += 4;
            if ends_block(i.op) {
                tail = Tail::None;
                break;
            }
            if a.is_multiple_of(GUEST_PAGE_SIZE) && insns.len() >= 16 {
                break;
            }
        }
        PpcBlock {
            start: pc,
            end: a,
            insns,
            tail,
            word: self.mode.word(),
        }
    }

    fn block_info(&self, b: &PpcBlock) -> (usize, u64, u64) {
        (b.insns.len(), b.start, b.end)
    }

    fn lift<E: Emit>(b: &PpcBlock, e: &mut E) {
        let mut cx = lift::Cx::new(e, b.word);
        let mut pc = b.start;
        for &i in &b.insns {
            lift::lift_insn(&mut cx, i, pc);
            if cx.ended {
                return;
            }
            pc += 4;
        }
        match b.tail {
            Tail::None | Tail::Next => cx.e.exit(Exit::Jump(b.end)),
            Tail::Illegal => {
                cx.e.begin_insn(b.end);
                cx.e.exit(Exit::Signal {
                    sig: libc::SIGILL as u8,
                    code: lift::ILL_ILLOPC,
                    pc: b.end,
                });
            }
            Tail::FetchFault(code) => {
                cx.e.begin_insn(b.end);
                cx.e.exit(Exit::Signal {
                    sig: libc::SIGSEGV as u8,
                    code,
                    pc: b.end,
                });
            }
        }
    }

    fn disasm(&self, b: &PpcBlock) -> String {
        let mut out = String::new();
        let mut pc = b.start;
        for i in &b.insns {
            out.push_str(&format!("{pc:8x}:\t{}\n", disasm::disasm(i.word, pc)));
            pc += 4;
        }
        out
    }

    fn describe_insn(&self, mem: &AddressSpace, pc: u64) -> String {
        let mut b = [0u8; 4];
        if mem.read(pc, &mut b).is_err() {
            return "unreadable".into();
        }
        let w = if self.mode.big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        };
        format!("{} ({w:08x})", disasm::disasm(w, pc))
    }

    fn syscall_args(&self) -> (u64, [u64; 6]) {
        let g = &self.state.gpr;
        let m = if self.mode.is64 {
            u64::MAX
        } else {
            u32::MAX as u64
        };
        (
            g[0] & m,
            [g[3] & m, g[4] & m, g[5] & m, g[6] & m, g[7] & m, g[8] & m],
        )
    }

    /// The kernel's convention: success clears CR0.SO, an error sets it and returns the
    /// positive errno in r3.
    fn set_syscall_result(&mut self, r: u64) {
        let err = (r as i64) < 0 && (r as i64) >= -4095;
        let m = if self.mode.is64 {
            u64::MAX
        } else {
            u32::MAX as u64
        };
        if err {
            self.state.gpr[3] = (r as i64).unsigned_abs() & m;
            self.state.cr[0] |= lift::SO;
        } else {
            self.state.gpr[3] = r & m;
            self.state.cr[0] &= !lift::SO;
        }
    }

    fn arch_syscall(&mut self, _mem: &AddressSpace, _nr: u64, _args: &[u64; 6]) -> Option<u64> {
        None
    }

    fn set_sp(&mut self, sp: u64) {
        self.state.gpr[1] = sp;
    }

    fn dump_regs(&self) -> String {
        let s = &self.state;
        let mut out = format!(
            "pc={:#x} lr={:#x} ctr={:#x} cr={:08x} xer={:#x}",
            s.pc,
            s.lr,
            s.ctr,
            s.cr_word(),
            s.xer_word()
        );
        for (i, v) in s.gpr.iter().enumerate() {
            out.push_str(&format!(" r{i}={v:#x}"));
        }
        out
    }
}
