//! Chaining structures shared by all TBs: the jump table of exit slots and the indirect-branch
//! cache. Both live at fixed host addresses for the life of the JIT, so generated code embeds
//! their addresses as constants.

/// Index of a jump-table slot.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct SlotId(pub u32);

const SLOTS: usize = 1 << 20;

/// One slot per direct TB exit. A slot holds the code address the exit tail-calls: the return
/// stub until the dispatcher patches in the target TB.
pub struct JumpTable {
    slots: Box<[usize]>,
    targets: Vec<u64>,
    stub: usize,
}

impl JumpTable {
    pub fn new(stub: *const u8) -> JumpTable {
        JumpTable {
            slots: vec![stub as usize; SLOTS].into_boxed_slice(),
            targets: Vec::new(),
            stub: stub as usize,
        }
    }
    /// A fresh slot for an exit to guest `target`; `None` when the table is full.
    pub fn alloc(&mut self, target: u64) -> Option<SlotId> {
        if self.targets.len() >= SLOTS {
            return None;
        }
        self.targets.push(target);
        Some(SlotId(self.targets.len() as u32 - 1))
    }
    /// Slots left before a flush is needed.
    pub fn room(&self) -> usize {
        SLOTS - self.targets.len()
    }
    /// Host address of a slot (stable for the table's life).
    pub fn slot_addr(&self, s: SlotId) -> usize {
        &self.slots[s.0 as usize] as *const usize as usize
    }
    /// The guest address an exit through `s` goes to.
    pub fn target(&self, s: SlotId) -> Option<u64> {
        self.targets.get(s.0 as usize).copied()
    }
    /// Points a slot at TB code.
    pub fn patch(&mut self, s: SlotId, code: *const u8) {
        self.slots[s.0 as usize] = code as usize;
    }
    /// Forgets every slot (after a TB flush).
    pub fn reset(&mut self) {
        let n = self.targets.len();
        self.slots[..n].fill(self.stub);
        self.targets.clear();
    }
    pub fn used(&self) -> usize {
        self.targets.len()
    }
}

const CACHE_BITS: u32 = 16;

/// A direct-mapped guest pc → TB code cache probed inline by indirect exits.
pub struct IndirectCache {
    entries: Box<[CacheEntry]>,
}

/// One cache entry; `pc == u64::MAX` means empty.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct CacheEntry {
    pub pc: u64,
    pub code: usize,
}

impl Default for IndirectCache {
    fn default() -> Self {
        Self::new()
    }
}

impl IndirectCache {
    pub fn new() -> IndirectCache {
        IndirectCache {
            entries: vec![
                CacheEntry {
                    pc: u64::MAX,
                    code: 0
                };
                1 << CACHE_BITS
            ]
            .into_boxed_slice(),
        }
    }
    /// The entry index for a pc; generated code computes the same.
    pub fn index(pc: u64) -> usize {
        ((pc ^ (pc >> CACHE_BITS)) & ((1 << CACHE_BITS) - 1)) as usize
    }
    pub const MASK: u64 = (1 << CACHE_BITS) - 1;
    pub const SHIFT: u64 = CACHE_BITS as u64;
    pub fn base_addr(&self) -> usize {
        self.entries.as_ptr() as usize
    }
    pub fn insert(&mut self, pc: u64, code: *const u8) {
        self.entries[Self::index(pc)] = CacheEntry {
            pc,
            code: code as usize,
        };
    }
    pub fn clear(&mut self) {
        self.entries.fill(CacheEntry {
            pc: u64::MAX,
            code: 0,
        });
    }
}
