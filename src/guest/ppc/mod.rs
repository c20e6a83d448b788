//! The PowerPC guest frontend (ppc32 now; ppc64 and ppc64le later through the same code).
//!
//! [`insns`] is the instruction table (one row per instruction form), [`decode`] turns a 32-bit
//! word into an [`decode::Insn`] through buckets built from that table, and [`disasm`] prints
//! instructions as GNU objdump does. Guest state, the lifter and the `Guest` impl come later.

pub mod decode;
pub mod disasm;
pub mod insns;
