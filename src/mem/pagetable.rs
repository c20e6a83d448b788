//! The exact permission of every guest page, in a two-level table that costs memory only for
//! the parts of the address space in use.

use super::Prot;

const LEAF_BITS: u32 = 16;
const LEAF: usize = 1 << LEAF_BITS;

/// One byte of [`Prot`] per guest page.
pub struct PageTable {
    leaves: Vec<Option<Box<[u8]>>>,
    pages: u64,
}

impl PageTable {
    pub fn new(pages: u64) -> PageTable {
        let n = pages.div_ceil(LEAF as u64) as usize;
        PageTable {
            leaves: (0..n).map(|_| None).collect(),
            pages,
        }
    }

    #[inline]
    pub fn get(&self, page: u64) -> Prot {
        if page >= self.pages {
            return Prot::NONE;
        }
        match &self.leaves[(page >> LEAF_BITS) as usize] {
            Some(leaf) => Prot(leaf[(page as usize) & (LEAF - 1)]),
            None => Prot::NONE,
        }
    }

    pub fn set_range(&mut self, first: u64, count: u64, prot: Prot) {
        let end = (first + count).min(self.pages);
        let mut p = first;
        while p < end {
            let li = (p >> LEAF_BITS) as usize;
            let leaf = self.leaves[li].get_or_insert_with(|| vec![0u8; LEAF].into_boxed_slice());
            let lo = (p as usize) & (LEAF - 1);
            let hi = ((end - (p & !(LEAF as u64 - 1))) as usize).min(LEAF);
            leaf[lo..hi].fill(prot.0);
            p = (p & !(LEAF as u64 - 1)) + hi as u64;
        }
    }
}
