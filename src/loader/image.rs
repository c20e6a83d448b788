//! Mapping one ELF image into the guest address space at a load bias: the main program now,
//! the dynamic linker (`ld.so`) later, which is why [`map_image`] takes the bias as a parameter
//! and returns where things ended up.
//!
//! Each `PT_LOAD` gets its pages mapped (a page shared by two segments is mapped once and keeps
//! both contents), its file bytes copied in and everything past `p_filesz` zero, and only then
//! are permissions applied, so read-only and execute-only segments need no special case. A page
//! shared by segments gets the union of their permissions (Linux gives it the later segment's).
//!
//! Weak spots: file bytes that share a page with a segment but lie outside it (before `p_vaddr`
//! or after `p_filesz` when there is no bss) read as zero here; under Linux they show the file.

use super::elf::{ElfClass, ElfFile, ElfType};
use super::LoadError;
use crate::mem::{page_down, AddressSpace, GuestAddr, Prot, VmaKind, GUEST_PAGE_SIZE};

/// Where an image was mapped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MappedImage {
    /// Added to every address in the file (0 for `ET_EXEC`).
    pub load_bias: u64,
    /// Entry point, biased.
    pub entry: GuestAddr,
    /// Address of the program headers in memory (`AT_PHDR`), or 0 if they are not mapped.
    pub phdr: GuestAddr,
    /// End of the highest segment (`p_vaddr + p_memsz`, biased): the program break starts at the
    /// page after it.
    pub end: GuestAddr,
}

/// `ET_DYN` images without an interpreter go here when it is free. Linux puts PIEs at 2/3 of
/// the 47-bit user space (0x5555_5555_4000 with randomisation off); our 64-bit space is usually
/// smaller, so we take a third of it (0x55_5555_0000 for 1 TiB), leaving room for the heap above
/// and mmap below the stack. 32-bit guests get the address i386 PIEs get on x86_64 Linux.
fn preferred_dyn_base(class: ElfClass, space: u64) -> u64 {
    const LINUX_X86_64_PIE_BASE: u64 = 0x5555_5555_4000;
    const LINUX_COMPAT_PIE_BASE: u64 = 0x5655_5000;
    match class {
        ElfClass::Elf32 => LINUX_COMPAT_PIE_BASE,
        ElfClass::Elf64 if space > LINUX_X86_64_PIE_BASE * 2 => LINUX_X86_64_PIE_BASE,
        ElfClass::Elf64 => (space / 3) & !0xffff,
    }
}

/// A load bias for a position-independent image anywhere free (the interpreter), top-down from
/// the mmap area as Linux places `ld.so`, aligned to the image's largest `p_align`.
pub(crate) fn choose_anywhere_bias(elf: &ElfFile, mem: &AddressSpace) -> Result<u64, LoadError> {
    let (low, high) = elf.span();
    let len = high - low;
    let align = elf.max_align.clamp(GUEST_PAGE_SIZE, 1 << 30);
    let slot = len
        .checked_add(align)
        .filter(|&l| l < mem.size())
        .and_then(|l| mem.find_free(0, l))
        .ok_or(LoadError::NoRoomForImage(len))?;
    let base = (slot + align - 1) & !(align - 1);
    Ok(base.wrapping_sub(low))
}

/// The load bias for an image: 0 for `ET_EXEC`; for `ET_DYN` a base at the preferred address if
/// free, else wherever the mmap allocator finds room, aligned to the largest `p_align`.
pub(crate) fn choose_load_bias(elf: &ElfFile, mem: &AddressSpace) -> Result<u64, LoadError> {
    if elf.ident.elf_type == ElfType::Exec {
        return Ok(0);
    }
    let (low, high) = elf.span();
    let len = high - low;
    // Alignments beyond 1 GiB are not worth the address space; a page is the minimum.
    let align = elf.max_align.clamp(GUEST_PAGE_SIZE, 1 << 30);
    let preferred = preferred_dyn_base(elf.ident.class, mem.size()) & !(align - 1);
    let base = if len < mem.size() && mem.find_free(preferred, len) == Some(preferred) {
        preferred
    } else {
        len.checked_add(align)
            .filter(|&l| l < mem.size())
            .and_then(|l| mem.find_free(0, l))
            .and_then(|a| a.checked_next_multiple_of(align))
            .ok_or(LoadError::NoRoomForImage(len))?
    };
    Ok(base.wrapping_sub(low))
}

/// A segment's page range and permissions after biasing.
struct Placed {
    start: GuestAddr,
    end: GuestAddr,
    /// End of the pages that hold file bytes (the rest is bss).
    file_end: GuestAddr,
    prot: Prot,
}

/// Maps every load of `elf` at `load_bias`. All addresses are checked before the first mapping:
/// each segment must lie in `[mem.mmap_floor, mem.mmap_top)` (below is the null guard, above is
/// the stack).
pub(crate) fn map_image(
    elf: &ElfFile,
    path: &str,
    load_bias: u64,
    mem: &mut AddressSpace,
) -> Result<MappedImage, LoadError> {
    let mut placed = Vec::with_capacity(elf.segments.len());
    for seg in &elf.segments {
        let outside = LoadError::SegmentOutsideAddressSpace(seg.index);
        // The bias may be "negative" (an image linked above where it is put): wrap.
        let start = seg.vaddr.wrapping_add(load_bias);
        let end = start.checked_add(seg.memsz).ok_or(outside.clone())?;
        if page_down(start) < mem.mmap_floor || end > mem.mmap_top {
            return Err(outside);
        }
        placed.push(Placed {
            start: page_down(start),
            end: end.next_multiple_of(GUEST_PAGE_SIZE),
            file_end: (start + seg.filesz).next_multiple_of(GUEST_PAGE_SIZE),
            prot: seg.prot,
        });
    }

    // Map each segment's pages that no earlier segment mapped, writable for now.
    let mut mapped: Vec<(GuestAddr, GuestAddr)> = Vec::new();
    for (seg, p) in elf.segments.iter().zip(&placed) {
        for (a, b) in uncovered(&mapped, p.start, p.end) {
            // The file-backed pages are named after the file (as /proc/self/maps shows them),
            // the bss pages beyond them are anonymous.
            let split = p.file_end.clamp(a, b);
            let file_offset = page_down(seg.offset) + (a - p.start);
            if a < split {
                let kind = VmaKind::File {
                    path: path.to_string(),
                    offset: file_offset,
                };
                map(mem, a, split - a, kind)?;
            }
            if split < b {
                map(mem, split, b - split, VmaKind::Anon)?;
            }
        }
        mapped.push((p.start, p.end));
    }

    // Contents, in program-header order (a later segment wins where they overlap).
    for seg in &elf.segments {
        let start = seg.vaddr.wrapping_add(load_bias);
        let data = &elf.bytes[seg.offset as usize..(seg.offset + seg.filesz) as usize];
        poke(mem, start, data)?;
        if seg.memsz > seg.filesz {
            // The rest of the last file page may hold an earlier segment's bytes; beyond it the
            // pages were freshly mapped and are zero already.
            let bss = start + seg.filesz;
            let page_end = bss.next_multiple_of(GUEST_PAGE_SIZE).min(start + seg.memsz);
            poke(mem, bss, &vec![0; (page_end - bss) as usize])?;
        }
    }

    // Permissions last: each run of pages gets the union of the segments covering it.
    let mut edges: Vec<GuestAddr> = placed.iter().flat_map(|p| [p.start, p.end]).collect();
    edges.sort_unstable();
    edges.dedup();
    for w in edges.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut covering = placed
            .iter()
            .filter(|p| p.start <= a && p.end >= b)
            .peekable();
        if covering.peek().is_none() {
            continue;
        }
        let prot = covering.fold(Prot::NONE, |acc, p| acc.union(p.prot));
        mem.protect(a, b - a, prot)
            .map_err(|error| LoadError::Map {
                what: "program image",
                error,
            })?;
    }

    let address_mask = match elf.ident.class {
        ElfClass::Elf32 => u32::MAX as u64,
        ElfClass::Elf64 => u64::MAX,
    };
    let end = elf
        .segments
        .iter()
        .map(|s| s.vaddr.wrapping_add(load_bias) + s.memsz)
        .max()
        .unwrap_or(0);
    Ok(MappedImage {
        load_bias,
        entry: elf.entry.wrapping_add(load_bias) & address_mask,
        phdr: elf
            .phdr_vaddr()
            .map_or(0, |v| v.wrapping_add(load_bias) & address_mask),
        end,
    })
}

fn map(mem: &mut AddressSpace, addr: GuestAddr, len: u64, kind: VmaKind) -> Result<(), LoadError> {
    mem.map_fixed(addr, len, Prot::RW, kind)
        .map_err(|error| LoadError::Map {
            what: "program image",
            error,
        })
}

fn poke(mem: &AddressSpace, addr: GuestAddr, data: &[u8]) -> Result<(), LoadError> {
    // Cannot fail: the range was just mapped. Reported rather than unwrapped all the same.
    mem.poke(addr, data).map_err(|_| LoadError::Map {
        what: "program image",
        error: crate::mem::MapError::Invalid,
    })
}

/// The parts of `[start, end)` not covered by any of `covered`, in order.
fn uncovered(
    covered: &[(GuestAddr, GuestAddr)],
    start: GuestAddr,
    end: GuestAddr,
) -> Vec<(GuestAddr, GuestAddr)> {
    let mut parts = vec![(start, end)];
    for &(c0, c1) in covered {
        parts = parts
            .into_iter()
            .flat_map(|(a, b)| {
                if c1 <= a || c0 >= b {
                    vec![(a, b)]
                } else {
                    [(a, c0.max(a)), (c1.min(b), b)]
                        .into_iter()
                        .filter(|(x, y)| x < y)
                        .collect()
                }
            })
            .collect();
    }
    parts
}
