//! What differs between guest ABIs, as data: the syscall number table, pointer size, byte order,
//! the alignment of 64-bit integers, the layouts of the arch-specific kernel structures
//! (`stat`, `sigaction`, `termios`), ioctl numbers and the `O_*` bits that are not generic.
//!
//! Everything else the Linux layer writes to the guest is a "natural" C structure whose layout
//! follows from pointer size, byte order and 64-bit alignment (see `layout.rs`).
//!
//! Weak spots: only x86-64 exists so far; ppc32/i386/ppc64 need their syscall table plus the
//! syscalls only they make (`stat64`, `_llseek`, `mmap2`, `*_time64`, ...). PowerPC termios
//! flag bits differ from x86's and are not translated yet.

use super::layout::{Field, SigactionLayout, StatLayout, TermiosLayout};
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
