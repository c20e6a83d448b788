//! A small ELF writer for the loader's tests: ELF32 or ELF64, either byte order, program headers
//! right after the ELF header, each segment's bytes at a file offset congruent to its address.
//! Every segment's data is followed by junk bytes in the file, so a loader that copies more than
//! `p_filesz` shows up. Also field offsets, so tests can mangle a built image.

/// One program header and the bytes it covers.
#[derive(Clone, Debug)]
pub struct Seg {
    pub p_type: u32,
    pub flags: u32,
    pub vaddr: u64,
    /// File bytes (`p_filesz` is their length, plus the headers for `with_headers`).
    pub data: Vec<u8>,
    /// `p_memsz`; at least the file size.
    pub memsz: u64,
    pub align: u64,
    /// A load at file offset 0 whose bytes begin with the ELF header and program headers
    /// (`vaddr` must then be page-aligned); `data` follows them.
    pub with_headers: bool,
}

pub const PT_LOAD: u32 = 1;
pub const PT_INTERP: u32 = 3;
pub const PT_PHDR: u32 = 6;
pub const PT_GNU_STACK: u32 = 0x6474_e551;
pub const PF_X: u32 = 1;
pub const PF_W: u32 = 2;
pub const PF_R: u32 = 4;

/// Junk written after each segment's bytes in the file.
pub const JUNK: u8 = 0xee;

impl Seg {
    pub fn load(flags: u32, vaddr: u64, data: &[u8], memsz: u64) -> Seg {
        Seg {
            p_type: PT_LOAD,
            flags,
            vaddr,
            data: data.to_vec(),
            memsz,
            align: 0x1000,
            with_headers: false,
        }
    }
    /// A header without file bytes (PT_GNU_STACK, PT_PHDR: the writer fills in PT_PHDR's size).
    pub fn other(p_type: u32, flags: u32, vaddr: u64) -> Seg {
        Seg {
            p_type,
            flags,
            vaddr,
            data: Vec::new(),
            memsz: 0,
            align: 8,
            with_headers: false,
        }
    }
}

/// A whole ELF file to write.
#[derive(Clone, Debug)]
pub struct ElfSpec {
    pub bits64: bool,
    pub big_endian: bool,
    pub machine: u16,
    pub e_type: u16,
    pub entry: u64,
    pub segs: Vec<Seg>,
}

/// Program header fields, for [`ElfSpec::phdr_field`].
#[derive(Clone, Copy, Debug)]
pub enum PhField {
    Type,
    Flags,
    Offset,
    Vaddr,
    Filesz,
    Memsz,
}

/// ELF header fields, for [`ElfSpec::header_field`].
#[derive(Clone, Copy, Debug)]
pub enum HeaderField {
    Type,
    Machine,
    Phoff,
    Phentsize,
    Phnum,
}

impl ElfSpec {
    pub fn ehsize(&self) -> u64 {
        if self.bits64 {
            64
        } else {
            52
        }
    }
    pub fn phentsize(&self) -> u64 {
        if self.bits64 {
            56
        } else {
            32
        }
    }
    fn word(&self) -> usize {
        if self.bits64 {
            8
        } else {
            4
        }
    }
    pub fn headers_end(&self) -> u64 {
        self.ehsize() + self.segs.len() as u64 * self.phentsize()
    }

    /// File offset and size of a field of program header `i`.
    pub fn phdr_field(&self, i: usize, field: PhField) -> (usize, usize) {
        let base = (self.ehsize() + i as u64 * self.phentsize()) as usize;
        let w = self.word();
        let rel = match (self.bits64, field) {
            (_, PhField::Type) => (0, 4),
            (true, PhField::Flags) => (4, 4),
            (true, PhField::Offset) => (8, 8),
            (true, PhField::Vaddr) => (16, 8),
            (true, PhField::Filesz) => (32, 8),
            (true, PhField::Memsz) => (40, 8),
            (false, PhField::Offset) => (4, w),
            (false, PhField::Vaddr) => (8, w),
            (false, PhField::Filesz) => (16, w),
            (false, PhField::Memsz) => (20, w),
            (false, PhField::Flags) => (24, 4),
        };
        (base + rel.0, rel.1)
    }

    /// File offset and size of an ELF header field.
    pub fn header_field(&self, field: HeaderField) -> (usize, usize) {
        match (self.bits64, field) {
            (_, HeaderField::Type) => (16, 2),
            (_, HeaderField::Machine) => (18, 2),
            (true, HeaderField::Phoff) => (32, 8),
            (false, HeaderField::Phoff) => (28, 4),
            (true, HeaderField::Phentsize) => (54, 2),
            (true, HeaderField::Phnum) => (56, 2),
            (false, HeaderField::Phentsize) => (42, 2),
            (false, HeaderField::Phnum) => (44, 2),
        }
    }

    /// Writes `value` into a field at `(offset, size)` of a built image.
    pub fn poke(&self, image: &mut [u8], (offset, size): (usize, usize), value: u64) {
        put(image, offset, size, value, self.big_endian);
    }

    /// File offset each segment's bytes were given.
    pub fn offsets(&self) -> Vec<u64> {
        let mut cursor = self.headers_end();
        self.segs
            .iter()
            .map(|s| {
                if s.with_headers {
                    cursor = cursor.max(self.headers_end() + s.data.len() as u64 + 64);
                    0
                } else if s.p_type == PT_PHDR {
                    self.ehsize()
                } else if s.data.is_empty() {
                    0
                } else {
                    let mut off = cursor;
                    if s.p_type == PT_LOAD {
                        while off % 0x1000 != s.vaddr % 0x1000 {
                            off += 1;
                        }
                    }
                    cursor = off + s.data.len() as u64 + 64;
                    off
                }
            })
            .collect()
    }

    pub fn build(&self) -> Vec<u8> {
        let offsets = self.offsets();
        let mut out = vec![0u8; self.headers_end() as usize];
        let be = self.big_endian;
        let w = self.word();
        out[..4].copy_from_slice(b"\x7fELF");
        out[4] = if self.bits64 { 2 } else { 1 };
        out[5] = if be { 2 } else { 1 };
        out[6] = 1;
        put(&mut out, 16, 2, self.e_type as u64, be);
        put(&mut out, 18, 2, self.machine as u64, be);
        put(&mut out, 20, 4, 1, be);
        put(&mut out, 24, w, self.entry, be);
        let (phoff_at, _) = self.header_field(HeaderField::Phoff);
        put(&mut out, phoff_at, w, self.ehsize(), be);
        let flags_at = if self.bits64 { 48 } else { 36 };
        put(&mut out, flags_at + 4, 2, self.ehsize(), be);
        put(&mut out, flags_at + 6, 2, self.phentsize(), be);
        put(&mut out, flags_at + 8, 2, self.segs.len() as u64, be);
        put(
            &mut out,
            flags_at + 10,
            2,
            if self.bits64 { 64 } else { 40 },
            be,
        );

        for (i, (s, &off)) in self.segs.iter().zip(&offsets).enumerate() {
            let filesz = if s.with_headers {
                self.headers_end() + s.data.len() as u64
            } else if s.p_type == PT_PHDR {
                self.segs.len() as u64 * self.phentsize()
            } else {
                s.data.len() as u64
            };
            let memsz = if s.p_type == PT_PHDR {
                filesz
            } else {
                s.memsz.max(filesz)
            };
            let mut field = |f: PhField, v: u64| {
                let (at, size) = self.phdr_field(i, f);
                put(&mut out, at, size, v, be);
            };
            field(PhField::Type, s.p_type as u64);
            field(PhField::Flags, s.flags as u64);
            field(PhField::Offset, off);
            field(PhField::Vaddr, s.vaddr);
            field(PhField::Filesz, filesz);
            field(PhField::Memsz, memsz);
            // p_paddr mirrors p_vaddr; p_align is the last word.
            let (vaddr_at, _) = self.phdr_field(i, PhField::Vaddr);
            put(&mut out, vaddr_at + w, w, s.vaddr, be);
            let align_at = (self.ehsize() + (i as u64 + 1) * self.phentsize()) as usize - w;
            put(&mut out, align_at, w, s.align, be);

            if !s.data.is_empty() || s.with_headers {
                let start = if s.with_headers {
                    self.headers_end() as usize
                } else {
                    off as usize
                };
                let end = start + s.data.len();
                if out.len() < end + 64 {
                    out.resize(end + 64, 0);
                }
                out[start..end].copy_from_slice(&s.data);
                out[end..end + 64].fill(JUNK);
            }
        }
        out
    }
}

fn put(out: &mut [u8], at: usize, size: usize, value: u64, big_endian: bool) {
    let bytes = if big_endian {
        value.to_be_bytes()[8 - size..].to_vec()
    } else {
        value.to_le_bytes()[..size].to_vec()
    };
    out[at..at + size].copy_from_slice(&bytes);
}
