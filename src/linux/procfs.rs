//! The `/proc` files egret answers for the guest instead of the host: `/proc/self/exe` (a
//! link to the guest executable) and `/proc/self/maps` (the guest's mappings, served from a
//! memfd). Both also under `/proc/<own pid>/`.
//!
//! Weak spots: `/proc/self/{auxv,stat,cmdline}` still show egret's own; `maps` shows no
//! device/inode numbers.

use super::{host_result, Ctx, Errno, SysResult};
use crate::mem::VmaKind;
use std::fmt::Write as _;

/// If `path` names a file of our own process directory, the file name inside it.
fn self_entry(pid: i32, path: &[u8]) -> Option<&[u8]> {
    let rest = path.strip_prefix(b"/proc/")?;
    let slash = rest.iter().position(|&b| b == b'/')?;
    let (who, name) = (&rest[..slash], &rest[slash + 1..]);
    (who == b"self" || who == b"thread-self" || who == pid.to_string().as_bytes()).then_some(name)
}

/// Is `path` `/proc/self/exe` (or `/proc/<pid>/exe`)?
pub(super) fn is_self_exe(pid: i32, path: &[u8]) -> bool {
    self_entry(pid, path) == Some(b"exe")
}

/// Opens one of the files egret fakes, or `None` if `path` is an ordinary one.
pub(super) fn open(c: &mut Ctx, path: &[u8]) -> Option<SysResult> {
    if self_entry(c.p.pid, path)? == b"maps" {
        Some(memfd_with(&maps(c)))
    } else {
        None
    }
}

/// The guest's `/proc/self/maps` text.
fn maps(c: &Ctx) -> String {
    let mut s = String::new();
    for v in c.mem.vmas() {
        let r = |bit, ch| if v.prot.contains(bit) { ch } else { '-' };
        let (offset, name) = match &v.kind {
            VmaKind::File { path, offset } => (*offset, path.as_str()),
            VmaKind::Heap => (0, "[heap]"),
            VmaKind::Stack => (0, "[stack]"),
            VmaKind::Anon => (0, ""),
        };
        let _ = writeln!(
            s,
            "{:08x}-{:08x} {}{}{}p {:08x} 00:00 0 {:>width$}{}",
            v.start,
            v.end,
            r(crate::mem::Prot::READ, 'r'),
            r(crate::mem::Prot::WRITE, 'w'),
            r(crate::mem::Prot::EXEC, 'x'),
            offset,
            "",
            name,
            width = if name.is_empty() { 0 } else { 10 }
        );
    }
    s
}

/// A read-only-in-spirit memfd holding `text`, positioned at its start.
fn memfd_with(text: &str) -> SysResult {
    // SAFETY: the name is a NUL-terminated literal.
    let fd = host_result(
        unsafe { libc::memfd_create(c"egret-proc".as_ptr(), libc::MFD_CLOEXEC) }.into(),
    )? as i32;
    let mut rest = text.as_bytes();
    while !rest.is_empty() {
        // SAFETY: `rest` is a live byte slice.
        let n = unsafe { libc::write(fd, rest.as_ptr() as *const libc::c_void, rest.len()) };
        if n <= 0 {
            let e = Errno::last();
            // SAFETY: our own fd.
            unsafe { libc::close(fd) };
            return Err(e);
        }
        rest = &rest[n as usize..];
    }
    // SAFETY: no memory involved. The guest did not ask for O_CLOEXEC necessarily: clear it.
    unsafe {
        libc::lseek(fd, 0, libc::SEEK_SET);
        libc::fcntl(fd, libc::F_SETFD, 0);
    }
    Ok(fd as u64)
}
