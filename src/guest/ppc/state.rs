//! The PowerPC guest state, at offsets computed in this one place.
//!
//! Registers are 64-bit slots so ppc32 and ppc64 share the layout; a 32-bit guest accesses the
//! low word of each slot (egret's hosts are little-endian, so that is the slot's first four
//! bytes). Each CR field is its own slot holding 4 bits (LT=8, GT=4, EQ=2, SO=1), and XER's
//! SO/OV/CA bits are separate slots, so lifted code never has to mask a packed register.

use crate::mem::AddressSpace;
use std::mem::offset_of;

#[repr(C)]
pub struct PpcState {
    pub gpr: [u64; 32],
    pub pc: u64,
    pub lr: u64,
    pub ctr: u64,
    pub cr: [u64; 8],
    pub xer_so: u64,
    pub xer_ov: u64,
    pub xer_ca: u64,
    /// XER's byte count (lswx/stswx).
    pub xer_bc: u64,
    /// FPRs as IEEE double bits.
    pub fpr: [u64; 32],
    pub fpscr: u64,
    /// The lwarx/stwcx. reservation: address (u64::MAX when none) and the value loaded.
    pub res_addr: u64,
    pub res_val: u64,
    pub vrsave: u64,
    /// Set by helpers that hit a guest memory fault.
    pub fault_addr: u64,
    /// The guest's memory, for helpers.
    pub mem: *const AddressSpace,
}

impl PpcState {
    pub fn new(mem: *const AddressSpace) -> PpcState {
        PpcState {
            gpr: [0; 32],
            pc: 0,
            lr: 0,
            ctr: 0,
            cr: [0; 8],
            xer_so: 0,
            xer_ov: 0,
            xer_ca: 0,
            xer_bc: 0,
            fpr: [0; 32],
            fpscr: 0,
            res_addr: u64::MAX,
            res_val: 0,
            vrsave: 0,
            fault_addr: 0,
            mem,
        }
    }

    /// CR as the 32-bit register (field 0 in the top nibble).
    pub fn cr_word(&self) -> u32 {
        self.cr
            .iter()
            .fold(0, |acc, f| (acc << 4) | (*f as u32 & 0xf))
    }

    /// XER as the register reads.
    pub fn xer_word(&self) -> u64 {
        (self.xer_so & 1) << 31
            | (self.xer_ov & 1) << 30
            | (self.xer_ca & 1) << 29
            | (self.xer_bc & 0x7f)
    }
}

pub fn gpr(i: u32) -> u32 {
    (offset_of!(PpcState, gpr) + 8 * i as usize) as u32
}
pub fn cr(f: u32) -> u32 {
    (offset_of!(PpcState, cr) + 8 * f as usize) as u32
}
pub fn fpr(i: u32) -> u32 {
    (offset_of!(PpcState, fpr) + 8 * i as usize) as u32
}
pub const PC: u32 = offset_of!(PpcState, pc) as u32;
pub const LR: u32 = offset_of!(PpcState, lr) as u32;
pub const CTR: u32 = offset_of!(PpcState, ctr) as u32;
pub const XER_SO: u32 = offset_of!(PpcState, xer_so) as u32;
pub const XER_OV: u32 = offset_of!(PpcState, xer_ov) as u32;
pub const XER_CA: u32 = offset_of!(PpcState, xer_ca) as u32;
pub const XER_BC: u32 = offset_of!(PpcState, xer_bc) as u32;
pub const FPSCR: u32 = offset_of!(PpcState, fpscr) as u32;
pub const RES_ADDR: u32 = offset_of!(PpcState, res_addr) as u32;
pub const RES_VAL: u32 = offset_of!(PpcState, res_val) as u32;
pub const VRSAVE: u32 = offset_of!(PpcState, vrsave) as u32;
