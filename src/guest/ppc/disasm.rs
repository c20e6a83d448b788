//! PowerPC disassembly in the syntax of GNU `objdump -d` (binutils 2.40, its default
//! `-Mpower10` dialect): `r`/`f`-prefixed registers, the mnemonic padded to eight columns, and
//! objdump's choice of simplified mnemonics (`li`, `mr`, `slwi`, `beq cr7,...`, `bdnz+`, `blr`,
//! `mflr`, `cmpwi`, `crclr`, `hwsync`, `trap`, ...). Branch targets print as bare hex addresses
//! (objdump adds ` <symbol>` after them; we have no symbols).
//!
//! Rules follow what objdump prints, checked against it by the fixture test at the end; where
//! objdump's table has several names for one encoding (`bge`/`bnl`), the one it prints wins.
//! Words that do not decode print as `.long 0x...`, as objdump does.

use super::decode::{branch_kind, branch_name, decode, BranchOperands, Insn};
use super::insns::{variant, Op, Opd};

/// Disassembles `word` at `pc`. Addresses wrap at 32 bits while `pc` fits in 32 bits (a ppc32
/// guest), as objdump prints them for a 32-bit ELF.
pub fn disasm(word: u32, pc: u64) -> String {
    disasm_at(word, pc, pc > u32::MAX as u64)
}

/// Disassembles `word` at `pc` with 64-bit (`addr64`) or 32-bit address arithmetic.
pub fn disasm_at(word: u32, pc: u64, addr64: bool) -> String {
    match decode(word) {
        Some(insn) => Printer { insn, pc, addr64 }.print(),
        None => format!(".long 0x{word:x}"),
    }
}

/// Joins a mnemonic and operands the way objdump does: operands start at column 8 (at least one
/// blank), separated by commas.
fn line(mnemonic: &str, operands: &[String]) -> String {
    if operands.is_empty() {
        return mnemonic.to_string();
    }
    let mut s = String::with_capacity(32);
    s.push_str(mnemonic);
    let pad = 8usize.saturating_sub(mnemonic.len()).max(1);
    s.extend(std::iter::repeat_n(' ', pad));
    s.push_str(&operands.join(","));
    s
}

fn gpr(n: u32) -> String {
    format!("r{n}")
}
fn fpr(n: u32) -> String {
    format!("f{n}")
}
fn cr(n: u32) -> String {
    format!("cr{n}")
}
/// `RA|0`: the value zero when the field is 0.
fn gpr0(n: u32) -> String {
    if n == 0 {
        "0".to_string()
    } else {
        gpr(n)
    }
}
/// A condition-register bit: `4*cr7+eq`, or just `eq` in CR0.
fn crbit(n: u32) -> String {
    const NAMES: [&str; 4] = ["lt", "gt", "eq", "so"];
    let field = n >> 2;
    let name = NAMES[(n & 3) as usize];
    if field == 0 {
        name.to_string()
    } else {
        format!("4*cr{field}+{name}")
    }
}

/// Names of trap conditions (TO field) in objdump's order of preference.
fn trap_name(to: u32) -> Option<&'static str> {
    Some(match to {
        1 => "lgt",
        2 => "llt",
        4 => "eq",
        5 => "lge",
        6 => "lle",
        8 => "gt",
        12 => "ge",
        16 => "lt",
        20 => "le",
        24 => "ne",
        31 => "u",
        _ => return None,
    })
}

/// `mfspr` simplified mnemonics by SPR number (objdump's power10 table).
const MFSPR_NAMES: &[(u32, &str)] = &[
    (1, "mfxer"),
    (3, "mfudscr"),
    (4, "mfrtcu"),
    (5, "mfrtcl"),
    (8, "mflr"),
    (9, "mfctr"),
    (13, "mfuamr"),
    (17, "mfdscr"),
    (18, "mfdsisr"),
    (19, "mfdar"),
    (22, "mfdec"),
    (25, "mfsdr1"),
    (26, "mfsrr0"),
    (27, "mfsrr1"),
    (28, "mfcfar"),
    (29, "mfamr"),
    (48, "mfpidr"),
    (61, "mfiamr"),
    (136, "mfctrl"),
    (153, "mffscr"),
    (157, "mfuamor"),
    (159, "mfpspb"),
    (176, "mfdpdes"),
    (180, "mfdawr0"),
    (181, "mfdawr1"),
    (186, "mfrpr"),
    (187, "mfciabr"),
    (188, "mfdawrx0"),
    (189, "mfdawrx1"),
    (190, "mfhfscr"),
    (256, "mfvrsave"),
    (259, "mfusprg3"),
    (268, "mftb"),
    (269, "mftbu"),
    (280, "mfasr"),
    (282, "mfear"),
    (287, "mfpvr"),
    (304, "mfhsprg0"),
    (305, "mfhsprg1"),
    (306, "mfhdisr"),
    (307, "mfhdar"),
    (308, "mfspurr"),
    (309, "mfpurr"),
    (310, "mfhdec"),
    (313, "mfhrmor"),
    (314, "mfhsrr0"),
    (315, "mfhsrr1"),
    (318, "mflpcr"),
    (319, "mflpidr"),
    (336, "mfhmer"),
    (337, "mfhmeer"),
    (338, "mfpcr"),
    (339, "mfheir"),
    (349, "mfamor"),
    (446, "mftir"),
    (464, "mfptcr"),
    (496, "mfusprg0"),
    (497, "mfusprg1"),
    (505, "mfurmor"),
    (506, "mfusrr0"),
    (507, "mfusrr1"),
    (511, "mfsmfctrl"),
    (736, "mfusier2"),
    (737, "mfusier3"),
    (738, "mfummcr3"),
    (768, "mfusier"),
    (769, "mfummcr2"),
    (770, "mfummcra"),
    (771, "mfupmc1"),
    (772, "mfupmc2"),
    (773, "mfupmc3"),
    (774, "mfupmc4"),
    (775, "mfupmc5"),
    (776, "mfupmc6"),
    (779, "mfummcr0"),
    (780, "mfusiar"),
    (781, "mfusdar"),
    (782, "mfummcr1"),
    (800, "mfbescrs"),
    (801, "mfbescrsu"),
    (802, "mfbescrr"),
    (803, "mfbescrru"),
    (804, "mfebbhr"),
    (805, "mfebbrr"),
    (806, "mfbescr"),
    (815, "mftar"),
    (816, "mfasdr"),
    (823, "mfpsscr"),
    (848, "mfic"),
    (849, "mfvtb"),
    (855, "mfhpsscr"),
    (896, "mfppr"),
    (898, "mfppr32"),
    (1023, "mfpir"),
];

/// `mtspr` simplified mnemonics by SPR number.
const MTSPR_NAMES: &[(u32, &str)] = &[
    (1, "mtxer"),
    (3, "mtudscr"),
    (8, "mtlr"),
    (9, "mtctr"),
    (13, "mtuamr"),
    (17, "mtdscr"),
    (18, "mtdsisr"),
    (19, "mtdar"),
    (20, "mtrtcu"),
    (21, "mtrtcl"),
    (22, "mtdec"),
    (25, "mtsdr1"),
    (26, "mtsrr0"),
    (27, "mtsrr1"),
    (28, "mtcfar"),
    (29, "mtamr"),
    (48, "mtpidr"),
    (61, "mtiamr"),
    (128, "mttfhar"),
    (129, "mttfiar"),
    (130, "mttexasr"),
    (131, "mttexasru"),
    (152, "mtctrl"),
    (153, "mtfscr"),
    (157, "mtuamor"),
    (159, "mtpspb"),
    (176, "mtdpdes"),
    (180, "mtdawr0"),
    (181, "mtdawr1"),
    (186, "mtrpr"),
    (187, "mtciabr"),
    (188, "mtdawrx0"),
    (189, "mtdawrx1"),
    (190, "mthfscr"),
    (256, "mtvrsave"),
    (280, "mtasr"),
    (282, "mtear"),
    (284, "mttbl"),
    (285, "mttbu"),
    (286, "mttbu40"),
    (304, "mthsprg0"),
    (305, "mthsprg1"),
    (306, "mthdisr"),
    (307, "mthdar"),
    (308, "mtspurr"),
    (309, "mtpurr"),
    (310, "mthdec"),
    (313, "mthrmor"),
    (314, "mthsrr0"),
    (315, "mthsrr1"),
    (318, "mtlpcr"),
    (319, "mtlpidr"),
    (336, "mthmer"),
    (337, "mthmeer"),
    (338, "mtpcr"),
    (339, "mtheir"),
    (349, "mtamor"),
    (464, "mtptcr"),
    (496, "mtusprg0"),
    (497, "mtusprg1"),
    (505, "mturmor"),
    (506, "mtusrr0"),
    (507, "mtusrr1"),
    (511, "mtsmfctrl"),
    (752, "mtsier2"),
    (753, "mtsier3"),
    (754, "mtmmcr3"),
    (769, "mtummcr2"),
    (770, "mtummcra"),
    (771, "mtupmc1"),
    (772, "mtupmc2"),
    (773, "mtupmc3"),
    (774, "mtupmc4"),
    (775, "mtupmc5"),
    (776, "mtupmc6"),
    (779, "mtummcr0"),
    (784, "mtsier"),
    (786, "mtmmcra"),
    (787, "mtpmc1"),
    (788, "mtpmc2"),
    (789, "mtpmc3"),
    (790, "mtpmc4"),
    (791, "mtpmc5"),
    (792, "mtpmc6"),
    (795, "mtmmcr0"),
    (796, "mtsiar"),
    (797, "mtsdar"),
    (798, "mtmmcr1"),
    (800, "mtbescrs"),
    (801, "mtbescrsu"),
    (802, "mtbescrr"),
    (803, "mtbescrru"),
    (804, "mtebbhr"),
    (805, "mtebbrr"),
    (806, "mtbescr"),
    (815, "mttar"),
    (816, "mtasdr"),
    (823, "mtpsscr"),
    (848, "mtic"),
    (849, "mtvtb"),
    (855, "mthpsscr"),
    (896, "mtppr"),
    (898, "mtppr32"),
];

fn spr_name(table: &[(u32, &'static str)], spr: u32) -> Option<&'static str> {
    table
        .binary_search_by_key(&spr, |e| e.0)
        .ok()
        .map(|i| table[i].1)
}

struct Printer {
    insn: Insn,
    pc: u64,
    addr64: bool,
}

impl Printer {
    fn addr(&self, a: u64) -> String {
        let a = if self.addr64 { a } else { a & 0xffff_ffff };
        format!("{a:x}")
    }

    /// Suffixes of the variant bits set in the word: `o`, `.`, `l`, `a`.
    fn suffix(&self) -> String {
        let v = self.insn.def().variants;
        let w = self.insn.word;
        let mut s = String::new();
        if v & variant::OE != 0 && w & (1 << 10) != 0 {
            s.push('o');
        }
        if v & variant::RC != 0 && w & 1 != 0 {
            s.push('.');
        }
        if v & variant::LK != 0 && w & 1 != 0 {
            s.push('l');
        }
        if v & variant::AA != 0 && w & 2 != 0 {
            s.push('a');
        }
        s
    }

    /// An operand as objdump prints it.
    fn operand(&self, o: Opd) -> String {
        let i = self.insn;
        let w = i.word;
        match o {
            Opd::Rt | Opd::Rs => gpr(i.rt()),
            Opd::Ra => gpr(i.ra()),
            Opd::Ra0 => gpr0(i.ra()),
            Opd::Rb => gpr(i.rb()),
            Opd::Rc => gpr(i.rc_reg()),
            Opd::Frt | Opd::Frs => fpr(i.frt()),
            Opd::Fra => fpr(i.fra()),
            Opd::Frb => fpr(i.frb()),
            Opd::Frc => fpr(i.frc()),
            Opd::Si => i.si().to_string(),
            Opd::Ui => i.ui().to_string(),
            Opd::Disp => format!("{}({})", i.d(), gpr0(i.ra())),
            Opd::DispDs => format!("{}({})", i.ds(), gpr0(i.ra())),
            Opd::DispDq => format!("{}({})", i.dq(), gpr0(i.ra())),
            Opd::Bf => cr(i.crfd()),
            Opd::Bfa => cr(i.crfs()),
            Opd::Bt => crbit(i.crbt()),
            Opd::Ba => crbit(i.crba()),
            Opd::Bb => crbit(i.crbb()),
            Opd::Bc => crbit(i.crbc()),
            Opd::Bi => crbit(i.bi()),
            Opd::Target => {
                let t = i.branch_target(self.pc);
                if i.aa() {
                    format!("{:x}", t & 0xffff_ffff)
                } else {
                    self.addr(t)
                }
            }
            Opd::Bo | Opd::To | Opd::Btf | Opd::Ct => i.rt().to_string(),
            Opd::Bh => i.bh().to_string(),
            Opd::Sh => i.sh().to_string(),
            Opd::Mb => i.mb().to_string(),
            Opd::Me => i.me().to_string(),
            Opd::Sh6 => i.sh6().to_string(),
            Opd::Mb6 => i.mb6().to_string(),
            Opd::Nb => i.nb_bytes().to_string(),
            Opd::Spr | Opd::Tbr => i.spr().to_string(),
            Opd::Fxm => i.fxm().to_string(),
            Opd::L | Opd::HtmR | Opd::TsrL => ((w >> 21) & 1).to_string(),
            Opd::Eh => (w & 1).to_string(),
            Opd::Lev | Opd::SvcLev => i.lev().to_string(),
            Opd::L3 | Opd::SyncL => i.l3().to_string(),
            Opd::SyncSc => ((w >> 16) & 3).to_string(),
            Opd::Flm => i.flm().to_string(),
            Opd::MtfsfL => (i.mtfsf_l() as u32).to_string(),
            Opd::W => (i.w() as u32).to_string(),
            Opd::Bff => i.crfd().to_string(),
            Opd::U => i.u().to_string(),
            Opd::Drm => i.drm().to_string(),
            Opd::Rm => i.rm().to_string(),
            Opd::Lrand => ((w >> 16) & 3).to_string(),
            Opd::Dx => i.dx().to_string(),
            Opd::HtmA => ((w >> 25) & 1).to_string(),
            Opd::Cy => ((w >> 9) & 3).to_string(),
            Opd::Fc => i.rb().to_string(),
            Opd::DispHash => {
                let dw = (((w & 1) << 8) | ((w >> 18) & 0xf8)) as i32 - 512;
                format!("{dw}({})", gpr0(i.ra()))
            }
            Opd::HtmSi => ((((w >> 11) & 0x1f) as i32) << 27 >> 27).to_string(),
        }
    }

    /// The default of an optional operand (objdump leaves a run of trailing optional operands
    /// out when they all have their defaults); `None` for operands that always print.
    fn optional_default(o: Opd) -> Option<u32> {
        match o {
            Opd::Bh
            | Opd::Eh
            | Opd::Ct
            | Opd::Lev
            | Opd::L3
            | Opd::SyncL
            | Opd::SyncSc
            | Opd::MtfsfL
            | Opd::W
            | Opd::HtmR
            | Opd::HtmA => Some(0),
            Opd::Tbr => Some(268),
            _ => None,
        }
    }

    fn raw_value(&self, o: Opd) -> u32 {
        let i = self.insn;
        match o {
            Opd::Tbr => i.spr(),
            Opd::Bh => i.bh(),
            Opd::Lev => i.lev(),
            Opd::L3 | Opd::SyncL => i.l3(),
            Opd::SyncSc => (i.word >> 16) & 3,
            Opd::MtfsfL => i.mtfsf_l() as u32,
            Opd::W => i.w() as u32,
            Opd::HtmR => (i.word >> 21) & 1,
            Opd::HtmA => (i.word >> 25) & 1,
            Opd::Eh => i.word & 1,
            Opd::Ct => i.rt(),
            _ => 0,
        }
    }

    /// Operands of a list, leaving out optional ones when they and every later optional one
    /// hold their defaults.
    fn operands(&self, ops: &[Opd]) -> Vec<String> {
        let mut out = Vec::with_capacity(ops.len());
        for (k, &o) in ops.iter().enumerate() {
            if Self::optional_default(o).is_some() {
                let all_default = ops[k..].iter().all(|&later| {
                    Self::optional_default(later).is_none_or(|d| self.raw_value(later) == d)
                });
                if all_default {
                    continue;
                }
            }
            out.push(self.operand(o));
        }
        out
    }

    fn print(&self) -> String {
        if let Some(s) = self.simplified() {
            return s;
        }
        let d = self.insn.def();
        let mnemonic = format!("{}{}", d.mnemonic, self.suffix());
        line(&mnemonic, &self.operands(d.operands))
    }

    /// A simplified mnemonic objdump prefers for this encoding, with the variant suffixes.
    fn named(&self, base: &str, ops: &[Opd]) -> String {
        line(&format!("{base}{}", self.suffix()), &self.operands(ops))
    }

    /// Like [`Self::named`] with operands already formatted.
    fn named_with(&self, base: &str, ops: Vec<String>) -> String {
        line(&format!("{base}{}", self.suffix()), &ops)
    }

    /// An optional `crN` operand that objdump leaves out for CR0.
    fn opt_cr(&self, field: u32, rest: Vec<String>) -> Vec<String> {
        let mut v = Vec::with_capacity(rest.len() + 1);
        if field != 0 {
            v.push(cr(field));
        }
        v.extend(rest);
        v
    }

    fn simplified(&self) -> Option<String> {
        let i = self.insn;
        let w = i.word;
        let op = |o: Opd| self.operand(o);
        Some(match i.op {
            Op::Twi | Op::Tdi => {
                let name = trap_name(i.to())?;
                let base = if i.op == Op::Twi { "tw" } else { "td" };
                line(&format!("{base}{name}i"), &[op(Opd::Ra), op(Opd::Si)])
            }
            Op::Tw if w == 0x7fe0_0008 => "trap".to_string(),
            Op::Tw | Op::Td => {
                let name = trap_name(i.to())?;
                let base = if i.op == Op::Tw { "tw" } else { "td" };
                line(&format!("{base}{name}"), &[op(Opd::Ra), op(Opd::Rb)])
            }
            Op::Cmpli | Op::Cmpi | Op::Cmp | Op::Cmpl => {
                let (base, last) = match i.op {
                    Op::Cmpli => ("cmpl", Opd::Ui),
                    Op::Cmpi => ("cmp", Opd::Si),
                    Op::Cmp => ("cmp", Opd::Rb),
                    _ => ("cmpl", Opd::Rb),
                };
                let imm = if matches!(i.op, Op::Cmpli | Op::Cmpi) {
                    "i"
                } else {
                    ""
                };
                let size = if i.l() { "d" } else { "w" };
                let ops = self.opt_cr(i.crfd(), vec![op(Opd::Ra), op(last)]);
                line(&format!("{base}{size}{imm}"), &ops)
            }
            Op::Addi if i.ra() == 0 => line("li", &[op(Opd::Rt), op(Opd::Si)]),
            Op::Addis if i.ra() == 0 => line("lis", &[op(Opd::Rt), op(Opd::Si)]),
            Op::Ori if w == 0x6000_0000 => "nop".to_string(),
            Op::Ori if w == 0x63ff_0000 => "exser".to_string(),
            Op::Xori if w == 0x6800_0000 => "xnop".to_string(),
            Op::Rlwinm => {
                let (sh, mb, me) = (i.sh(), i.mb(), i.me());
                if mb == 0 && me == 31 {
                    self.named("rotlwi", &[Opd::Ra, Opd::Rs, Opd::Sh])
                } else if sh == 0 && me == 31 {
                    self.named("clrlwi", &[Opd::Ra, Opd::Rs, Opd::Mb])
                } else if sh == 0 && mb == 0 {
                    self.named_with(
                        "clrrwi",
                        vec![op(Opd::Ra), op(Opd::Rs), (31 - me).to_string()],
                    )
                } else if mb == 0 && sh == 31 - me {
                    self.named("slwi", &[Opd::Ra, Opd::Rs, Opd::Sh])
                } else if me == 31 && (32 - sh) & 31 == mb {
                    self.named_with("srwi", vec![op(Opd::Ra), op(Opd::Rs), mb.to_string()])
                } else {
                    return None;
                }
            }
            Op::Rlwnm if i.mb() == 0 && i.me() == 31 => {
                self.named("rotlw", &[Opd::Ra, Opd::Rs, Opd::Rb])
            }
            Op::Rldicl => {
                let (sh, mb) = (i.sh6(), i.mb6());
                if mb == 0 {
                    self.named("rotldi", &[Opd::Ra, Opd::Rs, Opd::Sh6])
                } else if sh == 0 {
                    self.named("clrldi", &[Opd::Ra, Opd::Rs, Opd::Mb6])
                } else if (64 - sh) & 63 == mb {
                    self.named_with("srdi", vec![op(Opd::Ra), op(Opd::Rs), mb.to_string()])
                } else {
                    return None;
                }
            }
            Op::Rldicr => {
                let (sh, me) = (i.sh6(), i.me6());
                if sh == 0 {
                    self.named_with(
                        "clrrdi",
                        vec![op(Opd::Ra), op(Opd::Rs), (63 - me).to_string()],
                    )
                } else if me == 63 - sh {
                    self.named("sldi", &[Opd::Ra, Opd::Rs, Opd::Sh6])
                } else {
                    return None;
                }
            }
            Op::Rldcl if i.mb6() == 0 => self.named("rotld", &[Opd::Ra, Opd::Rs, Opd::Rb]),
            Op::Isel if i.crbc() < 3 && w & 1 == 0 => {
                let name = ["isellt", "iselgt", "iseleq"][i.crbc() as usize];
                line(name, &[op(Opd::Rt), op(Opd::Ra0), op(Opd::Rb)])
            }
            Op::Mtcrf if i.fxm() == 0xff => line("mtcr", &[op(Opd::Rs)]),
            Op::Nor if i.rs() == i.rb() => self.named("not", &[Opd::Ra, Opd::Rs]),
            Op::Or => match w {
                0x7f5a_d378 => "miso".to_string(),
                0x7f7b_db78 => "yield".to_string(),
                0x7fbd_eb78 => "mdoio".to_string(),
                0x7fde_f378 => "mdoom".to_string(),
                _ if i.rs() == i.rb() => self.named("mr", &[Opd::Ra, Opd::Rs]),
                _ => return None,
            },
            Op::Crnor if i.crba() == i.crbb() => line("crnot", &[op(Opd::Bt), op(Opd::Ba)]),
            Op::Cror if i.crba() == i.crbb() => line("crmove", &[op(Opd::Bt), op(Opd::Ba)]),
            Op::Crxor if i.crbt() == i.crba() && i.crba() == i.crbb() => {
                line("crclr", &[op(Opd::Bt)])
            }
            Op::Creqv if i.crbt() == i.crba() && i.crba() == i.crbb() => {
                line("crset", &[op(Opd::Bt)])
            }
            Op::Mfspr => self.mfspr()?,
            Op::Mtspr => self.mtspr()?,
            Op::Mftb => line(
                if i.tbr() == 269 { "mftbu" } else { "mftb" },
                &[op(Opd::Rt)],
            ),
            Op::Sync => match (i.l3(), (w >> 16) & 3) {
                (0, 0) => "hwsync".to_string(),
                (1, 0) => "lwsync".to_string(),
                (2, 0) => "ptesync".to_string(),
                (4, 0) => "phwsync".to_string(),
                (5, 0) => "plwsync".to_string(),
                (1, 1) => "stncisync".to_string(),
                (0, 2) => "stcisync".to_string(),
                (0, 3) => "stsync".to_string(),
                _ => return None,
            },
            Op::Dcbf => {
                let name = match i.l3() {
                    1 => "dcbfl",
                    3 => "dcbflp",
                    4 => "dcbfps",
                    6 => "dcbstps",
                    _ => return None,
                };
                line(name, &[op(Opd::Ra0), op(Opd::Rb)])
            }
            Op::Dcbt | Op::Dcbtst => {
                let base = if i.op == Op::Dcbt { "dcbt" } else { "dcbtst" };
                let th = i.th();
                let mut ops = vec![op(Opd::Ra0), op(Opd::Rb)];
                let name = match th {
                    0..=7 => {
                        if th != 0 {
                            ops.push(th.to_string());
                        }
                        format!("{base}ct")
                    }
                    8..=15 => {
                        if th != 8 {
                            ops.push(th.to_string());
                        }
                        format!("{base}ds")
                    }
                    16 => format!("{base}t"),
                    17 if i.op == Op::Dcbt => "dcbna".to_string(),
                    _ => return None,
                };
                line(&name, &ops)
            }
            Op::TendDot if w & (1 << 25) != 0 => "tendall.".to_string(),
            Op::TsrDot => if w & (1 << 21) != 0 {
                "tresume."
            } else {
                "tsuspend."
            }
            .to_string(),
            Op::Addpcis if i.dx() == 0 => line("lnia", &[op(Opd::Rt)]),
            Op::Bc | Op::Bclr | Op::Bcctr | Op::Bctar => self.branch(),
            _ => return None,
        })
    }

    fn mfspr(&self) -> Option<String> {
        let i = self.insn;
        let spr = i.spr();
        let rt = gpr(i.rt());
        if (272..=275).contains(&spr) {
            return Some(line("mfsprg", &[rt, (spr - 272).to_string()]));
        }
        if let Some(name) = bat_name(spr) {
            return Some(line(
                &format!("mf{name}"),
                &[rt, ((spr >> 1) & 3).to_string()],
            ));
        }
        spr_name(MFSPR_NAMES, spr).map(|name| line(name, &[rt]))
    }

    fn mtspr(&self) -> Option<String> {
        let i = self.insn;
        let spr = i.spr();
        let rs = gpr(i.rs());
        if (272..=275).contains(&spr) {
            return Some(line("mtsprg", &[(spr - 272).to_string(), rs]));
        }
        if let Some(name) = bat_name(spr) {
            return Some(line(
                &format!("mt{name}"),
                &[((spr >> 1) & 3).to_string(), rs],
            ));
        }
        spr_name(MTSPR_NAMES, spr).map(|name| line(name, &[rs]))
    }

    /// Conditional branches (B and XL forms), named as binutils names them.
    fn branch(&self) -> String {
        let i = self.insn;
        let (bo, bi) = (i.bo(), i.bi());
        let kind = branch_kind(i.word);
        // objdump has no name for the BO values older ISAs reserved: it prints `.long`.
        let Some((stem, hint, operands)) = branch_name(kind, bo, bi) else {
            return format!(".long 0x{:x}", i.word);
        };
        let (reg, mut ops) = match self.insn.op {
            Op::Bc => ("", vec![self.operand(Opd::Target)]),
            Op::Bclr => ("lr", vec![]),
            Op::Bcctr => ("ctr", vec![]),
            _ => ("tar", vec![]),
        };
        let lk_aa = format!(
            "{}{}",
            if i.lk() { "l" } else { "" },
            if i.op == Op::Bc && i.aa() { "a" } else { "" }
        );
        let mut all = match operands {
            BranchOperands::None => vec![],
            BranchOperands::CrField => self.opt_cr(bi >> 2, vec![]),
            BranchOperands::CrBit => vec![crbit(bi)],
            BranchOperands::Full => vec![bo.to_string(), crbit(bi)],
        };
        all.append(&mut ops);
        if i.op != Op::Bc && i.bh() != 0 {
            all.push(i.bh().to_string());
        }
        line(&format!("{stem}{reg}{lk_aa}{hint}"), &all)
    }
}

/// The BAT register pair an SPR number belongs to (`ibatu`, ...), for SPRs 528..543.
fn bat_name(spr: u32) -> Option<&'static str> {
    if !(528..544).contains(&spr) {
        return None;
    }
    Some(match (spr >= 536, spr & 1) {
        (false, 0) => "ibatu",
        (false, _) => "ibatl",
        (true, 0) => "dbatu",
        (true, _) => "dbatl",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_forms() {
        let cases: &[(u32, u64, &str)] = &[
            (0x9421_fff0, 0x1000_0138, "stwu    r1,-16(r1)"),
            (0x7c08_02a6, 0, "mflr    r0"),
            (0x429f_0005, 0x1000_0148, "bcl     20,4*cr7+so,1000014c"),
            (0x2f80_0000, 0, "cmpwi   cr7,r0,0"),
            (0x41be_0008, 0x1000_0160, "beq     cr7,10000168"),
            (0x4bff_fe9d, 0x1000_0164, "bl      10000000"),
            (0x4e80_0020, 0, "blr"),
            (0x3920_0000, 0, "li      r9,0"),
            (0x7c09_e800, 0, "cmpw    r9,r29"),
            (0x7d20_f828, 0, "lwarx   r9,0,r31"),
            (0x7d2a_4851, 0, "subf.   r9,r10,r9"),
            (0x7d00_f92d, 0, "stwcx.  r8,0,r31"),
            (0x4c00_012c, 0, "isync"),
            (0x7fe3_fb78, 0, "mr      r3,r31"),
            (0x6000_0000, 0, "nop"),
            (0x7c00_04ac, 0, "hwsync"),
            (0x7c20_04ac, 0, "lwsync"),
            (0x7c68_1026, 0, ".long 0x7c681026"),
        ];
        for &(w, pc, text) in cases {
            assert_eq!(disasm(w, pc), text, "{w:08x}");
        }
    }

    #[test]
    fn spr_tables_are_sorted() {
        for t in [MFSPR_NAMES, MTSPR_NAMES] {
            assert!(t.windows(2).all(|p| p[0].0 < p[1].0));
        }
    }

    /// Compares with `objdump -d` on every line of the committed fixture (made by
    /// `testdata/gen_fixture.py`, which says how). Lines whose word we do not decode must be
    /// AltiVec/VSX/SPE/DFP or privileged (listed by primary opcode / mnemonic prefix).
    #[test]
    fn matches_objdump_fixture() {
        let text = include_str!("testdata/objdump.txt");
        let (mut total, mut matched, mut unknown) = (0, 0, 0);
        let mut unknown_names = std::collections::BTreeMap::<String, usize>::new();
        let mut bad = Vec::new();
        let (mut real_total, mut real_matched, mut synthesized) = (0, 0, false);
        for l in text.lines() {
            if l.starts_with("# 3-5") {
                synthesized = true;
            }
            if l.starts_with('#') || l.trim().is_empty() {
                continue;
            }
            // "10000138: 9421fff0  stwu    r1,-16(r1)"
            let (addr, rest) = l.split_once(": ").expect("address");
            let (word, expected) = rest.split_once("  ").expect("word");
            let (expected, other_dialect) = match expected.split_once("\t; ") {
                Some((text, _)) => (text, true),
                None => (expected, false),
            };
            let pc = u64::from_str_radix(addr, 16).unwrap();
            let word = u32::from_str_radix(word, 16).unwrap();
            total += 1;
            real_total += !synthesized as usize;
            let got = disasm(word, pc);
            if got == expected {
                matched += 1;
                real_matched += !synthesized as usize;
            } else if decode(word).is_none() && (other_dialect || unknown_allowed(word, expected)) {
                unknown += 1;
                let name = expected.split_whitespace().next().unwrap_or("").to_string();
                let key = if other_dialect {
                    format!("{name}(other dialect)")
                } else {
                    name
                };
                *unknown_names.entry(key).or_default() += 1;
            } else {
                bad.push(format!("{addr}: {word:08x}  want {expected:?} got {got:?}"));
            }
        }
        eprintln!(
            "objdump fixture: {matched}/{total} lines match ({:.2}%), {unknown} not decoded \
             (AltiVec/VSX/SPE/DFP/privileged), {} wrong",
            100.0 * matched as f64 / total as f64,
            bad.len()
        );
        eprintln!("of which real compiled code: {real_matched}/{real_total} match");
        let mut names: Vec<_> = unknown_names.into_iter().collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.1));
        let top: Vec<String> = names
            .iter()
            .take(40)
            .map(|(n, c)| format!("{n}:{c}"))
            .collect();
        eprintln!("most frequent undecoded: {}", top.join(" "));
        assert!(
            bad.is_empty(),
            "{} mismatches:\n{}",
            bad.len(),
            bad[..bad.len().min(60)].join("\n")
        );
    }

    /// Words we may leave undecoded: vector, SPE, decimal FP, privileged and other
    /// non-user-level instructions objdump still names.
    fn unknown_allowed(word: u32, expected: &str) -> bool {
        let primary = word >> 26;
        let mnemonic = expected.split_whitespace().next().unwrap_or("");
        const OTHER: &[&str] = &[
            "mfmsr",
            "mtmsr",
            "mtmsrd",
            "rfi",
            "rfid",
            "hrfid",
            "tlbie",
            "tlbiel",
            "tlbsync",
            "slbie",
            "slbia",
            "slbmte",
            "mtsr",
            "mfsr",
            "mtsrin",
            "mfsrin",
            "dcbi",
            "wait",
            "dcbzl",
            "eciwx",
            "ecowx",
            "mfbhrbe",
            "clrbhrb",
            "icswx",
            "icswx.",
            "hashstp",
            "hashchkp",
            "lbzcix",
            "lhzcix",
            "lwzcix",
            "ldcix",
            "stbcix",
            "sthcix",
            "stwcix",
            "stdcix",
            "pbt.",
            "msgsnd",
            "msgclr",
            "msgsndp",
            "msgclrp",
            "msgsndu",
            "msgclru",
            "msgsync",
            "slbmfev",
            "slbmfee",
            "slbfee.",
            "slbiag",
            "slbieg",
            "slbsync",
            "tlbia",
            "tlbld",
            "tlbli",
            "copy",
            "paste.",
            "cpabort",
            "stop",
            "urfid",
            "rfscv",
            "rfebb",
            "rmieg",
            "treclaim.",
            "trechkpt.",
            "mtsle",
            "mtsrd",
            "mtsrdin",
            "waitrsv",
            "pause_short",
        ];
        matches!(primary, 0 | 1 | 4 | 5 | 6 | 9 | 22 | 57 | 60 | 61)
            || (matches!(primary, 59 | 63) && mnemonic.starts_with('d'))
            || mnemonic.starts_with('v')
            || mnemonic.starts_with("xs")
            || mnemonic.starts_with("xv")
            || mnemonic.starts_with("xx")
            || mnemonic.starts_with("lxv")
            || mnemonic.starts_with("stxv")
            || mnemonic.starts_with("lxs")
            || mnemonic.starts_with("stxs")
            || mnemonic.starts_with("mfvsr")
            || mnemonic.starts_with("mtvsr")
            || mnemonic.starts_with("mffpr")
            || mnemonic.starts_with("mtfpr")
            || mnemonic.starts_with("dst")
            || mnemonic.starts_with("dss")
            || mnemonic.starts_with("lv")
            || mnemonic.starts_with("stv")
            || OTHER.contains(&mnemonic)
    }
}
