//! The PowerPC instruction table: one row per instruction (not per Rc/OE/LK/AA variant).
//!
//! A row names the instruction, its primary opcode, its form (which fixes where the extended
//! opcode sits and how wide it is), the variant bits it accepts (`Rc`, `OE`, `LK`, `AA`), the
//! reserved fields that must be zero, any fixed sub-opcode bits (the `mffs` family keeps its
//! sub-opcode in the RA field), an invalid-form rule (updating loads with RA = 0 or RA = RT, ...)
//! and the operands in assembler order. From that every row gets one `(mask, value)` pair over
//! the whole word; [`super::decode`] buckets those pairs by primary opcode and the low eleven bits.
//!
//! Reserved fields follow binutils' disassembler (a word with a reserved bit set decodes as
//! nothing, like `objdump` prints `.long`), so the decoder accepts what `objdump` accepts for the
//! instructions listed here. Privileged instructions, decimal floating point, AltiVec, VSX and SPE
//! are not listed yet; AltiVec/VSX rows fit the same scheme (VX/VA/VC/XX forms keep their extended
//! opcodes inside the low eleven bits, which is what the buckets index).

use Opd::*;

/// Instruction layouts of the Power ISA (Book I, 1.6). The form decides where the extended opcode
/// lives; operands are listed per row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    I,
    B,
    SC,
    D,
    DS,
    DQ,
    DX,
    X,
    XL,
    XFX,
    XFL,
    XO,
    XS,
    A,
    M,
    MD,
    MDS,
    VA,
    Z23,
}

impl Form {
    /// `(shift, width)` of the extended opcode field; width 0 when the form has none.
    pub const fn xo_field(self) -> (u32, u32) {
        match self {
            Form::I | Form::B | Form::SC | Form::D | Form::DQ | Form::M => (0, 0),
            Form::DS => (0, 2),
            Form::DX | Form::A => (1, 5),
            Form::X | Form::XL | Form::XFX | Form::XFL => (1, 10),
            Form::XO => (1, 9),
            Form::XS => (2, 9),
            Form::MD => (2, 3),
            Form::MDS => (1, 4),
            Form::VA => (0, 6),
            Form::Z23 => (1, 8),
        }
    }

    /// Whether bit 0 (the least significant) is a variant bit (Rc or LK) in this form.
    const fn bit0_is_variant(self) -> bool {
        !matches!(
            self,
            Form::D | Form::DS | Form::DQ | Form::DX | Form::SC | Form::VA
        )
    }
}

/// Variant bits a row accepts; each set bit may be 0 or 1 in the word and adds a suffix.
pub mod variant {
    /// Record bit (bit 0): suffix `.`.
    pub const RC: u8 = 1;
    /// Overflow-enable (bit 10 of XO forms): suffix `o`.
    pub const OE: u8 = 2;
    /// Link (bit 0 of branches): suffix `l`.
    pub const LK: u8 = 4;
    /// Absolute address (bit 1 of I/B forms): suffix `a`.
    pub const AA: u8 = 8;
}

/// Masks of instruction fields, in the word's own bit numbering (bit 0 least significant).
pub mod field {
    pub const RT: u32 = 0x03e0_0000;
    pub const RA: u32 = 0x001f_0000;
    pub const RB: u32 = 0x0000_f800;
    pub const RC: u32 = 0x0000_07c0;
    pub const FXM: u32 = 0x000f_f000;
    pub const BIT0: u32 = 1;
    pub const BIT11: u32 = 1 << 11;
    pub const BIT20: u32 = 1 << 20;
    pub const BIT21: u32 = 1 << 21;
    pub const BIT22: u32 = 1 << 22;
}
use field::*;

/// Rules a word must satisfy beyond its mask ("invalid forms" in the ISA, which binutils
/// refuses to disassemble and QEMU treats as illegal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    None,
    /// Updating store / FP load: RA ≠ 0.
    RaNonzero,
    /// Updating integer load: RA ≠ 0 and RA ≠ RT.
    RaNonzeroNotRt,
    /// `lmw`: RA below RT (RA outside the loaded range).
    RaBelowRt,
    /// `lq`, `lswi`: RA ≠ RT.
    RaNotRt,
    /// `lswx`, `lqarx`: RA ≠ RT and RB ≠ RT.
    RaRbNotRt,
    /// `mfocrf`/`mtocrf`: exactly one FXM bit.
    OneFxmBit,
    /// `mftb`: TBR is 268 or 269.
    Tbr,
    /// `sync`: L is not 3, 6 or 7.
    SyncL,
    /// `dcbf`: L is not 2, 5 or 7.
    DcbfL,
    /// Conditional branches: a BO (and BI) that binutils gives a name, which takes in the
    /// pre-ISA-2.0 "y"-bit hints glibc's assembly still uses (`bgelr+` with BO = 0b00101).
    Branch,
}

/// Operands in assembler order, as `objdump` prints them for the base mnemonic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opd {
    /// GPR in the RT/RS field (bits 21..25).
    Rt,
    Rs,
    /// GPR in the RA field.
    Ra,
    /// RA field where 0 means the value zero: prints `0` instead of `r0`.
    Ra0,
    Rb,
    /// GPR in bits 6..10 (VA form).
    Rc,
    Frt,
    Frs,
    Fra,
    Frb,
    Frc,
    /// Signed 16-bit immediate.
    Si,
    /// Unsigned 16-bit immediate.
    Ui,
    /// `d(RA|0)`.
    Disp,
    /// `ds(RA|0)` (low two bits are the extended opcode).
    DispDs,
    /// `dq(RA|0)` (low four bits reserved).
    DispDq,
    /// CR field in bits 23..25, printed `crN`.
    Bf,
    /// CR field in bits 18..20, printed `crN`.
    Bfa,
    /// CR bits, printed `4*crN+eq`.
    Bt,
    Ba,
    Bb,
    Bc,
    Bi,
    Bo,
    /// Branch target (LI or BD, relative or absolute by AA), printed as an address.
    Target,
    /// Branch hint (bits 11..12); optional, omitted when 0.
    Bh,
    To,
    Sh,
    Mb,
    Me,
    /// 6-bit shift of MD/MDS/XS forms (split field).
    Sh6,
    /// 6-bit mask begin/end of MD/MDS forms (split field).
    Mb6,
    /// Byte count; 0 means 32.
    Nb,
    Spr,
    /// Time base register; optional, omitted when 268.
    Tbr,
    Fxm,
    /// L bit 21 of compares (printed as a number).
    L,
    /// Exclusive-access hint of larx (bit 0); optional.
    Eh,
    /// Touch hint (bits 21..25) of dcbt/dcbtst/icbt; optional.
    Ct,
    /// Level of `sc` (bits 5..11); optional.
    Lev,
    /// Level of `scv` (bits 5..11); always printed.
    SvcLev,
    /// L field of `dcbf` (bits 21..23); optional.
    L3,
    /// `sync` fields: L (bits 21..23) and SC (bits 16..17); both optional.
    SyncL,
    SyncSc,
    /// `mtfsf` FLM (bits 17..24), L (bit 25), W (bit 16); L and W optional.
    Flm,
    MtfsfL,
    W,
    /// `mtfsfi` BF (bits 23..25, plain number), U (bits 12..15).
    Bff,
    U,
    /// FPSCR bit of `mtfsb0/1` (bits 21..25).
    Btf,
    /// `mffscdrni` DRM (bits 11..13), `mffscrni` RM (bits 11..12).
    Drm,
    Rm,
    /// `darn` L (bits 16..17).
    Lrand,
    /// `addpcis` D (split over bits 0, 6..15, 16..20), signed.
    Dx,
    /// HTM operands: R (bit 21), A (bit 25), SI (bits 11..15, signed); R and A optional.
    HtmR,
    HtmA,
    HtmSi,
    /// `tsr.` L (bit 21).
    TsrL,
    /// `addex` carry select CY (bits 9..10).
    Cy,
    /// Function code of the atomic memory operations (bits 11..15).
    Fc,
    /// `hashst`/`hashchk` offset `dw(RA|0)`: -512 + 8 * (bit 0 : RT field).
    DispHash,
}

/// One instruction of the table.
#[derive(Clone, Copy, Debug)]
pub struct InsnDef {
    pub op: Op,
    /// Base mnemonic, without variant suffixes (but with the `.` of record-only forms such as
    /// `andi.` and `stwcx.`).
    pub mnemonic: &'static str,
    pub primary: u8,
    pub form: Form,
    /// Extended opcode (0 for forms without one).
    pub xo: u16,
    /// Accepted variant bits ([`variant`]).
    pub variants: u8,
    pub operands: &'static [Opd],
    /// Bits fixed by the row: `word & mask == value` for a word of this instruction.
    pub mask: u32,
    pub value: u32,
    pub check: Check,
    /// Works on doublewords, so only 64-bit implementations have it (`ld`, `rldicl`, `mulld`,
    /// `td`, ...); a ppc32 guest treats it as illegal. Newer 32-bit-safe instructions
    /// (`isel`, `setb`, `popcntw`, ...) are not flagged.
    pub only64: bool,
}

impl InsnDef {
    const fn new(
        mnemonic: &'static str,
        primary: u8,
        form: Form,
        xo: u16,
        ops: &'static [Opd],
    ) -> Self {
        let (shift, width) = form.xo_field();
        let xo_mask = ((1u32 << width) - 1) << shift;
        let mut mask = 0xfc00_0000 | xo_mask;
        if form.bit0_is_variant() {
            mask |= BIT0;
        }
        if matches!(form, Form::XO) {
            mask |= 1 << 10;
        }
        if matches!(form, Form::I | Form::B) {
            mask |= 2;
        }
        InsnDef {
            op: Op::Tdi,
            mnemonic,
            primary,
            form,
            xo,
            variants: 0,
            operands: ops,
            mask,
            value: ((primary as u32) << 26) | (((xo as u32) << shift) & xo_mask),
            check: Check::None,
            only64: false,
        }
    }
    const fn with_op(mut self, op: Op) -> Self {
        self.op = op;
        self
    }
    /// Accepts the record bit (`.` suffix).
    const fn rc(mut self) -> Self {
        self.variants |= variant::RC;
        self.mask &= !BIT0;
        self
    }
    /// Accepts the overflow-enable bit (`o` suffix).
    const fn oe(mut self) -> Self {
        self.variants |= variant::OE;
        self.mask &= !(1 << 10);
        self
    }
    const fn lk(mut self) -> Self {
        self.variants |= variant::LK;
        self.mask &= !BIT0;
        self
    }
    const fn aa(mut self) -> Self {
        self.variants |= variant::AA;
        self.mask &= !2;
        self
    }
    /// Fields that must be zero.
    const fn zero(mut self, m: u32) -> Self {
        self.mask |= m;
        self
    }
    /// Bits with a fixed value (`v` within `m`).
    const fn fixed(mut self, m: u32, v: u32) -> Self {
        self.mask |= m;
        self.value |= v & m;
        self
    }
    /// Bits the hardware ignores (reserved but not checked).
    const fn ignore(mut self, m: u32) -> Self {
        self.mask &= !m;
        self
    }
    const fn check(mut self, c: Check) -> Self {
        self.check = c;
        self
    }
    const fn x64(mut self) -> Self {
        self.only64 = true;
        self
    }
}

const fn d(mn: &'static str, primary: u8, ops: &'static [Opd]) -> InsnDef {
    InsnDef::new(mn, primary, Form::D, 0, ops)
}
const fn ds(mn: &'static str, primary: u8, xo: u16, ops: &'static [Opd]) -> InsnDef {
    InsnDef::new(mn, primary, Form::DS, xo, ops)
}
/// X form of primary opcode 31.
const fn x(mn: &'static str, xo: u16, ops: &'static [Opd]) -> InsnDef {
    InsnDef::new(mn, 31, Form::X, xo, ops)
}
/// XO form of primary opcode 31.
const fn xo(mn: &'static str, xo: u16, ops: &'static [Opd]) -> InsnDef {
    InsnDef::new(mn, 31, Form::XO, xo, ops)
}
const fn xl(mn: &'static str, xo: u16, ops: &'static [Opd]) -> InsnDef {
    InsnDef::new(mn, 19, Form::XL, xo, ops)
}
const fn xfx(mn: &'static str, xo: u16, ops: &'static [Opd]) -> InsnDef {
    InsnDef::new(mn, 31, Form::XFX, xo, ops)
}
/// X form of the floating-point primaries (59, 63).
const fn fx(mn: &'static str, primary: u8, xo: u16, ops: &'static [Opd]) -> InsnDef {
    InsnDef::new(mn, primary, Form::X, xo, ops)
}
const fn fa(mn: &'static str, primary: u8, xo: u16, ops: &'static [Opd]) -> InsnDef {
    InsnDef::new(mn, primary, Form::A, xo, ops)
}
const fn m(mn: &'static str, primary: u8, ops: &'static [Opd]) -> InsnDef {
    InsnDef::new(mn, primary, Form::M, 0, ops)
}
const fn md(mn: &'static str, xo: u16, ops: &'static [Opd]) -> InsnDef {
    InsnDef::new(mn, 30, Form::MD, xo, ops)
}
const fn mds(mn: &'static str, xo: u16, ops: &'static [Opd]) -> InsnDef {
    InsnDef::new(mn, 30, Form::MDS, xo, ops)
}
const fn xs(mn: &'static str, xo: u16, ops: &'static [Opd]) -> InsnDef {
    InsnDef::new(mn, 31, Form::XS, xo, ops)
}

/// Builds the `Op` enum and the table from one list so that `TABLE[op as usize].op == op`.
macro_rules! table {
    ($($op:ident: $row:expr;)*) => {
        /// One variant per instruction of [`TABLE`], in table order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Op { $($op,)* }

        /// The instruction table; `TABLE[op as usize]` describes `op`.
        pub static TABLE: &[InsnDef] = &[$($row.with_op(Op::$op),)*];
    };
}

const LOAD: &[Opd] = &[Rt, Disp];
const STORE: &[Opd] = &[Rs, Disp];
const FLOAD: &[Opd] = &[Frt, Disp];
const FSTORE: &[Opd] = &[Frs, Disp];
const LOADX: &[Opd] = &[Rt, Ra0, Rb];
const STOREX: &[Opd] = &[Rs, Ra0, Rb];
const FLOADX: &[Opd] = &[Frt, Ra0, Rb];
const FSTOREX: &[Opd] = &[Frs, Ra0, Rb];
const LARX: &[Opd] = &[Rt, Ra0, Rb, Eh];
const RT_RA_RB: &[Opd] = &[Rt, Ra, Rb];
const RT_RA: &[Opd] = &[Rt, Ra];
const RA_RS_RB: &[Opd] = &[Ra, Rs, Rb];
const RA_RS: &[Opd] = &[Ra, Rs];
const RA0_RB: &[Opd] = &[Ra0, Rb];
const TRAP: &[Opd] = &[To, Ra, Rb];
const TRAPI: &[Opd] = &[To, Ra, Si];
const CRLOG: &[Opd] = &[Bt, Ba, Bb];
const BRANCH_XL: &[Opd] = &[Bo, Bi, Bh];
const ROT_IMM: &[Opd] = &[Ra, Rs, Sh, Mb, Me];
const RLD_IMM: &[Opd] = &[Ra, Rs, Sh6, Mb6];
const RLD_REG: &[Opd] = &[Ra, Rs, Rb, Mb6];
const F3: &[Opd] = &[Frt, Fra, Frb];
const F2: &[Opd] = &[Frt, Frb];
const FMUL: &[Opd] = &[Frt, Fra, Frc];
const FMA: &[Opd] = &[Frt, Fra, Frc, Frb];
const FCMP: &[Opd] = &[Bf, Fra, Frb];
const CMP: &[Opd] = &[Bf, L, Ra, Rb];
const CR_FIELD: &[Opd] = &[Bf];
const VA4: &[Opd] = &[Rt, Ra, Rb, Rc];

/// FP A-form with FRC unused.
const FRC_ZERO: u32 = RC;
/// FP ops with one source (FRB): FRA (and FRC for A forms) unused.
const FRA_ZERO: u32 = RA;
/// BF field low bits 21, 22 (reserved in compares).
const BF_LOW: u32 = BIT21 | BIT22;

table! {
    // ---- primary opcodes without extended opcode ----
    Tdi: d("tdi", 2, TRAPI).x64();
    Twi: d("twi", 3, TRAPI);
    Mulli: d("mulli", 7, &[Rt, Ra, Si]);
    Subfic: d("subfic", 8, &[Rt, Ra, Si]);
    Cmpli: d("cmpli", 10, &[Bf, L, Ra, Ui]);
    Cmpi: d("cmpi", 11, &[Bf, L, Ra, Si]);
    Addic: d("addic", 12, &[Rt, Ra, Si]);
    AddicDot: d("addic.", 13, &[Rt, Ra, Si]);
    Addi: d("addi", 14, &[Rt, Ra0, Si]);
    Addis: d("addis", 15, &[Rt, Ra0, Si]);
    Bc: InsnDef::new("bc", 16, Form::B, 0, &[Bo, Bi, Target]).aa().lk().check(Check::Branch);
    Sc: InsnDef::new("sc", 17, Form::SC, 0, &[Lev]).fixed(RT | RA | 3, 2);
    Scv: InsnDef::new("scv", 17, Form::SC, 0, &[SvcLev]).fixed(RT | RA | 3, 1).x64();
    B: InsnDef::new("b", 18, Form::I, 0, &[Target]).aa().lk();
    Rlwimi: m("rlwimi", 20, ROT_IMM).rc();
    Rlwinm: m("rlwinm", 21, ROT_IMM).rc();
    Rlwnm: m("rlwnm", 23, &[Ra, Rs, Rb, Mb, Me]).rc();
    Ori: d("ori", 24, &[Ra, Rs, Ui]);
    Oris: d("oris", 25, &[Ra, Rs, Ui]);
    Xori: d("xori", 26, &[Ra, Rs, Ui]);
    Xoris: d("xoris", 27, &[Ra, Rs, Ui]);
    AndiDot: d("andi.", 28, &[Ra, Rs, Ui]);
    AndisDot: d("andis.", 29, &[Ra, Rs, Ui]);
    Lwz: d("lwz", 32, LOAD);
    Lwzu: d("lwzu", 33, LOAD).check(Check::RaNonzeroNotRt);
    Lbz: d("lbz", 34, LOAD);
    Lbzu: d("lbzu", 35, LOAD).check(Check::RaNonzeroNotRt);
    Stw: d("stw", 36, STORE);
    Stwu: d("stwu", 37, STORE).check(Check::RaNonzero);
    Stb: d("stb", 38, STORE);
    Stbu: d("stbu", 39, STORE).check(Check::RaNonzero);
    Lhz: d("lhz", 40, LOAD);
    Lhzu: d("lhzu", 41, LOAD).check(Check::RaNonzeroNotRt);
    Lha: d("lha", 42, LOAD);
    Lhau: d("lhau", 43, LOAD).check(Check::RaNonzeroNotRt);
    Sth: d("sth", 44, STORE);
    Sthu: d("sthu", 45, STORE).check(Check::RaNonzero);
    Lmw: d("lmw", 46, LOAD).check(Check::RaBelowRt);
    Stmw: d("stmw", 47, STORE);
    Lfs: d("lfs", 48, FLOAD);
    Lfsu: d("lfsu", 49, FLOAD).check(Check::RaNonzero);
    Lfd: d("lfd", 50, FLOAD);
    Lfdu: d("lfdu", 51, FLOAD).check(Check::RaNonzero);
    Stfs: d("stfs", 52, FSTORE);
    Stfsu: d("stfsu", 53, FSTORE).check(Check::RaNonzero);
    Stfd: d("stfd", 54, FSTORE);
    Stfdu: d("stfdu", 55, FSTORE).check(Check::RaNonzero);
    Lq: InsnDef::new("lq", 56, Form::DQ, 0, &[Rt, DispDq]).zero(BIT21).check(Check::RaNotRt).x64();
    Ld: ds("ld", 58, 0, &[Rt, DispDs]).x64();
    Ldu: ds("ldu", 58, 1, &[Rt, DispDs]).check(Check::RaNonzeroNotRt).x64();
    Lwa: ds("lwa", 58, 2, &[Rt, DispDs]).x64();
    Std: ds("std", 62, 0, &[Rs, DispDs]).x64();
    Stdu: ds("stdu", 62, 1, &[Rs, DispDs]).check(Check::RaNonzero).x64();
    Stq: ds("stq", 62, 2, &[Rs, DispDs]).zero(BIT21).x64();

    // ---- primary 4: the fixed-point VA forms of ISA 3.0 (the rest of 4 is AltiVec) ----
    Maddhd: InsnDef::new("maddhd", 4, Form::VA, 48, VA4).x64();
    Maddhdu: InsnDef::new("maddhdu", 4, Form::VA, 49, VA4).x64();
    Maddld: InsnDef::new("maddld", 4, Form::VA, 51, VA4).x64();

    // ---- primary 19: branch to register, CR logic, isync, addpcis ----
    Mcrf: xl("mcrf", 0, &[Bf, Bfa]).zero(BF_LOW | 0x0003_0000 | RB);
    Addpcis: InsnDef::new("addpcis", 19, Form::DX, 2, &[Rt, Dx]);
    Bclr: xl("bclr", 16, BRANCH_XL).lk().zero(0x0000_e000).check(Check::Branch);
    Crnor: xl("crnor", 33, CRLOG);
    Crandc: xl("crandc", 129, CRLOG);
    Isync: xl("isync", 150, &[]).zero(RT | RA | RB);
    Crxor: xl("crxor", 193, CRLOG);
    Crnand: xl("crnand", 225, CRLOG);
    Crand: xl("crand", 257, CRLOG);
    Creqv: xl("creqv", 289, CRLOG);
    Crorc: xl("crorc", 417, CRLOG);
    Cror: xl("cror", 449, CRLOG);
    Bcctr: xl("bcctr", 528, BRANCH_XL).lk().zero(0x0000_e000).check(Check::Branch);
    Bctar: xl("bctar", 560, BRANCH_XL).lk().zero(0x0000_e000).check(Check::Branch);

    // ---- primary 30: 64-bit rotates ----
    Rldicl: md("rldicl", 0, RLD_IMM).rc().x64();
    Rldicr: md("rldicr", 1, RLD_IMM).rc().x64();
    Rldic: md("rldic", 2, RLD_IMM).rc().x64();
    Rldimi: md("rldimi", 3, RLD_IMM).rc().x64();
    Rldcl: mds("rldcl", 8, RLD_REG).rc().x64();
    Rldcr: mds("rldcr", 9, RLD_REG).rc().x64();

    // ---- primary 31 ----
    Cmp: x("cmp", 0, CMP).zero(BIT22);
    Tw: x("tw", 4, TRAP);
    Subfc: xo("subfc", 8, RT_RA_RB).oe().rc();
    Mulhdu: xo("mulhdu", 9, RT_RA_RB).rc().x64();
    Addc: xo("addc", 10, RT_RA_RB).oe().rc();
    Mulhwu: xo("mulhwu", 11, RT_RA_RB).rc();
    Isel: InsnDef::new("isel", 31, Form::A, 15, &[Rt, Ra0, Rb, Bc]).ignore(BIT0);
    Mfcr: xfx("mfcr", 19, &[Rt]).fixed(BIT20, 0).zero(FXM | BIT11);
    Mfocrf: xfx("mfocrf", 19, &[Rt, Fxm]).fixed(BIT20, BIT20).zero(BIT11).check(Check::OneFxmBit);
    Lwarx: x("lwarx", 20, LARX).ignore(BIT0);
    Ldx: x("ldx", 21, LOADX).x64();
    Icbt: x("icbt", 22, &[Ct, Ra0, Rb]);
    Lwzx: x("lwzx", 23, LOADX);
    Slw: x("slw", 24, RA_RS_RB).rc();
    Cntlzw: x("cntlzw", 26, RA_RS).rc().zero(RB);
    Sld: x("sld", 27, RA_RS_RB).rc().x64();
    And: x("and", 28, RA_RS_RB).rc();
    Cmpl: x("cmpl", 32, CMP).zero(BIT22);
    Cntlzdm: x("cntlzdm", 59, RA_RS_RB).x64();
    Subf: xo("subf", 40, RT_RA_RB).oe().rc();
    Lbarx: x("lbarx", 52, LARX).ignore(BIT0);
    Ldux: x("ldux", 53, LOADX).check(Check::RaNonzeroNotRt).x64();
    Dcbst: x("dcbst", 54, RA0_RB).zero(RT);
    Lwzux: x("lwzux", 55, LOADX).check(Check::RaNonzeroNotRt);
    Cntlzd: x("cntlzd", 58, RA_RS).rc().zero(RB).x64();
    Andc: x("andc", 60, RA_RS_RB).rc();
    Td: x("td", 68, TRAP).x64();
    Mulhd: xo("mulhd", 73, RT_RA_RB).rc().x64();
    Mulhw: xo("mulhw", 75, RT_RA_RB).rc();
    Ldarx: x("ldarx", 84, LARX).ignore(BIT0).x64();
    Dcbf: x("dcbf", 86, &[Ra0, Rb, L3]).zero(0x0300_0000).check(Check::DcbfL);
    Lbzx: x("lbzx", 87, LOADX);
    Neg: xo("neg", 104, RT_RA).oe().rc().zero(RB);
    Addg6s: xo("addg6s", 74, RT_RA_RB);
    Lharx: x("lharx", 116, LARX).ignore(BIT0);
    Lbzux: x("lbzux", 119, LOADX).check(Check::RaNonzeroNotRt);
    Popcntb: x("popcntb", 122, RA_RS).zero(RB);
    Nor: x("nor", 124, RA_RS_RB).rc();
    Setb: x("setb", 128, &[Rt, Bfa]).zero(0x0003_0000 | RB);
    Subfe: xo("subfe", 136, RT_RA_RB).oe().rc();
    Adde: xo("adde", 138, RT_RA_RB).oe().rc();
    Mtcrf: xfx("mtcrf", 144, &[Fxm, Rs]).fixed(BIT20, 0).zero(BIT11);
    Mtocrf: xfx("mtocrf", 144, &[Fxm, Rs]).fixed(BIT20, BIT20).zero(BIT11).check(Check::OneFxmBit);
    Stdx: x("stdx", 149, STOREX).x64();
    StwcxDot: x("stwcx.", 150, STOREX).fixed(BIT0, 1);
    Stwx: x("stwx", 151, STOREX);
    Prtyw: x("prtyw", 154, RA_RS).zero(RB);
    Brw: x("brw", 155, RA_RS).zero(RB);
    Pdepd: x("pdepd", 156, RA_RS_RB).x64();
    Stdux: x("stdux", 181, STOREX).check(Check::RaNonzero).x64();
    StqcxDot: x("stqcx.", 182, STOREX).fixed(BIT0, 1).zero(BIT21).x64();
    Stwux: x("stwux", 183, STOREX).check(Check::RaNonzero);
    Prtyd: x("prtyd", 186, RA_RS).zero(RB).x64();
    Brd: x("brd", 187, RA_RS).zero(RB).x64();
    Pextd: x("pextd", 188, RA_RS_RB).x64();
    Addex: InsnDef::new("addex", 31, Form::Z23, 170, &[Rt, Ra, Rb, Cy]);
    Cmprb: x("cmprb", 192, CMP).zero(BIT22);
    Subfze: xo("subfze", 200, RT_RA).oe().rc().zero(RB);
    Addze: xo("addze", 202, RT_RA).oe().rc().zero(RB);
    StdcxDot: x("stdcx.", 214, STOREX).fixed(BIT0, 1).x64();
    Stbx: x("stbx", 215, STOREX);
    Brh: x("brh", 219, RA_RS).zero(RB);
    Cfuged: x("cfuged", 220, RA_RS_RB).x64();
    Cmpeqb: x("cmpeqb", 224, &[Bf, Ra, Rb]).zero(BF_LOW);
    Subfme: xo("subfme", 232, RT_RA).oe().rc().zero(RB);
    Mulld: xo("mulld", 233, RT_RA_RB).oe().rc().x64();
    Addme: xo("addme", 234, RT_RA).oe().rc().zero(RB);
    Mullw: xo("mullw", 235, RT_RA_RB).oe().rc();
    Dcbtst: x("dcbtst", 246, &[Ra0, Rb, Ct]);
    Stbux: x("stbux", 247, STOREX).check(Check::RaNonzero);
    Bpermd: x("bpermd", 252, RA_RS_RB).x64();
    Modud: x("modud", 265, RT_RA_RB).x64();
    Add: xo("add", 266, RT_RA_RB).oe().rc();
    Moduw: x("moduw", 267, RT_RA_RB);
    Lqarx: x("lqarx", 276, LARX).ignore(BIT0).zero(BIT21).check(Check::RaRbNotRt).x64();
    Dcbt: x("dcbt", 278, &[Ra0, Rb, Ct]);
    Lhzx: x("lhzx", 279, LOADX);
    Eqv: x("eqv", 284, RA_RS_RB).rc();
    Cdtbcd: x("cdtbcd", 282, RA_RS).zero(RB);
    Lhzux: x("lhzux", 311, LOADX).check(Check::RaNonzeroNotRt);
    Cbcdtd: x("cbcdtd", 314, RA_RS).zero(RB);
    Xor: x("xor", 316, RA_RS_RB).rc();
    Mfspr: xfx("mfspr", 339, &[Rt, Spr]);
    Lwax: x("lwax", 341, LOADX).x64();
    Lhax: x("lhax", 343, LOADX);
    Mftb: xfx("mftb", 371, &[Rt, Tbr]).check(Check::Tbr);
    Lwaux: x("lwaux", 373, LOADX).check(Check::RaNonzeroNotRt).x64();
    Lhaux: x("lhaux", 375, LOADX).check(Check::RaNonzeroNotRt);
    Popcntw: x("popcntw", 378, RA_RS).zero(RB);
    Sthx: x("sthx", 407, STOREX);
    Orc: x("orc", 412, RA_RS_RB).rc();
    Sradi: xs("sradi", 413, &[Ra, Rs, Sh6]).rc().x64();
    Sthux: x("sthux", 439, STOREX).check(Check::RaNonzero);
    Or: x("or", 444, RA_RS_RB).rc();
    Extswsli: xs("extswsli", 445, &[Ra, Rs, Sh6]).rc().x64();
    Divdu: xo("divdu", 457, RT_RA_RB).oe().rc().x64();
    Divwu: xo("divwu", 459, RT_RA_RB).oe().rc();
    Mtspr: xfx("mtspr", 467, &[Spr, Rs]);
    Nand: x("nand", 476, RA_RS_RB).rc();
    Divd: xo("divd", 489, RT_RA_RB).oe().rc().x64();
    Divw: xo("divw", 491, RT_RA_RB).oe().rc();
    Popcntd: x("popcntd", 506, RA_RS).zero(RB).x64();
    Cmpb: x("cmpb", 508, RA_RS_RB);
    Setbc: x("setbc", 384, &[Rt, Bi]).zero(RB);
    Divdeu: xo("divdeu", 393, RT_RA_RB).oe().rc().x64();
    Divweu: xo("divweu", 395, RT_RA_RB).oe().rc();
    Setbcr: x("setbcr", 416, &[Rt, Bi]).zero(RB);
    Divde: xo("divde", 425, RT_RA_RB).oe().rc().x64();
    Divwe: xo("divwe", 427, RT_RA_RB).oe().rc();
    Setnbc: x("setnbc", 448, &[Rt, Bi]).zero(RB);
    Setnbcr: x("setnbcr", 480, &[Rt, Bi]).zero(RB);
    Mcrxr: x("mcrxr", 512, CR_FIELD).zero(BF_LOW | RA | RB);
    Ldbrx: x("ldbrx", 532, LOADX).x64();
    Lswx: x("lswx", 533, LOADX).check(Check::RaRbNotRt);
    Lwbrx: x("lwbrx", 534, LOADX);
    Lfsx: x("lfsx", 535, FLOADX);
    Srw: x("srw", 536, RA_RS_RB).rc();
    Cnttzw: x("cnttzw", 538, RA_RS).rc().zero(RB);
    Srd: x("srd", 539, RA_RS_RB).rc().x64();
    Lfsux: x("lfsux", 567, FLOADX).check(Check::RaNonzero);
    Cnttzd: x("cnttzd", 570, RA_RS).rc().zero(RB).x64();
    Cnttzdm: x("cnttzdm", 571, RA_RS_RB).x64();
    Lwat: x("lwat", 582, &[Rt, Ra0, Fc]);
    Mcrxrx: x("mcrxrx", 576, CR_FIELD).zero(BF_LOW | RA | RB);
    Lswi: x("lswi", 597, &[Rt, Ra0, Nb]).check(Check::RaNotRt);
    Sync: x("sync", 598, &[SyncL, SyncSc]).zero(0x031c_0000 | RB).check(Check::SyncL);
    Lfdx: x("lfdx", 599, FLOADX);
    Ldat: x("ldat", 614, &[Rt, Ra0, Fc]).x64();
    Lfdux: x("lfdux", 631, FLOADX).check(Check::RaNonzero);
    TbeginDot: x("tbegin.", 654, &[HtmR]).fixed(BIT0, 1).zero(0x03c0_0000 | RA | RB);
    Stdbrx: x("stdbrx", 660, STOREX).x64();
    Stswx: x("stswx", 661, STOREX);
    Stwbrx: x("stwbrx", 662, STOREX);
    Stfsx: x("stfsx", 663, FSTOREX);
    TendDot: x("tend.", 686, &[HtmA]).fixed(BIT0, 1).zero(0x01e0_0000 | RA | RB);
    StbcxDot: x("stbcx.", 694, STOREX).fixed(BIT0, 1);
    Stfsux: x("stfsux", 695, FSTOREX).check(Check::RaNonzero);
    Stwat: x("stwat", 710, &[Rs, Ra0, Fc]);
    Tcheck: x("tcheck", 718, CR_FIELD).zero(BF_LOW | RA | RB);
    Hashst: x("hashst", 722, &[Rb, DispHash]).ignore(BIT0);
    Stswi: x("stswi", 725, &[Rs, Ra0, Nb]);
    SthcxDot: x("sthcx.", 726, STOREX).fixed(BIT0, 1);
    Stfdx: x("stfdx", 727, FSTOREX);
    Stdat: x("stdat", 742, &[Rs, Ra0, Fc]).x64();
    TsrDot: x("tsr.", 750, &[TsrL]).fixed(BIT0, 1).zero(0x03c0_0000 | RA | RB);
    Hashchk: x("hashchk", 754, &[Rb, DispHash]).ignore(BIT0);
    Darn: x("darn", 755, &[Rt, Lrand]).zero(0x001c_0000 | RB).x64();
    Stfdux: x("stfdux", 759, FSTOREX).check(Check::RaNonzero);
    Modsd: x("modsd", 777, RT_RA_RB).x64();
    Modsw: x("modsw", 779, RT_RA_RB);
    TabortwcDot: x("tabortwc.", 782, TRAP).fixed(BIT0, 1);
    Lhbrx: x("lhbrx", 790, LOADX);
    Sraw: x("sraw", 792, RA_RS_RB).rc();
    Srad: x("srad", 794, RA_RS_RB).rc().x64();
    TabortdcDot: x("tabortdc.", 814, TRAP).fixed(BIT0, 1).x64();
    Srawi: x("srawi", 824, &[Ra, Rs, Sh]).rc();
    TabortwciDot: x("tabortwci.", 846, &[To, Ra, HtmSi]).fixed(BIT0, 1);
    Eieio: x("eieio", 854, &[]).zero(RT | RA | RB);
    Lfiwax: x("lfiwax", 855, FLOADX);
    TabortdciDot: x("tabortdci.", 878, &[To, Ra, HtmSi]).fixed(BIT0, 1).x64();
    Lfiwzx: x("lfiwzx", 887, FLOADX);
    TabortDot: x("tabort.", 910, &[Ra]).fixed(BIT0, 1).zero(RT | RB);
    Sthbrx: x("sthbrx", 918, STOREX);
    Extsh: x("extsh", 922, RA_RS).rc().zero(RB);
    Extsb: x("extsb", 954, RA_RS).rc().zero(RB);
    Icbi: x("icbi", 982, RA0_RB).zero(RT);
    Stfiwx: x("stfiwx", 983, FSTOREX);
    Extsw: x("extsw", 986, RA_RS).rc().zero(RB).x64();
    Dcbz: x("dcbz", 1014, RA0_RB).zero(RT);

    // ---- primary 59: single-precision floating point ----
    Fdivs: fa("fdivs", 59, 18, F3).rc().zero(FRC_ZERO);
    Fsubs: fa("fsubs", 59, 20, F3).rc().zero(FRC_ZERO);
    Fadds: fa("fadds", 59, 21, F3).rc().zero(FRC_ZERO);
    Fsqrts: fa("fsqrts", 59, 22, F2).rc().zero(FRA_ZERO | FRC_ZERO);
    Fres: fa("fres", 59, 24, F2).rc().zero(FRA_ZERO | FRC_ZERO);
    Fmuls: fa("fmuls", 59, 25, FMUL).rc().zero(RB);
    Frsqrtes: fa("frsqrtes", 59, 26, F2).rc().zero(FRA_ZERO | FRC_ZERO);
    Fmsubs: fa("fmsubs", 59, 28, FMA).rc();
    Fmadds: fa("fmadds", 59, 29, FMA).rc();
    Fnmsubs: fa("fnmsubs", 59, 30, FMA).rc();
    Fnmadds: fa("fnmadds", 59, 31, FMA).rc();
    Fcfids: fx("fcfids", 59, 846, F2).rc().zero(FRA_ZERO);
    Fcfidus: fx("fcfidus", 59, 974, F2).rc().zero(FRA_ZERO);

    // ---- primary 63: double-precision floating point and FPSCR ----
    Fcmpu: fx("fcmpu", 63, 0, FCMP).zero(BF_LOW);
    Fcpsgn: fx("fcpsgn", 63, 8, F3).rc();
    Frsp: fx("frsp", 63, 12, F2).rc().zero(FRA_ZERO);
    Fctiw: fx("fctiw", 63, 14, F2).rc().zero(FRA_ZERO);
    Fctiwz: fx("fctiwz", 63, 15, F2).rc().zero(FRA_ZERO);
    Fdiv: fa("fdiv", 63, 18, F3).rc().zero(FRC_ZERO);
    Fsub: fa("fsub", 63, 20, F3).rc().zero(FRC_ZERO);
    Fadd: fa("fadd", 63, 21, F3).rc().zero(FRC_ZERO);
    Fsqrt: fa("fsqrt", 63, 22, F2).rc().zero(FRA_ZERO | FRC_ZERO);
    Fsel: fa("fsel", 63, 23, FMA).rc();
    Fre: fa("fre", 63, 24, F2).rc().zero(FRA_ZERO | FRC_ZERO);
    Fmul: fa("fmul", 63, 25, FMUL).rc().zero(RB);
    Frsqrte: fa("frsqrte", 63, 26, F2).rc().zero(FRA_ZERO | FRC_ZERO);
    Fmsub: fa("fmsub", 63, 28, FMA).rc();
    Fmadd: fa("fmadd", 63, 29, FMA).rc();
    Fnmsub: fa("fnmsub", 63, 30, FMA).rc();
    Fnmadd: fa("fnmadd", 63, 31, FMA).rc();
    Fcmpo: fx("fcmpo", 63, 32, FCMP).zero(BF_LOW);
    Mtfsb1: fx("mtfsb1", 63, 38, &[Btf]).rc().zero(RA | RB);
    Fneg: fx("fneg", 63, 40, F2).rc().zero(FRA_ZERO);
    Mcrfs: fx("mcrfs", 63, 64, &[Bf, Bfa]).zero(BF_LOW | 0x0003_0000 | RB);
    Mtfsb0: fx("mtfsb0", 63, 70, &[Btf]).rc().zero(RA | RB);
    Fmr: fx("fmr", 63, 72, F2).rc().zero(FRA_ZERO);
    Ftdiv: fx("ftdiv", 63, 128, FCMP).zero(BF_LOW);
    Mtfsfi: fx("mtfsfi", 63, 134, &[Bff, U, W]).rc().zero(BF_LOW | 0x001e_0000 | BIT11);
    Fnabs: fx("fnabs", 63, 136, F2).rc().zero(FRA_ZERO);
    Fctiwu: fx("fctiwu", 63, 142, F2).rc().zero(FRA_ZERO);
    Fctiwuz: fx("fctiwuz", 63, 143, F2).rc().zero(FRA_ZERO);
    Ftsqrt: fx("ftsqrt", 63, 160, &[Bf, Frb]).zero(BF_LOW | RA);
    Fabs: fx("fabs", 63, 264, F2).rc().zero(FRA_ZERO);
    Frin: fx("frin", 63, 392, F2).rc().zero(FRA_ZERO);
    Friz: fx("friz", 63, 424, F2).rc().zero(FRA_ZERO);
    Frip: fx("frip", 63, 456, F2).rc().zero(FRA_ZERO);
    Frim: fx("frim", 63, 488, F2).rc().zero(FRA_ZERO);
    Mffs: fx("mffs", 63, 583, &[Frt]).rc().fixed(RA, 0).zero(RB);
    Mffsce: fx("mffsce", 63, 583, &[Frt]).fixed(RA, 1 << 16).zero(RB);
    Mffscdrn: fx("mffscdrn", 63, 583, F2).fixed(RA, 20 << 16);
    Mffscdrni: fx("mffscdrni", 63, 583, &[Frt, Drm]).fixed(RA, 21 << 16).zero(0x0000_c000);
    Mffscrn: fx("mffscrn", 63, 583, F2).fixed(RA, 22 << 16);
    Mffscrni: fx("mffscrni", 63, 583, &[Frt, Rm]).fixed(RA, 23 << 16).zero(0x0000_e000);
    Mffsl: fx("mffsl", 63, 583, &[Frt]).fixed(RA, 24 << 16).zero(RB);
    Mtfsf: fx("mtfsf", 63, 711, &[Flm, Frb, MtfsfL, W]).rc();
    Fctid: fx("fctid", 63, 814, F2).rc().zero(FRA_ZERO);
    Fctidz: fx("fctidz", 63, 815, F2).rc().zero(FRA_ZERO);
    Fmrgow: fx("fmrgow", 63, 838, F3);
    Fcfid: fx("fcfid", 63, 846, F2).rc().zero(FRA_ZERO);
    Fctidu: fx("fctidu", 63, 942, F2).rc().zero(FRA_ZERO);
    Fctiduz: fx("fctiduz", 63, 943, F2).rc().zero(FRA_ZERO);
    Fmrgew: fx("fmrgew", 63, 966, F3);
    Fcfidu: fx("fcfidu", 63, 974, F2).rc().zero(FRA_ZERO);
}

impl Op {
    /// The table row of this instruction.
    pub fn def(self) -> &'static InsnDef {
        &TABLE[self as usize]
    }
    /// Base mnemonic (no variant suffixes).
    pub fn mnemonic(self) -> &'static str {
        self.def().mnemonic
    }
}
