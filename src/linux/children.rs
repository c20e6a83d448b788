//! Processes: fork/vfork/clone without CLONE_VM (the whole emulator forks, so the child goes on
//! running the guest under egret), wait4/waitid, and execve of a guest program, which re-runs
//! egret with the same options on the new program.
//!
//! Weak spots: threads (CLONE_VM without CLONE_VFORK) are refused with ENOSYS; a vfork child
//! gets a copy of memory rather than sharing it (what posix_spawn writes back for errors is lost,
//! so a failed exec in a spawned child shows up as exit status 127 rather than an errno).

use super::layout::StructWriter;
use super::{host_result, Ctx, Errno, SysResult, SyscallOutcome};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;

const CLONE_VM: u64 = 0x100;
const CLONE_VFORK: u64 = 0x4000;
const CLONE_THREAD: u64 = 0x10000;
const CLONE_SETTLS: u64 = 0x80000;
const CLONE_PARENT_SETTID: u64 = 0x100000;
const CLONE_CHILD_CLEARTID: u64 = 0x200000;
const CLONE_CHILD_SETTID: u64 = 0x1000000;

/// clone(flags, stack, parent_tid, child_tid, tls) — the x86-64 argument order; other guests'
/// tables pass their arguments in this order.
pub(super) fn clone(c: &mut Ctx, flags: u64, stack: u64, ptid: u64, ctid: u64) -> SyscallOutcome {
    if flags & CLONE_THREAD != 0
        || (flags & CLONE_VM != 0 && flags & CLONE_VFORK == 0)
        || flags & CLONE_SETTLS != 0
    {
        return SyscallOutcome::Return(Errno::ENOSYS.to_return());
    }
    // SAFETY: egret is single-threaded here, so fork duplicates a consistent process.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return SyscallOutcome::Return(Errno::last().to_return());
    }
    if pid == 0 {
        // SAFETY: getpid has no preconditions.
        let me = unsafe { libc::getpid() };
        c.p.pid = me;
        c.p.tid = me;
        if flags & CLONE_CHILD_SETTID != 0 {
            let _ = c.put_i32(ctid, me);
        }
        if flags & CLONE_CHILD_CLEARTID != 0 {
            c.p.clear_child_tid = ctid;
        }
        return SyscallOutcome::Child { stack };
    }
    if flags & CLONE_PARENT_SETTID != 0 {
        let _ = c.put_i32(ptid, pid);
    }
    SyscallOutcome::Return(pid as u64)
}

/// rusage written in the guest's layout.
pub(super) fn put_rusage(c: &Ctx, buf: u64, ru: &libc::rusage) -> Result<(), Errno> {
    let mut w = StructWriter::new(c.shape());
    for tv in [&ru.ru_utime, &ru.ru_stime] {
        w.long(tv.tv_sec).long(tv.tv_usec);
    }
    for v in [
        ru.ru_maxrss,
        ru.ru_ixrss,
        ru.ru_idrss,
        ru.ru_isrss,
        ru.ru_minflt,
        ru.ru_majflt,
        ru.ru_nswap,
        ru.ru_inblock,
        ru.ru_oublock,
        ru.ru_msgsnd,
        ru.ru_msgrcv,
        ru.ru_nsignals,
        ru.ru_nvcsw,
        ru.ru_nivcsw,
    ] {
        w.long(v);
    }
    c.put(buf, &w.finish())
}

pub(super) fn wait4(c: &mut Ctx, pid: i32, status: u64, options: i32, rusage: u64) -> SysResult {
    let mut st: libc::c_int = 0;
    // SAFETY: all-zero is a valid rusage.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: both out-pointers are ours and valid.
    let r = host_result(unsafe { libc::wait4(pid, &mut st, options, &mut ru) }.into())?;
    if status != 0 && r != 0 {
        c.put_i32(status, st)?;
    }
    if rusage != 0 {
        put_rusage(c, rusage, &ru)?;
    }
    Ok(r)
}

/// waitid(idtype, id, infop, options, rusage): the siginfo fields a waiter reads.
pub(super) fn waitid(c: &mut Ctx, idtype: u32, id: u32, infop: u64, options: i32) -> SysResult {
    // SAFETY: all-zero is a valid siginfo_t.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    // SAFETY: `info` is ours and writable.
    host_result(unsafe { libc::waitid(idtype, id, &mut info, options) }.into())?;
    if infop != 0 {
        // siginfo: si_signo, si_errno, si_code (ints), then the union: pid, uid, status.
        // SAFETY: after waitid the child fields of the union are the valid ones.
        let (pid, uid, status) = unsafe { (info.si_pid(), info.si_uid(), info.si_status()) };
        let word = c.abi.word_size;
        let mut b = vec![0u8; 128];
        let sh = c.shape();
        sh.put(&mut b, 0, 4, info.si_signo as u32 as u64);
        sh.put(&mut b, 4, 4, info.si_errno as u32 as u64);
        sh.put(&mut b, 8, 4, info.si_code as u32 as u64);
        let u = if word == 8 { 16 } else { 12 };
        sh.put(&mut b, u, 4, pid as u32 as u64);
        sh.put(&mut b, u + 4, 4, uid as u64);
        sh.put(&mut b, u + 8, 4, status as u32 as u64);
        c.put(infop, &b)?;
    }
    Ok(0)
}

/// Reads a NULL-terminated array of guest string pointers.
fn strings(c: &Ctx, mut addr: u64) -> Result<Vec<CString>, Errno> {
    let mut out = Vec::new();
    if addr == 0 {
        return Ok(out);
    }
    let word = c.abi.word_size;
    loop {
        let b = c.get(addr, word)?;
        let p = c.shape().get(&b, 0, word);
        if p == 0 {
            return Ok(out);
        }
        let s = c.mem.read_cstr(p, 128 * 1024)?;
        out.push(CString::new(s).map_err(|_| Errno::EINVAL)?);
        if out.len() > 1 << 16 {
            return Err(Errno::E2BIG);
        }
        addr += word as u64;
    }
}

/// execve: checks the program the way the kernel would (so the guest gets ENOENT/EACCES), then
/// replaces this process with egret running it under the same options.
pub(super) fn execve(c: &mut Ctx, path: u64, argv: u64, envp: u64) -> SysResult {
    let host_path = c.path(path)?;
    let argv = strings(c, argv)?;
    let envp = strings(c, envp)?;
    // SAFETY: `host_path` is a valid C string.
    host_result(unsafe { libc::access(host_path.as_ptr(), libc::X_OK) }.into())?;
    let md = std::fs::metadata(std::ffi::OsStr::from_bytes(host_path.as_bytes()))
        .map_err(|_| Errno::ENOENT)?;
    if md.is_dir() {
        return Err(Errno::EACCES);
    }
    let guest_path = c.mem.read_cstr(path, 4096)?;
    let Some(prefix) = c.p.exec_prefix.clone() else {
        return Err(Errno::ENOSYS);
    };
    let mut args: Vec<CString> = prefix;
    let argv0 = argv
        .first()
        .map(|a| a.as_bytes().to_vec())
        .unwrap_or_default();
    let mut a0 = b"--argv0=".to_vec();
    a0.extend_from_slice(&argv0);
    args.push(CString::new(a0).map_err(|_| Errno::EINVAL)?);
    args.push(CString::new("--").expect("no NUL"));
    args.push(CString::new(guest_path).map_err(|_| Errno::EINVAL)?);
    args.extend(argv.into_iter().skip(1));
    let mut argp: Vec<*const libc::c_char> = args.iter().map(|a| a.as_ptr()).collect();
    argp.push(std::ptr::null());
    let mut envpp: Vec<*const libc::c_char> = envp.iter().map(|e| e.as_ptr()).collect();
    envpp.push(std::ptr::null());
    // SAFETY: argv/envp are NULL-terminated arrays of valid C strings that outlive the call.
    unsafe { libc::execve(args[0].as_ptr(), argp.as_ptr(), envpp.as_ptr()) };
    Err(Errno::last())
}
