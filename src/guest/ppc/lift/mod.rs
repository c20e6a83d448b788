//! The PowerPC lifter: one function per instruction, files by ISA chapter (fixed-point, CR,
//! branch, load/store, floating point), over the register, CR and XER plumbing in [`Cx`].
//!
//! The register width is a parameter ([`Cx::word`]): I32 for ppc32, I64 for ppc64; effective
//! addresses are computed at that width and zero-extended.

mod branch;
mod cr;
mod fixed;
mod fp;
mod ldst;

use super::decode::Insn;
use super::insns::Op;
use super::state as st;
use crate::emit::{ArithExt, Cmp, Emit, Exit, Ty};

/// SIGILL's si_code for an illegal opcode.
pub const ILL_ILLOPC: u8 = 1;

/// Lifting context for one block.
pub struct Cx<'e, E: Emit> {
    pub e: &'e mut E,
    pub i: Insn,
    pub pc: u64,
    /// The register width: I32 for ppc32, I64 for ppc64.
    pub word: Ty,
    /// Set when the instruction ended the block.
    pub ended: bool,
}

/// CR field bits.
pub const LT: u64 = 8;
pub const GT: u64 = 4;
pub const EQ: u64 = 2;
pub const SO: u64 = 1;

impl<'e, E: Emit> Cx<'e, E> {
    pub fn new(e: &'e mut E, word: Ty) -> Self {
        let i = super::decode::decode(0x6000_0000).expect("nop decodes");
        Cx {
            e,
            i,
            pc: 0,
            word,
            ended: false,
        }
    }

    pub fn next_pc(&self) -> u64 {
        self.pc.wrapping_add(4)
    }

    /// A constant of the register width.
    pub fn k(&mut self, v: u64) -> E::V {
        self.e.iconst(self.word, v)
    }

    /// GPR `n` at the register width.
    pub fn gpr(&mut self, n: u32) -> E::V {
        self.e.get(self.word, st::gpr(n))
    }
    pub fn set_gpr(&mut self, n: u32, v: E::V) {
        let v = self.e.zext_to(self.word, v);
        self.e.set(st::gpr(n), v)
    }
    /// `(RA|0)`: GPR `ra`, or 0 when `ra` is 0.
    pub fn gpr_or_zero(&mut self, ra: u32) -> E::V {
        if ra == 0 {
            self.k(0)
        } else {
            self.gpr(ra)
        }
    }

    /// `(RA|0) + d`, as a guest address (I64).
    pub fn ea_d(&mut self, ra: u32, d: i64) -> E::V {
        let b = self.gpr_or_zero(ra);
        let a = self.e.addk(b, d as u64);
        self.e.zext_to(Ty::I64, a)
    }
    /// `(RA|0) + (RB)`, as a guest address (I64).
    pub fn ea_x(&mut self, ra: u32, rb: u32) -> E::V {
        let b = self.gpr_or_zero(ra);
        let x = self.gpr(rb);
        let a = self.e.add(b, x);
        self.e.zext_to(Ty::I64, a)
    }

    pub fn lr(&mut self) -> E::V {
        self.e.get(self.word, st::LR)
    }
    pub fn set_lr(&mut self, v: E::V) {
        self.e.set(st::LR, v)
    }
    pub fn ctr(&mut self) -> E::V {
        self.e.get(self.word, st::CTR)
    }
    pub fn set_ctr(&mut self, v: E::V) {
        self.e.set(st::CTR, v)
    }

    /// CR field `f` (4 bits in an I8).
    pub fn cr(&mut self, f: u32) -> E::V {
        self.e.get(Ty::I8, st::cr(f))
    }
    pub fn set_cr(&mut self, f: u32, v: E::V) {
        let v = self.e.zext_to(Ty::I8, v);
        self.e.set(st::cr(f), v)
    }
    /// CR bit `b` (0 = CR0.LT … 31 = CR7.SO) as an I8 0/1.
    pub fn cr_bit(&mut self, b: u32) -> E::V {
        let f = self.cr(b / 4);
        self.e.bit(f, 3 - b % 4)
    }
    /// Sets CR bit `b` from an I8 0/1.
    pub fn set_cr_bit(&mut self, b: u32, v: E::V) {
        let f = self.cr(b / 4);
        let sh = 3 - b % 4;
        let f = self.e.andk(f, !(1u64 << sh));
        let v = self.e.shlk(v, sh as u64);
        let nv = self.e.or(f, v);
        self.set_cr(b / 4, nv);
    }

    /// XER bits as I8 0/1.
    pub fn ca(&mut self) -> E::V {
        self.e.get(Ty::I8, st::XER_CA)
    }
    pub fn set_ca(&mut self, v: E::V) {
        let v = self.e.zext_to(Ty::I8, v);
        self.e.set(st::XER_CA, v)
    }
    pub fn so(&mut self) -> E::V {
        self.e.get(Ty::I8, st::XER_SO)
    }
    /// Sets OV and ORs it into SO (what every OE=1 instruction does).
    pub fn set_ov(&mut self, ov: E::V) {
        let ov = self.e.zext_to(Ty::I8, ov);
        self.e.set(st::XER_OV, ov);
        let so = self.so();
        let so = self.e.or(so, ov);
        self.e.set(st::XER_SO, so);
    }

    /// CR field `f` from a signed (or unsigned) comparison of `a` and `b`, with SO from XER.
    pub fn set_cr_cmp(&mut self, f: u32, a: E::V, b: E::V, signed: bool) {
        let (lt, gt) = if signed {
            (Cmp::Slt, Cmp::Sgt)
        } else {
            (Cmp::Ult, Cmp::Ugt)
        };
        let l = self.e.cmp(lt, a, b);
        let g = self.e.cmp(gt, a, b);
        let q = self.e.cmp(Cmp::Eq, a, b);
        let l = self.e.shlk(l, 3);
        let g = self.e.shlk(g, 2);
        let q = self.e.shlk(q, 1);
        let so = self.so();
        let v = self.e.or(l, g);
        let v = self.e.or(v, q);
        let v = self.e.or(v, so);
        self.set_cr(f, v);
    }

    /// CR0 from a result (Rc=1): compared with zero at the register width.
    pub fn set_cr0(&mut self, res: E::V) {
        let z = self.e.iconst(self.e.ty(res), 0);
        self.set_cr_cmp(0, res, z, true);
    }

    /// Sets CR0 from `res` if the instruction's Rc bit is set.
    pub fn rc(&mut self, res: E::V) {
        if self.i.rc() {
            self.set_cr0(res);
        }
    }

    pub fn jump(&mut self, target: u64) {
        self.e.exit(Exit::Jump(target));
        self.ended = true;
    }

    pub fn raise(&mut self, sig: u8, code: u8) {
        let pc = self.pc;
        self.e.exit(Exit::Signal { sig, code, pc });
        self.ended = true;
    }

    /// An instruction egret does not implement: SIGILL, as on a CPU without it.
    pub fn unimplemented(&mut self) {
        self.raise(libc::SIGILL as u8, ILL_ILLOPC);
    }
}

/// Lifts one decoded instruction.
pub fn lift_insn<E: Emit>(cx: &mut Cx<'_, E>, i: Insn, pc: u64) {
    cx.i = i;
    cx.pc = pc;
    cx.e.begin_insn(pc);
    let handled = lift_known(cx, i.op);
    if !handled {
        cx.unimplemented();
    }
}

fn lift_known<E: Emit>(cx: &mut Cx<'_, E>, op: Op) -> bool {
    fixed::lift(cx, op)
        || cr::lift(cx, op)
        || branch::lift(cx, op)
        || ldst::lift(cx, op)
        || fp::lift(cx, op)
}
