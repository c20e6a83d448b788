/* branch.S — b/bl, bc with every class of BO (condition true/false, CTR decremented and tested
 * for zero or not, "always"; hint bits y/at set and clear), bclr/bcctr conditional forms,
 * bclr with CTR decrement, LR written by every LK=1 branch even when not taken, bcl 20,31 (the
 * get-the-pc idiom of PIC code), blrl, bctrl, extended mnemonics after compares, and a bdnz
 * loop. (isel is in isel.S: qemu's default 32-bit CPU does not have it.) */
#include "check.inc"

/* BCASE "bc BO, BI,", cr_in, ctr_in, taken, ctr_out: r6 = 1 if the branch was taken.
 * The "at" hint encodings of Power ISA 2.x (BO = 001at, 011at, 1a00t, 1a01t with a = 1) are
 * rejected by GAS for the classic CPUs, so they are spelled as .long words. */
.macro BCASE insn, crin, ctrin, taken, ctrout
        LI32 r5, \crin
        mtcr r5
        LI32 r5, \ctrin
        mtctr r5
        li r6, 1
        \insn 1f
        li r6, 0
1:      mfctr r7
        CHECK r6, \taken
        CHECK_SAME r7, \ctrout
.endm

/* BLRCASE "bclr BO, BI", cr_in, ctr_in, taken, ctr_out: branches to LR = the label after. */
.macro BLRCASE insn, crin, ctrin, taken, ctrout
        LI32 r5, \crin
        mtcr r5
        LI32 r5, \ctrin
        mtctr r5
        LI32 r5, 1f
        mtlr r5
        li r6, 1
        \insn
        li r6, 0
1:      mfctr r7
        CHECK r6, \taken
        CHECK_SAME r7, \ctrout
.endm

/* BCTRCASE "bcctr BO, BI", cr_in, taken: branches to CTR = the label after. */
.macro BCTRCASE insn, crin, taken
        LI32 r5, \crin
        mtcr r5
        LI32 r5, 1f
        mtctr r5
        li r6, 1
        \insn
        li r6, 0
1:      mfctr r7
        CHECK r6, \taken
        CHECK_SAME r7, 1b
.endm

        BEGIN_TEST
        /* ---- bc: every BO class, condition true/false, CTR reaching 0 or not ---- */
        BCASE "bc 0, 2,", 0x20000000, 0x00000001, 0, 0x00000000
        BCASE "bc 0, 3,", 0x20000000, 0x00000002, 1, 0x00000001
        BCASE "bc 1, 31,", 0x00000001, 0x00000001, 0, 0x00000000
        BCASE "bc 1, 31,", 0xfffffffe, 0x00000002, 1, 0x00000001
        BCASE "bc 2, 11,", 0x00100000, 0x00000001, 0, 0x00000000
        BCASE "bc 2, 2,", 0x20000000, 0x00000002, 0, 0x00000001
        BCASE "bc 3, 3,", 0x20000000, 0x00000001, 1, 0x00000000
        BCASE "bc 3, 31,", 0x00000001, 0x00000002, 0, 0x00000001
        BCASE "bc 4, 31,", 0xfffffffe, 0x00000001, 1, 0x00000001
        BCASE "bc 4, 11,", 0x00100000, 0x00000002, 0, 0x00000002
        BCASE "bc 5, 2,", 0x20000000, 0x00000001, 0, 0x00000001
        BCASE "bc 5, 3,", 0x20000000, 0x00000002, 1, 0x00000002
        BCASE ".long 0x40000000 | (6 << 21) | (31 << 16) | ((1f - .) & 0xfffc) #", 0x00000001, 0x00000001, 0, 0x00000001
        BCASE ".long 0x40000000 | (6 << 21) | (31 << 16) | ((1f - .) & 0xfffc) #", 0xfffffffe, 0x00000002, 1, 0x00000002
        BCASE ".long 0x40000000 | (7 << 21) | (11 << 16) | ((1f - .) & 0xfffc) #", 0x00100000, 0x00000001, 0, 0x00000001
        BCASE ".long 0x40000000 | (7 << 21) | (2 << 16) | ((1f - .) & 0xfffc) #", 0x20000000, 0x00000002, 0, 0x00000002
        BCASE "bc 8, 3,", 0x20000000, 0x00000001, 0, 0x00000000
        BCASE "bc 8, 31,", 0x00000001, 0x00000002, 1, 0x00000001
        BCASE "bc 9, 31,", 0xfffffffe, 0x00000001, 0, 0x00000000
        BCASE "bc 9, 11,", 0x00100000, 0x00000002, 1, 0x00000001
        BCASE "bc 10, 2,", 0x20000000, 0x00000001, 1, 0x00000000
        BCASE "bc 10, 3,", 0x20000000, 0x00000002, 0, 0x00000001
        BCASE "bc 11, 31,", 0x00000001, 0x00000001, 1, 0x00000000
        BCASE "bc 11, 31,", 0xfffffffe, 0x00000002, 0, 0x00000001
        BCASE "bc 12, 11,", 0x00100000, 0x00000001, 1, 0x00000001
        BCASE "bc 12, 2,", 0x20000000, 0x00000002, 1, 0x00000002
        BCASE "bc 13, 3,", 0x20000000, 0x00000001, 0, 0x00000001
        BCASE "bc 13, 31,", 0x00000001, 0x00000002, 1, 0x00000002
        BCASE ".long 0x40000000 | (14 << 21) | (31 << 16) | ((1f - .) & 0xfffc) #", 0xfffffffe, 0x00000001, 0, 0x00000001
        BCASE ".long 0x40000000 | (14 << 21) | (11 << 16) | ((1f - .) & 0xfffc) #", 0x00100000, 0x00000002, 1, 0x00000002
        BCASE ".long 0x40000000 | (15 << 21) | (2 << 16) | ((1f - .) & 0xfffc) #", 0x20000000, 0x00000001, 1, 0x00000001
        BCASE ".long 0x40000000 | (15 << 21) | (3 << 16) | ((1f - .) & 0xfffc) #", 0x20000000, 0x00000002, 0, 0x00000002
        BCASE "bc 16, 31,", 0x00000001, 0x00000001, 0, 0x00000000
        BCASE "bc 16, 31,", 0xfffffffe, 0x00000002, 1, 0x00000001
        BCASE "bc 17, 11,", 0x00100000, 0x00000001, 0, 0x00000000
        BCASE "bc 17, 2,", 0x20000000, 0x00000002, 1, 0x00000001
        BCASE "bc 18, 3,", 0x20000000, 0x00000001, 1, 0x00000000
        BCASE "bc 18, 31,", 0x00000001, 0x00000002, 0, 0x00000001
        BCASE "bc 19, 31,", 0xfffffffe, 0x00000001, 1, 0x00000000
        BCASE "bc 19, 11,", 0x00100000, 0x00000002, 0, 0x00000001
        BCASE "bc 20, 2,", 0x20000000, 0x00000001, 1, 0x00000001
        BCASE "bc 20, 3,", 0x20000000, 0x00000002, 1, 0x00000002
        BCASE ".long 0x40000000 | (24 << 21) | (31 << 16) | ((1f - .) & 0xfffc) #", 0x00000001, 0x00000001, 0, 0x00000000
        BCASE ".long 0x40000000 | (24 << 21) | (31 << 16) | ((1f - .) & 0xfffc) #", 0xfffffffe, 0x00000002, 1, 0x00000001
        BCASE ".long 0x40000000 | (25 << 21) | (11 << 16) | ((1f - .) & 0xfffc) #", 0x00100000, 0x00000001, 0, 0x00000000
        BCASE ".long 0x40000000 | (25 << 21) | (2 << 16) | ((1f - .) & 0xfffc) #", 0x20000000, 0x00000002, 1, 0x00000001
        BCASE ".long 0x40000000 | (26 << 21) | (3 << 16) | ((1f - .) & 0xfffc) #", 0x20000000, 0x00000001, 1, 0x00000000
        BCASE ".long 0x40000000 | (26 << 21) | (31 << 16) | ((1f - .) & 0xfffc) #", 0x00000001, 0x00000002, 0, 0x00000001
        BCASE ".long 0x40000000 | (27 << 21) | (31 << 16) | ((1f - .) & 0xfffc) #", 0xfffffffe, 0x00000001, 1, 0x00000000
        BCASE ".long 0x40000000 | (27 << 21) | (11 << 16) | ((1f - .) & 0xfffc) #", 0x00100000, 0x00000002, 0, 0x00000001
        /* CTR = 0 decrements to 0xffffffff: bdnz is taken */
        BCASE "bdnz", 0, 0, 1, 0xffffffff
        BCASE "bdz", 0, 0, 0, 0xffffffff
        /* ---- bclr (including CTR-decrementing forms) ---- */
        BLRCASE "bclr 4, 2", 0x20000000, 0x00000001, 0, 0x00000001
        BLRCASE "bclr 4, 2", 0x20000000, 0x00000003, 0, 0x00000003
        BLRCASE "bclr 12, 31", 0x00000001, 0x00000001, 1, 0x00000001
        BLRCASE "bclr 12, 31", 0xfffffffe, 0x00000003, 0, 0x00000003
        BLRCASE "bclr 20, 11", 0x00100000, 0x00000001, 1, 0x00000001
        BLRCASE "bclr 20, 2", 0x20000000, 0x00000003, 1, 0x00000003
        BLRCASE "bclr 16, 2", 0x20000000, 0x00000001, 0, 0x00000000
        BLRCASE "bclr 16, 31", 0x00000001, 0x00000003, 1, 0x00000002
        BLRCASE "bclr 18, 31", 0xfffffffe, 0x00000001, 1, 0x00000000
        BLRCASE "bclr 18, 11", 0x00100000, 0x00000003, 0, 0x00000002
        BLRCASE "bclr 8, 2", 0x20000000, 0x00000001, 0, 0x00000000
        BLRCASE "bclr 8, 2", 0x20000000, 0x00000003, 1, 0x00000002
        BLRCASE "bclr 0, 31", 0x00000001, 0x00000001, 0, 0x00000000
        BLRCASE "bclr 0, 31", 0xfffffffe, 0x00000003, 1, 0x00000002
        /* ---- bcctr (only the forms that leave CTR alone are valid) ---- */
        BCTRCASE "bcctr 4, 11", 0x00100000, 0
        BCTRCASE "bcctr 12, 2", 0x20000000, 1
        BCTRCASE "bcctr 20, 2", 0x20000000, 1
        BCTRCASE "bcctr 4, 31", 0x00000001, 0
        BCTRCASE "bcctr 12, 31", 0xfffffffe, 0
        /* ---- b / bl / blr and the value of LR ---- */
        li r6, 0
        b 1f
        li r6, 1
1:      CHECK r6, 0
        bl sub_set_r6
ret1:   mflr r7
        CHECK r6, 0x5a5a
        CHECK r7, ret1
        /* bcl 20,31,$+4: LR = the address of the next instruction (PIC get-pc idiom) */
        bcl 20, 31, here
here:   mflr r7
        CHECK r7, here
        /* a conditional branch with LK=1 sets LR even when it is not taken */
        li r0, 0
        mtcr r0
        LI32 r5, 0x11111110
        mtlr r5
        beql cr0, sub_set_r6
after_beql:
        mflr r7
        CHECK r7, after_beql
        /* bctrl: call through CTR */
        LI32 r5, sub_set_r6
        mtctr r5
        li r6, 0
        bctrl
ret2:   mflr r7
        CHECK r6, 0x5a5a
        CHECK r7, ret2
        /* blrl: branch to the old LR, LR = next instruction */
        LI32 r5, sub_return_lr_in_r7
        mtlr r5
        blrl
ret3:   CHECK r7, ret3
        /* nested calls with LR saved on the stack */
        li r6, 0
        bl sub_nested
        CHECK r6, 0x5a5b
        /* ---- extended mnemonics on compare results in several fields ---- */
        li r3, -3
        li r4, 7
        cmpw cr1, r3, r4        /* LT */
        cmplw cr2, r3, r4       /* GT (unsigned) */
        cmpwi cr3, r4, 7        /* EQ */
        li r6, 0
        blt cr1, 1f
        ori r6, r6, 0x1
1:      bgt cr2, 1f
        ori r6, r6, 0x2
1:      beq cr3, 1f
        ori r6, r6, 0x4
1:      bge cr1, 1f             /* not taken */
        ori r6, r6, 0x8
1:      ble cr2, 1f             /* not taken */
        ori r6, r6, 0x10
1:      bne cr3, 1f             /* not taken */
        ori r6, r6, 0x20
1:      bns cr1, 1f             /* taken: SO clear */
        ori r6, r6, 0x40
1:      bso cr1, 1f             /* not taken */
        ori r6, r6, 0x80
1:      CHECK r6, 0xb8          /* the four not-taken branches each set a bit */
        /* ---- a bdnz loop: sum 1..100 ---- */
        li r3, 100
        mtctr r3
        li r6, 0
        li r4, 1
2:      add r6, r6, r4
        addi r4, r4, 1
        bdnz 2b
        mfctr r7
        CHECK r6, 5050
        CHECK r7, 0
        /* a loop counted by compare-and-branch back, crossing many blocks */
        li r6, 0
        li r3, 0
3:      andi. r4, r3, 1
        beq 4f
        addi r6, r6, 3
        b 5f
4:      addi r6, r6, 1
5:      addi r3, r3, 1
        cmpwi cr5, r3, 1000
        blt cr5, 3b
        CHECK r6, 2000
        END_TEST

sub_set_r6:
        li r6, 0x5a5a
        blr
sub_return_lr_in_r7:
        mflr r7
        blr
sub_nested:
        mflr r0
        stwu r1, -16(r1)
        stw r0, 20(r1)
        bl sub_set_r6
        addi r6, r6, 1
        lwz r0, 20(r1)
        addi r1, r1, 16
        mtlr r0
        blr
