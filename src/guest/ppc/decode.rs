//! Decoding one 32-bit PowerPC instruction word into an [`Insn`].
//!
//! [`decode`] looks the word up in buckets built once from [`TABLE`]: first by primary opcode,
//! then by the word's low eleven bits (which hold every extended opcode and variant bit of the
//! forms in the table), giving a short list of candidate rows (usually one) that are checked
//! with their full `(mask, value)` and invalid-form rule. Words that match no row decode to
//! `None`; the lifter raises SIGILL for them.
//!
//! Field accessors take the field from the word whatever the instruction; the caller knows
//! which fields its instruction has. Byte order is the caller's business: the word is the
//! instruction as a number (a ppc64le guest byte-swaps before calling).

use super::insns::{variant, Check, InsnDef, Op, TABLE};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A decoded instruction: what it is, and its word for the operand fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Insn {
    pub op: Op,
    pub word: u32,
}

impl Insn {
    #[inline]
    fn bits(self, shift: u32, width: u32) -> u32 {
        (self.word >> shift) & ((1 << width) - 1)
    }

    /// The table row of this instruction.
    pub fn def(self) -> &'static InsnDef {
        self.op.def()
    }
    pub fn primary(self) -> u32 {
        self.word >> 26
    }

    // ---- registers ----
    /// GPR target (bits 21..25); also `rs` for stores and logical ops.
    pub fn rt(self) -> u32 {
        self.bits(21, 5)
    }
    pub fn rs(self) -> u32 {
        self.bits(21, 5)
    }
    pub fn ra(self) -> u32 {
        self.bits(16, 5)
    }
    pub fn rb(self) -> u32 {
        self.bits(11, 5)
    }
    /// GPR in bits 6..10 (VA-form third source).
    pub fn rc_reg(self) -> u32 {
        self.bits(6, 5)
    }
    pub fn frt(self) -> u32 {
        self.bits(21, 5)
    }
    pub fn frs(self) -> u32 {
        self.bits(21, 5)
    }
    pub fn fra(self) -> u32 {
        self.bits(16, 5)
    }
    pub fn frb(self) -> u32 {
        self.bits(11, 5)
    }
    pub fn frc(self) -> u32 {
        self.bits(6, 5)
    }

    // ---- immediates ----
    /// Signed 16-bit immediate (SI), sign-extended.
    pub fn si(self) -> i32 {
        self.word as u16 as i16 as i32
    }
    /// Unsigned 16-bit immediate (UI), zero-extended.
    pub fn ui(self) -> u32 {
        self.word & 0xffff
    }
    /// D-form displacement, sign-extended.
    pub fn d(self) -> i32 {
        self.si()
    }
    /// DS-form displacement (low two bits cleared), sign-extended.
    pub fn ds(self) -> i32 {
        (self.word & 0xfffc) as u16 as i16 as i32
    }
    /// DQ-form displacement (low four bits cleared), sign-extended.
    pub fn dq(self) -> i32 {
        (self.word & 0xfff0) as u16 as i16 as i32
    }
    /// DX-form (`addpcis`) immediate, sign-extended (not shifted).
    pub fn dx(self) -> i32 {
        let v = (self.word & 0xffc1) | ((self.word >> 15) & 0x3e);
        v as u16 as i16 as i32
    }

    // ---- branches ----
    pub fn bo(self) -> u32 {
        self.bits(21, 5)
    }
    pub fn bi(self) -> u32 {
        self.bits(16, 5)
    }
    /// B-form displacement in bytes, sign-extended.
    pub fn bd(self) -> i32 {
        (self.word & 0xfffc) as u16 as i16 as i32
    }
    /// I-form displacement in bytes, sign-extended.
    pub fn li(self) -> i32 {
        (((self.word & 0x03ff_fffc) << 6) as i32) >> 6
    }
    /// Absolute-address bit (I and B forms).
    pub fn aa(self) -> bool {
        self.word & 2 != 0
    }
    /// Link bit (branches).
    pub fn lk(self) -> bool {
        self.word & 1 != 0
    }
    /// Branch hint BH of XL-form branches.
    pub fn bh(self) -> u32 {
        self.bits(11, 2)
    }
    /// Target of an I- or B-form branch at `pc`; absolute targets are the sign-extended field.
    pub fn branch_target(self, pc: u64) -> u64 {
        let disp = if self.primary() == 18 {
            self.li()
        } else {
            self.bd()
        } as i64 as u64;
        if self.aa() {
            disp
        } else {
            pc.wrapping_add(disp)
        }
    }

    // ---- variant bits ----
    /// Record bit, for rows that accept it (false otherwise; `stwcx.` and friends always record).
    pub fn rc(self) -> bool {
        self.def().variants & variant::RC != 0 && self.word & 1 != 0
    }
    /// Overflow-enable bit, for XO-form rows that accept it.
    pub fn oe(self) -> bool {
        self.def().variants & variant::OE != 0 && self.word & (1 << 10) != 0
    }

    // ---- rotates and shifts ----
    pub fn sh(self) -> u32 {
        self.bits(11, 5)
    }
    pub fn mb(self) -> u32 {
        self.bits(6, 5)
    }
    pub fn me(self) -> u32 {
        self.bits(1, 5)
    }
    /// 6-bit shift of MD/XS forms: sh[0..4] in bits 11..15, sh[5] in bit 1.
    pub fn sh6(self) -> u32 {
        self.bits(11, 5) | (self.bits(1, 1) << 5)
    }
    /// 6-bit mask begin (or end) of MD/MDS forms: low five in bits 6..10, high bit in bit 5.
    pub fn mb6(self) -> u32 {
        self.bits(6, 5) | (self.word & 0x20)
    }
    pub fn me6(self) -> u32 {
        self.mb6()
    }

    // ---- condition register ----
    /// CR field destination (BF, bits 23..25).
    pub fn crfd(self) -> u32 {
        self.bits(23, 3)
    }
    /// CR field source (BFA, bits 18..20).
    pub fn crfs(self) -> u32 {
        self.bits(18, 3)
    }
    pub fn crbt(self) -> u32 {
        self.bits(21, 5)
    }
    pub fn crba(self) -> u32 {
        self.bits(16, 5)
    }
    pub fn crbb(self) -> u32 {
        self.bits(11, 5)
    }
    /// CR bit selecting `isel`'s source (BC, bits 6..10).
    pub fn crbc(self) -> u32 {
        self.bits(6, 5)
    }
    /// Field mask of `mtcrf`/`mfocrf`/`mtocrf` (bit 7 selects CR0).
    pub fn fxm(self) -> u32 {
        self.bits(12, 8)
    }

    // ---- system ----
    /// SPR number, with the two five-bit halves of the field swapped back.
    pub fn spr(self) -> u32 {
        self.bits(16, 5) | (self.bits(11, 5) << 5)
    }
    /// Time-base register number of `mftb` (268 = TB, 269 = TBU).
    pub fn tbr(self) -> u32 {
        self.spr()
    }
    /// L bit of compares (1 = 64-bit compare).
    pub fn l(self) -> bool {
        self.word & (1 << 21) != 0
    }
    /// L field of `sync` (0 hwsync, 1 lwsync, 2 ptesync, ...) and of `dcbf`.
    pub fn l3(self) -> u32 {
        self.bits(21, 3)
    }
    /// TO field of traps.
    pub fn to(self) -> u32 {
        self.bits(21, 5)
    }
    /// Byte count field of `lswi`/`stswi` as encoded (0 means 32).
    pub fn nb(self) -> u32 {
        self.bits(11, 5)
    }
    /// Byte count of `lswi`/`stswi` (1..=32).
    pub fn nb_bytes(self) -> u32 {
        match self.nb() {
            0 => 32,
            n => n,
        }
    }
    /// Touch hint of `dcbt`/`dcbtst`/`icbt` (bits 21..25).
    pub fn th(self) -> u32 {
        self.bits(21, 5)
    }
    /// Exclusive-access hint of `l*arx`.
    pub fn eh(self) -> bool {
        self.word & 1 != 0
    }
    /// LEV field of `sc`/`scv`.
    pub fn lev(self) -> u32 {
        self.bits(5, 7)
    }

    // ---- FPSCR ----
    /// Field mask of `mtfsf` (bits 17..24).
    pub fn flm(self) -> u32 {
        self.bits(17, 8)
    }
    /// W bit of `mtfsf`/`mtfsfi` (bit 16).
    pub fn w(self) -> bool {
        self.word & (1 << 16) != 0
    }
    /// L bit of `mtfsf` (bit 25: set the whole FPSCR).
    pub fn mtfsf_l(self) -> bool {
        self.word & (1 << 25) != 0
    }
    /// Immediate of `mtfsfi` (bits 12..15).
    pub fn u(self) -> u32 {
        self.bits(12, 4)
    }
    /// `mffscdrni` DRM (bits 11..13).
    pub fn drm(self) -> u32 {
        self.bits(11, 3)
    }
    /// `mffscrni` RM (bits 11..12).
    pub fn rm(self) -> u32 {
        self.bits(11, 2)
    }
}

/// Which register (if any) a conditional branch goes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BranchKind {
    /// B form: relative or absolute displacement.
    Imm,
    Lr,
    Ctr,
    Tar,
}

/// The operands that go with a conditional branch's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BranchOperands {
    /// Just the target (or nothing for XL forms): `bdnz`, `blr`.
    None,
    /// CR field (left out when CR0) then the target: `beq cr7,...`.
    CrField,
    /// The CR bit: `bdnzf 4*cr1+gt,...`.
    CrBit,
    /// Base form: `bc BO,BI,...`.
    Full,
}

/// How binutils names a conditional branch: stem (`bdnz`, `beq`, `bc`, ...), hint suffix and
/// operand style; the printer inserts `lr`/`ctr`/`tar` and the `l`/`a` suffixes between stem and
/// hint. `None` for BO values binutils rejects (reserved `z` bits or `at` = 0b01 where no old
/// "y"-bit name exists); those words do not decode.
pub(crate) fn branch_name(
    kind: BranchKind,
    bo: u32,
    bi: u32,
) -> Option<(&'static str, &'static str, BranchOperands)> {
    use BranchKind::*;
    use BranchOperands as O;
    let odd = bo & 1 != 0;
    Some(match bo {
        0..=3 | 8..=11 => {
            let stem = ["bdnzf", "bdzf", "bdnzt", "bdzt"][((bo >> 1) & 1 | (bo >> 2) & 2) as usize];
            match kind {
                Imm => (stem, "", O::CrBit),
                Lr => (stem, if odd { "+" } else { "" }, O::CrBit),
                Tar if !odd => (stem, "", O::CrBit),
                Ctr if !odd => ("bc", "", O::Full),
                _ => return None,
            }
        }
        4..=7 | 12..=15 => {
            const IF_FALSE: [&str; 4] = ["bge", "ble", "bne", "bns"];
            const IF_TRUE: [&str; 4] = ["blt", "bgt", "beq", "bso"];
            let stem = if bo & 8 != 0 { IF_TRUE } else { IF_FALSE }[(bi & 3) as usize];
            let hint = match (bo & 3, kind) {
                (0, _) | (1, Imm) => "",
                (1, Tar) => return None,
                (1, _) | (3, _) => "+",
                _ => "-",
            };
            (stem, hint, O::CrField)
        }
        16..=19 | 24..=27 => {
            let stem = if bo & 2 != 0 { "bdz" } else { "bdnz" };
            let hint = match (bo >= 24, odd) {
                (true, false) => "-",
                (true, true) => "+",
                (false, false) => "",
                (false, true) => match kind {
                    Imm => "",
                    Lr => "+",
                    _ => return None,
                },
            };
            if bi == 0 && kind != Ctr {
                (stem, hint, O::None)
            } else if bo < 24 && odd {
                return None;
            } else {
                ("bc", hint, O::Full)
            }
        }
        20 if bi == 0 && kind != Imm => ("b", "", O::None),
        20 => ("bc", "", O::Full),
        _ => return None,
    })
}

/// The branch kind of a conditional branch word (primary 16 or 19).
pub(crate) fn branch_kind(word: u32) -> BranchKind {
    if word >> 26 == 16 {
        return BranchKind::Imm;
    }
    match (word >> 1) & 0x3ff {
        16 => BranchKind::Lr,
        528 => BranchKind::Ctr,
        _ => BranchKind::Tar,
    }
}

fn check_ok(check: Check, w: u32) -> bool {
    let rt = (w >> 21) & 31;
    let ra = (w >> 16) & 31;
    let rb = (w >> 11) & 31;
    match check {
        Check::None => true,
        Check::RaNonzero => ra != 0,
        Check::RaNonzeroNotRt => ra != 0 && ra != rt,
        Check::RaBelowRt => ra < rt,
        Check::RaNotRt => ra != rt,
        Check::RaRbNotRt => ra != rt && rb != rt,
        Check::OneFxmBit => ((w >> 12) & 0xff).count_ones() == 1,
        Check::Tbr => matches!(ra | (rb << 5), 268 | 269),
        Check::SyncL => !matches!((w >> 21) & 7, 3 | 6 | 7),
        Check::DcbfL => !matches!((w >> 21) & 7, 2 | 5 | 7),
        // Hardware (and qemu) execute every BO, ignoring the bits older ISAs reserved; only a
        // bcctr that would decrement CTR is an invalid form.
        Check::Branch => match branch_kind(w) {
            BranchKind::Imm | BranchKind::Lr => true,
            kind => branch_name(kind, rt, ra).is_some(),
        },
    }
}

/// Bits below the primary opcode used to index a bucket.
const KEY_BITS: u32 = 0x7ff;

/// Candidate rows of one primary opcode, indexed by `word & key_mask`.
struct Bucket {
    key_mask: u32,
    /// One entry per key value (a single entry when `key_mask` is 0): a range of `rows`.
    slots: Box<[(u16, u16)]>,
}

struct Decoder {
    buckets: Vec<Bucket>,
    /// Row indices of all candidate lists, back to back.
    rows: Vec<u16>,
}

fn build() -> Decoder {
    let mut rows: Vec<u16> = Vec::new();
    let mut lists: HashMap<Vec<u16>, (u16, u16)> = HashMap::new();
    let mut buckets = Vec::with_capacity(64);
    for primary in 0..64u32 {
        let members: Vec<usize> = (0..TABLE.len())
            .filter(|&i| TABLE[i].primary as u32 == primary)
            .collect();
        let key_mask = members
            .iter()
            .fold(0, |m, &i| m | (TABLE[i].mask & KEY_BITS));
        let nslots = if key_mask == 0 {
            1
        } else {
            KEY_BITS as usize + 1
        };
        let mut slots = vec![(0u16, 0u16); nslots].into_boxed_slice();
        for (key, slot) in slots.iter_mut().enumerate() {
            let key = key as u32;
            if key & !key_mask != 0 {
                continue; // never indexed: lookups mask the word with key_mask
            }
            let list: Vec<u16> = members
                .iter()
                .copied()
                .filter(|&i| {
                    let d = &TABLE[i];
                    (key ^ d.value) & d.mask & key_mask == 0
                })
                .map(|i| i as u16)
                .collect();
            if list.is_empty() {
                continue;
            }
            *slot = *lists.entry(list).or_insert_with_key(|list| {
                let start = rows.len() as u16;
                rows.extend_from_slice(list);
                (start, list.len() as u16)
            });
        }
        buckets.push(Bucket { key_mask, slots });
    }
    Decoder { buckets, rows }
}

fn decoder() -> &'static Decoder {
    static DECODER: OnceLock<Decoder> = OnceLock::new();
    DECODER.get_or_init(build)
}

/// Decodes one instruction word; `None` if it is no instruction of the table (or an invalid form
/// of one). 64-bit-only instructions decode too: see [`InsnDef::only64`].
pub fn decode(word: u32) -> Option<Insn> {
    let dec = decoder();
    let bucket = &dec.buckets[(word >> 26) as usize];
    let (start, len) = bucket.slots[(word & bucket.key_mask) as usize];
    for &row in &dec.rows[start as usize..(start + len) as usize] {
        let d = &TABLE[row as usize];
        if word & d.mask == d.value && check_ok(d.check, word) {
            return Some(Insn { op: d.op, word });
        }
    }
    None
}

/// Decodes for a guest of the given width: 64-bit-only instructions are illegal on a 32-bit one.
pub fn decode_for(word: u32, is64: bool) -> Option<Insn> {
    decode(word).filter(|i| is64 || !i.def().only64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows whose fixed bits agree wherever both masks care, and so could both match a word.
    #[test]
    fn no_two_rows_overlap() {
        for (i, a) in TABLE.iter().enumerate() {
            assert_eq!(a.op as usize, i, "table order");
            assert_eq!(a.value & !a.mask, 0, "{}: value outside mask", a.mnemonic);
            assert_eq!(a.value >> 26, a.primary as u32, "{}: primary", a.mnemonic);
            for b in &TABLE[i + 1..] {
                let common = a.mask & b.mask;
                assert_ne!(
                    (a.value ^ b.value) & common,
                    0,
                    "{} and {} overlap",
                    a.mnemonic,
                    b.mnemonic
                );
            }
        }
    }

    #[test]
    fn every_row_decodes_its_own_value() {
        for d in TABLE {
            // The bare value has all free fields zero; pick fields that pass the checks.
            let mut w = d.value;
            match d.check {
                Check::RaNonzero | Check::RaNotRt => w |= 3 << 16,
                Check::RaNonzeroNotRt | Check::RaRbNotRt => w |= (3 << 16) | (4 << 11) | (6 << 21),
                Check::RaBelowRt => w |= (1 << 16) | (5 << 21),
                Check::OneFxmBit => w |= 0x80 << 12,
                Check::Tbr => w |= (268 & 31) << 16 | (268 >> 5) << 11,
                _ => {}
            }
            if d.op == Op::Bc || d.op == Op::B {
                w |= 0x14 << 21;
            }
            if matches!(d.op, Op::Bclr | Op::Bcctr | Op::Bctar) {
                w |= 0x14 << 21;
            }
            assert_eq!(w & d.mask, d.value, "{}", d.mnemonic);
            assert_eq!(
                decode(w).map(|i| i.op),
                Some(d.op),
                "{} {w:08x}",
                d.mnemonic
            );
        }
    }

    #[test]
    fn fields() {
        // addi r3,r1,-16
        let i = decode(0x3861_fff0).unwrap();
        assert_eq!((i.op, i.rt(), i.ra(), i.si()), (Op::Addi, 3, 1, -16));
        // mflr r0 = mfspr r0,8
        let i = decode(0x7c08_02a6).unwrap();
        assert_eq!((i.op, i.rt(), i.spr()), (Op::Mfspr, 0, 8));
        // bl -0x164 at any pc
        let i = decode(0x4bff_fe9d).unwrap();
        assert_eq!((i.op, i.lk(), i.aa()), (Op::B, true, false));
        assert_eq!(i.branch_target(0x1000_0164), 0x1000_0000);
        // rldicl r3,r4,62,2 (srdi r3,r4,2)
        let i = decode(0x7883_f082).unwrap();
        assert_eq!((i.op, i.sh6(), i.mb6()), (Op::Rldicl, 62, 2));
        // ld r9,-8(r1): DS form
        let i = decode(0xe921_fff8).unwrap();
        assert_eq!((i.op, i.ds()), (Op::Ld, -8));
        // addo. r3,r4,r5
        let i = decode(0x7c64_2e15).unwrap();
        assert_eq!((i.op, i.oe(), i.rc()), (Op::Add, true, true));
        // mffscrni f3,2 (sub-opcode in RA)
        let i = decode(0xfc77_148e).unwrap();
        assert_eq!((i.op, i.rm()), (Op::Mffscrni, 2));
        // lwzu r3,4(r3) is an invalid form
        assert_eq!(decode(0x8463_0004), None);
        assert_eq!(decode(0), None);
        assert!(decode_for(0xe921_fff8, false).is_none());
        assert!(decode_for(0xe921_fff8, true).is_some());
    }

    /// No word panics the decoder, and every decoded word satisfies its own row.
    #[test]
    fn total_over_words() {
        let check = |w: u32| {
            if let Some(i) = decode(w) {
                let d = i.def();
                assert_eq!(w & d.mask, d.value);
            }
            // The disassembler must not panic either (it asserts on decoded branches).
            let _ = crate::guest::ppc::disasm::disasm(w, 0x1000_0000);
        };
        // A stride through all words (odd, so every bit pattern mixes).
        let mut w = 0u32;
        for _ in 0..(1u32 << 20) {
            check(w);
            w = w.wrapping_add(0x0000_1003 * 997);
        }
        // Every primary opcode with every low-eleven-bit pattern and a few middle fields.
        for primary in 0..64u32 {
            for low in 0..2048u32 {
                for mid in [0u32, 0x1f_ffff, 0x15_5555, 0x0a_aaaa, 0x10_0000, 0x01_0000] {
                    check((primary << 26) | ((mid << 11) & 0x03ff_f800) | low);
                }
            }
        }
    }

    /// Prints every row's mask and value; `testdata/gen_fixture.py` reads this to synthesize
    /// words for the objdump fixture.
    #[test]
    #[ignore]
    fn dump_table_for_fixture() {
        for d in TABLE {
            println!(
                "ROW {:08x} {:08x} {:?} {}",
                d.mask, d.value, d.check, d.mnemonic
            );
        }
    }

    #[test]
    fn lookup_is_bucketed() {
        let dec = decoder();
        let longest = dec
            .buckets
            .iter()
            .flat_map(|b| b.slots.iter().map(|s| s.1))
            .max()
            .unwrap();
        assert!(longest <= 8, "longest candidate list {longest}");
        // Primary 31 is indexed by its extended opcode.
        assert_eq!(dec.buckets[31].key_mask & 0x7fe, 0x7fe);
        // And it is fast: a million decodes well under a second even unoptimised.
        let t = std::time::Instant::now();
        let mut n = 0usize;
        for k in 0..1_000_000u32 {
            n += decode(0x7c00_0214 ^ (k << 11 & 0x03ff_f800)).is_some() as usize;
        }
        assert_eq!(n, 1_000_000);
        assert!(t.elapsed().as_secs_f64() < 2.0, "{:?}", t.elapsed());
    }
}
