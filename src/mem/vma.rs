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
