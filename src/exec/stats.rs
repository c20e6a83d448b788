//! What the engine did, for `--stats`.

use std::time::Duration;

#[derive(Default, Debug)]
pub struct Stats {
    pub guest_insns_translated: u64,
    pub tbs_compiled: u64,
    pub compile_time: Duration,
    pub max_compile_time: Duration,
    pub host_code_bytes: u64,
    /// Blocks run by the interpreter, and their instructions.
    pub blocks_interpreted: u64,
    pub insns_interpreted: u64,
    /// Times a TB chain returned to the dispatcher, and why.
    pub dispatcher_returns: u64,
    pub slot_misses: u64,
    pub indirect_misses: u64,
    pub syscalls: u64,
    pub flushes: u64,
}

impl Stats {
    /// The report, given the counters generated code kept.
    pub fn report(&self, engine: &str, jit: Option<&crate::jit::JitStats>) -> String {
        let mut s = String::new();
        let mut line = |k: &str, v: String| s.push_str(&format!("  {k:<34} {v}\n"));
        line("engine", engine.to_string());
        line(
            "guest instructions translated",
            self.guest_insns_translated.to_string(),
        );
        line("TBs compiled", self.tbs_compiled.to_string());
        let per = if self.tbs_compiled > 0 {
            self.compile_time / self.tbs_compiled as u32
        } else {
            Duration::ZERO
        };
        line(
            "compile time",
            format!(
                "{:.3} ms total, {:.1} us per TB (max {:.1} us)",
                self.compile_time.as_secs_f64() * 1e3,
                per.as_secs_f64() * 1e6,
                self.max_compile_time.as_secs_f64() * 1e6
            ),
        );
        line("host code bytes", self.host_code_bytes.to_string());
        if let Some(j) = jit {
            line("TB executions", j.tb_exec.to_string());
            let chained = j.slot_exits.saturating_sub(self.slot_misses);
            line("chained transitions (direct)", chained.to_string());
            line(
                "indirect lookups hit (chained)",
                j.indirect_hits.to_string(),
            );
            line("indirect lookups missed", self.indirect_misses.to_string());
            line(
                "returns to the dispatcher",
                self.dispatcher_returns.to_string(),
            );
            line("  of which unpatched slots", self.slot_misses.to_string());
        } else {
            line("blocks interpreted", self.blocks_interpreted.to_string());
            line(
                "instructions interpreted",
                self.insns_interpreted.to_string(),
            );
        }
        line("syscalls", self.syscalls.to_string());
        line("TB cache flushes", self.flushes.to_string());
        format!("egret stats:\n{s}")
    }
}
