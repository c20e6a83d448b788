//! Signal bookkeeping: rt_sigaction, rt_sigprocmask and sigaltstack record the guest's
//! settings (in its own layout and numbering); kill/tkill/tgkill of the process itself decide
//! by the recorded action whether the signal is ignored or ends the process. Signals sent to
//! ourselves while blocked stay pending until rt_sigprocmask unblocks them (glibc's `raise`
//! and `abort` block everything around `tgkill`).
//!
//! Weak spots: no delivery to guest handlers yet — a handled signal terminates like the
//! default action (TODO: signal frames per arch); stop signals are ignored; `kill(0, ..)` is
//! treated as a signal to ourselves only.

use super::layout::{get_sigset, put_sigset, StructReader, StructWriter};
use super::{Ctx, Errno, SysResult, SyscallOutcome, Sysno};

const SIGKILL: i32 = 9;
const SIGSTOP: i32 = 19;
const SIG_DFL: u64 = 0;
const SIG_IGN: u64 = 1;
const SS_ONSTACK: i32 = 1;
const SS_DISABLE: i32 = 2;
const SS_AUTODISARM: i32 = 1 << 31;

/// The bit of signal `sig` in a sigset.
fn bit(sig: i32) -> u64 {
    1u64 << (sig - 1)
}

/// Signals that can be neither blocked nor caught.
const UNBLOCKABLE: u64 = (1 << (SIGKILL - 1)) | (1 << (SIGSTOP - 1));

fn ret(r: SysResult) -> SyscallOutcome {
    SyscallOutcome::Return(match r {
        Ok(v) => v,
        Err(e) => e.to_return(),
    })
}

pub(super) fn call(c: &mut Ctx, s: Sysno, a: &[u64; 6]) -> SyscallOutcome {
    match s {
        Sysno::RtSigaction => ret(rt_sigaction(c, a[0] as i32, a[1], a[2], a[3])),
        Sysno::RtSigprocmask => match rt_sigprocmask(c, a[0] as i32, a[1], a[2], a[3]) {
            Ok(()) => deliver_pending(c),
            Err(e) => ret(Err(e)),
        },
        Sysno::Sigaltstack => ret(sigaltstack(c, a[0], a[1])),
        _ => ret(Err(Errno::ENOSYS)),
    }
}

fn rt_sigaction(c: &mut Ctx, sig: i32, act: u64, oact: u64, setsize: u64) -> SysResult {
    if setsize != 8 || !(1..=64).contains(&sig) {
        return Err(Errno::EINVAL);
    }
    let layout = c.abi.sigaction;
    let shape = c.shape();
    let new = if act != 0 {
        if sig == SIGKILL || sig == SIGSTOP {
            return Err(Errno::EINVAL);
        }
        Some(layout.decode(&shape, &c.get(act, layout.size)?))
    } else {
        None
    };
    let old = c.p.sigactions[sig as usize - 1];
    if let Some(mut new) = new {
        new.mask &= !UNBLOCKABLE;
        c.p.sigactions[sig as usize - 1] = new;
        // A pending signal that is now ignored is discarded, as the kernel does.
        if new.handler == SIG_IGN {
            c.p.pending &= !bit(sig);
        }
    }
    if oact != 0 {
        c.put(oact, &layout.encode(&shape, &old))?;
    }
    Ok(0)
}

fn rt_sigprocmask(c: &mut Ctx, how: i32, set: u64, oset: u64, setsize: u64) -> Result<(), Errno> {
    const SIG_BLOCK: i32 = 0;
    const SIG_UNBLOCK: i32 = 1;
    const SIG_SETMASK: i32 = 2;
    if setsize != 8 {
        return Err(Errno::EINVAL);
    }
    let old = c.p.sigmask;
    if set != 0 {
        let new = get_sigset(&c.shape(), &c.get(set, 8)?);
        let mask = match how {
            SIG_BLOCK => old | new,
            SIG_UNBLOCK => old & !new,
            SIG_SETMASK => new,
            _ => return Err(Errno::EINVAL),
        };
        c.p.sigmask = mask & !UNBLOCKABLE;
    }
    if oset != 0 {
        let mut b = [0u8; 8];
        put_sigset(&c.shape(), &mut b, old);
        c.put(oset, &b)?;
    }
    Ok(())
}

fn sigaltstack(c: &mut Ctx, ss: u64, old: u64) -> SysResult {
    let shape = c.shape();
    let cur = c.p.altstack;
    if ss != 0 {
        let b = c.get(ss, super::layout::natural_size(&shape, 3))?;
        let mut r = StructReader::new(shape, &b);
        let (sp, flags, size) = (r.word(), r.i32(), r.word());
        let mode = flags & !SS_AUTODISARM;
        if mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK {
            return Err(Errno::EINVAL);
        }
        c.p.altstack = if mode == SS_DISABLE {
            super::AltStack {
                sp: 0,
                flags: SS_DISABLE,
                size: 0,
            }
        } else {
            if size < c.abi.min_sigstksz {
                return Err(Errno::ENOMEM);
            }
            super::AltStack {
                sp,
                flags: flags & SS_AUTODISARM,
                size,
            }
        };
    }
    if old != 0 {
        let b = StructWriter::new(shape)
            .word(cur.sp)
            .i32(cur.flags)
            .word(cur.size)
            .finish();
        c.put(old, &b)?;
    }
    Ok(0)
}

/// What the recorded action of `sig` does to us when it arrives.
enum Effect {
    Ignore,
    Terminate,
}

fn effect(c: &Ctx, sig: i32) -> Effect {
    const SIGCHLD: i32 = 17;
    const SIGCONT: i32 = 18;
    const SIGTSTP: i32 = 20;
    const SIGTTIN: i32 = 21;
    const SIGTTOU: i32 = 22;
    const SIGURG: i32 = 23;
    const SIGWINCH: i32 = 28;
    if sig == SIGKILL {
        return Effect::Terminate;
    }
    match c.p.sigactions[sig as usize - 1].handler {
        SIG_IGN => Effect::Ignore,
        SIG_DFL => match sig {
            // Default "ignore"; stop signals are ignored too as egret cannot stop yet.
            SIGCHLD | SIGCONT | SIGURG | SIGWINCH | SIGSTOP | SIGTSTP | SIGTTIN | SIGTTOU => {
                Effect::Ignore
            }
            _ => Effect::Terminate,
        },
        // TODO(signal delivery): run the guest handler (needs per-arch signal frames);
        // until then a handled signal ends the process like the default action.
        _ => Effect::Terminate,
    }
}

/// Acts on one signal sent to ourselves.
fn raise(c: &mut Ctx, sig: i32) -> SyscallOutcome {
    if sig != SIGKILL && c.p.sigmask & bit(sig) != 0 {
        if !matches!(effect(c, sig), Effect::Ignore) {
            c.p.pending |= bit(sig);
        }
        return SyscallOutcome::Return(0);
    }
    match effect(c, sig) {
        Effect::Ignore => SyscallOutcome::Return(0),
        Effect::Terminate => SyscallOutcome::Signal(sig),
    }
}

/// After the mask changed: the lowest pending signal that is no longer blocked takes effect.
fn deliver_pending(c: &mut Ctx) -> SyscallOutcome {
    let ready = c.p.pending & !c.p.sigmask;
    if ready == 0 {
        return SyscallOutcome::Return(0);
    }
    let sig = ready.trailing_zeros() as i32 + 1;
    c.p.pending &= !bit(sig);
    match raise(c, sig) {
        SyscallOutcome::Return(_) => deliver_pending(c),
        other => other,
    }
}

/// kill / tkill / tgkill: to ourselves they act on the recorded action; to others they go to
/// the host (signal numbers are the same for every guest and host we support).
pub(super) fn kill(c: &mut Ctx, s: Sysno, a: &[u64; 6]) -> SyscallOutcome {
    let (to_self, sig) = match s {
        Sysno::Kill => {
            let pid = a[0] as i32;
            (pid == c.p.pid || pid == 0, a[1] as i32)
        }
        Sysno::Tkill => (a[0] as i32 == c.p.tid, a[1] as i32),
        _ => (
            a[0] as i32 == c.p.pid && a[1] as i32 == c.p.tid,
            a[2] as i32,
        ),
    };
    if !(0..=64).contains(&sig) {
        return ret(Err(Errno::EINVAL));
    }
    if !to_self {
        // SAFETY: sending a signal touches no memory.
        let r = unsafe {
            match s {
                Sysno::Kill => libc::kill(a[0] as i32, sig),
                Sysno::Tkill => libc::syscall(libc::SYS_tkill, a[0] as i32, sig) as i32,
                _ => libc::syscall(libc::SYS_tgkill, a[0] as i32, a[1] as i32, sig) as i32,
            }
        };
        return ret(super::host_result(r.into()));
    }
    if sig == 0 {
        return SyscallOutcome::Return(0);
    }
    raise(c, sig)
}
