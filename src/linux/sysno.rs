//! The syscalls egret implements, named independently of any guest's numbering. Each guest's
//! table (e.g. `x86_64_table.rs`) maps its numbers onto these; strace prints these names.
//!
//! Calls only 32-bit guests make (`stat64`, `_llseek`, `mmap2`, `*_time64`, ...) have their own
//! names here, so strace shows what the guest asked for; most share an implementation with
//! their 64-bit counterpart.

macro_rules! sysnos {
    ($($variant:ident => $name:literal,)*) => {
        /// A syscall egret implements.
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
        pub enum Sysno {
            $($variant,)*
        }

        impl Sysno {
            /// The Linux name, as strace prints it.
            pub fn name(self) -> &'static str {
                match self {
                    $(Sysno::$variant => $name,)*
                }
            }
        }
    };
}

sysnos! {
    Read => "read",
    Write => "write",
    Readv => "readv",
    Writev => "writev",
    Pread64 => "pread64",
    Pwrite64 => "pwrite64",
    Open => "open",
    Openat => "openat",
    Close => "close",
    Lseek => "lseek",
    Stat => "stat",
    Fstat => "fstat",
    Lstat => "lstat",
    Newfstatat => "newfstatat",
    Statx => "statx",
    Getdents64 => "getdents64",
    Fcntl => "fcntl",
    Dup => "dup",
    Dup2 => "dup2",
    Dup3 => "dup3",
    Pipe => "pipe",
    Pipe2 => "pipe2",
    Ioctl => "ioctl",
    Access => "access",
    Faccessat => "faccessat",
    Faccessat2 => "faccessat2",
    Unlink => "unlink",
    Unlinkat => "unlinkat",
    Mkdir => "mkdir",
    Mkdirat => "mkdirat",
    Rmdir => "rmdir",
    Rename => "rename",
    Renameat => "renameat",
    Renameat2 => "renameat2",
    Readlink => "readlink",
    Readlinkat => "readlinkat",
    Getcwd => "getcwd",
    Chdir => "chdir",
    Fchdir => "fchdir",
    Ftruncate => "ftruncate",
    Fsync => "fsync",
    Fdatasync => "fdatasync",
    Mmap => "mmap",
    Munmap => "munmap",
    Mprotect => "mprotect",
    Brk => "brk",
    Madvise => "madvise",
    Mremap => "mremap",
    Exit => "exit",
    ExitGroup => "exit_group",
    Getpid => "getpid",
    Gettid => "gettid",
    Getppid => "getppid",
    Getuid => "getuid",
    Geteuid => "geteuid",
    Getgid => "getgid",
    Getegid => "getegid",
    Uname => "uname",
    Prlimit64 => "prlimit64",
    Getrlimit => "getrlimit",
    Setrlimit => "setrlimit",
    SchedGetaffinity => "sched_getaffinity",
    SchedYield => "sched_yield",
    SetTidAddress => "set_tid_address",
    SetRobustList => "set_robust_list",
    Rseq => "rseq",
    Getrandom => "getrandom",
    RtSigaction => "rt_sigaction",
    RtSigprocmask => "rt_sigprocmask",
    Sigaltstack => "sigaltstack",
    Kill => "kill",
    Tkill => "tkill",
    Tgkill => "tgkill",
    ClockGettime => "clock_gettime",
    ClockGetres => "clock_getres",
    Gettimeofday => "gettimeofday",
    Time => "time",
    Nanosleep => "nanosleep",
    ClockNanosleep => "clock_nanosleep",
    Futex => "futex",
    Clone => "clone",
    Fork => "fork",
    Vfork => "vfork",
    Execve => "execve",
    Wait4 => "wait4",
    Waitid => "waitid",
    Sysinfo => "sysinfo",
    Umask => "umask",
    Getrusage => "getrusage",
    Times => "times",
    Truncate => "truncate",
    Utimensat => "utimensat",
    // Calls of 32-bit guests.
    Mmap2 => "mmap2",
    Llseek => "_llseek",
    Stat64 => "stat64",
    Lstat64 => "lstat64",
    Fstat64 => "fstat64",
    Fstatat64 => "fstatat64",
    Fcntl64 => "fcntl64",
    Truncate64 => "truncate64",
    Ftruncate64 => "ftruncate64",
    Ugetrlimit => "ugetrlimit",
    ClockGettime64 => "clock_gettime64",
    ClockGetres64 => "clock_getres_time64",
    ClockNanosleep64 => "clock_nanosleep_time64",
    Utimensat64 => "utimensat_time64",
    FutexTime64 => "futex_time64",
    Sigreturn => "sigreturn",
    RtSigreturn => "rt_sigreturn",
}
