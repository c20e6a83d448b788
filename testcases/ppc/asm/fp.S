/* fp.S — floating-point arithmetic and data movement (default FPSCR: round to nearest, no
 * exceptions enabled; FPSCR contents are checked in fpscr.S):
 * fadd/fsub/fmul/fdiv and their single forms (one rounding to single precision, result kept
 * in double format), fmadd/fmsub/fnmadd/fnmsub double and single with single-rounding checks
 * (cases where a separate multiply and add, or rounding to double first, gives another
 * answer), signed zeros, NaN propagation (first NaN of A, B, C; signalling NaNs quietened;
 * default NaN), fres/frsqrte (estimates: checked only to 1/128), fcmpu/fcmpo into CR fields,
 * fctiw/fctiwz (low word only; NaN, infinities and out-of-range saturate), frsp (rounding,
 * overflow, denormal, NaN), fsel, fabs/fnabs/fneg/fmr (sign only, even on NaNs), and
 * lfs/lfd/stfs/stfd/stfiwx in all addressing forms: lfs widens exactly (an SNaN stays
 * signalling), stfs narrows by bit selection, not by rounding, as the ISA specifies. */
#include "check.inc"

/* FP3 insn, a, b, result (hi, lo words each): insn f3, f1(a), f2(b). */
.macro FP3 insn, ahi, alo, bhi, blo, rhi, rlo
        LOADF f1, \ahi, \alo
        LOADF f2, \bhi, \blo
        \insn f3, f1, f2
        CHECKF f3, \rhi, \rlo
.endm

/* FP4 insn, a, c, b, result: insn f4, f1(a), f2(c), f3(b) = a*c +/- b. */
.macro FP4 insn, ahi, alo, chi, clo, bhi, blo, rhi, rlo
        LOADF f1, \ahi, \alo
        LOADF f2, \chi, \clo
        LOADF f3, \bhi, \blo
        \insn f4, f1, f2, f3
        CHECKF f4, \rhi, \rlo
.endm

/* FP1 insn, b, result: insn f3, f2(b). */
.macro FP1 insn, bhi, blo, rhi, rlo
        LOADF f2, \bhi, \blo
        \insn f3, f2
        CHECKF f3, \rhi, \rlo
.endm

/* FCTI insn, b, low word: insn f3, f2(b); only the low word (the integer) is defined. */
.macro FCTI insn, bhi, blo, res
        LOADF f2, \bhi, \blo
        \insn f3, f2
        FSTW r6, f3
        CHECK r6, \res
.endm

/* FCMP insn field, a, b, cr: CR cleared, then insn crN, f1, f2; checks the whole CR. */
.macro FCMP insn, fld, ahi, alo, bhi, blo, crx
        LOADF f1, \ahi, \alo
        LOADF f2, \bhi, \blo
        li r0, 0
        mtcr r0
        \insn \fld, f1, f2
        mfcr r6
        CHECK r6, \crx
.endm

        .equ QNAN_A_HI, 0x7ff80000
        .equ SNAN_HI, 0x7ff00000

        BEGIN_TEST
        /* ---- double arithmetic (round to nearest) ---- */
        FP3 fadd,    0x3ff00000, 0x00000000, 0x40000000, 0x00000000, 0x40080000, 0x00000000
        FP3 fadd,    0x3fb99999, 0x9999999a, 0x3fc99999, 0x9999999a, 0x3fd33333, 0x33333334
        FP3 fadd,    0x7fe1ccf3, 0x85ebc8a0, 0x7fe1ccf3, 0x85ebc8a0, 0x7ff00000, 0x00000000
        FP3 fadd,    0xc00c0000, 0x00000000, 0x3ff40000, 0x00000000, 0xc0020000, 0x00000000
        FP3 fadd,    0x3ff00000, 0x00000000, 0xbff00000, 0x00000000, 0x00000000, 0x00000000
        FP3 fadd,    0x00000000, 0x00000001, 0x00000000, 0x00000001, 0x00000000, 0x00000002
        FP3 fadd,    0x3ff00000, 0x00000000, 0x3ca00000, 0x00000000, 0x3ff00000, 0x00000000
        FP3 fadd,    0x3ff00000, 0x00000000, 0x3ca00000, 0x00000020, 0x3ff00000, 0x00000001
        FP3 fsub,    0x3ff00000, 0x00000000, 0x40000000, 0x00000000, 0xbff00000, 0x00000000
        FP3 fsub,    0x3fd33333, 0x33333333, 0x3fb99999, 0x9999999a, 0x3fc99999, 0x99999999
        FP3 fsub,    0x80000000, 0x00000000, 0x00000000, 0x00000000, 0x80000000, 0x00000000
        FP3 fsub,    0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000
        FP3 fsub,    0x00001268, 0x8b70e62b, 0x80001268, 0x8b70e62b, 0x000024d1, 0x16e1cc56
        FP3 fmul,    0x40080000, 0x00000000, 0x401c0000, 0x00000000, 0x40350000, 0x00000000
        FP3 fmul,    0x3fb99999, 0x9999999a, 0x3fb99999, 0x9999999a, 0x3f847ae1, 0x47ae147c
        FP3 fmul,    0xc0000000, 0x00000000, 0x3fe00000, 0x00000000, 0xbff00000, 0x00000000
        FP3 fmul,    0x6974e718, 0xd7d7625a, 0x16687e92, 0x154ef7ac, 0x3ff00000, 0x00000000
        FP3 fmul,    0x3ff80000, 0x00000000, 0x80000000, 0x00000000, 0x80000000, 0x00000000
        FP3 fdiv,    0x3ff00000, 0x00000000, 0x40080000, 0x00000000, 0x3fd55555, 0x55555555
        FP3 fdiv,    0x40000000, 0x00000000, 0x40080000, 0x00000000, 0x3fe55555, 0x55555555
        FP3 fdiv,    0xc0240000, 0x00000000, 0x40100000, 0x00000000, 0xc0040000, 0x00000000
        FP3 fdiv,    0x3ff00000, 0x00000000, 0x40240000, 0x00000000, 0x3fb99999, 0x9999999a
        FP3 fdiv,    0x40360000, 0x00000000, 0x401c0000, 0x00000000, 0x40092492, 0x49249249
        /* ---- single-precision arithmetic: one rounding to single, kept in double format ---- */
        FP3 fadds,   0x3fb99999, 0x9999999a, 0x3fc99999, 0x9999999a, 0x3fd33333, 0x40000000
        FP3 fadds,   0x3ff00000, 0x00000000, 0x3e700000, 0x00000000, 0x3ff00000, 0x00000000
        FP3 fadds,   0x3ff00000, 0x00000000, 0x3e700010, 0x00000000, 0x3ff00000, 0x20000000
        FP3 fadds,   0x41700000, 0x00000000, 0x3ff00000, 0x00000000, 0x41700000, 0x00000000
        FP3 fadds,   0x47ec363c, 0xbf21f28a, 0x47ec363c, 0xbf21f28a, 0x7ff00000, 0x00000000
        FP3 fdivs,   0x3ff00000, 0x00000000, 0x40080000, 0x00000000, 0x3fd55555, 0x60000000
        FP3 fdivs,   0x40000000, 0x00000000, 0x40080000, 0x00000000, 0x3fe55555, 0x60000000
        FP3 fdivs,   0x3f50624d, 0xd2f1a9fc, 0x401c0000, 0x00000000, 0x3f22b97d, 0x80000000
        FP3 fmuls,   0x3fb99999, 0x9999999a, 0x3fb99999, 0x9999999a, 0x3f847ae1, 0x40000000
        FP3 fmuls,   0x3ff00100, 0x00000000, 0x3ff00100, 0x00000000, 0x3ff00200, 0x00000000
        FP3 fmuls,   0x40080000, 0x00000000, 0x3fd55555, 0x55555555, 0x3ff00000, 0x00000000
        FP3 fsubs,   0x3ff00000, 0x00000000, 0x3e100000, 0x00000000, 0x3ff00000, 0x00000000
        FP3 fsubs,   0x3fd33333, 0x33333333, 0x3fb99999, 0x9999999a, 0x3fc99999, 0xa0000000
        /* ---- fused multiply-add: a*c+b rounded once ---- */
        FP4 fmadd,   0x3ff00000, 0x00400000, 0x3ff00000, 0x00400000, 0xbff00000, 0x00800000, 0x3c300000, 0x00000000  /* unfused would give 0 */
        FP4 fmsub,   0x3ff00000, 0x00400000, 0x3ff00000, 0x00400000, 0x3ff00000, 0x00800000, 0x3c300000, 0x00000000
        FP4 fnmadd,  0x3ff00000, 0x00400000, 0x3ff00000, 0x00400000, 0xbff00000, 0x00800000, 0xbc300000, 0x00000000
        FP4 fnmsub,  0x3ff00000, 0x00400000, 0x3ff00000, 0x00400000, 0x3ff00000, 0x00800000, 0xbc300000, 0x00000000
        FP4 fmadd,   0x3ff00000, 0x00000001, 0x3fefffff, 0xffffffff, 0xbff00000, 0x00000000, 0x3c9fffff, 0xfffffffe
        FP4 fmadd,   0x3fb99999, 0x9999999a, 0x40240000, 0x00000000, 0xbff00000, 0x00000000, 0x3c900000, 0x00000000  /* 5.55e-17, not 0 */
        FP4 fmsub,   0x40080000, 0x00000000, 0x40140000, 0x00000000, 0x3ff00000, 0x00000000, 0x402c0000, 0x00000000
        FP4 fnmadd,  0x40000000, 0x00000000, 0x40080000, 0x00000000, 0x40100000, 0x00000000, 0xc0240000, 0x00000000
        FP4 fnmsub,  0x40000000, 0x00000000, 0x40080000, 0x00000000, 0x40100000, 0x00000000, 0xc0000000, 0x00000000
        /* exact zero results: + in round-to-nearest, and the negated forms give -0 */
        FP4 fmadd,   0x3ff00000, 0x00000000, 0x3ff00000, 0x00000000, 0xbff00000, 0x00000000, 0x00000000, 0x00000000
        FP4 fnmadd,  0x3ff00000, 0x00000000, 0x3ff00000, 0x00000000, 0xbff00000, 0x00000000, 0x80000000, 0x00000000
        FP4 fmsub,   0x3ff00000, 0x00000000, 0x3ff00000, 0x00000000, 0x3ff00000, 0x00000000, 0x00000000, 0x00000000
        FP4 fnmsub,  0x3ff00000, 0x00000000, 0x3ff00000, 0x00000000, 0x3ff00000, 0x00000000, 0x80000000, 0x00000000
        /* single-precision fused: one rounding to single (double-then-single would round to even) */
        FP4 fmadds,  0x3ff00100, 0x00000000, 0x3ff00100, 0x00000000, 0x3af00000, 0x00000000, 0x3ff00200, 0x20000000
        FP4 fmsubs,  0x3ff00100, 0x00000000, 0x3ff00100, 0x00000000, 0xbaf00000, 0x00000000, 0x3ff00200, 0x20000000
        FP4 fnmadds, 0x3ff00100, 0x00000000, 0x3ff00100, 0x00000000, 0x3af00000, 0x00000000, 0xbff00200, 0x20000000
        FP4 fnmsubs, 0x3ff00100, 0x00000000, 0x3ff00100, 0x00000000, 0xbaf00000, 0x00000000, 0xbff00200, 0x20000000
        FP4 fmadds,  0x3fb99999, 0x9999999a, 0x40240000, 0x00000000, 0xbff00000, 0x00000000, 0x3c900000, 0x00000000
        /* ---- NaNs: the first NaN among A, B (C for multiplies), quietened; default NaN ---- */
        FP3 fadd, QNAN_A_HI, 0xa, QNAN_A_HI, 0xb, QNAN_A_HI, 0xa
        FP3 fadd, 0x3ff00000, 0, QNAN_A_HI, 0xb, QNAN_A_HI, 0xb
        FP3 fadd, 0x3ff00000, 0, SNAN_HI, 0xb, QNAN_A_HI, 0xb          /* SNaN quietened */
        FP3 fsub, 0xfff80000, 0xc, 0x3ff00000, 0, 0xfff80000, 0xc      /* sign kept */
        FP3 fmul, 0x40000000, 0, QNAN_A_HI, 0xc, QNAN_A_HI, 0xc
        FP3 fdiv, 0x7ff00000, 0, 0x7ff00000, 0, 0x7ff80000, 0          /* inf/inf: default NaN */
        FP3 fdiv, 0, 0, 0, 0, 0x7ff80000, 0                            /* 0/0 */
        FP3 fmul, 0x7ff00000, 0, 0, 0, 0x7ff80000, 0                   /* inf*0 */
        FP3 fsub, 0x7ff00000, 0, 0x7ff00000, 0, 0x7ff80000, 0          /* inf-inf */
        FP3 fdiv, 0xbff00000, 0, 0, 0, 0xfff00000, 0                   /* -1/+0 = -inf */
        FP3 fdiv, 0x3ff00000, 0, 0x80000000, 0, 0xfff00000, 0          /* 1/-0 = -inf */
        FP4 fmadd, 0x3ff00000, 0, QNAN_A_HI, 0xc, QNAN_A_HI, 0xb, QNAN_A_HI, 0xb  /* B before C */
        FP4 fmadd, QNAN_A_HI, 0xa, QNAN_A_HI, 0xc, QNAN_A_HI, 0xb, QNAN_A_HI, 0xa /* A first */
        FP4 fmadd, 0x3ff00000, 0, SNAN_HI, 0xc, 0x3ff00000, 0, QNAN_A_HI, 0xc
        FP4 fnmadd, 0x3ff00000, 0, QNAN_A_HI, 0xc, 0x3ff00000, 0, QNAN_A_HI, 0xc /* NaN not negated */
        FP4 fmadd, 0x7ff00000, 0, 0, 0, QNAN_A_HI, 0xb, QNAN_A_HI, 0xb  /* inf*0 + QNaN: the QNaN */
        /* ---- fres / frsqrte: estimates, checked loosely: |x * est - 1| < 2^-7 ---- */
        LOADF f1, 0x40080000, 0         /* 3.0 */
        LOADF f2, 0x3ff00000, 0         /* 1.0 */
        LOADF f5, 0x3f800000, 0         /* 2^-7 */
        fres f3, f1
        fmul f4, f3, f1
        fsub f4, f4, f2
        fabs f4, f4
        li r0, 0
        mtcr r0
        fcmpu cr1, f4, f5
        mfcr r6
        CHECK r6, 0x08000000
        LOADF f1, 0x40140000, 0         /* 5.0 */
        frsqrte f3, f1
        fmul f4, f3, f3
        fmul f4, f4, f1
        fsub f4, f4, f2
        fabs f4, f4
        li r0, 0
        mtcr r0
        fcmpu cr2, f4, f5
        mfcr r6
        CHECK r6, 0x00800000
        /* ---- compares: FL 8, FG 4, FE 2, FU 1 into the chosen field ---- */
        FCMP fcmpu, cr0, 0x3ff00000, 0, 0x40000000, 0, 0x80000000
        FCMP fcmpu, cr1, 0x40000000, 0, 0x3ff00000, 0, 0x04000000
        FCMP fcmpu, cr2, 0x80000000, 0, 0x00000000, 0, 0x00200000     /* -0 == +0 */
        FCMP fcmpu, cr3, QNAN_A_HI, 1, 0x3ff00000, 0, 0x00010000
        FCMP fcmpu, cr4, 0xfff00000, 0, 0x3ff00000, 0, 0x00008000     /* -inf < 1 */
        FCMP fcmpu, cr5, 0x3ff00000, 0, SNAN_HI, 1, 0x00000100
        FCMP fcmpu, cr6, 0x7ff00000, 0, 0x7ff00000, 0, 0x00000020     /* inf == inf */
        FCMP fcmpo, cr0, 0xc0000000, 0, 0xc0000000, 1, 0x40000000
        FCMP fcmpo, cr3, QNAN_A_HI, 0, QNAN_A_HI, 0, 0x00010000
        FCMP fcmpo, cr6, 0x00000000, 1, 0x00000000, 0, 0x00000040     /* denormal > 0 */
        /* ---- fctiw (round to nearest here) and fctiwz (toward zero) ---- */
        FCTI fctiw,  0x40040000, 0, 2                   /* 2.5 -> 2 (even) */
        FCTI fctiwz, 0x40040000, 0, 2
        FCTI fctiw,  0x400c0000, 0, 4                   /* 3.5 -> 4 */
        FCTI fctiwz, 0x400c0000, 0, 3
        FCTI fctiw,  0xc0040000, 0, 0xfffffffe          /* -2.5 -> -2 */
        FCTI fctiw,  0xc00d9999, 0x9999999a, 0xfffffffc /* -3.7 -> -4 */
        FCTI fctiwz, 0xc00d9999, 0x9999999a, 0xfffffffd /* -3.7 -> -3 */
        FCTI fctiw,  0x3fe00000, 0, 0                   /* 0.5 -> 0 */
        FCTI fctiw,  0x80000000, 0, 0                   /* -0 */
        FCTI fctiw,  0x4202a05f, 0x20000000, 0x7fffffff /* 1e10 saturates */
        FCTI fctiwz, 0xc202a05f, 0x20000000, 0x80000000 /* -1e10 */
        FCTI fctiw,  0x41dfffff, 0xffd9999a, 0x7fffffff /* 2147483647.4 */
        FCTI fctiw,  0x41dfffff, 0xffe66666, 0x7fffffff /* 2147483647.6 rounds to 2^31: saturates */
        FCTI fctiwz, 0x41dfffff, 0xffe66666, 0x7fffffff
        FCTI fctiwz, 0xc1e00000, 0x001ccccd, 0x80000000 /* -2147483648.9 -> -2^31 */
        FCTI fctiw,  0xc1e00000, 0x001ccccd, 0x80000000 /* rounds to -2^31-1: saturates */
        FCTI fctiw,  QNAN_A_HI, 0, 0x80000000
        FCTI fctiwz, SNAN_HI, 1, 0x80000000
        FCTI fctiw,  0x7ff00000, 0, 0x7fffffff
        FCTI fctiwz, 0xfff00000, 0, 0x80000000
        FCTI fctiwz, 0x41678c29, 0xdccccccd, 12345678   /* 12345678.9 */
        /* ---- frsp: round to single ---- */
        FP1 frsp, 0x3fb99999, 0x9999999a, 0x3fb99999, 0xa0000000       /* 0.1 */
        FP1 frsp, 0x7e37e43c, 0x8800759c, 0x7ff00000, 0                /* 1e300 -> inf */
        FP1 frsp, 0x47efffff, 0xeec5116e, 0x47efffff, 0xe0000000       /* just under the tie: FLT_MAX */
        FP1 frsp, 0x37a16c26, 0x2b80b9c8, 0x37a16c20, 0                /* 1e-40: single denormal */
        FP1 frsp, 0xb59c7dc3, 0x7c1f4a84, 0x80000000, 0                /* -1e-50 -> -0 */
        FP1 frsp, 0x7ff81234, 0, 0x7ff81234, 0                         /* QNaN kept */
        FP1 frsp, 0x7ff41234, 0, 0x7ffc1234, 0                         /* SNaN quietened */
        FP1 frsp, 0x3ff00000, 0x10000000, 0x3ff00000, 0                /* tie 1+2^-24 -> even: 1 */
        FP1 frsp, 0x3ff00000, 0x10010000, 0x3ff00000, 0x20000000       /* 1+2^-24+2^-36 rounds up */
        FP1 frsp, 0x3ff00000, 0x30000000, 0x3ff00000, 0x40000000       /* tie 1+3*2^-24 -> even */
        /* ---- sign operations never look at the value ---- */
        FP1 fabs,  0xfff80000, 1, 0x7ff80000, 1
        FP1 fabs,  0x80000000, 0, 0x00000000, 0
        FP1 fnabs, 0x3ff80000, 0, 0xbff80000, 0
        FP1 fnabs, 0xbff80000, 0, 0xbff80000, 0
        FP1 fneg,  SNAN_HI, 1, 0xfff00000, 1                           /* SNaN not quietened */
        FP1 fneg,  0, 0, 0x80000000, 0
        FP1 fmr,   SNAN_HI, 5, SNAN_HI, 5
        /* ---- fsel f4 = a >= 0 ? c : b ---- */
        FP4 fsel, 0x3ff00000, 0, 0x40000000, 0, 0x40080000, 0, 0x40000000, 0
        FP4 fsel, 0xbff00000, 0, 0x40000000, 0, 0x40080000, 0, 0x40080000, 0
        FP4 fsel, 0x80000000, 0, 0x40000000, 0, 0x40080000, 0, 0x40000000, 0   /* -0 >= 0 */
        FP4 fsel, QNAN_A_HI, 0, 0x40000000, 0, 0x40080000, 0, 0x40080000, 0    /* NaN: b */
        FP4 fsel, 0x7ff00000, 0, 0x40000000, 0, 0x40080000, 0, 0x40000000, 0
        /* ---- loads and stores ---- */
        lis r10, fdata@ha
        addi r10, r10, fdata@l
        lis r20, fbuf@ha
        addi r20, r20, fbuf@l
        lfs f1, 0(r10)                  /* 0x3dcccccd */
        CHECKF f1, 0x3fb99999, 0xa0000000
        lfs f1, 4(r10)                  /* smallest single denormal: normalised */
        CHECKF f1, 0x36a00000, 0
        lfs f1, 8(r10)                  /* single SNaN stays signalling */
        CHECKF f1, 0x7ff00000, 0x20000000
        lfs f1, 12(r10)                 /* -inf */
        CHECKF f1, 0xfff00000, 0
        lfd f1, 16(r10)
        CHECKF f1, 0x01234567, 0x89abcdef
        li r12, 4
        lfsx f1, r10, r12
        CHECKF f1, 0x36a00000, 0
        mr r11, r10
        lfsu f1, 12(r11)
        subf r6, r10, r11
        CHECKF f1, 0xfff00000, 0
        CHECK r6, 12
        lfdu f1, 4(r11)
        subf r6, r10, r11
        CHECKF f1, 0x01234567, 0x89abcdef
        CHECK r6, 16
        li r12, 16
        lfdx f1, r10, r12
        CHECKF f1, 0x01234567, 0x89abcdef
        mr r11, r10
        lfsux f1, r11, r12              /* the single 0x01234567, widened */
        subf r6, r10, r11
        CHECKF f1, 0x382468ac, 0xe0000000
        CHECK r6, 16
        li r12, -16
        lfdux f1, r11, r12
        subf r6, r10, r11
        CHECKF f1, 0x3dcccccd, 0x00000001
        CHECK r6, 0
        /* stfs narrows by bit selection (truncation), not rounding */
        LOADF f1, 0x3fb99999, 0x9999999a
        stfs f1, 0(r20)
        lwz r6, 0(r20)
        CHECK r6, 0x3dcccccc
        LOADF f1, 0x7ff81234, 0
        stfs f1, 4(r20)
        lwz r6, 4(r20)
        CHECK r6, 0x7fc091a0
        LOADF f1, 0x7ff41234, 0         /* an SNaN stays signalling */
        li r12, 8
        stfsx f1, r20, r12
        lwz r6, 8(r20)
        CHECK r6, 0x7fa091a0
        LOADF f1, 0x37a16c26, 0x2b80b9c8    /* 1e-40: denormalised */
        mr r11, r20
        stfsu f1, 12(r11)
        lwz r6, 12(r20)
        subf r7, r20, r11
        CHECK r6, 0x000116c2
        CHECK r7, 12
        LOADF f1, 0xfff00000, 0x00000001
        stfd f1, 16(r20)
        lwz r6, 16(r20)
        lwz r7, 20(r20)
        CHECK r6, 0xfff00000
        CHECK_SAME r7, 1
        mr r11, r20
        stfdu f1, 24(r11)
        li r12, 8
        stfdx f1, r11, r12
        stfdux f1, r11, r12
        stfsux f1, r11, r12
        subf r7, r20, r11
        lwz r6, 28(r20)
        lwz r8, 36(r20)
        lwz r9, 40(r20)
        CHECK r7, 40
        CHECK_SAME r6, 1
        CHECK_SAME r8, 1
        CHECK_SAME r9, 0xff800000   /* bit selection drops the NaN's low payload: -inf */
        /* stfiwx: the low word of the FPR, as is */
        LOADF f1, 0x12345678, 0x9abcdef0
        li r12, 52
        stfiwx f1, r20, r12
        lwz r6, 52(r20)
        CHECK r6, 0x9abcdef0
        LOADF f2, 0x400c0000, 0         /* fctiwz + stfiwx: how gcc converts to int */
        fctiwz f3, f2
        stfiwx f3, r20, r12
        lwz r6, 52(r20)
        CHECK r6, 3
        END_TEST

        .data
        .balign 8
fdata:  .long 0x3dcccccd, 0x00000001, 0x7f800001, 0xff800000
        .long 0x01234567, 0x89abcdef
fbuf:   .space 64
