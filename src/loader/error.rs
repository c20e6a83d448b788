//! Why a program could not be loaded. Every variant is a user's bad input or a limit of egret,
//! never a bug, and displays as one line that names the problem (the CLI prefixes the path).

use crate::mem::MapError;
use std::fmt;

/// A program egret refuses to load, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// No `\x7fELF` magic.
    NotElf,
    /// The file ends inside the ELF header.
    TruncatedHeader,
    /// `EI_CLASS` is neither 32- nor 64-bit.
    BadClass(u8),
    /// `EI_DATA` is neither little- nor big-endian.
    BadByteOrder(u8),
    /// An `e_machine` egret has no frontend for.
    UnsupportedMachine(u16),
    /// A supported machine in a class or byte order egret does not run (x32, ppc32 little-endian).
    UnsupportedVariant {
        machine: u16,
        bits: u32,
        big_endian: bool,
    },
    /// Not `ET_EXEC` or `ET_DYN` (an object file, a core dump, ...).
    NotExecutable(u16),
    /// `e_phentsize` is not the size of a program header of the file's class.
    BadPhentsize(u16),
    /// `e_phnum` is zero.
    NoProgramHeaders,
    /// The program header table is larger than 64 KiB (Linux's limit).
    TooManyProgramHeaders(u16),
    /// The program header table does not lie inside the file.
    ProgramHeadersOutsideFile,
    /// There is no non-empty `PT_LOAD` segment.
    NoLoadSegments,
    /// Program header `n`'s file bytes do not lie inside the file.
    SegmentOutsideFile(usize),
    /// Program header `n` has `p_filesz > p_memsz`.
    SegmentFileSizeTooLarge(usize),
    /// Program header `n`'s file offset and address differ modulo the page size.
    SegmentMisaligned(usize),
    /// Program header `n` would lie outside the part of the guest address space for programs.
    SegmentOutsideAddressSpace(usize),
    /// The `PT_INTERP` path is missing, unterminated or outside the file.
    BadInterpreter,
    /// `PT_INTERP` present: dynamic linking needs a sysroot (`-L`).
    NeedsInterpreter(String),
    /// The interpreter (`ld.so`) can't be read or loaded: its guest path and why.
    Interpreter(String, String),
    /// A 32-bit program was given an address space wider than 32 bits.
    AddressSpaceTooWide { bits: u32, size: u64 },
    /// No free room for a position-independent image of this size.
    NoRoomForImage(u64),
    /// argv, envp and the path need more than a quarter of the stack (E2BIG).
    ArgumentsTooLong(u64),
    /// The address space refused a mapping (what we tried to map, and why).
    Map { what: &'static str, error: MapError },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use LoadError::*;
        match self {
            NotElf => write!(f, "not an ELF file"),
            TruncatedHeader => write!(f, "truncated ELF header"),
            BadClass(c) => write!(
                f,
                "bad ELF class {c} (expected 1 for 32-bit or 2 for 64-bit)"
            ),
            BadByteOrder(d) => write!(f, "bad ELF byte order {d} (expected 1 or 2)"),
            UnsupportedMachine(m) => write!(f, "ELF for unsupported machine {}", machine_name(*m)),
            UnsupportedVariant {
                machine,
                bits,
                big_endian,
            } => write!(
                f,
                "unsupported {bits}-bit {} ELF for machine {}",
                if *big_endian {
                    "big-endian"
                } else {
                    "little-endian"
                },
                machine_name(*machine)
            ),
            NotExecutable(t) => write!(
                f,
                "ELF type {t} is not an executable (need ET_EXEC or ET_DYN)"
            ),
            BadPhentsize(s) => write!(f, "bad program header entry size {s}"),
            NoProgramHeaders => write!(f, "ELF file has no program headers"),
            TooManyProgramHeaders(n) => write!(f, "too many program headers ({n})"),
            ProgramHeadersOutsideFile => write!(f, "program headers lie outside the file"),
            NoLoadSegments => write!(f, "ELF file has no loadable segments"),
            SegmentOutsideFile(i) => write!(f, "segment {i} lies outside the file"),
            SegmentFileSizeTooLarge(i) => {
                write!(f, "segment {i} has more file bytes than memory bytes")
            }
            SegmentMisaligned(i) => {
                write!(
                    f,
                    "segment {i} has file offset and address that differ modulo the page size"
                )
            }
            SegmentOutsideAddressSpace(i) => {
                write!(f, "segment {i} lies outside the guest address space")
            }
            BadInterpreter => write!(f, "bad PT_INTERP (interpreter path)"),
            NeedsInterpreter(path) => write!(
                f,
                "dynamically linked programs need -L (not yet supported); interpreter {path}"
            ),
            Interpreter(path, why) => write!(f, "interpreter {path}: {why} (is -L right?)"),
            AddressSpaceTooWide { bits, size } => {
                write!(
                    f,
                    "{bits}-bit program given an address space of {size:#x} bytes"
                )
            }
            NoRoomForImage(len) => write!(
                f,
                "no room in the guest address space for an image of {len:#x} bytes"
            ),
            ArgumentsTooLong(len) => write!(f, "argument list too long ({len} bytes)"),
            Map { what, error } => {
                let why = match error {
                    MapError::NoMemory => "out of guest memory".to_string(),
                    MapError::Invalid => "invalid range".to_string(),
                    MapError::Host(e) => {
                        format!("host error {}", std::io::Error::from_raw_os_error(*e))
                    }
                };
                write!(f, "cannot map the {what}: {why}")
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// `EM_AARCH64 (183)`, or just the number when goblin does not know the machine.
fn machine_name(machine: u16) -> String {
    match goblin::elf::header::machine_to_str(machine) {
        "EM_UNKNOWN" => format!("{machine}"),
        name => format!("EM_{name} ({machine})"),
    }
}
