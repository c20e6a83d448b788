//! Host virtual-memory calls for the guest reservation. The only place that calls mmap/mprotect
//! on guest memory.

use super::{MapError, Prot};
use std::sync::OnceLock;

/// The host's page size (4 KiB on x86_64; 4, 16 or 64 KiB on aarch64).
pub fn host_page_size() -> u64 {
    static SIZE: OnceLock<u64> = OnceLock::new();
    // SAFETY: sysconf has no preconditions.
    *SIZE.get_or_init(|| unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as u64)
}

fn host_prot(p: Prot) -> i32 {
    let mut h = libc::PROT_NONE;
    if p.contains(Prot::READ) {
        h |= libc::PROT_READ;
    }
    if p.contains(Prot::WRITE) {
        h |= libc::PROT_WRITE;
    }
    h
}

/// Reserves `len` bytes of inaccessible address space.
pub fn reserve(len: usize) -> Result<*mut u8, MapError> {
    // SAFETY: a fresh anonymous mapping chosen by the kernel touches no existing memory.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_NONE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        Err(MapError::NoMemory)
    } else {
        Ok(p as *mut u8)
    }
}

/// Releases a reservation.
///
/// # Safety
/// `base..base+len` must be a reservation made by [`reserve`] that nothing uses any more.
pub unsafe fn release(base: *mut u8, len: usize) {
    // SAFETY: guaranteed by the caller.
    unsafe { libc::munmap(base as *mut libc::c_void, len) };
}

/// Replaces a host-page-aligned range of the reservation with fresh zero pages (inaccessible;
/// protections are set afterwards).
///
/// # Safety
/// The range must lie inside a reservation and be host-page aligned.
pub unsafe fn fresh(p: *mut u8, len: usize) -> Result<(), i32> {
    // SAFETY: MAP_FIXED over our own reservation replaces only guest memory.
    let r = unsafe {
        libc::mmap(
            p as *mut libc::c_void,
            len,
            libc::PROT_NONE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_FIXED,
            -1,
            0,
        )
    };
    if r == libc::MAP_FAILED {
        Err(std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::ENOMEM))
    } else {
        Ok(())
    }
}

/// Sets host protections of a host-page-aligned range of the reservation.
///
/// # Safety
/// The range must lie inside a reservation and be host-page aligned.
pub unsafe fn protect(p: *mut u8, len: usize, prot: Prot) -> Result<(), i32> {
    // SAFETY: the range is ours (caller's contract).
    let r = unsafe { libc::mprotect(p as *mut libc::c_void, len, host_prot(prot)) };
    if r != 0 {
        Err(std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EINVAL))
    } else {
        Ok(())
    }
}
