//! Runtime helpers for x86 integer instructions that don't fit a straight line of [`Emit`]
//! operations: 128-by-64-bit division and the `rep`-prefixed string instructions.
//!
//! The division helpers are pure (the lifter has already excluded division by zero and, for
//! the signed form, asked [`IDIV128_OVERFLOWS`] about the quotient). The string helper loops
//! over guest memory, checking every access against the address space's page table; on a
//! fault it stops with rcx/rsi/rdi describing the faulting iteration, as the hardware leaves
//! them, records the address in `fault_addr`/`fault_write` and returns 1 so the lifted code
//! leaves through `Exit::HelperFault`. Large forward or backward `movs`/`stos` whose ranges
//! check out in one go are done with one host memmove/fill.
//!
//! [`Emit`]: crate::emit::Emit

use super::lift::flags::CcOp;
use super::state::{X86State, RAX, RCX, RDI, RSI};
use crate::emit::{Helper, Ty};
use crate::mem::{Access, AddressSpace, MemFault};

fn state<'a>(p: *mut u8) -> &'a mut X86State {
    // SAFETY: x86 helpers are only ever called with a pointer to the X86State they were emitted
    // for (the JIT passes its state parameter, the interpreter its state pointer).
    unsafe { &mut *(p as *mut X86State) }
}

// ---- 128-by-64-bit division ----

unsafe extern "C" fn udiv128(_: *mut u8, hi: u64, lo: u64, d: u64) -> u64 {
    if hi == 0 {
        return lo.checked_div(d).unwrap_or(0);
    }
    let n = (hi as u128) << 64 | lo as u128;
    n.checked_div(d as u128).unwrap_or(0) as u64
}

/// The signed dividend and divisor, or None for a zero divisor.
fn signed_operands(hi: u64, lo: u64, d: u64) -> Option<(i128, i128)> {
    let n = ((hi as u128) << 64 | lo as u128) as i128;
    let d = d as i64 as i128;
    (d != 0).then_some((n, d))
}

unsafe extern "C" fn idiv128(_: *mut u8, hi: u64, lo: u64, d: u64) -> u64 {
    match signed_operands(hi, lo, d) {
        Some((n, d)) => n.checked_div(d).unwrap_or(0) as u64,
        None => 0,
    }
}

unsafe extern "C" fn idiv128_overflows(_: *mut u8, hi: u64, lo: u64, d: u64) -> u64 {
    match signed_operands(hi, lo, d) {
        Some((n, d)) => match n.checked_div(d) {
            Some(q) => (q < i64::MIN as i128 || q > i64::MAX as i128) as u64,
            None => 1,
        },
        None => 1,
    }
}

/// Unsigned RDX:RAX / divisor: args (high, low, divisor), returns the quotient.
pub static UDIV128: Helper = Helper {
    name: "x86_udiv128",
    func: udiv128,
    reads_state: false,
    writes_state: false,
};

/// Signed RDX:RAX / divisor: args (high, low, divisor), returns the quotient.
pub static IDIV128: Helper = Helper {
    name: "x86_idiv128",
    func: idiv128,
    reads_state: false,
    writes_state: false,
};

/// Non-zero when a signed 128/64 division would raise #DE.
pub static IDIV128_OVERFLOWS: Helper = Helper {
    name: "x86_idiv128_overflows",
    func: idiv128_overflows,
    reads_state: false,
    writes_state: false,
};

// ---- string instructions ----

/// Which string instruction a `REP_STRING` call performs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum StringOp {
    Movs = 0,
    Stos,
    Lods,
    Cmps,
    Scas,
}

impl StringOp {
    fn from_u8(v: u8) -> StringOp {
        match v {
            0 => StringOp::Movs,
            1 => StringOp::Stos,
            2 => StringOp::Lods,
            3 => StringOp::Cmps,
            _ => StringOp::Scas,
        }
    }
}

/// A `rep` string operation, as the lifter encodes it into the helper's first argument.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RepMode {
    pub op: StringOp,
    /// Element size in bytes (1, 2, 4, 8).
    pub size: u64,
    /// For cmps/scas: repne (stop when equal) rather than repe (stop when different).
    pub repne: bool,
    /// 32-bit address size (ecx/esi/edi).
    pub addr32: bool,
}

impl RepMode {
    pub fn encode(self) -> u64 {
        self.op as u64 | self.size << 8 | (self.repne as u64) << 16 | (self.addr32 as u64) << 17
    }
    pub fn decode(w: u64) -> RepMode {
        let size = (w >> 8) & 0xff;
        RepMode {
            op: StringOp::from_u8(w as u8),
            size: if matches!(size, 1 | 2 | 4 | 8) {
                size
            } else {
                1
            },
            repne: w >> 16 & 1 != 0,
            addr32: w >> 17 & 1 != 0,
        }
    }
}

fn load(mem: &AddressSpace, addr: u64, size: u64) -> Result<u64, MemFault> {
    let p = mem.host_range(addr, size, Access::Read)?;
    // SAFETY: the range was checked to be mapped readable inside the reservation.
    Ok(unsafe {
        match size {
            1 => p.read() as u64,
            2 => (p as *const u16).read_unaligned() as u64,
            4 => (p as *const u32).read_unaligned() as u64,
            _ => (p as *const u64).read_unaligned(),
        }
    })
}

fn store(mem: &AddressSpace, addr: u64, size: u64, v: u64) -> Result<(), MemFault> {
    let p = mem.host_range(addr, size, Access::Write)?;
    // SAFETY: the range was checked to be mapped writable inside the reservation.
    unsafe {
        match size {
            1 => p.write(v as u8),
            2 => (p as *mut u16).write_unaligned(v as u16),
            4 => (p as *mut u32).write_unaligned(v as u32),
            _ => (p as *mut u64).write_unaligned(v),
        }
    }
    Ok(())
}

/// The registers a string loop works on, at the address size's width.
struct Regs {
    rcx: u64,
    rsi: u64,
    rdi: u64,
    /// Address-size mask.
    mask: u64,
    /// Signed element step, by DF.
    step: u64,
}

impl Regs {
    fn advance_si(&mut self) {
        self.rsi = self.rsi.wrapping_add(self.step) & self.mask;
    }
    fn advance_di(&mut self) {
        self.rdi = self.rdi.wrapping_add(self.step) & self.mask;
    }
}

/// The lowest address of `n` elements starting at `at` and walking by `step`, if the walk
/// neither wraps nor leaves the address size.
fn span(at: u64, n: u64, size: u64, backward: bool, mask: u64) -> Option<(u64, u64)> {
    let len = n.checked_mul(size)?;
    let low = if backward {
        at.checked_add(size)?.checked_sub(len)?
    } else {
        at
    };
    let end = low.checked_add(len)?;
    (end <= mask.wrapping_add(1) || mask == u64::MAX).then_some((low, len))
}

/// Whole-range `rep movs`/`rep stos` when one check covers it and the result equals the
/// element-by-element one. Returns false to fall back to the loop.
fn bulk(mem: &AddressSpace, m: RepMode, r: &mut Regs, src_base: u64, acc: u64) -> bool {
    let backward = r.step != m.size;
    let n = r.rcx;
    let Some((dlow, len)) = span(r.rdi, n, m.size, backward, r.mask) else {
        return false;
    };
    if mem.check(dlow, len, Access::Write).is_err() {
        return false;
    }
    let dst = mem.host(dlow);
    if m.op == StringOp::Movs {
        let Some((slow, _)) = span(r.rsi, n, m.size, backward, r.mask) else {
            return false;
        };
        let slow = slow.wrapping_add(src_base);
        // Ahead of the copy in its own direction, an overlapping destination would re-read
        // bytes the copy already wrote; memmove would not.
        let replicates = if backward {
            dlow < slow && dlow + len > slow
        } else {
            dlow > slow && dlow < slow.saturating_add(len)
        };
        if replicates || mem.check(slow, len, Access::Read).is_err() {
            return false;
        }
        // SAFETY: both ranges were checked to lie in mapped guest memory with the needed
        // permissions; `copy` allows overlap.
        unsafe { std::ptr::copy(mem.host(slow), dst, len as usize) };
        r.rsi = r.rsi.wrapping_add(n.wrapping_mul(r.step)) & r.mask;
    } else if m.size == 1 {
        // SAFETY: the destination range was checked writable above.
        unsafe { std::ptr::write_bytes(dst, acc as u8, len as usize) };
    } else {
        for k in 0..n {
            // SAFETY: element k lies inside the checked destination range.
            unsafe {
                let p = dst.add((k * m.size) as usize);
                match m.size {
                    2 => (p as *mut u16).write_unaligned(acc as u16),
                    4 => (p as *mut u32).write_unaligned(acc as u32),
                    _ => (p as *mut u64).write_unaligned(acc),
                }
            }
        }
    }
    r.rdi = r.rdi.wrapping_add(n.wrapping_mul(r.step)) & r.mask;
    r.rcx = 0;
    true
}

/// Writes a value to the accumulator with x86's partial-register rules.
fn set_acc(s: &mut X86State, size: u64, v: u64) {
    s.gpr[RAX] = match size {
        1 => s.gpr[RAX] & !0xff | v & 0xff,
        2 => s.gpr[RAX] & !0xffff | v & 0xffff,
        4 => v & 0xffff_ffff,
        _ => v,
    };
}

/// Runs one `rep` string instruction. Args: the encoded [`RepMode`], the source segment base
/// (FS/GS override, else 0). Returns 0, or 1 after a guest memory fault.
unsafe extern "C" fn rep_string(p: *mut u8, mode: u64, src_base: u64, _: u64) -> u64 {
    let s = state(p);
    // SAFETY: `mem` points to the guest's address space, which outlives every block execution.
    let mem = unsafe { &*s.mem };
    let m = RepMode::decode(mode);
    let mask = if m.addr32 { 0xffff_ffff } else { u64::MAX };
    let size_mask = Ty::int(m.size as u32).mask();
    let mut r = Regs {
        rcx: s.gpr[RCX] & mask,
        rsi: s.gpr[RSI] & mask,
        rdi: s.gpr[RDI] & mask,
        mask,
        step: if s.df != 0 {
            m.size.wrapping_neg()
        } else {
            m.size
        },
    };
    let acc = s.gpr[RAX] & size_mask;
    let mut fault = None;
    let mut last_cmp = None;
    if !(matches!(m.op, StringOp::Movs | StringOp::Stos)
        && r.rcx > 1
        && bulk(mem, m, &mut r, src_base, acc))
    {
        while r.rcx != 0 {
            let src = r.rsi.wrapping_add(src_base);
            let step = match m.op {
                StringOp::Movs => load(mem, src, m.size).and_then(|v| store(mem, r.rdi, m.size, v)),
                StringOp::Stos => store(mem, r.rdi, m.size, acc),
                StringOp::Lods => load(mem, src, m.size).map(|v| set_acc(s, m.size, v)),
                StringOp::Cmps => load(mem, src, m.size).and_then(|a| {
                    let b = load(mem, r.rdi, m.size)?;
                    last_cmp = Some((a, b));
                    Ok(())
                }),
                StringOp::Scas => load(mem, r.rdi, m.size).map(|b| last_cmp = Some((acc, b))),
            };
            if let Err(f) = step {
                fault = Some(f);
                break;
            }
            r.rcx = r.rcx.wrapping_sub(1) & mask;
            if matches!(m.op, StringOp::Movs | StringOp::Lods | StringOp::Cmps) {
                r.advance_si();
            }
            if m.op != StringOp::Lods {
                r.advance_di();
            }
            if let Some((a, b)) = last_cmp {
                if (a == b) == m.repne {
                    break;
                }
            }
        }
    }
    if let Some((a, b)) = last_cmp {
        s.cc_op = CcOp::Sub.encode(Ty::int(m.size as u32));
        s.cc_a = a;
        s.cc_b = b;
        s.cc_res = a.wrapping_sub(b) & size_mask;
        s.cc_aux = 0;
    }
    // A 32-bit address size writes ecx/esi/edi, which zero-extends like any 32-bit write.
    s.gpr[RCX] = r.rcx;
    if matches!(m.op, StringOp::Movs | StringOp::Lods | StringOp::Cmps) {
        s.gpr[RSI] = r.rsi;
    }
    if m.op != StringOp::Lods {
        s.gpr[RDI] = r.rdi;
    }
    match fault {
        Some(f) => {
            s.fault_addr = f.addr;
            s.fault_write = (f.access == Access::Write) as u64;
            1
        }
        None => 0,
    }
}

/// A `rep`-prefixed string instruction: args (encoded [`RepMode`], source segment base).
pub static REP_STRING: Helper = Helper {
    name: "x86_rep_string",
    func: rep_string,
    reads_state: true,
    writes_state: true,
};

#[cfg(test)]
mod tests {
    use super::*;

    fn call(h: &Helper, a: u64, b: u64, c: u64) -> u64 {
        // SAFETY: the division helpers ignore the state pointer.
        unsafe { (h.func)(std::ptr::null_mut(), a, b, c) }
    }

    #[test]
    fn div128_matches_u128() {
        assert_eq!(call(&UDIV128, 1, 0, 3), 0x5555_5555_5555_5555);
        assert_eq!(call(&UDIV128, 0, 100, 7), 14);
        assert_eq!(call(&UDIV128, 5, 5, 0), 0);
        // 2^95 / (2^63 - 1)
        assert_eq!(
            call(&IDIV128, 0x8000_0000, 0, i64::MAX as u64),
            0x1_0000_0000
        );
        assert_eq!(call(&IDIV128_OVERFLOWS, 0x8000_0000, 0, i64::MAX as u64), 0);
        // -1000 / 7
        assert_eq!(call(&IDIV128, u64::MAX, -1000i64 as u64, 7), -142i64 as u64);
        // i64::MIN / -1 and i128::MIN / -1 overflow; division by zero reports overflow too.
        assert_eq!(call(&IDIV128_OVERFLOWS, u64::MAX, 1 << 63, u64::MAX), 1);
        assert_eq!(call(&IDIV128_OVERFLOWS, 1 << 63, 0, u64::MAX), 1);
        assert_eq!(call(&IDIV128_OVERFLOWS, 0, 0, 0), 1);
        assert_eq!(call(&IDIV128_OVERFLOWS, u64::MAX, 1 << 63, 1), 0);
    }

    #[test]
    fn rep_mode_round_trips() {
        let m = RepMode {
            op: StringOp::Scas,
            size: 4,
            repne: true,
            addr32: false,
        };
        assert_eq!(RepMode::decode(m.encode()), m);
    }
}
