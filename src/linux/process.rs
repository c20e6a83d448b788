//! Process-wide syscalls: ids, uname, resource limits, affinity, thread bookkeeping
//! (set_tid_address, set_robust_list, rseq), getrandom, sysinfo, umask, getrusage, times.
//!
//! Weak spots: RLIMIT_STACK/AS/DATA are kept for the guest and not applied to the host
//! (egret's own reservation must not be limited); limits of other processes are the host's.

use super::layout::StructWriter;
use super::{host_result, Ctx, Errno, SysResult, Sysno};
use crate::mem::Access;

const RLIMIT_DATA: u32 = 2;
const RLIMIT_STACK: u32 = 3;
const RLIMIT_AS: u32 = 9;
const RLIM_NLIMITS: u32 = 16;

pub(super) fn call(c: &mut Ctx, s: Sysno, a: &[u64; 6]) -> SysResult {
    use Sysno::*;

    match s {
        Getpid => Ok(c.p.pid as u64),
        Gettid => Ok(c.p.tid as u64),
        // SAFETY: no guest memory is passed; the host checks the arguments.
        Getppid => Ok(unsafe { libc::getppid() } as u64),
        // SAFETY: no guest memory is passed; the host checks the arguments.
        Getuid => Ok(unsafe { libc::getuid() }.into()),
        // SAFETY: no guest memory is passed; the host checks the arguments.
        Geteuid => Ok(unsafe { libc::geteuid() }.into()),
        // SAFETY: no guest memory is passed; the host checks the arguments.
        Getgid => Ok(unsafe { libc::getgid() }.into()),
        // SAFETY: no guest memory is passed; the host checks the arguments.
        Getegid => Ok(unsafe { libc::getegid() }.into()),
        Uname => uname(c, a[0]),
        Prlimit64 => prlimit64(c, a[0] as i32, a[1] as u32, a[2], a[3]),
        // ugetrlimit is 32-bit guests' getrlimit with RLIM_INFINITY as all-ones.
        Getrlimit | Ugetrlimit => getrlimit(c, a[0] as u32, a[1]),
        Setrlimit => setrlimit(c, a[0] as u32, a[1]),
        SchedGetaffinity => sched_getaffinity(c, a[0] as i32, a[1], a[2]),
        // SAFETY: no guest memory is passed; the host checks the arguments.
        SchedYield => host_result(unsafe { libc::sched_yield() }.into()),
        SetTidAddress => {
            c.p.clear_child_tid = a[0];
            Ok(c.p.tid as u64)
        }
        SetRobustList => {
            // The head is three guest words.
            if a[1] != 3 * c.abi.word_size as u64 {
                return Err(Errno::EINVAL);
            }
            c.p.robust_list = (a[0], a[1]);
            Ok(0)
        }
        // glibc falls back gracefully when rseq is missing.
        Rseq => Err(Errno::ENOSYS),
        Getrandom => getrandom(c, a[0], a[1], a[2] as u32),
        Sysinfo => sysinfo(c, a[0]),
        // SAFETY: no guest memory is passed; the host checks the arguments.
        Umask => Ok(unsafe { libc::umask(a[0] as libc::mode_t) }.into()),
        Getrusage => getrusage(c, a[0] as i32, a[1]),
        Times => times(c, a[0]),
        _ => Err(Errno::ENOSYS),
    }
}

/// uname: the host's, with the guest's machine name.
fn uname(c: &mut Ctx, buf: u64) -> SysResult {
    // SAFETY: all-zero is a valid utsname, which uname fills.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is a writable utsname.
    host_result(unsafe { libc::uname(&mut u) }.into())?;
    const LEN: usize = 65;
    let field = |f: &[libc::c_char]| -> [u8; LEN] {
        let mut out = [0u8; LEN];
        for (o, &ch) in out.iter_mut().zip(f.iter()).take(LEN - 1) {
            *o = ch as u8;
        }
        out
    };
    let mut machine = [0u8; LEN];
    machine[..c.abi.machine.len()].copy_from_slice(c.abi.machine.as_bytes());
    let mut b = Vec::with_capacity(6 * LEN);
    b.extend_from_slice(&field(&u.sysname));
    b.extend_from_slice(&field(&u.nodename));
    b.extend_from_slice(&field(&u.release));
    b.extend_from_slice(&field(&u.version));
    b.extend_from_slice(&machine);
    b.extend_from_slice(&field(&u.domainname));
    c.put(buf, &b)?;
    Ok(0)
}

/// The limits egret keeps for the guest instead of the host's: (soft, hard).
fn guest_limit(c: &Ctx, resource: u32) -> Option<(u64, u64)> {
    match resource {
        RLIMIT_STACK => Some(c.p.stack_limit),
        _ => None,
    }
}

/// Current limit of `resource` (u64, RLIM_INFINITY = u64::MAX).
fn get_limit(c: &Ctx, resource: u32) -> Result<(u64, u64), Errno> {
    if resource >= RLIM_NLIMITS {
        return Err(Errno::EINVAL);
    }
    if let Some(l) = guest_limit(c, resource) {
        return Ok(l);
    }
    let mut r = libc::rlimit64 {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `r` is a writable rlimit64; pid 0 is this process.
    host_result(unsafe { libc::prlimit64(0, resource as _, std::ptr::null(), &mut r) }.into())?;
    Ok((r.rlim_cur, r.rlim_max))
}

fn set_limit(c: &mut Ctx, resource: u32, (cur, max): (u64, u64)) -> Result<(), Errno> {
    if resource >= RLIM_NLIMITS || cur > max {
        return Err(Errno::EINVAL);
    }
    match resource {
        RLIMIT_STACK => c.p.stack_limit = (cur, max),
        // Limiting egret's address space would break its reservation: accept and ignore.
        RLIMIT_AS | RLIMIT_DATA => {}
        _ => {
            let r = libc::rlimit64 {
                rlim_cur: cur,
                rlim_max: max,
            };
            // SAFETY: `r` is a valid rlimit64.
            host_result(
                unsafe { libc::prlimit64(0, resource as _, &r, std::ptr::null_mut()) }.into(),
            )?;
        }
    }
    Ok(())
}

fn prlimit64(c: &mut Ctx, pid: i32, resource: u32, new: u64, old: u64) -> SysResult {
    if pid != 0 && pid != c.p.pid {
        // Another process: ask the host directly.
        let mut newv = [0u64; 2];
        if new != 0 {
            let b = c.get(new, 16)?;
            newv = [c.shape().get(&b, 0, 8), c.shape().get(&b, 8, 8)];
        }
        let r = libc::rlimit64 {
            rlim_cur: newv[0],
            rlim_max: newv[1],
        };
        let mut o = libc::rlimit64 {
            rlim_cur: 0,
            rlim_max: 0,
        };
        let newp = if new != 0 {
            &r as *const _
        } else {
            std::ptr::null()
        };
        // SAFETY: valid pointers or null.
        host_result(unsafe { libc::prlimit64(pid, resource as _, newp, &mut o) }.into())?;
        if old != 0 {
            c.put(
                old,
                &StructWriter::new(c.shape())
                    .u64(o.rlim_cur)
                    .u64(o.rlim_max)
                    .finish(),
            )?;
        }
        return Ok(0);
    }
    let current = get_limit(c, resource)?;
    if new != 0 {
        let b = c.get(new, 16)?;
        set_limit(
            c,
            resource,
            (c.shape().get(&b, 0, 8), c.shape().get(&b, 8, 8)),
        )?;
    }
    if old != 0 {
        c.put(
            old,
            &StructWriter::new(c.shape())
                .u64(current.0)
                .u64(current.1)
                .finish(),
        )?;
    }
    Ok(0)
}

/// A limit as a guest `unsigned long` (RLIM_INFINITY clamps to the guest's all-ones).
fn limit_word(c: &Ctx, v: u64) -> u64 {
    if c.abi.word_size == 4 {
        v.min(u32::MAX as u64)
    } else {
        v
    }
}

fn getrlimit(c: &mut Ctx, resource: u32, buf: u64) -> SysResult {
    let (cur, max) = get_limit(c, resource)?;
    let b = StructWriter::new(c.shape())
        .word(limit_word(c, cur))
        .word(limit_word(c, max))
        .finish();
    c.put(buf, &b)?;
    Ok(0)
}

fn setrlimit(c: &mut Ctx, resource: u32, buf: u64) -> SysResult {
    let w = c.abi.word_size;
    let b = c.get(buf, 2 * w)?;
    let widen = |v: u64| {
        if w == 4 && v == u32::MAX as u64 {
            u64::MAX
        } else {
            v
        }
    };
    let (cur, max) = (
        widen(c.shape().get(&b, 0, w)),
        widen(c.shape().get(&b, w, w)),
    );
    set_limit(c, resource, (cur, max))?;
    Ok(0)
}

/// sched_getaffinity: the host mask, re-laid as an array of guest longs.
fn sched_getaffinity(c: &mut Ctx, pid: i32, len: u64, mask: u64) -> SysResult {
    let w = c.abi.word_size as u64;
    if !len.is_multiple_of(w) {
        return Err(Errno::EINVAL);
    }
    let len = len.min(1 << 16) as usize;
    let mut host = vec![0u64; len.div_ceil(8)];
    let pid = if pid == c.p.pid { 0 } else { pid };
    // SAFETY: the kernel writes at most `host.len() * 8` bytes.
    let n = unsafe {
        libc::syscall(
            libc::SYS_sched_getaffinity,
            pid,
            host.len() * 8,
            host.as_mut_ptr(),
        )
    };
    let n = (host_result(n)? as usize).min(len);
    let mut out = vec![0u8; n];
    for (i, chunk) in out.chunks_mut(w as usize).enumerate() {
        let bit = i * w as usize * 8;
        let word = (host[bit / 64] >> (bit % 64)) & if w == 4 { 0xffff_ffff } else { u64::MAX };
        c.shape().put(chunk, 0, chunk.len(), word);
    }
    c.put(mask, &out)?;
    Ok(n as u64)
}

fn getrandom(c: &mut Ctx, buf: u64, len: u64, flags: u32) -> SysResult {
    let len = c.abi.word(len).min(super::fs::MAX_RW_COUNT);
    let p = c.mem.host_range(buf, len, Access::Write)?;
    // SAFETY: `len` writable guest bytes at `p`.
    host_result(unsafe { libc::getrandom(p as *mut libc::c_void, len as usize, flags) } as i64)
}

/// sysinfo; on 32-bit guests memory sizes are scaled through `mem_unit` to fit a word.
fn sysinfo(c: &mut Ctx, buf: u64) -> SysResult {
    // SAFETY: all-zero is a valid sysinfo, which the host fills.
    let mut si: libc::sysinfo = unsafe { std::mem::zeroed() };
    // SAFETY: `si` is writable.
    host_result(unsafe { libc::sysinfo(&mut si) }.into())?;
    let mut unit = si.mem_unit.max(1) as u64;
    let mut mems = [
        si.totalram,
        si.freeram,
        si.sharedram,
        si.bufferram,
        si.totalswap,
        si.freeswap,
        si.totalhigh,
        si.freehigh,
    ];
    if c.abi.word_size == 4 {
        while mems.iter().any(|&v| v > u32::MAX as u64) {
            mems.iter_mut().for_each(|v| *v >>= 1);
            unit <<= 1;
        }
    }
    let mut w = StructWriter::new(c.shape());
    w.long(si.uptime as i64);
    for l in si.loads {
        w.word(l);
    }
    for &m in &mems[..6] {
        w.word(m);
    }
    w.u16(si.procs)
        .u16(0)
        .word(mems[6])
        .word(mems[7])
        .u32(unit as u32);
    // char _f[20 - 2*sizeof(long) - sizeof(int)], then the struct's tail padding.
    let pad = 20usize.saturating_sub(2 * c.abi.word_size + 4);
    w.bytes(&vec![0u8; pad]);
    c.put(buf, &w.finish())?;
    Ok(0)
}

/// Writes a `struct timeval` into `w`.
pub(super) fn put_timeval(w: &mut StructWriter, tv: &libc::timeval) {
    w.long(tv.tv_sec).long(tv.tv_usec);
}

fn getrusage(c: &mut Ctx, who: i32, buf: u64) -> SysResult {
    // SAFETY: all-zero is a valid rusage.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `ru` is writable.
    host_result(unsafe { libc::getrusage(who, &mut ru) }.into())?;
    super::children::put_rusage(c, buf, &ru)?;
    Ok(0)
}

fn times(c: &mut Ctx, buf: u64) -> SysResult {
    // SAFETY: all-zero is a valid tms.
    let mut t: libc::tms = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is writable.
    let ticks = unsafe { libc::times(&mut t) };
    if buf != 0 {
        let mut w = StructWriter::new(c.shape());
        for v in [t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime] {
            w.long(v);
        }
        c.put(buf, &w.finish())?;
    }
    Ok(c.abi.word(ticks as u64))
}
