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
