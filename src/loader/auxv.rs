//! Auxiliary vector keys (`AT_*`, from Linux's `include/uapi/linux/auxvec.h` and the PowerPC
//! additions in `arch/powerpc/include/uapi/asm/auxvec.h`), and what each guest architecture
//! contributes to the vector ([`StackParams`]).

pub const AT_NULL: u64 = 0;
pub const AT_IGNORE: u64 = 1;
pub const AT_EXECFD: u64 = 2;
pub const AT_PHDR: u64 = 3;
pub const AT_PHENT: u64 = 4;
pub const AT_PHNUM: u64 = 5;
pub const AT_PAGESZ: u64 = 6;
pub const AT_BASE: u64 = 7;
pub const AT_FLAGS: u64 = 8;
pub const AT_ENTRY: u64 = 9;
pub const AT_NOTELF: u64 = 10;
pub const AT_UID: u64 = 11;
pub const AT_EUID: u64 = 12;
pub const AT_GID: u64 = 13;
pub const AT_EGID: u64 = 14;
pub const AT_PLATFORM: u64 = 15;
pub const AT_HWCAP: u64 = 16;
pub const AT_CLKTCK: u64 = 17;
/// PowerPC: data cache block size.
pub const AT_DCACHEBSIZE: u64 = 19;
/// PowerPC: instruction cache block size.
pub const AT_ICACHEBSIZE: u64 = 20;
/// PowerPC: unified cache block size.
pub const AT_UCACHEBSIZE: u64 = 21;
/// PowerPC: an entry to be ignored (Linux emits two for old glibc's sake).
pub const AT_IGNOREPPC: u64 = 22;
pub const AT_SECURE: u64 = 23;
pub const AT_BASE_PLATFORM: u64 = 24;
pub const AT_RANDOM: u64 = 25;
pub const AT_HWCAP2: u64 = 26;
pub const AT_EXECFN: u64 = 31;
/// i386: address of the vsyscall entry in the vDSO.
pub const AT_SYSINFO: u64 = 32;
pub const AT_SYSINFO_EHDR: u64 = 33;
pub const AT_MINSIGSTKSZ: u64 = 51;

/// Linux's `USER_HZ`, reported as `AT_CLKTCK`.
pub const CLOCK_TICKS_PER_SECOND: u64 = 100;

/// What the guest architecture puts in the auxiliary vector.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StackParams {
    pub hwcap: u64,
    pub hwcap2: u64,
    /// `AT_PLATFORM` string ("x86_64", "i686", "ppc", "power9", ...); empty for none.
    pub platform: String,
    /// `AT_MINSIGSTKSZ`; 0 leaves it out.
    pub minsigstksz: u64,
    /// Architecture pairs (Linux's `ARCH_DLINFO`), placed first in the vector as Linux does,
    /// before `AT_MINSIGSTKSZ`. An architecture that wants `AT_MINSIGSTKSZ` elsewhere among
    /// them puts it here itself (then `minsigstksz` is not added again).
    pub extra_auxv: Vec<(u64, u64)>,
}
