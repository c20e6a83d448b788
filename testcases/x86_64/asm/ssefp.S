/* ssefp.S — SSE/SSE2 floating point: scalar and packed add/sub/mul/div/sqrt/min/max in double
 * and single precision (results bit-exact, upper lanes of scalar ops preserved), NaN propagation
 * (the first source's NaN wins, quietened; invalid operations give the default NaN
 * 0xfff8000000000000 / 0xffc00000), ucomisd/comisd flags, and int<->float conversions with
 * round-to-nearest-even, truncation and the out-of-range "integer indefinite" value.
 * MXCSR keeps its default (all exceptions masked, round to nearest, no FTZ/DAZ). */
#include "check.inc"

/* F insn, a_lo, a_hi, b_lo, b_hi, r_lo, r_hi: xmm1 = a, xmm2 = b; insn; xmm1 must equal r */
.macro F insn, alo, ahi, blo, bhi, rlo, rhi
        LOADX %xmm1, \alo, \ahi
        LOADX %xmm2, \blo, \bhi
        \insn
        CHECKX %xmm1, \rlo, \rhi
.endm
/* U insn, a, b, flags: compare xmm1 = a with xmm2 = b; all six flags checked */
.macro U insn, a, b, fl
        LOADX %xmm1, \a, 0
        LOADX %xmm2, \b, 0
        SETF ALLF
        \insn
        SAVEF
        CHECKF \fl
.endm
/* G insn, a, rax_in, rax_out: xmm1 = a (low); insn writes rax */
.macro G insn, a, rin, rout
        LOADX %xmm1, \a, 0x5555555555555555
        movabs $\rin, %rax
        \insn
        CHECK %rax, \rout
.endm
/* S insn, rax_in, r_lo, r_hi: xmm1 = junk, rax = rax_in; insn writes xmm1 */
.macro S insn, rin, rlo, rhi
        LOADX %xmm1, 0x1111111111111111, 0x2222222222222222
        movabs $\rin, %rax
        \insn
        CHECKX %xmm1, \rlo, \rhi
.endm
        .equ QNAN1, 0x7ff8000000000001
        .equ ONE, 0x3ff0000000000000

        BEGIN_TEST
        F "addsd %xmm2,%xmm1", 0x3ff8000000000000, 0x1234567890abcdef, 0x4002000000000000, 0x5555555555555555, 0x400e000000000000, 0x1234567890abcdef   /* 1.5 add 2.25 */
        F "addsd %xmm2,%xmm1", 0x3fb999999999999a, 0x1234567890abcdef, 0x3fc999999999999a, 0x5555555555555555, 0x3fd3333333333334, 0x1234567890abcdef   /* 0.1 add 0.2 */
        F "addsd %xmm2,%xmm1", 0x3ff0000000000000, 0x1234567890abcdef, 0x4008000000000000, 0x5555555555555555, 0x4010000000000000, 0x1234567890abcdef   /* 1.0 add 3.0 */
        F "addsd %xmm2,%xmm1", 0x8000000000000000, 0x1234567890abcdef, 0x0, 0x5555555555555555, 0x0, 0x1234567890abcdef   /* -0.0 add 0.0 */
        F "addsd %xmm2,%xmm1", 0x7fe1ccf385ebc8a0, 0x1234567890abcdef, 0x4024000000000000, 0x5555555555555555, 0x7fe1ccf385ebc8a0, 0x1234567890abcdef   /* 1e+308 add 10.0 */
        F "addsd %xmm2,%xmm1", 0x10000000000000, 0x1234567890abcdef, 0x3fe0000000000000, 0x5555555555555555, 0x3fe0000000000000, 0x1234567890abcdef   /* 2.2250738585072014e-308 add 0.5 */
        F "addsd %xmm2,%xmm1", 0x1, 0x1234567890abcdef, 0x3fe0000000000000, 0x5555555555555555, 0x3fe0000000000000, 0x1234567890abcdef   /* 5e-324 add 0.5 */
        F "addsd %xmm2,%xmm1", 0xc01d000000000000, 0x1234567890abcdef, 0x7ff0000000000000, 0x5555555555555555, 0x7ff0000000000000, 0x1234567890abcdef   /* -7.25 add inf */
        F "addsd %xmm2,%xmm1", 0x419d6f3454000000, 0x1234567890abcdef, 0xbf50624dd2f1a9fc, 0x5555555555555555, 0x419d6f3453fef9db, 0x1234567890abcdef   /* 123456789.0 add -0.001 */
        F "subsd %xmm2,%xmm1", 0x3ff8000000000000, 0x1234567890abcdef, 0x4002000000000000, 0x5555555555555555, 0xbfe8000000000000, 0x1234567890abcdef   /* 1.5 sub 2.25 */
        F "subsd %xmm2,%xmm1", 0x3fb999999999999a, 0x1234567890abcdef, 0x3fc999999999999a, 0x5555555555555555, 0xbfb999999999999a, 0x1234567890abcdef   /* 0.1 sub 0.2 */
        F "subsd %xmm2,%xmm1", 0x3ff0000000000000, 0x1234567890abcdef, 0x4008000000000000, 0x5555555555555555, 0xc000000000000000, 0x1234567890abcdef   /* 1.0 sub 3.0 */
        F "subsd %xmm2,%xmm1", 0x8000000000000000, 0x1234567890abcdef, 0x0, 0x5555555555555555, 0x8000000000000000, 0x1234567890abcdef   /* -0.0 sub 0.0 */
        F "subsd %xmm2,%xmm1", 0x7fe1ccf385ebc8a0, 0x1234567890abcdef, 0x4024000000000000, 0x5555555555555555, 0x7fe1ccf385ebc8a0, 0x1234567890abcdef   /* 1e+308 sub 10.0 */
        F "subsd %xmm2,%xmm1", 0x10000000000000, 0x1234567890abcdef, 0x3fe0000000000000, 0x5555555555555555, 0xbfe0000000000000, 0x1234567890abcdef   /* 2.2250738585072014e-308 sub 0.5 */
        F "subsd %xmm2,%xmm1", 0x1, 0x1234567890abcdef, 0x3fe0000000000000, 0x5555555555555555, 0xbfe0000000000000, 0x1234567890abcdef   /* 5e-324 sub 0.5 */
        F "subsd %xmm2,%xmm1", 0xc01d000000000000, 0x1234567890abcdef, 0x7ff0000000000000, 0x5555555555555555, 0xfff0000000000000, 0x1234567890abcdef   /* -7.25 sub inf */
        F "subsd %xmm2,%xmm1", 0x419d6f3454000000, 0x1234567890abcdef, 0xbf50624dd2f1a9fc, 0x5555555555555555, 0x419d6f3454010625, 0x1234567890abcdef   /* 123456789.0 sub -0.001 */
        F "mulsd %xmm2,%xmm1", 0x3ff8000000000000, 0x1234567890abcdef, 0x4002000000000000, 0x5555555555555555, 0x400b000000000000, 0x1234567890abcdef   /* 1.5 mul 2.25 */
        F "mulsd %xmm2,%xmm1", 0x3fb999999999999a, 0x1234567890abcdef, 0x3fc999999999999a, 0x5555555555555555, 0x3f947ae147ae147c, 0x1234567890abcdef   /* 0.1 mul 0.2 */
        F "mulsd %xmm2,%xmm1", 0x3ff0000000000000, 0x1234567890abcdef, 0x4008000000000000, 0x5555555555555555, 0x4008000000000000, 0x1234567890abcdef   /* 1.0 mul 3.0 */
        F "mulsd %xmm2,%xmm1", 0x8000000000000000, 0x1234567890abcdef, 0x0, 0x5555555555555555, 0x8000000000000000, 0x1234567890abcdef   /* -0.0 mul 0.0 */
        F "mulsd %xmm2,%xmm1", 0x7fe1ccf385ebc8a0, 0x1234567890abcdef, 0x4024000000000000, 0x5555555555555555, 0x7ff0000000000000, 0x1234567890abcdef   /* 1e+308 mul 10.0 */
        F "mulsd %xmm2,%xmm1", 0x10000000000000, 0x1234567890abcdef, 0x3fe0000000000000, 0x5555555555555555, 0x8000000000000, 0x1234567890abcdef   /* 2.2250738585072014e-308 mul 0.5 */
        F "mulsd %xmm2,%xmm1", 0x1, 0x1234567890abcdef, 0x3fe0000000000000, 0x5555555555555555, 0x0, 0x1234567890abcdef   /* 5e-324 mul 0.5 */
        F "mulsd %xmm2,%xmm1", 0xc01d000000000000, 0x1234567890abcdef, 0x7ff0000000000000, 0x5555555555555555, 0xfff0000000000000, 0x1234567890abcdef   /* -7.25 mul inf */
        F "mulsd %xmm2,%xmm1", 0x419d6f3454000000, 0x1234567890abcdef, 0xbf50624dd2f1a9fc, 0x5555555555555555, 0xc0fe240c9fbe76c9, 0x1234567890abcdef   /* 123456789.0 mul -0.001 */
        F "divsd %xmm2,%xmm1", 0x3ff8000000000000, 0x1234567890abcdef, 0x4002000000000000, 0x5555555555555555, 0x3fe5555555555555, 0x1234567890abcdef   /* 1.5 div 2.25 */
        F "divsd %xmm2,%xmm1", 0x3fb999999999999a, 0x1234567890abcdef, 0x3fc999999999999a, 0x5555555555555555, 0x3fe0000000000000, 0x1234567890abcdef   /* 0.1 div 0.2 */
        F "divsd %xmm2,%xmm1", 0x3ff0000000000000, 0x1234567890abcdef, 0x4008000000000000, 0x5555555555555555, 0x3fd5555555555555, 0x1234567890abcdef   /* 1.0 div 3.0 */
        F "divsd %xmm2,%xmm1", 0x8000000000000000, 0x1234567890abcdef, 0x0, 0x5555555555555555, 0xfff8000000000000, 0x1234567890abcdef   /* -0.0 div 0.0 */
        F "divsd %xmm2,%xmm1", 0x7fe1ccf385ebc8a0, 0x1234567890abcdef, 0x4024000000000000, 0x5555555555555555, 0x7fac7b1f3cac7433, 0x1234567890abcdef   /* 1e+308 div 10.0 */
        F "divsd %xmm2,%xmm1", 0x10000000000000, 0x1234567890abcdef, 0x3fe0000000000000, 0x5555555555555555, 0x20000000000000, 0x1234567890abcdef   /* 2.2250738585072014e-308 div 0.5 */
        F "divsd %xmm2,%xmm1", 0x1, 0x1234567890abcdef, 0x3fe0000000000000, 0x5555555555555555, 0x2, 0x1234567890abcdef   /* 5e-324 div 0.5 */
        F "divsd %xmm2,%xmm1", 0xc01d000000000000, 0x1234567890abcdef, 0x7ff0000000000000, 0x5555555555555555, 0x8000000000000000, 0x1234567890abcdef   /* -7.25 div inf */
        F "divsd %xmm2,%xmm1", 0x419d6f3454000000, 0x1234567890abcdef, 0xbf50624dd2f1a9fc, 0x5555555555555555, 0xc23cbe991a080000, 0x1234567890abcdef   /* 123456789.0 div -0.001 */
        F "addsd %xmm2,%xmm1", 0x7ff8000000000001, 0x1234567890abcdef, 0x3ff0000000000000, 0x5555555555555555, 0x7ff8000000000001, 0x1234567890abcdef   /* NaN propagation: first source wins */
        F "addsd %xmm2,%xmm1", 0x3ff0000000000000, 0x1234567890abcdef, 0xfff8000000000002, 0x5555555555555555, 0xfff8000000000002, 0x1234567890abcdef   /* NaN propagation: first source wins */
        F "addsd %xmm2,%xmm1", 0x7ff8000000000001, 0x1234567890abcdef, 0xfff8000000000002, 0x5555555555555555, 0x7ff8000000000001, 0x1234567890abcdef   /* NaN propagation: first source wins */
        F "addsd %xmm2,%xmm1", 0x7ff0000000000003, 0x1234567890abcdef, 0xfff8000000000002, 0x5555555555555555, 0x7ff8000000000003, 0x1234567890abcdef   /* NaN propagation: first source wins */
        F "addsd %xmm2,%xmm1", 0x7ff8000000000001, 0x1234567890abcdef, 0x7ff0000000000003, 0x5555555555555555, 0x7ff8000000000001, 0x1234567890abcdef   /* NaN propagation: first source wins */
        F "addsd %xmm2,%xmm1", 0x3ff0000000000000, 0x1234567890abcdef, 0x7ff0000000000003, 0x5555555555555555, 0x7ff8000000000003, 0x1234567890abcdef   /* NaN propagation: first source wins */
        F "mulsd %xmm2,%xmm1", 0xfff8000000000002, 0x1234567890abcdef, 0x7ff8000000000001, 0x5555555555555555, 0xfff8000000000002, 0x1234567890abcdef
        F "divsd %xmm2,%xmm1", 0x0, 0x1234567890abcdef, 0x0, 0x5555555555555555, 0xfff8000000000000, 0x1234567890abcdef   /* 0/0: default NaN */
        F "subsd %xmm2,%xmm1", 0x7ff0000000000000, 0x1234567890abcdef, 0x7ff0000000000000, 0x5555555555555555, 0xfff8000000000000, 0x1234567890abcdef   /* inf-inf */
        F "mulsd %xmm2,%xmm1", 0x0, 0x1234567890abcdef, 0xfff0000000000000, 0x5555555555555555, 0xfff8000000000000, 0x1234567890abcdef   /* 0*inf */
        F "divsd %xmm2,%xmm1", 0xbff0000000000000, 0x1234567890abcdef, 0x0, 0x5555555555555555, 0xfff0000000000000, 0x1234567890abcdef
        F "sqrtsd %xmm2,%xmm1", 0x401c000000000000, 0x1234567890abcdef, 0x4000000000000000, 0x5555555555555555, 0x3ff6a09e667f3bcd, 0x1234567890abcdef   /* sqrt(2.0) */
        F "sqrtsd %xmm2,%xmm1", 0x401c000000000000, 0x1234567890abcdef, 0x0, 0x5555555555555555, 0x0, 0x1234567890abcdef   /* sqrt(0.0) */
        F "sqrtsd %xmm2,%xmm1", 0x401c000000000000, 0x1234567890abcdef, 0x8000000000000000, 0x5555555555555555, 0x8000000000000000, 0x1234567890abcdef   /* sqrt(-0.0) */
        F "sqrtsd %xmm2,%xmm1", 0x401c000000000000, 0x1234567890abcdef, 0x12688b70e62b, 0x5555555555555555, 0x1fc1297872d9cbae, 0x1234567890abcdef   /* sqrt(1e-310) */
        F "sqrtsd %xmm2,%xmm1", 0x401c000000000000, 0x1234567890abcdef, 0xbff0000000000000, 0x5555555555555555, 0xfff8000000000000, 0x1234567890abcdef   /* sqrt(-1.0) */
        F "sqrtsd %xmm2,%xmm1", 0x401c000000000000, 0x1234567890abcdef, 0x7ff0000000000000, 0x5555555555555555, 0x7ff0000000000000, 0x1234567890abcdef   /* sqrt(inf) */
        F "sqrtsd %xmm2,%xmm1", 0x401c000000000000, 0x1234567890abcdef, 0x7ff0000000000003, 0x5555555555555555, 0x7ff8000000000003, 0x1234567890abcdef
        F "minsd %xmm2,%xmm1", 0x3ff0000000000000, 0x1234567890abcdef, 0x4000000000000000, 0x5555555555555555, 0x3ff0000000000000, 0x1234567890abcdef
        F "maxsd %xmm2,%xmm1", 0x3ff0000000000000, 0x1234567890abcdef, 0x4000000000000000, 0x5555555555555555, 0x4000000000000000, 0x1234567890abcdef
        F "minsd %xmm2,%xmm1", 0x4000000000000000, 0x1234567890abcdef, 0x3ff0000000000000, 0x5555555555555555, 0x3ff0000000000000, 0x1234567890abcdef
        F "maxsd %xmm2,%xmm1", 0x4000000000000000, 0x1234567890abcdef, 0x3ff0000000000000, 0x5555555555555555, 0x4000000000000000, 0x1234567890abcdef
        F "minsd %xmm2,%xmm1", 0x0, 0x1234567890abcdef, 0x8000000000000000, 0x5555555555555555, 0x8000000000000000, 0x1234567890abcdef
        F "maxsd %xmm2,%xmm1", 0x0, 0x1234567890abcdef, 0x8000000000000000, 0x5555555555555555, 0x8000000000000000, 0x1234567890abcdef
        F "minsd %xmm2,%xmm1", 0x8000000000000000, 0x1234567890abcdef, 0x0, 0x5555555555555555, 0x0, 0x1234567890abcdef
        F "maxsd %xmm2,%xmm1", 0x8000000000000000, 0x1234567890abcdef, 0x0, 0x5555555555555555, 0x0, 0x1234567890abcdef
        F "minsd %xmm2,%xmm1", 0x7ff8000000000001, 0x1234567890abcdef, 0x3ff0000000000000, 0x5555555555555555, 0x3ff0000000000000, 0x1234567890abcdef
        F "maxsd %xmm2,%xmm1", 0x7ff8000000000001, 0x1234567890abcdef, 0x3ff0000000000000, 0x5555555555555555, 0x3ff0000000000000, 0x1234567890abcdef
        F "minsd %xmm2,%xmm1", 0x3ff0000000000000, 0x1234567890abcdef, 0xfff8000000000002, 0x5555555555555555, 0xfff8000000000002, 0x1234567890abcdef
        F "maxsd %xmm2,%xmm1", 0x3ff0000000000000, 0x1234567890abcdef, 0xfff8000000000002, 0x5555555555555555, 0xfff8000000000002, 0x1234567890abcdef
        F "minsd %xmm2,%xmm1", 0x7ff0000000000003, 0x1234567890abcdef, 0x4000000000000000, 0x5555555555555555, 0x4000000000000000, 0x1234567890abcdef
        F "maxsd %xmm2,%xmm1", 0x7ff0000000000003, 0x1234567890abcdef, 0x4000000000000000, 0x5555555555555555, 0x4000000000000000, 0x1234567890abcdef
        F "addpd %xmm2,%xmm1", 0x3ff8000000000000, 0xc000000000000000, 0x3fd0000000000000, 0x7e37e43c8800759c, 0x3ffc000000000000, 0x7e37e43c8800759c
        F "subpd %xmm2,%xmm1", 0x3ff8000000000000, 0xc000000000000000, 0x3fd0000000000000, 0x1a56e1fc2f8f359, 0x3ff4000000000000, 0xc000000000000000
        F "mulpd %xmm2,%xmm1", 0x4008000000000000, 0xbfe0000000000000, 0x3fd5555555555555, 0x0, 0x3ff0000000000000, 0x8000000000000000
        F "divpd %xmm2,%xmm1", 0x3ff0000000000000, 0xc022000000000000, 0x4008000000000000, 0x0, 0x3fd5555555555555, 0xfff0000000000000
        F "sqrtpd %xmm2,%xmm1", 0x0, 0x0, 0x4000000000000000, 0x3fd0000000000000, 0x3ff6a09e667f3bcd, 0x3fe0000000000000
        F "minpd %xmm2,%xmm1", 0x3ff0000000000000, 0x8000000000000000, 0x4000000000000000, 0x0, 0x3ff0000000000000, 0x0
        F "maxpd %xmm2,%xmm1", 0x3ff0000000000000, 0x7ff8000000000001, 0x4000000000000000, 0x4008000000000000, 0x4000000000000000, 0x4008000000000000
        F "addss %xmm2,%xmm1", 0x9abcdef03fc00000, 0x1234567890abcdef, 0x40100000, 0x5555555555555555, 0x9abcdef040700000, 0x1234567890abcdef   /* 1.5 add 2.25 (single) */
        F "addss %xmm2,%xmm1", 0x9abcdef03dcccccd, 0x1234567890abcdef, 0x3e4ccccd, 0x5555555555555555, 0x9abcdef03e99999a, 0x1234567890abcdef   /* 0.1 add 0.2 (single) */
        F "addss %xmm2,%xmm1", 0x9abcdef03f800000, 0x1234567890abcdef, 0x40400000, 0x5555555555555555, 0x9abcdef040800000, 0x1234567890abcdef   /* 1.0 add 3.0 (single) */
        F "addss %xmm2,%xmm1", 0x9abcdef07f61b1e6, 0x1234567890abcdef, 0x41200000, 0x5555555555555555, 0x9abcdef07f61b1e6, 0x1234567890abcdef   /* 3e+38 add 10.0 (single) */
        F "addss %xmm2,%xmm1", 0x9abcdef04b800000, 0x1234567890abcdef, 0x3f800000, 0x5555555555555555, 0x9abcdef04b800000, 0x1234567890abcdef   /* 16777216.0 add 1.0 (single) */
        F "subss %xmm2,%xmm1", 0x9abcdef03fc00000, 0x1234567890abcdef, 0x40100000, 0x5555555555555555, 0x9abcdef0bf400000, 0x1234567890abcdef   /* 1.5 sub 2.25 (single) */
        F "subss %xmm2,%xmm1", 0x9abcdef03dcccccd, 0x1234567890abcdef, 0x3e4ccccd, 0x5555555555555555, 0x9abcdef0bdcccccd, 0x1234567890abcdef   /* 0.1 sub 0.2 (single) */
        F "subss %xmm2,%xmm1", 0x9abcdef03f800000, 0x1234567890abcdef, 0x40400000, 0x5555555555555555, 0x9abcdef0c0000000, 0x1234567890abcdef   /* 1.0 sub 3.0 (single) */
        F "subss %xmm2,%xmm1", 0x9abcdef07f61b1e6, 0x1234567890abcdef, 0x41200000, 0x5555555555555555, 0x9abcdef07f61b1e6, 0x1234567890abcdef   /* 3e+38 sub 10.0 (single) */
        F "subss %xmm2,%xmm1", 0x9abcdef04b800000, 0x1234567890abcdef, 0x3f800000, 0x5555555555555555, 0x9abcdef04b7fffff, 0x1234567890abcdef   /* 16777216.0 sub 1.0 (single) */
        F "mulss %xmm2,%xmm1", 0x9abcdef03fc00000, 0x1234567890abcdef, 0x40100000, 0x5555555555555555, 0x9abcdef040580000, 0x1234567890abcdef   /* 1.5 mul 2.25 (single) */
        F "mulss %xmm2,%xmm1", 0x9abcdef03dcccccd, 0x1234567890abcdef, 0x3e4ccccd, 0x5555555555555555, 0x9abcdef03ca3d70b, 0x1234567890abcdef   /* 0.1 mul 0.2 (single) */
        F "mulss %xmm2,%xmm1", 0x9abcdef03f800000, 0x1234567890abcdef, 0x40400000, 0x5555555555555555, 0x9abcdef040400000, 0x1234567890abcdef   /* 1.0 mul 3.0 (single) */
        F "mulss %xmm2,%xmm1", 0x9abcdef07f61b1e6, 0x1234567890abcdef, 0x41200000, 0x5555555555555555, 0x9abcdef07f800000, 0x1234567890abcdef   /* 3e+38 mul 10.0 (single) */
        F "mulss %xmm2,%xmm1", 0x9abcdef04b800000, 0x1234567890abcdef, 0x3f800000, 0x5555555555555555, 0x9abcdef04b800000, 0x1234567890abcdef   /* 16777216.0 mul 1.0 (single) */
        F "divss %xmm2,%xmm1", 0x9abcdef03fc00000, 0x1234567890abcdef, 0x40100000, 0x5555555555555555, 0x9abcdef03f2aaaab, 0x1234567890abcdef   /* 1.5 div 2.25 (single) */
        F "divss %xmm2,%xmm1", 0x9abcdef03dcccccd, 0x1234567890abcdef, 0x3e4ccccd, 0x5555555555555555, 0x9abcdef03f000000, 0x1234567890abcdef   /* 0.1 div 0.2 (single) */
        F "divss %xmm2,%xmm1", 0x9abcdef03f800000, 0x1234567890abcdef, 0x40400000, 0x5555555555555555, 0x9abcdef03eaaaaab, 0x1234567890abcdef   /* 1.0 div 3.0 (single) */
        F "divss %xmm2,%xmm1", 0x9abcdef07f61b1e6, 0x1234567890abcdef, 0x41200000, 0x5555555555555555, 0x9abcdef07db48e52, 0x1234567890abcdef   /* 3e+38 div 10.0 (single) */
        F "divss %xmm2,%xmm1", 0x9abcdef04b800000, 0x1234567890abcdef, 0x3f800000, 0x5555555555555555, 0x9abcdef04b800000, 0x1234567890abcdef   /* 16777216.0 div 1.0 (single) */
        F "divss %xmm2,%xmm1", 0x9abcdef000000000, 0x1234567890abcdef, 0x0, 0x5555555555555555, 0x9abcdef0ffc00000, 0x1234567890abcdef   /* 0/0 single: default NaN */
        F "sqrtss %xmm2,%xmm1", 0x9abcdef000000000, 0x1234567890abcdef, 0x40000000, 0x5555555555555555, 0x9abcdef03fb504f3, 0x1234567890abcdef
        F "minss %xmm2,%xmm1", 0x9abcdef03f800000, 0x1234567890abcdef, 0xbf800000, 0x5555555555555555, 0x9abcdef0bf800000, 0x1234567890abcdef
        F "maxss %xmm2,%xmm1", 0x9abcdef07fc00001, 0x1234567890abcdef, 0xbf800000, 0x5555555555555555, 0x9abcdef0bf800000, 0x1234567890abcdef
        F "addss %xmm2,%xmm1", 0x9abcdef07fc00001, 0x1234567890abcdef, 0xffc00002, 0x5555555555555555, 0x9abcdef07fc00001, 0x1234567890abcdef
        F "addps %xmm2,%xmm1", 0x400000003f800000, 0x4080000040400000, 0x3e8000003f000000, 0x322bcc77c0400000, 0x401000003fc00000, 0x4080000000000000
        F "mulps %xmm2,%xmm1", 0xc00000003fc00000, 0x60ad78ec40400000, 0x4000000040000000, 0x60ad78ecbf000000, 0xc080000040400000, 0x7f800000bfc00000
        F "subps %xmm2,%xmm1", 0x400000003f800000, 0x4080000040400000, 0x4040000040800000, 0x3f80000040000000, 0xbf800000c0400000, 0x404000003f800000
        F "divps %xmm2,%xmm1", 0x400000003f800000, 0x4080000040400000, 0x40e0000040400000, 0xc100000041100000, 0x3e9249253eaaaaab, 0xbf0000003eaaaaab
        /* memory source */
        LOADX %xmm1, ONE, 0x77
        addsd two(%rip), %xmm1
        mulss twof(%rip), %xmm1
        CHECKX %xmm1, 0x4008000000000000, 0x77
        /* ---- ucomisd / comisd: ZF,PF,CF = unordered 111, less 001, equal 100, greater 000 ---- */
        U "ucomisd %xmm2,%xmm1", ONE, 0x4000000000000000, CF
        U "ucomisd %xmm2,%xmm1", 0x4000000000000000, ONE, 0
        U "ucomisd %xmm2,%xmm1", ONE, ONE, ZF
        U "ucomisd %xmm2,%xmm1", 0x8000000000000000, 0, ZF                 /* -0 == +0 */
        U "ucomisd %xmm2,%xmm1", QNAN1, ONE, ZF|PF|CF
        U "ucomisd %xmm2,%xmm1", ONE, 0x7ff0000000000001, ZF|PF|CF
        U "comisd %xmm2,%xmm1", 0xfff0000000000000, ONE, CF              /* -inf < 1 */
        U "comisd %xmm2,%xmm1", ONE, QNAN1, ZF|PF|CF
        U "ucomiss %xmm2,%xmm1", 0x3f800000, 0xbf800000, 0
        U "comiss %xmm2,%xmm1", 0x7fc00000, 0, ZF|PF|CF
        /* ---- int -> float ---- */
        S "cvtsi2sdl %eax,%xmm1", 0xfffffffb, 0xc014000000000000, 0x2222222222222222
        S "cvtsi2sdl %eax,%xmm1", 0xffffffff00000007, 0x401c000000000000, 0x2222222222222222
        S "cvtsi2sdq %rax,%xmm1", 0x7fffffffffffffff, 0x43e0000000000000, 0x2222222222222222
        S "cvtsi2sdq %rax,%xmm1", 0xffffffffffffffff, 0xbff0000000000000, 0x2222222222222222
        S "cvtsi2ssl %eax,%xmm1", 16777217, 0x111111114b800000, 0x2222222222222222
        S "cvtsi2ssq %rax,%xmm1", 0x8000000000000000, 0x11111111df000000, 0x2222222222222222
        S "cvtsi2sdl val32(%rip),%xmm1", 0, 0xc014000000000000, 0x2222222222222222
        /* ---- float -> int, truncating ---- */
        G "cvttsd2si %xmm1,%eax", 0x4007333333333333, -1, 2
        G "cvttsd2si %xmm1,%eax", 0xc007333333333333, -1, 0xfffffffe
        G "cvttsd2si %xmm1,%eax", 0x41e65a0bc0000000, -1, 0x80000000          /* 3e9: out of range */
        G "cvttsd2si %xmm1,%eax", QNAN1, -1, 0x80000000
        G "cvttsd2si %xmm1,%rax", 0xc007333333333333, 0, 0xfffffffffffffffe
        G "cvttsd2si %xmm1,%rax", 0x41e65a0bc0000000, 0, 3000000000
        G "cvttsd2si %xmm1,%rax", 0x43e158e460913d00, 0, 0x8000000000000000  /* 1e19 */
        G "cvttsd2si %xmm1,%rax", 0xfff0000000000000, 0, 0x8000000000000000  /* -inf */
        G "cvttss2si %xmm1,%eax", 0xc0200000, -1, 0xfffffffe                 /* -2.5f */
        G "cvttss2si %xmm1,%rax", 0x3fc00000, -1, 1
        /* ---- float -> int, rounding to nearest even ---- */
        G "cvtsd2si %xmm1,%eax", 0x4004000000000000, -1, 2                     /* 2.5 */
        G "cvtsd2si %xmm1,%eax", 0x400c000000000000, -1, 4                     /* 3.5 */
        G "cvtsd2si %xmm1,%eax", 0xc004000000000000, -1, 0xfffffffe            /* -2.5 */
        G "cvtsd2si %xmm1,%rax", 0xc00c000000000000, 0, 0xfffffffffffffffc    /* -3.5 */
        G "cvtsd2si %xmm1,%eax", 0x41dfffffffd9999a, -1, 0x7fffffff            /* 2147483647.4 */
        G "cvtsd2si %xmm1,%eax", 0x41dfffffffe66666, -1, 0x80000000            /* 2147483647.6 */
        G "cvtsd2si %xmm1,%rax", 0x43e0000000000000, 0, 0x8000000000000000    /* 2^63 */
        G "cvtss2si %xmm1,%eax", 0xc0200000, -1, 0xfffffffe                   /* -2.5f */
        /* ---- float <-> double ---- */
        F "cvtss2sd %xmm2,%xmm1", 0, 0x99, 0x3dcccccd, 0, 0x3fb99999a0000000, 0x99
        F "cvtss2sd %xmm2,%xmm1", 0, 0x99, 0x7f800001, 0, 0x7ff8000020000000, 0x99      /* sNaN quietened */
        F "cvtss2sd %xmm2,%xmm1", 0, 0x99, 0xff800000, 0, 0xfff0000000000000, 0x99
        F "cvtsd2ss %xmm2,%xmm1", 0x1111111111111111, 0x99, 0x3fb999999999999a, 0, 0x111111113dcccccd, 0x99
        F "cvtsd2ss %xmm2,%xmm1", 0x1111111111111111, 0x99, 0x7e37e43c8800759c, 0, 0x111111117f800000, 0x99
        F "cvtsd2ss %xmm2,%xmm1", 0x1111111111111111, 0x99, 0x7ff8000020000000, 0, 0x111111117fc00001, 0x99
        F "cvtsd2ss %xmm2,%xmm1", 0x1111111111111111, 0x99, 0x0000000000000001, 0, 0x1111111100000000, 0x99
        F "cvtdq2pd %xmm2,%xmm1", 0, 0, 0x7fffffffffffffff, 0x99, 0xbff0000000000000, 0x41dfffffffc00000
        END_TEST

        .data
        .balign 8
two:    .double 2.0
twof:   .float 1.0
val32:  .long -5
