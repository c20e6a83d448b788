//! The x86 guest (x86-64 now; i386 is the same frontend with 32-bit parameters later).

pub mod cpuid;
mod decode;
pub mod helpers;
pub mod helpers_int;
pub mod helpers_sse;
pub mod lift;
mod liveness;
pub mod state;

use super::Guest;
use crate::emit::Emit;
use crate::mem::AddressSpace;
pub use decode::X86Block;
use iced_x86::Formatter;
pub use state::X86State;

/// An x86-64 guest thread.
pub struct X86Guest {
    pub state: Box<X86State>,
    pub bitness: u32,
}

impl X86Guest {
    pub fn new(mem: &AddressSpace, entry: u64, sp: u64) -> X86Guest {
        let mut state = Box::new(X86State::new(mem));
        state.pc = entry;
        state.gpr[state::RSP] = sp;
        X86Guest { state, bitness: 64 }
    }
}

/// Linux x86-64 `arch_prctl` codes.
const ARCH_SET_GS: u64 = 0x1001;
const ARCH_SET_FS: u64 = 0x1002;
const ARCH_GET_FS: u64 = 0x1003;
const ARCH_GET_GS: u64 = 0x1004;
const NR_ARCH_PRCTL: u64 = 158;

impl Guest for X86Guest {
    type Block = X86Block;

    fn state_ptr(&mut self) -> *mut u8 {
        &mut *self.state as *mut X86State as *mut u8
    }
    fn pc_offset(&self) -> u32 {
        state::PC
    }
    fn pc(&self) -> u64 {
        self.state.pc
    }
    fn set_pc(&mut self, pc: u64) {
        self.state.pc = pc;
    }
    fn big_endian(&self) -> bool {
        false
    }

    fn decode(&self, mem: &AddressSpace, pc: u64, max_insns: usize) -> X86Block {
        decode::decode_block(mem, pc, max_insns, self.bitness)
    }

    fn block_info(&self, b: &X86Block) -> (usize, u64, u64) {
        (b.insns.len(), b.start, b.end)
    }

    fn lift<E: Emit>(b: &X86Block, e: &mut E) {
        decode::lift_block(b, e)
    }

    fn disasm(&self, b: &X86Block) -> String {
        let mut f = iced_x86::GasFormatter::new();
        // Read like objdump -d.
        f.options_mut().set_uppercase_hex(false);
        f.options_mut().set_branch_leading_zeros(false);
        f.options_mut().set_rip_relative_addresses(true);
        let mut out = String::new();
        for i in &b.insns {
            let mut s = String::new();
            f.format(i, &mut s);
            out.push_str(&format!("0x{:x}:  {}\n", i.ip(), s));
        }
        out
    }

    fn describe_insn(&self, mem: &AddressSpace, pc: u64) -> String {
        decode::describe(mem, pc, self.bitness)
    }

    fn syscall_args(&self) -> (u64, [u64; 6]) {
        let g = &self.state.gpr;
        (g[0], [g[7], g[6], g[2], g[10], g[8], g[9]])
    }

    fn set_syscall_result(&mut self, r: u64) {
        self.state.gpr[0] = r;
    }

    fn arch_syscall(&mut self, mem: &AddressSpace, nr: u64, args: &[u64; 6]) -> Option<u64> {
        if nr != NR_ARCH_PRCTL {
            return None;
        }
        let efault = (-(libc::EFAULT as i64)) as u64;
        Some(match args[0] {
            ARCH_SET_FS => {
                self.state.fs_base = args[1];
                0
            }
            ARCH_SET_GS => {
                self.state.gs_base = args[1];
                0
            }
            ARCH_GET_FS | ARCH_GET_GS => {
                let v = if args[0] == ARCH_GET_FS {
                    self.state.fs_base
                } else {
                    self.state.gs_base
                };
                match mem.write(args[1], &v.to_le_bytes()) {
                    Ok(()) => 0,
                    Err(_) => efault,
                }
            }
            _ => (-(libc::EINVAL as i64)) as u64,
        })
    }

    fn set_sp(&mut self, sp: u64) {
        self.state.gpr[state::RSP] = sp;
    }

    fn dump_regs(&self) -> String {
        let names = [
            "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11",
            "r12", "r13", "r14", "r15",
        ];
        let mut s = format!("rip={:#x}", self.state.pc);
        for (n, v) in names.iter().zip(self.state.gpr.iter()) {
            s.push_str(&format!(" {n}={v:#x}"));
        }
        s.push_str(&format!(
            " eflags={:#x}",
            helpers::eflags_from_state(&self.state)
        ));
        s
    }
}
