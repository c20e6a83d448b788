//! strace-style logging of guest syscalls (`-strace`), qemu's format with a pid prefix:
//! `12345 openat(AT_FDCWD,"/etc/x",O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)`.
//! The call is printed before it runs (so a blocking call shows), its result after.
//!
//! Weak spots: structures are shown as addresses; buffers only for write-like calls (first
//! 32 bytes); flag decoding covers open, mmap and mprotect.

use super::{Ctx, SyscallOutcome, Sysno};
use std::fmt::Write as _;

/// How to show one argument.
#[derive(Clone, Copy)]
enum Arg {
    Hex,
    Dec,
    Fd,
    Dirfd,
    Path,
    /// A buffer whose length is the next argument.
    Buf,
    OpenFlags,
    Octal,
    Prot,
    MapFlags,
    Sig,
    /// A 64-bit offset (joined from its register pair on 32-bit guests by [`joined_args`]).
    Off64,
}

fn args_of(s: Sysno) -> &'static [Arg] {
    use Arg::*;
    use Sysno::*;
    match s {
        Read | Getdents64 | Readv | Writev => &[Fd, Hex, Dec],
        Write => &[Fd, Buf, Dec],
        Pread64 => &[Fd, Hex, Dec, Off64],
        Pwrite64 => &[Fd, Buf, Dec, Off64],
        Llseek => &[Fd, Dec, Dec, Hex, Dec],
        Open => &[Path, OpenFlags, Octal],
        Openat => &[Dirfd, Path, OpenFlags, Octal],
        Close | Dup | Fchdir | Fsync | Fdatasync => &[Fd],
        Lseek => &[Fd, Dec, Dec],
        Stat | Lstat | Stat64 | Lstat64 => &[Path, Hex],
        Truncate => &[Path, Dec],
        Truncate64 => &[Path, Off64],
        Fstat | Fstat64 => &[Fd, Hex],
        Newfstatat | Fstatat64 => &[Dirfd, Path, Hex, Hex],
        Utimensat | Utimensat64 => &[Dirfd, Path, Hex, Hex],
        Statx => &[Dirfd, Path, Hex, Hex, Hex],
        Fcntl | Fcntl64 | Ioctl => &[Fd, Hex, Hex],
        Dup2 => &[Fd, Fd],
        Dup3 => &[Fd, Fd, Hex],
        Pipe | Uname | Brk | SetTidAddress | Sysinfo | Times | Time => &[Hex],
        Pipe2 | Sigaltstack | Gettimeofday | Nanosleep | Munmap => &[Hex, Hex],
        Access => &[Path, Dec],
        Faccessat => &[Dirfd, Path, Dec],
        Faccessat2 => &[Dirfd, Path, Dec, Hex],
        Unlink | Rmdir | Chdir => &[Path],
        Unlinkat => &[Dirfd, Path, Hex],
        Mkdir => &[Path, Octal],
        Mkdirat => &[Dirfd, Path, Octal],
        Rename => &[Path, Path],
        Renameat => &[Dirfd, Path, Dirfd, Path],
        Renameat2 => &[Dirfd, Path, Dirfd, Path, Hex],
        Readlink => &[Path, Hex, Dec],
        Readlinkat => &[Dirfd, Path, Hex, Dec],
        Getcwd | SetRobustList => &[Hex, Dec],
        Ftruncate => &[Fd, Dec],
        Ftruncate64 => &[Fd, Off64],
        Mmap | Mmap2 => &[Hex, Hex, Prot, MapFlags, Fd, Hex],
        Mprotect => &[Hex, Hex, Prot],
        Madvise => &[Hex, Hex, Dec],
        Mremap => &[Hex, Hex, Hex, Hex, Hex],
        Exit | ExitGroup => &[Dec],
        Getpid | Gettid | Getppid | Getuid | Geteuid | Getgid | Getegid | SchedYield
        | Sigreturn | RtSigreturn => &[],
        Prlimit64 => &[Dec, Dec, Hex, Hex],
        Getrlimit | Ugetrlimit | Setrlimit | Getrusage | ClockGettime | ClockGetres
        | ClockGettime64 | ClockGetres64 => &[Dec, Hex],
        SchedGetaffinity => &[Dec, Dec, Hex],
        Rseq => &[Hex, Hex, Hex, Hex],
        Getrandom => &[Hex, Dec, Hex],
        RtSigaction => &[Sig, Hex, Hex, Dec],
        RtSigprocmask => &[Dec, Hex, Hex, Dec],
        Kill | Tkill => &[Dec, Sig],
        Tgkill => &[Dec, Dec, Sig],
        ClockNanosleep | ClockNanosleep64 => &[Dec, Dec, Hex, Hex],
        Futex | FutexTime64 => &[Hex, Dec, Dec, Hex, Hex, Hex],
        Clone => &[Hex, Hex, Hex, Hex, Hex],
        Fork | Vfork => &[],
        Execve => &[Path, Hex, Hex],
        Wait4 => &[Dec, Hex, Dec, Hex],
        Waitid => &[Dec, Dec, Hex, Dec, Hex],
        Umask => &[Octal],
    }
}

/// The arguments as the call sees them: a 64-bit offset that a 32-bit guest splits across a
/// register pair is joined into the slot of its first register.
fn joined_args(c: &Ctx, s: Sysno, a: &[u64; 6]) -> [u64; 6] {
    let mut out = *a;
    let at = match s {
        Sysno::Pread64 | Sysno::Pwrite64 => 3,
        Sysno::Ftruncate64 | Sysno::Truncate64 => 1,
        _ => return out,
    };
    out[at] = c.abi.arg_u64(a, at).0;
    out
}

/// Writes the call half of the line.
pub(super) fn enter(c: &mut Ctx, nr: u64, sys: Option<Sysno>, a: &[u64; 6]) {
    let mut line = format!("{} ", c.p.pid);
    match sys {
        Some(s) => {
            let a = &joined_args(c, s, a);
            line.push_str(s.name());
            line.push('(');
            for (i, kind) in args_of(s).iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                show_arg(
                    c,
                    &mut line,
                    *kind,
                    a[i],
                    a.get(i + 1).copied().unwrap_or(0),
                );
            }
        }
        None => {
            let _ = write!(line, "syscall_{nr}(");
            let args: Vec<String> = a.iter().map(|v| format!("{:#x}", c.abi.word(*v))).collect();
            line.push_str(&args.join(","));
        }
    }
    line.push(')');
    emit(c, &line);
}

/// Writes the result half of the line.
pub(super) fn leave(c: &mut Ctx, sys: Option<Sysno>, out: &SyscallOutcome) {
    let text = match *out {
        SyscallOutcome::Child { .. } => " = 0 (child)\n".to_string(),
        SyscallOutcome::Return(v) => {
            let v = c.abi.word(v);
            let signed = if c.abi.word_size == 4 {
                v as u32 as i32 as i64
            } else {
                v as i64
            };
            if (-4095..0).contains(&signed) {
                let e = -signed as i32;
                format!(" = -1 {} ({})\n", errno_name(e), errno_text(e))
            } else if matches!(
                sys,
                Some(Sysno::Mmap | Sysno::Mmap2 | Sysno::Mremap | Sysno::Brk)
            ) {
                format!(" = {v:#x}\n")
            } else {
                format!(" = {signed}\n")
            }
        }
        SyscallOutcome::Exit { .. } => " = ?\n".to_string(),
        SyscallOutcome::Signal(sig) => {
            format!(" = ?\n{} +++ killed by {} +++\n", c.p.pid, sig_name(sig))
        }
    };
    emit(c, &text);
}

fn emit(c: &mut Ctx, text: &str) {
    match c.p.strace_out.as_mut() {
        Some(w) => {
            let _ = w.write_all(text.as_bytes());
            let _ = w.flush();
        }
        None => eprint!("{text}"),
    }
}

fn show_arg(c: &Ctx, out: &mut String, kind: Arg, v: u64, next: u64) {
    if let Arg::Off64 = kind {
        let _ = write!(out, "{}", v as i64);
        return;
    }
    let v = c.abi.word(v);
    match kind {
        Arg::Hex => {
            let _ = write!(out, "{v:#x}");
        }
        Arg::Dec => {
            let _ = write!(
                out,
                "{}",
                if c.abi.word_size == 4 {
                    v as u32 as i32 as i64
                } else {
                    v as i64
                }
            );
        }
        Arg::Fd => {
            let _ = write!(out, "{}", v as i32);
        }
        Arg::Dirfd if v as i32 == -100 => out.push_str("AT_FDCWD"),
        Arg::Dirfd => {
            let _ = write!(out, "{}", v as i32);
        }
        Arg::Path => match c.mem.read_cstr(v, super::PATH_MAX) {
            Ok(s) => quote(out, &s, usize::MAX),
            Err(_) => {
                let _ = write!(out, "{v:#x}");
            }
        },
        Arg::Buf => {
            let len = c.abi.word(next).min(32) as usize;
            let mut b = vec![0u8; len];
            if c.mem.read(v, &mut b).is_ok() {
                quote(out, &b, len);
                if c.abi.word(next) > 32 {
                    out.push_str("...");
                }
            } else {
                let _ = write!(out, "{v:#x}");
            }
        }
        Arg::OpenFlags => open_flags(c, out, v as u32),
        Arg::Octal if v == 0 => out.push('0'),
        Arg::Octal => {
            let _ = write!(out, "0{v:o}");
        }
        Arg::Prot => flags(
            out,
            v,
            &[(1, "PROT_READ"), (2, "PROT_WRITE"), (4, "PROT_EXEC")],
            "PROT_NONE",
        ),
        Arg::MapFlags => {
            out.push_str(match v & 3 {
                1 => "MAP_SHARED",
                2 => "MAP_PRIVATE",
                3 => "MAP_SHARED_VALIDATE",
                _ => "0",
            });
            if v & !3 != 0 {
                out.push('|');
                flags(
                    out,
                    v & !3,
                    &[
                        (0x10, "MAP_FIXED"),
                        (0x20, "MAP_ANONYMOUS"),
                        (0x100, "MAP_GROWSDOWN"),
                        (0x20000, "MAP_STACK"),
                        (0x10_0000, "MAP_FIXED_NOREPLACE"),
                    ],
                    "0",
                );
            }
        }
        Arg::Sig => out.push_str(&sig_name(v as i32)),
        Arg::Off64 => {}
    }
}

/// `A|B|0x40` for the known bits of `v`, `zero` if none are set.
fn flags(out: &mut String, v: u64, names: &[(u64, &str)], zero: &str) {
    let mut parts: Vec<String> = Vec::new();
    let mut rest = v;
    for &(bit, name) in names {
        if v & bit == bit && bit != 0 {
            parts.push(name.to_string());
            rest &= !bit;
        }
    }
    if rest != 0 {
        parts.push(format!("{rest:#x}"));
    }
    if parts.is_empty() {
        out.push_str(zero);
    } else {
        out.push_str(&parts.join("|"));
    }
}

fn open_flags(c: &Ctx, out: &mut String, v: u32) {
    out.push_str(match v & 3 {
        0 => "O_RDONLY",
        1 => "O_WRONLY",
        2 => "O_RDWR",
        _ => "O_ACCMODE",
    });
    let g = &c.abi.open_flags;
    let names: [(u64, &str); 16] = [
        (0o100, "O_CREAT"),
        (0o200, "O_EXCL"),
        (0o400, "O_NOCTTY"),
        (0o1000, "O_TRUNC"),
        (0o2000, "O_APPEND"),
        (0o4000, "O_NONBLOCK"),
        (0o4010000, "O_SYNC"),
        (0o10000, "O_DSYNC"),
        (0o20000, "O_ASYNC"),
        (0o1000000, "O_NOATIME"),
        (0o2000000, "O_CLOEXEC"),
        (0o10000000, "O_PATH"),
        (g.directory.into(), "O_DIRECTORY"),
        (g.nofollow.into(), "O_NOFOLLOW"),
        (g.direct.into(), "O_DIRECT"),
        (g.largefile.into(), "O_LARGEFILE"),
    ];
    if v & !3 != 0 {
        out.push('|');
        flags(out, (v & !3).into(), &names, "");
    }
}

/// A C-style quoted string of at most `max` bytes.
fn quote(out: &mut String, s: &[u8], max: usize) {
    out.push('"');
    for &b in s.iter().take(max) {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\{b:o}");
            }
        }
    }
    out.push('"');
}

/// Symbolic name of a Linux errno.
pub(crate) fn errno_name(e: i32) -> String {
    const NAMES: [&str; 41] = [
        "0",
        "EPERM",
        "ENOENT",
        "ESRCH",
        "EINTR",
        "EIO",
        "ENXIO",
        "E2BIG",
        "ENOEXEC",
        "EBADF",
        "ECHILD",
        "EAGAIN",
        "ENOMEM",
        "EACCES",
        "EFAULT",
        "ENOTBLK",
        "EBUSY",
        "EEXIST",
        "EXDEV",
        "ENODEV",
        "ENOTDIR",
        "EISDIR",
        "EINVAL",
        "ENFILE",
        "EMFILE",
        "ENOTTY",
        "ETXTBSY",
        "EFBIG",
        "ENOSPC",
        "ESPIPE",
        "EROFS",
        "EMLINK",
        "EPIPE",
        "EDOM",
        "ERANGE",
        "EDEADLK",
        "ENAMETOOLONG",
        "ENOLCK",
        "ENOSYS",
        "ENOTEMPTY",
        "ELOOP",
    ];
    match e {
        1..=40 => NAMES[e as usize].to_string(),
        61 => "ENODATA".into(),
        75 => "EOVERFLOW".into(),
        95 => "EOPNOTSUPP".into(),
        110 => "ETIMEDOUT".into(),
        _ => format!("E{e}"),
    }
}

/// The host's description of an errno (numbering is shared), without Rust's suffix.
fn errno_text(e: i32) -> String {
    let s = std::io::Error::from_raw_os_error(e).to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// `SIGSEGV` etc.
pub fn sig_name(sig: i32) -> String {
    const NAMES: [&str; 32] = [
        "0",
        "SIGHUP",
        "SIGINT",
        "SIGQUIT",
        "SIGILL",
        "SIGTRAP",
        "SIGABRT",
        "SIGBUS",
        "SIGFPE",
        "SIGKILL",
        "SIGUSR1",
        "SIGSEGV",
        "SIGUSR2",
        "SIGPIPE",
        "SIGALRM",
        "SIGTERM",
        "SIGSTKFLT",
        "SIGCHLD",
        "SIGCONT",
        "SIGSTOP",
        "SIGTSTP",
        "SIGTTIN",
        "SIGTTOU",
        "SIGURG",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGVTALRM",
        "SIGPROF",
        "SIGWINCH",
        "SIGIO",
        "SIGPWR",
        "SIGSYS",
    ];
    match sig {
        1..=31 => NAMES[sig as usize].to_string(),
        32..=64 => format!("SIGRT_{}", sig - 32),
        _ => sig.to_string(),
    }
}
