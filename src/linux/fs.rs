//! File and directory syscalls. Guest fds are host fds; paths are the host's (no sysroot
//! prefix); data moves straight between the host kernel and checked guest memory, structures
//! go through `layout.rs`. 32-bit guests' 64-bit offsets (pread64, ftruncate64, ...) arrive
//! split across two registers and are joined by [`GuestAbi::arg_u64`](super::GuestAbi::arg_u64);
//! their `stat64` family writes the guest's `stat64` layout (`GuestAbi::stat`).
//!
//! Weak spots: fcntl record locks (F_GETLK/F_SETLK*, whose `struct flock` differs per arch)
//! and F_*OWN_EX are not done (EINVAL); ioctl knows only the terminal requests glibc makes.

use super::layout::{dirents64_to_guest, encode_statx, host_shape, FileStat, TermiosLayout};
use super::{host_result, procfs, Ctx, Errno, SysResult, Sysno};
use crate::mem::Access;
use std::ffi::CString;

/// `AT_FDCWD` and the `*at` flags (the same on every Linux architecture).
const AT_FDCWD: i32 = -100;
const AT_SYMLINK_NOFOLLOW: i32 = 0x100;
const AT_REMOVEDIR: i32 = 0x200;
const AT_EMPTY_PATH: i32 = 0x1000;

/// Largest transfer one read/write makes (the kernel's MAX_RW_COUNT).
pub(super) const MAX_RW_COUNT: u64 = 0x7fff_f000;
/// Largest iovec count (UIO_MAXIOV).
const UIO_MAXIOV: u64 = 1024;

/// A guest fd argument (an `int`, whatever the register width).
fn fd(a: u64) -> i32 {
    a as i32
}

pub(super) fn call(c: &mut Ctx, s: Sysno, a: &[u64; 6]) -> SysResult {
    use Sysno::*;
    match s {
        Read => read(c, fd(a[0]), a[1], a[2], None),
        Write => write(c, fd(a[0]), a[1], a[2], None),
        Pread64 => {
            let (off, _) = c.abi.arg_u64(a, 3);
            read(c, fd(a[0]), a[1], a[2], Some(off as i64))
        }
        Pwrite64 => {
            let (off, _) = c.abi.arg_u64(a, 3);
            write(c, fd(a[0]), a[1], a[2], Some(off as i64))
        }
        Readv => rw_vec(c, fd(a[0]), a[1], a[2], true),
        Writev => rw_vec(c, fd(a[0]), a[1], a[2], false),
        Open => openat(c, AT_FDCWD, a[0], a[1] as u32, a[2] as u32),
        Openat => openat(c, fd(a[0]), a[1], a[2] as u32, a[3] as u32),
        // SAFETY: closing an fd touches no memory.
        Close => host_result(unsafe { libc::close(fd(a[0])) }.into()),
        Lseek => lseek(c, fd(a[0]), c.abi.signed(a[1]), a[2] as i32),
        Llseek => llseek(
            c,
            fd(a[0]),
            ((a[1] & 0xffff_ffff) << 32) | (a[2] & 0xffff_ffff),
            a[3],
            a[4] as i32,
        ),
        Fstat | Fstat64 => stat(c, fd(a[0]), 0, a[1], AT_EMPTY_PATH),
        Stat | Stat64 => stat(c, AT_FDCWD, a[0], a[1], 0),
        Lstat | Lstat64 => stat(c, AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW),
        Newfstatat | Fstatat64 => stat(c, fd(a[0]), a[1], a[2], a[3] as i32),
        Statx => statx(c, fd(a[0]), a[1], a[2] as i32, a[3] as u32, a[4]),
        Getdents64 => getdents64(c, fd(a[0]), a[1], a[2]),
        // fcntl64 differs from fcntl only in the record-lock commands, which we do not do.
        Fcntl | Fcntl64 => fcntl(c, fd(a[0]), a[1] as i32, a[2]),
        // SAFETY: fd calls touch no memory.
        Dup => host_result(unsafe { libc::dup(fd(a[0])) }.into()),
        Dup2 => dup2(fd(a[0]), fd(a[1])),
        // SAFETY: as above; O_CLOEXEC is the same bit on every Linux.
        Dup3 => host_result(unsafe { libc::dup3(fd(a[0]), fd(a[1]), a[2] as i32) }.into()),
        Pipe => pipe(c, a[0], 0),
        Pipe2 => pipe(c, a[0], a[1] as u32),
        Ioctl => ioctl(c, fd(a[0]), a[1] as u32, a[2]),
        Access => access(c, AT_FDCWD, a[0], a[1] as i32, 0, false),
        Faccessat => access(c, fd(a[0]), a[1], a[2] as i32, 0, false),
        Faccessat2 => access(c, fd(a[0]), a[1], a[2] as i32, a[3] as i32, true),
        Unlink => unlinkat(c, AT_FDCWD, a[0], 0),
        Unlinkat => unlinkat(c, fd(a[0]), a[1], a[2] as i32),
        Rmdir => unlinkat(c, AT_FDCWD, a[0], AT_REMOVEDIR),
        Mkdir => mkdirat(c, AT_FDCWD, a[0], a[1] as u32),
        Mkdirat => mkdirat(c, fd(a[0]), a[1], a[2] as u32),
        Rename => renameat2(c, AT_FDCWD, a[0], AT_FDCWD, a[1], 0),
        Renameat => renameat2(c, fd(a[0]), a[1], fd(a[2]), a[3], 0),
        Renameat2 => renameat2(c, fd(a[0]), a[1], fd(a[2]), a[3], a[4] as u32),
        Readlink => readlinkat(c, AT_FDCWD, a[0], a[1], a[2]),
        Readlinkat => readlinkat(c, fd(a[0]), a[1], a[2], a[3]),
        Getcwd => getcwd(c, a[0], a[1]),
        Chdir => {
            let path = c.path(a[0])?;
            // SAFETY: `path` is a valid C string.
            host_result(unsafe { libc::chdir(path.as_ptr()) }.into())
        }
        // SAFETY: fd calls touch no memory.
        Fchdir => host_result(unsafe { libc::fchdir(fd(a[0])) }.into()),
        Ftruncate => ftruncate(fd(a[0]), c.abi.signed(a[1])),
        Ftruncate64 => ftruncate(fd(a[0]), c.abi.arg_u64(a, 1).0 as i64),
        Truncate => truncate(c, a[0], c.abi.signed(a[1])),
        Truncate64 => truncate(c, a[0], c.abi.arg_u64(a, 1).0 as i64),
        Utimensat => utimensat(c, fd(a[0]), a[1], a[2], a[3] as i32, false),
        Utimensat64 => utimensat(c, fd(a[0]), a[1], a[2], a[3] as i32, true),
        // SAFETY: no guest memory is passed; the host checks the arguments.
        Fsync => host_result(unsafe { libc::fsync(fd(a[0])) }.into()),
        // SAFETY: no guest memory is passed; the host checks the arguments.
        Fdatasync => host_result(unsafe { libc::fdatasync(fd(a[0])) }.into()),
        _ => Err(Errno::ENOSYS),
    }
}

/// read / pread64: straight into guest memory, partially if the buffer's tail is unwritable.
fn read(c: &mut Ctx, fd: i32, buf: u64, count: u64, offset: Option<i64>) -> SysResult {
    let count = c.abi.word(count).min(MAX_RW_COUNT);
    let len = c.accessible(buf, count, Access::Write)?;
    let p = c.mem.host(buf) as *mut libc::c_void;
    // SAFETY: `len` bytes at `p` are writable guest memory inside the reservation.
    let r = unsafe {
        match offset {
            Some(off) => libc::pread(fd, p, len as usize, off),
            None => libc::read(fd, p, len as usize),
        }
    };
    host_result(r as i64)
}

/// write / pwrite64: straight from guest memory.
fn write(c: &mut Ctx, fd: i32, buf: u64, count: u64, offset: Option<i64>) -> SysResult {
    let count = c.abi.word(count).min(MAX_RW_COUNT);
    let len = c.accessible(buf, count, Access::Read)?;
    let p = c.mem.host(buf) as *const libc::c_void;
    // SAFETY: `len` bytes at `p` are readable guest memory inside the reservation.
    let r = unsafe {
        match offset {
            Some(off) => libc::pwrite(fd, p, len as usize, off),
            None => libc::write(fd, p, len as usize),
        }
    };
    host_result(r as i64)
}

/// readv / writev: the guest's iovec array becomes host iovecs into checked guest memory.
fn rw_vec(c: &mut Ctx, fd: i32, iov: u64, count: u64, reading: bool) -> SysResult {
    if count > UIO_MAXIOV {
        return Err(Errno::EINVAL);
    }
    let shape = c.shape();
    let raw = c.get(iov, count as usize * 2 * shape.word_size)?;
    let mut r = super::layout::StructReader::new(shape, &raw);
    let access = if reading { Access::Write } else { Access::Read };
    let mut host = Vec::with_capacity(count as usize);
    let mut total: u64 = 0;
    for _ in 0..count {
        let base = r.word();
        let len = r.word();
        if len > MAX_RW_COUNT - total {
            return Err(Errno::EINVAL);
        }
        total += len;
        c.mem.check(base, len, access)?;
        host.push(libc::iovec {
            iov_base: c.mem.host(base) as *mut libc::c_void,
            iov_len: len as usize,
        });
    }
    // SAFETY: every iovec points at checked guest memory of its length.
    let n = unsafe {
        if reading {
            libc::readv(fd, host.as_ptr(), host.len() as i32)
        } else {
            libc::writev(fd, host.as_ptr(), host.len() as i32)
        }
    };
    host_result(n as i64)
}

fn openat(c: &mut Ctx, dirfd: i32, path: u64, flags: u32, mode: u32) -> SysResult {
    let raw = c.mem.read_cstr(path, super::PATH_MAX)?;
    if let Some(r) = procfs::open(c, &raw) {
        return r;
    }
    let path = c.path(path)?;
    let flags = c.abi.open_flags_to_host(flags);
    // SAFETY: `path` is a valid C string; the mode is passed as the variadic int.
    host_result(unsafe { libc::openat(dirfd, path.as_ptr(), flags, mode as libc::c_uint) }.into())
}

/// lseek: a 32-bit guest's `off_t` result must fit in its `long` (the kernel's EOVERFLOW,
/// after the position has moved, as in Linux).
fn lseek(c: &Ctx, fd: i32, offset: i64, whence: i32) -> SysResult {
    // SAFETY: no memory is passed.
    let r = host_result(unsafe { libc::lseek(fd, offset, whence) })?;
    if c.abi.word_size == 4 && r > i32::MAX as u64 {
        return Err(Errno::EOVERFLOW);
    }
    Ok(r)
}

/// _llseek(fd, offset_high, offset_low, result, whence): the new position goes to the guest
/// `loff_t` at `result`, the return value is 0.
fn llseek(c: &Ctx, fd: i32, offset: u64, result: u64, whence: i32) -> SysResult {
    // SAFETY: no memory is passed.
    let pos = host_result(unsafe { libc::lseek(fd, offset as i64, whence) })?;
    let mut b = [0u8; 8];
    c.shape().put(&mut b, 0, 8, pos);
    c.put(result, &b)?;
    Ok(0)
}

fn ftruncate(fd: i32, len: i64) -> SysResult {
    // SAFETY: no guest memory is passed; the host checks the arguments.
    host_result(unsafe { libc::ftruncate(fd, len) }.into())
}

fn truncate(c: &Ctx, path: u64, len: i64) -> SysResult {
    let path = c.path(path)?;
    // SAFETY: `path` is a valid C string.
    host_result(unsafe { libc::truncate(path.as_ptr(), len) }.into())
}

/// utimensat / utimensat_time64 (64-bit `time_t` in the guest's timespecs). A NULL path
/// names `dirfd` itself (futimens); UTIME_NOW and UTIME_OMIT pass through unchanged.
fn utimensat(c: &Ctx, dirfd: i32, path: u64, times: u64, flags: i32, t64: bool) -> SysResult {
    let path = if path == 0 { None } else { Some(c.path(path)?) };
    let ts = if times == 0 {
        None
    } else {
        let size = super::time::timespec_size(c, t64) as u64;
        let get = |at: u64| -> Result<libc::timespec, Errno> {
            let (sec, nsec) = super::time::read_timespec(c, at, t64)?;
            Ok(libc::timespec {
                tv_sec: sec as _,
                tv_nsec: nsec as _,
            })
        };
        Some([get(times)?, get(times + size)?])
    };
    let path_ptr = path.as_ref().map_or(std::ptr::null(), |p| p.as_ptr());
    let ts_ptr = ts.as_ref().map_or(std::ptr::null(), |t| t.as_ptr());
    // SAFETY: the path is NULL or a C string, the times NULL or two timespecs; the raw syscall
    // (not libc's wrapper) accepts a NULL path.
    host_result(unsafe { libc::syscall(libc::SYS_utimensat, dirfd, path_ptr, ts_ptr, flags) })
}

/// The host's status of `path` relative to `dirfd` (or of `dirfd` itself with AT_EMPTY_PATH).
pub(super) fn host_statx(
    dirfd: i32,
    path: &CString,
    flags: i32,
    mask: u32,
) -> Result<FileStat, Errno> {
    // SAFETY: all-zero is a valid statx.
    let mut st: libc::statx = unsafe { std::mem::zeroed() };
    // SAFETY: `path` is a C string and `st` a writable statx.
    let r = unsafe { libc::statx(dirfd, path.as_ptr(), flags, mask, &mut st) };
    if r < 0 {
        return Err(Errno::last());
    }
    Ok(FileStat::from(&st))
}

/// A path argument that AT_EMPTY_PATH allows to be NULL.
fn path_or_empty(c: &Ctx, path: u64, flags: i32) -> Result<CString, Errno> {
    if path == 0 && flags & AT_EMPTY_PATH != 0 {
        Ok(CString::default())
    } else {
        c.path(path)
    }
}

/// stat, lstat, fstat, newfstatat: written in the guest's `struct stat` layout.
fn stat(c: &mut Ctx, dirfd: i32, path: u64, buf: u64, flags: i32) -> SysResult {
    let path = path_or_empty(c, path, flags)?;
    let st = host_statx(dirfd, &path, flags, libc::STATX_BASIC_STATS)?;
    c.put(buf, &c.abi.stat.encode(&c.shape(), &st))?;
    Ok(0)
}

fn statx(c: &mut Ctx, dirfd: i32, path: u64, flags: i32, mask: u32, buf: u64) -> SysResult {
    let path = path_or_empty(c, path, flags)?;
    let st = host_statx(dirfd, &path, flags, mask)?;
    c.put(buf, &encode_statx(&c.shape(), &st))?;
    Ok(0)
}

fn getdents64(c: &mut Ctx, fd: i32, dirp: u64, count: u64) -> SysResult {
    let count = c.abi.word(count).min(1 << 20) as usize;
    c.mem.check(dirp, count as u64, Access::Write)?;
    let mut buf = vec![0u8; count];
    // SAFETY: the host writes at most `count` bytes into `buf`.
    let n = unsafe { libc::syscall(libc::SYS_getdents64, fd, buf.as_mut_ptr(), count) };
    let n = host_result(n)? as usize;
    dirents64_to_guest(&c.shape(), &mut buf[..n]);
    c.put(dirp, &buf[..n])?;
    Ok(n as u64)
}

fn fcntl(c: &mut Ctx, fd: i32, cmd: i32, arg: u64) -> SysResult {
    const F_DUPFD: i32 = 0;
    const F_GETFD: i32 = 1;
    const F_SETFD: i32 = 2;
    const F_GETFL: i32 = 3;
    const F_SETFL: i32 = 4;
    const F_DUPFD_CLOEXEC: i32 = 1030;
    // Commands whose argument is a plain int and whose numbers are the same everywhere:
    // F_SETOWN, F_GETOWN, F_SETSIG, F_GETSIG, F_SETLEASE, F_GETLEASE, F_NOTIFY,
    // F_SETPIPE_SZ, F_GETPIPE_SZ, F_ADD_SEALS, F_GET_SEALS.
    const INT_ARG: &[i32] = &[8, 9, 10, 11, 1024, 1025, 1026, 1031, 1032, 1033, 1034];
    let r = match cmd {
        F_GETFL => {
            // SAFETY: no guest memory is passed; the host checks the arguments.
            let r = host_result(unsafe { libc::fcntl(fd, F_GETFL) }.into())?;
            return Ok(c.abi.open_flags_from_host(r as i32) as u64);
        }
        // SAFETY: no guest memory is passed; the host checks the arguments.
        F_SETFL => unsafe { libc::fcntl(fd, F_SETFL, c.abi.open_flags_to_host(arg as u32)) },
        // SAFETY: no guest memory is passed; the host checks the arguments.
        F_DUPFD | F_DUPFD_CLOEXEC | F_GETFD | F_SETFD => unsafe {
            libc::fcntl(fd, cmd, arg as i32)
        },
        // SAFETY: no guest memory is passed; the host checks the arguments.
        _ if INT_ARG.contains(&cmd) => unsafe { libc::fcntl(fd, cmd, arg as i32) },
        _ => return Err(Errno::EINVAL),
    };
    host_result(r.into())
}

fn dup2(old: i32, new: i32) -> SysResult {
    if old == new {
        // dup2 of an fd onto itself checks it is open (dup3 would refuse with EINVAL).
        // SAFETY: F_GETFD touches no memory.
        return host_result(unsafe { libc::fcntl(old, libc::F_GETFD) }.into()).map(|_| new as u64);
    }
    // SAFETY: fd calls touch no memory.
    host_result(unsafe { libc::dup3(old, new, 0) }.into())
}

fn pipe(c: &mut Ctx, fds: u64, flags: u32) -> SysResult {
    let mut host = [0i32; 2];
    let flags = c.abi.open_flags_to_host(flags);
    // SAFETY: `host` has room for the two fds.
    host_result(unsafe { libc::pipe2(host.as_mut_ptr(), flags) }.into())?;
    let mut b = [0u8; 8];
    c.shape().put(&mut b, 0, 4, host[0] as u32 as u64);
    c.shape().put(&mut b, 4, 4, host[1] as u32 as u64);
    if let Err(e) = c.put(fds, &b) {
        // SAFETY: closing the fds we just made.
        unsafe {
            libc::close(host[0]);
            libc::close(host[1]);
        }
        return Err(e);
    }
    Ok(0)
}

/// The terminal ioctls glibc makes, converted between the guest's and the host's layouts;
/// anything else is ENOTTY.
fn ioctl(c: &mut Ctx, fd: i32, req: u32, arg: u64) -> SysResult {
    let n = c.abi.ioctl;
    let shape = c.shape();
    let host = host_shape();
    let generic = TermiosLayout::GENERIC;
    if req == n.tcgets {
        let mut t = [0u8; 64];
        // SAFETY: the kernel writes a 36-byte termios into the 64-byte buffer.
        host_result(unsafe { libc::ioctl(fd, libc::TCGETS, t.as_mut_ptr()) }.into())?;
        c.put(arg, &c.abi.termios.convert(&shape, &generic, &host, &t))?;
        Ok(0)
    } else if req == n.tcsets || req == n.tcsetsw || req == n.tcsetsf {
        let guest = c.get(arg, c.abi.termios.size)?;
        let mut t = generic.convert(&host, &c.abi.termios, &shape, &guest);
        t.resize(64, 0);
        let host_req = if req == n.tcsets {
            libc::TCSETS
        } else if req == n.tcsetsw {
            libc::TCSETSW
        } else {
            libc::TCSETSF
        };
        // SAFETY: the kernel reads a 36-byte termios from the buffer.
        host_result(unsafe { libc::ioctl(fd, host_req, t.as_ptr()) }.into())
    } else if req == n.tiocgwinsz {
        let mut ws = [0u16; 4];
        // SAFETY: a struct winsize is four u16.
        host_result(unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, ws.as_mut_ptr()) }.into())?;
        let mut b = [0u8; 8];
        for (i, v) in ws.iter().enumerate() {
            shape.put(&mut b, i * 2, 2, (*v).into());
        }
        c.put(arg, &b)?;
        Ok(0)
    } else if req == n.tiocswinsz {
        let b = c.get(arg, 8)?;
        let ws: [u16; 4] = std::array::from_fn(|i| shape.get(&b, i * 2, 2) as u16);
        // SAFETY: a struct winsize is four u16.
        host_result(unsafe { libc::ioctl(fd, libc::TIOCSWINSZ, ws.as_ptr()) }.into())
    } else if req == n.fionread || req == n.tiocgpgrp {
        let host_req = if req == n.fionread {
            libc::FIONREAD
        } else {
            libc::TIOCGPGRP
        };
        let mut v: i32 = 0;
        // SAFETY: both requests write one int.
        host_result(unsafe { libc::ioctl(fd, host_req, &mut v) }.into())?;
        c.put_i32(arg, v)?;
        Ok(0)
    } else if req == n.fioclex || req == n.fionclex {
        let host_req = if req == n.fioclex {
            libc::FIOCLEX
        } else {
            libc::FIONCLEX
        };
        // SAFETY: no argument.
        host_result(unsafe { libc::ioctl(fd, host_req) }.into())
    } else {
        Err(Errno::ENOTTY)
    }
}

fn access(
    c: &mut Ctx,
    dirfd: i32,
    path: u64,
    mode: i32,
    flags: i32,
    with_flags: bool,
) -> SysResult {
    let path = c.path(path)?;
    // SAFETY: `path` is a valid C string.
    let r = unsafe {
        if with_flags {
            libc::syscall(libc::SYS_faccessat2, dirfd, path.as_ptr(), mode, flags)
        } else {
            libc::syscall(libc::SYS_faccessat, dirfd, path.as_ptr(), mode)
        }
    };
    host_result(r)
}

fn unlinkat(c: &mut Ctx, dirfd: i32, path: u64, flags: i32) -> SysResult {
    let path = c.path(path)?;
    // SAFETY: `path` is a valid C string.
    host_result(unsafe { libc::unlinkat(dirfd, path.as_ptr(), flags) }.into())
}

fn mkdirat(c: &mut Ctx, dirfd: i32, path: u64, mode: u32) -> SysResult {
    let path = c.path(path)?;
    // SAFETY: `path` is a valid C string.
    host_result(unsafe { libc::mkdirat(dirfd, path.as_ptr(), mode) }.into())
}

fn renameat2(c: &mut Ctx, olddir: i32, old: u64, newdir: i32, new: u64, flags: u32) -> SysResult {
    let old = c.path(old)?;
    let new = c.path(new)?;
    // SAFETY: both are valid C strings.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            olddir,
            old.as_ptr(),
            newdir,
            new.as_ptr(),
            flags,
        )
    };
    host_result(r)
}

/// readlink / readlinkat; `/proc/self/exe` names the guest executable, not egret.
fn readlinkat(c: &mut Ctx, dirfd: i32, path: u64, buf: u64, size: u64) -> SysResult {
    let size = c.abi.word(size) as i64;
    if size <= 0 || (c.abi.word_size == 4 && size > i32::MAX as i64) {
        return Err(Errno::EINVAL);
    }
    let raw = c.mem.read_cstr(path, super::PATH_MAX)?;
    let target = if procfs::is_self_exe(c.p.pid, &raw) {
        c.p.exe_path.clone().into_bytes()
    } else {
        let path = c.path(path)?;
        let mut out = vec![0u8; (size as usize).min(super::PATH_MAX * 4)];
        // SAFETY: `path` is a C string; the host writes at most `out.len()` bytes.
        let n = unsafe {
            libc::readlinkat(
                dirfd,
                path.as_ptr(),
                out.as_mut_ptr() as *mut libc::c_char,
                out.len(),
            )
        };
        out.truncate(host_result(n as i64)? as usize);
        out
    };
    let n = target.len().min(size as usize);
    c.put(buf, &target[..n])?;
    Ok(n as u64)
}

fn getcwd(c: &mut Ctx, buf: u64, size: u64) -> SysResult {
    let size = c.abi.word(size).min(1 << 16) as usize;
    let mut out = vec![0u8; size];
    // SAFETY: the host writes at most `size` bytes.
    let n = unsafe { libc::syscall(libc::SYS_getcwd, out.as_mut_ptr(), size) };
    let n = host_result(n)? as usize;
    c.put(buf, &out[..n])?;
    Ok(n as u64)
}
