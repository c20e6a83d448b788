//! The host floating-point environment, read and written directly: the rounding mode and the
//! sticky exception flags of the unit Rust's f64 arithmetic runs on (SSE's MXCSR on x86_64,
//! FPCR/FPSR on aarch64).
//!
//! Helpers that must report IEEE exceptions for a guest (PowerPC's FPSCR) evaluate the operation
//! between [`begin`] and [`end`]. glibc's fenv functions do the same through the x87 environment
//! as well (`fnstenv`/`fldenv`), which costs ~20× more per operation.

/// IEEE rounding directions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    Nearest,
    TowardZero,
    Up,
    Down,
}

/// The IEEE exceptions an evaluation raised.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub invalid: bool,
    pub div_by_zero: bool,
    pub overflow: bool,
    pub underflow: bool,
    pub inexact: bool,
}

/// Evaluates `f` under rounding mode `r` and returns what it raised. The environment is back to
/// round-to-nearest with clear flags afterwards (what Rust code assumes).
#[inline]
pub fn eval<T>(r: Rounding, f: impl FnOnce() -> T) -> (T, Flags) {
    imp::set(r);
    let v = std::hint::black_box(f());
    let flags = imp::take();
    (v, flags)
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use super::{Flags, Rounding};

    /// MXCSR with all exceptions masked, flags clear, the given rounding control.
    #[inline]
    pub fn set(r: Rounding) {
        let rc: u32 = match r {
            Rounding::Nearest => 0,
            Rounding::Down => 1,
            Rounding::Up => 2,
            Rounding::TowardZero => 3,
        };
        let csr: u32 = 0x1f80 | (rc << 13);
        // SAFETY: loading MXCSR with every exception masked changes only rounding and flags.
        unsafe { std::arch::asm!("ldmxcsr [{}]", in(reg) &csr, options(nostack, readonly)) };
    }

    /// The flags raised since `set`, restoring the default environment.
    #[inline]
    pub fn take() -> Flags {
        let mut csr: u32 = 0;
        // SAFETY: stmxcsr writes the 4 bytes we pass; ldmxcsr restores the default control.
        unsafe {
            std::arch::asm!("stmxcsr [{}]", in(reg) &mut csr, options(nostack));
            let def: u32 = 0x1f80;
            std::arch::asm!("ldmxcsr [{}]", in(reg) &def, options(nostack, readonly));
        }
        Flags {
            invalid: csr & 1 != 0,
            div_by_zero: csr & 4 != 0,
            overflow: csr & 8 != 0,
            underflow: csr & 16 != 0,
            inexact: csr & 32 != 0,
        }
    }
}

#[cfg(target_arch = "aarch64")]
mod imp {
    use super::{Flags, Rounding};

    #[inline]
    pub fn set(r: Rounding) {
        let rmode: u64 = match r {
            Rounding::Nearest => 0,
            Rounding::Up => 1,
            Rounding::Down => 2,
            Rounding::TowardZero => 3,
        };
        // SAFETY: FPCR's RMode field and FPSR's cumulative flags only affect rounding and
        // status; default-NaN and flush-to-zero stay off (the Linux default), traps stay off.
        unsafe {
            std::arch::asm!("msr fpsr, xzr", options(nostack, nomem));
            std::arch::asm!("msr fpcr, {}", in(reg) rmode << 22, options(nostack, nomem));
        }
    }

    #[inline]
    pub fn take() -> Flags {
        let fpsr: u64;
        // SAFETY: reading FPSR; then back to the default FPCR and clear flags.
        unsafe {
            std::arch::asm!("mrs {}, fpsr", out(reg) fpsr, options(nostack, nomem));
            std::arch::asm!("msr fpcr, xzr", options(nostack, nomem));
            std::arch::asm!("msr fpsr, xzr", options(nostack, nomem));
        }
        Flags {
            invalid: fpsr & 1 != 0,
            div_by_zero: fpsr & 2 != 0,
            overflow: fpsr & 4 != 0,
            underflow: fpsr & 8 != 0,
            inexact: fpsr & 16 != 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hint::black_box;

    #[test]
    fn rounding_and_flags() {
        let (v, f) = eval(Rounding::Nearest, || black_box(1.0f64) / black_box(3.0));
        assert_eq!(v, 1.0 / 3.0);
        assert!(f.inexact && !f.invalid && !f.overflow);
        let (up, _) = eval(Rounding::Up, || black_box(1.0f64) / black_box(3.0));
        let (down, _) = eval(Rounding::Down, || black_box(1.0f64) / black_box(3.0));
        assert_eq!(up.to_bits(), down.to_bits() + 1);
        let (_, f) = eval(Rounding::Nearest, || black_box(0.0f64) / black_box(0.0));
        assert!(f.invalid);
        let (_, f) = eval(Rounding::Nearest, || black_box(1.0f64) / black_box(0.0));
        assert!(f.div_by_zero && !f.invalid);
        let (_, f) = eval(Rounding::Nearest, || black_box(f64::MAX) * black_box(2.0));
        assert!(f.overflow && f.inexact);
        let (_, f) = eval(Rounding::Nearest, || {
            black_box(f64::MIN_POSITIVE) * black_box(0.3f64)
        });
        assert!(f.underflow);
        let (_, f) = eval(Rounding::TowardZero, || black_box(2.0f64) + black_box(2.0));
        assert_eq!(f, Flags::default());
        // The environment is back to the default afterwards.
        assert_eq!(black_box(1.0f64) / black_box(3.0), 1.0 / 3.0);
    }
}
