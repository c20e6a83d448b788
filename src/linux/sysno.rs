//! The syscalls egret implements, named independently of any guest's numbering. Each guest's
//! table (e.g. `x86_64_table.rs`) maps its numbers onto these; strace prints these names.
//!
//! Weak spot: calls only 32-bit guests make (`stat64`, `_llseek`, `mmap2`, `*_time64`) are not
//! here yet; add them with the tables that need them.

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
}
