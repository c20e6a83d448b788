//! Clocks and sleeping: clock_gettime, clock_getres, gettimeofday, time, nanosleep,
//! clock_nanosleep. `timespec`/`timeval` are written as two guest longs.
//!
//! Weak spots: 32-bit guests' `*_time64` variants (64-bit `time_t`) are not here yet; clock ids
//! are passed to the host unchanged (CPU-time clocks of other processes too).

use super::layout::{StructReader, StructWriter};
use super::{host_result, Ctx, Errno, SysResult, Sysno};

pub(super) fn call(c: &mut Ctx, s: Sysno, a: &[u64; 6]) -> SysResult {
    match s {
        Sysno::ClockGettime => clock(c, a[0] as i32, a[1], false),
        Sysno::ClockGetres => clock(c, a[0] as i32, a[1], true),
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
        Sysno::Nanosleep => sleep(c, libc::CLOCK_REALTIME, 0, a[0], a[1]),
        Sysno::ClockNanosleep => sleep(c, a[0] as i32, a[1] as i32, a[2], a[3]),
        _ => Err(Errno::ENOSYS),
    }
}

fn put_timespec(c: &Ctx, addr: u64, ts: &libc::timespec) -> Result<(), Errno> {
    let b = StructWriter::new(c.shape())
        .long(ts.tv_sec)
        .long(ts.tv_nsec)
        .finish();
    c.put(addr, &b)
}

pub(super) fn get_timespec(c: &Ctx, addr: u64) -> Result<libc::timespec, Errno> {
    let b = c.get(addr, 2 * c.abi.word_size)?;
    let mut r = StructReader::new(c.shape(), &b);
    let (sec, nsec) = (r.long(), r.long());
    if !(0..1_000_000_000).contains(&nsec) || sec < 0 {
        return Err(Errno::EINVAL);
    }
    Ok(libc::timespec {
        tv_sec: sec as _,
        tv_nsec: nsec as _,
    })
}

/// clock_gettime / clock_getres (whose buffer may be NULL).
fn clock(c: &mut Ctx, clock: i32, tp: u64, res: bool) -> SysResult {
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
        put_timespec(c, tp, &ts)?;
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

/// nanosleep / clock_nanosleep; on interruption the remaining time goes to `rem`.
fn sleep(c: &mut Ctx, clock: i32, flags: i32, req: u64, rem: u64) -> SysResult {
    const TIMER_ABSTIME: i32 = 1;
    let req = get_timespec(c, req)?;
    let mut left = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: both timespecs are valid; clock_nanosleep returns the error number itself.
    let err = unsafe { libc::clock_nanosleep(clock, flags, &req, &mut left) };
    if err != 0 {
        if err == libc::EINTR && rem != 0 && flags & TIMER_ABSTIME == 0 {
            put_timespec(c, rem, &left)?;
        }
        return Err(Errno(err));
    }
    Ok(0)
}
