//! egret: a dynamic binary translator for Linux user programs.
//!
//! Pipeline: the loader maps an ELF into a guest [`mem::AddressSpace`]; a guest frontend
//! decodes a block and lifts it through the `Emit` trait, either into Cranelift IR (the JIT) or
//! straight into values (the interpreter); the dispatcher runs blocks, chains them through a
//! jump table and hands syscalls to the shared Linux layer.

pub mod emit;
pub mod exec;
pub mod guest;
pub mod hostfp;
pub mod interp;
pub mod jit;
pub mod linux;
pub mod loader;
pub mod mem;
pub mod sysroot;
pub mod trace;
