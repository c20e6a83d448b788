//! Guest architectures. Each one provides a [`Guest`]: its state, decoder, lifter (through
//! [`crate::emit::Emit`]), system-call convention and process start-up details. The engine,
//! dispatcher, memory, loader and Linux layer are shared and know guests only through this trait.

pub mod ppc;
pub mod x86;

use crate::emit::Emit;
use crate::mem::AddressSpace;

/// What the engine needs from a guest architecture.
pub trait Guest {
    /// A decoded block, kept by the engine so the interpreter need not decode again.
    type Block;

    /// Pointer to the `#[repr(C)]` state struct that lifted code addresses by offset.
    fn state_ptr(&mut self) -> *mut u8;
    /// Offset of the guest pc (a u64) in the state.
    fn pc_offset(&self) -> u32;
    fn pc(&self) -> u64;
    fn set_pc(&mut self, pc: u64);
    fn big_endian(&self) -> bool;

    /// Decodes a block at `pc` of at most `max_insns` instructions.
    fn decode(&self, mem: &AddressSpace, pc: u64, max_insns: usize) -> Self::Block;
    /// Guest instructions in a block, and the guest byte range it covers.
    fn block_info(&self, b: &Self::Block) -> (usize, u64, u64);
    /// Emits a block's semantics; the last thing emitted is an exit.
    fn lift<E: Emit>(b: &Self::Block, e: &mut E);
    /// The block's instructions as text (`-d in_asm`).
    fn disasm(&self, b: &Self::Block) -> String;
    /// Names the instruction at `pc` (for the SIGILL message and `-d unimp`).
    fn describe_insn(&self, mem: &AddressSpace, pc: u64) -> String;

    /// The system call number and arguments the guest passes.
    fn syscall_args(&self) -> (u64, [u64; 6]);
    /// Stores a system call's result (negative errno as a wrapping u64 for errors).
    fn set_syscall_result(&mut self, r: u64);
    /// Handles system calls that only this architecture has (x86's arch_prctl); None if `nr`
    /// is not one.
    fn arch_syscall(&mut self, mem: &AddressSpace, nr: u64, args: &[u64; 6]) -> Option<u64>;
    /// Sets the stack pointer (a forked child given a new stack).
    fn set_sp(&mut self, sp: u64);
    /// A one-line register dump for traces.
    fn dump_regs(&self) -> String;
}
