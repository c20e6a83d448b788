//! Host faults inside generated code become guest signals.
//!
//! Every compiled TB registers its host code range and its (host offset → guest pc) table here.
//! A host SIGSEGV/SIGBUS whose pc lies in a TB is a guest memory fault at the guest instruction
//! that table names: egret reports it in one line and dies by the same signal, as the guest
//! would have. (Delivering the signal to a guest handler comes with signal support.) A fault
//! anywhere else is an egret bug and is reported as such.

use super::host;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

struct TbCode {
    end: usize,
    guest_pc: u64,
    srclocs: Vec<(u32, u32, u32)>,
}

static CODE: Mutex<BTreeMap<usize, TbCode>> = Mutex::new(BTreeMap::new());
static GUEST_BASE: AtomicUsize = AtomicUsize::new(0);
static GUEST_SIZE: AtomicUsize = AtomicUsize::new(0);

/// Records a compiled TB.
pub fn register_tb(code: *const u8, size: usize, guest_pc: u64, srclocs: Vec<(u32, u32, u32)>) {
    if let Ok(mut m) = CODE.lock() {
        m.insert(
            code as usize,
            TbCode {
                end: code as usize + size,
                guest_pc,
                srclocs,
            },
        );
    }
}

/// Forgets all TBs (after a flush).
pub fn clear_tbs() {
    if let Ok(mut m) = CODE.lock() {
        m.clear();
    }
}

/// The guest pc of a host pc inside a TB.
fn guest_pc_of(host_pc: usize) -> Option<u64> {
    let m = CODE.try_lock().ok()?;
    let (&start, tb) = m.range(..=host_pc).next_back()?;
    if host_pc >= tb.end {
        return None;
    }
    let off = (host_pc - start) as u32;
    let loc = tb
        .srclocs
        .iter()
        .find(|&&(s, e, _)| off >= s && off < e)
        .map(|&(_, _, l)| l)
        .unwrap_or(0);
    Some(tb.guest_pc.wrapping_add(loc as u64))
}

/// Formats into a fixed buffer (no allocation inside a signal handler).
struct Buf {
    b: [u8; 256],
    n: usize,
}

impl Buf {
    fn s(&mut self, s: &str) -> &mut Self {
        for &c in s.as_bytes() {
            if self.n < self.b.len() {
                self.b[self.n] = c;
                self.n += 1;
            }
        }
        self
    }
    fn hex(&mut self, v: u64) -> &mut Self {
        self.s("0x");
        let mut started = false;
        for i in (0..16).rev() {
            let d = ((v >> (i * 4)) & 0xf) as usize;
            if d != 0 || started || i == 0 {
                started = true;
                self.s(&"0123456789abcdef"[d..d + 1]);
            }
        }
        self
    }
    fn emit(&self) {
        // SAFETY: writing our own buffer to stderr.
        unsafe { libc::write(2, self.b.as_ptr() as *const libc::c_void, self.n) };
    }
}

extern "C" fn on_fault(sig: libc::c_int, info: *mut libc::siginfo_t, uc: *mut libc::c_void) {
    // SAFETY: SA_SIGINFO handlers get a valid siginfo and ucontext.
    let (addr, pc) = unsafe { ((*info).si_addr() as usize, host::fault_pc(uc)) };
    let mut b = Buf { b: [0; 256], n: 0 };
    let name = if sig == libc::SIGBUS {
        "SIGBUS"
    } else {
        "SIGSEGV"
    };
    match guest_pc_of(pc) {
        Some(gpc) => {
            let base = GUEST_BASE.load(Ordering::Relaxed);
            let size = GUEST_SIZE.load(Ordering::Relaxed);
            b.s("egret: guest killed by ").s(name).s(" at pc ").hex(gpc);
            if addr >= base && addr < base + size + (1 << 20) {
                b.s(" (access to ").hex((addr - base) as u64).s(")");
            }
            b.s("\n").emit();
        }
        None => {
            b.s("egret: internal error: host ")
                .s(name)
                .s(" at host pc ")
                .hex(pc as u64)
                .s(" address ")
                .hex(addr as u64)
                .s("\n")
                .emit();
        }
    }
    // Die by the same signal: back to the default action; returning re-runs the faulting
    // instruction, which now kills the process.
    prepare_to_die(sig);
}

/// Resets `sig` to its default action, unblocks it and disables core dumps (a core of the
/// whole guest reservation would be huge).
pub fn prepare_to_die(sig: i32) {
    // SAFETY: plain libc calls on values we own.
    unsafe {
        let lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::setrlimit(libc::RLIMIT_CORE, &lim);
        libc::signal(sig, libc::SIG_DFL);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::sigprocmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
    }
}

/// Kills egret with `sig` (after the caller printed why).
pub fn die_with_signal(sig: i32) -> ! {
    prepare_to_die(sig);
    // SAFETY: raising a signal at ourselves.
    unsafe { libc::raise(sig) };
    // A signal whose default action is to ignore or stop: exit as a shell would report it.
    std::process::exit(128 + sig)
}

/// Installs the handlers (once), with an alternate stack so a host stack overflow is reported.
pub fn install(guest_base: usize, guest_size: usize) {
    GUEST_BASE.store(guest_base, Ordering::Relaxed);
    GUEST_SIZE.store(guest_size, Ordering::Relaxed);
    const ALT: usize = 64 * 1024;
    let stack = Box::leak(vec![0u8; ALT].into_boxed_slice());
    // SAFETY: the alternate stack lives forever (leaked); the handler is async-signal-safe
    // apart from a try_lock on the code map, which cannot deadlock.
    unsafe {
        let ss = libc::stack_t {
            ss_sp: stack.as_mut_ptr() as *mut libc::c_void,
            ss_flags: 0,
            ss_size: ALT,
        };
        libc::sigaltstack(&ss, std::ptr::null_mut());
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_fault as *const () as usize;
        sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK | libc::SA_NODEFER;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGSEGV, &sa, std::ptr::null_mut());
        libc::sigaction(libc::SIGBUS, &sa, std::ptr::null_mut());
    }
}

/// The name of a signal ("SIGSEGV"), as the strace log names it.
pub fn signal_name(sig: i32) -> String {
    crate::linux::signal_name(sig)
}
