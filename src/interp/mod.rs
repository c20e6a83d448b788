//! The interpreter backend of [`Emit`]: every emitted operation is computed on the spot.
//!
//! A frontend's lifter runs over a decoded block with this backend each time the block
//! executes. After the first exit or fault the interpreter stops: later operations of the block
//! are ignored, so the guest state is exactly that after the last completed instruction (plus
//! whatever the faulting instruction wrote before faulting, as on hardware for most x86
//! instructions).

mod ops;

use crate::emit::{Arith, BinOp, Cmp, Conv, Emit, Exit, FCmp, Helper, RmwOp, Ty, UnOp};
use crate::mem::{Access, AddressSpace, MemFault};
pub use ops::{bin, cmp, conv, fcmp, un};

/// A value: its bits (zero-extended) and its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Val {
    pub bits: u64,
    pub ty: Ty,
}

/// How an interpreted block ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InterpExit {
    Jump(u64),
    Indirect(u64),
    Syscall { next: u64 },
    Signal { sig: u8, code: u8, pc: u64 },
    HelperFault { pc: u64 },
    MemFault { fault: MemFault, pc: u64 },
}

/// Runs lifted operations directly against the guest state and memory.
pub struct Interp<'a> {
    state: *mut u8,
    mem: &'a AddressSpace,
    big_endian: bool,
    pc: u64,
    /// Instructions begun (for statistics).
    pub insns: u64,
    outcome: Option<InterpExit>,
}

impl<'a> Interp<'a> {
    /// # Safety
    /// `state` must point to the guest state struct the frontend's offsets refer to, valid for
    /// the interpreter's life.
    pub unsafe fn new(state: *mut u8, mem: &'a AddressSpace, big_endian: bool) -> Interp<'a> {
        Interp {
            state,
            mem,
            big_endian,
            pc: 0,
            insns: 0,
            outcome: None,
        }
    }

    /// How the block ended (None if the lifter emitted no exit, a frontend bug).
    pub fn outcome(&self) -> Option<InterpExit> {
        self.outcome
    }

    fn stopped(&self) -> bool {
        self.outcome.is_some()
    }

    fn stop(&mut self, e: InterpExit) {
        if self.outcome.is_none() {
            self.outcome = Some(e);
        }
    }

    fn fault(&mut self, fault: MemFault) {
        let pc = self.pc;
        self.stop(InterpExit::MemFault { fault, pc });
    }

    fn swap(&self, v: u64, ty: Ty) -> u64 {
        if !self.big_endian {
            return v;
        }
        match ty.bytes() {
            2 => (v as u16).swap_bytes() as u64,
            4 => (v as u32).swap_bytes() as u64,
            8 => v.swap_bytes(),
            _ => v,
        }
    }

    fn read_raw(p: *const u8, ty: Ty) -> u64 {
        // SAFETY: callers pass pointers into the state struct or checked guest memory.
        unsafe {
            match ty.bytes() {
                1 => p.read() as u64,
                2 => (p as *const u16).read_unaligned() as u64,
                4 => (p as *const u32).read_unaligned() as u64,
                _ => (p as *const u64).read_unaligned(),
            }
        }
    }

    fn write_raw(p: *mut u8, ty: Ty, v: u64) {
        // SAFETY: callers pass pointers into the state struct or checked guest memory.
        unsafe {
            match ty.bytes() {
                1 => p.write(v as u8),
                2 => (p as *mut u16).write_unaligned(v as u16),
                4 => (p as *mut u32).write_unaligned(v as u32),
                _ => (p as *mut u64).write_unaligned(v),
            }
        }
    }
}

fn v(bits: u64, ty: Ty) -> Val {
    Val {
        bits: bits & ty.mask(),
        ty,
    }
}

impl Arith for Interp<'_> {
    type V = Val;

    fn iconst(&mut self, ty: Ty, bits: u64) -> Val {
        v(bits, ty)
    }

    fn ty(&self, x: Val) -> Ty {
        x.ty
    }

    fn bin(&mut self, op: BinOp, a: Val, b: Val) -> Val {
        ops::bin(op, a, b)
    }

    fn un(&mut self, op: UnOp, a: Val) -> Val {
        ops::un(op, a)
    }

    fn cmp(&mut self, cc: Cmp, a: Val, b: Val) -> Val {
        ops::cmp(cc, a, b)
    }

    fn fcmp(&mut self, cc: FCmp, a: Val, b: Val) -> Val {
        ops::fcmp(cc, a, b)
    }

    fn select(&mut self, c: Val, a: Val, b: Val) -> Val {
        if c.bits != 0 {
            a
        } else {
            b
        }
    }

    fn conv(&mut self, op: Conv, to: Ty, a: Val) -> Val {
        ops::conv(op, to, a)
    }
}

impl Emit for Interp<'_> {
    fn begin_insn(&mut self, pc: u64) {
        if !self.stopped() {
            self.pc = pc;
            self.insns += 1;
        }
    }

    fn get(&mut self, ty: Ty, off: u32) -> Val {
        // SAFETY: offsets come from the frontend's state layout.
        let p = unsafe { self.state.add(off as usize) };
        v(Self::read_raw(p, ty), ty)
    }

    fn set(&mut self, off: u32, x: Val) {
        if self.stopped() {
            return;
        }
        // SAFETY: offsets come from the frontend's state layout.
        let p = unsafe { self.state.add(off as usize) };
        Self::write_raw(p, x.ty, x.bits);
    }

    fn load(&mut self, ty: Ty, addr: Val) -> Val {
        if self.stopped() {
            return v(0, ty);
        }
        match self
            .mem
            .host_range(addr.bits, ty.bytes() as u64, Access::Read)
        {
            Ok(p) => {
                let raw = Self::read_raw(p, ty);
                v(self.swap(raw, ty), ty)
            }
            Err(f) => {
                self.fault(f);
                v(0, ty)
            }
        }
    }

    fn store(&mut self, addr: Val, x: Val) {
        if self.stopped() {
            return;
        }
        match self
            .mem
            .host_range(addr.bits, x.ty.bytes() as u64, Access::Write)
        {
            Ok(p) => Self::write_raw(p, x.ty, self.swap(x.bits, x.ty)),
            Err(f) => self.fault(f),
        }
    }

    fn cas(&mut self, addr: Val, expected: Val, new: Val) -> Val {
        let old = self.load(expected.ty, addr);
        if self.stopped() {
            return old;
        }
        // Check writability even when the comparison fails, as a locked access does.
        if let Err(f) = self
            .mem
            .check(addr.bits, new.ty.bytes() as u64, Access::Write)
        {
            self.fault(f);
            return old;
        }
        if old.bits == expected.bits {
            self.store(addr, new);
        }
        old
    }

    fn atomic_rmw(&mut self, op: RmwOp, addr: Val, x: Val) -> Val {
        // Guests run one thread for now, so a plain read-modify-write is atomic.
        let old = self.load(x.ty, addr);
        let new = match op {
            RmwOp::Add => ops::bin(BinOp::Add, old, x),
            RmwOp::Sub => ops::bin(BinOp::Sub, old, x),
            RmwOp::And => ops::bin(BinOp::And, old, x),
            RmwOp::Or => ops::bin(BinOp::Or, old, x),
            RmwOp::Xor => ops::bin(BinOp::Xor, old, x),
            RmwOp::Xchg => x,
        };
        self.store(addr, new);
        old
    }

    fn call(&mut self, h: &'static Helper, args: &[Val]) -> Val {
        if self.stopped() {
            return v(0, Ty::I64);
        }
        let a = |i: usize| args.get(i).map_or(0, |x| x.bits);
        // SAFETY: helpers are called with the state pointer they are written for.
        let r = unsafe { (h.func)(self.state, a(0), a(1), a(2)) };
        v(r, Ty::I64)
    }

    fn exit_if(&mut self, c: Val, exit: Exit) {
        if c.bits != 0 {
            self.exit(exit);
        }
    }

    fn exit(&mut self, exit: Exit) {
        let e = match exit {
            Exit::Jump(pc) => InterpExit::Jump(pc),
            Exit::Syscall { next } => InterpExit::Syscall { next },
            Exit::Signal { sig, code, pc } => InterpExit::Signal { sig, code, pc },
            Exit::HelperFault { pc } => InterpExit::HelperFault { pc },
        };
        self.stop(e);
    }

    fn exit_indirect(&mut self, pc: Val) {
        self.stop(InterpExit::Indirect(pc.bits));
    }

    fn exit_branch(&mut self, c: Val, taken: u64, not_taken: u64) {
        self.stop(InterpExit::Jump(if c.bits != 0 {
            taken
        } else {
            not_taken
        }));
    }
}

/// Plain arithmetic on numbers, for semantics that need no state (flag computations in helpers).
pub struct Calc;

impl Arith for Calc {
    type V = Val;
    fn iconst(&mut self, ty: Ty, bits: u64) -> Val {
        v(bits, ty)
    }
    fn ty(&self, x: Val) -> Ty {
        x.ty
    }
    fn bin(&mut self, op: BinOp, a: Val, b: Val) -> Val {
        ops::bin(op, a, b)
    }
    fn un(&mut self, op: UnOp, a: Val) -> Val {
        ops::un(op, a)
    }
    fn cmp(&mut self, cc: Cmp, a: Val, b: Val) -> Val {
        ops::cmp(cc, a, b)
    }
    fn fcmp(&mut self, cc: FCmp, a: Val, b: Val) -> Val {
        ops::fcmp(cc, a, b)
    }
    fn select(&mut self, c: Val, a: Val, b: Val) -> Val {
        if c.bits != 0 {
            a
        } else {
            b
        }
    }
    fn conv(&mut self, op: Conv, to: Ty, a: Val) -> Val {
        ops::conv(op, to, a)
    }
}
