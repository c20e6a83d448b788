//! The guest address space: one reserved host range, host address = base + guest address.
//!
//! Guest addresses are first confined to the reservation with a mask (`addr & mask`), so a guest
//! can never form a pointer to emulator memory: 32-bit guests get a 4 GiB reservation (the mask
//! is the identity), 64-bit guests a power-of-two reservation (1 TiB where the host allows it)
//! in which egret places all their mappings. A guard area follows the reservation so that an
//! access straddling its end faults instead of touching a neighbour.
//!
//! Permissions live in two places: the exact per-guest-page table ([`PageTable`]), which the
//! interpreter and the Linux layer consult, and host page protections mirroring it, which the
//! JIT relies on (a host fault inside JIT code becomes a guest SIGSEGV). Where the host page is
//! larger than the guest's 4 KiB page the host protection is the union of the guest pages in it,
//! so JIT code may be more permissive than the table on such hosts.
//!
//! Weak spots: a 64-bit guest address above the reservation aliases into it instead of faulting;
//! file mappings are copies (private semantics only).

mod host;
mod pagetable;
mod vma;

pub use host::host_page_size;
pub use pagetable::PageTable;
pub use vma::{Vma, VmaKind};

use std::collections::BTreeMap;
use std::fmt;

/// An address in the guest's address space.
pub type GuestAddr = u64;

/// The guest page size; every guest egret supports uses 4 KiB pages.
pub const GUEST_PAGE_SIZE: u64 = 4096;

/// Guest page permissions, as a bit set.
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
pub struct Prot(pub u8);

impl Prot {
    pub const NONE: Prot = Prot(0);
    pub const READ: Prot = Prot(1);
    pub const WRITE: Prot = Prot(2);
    pub const EXEC: Prot = Prot(4);
    /// Marks a page as mapped (even with no access rights), so PROT_NONE pages are not "free".
    pub const MAPPED: Prot = Prot(8);
    pub const RW: Prot = Prot(1 | 2);
    pub const RX: Prot = Prot(1 | 4);
    pub const RWX: Prot = Prot(1 | 2 | 4);

    /// From Linux `PROT_*` bits.
    pub fn from_linux(prot: u64) -> Prot {
        let mut p = 0;
        if prot & 1 != 0 {
            p |= 1;
        }
        if prot & 2 != 0 {
            p |= 2;
        }
        if prot & 4 != 0 {
            p |= 4;
        }
        Prot(p)
    }
    pub fn contains(self, other: Prot) -> bool {
        self.0 & other.0 == other.0
    }
    pub fn union(self, other: Prot) -> Prot {
        Prot(self.0 | other.0)
    }
}

/// What kind of access faulted.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Access {
    Read,
    Write,
    Exec,
}

impl Access {
    fn needs(self) -> Prot {
        match self {
            Access::Read => Prot::READ,
            Access::Write => Prot::WRITE,
            Access::Exec => Prot::EXEC,
        }
    }
}

/// A guest memory access that real hardware would refuse: becomes SIGSEGV for the guest or
/// EFAULT for a syscall.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct MemFault {
    pub addr: GuestAddr,
    pub access: Access,
    /// True if nothing is mapped there (SEGV_MAPERR), false for a permission fault (SEGV_ACCERR).
    pub unmapped: bool,
}

impl fmt::Display for MemFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.unmapped {
            "unmapped"
        } else {
            "protected"
        };
        write!(f, "{:?} of {} address {:#x}", self.access, what, self.addr)
    }
}

/// Errors of address-space management, mapped to errnos by the Linux layer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MapError {
    /// No room, or outside the guest's address range (ENOMEM).
    NoMemory,
    /// Bad alignment or length (EINVAL).
    Invalid,
    /// The host refused (its errno).
    Host(i32),
}

pub fn page_down(a: u64) -> u64 {
    a & !(GUEST_PAGE_SIZE - 1)
}
pub fn page_up(a: u64) -> u64 {
    a.wrapping_add(GUEST_PAGE_SIZE - 1) & !(GUEST_PAGE_SIZE - 1)
}

/// The guest's address space.
pub struct AddressSpace {
    base: *mut u8,
    /// Size of the guest-addressable range (a power of two); `mask = size - 1`.
    size: u64,
    reserved: usize,
    /// The host page size protections and fresh mappings are managed in (a power of two, a
    /// multiple of [`GUEST_PAGE_SIZE`]); [`host_page_size`] except in tests that simulate a
    /// larger one.
    host_page: u64,
    pages: PageTable,
    vmas: BTreeMap<GuestAddr, Vma>,
    /// Start of the program break (fixed by the loader) and its current end.
    pub brk_start: GuestAddr,
    pub brk_cur: GuestAddr,
    /// Highest address (exclusive) the mmap allocator hands out top-down.
    pub mmap_top: GuestAddr,
    /// Lowest address the mmap allocator will use.
    pub mmap_floor: GuestAddr,
}

// SAFETY: the raw base pointer refers to a reservation owned by this value for its whole life;
// access to guest memory is synchronised by the guest's own rules, as on real hardware.
unsafe impl Send for AddressSpace {}
unsafe impl Sync for AddressSpace {}

/// Extra PROT_NONE bytes after the reservation, so accesses straddling its end fault.
const GUARD: u64 = 1 << 20;

impl AddressSpace {
    /// Reserves an address space for a guest with `addr_bits`-bit pointers (32 or 64).
    pub fn new(addr_bits: u32) -> Result<AddressSpace, MapError> {
        Self::with_host_page(addr_bits, host::host_page_size())
    }

    /// [`new`](Self::new), managing host memory in pages of `host_page` bytes: a multiple of
    /// the real host page, so tests on a 4 KiB host can act as a 16 or 64 KiB aarch64 host.
    fn with_host_page(addr_bits: u32, host_page: u64) -> Result<AddressSpace, MapError> {
        assert!(
            host_page.is_power_of_two()
                && host_page >= GUEST_PAGE_SIZE
                && host_page.is_multiple_of(host::host_page_size()),
            "unusable host page size {host_page}"
        );
        let candidates: &[u32] = if addr_bits <= 32 {
            &[32]
        } else {
            &[40, 39, 38, 37, 36]
        };
        let mut last = MapError::NoMemory;
        for &bits in candidates {
            let size = 1u64 << bits;
            match host::reserve((size + GUARD) as usize) {
                Ok(base) => {
                    let mmap_top = size - (1 << 28); // leave room for the stack above
                    return Ok(AddressSpace {
                        base,
                        size,
                        reserved: (size + GUARD) as usize,
                        host_page,
                        pages: PageTable::new(size / GUEST_PAGE_SIZE),
                        vmas: BTreeMap::new(),
                        brk_start: 0,
                        brk_cur: 0,
                        mmap_top,
                        mmap_floor: 1 << 16,
                    });
                }
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    /// Host address of guest address 0.
    pub fn base(&self) -> *mut u8 {
        self.base
    }
    /// The mask every guest address is confined with.
    pub fn mask(&self) -> u64 {
        self.size - 1
    }
    /// Size of the guest-addressable range.
    pub fn size(&self) -> u64 {
        self.size
    }
    /// The exact permission table.
    pub fn pages(&self) -> &PageTable {
        &self.pages
    }

    /// True if `addr` lies in the reserved host range (used by the host fault handler).
    pub fn contains_host(&self, host: usize) -> bool {
        let b = self.base as usize;
        host >= b && host < b + self.reserved
    }
    /// Guest address of a host address inside the reservation.
    pub fn guest_of_host(&self, host: usize) -> GuestAddr {
        (host - self.base as usize) as u64
    }

    /// Host pointer for a guest address (masked; never outside the reservation).
    #[inline]
    pub fn host(&self, addr: GuestAddr) -> *mut u8 {
        // SAFETY: the masked offset is below `size`, inside the reservation.
        unsafe { self.base.add((addr & self.mask()) as usize) }
    }

    /// Checks that `[addr, addr+len)` is accessible for `access`.
    pub fn check(&self, addr: GuestAddr, len: u64, access: Access) -> Result<(), MemFault> {
        if len == 0 {
            return Ok(());
        }
        let need = access.needs();
        let last = addr.wrapping_add(len - 1);
        if last < addr || last >= self.size {
            let bad = if addr >= self.size { addr } else { self.size };
            return Err(MemFault {
                addr: bad,
                access,
                unmapped: true,
            });
        }
        let mut page = addr / GUEST_PAGE_SIZE;
        let end_page = last / GUEST_PAGE_SIZE;
        loop {
            let p = self.pages.get(page);
            if !p.contains(need) {
                let at = (page * GUEST_PAGE_SIZE).max(addr);
                return Err(MemFault {
                    addr: at,
                    access,
                    unmapped: p == Prot::NONE,
                });
            }
            if page == end_page {
                return Ok(());
            }
            page += 1;
        }
    }

    /// A host pointer to `len` guest bytes, checked for `access`.
    pub fn host_range(
        &self,
        addr: GuestAddr,
        len: u64,
        access: Access,
    ) -> Result<*mut u8, MemFault> {
        self.check(addr, len, access)?;
        Ok(self.host(addr))
    }

    /// Copies guest memory out, checking read permission.
    pub fn read(&self, addr: GuestAddr, buf: &mut [u8]) -> Result<(), MemFault> {
        let p = self.host_range(addr, buf.len() as u64, Access::Read)?;
        // SAFETY: the range was checked to be mapped readable inside the reservation.
        unsafe { std::ptr::copy_nonoverlapping(p, buf.as_mut_ptr(), buf.len()) };
        Ok(())
    }

    /// Copies into guest memory, checking write permission.
    pub fn write(&self, addr: GuestAddr, data: &[u8]) -> Result<(), MemFault> {
        let p = self.host_range(addr, data.len() as u64, Access::Write)?;
        // SAFETY: the range was checked to be mapped writable inside the reservation.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), p, data.len()) };
        Ok(())
    }

    /// Writes guest memory regardless of guest permissions (loader, kernel-side setup).
    pub fn poke(&self, addr: GuestAddr, data: &[u8]) -> Result<(), MemFault> {
        self.check(addr, data.len() as u64, Access::Read)
            .or_else(|_| self.check(addr, data.len() as u64, Access::Exec))
            .or_else(|_| self.check(addr, data.len() as u64, Access::Write))?;
        // The host pages holding the range, in guest addresses (`check` kept it below `size`,
        // a multiple of the host page).
        let hp = self.host_page;
        let start = addr & !(hp - 1);
        let end = (addr + data.len() as u64 + hp - 1) & !(hp - 1);
        // SAFETY: the range lies in the reservation on mapped guest pages; we make its host
        // pages writable for the copy and restore the mirrored protections after.
        unsafe {
            host::protect(self.host(start), (end - start) as usize, Prot::RW).map_err(|_| {
                MemFault {
                    addr,
                    access: Access::Write,
                    unmapped: false,
                }
            })?;
            std::ptr::copy_nonoverlapping(data.as_ptr(), self.host(addr), data.len());
        }
        self.sync_host_prot(start, end - start);
        Ok(())
    }

    /// Reads a NUL-terminated string of at most `max` bytes (without the NUL).
    pub fn read_cstr(&self, addr: GuestAddr, max: usize) -> Result<Vec<u8>, MemFault> {
        let mut out = Vec::new();
        let mut a = addr;
        loop {
            self.check(a, 1, Access::Read)?;
            // Read up to the end of this page in one go.
            let room = (GUEST_PAGE_SIZE - (a % GUEST_PAGE_SIZE)) as usize;
            // SAFETY: the whole page holding `a` is readable (checked just above).
            let chunk = unsafe { std::slice::from_raw_parts(self.host(a), room) };
            match chunk.iter().position(|&b| b == 0) {
                Some(n) => {
                    out.extend_from_slice(&chunk[..n]);
                    return Ok(out);
                }
                None => out.extend_from_slice(chunk),
            }
            if out.len() > max {
                return Err(MemFault {
                    addr: a,
                    access: Access::Read,
                    unmapped: false,
                });
            }
            a += room as u64;
        }
    }

    /// Is any page of the range mapped?
    pub fn any_mapped(&self, addr: GuestAddr, len: u64) -> bool {
        self.vmas_overlapping(addr, len).next().is_some()
    }

    fn vmas_overlapping(
        &self,
        addr: GuestAddr,
        len: u64,
    ) -> impl Iterator<Item = (&GuestAddr, &Vma)> {
        let end = addr.saturating_add(len);
        self.vmas
            .range(..end)
            .rev()
            .take_while(move |(_, v)| v.end > addr || v.end > addr.saturating_sub(1 << 62))
            .filter(move |(&s, v)| s < end && v.end > addr)
    }

    /// The mappings, in address order.
    pub fn vmas(&self) -> impl Iterator<Item = &Vma> {
        self.vmas.values()
    }

    /// Maps zeroed anonymous memory at exactly `[addr, addr+len)`, replacing what was there.
    pub fn map_fixed(
        &mut self,
        addr: GuestAddr,
        len: u64,
        prot: Prot,
        kind: VmaKind,
    ) -> Result<(), MapError> {
        if !addr.is_multiple_of(GUEST_PAGE_SIZE) || len == 0 {
            return Err(MapError::Invalid);
        }
        let len = page_up(len);
        if addr.checked_add(len).is_none_or(|e| e > self.size) {
            return Err(MapError::NoMemory);
        }
        self.remove_vmas(addr, len);
        // Fresh zero pages for the guest range (host-page aligned outer part stays as it was).
        self.zero_range(addr, len)?;
        self.pages.set_range(
            addr / GUEST_PAGE_SIZE,
            len / GUEST_PAGE_SIZE,
            prot.union(Prot::MAPPED),
        );
        self.vmas.insert(
            addr,
            Vma {
                start: addr,
                end: addr + len,
                prot,
                kind,
            },
        );
        self.sync_host_prot(addr, len);
        Ok(())
    }

    /// Finds a free range of `len` bytes, top-down below `mmap_top` (or at `hint` if it is free).
    pub fn find_free(&self, hint: GuestAddr, len: u64) -> Option<GuestAddr> {
        let len = page_up(len);
        if hint != 0 && hint.is_multiple_of(GUEST_PAGE_SIZE) {
            if let Some(end) = hint.checked_add(len) {
                if end <= self.mmap_top && hint >= self.mmap_floor && !self.any_mapped(hint, len) {
                    return Some(hint);
                }
            }
        }
        let mut top = self.mmap_top;
        for v in self.vmas.values().rev() {
            if v.start >= top {
                continue;
            }
            if v.end <= top && top - v.end >= len {
                return Some(top - len);
            }
            top = top.min(v.start);
        }
        if top >= self.mmap_floor + len {
            Some(top - len)
        } else {
            None
        }
    }

    /// Unmaps `[addr, addr+len)`; unmapping nothing is fine.
    pub fn unmap(&mut self, addr: GuestAddr, len: u64) -> Result<(), MapError> {
        if !addr.is_multiple_of(GUEST_PAGE_SIZE) || len == 0 {
            return Err(MapError::Invalid);
        }
        let len = page_up(len);
        if addr >= self.size {
            return Ok(());
        }
        let len = len.min(self.size - addr);
        self.remove_vmas(addr, len);
        self.pages
            .set_range(addr / GUEST_PAGE_SIZE, len / GUEST_PAGE_SIZE, Prot::NONE);
        self.zero_range(addr, len)?;
        self.sync_host_prot(addr, len);
        Ok(())
    }

    /// Changes permissions of mapped pages in `[addr, addr+len)`; ENOMEM if any page is unmapped.
    pub fn protect(&mut self, addr: GuestAddr, len: u64, prot: Prot) -> Result<(), MapError> {
        if !addr.is_multiple_of(GUEST_PAGE_SIZE) {
            return Err(MapError::Invalid);
        }
        let len = page_up(len);
        if len == 0 {
            return Ok(());
        }
        if addr.checked_add(len).is_none_or(|e| e > self.size) {
            return Err(MapError::NoMemory);
        }
        let first = addr / GUEST_PAGE_SIZE;
        let n = len / GUEST_PAGE_SIZE;
        for p in first..first + n {
            if self.pages.get(p) == Prot::NONE {
                return Err(MapError::NoMemory);
            }
        }
        // Split the VMAs at the edges and set their protection.
        let pieces: Vec<Vma> = self.take_vmas(addr, len);
        for mut v in pieces {
            v.prot = prot;
            self.vmas.insert(v.start, v);
        }
        self.pages.set_range(first, n, prot.union(Prot::MAPPED));
        self.sync_host_prot(addr, len);
        Ok(())
    }

    /// Removes VMAs overlapping the range, keeping the parts outside it.
    fn remove_vmas(&mut self, addr: GuestAddr, len: u64) {
        let _ = self.take_vmas(addr, len);
    }

    /// Removes and returns the parts of VMAs inside the range (splitting at its edges).
    fn take_vmas(&mut self, addr: GuestAddr, len: u64) -> Vec<Vma> {
        let end = addr + len;
        let keys: Vec<GuestAddr> = self
            .vmas
            .range(..end)
            .filter(|(_, v)| v.end > addr)
            .map(|(&k, _)| k)
            .collect();
        let mut inside = Vec::new();
        for k in keys {
            let v = self.vmas.remove(&k).expect("vma present");
            if v.start < addr {
                self.vmas.insert(
                    v.start,
                    Vma {
                        end: addr,
                        ..v.clone()
                    },
                );
            }
            if v.end > end {
                self.vmas.insert(end, v.slice(end, v.end));
            }
            inside.push(v.slice(v.start.max(addr), v.end.min(end)));
        }
        inside
    }

    /// Replaces the contents of whole host pages inside the range with zeros, and clears the
    /// partial host pages at its edges by hand (a range shorter than a host page may still
    /// straddle two of them).
    fn zero_range(&mut self, addr: GuestAddr, len: u64) -> Result<(), MapError> {
        let hp = self.host_page;
        let start = addr;
        let end = addr + len;
        let inner_start = (start + hp - 1) & !(hp - 1);
        let inner_end = end & !(hp - 1);
        if inner_start < inner_end {
            // SAFETY: the range is inside the reservation, host-page aligned.
            unsafe { host::fresh(self.host(inner_start), (inner_end - inner_start) as usize) }
                .map_err(MapError::Host)?;
            self.clear_partial(start, inner_start)?;
            self.clear_partial(inner_end, end)
        } else {
            self.clear_partial(start, end)
        }
    }

    /// Zeroes `[a, b)` host page by host page, making each writable first (the caller re-syncs
    /// protections afterwards).
    fn clear_partial(&self, a: GuestAddr, b: GuestAddr) -> Result<(), MapError> {
        let hp = self.host_page;
        let mut a = a;
        while a < b {
            let page = a & !(hp - 1);
            let stop = b.min(page + hp);
            // SAFETY: `page` is a host page inside the reservation; it is made writable for the
            // memset of `[a, stop)`, which lies within it.
            unsafe {
                host::protect(self.host(page), hp as usize, Prot::RW).map_err(MapError::Host)?;
                std::ptr::write_bytes(self.host(a), 0, (stop - a) as usize);
            }
            a = stop;
        }
        Ok(())
    }

    /// Makes host protections of the host pages covering the range mirror the table.
    fn sync_host_prot(&self, addr: GuestAddr, len: u64) {
        let hp = self.host_page;
        let per = hp / GUEST_PAGE_SIZE;
        let end = addr + len;
        let host_prot_at = |hs: u64| {
            (0..per).fold(Prot::NONE, |acc, i| {
                acc.union(host_prot_for(self.pages.get(hs / GUEST_PAGE_SIZE + i)))
            })
        };
        // One mprotect per run of host pages with the same protection.
        let mut run_start = addr & !(hp - 1);
        let mut run_prot = host_prot_at(run_start);
        let mut hs = run_start + hp;
        loop {
            let at_end = hs >= end;
            let prot = if at_end { Prot(0xff) } else { host_prot_at(hs) };
            if prot != run_prot {
                // SAFETY: inside the reservation, host-page aligned.
                let _ = unsafe {
                    host::protect(self.host(run_start), (hs - run_start) as usize, run_prot)
                };
                run_start = hs;
                run_prot = prot;
            }
            if at_end {
                break;
            }
            hs += hp;
        }
    }

    /// Sets the program break start (loader).
    pub fn set_brk_start(&mut self, addr: GuestAddr) {
        self.brk_start = page_up(addr);
        self.brk_cur = addr;
    }

    /// The brk syscall: returns the new break, or the old one if the request can't be met.
    pub fn brk(&mut self, new: GuestAddr) -> GuestAddr {
        if new < self.brk_start {
            return self.brk_cur;
        }
        let old_top = page_up(self.brk_cur).max(self.brk_start);
        let new_top = page_up(new);
        if new_top > old_top {
            if new_top > self.size || self.any_mapped(old_top, new_top - old_top) {
                return self.brk_cur;
            }
            if self
                .map_fixed(old_top, new_top - old_top, Prot::RW, VmaKind::Heap)
                .is_err()
            {
                return self.brk_cur;
            }
        } else if new_top < old_top && self.unmap(new_top, old_top - new_top).is_err() {
            return self.brk_cur;
        }
        self.brk_cur = new;
        new
    }
}

/// Host protection for a guest page: execute needs no host right (guest code is translated),
/// but x86 and PowerPC both let executable pages be read.
fn host_prot_for(p: Prot) -> Prot {
    let mut h = Prot::NONE;
    if p.contains(Prot::READ) || p.contains(Prot::EXEC) {
        h = h.union(Prot::READ);
    }
    if p.contains(Prot::WRITE) {
        h = h.union(Prot::RW);
    }
    h
}

impl Drop for AddressSpace {
    fn drop(&mut self) {
        // SAFETY: we own the reservation.
        unsafe { host::release(self.base, self.reserved) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_check_unmap() {
        let mut m = AddressSpace::new(32).unwrap();
        m.map_fixed(0x10000, 0x3000, Prot::RW, VmaKind::Anon)
            .unwrap();
        m.write(0x10ffe, &[1, 2, 3, 4]).unwrap();
        let mut b = [0; 4];
        m.read(0x10ffe, &mut b).unwrap();
        assert_eq!(b, [1, 2, 3, 4]);
        m.protect(0x11000, 0x1000, Prot::READ).unwrap();
        assert!(!m.write(0x11000, &[0]).unwrap_err().unmapped);
        assert_eq!(m.vmas().count(), 3);
        m.unmap(0x10000, 0x1000).unwrap();
        assert!(m.read(0x10000, &mut b).unwrap_err().unmapped);
        m.map_fixed(0x10000, 0x1000, Prot::RW, VmaKind::Anon)
            .unwrap();
        m.read(0x10ffe, &mut b).unwrap();
        assert_eq!(b, [0, 0, 3, 4], "remapped page is zeroed, neighbour kept");
        assert!(m.check(0xffff_fff0, 0x20, Access::Read).is_err());
    }

    #[test]
    fn brk_and_find_free() {
        let mut m = AddressSpace::new(64).unwrap();
        m.set_brk_start(0x401234);
        assert_eq!(m.brk(0), 0x401234);
        assert_eq!(m.brk(0x500000), 0x500000);
        m.write(0x4ffff0, &[9]).unwrap();
        assert_eq!(m.brk(0x450000), 0x450000);
        assert!(m.check(0x460000, 1, Access::Read).is_err());
        let a = m.find_free(0, 0x5000).unwrap();
        m.map_fixed(a, 0x5000, Prot::RW, VmaKind::Anon).unwrap();
        let b = m.find_free(0, 0x1000).unwrap();
        assert_eq!(b + 0x1000, a);
    }
}

#[cfg(test)]
mod vma_tests {
    use super::*;

    #[test]
    fn protect_splits_file_mapping_with_moved_offset() {
        let mut m = AddressSpace::new(32).unwrap();
        let kind = VmaKind::File {
            path: "/x".into(),
            offset: 0x1000,
        };
        m.map_fixed(0x20000, 0x4000, Prot::READ, kind).unwrap();
        m.protect(0x21000, 0x1000, Prot::RW).unwrap();
        let v: Vec<_> = m.vmas().cloned().collect();
        assert_eq!(v.len(), 3);
        assert_eq!(
            v[1].kind,
            VmaKind::File {
                path: "/x".into(),
                offset: 0x2000
            }
        );
        assert_eq!(
            v[2].kind,
            VmaKind::File {
                path: "/x".into(),
                offset: 0x3000
            }
        );
        assert_eq!(v[1].prot, Prot::RW);
    }
}

/// aarch64 hosts may use 16 or 64 KiB pages while guests keep 4 KiB ones; these tests simulate
/// such a host on a 4 KiB one by managing host memory in larger aligned units.
#[cfg(test)]
mod large_host_page_tests {
    use super::*;

    /// The host protection (`rw-`, `r--`, `---`) of the host page at `p`, from /proc/self/maps.
    fn host_prot_at(p: *const u8) -> String {
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
        let a = p as usize;
        for line in maps.lines() {
            let (range, rest) = line.split_once(' ').unwrap();
            let (lo, hi) = range.split_once('-').unwrap();
            let lo = usize::from_str_radix(lo, 16).unwrap();
            let hi = usize::from_str_radix(hi, 16).unwrap();
            if a >= lo && a < hi {
                return rest[..3].to_string();
            }
        }
        panic!("{a:#x} not mapped");
    }

    fn read_byte(m: &AddressSpace, a: GuestAddr) -> u8 {
        let mut b = [0];
        m.read(a, &mut b).unwrap();
        b[0]
    }

    #[test]
    fn guest_pages_inside_larger_host_pages() {
        for hp in [16 << 10, 64 << 10] {
            let mut m = AddressSpace::with_host_page(32, hp).unwrap();
            // Two guest pages straddling a host page boundary, neither host page mapped before:
            // zeroing must make each host page writable in turn.
            let a = 4 * hp - GUEST_PAGE_SIZE;
            m.map_fixed(a, 2 * GUEST_PAGE_SIZE, Prot::RW, VmaKind::Anon)
                .unwrap();
            m.write(a, &[1]).unwrap();
            m.write(a + GUEST_PAGE_SIZE, &[2]).unwrap();
            assert_eq!(host_prot_at(m.host(a)), "rw-", "hp {hp}");
            assert_eq!(host_prot_at(m.host(a + GUEST_PAGE_SIZE)), "rw-");

            // A read-only neighbour in the same host page: the host page is the union (rw), and
            // remapping the range zeroes only the guest pages asked for.
            m.map_fixed(
                a - GUEST_PAGE_SIZE,
                GUEST_PAGE_SIZE,
                Prot::READ,
                VmaKind::Anon,
            )
            .unwrap();
            m.poke(a - 1, &[7]).unwrap();
            m.write(a, &[3]).unwrap();
            m.map_fixed(a, 2 * GUEST_PAGE_SIZE, Prot::RW, VmaKind::Anon)
                .unwrap();
            assert_eq!(read_byte(&m, a - 1), 7);
            assert_eq!(read_byte(&m, a), 0);
            assert_eq!(read_byte(&m, a + GUEST_PAGE_SIZE), 0);
            assert_eq!(host_prot_at(m.host(a - GUEST_PAGE_SIZE)), "rw-");

            // Unmapping leaves the neighbour's host page readable but not writable, and the
            // host page that held only unmapped guest pages inaccessible.
            m.unmap(a, 2 * GUEST_PAGE_SIZE).unwrap();
            assert_eq!(host_prot_at(m.host(a - GUEST_PAGE_SIZE)), "r--");
            assert_eq!(host_prot_at(m.host(a + GUEST_PAGE_SIZE)), "---");
            assert_eq!(read_byte(&m, a - 1), 7);
            assert!(m.read(a, &mut [0]).unwrap_err().unmapped);

            // A range covering whole host pages plus partial ones at both ends.
            let b = 8 * hp + GUEST_PAGE_SIZE;
            let len = 2 * hp + 2 * GUEST_PAGE_SIZE;
            m.map_fixed(
                b - GUEST_PAGE_SIZE,
                len + 2 * GUEST_PAGE_SIZE,
                Prot::RW,
                VmaKind::Anon,
            )
            .unwrap();
            for x in [b - 1, b, b + hp, b + len - 1, b + len] {
                m.write(x, &[9]).unwrap();
            }
            m.map_fixed(b, len, Prot::READ, VmaKind::Anon).unwrap();
            assert_eq!(read_byte(&m, b - 1), 9);
            assert_eq!(read_byte(&m, b + len), 9);
            for x in [b, b + hp, b + len - 1] {
                assert_eq!(read_byte(&m, x), 0);
            }
            assert_eq!(host_prot_at(m.host(b + hp)), "r--");
            assert_eq!(host_prot_at(m.host(b)), "rw-");
            assert!(m.write(b, &[1]).is_err(), "the table stays exact");
        }
    }
}
