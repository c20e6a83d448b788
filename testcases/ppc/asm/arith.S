/* arith.S — fixed-point arithmetic: add/addc/adde/addme/addze, subf/subfc/subfe/subfme/subfze,
 * neg in all four forms (plain, Rc=1 ".", OE=1 "o", both), addi/addis (rA=0 reads as 0), addic,
 * addic., subfic, mulli, mullw/mulhw/mulhwu, divw/divwu (also by zero and 0x80000000 / -1, whose
 * results the architecture leaves undefined: those expect what qemu-ppc 10 gives), and the
 * addc/adde and subfc/subfe chains gcc emits for 64-bit arithmetic.
 *
 * Each case sets XER (SO, OV, CA) and clears the whole CR, runs one instruction, then checks the
 * result, the whole CR (only CR0 may change, and only for "." forms: LT/GT/EQ of the signed
 * result plus a copy of XER[SO]) and XER (CA only for carrying forms; OV only for "o" forms,
 * which also set the sticky SO). One check number per case. */
#include "check.inc"

        .equ SO, 0x80000000
        .equ OV, 0x40000000
        .equ CA, 0x20000000

/* A3 insn, a, b, xer_in, result, cr_out, xer_out: insn r6, r3(a), r4(b). */
.macro A3 insn, a, b, xin, res, crx, xout
        SETUP \a, \b, \xin
        \insn r6, r3, r4
        VERIFY \res, \crx, \xout
.endm

/* A2 insn, a, xer_in, result, cr_out, xer_out: insn r6, r3(a). */
.macro A2 insn, a, xin, res, crx, xout
        SETUP \a, 0, \xin
        \insn r6, r3
        VERIFY \res, \crx, \xout
.endm

/* AI insn, a, imm, xer_in, result, cr_out, xer_out: insn r6, r3(a), imm. */
.macro AI insn, a, imm, xin, res, crx, xout
        SETUP \a, 0, \xin
        \insn r6, r3, \imm
        VERIFY \res, \crx, \xout
.endm

        BEGIN_TEST
        /* ---- immediates ---- */
        AI addi,   0x00000010, -1,      CA,      0x0000000f, 0, CA
        AI addi,   0x7fffffff, 1,       0,       0x80000000, 0, 0          /* no OV, no CA */
        AI addis,  0x00001234, 0x7fff,  0,       0x7fff1234, 0, 0
        AI addis,  0x00001234, -1,      SO,      0xffff1234, 0, SO
        AI addic,  0xffffffff, 1,       0,       0x00000000, 0, CA
        AI addic,  0x00000005, -3,      0,       0x00000002, 0, CA         /* 5 + 0xfffffffd carries */
        AI addic,  0x00000002, -3,      CA,      0xffffffff, 0, 0
        AI addic., 0x7fffffff, 1,       SO,      0x80000000, 0x90000000, SO
        AI addic., 0xfffffffe, 2,       0,       0x00000000, 0x20000000, CA
        AI addic., 0x00000001, 0x7fff,  CA,      0x00008000, 0x40000000, 0
        AI subfic, 0x00000001, 0,       0,       0xffffffff, 0, 0          /* 0 - 1: borrow, CA=0 */
        AI subfic, 0x00000000, 0,       0,       0x00000000, 0, CA         /* ~0 + 0 + 1 carries */
        AI subfic, 0x00000005, 100,     0,       0x0000005f, 0, CA
        AI subfic, 0xfffffff0, -1,      0,       0x0000000f, 0, CA
        AI subfic, 0x00000010, -1,      CA,      0xffffffef, 0, CA
        AI mulli,  0x00001000, -3,      CA|SO,   0xffffd000, 0, CA|SO
        AI mulli,  0x40000000, 4,       0,       0x00000000, 0, 0
        AI mulli,  0xfffffffd, -7,      0,       0x00000015, 0, 0
        /* addi/addis with rA = r0 use the value 0, not r0 */
        LI32 r0, 0x12345678
        addi r6, 0, 0x123       /* rA field 0 */
        addis r7, 0, 0x4567
        addi r8, 0, -2
        CHECK r6, 0x123
        CHECK r7, 0x45670000
        CHECK r8, 0xfffffffe
        /* li/lis/la pseudo forms and @ha/@l */
        lis r6, 0x8000
        ori r6, r6, 0x8000
        lis r7, (0x12348765)@ha
        addi r7, r7, (0x12348765)@l
        CHECK r6, 0x80008000
        CHECK r7, 0x12348765
        /* addi with rD = rA */
        LI32 r9, 0x7ffffff0
        addi r9, r9, 0x20
        CHECK r9, 0x80000010
        /* ---- add ---- */
        A3 add,      0x00000001, 0x00000002, 0x00000000, 0x00000003, 0x00000000, 0x00000000
        A3 add.,     0x7fffffff, 0x00000001, 0x20000000, 0x80000000, 0x80000000, 0x20000000
        A3 addo,     0xffffffff, 0x00000001, 0x80000000, 0x00000000, 0x00000000, 0x80000000
        A3 addo.,    0x80000000, 0x80000000, 0xe0000000, 0x00000000, 0x30000000, 0xe0000000
        A3 add,      0xffffffff, 0xffffffff, 0x40000000, 0xfffffffe, 0x00000000, 0x40000000
        A3 add.,     0x00000000, 0x00000000, 0xa0000000, 0x00000000, 0x30000000, 0xa0000000
        A3 addo,     0x12345678, 0x87654321, 0x00000000, 0x99999999, 0x00000000, 0x00000000
        A3 addo.,    0x80000000, 0x7fffffff, 0x20000000, 0xffffffff, 0x80000000, 0x20000000
        /* ---- addc ---- */
        A3 addc,     0x00000001, 0x00000002, 0x80000000, 0x00000003, 0x00000000, 0x80000000
        A3 addc.,    0x7fffffff, 0x00000001, 0xe0000000, 0x80000000, 0x90000000, 0xc0000000
        A3 addco,    0xffffffff, 0x00000001, 0x40000000, 0x00000000, 0x00000000, 0x20000000
        A3 addco.,   0x80000000, 0x80000000, 0xa0000000, 0x00000000, 0x30000000, 0xe0000000
        A3 addc,     0xffffffff, 0xffffffff, 0x00000000, 0xfffffffe, 0x00000000, 0x20000000
        A3 addc.,    0x00000000, 0x00000000, 0x20000000, 0x00000000, 0x20000000, 0x00000000
        A3 addco,    0x12345678, 0x87654321, 0x80000000, 0x99999999, 0x00000000, 0x80000000
        A3 addco.,   0x80000000, 0x7fffffff, 0xe0000000, 0xffffffff, 0x90000000, 0x80000000
        /* ---- adde ---- */
        A3 adde,     0x00000001, 0x00000002, 0x40000000, 0x00000003, 0x00000000, 0x40000000
        A3 adde.,    0x7fffffff, 0x00000001, 0xa0000000, 0x80000001, 0x90000000, 0x80000000
        A3 addeo,    0xffffffff, 0x00000001, 0x00000000, 0x00000000, 0x00000000, 0x20000000
        A3 addeo.,   0x80000000, 0x80000000, 0x20000000, 0x00000001, 0x50000000, 0xe0000000
        A3 adde,     0xffffffff, 0xffffffff, 0x80000000, 0xfffffffe, 0x00000000, 0xa0000000
        A3 adde.,    0x00000000, 0x00000000, 0xe0000000, 0x00000001, 0x50000000, 0xc0000000
        A3 addeo,    0x12345678, 0x87654321, 0x40000000, 0x99999999, 0x00000000, 0x00000000
        A3 addeo.,   0x80000000, 0x7fffffff, 0xa0000000, 0x00000000, 0x30000000, 0xa0000000
        /* ---- subf ---- */
        A3 subf,     0x00000001, 0x00000002, 0x00000000, 0x00000001, 0x00000000, 0x00000000
        A3 subf.,    0x7fffffff, 0x00000001, 0x20000000, 0x80000002, 0x80000000, 0x20000000
        A3 subfo,    0xffffffff, 0x00000001, 0x80000000, 0x00000002, 0x00000000, 0x80000000
        A3 subfo.,   0x80000000, 0x80000000, 0xe0000000, 0x00000000, 0x30000000, 0xa0000000
        A3 subf,     0xffffffff, 0xffffffff, 0x40000000, 0x00000000, 0x00000000, 0x40000000
        A3 subf.,    0x00000000, 0x00000000, 0xa0000000, 0x00000000, 0x30000000, 0xa0000000
        A3 subfo,    0x12345678, 0x87654321, 0x00000000, 0x7530eca9, 0x00000000, 0xc0000000
        A3 subfo.,   0x80000000, 0x7fffffff, 0x20000000, 0xffffffff, 0x90000000, 0xe0000000
        /* ---- subfc ---- */
        A3 subfc,    0x00000001, 0x00000002, 0x80000000, 0x00000001, 0x00000000, 0xa0000000
        A3 subfc.,   0x7fffffff, 0x00000001, 0xe0000000, 0x80000002, 0x90000000, 0xc0000000
        A3 subfco,   0xffffffff, 0x00000001, 0x40000000, 0x00000002, 0x00000000, 0x00000000
        A3 subfco.,  0x80000000, 0x80000000, 0xa0000000, 0x00000000, 0x30000000, 0xa0000000
        A3 subfc,    0xffffffff, 0xffffffff, 0x00000000, 0x00000000, 0x00000000, 0x20000000
        A3 subfc.,   0x00000000, 0x00000000, 0x20000000, 0x00000000, 0x20000000, 0x20000000
        A3 subfco,   0x12345678, 0x87654321, 0x80000000, 0x7530eca9, 0x00000000, 0xe0000000
        A3 subfco.,  0x80000000, 0x7fffffff, 0xe0000000, 0xffffffff, 0x90000000, 0xc0000000
        /* ---- subfe ---- */
        A3 subfe,    0x00000001, 0x00000002, 0x40000000, 0x00000000, 0x00000000, 0x60000000
        A3 subfe.,   0x7fffffff, 0x00000001, 0xa0000000, 0x80000002, 0x90000000, 0x80000000
        A3 subfeo,   0xffffffff, 0x00000001, 0x00000000, 0x00000001, 0x00000000, 0x00000000
        A3 subfeo.,  0x80000000, 0x80000000, 0x20000000, 0x00000000, 0x20000000, 0x20000000
        A3 subfe,    0xffffffff, 0xffffffff, 0x80000000, 0xffffffff, 0x00000000, 0x80000000
        A3 subfe.,   0x00000000, 0x00000000, 0xe0000000, 0x00000000, 0x30000000, 0xe0000000
        A3 subfeo,   0x12345678, 0x87654321, 0x40000000, 0x7530eca8, 0x00000000, 0xe0000000
        A3 subfeo.,  0x80000000, 0x7fffffff, 0xa0000000, 0xffffffff, 0x90000000, 0xc0000000
        /* ---- addme ---- */
        A2 addme,    0x00000000, 0x00000000, 0xffffffff, 0x00000000, 0x00000000
        A2 addme.,   0x00000000, 0x20000000, 0x00000000, 0x20000000, 0x20000000
        A2 addmeo,   0x00000001, 0x00000000, 0x00000000, 0x00000000, 0x20000000
        A2 addmeo.,  0x00000001, 0x20000000, 0x00000001, 0x40000000, 0x20000000
        A2 addme,    0xffffffff, 0x00000000, 0xfffffffe, 0x00000000, 0x20000000
        A2 addme.,   0xffffffff, 0x20000000, 0xffffffff, 0x80000000, 0x20000000
        A2 addmeo,   0x7fffffff, 0x00000000, 0x7ffffffe, 0x00000000, 0x20000000
        A2 addmeo.,  0x7fffffff, 0x20000000, 0x7fffffff, 0x40000000, 0x20000000
        A2 addme,    0x80000000, 0x00000000, 0x7fffffff, 0x00000000, 0x20000000
        A2 addme.,   0x80000000, 0x20000000, 0x80000000, 0x80000000, 0x20000000
        A2 addmeo,   0x80000001, 0x00000000, 0x80000000, 0x00000000, 0x20000000
        A2 addmeo.,  0x80000001, 0x20000000, 0x80000001, 0x80000000, 0x20000000
        /* ---- addze ---- */
        A2 addze,    0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x00000000
        A2 addze.,   0x00000000, 0x20000000, 0x00000001, 0x40000000, 0x00000000
        A2 addzeo,   0x00000001, 0x00000000, 0x00000001, 0x00000000, 0x00000000
        A2 addzeo.,  0x00000001, 0x20000000, 0x00000002, 0x40000000, 0x00000000
        A2 addze,    0xffffffff, 0x00000000, 0xffffffff, 0x00000000, 0x00000000
        A2 addze.,   0xffffffff, 0x20000000, 0x00000000, 0x20000000, 0x20000000
        A2 addzeo,   0x7fffffff, 0x00000000, 0x7fffffff, 0x00000000, 0x00000000
        A2 addzeo.,  0x7fffffff, 0x20000000, 0x80000000, 0x90000000, 0xc0000000
        A2 addze,    0x80000000, 0x00000000, 0x80000000, 0x00000000, 0x00000000
        A2 addze.,   0x80000000, 0x20000000, 0x80000001, 0x80000000, 0x00000000
        A2 addzeo,   0x80000001, 0x00000000, 0x80000001, 0x00000000, 0x00000000
        A2 addzeo.,  0x80000001, 0x20000000, 0x80000002, 0x80000000, 0x00000000
        /* ---- subfme ---- */
        A2 subfme,   0x00000000, 0x00000000, 0xfffffffe, 0x00000000, 0x20000000
        A2 subfme.,  0x00000000, 0x20000000, 0xffffffff, 0x80000000, 0x20000000
        A2 subfmeo,  0x00000001, 0x00000000, 0xfffffffd, 0x00000000, 0x20000000
        A2 subfmeo., 0x00000001, 0x20000000, 0xfffffffe, 0x80000000, 0x20000000
        A2 subfme,   0xffffffff, 0x00000000, 0xffffffff, 0x00000000, 0x00000000
        A2 subfme.,  0xffffffff, 0x20000000, 0x00000000, 0x20000000, 0x20000000
        A2 subfmeo,  0x7fffffff, 0x00000000, 0x7fffffff, 0x00000000, 0xe0000000
        A2 subfmeo., 0x7fffffff, 0x20000000, 0x80000000, 0x80000000, 0x20000000
        A2 subfme,   0x80000000, 0x00000000, 0x7ffffffe, 0x00000000, 0x20000000
        A2 subfme.,  0x80000000, 0x20000000, 0x7fffffff, 0x40000000, 0x20000000
        A2 subfmeo,  0x80000001, 0x00000000, 0x7ffffffd, 0x00000000, 0x20000000
        A2 subfmeo., 0x80000001, 0x20000000, 0x7ffffffe, 0x40000000, 0x20000000
        /* ---- subfze ---- */
        A2 subfze,   0x00000000, 0x00000000, 0xffffffff, 0x00000000, 0x00000000
        A2 subfze.,  0x00000000, 0x20000000, 0x00000000, 0x20000000, 0x20000000
        A2 subfzeo,  0x00000001, 0x00000000, 0xfffffffe, 0x00000000, 0x00000000
        A2 subfzeo., 0x00000001, 0x20000000, 0xffffffff, 0x80000000, 0x00000000
        A2 subfze,   0xffffffff, 0x00000000, 0x00000000, 0x00000000, 0x00000000
        A2 subfze.,  0xffffffff, 0x20000000, 0x00000001, 0x40000000, 0x00000000
        A2 subfzeo,  0x7fffffff, 0x00000000, 0x80000000, 0x00000000, 0x00000000
        A2 subfzeo., 0x7fffffff, 0x20000000, 0x80000001, 0x80000000, 0x00000000
        A2 subfze,   0x80000000, 0x00000000, 0x7fffffff, 0x00000000, 0x00000000
        A2 subfze.,  0x80000000, 0x20000000, 0x80000000, 0x80000000, 0x00000000
        A2 subfzeo,  0x80000001, 0x00000000, 0x7ffffffe, 0x00000000, 0x00000000
        A2 subfzeo., 0x80000001, 0x20000000, 0x7fffffff, 0x40000000, 0x00000000
        /* ---- neg ---- */
        A2 neg,      0x00000000, 0x20000000, 0x00000000, 0x00000000, 0x20000000
        A2 neg.,     0x00000001, 0x80000000, 0xffffffff, 0x90000000, 0x80000000
        A2 nego,     0xffffffff, 0xe0000000, 0x00000001, 0x00000000, 0xa0000000
        A2 nego.,    0x7fffffff, 0x40000000, 0x80000001, 0x80000000, 0x00000000
        A2 neg,      0x80000000, 0xa0000000, 0x80000000, 0x00000000, 0xa0000000
        A2 neg.,     0x80000001, 0x00000000, 0x7fffffff, 0x40000000, 0x00000000
        /* ---- mullw, mulhw, mulhwu ---- */
        A3 mullwo,   0x00000003, 0x00000005, 0x00000000, 0x0000000f, 0x00000000, 0x00000000
        A3 mullwo.,  0xffffffff, 0xffffffff, 0x20000000, 0x00000001, 0x40000000, 0x20000000
        A3 mullw,    0x00010000, 0x00010000, 0x80000000, 0x00000000, 0x00000000, 0x80000000
        A3 mullw.,   0x7fffffff, 0x00000002, 0xe0000000, 0xfffffffe, 0x90000000, 0xe0000000
        A3 mullwo,   0x80000000, 0xffffffff, 0x40000000, 0x80000000, 0x00000000, 0xc0000000
        A3 mullwo.,  0x12345678, 0x9abcdef0, 0xa0000000, 0x242d2080, 0x50000000, 0xe0000000
        A3 mullw,    0xfffffffe, 0x00000003, 0x00000000, 0xfffffffa, 0x00000000, 0x00000000
        A3 mullw.,   0x80000000, 0x80000000, 0x20000000, 0x00000000, 0x20000000, 0x20000000
        A3 mulhw,    0x00000003, 0x00000005, 0x80000000, 0x00000000, 0x00000000, 0x80000000
        A3 mulhwu.,  0x00000003, 0x00000005, 0x80000000, 0x00000000, 0x30000000, 0x80000000
        A3 mulhw.,   0xffffffff, 0xffffffff, 0xe0000000, 0x00000000, 0x30000000, 0xe0000000
        A3 mulhwu,   0xffffffff, 0xffffffff, 0xe0000000, 0xfffffffe, 0x00000000, 0xe0000000
        A3 mulhw,    0x00010000, 0x00010000, 0x40000000, 0x00000001, 0x00000000, 0x40000000
        A3 mulhwu.,  0x00010000, 0x00010000, 0x40000000, 0x00000001, 0x40000000, 0x40000000
        A3 mulhw.,   0x7fffffff, 0x00000002, 0xa0000000, 0x00000000, 0x30000000, 0xa0000000
        A3 mulhwu,   0x7fffffff, 0x00000002, 0xa0000000, 0x00000000, 0x00000000, 0xa0000000
        A3 mulhw,    0x80000000, 0xffffffff, 0x00000000, 0x00000000, 0x00000000, 0x00000000
        A3 mulhwu.,  0x80000000, 0xffffffff, 0x00000000, 0x7fffffff, 0x40000000, 0x00000000
        A3 mulhw.,   0x12345678, 0x9abcdef0, 0x20000000, 0xf8cc93d6, 0x80000000, 0x20000000
        A3 mulhwu,   0x12345678, 0x9abcdef0, 0x20000000, 0x0b00ea4e, 0x00000000, 0x20000000
        A3 mulhw,    0xfffffffe, 0x00000003, 0x80000000, 0xffffffff, 0x00000000, 0x80000000
        A3 mulhwu.,  0xfffffffe, 0x00000003, 0x80000000, 0x00000002, 0x50000000, 0x80000000
        A3 mulhw.,   0x80000000, 0x80000000, 0xe0000000, 0x40000000, 0x50000000, 0xe0000000
        A3 mulhwu,   0x80000000, 0x80000000, 0xe0000000, 0x40000000, 0x00000000, 0xe0000000
        /* ---- divw, divwu ---- */
        A3 divwo,    0x00000064, 0x00000007, 0x40000000, 0x0000000e, 0x00000000, 0x00000000
        A3 divwuo.,  0x00000064, 0x00000007, 0xa0000000, 0x0000000e, 0x50000000, 0xa0000000
        A3 divw,     0xffffff9c, 0x00000007, 0x00000000, 0xfffffff2, 0x00000000, 0x00000000
        A3 divwu.,   0xffffff9c, 0x00000007, 0x20000000, 0x24924916, 0x40000000, 0x20000000
        A3 divwo,    0x00000064, 0xfffffff9, 0x80000000, 0xfffffff2, 0x00000000, 0x80000000
        A3 divwuo.,  0x00000064, 0xfffffff9, 0xe0000000, 0x00000000, 0x30000000, 0xa0000000
        A3 divw,     0xffffff9c, 0xfffffff9, 0x40000000, 0x0000000e, 0x00000000, 0x40000000
        A3 divwu.,   0xffffff9c, 0xfffffff9, 0xa0000000, 0x00000000, 0x30000000, 0xa0000000
        A3 divwo,    0x80000000, 0x00000001, 0x00000000, 0x80000000, 0x00000000, 0x00000000
        A3 divwuo.,  0x80000000, 0x00000001, 0x20000000, 0x80000000, 0x80000000, 0x20000000
        A3 divw,     0x80000000, 0x00000002, 0x80000000, 0xc0000000, 0x00000000, 0x80000000
        A3 divwu.,   0x80000000, 0x00000002, 0xe0000000, 0x40000000, 0x50000000, 0xe0000000
        A3 divwo,    0x00000007, 0x00000064, 0x40000000, 0x00000000, 0x00000000, 0x00000000
        A3 divwuo.,  0x00000007, 0x00000064, 0xa0000000, 0x00000000, 0x30000000, 0xa0000000
        A3 divw,     0xffffffff, 0xffffffff, 0x00000000, 0x00000001, 0x00000000, 0x00000000
        A3 divwu.,   0xffffffff, 0xffffffff, 0x20000000, 0x00000001, 0x40000000, 0x20000000
        A3 divwo,    0x12345678, 0x00001000, 0x80000000, 0x00012345, 0x00000000, 0x80000000
        A3 divwuo.,  0x12345678, 0x00001000, 0xe0000000, 0x00012345, 0x50000000, 0xa0000000
        A3 divw,     0x00000064, 0x00000000, 0x40000000, 0x00000064, 0x00000000, 0x40000000  /* undefined: qemu-ppc 10 gives the dividend */
        A3 divwu,    0x00000064, 0x00000000, 0x40000000, 0x00000064, 0x00000000, 0x40000000  /* undefined: qemu-ppc 10 gives the dividend */
        A3 divwo.,   0x00000064, 0x00000000, 0xa0000000, 0x00000064, 0x50000000, 0xe0000000  /* undefined: qemu-ppc 10 gives the dividend */
        A3 divwuo.,  0x00000064, 0x00000000, 0xa0000000, 0x00000064, 0x50000000, 0xe0000000  /* undefined: qemu-ppc 10 gives the dividend */
        A3 divw,     0xffffff9c, 0x00000000, 0x00000000, 0xffffff9c, 0x00000000, 0x00000000  /* undefined: qemu-ppc 10 gives the dividend */
        A3 divwu,    0xffffff9c, 0x00000000, 0x00000000, 0xffffff9c, 0x00000000, 0x00000000  /* undefined: qemu-ppc 10 gives the dividend */
        A3 divwo.,   0xffffff9c, 0x00000000, 0x20000000, 0xffffff9c, 0x90000000, 0xe0000000  /* undefined: qemu-ppc 10 gives the dividend */
        A3 divwuo.,  0xffffff9c, 0x00000000, 0x20000000, 0xffffff9c, 0x90000000, 0xe0000000  /* undefined: qemu-ppc 10 gives the dividend */
        A3 divw,     0x80000000, 0xffffffff, 0x80000000, 0x80000000, 0x00000000, 0x80000000  /* undefined: qemu-ppc 10 gives the dividend */
        A3 divwu,    0x80000000, 0xffffffff, 0x80000000, 0x00000000, 0x00000000, 0x80000000
        A3 divwo.,   0x80000000, 0xffffffff, 0xe0000000, 0x80000000, 0x90000000, 0xe0000000  /* undefined: qemu-ppc 10 gives the dividend */
        A3 divwuo.,  0x80000000, 0xffffffff, 0xe0000000, 0x00000000, 0x30000000, 0xa0000000
        A3 divw,     0x00000000, 0x00000000, 0x40000000, 0x00000000, 0x00000000, 0x40000000  /* undefined: qemu-ppc 10 gives the dividend */
        A3 divwu,    0x00000000, 0x00000000, 0x40000000, 0x00000000, 0x00000000, 0x40000000  /* undefined: qemu-ppc 10 gives the dividend */
        A3 divwo.,   0x00000000, 0x00000000, 0xa0000000, 0x00000000, 0x30000000, 0xe0000000  /* undefined: qemu-ppc 10 gives the dividend */
        A3 divwuo.,  0x00000000, 0x00000000, 0xa0000000, 0x00000000, 0x30000000, 0xe0000000  /* undefined: qemu-ppc 10 gives the dividend */
        /* ---- 64-bit chains: (hi:lo) + (hi:lo) and - ---- */
        LI32 r3, 0x00000001     /* a = 0x00000001_ffffffff */
        LI32 r4, 0xffffffff
        LI32 r5, 0x7fffffff     /* b = 0x7fffffff_00000001 */
        LI32 r6, 0x00000001
        li r0, 0
        mtxer r0
        addc r8, r4, r6         /* lo */
        adde r7, r3, r5         /* hi */
        mfxer r9
        CHECK r7, 0x80000001
        CHECK_SAME r8, 0x00000000
        CHECK_SAME r9, 0        /* no carry out of the high word */
        subfc r8, r6, r4        /* a - b: lo = 0xffffffff - 1 */
        subfe r7, r5, r3        /* hi = 1 - 0x7fffffff - 0 */
        mfxer r9
        CHECK r7, 0x80000002
        CHECK_SAME r8, 0xfffffffe
        CHECK_SAME r9, 0        /* borrow: CA = 0 */
        subfc r8, r4, r6        /* b - a: lo = 1 - 0xffffffff borrows */
        subfe r7, r3, r5
        mfxer r9
        CHECK r7, 0x7ffffffd
        CHECK_SAME r8, 0x00000002
        CHECK_SAME r9, CA
        /* negation of a 64-bit value: subfic lo, 0; subfze hi */
        subfic r8, r4, 0
        subfze r7, r3
        CHECK r7, 0xfffffffe
        CHECK_SAME r8, 0x00000001
        /* three-word add with a carry through the middle word */
        LI32 r10, 0xffffffff
        li r11, 1
        li r0, 0
        mtxer r0
        addc r12, r10, r11
        adde r13, r10, r0
        addze r14, r0
        CHECK r12, 0
        CHECK_SAME r13, 0
        CHECK_SAME r14, 1
        /* XER survives unrelated instructions: CA set by addic stays through add/and/or */
        li r3, -1
        addic r4, r3, 1
        add r5, r3, r3
        and r6, r5, r3
        or. r6, r6, r6
        mfxer r9
        CHECK r9, CA
        /* mtxer/mfxer round-trip of SO|OV|CA and the byte count field */
        LI32 r3, 0xe000007f
        mtxer r3
        mfxer r4
        CHECK r4, 0xe000007f
        li r0, 0
        mtxer r0
        END_TEST
