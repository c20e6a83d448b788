//! Host-specific details of signal handling, one function per concern, for each supported host.

/// The program counter at which a host signal was raised, from the handler's `ucontext`.
///
/// # Safety
/// `uc` must be the third argument of an `SA_SIGINFO` signal handler.
#[cfg(target_arch = "x86_64")]
pub unsafe fn fault_pc(uc: *mut libc::c_void) -> usize {
    // SAFETY: the kernel passes a valid ucontext_t to SA_SIGINFO handlers.
    unsafe { (*(uc as *const libc::ucontext_t)).uc_mcontext.gregs[libc::REG_RIP as usize] as usize }
}

/// The program counter at which a host signal was raised, from the handler's `ucontext`.
///
/// # Safety
/// `uc` must be the third argument of an `SA_SIGINFO` signal handler.
#[cfg(target_arch = "aarch64")]
pub unsafe fn fault_pc(uc: *mut libc::c_void) -> usize {
    // SAFETY: the kernel passes a valid ucontext_t to SA_SIGINFO handlers.
    unsafe { (*(uc as *const libc::ucontext_t)).uc_mcontext.pc as usize }
}
