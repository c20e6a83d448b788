//! The emission trait through which every frontend expresses guest semantics.
//!
//! A frontend lifts one guest block by calling [`Emit`] methods: values, integer and float
//! operations, guest state and memory access, helper calls and block exits. Two backends
//! implement it: [`crate::jit`] builds Cranelift IR, [`crate::interp`] computes the values on the
//! spot. Instruction semantics are therefore written once, and the interpreter is the oracle
//! for the JIT.
//!
//! Rules a frontend follows so both backends agree:
//! - each guest state field is always accessed with one type at one offset ([`Emit::get`]/
//!   [`Emit::set`]); backends may cache fields in host registers until an exit or a helper call;
//! - control flow inside a block only leaves it ([`Emit::exit_if`]); loops inside one guest
//!   instruction (e.g. `rep movs`) are helpers;
//! - divisions are only emitted once the frontend has excluded the trapping cases.

mod helper;
pub use helper::{Helper, HelperFn};

/// Value types.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Ty {
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
}

impl Ty {
    /// Width in bits.
    pub fn bits(self) -> u32 {
        match self {
            Ty::I8 => 8,
            Ty::I16 => 16,
            Ty::I32 | Ty::F32 => 32,
            Ty::I64 | Ty::F64 => 64,
        }
    }
    /// Width in bytes.
    pub fn bytes(self) -> u32 {
        self.bits() / 8
    }
    /// The integer type of a width in bytes (1, 2, 4, 8).
    pub fn int(bytes: u32) -> Ty {
        match bytes {
            1 => Ty::I8,
            2 => Ty::I16,
            4 => Ty::I32,
            _ => Ty::I64,
        }
    }
    pub fn is_float(self) -> bool {
        matches!(self, Ty::F32 | Ty::F64)
    }
    /// All-ones mask of the width.
    pub fn mask(self) -> u64 {
        if self.bits() == 64 {
            u64::MAX
        } else {
            (1u64 << self.bits()) - 1
        }
    }
}

/// Two-operand operations; both operands have the same type, as has the result.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    /// High half of the unsigned / signed double-width product.
    UMulHi,
    SMulHi,
    /// Division and remainder; the frontend has excluded division by zero and signed overflow.
    UDiv,
    SDiv,
    URem,
    SRem,
    And,
    Or,
    Xor,
    /// Shifts and rotates take the amount modulo the width.
    Shl,
    LShr,
    AShr,
    Rotl,
    Rotr,
    FAdd,
    FSub,
    FMul,
    FDiv,
}

/// One-operand operations.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UnOp {
    Not,
    Neg,
    /// Count leading / trailing zeros, population count (of the operand's width).
    Clz,
    Ctz,
    Popcnt,
    Bswap,
    FNeg,
    FAbs,
    FSqrt,
}

/// Integer comparisons; the result is an `I8` that is 0 or 1.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Cmp {
    Eq,
    Ne,
    Ult,
    Ule,
    Ugt,
    Uge,
    Slt,
    Sle,
    Sgt,
    Sge,
}

/// Float comparisons; the result is an `I8` that is 0 or 1.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FCmp {
    Eq,
    Lt,
    Le,
    /// Either operand is a NaN.
    Unordered,
}

/// Conversions to a given type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Conv {
    /// Integer zero / sign extension to a wider type.
    Uext,
    Sext,
    /// Integer truncation to a narrower type.
    Trunc,
    /// Reinterpret bits between an integer and a float of the same width.
    Bitcast,
    /// Signed integer to float (round to nearest).
    SIntToF,
    /// Float to signed integer, rounding toward zero; NaN and out-of-range give the most negative
    /// value (the x86 "integer indefinite"); frontends needing other answers fix them up.
    FToSIntTrunc,
    /// Float to float of another width (round to nearest).
    FConvert,
}

/// Atomic read-modify-write operations.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RmwOp {
    Add,
    Sub,
    And,
    Or,
    Xor,
    Xchg,
}

/// How a block ends (or leaves early).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Exit {
    /// Continue at a known guest address: chained through a jump-table slot.
    Jump(u64),
    /// The guest asks for a system call; continue at `next` afterwards.
    Syscall { next: u64 },
    /// The guest raises a signal at `pc` (e.g. SIGILL, SIGFPE, SIGTRAP) with a `si_code`.
    Signal { sig: u8, code: u8, pc: u64 },
    /// A helper reported a memory fault (state holds the details); the instruction is at `pc`.
    HelperFault { pc: u64 },
}

/// Pure value arithmetic: the part of [`Emit`] that needs no guest state, so semantics written
/// against it (e.g. flag computations) can also run on plain numbers ([`crate::interp::Calc`]).
pub trait Arith {
    /// A value (an SSA value for the JIT, a number for the interpreter).
    type V: Copy;

    fn iconst(&mut self, ty: Ty, v: u64) -> Self::V;
    /// The type of a value.
    fn ty(&self, v: Self::V) -> Ty;
    fn bin(&mut self, op: BinOp, a: Self::V, b: Self::V) -> Self::V;
    fn un(&mut self, op: UnOp, a: Self::V) -> Self::V;
    fn cmp(&mut self, cc: Cmp, a: Self::V, b: Self::V) -> Self::V;
    fn fcmp(&mut self, cc: FCmp, a: Self::V, b: Self::V) -> Self::V;
    /// `c != 0 ? a : b`.
    fn select(&mut self, c: Self::V, a: Self::V, b: Self::V) -> Self::V;
    fn conv(&mut self, op: Conv, to: Ty, a: Self::V) -> Self::V;
}

/// The emission trait: one implementation per backend.
pub trait Emit: Arith {
    /// Marks the start of the guest instruction at `pc`; faults map back to it.
    fn begin_insn(&mut self, pc: u64);

    /// Reads the guest state field at byte offset `off`.
    fn get(&mut self, ty: Ty, off: u32) -> Self::V;
    /// Writes the guest state field at byte offset `off`.
    fn set(&mut self, off: u32, v: Self::V);

    /// Loads from a guest address (an `I64` value) with the guest's byte order.
    fn load(&mut self, ty: Ty, addr: Self::V) -> Self::V;
    /// Stores to a guest address with the guest's byte order.
    fn store(&mut self, addr: Self::V, v: Self::V);
    /// Atomic compare-and-swap on guest memory; returns the old value.
    fn cas(&mut self, addr: Self::V, expected: Self::V, new: Self::V) -> Self::V;

    /// Atomic read-modify-write on guest memory; returns the old value.
    fn atomic_rmw(&mut self, op: RmwOp, addr: Self::V, v: Self::V) -> Self::V;

    /// Calls a runtime helper with up to three `I64` arguments; returns an `I64`.
    fn call(&mut self, h: &'static Helper, args: &[Self::V]) -> Self::V;

    /// Leaves the block if `c != 0`.
    fn exit_if(&mut self, c: Self::V, exit: Exit);
    /// Ends the block.
    fn exit(&mut self, exit: Exit);
    /// Ends the block at a computed guest address (an `I64` value).
    fn exit_indirect(&mut self, pc: Self::V);
    /// Ends the block with a two-way branch.
    fn exit_branch(&mut self, c: Self::V, taken: u64, not_taken: u64);
}

/// Convenience operations built on [`Arith`], shared by all frontends.
pub trait ArithExt: Arith {
    fn add(&mut self, a: Self::V, b: Self::V) -> Self::V {
        self.bin(BinOp::Add, a, b)
    }
    fn sub(&mut self, a: Self::V, b: Self::V) -> Self::V {
        self.bin(BinOp::Sub, a, b)
    }
    fn and(&mut self, a: Self::V, b: Self::V) -> Self::V {
        self.bin(BinOp::And, a, b)
    }
    fn or(&mut self, a: Self::V, b: Self::V) -> Self::V {
        self.bin(BinOp::Or, a, b)
    }
    fn xor(&mut self, a: Self::V, b: Self::V) -> Self::V {
        self.bin(BinOp::Xor, a, b)
    }
    fn shl(&mut self, a: Self::V, b: Self::V) -> Self::V {
        self.bin(BinOp::Shl, a, b)
    }
    fn lshr(&mut self, a: Self::V, b: Self::V) -> Self::V {
        self.bin(BinOp::LShr, a, b)
    }
    fn ashr(&mut self, a: Self::V, b: Self::V) -> Self::V {
        self.bin(BinOp::AShr, a, b)
    }
    fn not(&mut self, a: Self::V) -> Self::V {
        self.un(UnOp::Not, a)
    }
    /// `a + k` with a constant.
    fn addk(&mut self, a: Self::V, k: u64) -> Self::V {
        let t = self.ty(a);
        let k = self.iconst(t, k);
        self.bin(BinOp::Add, a, k)
    }
    /// `a & k` with a constant.
    fn andk(&mut self, a: Self::V, k: u64) -> Self::V {
        let t = self.ty(a);
        let k = self.iconst(t, k);
        self.bin(BinOp::And, a, k)
    }
    /// `a >> k` (logical) with a constant.
    fn lshrk(&mut self, a: Self::V, k: u64) -> Self::V {
        let t = self.ty(a);
        let k = self.iconst(t, k);
        self.bin(BinOp::LShr, a, k)
    }
    /// `a << k` with a constant.
    fn shlk(&mut self, a: Self::V, k: u64) -> Self::V {
        let t = self.ty(a);
        let k = self.iconst(t, k);
        self.bin(BinOp::Shl, a, k)
    }
    /// Compare with a constant.
    fn cmpk(&mut self, cc: Cmp, a: Self::V, k: u64) -> Self::V {
        let t = self.ty(a);
        let k = self.iconst(t, k);
        self.cmp(cc, a, k)
    }
    /// Zero-extends or truncates an integer to `to`.
    fn zext_to(&mut self, to: Ty, a: Self::V) -> Self::V {
        let from = self.ty(a);
        match from.bits().cmp(&to.bits()) {
            std::cmp::Ordering::Less => self.conv(Conv::Uext, to, a),
            std::cmp::Ordering::Greater => self.conv(Conv::Trunc, to, a),
            std::cmp::Ordering::Equal => a,
        }
    }
    /// Sign-extends or truncates an integer to `to`.
    fn sext_to(&mut self, to: Ty, a: Self::V) -> Self::V {
        let from = self.ty(a);
        match from.bits().cmp(&to.bits()) {
            std::cmp::Ordering::Less => self.conv(Conv::Sext, to, a),
            std::cmp::Ordering::Greater => self.conv(Conv::Trunc, to, a),
            std::cmp::Ordering::Equal => a,
        }
    }
    /// Bit `n` of `a` as an I8 0/1.
    fn bit(&mut self, a: Self::V, n: u32) -> Self::V {
        let s = self.lshrk(a, n as u64);
        let s = self.zext_to(Ty::I8, s);
        self.andk(s, 1)
    }
}

impl<A: Arith + ?Sized> ArithExt for A {}
