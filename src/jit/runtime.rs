//! The words TBs hand back to the dispatcher, and the counters they bump for `--stats`.

/// Why a TB chain returned to the dispatcher (low 8 bits of the exit word).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ExitKind {
    /// An exit through a jump-table slot that is not patched yet; payload: the slot index.
    Slot = 0,
    /// An indirect branch missed the cache; the guest pc is in the state.
    IndirectMiss = 1,
    /// A system call; the state's pc is the next instruction.
    Syscall = 2,
    /// A guest signal; payload: signal number | si_code << 8; the state's pc is the instruction.
    Signal = 3,
    /// A helper reported a memory fault (details in the state).
    HelperFault = 4,
}

impl ExitKind {
    pub fn from_word(w: u64) -> Option<(ExitKind, u64)> {
        let k = match w & 0xff {
            0 => ExitKind::Slot,
            1 => ExitKind::IndirectMiss,
            2 => ExitKind::Syscall,
            3 => ExitKind::Signal,
            4 => ExitKind::HelperFault,
            _ => return None,
        };
        Some((k, w >> 8))
    }
}

/// Builds an exit word.
pub const fn exit_word(kind: ExitKind, payload: u64) -> u64 {
    (payload << 8) | kind as u64
}

/// Counters that generated code increments when `--stats` is on.
#[repr(C)]
#[derive(Default, Debug)]
pub struct JitStats {
    pub tb_exec: u64,
    pub slot_exits: u64,
    pub indirect_hits: u64,
    pub indirect_exits: u64,
}
