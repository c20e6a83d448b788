//! [`Emit`] for Cranelift: builds one TB function.
//!
//! Guest state fields read or written in the TB are cached in SSA values (the TB is one straight
//! line plus side exits) and written back at exits and before helpers that read the state.

use super::chain::{IndirectCache, JumpTable};
use super::runtime::{exit_word, ExitKind, JitStats};
use super::JitConfig;
use crate::emit::{Arith, BinOp, Cmp, Conv, Emit, Exit, FCmp, Helper, RmwOp, Ty, UnOp};
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::immediates::{Ieee32, Ieee64};
use cranelift_codegen::ir::{self, types, AbiParam, InstBuilder, MemFlagsData, SourceLoc, Value};
use cranelift_frontend::FunctionBuilder;

/// Where guest memory is and how TBs reach the guest pc.
#[derive(Clone, Copy, Debug)]
pub struct GuestMemLayout {
    /// Host address of guest address 0.
    pub base: u64,
    /// Guest addresses are confined with this mask.
    pub mask: u64,
    pub big_endian: bool,
    /// Offset of the guest pc (a u64) in the state.
    pub pc_offset: u32,
}

struct CachedField {
    off: u32,
    val: Value,
    dirty: bool,
}

/// Builds the IR of one TB.
pub struct ClifEmitter<'a> {
    b: FunctionBuilder<'a>,
    state: Value,
    ptr: ir::Type,
    tb_pc: u64,
    mem: GuestMemLayout,
    tb_sig: ir::SigRef,
    table: &'a mut JumpTable,
    cache_base: usize,
    stats: *const JitStats,
    config: &'a JitConfig,
    fields: Vec<CachedField>,
    terminated: bool,
    frontend: cranelift_codegen::isa::TargetFrontendConfig,
}

fn clif(ty: Ty) -> ir::Type {
    match ty {
        Ty::I8 => types::I8,
        Ty::I16 => types::I16,
        Ty::I32 => types::I32,
        Ty::I64 => types::I64,
        Ty::F32 => types::F32,
        Ty::F64 => types::F64,
    }
}

fn from_clif(t: ir::Type) -> Ty {
    match t {
        types::I8 => Ty::I8,
        types::I16 => Ty::I16,
        types::I32 => Ty::I32,
        types::F32 => Ty::F32,
        types::F64 => Ty::F64,
        _ => Ty::I64,
    }
}

/// Guest memory accesses may fault (the host signal handler maps the fault back to the guest).
fn mem_flags() -> MemFlagsData {
    MemFlagsData::new()
}

fn trusted() -> MemFlagsData {
    MemFlagsData::trusted()
}

impl<'a> ClifEmitter<'a> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn new(
        mut b: FunctionBuilder<'a>,
        state: Value,
        ptr: ir::Type,
        tb_pc: u64,
        mem: GuestMemLayout,
        tb_sig: &ir::Signature,
        table: &'a mut JumpTable,
        cache: &IndirectCache,
        stats: &JitStats,
        config: &'a JitConfig,
        frontend: cranelift_codegen::isa::TargetFrontendConfig,
    ) -> ClifEmitter<'a> {
        let tb_sig = b.import_signature(tb_sig.clone());
        ClifEmitter {
            b,
            state,
            ptr,
            tb_pc,
            mem,
            tb_sig,
            table,
            cache_base: cache.base_addr(),
            stats,
            config,
            fields: Vec::new(),
            terminated: false,
            frontend,
        }
    }

    /// Adds 1 to a `--stats` counter.
    fn bump(&mut self, counter: *const u64) {
        if !self.config.stats {
            return;
        }
        let a = self.b.ins().iconst(self.ptr, counter as i64);
        let v = self.b.ins().load(types::I64, trusted(), a, 0);
        let v = self.b.ins().iadd_imm_u(v, 1);
        self.b.ins().store(trusted(), v, a, 0);
    }

    pub(super) fn count_tb_entry(&mut self) {
        // SAFETY: only the address of the field is taken.
        let p = unsafe { &raw const (*self.stats).tb_exec };
        self.bump(p);
    }

    /// Writes back dirty cached fields; `keep_dirty` leaves them marked (for side exits).
    fn flush(&mut self, keep_dirty: bool) {
        for i in 0..self.fields.len() {
            if self.fields[i].dirty {
                let f = &self.fields[i];
                let (off, val) = (f.off, f.val);
                self.b.ins().store(trusted(), val, self.state, off as i32);
                if !keep_dirty {
                    self.fields[i].dirty = false;
                }
            }
        }
    }

    fn store_pc(&mut self, pc: u64) {
        let v = self.b.ins().iconst(types::I64, pc as i64);
        self.b
            .ins()
            .store(trusted(), v, self.state, self.mem.pc_offset as i32);
    }

    fn ret_word(&mut self, w: u64) {
        let v = self.b.ins().iconst(types::I64, w as i64);
        self.b.ins().return_(&[v]);
    }

    /// Host address of a guest address.
    fn host_addr(&mut self, addr: Value) -> Value {
        let a = if self.mem.mask == u32::MAX as u64 {
            let lo = self.b.ins().ireduce(types::I32, addr);
            self.b.ins().uextend(types::I64, lo)
        } else {
            self.b.ins().band_imm_u(addr, self.mem.mask as i64)
        };
        self.b.ins().iadd_imm_u(a, self.mem.base as i64)
    }

    fn swap_if_big(&mut self, v: Value) -> Value {
        let t = self.b.func.dfg.value_type(v);
        if self.mem.big_endian && t.bits() > 8 {
            self.b.ins().bswap(v)
        } else {
            v
        }
    }

    /// Emits one exit (the current block ends).
    fn emit_exit(&mut self, exit: Exit, keep_dirty: bool) {
        self.flush(keep_dirty);
        match exit {
            Exit::Jump(target) => self.jump_through_slot(target),
            Exit::Syscall { next } => {
                self.store_pc(next);
                self.ret_word(exit_word(ExitKind::Syscall, 0));
            }
            Exit::Signal { sig, code, pc } => {
                self.store_pc(pc);
                self.ret_word(exit_word(ExitKind::Signal, sig as u64 | (code as u64) << 8));
            }
            Exit::HelperFault { pc } => {
                self.store_pc(pc);
                self.ret_word(exit_word(ExitKind::HelperFault, 0));
            }
        }
    }

    fn jump_through_slot(&mut self, target: u64) {
        match self.table.alloc(target) {
            Some(slot) => {
                // SAFETY: only the address of the field is taken.
                let p = unsafe { &raw const (*self.stats).slot_exits };
                self.bump(p);
                let a = self
                    .b
                    .ins()
                    .iconst(self.ptr, self.table.slot_addr(slot) as i64);
                let code = self.b.ins().load(self.ptr, trusted(), a, 0);
                let w = self
                    .b
                    .ins()
                    .iconst(types::I64, exit_word(ExitKind::Slot, slot.0 as u64) as i64);
                let st = self.state;
                let sig = self.tb_sig;
                self.b.ins().return_call_indirect(sig, code, &[st, w]);
            }
            None => {
                // The table is full: leave through the dispatcher, which will flush.
                self.store_pc(target);
                self.ret_word(exit_word(ExitKind::IndirectMiss, 0));
            }
        }
    }

    pub(super) fn finish(mut self) {
        assert!(
            self.terminated,
            "lifter left TB at {:#x} without an exit",
            self.tb_pc
        );
        self.b.seal_all_blocks();
        self.b.finalize(self.frontend);
    }
}

impl Arith for ClifEmitter<'_> {
    type V = Value;

    fn iconst(&mut self, ty: Ty, v: u64) -> Value {
        match ty {
            Ty::F32 => self.b.ins().f32const(Ieee32::with_bits(v as u32)),
            Ty::F64 => self.b.ins().f64const(Ieee64::with_bits(v)),
            _ => self.b.ins().iconst(clif(ty), (v & ty.mask()) as i64),
        }
    }

    fn ty(&self, v: Value) -> Ty {
        from_clif(self.b.func.dfg.value_type(v))
    }

    fn bin(&mut self, op: BinOp, a: Value, b: Value) -> Value {
        let i = self.b.ins();
        match op {
            BinOp::Add => i.iadd(a, b),
            BinOp::Sub => i.isub(a, b),
            BinOp::Mul => i.imul(a, b),
            BinOp::UMulHi | BinOp::SMulHi => {
                let t = self.b.func.dfg.value_type(a);
                if t == types::I64 {
                    if op == BinOp::UMulHi {
                        self.b.ins().umulhi(a, b)
                    } else {
                        self.b.ins().smulhi(a, b)
                    }
                } else {
                    let (wa, wb) = if op == BinOp::UMulHi {
                        (
                            self.b.ins().uextend(types::I64, a),
                            self.b.ins().uextend(types::I64, b),
                        )
                    } else {
                        (
                            self.b.ins().sextend(types::I64, a),
                            self.b.ins().sextend(types::I64, b),
                        )
                    };
                    let p = self.b.ins().imul(wa, wb);
                    let hi = self.b.ins().ushr_imm_u(p, t.bits() as i64);
                    self.b.ins().ireduce(t, hi)
                }
            }
            BinOp::UDiv => i.udiv(a, b),
            BinOp::SDiv => i.sdiv(a, b),
            BinOp::URem => i.urem(a, b),
            BinOp::SRem => i.srem(a, b),
            BinOp::And => i.band(a, b),
            BinOp::Or => i.bor(a, b),
            BinOp::Xor => i.bxor(a, b),
            BinOp::Shl => i.ishl(a, b),
            BinOp::LShr => i.ushr(a, b),
            BinOp::AShr => i.sshr(a, b),
            BinOp::Rotl => i.rotl(a, b),
            BinOp::Rotr => i.rotr(a, b),
            BinOp::FAdd => i.fadd(a, b),
            BinOp::FSub => i.fsub(a, b),
            BinOp::FMul => i.fmul(a, b),
            BinOp::FDiv => i.fdiv(a, b),
        }
    }

    fn un(&mut self, op: UnOp, a: Value) -> Value {
        let t = self.b.func.dfg.value_type(a);
        let i = self.b.ins();
        match op {
            UnOp::Not => i.bnot(a),
            UnOp::Neg => i.ineg(a),
            UnOp::Clz => i.clz(a),
            UnOp::Ctz => i.ctz(a),
            UnOp::Popcnt => i.popcnt(a),
            UnOp::Bswap if t == types::I8 => a,
            UnOp::Bswap => i.bswap(a),
            UnOp::FNeg => i.fneg(a),
            UnOp::FAbs => i.fabs(a),
            UnOp::FSqrt => i.sqrt(a),
        }
    }

    fn cmp(&mut self, cc: Cmp, a: Value, b: Value) -> Value {
        let cc = match cc {
            Cmp::Eq => IntCC::Equal,
            Cmp::Ne => IntCC::NotEqual,
            Cmp::Ult => IntCC::UnsignedLessThan,
            Cmp::Ule => IntCC::UnsignedLessThanOrEqual,
            Cmp::Ugt => IntCC::UnsignedGreaterThan,
            Cmp::Uge => IntCC::UnsignedGreaterThanOrEqual,
            Cmp::Slt => IntCC::SignedLessThan,
            Cmp::Sle => IntCC::SignedLessThanOrEqual,
            Cmp::Sgt => IntCC::SignedGreaterThan,
            Cmp::Sge => IntCC::SignedGreaterThanOrEqual,
        };
        self.b.ins().icmp(cc, a, b)
    }

    fn fcmp(&mut self, cc: FCmp, a: Value, b: Value) -> Value {
        let cc = match cc {
            FCmp::Eq => FloatCC::Equal,
            FCmp::Lt => FloatCC::LessThan,
            FCmp::Le => FloatCC::LessThanOrEqual,
            FCmp::Unordered => FloatCC::Unordered,
        };
        self.b.ins().fcmp(cc, a, b)
    }

    fn select(&mut self, c: Value, a: Value, b: Value) -> Value {
        self.b.ins().select(c, a, b)
    }

    fn conv(&mut self, op: Conv, to: Ty, a: Value) -> Value {
        let t = clif(to);
        match op {
            Conv::Uext => self.b.ins().uextend(t, a),
            Conv::Sext => self.b.ins().sextend(t, a),
            Conv::Trunc => self.b.ins().ireduce(t, a),
            Conv::Bitcast => self.b.ins().bitcast(t, MemFlagsData::new(), a),
            Conv::SIntToF => self.b.ins().fcvt_from_sint(t, a),
            Conv::FToSIntTrunc => {
                let from = self.b.func.dfg.value_type(a);
                let r = self.b.ins().fcvt_to_sint_sat(t, a);
                let bits = to.bits();
                let (lo, hi) = if from == types::F64 {
                    (
                        self.b.ins().f64const(-(2f64.powi(bits as i32 - 1))),
                        self.b.ins().f64const(2f64.powi(bits as i32 - 1)),
                    )
                } else {
                    (
                        self.b.ins().f32const(-(2f32.powi(bits as i32 - 1))),
                        self.b.ins().f32const(2f32.powi(bits as i32 - 1)),
                    )
                };
                let ge = self.b.ins().fcmp(FloatCC::GreaterThanOrEqual, a, lo);
                let lt = self.b.ins().fcmp(FloatCC::LessThan, a, hi);
                let ok = self.b.ins().band(ge, lt);
                let indefinite = self
                    .b
                    .ins()
                    .iconst(t, (1u64 << (bits - 1)) as i64 & to.mask() as i64);
                self.b.ins().select(ok, r, indefinite)
            }
            Conv::FConvert => {
                let from = self.b.func.dfg.value_type(a);
                if from.bits() < t.bits() {
                    self.b.ins().fpromote(t, a)
                } else if from.bits() > t.bits() {
                    self.b.ins().fdemote(t, a)
                } else {
                    a
                }
            }
        }
    }
}

impl Emit for ClifEmitter<'_> {
    fn begin_insn(&mut self, pc: u64) {
        self.b
            .set_srcloc(SourceLoc::new(pc.wrapping_sub(self.tb_pc) as u32));
    }

    fn get(&mut self, ty: Ty, off: u32) -> Value {
        if let Some(f) = self.fields.iter().find(|f| f.off == off) {
            return f.val;
        }
        let v = self
            .b
            .ins()
            .load(clif(ty), trusted(), self.state, off as i32);
        self.fields.push(CachedField {
            off,
            val: v,
            dirty: false,
        });
        v
    }

    fn set(&mut self, off: u32, v: Value) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.off == off) {
            f.val = v;
            f.dirty = true;
        } else {
            self.fields.push(CachedField {
                off,
                val: v,
                dirty: true,
            });
        }
    }

    fn load(&mut self, ty: Ty, addr: Value) -> Value {
        let h = self.host_addr(addr);
        let ity = match ty {
            Ty::F32 => types::I32,
            Ty::F64 => types::I64,
            t => clif(t),
        };
        let v = self.b.ins().load(ity, mem_flags(), h, 0);
        let v = self.swap_if_big(v);
        if ty.is_float() {
            self.b.ins().bitcast(clif(ty), MemFlagsData::new(), v)
        } else {
            v
        }
    }

    fn store(&mut self, addr: Value, v: Value) {
        let h = self.host_addr(addr);
        let t = self.b.func.dfg.value_type(v);
        let v = if t.is_float() {
            let it = if t == types::F32 {
                types::I32
            } else {
                types::I64
            };
            self.b.ins().bitcast(it, MemFlagsData::new(), v)
        } else {
            v
        };
        let v = self.swap_if_big(v);
        self.b.ins().store(mem_flags(), v, h, 0);
    }

    fn cas(&mut self, addr: Value, expected: Value, new: Value) -> Value {
        let h = self.host_addr(addr);
        let e = self.swap_if_big(expected);
        let n = self.swap_if_big(new);
        let old = self.b.ins().atomic_cas(mem_flags(), h, e, n);
        self.swap_if_big(old)
    }

    fn atomic_rmw(&mut self, op: RmwOp, addr: Value, v: Value) -> Value {
        let h = self.host_addr(addr);
        let ty = self.b.func.dfg.value_type(v);
        let op = match op {
            RmwOp::Add => ir::AtomicRmwOp::Add,
            RmwOp::Sub => ir::AtomicRmwOp::Sub,
            RmwOp::And => ir::AtomicRmwOp::And,
            RmwOp::Or => ir::AtomicRmwOp::Or,
            RmwOp::Xor => ir::AtomicRmwOp::Xor,
            RmwOp::Xchg => ir::AtomicRmwOp::Xchg,
        };
        if self.mem.big_endian
            && ty.bits() > 8
            && op != ir::AtomicRmwOp::Xchg
            && op != ir::AtomicRmwOp::And
            && op != ir::AtomicRmwOp::Or
            && op != ir::AtomicRmwOp::Xor
        {
            // Arithmetic on byte-swapped memory needs a CAS loop; big-endian guests use
            // load-reserve/store-conditional instead, which lift to `cas`.
            panic!("atomic arithmetic on big-endian memory is not supported");
        }
        let v = self.swap_if_big(v);
        let old = self.b.ins().atomic_rmw(ty, mem_flags(), op, h, v);
        self.swap_if_big(old)
    }

    fn call(&mut self, h: &'static Helper, args: &[Value]) -> Value {
        if h.reads_state {
            self.flush(false);
        }
        let mut sig = ir::Signature::new(self.b.func.signature.call_conv);
        // Helpers use the host's C convention regardless of the TB's.
        sig.call_conv =
            cranelift_codegen::isa::CallConv::triple_default(&target_lexicon::Triple::host());
        sig.params.push(AbiParam::new(self.ptr));
        for _ in 0..3 {
            sig.params.push(AbiParam::new(types::I64));
        }
        sig.returns.push(AbiParam::new(types::I64));
        let sref = self.b.import_signature(sig);
        let f = self.b.ins().iconst(self.ptr, h.func as usize as i64);
        let mut a = vec![self.state];
        for i in 0..3 {
            a.push(match args.get(i) {
                Some(&v) => v,
                None => self.b.ins().iconst(types::I64, 0),
            });
        }
        let call = self.b.ins().call_indirect(sref, f, &a);
        let r = self.b.inst_results(call)[0];
        if h.writes_state {
            self.fields.clear();
        }
        r
    }

    fn exit_if(&mut self, c: Value, exit: Exit) {
        let side = self.b.create_block();
        let cont = self.b.create_block();
        self.b.ins().brif(c, side, &[], cont, &[]);
        self.b.switch_to_block(side);
        self.emit_exit(exit, true);
        self.b.switch_to_block(cont);
    }

    fn exit(&mut self, exit: Exit) {
        self.emit_exit(exit, false);
        self.terminated = true;
    }

    fn exit_indirect(&mut self, pc: Value) {
        self.flush(false);
        let h = self.b.ins().ushr_imm_u(pc, IndirectCache::SHIFT as i64);
        let x = self.b.ins().bxor(pc, h);
        let idx = self.b.ins().band_imm_u(x, IndirectCache::MASK as i64);
        let off = self.b.ins().ishl_imm_u(idx, 4);
        let entry = self.b.ins().iadd_imm_u(off, self.cache_base as i64);
        let epc = self.b.ins().load(types::I64, trusted(), entry, 0);
        let hit = self.b.ins().icmp(IntCC::Equal, epc, pc);
        let bhit = self.b.create_block();
        let bmiss = self.b.create_block();
        self.b.ins().brif(hit, bhit, &[], bmiss, &[]);
        self.b.switch_to_block(bhit);
        // SAFETY: only the address of the field is taken.
        let p = unsafe { &raw const (*self.stats).indirect_hits };
        self.bump(p);
        let code = self.b.ins().load(self.ptr, trusted(), entry, 8);
        let zero = self.b.ins().iconst(types::I64, 0);
        let st = self.state;
        let sig = self.tb_sig;
        self.b.ins().return_call_indirect(sig, code, &[st, zero]);
        self.b.switch_to_block(bmiss);
        self.b
            .ins()
            .store(trusted(), pc, self.state, self.mem.pc_offset as i32);
        self.ret_word(exit_word(ExitKind::IndirectMiss, 0));
        self.terminated = true;
    }

    fn exit_branch(&mut self, c: Value, taken: u64, not_taken: u64) {
        self.flush(false);
        let bt = self.b.create_block();
        let bn = self.b.create_block();
        self.b.ins().brif(c, bt, &[], bn, &[]);
        self.b.switch_to_block(bt);
        self.jump_through_slot(taken);
        self.b.switch_to_block(bn);
        self.jump_through_slot(not_taken);
        self.terminated = true;
    }
}
