//! Runtime helpers of the x86 frontend: flag materialisation, CPUID, RDTSC.

use super::lift::flags::{self, CcOp, Record};
use super::state::X86State;
use crate::emit::{Helper, Ty};
use crate::interp::{Calc, Val};

fn state<'a>(p: *mut u8) -> &'a mut X86State {
    // SAFETY: x86 helpers are only ever called with a pointer to the X86State they were emitted
    // for (the JIT passes its state parameter, the interpreter its state pointer).
    unsafe { &mut *(p as *mut X86State) }
}

/// EFLAGS' arithmetic bits from the lazy record in the state.
pub fn eflags_from_state(s: &X86State) -> u64 {
    let (op, ty) = CcOp::decode(s.cc_op);
    let v = |bits: u64, t: Ty| Val {
        bits: bits & t.mask(),
        ty: t,
    };
    let r = if op == CcOp::Eflags {
        Record {
            op,
            ty: Ty::I64,
            a: v(0, Ty::I64),
            b: v(0, Ty::I64),
            res: v(s.cc_res, Ty::I64),
            aux: v(0, Ty::I64),
        }
    } else {
        Record {
            op,
            ty,
            a: v(s.cc_a, ty),
            b: v(s.cc_b, ty),
            res: v(s.cc_res, ty),
            aux: v(s.cc_aux, ty),
        }
    };
    flags::eflags_of(&mut Calc, &r).bits
}

unsafe extern "C" fn eflags(p: *mut u8, _: u64, _: u64, _: u64) -> u64 {
    eflags_from_state(state(p))
}

pub static EFLAGS: Helper = Helper {
    name: "x86_eflags",
    func: eflags,
    reads_state: true,
    writes_state: false,
};

unsafe extern "C" fn cpuid(p: *mut u8, _: u64, _: u64, _: u64) -> u64 {
    let s = state(p);
    let (a, b, c, d) = super::cpuid::cpuid(s.gpr[0] as u32, s.gpr[1] as u32);
    s.gpr[0] = a as u64;
    s.gpr[3] = b as u64;
    s.gpr[1] = c as u64;
    s.gpr[2] = d as u64;
    0
}

pub static CPUID: Helper = Helper {
    name: "x86_cpuid",
    func: cpuid,
    reads_state: true,
    writes_state: true,
};

unsafe extern "C" fn rdtsc(_: *mut u8, _: u64, _: u64, _: u64) -> u64 {
    // A monotonic nanosecond count: a time stamp counter at 1 GHz, on any host.
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec we pass.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

pub static RDTSC: Helper = Helper {
    name: "x86_rdtsc",
    func: rdtsc,
    reads_state: false,
    writes_state: false,
};
