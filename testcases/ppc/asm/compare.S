/* compare.S — cmpw/cmplw/cmpwi/cmplwi (and the long cmp/cmpl/cmpi/cmpli forms) into CR fields
 * 0-6 (LT/GT/EQ plus a copy of XER[SO]), the eight CR logical operations and their extended
 * mnemonics, mcrf, mfcr/mtcrf with partial masks, mfocrf/mtocrf, and mcrxr (copies XER[0:3]
 * into a CR field and clears them). cr7 belongs to check.inc, so compares into it are done
 * with the result moved out before any CHECK. */
#include "check.inc"

        .equ SO, 0x80000000

/* CMP3 "insn", a, b, xer_in, cr_out: CR cleared, r3 = a, r4 = b, then insn; checks the CR. */
.macro CMP3 insn, a, b, xin, crx
        SETUP \a, \b, \xin
        li r6, 0
        \insn
        VERIFY 0, \crx, \xin
.endm

/* CRL "insn", cr_in, cr_out: the whole CR set to cr_in, then insn; checks the CR. */
.macro CRL insn, crin, crx
        SETUP 0, 0, 0
        LI32 r5, \crin
        mtcrf 0xff, r5
        li r6, 0
        \insn
        VERIFY 0, \crx, 0
.endm

        BEGIN_TEST
        /* ---- cmpw/cmplw/cmpwi/cmplwi into every field but cr7 ---- */
        CMP3 "cmpw cr0, r3, r4", 0x00000001, 0x00000002, 0x80000000, 0x90000000
        CMP3 "cmplw cr1, r3, r4", 0x00000001, 0x00000002, 0x00000000, 0x08000000
        CMP3 "cmpw cr2, r3, r4", 0x00000002, 0x00000001, 0x00000000, 0x00400000
        CMP3 "cmplw cr3, r3, r4", 0x00000002, 0x00000001, 0x80000000, 0x00050000
        CMP3 "cmpw cr4, r3, r4", 0x00000005, 0x00000005, 0x00000000, 0x00002000
        CMP3 "cmplw cr5, r3, r4", 0x00000005, 0x00000005, 0x00000000, 0x00000200
        CMP3 "cmpw cr6, r3, r4", 0xffffffff, 0x00000001, 0x80000000, 0x00000090
        CMP3 "cmplw cr0, r3, r4", 0xffffffff, 0x00000001, 0x00000000, 0x40000000
        CMP3 "cmpw cr1, r3, r4", 0x00000001, 0xffffffff, 0x00000000, 0x04000000
        CMP3 "cmplw cr2, r3, r4", 0x00000001, 0xffffffff, 0x80000000, 0x00900000
        CMP3 "cmpw cr3, r3, r4", 0x80000000, 0x7fffffff, 0x00000000, 0x00080000
        CMP3 "cmplw cr4, r3, r4", 0x80000000, 0x7fffffff, 0x00000000, 0x00004000
        CMP3 "cmpw cr5, r3, r4", 0x00000000, 0x00000000, 0x80000000, 0x00000300
        CMP3 "cmplw cr6, r3, r4", 0x00000000, 0x00000000, 0x00000000, 0x00000020
        CMP3 "cmpw cr0, r3, r4", 0x00007fff, 0xffff8000, 0x00000000, 0x40000000
        CMP3 "cmplw cr1, r3, r4", 0x00007fff, 0xffff8000, 0x80000000, 0x09000000
        CMP3 "cmpwi cr2, r3, 5", 0x00000005, 0, 0x00000000, 0x00200000
        CMP3 "cmpwi cr3, r3, -1", 0x00000005, 0, 0x00000000, 0x00040000
        CMP3 "cmpwi cr4, r3, -1", 0xffffffff, 0, 0x80000000, 0x00003000
        CMP3 "cmpwi cr5, r3, -32768", 0xffff8000, 0, 0x00000000, 0x00000200
        CMP3 "cmpwi cr6, r3, 32767", 0x80000000, 0, 0x00000000, 0x00000080
        CMP3 "cmpwi cr0, r3, 0", 0x7fffffff, 0, 0x80000000, 0x50000000
        CMP3 "cmplwi cr1, r3, 5", 0x00000005, 0, 0x00000000, 0x02000000
        CMP3 "cmplwi cr2, r3, 65535", 0x00000005, 0, 0x00000000, 0x00800000
        CMP3 "cmplwi cr3, r3, 65535", 0xffffffff, 0, 0x80000000, 0x00050000
        CMP3 "cmplwi cr4, r3, 65535", 0x0000ffff, 0, 0x00000000, 0x00002000
        CMP3 "cmplwi cr5, r3, 65535", 0x00010000, 0, 0x00000000, 0x00000400
        CMP3 "cmplwi cr6, r3, 0", 0x00000000, 0, 0x80000000, 0x00000030
        CMP3 "cmp cr2, 0, r3, r4", 0xfffffffe, 0x00000001, 0, 0x00800000
        CMP3 "cmpl cr5, 0, r3, r4", 0xfffffffe, 0x00000001, 0, 0x00000400
        CMP3 "cmpi cr1, 0, r3, -2", 0xfffffffe, 0, 0, 0x02000000
        CMP3 "cmpli cr6, 0, r3, 0xfffe", 0xfffffffe, 0, 0, 0x00000040
        /* ---- CR logical operations on bits of a known CR ---- */
        CRL "crand 0, 1, 2", 0x12345678, 0x12345678
        CRL "crand 31, 3, 4", 0xf0f0a5a5, 0xf0f0a5a4
        CRL "crand 17, 30, 7", 0x0ff00ff0, 0x0ff00ff0
        CRL "crand 5, 5, 5", 0x9c3e5a71, 0x9c3e5a71
        CRL "crand 12, 0, 31", 0x12345678, 0x12345678
        CRL "cror 0, 1, 2", 0xf0f0a5a5, 0xf0f0a5a5
        CRL "cror 31, 3, 4", 0x0ff00ff0, 0x0ff00ff1
        CRL "cror 17, 30, 7", 0x9c3e5a71, 0x9c3e1a71
        CRL "cror 5, 5, 5", 0x12345678, 0x12345678
        CRL "cror 12, 0, 31", 0xf0f0a5a5, 0xf0f8a5a5
        CRL "crxor 0, 1, 2", 0x0ff00ff0, 0x0ff00ff0
        CRL "crxor 31, 3, 4", 0x9c3e5a71, 0x9c3e5a70
        CRL "crxor 17, 30, 7", 0x12345678, 0x12341678
        CRL "crxor 5, 5, 5", 0xf0f0a5a5, 0xf0f0a5a5
        CRL "crxor 12, 0, 31", 0x0ff00ff0, 0x0ff00ff0
        CRL "crnand 0, 1, 2", 0x9c3e5a71, 0x9c3e5a71
        CRL "crnand 31, 3, 4", 0x12345678, 0x12345679
        CRL "crnand 17, 30, 7", 0xf0f0a5a5, 0xf0f0e5a5
        CRL "crnand 5, 5, 5", 0x0ff00ff0, 0x0bf00ff0
        CRL "crnand 12, 0, 31", 0x9c3e5a71, 0x9c365a71
        CRL "crnor 0, 1, 2", 0x12345678, 0x92345678
        CRL "crnor 31, 3, 4", 0xf0f0a5a5, 0xf0f0a5a4
        CRL "crnor 17, 30, 7", 0x0ff00ff0, 0x0ff00ff0
        CRL "crnor 5, 5, 5", 0x9c3e5a71, 0x983e5a71
        CRL "crnor 12, 0, 31", 0x12345678, 0x123c5678
        CRL "creqv 0, 1, 2", 0xf0f0a5a5, 0xf0f0a5a5
        CRL "creqv 31, 3, 4", 0x0ff00ff0, 0x0ff00ff0
        CRL "creqv 17, 30, 7", 0x9c3e5a71, 0x9c3e5a71
        CRL "creqv 5, 5, 5", 0x12345678, 0x16345678
        CRL "creqv 12, 0, 31", 0xf0f0a5a5, 0xf0f8a5a5
        CRL "crandc 0, 1, 2", 0x0ff00ff0, 0x0ff00ff0
        CRL "crandc 31, 3, 4", 0x9c3e5a71, 0x9c3e5a70
        CRL "crandc 17, 30, 7", 0x12345678, 0x12341678
        CRL "crandc 5, 5, 5", 0xf0f0a5a5, 0xf0f0a5a5
        CRL "crandc 12, 0, 31", 0x0ff00ff0, 0x0ff00ff0
        CRL "crorc 0, 1, 2", 0x9c3e5a71, 0x9c3e5a71
        CRL "crorc 31, 3, 4", 0x12345678, 0x12345679
        CRL "crorc 17, 30, 7", 0xf0f0a5a5, 0xf0f0e5a5
        CRL "crorc 5, 5, 5", 0x0ff00ff0, 0x0ff00ff0
        CRL "crorc 12, 0, 31", 0x9c3e5a71, 0x9c3e5a71
        /* ---- extended mnemonics ---- */
        CRL "crset 2", 0x00000000, 0x20000000
        CRL "crclr 31", 0xffffffff, 0xfffffffe
        CRL "crnot 4, 0", 0x80000000, 0x80000000
        CRL "crnot 4, 0", 0x00000000, 0x08000000
        CRL "crmove 29, 1", 0x40000000, 0x40000004
        /* ---- mcrf: copy one field to another ---- */
        CRL "mcrf cr0, cr7", 0x0000000a, 0xa000000a
        CRL "mcrf cr6, cr1", 0x05000000, 0x05000050
        CRL "mcrf cr3, cr3", 0x12345678, 0x12345678
        CRL "mcrf cr7, cr0", 0xf0000000, 0xf000000f
        /* ---- mtcrf with partial masks (FXM bit 0x80 = cr0 ... 0x01 = cr7) ---- */
        LI32 r5, 0x11111111
        mtcrf 0xff, r5
        LI32 r5, 0xabcdef01
        mtcrf 0x81, r5
        mfcr r6
        CHECK r6, 0xa1111111
        LI32 r5, 0x00000000
        LI32 r7, 0x76543210
        mtcrf 0xff, r5
        mtcrf 0x3c, r7          /* cr2..cr5 */
        mfcr r6
        CHECK r6, 0x00543200
        mtcrf 0x00, r7          /* empty mask: nothing changes (cr7 = EQ from the CHECK) */
        mfcr r6
        CHECK r6, 0x00543202
        /* mtcr (all fields) */
        LI32 r7, 0xdeadbeef
        mtcr r7
        mfcr r6
        CHECK r6, 0xdeadbeef
        /* ---- mtocrf / mfocrf: one field; qemu-ppc 10 reads the other fields of mfocrf as 0 ---- */
        LI32 r5, 0x12345678
        mtcr r5
        LI32 r7, 0xfedcba98
        mtocrf 0x20, r7         /* cr2 only */
        mfcr r6
        CHECK r6, 0x12d45678
        mfocrf r6, 0x20
        CHECK r6, 0x00d00000
        mfocrf r6, 0x80
        CHECK r6, 0x10000000
        mfocrf r6, 0x02
        CHECK r6, 0x00000070
        /* ---- mcrxr: XER[SO,OV,CA,0] -> CR field, and those XER bits cleared ---- */
        LI32 r5, 0xe000007f
        mtxer r5
        li r0, 0
        mtcr r0
        mcrxr cr3
        mfcr r6
        mfxer r7
        CHECK r6, 0x000e0000
        CHECK r7, 0x0000007f
        LI32 r5, 0x20000000
        mtxer r5
        mcrxr cr0
        mfcr r6
        mfxer r7
        CHECK r6, 0x200e0002    /* cr7 = EQ from the last CHECK */
        CHECK r7, 0
        /* ---- a compare into cr7, moved out before CHECK touches cr7 ---- */
        li r3, -5
        cmpwi cr7, r3, -5
        mfcr r6
        rlwinm r6, r6, 0, 28, 31
        CHECK r6, 0x2
        cmplwi cr7, r3, 5
        mfcr r6
        rlwinm r6, r6, 0, 28, 31
        CHECK r6, 0x4
        /* record forms after a compare leave the other fields alone */
        li r0, 0
        mtcr r0
        li r3, 1
        li r4, 2
        cmpw cr4, r3, r4
        and. r5, r3, r4
        mfcr r6
        CHECK r6, 0x20008000
        li r0, 0
        mtxer r0
        END_TEST
