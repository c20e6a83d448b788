//! Tests of the ppc32 ABI through `syscall()`: the number table, the powerpc constants, and the
//! calls only 32-bit guests make (`_llseek`, `mmap2`, `stat64`, 64-bit offsets split across
//! register pairs, `*_time64`), with every structure checked byte by byte in big-endian order.
//! Expected constants come from Linux's powerpc uapi headers (Debian's
//! linux-libc-dev-powerpc-cross, Linux 6.1) and were checked with `qemu-ppc` 10.0.2.

use super::layout::{TermiosLayout, CC_USED};
use super::*;
use crate::mem::{Prot, VmaKind};
use std::os::unix::io::AsRawFd;

/// ppc32 syscall numbers used below (asm/unistd_32.h).
mod nr {
    pub const CLOSE: u64 = 6;
    pub const TIME: u64 = 13;
    pub const GETTIMEOFDAY: u64 = 78;
    pub const UNAME: u64 = 122;
    pub const LLSEEK: u64 = 140;
    pub const RT_SIGRETURN: u64 = 172;
    pub const RT_SIGACTION: u64 = 173;
    pub const PREAD64: u64 = 179;
    pub const PWRITE64: u64 = 180;
    pub const UGETRLIMIT: u64 = 190;
    pub const MMAP2: u64 = 192;
    pub const TRUNCATE64: u64 = 193;
    pub const FTRUNCATE64: u64 = 194;
    pub const STAT64: u64 = 195;
    pub const FSTAT64: u64 = 197;
    pub const FCNTL64: u64 = 204;
    pub const CLOCK_GETTIME: u64 = 246;
    pub const OPENAT: u64 = 286;
    pub const FSTATAT64: u64 = 291;
    pub const CLOCK_GETTIME64: u64 = 403;
    pub const CLOCK_NANOSLEEP_TIME64: u64 = 407;
    pub const UTIMENSAT_TIME64: u64 = 412;
}

const SCRATCH: u64 = 0x10000;
const AT_FDCWD: u64 = 0xffff_ff9c;

struct Env {
    p: Process,
    mem: AddressSpace,
    abi: GuestAbi,
}

impl Env {
    fn new() -> Env {
        let mut mem = AddressSpace::new(32).unwrap();
        mem.map_fixed(SCRATCH, 0x10000, Prot::RW, VmaKind::Anon)
            .unwrap();
        mem.set_brk_start(0x40_0000);
        Env {
            p: Process::new("/usr/bin/guest"),
            mem,
            abi: GuestAbi::ppc32(),
        }
    }
    /// The result as the guest's `long` would hold it, sign-extended.
    fn ret(&mut self, nr: u64, a: &[u64]) -> i64 {
        let mut args = [0u64; 6];
        args[..a.len()].copy_from_slice(a);
        match syscall(&mut self.p, &mut self.mem, &self.abi, nr, args) {
            SyscallOutcome::Return(v) => self.abi.signed(v),
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
    fn be32(&self, at: u64) -> u32 {
        u32::from_be_bytes(self.bytes(at, 4).try_into().unwrap())
    }
    fn be64(&self, at: u64) -> u64 {
        u64::from_be_bytes(self.bytes(at, 8).try_into().unwrap())
    }
}

/// A host file with `data`, removed when dropped.
struct TempFile {
    path: std::path::PathBuf,
    file: std::fs::File,
}

impl TempFile {
    fn new(tag: &str, data: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!("egret-ppc32-{tag}-{}", std::process::id()));
        std::fs::write(&path, data).unwrap();
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .unwrap();
        TempFile { path, file }
    }
    fn fd(&self) -> u64 {
        self.file.as_raw_fd() as u64
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[test]
fn table_names_the_32bit_calls() {
    let abi = GuestAbi::ppc32();
    let name = |n: u64| abi.sysno(n).map(Sysno::name);
    assert_eq!(name(192), Some("mmap2"));
    assert_eq!(name(140), Some("_llseek"));
    assert_eq!(name(197), Some("fstat64"));
    assert_eq!(name(291), Some("fstatat64"));
    assert_eq!(name(403), Some("clock_gettime64"));
    assert_eq!(name(234), Some("exit_group"));
    assert_eq!(name(383), Some("statx"));
    assert_eq!(name(106), None, "the old stat is left out");
    assert_eq!(name(1 << 40), None);
    assert_eq!(
        (abi.machine, abi.word_size, abi.order),
        ("ppc", 4, ByteOrder::Big)
    );
}

#[test]
fn powerpc_constants() {
    let abi = GuestAbi::ppc32();
    // Values of the macros in asm/ioctls.h, computed by the powerpc _IOC.
    let n = abi.ioctl;
    assert_eq!(
        [n.tcgets, n.tcsets, n.tcsetsw, n.tcsetsf],
        [0x402c_7413, 0x802c_7414, 0x802c_7415, 0x802c_7416]
    );
    assert_eq!([n.tiocgwinsz, n.tiocswinsz], [0x4008_7468, 0x8008_7467]);
    assert_eq!([n.tiocgpgrp, n.fionread], [0x4004_7477, 0x4004_667f]);
    assert_eq!([n.fioclex, n.fionclex], [0x2000_6601, 0x2000_6602]);
    // asm/fcntl.h: O_DIRECTORY 040000, O_NOFOLLOW 0100000, O_LARGEFILE 0200000.
    assert_eq!(
        abi.open_flags_to_host(0o40000 | 0o100000 | 0o2000000),
        libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC
    );
    assert_eq!(
        abi.open_flags_from_host(abi.open_flags_to_host(0o200000)),
        0o200000
    );
    assert_eq!(abi.open_flags_from_host(libc::O_DIRECTORY), 0o40000);
    assert_eq!(abi.sigaction.size, 20);
    assert_eq!(abi.min_sigstksz, 2048);
}

#[test]
fn split_64bit_arguments() {
    let a = [1, 2, 3, 4, 5, 6];
    let ppc = GuestAbi::ppc32();
    // pread64(fd, buf, count, pad, hi, lo): the pair starts at r7.
    assert_eq!(ppc.arg_u64(&a, 3), (0x5_0000_0006, 6));
    // ftruncate64(fd, pad, hi, lo)
    assert_eq!(ppc.arg_u64(&a, 1), (0x3_0000_0004, 4));
    assert_eq!(ppc.arg_u64(&a, 2), (0x3_0000_0004, 4));
    // Beyond the sixth register reads as zero rather than failing.
    assert_eq!(ppc.arg_u64(&a, 5), (0, 8));
    let mut i386 = GuestAbi::ppc32();
    i386.arg64 = Arg64::PairLowFirst;
    assert_eq!(i386.arg_u64(&a, 3), (0x5_0000_0004, 5));
    assert_eq!(GuestAbi::x86_64().arg_u64(&a, 3), (4, 4));
    assert_eq!(ppc.signed(0xffff_fffe), -2);
}

#[test]
fn llseek_writes_a_big_endian_loff_t() {
    let mut e = Env::new();
    let f = TempFile::new("llseek", &[7u8; 100]);
    let res = SCRATCH + 0x100;
    assert_eq!(
        e.ret(nr::LLSEEK, &[f.fd(), 0, 10, res, 0 /* SEEK_SET */]),
        0
    );
    assert_eq!(e.be64(res), 10);
    // -3 from the end, the offset split as (0xffffffff, 0xfffffffd).
    assert_eq!(
        e.ret(
            nr::LLSEEK,
            &[f.fd(), 0xffff_ffff, 0xffff_fffd, res, 2 /* SEEK_END */]
        ),
        0
    );
    assert_eq!(e.be64(res), 97);
    // A position past 4 GiB needs the high word.
    assert_eq!(e.ret(nr::LLSEEK, &[f.fd(), 1, 5, res, 0]), 0);
    assert_eq!(e.bytes(res, 8), [0, 0, 0, 1, 0, 0, 0, 5]);
    assert_eq!(e.ret(nr::LLSEEK, &[f.fd(), 0, 0, 0x1000, 0]), -14, "EFAULT");
    assert_eq!(
        e.ret(nr::LLSEEK, &[f.fd(), 0, 0, res, 9]),
        -22,
        "bad whence"
    );
}

#[test]
fn mmap2_offset_counts_4096_byte_units() {
    let mut e = Env::new();
    let mut data = vec![0u8; 3 * 4096];
    for (i, page) in data.chunks_mut(4096).enumerate() {
        page.fill(b'a' + i as u8);
    }
    let f = TempFile::new("mmap2", &data);
    // Mappings may sit above 2 GiB, where the result is negative as a long: read it unsigned.
    let addr = |r: i64| {
        assert!(!(-4095..0).contains(&r), "error {r}");
        r as u32 as u64
    };
    const PROT_READ: u64 = 1;
    const MAP_PRIVATE: u64 = 2;
    let at = addr(e.ret(nr::MMAP2, &[0, 4096, PROT_READ, MAP_PRIVATE, f.fd(), 2]));
    assert_eq!(e.bytes(at, 4), b"cccc");
    let at = addr(e.ret(nr::MMAP2, &[0, 8192, PROT_READ, MAP_PRIVATE, f.fd(), 1]));
    assert_eq!(e.bytes(at, 1), b"b");
    assert_eq!(e.bytes(at + 4096, 1), b"c");
    // Anonymous, with a garbage offset register ignored.
    let anon = addr(e.ret(nr::MMAP2, &[0, 4096, 3, 0x22, u32::MAX as u64, 0]));
    assert!(e.mem.write(anon, &[1]).is_ok());
}

#[test]
fn pread64_pwrite64_and_ftruncate64_join_register_pairs() {
    let mut e = Env::new();
    let f = TempFile::new("prw", b"0123456789");
    let buf = SCRATCH + 0x200;
    // pread64(fd, buf, 4, pad, 0, 3): the pad register holds junk.
    assert_eq!(e.ret(nr::PREAD64, &[f.fd(), buf, 4, 0xdead, 0, 3]), 4);
    assert_eq!(e.bytes(buf, 4), b"3456");
    e.mem.write(buf, b"ab").unwrap();
    assert_eq!(e.ret(nr::PWRITE64, &[f.fd(), buf, 2, 0xdead, 0, 8]), 2);
    assert_eq!(std::fs::read(&f.path).unwrap(), b"01234567ab");
    // ftruncate64(fd, pad, 1, 0x10): 4 GiB + 16, sparse.
    assert_eq!(e.ret(nr::FTRUNCATE64, &[f.fd(), 0xdead, 1, 0x10]), 0);
    assert_eq!(f.file.metadata().unwrap().len(), 0x1_0000_0010);
    // fstat64 reports the size as a big-endian u64 at offset 48.
    let st = SCRATCH + 0x400;
    assert_eq!(e.ret(nr::FSTAT64, &[f.fd(), st]), 0);
    assert_eq!(e.be64(st + 48), 0x1_0000_0010);
    assert_eq!(e.be32(st + 16) & 0o170000, 0o100000, "S_IFREG");
    // pread64 past 4 GiB reads the hole.
    assert_eq!(e.ret(nr::PREAD64, &[f.fd(), buf, 4, 0, 1, 0]), 4);
    assert_eq!(e.bytes(buf, 4), [0; 4]);
    // truncate64(path, pad, 0, 2)
    let path = e.cstr(SCRATCH + 0x800, f.path.to_str().unwrap());
    assert_eq!(e.ret(nr::TRUNCATE64, &[path, 0xdead, 0, 2]), 0);
    assert_eq!(std::fs::read(&f.path).unwrap(), b"01");
}

#[test]
fn stat64_family_writes_the_ppc32_layout() {
    let mut e = Env::new();
    let f = TempFile::new("stat64", b"twelve bytes");
    let md = f.file.metadata().unwrap();
    let path = e.cstr(SCRATCH + 0x800, f.path.to_str().unwrap());
    let (a, b) = (SCRATCH + 0x100, SCRATCH + 0x200);
    e.mem.write(a, &[0xaa; 104]).unwrap();
    assert_eq!(e.ret(nr::STAT64, &[path, a]), 0);
    assert_eq!(e.ret(nr::FSTATAT64, &[AT_FDCWD, path, b, 0]), 0);
    assert_eq!(e.bytes(a, 104), e.bytes(b, 104));
    use std::os::unix::fs::MetadataExt;
    assert_eq!(e.be64(a + 8), md.ino());
    assert_eq!(e.be32(a + 16), md.mode());
    assert_eq!(e.be32(a + 20), md.nlink() as u32);
    assert_eq!(e.be32(a + 24), md.uid());
    assert_eq!(e.be64(a + 48), 12);
    assert_eq!(e.be32(a + 80), md.mtime() as u32);
    assert_eq!(e.be32(a + 84), md.mtime_nsec() as u32);
    assert_eq!(e.bytes(a + 96, 8), [0; 8], "unused tail cleared");
}

#[test]
fn time64_calls_write_64bit_seconds() {
    let mut e = Env::new();
    let ts = SCRATCH + 0x100;
    e.mem.write(ts, &[0xaa; 24]).unwrap();
    assert_eq!(e.ret(nr::CLOCK_GETTIME64, &[0 /* CLOCK_REALTIME */, ts]), 0);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let sec = e.be64(ts);
    assert!(sec.abs_diff(now) < 5, "{sec} vs {now}");
    assert!(e.be64(ts + 8) < 1_000_000_000);
    assert_eq!(e.bytes(ts + 16, 8), [0xaa; 8], "16 bytes written");
    // The old call: two 32-bit longs.
    e.mem.write(ts, &[0xaa; 24]).unwrap();
    assert_eq!(e.ret(nr::CLOCK_GETTIME, &[1 /* CLOCK_MONOTONIC */, ts]), 0);
    assert_eq!(e.bytes(ts + 8, 4), [0xaa; 4], "8 bytes written");
    assert_eq!(e.ret(nr::GETTIMEOFDAY, &[ts, 0]), 0);
    assert!((e.be32(ts) as u64).abs_diff(now) < 5);
    assert!(e.be32(ts + 4) < 1_000_000);
    let t = e.ret(nr::TIME, &[ts + 0x10]);
    assert!((t as u64).abs_diff(now) < 5);
    assert_eq!(e.be32(ts + 0x10) as i64, t);
    // clock_nanosleep_time64 of 1 ns; a 64-bit tv_nsec of 2^32 + 1 counts as 1.
    e.mem
        .write(ts, &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1])
        .unwrap();
    assert_eq!(e.ret(nr::CLOCK_NANOSLEEP_TIME64, &[1, 0, ts, 0]), 0);
    e.mem.write(ts + 12, &[0x3b, 0x9a, 0xca, 0]).unwrap();
    assert_eq!(
        e.ret(nr::CLOCK_NANOSLEEP_TIME64, &[1, 0, ts, 0]),
        -22,
        "1e9 ns is out of range"
    );
}

#[test]
fn utimensat_time64_sets_times() {
    let mut e = Env::new();
    let f = TempFile::new("utimens", b"x");
    let path = e.cstr(SCRATCH + 0x800, f.path.to_str().unwrap());
    let ts = SCRATCH + 0x100;
    // atime = UTIME_OMIT, mtime = 2^32 + 5 s (past 2106, only a 64-bit time_t holds it).
    let mut b = Vec::new();
    b.extend_from_slice(&0u64.to_be_bytes());
    b.extend_from_slice(&0x3fff_fffeu64.to_be_bytes());
    b.extend_from_slice(&0x1_0000_0005u64.to_be_bytes());
    b.extend_from_slice(&7u64.to_be_bytes());
    e.mem.write(ts, &b).unwrap();
    assert_eq!(e.ret(nr::UTIMENSAT_TIME64, &[AT_FDCWD, path, ts, 0]), 0);
    use std::os::unix::fs::MetadataExt;
    let md = f.file.metadata().unwrap();
    assert_eq!((md.mtime(), md.mtime_nsec()), (0x1_0000_0005, 7));
    // NULL path: the fd itself (futimens).
    b[16..24].copy_from_slice(&1000u64.to_be_bytes());
    e.mem.write(ts, &b).unwrap();
    assert_eq!(e.ret(nr::UTIMENSAT_TIME64, &[f.fd(), 0, ts, 0]), 0);
    assert_eq!(f.file.metadata().unwrap().mtime(), 1000);
}

#[test]
fn sigaction_limits_uname_and_stubs() {
    let mut e = Env::new();
    let (act, old) = (SCRATCH + 0x100, SCRATCH + 0x200);
    let mut b = Vec::new();
    for w in [0x1000_0400u32, 0x0400_0000, 0x1000_0800, 1, 2] {
        b.extend_from_slice(&w.to_be_bytes());
    }
    e.mem.write(act, &b).unwrap();
    assert_eq!(e.ret(nr::RT_SIGACTION, &[10, act, 0, 8]), 0);
    assert_eq!(e.ret(nr::RT_SIGACTION, &[10, 0, old, 8]), 0);
    assert_eq!(e.bytes(old, 20), b);
    assert_eq!(e.p.sigactions[9].mask, 1 | 2 << 32, "low word first");

    let lim = SCRATCH + 0x300;
    assert_eq!(e.ret(nr::UGETRLIMIT, &[3 /* RLIMIT_STACK */, lim]), 0);
    assert_eq!(e.be32(lim), 8 << 20);
    assert_eq!(e.be32(lim + 4), u32::MAX, "RLIM_INFINITY");

    let u = SCRATCH + 0x400;
    assert_eq!(e.ret(nr::UNAME, &[u]), 0);
    assert_eq!(e.bytes(u + 4 * 65, 4), b"ppc\0");

    assert_eq!(e.ret(nr::RT_SIGRETURN, &[]), -38);
    // fcntl64 F_GETFL reports O_LARGEFILE in the guest's numbering.
    let path = e.cstr(SCRATCH + 0x800, "/");
    let fd = e.ret(nr::OPENAT, &[AT_FDCWD, path, 0o40000 | 0o200000, 0]);
    assert!(fd >= 0);
    let fl = e.ret(nr::FCNTL64, &[fd as u64, 3 /* F_GETFL */]) as u32;
    // O_LARGEFILE is checked on x86_64 hosts only: qemu-aarch64 on an x86_64 machine (how CI
    // runs the aarch64 build) passes the host's O_LARGEFILE bit through untranslated.
    let want = if cfg!(target_arch = "x86_64") {
        0o40000 | 0o200000
    } else {
        0o40000
    };
    assert_eq!(fl & want, want, "{fl:#o}");
    assert_eq!(e.ret(nr::CLOSE, &[fd as u64]), 0);
}

#[test]
fn termios_moves_control_characters_and_renumbers_flags() {
    let host = layout::host_shape();
    let be = GuestAbi::ppc32().shape();
    // A generic termios: c_iflag IXOFF|IUCLC|INPCK|ISTRIP|IGNPAR, c_oflag OPOST|ONLCR|TAB3,
    // c_cflag B38400|CS8|CREAD|CLOCAL, c_lflag ISIG|ICANON|ECHO|IEXTEN, c_line 9,
    // c_cc[i] = 0x40 + i.
    let mut g = vec![0u8; 36];
    for (i, w) in [0x1234u32, 0x1805, 0x8bf, 0x800b].iter().enumerate() {
        host.put(&mut g, i * 4, 4, (*w).into());
    }
    g[16] = 9;
    for i in 0..CC_USED {
        g[17 + i] = 0x40 + i as u8;
    }
    let p = TermiosLayout::PPC.convert(&be, &TermiosLayout::GENERIC, &host, &g);
    assert_eq!(p.len(), 44);
    let word = |i: usize| u32::from_be_bytes(p[i * 4..i * 4 + 4].try_into().unwrap());
    // Values of the macros in asm/termbits.h (powerpc).
    assert_eq!(word(0), 0x400 | 0x1000 | 0x34, "IXOFF, IUCLC move");
    assert_eq!(word(1), 0x1 | 0x2 | 0xc00, "OPOST|ONLCR|TAB3");
    assert_eq!(
        word(2),
        0xf | 0x300 | 0x800 | 0x8000,
        "B38400|CS8|CREAD|CLOCAL"
    );
    assert_eq!(
        word(3),
        0x80 | 0x100 | 0x8 | 0x400,
        "ISIG|ICANON|ECHO|IEXTEN"
    );
    assert_eq!(p[35], 9, "c_line after c_cc");
    assert_eq!(p[16 + 5], 0x40 + 6, "ppc VMIN 5 = generic VMIN 6");
    assert_eq!(p[16 + 7], 0x40 + 5, "ppc VTIME 7 = generic VTIME 5");
    assert_eq!(p[16 + 16], 0x40 + 13, "ppc VDISCARD 16 = generic 13");
    assert_eq!((word(9), word(10)), (38400, 38400), "c_ispeed, c_ospeed");
    let back = TermiosLayout::GENERIC.convert(&host, &TermiosLayout::PPC, &be, &p);
    assert_eq!(back, g);
    // The extended baud codes: generic B115200 (0x1002) is PowerPC's 0x11, BOTHER 0x1f.
    host.put(&mut g, 8, 4, 0x1002 | 0x1000 << 16);
    let p = TermiosLayout::PPC.convert(&be, &TermiosLayout::GENERIC, &host, &g);
    assert_eq!(word_of(&p, 2), 0x11 | 0x1f << 16);
    assert_eq!((word_of(&p, 9), word_of(&p, 10)), (0, 115200));
    let back = TermiosLayout::GENERIC.convert(&host, &TermiosLayout::PPC, &be, &p);
    assert_eq!(back, g);
}

fn word_of(b: &[u8], i: usize) -> u32 {
    u32::from_be_bytes(b[i * 4..i * 4 + 4].try_into().unwrap())
}

#[test]
fn strace_names_32bit_calls_and_joins_offsets() {
    #[derive(Clone)]
    struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
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
    let log = Shared(Default::default());
    e.p.strace = true;
    e.p.strace_out = Some(Box::new(log.clone()));
    let f = TempFile::new("strace", b"0123456789");
    let fd = f.fd();
    e.ret(nr::PREAD64, &[fd, SCRATCH, 2, 0xdead, 1, 2]);
    e.ret(nr::LLSEEK, &[fd, 0, 4, SCRATCH + 0x100, 0]);
    e.ret(nr::FTRUNCATE64, &[fd, 0, 0, 3]);
    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    let pid = e.p.pid;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{pid} pread64({fd},0x10000,2,4294967298) = 0"),
            format!("{pid} _llseek({fd},0,4,0x10100,0) = 0"),
            format!("{pid} ftruncate64({fd},3) = 0"),
        ]
    );
}
