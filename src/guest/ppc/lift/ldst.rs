//! Fixed-point loads and stores (Book I, chapter 3.3), the reservation pair, storage barriers
//! and cache-management instructions (Book II).
//!
//! Plain, update (`u`: RA = EA afterwards), indexed and byte-reversed forms share one routine
//! each; the byte order of the guest is applied by [`Emit::load`]/[`Emit::store`], so a
//! byte-reversed access is a normal one followed or preceded by a byte swap. `lmw`/`stmw` are
//! unrolled word accesses. The string instructions (`lswi`, `lswx`, `stswi`, `stswx`) go
//! through one helper each way, which checks the whole range before touching memory or
//! registers; a fault leaves through `Exit::HelperFault` (SIGSEGV at the instruction).
//!
//! `l[bhwd]arx` record the reservation (address and loaded value); `st[bhwd]cx.` succeed when
//! the address matches and a compare-and-swap of the reserved value with the new one does, so
//! an intervening store of a different value by another thread fails it (an ABA store of the
//! same value does not: the usual emulator weakening). Barriers and cache hints are no-ops;
//! `dcbz` zeroes a 32-byte block, matching the AT_DCACHEBSIZE egret reports.

use super::Cx;
use crate::emit::{ArithExt, Cmp, Emit, Exit, Helper, Ty, UnOp};
use crate::guest::ppc::insns::Op;
use crate::guest::ppc::state::{self as st, PpcState};
use crate::mem::{Access, AddressSpace};

/// The data cache block size egret reports in AT_DCACHEBSIZE: `dcbz` clears this many bytes.
pub const DCACHE_BLOCK: u64 = 32;

/// SIGBUS's si_code for a misaligned access (a larx/stcx. that is not naturally aligned).
const BUS_ADRALN: u8 = 1;

/// How an instruction forms its effective address.
#[derive(Clone, Copy)]
enum Ea {
    /// `(RA|0) + D`.
    D,
    /// `(RA|0) + DS` (DS forms: the low two bits are the extended opcode).
    Ds,
    /// `(RA|0) + (RB)`.
    X,
}

use Ea::{Ds, D, X};

/// Access sizes.
const BYTE: Ty = Ty::I8;
const HALF: Ty = Ty::I16;
const WORD: Ty = Ty::I32;
const DOUBLE: Ty = Ty::I64;

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>, op: Op) -> bool {
    use Op::*;
    match op {
        Lbz => load(cx, BYTE, false, D, false),
        Lbzu => load(cx, BYTE, false, D, true),
        Lbzx => load(cx, BYTE, false, X, false),
        Lbzux => load(cx, BYTE, false, X, true),
        Lhz => load(cx, HALF, false, D, false),
        Lhzu => load(cx, HALF, false, D, true),
        Lhzx => load(cx, HALF, false, X, false),
        Lhzux => load(cx, HALF, false, X, true),
        Lha => load(cx, HALF, true, D, false),
        Lhau => load(cx, HALF, true, D, true),
        Lhax => load(cx, HALF, true, X, false),
        Lhaux => load(cx, HALF, true, X, true),
        Lwz => load(cx, WORD, false, D, false),
        Lwzu => load(cx, WORD, false, D, true),
        Lwzx => load(cx, WORD, false, X, false),
        Lwzux => load(cx, WORD, false, X, true),
        Lwa => load(cx, WORD, true, Ds, false),
        Lwax => load(cx, WORD, true, X, false),
        Lwaux => load(cx, WORD, true, X, true),
        Ld => load(cx, DOUBLE, false, Ds, false),
        Ldu => load(cx, DOUBLE, false, Ds, true),
        Ldx => load(cx, DOUBLE, false, X, false),
        Ldux => load(cx, DOUBLE, false, X, true),

        Stb => store(cx, BYTE, D, false),
        Stbu => store(cx, BYTE, D, true),
        Stbx => store(cx, BYTE, X, false),
        Stbux => store(cx, BYTE, X, true),
        Sth => store(cx, HALF, D, false),
        Sthu => store(cx, HALF, D, true),
        Sthx => store(cx, HALF, X, false),
        Sthux => store(cx, HALF, X, true),
        Stw => store(cx, WORD, D, false),
        Stwu => store(cx, WORD, D, true),
        Stwx => store(cx, WORD, X, false),
        Stwux => store(cx, WORD, X, true),
        Std => store(cx, DOUBLE, Ds, false),
        Stdu => store(cx, DOUBLE, Ds, true),
        Stdx => store(cx, DOUBLE, X, false),
        Stdux => store(cx, DOUBLE, X, true),

        Lhbrx => load_reversed(cx, HALF),
        Lwbrx => load_reversed(cx, WORD),
        Ldbrx => load_reversed(cx, DOUBLE),
        Sthbrx => store_reversed(cx, HALF),
        Stwbrx => store_reversed(cx, WORD),
        Stdbrx => store_reversed(cx, DOUBLE),

        Lmw => lmw(cx),
        Stmw => stmw(cx),
        Lswi => string(cx, &LOAD_STRING, false),
        Lswx => string(cx, &LOAD_STRING, true),
        Stswi => string(cx, &STORE_STRING, false),
        Stswx => string(cx, &STORE_STRING, true),

        Lbarx => load_reserve(cx, BYTE),
        Lharx => load_reserve(cx, HALF),
        Lwarx => load_reserve(cx, WORD),
        Ldarx => load_reserve(cx, DOUBLE),
        StbcxDot => store_conditional(cx, BYTE),
        SthcxDot => store_conditional(cx, HALF),
        StwcxDot => store_conditional(cx, WORD),
        StdcxDot => store_conditional(cx, DOUBLE),

        Dcbz => dcbz(cx),
        // Barriers: egret runs guest threads on host threads whose accesses compile to plain
        // host loads and stores, ordered at least as strongly as the guest's on x86 hosts.
        // Cache hints and flushes have nothing to do (code changes are caught by page tracking).
        Sync | Isync | Eieio | Dcbt | Dcbtst | Dcbf | Dcbst | Icbi | Icbt => {}
        _ => return false,
    }
    true
}

/// The effective address at the register width (what an update form writes to RA).
fn ea<E: Emit>(cx: &mut Cx<'_, E>, form: Ea) -> E::V {
    let base = cx.gpr_or_zero(cx.i.ra());
    match form {
        D => cx.e.addk(base, cx.i.d() as i64 as u64),
        Ds => cx.e.addk(base, cx.i.ds() as i64 as u64),
        X => {
            let x = cx.gpr(cx.i.rb());
            cx.e.add(base, x)
        }
    }
}

/// A register-width effective address as a guest address.
fn guest_addr<E: Emit>(cx: &mut Cx<'_, E>, ea: E::V) -> E::V {
    cx.e.zext_to(Ty::I64, ea)
}

/// lbz, lhz, lha, lwz, lwa, ld and their u/x/ux forms.
fn load<E: Emit>(cx: &mut Cx<'_, E>, ty: Ty, signed: bool, form: Ea, update: bool) {
    let ea = ea(cx, form);
    let a = guest_addr(cx, ea);
    let v = cx.e.load(ty, a);
    let v = if signed { cx.e.sext_to(cx.word, v) } else { v };
    cx.set_gpr(cx.i.rt(), v);
    if update {
        cx.set_gpr(cx.i.ra(), ea);
    }
}

/// stb, sth, stw, std and their u/x/ux forms. RS is read before RA is updated (`stwu r1,..(r1)`
/// stores the old stack pointer).
fn store<E: Emit>(cx: &mut Cx<'_, E>, ty: Ty, form: Ea, update: bool) {
    let ea = ea(cx, form);
    let a = guest_addr(cx, ea);
    let v = cx.gpr(cx.i.rs());
    let v = cx.e.zext_to(ty, v);
    cx.e.store(a, v);
    if update {
        cx.set_gpr(cx.i.ra(), ea);
    }
}

/// lhbrx, lwbrx, ldbrx.
fn load_reversed<E: Emit>(cx: &mut Cx<'_, E>, ty: Ty) {
    let ea = ea(cx, X);
    let a = guest_addr(cx, ea);
    let v = cx.e.load(ty, a);
    let v = cx.e.un(UnOp::Bswap, v);
    cx.set_gpr(cx.i.rt(), v);
}

/// sthbrx, stwbrx, stdbrx.
fn store_reversed<E: Emit>(cx: &mut Cx<'_, E>, ty: Ty) {
    let ea = ea(cx, X);
    let a = guest_addr(cx, ea);
    let v = cx.gpr(cx.i.rs());
    let v = cx.e.zext_to(ty, v);
    let v = cx.e.un(UnOp::Bswap, v);
    cx.e.store(a, v);
}

/// The guest address `ea + k` (register-width arithmetic, so a ppc32 access wraps at 4 GiB).
fn addr_plus<E: Emit>(cx: &mut Cx<'_, E>, ea: E::V, k: u64) -> E::V {
    let a = cx.e.addk(ea, k);
    guest_addr(cx, a)
}

/// lmw: words from EA into RT..r31 (zero-extended on a 64-bit guest).
fn lmw<E: Emit>(cx: &mut Cx<'_, E>) {
    let ea = ea(cx, D);
    let rt = cx.i.rt();
    for r in rt..32 {
        let a = addr_plus(cx, ea, 4 * (r - rt) as u64);
        let v = cx.e.load(Ty::I32, a);
        cx.set_gpr(r, v);
    }
}

/// stmw: the low words of RS..r31 to EA.
fn stmw<E: Emit>(cx: &mut Cx<'_, E>) {
    let ea = ea(cx, D);
    let rs = cx.i.rs();
    for r in rs..32 {
        let a = addr_plus(cx, ea, 4 * (r - rs) as u64);
        let v = cx.gpr(r);
        let v = cx.e.zext_to(Ty::I32, v);
        cx.e.store(a, v);
    }
}

/// What a string helper call does, packed into its second argument.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct StringOp {
    /// First register.
    reg: u32,
    /// Byte count (lswi/stswi), or None to take XER's byte count (lswx/stswx).
    count: Option<u32>,
    /// 64-bit guest: effective addresses don't wrap at 4 GiB.
    wide: bool,
}

impl StringOp {
    fn encode(self) -> u64 {
        self.reg as u64
            | (self.count.unwrap_or(0) as u64) << 8
            | (self.count.is_none() as u64) << 16
            | (self.wide as u64) << 17
    }
    fn decode(w: u64) -> StringOp {
        StringOp {
            reg: (w & 31) as u32,
            count: (w >> 16 & 1 == 0).then_some((w >> 8 & 0xff) as u32),
            wide: w >> 17 & 1 != 0,
        }
    }
}

/// lswi, lswx, stswi, stswx: the helper does the work; leaves with a fault if it reports one.
/// The indexed forms address `(RA|0) + (RB)` and take the count from XER; the immediate forms
/// address `(RA|0)` and take it from NB.
fn string<E: Emit>(cx: &mut Cx<'_, E>, helper: &'static Helper, indexed: bool) {
    let ea = if indexed {
        ea(cx, X)
    } else {
        cx.gpr_or_zero(cx.i.ra())
    };
    let a = guest_addr(cx, ea);
    let op = StringOp {
        reg: cx.i.rt(),
        count: (!indexed).then(|| cx.i.nb_bytes()),
        wide: cx.word == Ty::I64,
    };
    let op = cx.e.iconst(Ty::I64, op.encode());
    let status = cx.e.call(helper, &[a, op]);
    let failed = cx.e.cmpk(Cmp::Ne, status, 0);
    let pc = cx.pc;
    cx.e.exit_if(failed, Exit::HelperFault { pc });
}

/// SIGBUS unless the access of `ty` at guest address `a` is naturally aligned.
fn require_alignment<E: Emit>(cx: &mut Cx<'_, E>, a: E::V, ty: Ty) {
    if ty == Ty::I8 {
        return;
    }
    let low = cx.e.andk(a, ty.bytes() as u64 - 1);
    let misaligned = cx.e.cmpk(Cmp::Ne, low, 0);
    let pc = cx.pc;
    cx.e.exit_if(
        misaligned,
        Exit::Signal {
            sig: libc::SIGBUS as u8,
            code: BUS_ADRALN,
            pc,
        },
    );
}

/// lbarx, lharx, lwarx, ldarx: load and reserve (address and value).
fn load_reserve<E: Emit>(cx: &mut Cx<'_, E>, ty: Ty) {
    let ea = ea(cx, X);
    let a = guest_addr(cx, ea);
    require_alignment(cx, a, ty);
    let v = cx.e.load(ty, a);
    cx.set_gpr(cx.i.rt(), v);
    cx.e.set(st::RES_ADDR, a);
    let v = cx.e.zext_to(Ty::I64, v);
    cx.e.set(st::RES_VAL, v);
}

/// stbcx., sthcx., stwcx., stdcx.: store RS if the reservation is for this address and memory
/// still holds the reserved value (one compare-and-swap); CR0 = EQ on success, | XER.SO. The
/// reservation is gone afterwards either way.
fn store_conditional<E: Emit>(cx: &mut Cx<'_, E>, ty: Ty) {
    let ea = ea(cx, X);
    let a = guest_addr(cx, ea);
    require_alignment(cx, a, ty);
    let res_addr = cx.e.get(Ty::I64, st::RES_ADDR);
    let reserved = cx.e.cmp(Cmp::Eq, res_addr, a);
    let expected = cx.e.get(Ty::I64, st::RES_VAL);
    let expected = cx.e.zext_to(ty, expected);
    let v = cx.gpr(cx.i.rs());
    let v = cx.e.zext_to(ty, v);
    // Without a reservation for this address the swap writes back what it found (if anything).
    let new = cx.e.select(reserved, v, expected);
    let old = cx.e.cas(a, expected, new);
    let same = cx.e.cmp(Cmp::Eq, old, expected);
    let ok = cx.e.and(reserved, same);
    let eq = cx.e.shlk(ok, 1);
    let so = cx.so();
    let cr0 = cx.e.or(eq, so);
    cx.set_cr(0, cr0);
    let none = cx.e.iconst(Ty::I64, u64::MAX);
    cx.e.set(st::RES_ADDR, none);
}

/// dcbz: zero the cache block holding EA.
fn dcbz<E: Emit>(cx: &mut Cx<'_, E>) {
    let ea = ea(cx, X);
    let a = guest_addr(cx, ea);
    let block = cx.e.andk(a, !(DCACHE_BLOCK - 1));
    let zero = cx.e.iconst(Ty::I64, 0);
    for k in (0..DCACHE_BLOCK).step_by(8) {
        let p = cx.e.addk(block, k);
        cx.e.store(p, zero);
    }
}

// ---- the string helpers ----

fn state<'a>(p: *mut u8) -> &'a mut PpcState {
    // SAFETY: PowerPC helpers are only ever called with a pointer to the PpcState they were
    // emitted for (the JIT passes its state parameter, the interpreter its state pointer).
    unsafe { &mut *(p as *mut PpcState) }
}

/// The guest addresses of a string access: `n` bytes from `ea`, wrapping at 4 GiB on ppc32.
fn byte_addrs(ea: u64, n: usize, wide: bool) -> impl Iterator<Item = u64> {
    let mask = if wide { u64::MAX } else { u32::MAX as u64 };
    (0..n as u64).map(move |i| ea.wrapping_add(i) & mask)
}

/// Byte count and bytes-to-registers mapping of a string access: byte `i` goes to (or comes
/// from) register `(reg + i / 4) % 32`, bits `24 - 8 * (i % 4)` of its low word.
fn string_count(s: &PpcState, op: StringOp) -> usize {
    op.count.unwrap_or((s.xer_bc & 0x7f) as u32) as usize
}

/// Checks every byte first so a fault leaves memory and registers untouched; returns the host
/// pointer of each byte.
fn check_bytes(
    s: &mut PpcState,
    mem: &AddressSpace,
    ea: u64,
    n: usize,
    wide: bool,
    access: Access,
) -> Option<Vec<*mut u8>> {
    let mut ptrs = Vec::with_capacity(n);
    for a in byte_addrs(ea, n, wide) {
        match mem.host_range(a, 1, access) {
            Ok(p) => ptrs.push(p),
            Err(f) => {
                s.fault_addr = f.addr;
                return None;
            }
        }
    }
    Some(ptrs)
}

/// lswi/lswx: args (EA, [`StringOp`]); returns 1 after a fault (fault_addr set), else 0.
unsafe extern "C" fn load_string(sp: *mut u8, ea: u64, op: u64, _: u64) -> u64 {
    let s = state(sp);
    let op = StringOp::decode(op);
    let n = string_count(s, op);
    // SAFETY: the state's address space outlives every guest thread running on it.
    let mem = unsafe { &*s.mem };
    let Some(ptrs) = check_bytes(s, mem, ea, n, op.wide, Access::Read) else {
        return 1;
    };
    for (i, p) in ptrs.into_iter().enumerate() {
        let r = (op.reg as usize + i / 4) % 32;
        if i % 4 == 0 {
            s.gpr[r] = 0;
        }
        // SAFETY: checked readable above.
        let b = unsafe { p.read() } as u64;
        s.gpr[r] |= b << (24 - 8 * (i % 4));
    }
    0
}

/// stswi/stswx: args (EA, [`StringOp`]); returns 1 after a fault (fault_addr set), else 0.
unsafe extern "C" fn store_string(sp: *mut u8, ea: u64, op: u64, _: u64) -> u64 {
    let s = state(sp);
    let op = StringOp::decode(op);
    let n = string_count(s, op);
    // SAFETY: the state's address space outlives every guest thread running on it.
    let mem = unsafe { &*s.mem };
    let Some(ptrs) = check_bytes(s, mem, ea, n, op.wide, Access::Write) else {
        return 1;
    };
    for (i, p) in ptrs.into_iter().enumerate() {
        let r = (op.reg as usize + i / 4) % 32;
        let b = (s.gpr[r] >> (24 - 8 * (i % 4))) as u8;
        // SAFETY: checked writable above.
        unsafe { p.write(b) };
    }
    0
}

/// lswi/lswx: bytes from EA into registers from RT, high byte first, the last one zero-padded.
static LOAD_STRING: Helper = Helper {
    name: "ppc_load_string",
    func: load_string,
    reads_state: true,
    writes_state: true,
};

/// stswi/stswx: bytes of registers from RS, high byte first, to EA.
static STORE_STRING: Helper = Helper {
    name: "ppc_store_string",
    func: store_string,
    reads_state: true,
    writes_state: false,
};

/// Each case runs one instruction under both the interpreter and the JIT. Instruction words come
/// from GNU as (`powerpc-linux-gnu-as -a32 -mppc`, then `objdump -d`).
#[cfg(test)]
mod tests {
    use super::super::branch::tests::{both, Machine, Outcome, DATA, DATA_END};
    use super::super::{EQ, SO};

    const NEXT: Outcome = Outcome::Next(super::super::branch::tests::CODE + 4);

    #[test]
    fn loads_extend_and_update() {
        // (word, r4, r5, rt, want rt, want r4): lwzu r3,8(r4); lhaux r3,r4,r5; lha r3,-2(r4);
        // lhbrx r3,0,r4; lwbrx r3,r4,r5.
        let cases = [
            (0x8464_0008, DATA, 0, 3, 0x0809_0a0b, DATA + 8),
            (0x7c64_2aee, DATA, 4, 3, 0xffff_8485, DATA + 4),
            (0xa864_fffe, DATA + 6, 0, 3, 0xffff_8485, DATA + 6),
            (0x7c60_262c, DATA + 2, 0, 3, 0x0302, DATA + 2),
            (0x7c64_2c2c, DATA, 8, 3, 0x0b0a_0908, DATA),
        ];
        let mut bytes: Vec<u8> = (0..16).collect();
        bytes[4] = 0x84;
        bytes[5] = 0x85;
        for (word, r4, r5, rt, want, want_r4) in cases {
            both(
                word,
                |m| {
                    m.write(DATA, &bytes);
                    m.s().gpr[4] = r4;
                    m.s().gpr[5] = r5;
                },
                |m, o| {
                    assert_eq!(o, NEXT, "{word:08x}");
                    assert_eq!(m.s().gpr[rt], want, "{word:08x}");
                    assert_eq!(m.s().gpr[4], want_r4, "{word:08x}");
                },
            );
        }
    }

    #[test]
    fn stores_truncate_swap_and_update() {
        // stwu r1,-16(r1) stores the old r1.
        both(
            0x9421_fff0,
            |m| m.s().gpr[1] = DATA + 0x20,
            |m, o| {
                assert_eq!(o, NEXT);
                assert_eq!(m.s().gpr[1], DATA + 0x10);
                assert_eq!(m.read(DATA + 0x10, 4), (DATA as u32 + 0x20).to_be_bytes());
            },
        );
        // (word, r3, where, want): stbx r3,r4,r5; sthbrx r3,0,r4; stwbrx r3,0,r4.
        let cases: [(u32, u64, u64, &[u8]); 3] = [
            (0x7c64_29ae, 0x1234_5678, DATA + 3, &[0x78]),
            (0x7c60_272c, 0x1234_5678, DATA, &[0x78, 0x56]),
            (0x7c60_252c, 0x1234_5678, DATA, &[0x78, 0x56, 0x34, 0x12]),
        ];
        for (word, r3, at, want) in cases {
            both(
                word,
                |m| {
                    m.s().gpr[3] = r3;
                    m.s().gpr[4] = DATA;
                    m.s().gpr[5] = 3;
                },
                |m, o| {
                    assert_eq!(o, NEXT, "{word:08x}");
                    assert_eq!(m.read(at, want.len()), want, "{word:08x}");
                },
            );
        }
    }

    #[test]
    fn load_and_store_multiple() {
        // lmw r29,4(r4).
        both(
            0xbba4_0004,
            |m| {
                m.write(DATA, &(0..16).collect::<Vec<u8>>());
                m.s().gpr[4] = DATA;
            },
            |m, o| {
                assert_eq!(o, NEXT);
                assert_eq!(m.s().gpr[29..], [0x0405_0607, 0x0809_0a0b, 0x0c0d_0e0f]);
            },
        );
        // stmw r30,0(r4).
        both(
            0xbfc4_0000,
            |m| {
                m.s().gpr[4] = DATA;
                m.s().gpr[30] = 0x1122_3344;
                m.s().gpr[31] = 0x5566_7788;
            },
            |m, o| {
                assert_eq!(o, NEXT);
                assert_eq!(
                    m.read(DATA, 8),
                    [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88]
                );
            },
        );
    }

    #[test]
    fn string_loads_and_stores() {
        // lswi r5,r4,7: r5 = 00010203, r6 = 04050600 (zero-padded).
        // lswx r5,r4,r6 with XER.bc = 5 and r6 = 2: r5 = 02030405, r6 = 06000000.
        for (word, bc, want) in [
            (0x7ca4_3caa, 0, [0x0001_0203, 0x0405_0600]),
            (0x7ca4_342a, 5, [0x0203_0405, 0x0600_0000]),
        ] {
            both(
                word,
                |m| {
                    m.write(DATA, &(0..16).collect::<Vec<u8>>());
                    m.s().gpr[4] = DATA;
                    m.s().gpr[5] = 0xdead_beef;
                    m.s().gpr[6] = 2;
                    m.s().xer_bc = bc;
                },
                |m, o| {
                    assert_eq!(o, NEXT, "{word:08x}");
                    assert_eq!(m.s().gpr[5..7], want, "{word:08x}");
                },
            );
        }
        // lswi r31,r4,8 wraps from r31 to r0.
        both(
            0x7fe4_44aa,
            |m| {
                m.write(DATA, &(0..16).collect::<Vec<u8>>());
                m.s().gpr[4] = DATA;
            },
            |m, o| {
                assert_eq!(o, NEXT);
                assert_eq!((m.s().gpr[31], m.s().gpr[0]), (0x0001_0203, 0x0405_0607));
            },
        );
        // stswi r5,r4,7 and stswx r5,0,r4 with XER.bc = 3.
        for (word, bc, want) in [
            (
                0x7ca4_3daa,
                0,
                &[0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0][..],
            ),
            (0x7ca0_252a, 3, &[0x11, 0x22, 0x33, 0, 0, 0, 0, 0][..]),
        ] {
            both(
                word,
                |m| {
                    m.s().gpr[4] = DATA;
                    m.s().gpr[5] = 0x1122_3344;
                    m.s().gpr[6] = 0x5566_7788;
                    m.s().xer_bc = bc;
                },
                |m, o| {
                    assert_eq!(o, NEXT, "{word:08x}");
                    assert_eq!(m.read(DATA, 8), want, "{word:08x}");
                },
            );
        }
        // A string load running off the mapping faults and changes no register.
        both(
            0x7ca4_3caa,
            |m| {
                m.s().gpr[4] = DATA_END - 3;
                m.s().gpr[5] = 0x5555;
            },
            |m, o| {
                assert!(matches!(o, Outcome::HelperFault(_)), "{o:?}");
                assert_eq!(m.s().gpr[5], 0x5555);
                assert_eq!(m.s().fault_addr, DATA_END);
            },
        );
    }

    /// lwarx r3,0,r4 then stwcx. r5,0,r4, each as its own block.
    fn reserve_then_store(m: &mut Machine, jit: bool, between: impl Fn(&mut Machine)) -> u64 {
        let o = m.step(jit);
        assert_eq!(o, NEXT);
        between(m);
        m.mem
            .poke(
                super::super::branch::tests::CODE,
                &0x7ca0_212du32.to_be_bytes(),
            )
            .unwrap();
        let o = m.step(jit);
        assert_eq!(o, NEXT);
        assert_eq!(m.s().res_addr, u64::MAX, "reservation cleared");
        m.s().cr[0]
    }

    #[test]
    fn reservations() {
        for jit in [false, true] {
            let setup = |m: &mut Machine| {
                m.write(DATA + 8, &[0, 0, 0, 7]);
                m.s().gpr[4] = DATA + 8;
                m.s().gpr[5] = 0x99;
                m.s().xer_so = 1;
            };
            // Undisturbed: the store happens, CR0 = EQ | SO.
            let mut m = Machine::new(0x7c60_2028);
            setup(&mut m);
            let cr0 = reserve_then_store(&mut m, jit, |_| {});
            assert_eq!(m.s().gpr[3], 7);
            assert_eq!(cr0, EQ | SO);
            assert_eq!(m.read(DATA + 8, 4), [0, 0, 0, 0x99]);
            // Another value stored in between: fails, memory keeps it.
            let mut m = Machine::new(0x7c60_2028);
            setup(&mut m);
            let cr0 = reserve_then_store(&mut m, jit, |m| m.write(DATA + 11, &[8]));
            assert_eq!(cr0, SO);
            assert_eq!(m.read(DATA + 8, 4), [0, 0, 0, 8]);
            // Reservation for another address: fails, nothing stored.
            let mut m = Machine::new(0x7c60_2028);
            setup(&mut m);
            let cr0 = reserve_then_store(&mut m, jit, |m| m.s().gpr[4] = DATA + 12);
            assert_eq!(cr0, SO);
            assert_eq!(m.read(DATA + 12, 4), [0, 0, 0, 0]);
            // No reservation at all.
            let mut m = Machine::new(0x7ca0_212d);
            setup(&mut m);
            assert_eq!(m.step(jit), NEXT);
            assert_eq!(m.s().cr[0], SO);
            assert_eq!(m.read(DATA + 8, 4), [0, 0, 0, 7]);
        }
        // A misaligned lwarx is SIGBUS.
        both(
            0x7c60_2028,
            |m| m.s().gpr[4] = DATA + 2,
            |_, o| {
                let sigbus = Outcome::Signal {
                    sig: libc::SIGBUS as u8,
                    code: super::BUS_ADRALN,
                    pc: super::super::branch::tests::CODE,
                };
                assert_eq!(o, sigbus);
            },
        );
    }

    #[test]
    fn dcbz_clears_the_block_and_hints_do_nothing() {
        both(
            0x7c00_27ec,
            |m| {
                m.write(DATA, &[0xff; 0x60]);
                m.s().gpr[4] = DATA + 0x2b;
            },
            |m, o| {
                assert_eq!(o, NEXT);
                assert_eq!(m.read(DATA + 0x1f, 1), [0xff]);
                assert_eq!(m.read(DATA + 0x20, 0x20), [0; 0x20]);
                assert_eq!(m.read(DATA + 0x40, 1), [0xff]);
            },
        );
        // hwsync, lwsync, isync, eieio, dcbt, icbi.
        for word in [
            0x7c00_04ac,
            0x7c20_04ac,
            0x4c00_012c,
            0x7c00_06ac,
            0x7c00_222c,
            0x7c00_27ac,
        ] {
            both(
                word,
                |m| m.s().gpr[4] = 0xdead_0000,
                |_, o| assert_eq!(o, NEXT, "{word:08x}"),
            );
        }
    }
}
