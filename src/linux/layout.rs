//! Guest structure layout: the one place where values become guest bytes and back.
//!
//! Two kinds of structures exist. Arch-specific ones (`stat`, `sigaction`, `termios`) are
//! described by explicit field offsets in the guest's [`GuestAbi`](super::abi::GuestAbi).
//! "Natural" C structures (`timespec`, `iovec`, `rlimit`, `tms`, `rusage`, `sysinfo`, `stack_t`,
//! ...) are written field by field with [`StructWriter`] and read with [`StructReader`], which
//! align each field as the guest's C compiler would. Values always pass through host-neutral
//! integers, never a host struct copied as bytes (aarch64 hosts have a different `struct stat`).
//!
//! Weak spots: `time_t` is the guest `long` (right for the non-`time64` calls only); structures
//! with unions or nested arrays are written by hand by their callers.

use super::abi::ByteOrder;

/// What fixes a natural C layout: byte order, `long`/pointer size, 64-bit integer alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    pub order: ByteOrder,
    pub word_size: usize,
    pub align_u64: usize,
}

impl Shape {
    /// Stores the low `size` bytes of `v` at `buf[off..]` in guest order.
    pub fn put(&self, buf: &mut [u8], off: usize, size: usize, v: u64) {
        let bytes = v.to_le_bytes();
        let dst = &mut buf[off..off + size];
        dst.copy_from_slice(&bytes[..size]);
        if self.order == ByteOrder::Big {
            dst.reverse();
        }
    }

    /// Loads `size` bytes at `buf[off..]` in guest order, zero-extended.
    pub fn get(&self, buf: &[u8], off: usize, size: usize) -> u64 {
        let mut bytes = [0u8; 8];
        bytes[..size].copy_from_slice(&buf[off..off + size]);
        if self.order == ByteOrder::Big {
            bytes[..size].reverse();
        }
        u64::from_le_bytes(bytes)
    }

    fn align_of(&self, size: usize) -> usize {
        if size == 8 {
            self.align_u64
        } else {
            size.max(1)
        }
    }
}

/// One field of an explicitly laid out structure; `size == 0` means the guest has no such field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub off: u16,
    pub size: u8,
}

impl Field {
    pub const fn new(off: u16, size: u8) -> Field {
        Field { off, size }
    }
    pub const ABSENT: Field = Field { off: 0, size: 0 };

    fn put(self, shape: &Shape, buf: &mut [u8], v: u64) {
        if self.size != 0 {
            shape.put(buf, self.off as usize, self.size as usize, v);
        }
    }
    fn get(self, shape: &Shape, buf: &[u8]) -> u64 {
        if self.size == 0 {
            0
        } else {
            shape.get(buf, self.off as usize, self.size as usize)
        }
    }
}

/// Builds a natural C structure in guest bytes, one field at a time.
pub struct StructWriter {
    shape: Shape,
    buf: Vec<u8>,
    max_align: usize,
}

impl StructWriter {
    pub fn new(shape: Shape) -> StructWriter {
        StructWriter {
            shape,
            buf: Vec::new(),
            max_align: 1,
        }
    }
    fn field(&mut self, size: usize, v: u64) -> &mut Self {
        let align = self.shape.align_of(size);
        self.max_align = self.max_align.max(align);
        self.buf.resize(self.buf.len().next_multiple_of(align), 0);
        let off = self.buf.len();
        self.buf.resize(off + size, 0);
        self.shape.put(&mut self.buf, off, size, v);
        self
    }
    pub fn u8(&mut self, v: u8) -> &mut Self {
        self.field(1, v.into())
    }
    pub fn u16(&mut self, v: u16) -> &mut Self {
        self.field(2, v.into())
    }
    pub fn u32(&mut self, v: u32) -> &mut Self {
        self.field(4, v.into())
    }
    pub fn i32(&mut self, v: i32) -> &mut Self {
        self.field(4, v as u32 as u64)
    }
    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.field(8, v)
    }
    pub fn i64(&mut self, v: i64) -> &mut Self {
        self.field(8, v as u64)
    }
    /// A guest `long` / `unsigned long` / pointer (truncated to the guest word).
    pub fn word(&mut self, v: u64) -> &mut Self {
        self.field(self.shape.word_size, v)
    }
    /// A signed guest `long` (e.g. `time_t`, `clock_t`).
    pub fn long(&mut self, v: i64) -> &mut Self {
        self.field(self.shape.word_size, v as u64)
    }
    /// Raw bytes (char arrays).
    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.buf.extend_from_slice(b);
        self
    }
    /// The structure, padded to its alignment.
    pub fn finish(&mut self) -> Vec<u8> {
        let len = self.buf.len().next_multiple_of(self.max_align);
        self.buf.resize(len, 0);
        std::mem::take(&mut self.buf)
    }
}

/// Reads a natural C structure from guest bytes, one field at a time (the counterpart of
/// [`StructWriter`]). Reading past the end yields zeros; callers size their buffers with
/// [`natural_size`].
pub struct StructReader<'a> {
    shape: Shape,
    buf: &'a [u8],
    off: usize,
}

impl<'a> StructReader<'a> {
    pub fn new(shape: Shape, buf: &'a [u8]) -> StructReader<'a> {
        StructReader { shape, buf, off: 0 }
    }
    fn field(&mut self, size: usize) -> u64 {
        self.off = self.off.next_multiple_of(self.shape.align_of(size));
        let v = if self.off + size <= self.buf.len() {
            self.shape.get(self.buf, self.off, size)
        } else {
            0
        };
        self.off += size;
        v
    }
    pub fn u32(&mut self) -> u32 {
        self.field(4) as u32
    }
    pub fn i32(&mut self) -> i32 {
        self.field(4) as u32 as i32
    }
    pub fn u64(&mut self) -> u64 {
        self.field(8)
    }
    pub fn word(&mut self) -> u64 {
        self.field(self.shape.word_size)
    }
    /// A signed guest `long`, sign-extended.
    pub fn long(&mut self) -> i64 {
        let v = self.field(self.shape.word_size);
        if self.shape.word_size == 4 {
            v as u32 as i32 as i64
        } else {
            v as i64
        }
    }
}

/// Size in bytes of a natural structure made of `words` guest longs (timespec, iovec, rlimit,
/// stack_t on the guests we support all are).
pub fn natural_size(shape: &Shape, words: usize) -> usize {
    shape.word_size * words
}

/// A host-neutral file status, filled from the host's `statx` (whose layout is the same on
/// every host) and written out in the guest's `stat` or `statx` layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileStat {
    pub mask: u32,
    pub blksize: u32,
    pub attributes: u64,
    pub nlink: u32,
    pub uid: u32,
    pub gid: u32,
    pub mode: u16,
    pub ino: u64,
    pub size: u64,
    pub blocks: u64,
    pub attributes_mask: u64,
    /// (seconds, nanoseconds) of access, birth, status change, modification.
    pub atime: (i64, u32),
    pub btime: (i64, u32),
    pub ctime: (i64, u32),
    pub mtime: (i64, u32),
    pub rdev: (u32, u32),
    pub dev: (u32, u32),
    pub mnt_id: u64,
}

impl From<&libc::statx> for FileStat {
    fn from(s: &libc::statx) -> FileStat {
        let ts = |t: &libc::statx_timestamp| (t.tv_sec, t.tv_nsec);
        FileStat {
            mask: s.stx_mask,
            blksize: s.stx_blksize,
            attributes: s.stx_attributes,
            nlink: s.stx_nlink,
            uid: s.stx_uid,
            gid: s.stx_gid,
            mode: s.stx_mode,
            ino: s.stx_ino,
            size: s.stx_size,
            blocks: s.stx_blocks,
            attributes_mask: s.stx_attributes_mask,
            atime: ts(&s.stx_atime),
            btime: ts(&s.stx_btime),
            ctime: ts(&s.stx_ctime),
            mtime: ts(&s.stx_mtime),
            rdev: (s.stx_rdev_major, s.stx_rdev_minor),
            dev: (s.stx_dev_major, s.stx_dev_minor),
            mnt_id: s.stx_mnt_id,
        }
    }
}

/// The kernel's `new_encode_dev` (what `stat` reports as a 32-bit `dev_t`) widened to glibc's
/// 64-bit encoding, which agrees with it for majors below 4096.
pub fn encode_dev((major, minor): (u32, u32)) -> u64 {
    let (major, minor) = (major as u64, minor as u64);
    ((major & 0xffff_f000) << 32)
        | ((major & 0xfff) << 8)
        | ((minor & 0xffff_ff00) << 12)
        | (minor & 0xff)
}

/// Where each field of the guest's `struct stat` (as its `fstat`-family calls write it) lives.
#[derive(Clone, Copy, Debug)]
pub struct StatLayout {
    pub size: usize,
    pub dev: Field,
    pub ino: Field,
    pub mode: Field,
    pub nlink: Field,
    pub uid: Field,
    pub gid: Field,
    pub rdev: Field,
    pub size_: Field,
    pub blksize: Field,
    pub blocks: Field,
    pub atime: Field,
    pub atime_nsec: Field,
    pub mtime: Field,
    pub mtime_nsec: Field,
    pub ctime: Field,
    pub ctime_nsec: Field,
}

impl StatLayout {
    /// x86-64 `struct stat` (arch/x86/include/uapi/asm/stat.h).
    pub const X86_64: StatLayout = StatLayout {
        size: 144,
        dev: Field::new(0, 8),
        ino: Field::new(8, 8),
        nlink: Field::new(16, 8),
        mode: Field::new(24, 4),
        uid: Field::new(28, 4),
        gid: Field::new(32, 4),
        rdev: Field::new(40, 8),
        size_: Field::new(48, 8),
        blksize: Field::new(56, 8),
        blocks: Field::new(64, 8),
        atime: Field::new(72, 8),
        atime_nsec: Field::new(80, 8),
        mtime: Field::new(88, 8),
        mtime_nsec: Field::new(96, 8),
        ctime: Field::new(104, 8),
        ctime_nsec: Field::new(112, 8),
    };

    /// PowerPC 32-bit `struct stat64` (arch/powerpc/include/uapi/asm/stat.h), for the ppc32
    /// guest's `fstat64`/`stat64`/`fstatat64`.
    pub const PPC32_STAT64: StatLayout = StatLayout {
        size: 104,
        dev: Field::new(0, 8),
        ino: Field::new(8, 8),
        mode: Field::new(16, 4),
        nlink: Field::new(20, 4),
        uid: Field::new(24, 4),
        gid: Field::new(28, 4),
        rdev: Field::new(32, 8),
        size_: Field::new(48, 8),
        blksize: Field::new(56, 4),
        blocks: Field::new(64, 8),
        atime: Field::new(72, 4),
        atime_nsec: Field::new(76, 4),
        mtime: Field::new(80, 4),
        mtime_nsec: Field::new(84, 4),
        ctime: Field::new(88, 4),
        ctime_nsec: Field::new(92, 4),
    };

    /// The guest bytes of `st` in this layout.
    pub fn encode(&self, shape: &Shape, st: &FileStat) -> Vec<u8> {
        let mut b = vec![0u8; self.size];
        self.dev.put(shape, &mut b, encode_dev(st.dev));
        self.ino.put(shape, &mut b, st.ino);
        self.mode.put(shape, &mut b, st.mode.into());
        self.nlink.put(shape, &mut b, st.nlink.into());
        self.uid.put(shape, &mut b, st.uid.into());
        self.gid.put(shape, &mut b, st.gid.into());
        self.rdev.put(shape, &mut b, encode_dev(st.rdev));
        self.size_.put(shape, &mut b, st.size);
        self.blksize.put(shape, &mut b, st.blksize.into());
        self.blocks.put(shape, &mut b, st.blocks);
        self.atime.put(shape, &mut b, st.atime.0 as u64);
        self.atime_nsec.put(shape, &mut b, st.atime.1.into());
        self.mtime.put(shape, &mut b, st.mtime.0 as u64);
        self.mtime_nsec.put(shape, &mut b, st.mtime.1.into());
        self.ctime.put(shape, &mut b, st.ctime.0 as u64);
        self.ctime_nsec.put(shape, &mut b, st.ctime.1.into());
        b
    }
}

/// `struct statx` is the same on every architecture (only byte order varies): 256 bytes.
pub fn encode_statx(shape: &Shape, st: &FileStat) -> Vec<u8> {
    let mut b = vec![0u8; 256];
    let mut put = |off: usize, size: usize, v: u64| shape.put(&mut b, off, size, v);
    put(0, 4, st.mask.into());
    put(4, 4, st.blksize.into());
    put(8, 8, st.attributes);
    put(16, 4, st.nlink.into());
    put(20, 4, st.uid.into());
    put(24, 4, st.gid.into());
    put(28, 2, st.mode.into());
    put(32, 8, st.ino);
    put(40, 8, st.size);
    put(48, 8, st.blocks);
    put(56, 8, st.attributes_mask);
    for (off, (sec, nsec)) in [
        (64, st.atime),
        (80, st.btime),
        (96, st.ctime),
        (112, st.mtime),
    ] {
        put(off, 8, sec as u64);
        put(off + 8, 4, nsec.into());
    }
    put(128, 4, st.rdev.0.into());
    put(132, 4, st.rdev.1.into());
    put(136, 4, st.dev.0.into());
    put(140, 4, st.dev.1.into());
    put(144, 8, st.mnt_id);
    b
}

/// Where the fields of the guest's kernel `struct sigaction` (as `rt_sigaction` takes it) live.
#[derive(Clone, Copy, Debug)]
pub struct SigactionLayout {
    pub size: usize,
    pub handler: Field,
    pub flags: Field,
    pub restorer: Field,
    /// The 64-signal mask; on 32-bit guests two words, low signals first (see [`put_sigset`]).
    pub mask: Field,
}

/// A signal action as the guest gave it (guest values, kept verbatim).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GuestSigaction {
    pub handler: u64,
    pub flags: u64,
    pub restorer: u64,
    pub mask: u64,
}

impl SigactionLayout {
    pub fn encode(&self, shape: &Shape, a: &GuestSigaction) -> Vec<u8> {
        let mut b = vec![0u8; self.size];
        self.handler.put(shape, &mut b, a.handler);
        self.flags.put(shape, &mut b, a.flags);
        self.restorer.put(shape, &mut b, a.restorer);
        put_sigset(shape, &mut b[self.mask.off as usize..], a.mask);
        b
    }
    pub fn decode(&self, shape: &Shape, b: &[u8]) -> GuestSigaction {
        GuestSigaction {
            handler: self.handler.get(shape, b),
            flags: self.flags.get(shape, b),
            restorer: self.restorer.get(shape, b),
            mask: get_sigset(shape, &b[self.mask.off as usize..]),
        }
    }
}

/// Writes a 64-signal `sigset_t` (an array of guest longs, signal n+1 at bit n) into `b[..8]`.
pub fn put_sigset(shape: &Shape, b: &mut [u8], set: u64) {
    if shape.word_size == 4 {
        shape.put(b, 0, 4, set & 0xffff_ffff);
        shape.put(b, 4, 4, set >> 32);
    } else {
        shape.put(b, 0, 8, set);
    }
}

/// Reads a 64-signal `sigset_t` from `b[..8]`.
pub fn get_sigset(shape: &Shape, b: &[u8]) -> u64 {
    if shape.word_size == 4 {
        shape.get(b, 0, 4) | (shape.get(b, 4, 4) << 32)
    } else {
        shape.get(b, 0, 8)
    }
}

/// The guest's kernel `struct termios`: four u32 flag words, then `c_line` and `c_cc` (whose
/// order differs on PowerPC, as do the indices of the control characters in `c_cc`).
#[derive(Clone, Copy, Debug)]
pub struct TermiosLayout {
    pub size: usize,
    pub line: usize,
    pub cc: usize,
    /// `slots[i]`: where in this layout's `c_cc` the control character with the generic index
    /// `i` (VINTR 0, VQUIT, VERASE, VKILL, VEOF, VTIME, VMIN, VSWTC, VSTART, VSTOP, VSUSP, VEOL,
    /// VREPRINT, VDISCARD, VWERASE, VLNEXT, VEOL2 16) lives.
    pub slots: [u8; CC_USED],
}

/// Control characters Linux defines (the rest of `c_cc` is spare).
pub const CC_USED: usize = 17;

/// Number of control characters in the kernel's `struct termios` (x86 and the generic ABI).
pub const NCCS: usize = 19;

impl TermiosLayout {
    /// x86 and asm-generic (also the layout of both host kernels we run on).
    pub const GENERIC: TermiosLayout = TermiosLayout {
        size: 36,
        line: 16,
        cc: 17,
        slots: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
    };

    /// PowerPC (arch/powerpc/include/uapi/asm/termbits.h): `c_cc[19]` before `c_line`, then
    /// `c_ispeed` and `c_ospeed` (left zero); VMIN 5, VEOL 6, VTIME 7, VEOL2 8, VSWTC 9,
    /// VWERASE 10, VREPRINT 11, VSUSP 12, VSTART 13, VSTOP 14, VLNEXT 15, VDISCARD 16.
    pub const PPC: TermiosLayout = TermiosLayout {
        size: 44,
        line: 35,
        cc: 16,
        slots: [0, 1, 2, 3, 4, 7, 5, 9, 13, 14, 12, 6, 11, 16, 10, 15, 8],
    };

    /// Re-lays a termios from `from` (in `from_shape` byte order) into this layout.
    pub fn convert(
        &self,
        shape: &Shape,
        from: &TermiosLayout,
        from_shape: &Shape,
        src: &[u8],
    ) -> Vec<u8> {
        let mut b = vec![0u8; self.size];
        for i in 0..4 {
            shape.put(&mut b, i * 4, 4, from_shape.get(src, i * 4, 4));
        }
        b[self.line] = src[from.line];
        for (&to, &fr) in self.slots.iter().zip(from.slots.iter()) {
            b[self.cc + to as usize] = src[from.cc + fr as usize];
        }
        b
    }
}

/// The host's shape (its kernel structures as this process sees them).
pub fn host_shape() -> Shape {
    Shape {
        order: if cfg!(target_endian = "big") {
            ByteOrder::Big
        } else {
            ByteOrder::Little
        },
        word_size: std::mem::size_of::<usize>(),
        align_u64: std::mem::align_of::<u64>(),
    }
}

/// Re-encodes a buffer of `linux_dirent64` records from host order into the guest's.
/// The record sizes do not change (all fields are fixed-size), so this works in place.
pub fn dirents64_to_guest(shape: &Shape, buf: &mut [u8]) {
    let host = host_shape();
    let mut off = 0;
    while off + 19 <= buf.len() {
        let ino = host.get(buf, off, 8);
        let doff = host.get(buf, off + 8, 8);
        let reclen = host.get(buf, off + 16, 2) as usize;
        if reclen < 19 || off + reclen > buf.len() {
            break;
        }
        shape.put(buf, off, 8, ino);
        shape.put(buf, off + 8, 8, doff);
        shape.put(buf, off + 16, 2, reclen as u64);
        off += reclen;
    }
}
