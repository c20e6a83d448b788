//! What differs between guest ABIs, as data: the syscall number table, pointer size, byte order,
//! the alignment of 64-bit integers, the layouts of the arch-specific kernel structures
//! (`stat`, `sigaction`, `termios`), ioctl numbers and the `O_*` bits that are not generic.
//!
//! Everything else the Linux layer writes to the guest is a "natural" C structure whose layout
//! follows from pointer size, byte order and 64-bit alignment (see `layout.rs`).
//!
//! 32-bit guests pass 64-bit syscall arguments in two registers; [`Arg64`] says how (which
//! half first, whether the pair starts at an even argument), and [`GuestAbi::arg_u64`] joins them.
//!
//! Weak spots: x86-64 and ppc32 exist; i386/ppc64 need their table. For i386, beware that its
//! number 90 is `old_mmap` (one pointer to six arguments), not ppc32's `mmap`, that its
//! `stat64` packs 64-bit fields at 4-byte alignment (a new `StatLayout`), and that its ioctl
//! and termios numbering are the generic ones. A PowerPC termios is
//! translated field by field (flag bits, baud codes, control character slots), but a BOTHER
//! speed set by the guest is lost (the host's TCGETS2/TCSETS2 are not used).

use super::layout::{Field, SigactionLayout, StatLayout, TermiosLayout};
use super::ppc32_table::PPC32_SYSCALLS;
use super::sysno::Sysno;
use super::x86_64_table::X86_64_SYSCALLS;

/// Byte order of guest memory.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ByteOrder {
    Little,
    Big,
}

/// Guest values of the ioctl requests the Linux layer understands.
#[derive(Clone, Copy, Debug)]
pub struct IoctlNumbers {
    pub tcgets: u32,
    pub tcsets: u32,
    pub tcsetsw: u32,
    pub tcsetsf: u32,
    pub tiocgwinsz: u32,
    pub tiocswinsz: u32,
    pub tiocgpgrp: u32,
    pub fionread: u32,
    pub fioclex: u32,
    pub fionclex: u32,
}

/// Guest values of the `O_*` open flags whose numbers differ between architectures.
/// (The others — access mode, O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND, O_NONBLOCK,
/// O_DSYNC, O_ASYNC, O_NOATIME, O_CLOEXEC, O_SYNC, O_PATH, O_TMPFILE's low part — are the same.)
#[derive(Clone, Copy, Debug)]
pub struct OpenFlagBits {
    pub directory: u32,
    pub nofollow: u32,
    pub direct: u32,
    pub largefile: u32,
}

/// The host kernel's values (libc's `O_LARGEFILE` is 0 on 64-bit hosts, but the kernel still
/// reports its bit in F_GETFL, so we use the kernel numbers).
#[cfg(target_arch = "x86_64")]
const HOST_OPEN_FLAGS: OpenFlagBits = OpenFlagBits {
    directory: 0o200000,
    nofollow: 0o400000,
    direct: 0o40000,
    largefile: 0o100000,
};
#[cfg(target_arch = "aarch64")]
const HOST_OPEN_FLAGS: OpenFlagBits = OpenFlagBits {
    directory: 0o40000,
    nofollow: 0o100000,
    direct: 0o200000,
    largefile: 0o400000,
};

/// How a 64-bit syscall argument (a file offset or length) arrives in the guest's registers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg64 {
    /// One register (64-bit guests).
    Register,
    /// Two registers, high word first, the pair starting at an even argument index (ppc32:
    /// r3/r4, r5/r6, r7/r8 — the 32-bit SysV ABI's aligned register pairs; a skipped register
    /// is padding).
    PairHighFirstAligned,
    /// Two registers, low word first, in the next two arguments (i386).
    PairLowFirst,
}

/// Everything about one guest ABI the Linux layer needs.
#[derive(Debug)]
pub struct GuestAbi {
    /// `uname -m` for this guest.
    pub machine: &'static str,
    /// Bytes in a guest pointer / `long` (4 or 8).
    pub word_size: usize,
    pub order: ByteOrder,
    /// Alignment of 64-bit integers inside structures (8, or 4 on i386).
    pub align_u64: usize,
    /// Guest syscall number → implemented call, indexed by number.
    syscalls: Vec<Option<Sysno>>,
    pub stat: StatLayout,
    pub sigaction: SigactionLayout,
    pub termios: TermiosLayout,
    pub ioctl: IoctlNumbers,
    pub open_flags: OpenFlagBits,
    /// MINSIGSTKSZ: the smallest alternate signal stack sigaltstack accepts.
    pub min_sigstksz: u64,
    /// How 64-bit arguments are passed.
    pub arg64: Arg64,
    /// Which argument of `clone` is the child tid pointer: 3 in the generic order
    /// (flags, stack, parent_tid, child_tid, tls), 4 where tls comes first (CLONE_BACKWARDS:
    /// powerpc, i386).
    pub clone_child_tid_arg: usize,
}

impl GuestAbi {
    /// Builds the number → call lookup from a table of `(number, call)` pairs.
    fn index(table: &[(u32, Sysno)]) -> Vec<Option<Sysno>> {
        let len = table
            .iter()
            .map(|&(n, _)| n as usize + 1)
            .max()
            .unwrap_or(0);
        let mut v = vec![None; len];
        for &(n, s) in table {
            v[n as usize] = Some(s);
        }
        v
    }

    /// The x86-64 (LP64, little-endian) ABI.
    pub fn x86_64() -> GuestAbi {
        GuestAbi {
            machine: "x86_64",
            word_size: 8,
            order: ByteOrder::Little,
            align_u64: 8,
            syscalls: Self::index(X86_64_SYSCALLS),
            stat: StatLayout::X86_64,
            sigaction: SigactionLayout {
                size: 32,
                handler: Field::new(0, 8),
                flags: Field::new(8, 8),
                restorer: Field::new(16, 8),
                mask: Field::new(24, 8),
            },
            termios: TermiosLayout::GENERIC,
            ioctl: IoctlNumbers {
                tcgets: 0x5401,
                tcsets: 0x5402,
                tcsetsw: 0x5403,
                tcsetsf: 0x5404,
                tiocgpgrp: 0x540f,
                tiocgwinsz: 0x5413,
                tiocswinsz: 0x5414,
                fionread: 0x541b,
                fionclex: 0x5450,
                fioclex: 0x5451,
            },
            open_flags: OpenFlagBits {
                directory: 0o200000,
                nofollow: 0o400000,
                direct: 0o40000,
                largefile: 0o100000,
            },
            min_sigstksz: 2048,
            arg64: Arg64::Register,
            clone_child_tid_arg: 3,
        }
    }

    /// The 32-bit big-endian PowerPC ABI (ILP32, 64-bit integers 8-aligned in structures).
    pub fn ppc32() -> GuestAbi {
        // Linux's powerpc _IOC encoding: 13 size bits, direction bits 29..31 with
        // _IOC_NONE = 1, _IOC_READ = 2, _IOC_WRITE = 4 (arch/powerpc/include/uapi/asm/ioctl.h).
        const fn ioc(dir: u32, ty: u8, nr: u8, size: u32) -> u32 {
            (dir << 29) | (size << 16) | ((ty as u32) << 8) | nr as u32
        }
        const NONE: u32 = 1;
        const READ: u32 = 2;
        const WRITE: u32 = 4;
        let termios = TermiosLayout::PPC.size as u32;
        GuestAbi {
            machine: "ppc",
            word_size: 4,
            order: ByteOrder::Big,
            align_u64: 8,
            syscalls: Self::index(PPC32_SYSCALLS),
            stat: StatLayout::PPC32_STAT64,
            // arch/powerpc/include/uapi/asm/signal.h: handler, flags, restorer, mask (the
            // kernel's sigaction for rt_sigaction, 64-signal mask as two longs).
            sigaction: SigactionLayout {
                size: 20,
                handler: Field::new(0, 4),
                flags: Field::new(4, 4),
                restorer: Field::new(8, 4),
                mask: Field::new(12, 8),
            },
            termios: TermiosLayout::PPC,
            // arch/powerpc/include/uapi/asm/ioctls.h
            ioctl: IoctlNumbers {
                tcgets: ioc(READ, b't', 19, termios),
                tcsets: ioc(WRITE, b't', 20, termios),
                tcsetsw: ioc(WRITE, b't', 21, termios),
                tcsetsf: ioc(WRITE, b't', 22, termios),
                tiocgpgrp: ioc(READ, b't', 119, 4),
                tiocgwinsz: ioc(READ, b't', 104, 8),
                tiocswinsz: ioc(WRITE, b't', 103, 8),
                fionread: ioc(READ, b'f', 127, 4),
                fioclex: ioc(NONE, b'f', 1, 0),
                fionclex: ioc(NONE, b'f', 2, 0),
            },
            // arch/powerpc/include/uapi/asm/fcntl.h
            open_flags: OpenFlagBits {
                directory: 0o40000,
                nofollow: 0o100000,
                largefile: 0o200000,
                direct: 0o400000,
            },
            // arch/powerpc/include/uapi/asm/signal.h (32-bit)
            min_sigstksz: 2048,
            arg64: Arg64::PairHighFirstAligned,
            clone_child_tid_arg: 4,
        }
    }

    /// The call a guest syscall number names, if we implement it.
    pub fn sysno(&self, nr: u64) -> Option<Sysno> {
        usize::try_from(nr)
            .ok()
            .and_then(|i| self.syscalls.get(i).copied().flatten())
    }

    /// Truncates a guest register value to the guest's word.
    pub fn word(&self, v: u64) -> u64 {
        if self.word_size == 4 {
            v & 0xffff_ffff
        } else {
            v
        }
    }

    /// Sign-extends a guest `long` argument (an `off_t`, a signed count) to 64 bits.
    pub fn signed(&self, v: u64) -> i64 {
        if self.word_size == 4 {
            v as u32 as i32 as i64
        } else {
            v as i64
        }
    }

    /// The 64-bit argument whose first register is argument `i` (before any pair alignment),
    /// and the index of the argument after it. Missing registers (a guest passing one past the
    /// sixth) read as zero.
    pub fn arg_u64(&self, a: &[u64; 6], i: usize) -> (u64, usize) {
        let reg = |k: usize| a.get(k).copied().unwrap_or(0) & 0xffff_ffff;
        match self.arg64 {
            Arg64::Register => (a.get(i).copied().unwrap_or(0), i + 1),
            Arg64::PairHighFirstAligned => {
                let i = i + (i & 1);
                ((reg(i) << 32) | reg(i + 1), i + 2)
            }
            Arg64::PairLowFirst => ((reg(i + 1) << 32) | reg(i), i + 2),
        }
    }

    /// Guest `O_*` flags → host flags.
    pub fn open_flags_to_host(&self, guest: u32) -> i32 {
        let g = &self.open_flags;
        let special = g.directory | g.nofollow | g.direct | g.largefile;
        let mut host = (guest & !special) as i32;
        for (gbit, hbit) in self.special_open_bits() {
            if guest & gbit != 0 {
                host |= hbit;
            }
        }
        host
    }

    /// Host `O_*` flags → guest flags (for F_GETFL).
    pub fn open_flags_from_host(&self, host: i32) -> u32 {
        let mut hspecial = 0;
        let mut guest = 0;
        for (gbit, hbit) in self.special_open_bits() {
            hspecial |= hbit;
            if host & hbit != 0 {
                guest |= gbit;
            }
        }
        guest | (host & !hspecial) as u32
    }

    fn special_open_bits(&self) -> [(u32, i32); 4] {
        let g = &self.open_flags;
        let h = &HOST_OPEN_FLAGS;
        [
            (g.directory, h.directory as i32),
            (g.nofollow, h.nofollow as i32),
            (g.direct, h.direct as i32),
            (g.largefile, h.largefile as i32),
        ]
    }
}

impl GuestAbi {
    /// The natural-layout parameters of this guest.
    pub fn shape(&self) -> super::layout::Shape {
        super::layout::Shape {
            order: self.order,
            word_size: self.word_size,
            align_u64: self.align_u64,
        }
    }
}
