//! The dispatcher: finds or makes the code for a guest pc, runs it, and handles what comes back
//! (an unpatched jump-table slot, an indirect-branch miss, a system call, a guest signal).
//!
//! With the JIT, the dispatcher patches each slot once its target exists, so hot code runs from
//! TB to TB without coming back here. With the interpreter, it runs the lifter over each
//! decoded block with [`Interp`] every time the block executes.
//!
//! Translations are dropped wholesale when a syscall changes the mapping of a page that holds
//! translated code, and when the jump table fills up. Weak spot: stores into translated code
//! (self-modifying code) are not detected yet.

mod fault;
mod host;
mod stats;

pub use fault::{die_with_signal, signal_name};
pub use stats::Stats;

use crate::guest::Guest;
use crate::interp::{Interp, InterpExit};
use crate::jit::{CompileError, ExitKind, GuestMemLayout, Jit, JitConfig, SlotId};
use crate::linux::{self, GuestAbi, Process, SyscallOutcome};
use crate::mem::{AddressSpace, GUEST_PAGE_SIZE};
use crate::trace::{self, LogMask};
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

/// Which engine runs guest code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EngineKind {
    Jit,
    Interp,
}

/// Engine settings, from the command line.
#[derive(Clone, Debug)]
pub struct EngineConfig {
    pub engine: EngineKind,
    pub max_block_insns: usize,
    pub jit: JitConfig,
    pub log: LogMask,
}

/// How the guest ended.
#[derive(Debug)]
pub enum RunEnd {
    Exit(i32),
    /// Killed by a signal at a guest pc; `detail` says more (e.g. the unimplemented instruction).
    Signal {
        sig: i32,
        pc: u64,
        detail: String,
    },
    /// egret itself failed (a bug): one line.
    Internal(String),
}

/// A running guest process.
pub struct Runtime<G: Guest> {
    pub guest: G,
    pub mem: Box<AddressSpace>,
    pub process: Process,
    abi: GuestAbi,
    config: EngineConfig,
    jit: Option<Jit>,
    tbs: HashMap<u64, *const u8>,
    blocks: HashMap<u64, Rc<G::Block>>,
    code_pages: BTreeSet<u64>,
    /// Bumped by every flush, so a slot from before a flush is never patched.
    generation: u64,
    pub stats: Stats,
}

/// Slots kept free: a flush happens before the table gets this full.
const SLOT_RESERVE: usize = 4096;

impl<G: Guest> Runtime<G> {
    pub fn new(
        guest: G,
        mem: Box<AddressSpace>,
        process: Process,
        abi: GuestAbi,
        mut config: EngineConfig,
    ) -> Result<Runtime<G>, CompileError> {
        if config.log.exec {
            config.jit.no_chain = true;
        }
        config.jit.want_ir = config.log.ir;
        config.jit.want_asm = config.log.out_asm;
        let jit = match config.engine {
            EngineKind::Jit => Some(Jit::new(config.jit.clone())?),
            EngineKind::Interp => None,
        };
        fault::install(mem.base() as usize, mem.size() as usize);
        Ok(Runtime {
            guest,
            mem,
            process,
            abi,
            config,
            jit,
            tbs: HashMap::new(),
            blocks: HashMap::new(),
            code_pages: BTreeSet::new(),
            generation: 0,
            stats: Stats::default(),
        })
    }

    /// Runs the guest until it exits or is killed.
    pub fn run(&mut self) -> RunEnd {
        match self.config.engine {
            EngineKind::Jit => self.run_jit(),
            EngineKind::Interp => self.run_interp(),
        }
    }

    /// The `--stats` report.
    pub fn stats_report(&self) -> String {
        let name = match self.config.engine {
            EngineKind::Jit => "jit",
            EngineKind::Interp => "interp",
        };
        self.stats
            .report(name, self.jit.as_ref().map(|j| &*j.stats))
    }

    fn block(&mut self, pc: u64) -> Rc<G::Block> {
        if let Some(b) = self.blocks.get(&pc) {
            return b.clone();
        }
        let b = Rc::new(
            self.guest
                .decode(&self.mem, pc, self.config.max_block_insns),
        );
        let (n, start, end) = self.guest.block_info(&b);
        self.stats.guest_insns_translated += n as u64;
        if self.config.log.in_asm {
            trace::log(&format!(
                "IN: [{start:#x}..{end:#x})\n{}\n",
                self.guest.disasm(&b)
            ));
        }
        self.note_code(start, end);
        self.blocks.insert(pc, b.clone());
        b
    }

    fn note_code(&mut self, start: u64, end: u64) {
        let mut p = start / GUEST_PAGE_SIZE;
        while p <= end.saturating_sub(1).max(start) / GUEST_PAGE_SIZE {
            self.code_pages.insert(p);
            p += 1;
        }
    }

    /// Drops every translation.
    fn flush(&mut self) {
        self.tbs.clear();
        self.blocks.clear();
        self.code_pages.clear();
        self.generation += 1;
        self.stats.flushes += 1;
        if let Some(j) = self.jit.as_mut() {
            j.table.reset();
            j.cache.clear();
        }
        fault::clear_tbs();
    }

    /// Drops translations if the last syscall changed mappings under translated code.
    fn check_mem_changes(&mut self) {
        if self.process.mem_changes.is_empty() {
            return;
        }
        let hit = self.process.mem_changes.iter().any(|&(a, len)| {
            let first = a / GUEST_PAGE_SIZE;
            let last = a.saturating_add(len.max(1) - 1) / GUEST_PAGE_SIZE;
            self.code_pages.range(first..=last).next().is_some()
        });
        self.process.mem_changes.clear();
        if hit {
            self.flush();
        }
    }

    /// The TB for `pc`, compiling it on a miss.
    fn tb_code(&mut self, pc: u64) -> Result<*const u8, RunEnd> {
        if let Some(&c) = self.tbs.get(&pc) {
            return Ok(c);
        }
        if self
            .jit
            .as_ref()
            .is_some_and(|j| j.table.room() < SLOT_RESERVE)
        {
            self.flush();
        }
        let block = self.block(pc);
        let layout = GuestMemLayout {
            base: self.mem.base() as u64,
            mask: self.mem.mask(),
            big_endian: self.guest.big_endian(),
            pc_offset: self.guest.pc_offset(),
        };
        let jit = self.jit.as_mut().expect("JIT engine");
        let tb = jit
            .compile(pc, layout, &mut |e| G::lift(&block, e))
            .map_err(|e| RunEnd::Internal(format!("compiling the block at {pc:#x}: {e}")))?;
        self.stats.tbs_compiled += 1;
        self.stats.compile_time += tb.compile_time;
        self.stats.max_compile_time = self.stats.max_compile_time.max(tb.compile_time);
        self.stats.host_code_bytes += tb.size as u64;
        if let Some(ir) = &tb.ir {
            trace::log(&format!("IR: {pc:#x}\n{ir}\n"));
        }
        if self.config.log.out_asm {
            trace::log(&format!(
                "OUT: {pc:#x} host code at {:p}, {} bytes\n{}\n",
                tb.code,
                tb.size,
                tb.asm.as_deref().unwrap_or("")
            ));
        }
        fault::register_tb(tb.code, tb.size, pc, tb.srclocs);
        self.tbs.insert(pc, tb.code);
        Ok(tb.code)
    }

    fn trace_exec(&self, pc: u64) {
        if self.config.log.exec {
            let mut s = format!("Trace: {pc:#x}\n");
            if self.config.log.cpu {
                s.push_str(&self.guest.dump_regs());
                s.push('\n');
            }
            trace::log(&s);
        }
    }

    fn run_jit(&mut self) -> RunEnd {
        let state = self.guest.state_ptr();
        let mut code = match self.tb_code(self.guest.pc()) {
            Ok(c) => c,
            Err(e) => return e,
        };
        let no_chain = self.config.jit.no_chain;
        loop {
            self.trace_exec(self.guest.pc());
            let jit = self.jit.as_ref().expect("JIT engine");
            // SAFETY: `state` is this guest's state and `code` one of this JIT's TBs.
            let word = unsafe { jit.run(state, code) };
            self.stats.dispatcher_returns += 1;
            let (kind, payload) = ExitKind::from_word(word).unwrap_or((ExitKind::IndirectMiss, 0));
            let generation = self.generation;
            let next = match kind {
                ExitKind::Slot => {
                    self.stats.slot_misses += 1;
                    let slot = SlotId(payload as u32);
                    let Some(target) = self.jit.as_ref().and_then(|j| j.table.target(slot)) else {
                        return RunEnd::Internal(format!("exit through unknown slot {}", slot.0));
                    };
                    self.guest.set_pc(target);
                    let c = match self.tb_code(target) {
                        Ok(c) => c,
                        Err(e) => return e,
                    };
                    if !no_chain && generation == self.generation {
                        self.jit.as_mut().expect("JIT").table.patch(slot, c);
                    }
                    code = c;
                    continue;
                }
                ExitKind::IndirectMiss => {
                    self.stats.indirect_misses += 1;
                    let pc = self.guest.pc();
                    let c = match self.tb_code(pc) {
                        Ok(c) => c,
                        Err(e) => return e,
                    };
                    if !no_chain {
                        self.jit.as_mut().expect("JIT").cache.insert(pc, c);
                    }
                    code = c;
                    continue;
                }
                ExitKind::Syscall => {
                    if let Some(end) = self.syscall() {
                        return end;
                    }
                    self.guest.pc()
                }
                ExitKind::Signal => {
                    let sig = (payload & 0xff) as i32;
                    return self.signal_end(sig, self.guest.pc());
                }
                ExitKind::HelperFault => return self.signal_end(libc::SIGSEGV, self.guest.pc()),
            };
            code = match self.tb_code(next) {
                Ok(c) => c,
                Err(e) => return e,
            };
        }
    }

    fn run_interp(&mut self) -> RunEnd {
        let big_endian = self.guest.big_endian();
        loop {
            let pc = self.guest.pc();
            self.trace_exec(pc);
            let block = self.block(pc);
            let state = self.guest.state_ptr();
            // SAFETY: `state` is this guest's state struct; the interpreter is dropped before the
            // guest is touched again.
            let mut it = unsafe { Interp::new(state, &self.mem, big_endian) };
            G::lift(&block, &mut it);
            self.stats.blocks_interpreted += 1;
            self.stats.insns_interpreted += it.insns;
            let outcome = it.outcome();
            match outcome {
                Some(InterpExit::Jump(t)) | Some(InterpExit::Indirect(t)) => self.guest.set_pc(t),
                Some(InterpExit::Syscall { next }) => {
                    self.guest.set_pc(next);
                    if let Some(end) = self.syscall() {
                        return end;
                    }
                }
                Some(InterpExit::Signal { sig, pc, .. }) => {
                    self.guest.set_pc(pc);
                    return self.signal_end(sig as i32, pc);
                }
                Some(InterpExit::HelperFault { pc }) => {
                    self.guest.set_pc(pc);
                    return self.signal_end(libc::SIGSEGV, pc);
                }
                Some(InterpExit::MemFault { fault, pc }) => {
                    self.guest.set_pc(pc);
                    return RunEnd::Signal {
                        sig: libc::SIGSEGV,
                        pc,
                        detail: format!("access to {:#x}", fault.addr),
                    };
                }
                None => return RunEnd::Internal(format!("block at {pc:#x} has no exit")),
            }
        }
    }

    fn signal_end(&self, sig: i32, pc: u64) -> RunEnd {
        let detail = if sig == libc::SIGILL {
            let d = self.guest.describe_insn(&self.mem, pc);
            if self.config.log.unimp {
                trace::log(&format!("unimp: {pc:#x}: {d}\n"));
            }
            format!("unimplemented or illegal instruction: {d}")
        } else {
            String::new()
        };
        RunEnd::Signal { sig, pc, detail }
    }

    /// Handles a system call; Some when the guest is done.
    fn syscall(&mut self) -> Option<RunEnd> {
        self.stats.syscalls += 1;
        let (nr, args) = self.guest.syscall_args();
        if let Some(r) = self.guest.arch_syscall(&self.mem, nr, &args) {
            if self.process.strace {
                trace::log(&format!(
                    "{} arch_syscall_{nr}({:#x}, {:#x}) = {:#x}\n",
                    self.process.pid, args[0], args[1], r
                ));
            }
            self.guest.set_syscall_result(r);
            return None;
        }
        match linux::syscall(&mut self.process, &mut self.mem, &self.abi, nr, args) {
            SyscallOutcome::Return(r) => {
                self.guest.set_syscall_result(r);
                self.check_mem_changes();
                None
            }
            SyscallOutcome::Child { stack } => {
                self.guest.set_syscall_result(0);
                if stack != 0 {
                    self.guest.set_sp(stack);
                }
                None
            }
            SyscallOutcome::Exit { status, .. } => Some(RunEnd::Exit(status)),
            SyscallOutcome::Signal(sig) => Some(RunEnd::Signal {
                sig,
                pc: self.guest.pc(),
                detail: String::new(),
            }),
        }
    }
}
