//! Branches, traps and `sc` (Book I, chapter 2): b/bc/bclr/bcctr with every BO form, tw/twi
//! (and td/tdi on 64-bit guests), and the system call.
//!
//! A conditional branch decrements CTR unless BO[2] is set, then branches if the CTR test
//! (BO[3]: CTR = 0, else CTR ≠ 0; skipped when BO[2]) and the CR test (CR bit BI = BO[1];
//! skipped when BO[0]) both hold. The bits that are static prediction hints (BO[4], and the
//! "at" bits where a test is skipped) are ignored, so the old "y"-bit forms glibc still uses
//! (`bgelr+`, BO = 0b00101) work like their unhinted twins. Branches through LR or CTR whose
//! condition is not constant leave through `exit_if` (not taken, chained) followed by an
//! indirect exit. `bctar` is not implemented (SIGILL).

use super::{Cx, ILL_ILLOPC};
use crate::emit::{ArithExt, Cmp, Emit, Exit, Ty};
use crate::guest::ppc::insns::Op;

/// SIGTRAP's si_code for a trap instruction (Linux's program check: TRAP_BRKPT).
pub const TRAP_BRKPT: u8 = 1;

pub fn lift<E: Emit>(cx: &mut Cx<'_, E>, op: Op) -> bool {
    match op {
        Op::B => b(cx),
        Op::Bc => bc(cx),
        Op::Bclr => bclr(cx),
        Op::Bcctr => bcctr(cx),
        Op::Sc => sc(cx),
        Op::Tw => trap(cx, Ty::I32, false),
        Op::Twi => trap(cx, Ty::I32, true),
        Op::Td => trap(cx, Ty::I64, false),
        Op::Tdi => trap(cx, Ty::I64, true),
        _ => return false,
    }
    true
}

/// BO bits, in the word's numbering (BO[0] is the most significant).
const BO_NO_CR: u32 = 16;
const BO_CR_TRUE: u32 = 8;
const BO_NO_CTR: u32 = 4;
const BO_CTR_ZERO: u32 = 2;

/// A guest address at the register width (a ppc32 target wraps at 4 GiB).
fn addr<E: Emit>(cx: &Cx<'_, E>, a: u64) -> u64 {
    a & cx.word.mask()
}

/// LR = the next instruction's address, for LK = 1.
fn link<E: Emit>(cx: &mut Cx<'_, E>) {
    if cx.i.lk() {
        let next = addr(cx, cx.next_pc());
        let v = cx.k(next);
        cx.set_lr(v);
    }
}

/// Decrements CTR if BO says so and returns the branch condition as an I8 0/1, or None when
/// the branch is always taken.
fn condition<E: Emit>(cx: &mut Cx<'_, E>) -> Option<E::V> {
    let bo = cx.i.bo();
    let ctr_ok = if bo & BO_NO_CTR == 0 {
        let c = cx.ctr();
        let c = cx.e.addk(c, u64::MAX);
        cx.set_ctr(c);
        let cc = if bo & BO_CTR_ZERO != 0 {
            Cmp::Eq
        } else {
            Cmp::Ne
        };
        Some(cx.e.cmpk(cc, c, 0))
    } else {
        None
    };
    let cr_ok = if bo & BO_NO_CR == 0 {
        let bit = cx.cr_bit(cx.i.bi());
        Some(if bo & BO_CR_TRUE != 0 {
            bit
        } else {
            cx.e.cmpk(Cmp::Eq, bit, 0)
        })
    } else {
        None
    };
    match (ctr_ok, cr_ok) {
        (Some(a), Some(b)) => Some(cx.e.and(a, b)),
        (a, b) => a.or(b),
    }
}

/// b, ba, bl, bla.
fn b<E: Emit>(cx: &mut Cx<'_, E>) {
    link(cx);
    let target = addr(cx, cx.i.branch_target(cx.pc));
    cx.jump(target);
}

/// bc, bca, bcl, bcla.
fn bc<E: Emit>(cx: &mut Cx<'_, E>) {
    let cond = condition(cx);
    link(cx);
    let target = addr(cx, cx.i.branch_target(cx.pc));
    match cond {
        None => cx.jump(target),
        Some(c) => {
            let next = addr(cx, cx.next_pc());
            cx.e.exit_branch(c, target, next);
            cx.ended = true;
        }
    }
}

/// Leaves for `target` (a register-width value, low two bits already clear) if `cond` holds,
/// else for the next instruction.
fn branch_to_reg<E: Emit>(cx: &mut Cx<'_, E>, cond: Option<E::V>, target: E::V) {
    if let Some(c) = cond {
        let not_taken = cx.e.cmpk(Cmp::Eq, c, 0);
        let next = addr(cx, cx.next_pc());
        cx.e.exit_if(not_taken, Exit::Jump(next));
    }
    let t = cx.e.zext_to(Ty::I64, target);
    cx.e.exit_indirect(t);
    cx.ended = true;
}

/// bclr, bclrl: the target is the LR read before LK writes it.
fn bclr<E: Emit>(cx: &mut Cx<'_, E>) {
    let lr = cx.lr();
    let target = cx.e.andk(lr, !3);
    let cond = condition(cx);
    link(cx);
    branch_to_reg(cx, cond, target);
}

/// bcctr, bcctrl. A form that would decrement CTR is invalid: SIGILL.
fn bcctr<E: Emit>(cx: &mut Cx<'_, E>) {
    if cx.i.bo() & BO_NO_CTR == 0 {
        cx.raise(libc::SIGILL as u8, ILL_ILLOPC);
        return;
    }
    let ctr = cx.ctr();
    let target = cx.e.andk(ctr, !3);
    let cond = condition(cx);
    link(cx);
    branch_to_reg(cx, cond, target);
}

/// sc: the dispatcher performs the call and applies the r3/CR0.SO convention.
fn sc<E: Emit>(cx: &mut Cx<'_, E>) {
    let next = addr(cx, cx.next_pc());
    cx.e.exit(Exit::Syscall { next });
    cx.ended = true;
}

/// TO bits: trap if a < b (signed), a > b (signed), a = b, a < b (unsigned), a > b (unsigned).
const TO_CONDITIONS: [(u32, Cmp); 5] = [
    (16, Cmp::Slt),
    (8, Cmp::Sgt),
    (4, Cmp::Eq),
    (2, Cmp::Ult),
    (1, Cmp::Ugt),
];

/// tw/twi/td/tdi: SIGTRAP (TRAP_BRKPT) at the instruction if any condition selected by TO
/// holds between (RA) and (RB) or the sign-extended immediate, compared at `ty`.
fn trap<E: Emit>(cx: &mut Cx<'_, E>, ty: Ty, immediate: bool) {
    let to = cx.i.to();
    if to == 0 {
        return;
    }
    let a = cx.gpr(cx.i.ra());
    let a = cx.e.zext_to(ty, a);
    let b = if immediate {
        cx.e.iconst(ty, cx.i.si() as i64 as u64)
    } else {
        let b = cx.gpr(cx.i.rb());
        cx.e.zext_to(ty, b)
    };
    let always = to == 31 || to & 0x1c == 0x1c || to & 7 == 7;
    if always {
        cx.raise(libc::SIGTRAP as u8, TRAP_BRKPT);
        return;
    }
    let mut any: Option<E::V> = None;
    for (bit, cc) in TO_CONDITIONS {
        if to & bit != 0 {
            let c = cx.e.cmp(cc, a, b);
            any = Some(match any {
                Some(x) => cx.e.or(x, c),
                None => c,
            });
        }
    }
    if let Some(c) = any {
        let pc = cx.pc;
        cx.e.exit_if(
            c,
            Exit::Signal {
                sig: libc::SIGTRAP as u8,
                code: TRAP_BRKPT,
                pc,
            },
        );
    }
}

/// A one-instruction machine for the lifter's unit tests (shared with the load/store tests):
/// ppc32 big-endian, code at [`CODE`](tests::CODE), two read-write pages at
/// [`DATA`](tests::DATA) with nothing mapped after them.
#[cfg(test)]
pub(super) mod tests {
    use crate::guest::ppc::{PpcGuest, PpcMode, PpcState};
    use crate::guest::Guest;
    use crate::interp::{Interp, InterpExit};
    use crate::jit::{ExitKind, GuestMemLayout, Jit, JitConfig, OptLevel, SlotId};
    use crate::mem::{AddressSpace, Prot, VmaKind};

    pub const CODE: u64 = 0x10000;
    pub const DATA: u64 = 0x20000;
    pub const DATA_END: u64 = DATA + 0x2000;

    /// How the one-instruction block ended.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Outcome {
        Next(u64),
        Indirect(u64),
        Syscall(u64),
        Signal { sig: u8, code: u8, pc: u64 },
        HelperFault(u64),
    }

    pub struct Machine {
        // Boxed: the guest state keeps a pointer to the address space.
        pub mem: Box<AddressSpace>,
        pub g: PpcGuest,
    }

    impl Machine {
        pub fn new(word: u32) -> Machine {
            let mut mem = Box::new(AddressSpace::new(32).unwrap());
            mem.map_fixed(CODE, 0x1000, Prot::RX, VmaKind::Anon)
                .unwrap();
            mem.poke(CODE, &word.to_be_bytes()).unwrap();
            mem.map_fixed(DATA, DATA_END - DATA, Prot::RW, VmaKind::Anon)
                .unwrap();
            let g = PpcGuest::new(&mem, PpcMode::PPC32, CODE, DATA_END - 0x100);
            Machine { mem, g }
        }

        pub fn s(&mut self) -> &mut PpcState {
            &mut self.g.state
        }

        pub fn write(&self, addr: u64, data: &[u8]) {
            self.mem.write(addr, data).unwrap();
        }

        pub fn read(&self, addr: u64, len: usize) -> Vec<u8> {
            let mut v = vec![0; len];
            self.mem.read(addr, &mut v).unwrap();
            v
        }

        /// Runs the instruction at CODE as a block of its own.
        pub fn step(&mut self, jit: bool) -> Outcome {
            let b = self.g.decode(&self.mem, CODE, 1);
            if !jit {
                let sp = self.g.state_ptr();
                // SAFETY: `sp` is this machine's ppc state, alive for the whole call.
                let mut it = unsafe { Interp::new(sp, &self.mem, true) };
                PpcGuest::lift(&b, &mut it);
                return match it.outcome().unwrap() {
                    InterpExit::Jump(pc) => Outcome::Next(pc),
                    InterpExit::Indirect(pc) => Outcome::Indirect(pc),
                    InterpExit::Syscall { next } => Outcome::Syscall(next),
                    InterpExit::Signal { sig, code, pc } => Outcome::Signal { sig, code, pc },
                    InterpExit::HelperFault { pc } => Outcome::HelperFault(pc),
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
            let pc = self.g.state.pc;
            match kind {
                ExitKind::Slot => Outcome::Next(jit.table.target(SlotId(payload as u32)).unwrap()),
                ExitKind::IndirectMiss => Outcome::Indirect(pc),
                ExitKind::Syscall => Outcome::Syscall(pc),
                ExitKind::Signal => Outcome::Signal {
                    sig: payload as u8,
                    code: (payload >> 8) as u8,
                    pc,
                },
                ExitKind::HelperFault => Outcome::HelperFault(pc),
            }
        }
    }

    /// Runs `word` on both engines, each on a fresh machine prepared by `setup`, and hands both
    /// machines and outcomes to `check`.
    pub fn both(word: u32, setup: impl Fn(&mut Machine), check: impl Fn(&mut Machine, Outcome)) {
        for jit in [false, true] {
            let mut m = Machine::new(word);
            setup(&mut m);
            let o = m.step(jit);
            check(&mut m, o);
        }
    }

    /// CR as the 32-bit register.
    fn set_cr(m: &mut Machine, cr: u32) {
        for f in 0..8 {
            m.s().cr[f] = (cr >> (28 - 4 * f) & 0xf) as u64;
        }
    }

    const NEXT: u64 = CODE + 4;

    #[test]
    fn unconditional_branches_and_link() {
        // (word, target, LR afterwards): b .+0x100, bl .-8, ba 0x1000, bla -4 (wraps at 4 GiB).
        let cases = [
            (0x4800_0100, CODE + 0x100, 0),
            (0x4bff_fff9, CODE - 8, NEXT),
            (0x4800_1002, 0x1000, 0),
            (0x4bff_ffff, 0xffff_fffc, NEXT),
        ];
        for (word, target, lr) in cases {
            both(
                word,
                |_| {},
                |m, o| {
                    assert_eq!(o, Outcome::Next(target), "{word:08x}");
                    assert_eq!(m.s().lr, lr, "{word:08x}");
                },
            );
        }
    }

    /// bc BO,BI,.+0x40 for every BO the decoder accepts, against the ISA's rule.
    #[test]
    fn bc_every_bo() {
        for bo in 0..32u32 {
            for (cr, ctr) in [(0u32, 1u64), (0x2000_0000, 2), (0x2000_0000, 1), (0, 0)] {
                let word = 0x4000_0040 | bo << 21 | 2 << 16;
                if crate::guest::ppc::decode::decode(word).is_none() {
                    continue;
                }
                let dec = bo & 4 == 0;
                let ctr_after = if dec {
                    ctr.wrapping_sub(1) & 0xffff_ffff
                } else {
                    ctr
                };
                let ctr_ok = !dec || ((ctr_after == 0) == (bo & 2 != 0));
                let cond_ok = bo & 16 != 0 || ((cr >> 29 & 1 != 0) == (bo & 8 != 0));
                let want = if ctr_ok && cond_ok { CODE + 0x40 } else { NEXT };
                both(
                    word,
                    |m| {
                        set_cr(m, cr);
                        m.s().ctr = ctr;
                        m.s().lr = 0x1234;
                    },
                    |m, o| {
                        assert_eq!(o, Outcome::Next(want), "bo={bo} cr={cr:x} ctr={ctr}");
                        assert_eq!(m.s().ctr, ctr_after, "bo={bo}");
                        assert_eq!(m.s().lr, 0x1234);
                    },
                );
            }
        }
    }

    #[test]
    fn bcl_sets_lr_even_when_not_taken() {
        // beql .+0x40 with CR0.EQ clear.
        both(
            0x4182_0041,
            |m| m.s().lr = 0x1234,
            |m, o| {
                assert_eq!(o, Outcome::Next(NEXT));
                assert_eq!(m.s().lr, NEXT);
            },
        );
    }

    #[test]
    fn branches_to_lr_and_ctr() {
        // bgelr+ (old "y"-bit hint, BO = 5): taken when CR0.LT is clear; LR's low bits ignored.
        for (cr, want) in [
            (0, Outcome::Indirect(0x4_0000)),
            (0x8000_0000, Outcome::Next(NEXT)),
        ] {
            both(
                0x4ca0_0020,
                |m| {
                    set_cr(m, cr);
                    m.s().lr = 0x4_0003;
                },
                |m, o| {
                    assert_eq!(o, want);
                    assert_eq!(m.s().lr, 0x4_0003);
                },
            );
        }
        // blrl: the target is LR before it is overwritten.
        both(
            0x4e80_0021,
            |m| m.s().lr = 0x5_0000,
            |m, o| {
                assert_eq!(o, Outcome::Indirect(0x5_0000));
                assert_eq!(m.s().lr, NEXT);
            },
        );
        // bdnzlr (bclr 16,0): CTR 2 → 1, taken.
        both(
            0x4e00_0020,
            |m| {
                m.s().ctr = 2;
                m.s().lr = 0x6_0000;
            },
            |m, o| {
                assert_eq!(o, Outcome::Indirect(0x6_0000));
                assert_eq!(m.s().ctr, 1);
            },
        );
        // bctrl.
        both(
            0x4e80_0421,
            |m| m.s().ctr = 0x7_0002,
            |m, o| {
                assert_eq!(o, Outcome::Indirect(0x7_0000));
                assert_eq!(m.s().lr, NEXT);
                assert_eq!(m.s().ctr, 0x7_0002);
            },
        );
        // bcctr 16,0 (decrementing CTR) is an invalid form.
        both(
            0x4e00_0420,
            |m| m.s().ctr = 5,
            |m, o| {
                assert_eq!(
                    o,
                    Outcome::Signal {
                        sig: libc::SIGILL as u8,
                        code: super::ILL_ILLOPC,
                        pc: CODE
                    }
                );
                assert_eq!(m.s().ctr, 5);
            },
        );
    }

    #[test]
    fn sc_exits_for_a_system_call() {
        both(
            0x4400_0002,
            |_| {},
            |_, o| assert_eq!(o, Outcome::Syscall(NEXT)),
        );
    }

    #[test]
    fn traps() {
        let trap = Outcome::Signal {
            sig: libc::SIGTRAP as u8,
            code: super::TRAP_BRKPT,
            pc: CODE,
        };
        // (word, r3, r4, traps): tweq r3,r4; twgti r3,-5; trap; twi 0,r3,0; twllt r3,r4 (tw 2).
        let cases = [
            (0x7c83_2008, 7, 7, true),
            (0x7c83_2008, 7, 8, false),
            (0x0d03_fffb, 0xffff_fffc, 0, true),
            (0x0d03_fffb, 0xffff_fffb, 0, false),
            (0x0d03_fffb, 0x8000_0000, 0, false),
            (0x7fe0_0008, 0, 0, true),
            (0x0c03_0000, 0, 0, false),
            (0x7c43_2008, 0xffff_ffff, 1, false),
            (0x7c43_2008, 1, 0xffff_ffff, true),
        ];
        for (word, a, b, traps) in cases {
            both(
                word,
                |m| {
                    m.s().gpr[3] = a;
                    m.s().gpr[4] = b;
                },
                |_, o| {
                    let want = if traps { trap } else { Outcome::Next(NEXT) };
                    assert_eq!(o, want, "{word:08x} {a:x} {b:x}");
                },
            );
        }
    }
}
