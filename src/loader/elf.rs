//! Reading ELF headers: which guest a file is for ([`identify`]) and a checked list of what to
//! map ([`ElfFile::parse`]). Everything about the file itself (sizes, offsets, counts) is validated
//! here, before anything is mapped; addresses are checked by the mapper once the load bias is
//! known. goblin decodes the header and program header structs (both classes, both byte orders);
//! we never call its full parser, which reads much more than a loader needs.
//!
//! Weak spots: `PN_XNUM` (more than 0xfffe program headers) is refused, like Linux does.

use super::LoadError;
use crate::mem::{Prot, GUEST_PAGE_SIZE};
use goblin::container::{Container, Ctx, Endian};
use goblin::elf::header::{EM_386, EM_PPC, EM_PPC64, EM_X86_64, ET_DYN, ET_EXEC};
use goblin::elf::program_header::{PF_R, PF_W, PF_X, PT_GNU_STACK, PT_INTERP, PT_LOAD, PT_PHDR};
use goblin::elf::{Elf, ProgramHeader};

/// The guests egret can run.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GuestMachine {
    X86_64,
    I386,
    /// 32-bit PowerPC, big-endian.
    Ppc32,
    /// 64-bit PowerPC, big-endian.
    Ppc64,
    /// 64-bit PowerPC, little-endian.
    Ppc64Le,
}

impl GuestMachine {
    /// Width of a guest pointer in bytes.
    pub fn pointer_bytes(self) -> u64 {
        match self {
            GuestMachine::X86_64 | GuestMachine::Ppc64 | GuestMachine::Ppc64Le => 8,
            GuestMachine::I386 | GuestMachine::Ppc32 => 4,
        }
    }
    pub fn big_endian(self) -> bool {
        matches!(self, GuestMachine::Ppc32 | GuestMachine::Ppc64)
    }
}

/// ELF file class: the width of addresses in the file (and of the guest's pointers).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ElfClass {
    Elf32,
    Elf64,
}

/// `ET_EXEC` (fixed addresses) or `ET_DYN` (position independent: static-PIE, or ld.so itself).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ElfType {
    Exec,
    Dyn,
}

/// What [`identify`] learns from the ELF header.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ElfIdent {
    pub class: ElfClass,
    pub big_endian: bool,
    pub machine: GuestMachine,
    pub elf_type: ElfType,
}

impl ElfIdent {
    /// Size of one program header in the file (and `AT_PHENT`).
    pub fn phdr_size(self) -> u16 {
        match self.class {
            ElfClass::Elf32 => 32,
            ElfClass::Elf64 => 56,
        }
    }
    fn ctx(self) -> Ctx {
        let container = match self.class {
            ElfClass::Elf32 => Container::Little,
            ElfClass::Elf64 => Container::Big,
        };
        Ctx::new(
            container,
            if self.big_endian {
                Endian::Big
            } else {
                Endian::Little
            },
        )
    }
}

const ELF_MAGIC: &[u8; 4] = b"\x7fELF";
const EI_NIDENT: usize = 16;
/// Linux refuses program header tables larger than this.
const MAX_PHDR_TABLE: usize = 64 * 1024;
/// Linux's PATH_MAX: the longest `PT_INTERP` it accepts.
const MAX_INTERP_LEN: u64 = 4096;

/// Says which guest an ELF file is for, or why it is not a program egret can run.
pub fn identify(bytes: &[u8]) -> Result<ElfIdent, LoadError> {
    if bytes.len() < ELF_MAGIC.len() || &bytes[..ELF_MAGIC.len()] != ELF_MAGIC {
        return Err(LoadError::NotElf);
    }
    if bytes.len() < EI_NIDENT {
        return Err(LoadError::TruncatedHeader);
    }
    let (class, header_size) = match bytes[4] {
        1 => (ElfClass::Elf32, 52),
        2 => (ElfClass::Elf64, 64),
        c => return Err(LoadError::BadClass(c)),
    };
    let big_endian = match bytes[5] {
        1 => false,
        2 => true,
        d => return Err(LoadError::BadByteOrder(d)),
    };
    if bytes.len() < header_size {
        return Err(LoadError::TruncatedHeader);
    }
    let header = Elf::parse_header(bytes).map_err(|_| LoadError::TruncatedHeader)?;
    let bits = if class == ElfClass::Elf64 { 64 } else { 32 };
    let machine = match (header.e_machine, class, big_endian) {
        (EM_X86_64, ElfClass::Elf64, false) => GuestMachine::X86_64,
        (EM_386, ElfClass::Elf32, false) => GuestMachine::I386,
        (EM_PPC, ElfClass::Elf32, true) => GuestMachine::Ppc32,
        (EM_PPC64, ElfClass::Elf64, true) => GuestMachine::Ppc64,
        (EM_PPC64, ElfClass::Elf64, false) => GuestMachine::Ppc64Le,
        (m @ (EM_X86_64 | EM_386 | EM_PPC | EM_PPC64), _, _) => {
            return Err(LoadError::UnsupportedVariant {
                machine: m,
                bits,
                big_endian,
            })
        }
        (m, _, _) => return Err(LoadError::UnsupportedMachine(m)),
    };
    let elf_type = match header.e_type {
        ET_EXEC => ElfType::Exec,
        ET_DYN => ElfType::Dyn,
        t => return Err(LoadError::NotExecutable(t)),
    };
    Ok(ElfIdent {
        class,
        big_endian,
        machine,
        elf_type,
    })
}

/// One non-empty `PT_LOAD` segment, checked against the file (addresses not yet biased).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    /// Index of its program header (for error messages).
    pub index: usize,
    pub vaddr: u64,
    pub memsz: u64,
    pub offset: u64,
    pub filesz: u64,
    pub prot: Prot,
}

/// A validated ELF program: what to map and where its tables are.
#[derive(Debug)]
pub(crate) struct ElfFile<'a> {
    pub bytes: &'a [u8],
    pub ident: ElfIdent,
    pub entry: u64,
    pub phoff: u64,
    pub phnum: u16,
    /// Non-empty `PT_LOAD`s, in program-header order.
    pub segments: Vec<Segment>,
    /// `PT_PHDR`'s address, if there is one.
    pub phdr_vaddr: Option<u64>,
    /// The `PT_INTERP` path, without its NUL.
    pub interp: Option<Vec<u8>>,
    /// The stack should be executable: `PT_GNU_STACK` asks for it, or is missing (Linux's
    /// default for old binaries).
    pub exec_stack: bool,
    /// The largest power-of-two `p_align` of the loads, at least a page.
    pub max_align: u64,
}

impl<'a> ElfFile<'a> {
    /// Parses and checks the ELF header and program headers.
    pub fn parse(bytes: &'a [u8]) -> Result<ElfFile<'a>, LoadError> {
        let ident = identify(bytes)?;
        let header = Elf::parse_header(bytes).map_err(|_| LoadError::TruncatedHeader)?;
        if header.e_phentsize != ident.phdr_size() {
            return Err(LoadError::BadPhentsize(header.e_phentsize));
        }
        let phnum = header.e_phnum;
        if phnum == 0 {
            return Err(LoadError::NoProgramHeaders);
        }
        let table_len = phnum as usize * ident.phdr_size() as usize;
        if table_len > MAX_PHDR_TABLE {
            return Err(LoadError::TooManyProgramHeaders(phnum));
        }
        let table = usize::try_from(header.e_phoff)
            .ok()
            .and_then(|start| bytes.get(start..start.checked_add(table_len)?))
            .ok_or(LoadError::ProgramHeadersOutsideFile)?;
        let phdrs = ProgramHeader::parse(table, 0, phnum as usize, ident.ctx())
            .map_err(|_| LoadError::ProgramHeadersOutsideFile)?;

        let mut elf = ElfFile {
            bytes,
            ident,
            entry: header.e_entry,
            phoff: header.e_phoff,
            phnum,
            segments: Vec::new(),
            phdr_vaddr: None,
            interp: None,
            exec_stack: true,
            max_align: GUEST_PAGE_SIZE,
        };
        for (index, ph) in phdrs.iter().enumerate() {
            match ph.p_type {
                PT_LOAD => elf.add_load(index, ph)?,
                PT_INTERP => elf.interp = Some(interp_path(bytes, ph)?),
                PT_PHDR => elf.phdr_vaddr = Some(ph.p_vaddr),
                PT_GNU_STACK => elf.exec_stack = ph.p_flags & PF_X != 0,
                _ => {}
            }
        }
        if elf.segments.is_empty() {
            return Err(LoadError::NoLoadSegments);
        }
        Ok(elf)
    }

    fn add_load(&mut self, index: usize, ph: &ProgramHeader) -> Result<(), LoadError> {
        if ph.p_filesz > ph.p_memsz {
            return Err(LoadError::SegmentFileSizeTooLarge(index));
        }
        let file_end = ph.p_offset.checked_add(ph.p_filesz);
        if file_end.is_none_or(|end| end > self.bytes.len() as u64) {
            return Err(LoadError::SegmentOutsideFile(index));
        }
        if ph.p_vaddr.checked_add(ph.p_memsz).is_none() {
            return Err(LoadError::SegmentOutsideAddressSpace(index));
        }
        // The kernel maps file pages, so file offset and address must share their page offset.
        if ph.p_filesz > 0 && ph.p_offset % GUEST_PAGE_SIZE != ph.p_vaddr % GUEST_PAGE_SIZE {
            return Err(LoadError::SegmentMisaligned(index));
        }
        if ph.p_memsz == 0 {
            return Ok(());
        }
        if ph.p_align.is_power_of_two() {
            self.max_align = self.max_align.max(ph.p_align);
        }
        let mut prot = Prot::NONE;
        for (flag, p) in [(PF_R, Prot::READ), (PF_W, Prot::WRITE), (PF_X, Prot::EXEC)] {
            if ph.p_flags & flag != 0 {
                prot = prot.union(p);
            }
        }
        self.segments.push(Segment {
            index,
            vaddr: ph.p_vaddr,
            memsz: ph.p_memsz,
            offset: ph.p_offset,
            filesz: ph.p_filesz,
            prot,
        });
        Ok(())
    }

    /// Page-aligned `[lowest, highest)` addresses of the loads, before biasing. Never overflows:
    /// `vaddr + memsz` was checked, and rounding up stops at the last page.
    pub fn span(&self) -> (u64, u64) {
        let low = self.segments.iter().map(|s| s.vaddr).min().unwrap_or(0);
        let high = self
            .segments
            .iter()
            .map(|s| s.vaddr + s.memsz)
            .max()
            .unwrap_or(0);
        let high_page = high
            .checked_next_multiple_of(GUEST_PAGE_SIZE)
            .unwrap_or(!(GUEST_PAGE_SIZE - 1));
        (low & !(GUEST_PAGE_SIZE - 1), high_page)
    }

    /// Where the program headers are in memory, before biasing: `PT_PHDR`, else inside the load
    /// whose file bytes hold them (as Linux computes it), else unknown.
    pub fn phdr_vaddr(&self) -> Option<u64> {
        if let Some(v) = self.phdr_vaddr {
            return Some(v);
        }
        self.segments
            .iter()
            .find(|s| s.offset <= self.phoff && self.phoff - s.offset < s.filesz)
            .map(|s| s.vaddr + (self.phoff - s.offset))
    }
}

/// The interpreter path of a `PT_INTERP` header: inside the file, NUL-terminated, not empty.
fn interp_path(bytes: &[u8], ph: &ProgramHeader) -> Result<Vec<u8>, LoadError> {
    if ph.p_filesz < 2 || ph.p_filesz > MAX_INTERP_LEN {
        return Err(LoadError::BadInterpreter);
    }
    let raw = usize::try_from(ph.p_offset)
        .ok()
        .and_then(|start| bytes.get(start..start.checked_add(ph.p_filesz as usize)?))
        .ok_or(LoadError::BadInterpreter)?;
    match raw.split_last() {
        Some((0, path)) => Ok(path.split(|&b| b == 0).next().unwrap_or_default().to_vec()),
        _ => Err(LoadError::BadInterpreter),
    }
}
