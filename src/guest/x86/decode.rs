//! Block formation for x86: decode with iced-x86 from executable guest pages until a control
//! transfer, the block size limit, or an undecodable or unfetchable instruction.

use super::lift::{self, Cx};
use crate::emit::{Emit, Exit};
use crate::mem::{Access, AddressSpace, GUEST_PAGE_SIZE};
use iced_x86::{Code, Decoder, DecoderOptions, FlowControl, Instruction};

/// What follows the last decoded instruction of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tail {
    /// The last instruction transfers control itself.
    None,
    /// Fall through to the next block at `end`.
    Next,
    /// The instruction at `end` can't be fetched: SIGSEGV there (si_code SEGV_MAPERR/ACCERR).
    FetchFault { code: u8 },
}

/// A decoded x86 block.
pub struct X86Block {
    pub start: u64,
    pub end: u64,
    pub insns: Vec<Instruction>,
    pub tail: Tail,
    /// Per instruction: true when no arithmetic flag is read before being rewritten after it.
    pub flags_dead_after: Vec<bool>,
}

/// Longest x86 instruction.
const MAX_INSN: usize = 15;

/// Copies up to `want` executable bytes at `pc` (stopping at the first non-executable page).
pub(super) fn fetch(mem: &AddressSpace, pc: u64, want: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(want);
    let mut a = pc;
    while out.len() < want {
        if mem.check(a, 1, Access::Exec).is_err() {
            break;
        }
        let room = (GUEST_PAGE_SIZE - a % GUEST_PAGE_SIZE) as usize;
        let n = room.min(want - out.len());
        let mut buf = vec![0u8; n];
        // Executable pages are readable by egret (poke-free read of exec-only pages).
        // SAFETY: the page holding `a` is mapped (exec implies present) and `n` stays inside it.
        unsafe { std::ptr::copy_nonoverlapping(mem.host(a), buf.as_mut_ptr(), n) };
        out.extend_from_slice(&buf);
        a += n as u64;
    }
    out
}

pub fn decode_block(mem: &AddressSpace, pc: u64, max_insns: usize, bitness: u32) -> X86Block {
    let bytes = fetch(mem, pc, max_insns.max(1) * MAX_INSN);
    let mut d = Decoder::with_ip(bitness, &bytes, pc, DecoderOptions::NONE);
    let mut insns = Vec::new();
    let mut end = pc;
    let mut tail = Tail::Next;
    while insns.len() < max_insns {
        if !d.can_decode() {
            tail = fetch_fault(mem, end);
            break;
        }
        let i = d.decode();
        if i.code() == Code::INVALID && d.last_error() == iced_x86::DecoderError::NoMoreBytes {
            tail = fetch_fault(mem, end);
            break;
        }
        end = i.next_ip();
        let stops = i.code() == Code::INVALID || i.flow_control() != FlowControl::Next;
        insns.push(i);
        if stops {
            tail = Tail::None;
            break;
        }
    }
    if insns.is_empty() && tail == Tail::Next {
        tail = fetch_fault(mem, pc);
    }
    let flags_dead_after =
        super::liveness::flags_dead_after(mem, &insns, end, tail == Tail::Next, bitness);
    X86Block {
        start: pc,
        end,
        insns,
        tail,
        flags_dead_after,
    }
}

fn fetch_fault(mem: &AddressSpace, at: u64) -> Tail {
    // If `at` itself is fetchable the fault is in the instruction's later bytes; either way the
    // signal is reported at the instruction's address.
    let code = match mem.check(at, MAX_INSN as u64, Access::Exec) {
        Err(f) if f.unmapped => 1,
        _ => 2,
    };
    Tail::FetchFault { code }
}

pub fn lift_block<E: Emit>(b: &X86Block, e: &mut E) {
    let mut cx = Cx::new(e);
    for (k, i) in b.insns.iter().enumerate() {
        cx.flags_dead = b.flags_dead_after.get(k).copied().unwrap_or(false);
        lift::lift_insn(&mut cx, i);
        if cx.ended {
            return;
        }
    }
    match b.tail {
        Tail::None | Tail::Next => cx.e.exit(Exit::Jump(b.end)),
        Tail::FetchFault { code } => {
            cx.e.begin_insn(b.end);
            cx.e.exit(Exit::Signal {
                sig: libc::SIGSEGV as u8,
                code,
                pc: b.end,
            });
        }
    }
}

/// The instruction at `pc` as text, or its bytes if it does not decode.
pub fn describe(mem: &AddressSpace, pc: u64, bitness: u32) -> String {
    let bytes = fetch(mem, pc, MAX_INSN);
    let mut d = Decoder::with_ip(bitness, &bytes, pc, DecoderOptions::NONE);
    let i = d.decode();
    let hex: Vec<String> = bytes[..(i.len().max(1)).min(bytes.len())]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if i.code() == Code::INVALID {
        return format!("undecodable bytes {}", hex.join(" "));
    }
    let mut s = String::new();
    use iced_x86::Formatter;
    iced_x86::GasFormatter::new().format(&i, &mut s);
    format!("{s} ({})", hex.join(" "))
}
