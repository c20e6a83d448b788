//! Tests of the Linux layer through `syscall()` with the x86-64 ABI, plus the layout
//! conversion on handmade values (x86-64 `stat`, PowerPC 32-bit big-endian `stat64`).

use super::layout::{encode_dev, FileStat, Shape, StatLayout, StructWriter};
use super::*;
use crate::mem::{Prot, VmaKind};
use std::sync::{Arc, Mutex};

/// x86-64 syscall numbers used below.
mod nr {
    pub const READ: u64 = 0;
    pub const WRITE: u64 = 1;
    pub const OPEN: u64 = 2;
    pub const CLOSE: u64 = 3;
    pub const FSTAT: u64 = 5;
    pub const MMAP: u64 = 9;
    pub const MPROTECT: u64 = 10;
    pub const MUNMAP: u64 = 11;
    pub const BRK: u64 = 12;
    pub const RT_SIGACTION: u64 = 13;
    pub const RT_SIGPROCMASK: u64 = 14;
    pub const PIPE: u64 = 22;
    pub const MREMAP: u64 = 25;
    pub const MADVISE: u64 = 28;
    pub const GETPID: u64 = 39;
    pub const KILL: u64 = 62;
    pub const UNAME: u64 = 63;
    pub const FCNTL: u64 = 72;
    pub const READLINK: u64 = 89;
    pub const GETDENTS64: u64 = 217;
    pub const CLOCK_GETTIME: u64 = 228;
    pub const EXIT_GROUP: u64 = 231;
    pub const OPENAT: u64 = 257;
    pub const PRLIMIT64: u64 = 302;
}

/// Scratch guest memory for arguments.
const SCRATCH: u64 = 0x10000;

struct Env {
    p: Process,
    mem: AddressSpace,
    abi: GuestAbi,
}

impl Env {
    fn new() -> Env {
        let mut mem = AddressSpace::new(64).unwrap();
        mem.map_fixed(SCRATCH, 0x10000, Prot::RW, VmaKind::Anon)
            .unwrap();
        mem.set_brk_start(0x40_0000);
        Env {
            p: Process::new("/usr/bin/guest"),
            mem,
            abi: GuestAbi::x86_64(),
        }
    }
    fn sys(&mut self, nr: u64, a: &[u64]) -> SyscallOutcome {
        let mut args = [0u64; 6];
        args[..a.len()].copy_from_slice(a);
        syscall(&mut self.p, &mut self.mem, &self.abi, nr, args)
    }
    /// The result register as a signed value.
    fn ret(&mut self, nr: u64, a: &[u64]) -> i64 {
        match self.sys(nr, a) {
            SyscallOutcome::Return(v) => v as i64,
            o => panic!("expected a return, got {o:?}"),
        }
    }
    fn cstr(&mut self, at: u64, s: &str) -> u64 {
        let mut b = s.as_bytes().to_vec();
        b.push(0);
        self.mem.write(at, &b).unwrap();
        at
    }
    fn bytes(&self, at: u64, n: usize) -> Vec<u8> {
        let mut b = vec![0u8; n];
        self.mem.read(at, &mut b).unwrap();
        b
    }
    fn u64_at(&self, at: u64) -> u64 {
        u64::from_le_bytes(self.bytes(at, 8).try_into().unwrap())
    }
}

fn sample_stat() -> FileStat {
    FileStat {
        dev: (8, 2),
        ino: 0x1122_3344_5566,
        mode: 0o100644,
        nlink: 3,
        uid: 1000,
        gid: 100,
        rdev: (0, 0),
        size: 0x1_0000_0005,
        blksize: 4096,
        blocks: 16,
        atime: (1_700_000_000, 123),
        mtime: (1_700_000_001, 456),
        ctime: (1_700_000_002, 789),
        ..FileStat::default()
    }
}

#[test]
fn x86_64_stat_layout() {
    let shape = GuestAbi::x86_64().shape();
    let b = StatLayout::X86_64.encode(&shape, &sample_stat());
    let at = |off: usize, n: usize| {
        let mut v = [0u8; 8];
        v[..n].copy_from_slice(&b[off..off + n]);
        u64::from_le_bytes(v)
    };
    assert_eq!(b.len(), 144);
    assert_eq!(at(0, 8), 0x802, "st_dev = makedev(8, 2)");
    assert_eq!(at(8, 8), 0x1122_3344_5566);
    assert_eq!(at(16, 8), 3, "st_nlink is 8 bytes at 16 on x86-64");
    assert_eq!(at(24, 4), 0o100644);
    assert_eq!(at(28, 4), 1000);
    assert_eq!(at(32, 4), 100);
    assert_eq!(at(48, 8), 0x1_0000_0005);
    assert_eq!(at(56, 8), 4096);
    assert_eq!(at(64, 8), 16);
    assert_eq!((at(72, 8), at(80, 8)), (1_700_000_000, 123));
    assert_eq!((at(88, 8), at(96, 8)), (1_700_000_001, 456));
    assert_eq!((at(104, 8), at(112, 8)), (1_700_000_002, 789));
}

#[test]
fn big_endian_32bit_stat64_layout() {
    let shape = Shape {
        order: ByteOrder::Big,
        word_size: 4,
        align_u64: 8,
    };
    let b = StatLayout::PPC32_STAT64.encode(&shape, &sample_stat());
    assert_eq!(b.len(), 104);
    assert_eq!(
        &b[0..8],
        &[0, 0, 0, 0, 0, 0, 8, 2],
        "st_dev, big-endian u64"
    );
    assert_eq!(&b[8..16], &[0, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66]);
    assert_eq!(&b[16..20], &[0, 0, 0x81, 0xa4], "st_mode 0100644");
    assert_eq!(
        &b[20..24],
        &[0, 0, 0, 3],
        "st_nlink is a u32 after the mode here"
    );
    assert_eq!(
        &b[48..56],
        &[0, 0, 0, 1, 0, 0, 0, 5],
        "st_size aligned to 8"
    );
    assert_eq!(&b[56..60], &[0, 0, 0x10, 0], "st_blksize is an int");
    assert_eq!(
        &b[72..80],
        &[0x65, 0x53, 0xf1, 0x00, 0, 0, 0, 123],
        "32-bit atime, then nsec"
    );
    assert_eq!(&b[92..96], &[0, 0, 0x03, 0x15]);
}

#[test]
fn natural_layouts_follow_word_size_and_alignment() {
    let be32 = Shape {
        order: ByteOrder::Big,
        word_size: 4,
        align_u64: 8,
    };
    assert_eq!(
        StructWriter::new(be32).long(-2).long(7).finish(),
        [0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 7]
    );
    // An int then a 64-bit field: padded on ppc32, packed on i386.
    assert_eq!(StructWriter::new(be32).u32(1).u64(2).finish().len(), 16);
    let i386 = Shape {
        order: ByteOrder::Little,
        word_size: 4,
        align_u64: 4,
    };
    assert_eq!(
        StructWriter::new(i386).u32(1).u64(2).finish(),
        [1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0]
    );
    assert_eq!(encode_dev((0x1234, 0x56789)), 0x1000_5672_3489);
    assert_eq!(
        encode_dev((0x1234, 0x56789)),
        libc::makedev(0x1234, 0x56789) as u64,
        "glibc's encoding"
    );
}

#[test]
fn errors_are_negative_errno() {
    let mut e = Env::new();
    assert_eq!(Errno::ENOENT.to_return(), (-2i64) as u64);
    let path = e.cstr(SCRATCH, "/nonexistent/egret-test");
    assert_eq!(e.ret(nr::OPENAT, &[(-100i64) as u64, path, 0, 0]), -2);
    assert_eq!(e.ret(nr::CLOSE, &[9999]), -9, "EBADF");
}

#[test]
fn unknown_syscall_is_enosys() {
    let mut e = Env::new();
    assert_eq!(e.ret(999, &[]), -38);
    assert_eq!(e.ret(u64::MAX, &[]), -38);
    assert_eq!(e.ret(334, &[]), -38, "rseq");
}

#[test]
fn mmap_munmap_mprotect_brk() {
    let mut e = Env::new();
    const PROT_RW: u64 = 3;
    const PRIVATE_ANON: u64 = 0x22;
    let a = e.ret(nr::MMAP, &[0, 0x3000, PROT_RW, PRIVATE_ANON, u64::MAX, 0]) as u64;
    assert!(a.is_multiple_of(4096) && a > SCRATCH, "{a:#x}");
    e.mem.write(a + 0x2fff, &[7]).unwrap();
    assert_eq!(e.p.mem_changes, vec![(a, 0x3000)]);
    // MAP_FIXED over it gives zeroed pages; MAP_FIXED_NOREPLACE refuses.
    assert_eq!(
        e.ret(
            nr::MMAP,
            &[
                a + 0x2000,
                0x1000,
                PROT_RW,
                PRIVATE_ANON | 0x10,
                u64::MAX,
                0
            ]
        ),
        (a + 0x2000) as i64
    );
    assert_eq!(e.bytes(a + 0x2fff, 1), [0]);
    assert_eq!(
        e.ret(
            nr::MMAP,
            &[a, 0x1000, PROT_RW, PRIVATE_ANON | 0x10_0000, u64::MAX, 0]
        ),
        -17
    );
    assert_eq!(
        e.ret(nr::MMAP, &[0, 0, PROT_RW, PRIVATE_ANON, u64::MAX, 0]),
        -22,
        "len 0"
    );
    assert_eq!(
        e.ret(nr::MMAP, &[0, 0x1000, PROT_RW, 0x20, u64::MAX, 0]),
        -22,
        "neither shared nor private"
    );
    assert_eq!(e.ret(nr::MPROTECT, &[a, 0x1000, 1]), 0);
    assert!(e.mem.write(a, &[1]).is_err());
    assert_eq!(e.ret(nr::MUNMAP, &[a, 0x3000]), 0);
    assert!(e.mem.read(a, &mut [0]).is_err());
    assert_eq!(
        e.ret(nr::MPROTECT, &[a, 0x1000, 1]),
        -12,
        "ENOMEM on unmapped"
    );
    assert_eq!(e.ret(nr::MUNMAP, &[a + 1, 0x1000]), -22);

    assert_eq!(e.ret(nr::BRK, &[0]), 0x40_0000);
    assert_eq!(e.ret(nr::BRK, &[0x40_2345]), 0x40_2345);
    e.mem.write(0x40_2000, &[1]).unwrap();
    assert_eq!(e.ret(nr::BRK, &[0x40_0000]), 0x40_0000);
    assert!(e.mem.read(0x40_0000, &mut [0]).is_err());
}

#[test]
fn madvise_dontneed_zeroes_and_mremap_grows_or_moves() {
    let mut e = Env::new();
    let a = e.ret(nr::MMAP, &[0, 0x2000, 3, 0x22, u64::MAX, 0]) as u64;
    e.mem.write(a, &[5; 0x2000]).unwrap();
    assert_eq!(e.ret(nr::MADVISE, &[a + 0x1000, 0x1000, 4]), 0);
    assert_eq!(e.bytes(a + 0xfff, 2), [5, 0]);
    assert_eq!(
        e.ret(
            nr::MADVISE,
            &[a, 0x1000, 3 /* MADV_DONTNEED's neighbour, ignored */]
        ),
        0
    );
    assert_eq!(e.bytes(a, 1), [5]);

    // A new mapping is placed top-down, right below `a`: `a` cannot grow into it... unless the
    // range above `a` is free. Make room above by mapping explicitly.
    let b = e.ret(nr::MMAP, &[0, 0x1000, 3, 0x22, u64::MAX, 0]) as u64;
    assert_eq!(b + 0x1000, a);
    assert_eq!(
        e.ret(nr::MREMAP, &[b, 0x1000, 0x2000, 0, 0]),
        -12,
        "no room, may not move"
    );
    e.mem.write(b, b"moved").unwrap();
    let c = e.ret(nr::MREMAP, &[b, 0x1000, 0x3000, 1, 0]) as u64;
    assert_ne!(c, b);
    assert_eq!(e.bytes(c, 5), b"moved");
    assert!(e.mem.read(b, &mut [0]).is_err(), "old range unmapped");
    // Shrinking stays in place.
    assert_eq!(e.ret(nr::MREMAP, &[c, 0x3000, 0x1000, 0, 0]), c as i64);
    assert!(e.mem.read(c + 0x1000, &mut [0]).is_err());
}

#[test]
fn file_backed_mmap_reads_the_file() {
    let mut e = Env::new();
    let dir = std::env::temp_dir().join(format!("egret-mmap-{}", std::process::id()));
    std::fs::write(&dir, b"hello mapped file").unwrap();
    let path = e.cstr(SCRATCH, dir.to_str().unwrap());
    let fd = e.ret(nr::OPEN, &[path, 0, 0]);
    assert!(fd >= 0);
    let a = e.ret(nr::MMAP, &[0, 0x2000, 1, 2, fd as u64, 0]) as u64;
    assert_eq!(e.bytes(a, 17), b"hello mapped file");
    assert_eq!(e.bytes(a + 17, 1), [0], "past EOF is zero");
    assert!(e.mem.write(a, &[1]).is_err(), "PROT_READ kept");
    assert_eq!(
        e.ret(nr::MMAP, &[0, 0x1000, 1, 2, fd as u64, 1]),
        -22,
        "unaligned offset"
    );
    assert_eq!(e.ret(nr::CLOSE, &[fd as u64]), 0);
    let _ = std::fs::remove_file(&dir);
}

#[test]
fn read_write_through_a_pipe() {
    let mut e = Env::new();
    assert_eq!(e.ret(nr::PIPE, &[SCRATCH]), 0);
    let b = e.bytes(SCRATCH, 8);
    let (r, w) = (
        u32::from_le_bytes(b[..4].try_into().unwrap()),
        u32::from_le_bytes(b[4..].try_into().unwrap()),
    );
    e.mem.write(SCRATCH + 0x100, b"through the pipe").unwrap();
    assert_eq!(e.ret(nr::WRITE, &[w.into(), SCRATCH + 0x100, 16]), 16);
    assert_eq!(e.ret(nr::READ, &[r.into(), SCRATCH + 0x200, 64]), 16);
    assert_eq!(e.bytes(SCRATCH + 0x200, 16), b"through the pipe");
    // The access mode and O_NONBLOCK only: qemu-user on an x86_64 host (how the aarch64 build
    // is tested) hands the program x86's O_LARGEFILE bit untranslated, which on aarch64 reads
    // as O_NOFOLLOW. The numbering itself is checked in open_flags_translate_between_numberings.
    let fl = e.ret(nr::FCNTL, &[r.into(), 3 /* F_GETFL */]);
    assert_eq!(fl & (3 | 0o4000), 0, "O_RDONLY, blocking: {fl:#o}");
    e.ret(nr::CLOSE, &[r.into()]);
    e.ret(nr::CLOSE, &[w.into()]);
}

#[test]
fn bad_pointers_give_efault() {
    let mut e = Env::new();
    assert_eq!(e.ret(nr::PIPE, &[SCRATCH]), 0);
    let b = e.bytes(SCRATCH, 8);
    let (r, w) = (
        u32::from_le_bytes(b[..4].try_into().unwrap()),
        u32::from_le_bytes(b[4..].try_into().unwrap()),
    );
    assert_eq!(
        e.ret(nr::WRITE, &[w.into(), 0x1000, 4]),
        -14,
        "unmapped source"
    );
    assert_eq!(
        e.ret(nr::WRITE, &[w.into(), 1 << 50, 4]),
        -14,
        "outside the address space"
    );
    assert_eq!(e.ret(nr::PIPE, &[0x1000]), -14);
    e.mem.write(SCRATCH, b"abcd").unwrap();
    assert_eq!(e.ret(nr::WRITE, &[w.into(), SCRATCH, 4]), 4);
    e.mem.protect(SCRATCH + 0x1000, 0x1000, Prot::READ).unwrap();
    assert_eq!(
        e.ret(nr::READ, &[r.into(), SCRATCH + 0x1000, 4]),
        -14,
        "read-only destination"
    );
    // A buffer whose tail is unwritable gets a partial transfer, as from the kernel.
    assert_eq!(e.ret(nr::READ, &[r.into(), SCRATCH + 0xffe, 4]), 2);
    assert_eq!(e.ret(nr::FSTAT, &[r.into(), 0x1000]), -14);
    assert_eq!(e.ret(nr::CLOCK_GETTIME, &[0, 0x1000]), -14);
    assert_eq!(e.ret(nr::OPENAT, &[(-100i64) as u64, 0x1000, 0, 0]), -14);
    e.ret(nr::CLOSE, &[r.into()]);
    e.ret(nr::CLOSE, &[w.into()]);
}

#[test]
fn readlink_proc_self_exe_is_the_guest() {
    let mut e = Env::new();
    let path = e.cstr(SCRATCH, "/proc/self/exe");
    assert_eq!(e.ret(nr::READLINK, &[path, SCRATCH + 0x100, 64]), 14);
    assert_eq!(e.bytes(SCRATCH + 0x100, 14), b"/usr/bin/guest");
    assert_eq!(
        e.ret(nr::READLINK, &[path, SCRATCH + 0x100, 4]),
        4,
        "truncated, no NUL"
    );
    let pid = e.ret(nr::GETPID, &[]);
    let path = e.cstr(SCRATCH, &format!("/proc/{pid}/exe"));
    assert_eq!(e.ret(nr::READLINK, &[path, SCRATCH + 0x100, 64]), 14);
    // A relative exe path is made absolute.
    let p = Process::new("./bin/x");
    assert!(
        p.exe_path.starts_with('/') && p.exe_path.ends_with("/bin/x"),
        "{}",
        p.exe_path
    );
}

#[test]
fn fstat_and_getdents64_see_the_host_files() {
    let mut e = Env::new();
    let dir = std::env::temp_dir().join(format!("egret-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("seven"), b"1234567").unwrap();
    let path = e.cstr(SCRATCH, dir.join("seven").to_str().unwrap());
    let fd = e.ret(nr::OPEN, &[path, 0x80000 /* O_CLOEXEC */, 0]) as u64;
    assert_eq!(e.ret(nr::FSTAT, &[fd, SCRATCH + 0x100]), 0);
    assert_eq!(e.u64_at(SCRATCH + 0x100 + 48), 7, "st_size");
    assert_eq!(e.ret(nr::FCNTL, &[fd, 1 /* F_GETFD */]), 1, "FD_CLOEXEC");
    e.ret(nr::CLOSE, &[fd]);
    let path = e.cstr(SCRATCH, dir.to_str().unwrap());
    let fd = e.ret(nr::OPEN, &[path, 0o200000 /* O_DIRECTORY */, 0]) as u64;
    let n = e.ret(nr::GETDENTS64, &[fd, SCRATCH + 0x1000, 0x1000]) as usize;
    let buf = e.bytes(SCRATCH + 0x1000, n);
    let mut names = Vec::new();
    let mut off = 0;
    while off < n {
        let reclen = u16::from_le_bytes([buf[off + 16], buf[off + 17]]) as usize;
        let name = &buf[off + 19..off + reclen];
        names.push(
            String::from_utf8_lossy(&name[..name.iter().position(|&b| b == 0).unwrap()])
                .into_owned(),
        );
        off += reclen;
    }
    names.sort();
    assert_eq!(names, [".", "..", "seven"]);
    e.ret(nr::CLOSE, &[fd]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn proc_self_maps_lists_guest_mappings() {
    let mut e = Env::new();
    let path = e.cstr(SCRATCH, "/proc/self/maps");
    let fd = e.ret(nr::OPEN, &[path, 0, 0]) as u64;
    let n = e.ret(nr::READ, &[fd, SCRATCH + 0x100, 0x1000]) as usize;
    let text = String::from_utf8(e.bytes(SCRATCH + 0x100, n)).unwrap();
    assert!(
        text.starts_with("00010000-00020000 rw-p 00000000 00:00 0"),
        "{text}"
    );
    e.ret(nr::CLOSE, &[fd]);
}

#[test]
fn process_identity_and_limits() {
    let mut e = Env::new();
    assert_eq!(e.ret(nr::UNAME, &[SCRATCH]), 0);
    assert_eq!(&e.bytes(SCRATCH + 4 * 65, 7), b"x86_64\0");
    assert_eq!(&e.bytes(SCRATCH, 6), b"Linux\0");
    assert_eq!(
        e.ret(nr::PRLIMIT64, &[0, 3 /* RLIMIT_STACK */, 0, SCRATCH]),
        0
    );
    assert_eq!(e.u64_at(SCRATCH), 8 << 20);
    assert_eq!(e.ret(nr::PRLIMIT64, &[0, 99, 0, SCRATCH]), -22);
    assert_eq!(
        e.sys(nr::EXIT_GROUP, &[3]),
        SyscallOutcome::Exit {
            status: 3,
            group: true
        }
    );
}

#[test]
fn signals_to_self_follow_the_recorded_action() {
    let mut e = Env::new();
    let pid = e.ret(nr::GETPID, &[]) as u64;
    const SIGUSR1: u64 = 10;
    const SIGCHLD: u64 = 17;
    assert_eq!(
        e.sys(nr::KILL, &[pid, SIGUSR1]),
        SyscallOutcome::Signal(10),
        "default: terminate"
    );
    assert_eq!(e.ret(nr::KILL, &[pid, SIGCHLD]), 0, "default: ignore");
    // sigaction(SIGUSR1, {SIG_IGN, flags, restorer, mask}) and read it back.
    let act: Vec<u8> = [1u64, 0x0400_0000, 0x401000, 0b110]
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect();
    e.mem.write(SCRATCH, &act).unwrap();
    assert_eq!(e.ret(nr::RT_SIGACTION, &[SIGUSR1, SCRATCH, 0, 8]), 0);
    assert_eq!(
        e.ret(nr::RT_SIGACTION, &[SIGUSR1, 0, SCRATCH + 0x100, 8]),
        0
    );
    assert_eq!(e.bytes(SCRATCH + 0x100, 32), act);
    assert_eq!(
        e.ret(nr::RT_SIGACTION, &[SIGUSR1, 0, SCRATCH + 0x100, 4]),
        -22,
        "sigsetsize"
    );
    assert_eq!(e.ret(nr::RT_SIGACTION, &[9, SCRATCH, 0, 8]), -22, "SIGKILL");
    assert_eq!(e.ret(nr::KILL, &[pid, SIGUSR1]), 0, "ignored");
    // raise() as glibc does it: block all, tgkill, restore — the signal lands at the restore.
    e.mem.write(SCRATCH, &u64::MAX.to_le_bytes()).unwrap();
    assert_eq!(e.ret(nr::RT_SIGPROCMASK, &[0, SCRATCH, SCRATCH + 8, 8]), 0);
    assert_eq!(e.u64_at(SCRATCH + 8), 0, "old mask");
    assert_eq!(
        e.ret(nr::KILL, &[pid, 6 /* SIGABRT */]),
        0,
        "blocked: pending"
    );
    assert_eq!(
        e.sys(nr::RT_SIGPROCMASK, &[2, SCRATCH + 8, 0, 8]),
        SyscallOutcome::Signal(6)
    );
}

#[test]
fn strace_lines() {
    #[derive(Clone)]
    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut e = Env::new();
    let log = Shared(Arc::new(Mutex::new(Vec::new())));
    e.p.strace = true;
    e.p.strace_out = Some(Box::new(log.clone()));
    let path = e.cstr(SCRATCH, "/nonexistent/x");
    e.ret(nr::OPENAT, &[(-100i64) as u64, path, 0x80000, 0]);
    e.ret(777, &[1, 2]);
    e.ret(nr::MMAP, &[0, 0x1000, 3, 0x22, u64::MAX, 0]);
    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    let pid = e.p.pid;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!("{pid} openat(AT_FDCWD,\"/nonexistent/x\",O_RDONLY|O_CLOEXEC,0) = -1 ENOENT (No such file or directory)")
    );
    assert_eq!(
        lines[1],
        format!(
            "{pid} syscall_777(0x1,0x2,0x0,0x0,0x0,0x0) = -1 ENOSYS (Function not implemented)"
        )
    );
    assert!(
        lines[2].starts_with(&format!(
            "{pid} mmap(0x0,0x1000,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0x0) = 0x"
        )),
        "{}",
        lines[2]
    );
}

#[test]
fn open_flags_translate_between_numberings() {
    let mut abi = GuestAbi::x86_64();
    // x86-64 guest on this host: identical bits both ways.
    let x86 = 0o200000 | 0o400000 | 0o2000000 | 0o100 | 2;
    assert_eq!(abi.open_flags_from_host(abi.open_flags_to_host(x86)), x86);
    // A guest with PowerPC's numbering: O_DIRECTORY is 0o40000 there.
    abi.open_flags = abi::OpenFlagBits {
        directory: 0o40000,
        nofollow: 0o100000,
        largefile: 0o200000,
        direct: 0o400000,
    };
    assert_eq!(
        abi.open_flags_to_host(0o40000 | 1),
        libc::O_DIRECTORY | libc::O_WRONLY
    );
    assert_eq!(
        abi.open_flags_from_host(libc::O_NOFOLLOW | libc::O_CLOEXEC),
        0o100000 | 0o2000000
    );
}

#[test]
fn sigaction_and_sigset_in_a_big_endian_32bit_layout() {
    let shape = Shape {
        order: ByteOrder::Big,
        word_size: 4,
        align_u64: 8,
    };
    let layout = layout::SigactionLayout {
        size: 20,
        handler: layout::Field::new(0, 4),
        flags: layout::Field::new(4, 4),
        restorer: layout::Field::new(8, 4),
        mask: layout::Field::new(12, 8),
    };
    let a = GuestSigaction {
        handler: 0x1000_0400,
        flags: 0x0400_0000,
        restorer: 0x1000_0800,
        mask: 1 << 33 | 1,
    };
    let b = layout.encode(&shape, &a);
    assert_eq!(
        &b[12..20],
        &[0, 0, 0, 1, 0, 0, 0, 2],
        "low word first, each big-endian"
    );
    assert_eq!(layout.decode(&shape, &b), a);
}

#[test]
fn ioctl_terminal_requests() {
    let mut e = Env::new();
    assert_eq!(e.ret(nr::PIPE, &[SCRATCH]), 0);
    let r = u32::from_le_bytes(e.bytes(SCRATCH, 4).try_into().unwrap()) as u64;
    assert_eq!(
        e.ret(16, &[r, 0x5401 /* TCGETS */, SCRATCH + 0x100]),
        -25,
        "a pipe is no tty"
    );
    assert_eq!(
        e.ret(16, &[r, 0x1234_5678, SCRATCH + 0x100]),
        -25,
        "unknown request"
    );
    assert_eq!(e.ret(16, &[r, 0x541b /* FIONREAD */, SCRATCH + 0x100]), 0);
    assert_eq!(e.bytes(SCRATCH + 0x100, 4), [0; 4]);
    assert_eq!(e.ret(16, &[r, 0x541b, 0x1000]), -14);
}
