//! The JIT backend: lifts a guest block into one Cranelift function (a translation block, TB)
//! and compiles it.
//!
//! Every TB has the signature `fn(state, arg) -> exit` in the tail calling convention. Direct
//! exits tail-call through their own slot of the [`JumpTable`]; indirect exits probe the
//! [`IndirectCache`] first. A TB returns to the dispatcher only through the return stub (an
//! unpatched slot, a cache miss) or by returning an exit word itself (syscall, signal).
//!
//! Weak spot: code memory of flushed TBs is never reused (cranelift-jit cannot free single
//! functions).

mod chain;
mod emitter;
mod runtime;

pub use chain::{IndirectCache, JumpTable, SlotId};
pub use emitter::{ClifEmitter, GuestMemLayout};
pub use runtime::{exit_word, ExitKind, JitStats};

use cranelift_codegen::ir::{self, AbiParam, InstBuilder, SourceLoc, UserFuncName};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Module};
use std::time::{Duration, Instant};

/// Cranelift optimisation levels egret offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptLevel {
    None,
    Speed,
}

/// JIT configuration, from the command line.
#[derive(Clone, Debug)]
pub struct JitConfig {
    pub opt_level: OptLevel,
    /// Keep every jump-table slot pointing at the return stub.
    pub no_chain: bool,
    /// Emit counters for `--stats`.
    pub stats: bool,
    /// Keep the IR text (`-d ir`) and host disassembly (`-d out_asm`).
    pub want_ir: bool,
    pub want_asm: bool,
}

/// Errors while compiling a TB (a bug in egret, reported as one line).
#[derive(Debug)]
pub struct CompileError(pub String);

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cranelift: {}", self.0)
    }
}

/// A compiled TB.
pub struct CompiledTb {
    pub code: *const u8,
    pub size: usize,
    /// (host offset range start, end, guest pc offset from the TB start), sorted.
    pub srclocs: Vec<(u32, u32, u32)>,
    pub ir: Option<String>,
    pub asm: Option<String>,
    pub compile_time: Duration,
}

/// The Cranelift module and everything compiled TBs share.
pub struct Jit {
    module: JITModule,
    ctx: Context,
    fctx: FunctionBuilderContext,
    tb_sig: ir::Signature,
    entry: unsafe extern "C" fn(*mut u8, *const u8, u64) -> u64,
    return_stub: *const u8,
    pub table: JumpTable,
    pub cache: IndirectCache,
    pub stats: Box<JitStats>,
    pub config: JitConfig,
}

fn build_isa(config: &JitConfig) -> Result<OwnedTargetIsa, CompileError> {
    let mut fb = settings::builder();
    let set = |fb: &mut settings::Builder, k: &str, v: &str| {
        fb.set(k, v)
            .map_err(|e| CompileError(format!("setting {k}={v}: {e}")))
    };
    set(
        &mut fb,
        "opt_level",
        if config.opt_level == OptLevel::Speed {
            "speed"
        } else {
            "none"
        },
    )?;
    set(&mut fb, "preserve_frame_pointers", "true")?;
    set(
        &mut fb,
        "enable_verifier",
        if cfg!(debug_assertions) {
            "true"
        } else {
            "false"
        },
    )?;
    set(&mut fb, "use_colocated_libcalls", "false")?;
    set(&mut fb, "is_pic", "false")?;
    let isa = cranelift_native::builder()
        .map_err(|e| CompileError(format!("host not supported: {e}")))?;
    isa.finish(settings::Flags::new(fb))
        .map_err(|e| CompileError(e.to_string()))
}

impl Jit {
    pub fn new(config: JitConfig) -> Result<Jit, CompileError> {
        let isa = build_isa(&config)?;
        let ptr = isa.pointer_type();
        let mut module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
        let mut tb_sig = ir::Signature::new(CallConv::Tail);
        tb_sig.params.push(AbiParam::new(ptr));
        tb_sig.params.push(AbiParam::new(ir::types::I64));
        tb_sig.returns.push(AbiParam::new(ir::types::I64));

        let mut ctx = module.make_context();
        let mut fctx = FunctionBuilderContext::new();
        let err = |e: cranelift_module::ModuleError| CompileError(format!("{e:?}"));

        // The return stub: a TB-shaped function that hands its argument back to the dispatcher.
        ctx.func.signature = tb_sig.clone();
        {
            let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
            let blk = b.create_block();
            b.append_block_params_for_function_params(blk);
            b.switch_to_block(blk);
            let arg = b.block_params(blk)[1];
            b.ins().return_(&[arg]);
            b.seal_all_blocks();
            b.finalize(module.target_config());
        }
        let stub_id = module.declare_anonymous_function(&tb_sig).map_err(err)?;
        module.define_function(stub_id, &mut ctx).map_err(err)?;
        module.clear_context(&mut ctx);

        // The entry trampoline: host ABI, calls the first TB of a chain.
        let host_cc = module.isa().default_call_conv();
        let mut esig = ir::Signature::new(host_cc);
        esig.params.push(AbiParam::new(ptr));
        esig.params.push(AbiParam::new(ptr));
        esig.params.push(AbiParam::new(ir::types::I64));
        esig.returns.push(AbiParam::new(ir::types::I64));
        ctx.func.signature = esig.clone();
        {
            let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
            let blk = b.create_block();
            b.append_block_params_for_function_params(blk);
            b.switch_to_block(blk);
            let p = b.block_params(blk).to_vec();
            let sig = b.import_signature(tb_sig.clone());
            let call = b.ins().call_indirect(sig, p[1], &[p[0], p[2]]);
            let r = b.inst_results(call)[0];
            b.ins().return_(&[r]);
            b.seal_all_blocks();
            b.finalize(module.target_config());
        }
        let entry_id = module.declare_anonymous_function(&esig).map_err(err)?;
        module.define_function(entry_id, &mut ctx).map_err(err)?;
        module.clear_context(&mut ctx);
        module.finalize_definitions().map_err(err)?;
        let return_stub = module.get_finalized_function(stub_id);
        let entry_ptr = module.get_finalized_function(entry_id);
        // SAFETY: `entry_ptr` was just compiled with exactly this host-ABI signature.
        let entry = unsafe {
            std::mem::transmute::<*const u8, unsafe extern "C" fn(*mut u8, *const u8, u64) -> u64>(
                entry_ptr,
            )
        };
        Ok(Jit {
            module,
            ctx,
            fctx,
            tb_sig,
            entry,
            return_stub,
            table: JumpTable::new(return_stub),
            cache: IndirectCache::new(),
            stats: Box::default(),
            config,
        })
    }

    /// The stub every fresh slot points at.
    pub fn return_stub(&self) -> *const u8 {
        self.return_stub
    }

    /// Runs TB code until it returns to the dispatcher; returns the exit word.
    ///
    /// # Safety
    /// `state` must be the guest state the TBs were compiled for and `code` a TB of this JIT.
    pub unsafe fn run(&self, state: *mut u8, code: *const u8) -> u64 {
        // SAFETY: guaranteed by the caller; TBs only touch the state, guest memory and tables.
        unsafe { (self.entry)(state, code, 0) }
    }

    /// Compiles one TB starting at guest `pc`; `lift` emits its body.
    pub fn compile(
        &mut self,
        pc: u64,
        mem: GuestMemLayout,
        lift: &mut dyn FnMut(&mut ClifEmitter<'_>),
    ) -> Result<CompiledTb, CompileError> {
        let start = Instant::now();
        let err = |e: cranelift_module::ModuleError| CompileError(format!("{e:?}"));
        self.ctx.func.signature = self.tb_sig.clone();
        self.ctx.func.name = UserFuncName::user(0, pc as u32);
        self.ctx.set_disasm(self.config.want_asm);
        {
            let mut b = FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
            let blk = b.create_block();
            b.append_block_params_for_function_params(blk);
            b.switch_to_block(blk);
            b.set_srcloc(SourceLoc::new(0));
            let state = b.block_params(blk)[0];
            let ptr = self.module.isa().pointer_type();
            let mut e = ClifEmitter::new(
                b,
                state,
                ptr,
                pc,
                mem,
                &self.tb_sig,
                &mut self.table,
                &self.cache,
                &self.stats,
                &self.config,
                self.module.target_config(),
            );
            e.count_tb_entry();
            lift(&mut e);
            e.finish();
        }
        let ir = self
            .config
            .want_ir
            .then(|| self.ctx.func.display().to_string());
        let id = self
            .module
            .declare_anonymous_function(&self.tb_sig)
            .map_err(err)?;
        self.module
            .define_function(id, &mut self.ctx)
            .map_err(err)?;
        let compiled = self
            .ctx
            .compiled_code()
            .ok_or_else(|| CompileError("no code".into()))?;
        let size = compiled.code_buffer().len();
        let asm = compiled.vcode.clone();
        let srclocs = compiled
            .buffer
            .get_srclocs_sorted()
            .iter()
            .filter(|l| !l.loc.is_default())
            .map(|l| (l.start, l.end, l.loc.bits()))
            .collect();
        self.module.clear_context(&mut self.ctx);
        self.module.finalize_definitions().map_err(err)?;
        let code = self.module.get_finalized_function(id);
        Ok(CompiledTb {
            code,
            size,
            srclocs,
            ir,
            asm,
            compile_time: start.elapsed(),
        })
    }
}
