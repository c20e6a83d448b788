//! `-d` logging: which items are on, and the one sink (stderr or the `-D` file) they go to.

use std::io::Write;
use std::sync::{Mutex, OnceLock};

/// Log items selectable with `-d`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LogMask {
    /// Guest disassembly of each translated block.
    pub in_asm: bool,
    /// Cranelift IR of each TB.
    pub ir: bool,
    /// Host code of each TB (Cranelift's disassembly) and its size.
    pub out_asm: bool,
    /// Each block as it runs (turns chaining off so every block passes the dispatcher).
    pub exec: bool,
    /// Guest registers before each block runs (with `exec`).
    pub cpu: bool,
    /// System calls with arguments and results.
    pub strace: bool,
    /// Instructions egret does not implement, when they are met.
    pub unimp: bool,
}

impl LogMask {
    /// The items `-d` accepts, for `--help` and errors.
    pub const ITEMS: &'static str = "in_asm, ir, out_asm, exec, cpu, strace, unimp";

    /// Parses a comma-separated list.
    pub fn parse(list: &str) -> Result<LogMask, String> {
        let mut m = LogMask::default();
        for item in list.split(',').filter(|s| !s.is_empty()) {
            match item {
                "in_asm" => m.in_asm = true,
                "ir" | "op" => m.ir = true,
                "out_asm" => m.out_asm = true,
                "exec" => m.exec = true,
                "cpu" => {
                    m.cpu = true;
                    m.exec = true
                }
                "strace" => m.strace = true,
                "unimp" => m.unimp = true,
                other => {
                    return Err(format!(
                        "unknown -d item '{other}' (known: {})",
                        Self::ITEMS
                    ))
                }
            }
        }
        Ok(m)
    }
}

static SINK: OnceLock<Mutex<Box<dyn Write + Send>>> = OnceLock::new();

/// Sends the log to a file (`-D`); the default is stderr.
pub fn set_sink(w: Box<dyn Write + Send>) {
    let _ = SINK.set(Mutex::new(w));
}

/// Writes one log entry.
pub fn log(text: &str) {
    let sink = SINK.get_or_init(|| Mutex::new(Box::new(std::io::stderr())));
    if let Ok(mut w) = sink.lock() {
        let _ = w.write_all(text.as_bytes());
        let _ = w.flush();
    }
}

/// A writer into the log sink (for the Linux layer's strace).
pub struct LogWriter;

impl Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        log(&String::from_utf8_lossy(buf));
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
