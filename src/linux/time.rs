//! Clocks and sleeping: clock_gettime, clock_getres, gettimeofday, time, nanosleep,
//! clock_nanosleep, and 32-bit guests' `*_time64` versions of the clock calls. `timespec` and
//! `timeval` are two guest longs; the `*_time64` calls' `struct __kernel_timespec` is two
//! 64-bit integers on every guest.
//!
//! Weak spots: clock ids are passed to the host unchanged (CPU-time clocks of other processes
//! too); a 32-bit guest's old calls get the low 32 bits of times past 2038, as Linux gives
//! EOVERFLOW only for some of them.

use super::layout::{StructReader, StructWriter};
use super::{host_result, Ctx, Errno, SysResult, Sysno};

pub(super) fn call(c: &mut Ctx, s: Sysno, a: &[u64; 6]) -> SysResult {
    match s {
        Sysno::ClockGettime => clock(c, a[0] as i32, a[1], false, false),
        Sysno::ClockGetres => clock(c, a[0] as i32, a[1], true, false),
        Sysno::ClockGettime64 => clock(c, a[0] as i32, a[1], false, true),
        Sysno::ClockGetres64 => clock(c, a[0] as i32, a[1], true, true),
        Sysno::Gettimeofday => gettimeofday(c, a[0], a[1]),
        Sysno::Time => {
            // SAFETY: a null argument asks only for the return value.
            let t = unsafe { libc::time(std::ptr::null_mut()) };
            if a[0] != 0 {
                let b = StructWriter::new(c.shape()).long(t as i64).finish();
                c.put(a[0], &b)?;
            }
            Ok(c.abi.word(t as u64))
        }
        Sysno::Nanosleep => sleep(c, libc::CLOCK_REALTIME, 0, a[0], a[1], false),
        Sysno::ClockNanosleep => sleep(c, a[0] as i32, a[1] as i32, a[2], a[3], false),
        Sysno::ClockNanosleep64 => sleep(c, a[0] as i32, a[1] as i32, a[2], a[3], true),
        _ => Err(Errno::ENOSYS),
    }
}

/// Bytes in the guest's `timespec` (`t64`: `struct __kernel_timespec`).
pub(super) fn timespec_size(c: &Ctx, t64: bool) -> usize {
    if t64 {
        16
    } else {
        2 * c.abi.word_size
    }
}

fn put_timespec(c: &Ctx, addr: u64, ts: &libc::timespec, t64: bool) -> Result<(), Errno> {
    let mut w = StructWriter::new(c.shape());
    if t64 {
        w.i64(ts.tv_sec).i64(ts.tv_nsec);
    } else {
        w.long(ts.tv_sec).long(ts.tv_nsec);
    }
    c.put(addr, &w.finish())
}

/// A guest timespec as (seconds, nanoseconds), unchecked. Like Linux, a 32-bit guest's
/// 64-bit `tv_nsec` counts only by its low 32 bits (signed).
pub(super) fn read_timespec(c: &Ctx, addr: u64, t64: bool) -> Result<(i64, i64), Errno> {
    let b = c.get(addr, timespec_size(c, t64))?;
    let mut r = StructReader::new(c.shape(), &b);
    Ok(if t64 {
        let sec = r.u64() as i64;
        let nsec = r.u64();
        let nsec = if c.abi.word_size == 4 {
            nsec as u32 as i32 as i64
        } else {
            nsec as i64
        };
        (sec, nsec)
    } else {
        (r.long(), r.long())
    })
}

pub(super) fn get_timespec(c: &Ctx, addr: u64, t64: bool) -> Result<libc::timespec, Errno> {
    let (sec, nsec) = read_timespec(c, addr, t64)?;
    if !(0..1_000_000_000).contains(&nsec) || sec < 0 {
        return Err(Errno::EINVAL);
    }
    Ok(libc::timespec {
        tv_sec: sec as _,
        tv_nsec: nsec as _,
    })
}

/// clock_gettime / clock_getres (whose buffer may be NULL), `t64` for the `*_time64` calls.
fn clock(c: &mut Ctx, clock: i32, tp: u64, res: bool, t64: bool) -> SysResult {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is writable.
    let r = unsafe {
        if res {
            libc::clock_getres(clock, &mut ts)
        } else {
            libc::clock_gettime(clock, &mut ts)
        }
    };
    host_result(r.into())?;
    if tp != 0 || !res {
        put_timespec(c, tp, &ts, t64)?;
    }
    Ok(0)
}

fn gettimeofday(c: &mut Ctx, tv: u64, tz: u64) -> SysResult {
    let mut t = libc::timeval {
        tv_sec: 0,
        tv_usec: 0,
    };
    // SAFETY: `t` is writable; no timezone asked.
    host_result(unsafe { libc::gettimeofday(&mut t, std::ptr::null_mut()) }.into())?;
    if tv != 0 {
        let mut w = StructWriter::new(c.shape());
        super::process::put_timeval(&mut w, &t);
        c.put(tv, &w.finish())?;
    }
    if tz != 0 {
        // struct timezone { int tz_minuteswest; int tz_dsttime; }: Linux keeps it zero.
        c.put(tz, &[0u8; 8])?;
    }
    Ok(0)
}

/// nanosleep / clock_nanosleep(_time64); on interruption the remaining time goes to `rem`.
fn sleep(c: &mut Ctx, clock: i32, flags: i32, req: u64, rem: u64, t64: bool) -> SysResult {
    const TIMER_ABSTIME: i32 = 1;
    let req = get_timespec(c, req, t64)?;
    let mut left = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: both timespecs are valid; clock_nanosleep returns the error number itself.
    let err = unsafe { libc::clock_nanosleep(clock, flags, &req, &mut left) };
    if err != 0 {
        if err == libc::EINTR && rem != 0 && flags & TIMER_ABSTIME == 0 {
            put_timespec(c, rem, &left, t64)?;
        }
        return Err(Errno(err));
    }
    Ok(0)
}
