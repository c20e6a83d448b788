//! The ELF loader: puts a guest program into a fresh [`AddressSpace`] the way Linux's `execve`
//! would, and says where to start it.
//!
//! [`identify`] reads the ELF header (which guest, which class and byte order); [`load`]
//! validates the program headers (`elf.rs`), maps the `PT_LOAD` segments at their addresses
//! (`ET_EXEC`) or at a chosen base (`ET_DYN`, i.e. static-PIE) (`image.rs`), sets the program
//! break after the image, and builds the initial stack with argv, envp and the auxiliary vector
//! (`stack.rs`, keys in `auxv.rs`). A bad file is a [`LoadError`] with a one-line message, never
//! a panic, whatever the bytes.
//!
//! Weak spots: dynamically linked programs (`PT_INTERP`) are refused for now; `image::map_image`
//! already maps any image at a given bias, which is what loading `ld.so` needs. No vDSO.

mod auxv;
mod elf;
mod error;
mod image;
mod stack;
#[cfg(test)]
mod test_elf;
#[cfg(test)]
mod tests;

pub use auxv::*;
pub use elf::{identify, ElfClass, ElfIdent, ElfType, GuestMachine};
pub use error::LoadError;

use crate::mem::{page_up, AddressSpace, GuestAddr};
use elf::ElfFile;

/// A program ready to run: where to start, and what the address space now holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedImage {
    /// The first guest instruction (biased).
    pub entry: GuestAddr,
    /// The initial stack pointer, pointing at argc.
    pub stack_pointer: GuestAddr,
    pub machine: GuestMachine,
    /// What was added to the file's addresses (0 for `ET_EXEC`).
    pub load_bias: u64,
    /// Address of the program headers in memory (`AT_PHDR`), 0 if not mapped.
    pub phdr: GuestAddr,
    /// Start of the program break (page-aligned end of the image).
    pub brk: GuestAddr,
    /// The auxiliary vector as written on the stack, ending with `(AT_NULL, 0)`
    /// (for `/proc/self/auxv`).
    pub auxv: Vec<(u64, u64)>,
    /// The stack mapping is `[stack_bottom, stack_top)`.
    pub stack_top: GuestAddr,
    pub stack_bottom: GuestAddr,
}

/// Maps the program's interpreter (`ld.so`), found under `sysroot` when given, anywhere free.
fn load_interpreter(
    program: &ElfFile,
    path: &str,
    sysroot: Option<&std::path::Path>,
    mem: &mut AddressSpace,
) -> Result<image::MappedImage, LoadError> {
    let fail = |why: String| LoadError::Interpreter(path.to_string(), why);
    let host = crate::sysroot::host_path(sysroot, std::path::Path::new(path));
    let bytes = std::fs::read(&host).map_err(|e| fail(format!("{}: {e}", host.display())))?;
    let elf = ElfFile::parse(&bytes).map_err(|e| fail(e.to_string()))?;
    if elf.ident.machine != program.ident.machine || elf.ident.class != program.ident.class {
        return Err(fail("built for another machine".into()));
    }
    if elf.interp.is_some() || elf.ident.elf_type != ElfType::Dyn {
        return Err(fail("not a shared object".into()));
    }
    let bias = image::choose_anywhere_bias(&elf, mem)?;
    image::map_image(&elf, path, bias, mem)
}

/// Loads an ELF executable into `mem` and builds its initial stack.
///
/// `exe_path` becomes `AT_EXECFN` (the path as the user gave it); `argv[0]` is separate, as in
/// `execve`. `mem` must have been made for the guest's pointer width.
pub fn load(
    file_bytes: &[u8],
    exe_path: &str,
    argv: &[Vec<u8>],
    envp: &[Vec<u8>],
    params: &StackParams,
    sysroot: Option<&std::path::Path>,
    mem: &mut AddressSpace,
) -> Result<LoadedImage, LoadError> {
    let elf = ElfFile::parse(file_bytes)?;
    if elf.ident.class == ElfClass::Elf32 && mem.size() > 1 << 32 {
        return Err(LoadError::AddressSpaceTooWide {
            bits: 32,
            size: mem.size(),
        });
    }
    // Refuse oversized arguments before anything is mapped.
    let strings = stack::strings_size(exe_path.as_bytes(), argv, envp);
    if strings > stack::MAX_STRINGS {
        return Err(LoadError::ArgumentsTooLong(strings));
    }

    let load_bias = image::choose_load_bias(&elf, mem)?;
    let image = image::map_image(&elf, exe_path, load_bias, mem)?;
    let brk = page_up(image.end);
    mem.set_brk_start(brk);

    let (interp_base, entry) = match &elf.interp {
        Some(interp) => {
            let path = String::from_utf8_lossy(interp).into_owned();
            let ld = load_interpreter(&elf, &path, sysroot, mem)?;
            (ld.load_bias, ld.entry)
        }
        None => (0, image.entry),
    };
    let program = stack::Program {
        elf: &elf,
        image: &image,
        interp_base,
    };
    let stack = stack::build_stack(mem, &program, exe_path.as_bytes(), argv, envp, params)?;
    Ok(LoadedImage {
        entry,
        stack_pointer: stack.sp,
        machine: elf.ident.machine,
        load_bias: image.load_bias,
        phdr: image.phdr,
        brk,
        auxv: stack.auxv,
        stack_top: stack.top,
        stack_bottom: stack.bottom,
    })
}
