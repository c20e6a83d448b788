/* isel.S — isel rD, rA, rB, BC: rD = CR bit BC ? (rA|0) : rB, for bits in several fields,
 * rA = 0 meaning the value 0, and rD equal to a source.
 * qemu-cpu: e500mc   (qemu's default 32-bit CPU, a 750, raises SIGILL on isel; record.sh and
 * the Makefile's check run this file with the CPU named on this line) */
#include "check.inc"

/* SELECT bc, cr_in, result: r6 = isel(r3 = 0x1111, r4 = 0x2222, bc) */
.macro SELECT bc, crin, res
        LI32 r5, \crin
        mtcr r5
        li r3, 0x1111
        li r4, 0x2222
        isel r6, r3, r4, \bc
        CHECK r6, \res
.endm

        BEGIN_TEST
        SELECT 0, 0x80000000, 0x1111
        SELECT 0, 0x7fffffff, 0x2222
        SELECT 2, 0x20000000, 0x1111
        SELECT 2, 0xdfffffff, 0x2222
        SELECT 3, 0x10000000, 0x1111
        SELECT 9, 0x00400000, 0x1111
        SELECT 9, 0xffbfffff, 0x2222
        SELECT 17, 0x00004000, 0x1111
        SELECT 23, 0x00000100, 0x1111
        SELECT 23, 0x00000000, 0x2222
        SELECT 31, 0x00000001, 0x1111
        SELECT 31, 0xfffffffe, 0x2222
        /* rA field 0 reads as the value 0 */
        LI32 r0, 0x12345678
        li r4, 0x3333
        LI32 r5, 0x80000000
        mtcr r5
        isel r6, 0, r4, 0
        CHECK r6, 0
        isel r6, 0, r4, 1
        CHECK r6, 0x3333
        /* after a compare, as gcc uses it: r6 = a < b ? a : b */
        li r3, -5
        li r4, 3
        cmpw cr1, r3, r4
        isel r6, r3, r4, 4
        CHECK r6, 0xfffffffb
        cmplw cr1, r3, r4
        isel r6, r3, r4, 4
        CHECK r6, 3
        /* rD = rB */
        li r3, 1
        li r4, 2
        crclr 0
        isel r4, r3, r4, 0
        CHECK r4, 2
        crset 0
        isel r4, r3, r4, 0
        CHECK r4, 1
        END_TEST
