//! The x86 lifter: one function per instruction (grouped by family in the files beside this),
//! over the operand and flag plumbing in [`Cx`].
//!
//! Operand conventions follow the hardware: 32-bit register writes zero the upper half, 8- and
//! 16-bit writes merge; memory operands add the FS/GS base when prefixed.

mod alu;
mod bits;
mod control;
pub mod flags;
#[cfg(test)]
mod int_tests;
mod misc;
mod muldiv;
mod shift;
mod sse;
#[cfg(test)]
mod sse_test;
mod ssefp;
mod string;
mod x87;

use super::state as st;
use crate::emit::{ArithExt, Cmp, Conv, Emit, Exit, Ty};
use flags::{CcOp, Flag, Record};
use iced_x86::{Code, ConditionCode, Instruction, Mnemonic, OpKind, Register};

/// SIGILL's si_code for an illegal operand/opcode (what Linux reports for #UD).
pub const ILL_ILLOPN: u8 = 2;

/// Lifting context for one block.
pub struct Cx<'e, E: Emit> {
    pub e: &'e mut E,
    /// The flag record, when an instruction of this block set it.
    pub known: Option<Record<E::V>>,
    /// The instruction being lifted.
    pub i: Instruction,
    /// Set when the instruction ended the block.
    pub ended: bool,
    /// No flag this instruction writes is read afterwards: don't record them in the state.
    pub flags_dead: bool,
}

/// Where an operand lives.
#[derive(Clone, Copy)]
pub enum Loc<V> {
    Reg(Register),
    Mem(V),
    Imm(u64),
}

/// Index 0–15 of a general register.
pub fn gpr_index(r: Register) -> usize {
    (r.full_register() as usize).wrapping_sub(Register::RAX as usize) & 15
}

fn is_high_byte(r: Register) -> bool {
    matches!(r, Register::AH | Register::CH | Register::DH | Register::BH)
}

impl<'e, E: Emit> Cx<'e, E> {
    pub fn new(e: &'e mut E) -> Self {
        Cx {
            e,
            known: None,
            i: Instruction::default(),
            ended: false,
            flags_dead: false,
        }
    }

    pub fn pc(&self) -> u64 {
        self.i.ip()
    }
    pub fn next_pc(&self) -> u64 {
        self.i.next_ip()
    }

    // ---- registers ----

    /// Reads a general register at its own width (AH reads bits 8–15 of RAX).
    pub fn get_reg(&mut self, r: Register) -> E::V {
        let full = self.e.get(Ty::I64, st::gpr(gpr_index(r)));
        let ty = Ty::int(r.size() as u32);
        if is_high_byte(r) {
            let s = self.e.lshrk(full, 8);
            return self.e.zext_to(Ty::I8, s);
        }
        self.e.zext_to(ty, full)
    }

    /// Writes a general register with x86's rules for partial writes.
    pub fn set_reg(&mut self, r: Register, v: E::V) {
        let idx = gpr_index(r);
        let off = st::gpr(idx);
        let ty = self.e.ty(v);
        let full = match (ty, is_high_byte(r)) {
            (Ty::I64, _) => v,
            (Ty::I32, _) => self.e.conv(Conv::Uext, Ty::I64, v),
            (_, high) => {
                let old = self.e.get(Ty::I64, off);
                let shift = if high { 8 } else { 0 };
                let keep = !(ty.mask() << shift);
                let old = self.e.andk(old, keep);
                let nv = self.e.conv(Conv::Uext, Ty::I64, v);
                let nv = self.e.shlk(nv, shift);
                self.e.or(old, nv)
            }
        };
        self.e.set(off, full);
    }

    pub fn get_gpr64(&mut self, idx: usize) -> E::V {
        self.e.get(Ty::I64, st::gpr(idx))
    }
    pub fn set_gpr64(&mut self, idx: usize, v: E::V) {
        self.e.set(st::gpr(idx), v)
    }

    pub fn k64(&mut self, v: u64) -> E::V {
        self.e.iconst(Ty::I64, v)
    }

    // ---- operands ----

    /// The effective address of the memory operand (segment base included).
    pub fn ea(&mut self) -> E::V {
        let i = self.i;
        let mut a = if i.is_ip_rel_memory_operand() {
            self.k64(i.ip_rel_memory_address())
        } else {
            let mut a = self.k64(i.memory_displacement64());
            if i.memory_base() != Register::None {
                let b = self.get_reg(i.memory_base());
                let b = self.e.zext_to(Ty::I64, b);
                a = self.e.add(a, b);
            }
            if i.memory_index() != Register::None {
                let x = self.get_reg(i.memory_index());
                let x = self.e.zext_to(Ty::I64, x);
                let x = self
                    .e
                    .shlk(x, i.memory_index_scale().trailing_zeros() as u64);
                a = self.e.add(a, x);
            }
            if i.memory_base().size() == 4 || i.memory_index().size() == 4 {
                a = self.e.andk(a, 0xffff_ffff);
            }
            a
        };
        match i.memory_segment() {
            Register::FS => {
                let b = self.e.get(Ty::I64, st::FS_BASE);
                a = self.e.add(a, b);
            }
            Register::GS => {
                let b = self.e.get(Ty::I64, st::GS_BASE);
                a = self.e.add(a, b);
            }
            _ => {}
        }
        a
    }

    /// Where operand `n` lives (computing the address of a memory operand).
    pub fn loc(&mut self, n: u32) -> Loc<E::V> {
        match self.i.op_kind(n) {
            OpKind::Register => Loc::Reg(self.i.op_register(n)),
            OpKind::Memory => Loc::Mem(self.ea()),
            _ => Loc::Imm(self.i.immediate(n)),
        }
    }

    /// The integer size of operand `n` (immediates take operand 0's size).
    pub fn size(&self, n: u32) -> Ty {
        match self.i.op_kind(n) {
            OpKind::Register => Ty::int(self.i.op_register(n).size() as u32),
            OpKind::Memory => Ty::int(self.i.memory_size().size() as u32),
            _ if n > 0 => self.size(0),
            OpKind::Immediate8 => Ty::I8,
            OpKind::Immediate16 => Ty::I16,
            OpKind::Immediate32 => Ty::I32,
            _ => Ty::I64,
        }
    }

    pub fn read(&mut self, l: Loc<E::V>, ty: Ty) -> E::V {
        match l {
            Loc::Reg(r) => self.get_reg(r),
            Loc::Mem(a) => self.e.load(ty, a),
            Loc::Imm(v) => self.e.iconst(ty, v),
        }
    }

    pub fn write(&mut self, l: Loc<E::V>, v: E::V) {
        match l {
            Loc::Reg(r) => self.set_reg(r, v),
            Loc::Mem(a) => self.e.store(a, v),
            Loc::Imm(_) => {}
        }
    }

    /// Reads operand `n` at size `ty`.
    pub fn src(&mut self, n: u32, ty: Ty) -> E::V {
        let l = self.loc(n);
        self.read(l, ty)
    }

    // ---- stack ----

    pub fn push(&mut self, v: E::V) {
        let sp = self.get_gpr64(st::RSP);
        let bytes = self.e.ty(v).bytes() as u64;
        let sp = self.e.addk(sp, bytes.wrapping_neg());
        self.e.store(sp, v);
        self.set_gpr64(st::RSP, sp);
    }

    pub fn pop(&mut self, ty: Ty) -> E::V {
        let sp = self.get_gpr64(st::RSP);
        let v = self.e.load(ty, sp);
        let sp = self.e.addk(sp, ty.bytes() as u64);
        self.set_gpr64(st::RSP, sp);
        v
    }

    // ---- flags ----

    /// Records the flags of an operation (values of the operation's type).
    pub fn set_flags(&mut self, op: CcOp, a: E::V, b: E::V, res: E::V, aux: E::V) {
        let ty = self.e.ty(res);
        if self.flags_dead {
            // Nothing reads these flags (see `liveness`): keep the record for this block only.
            self.known = Some(Record {
                op,
                ty,
                a,
                b,
                res,
                aux,
            });
            return;
        }
        let w = self.k64(op.encode(ty));
        self.e.set(st::CC_OP, w);
        for (off, v) in [
            (st::CC_A, a),
            (st::CC_B, b),
            (st::CC_RES, res),
            (st::CC_AUX, aux),
        ] {
            let v = self.e.zext_to(Ty::I64, v);
            self.e.set(off, v);
        }
        self.known = Some(Record {
            op,
            ty,
            a,
            b,
            res,
            aux,
        });
    }

    /// Records materialised flags (an I64 with EFLAGS bits).
    pub fn set_eflags(&mut self, eflags: E::V) {
        let z = self.k64(0);
        self.set_flags(CcOp::Eflags, z, z, eflags, z);
    }

    /// The current flag record, materialising it from the state if this block has not set it.
    pub fn record(&mut self) -> Record<E::V> {
        if let Some(r) = self.known {
            return r;
        }
        let f = self.e.call(&super::helpers::EFLAGS, &[]);
        let z = self.k64(0);
        let r = Record {
            op: CcOp::Eflags,
            ty: Ty::I64,
            a: z,
            b: z,
            res: f,
            aux: z,
        };
        self.known = Some(r);
        r
    }

    /// One flag as an I8 0/1.
    pub fn flag(&mut self, f: Flag) -> E::V {
        let r = self.record();
        flags::flag_of(self.e, &r, f)
    }

    /// All arithmetic flags as an EFLAGS-shaped I64.
    pub fn eflags(&mut self) -> E::V {
        let r = self.record();
        flags::eflags_of(self.e, &r)
    }

    /// A condition code as an I8 0/1, directly from the operands where the record allows.
    pub fn cond(&mut self, cc: ConditionCode) -> E::V {
        use ConditionCode as C;
        let r = self.record();
        let fast = match (r.op, cc) {
            (CcOp::Sub, C::b) => Some(Cmp::Ult),
            (CcOp::Sub, C::ae) => Some(Cmp::Uge),
            (CcOp::Sub, C::be) => Some(Cmp::Ule),
            (CcOp::Sub, C::a) => Some(Cmp::Ugt),
            (CcOp::Sub, C::l) => Some(Cmp::Slt),
            (CcOp::Sub, C::ge) => Some(Cmp::Sge),
            (CcOp::Sub, C::le) => Some(Cmp::Sle),
            (CcOp::Sub, C::g) => Some(Cmp::Sgt),
            (CcOp::Sub, C::e) => Some(Cmp::Eq),
            (CcOp::Sub, C::ne) => Some(Cmp::Ne),
            _ => None,
        };
        if let Some(c) = fast {
            return self.e.cmp(c, r.a, r.b);
        }
        if r.op == CcOp::Logic {
            let z = self.e.iconst(r.ty, 0);
            let c = match cc {
                C::l | C::s => Some(Cmp::Slt),
                C::ge | C::ns => Some(Cmp::Sge),
                C::le => Some(Cmp::Sle),
                C::g => Some(Cmp::Sgt),
                C::e => Some(Cmp::Eq),
                C::ne => Some(Cmp::Ne),
                _ => None,
            };
            if let Some(c) = c {
                return self.e.cmp(c, r.res, z);
            }
        }
        let (base, negate) = match cc {
            C::o => (0, false),
            C::no => (0, true),
            C::b => (1, false),
            C::ae => (1, true),
            C::e => (2, false),
            C::ne => (2, true),
            C::be => (3, false),
            C::a => (3, true),
            C::s => (4, false),
            C::ns => (4, true),
            C::p => (5, false),
            C::np => (5, true),
            C::l => (6, false),
            C::ge => (6, true),
            C::le => (7, false),
            C::g => (7, true),
            C::None => return self.e.iconst(Ty::I8, 1),
        };
        let v = match base {
            0 => self.flag(Flag::OF),
            1 => self.flag(Flag::CF),
            2 => self.flag(Flag::ZF),
            3 => {
                let c = self.flag(Flag::CF);
                let z = self.flag(Flag::ZF);
                self.e.or(c, z)
            }
            4 => self.flag(Flag::SF),
            5 => self.flag(Flag::PF),
            6 => {
                let s = self.flag(Flag::SF);
                let o = self.flag(Flag::OF);
                self.e.xor(s, o)
            }
            _ => {
                let s = self.flag(Flag::SF);
                let o = self.flag(Flag::OF);
                let l = self.e.xor(s, o);
                let z = self.flag(Flag::ZF);
                self.e.or(l, z)
            }
        };
        if negate {
            let one = self.e.iconst(Ty::I8, 1);
            self.e.xor(v, one)
        } else {
            v
        }
    }

    // ---- block ends ----

    pub fn jump(&mut self, target: u64) {
        self.e.exit(Exit::Jump(target));
        self.ended = true;
    }

    pub fn raise(&mut self, sig: u8, code: u8) {
        let pc = self.pc();
        self.e.exit(Exit::Signal { sig, code, pc });
        self.ended = true;
    }

    /// An instruction egret does not implement: SIGILL, as on a CPU without it.
    pub fn unimplemented(&mut self) {
        self.raise(libc::SIGILL as u8, ILL_ILLOPN);
    }
}

/// Lifts one instruction. Returns false if it ended the block.
pub fn lift_insn<E: Emit>(cx: &mut Cx<'_, E>, i: &Instruction) {
    cx.i = *i;
    cx.e.begin_insn(i.ip());
    if i.code() == Code::INVALID {
        cx.unimplemented();
        return;
    }
    let handled = alu::lift(cx)
        || control::lift(cx)
        || shift::lift(cx)
        || muldiv::lift(cx)
        || bits::lift(cx)
        || string::lift(cx)
        || misc::lift(cx)
        || sse::lift(cx)
        || ssefp::lift(cx)
        || x87::lift(cx);
    if !handled {
        cx.unimplemented();
    }
}

/// True if egret lifts this instruction (used by `-d unimp` and the SIGILL message).
pub fn mnemonic_name(m: Mnemonic) -> String {
    format!("{m:?}").to_lowercase()
}
