//! Tests of the fixed-point and CR/SPR lifters: single instructions run under both the
//! interpreter and the JIT, which must agree, checked against expected values.
//!
//! Most cases are the table cases of the self-checking guest tests (`testcases/ppc/asm/
//! arith.S`, `logical.S`, `compare.S`, whose expected values were computed independently and
//! confirmed under qemu-ppc 10): their `A3`/`L3`/`ROTI`/`CMP3`/`CRL`... lines are parsed here
//! and each becomes one instruction word, encoded from the decoder's table. So these tests run
//! the same checks as the guest programs without needing loads, stores, branches or `sc`.

use crate::guest::ppc::decode::decode;
use crate::guest::ppc::insns::{Opd, TABLE};
use crate::guest::ppc::{PpcGuest, PpcMode, PpcState};
use crate::guest::Guest;
use crate::interp::{Interp, InterpExit};
use crate::jit::{ExitKind, GuestMemLayout, Jit, JitConfig, OptLevel, SlotId};
use crate::mem::{AddressSpace, Prot, VmaKind};

const CODE: u64 = 0x10000;

/// How the block ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Next(u64),
    Signal { sig: u8, code: u8, pc: u64 },
}

/// The guest-visible state after a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct After {
    pub outcome: Outcome,
    pub gpr: [u64; 32],
    pub cr: u32,
    pub xer: u64,
    pub lr: u64,
    pub ctr: u64,
    pub vrsave: u64,
}

pub fn set_cr(s: &mut PpcState, cr: u32) {
    for f in 0..8 {
        s.cr[f] = ((cr >> (28 - 4 * f)) & 0xf) as u64;
    }
}

pub fn set_xer(s: &mut PpcState, x: u32) {
    s.xer_so = (x >> 31) as u64 & 1;
    s.xer_ov = (x >> 30) as u64 & 1;
    s.xer_ca = (x >> 29) as u64 & 1;
    s.xer_bc = (x & 0x7f) as u64;
}

fn run_one(words: &[u32], setup: &dyn Fn(&mut PpcState), jit: bool, mode: PpcMode) -> After {
    let mut mem = Box::new(AddressSpace::new(32).unwrap());
    mem.map_fixed(CODE, 0x1000, Prot::RX, VmaKind::Anon)
        .unwrap();
    let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_be_bytes()).collect();
    mem.poke(CODE, &bytes).unwrap();
    let mut g = PpcGuest::new(&mem, mode, CODE, 0x8000);
    setup(&mut g.state);
    let b = g.decode(&mem, CODE, words.len());
    assert_eq!(b.insns.len(), words.len(), "{words:08x?} decode");
    let outcome = if !jit {
        let sp = g.state_ptr();
        // SAFETY: `sp` is this guest's state, alive for the whole call.
        let mut it = unsafe { Interp::new(sp, &mem, true) };
        PpcGuest::lift(&b, &mut it);
        match it.outcome().unwrap() {
            InterpExit::Jump(pc) => Outcome::Next(pc),
            InterpExit::Signal { sig, code, pc } => Outcome::Signal { sig, code, pc },
            e => panic!("unexpected exit {e:?}"),
        }
    } else {
        let mut jit = Jit::new(JitConfig {
            opt_level: OptLevel::None,
            no_chain: true,
            stats: false,
            want_ir: false,
            want_asm: false,
        })
        .unwrap();
        let layout = GuestMemLayout {
            base: mem.base() as u64,
            mask: mem.mask(),
            big_endian: true,
            pc_offset: g.pc_offset(),
        };
        let tb = jit
            .compile(CODE, layout, &mut |e| PpcGuest::lift(&b, e))
            .unwrap();
        // SAFETY: the TB was compiled for this state layout and guest memory.
        let w = unsafe { jit.run(g.state_ptr(), tb.code) };
        let (kind, payload) = ExitKind::from_word(w).unwrap();
        match kind {
            ExitKind::Slot => Outcome::Next(jit.table.target(SlotId(payload as u32)).unwrap()),
            ExitKind::Signal => Outcome::Signal {
                sig: payload as u8,
                code: (payload >> 8) as u8,
                pc: g.state.pc,
            },
            k => panic!("unexpected exit {k:?}"),
        }
    };
    let s = &g.state;
    After {
        outcome,
        gpr: s.gpr,
        cr: s.cr_word(),
        xer: s.xer_word(),
        lr: s.lr,
        ctr: s.ctr,
        vrsave: s.vrsave,
    }
}

/// Runs `words` as one block under both engines, which must agree; returns the state after.
pub fn run(words: &[u32], setup: impl Fn(&mut PpcState)) -> After {
    run_mode(words, setup, PpcMode::PPC32)
}

const PPC64: PpcMode = PpcMode {
    is64: true,
    big_endian: true,
};

/// [`run`] on a 64-bit (big-endian) guest.
pub fn run64(words: &[u32], setup: impl Fn(&mut PpcState)) -> After {
    run_mode(words, setup, PPC64)
}

fn run_mode(words: &[u32], setup: impl Fn(&mut PpcState), mode: PpcMode) -> After {
    let a = run_one(words, &setup, false, mode);
    let b = run_one(words, &setup, true, mode);
    assert_eq!(a, b, "{words:08x?}: interpreter vs JIT");
    a
}

/// Encodes `mnemonic op, op, ...` (numbers only) from the decoder's table; `o` and `.`
/// suffixes set OE and Rc.
pub fn asm(mnemonic: &str, ops: &[i64]) -> u32 {
    let (m, rc) = match mnemonic.strip_suffix('.') {
        Some(m) if !TABLE.iter().any(|d| d.mnemonic == mnemonic) => (m, true),
        _ => (mnemonic, false),
    };
    let (def, oe) = match TABLE.iter().find(|d| d.mnemonic == m) {
        Some(d) => (d, false),
        None => {
            let base = m.strip_suffix('o').expect(mnemonic);
            (
                TABLE.iter().find(|d| d.mnemonic == base).expect(mnemonic),
                true,
            )
        }
    };
    assert_eq!(def.operands.len(), ops.len(), "{mnemonic} operands");
    let mut w = def.value | rc as u32 | (oe as u32) << 10;
    for (&o, &v) in def.operands.iter().zip(ops) {
        let v = v as u32;
        w |= match o {
            Opd::Rt | Opd::Rs | Opd::Bt => (v & 31) << 21,
            Opd::Ra | Opd::Ra0 | Opd::Ba => (v & 31) << 16,
            Opd::Rb | Opd::Sh | Opd::Bb => (v & 31) << 11,
            Opd::Si | Opd::Ui => v & 0xffff,
            Opd::Mb | Opd::Bc => (v & 31) << 6,
            Opd::Sh6 => ((v & 31) << 11) | ((v >> 5 & 1) << 1),
            Opd::Mb6 => ((v & 31) << 6) | (v & 32),
            Opd::Me => (v & 31) << 1,
            Opd::Bf => (v & 7) << 23,
            Opd::Bfa => (v & 7) << 18,
            Opd::Bi => (v & 31) << 16,
            Opd::Dx => (v & 0xffc1) | ((v & 0x3e) << 15),
            Opd::L => (v & 1) << 21,
            Opd::Fxm => (v & 0xff) << 12,
            Opd::Spr | Opd::Tbr => ((v & 31) << 16) | ((v >> 5 & 31) << 11),
            o => panic!("{mnemonic}: operand {o:?}"),
        };
    }
    let i = decode(w).unwrap_or_else(|| panic!("{mnemonic} {ops:?} = {w:08x} does not decode"));
    assert_eq!(
        i.op.mnemonic(),
        m.strip_suffix('o').filter(|_| oe).unwrap_or(m)
    );
    w
}

// ---- the table cases of the guest tests ----

fn num(s: &str) -> i64 {
    let s = s.trim();
    if s.contains('|') {
        return s.split('|').map(num).fold(0, |a, b| a | b);
    }
    match s {
        "SO" => 0x8000_0000,
        "OV" => 0x4000_0000,
        "CA" => 0x2000_0000,
        _ => {
            let (neg, t) = match s.strip_prefix('-') {
                Some(t) => (true, t),
                None => (false, s),
            };
            let v = match t.strip_prefix("0x") {
                Some(h) => i64::from_str_radix(h, 16).unwrap(),
                None => t.parse().unwrap_or_else(|_| panic!("number {s:?}")),
            };
            if neg {
                -v
            } else {
                v
            }
        }
    }
}

/// A register or CR-field operand (`r3`, `cr2`) or a number.
fn operand(s: &str) -> i64 {
    let s = s.trim();
    if let Some(n) = s.strip_prefix("cr") {
        return n.parse().unwrap();
    }
    if let Some(n) = s.strip_prefix('r') {
        if let Ok(n) = n.parse() {
            return n;
        }
    }
    num(s)
}

/// One line of a case table: the instruction, the inputs and the expected r6/CR/XER.
struct Case {
    line: String,
    word: u32,
    a: u32,
    b: u32,
    xer: u32,
    cr_in: u32,
    /// r6 before the instruction (`rlwimi` inserts into it).
    r6: u32,
    res: u32,
    cr: u32,
    xer_out: u32,
}

/// Extended compare and CR mnemonics of `compare.S` as base instructions.
fn asm_text(text: &str) -> u32 {
    let (m, rest) = text.split_once(' ').unwrap_or((text, ""));
    let ops: Vec<i64> = rest
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(operand)
        .collect();
    match m {
        "cmpw" => asm("cmp", &[ops[0], 0, ops[1], ops[2]]),
        "cmplw" => asm("cmpl", &[ops[0], 0, ops[1], ops[2]]),
        "cmpwi" => asm("cmpi", &[ops[0], 0, ops[1], ops[2]]),
        "cmplwi" => asm("cmpli", &[ops[0], 0, ops[1], ops[2]]),
        "crset" => asm("creqv", &[ops[0], ops[0], ops[0]]),
        "crclr" => asm("crxor", &[ops[0], ops[0], ops[0]]),
        "crnot" => asm("crnor", &[ops[0], ops[1], ops[1]]),
        "crmove" => asm("cror", &[ops[0], ops[1], ops[1]]),
        _ => asm(m, &ops),
    }
}

fn cases(file: &str) -> Vec<Case> {
    let path = format!("{}/testcases/ppc/asm/{file}", env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(&path).unwrap();
    let mut out = Vec::new();
    for line in src.lines() {
        let line = line.split("/*").next().unwrap().trim();
        let Some((mac, rest)) = line.split_once(char::is_whitespace) else {
            continue;
        };
        // Quoted instruction text (compare.S) first, then the numbers.
        let (text, rest) = match rest.trim().strip_prefix('"') {
            Some(r) => {
                let (t, r) = r.split_once('"').unwrap();
                (Some(t), r.trim_start_matches([',', ' ']))
            }
            None => (None, rest),
        };
        let f: Vec<&str> = rest.split(',').map(str::trim).collect();
        let n = |k: usize| num(f[k]) as u32;
        let op = |k: usize| num(f[k]);
        let base = |word, a, b, xer, res, cr, xer_out| Case {
            line: line.to_string(),
            word,
            a,
            b,
            xer,
            cr_in: 0,
            r6: 0xdead_beef,
            res,
            cr,
            xer_out,
        };
        let c = match mac {
            "A3" | "L3" => base(asm(f[0], &[6, 3, 4]), n(1), n(2), n(3), n(4), n(5), n(6)),
            "A2" => base(asm(f[0], &[6, 3]), n(1), 0, n(2), n(3), n(4), n(5)),
            "L2" => base(asm(f[0], &[6, 3]), n(1), n(2), n(3), n(4), n(5), n(6)),
            "AI" | "IMM" => base(asm(f[0], &[6, 3, op(2)]), n(1), 0, n(3), n(4), n(5), n(6)),
            "ROTI" | "ROTINS" => {
                let w = asm(f[0], &[6, 3, op(7), op(8), op(9)]);
                let mut c = base(w, n(1), n(2), n(3), n(4), n(5), n(6));
                if mac == "ROTINS" {
                    c.r6 = c.b;
                }
                c
            }
            "ROTV" => base(
                asm(f[0], &[6, 3, 4, op(7), op(8)]),
                n(1),
                n(2),
                n(3),
                n(4),
                n(5),
                n(6),
            ),
            "CMP3" => {
                let mut c = base(asm_text(text.unwrap()), n(0), n(1), n(2), 0, n(3), n(2));
                c.r6 = 0;
                c
            }
            "CRL" => {
                let mut c = base(asm_text(text.unwrap()), 0, 0, 0, 0, n(1), 0);
                c.cr_in = n(0);
                c.r6 = 0;
                c
            }
            _ => continue,
        };
        out.push(c);
    }
    out
}

fn check_file(file: &str, min_cases: usize) {
    let cs = cases(file);
    assert!(cs.len() >= min_cases, "{file}: only {} cases", cs.len());
    let mut failures = Vec::new();
    for c in &cs {
        let after = run(&[c.word], |s| {
            s.gpr[3] = c.a as u64;
            s.gpr[4] = c.b as u64;
            s.gpr[6] = c.r6 as u64;
            set_xer(s, c.xer);
            set_cr(s, c.cr_in);
        });
        let got = (after.gpr[6] as u32, after.cr, after.xer as u32);
        let want = (c.res, c.cr, c.xer_out);
        if got != want || after.outcome != Outcome::Next(CODE + 4) {
            failures.push(format!(
                "{}: got {:08x?} want {:08x?} ({:?})",
                c.line, got, want, after.outcome
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn arith_table_cases() {
    check_file("arith.S", 178);
}

#[test]
fn logical_table_cases() {
    check_file("logical.S", 182);
}

#[test]
fn compare_table_cases() {
    check_file("compare.S", 81);
}

// ---- cases the tables don't cover ----

#[test]
fn addi_with_ra_zero_reads_zero() {
    let a = run(
        &[asm("addi", &[6, 0, 0x123]), asm("addis", &[7, 0, -1])],
        |s| {
            s.gpr[0] = 0x1234_5678;
        },
    );
    assert_eq!((a.gpr[6], a.gpr[7]), (0x123, 0xffff_0000));
}

#[test]
fn carry_chains() {
    // addc/adde/addze across three words; subfc/subfe; subfic+subfze (64-bit negate).
    let a = run(
        &[
            asm("addc", &[12, 10, 11]),
            asm("adde", &[13, 10, 0]),
            asm("addze", &[14, 0]),
        ],
        |s| {
            s.gpr[10] = 0xffff_ffff;
            s.gpr[11] = 1;
        },
    );
    assert_eq!((a.gpr[12], a.gpr[13], a.gpr[14]), (0, 0, 1));
    let a = run(&[asm("subfic", &[8, 4, 0]), asm("subfze", &[7, 3])], |s| {
        s.gpr[3] = 1;
        s.gpr[4] = 0xffff_ffff;
    });
    assert_eq!((a.gpr[7], a.gpr[8]), (0xffff_fffe, 1));
}

#[test]
fn isel_cases() {
    for (bc, cr, want) in [
        (0, 0x8000_0000u32, 0x1111u64),
        (0, 0x7fff_ffff, 0x2222),
        (9, 0x0040_0000, 0x1111),
        (31, 0x0000_0001, 0x1111),
        (31, 0xffff_fffe, 0x2222),
    ] {
        let a = run(&[asm("isel", &[6, 3, 4, bc])], |s| {
            set_cr(s, cr);
            s.gpr[3] = 0x1111;
            s.gpr[4] = 0x2222;
        });
        assert_eq!(a.gpr[6], want, "bc {bc} cr {cr:08x}");
    }
    let a = run(&[asm("isel", &[6, 0, 4, 0])], |s| {
        set_cr(s, 0x8000_0000);
        s.gpr[0] = 0x1234_5678;
        s.gpr[4] = 0x3333;
    });
    assert_eq!(a.gpr[6], 0);
}

#[test]
fn popcntb_cmpb_popcntw() {
    let a = run(
        &[
            asm("popcntb", &[6, 3]),
            asm("cmpb", &[7, 3, 4]),
            asm("popcntw", &[8, 3]),
        ],
        |s| {
            s.gpr[3] = 0xff01_7f80;
            s.gpr[4] = 0xff00_7f81;
        },
    );
    assert_eq!(a.gpr[6], 0x0801_0701);
    assert_eq!(a.gpr[7], 0xff00_ff00);
    assert_eq!(a.gpr[8], 17);
}

#[test]
fn cmp_with_l1_compares_words_on_ppc32() {
    // An invalid form on a 32-bit CPU; qemu-ppc's 750 (like most 32-bit CPUs) ignores L.
    let a = run(
        &[asm("cmp", &[1, 1, 3, 4]), asm("cmpli", &[2, 1, 3, 5])],
        |s| {
            s.gpr[3] = 0xffff_ffff;
            s.gpr[4] = 1;
        },
    );
    assert_eq!(a.outcome, Outcome::Next(CODE + 8));
    assert_eq!(a.cr, 0x0840_0000);
}

#[test]
fn cr_field_moves() {
    // mtcrf with partial masks, mfcr, mfocrf reading one field (the others 0), mtocrf.
    let a = run(
        &[
            asm("mtcrf", &[0xff, 5]),
            asm("mtcrf", &[0x81, 7]),
            asm("mfcr", &[6]),
            asm("mtocrf", &[0x20, 8]),
            asm("mfcr", &[9]),
            asm("mfocrf", &[10, 0x20]),
            asm("mfocrf", &[11, 0x02]),
            asm("mcrf", &[1, 0]),
            asm("mfcr", &[12]),
        ],
        |s| {
            s.gpr[5] = 0x1111_1111;
            s.gpr[7] = 0xabcd_ef01;
            s.gpr[8] = 0xfedc_ba98;
        },
    );
    assert_eq!(a.gpr[6], 0xa111_1111);
    assert_eq!(a.gpr[9], 0xa1d1_1111);
    assert_eq!(a.gpr[10], 0x00d0_0000);
    assert_eq!(a.gpr[11], 0x0000_0010);
    assert_eq!(a.gpr[12], 0xaad1_1111);
}

#[test]
fn mcrxr_copies_and_clears() {
    let a = run(&[asm("mcrxr", &[3]), asm("mfspr", &[7, 1])], |s| {
        set_xer(s, 0xe000_007f);
    });
    assert_eq!(a.cr, 0x000e_0000);
    assert_eq!((a.gpr[7], a.xer), (0x7f, 0x7f));
}

#[test]
fn spr_moves() {
    let a = run(
        &[
            asm("mtspr", &[1, 3]),
            asm("mfspr", &[4, 1]),
            asm("mtspr", &[8, 5]),
            asm("mtspr", &[9, 6]),
            asm("mtspr", &[256, 7]),
            asm("mfspr", &[8, 8]),
            asm("mfspr", &[9, 9]),
            asm("mfspr", &[10, 256]),
            asm("mfspr", &[11, 287]),
        ],
        |s| {
            s.gpr[3] = 0xe000_007f;
            s.gpr[5] = 0x1000_0100;
            s.gpr[6] = 42;
            s.gpr[7] = 0xffff_0000;
        },
    );
    assert_eq!(a.gpr[4], 0xe000_007f);
    assert_eq!(a.xer, 0xe000_007f);
    assert_eq!((a.lr, a.ctr, a.vrsave), (0x1000_0100, 42, 0xffff_0000));
    assert_eq!(
        (a.gpr[8], a.gpr[9], a.gpr[10]),
        (0x1000_0100, 42, 0xffff_0000)
    );
    assert_eq!(a.gpr[11], 0x0008_0301);
}

#[test]
fn time_base_advances() {
    // The engines read the clock at different times, so each is checked on its own.
    let words = [
        asm("mftb", &[3, 269]),
        asm("mftb", &[4, 268]),
        asm("mfspr", &[5, 268]),
    ];
    for jit in [false, true] {
        let a = run_one(&words, &|_| {}, jit, PpcMode::PPC32);
        assert_eq!(a.outcome, Outcome::Next(CODE + 12));
        let t0 = a.gpr[3] << 32 | a.gpr[4];
        assert!(t0 > 0, "jit {jit}");
        assert!(
            a.gpr[5] > a.gpr[4] || a.gpr[5] < 1 << 20,
            "jit {jit}: {a:x?}"
        );
    }
}

#[test]
fn other_sprs_raise_sigill() {
    for w in [
        asm("mfspr", &[3, 272]),
        asm("mtspr", &[287, 3]),
        asm("mfspr", &[3, 0]),
    ] {
        let a = run(&[w], |_| {});
        assert_eq!(
            a.outcome,
            Outcome::Signal {
                sig: libc::SIGILL as u8,
                code: 6,
                pc: CODE
            },
            "{w:08x}"
        );
    }
}

// ---- 64-bit guests ----

#[test]
fn ppc64_rotates() {
    let x = 0x0123_4567_89ab_cdefu64;
    let a = run64(
        &[
            asm("rldicl", &[3, 4, 8, 0]),
            asm("rldicl", &[5, 4, 0, 32]),
            asm("rldicr", &[6, 4, 4, 59]),
            asm("rldic", &[7, 4, 8, 16]),
            asm("rldimi", &[8, 4, 32, 0]),
            asm("rldcl", &[9, 4, 10, 0]),
            asm("rldcr", &[11, 4, 12, 7]),
            asm("rlwinm", &[13, 14, 0, 28, 3]),
            asm("rlwinm", &[15, 14, 8, 24, 31]),
        ],
        |s| {
            s.gpr[4] = x;
            s.gpr[8] = 0x1111_1111_2222_2222;
            s.gpr[10] = 68;
            s.gpr[12] = 4;
            s.gpr[14] = 0xffff_ffff_8765_4321;
        },
    );
    assert_eq!(a.gpr[3], 0x2345_6789_abcd_ef01);
    assert_eq!(a.gpr[5], 0x89ab_cdef);
    assert_eq!(a.gpr[6], 0x1234_5678_9abc_def0);
    assert_eq!(a.gpr[7], 0x0000_6789_abcd_ef00);
    assert_eq!(a.gpr[8], 0x89ab_cdef_2222_2222);
    assert_eq!(a.gpr[9], 0x1234_5678_9abc_def0);
    assert_eq!(a.gpr[11], 0x1200_0000_0000_0000);
    // 32-bit rotates see the low word in both halves; a wrapping mask sets the high word too.
    assert_eq!(a.gpr[13], 0x8765_4321_8000_0001);
    assert_eq!(a.gpr[15], 0x87);
}

#[test]
fn ppc64_shifts_and_ca() {
    let cases: [(&str, u64, u64, u64, u64); 9] = [
        ("sld", 1, 63, 1 << 63, 0),
        ("sld", 1, 64, 0, 0),
        ("srd", 1 << 63, 63, 1, 0),
        ("srd", 1 << 63, 0x80, 1 << 63, 0),
        ("srad", 0x8000_0000_0000_0001, 1, 0xc000_0000_0000_0000, 1),
        ("srad", 0x8000_0000_0000_0000, 64, u64::MAX, 1),
        ("srad", 0x7fff_ffff_ffff_ffff, 70, 0, 0),
        ("srad", (-16i64) as u64, 4, u64::MAX, 0),
        ("sraw", 0x1234_5678_8000_0001, 1, 0xffff_ffff_c000_0000, 1),
    ];
    for (m, x, n, want, ca) in cases {
        let a = run64(&[asm(m, &[3, 4, 5])], |s| {
            s.gpr[4] = x;
            s.gpr[5] = n;
        });
        assert_eq!((a.gpr[3], a.xer >> 29), (want, ca), "{m} {x:#x}, {n}");
    }
    for (x, n, want, ca) in [
        ((-16i64) as u64, 4, u64::MAX, 0),
        ((-17i64) as u64, 4, (-2i64) as u64, 1),
        (0x8000_0000_0000_0000, 63, u64::MAX, 0),
        (5, 0, 5, 0),
    ] {
        let a = run64(&[asm("sradi", &[3, 4, n])], |s| s.gpr[4] = x);
        assert_eq!((a.gpr[3], a.xer >> 29), (want, ca), "sradi {x:#x}, {n}");
    }
}

#[test]
fn ppc64_multiply_divide() {
    let a = run64(
        &[
            asm("mulldo", &[3, 4, 4]),
            asm("mulhd", &[5, 6, 6]),
            asm("mulhdu", &[7, 6, 6]),
            asm("mullw", &[8, 9, 10]),
            asm("divd", &[11, 12, 13]),
            asm("divdu", &[14, 6, 15]),
            asm("divd", &[16, 12, 0]),
        ],
        |s| {
            s.gpr[4] = 1 << 32;
            s.gpr[6] = u64::MAX;
            s.gpr[9] = 0xdead_beef_ffff_fffe;
            s.gpr[10] = 3;
            s.gpr[12] = 100;
            s.gpr[13] = (-7i64) as u64;
            s.gpr[15] = 2;
        },
    );
    assert_eq!(a.gpr[3], 0);
    assert_eq!(a.xer, 0xc000_0000, "mulldo overflow sets OV and SO");
    assert_eq!(a.gpr[5], 0);
    assert_eq!(a.gpr[7], 0xffff_ffff_ffff_fffe);
    assert_eq!(a.gpr[8], (-6i64) as u64);
    assert_eq!(a.gpr[11], (-14i64) as u64);
    assert_eq!(a.gpr[14], 0x7fff_ffff_ffff_ffff);
    assert_eq!(a.gpr[16], 100, "division by zero gives the dividend");
    let a = run64(&[asm("divdo.", &[3, 4, 5])], |s| {
        s.gpr[4] = 1 << 63;
        s.gpr[5] = u64::MAX;
    });
    assert_eq!((a.gpr[3], a.xer, a.cr), (1 << 63, 0xc000_0000, 0x9000_0000));
}

#[test]
fn ppc64_counts_extends_compares_and_records() {
    let a = run64(
        &[
            asm("extsw", &[3, 4]),
            asm("cntlzd", &[5, 6]),
            asm("cnttzd", &[7, 0]),
            asm("popcntd", &[8, 9]),
            asm("extswsli", &[10, 4, 4]),
            asm("cmp", &[1, 1, 11, 6]),
            asm("cmp", &[2, 0, 11, 6]),
            asm("addco", &[12, 9, 6]),
            asm("and.", &[13, 9, 14]),
        ],
        |s| {
            s.gpr[0] = 0;
            s.gpr[4] = 0x0000_0000_8000_0000;
            s.gpr[6] = 1;
            s.gpr[9] = u64::MAX;
            s.gpr[11] = 1 << 32;
            s.gpr[14] = 0xffff_ffff_0000_0000;
        },
    );
    assert_eq!(a.gpr[3], 0xffff_ffff_8000_0000);
    assert_eq!(a.gpr[5], 63);
    assert_eq!(a.gpr[7], 64);
    assert_eq!(a.gpr[8], 64);
    assert_eq!(a.gpr[10], 0xffff_fff8_0000_0000);
    // cr1: 64-bit compare 2^32 > 1; cr2: words 0 < 1; cr0: and. result negative at 64 bits.
    assert_eq!(a.cr, 0x8480_0000);
    assert_eq!((a.gpr[12], a.xer), (0, 0x2000_0000));
    assert_eq!(a.gpr[13], 0xffff_ffff_0000_0000);
}

#[test]
fn isa3_additions() {
    let a = run(
        &[
            asm("modsw", &[3, 4, 5]),
            asm("moduw", &[6, 4, 5]),
            asm("modsw", &[7, 4, 0]),
            asm("setb", &[8, 1]),
            asm("setb", &[9, 2]),
            asm("setb", &[10, 3]),
            asm("setbc", &[11, 4]),
            asm("setnbcr", &[12, 4]),
            asm("cmpeqb", &[4, 13, 14]),
            asm("cmpeqb", &[5, 13, 15]),
            asm("brw", &[16, 14]),
            asm("brh", &[17, 14]),
            asm("prtyw", &[18, 14]),
        ],
        |s| {
            s.gpr[0] = 0;
            s.gpr[4] = (-7i32) as u32 as u64;
            s.gpr[5] = 3;
            s.gpr[13] = 0x1234_5633;
            s.gpr[14] = 0x1133_2244;
            s.gpr[15] = 0x1122_4455;
            set_cr(s, 0x0842_0000);
        },
    );
    assert_eq!(a.gpr[3], (-1i32) as u32 as u64, "-7 mod 3");
    assert_eq!(a.gpr[6], 0xffff_fff9 % 3);
    assert_eq!(a.gpr[7], 0, "mod by zero");
    assert_eq!((a.gpr[8], a.gpr[9], a.gpr[10]), (0xffff_ffff, 1, 0));
    // CR bit 4 is cr1's LT: set.
    assert_eq!((a.gpr[11], a.gpr[12]), (1, 0));
    assert_eq!(a.cr, 0x0842_4000);
    assert_eq!(a.gpr[16], 0x4422_3311);
    assert_eq!(a.gpr[17], 0x3311_4422);
    assert_eq!(
        a.gpr[18], 0,
        "low bits 1, 1, 0, 0 of 0x11, 0x33, 0x22, 0x44: even"
    );
    let a = run(&[asm("addpcis", &[3, 1]), asm("prtyw", &[4, 5])], |s| {
        s.gpr[5] = 0x0100_00fe;
    });
    assert_eq!(a.gpr[3], CODE + 4 + 0x10000);
    assert_eq!(a.gpr[4], 1);
}
