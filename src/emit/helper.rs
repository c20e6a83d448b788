//! Runtime helpers: plain Rust functions that generated code and the interpreter both call.
//!
//! A helper receives the guest state pointer and up to three `u64` arguments and returns a
//! `u64`. Its descriptor says whether it reads or writes the guest state, so backends that cache
//! state fields know what to write back first and what to reload after.

/// A helper's entry point.
pub type HelperFn = unsafe extern "C" fn(state: *mut u8, a: u64, b: u64, c: u64) -> u64;

/// A helper's descriptor.
pub struct Helper {
    pub name: &'static str,
    pub func: HelperFn,
    /// Reads guest state fields (cached fields are written back before the call).
    pub reads_state: bool,
    /// Writes guest state fields (cached fields are reloaded after the call).
    pub writes_state: bool,
}

impl std::fmt::Debug for Helper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}
