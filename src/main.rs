//! The `egret` command: run a foreign Linux program, qemu-user style.

use anyhow::{bail, Context, Result};
use clap::{Parser, ValueEnum};
use egret::exec::{die_with_signal, signal_name, EngineConfig, EngineKind, RunEnd, Runtime};
use egret::guest::ppc::{PpcGuest, PpcMode};
use egret::guest::x86::X86Guest;
use egret::guest::Guest;
use egret::jit::{JitConfig, OptLevel};
use egret::linux::{GuestAbi, Process};
use egret::loader::{self, GuestMachine, StackParams};
use egret::mem::AddressSpace;
use egret::trace::{self, LogMask, LogWriter};
use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Engine {
    /// Compile blocks with Cranelift and chain them.
    Jit,
    /// Interpret every block (the JIT's oracle).
    Interp,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Opt {
    None,
    Speed,
}

/// Run a Linux program built for another CPU (x86-64 and 32-bit PowerPC now; i386 and 64-bit
/// PowerPC to come).
#[derive(Parser, Debug)]
#[command(name = "egret", version, about)]
struct Cli {
    /// Execution engine.
    #[arg(long, value_enum, default_value = "jit")]
    engine: Engine,
    /// Print what the engine did (translations, compile time, chaining) to stderr at exit.
    #[arg(long)]
    stats: bool,
    /// Log items, comma-separated: in_asm, ir, out_asm, exec, cpu, strace, unimp.
    #[arg(short = 'd', value_name = "LIST")]
    log: Option<String>,
    /// Write the -d log to FILE instead of stderr.
    #[arg(short = 'D', value_name = "FILE")]
    log_file: Option<String>,
    /// Never chain blocks: every block returns to the dispatcher (for experiments).
    #[arg(long)]
    no_chain: bool,
    /// Cranelift optimisation level.
    #[arg(long, value_enum, default_value = "none")]
    opt_level: Opt,
    /// Most guest instructions in one block.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=4096))]
    max_block_insns: u32,
    /// Set an environment variable for the guest (repeatable).
    #[arg(short = 'E', value_name = "VAR=VALUE")]
    set_env: Vec<OsString>,
    /// Remove an environment variable from the guest's environment (repeatable).
    #[arg(short = 'U', value_name = "VAR")]
    unset_env: Vec<OsString>,
    /// Look up the ELF interpreter and every absolute path the guest opens under PATH first
    /// (qemu-user's -L; also from the EGRET_LD_PREFIX environment variable).
    #[arg(short = 'L', value_name = "PATH", env = "EGRET_LD_PREFIX")]
    sysroot: Option<std::path::PathBuf>,
    /// The guest's argv[0] (default: PROGRAM as given).
    #[arg(short = '0', long = "argv0", value_name = "ARGV0")]
    argv0: Option<OsString>,
    /// The program to run, then its arguments (everything after PROGRAM is the guest's).
    #[arg(value_name = "PROGRAM [ARGS]", required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true)]
    command: Vec<OsString>,
}

fn guest_env(cli: &Cli) -> Vec<Vec<u8>> {
    let mut env: Vec<(OsString, OsString)> = std::env::vars_os().collect();
    for u in &cli.unset_env {
        env.retain(|(k, _)| k != u);
    }
    for s in &cli.set_env {
        let b = s.as_bytes();
        let (k, v) = match b.iter().position(|&c| c == b'=') {
            Some(i) => (&b[..i], &b[i + 1..]),
            None => (b, &b[..0]),
        };
        let k = OsString::from_vec(k.to_vec());
        env.retain(|(ek, _)| *ek != k);
        env.push((k, OsString::from_vec(v.to_vec())));
    }
    env.into_iter()
        .map(|(k, v)| {
            let mut e = k.into_vec();
            e.push(b'=');
            e.extend_from_slice(v.as_bytes());
            e
        })
        .collect()
}

/// Reads the program, following `#!` lines as the kernel does (interpreter, its optional
/// argument, then the script), and builds the guest's argv. Absolute paths are looked up under
/// the sysroot first.
fn resolve_program(cli: &Cli) -> Result<(OsString, Vec<u8>, Vec<Vec<u8>>)> {
    let mut program = cli.command[0].clone();
    let mut argv: Vec<Vec<u8>> = cli.command.iter().map(|a| a.as_bytes().to_vec()).collect();
    if let Some(a0) = &cli.argv0 {
        argv[0] = a0.as_bytes().to_vec();
    }
    for _ in 0..4 {
        let host =
            egret::sysroot::host_path(cli.sysroot.as_deref(), std::path::Path::new(&program));
        let bytes =
            std::fs::read(&host).with_context(|| format!("can't read {}", host.display()))?;
        let Some(line) = bytes.strip_prefix(b"#!") else {
            return Ok((program, bytes, argv));
        };
        let line = &line[..line.iter().position(|&c| c == b'\n').unwrap_or(line.len())];
        let text = String::from_utf8_lossy(line);
        let mut parts = text.trim().splitn(2, [' ', '\t']);
        let interp = parts.next().unwrap_or("").to_string();
        if interp.is_empty() {
            bail!("{}: bad #! line", host.display());
        }
        let mut new_argv = vec![interp.clone().into_bytes()];
        if let Some(arg) = parts.next().map(str::trim).filter(|a| !a.is_empty()) {
            new_argv.push(arg.as_bytes().to_vec());
        }
        new_argv.push(program.as_bytes().to_vec());
        new_argv.extend(argv.into_iter().skip(1));
        argv = new_argv;
        program = OsString::from(interp);
    }
    bail!(
        "{}: too many levels of #! interpreters",
        cli.command[0].to_string_lossy()
    )
}

/// The command execve runs: this egret with the options that shape the engine (not logging).
fn exec_prefix(cli: &Cli) -> Option<Vec<std::ffi::CString>> {
    let me = std::env::current_exe().ok()?;
    let mut v = vec![me.into_os_string().into_vec()];
    let engine = match cli.engine {
        Engine::Jit => "jit",
        Engine::Interp => "interp",
    };
    v.push(format!("--engine={engine}").into_bytes());
    v.push(format!("--max-block-insns={}", cli.max_block_insns).into_bytes());
    if matches!(cli.opt_level, Opt::Speed) {
        v.push(b"--opt-level=speed".to_vec());
    }
    if cli.no_chain {
        v.push(b"--no-chain".to_vec());
    }
    if let Some(root) = &cli.sysroot {
        v.push(b"-L".to_vec());
        v.push(root.as_os_str().as_bytes().to_vec());
    }
    v.into_iter()
        .map(|a| std::ffi::CString::new(a).ok())
        .collect()
}

/// Linux's `AT_HWCAP` bits for a 32-bit PowerPC with FPU and MMU (arch/powerpc/include/uapi/asm/
/// cputable.h).
const PPC_FEATURE_32: u64 = 0x8000_0000;
const PPC_FEATURE_HAS_FPU: u64 = 0x0800_0000;
const PPC_FEATURE_HAS_MMU: u64 = 0x0400_0000;

fn machine_name(m: GuestMachine) -> &'static str {
    match m {
        GuestMachine::X86_64 => "x86-64",
        GuestMachine::I386 => "i386",
        GuestMachine::Ppc32 => "32-bit PowerPC",
        GuestMachine::Ppc64 => "64-bit big-endian PowerPC",
        GuestMachine::Ppc64Le => "64-bit little-endian PowerPC",
    }
}

/// Everything about one run that does not depend on the guest architecture.
struct Launch<'a> {
    bytes: &'a [u8],
    exe: &'a str,
    argv: &'a [Vec<u8>],
    envp: &'a [Vec<u8>],
    sysroot: Option<&'a std::path::Path>,
    process: Process,
    config: EngineConfig,
    stats: bool,
}

impl Launch<'_> {
    /// Loads the program into a fresh `addr_bits`-bit address space, makes the guest CPU with
    /// `new_guest(mem, entry, stack_pointer)` and runs it to the end.
    fn run<G: Guest>(
        self,
        addr_bits: u32,
        params: &StackParams,
        abi: GuestAbi,
        new_guest: impl FnOnce(&AddressSpace, u64, u64) -> G,
    ) -> Result<RunEnd> {
        let mut mem = Box::new(
            AddressSpace::new(addr_bits)
                .map_err(|e| anyhow::anyhow!("can't reserve guest memory: {e:?}"))?,
        );
        let image = loader::load(
            self.bytes,
            self.exe,
            self.argv,
            self.envp,
            params,
            self.sysroot,
            &mut mem,
        )
        .map_err(|e| anyhow::anyhow!("{}: {e}", self.exe))?;
        let guest = new_guest(&mem, image.entry, image.stack_pointer);
        let mut rt = Runtime::new(guest, mem, self.process, abi, self.config)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let end = rt.run();
        if self.stats {
            eprint!("{}", rt.stats_report());
        }
        Ok(end)
    }
}

fn run(cli: Cli) -> Result<i32> {
    let log = LogMask::parse(cli.log.as_deref().unwrap_or("")).map_err(anyhow::Error::msg)?;
    if let Some(f) = &cli.log_file {
        let file =
            std::fs::File::create(f).with_context(|| format!("can't create log file {f}"))?;
        trace::set_sink(Box::new(file));
    }
    let (program, bytes, argv) = resolve_program(&cli)?;
    let path = std::path::Path::new(&program);
    let ident = loader::identify(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let exe = path.to_string_lossy().into_owned();
    let envp = guest_env(&cli);

    let config = EngineConfig {
        engine: match cli.engine {
            Engine::Jit => EngineKind::Jit,
            Engine::Interp => EngineKind::Interp,
        },
        max_block_insns: cli.max_block_insns as usize,
        jit: JitConfig {
            opt_level: match cli.opt_level {
                Opt::None => OptLevel::None,
                Opt::Speed => OptLevel::Speed,
            },
            no_chain: cli.no_chain,
            stats: cli.stats,
            want_ir: false,
            want_asm: false,
        },
        log,
    };

    let mut process = Process::new(&exe);
    process.sysroot = cli.sysroot.clone();
    process.exec_prefix = exec_prefix(&cli);
    if log.strace {
        process.strace = true;
        process.strace_out = Some(Box::new(LogWriter));
    }

    let launch = Launch {
        bytes: &bytes,
        exe: &exe,
        argv: &argv,
        envp: &envp,
        sysroot: cli.sysroot.as_deref(),
        process,
        config,
        stats: cli.stats,
    };
    let end = match ident.machine {
        GuestMachine::X86_64 => {
            let (_, _, _, edx) = egret::guest::x86::cpuid::cpuid(1, 0);
            let params = StackParams {
                hwcap: edx as u64,
                hwcap2: 0,
                platform: "x86_64".into(),
                minsigstksz: 2048,
                extra_auxv: Vec::new(),
            };
            launch.run(64, &params, GuestAbi::x86_64(), X86Guest::new)?
        }
        GuestMachine::Ppc32 => {
            let params = StackParams {
                hwcap: PPC_FEATURE_32 | PPC_FEATURE_HAS_FPU | PPC_FEATURE_HAS_MMU,
                hwcap2: 0,
                // What Linux reports on the 750 that the lifters model (qemu-ppc's default CPU).
                platform: "ppc750".into(),
                // Linux's AT_MINSIGSTKSZ for ppc32 is the size of its signal frame, which
                // egret does not build yet; qemu-ppc leaves the entry out too.
                minsigstksz: 0,
                // Linux's powerpc ARCH_DLINFO. The data cache block size must be 32: that is
                // how many bytes the lifter's dcbz clears, and glibc's memset trusts it.
                extra_auxv: vec![
                    (loader::AT_IGNOREPPC, loader::AT_IGNOREPPC),
                    (loader::AT_IGNOREPPC, loader::AT_IGNOREPPC),
                    (loader::AT_DCACHEBSIZE, 32),
                    (loader::AT_ICACHEBSIZE, 32),
                    (loader::AT_UCACHEBSIZE, 0),
                ],
            };
            launch.run(32, &params, GuestAbi::ppc32(), |mem, entry, sp| {
                PpcGuest::new(mem, PpcMode::PPC32, entry, sp)
            })?
        }
        GuestMachine::Ppc64 | GuestMachine::Ppc64Le | GuestMachine::I386 => bail!(
            "{}: {} guests are not supported yet",
            path.display(),
            machine_name(ident.machine)
        ),
    };
    match end {
        RunEnd::Exit(status) => Ok(status),
        RunEnd::Signal { sig, pc, detail } => {
            let extra = if detail.is_empty() {
                String::new()
            } else {
                format!(" ({detail})")
            };
            eprintln!(
                "egret: guest killed by {} at pc {pc:#x}{extra}",
                signal_name(sig)
            );
            die_with_signal(sig)
        }
        RunEnd::Internal(msg) => bail!("internal error: {msg}"),
    }
}

fn main() {
    let cli = Cli::parse();
    match run(cli) {
        Ok(status) => std::process::exit(status),
        Err(e) => {
            eprintln!("egret: {e:#}");
            std::process::exit(125)
        }
    }
}
