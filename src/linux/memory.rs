//! Memory syscalls on the guest [`AddressSpace`]: mmap (and 32-bit guests' mmap2, whose file
//! offset counts 4096-byte units), munmap, mprotect, brk, madvise, mremap.
//! Each records the ranges it changed in `Process::mem_changes` for the dispatcher.
//!
//! Weak spots: file mappings are private copies read at map time, so MAP_SHARED of a file
//! neither sees later writes to the file nor writes back; MADV_DONTNEED on a file mapping
//! keeps its contents (the kernel would re-read the file); mremap grows file mappings with
//! zeros; MAP_GROWSDOWN does not grow.

use super::{host_result, Ctx, Errno, SysResult, Sysno};
use crate::mem::{page_up, Access, GuestAddr, Prot, VmaKind, GUEST_PAGE_SIZE};

const MAP_SHARED: u64 = 0x01;
const MAP_PRIVATE: u64 = 0x02;
const MAP_SHARED_VALIDATE: u64 = 0x03;
const MAP_FIXED: u64 = 0x10;
const MAP_ANONYMOUS: u64 = 0x20;
const MAP_FIXED_NOREPLACE: u64 = 0x10_0000;

const MADV_DONTNEED: u64 = 4;

const MREMAP_MAYMOVE: u64 = 1;
const MREMAP_FIXED: u64 = 2;

pub(super) fn call(c: &mut Ctx, s: Sysno, a: &[u64; 6]) -> SysResult {
    match s {
        Sysno::Mmap => mmap(c, a[0], a[1], a[2], a[3], a[4] as i32, c.abi.word(a[5])),
        // The unit is 4096 on every architecture with mmap2, whatever its page size.
        Sysno::Mmap2 => mmap(
            c,
            a[0],
            a[1],
            a[2],
            a[3],
            a[4] as i32,
            c.abi.word(a[5]) << 12,
        ),
        Sysno::Munmap => munmap(c, a[0], a[1]),
        Sysno::Mprotect => mprotect(c, a[0], a[1], a[2]),
        Sysno::Brk => {
            let old = c.mem.brk_cur;
            let new = c.mem.brk(a[0]);
            if new != old {
                c.p.mem_changes
                    .push((old.min(new), old.max(new) - old.min(new)));
            }
            Ok(new)
        }
        Sysno::Madvise => madvise(c, a[0], a[1], a[2]),
        Sysno::Mremap => mremap(c, a[0], a[1], a[2], a[3], a[4]),
        _ => Err(Errno::ENOSYS),
    }
}

fn aligned(a: u64) -> bool {
    a.is_multiple_of(GUEST_PAGE_SIZE)
}

/// Where a new mapping of `len` bytes goes, honouring MAP_FIXED, MAP_FIXED_NOREPLACE and hints.
fn place(c: &Ctx, addr: u64, len: u64, flags: u64) -> Result<GuestAddr, Errno> {
    if flags & (MAP_FIXED | MAP_FIXED_NOREPLACE) != 0 {
        if !aligned(addr) {
            return Err(Errno::EINVAL);
        }
        if addr.checked_add(len).is_none_or(|e| e > c.mem.size()) {
            return Err(Errno::ENOMEM);
        }
        if flags & MAP_FIXED == 0 && c.mem.any_mapped(addr, len) {
            return Err(Errno::EEXIST);
        }
        return Ok(addr);
    }
    let hint = if aligned(addr) { addr } else { 0 };
    c.mem.find_free(hint, len).ok_or(Errno::ENOMEM)
}

fn mmap(
    c: &mut Ctx,
    addr: u64,
    len: u64,
    prot: u64,
    flags: u64,
    fd: i32,
    offset: u64,
) -> SysResult {
    let (addr, len) = (c.abi.word(addr), c.abi.word(len));
    if len == 0 || !aligned(offset) {
        return Err(Errno::EINVAL);
    }
    let len = page_up(len);
    if len == 0 || len > c.mem.size() {
        return Err(Errno::ENOMEM);
    }
    match flags & MAP_SHARED_VALIDATE {
        MAP_SHARED | MAP_PRIVATE | MAP_SHARED_VALIDATE => {}
        _ => return Err(Errno::EINVAL),
    }
    let anonymous = flags & MAP_ANONYMOUS != 0;
    let prot = Prot::from_linux(prot);
    let kind = if anonymous {
        VmaKind::Anon
    } else {
        file_kind(fd, offset)?
    };
    let at = place(c, addr, len, flags)?;
    if anonymous {
        c.mem.map_fixed(at, len, prot, kind)?;
    } else {
        // Fill writable fresh pages from the file, then give them the guest's protection.
        c.mem.map_fixed(at, len, Prot::RW, kind)?;
        if let Err(e) =
            fill_from_file(c, at, len, fd, offset).and_then(|_| Ok(c.mem.protect(at, len, prot)?))
        {
            let _ = c.mem.unmap(at, len);
            c.p.mem_changes.push((at, len));
            return Err(e);
        }
    }
    c.p.mem_changes.push((at, len));
    Ok(at)
}

/// The mapping kind of a file-backed mapping: checks `fd` is open for reading.
fn file_kind(fd: i32, offset: u64) -> Result<VmaKind, Errno> {
    // SAFETY: F_GETFL touches no memory.
    let fl = host_result(unsafe { libc::fcntl(fd, libc::F_GETFL) }.into())? as i32;
    if fl & libc::O_ACCMODE == libc::O_WRONLY || fl & libc::O_PATH != 0 {
        return Err(if fl & libc::O_PATH != 0 {
            Errno::EBADF
        } else {
            Errno::EACCES
        });
    }
    let path = std::fs::read_link(format!("/proc/self/fd/{fd}"))
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(VmaKind::File { path, offset })
}

/// Reads the file into the (writable, fresh) guest range; bytes past the end stay zero.
fn fill_from_file(c: &Ctx, at: GuestAddr, len: u64, fd: i32, offset: u64) -> Result<(), Errno> {
    let p = c.mem.host_range(at, len, Access::Write)?;
    let mut done = 0u64;
    while done < len {
        // SAFETY: `[p, p+len)` is writable guest memory; we write inside it.
        let n = unsafe {
            libc::pread(
                fd,
                p.add(done as usize) as *mut libc::c_void,
                (len - done) as usize,
                (offset + done) as i64,
            )
        };
        match n {
            0 => break,
            n if n < 0 => {
                let e = Errno::last();
                if e == Errno::EINTR {
                    continue;
                }
                // Directories and the like cannot be mapped.
                return Err(if e.0 == libc::EISDIR {
                    Errno::ENODEV
                } else {
                    e
                });
            }
            n => done += n as u64,
        }
    }
    Ok(())
}

fn munmap(c: &mut Ctx, addr: u64, len: u64) -> SysResult {
    let (addr, len) = (c.abi.word(addr), c.abi.word(len));
    if !aligned(addr) || len == 0 {
        return Err(Errno::EINVAL);
    }
    c.mem.unmap(addr, len)?;
    c.p.mem_changes.push((addr, page_up(len)));
    Ok(0)
}

fn mprotect(c: &mut Ctx, addr: u64, len: u64, prot: u64) -> SysResult {
    let (addr, len) = (c.abi.word(addr), c.abi.word(len));
    const PROT_GROWSDOWN: u64 = 0x0100_0000;
    const PROT_GROWSUP: u64 = 0x0200_0000;
    if !aligned(addr) || prot & !(0xf | PROT_GROWSDOWN | PROT_GROWSUP) != 0 {
        return Err(Errno::EINVAL);
    }
    c.mem.protect(addr, len, Prot::from_linux(prot))?;
    c.p.mem_changes.push((addr, page_up(len)));
    Ok(0)
}

/// madvise: MADV_DONTNEED gives private anonymous pages back as zeros (glibc's malloc
/// depends on it); every other advice is accepted and ignored.
fn madvise(c: &mut Ctx, addr: u64, len: u64, advice: u64) -> SysResult {
    let (addr, len) = (c.abi.word(addr), page_up(c.abi.word(len)));
    if !aligned(addr) || addr.checked_add(len).is_none() {
        return Err(Errno::EINVAL);
    }
    if len == 0 {
        return Ok(0);
    }
    let end = addr + len;
    let mut covered = 0;
    let mut zero = Vec::new();
    for v in c.mem.vmas() {
        if v.end <= addr || v.start >= end {
            continue;
        }
        let (s, e) = (v.start.max(addr), v.end.min(end));
        covered += e - s;
        if !matches!(v.kind, VmaKind::File { .. }) {
            zero.push((s, e - s, v.prot, v.kind.clone()));
        }
    }
    if covered != len {
        return Err(Errno::ENOMEM);
    }
    if advice == MADV_DONTNEED {
        for (s, l, prot, kind) in zero {
            c.mem.map_fixed(s, l, prot, kind)?;
        }
    }
    Ok(0)
}

/// mremap: shrink in place, grow in place when the pages after are free, else move by copy
/// (MREMAP_MAYMOVE) or to a fixed place (MREMAP_FIXED).
fn mremap(
    c: &mut Ctx,
    old: u64,
    old_len: u64,
    new_len: u64,
    flags: u64,
    new_addr: u64,
) -> SysResult {
    let (old, new_addr) = (c.abi.word(old), c.abi.word(new_addr));
    let (old_len, new_len) = (page_up(c.abi.word(old_len)), page_up(c.abi.word(new_len)));
    if !aligned(old) || new_len == 0 || flags & !(MREMAP_MAYMOVE | MREMAP_FIXED | 4) != 0 {
        return Err(Errno::EINVAL);
    }
    if flags & MREMAP_FIXED != 0 && flags & MREMAP_MAYMOVE == 0 || flags & 4 != 0 {
        // MREMAP_DONTUNMAP is not supported.
        return Err(Errno::EINVAL);
    }
    // The old range must lie inside one mapping (old_len 0 would duplicate a shared mapping).
    let Some(vma) = c
        .mem
        .vmas()
        .find(|v| v.start <= old && old < v.end)
        .cloned()
    else {
        return Err(Errno::EFAULT);
    };
    if old_len == 0 {
        // Duplicating a shared mapping is the only use of this; we have none.
        return Err(Errno::EINVAL);
    }
    if old.checked_add(old_len).is_none_or(|e| e > vma.end) {
        return Err(Errno::EFAULT);
    }
    if flags & MREMAP_FIXED != 0 {
        if !aligned(new_addr) || (new_addr < old + old_len && old < new_addr + new_len) {
            return Err(Errno::EINVAL);
        }
        return move_mapping(c, old, old_len, new_addr, new_len, &vma);
    }
    if new_len <= old_len {
        if new_len < old_len {
            c.mem.unmap(old + new_len, old_len - new_len)?;
            c.p.mem_changes.push((old + new_len, old_len - new_len));
        }
        return Ok(old);
    }
    let grow_at = old + old_len;
    let grow = new_len - old_len;
    let fits = grow_at.checked_add(grow).is_some_and(|e| e <= c.mem.size());
    if fits && !c.mem.any_mapped(grow_at, grow) {
        let kind = match vma.kind {
            VmaKind::File { .. } => VmaKind::Anon,
            k => k,
        };
        c.mem.map_fixed(grow_at, grow, vma.prot, kind)?;
        c.p.mem_changes.push((grow_at, grow));
        return Ok(old);
    }
    if flags & MREMAP_MAYMOVE == 0 {
        return Err(Errno::ENOMEM);
    }
    let to = c.mem.find_free(0, new_len).ok_or(Errno::ENOMEM)?;
    move_mapping(c, old, old_len, to, new_len, &vma)
}

/// Moves `[old, old+old_len)` to `to` (new length `new_len`) by copying, then unmaps the old.
fn move_mapping(
    c: &mut Ctx,
    old: u64,
    old_len: u64,
    to: u64,
    new_len: u64,
    vma: &crate::mem::Vma,
) -> SysResult {
    c.mem.map_fixed(to, new_len, Prot::RW, vma.kind.clone())?;
    // The source may be unreadable (PROT_NONE); it is going away, so make it readable.
    c.mem.protect(old, old_len, Prot::READ)?;
    let n = old_len.min(new_len) as usize;
    let src = c.mem.host_range(old, n as u64, Access::Read)?;
    let dst = c.mem.host_range(to, n as u64, Access::Write)?;
    // SAFETY: both ranges were just checked, and they do not overlap (`to` was free).
    unsafe { std::ptr::copy_nonoverlapping(src, dst, n) };
    c.mem.protect(to, new_len, vma.prot)?;
    c.mem.unmap(old, old_len)?;
    c.p.mem_changes.push((old, old_len));
    c.p.mem_changes.push((to, new_len));
    Ok(to)
}
