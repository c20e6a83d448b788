//! Guest mappings (VMAs): what `/proc/self/maps` would list.

use super::{GuestAddr, Prot};

/// What backs a mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VmaKind {
    Anon,
    Heap,
    Stack,
    /// A file (its path and the file offset of `start`).
    File {
        path: String,
        offset: u64,
    },
}

/// One guest mapping `[start, end)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vma {
    pub start: GuestAddr,
    pub end: GuestAddr,
    pub prot: Prot,
    pub kind: VmaKind,
}

impl Vma {
    /// The part `[start, end)` of this mapping (a file offset moves with the start).
    pub fn slice(&self, start: GuestAddr, end: GuestAddr) -> Vma {
        let kind = match &self.kind {
            VmaKind::File { path, offset } => VmaKind::File {
                path: path.clone(),
                offset: offset + (start - self.start),
            },
            k => k.clone(),
        };
        Vma {
            start,
            end,
            prot: self.prot,
            kind,
        }
    }
}
