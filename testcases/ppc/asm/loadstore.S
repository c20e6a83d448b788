/* loadstore.S — integer loads and stores, big-endian: lbz/lhz/lha/lwz and stb/sth/stw in the
 * D, update (u), indexed (x) and update-indexed (ux) forms, sign extension of lha, rA = 0 in
 * indexed forms (the value 0), negative and unaligned displacements, byte-reversed lhbrx/lwbrx/
 * sthbrx/stwbrx, lmw/stmw, the string instructions lswi/lswx/stswi/stswx (partial last
 * register, register wrap r31 -> r0, XER byte count), lwarx/stwcx. (success sets CR0[EQ],
 * a stwcx. without reservation fails and stores nothing), dcbz (zeroes the aligned 32-byte
 * block, the cache line size of qemu's default 750 CPU) and the cache/sync hints as no-ops. */
#include "check.inc"

        BEGIN_TEST
        lis r10, buf@ha
        addi r10, r10, buf@l
        lis r20, wbuf@ha
        addi r20, r20, wbuf@l
        /* ---- D-form loads ---- */
        lbz r3, 0(r10)
        CHECK r3, 0x80
        lbz r3, 15(r10)
        CHECK r3, 0x7f
        lhz r3, 0(r10)
        CHECK r3, 0x8081
        lha r3, 0(r10)
        CHECK r3, 0xffff8081
        lha r3, 12(r10)
        CHECK r3, 0x7c7d
        lwz r3, 4(r10)
        CHECK r3, 0x84858687
        lwz r3, 1(r10)          /* unaligned */
        CHECK r3, 0x81828384
        lhz r3, 7(r10)          /* unaligned, crosses a word */
        CHECK r3, 0x8708
        addi r11, r10, 16
        lwz r3, -8(r11)
        CHECK r3, 0x08090a0b
        /* ---- update forms: EA goes to rA ---- */
        mr r11, r10
        lbzu r3, 3(r11)
        subf r4, r10, r11
        CHECK r3, 0x83
        CHECK r4, 3
        addi r11, r10, 10
        lhau r3, -2(r11)
        subf r4, r10, r11
        CHECK r3, 0x0809
        CHECK r4, 8
        lhzu r3, 4(r11)
        subf r4, r10, r11
        CHECK r3, 0x7c7d
        CHECK r4, 12
        mr r11, r10
        lwzu r3, 8(r11)
        subf r4, r10, r11
        CHECK r3, 0x08090a0b
        CHECK r4, 8
        /* ---- indexed and update-indexed ---- */
        li r12, 13
        lbzx r3, r10, r12
        CHECK r3, 0x7d
        li r12, 14
        lhzx r3, r10, r12
        CHECK r3, 0x7e7f
        li r12, 0
        lhax r3, r10, r12
        CHECK r3, 0xffff8081
        addi r13, r10, 8
        lwzx r3, 0, r13         /* rA = 0: EA = rB */
        CHECK r3, 0x08090a0b
        lbzx r3, 0, r13
        CHECK r3, 0x08
        mr r11, r10
        li r12, 2
        lhaux r3, r11, r12
        subf r4, r10, r11
        CHECK r3, 0xffff8283
        CHECK r4, 2
        lwzux r3, r11, r12
        subf r4, r10, r11
        CHECK r3, 0x84858687
        CHECK r4, 4
        li r12, -1
        lbzux r3, r11, r12
        subf r4, r10, r11
        CHECK r3, 0x83
        CHECK r4, 3
        li r12, 9
        lhzux r3, r11, r12
        subf r4, r10, r11
        CHECK r3, 0x7c7d
        CHECK r4, 12
        /* ---- byte-reversed loads ---- */
        li r12, 0
        lhbrx r3, r10, r12
        CHECK r3, 0x8180
        lwbrx r3, r10, r12
        CHECK r3, 0x83828180
        lwbrx r3, 0, r13
        CHECK r3, 0x0b0a0908
        /* ---- stores ---- */
        LI32 r3, 0x11223344
        LI32 r4, 0xaabbccdd
        stw r3, 0(r20)
        lbz r5, 0(r20)
        lbz r6, 1(r20)
        lbz r7, 2(r20)
        lbz r8, 3(r20)
        CHECK r5, 0x11
        CHECK_SAME r6, 0x22
        CHECK_SAME r7, 0x33
        CHECK_SAME r8, 0x44
        sth r3, 4(r20)
        stb r3, 6(r20)
        lwz r5, 4(r20)
        CHECK r5, 0x33444400
        mr r21, r20
        stwu r3, 8(r21)
        subf r6, r20, r21
        CHECK r6, 8
        sthu r4, 2(r21)
        subf r6, r20, r21
        CHECK r6, 10
        li r5, 0x55
        stbu r5, 1(r21)
        subf r6, r20, r21
        CHECK r6, 11
        lwz r5, 8(r20)
        CHECK r5, 0x1122cc55
        li r12, 12
        stwx r4, r20, r12
        lwz r5, 12(r20)
        CHECK r5, 0xaabbccdd
        li r12, 16
        sthx r3, r20, r12
        li r12, 18
        stbx r4, r20, r12
        lwz r5, 16(r20)
        CHECK r5, 0x3344dd00
        mr r21, r20
        li r12, 20
        stwux r3, r21, r12
        subf r6, r20, r21
        CHECK r6, 20
        li r12, -2
        sthux r4, r21, r12
        subf r6, r20, r21
        CHECK r6, 18
        li r12, 5
        stbux r3, r21, r12
        subf r6, r20, r21
        CHECK r6, 23
        lwz r5, 16(r20)
        lwz r6, 20(r20)
        CHECK r5, 0x3344ccdd
        CHECK r6, 0x11223344
        /* byte-reversed stores */
        li r12, 24
        sthbrx r4, r20, r12
        li r12, 28
        stwbrx r4, r20, r12
        lwz r5, 24(r20)
        lwz r6, 28(r20)
        CHECK r5, 0xddcc0000
        CHECK r6, 0xddccbbaa
        /* unaligned store across a word boundary */
        stw r4, 33(r20)
        lwz r5, 32(r20)
        lbz r6, 36(r20)
        CHECK r5, 0x00aabbcc
        CHECK r6, 0xdd
        sth r3, 39(r20)
        lwz r5, 36(r20)
        lbz r6, 40(r20)
        CHECK r5, 0xdd000033
        CHECK r6, 0x44
        /* ---- stmw / lmw (r28-r30 are check.inc's: copied out before any CHECK) ---- */
        LI32 r24, 0x24242424
        LI32 r25, 0x25252525
        LI32 r26, 0x26262626
        LI32 r27, 0x27272727
        LI32 r28, 0x28282828
        LI32 r29, 0x29292929
        LI32 r30, 0x30303030
        LI32 r31, 0x31313131
        stmw r24, 64(r20)
        lwz r3, 64(r20)
        lwz r4, 76(r20)
        lwz r5, 80(r20)
        lwz r6, 92(r20)
        CHECK r3, 0x24242424
        CHECK_SAME r4, 0x27272727
        CHECK_SAME r5, 0x28282828
        CHECK_SAME r6, 0x31313131
        li r24, 0
        li r25, 0
        li r26, 0
        li r27, 0
        li r31, 0
        lmw r25, 64(r20)        /* r25..r31 = words 0..6 */
        mr r3, r28
        mr r4, r29
        mr r5, r30
        CHECK r24, 0
        CHECK_SAME r25, 0x24242424
        CHECK_SAME r27, 0x26262626
        CHECK_SAME r3, 0x27272727
        CHECK_SAME r4, 0x28282828
        CHECK_SAME r5, 0x29292929
        CHECK_SAME r31, 0x30303030
        /* ---- string instructions ---- */
        lswi r3, r10, 7         /* 7 bytes: r3 full, r4 left-justified, zero-filled */
        CHECK r3, 0x80818283
        CHECK_SAME r4, 0x84858600
        lswi r3, r10, 10
        CHECK r3, 0x80818283
        CHECK_SAME r4, 0x84858687
        CHECK_SAME r5, 0x08090000
        lswi r20, r10, 0        /* NB = 0 means 32 bytes: r20..r27 */
        mr r3, r20
        lis r20, wbuf@ha
        addi r20, r20, wbuf@l
        CHECK r3, 0x80818283
        CHECK_SAME r23, 0x7c7d7e7f
        CHECK_SAME r24, 0x10111213
        CHECK_SAME r27, 0x1c1d1e1f
        li r0, -1
        lswi r31, r10, 6        /* wraps from r31 to r0 */
        CHECK r31, 0x80818283
        CHECK_SAME r0, 0x84850000
        li r3, 5
        mtxer r3                /* byte count 5 */
        li r12, 2
        lswx r3, r10, r12
        CHECK r3, 0x82838485
        CHECK_SAME r4, 0x86000000
        li r3, 13
        mtxer r3
        addi r11, r10, 16
        lswx r5, 0, r11         /* rA = 0 */
        CHECK r5, 0x10111213
        CHECK_SAME r7, 0x18191a1b
        CHECK_SAME r8, 0x1c000000
        LI32 r3, 0x41424344
        LI32 r4, 0x45464748
        LI32 r5, 0x494a4b4c
        stswi r3, r20, 6
        lwz r6, 0(r20)
        lwz r7, 4(r20)
        CHECK r6, 0x41424344
        CHECK_SAME r7, 0x45464400   /* the bytes after the 6th are untouched */
        li r12, 1
        li r0, 9
        mtxer r0
        stswx r3, r20, r12      /* 9 bytes at wbuf+1 */
        lwz r6, 0(r20)
        lwz r7, 4(r20)
        lwz r8, 8(r20)
        CHECK r6, 0x41414243
        CHECK_SAME r7, 0x44454647
        CHECK_SAME r8, 0x4849cc55
        li r0, 0
        mtxer r0
        stswi r3, r20, 0        /* 32 bytes from r3..r10 */
        lwz r6, 28(r20)
        subf r6, r10, r6        /* the last word is r10 (buf's address) */
        CHECK r6, 0
        lwz r6, 8(r20)
        CHECK r6, 0x494a4b4c
        /* ---- lwarx / stwcx. ---- */
        addi r11, r20, 128
        li r3, 77
        stw r3, 0(r11)
        li r0, 0
        mtcr r0
        lwarx r4, 0, r11
        addi r4, r4, 1
        stwcx. r4, 0, r11
        mfcr r5
        lwz r6, 0(r11)
        CHECK r4, 78
        CHECK_SAME r5, 0x20000000   /* CR0 = EQ: stored */
        CHECK_SAME r6, 78
        li r4, 99
        stwcx. r4, 0, r11           /* the reservation is gone */
        mfcr r5
        lwz r6, 0(r11)
        rlwinm r5, r5, 0, 0, 3
        CHECK r5, 0
        CHECK_SAME r6, 78
        LI32 r0, 0x80000000
        mtxer r0
        li r0, 0
        mtcr r0
        li r12, 128
        lwarx r4, r20, r12
        stwcx. r4, r20, r12
        mfcr r5
        CHECK r5, 0x30000000        /* EQ and a copy of XER[SO] */
        li r0, 0
        mtxer r0
        /* an atomic increment loop, as glibc writes it */
        li r12, 10
        mtctr r12
1:      lwarx r4, 0, r11
        addi r4, r4, 2
        stwcx. r4, 0, r11
        bne- 1b
        bdnz 1b
        lwz r6, 0(r11)
        CHECK r6, 98
        /* ---- dcbz: zeroes the 32-byte block containing the address ---- */
        addi r11, r20, 256
        li r3, -1
        li r12, 24
        mtctr r12
        mr r13, r11
2:      stw r3, 0(r13)
        addi r13, r13, 4
        bdnz 2b                 /* 96 bytes of 0xff at wbuf+256 */
        li r12, 37
        dcbz r11, r12           /* wbuf+293 -> block wbuf+288..319 */
        lwz r4, 28(r11)
        lwz r5, 32(r11)
        lwz r6, 60(r11)
        lwz r7, 64(r11)
        CHECK r4, 0xffffffff
        CHECK_SAME r5, 0
        CHECK_SAME r6, 0
        CHECK_SAME r7, 0xffffffff
        /* ---- cache and ordering hints: no architectural effect here ---- */
        dcbt 0, r10
        dcbtst 0, r20
        dcbst 0, r20
        dcbf 0, r20
        icbi 0, r10
        sync
        isync
        eieio
        lwz r3, 0(r20)
        CHECK r3, 0x41424344
        END_TEST

        .data
        .balign 64
buf:    .byte 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x08, 0x09, 0x0a, 0x0b, 0x7c, 0x7d, 0x7e, 0x7f
        .byte 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f
        .balign 64
wbuf:   .space 512
