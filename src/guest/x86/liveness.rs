//! Which arithmetic flags are still needed after each instruction of a block.
//!
//! A backward pass over the block starts from the flags its successors may read; those come from
//! a short straight-line look at each direct successor (Blink's idea): flags written before they
//! are read there are dead at our exit. Indirect exits (ret, jmp reg), system calls and
//! anything the look-ahead can't follow count as reading every flag. A flag-setting instruction
//! after which no flag is live skips recording its flags in the guest state.

use crate::mem::AddressSpace;
use iced_x86::{Decoder, DecoderOptions, FlowControl, Instruction, OpKind, RflagsBits};

/// The six arithmetic flags in iced's RflagsBits encoding.
pub const ARITH: u32 = RflagsBits::OF
    | RflagsBits::SF
    | RflagsBits::ZF
    | RflagsBits::AF
    | RflagsBits::CF
    | RflagsBits::PF;

/// Instructions the look-ahead decodes per successor.
const LOOKAHEAD: usize = 12;

/// Flags live on entry to the code at `pc`, found by straight-line look-ahead.
fn live_in(mem: &AddressSpace, pc: u64, bitness: u32) -> u32 {
    let bytes = super::decode::fetch(mem, pc, LOOKAHEAD * 15);
    let mut d = Decoder::with_ip(bitness, &bytes, pc, DecoderOptions::NONE);
    let (mut needed, mut killed) = (0, 0);
    for _ in 0..LOOKAHEAD {
        if !d.can_decode() {
            break;
        }
        let i = d.decode();
        if i.code() == iced_x86::Code::INVALID {
            break;
        }
        needed |= i.rflags_read() & ARITH & !killed;
        killed |= kills(&i);
        if killed == ARITH || i.flow_control() != FlowControl::Next {
            break;
        }
    }
    needed | (ARITH & !killed)
}

/// The flags an instruction certainly overwrites. Writes that depend on run-time values don't
/// count: `rep cmps/scas` with rcx = 0, and shifts and rotates whose count may be 0, leave the
/// flags as they were.
fn kills(i: &Instruction) -> u32 {
    use iced_x86::Mnemonic as M;
    let m = i.mnemonic();
    if (i.has_rep_prefix() || i.has_repne_prefix()) && i.is_string_instruction() {
        return 0;
    }
    if matches!(
        m,
        M::Shl | M::Sal | M::Shr | M::Sar | M::Rol | M::Ror | M::Rcl | M::Rcr | M::Shld | M::Shrd
    ) {
        let count_op = i.op_count() - 1;
        let bits = if i.op0_kind() == OpKind::Register {
            i.op0_register().size() * 8
        } else {
            i.memory_size().size() * 8
        };
        let mask = if bits == 64 { 63 } else { 31 };
        let nonzero = match i.op_kind(count_op) {
            OpKind::Immediate8 => i.immediate(count_op) & mask != 0,
            OpKind::Register => false,
            _ => true, // the implicit count of 1
        };
        if !nonzero {
            return 0;
        }
    }
    i.rflags_modified() & ARITH
}

fn direct_target(i: &Instruction) -> Option<u64> {
    matches!(
        i.op0_kind(),
        OpKind::NearBranch16 | OpKind::NearBranch32 | OpKind::NearBranch64
    )
    .then(|| i.near_branch_target())
}

/// Flags live when the block is left after its last instruction.
fn live_out(
    mem: &AddressSpace,
    insns: &[Instruction],
    end: u64,
    falls_through: bool,
    bitness: u32,
) -> u32 {
    let Some(last) = insns.last() else {
        return ARITH;
    };
    if falls_through {
        return live_in(mem, end, bitness);
    }
    match last.flow_control() {
        FlowControl::ConditionalBranch => match direct_target(last) {
            Some(t) => live_in(mem, t, bitness) | live_in(mem, end, bitness),
            None => ARITH,
        },
        FlowControl::UnconditionalBranch | FlowControl::Call => match direct_target(last) {
            Some(t) => live_in(mem, t, bitness),
            None => ARITH,
        },
        _ => ARITH,
    }
}

/// For each instruction, whether no arithmetic flag is live after it.
pub fn flags_dead_after(
    mem: &AddressSpace,
    insns: &[Instruction],
    end: u64,
    falls_through: bool,
    bitness: u32,
) -> Vec<bool> {
    let mut live = live_out(mem, insns, end, falls_through, bitness);
    let mut dead = vec![false; insns.len()];
    for (k, i) in insns.iter().enumerate().rev() {
        dead[k] = live & ARITH == 0;
        live = (live & !kills(i)) | i.rflags_read();
    }
    dead
}
