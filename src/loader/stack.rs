//! The initial stack, laid out byte for byte as Linux's `execve` leaves it (`fs/exec.c` and
//! `create_elf_tables` in `fs/binfmt_elf.c`), with randomisation off. From the top down:
//!
//! ```text
//! top ->  8 zero bytes (the kernel's NULL pointer)
//!         execfn string (AT_EXECFN)
//!         envp strings, then argv strings (argv[0] lowest)
//!         -- aligned down to 16
//!         AT_PLATFORM string
//!         16 random bytes (AT_RANDOM)
//!         -- gap, so that sp comes out 16-aligned
//!         auxv pairs, ending with AT_NULL
//!         envp pointers, NULL
//!         argv pointers, NULL
//! sp ->   argc
//! ```
//!
//! Words are the guest's pointer size in the guest's byte order, so the same code serves
//! x86-64, i386, ppc32, ppc64 and ppc64le.
//!
//! Weak spots: the stack is a fixed 8 MiB mapping, not one that grows on faults; no
//! `AT_BASE_PLATFORM` and no vDSO (`AT_SYSINFO_EHDR` is the guest arch's business).

use super::auxv::*;
use super::elf::{ElfClass, ElfFile};
use super::image::MappedImage;
use super::LoadError;
use crate::mem::{AddressSpace, GuestAddr, Prot, VmaKind, GUEST_PAGE_SIZE};

/// Size of the stack mapping (Linux's default `RLIMIT_STACK`).
pub(crate) const STACK_SIZE: u64 = 8 << 20;

/// Linux refuses an `execve` whose strings need more than a quarter of the stack limit.
pub(crate) const MAX_STRINGS: u64 = STACK_SIZE / 4;

/// Linux leaves one kernel pointer of zeros at the very top; the kernel is 64-bit even for
/// 32-bit guests.
const KERNEL_POINTER_BYTES: u64 = 8;

/// The stack after setup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct InitialStack {
    pub sp: GuestAddr,
    pub top: GuestAddr,
    pub bottom: GuestAddr,
    /// The auxiliary vector as written, ending with `(AT_NULL, 0)`.
    pub auxv: Vec<(u64, u64)>,
}

/// The end of the stack: one page below the top of the address space for 64-bit guests (like
/// x86-64's `0x7ffffffff000`), two pages for 32-bit ones (i386 under x86-64 Linux sees
/// `0xffffe000`). Both lie above `mem.mmap_top`, in the room the address space keeps free.
pub(crate) fn stack_top(class: ElfClass, space: u64) -> GuestAddr {
    match class {
        ElfClass::Elf64 => space - GUEST_PAGE_SIZE,
        ElfClass::Elf32 => space - 2 * GUEST_PAGE_SIZE,
    }
}

/// Bytes the strings at the top of the stack take (each with its NUL).
pub(crate) fn strings_size(exe_path: &[u8], argv: &[Vec<u8>], envp: &[Vec<u8>]) -> u64 {
    let all = argv
        .iter()
        .chain(envp)
        .map(|s| s.len() as u64 + 1)
        .sum::<u64>();
    all + exe_path.len() as u64 + 1
}

/// What the auxiliary vector says about the program.
pub(crate) struct Program<'a> {
    pub elf: &'a ElfFile<'a>,
    pub image: &'a MappedImage,
    /// Where the interpreter was loaded (`AT_BASE`); 0 for a static program.
    pub interp_base: GuestAddr,
}

/// Maps the stack and writes argc, argv, envp, auxv and the strings they point to.
pub(crate) fn build_stack(
    mem: &mut AddressSpace,
    program: &Program,
    exe_path: &[u8],
    argv: &[Vec<u8>],
    envp: &[Vec<u8>],
    params: &StackParams,
) -> Result<InitialStack, LoadError> {
    let strings = strings_size(exe_path, argv, envp);
    if strings > MAX_STRINGS {
        return Err(LoadError::ArgumentsTooLong(strings));
    }
    let ident = program.elf.ident;
    let word = ident.machine.pointer_bytes();
    let top = stack_top(ident.class, mem.size());
    let bottom = top - STACK_SIZE;
    let prot = if program.elf.exec_stack {
        Prot::RWX
    } else {
        Prot::RW
    };
    mem.map_fixed(bottom, STACK_SIZE, prot, VmaKind::Stack)
        .map_err(|error| LoadError::Map {
            what: "stack",
            error,
        })?;

    // Strings, each placed below the previous one, in the order Linux copies them.
    let mut p = top - KERNEL_POINTER_BYTES;
    let mut placed: Vec<(GuestAddr, &[u8])> = Vec::new();
    let execfn = push(&mut p, exe_path);
    placed.push((execfn, exe_path));
    let mut env_ptrs = Vec::with_capacity(envp.len());
    for s in envp.iter().rev() {
        env_ptrs.push(push(&mut p, s));
        placed.push((p, s));
    }
    env_ptrs.reverse();
    let mut arg_ptrs = Vec::with_capacity(argv.len());
    for s in argv.iter().rev() {
        arg_ptrs.push(push(&mut p, s));
        placed.push((p, s));
    }
    arg_ptrs.reverse();

    p &= !15;
    let platform = if params.platform.is_empty() {
        None
    } else {
        let at = push(&mut p, params.platform.as_bytes());
        placed.push((at, params.platform.as_bytes()));
        Some(at)
    };
    p -= 16;
    let random = p;
    let random_bytes = host_random_bytes();
    placed.push((random, &random_bytes));

    let auxv = auxiliary_vector(program, params, word, execfn, platform, random);
    let words = (argv.len() as u64 + 1) + (envp.len() as u64 + 1) + 1 + 2 * auxv.len() as u64;
    let sp = (p - words * word) & !15;

    // Build [sp, top) in one buffer and copy it in once.
    let mut buf = vec![0u8; (top - sp) as usize];
    for (addr, s) in placed {
        let at = (addr - sp) as usize;
        buf[at..at + s.len()].copy_from_slice(s);
    }
    let table = std::iter::once(argv.len() as u64)
        .chain(arg_ptrs)
        .chain([0])
        .chain(env_ptrs)
        .chain([0])
        .chain(auxv.iter().flat_map(|&(k, v)| [k, v]));
    for (i, value) in table.enumerate() {
        let at = i * word as usize;
        put_word(&mut buf[at..at + word as usize], value, ident.big_endian);
    }
    mem.poke(sp, &buf).map_err(|_| LoadError::Map {
        what: "stack",
        error: crate::mem::MapError::Invalid,
    })?;
    Ok(InitialStack {
        sp,
        top,
        bottom,
        auxv,
    })
}

/// The auxiliary vector in Linux's order: the architecture's pairs, `AT_MINSIGSTKSZ`, then the
/// generic ones, `AT_NULL` last. Values are cut to the guest's word size.
fn auxiliary_vector(
    program: &Program,
    params: &StackParams,
    word: u64,
    execfn: GuestAddr,
    platform: Option<GuestAddr>,
    random: GuestAddr,
) -> Vec<(u64, u64)> {
    let mut auxv = params.extra_auxv.clone();
    if params.minsigstksz != 0 && !auxv.iter().any(|&(k, _)| k == AT_MINSIGSTKSZ) {
        auxv.push((AT_MINSIGSTKSZ, params.minsigstksz));
    }
    let ids = host_ids();
    auxv.extend([
        (AT_HWCAP, params.hwcap),
        (AT_PAGESZ, GUEST_PAGE_SIZE),
        (AT_CLKTCK, CLOCK_TICKS_PER_SECOND),
        (AT_PHDR, program.image.phdr),
        (AT_PHENT, program.elf.ident.phdr_size() as u64),
        (AT_PHNUM, program.elf.phnum as u64),
        (AT_BASE, program.interp_base),
        (AT_FLAGS, 0),
        (AT_ENTRY, program.image.entry),
        (AT_UID, ids.uid),
        (AT_EUID, ids.euid),
        (AT_GID, ids.gid),
        (AT_EGID, ids.egid),
        (AT_SECURE, 0),
        (AT_RANDOM, random),
        (AT_HWCAP2, params.hwcap2),
        (AT_EXECFN, execfn),
    ]);
    if let Some(at) = platform {
        auxv.push((AT_PLATFORM, at));
    }
    auxv.push((AT_NULL, 0));
    let mask = if word == 8 { u64::MAX } else { u32::MAX as u64 };
    auxv.into_iter()
        .map(|(k, v)| (k & mask, v & mask))
        .collect()
}

/// Places a NUL-terminated string just below `*p` and returns its address.
fn push(p: &mut GuestAddr, s: &[u8]) -> GuestAddr {
    *p -= s.len() as u64 + 1;
    *p
}

/// Writes the low `out.len()` bytes of `value` in the guest's byte order.
fn put_word(out: &mut [u8], value: u64, big_endian: bool) {
    let n = out.len();
    if big_endian {
        out.copy_from_slice(&value.to_be_bytes()[8 - n..]);
    } else {
        out.copy_from_slice(&value.to_le_bytes()[..n]);
    }
}

struct HostIds {
    uid: u64,
    euid: u64,
    gid: u64,
    egid: u64,
}

fn host_ids() -> HostIds {
    // SAFETY: these calls take no arguments, cannot fail and touch no memory of ours.
    unsafe {
        HostIds {
            uid: libc::getuid() as u64,
            euid: libc::geteuid() as u64,
            gid: libc::getgid() as u64,
            egid: libc::getegid() as u64,
        }
    }
}

/// 16 bytes from the host's `getrandom` (glibc seeds its stack protector and pointer guard
/// from them). Should the call fail, the bytes come from the clock: weak but never fatal.
fn host_random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let mut filled = 0;
    while filled < bytes.len() {
        let rest = &mut bytes[filled..];
        // SAFETY: the pointer and length describe `rest`, a writable buffer we own.
        let n = unsafe { libc::getrandom(rest.as_mut_ptr().cast(), rest.len(), 0) };
        if n > 0 {
            filled += n as usize;
        } else if std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            bytes = nanos.to_le_bytes();
            break;
        }
    }
    bytes
}
