//! Floating point (Book I chapter 4): loads and stores, the sign and move operations and
//! `fsel` inline; everything that reads or writes the FPSCR (arithmetic, rounding, conversions,
//! compares, the FPSCR moves) through one runtime helper, [`helpers_fp::FP_INSN`], which gets
//! the instruction itself and computes in plain Rust (see that module for the rounding rules).
//!
//! FPRs hold IEEE double bits (I64 slots); `lfs`/`stfs` convert with the ISA's bit-level rules
//! (pure helpers), never with the host's conversions.

use super::Cx;
use crate::emit::{ArithExt, Conv, Emit, FCmp, Ty};
use crate::guest::ppc::helpers_fp;
use crate::guest::ppc::insns::Op;
use crate::guest::ppc::state as st;

const SIGN: u64 = 1 << 63;

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>, op: Op) -> bool {
    let i = cx.i;
    match op {
        // ---- loads and stores ----
        Op::Lfs | Op::Lfsu | Op::Lfd | Op::Lfdu => {
            let ea = cx.ea_d(i.ra(), i.d() as i64);
            load(cx, ea, matches!(op, Op::Lfs | Op::Lfsu));
            if matches!(op, Op::Lfsu | Op::Lfdu) {
                cx.set_gpr(i.ra(), ea);
            }
        }
        Op::Lfsx | Op::Lfsux | Op::Lfdx | Op::Lfdux => {
            let ea = cx.ea_x(i.ra(), i.rb());
            load(cx, ea, matches!(op, Op::Lfsx | Op::Lfsux));
            if matches!(op, Op::Lfsux | Op::Lfdux) {
                cx.set_gpr(i.ra(), ea);
            }
        }
        Op::Lfiwax | Op::Lfiwzx => {
            let ea = cx.ea_x(i.ra(), i.rb());
            let w = cx.e.load(Ty::I32, ea);
            let v = if op == Op::Lfiwax {
                cx.e.sext_to(Ty::I64, w)
            } else {
                cx.e.zext_to(Ty::I64, w)
            };
            cx.e.set(st::fpr(i.frt()), v);
        }
        Op::Stfs | Op::Stfsu | Op::Stfd | Op::Stfdu => {
            let ea = cx.ea_d(i.ra(), i.d() as i64);
            store(cx, ea, matches!(op, Op::Stfs | Op::Stfsu));
            if matches!(op, Op::Stfsu | Op::Stfdu) {
                cx.set_gpr(i.ra(), ea);
            }
        }
        Op::Stfsx | Op::Stfsux | Op::Stfdx | Op::Stfdux => {
            let ea = cx.ea_x(i.ra(), i.rb());
            store(cx, ea, matches!(op, Op::Stfsx | Op::Stfsux));
            if matches!(op, Op::Stfsux | Op::Stfdux) {
                cx.set_gpr(i.ra(), ea);
            }
        }
        Op::Stfiwx => {
            let ea = cx.ea_x(i.ra(), i.rb());
            let v = fpr(cx, i.frs());
            let w = cx.e.zext_to(Ty::I32, v);
            cx.e.store(ea, w);
        }

        // ---- sign and move operations: bits only, no FPSCR change ----
        Op::Fmr | Op::Fneg | Op::Fabs | Op::Fnabs => {
            let b = fpr(cx, i.frb());
            let v = match op {
                Op::Fmr => b,
                Op::Fneg => {
                    let k = cx.e.iconst(Ty::I64, SIGN);
                    cx.e.xor(b, k)
                }
                Op::Fabs => cx.e.andk(b, !SIGN),
                _ => {
                    let k = cx.e.iconst(Ty::I64, SIGN);
                    cx.e.or(b, k)
                }
            };
            set_fpr(cx, i.frt(), v);
        }
        Op::Fcpsgn => {
            let a = fpr(cx, i.fra());
            let b = fpr(cx, i.frb());
            let s = cx.e.andk(a, SIGN);
            let m = cx.e.andk(b, !SIGN);
            let v = cx.e.or(s, m);
            set_fpr(cx, i.frt(), v);
        }
        Op::Fmrgew | Op::Fmrgow => {
            let a = fpr(cx, i.fra());
            let b = fpr(cx, i.frb());
            let v = if op == Op::Fmrgew {
                let hi = cx.e.andk(a, 0xffff_ffff_0000_0000);
                let lo = cx.e.lshrk(b, 32);
                cx.e.or(hi, lo)
            } else {
                let hi = cx.e.shlk(a, 32);
                let lo = cx.e.andk(b, 0xffff_ffff);
                cx.e.or(hi, lo)
            };
            cx.e.set(st::fpr(i.frt()), v);
        }
        Op::Fsel => {
            // FRA >= 0 (false for a NaN; -0 counts) ? FRC : FRB.
            let a = fpr(cx, i.fra());
            let c = fpr(cx, i.frc());
            let b = fpr(cx, i.frb());
            let af = cx.e.conv(Conv::Bitcast, Ty::F64, a);
            let zero = cx.e.iconst(Ty::I64, 0);
            let zf = cx.e.conv(Conv::Bitcast, Ty::F64, zero);
            let ge = cx.e.fcmp(FCmp::Le, zf, af);
            let v = cx.e.select(ge, c, b);
            set_fpr(cx, i.frt(), v);
        }

        // ---- everything that reads or writes the FPSCR ----
        Op::Fadd
        | Op::Fadds
        | Op::Fsub
        | Op::Fsubs
        | Op::Fmul
        | Op::Fmuls
        | Op::Fdiv
        | Op::Fdivs
        | Op::Fsqrt
        | Op::Fsqrts
        | Op::Fmadd
        | Op::Fmadds
        | Op::Fmsub
        | Op::Fmsubs
        | Op::Fnmadd
        | Op::Fnmadds
        | Op::Fnmsub
        | Op::Fnmsubs
        | Op::Frsp
        | Op::Fre
        | Op::Fres
        | Op::Frsqrte
        | Op::Frsqrtes
        | Op::Fctiw
        | Op::Fctiwz
        | Op::Fctiwu
        | Op::Fctiwuz
        | Op::Fctid
        | Op::Fctidz
        | Op::Fctidu
        | Op::Fctiduz
        | Op::Fcfid
        | Op::Fcfids
        | Op::Fcfidu
        | Op::Fcfidus
        | Op::Frin
        | Op::Friz
        | Op::Frip
        | Op::Frim
        | Op::Fcmpu
        | Op::Fcmpo
        | Op::Mffs
        | Op::Mffsce
        | Op::Mffsl
        | Op::Mffscrn
        | Op::Mffscrni
        | Op::Mffscdrn
        | Op::Mffscdrni
        | Op::Mtfsf
        | Op::Mtfsfi
        | Op::Mtfsb0
        | Op::Mtfsb1
        | Op::Mcrfs => {
            let o = cx.e.iconst(Ty::I64, op as u64);
            let w = cx.e.iconst(Ty::I64, i.word as u64);
            cx.e.call(&helpers_fp::FP_INSN, &[o, w]);
        }
        _ => return false,
    }
    true
}

fn fpr<E: Emit>(cx: &mut Cx<'_, E>, n: u32) -> E::V {
    cx.e.get(Ty::I64, st::fpr(n))
}

/// Writes FRT and, for Rc = 1, CR1 from FPSCR[FX, FEX, VX, OX].
fn set_fpr<E: Emit>(cx: &mut Cx<'_, E>, n: u32, v: E::V) {
    cx.e.set(st::fpr(n), v);
    if cx.i.rc() {
        let f = cx.e.get(Ty::I64, st::FPSCR);
        let f = cx.e.lshrk(f, 28);
        let f = cx.e.andk(f, 0xf);
        cx.set_cr(1, f);
    }
}

fn load<E: Emit>(cx: &mut Cx<'_, E>, ea: E::V, single: bool) {
    let v = if single {
        let w = cx.e.load(Ty::I32, ea);
        let w = cx.e.zext_to(Ty::I64, w);
        cx.e.call(&helpers_fp::SINGLE_TO_DOUBLE, &[w])
    } else {
        cx.e.load(Ty::I64, ea)
    };
    cx.e.set(st::fpr(cx.i.frt()), v);
}

fn store<E: Emit>(cx: &mut Cx<'_, E>, ea: E::V, single: bool) {
    let v = fpr(cx, cx.i.frs());
    let v = if single {
        let w = cx.e.call(&helpers_fp::DOUBLE_TO_SINGLE, &[v]);
        cx.e.zext_to(Ty::I32, w)
    } else {
        v
    };
    cx.e.store(ea, v);
}

#[cfg(test)]
mod tests {
    //! Each case runs a short block under both the interpreter and the JIT (big-endian memory,
    //! ppc32) and checks FPRs, memory and CR: the inline paths (loads, stores, sign ops, fsel)
    //! and the helper call with its CR1 update. Expected values are those of fp.S/fpscr.S.
    use crate::guest::ppc::{PpcGuest, PpcMode, PpcState};
    use crate::guest::Guest;
    use crate::interp::{Interp, InterpExit};
    use crate::jit::{ExitKind, GuestMemLayout, Jit, JitConfig, OptLevel, SlotId};
    use crate::mem::{AddressSpace, Prot, VmaKind};

    const CODE: u64 = 0x10000;
    const DATA: u64 = 0x20000;

    struct Machine {
        mem: Box<AddressSpace>,
        g: PpcGuest,
        end: u64,
    }

    impl Machine {
        fn new(code: &[u32]) -> Machine {
            let mut mem = Box::new(AddressSpace::new(32).unwrap());
            mem.map_fixed(CODE, 0x1000, Prot::RX, VmaKind::Anon)
                .unwrap();
            let bytes: Vec<u8> = code.iter().flat_map(|w| w.to_be_bytes()).collect();
            mem.poke(CODE, &bytes).unwrap();
            mem.map_fixed(DATA, 0x1000, Prot::RW, VmaKind::Anon)
                .unwrap();
            let g = PpcGuest::new(&mem, PpcMode::PPC32, CODE, DATA + 0x800);
            Machine {
                mem,
                g,
                end: CODE + 4 * code.len() as u64,
            }
        }
        fn s(&mut self) -> &mut PpcState {
            &mut self.g.state
        }
        /// Runs the code as one block; returns where it continues (or the SIGILL's pc).
        fn run(&mut self, jit: bool) -> u64 {
            let b = self.g.decode(&self.mem, CODE, 64);
            if !jit {
                let sp = self.g.state_ptr();
                // SAFETY: `sp` is this machine's ppc state, alive for the whole call.
                let mut it = unsafe { Interp::new(sp, &self.mem, true) };
                PpcGuest::lift(&b, &mut it);
                return match it.outcome().unwrap() {
                    // The zero word after the code: SIGILL there.
                    InterpExit::Jump(pc) | InterpExit::Signal { sig: 4, pc, .. } => pc,
                    e => panic!("unexpected exit {e:?}"),
                };
            }
            let mut jit = Jit::new(JitConfig {
                opt_level: OptLevel::None,
                no_chain: true,
                stats: false,
                want_ir: false,
                want_asm: false,
            })
            .unwrap();
            let layout = GuestMemLayout {
                base: self.mem.base() as u64,
                mask: self.mem.mask(),
                big_endian: true,
                pc_offset: self.g.pc_offset(),
            };
            let tb = jit
                .compile(CODE, layout, &mut |e| PpcGuest::lift(&b, e))
                .unwrap();
            // SAFETY: the TB was compiled for this state layout and guest memory.
            let w = unsafe { jit.run(self.g.state_ptr(), tb.code) };
            let (kind, payload) = ExitKind::from_word(w).unwrap();
            match kind {
                ExitKind::Slot => jit.table.target(SlotId(payload as u32)).unwrap(),
                ExitKind::Signal if payload & 0xff == 4 => self.g.state.pc,
                k => panic!("unexpected exit {k:?}"),
            }
        }
        fn word(&self, addr: u64) -> u32 {
            let mut b = [0; 4];
            self.mem.read(addr, &mut b).unwrap();
            u32::from_be_bytes(b)
        }
    }

    fn both(code: &[u32], setup: impl Fn(&mut Machine), check: impl Fn(&mut Machine)) {
        for jit in [false, true] {
            let mut m = Machine::new(code);
            setup(&mut m);
            let next = m.run(jit);
            assert_eq!(next, m.end, "jit={jit}");
            check(&mut m);
        }
    }

    fn d_form(pri: u32, t: u32, a: u32, d: i16) -> u32 {
        pri << 26 | t << 21 | a << 16 | d as u16 as u32
    }
    fn x_form(pri: u32, xo: u32, t: u32, a: u32, b: u32) -> u32 {
        pri << 26 | t << 21 | a << 16 | b << 11 | xo << 1
    }

    #[test]
    fn loads_and_stores() {
        let code = [
            d_form(48, 1, 10, 0),       // lfs f1, 0(r10)
            d_form(48, 2, 10, 8),       // lfs f2, 8(r10): an SNaN stays signalling
            d_form(49, 3, 11, 4),       // lfsu f3, 4(r11)
            d_form(50, 4, 10, 16),      // lfd f4, 16(r10)
            x_form(31, 631, 5, 12, 13), // lfdux f5, r12, r13
            d_form(52, 6, 10, 32),      // stfs f6, 32(r10): truncation
            x_form(31, 663, 7, 10, 14), // stfsx f7, r10, r14 (36)
            d_form(55, 4, 15, 8),       // stfdu f4, 8(r15)
            x_form(31, 983, 6, 10, 16), // stfiwx f6, r10, r16 (56)
            x_form(31, 855, 8, 10, 16), // lfiwax f8, r10, r16
            x_form(31, 887, 9, 0, 17),  // lfiwzx f9, 0, r17 (absolute)
            x_form(63, 966, 20, 4, 6),  // fmrgew f20, f4, f6
            x_form(63, 838, 21, 4, 6),  // fmrgow f21, f4, f6
        ];
        both(
            &code,
            |m| {
                for (i, w) in [0x3dcccccdu32, 1, 0x7f800001, 0, 0x01234567, 0x89abcdef]
                    .iter()
                    .enumerate()
                {
                    m.mem.write(DATA + 4 * i as u64, &w.to_be_bytes()).unwrap();
                }
                let s = m.s();
                s.gpr[10] = DATA;
                s.gpr[11] = DATA;
                s.gpr[12] = DATA + 8;
                s.gpr[13] = 8;
                s.gpr[14] = 36;
                s.gpr[15] = DATA + 40;
                s.gpr[16] = 56;
                s.gpr[17] = DATA + 4;
                s.fpr[6] = 0x3fb9_9999_9999_999a;
                s.fpr[7] = 0x7ff4_1234_0000_0000;
            },
            |m| {
                let s = m.s();
                assert_eq!(s.fpr[1], 0x3fb9_9999_a000_0000);
                assert_eq!(s.fpr[2], 0x7ff0_0000_2000_0000);
                assert_eq!(s.fpr[3], 0x36a0_0000_0000_0000);
                assert_eq!(s.gpr[11], DATA + 4);
                assert_eq!(s.fpr[4], 0x0123_4567_89ab_cdef);
                assert_eq!(s.fpr[5], 0x0123_4567_89ab_cdef);
                assert_eq!(s.gpr[12], DATA + 16);
                assert_eq!(s.gpr[15], DATA + 48);
                assert_eq!(m.word(DATA + 32), 0x3dcccccc);
                assert_eq!(m.word(DATA + 36), 0x7fa091a0);
                assert_eq!(
                    (m.word(DATA + 48), m.word(DATA + 52)),
                    (0x01234567, 0x89abcdef)
                );
                assert_eq!(m.word(DATA + 56), 0x9999999a);
                let s = m.s();
                assert_eq!(s.fpr[8], 0xffff_ffff_9999_999a);
                assert_eq!(s.fpr[9], 1);
                assert_eq!(s.fpr[20], 0x0123_4567_3fb9_9999);
                assert_eq!(s.fpr[21], 0x89ab_cdef_9999_999a);
            },
        );
    }

    #[test]
    fn sign_ops_fsel_and_helper_calls() {
        let code = [
            x_form(63, 264, 3, 0, 1),                                  // fabs f3, f1
            x_form(63, 136, 4, 0, 2),                                  // fnabs f4, f2
            x_form(63, 40, 5, 0, 9), // fneg f5, f9 (SNaN: not quietened)
            x_form(63, 8, 6, 2, 1),  // fcpsgn f6, f2, f1
            63 << 26 | 7 << 21 | 2 << 16 | 1 << 11 | 2 << 6 | 23 << 1, // fsel f7, f2, f2, f1
            63 << 26 | 8 << 21 | 1 << 16 | 1 << 11 | 2 << 6 | 23 << 1, // fsel f8, f1(NaN), f2, f1
            63 << 26 | 10 << 21 | 11 << 16 | 11 << 11 | 18 << 1 | 1, // fdiv. f10, f11, f11 (0/0)
            x_form(63, 0, 5 << 2, 2, 4), // fcmpu cr5, f2, f4
            x_form(63, 72, 12, 0, 2) | 1, // fmr. f12, f2: CR1 from FPSCR
        ];
        both(
            &code,
            |m| {
                let s = m.s();
                s.fpr[1] = 0xfff8_0000_0000_0001;
                s.fpr[2] = 0x3ff8_0000_0000_0000;
                s.fpr[9] = 0x7ff0_0000_0000_0001;
                s.fpr[11] = 0;
            },
            |m| {
                let s = m.s();
                assert_eq!(s.fpr[3], 0x7ff8_0000_0000_0001);
                assert_eq!(s.fpr[4], 0xbff8_0000_0000_0000);
                assert_eq!(s.fpr[5], 0xfff0_0000_0000_0001);
                assert_eq!(s.fpr[6], 0x7ff8_0000_0000_0001);
                assert_eq!(s.fpr[7], 0x3ff8_0000_0000_0000);
                assert_eq!(s.fpr[8], 0xfff8_0000_0000_0001);
                assert_eq!(s.fpr[10], 0x7ff8_0000_0000_0000);
                assert_eq!(s.cr[5], 4);
                assert_eq!(s.fpscr, 0xa021_4000); // C kept from the NaN result
                assert_eq!(s.fpr[12], 0x3ff8_0000_0000_0000);
                assert_eq!(s.cr[1], 0xa);
            },
        );
    }
}
