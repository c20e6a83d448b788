//! The Linux syscall layer shared by every guest: [`syscall`] takes a guest syscall number and
//! its six argument registers, looks the number up in the guest's [`GuestAbi`] table, runs the
//! one implementation and returns a [`SyscallOutcome`]. Guest file descriptors are host file
//! descriptors (as in qemu-user); guest pointers are always checked against the guest's page
//! table, so a bad pointer gives -EFAULT, never a host fault.
//!
//! Errors are Linux errno numbers, which are the same for host and every supported guest (the
//! lone exception, PowerPC's `EDEADLOCK` = 58, is never produced by the host as a distinct value).
//!
//! Weak spots: single-threaded only (no clone/futex yet); signals are recorded but not
//! delivered; the guest can close or dup2 over descriptors egret itself uses; arch-specific calls
//! (`arch_prctl`, `set_thread_area`) belong to each guest's CPU loop and are not handled here.

pub mod abi;
mod children;
mod fs;
mod futex;
pub mod layout;
mod memory;
mod ppc32_table;
mod process;
mod procfs;
mod signal;
mod strace;
pub mod sysno;
mod time;
mod x86_64_table;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_ppc32;

pub use abi::{Arg64, ByteOrder, GuestAbi};
pub use layout::GuestSigaction;
pub use strace::sig_name as signal_name;
pub use sysno::Sysno;

use crate::mem::{Access, AddressSpace, GuestAddr, MapError, MemFault};
use std::ffi::CString;
use std::io::Write;

/// What a syscall did, for the guest's CPU loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyscallOutcome {
    /// Value for the guest's result register: errors are negative errno as a wrapping u64; the
    /// per-arch convention (e.g. PowerPC's CR0.SO flag) is applied by the caller.
    Return(u64),
    /// The thread (`group == false`) or the whole process exits with `status`.
    Exit { status: i32, group: bool },
    /// The guest sent itself a signal whose action is to terminate it: the caller kills the
    /// process with this signal.
    Signal(i32),
    /// This is the child of a fork: the call returns 0, and the stack pointer becomes `stack`
    /// when it is not 0 (clone with a new stack).
    Child { stack: u64 },
}

/// A Linux errno value (generic numbering, the guest's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Errno(pub i32);

impl Errno {
    pub const EPERM: Errno = Errno(1);
    pub const ENOENT: Errno = Errno(2);
    pub const ESRCH: Errno = Errno(3);
    pub const EINTR: Errno = Errno(4);
    pub const EBADF: Errno = Errno(9);
    pub const EAGAIN: Errno = Errno(11);
    pub const ENOMEM: Errno = Errno(12);
    pub const EACCES: Errno = Errno(13);
    pub const E2BIG: Errno = Errno(7);
    pub const EFAULT: Errno = Errno(14);
    pub const EEXIST: Errno = Errno(17);
    pub const ENODEV: Errno = Errno(19);
    pub const EINVAL: Errno = Errno(22);
    pub const ENOTTY: Errno = Errno(25);
    pub const ERANGE: Errno = Errno(34);
    pub const ENAMETOOLONG: Errno = Errno(36);
    pub const ENOSYS: Errno = Errno(38);
    pub const EOVERFLOW: Errno = Errno(75);

    /// The host's errno after a failed call (host and guest numbering agree).
    pub fn last() -> Errno {
        Errno(
            std::io::Error::last_os_error()
                .raw_os_error()
                .unwrap_or(libc::EIO),
        )
    }

    /// The guest result register value for this error.
    pub fn to_return(self) -> u64 {
        (-(self.0 as i64)) as u64
    }
}

impl From<MemFault> for Errno {
    fn from(_: MemFault) -> Errno {
        Errno::EFAULT
    }
}

impl From<MapError> for Errno {
    fn from(e: MapError) -> Errno {
        match e {
            MapError::NoMemory => Errno::ENOMEM,
            MapError::Invalid => Errno::EINVAL,
            MapError::Host(e) => Errno(e),
        }
    }
}

/// What most handlers return.
pub type SysResult = Result<u64, Errno>;

/// Turns a host call's return value (negative on failure, errno set) into a result.
pub(crate) fn host_result(r: i64) -> SysResult {
    if r < 0 {
        Err(Errno::last())
    } else {
        Ok(r as u64)
    }
}

/// The guest's alternate signal stack, as `sigaltstack` recorded it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AltStack {
    pub sp: u64,
    pub flags: i32,
    pub size: u64,
}

/// Everything the kernel side keeps about the guest process.
pub struct Process {
    /// The guest executable's absolute path as the guest sees it (`/proc/self/exe`).
    pub exe_path: String,
    pub pid: i32,
    pub tid: i32,
    /// Recorded signal actions, index = signal number - 1 (guest values, verbatim).
    pub sigactions: [GuestSigaction; 64],
    /// Blocked signals (bit n = signal n+1).
    pub sigmask: u64,
    /// Signals sent to ourselves while blocked, acted on when unblocked.
    pub pending: u64,
    pub altstack: AltStack,
    /// `set_tid_address`: cleared (and futex-woken) when the thread exits.
    pub clear_child_tid: GuestAddr,
    /// `set_robust_list`: head address and length.
    pub robust_list: (GuestAddr, u64),
    /// RLIMIT_STACK as reported to the guest (soft, hard): the stack egret gave it.
    pub stack_limit: (u64, u64),
    /// Log every syscall to `strace_out` in strace style.
    pub strace: bool,
    pub strace_out: Option<Box<dyn Write + Send>>,
    /// Guest ranges whose mapping or protection changed during the last syscall, so the
    /// dispatcher can drop translations of code there. Cleared at the start of each syscall.
    pub mem_changes: Vec<(GuestAddr, u64)>,
    /// `-L`: absolute guest paths are looked up here first.
    pub sysroot: Option<std::path::PathBuf>,
    /// execve runs this command (egret and its options) followed by the new program; None
    /// refuses execve with ENOSYS.
    pub exec_prefix: Option<Vec<CString>>,
}

/// The stack size egret gives the guest (what RLIMIT_STACK reports).
pub const GUEST_STACK_LIMIT: u64 = 8 << 20;

impl Process {
    /// A process running the guest executable `exe_path` (made absolute against the cwd).
    pub fn new(exe_path: &str) -> Process {
        let exe_path = if exe_path.starts_with('/') {
            exe_path.to_string()
        } else {
            match std::env::current_dir() {
                Ok(cwd) => format!("{}/{}", cwd.display(), exe_path.trim_start_matches("./")),
                Err(_) => exe_path.to_string(),
            }
        };
        // SAFETY: getpid has no preconditions.
        let pid = unsafe { libc::getpid() };
        Process {
            exe_path,
            pid,
            tid: pid,
            sigactions: [GuestSigaction::default(); 64],
            sigmask: 0,
            pending: 0,
            altstack: AltStack {
                sp: 0,
                flags: 2, /* SS_DISABLE */
                size: 0,
            },
            clear_child_tid: 0,
            robust_list: (0, 0),
            stack_limit: (GUEST_STACK_LIMIT, u64::MAX),
            strace: false,
            strace_out: None,
            mem_changes: Vec::new(),
            sysroot: None,
            exec_prefix: None,
        }
    }
}

/// The three things every handler works on.
pub(crate) struct Ctx<'a> {
    pub p: &'a mut Process,
    pub mem: &'a mut AddressSpace,
    pub abi: &'a GuestAbi,
}

impl Ctx<'_> {
    pub fn shape(&self) -> layout::Shape {
        self.abi.shape()
    }

    /// Copies bytes to the guest (EFAULT if any byte is not writable).
    pub fn put(&self, addr: GuestAddr, bytes: &[u8]) -> Result<(), Errno> {
        Ok(self.mem.write(addr, bytes)?)
    }

    /// Copies `len` guest bytes out (EFAULT if any is not readable).
    pub fn get(&self, addr: GuestAddr, len: usize) -> Result<Vec<u8>, Errno> {
        let mut b = vec![0u8; len];
        self.mem.read(addr, &mut b)?;
        Ok(b)
    }

    /// Writes a guest `int` (e.g. the two fds of `pipe`).
    pub fn put_i32(&self, addr: GuestAddr, v: i32) -> Result<(), Errno> {
        let mut b = [0u8; 4];
        self.shape().put(&mut b, 0, 4, v as u32 as u64);
        self.put(addr, &b)
    }

    /// A guest path as a host C string (EFAULT, ENAMETOOLONG), with the `/proc` names egret
    /// answers for the guest (`/proc/self/exe`) rewritten.
    pub fn path(&self, addr: GuestAddr) -> Result<CString, Errno> {
        let raw = self.mem.read_cstr(addr, PATH_MAX)?;
        if raw.len() >= PATH_MAX {
            return Err(Errno::ENAMETOOLONG);
        }
        let raw = if procfs::is_self_exe(self.p.pid, &raw) {
            self.p.exe_path.clone().into_bytes()
        } else if let Some(root) = &self.p.sysroot {
            use std::os::unix::ffi::{OsStrExt, OsStringExt};
            let guest = std::path::Path::new(std::ffi::OsStr::from_bytes(&raw));
            match crate::sysroot::resolve(root, guest) {
                Some(p) => p.into_os_string().into_vec(),
                None => raw,
            }
        } else {
            raw
        };
        CString::new(raw).map_err(|_| Errno::EINVAL)
    }

    /// How many bytes from `addr` (up to `len`) are accessible for `access`; EFAULT if none
    /// are (and `len` is not 0). Lets read/write do a partial transfer as the kernel does.
    pub fn accessible(&self, addr: GuestAddr, len: u64, access: Access) -> Result<u64, Errno> {
        match self.mem.check(addr, len, access) {
            Ok(()) => Ok(len),
            Err(f) if f.addr > addr && f.addr - addr < len => Ok(f.addr - addr),
            Err(_) => Err(Errno::EFAULT),
        }
    }
}

/// Longest path the guest may pass (Linux PATH_MAX, including the NUL).
pub const PATH_MAX: usize = 4096;

/// Runs one guest syscall.
pub fn syscall(
    p: &mut Process,
    mem: &mut AddressSpace,
    abi: &GuestAbi,
    nr: u64,
    args: [u64; 6],
) -> SyscallOutcome {
    p.mem_changes.clear();
    let sys = abi.sysno(nr);
    let mut ctx = Ctx { p, mem, abi };
    if ctx.p.strace {
        strace::enter(&mut ctx, nr, sys, &args);
    }
    let out = match sys {
        Some(s) => dispatch(&mut ctx, s, &args),
        None => SyscallOutcome::Return(Errno::ENOSYS.to_return()),
    };
    if ctx.p.strace {
        strace::leave(&mut ctx, sys, &out);
    }
    out
}

/// vfork's clone flags: CLONE_VM | CLONE_VFORK | SIGCHLD.
const CLONE_VFORK_SIGCHLD: u64 = 0x100 | 0x4000 | 17;

fn dispatch(c: &mut Ctx, s: Sysno, a: &[u64; 6]) -> SyscallOutcome {
    use Sysno::*;
    let r: SysResult = match s {
        Read | Write | Readv | Writev | Pread64 | Pwrite64 | Open | Openat | Close | Lseek
        | Stat | Fstat | Lstat | Newfstatat | Statx | Getdents64 | Fcntl | Dup | Dup2 | Dup3
        | Pipe | Pipe2 | Ioctl | Access | Faccessat | Faccessat2 | Unlink | Unlinkat | Mkdir
        | Mkdirat | Rmdir | Rename | Renameat | Renameat2 | Readlink | Readlinkat | Getcwd
        | Chdir | Fchdir | Ftruncate | Fsync | Fdatasync | Truncate | Utimensat | Llseek
        | Stat64 | Lstat64 | Fstat64 | Fstatat64 | Fcntl64 | Truncate64 | Ftruncate64
        | Utimensat64 => fs::call(c, s, a),
        Mmap | Mmap2 | Munmap | Mprotect | Brk | Madvise | Mremap => memory::call(c, s, a),
        Exit => {
            return SyscallOutcome::Exit {
                status: a[0] as i32,
                group: false,
            }
        }
        ExitGroup => {
            return SyscallOutcome::Exit {
                status: a[0] as i32,
                group: true,
            }
        }
        Getpid | Gettid | Getppid | Getuid | Geteuid | Getgid | Getegid | Uname | Prlimit64
        | Getrlimit | Ugetrlimit | Setrlimit | SchedGetaffinity | SchedYield | SetTidAddress
        | SetRobustList | Rseq | Getrandom | Sysinfo | Umask | Getrusage | Times => {
            process::call(c, s, a)
        }
        RtSigaction | RtSigprocmask | Sigaltstack => return signal::call(c, s, a),
        Kill | Tkill | Tgkill => return signal::kill(c, s, a),
        ClockGettime | ClockGetres | Gettimeofday | Time | Nanosleep | ClockNanosleep
        | ClockGettime64 | ClockGetres64 | ClockNanosleep64 => time::call(c, s, a),
        // Returning from a signal handler: no handlers run yet (see signal.rs).
        Sigreturn | RtSigreturn => Err(Errno::ENOSYS),
        Futex => futex::futex(c, a, false),
        FutexTime64 => futex::futex(c, a, true),
        Clone => {
            let child_tid = a[c.abi.clone_child_tid_arg.min(5)];
            return children::clone(c, a[0], a[1], a[2], child_tid);
        }
        Fork => return children::clone(c, 17, 0, 0, 0),
        Vfork => return children::clone(c, CLONE_VFORK_SIGCHLD, 0, 0, 0),
        Execve => children::execve(c, a[0], a[1], a[2]),
        Wait4 => children::wait4(c, a[0] as i32, a[1], a[2] as i32, a[3]),
        Waitid => children::waitid(c, a[0] as u32, a[1] as u32, a[2], a[3] as i32),
    };
    SyscallOutcome::Return(match r {
        Ok(v) => v,
        Err(e) => e.to_return(),
    })
}
