/* fsqrt.S — fsqrt and fsqrts (correctly rounded), sqrt of -0, +inf, denormals and NaNs,
 * VXSQRT for negative operands (default NaN), and the FPSCR they leave.
 * qemu-cpu: e600   (qemu's default 32-bit CPU, a 750, has no fsqrt; record.sh and the
 * Makefile's check run this file with the CPU named on this line) */
#include "check.inc"

/* SQ insn, b, result, fpscr: FPSCR cleared, insn f3, f2(b); checks f3 and FPSCR without FR
 * (qemu-ppc 10 never sets FR; see fpscr.S). */
.macro SQ insn, bhi, blo, rhi, rlo, fpscr
        LOADF f2, \bhi, \blo
        mtfsf 0xff, f31
        \insn f3, f2
        mffs f30
        FSTW r6, f30
        rlwinm r6, r6, 0, 14, 12
        CHECKF f3, \rhi, \rlo
        CHECK r6, \fpscr
.endm

        BEGIN_TEST
        LOADF f31, 0, 0
        SQ fsqrt,  0x40100000, 0, 0x40000000, 0, 0x00004000                      /* 4 -> 2 exact */
        SQ fsqrt,  0x40000000, 0, 0x3ff6a09e, 0x667f3bcd, 0x82024000             /* sqrt 2 */
        SQ fsqrt,  0x3fb99999, 0x9999999a, 0x3fd43d13, 0x6248490f, 0x82024000    /* sqrt 0.1 */
        SQ fsqrt,  0x80000000, 0, 0x80000000, 0, 0x00012000                      /* -0 -> -0 */
        SQ fsqrt,  0x7ff00000, 0, 0x7ff00000, 0, 0x00005000                      /* +inf */
        SQ fsqrt,  0x00001268, 0x8b70e62b, 0x1fc12978, 0x72d9cbae, 0x82024000    /* denormal */
        SQ fsqrt,  0xbff00000, 0, 0x7ff80000, 0, 0xa0011200                      /* VXSQRT */
        SQ fsqrt,  0xfff00000, 0, 0x7ff80000, 0, 0xa0011200                      /* -inf */
        SQ fsqrt,  0x7ff80000, 7, 0x7ff80000, 7, 0x00011000                      /* QNaN */
        SQ fsqrt,  0xfff00000, 7, 0xfff80000, 7, 0xa1011000                      /* SNaN */
        SQ fsqrts, 0x40000000, 0, 0x3ff6a09e, 0x60000000, 0x82024000             /* single sqrt 2 */
        SQ fsqrts, 0x40220000, 0, 0x40080000, 0, 0x00004000                      /* 9 -> 3 */
        SQ fsqrts, 0xc0220000, 0, 0x7ff80000, 0, 0xa0011200
        END_TEST
