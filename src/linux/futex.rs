//! futex: wait and wake, passed to the host on the guest word's host address (guest memory is
//! host memory), so they will also work between guest threads once egret runs them.
//!
//! Weak spot: the requeue and PI operations are not implemented (-ENOSYS).

use super::{Ctx, Errno, SysResult};
use crate::mem::Access;

const FUTEX_WAIT: u64 = 0;
const FUTEX_WAKE: u64 = 1;
const FUTEX_WAIT_BITSET: u64 = 9;
const FUTEX_WAKE_BITSET: u64 = 10;
const FUTEX_PRIVATE_FLAG: u64 = 128;
const FUTEX_CLOCK_REALTIME: u64 = 256;

/// futex, or with `t64` a 32-bit guest's futex_time64 (64-bit `time_t` in the timeout).
pub(super) fn futex(c: &mut Ctx, a: &[u64; 6], t64: bool) -> SysResult {
    let (uaddr, op, val, timeout, bitset) = (a[0], a[1], a[2], a[3], a[5]);
    let cmd = op & !(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
    if uaddr % 4 != 0 {
        return Err(Errno::EINVAL);
    }
    let host = c
        .mem
        .host_range(uaddr, 4, Access::Read)
        .map_err(|_| Errno::EFAULT)?;
    let host_op = (cmd | (op & (FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))) as libc::c_int;
    match cmd {
        FUTEX_WAIT | FUTEX_WAIT_BITSET => {
            let ts = if timeout != 0 {
                Some(super::time::get_timespec(c, timeout, t64)?)
            } else {
                None
            };
            let tsp = ts
                .as_ref()
                .map_or(std::ptr::null(), |t| t as *const libc::timespec);
            // SAFETY: `host` points at a readable guest word; `tsp` is null or a valid timespec.
            let r = unsafe {
                libc::syscall(
                    libc::SYS_futex,
                    host,
                    host_op,
                    val as u32,
                    tsp,
                    0usize,
                    bitset as u32,
                )
            };
            if r < 0 {
                Err(Errno::last())
            } else {
                Ok(r as u64)
            }
        }
        FUTEX_WAKE | FUTEX_WAKE_BITSET => {
            // SAFETY: `host` points at a readable guest word.
            let r = unsafe {
                libc::syscall(
                    libc::SYS_futex,
                    host,
                    host_op,
                    val as u32,
                    0usize,
                    0usize,
                    bitset as u32,
                )
            };
            if r < 0 {
                Err(Errno::last())
            } else {
                Ok(r as u64)
            }
        }
        _ => Err(Errno::ENOSYS),
    }
}
