//! Guest programs under the emulator, compared with references recorded on real hardware.
//!
//! For every architecture directory `testcases/<arch>/` this runs
//! - each freestanding assembly test `asm/<name>` (built from `asm/<name>.S`), which checks itself
//!   and must exit 0 with empty stdout (on failure it names the first failing check by its exit
//!   status and prints `check N: got .. want ..` lines to stderr), and
//! - each case of `c/cases.txt` (`NAME [ARGS...]`, running `./ctest ARGS...` or `./ctest NAME`),
//!   whose stdout, stderr and exit status must equal `c/ref/NAME.ref` byte for byte,
//!
//! under `egret --engine ENGINE PROGRAM ARGS...` for both engines, with a fixed environment
//! (cleared, then `EGRET_TEST_VAR=hello PATH=/usr/bin:/bin LANG=C`), core dumps off, the program's
//! directory as cwd, and a timeout per run (`EGRET_TEST_TIMEOUT`, 60 s by default). All failures
//! are collected and reported together, each with the command that reproduces it.
//!
//! Knobs (environment variables):
//! - `EGRET_TEST_RUNNER=/path/to/runner`: run this instead of the egret binary (it receives the same
//!   arguments; `tests/support/native-runner.sh` runs the program natively, which checks the
//!   harness and the references themselves).
//! - `EGRET_TEST_ONLY=substr[,substr..]`: only cases whose `arch/kind/name` contains one of these.
//! - `EGRET_TEST_ENGINES=interp`: a comma-separated subset of `jit,interp`.
//! - `EGRET_TEST_TIMEOUT=SECONDS`: the per-run timeout (60 s by default; an emulated host, as
//!   in CI's aarch64 run under qemu-user, needs more).
//!
//! Weak spots: a case is one libtest test per group (`asm_tests`, `c_tests`), not one per case,
//! because generating tests would need a build script; failures list every case, though.

use std::fmt::Write as _;
use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const ENGINES: &[&str] = &["jit", "interp"];
/// Per-run timeout unless `EGRET_TEST_TIMEOUT` says otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const FIXED_ENV: &[(&str, &str)] = &[
    ("EGRET_TEST_VAR", "hello"),
    ("PATH", "/usr/bin:/bin"),
    ("LANG", "C"),
];

/// The per-run timeout: `EGRET_TEST_TIMEOUT` seconds, or [`DEFAULT_TIMEOUT`].
fn timeout() -> Duration {
    std::env::var("EGRET_TEST_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(DEFAULT_TIMEOUT, Duration::from_secs)
}

/// How a guest run ended, in the words of the reference files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Exit(i32),
    Signal(i32),
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Status::Exit(code) => write!(f, "exit {code}"),
            Status::Signal(sig) => write!(f, "signal {sig}"),
        }
    }
}

/// What a run printed and how it ended.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: Status,
}

/// One guest program run: where, what, and what it must produce.
struct Case {
    /// `x86_64/asm/alu`, `x86_64/c/hello_args`: what reports call it.
    label: String,
    /// The program's directory, used as cwd.
    dir: PathBuf,
    /// Program path relative to `dir` (`./alu`), then its arguments.
    argv: Vec<String>,
    expected: Expected,
}

enum Expected {
    /// A self-checking asm test: exit 0, nothing on stdout.
    SelfChecking,
    /// A recorded reference file (or the reason it could not be read).
    Reference(PathBuf, Result<Outcome, String>),
}

// ---------------------------------------------------------------------------------------------
// Reference files
// ---------------------------------------------------------------------------------------------

/// Parses a reference file:
/// ```text
/// # recorded natively with: <command>      (any number of # lines)
/// --- stdout <length>
/// <length bytes>
/// --- stderr <length>
/// <length bytes>
/// --- exit <code>                          (or: --- signal <number>)
/// ```
/// Each body is followed by exactly one newline that is not part of it.
fn parse_reference(data: &[u8]) -> Result<Outcome, String> {
    let mut rest = data;
    // Comment lines.
    while rest.first() == Some(&b'#') {
        let end = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("unterminated comment line")?;
        rest = &rest[end + 1..];
    }
    let stdout = take_section(&mut rest, "stdout")?;
    let stderr = take_section(&mut rest, "stderr")?;
    let line = take_line(&mut rest)?;
    let status = if let Some(n) = line.strip_prefix("--- exit ") {
        Status::Exit(
            n.parse()
                .map_err(|_| format!("bad exit status line {line:?}"))?,
        )
    } else if let Some(n) = line.strip_prefix("--- signal ") {
        Status::Signal(n.parse().map_err(|_| format!("bad signal line {line:?}"))?)
    } else {
        return Err(format!(
            "expected `--- exit N` or `--- signal N`, found {line:?}"
        ));
    };
    if !rest.is_empty() {
        return Err(format!(
            "{} unexpected bytes after the status line",
            rest.len()
        ));
    }
    Ok(Outcome {
        stdout,
        stderr,
        status,
    })
}

fn take_line<'a>(rest: &mut &'a [u8]) -> Result<&'a str, String> {
    let end = rest
        .iter()
        .position(|&b| b == b'\n')
        .ok_or("missing newline")?;
    let line = std::str::from_utf8(&rest[..end]).map_err(|_| "header line is not UTF-8")?;
    *rest = &rest[end + 1..];
    Ok(line)
}

fn take_section(rest: &mut &[u8], name: &str) -> Result<Vec<u8>, String> {
    let line = take_line(rest)?;
    let len: usize = line
        .strip_prefix("--- ")
        .and_then(|l| l.strip_prefix(name))
        .and_then(|l| l.strip_prefix(' '))
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("expected `--- {name} <length>`, found {line:?}"))?;
    if rest.len() < len + 1 || rest[len] != b'\n' {
        return Err(format!(
            "{name} section shorter than its length {len} or not newline-terminated"
        ));
    }
    let body = rest[..len].to_vec();
    *rest = &rest[len + 1..];
    Ok(body)
}

/// The inverse of `parse_reference` (without the comment); used by the parser's own test.
#[cfg(test)]
fn format_reference(o: &Outcome) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(format!("--- stdout {}\n", o.stdout.len()).as_bytes());
    v.extend_from_slice(&o.stdout);
    v.extend_from_slice(format!("\n--- stderr {}\n", o.stderr.len()).as_bytes());
    v.extend_from_slice(&o.stderr);
    v.extend_from_slice(format!("\n--- {}\n", o.status).as_bytes());
    v
}

// ---------------------------------------------------------------------------------------------
// Discovery
// ---------------------------------------------------------------------------------------------

fn testcases_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testcases")
}

/// `testcases/*/` directories that hold guest tests, sorted by name.
fn arch_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(testcases_root())
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.retain(|d| d.join("asm").is_dir() || d.join("c/cases.txt").is_file());
    // A guest whose frontend is still being written carries `NOT_YET` (with the reason); its
    // tests are skipped, loudly, until the file is removed.
    dirs.retain(|d| match std::fs::read_to_string(d.join("NOT_YET")) {
        Ok(why) => {
            eprintln!("skipping {}: {}", d.display(), why.trim());
            false
        }
        Err(_) => true,
    });
    dirs.sort();
    dirs
}

fn arch_name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

/// Every `asm/NAME.S` with a built `asm/NAME` beside it. Sources without binaries are reported
/// once per architecture and skipped.
fn asm_cases(arch: &Path, notes: &mut Vec<String>) -> Vec<Case> {
    let dir = arch.join("asm");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    sources.retain(|p| p.extension().is_some_and(|e| e == "S"));
    sources.sort();
    let mut cases = Vec::new();
    let mut missing = Vec::new();
    for src in sources {
        let name = src.file_stem().unwrap().to_string_lossy().into_owned();
        if !dir.join(&name).is_file() {
            missing.push(name);
            continue;
        }
        cases.push(Case {
            label: format!("{}/asm/{name}", arch_name(arch)),
            dir: dir.clone(),
            argv: vec![format!("./{name}")],
            expected: Expected::SelfChecking,
        });
    }
    if !missing.is_empty() {
        notes.push(format!(
            "{}: skipping asm tests without binaries ({}); build them with `make -C {}`",
            arch_name(arch),
            missing.join(", "),
            arch.display()
        ));
    }
    cases
}

/// The cases listed in `c/cases.txt`; skipped (with a note) when `c/ctest` is not built.
fn c_cases(arch: &Path, notes: &mut Vec<String>) -> Vec<Case> {
    let dir = arch.join("c");
    let Ok(list) = std::fs::read_to_string(dir.join("cases.txt")) else {
        return Vec::new();
    };
    if !dir.join("ctest").is_file() {
        notes.push(format!(
            "{}: skipping C cases, c/ctest is not built",
            arch_name(arch)
        ));
        return Vec::new();
    }
    let mut cases = Vec::new();
    for line in list.lines() {
        let mut words = line.split_whitespace();
        let Some(name) = words.next().filter(|w| !w.starts_with('#')) else {
            continue;
        };
        let mut args: Vec<String> = words.map(str::to_owned).collect();
        if args.is_empty() {
            args.push(name.to_owned());
        }
        let mut argv = vec!["./ctest".to_owned()];
        argv.extend(args);
        let ref_path = dir.join("ref").join(format!("{name}.ref"));
        let reference = std::fs::read(&ref_path)
            .map_err(|e| format!("cannot read {}: {e}", ref_path.display()))
            .and_then(|data| {
                parse_reference(&data).map_err(|e| format!("{}: {e}", ref_path.display()))
            });
        cases.push(Case {
            label: format!("{}/c/{name}", arch_name(arch)),
            dir: dir.clone(),
            argv,
            expected: Expected::Reference(ref_path, reference),
        });
    }
    cases
}

// ---------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------

fn runner() -> PathBuf {
    match std::env::var_os("EGRET_TEST_RUNNER") {
        // Made absolute: the child runs in the program's directory.
        Some(r) if !r.is_empty() => std::fs::canonicalize(&r).unwrap_or_else(|_| PathBuf::from(r)),
        _ => PathBuf::from(env!("CARGO_BIN_EXE_egret")),
    }
}

fn engines() -> Vec<String> {
    match std::env::var("EGRET_TEST_ENGINES") {
        Ok(list) if !list.trim().is_empty() => list
            .split(',')
            .map(|e| e.trim().to_owned())
            .filter(|e| !e.is_empty())
            .collect(),
        _ => ENGINES.iter().map(|e| e.to_string()).collect(),
    }
}

fn selected(label: &str) -> bool {
    match std::env::var("EGRET_TEST_ONLY") {
        Ok(only) if !only.trim().is_empty() => only
            .split(',')
            .any(|s| !s.trim().is_empty() && label.contains(s.trim())),
        _ => true,
    }
}

/// The shell command that reproduces one run.
fn repro_command(case: &Case, engine: &str) -> String {
    let mut cmd = format!("cd {} && env -i", case.dir.display());
    for (k, v) in FIXED_ENV {
        let _ = write!(cmd, " {k}={v}");
    }
    let _ = write!(cmd, " {} --engine {engine}", runner().display());
    for a in &case.argv {
        let _ = write!(cmd, " {a}");
    }
    cmd
}

/// Runs one case under one engine; Err is a harness-level problem (spawn failure, timeout).
fn run(case: &Case, engine: &str) -> Result<Outcome, String> {
    let mut cmd = Command::new(runner());
    cmd.arg("--engine")
        .arg(engine)
        .args(&case.argv)
        .current_dir(&case.dir)
        .env_clear()
        .envs(FIXED_ENV.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: the closure runs in the forked child before exec and only calls setrlimit, which is
    // async-signal-safe; it touches no memory shared with the parent.
    unsafe {
        cmd.pre_exec(|| {
            let no_core = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &no_core);
            Ok(())
        });
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", runner().display()))?;
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out_pipe.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        v
    });
    let timeout = timeout();
    let deadline = Instant::now() + timeout;
    let status: ExitStatus = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                // The readers finish once the child is gone (unless it left grandchildren).
                return Err(format!("timed out after {} s (killed)", timeout.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("wait failed: {e}")),
        }
    };
    let stdout = out_reader.join().unwrap();
    let stderr = err_reader.join().unwrap();
    let status = match (status.code(), status.signal()) {
        (Some(code), _) => Status::Exit(code),
        (None, Some(sig)) => Status::Signal(sig),
        (None, None) => return Err(format!("unrecognised exit status {status:?}")),
    };
    Ok(Outcome {
        stdout,
        stderr,
        status,
    })
}

// ---------------------------------------------------------------------------------------------
// Comparing and reporting
// ---------------------------------------------------------------------------------------------

fn show(bytes: &[u8]) -> String {
    const MAX: usize = 300;
    let s = String::from_utf8_lossy(bytes);
    let s: String = s.escape_debug().collect();
    if s.len() > MAX {
        let mut cut = MAX;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}...", &s[..cut])
    } else {
        s
    }
}

/// "line N: expected "..." got "..."" for the first line where two byte streams differ.
fn first_difference(expected: &[u8], got: &[u8]) -> String {
    let exp_lines: Vec<&[u8]> = expected.split(|&b| b == b'\n').collect();
    let got_lines: Vec<&[u8]> = got.split(|&b| b == b'\n').collect();
    for i in 0..exp_lines.len().max(got_lines.len()) {
        let e = exp_lines.get(i);
        let g = got_lines.get(i);
        if e != g {
            let fmt = |l: Option<&&[u8]>| match l {
                Some(l) => format!("\"{}\"", show(l)),
                None => "<end of output>".to_owned(),
            };
            return format!(
                "first difference at line {}: expected {} got {} ({} vs {} bytes in all)",
                i + 1,
                fmt(e),
                fmt(g),
                expected.len(),
                got.len()
            );
        }
    }
    format!(
        "same lines but different bytes ({} vs {} bytes)",
        expected.len(),
        got.len()
    )
}

/// Compares a run with what the case expects; None if it passed.
fn check(case: &Case, got: &Outcome) -> Option<String> {
    let mut problems = Vec::new();
    match &case.expected {
        Expected::SelfChecking => {
            if got.status != Status::Exit(0) {
                let what = match got.status {
                    Status::Exit(n) => format!("check {n} failed (exit status {n})"),
                    Status::Signal(s) => format!("killed by signal {s}"),
                };
                problems.push(format!(
                    "{what}; source {}.S",
                    case.dir.join(&case.argv[0][2..]).display()
                ));
            }
            if !got.stdout.is_empty() {
                problems.push(format!("unexpected stdout: \"{}\"", show(&got.stdout)));
            }
            if !got.stderr.is_empty() {
                problems.push(format!("stderr: \"{}\"", show(&got.stderr)));
            }
        }
        Expected::Reference(_, Err(e)) => problems.push(format!("bad reference: {e}")),
        Expected::Reference(path, Ok(want)) => {
            if want.status != got.status {
                problems.push(format!(
                    "status: expected `{}`, got `{}`",
                    want.status, got.status
                ));
            }
            if want.stdout != got.stdout {
                problems.push(format!(
                    "stdout: {}",
                    first_difference(&want.stdout, &got.stdout)
                ));
            }
            // A guest killed by a signal makes egret add one line naming it (the native run
            // has none): require that line and compare the rest.
            let mut got_stderr = got.stderr.clone();
            if let Status::Signal(_) = want.status {
                match strip_signal_line(&got_stderr) {
                    Some(rest) => got_stderr = rest,
                    None => {
                        problems.push("stderr: missing the `egret: guest killed by` line".into())
                    }
                }
            }
            if want.stderr != got_stderr {
                problems.push(format!(
                    "stderr: {}",
                    first_difference(&want.stderr, &got_stderr)
                ));
            }
            if !problems.is_empty() {
                problems.push(format!("reference: {}", path.display()));
            }
        }
    }
    (!problems.is_empty()).then(|| problems.join("\n    "))
}

/// Removes egret's last stderr line `egret: guest killed by SIG... at pc 0x...`, if present.
fn strip_signal_line(stderr: &[u8]) -> Option<Vec<u8>> {
    let body = stderr.strip_suffix(b"\n")?;
    let start = body.iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1);
    body[start..]
        .starts_with(b"egret: guest killed by SIG")
        .then(|| stderr[..start].to_vec())
}

/// Runs every (case, engine) pair on a few threads; panics with all failures listed.
fn run_all(group: &str, collect: fn(&Path, &mut Vec<String>) -> Vec<Case>) {
    let mut notes = Vec::new();
    let mut cases = Vec::new();
    for arch in arch_dirs() {
        cases.extend(collect(&arch, &mut notes));
    }
    for note in &notes {
        eprintln!("note: {note}");
    }
    let cases: Vec<Case> = cases.into_iter().filter(|c| selected(&c.label)).collect();
    let engines = engines();
    let jobs: Vec<(&Case, &str)> = cases
        .iter()
        .flat_map(|c| engines.iter().map(move |e| (c, e.as_str())))
        .collect();
    if jobs.is_empty() {
        eprintln!("note: no {group} to run");
        return;
    }
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(jobs.len());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(case, engine)) = jobs.get(i) else {
                    break;
                };
                let problem = match run(case, engine) {
                    Ok(got) => check(case, &got),
                    Err(e) => Some(e),
                };
                if let Some(problem) = problem {
                    let report = format!(
                        "{} [--engine {engine}]\n    {problem}\n    reproduce: {}",
                        case.label,
                        repro_command(case, engine)
                    );
                    failures.lock().unwrap().push((i, report));
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    eprintln!(
        "{group}: {} runs ({} cases x {} engines), {} failed",
        jobs.len(),
        cases.len(),
        engines.len(),
        failures.len()
    );
    if !failures.is_empty() {
        let list: Vec<String> = failures.into_iter().map(|(_, r)| r).collect();
        panic!(
            "{} of {} {group} runs failed:\n\n{}\n",
            list.len(),
            jobs.len(),
            list.join("\n\n")
        );
    }
}

#[test]
fn asm_tests() {
    run_all("asm tests", asm_cases);
}

#[test]
fn c_tests() {
    run_all("C cases", c_cases);
}

#[test]
fn reference_parser_round_trips() {
    let samples = [
        Outcome {
            stdout: b"a\nb\n".to_vec(),
            stderr: Vec::new(),
            status: Status::Exit(0),
        },
        Outcome {
            stdout: b"no newline".to_vec(),
            stderr: b"x\n\n".to_vec(),
            status: Status::Exit(42),
        },
        Outcome {
            stdout: b"\n--- stderr 0\n".to_vec(),
            stderr: b"--- exit 1".to_vec(),
            status: Status::Signal(6),
        },
        Outcome {
            stdout: Vec::new(),
            stderr: Vec::new(),
            status: Status::Exit(255),
        },
    ];
    for o in samples {
        let mut text = b"# recorded natively with: x\n# another comment\n".to_vec();
        text.extend(format_reference(&o));
        assert_eq!(parse_reference(&text), Ok(o));
    }
    assert!(parse_reference(b"--- stdout 5\nabc\n--- stderr 0\n\n--- exit 0\n").is_err());
    assert!(parse_reference(b"--- stdout 0\n\n--- stderr 0\n\n--- exit 0\nextra").is_err());
    assert!(parse_reference(b"--- stdout 0\n\n--- stderr 0\n\n--- exited 0\n").is_err());
}
