//! Guest paths under a sysroot (`-L PATH`), as qemu-user's `-L` does: an absolute path the
//! guest names is looked up under the sysroot first, and used as it is when nothing is there.
//!
//! Unlike qemu, absolute symbolic links met inside the sysroot are re-rooted in it, so a
//! sysroot unpacked from another system's packages (whose `lib64/ld64.so.2` points at
//! `/lib/...`) resolves within itself.

use std::path::{Component, Path, PathBuf};

/// Symbolic links followed before giving up (the kernel's limit).
const MAX_LINKS: usize = 40;

/// The host path for guest path `guest` under `root`, if it exists there.
pub fn resolve(root: &Path, guest: &Path) -> Option<PathBuf> {
    if !guest.is_absolute() || root == Path::new("/") {
        return None;
    }
    let mut pending: Vec<std::ffi::OsString> = guest
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_os_string()),
            Component::ParentDir => Some("..".into()),
            _ => None,
        })
        .rev()
        .collect();
    let mut cur = root.to_path_buf();
    let mut links = 0;
    while let Some(name) = pending.pop() {
        if name == ".." {
            if cur != root {
                cur.pop();
            }
            continue;
        }
        let next = cur.join(&name);
        match std::fs::symlink_metadata(&next) {
            Ok(md) if md.file_type().is_symlink() => {
                links += 1;
                if links > MAX_LINKS {
                    return None;
                }
                let target = std::fs::read_link(&next).ok()?;
                if target.is_absolute() {
                    cur = root.to_path_buf();
                }
                for c in target.components().rev() {
                    match c {
                        Component::Normal(s) => pending.push(s.to_os_string()),
                        Component::ParentDir => pending.push("..".into()),
                        _ => {}
                    }
                }
            }
            Ok(_) => cur = next,
            Err(_) => return None,
        }
    }
    Some(cur)
}

/// The host path to use for guest path `guest`: under the sysroot when it exists there.
pub fn host_path(root: Option<&Path>, guest: &Path) -> PathBuf {
    root.and_then(|r| resolve(r, guest))
        .unwrap_or_else(|| guest.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_links_are_rerooted() {
        let d = std::env::temp_dir().join(format!("egret-sysroot-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("lib/x")).unwrap();
        std::fs::create_dir_all(d.join("lib64")).unwrap();
        std::fs::write(d.join("lib/x/ld.so"), b"x").unwrap();
        std::os::unix::fs::symlink("/lib/x/ld.so", d.join("lib64/ld.so")).unwrap();
        std::os::unix::fs::symlink("../lib/x", d.join("lib64/rel")).unwrap();
        assert_eq!(
            resolve(&d, Path::new("/lib64/ld.so")),
            Some(d.join("lib/x/ld.so"))
        );
        assert_eq!(
            resolve(&d, Path::new("/lib64/rel/ld.so")),
            Some(d.join("lib/x/ld.so"))
        );
        assert_eq!(resolve(&d, Path::new("/nope")), None);
        assert_eq!(
            host_path(Some(&d), Path::new("/etc/hostname")),
            PathBuf::from("/etc/hostname")
        );
        assert_eq!(
            resolve(&d, Path::new("/../../lib/x/ld.so")),
            Some(d.join("lib/x/ld.so"))
        );
        let _ = std::fs::remove_dir_all(&d);
    }
}
