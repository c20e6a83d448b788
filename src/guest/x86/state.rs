//! The x86 guest state: what generated code and helpers read and write, at offsets computed in
//! this one place.

use crate::mem::AddressSpace;
use std::mem::offset_of;

/// The architectural state of one x86 thread, plus egret's lazy-flag record.
///
/// EFLAGS' six arithmetic flags are not stored: `cc_op` names the last flag-setting operation
/// (and its operand size), and `cc_a`, `cc_b`, `cc_res`, `cc_aux` hold its inputs and result,
/// from which any flag can be computed (see `lift::flags`).
#[repr(C)]
pub struct X86State {
    /// RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8–R15 (hardware encoding order).
    pub gpr: [u64; 16],
    pub pc: u64,
    pub cc_op: u64,
    pub cc_a: u64,
    pub cc_b: u64,
    pub cc_res: u64,
    pub cc_aux: u64,
    /// The direction flag (0 or 1).
    pub df: u64,
    /// EFLAGS bits other than the arithmetic flags and DF (what POPF stored: ID, AC, …).
    pub eflags_other: u64,
    pub fs_base: u64,
    pub gs_base: u64,
    /// XMM0–XMM15, low quadword first.
    pub xmm: [[u64; 2]; 16],
    pub mxcsr: u64,
    /// Scratch for helpers (a 128-bit memory operand, …).
    pub tmp: [u64; 2],
    /// Set by helpers that hit a guest memory fault: the address and 1 for a write.
    pub fault_addr: u64,
    pub fault_write: u64,
    /// The guest's memory, for helpers.
    pub mem: *const AddressSpace,
    /// x87 control, status and tag words (the control state glibc's fenv and printf read;
    /// the x87 register stack itself is not emulated yet).
    pub fpu_cw: u64,
    pub fpu_sw: u64,
    pub fpu_tw: u64,
}

impl X86State {
    pub fn new(mem: *const AddressSpace) -> X86State {
        X86State {
            gpr: [0; 16],
            pc: 0,
            cc_op: 0,
            cc_a: 0,
            cc_b: 0,
            cc_res: 0x202,
            cc_aux: 0,
            df: 0,
            eflags_other: 0x202,
            fs_base: 0,
            gs_base: 0,
            xmm: [[0; 2]; 16],
            mxcsr: 0x1f80,
            tmp: [0; 2],
            fault_addr: 0,
            fault_write: 0,
            mem,
            fpu_cw: 0x037f,
            fpu_sw: 0,
            fpu_tw: 0xffff,
        }
    }
}

pub const RAX: usize = 0;
pub const RCX: usize = 1;
pub const RDX: usize = 2;
pub const RBX: usize = 3;
pub const RSP: usize = 4;
pub const RSI: usize = 6;
pub const RDI: usize = 7;

pub fn gpr(i: usize) -> u32 {
    (offset_of!(X86State, gpr) + 8 * i) as u32
}
pub fn xmm(i: usize, lane: usize) -> u32 {
    (offset_of!(X86State, xmm) + 16 * i + 8 * lane) as u32
}
pub const PC: u32 = offset_of!(X86State, pc) as u32;
pub const CC_OP: u32 = offset_of!(X86State, cc_op) as u32;
pub const CC_A: u32 = offset_of!(X86State, cc_a) as u32;
pub const CC_B: u32 = offset_of!(X86State, cc_b) as u32;
pub const CC_RES: u32 = offset_of!(X86State, cc_res) as u32;
pub const CC_AUX: u32 = offset_of!(X86State, cc_aux) as u32;
pub const DF: u32 = offset_of!(X86State, df) as u32;
pub const EFLAGS_OTHER: u32 = offset_of!(X86State, eflags_other) as u32;
pub const FS_BASE: u32 = offset_of!(X86State, fs_base) as u32;
pub const GS_BASE: u32 = offset_of!(X86State, gs_base) as u32;
pub const MXCSR: u32 = offset_of!(X86State, mxcsr) as u32;
pub const TMP: u32 = offset_of!(X86State, tmp) as u32;
pub const FPU_CW: u32 = offset_of!(X86State, fpu_cw) as u32;
pub const FPU_SW: u32 = offset_of!(X86State, fpu_sw) as u32;
pub const FPU_TW: u32 = offset_of!(X86State, fpu_tw) as u32;
