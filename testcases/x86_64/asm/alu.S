/* alu.S — integer ALU: add/sub/adc/sbb/and/or/xor/cmp/test/inc/dec/neg/not at 8/16/32/64 bits,
 * with the six arithmetic flags; 32-bit writes zero-extend, 8/16-bit writes keep the upper bits,
 * high-byte registers, memory operands, sign-extended immediates; jcc under many flag states;
 * lahf/sahf. */
#include "check.inc"

/* T insn, a, b, result, flags[, mask[, flags_in]]: rax=a, rcx=b, flags=flags_in; run insn;
 * then rax must equal result and (flags & mask) must equal flags. */
.macro T insn, a, b, res, fl, mask=ALLF, fin=0
        movabs $\a, %rax
        movabs $\b, %rcx
        SETF \fin
        \insn
        SAVEF
        CHECK %rax, \res
        CHECKF \fl, \mask
.endm


/* JCC_ALL flags, mask: each of the 16 jcc (o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g) sets its bit
 * of r9 when taken; lea keeps the flags intact between the jumps. */
.macro JCC1 cc, bit
        j\cc .Ltaken\@
        jmp .Lnext\@
.Ltaken\@:
        lea (1 << \bit)(%r9), %r9
.Lnext\@:
.endm
.macro JCC_ALL fl, mask
        xor %r9d, %r9d
        SETF \fl
        JCC1 o, 0
        JCC1 no, 1
        JCC1 b, 2
        JCC1 ae, 3
        JCC1 e, 4
        JCC1 ne, 5
        JCC1 be, 6
        JCC1 a, 7
        JCC1 s, 8
        JCC1 ns, 9
        JCC1 p, 10
        JCC1 np, 11
        JCC1 l, 12
        JCC1 ge, 13
        JCC1 le, 14
        JCC1 g, 15
        CHECK %r9, \mask
.endm
/* LAHF_CHECK flags, ah: lahf must give ah (upper bits of rax kept) */
.macro LAHF_CHECK fl, ah
        movabs $0x1234567890ab0000, %rax
        SETF \fl
        lahf
        CHECK %rax, 0x1234567890ab0000 | (\ah << 8)
.endm

        BEGIN_TEST
        /* ---- add ---- */
        T "addb %cl,%al", 0x1111111111111180, 0x80, 0x1111111111111100, CF|PF|ZF|OF
        T "addb %cl,%al", 0x2222222222222208, 0x08, 0x2222222222222210, AF
        T "addb %cl,%al", 0x7f, 0x01, 0x80, SF|OF|AF
        T "addw %cx,%ax", 0x33333333ffffffff, 0x1, 0x33333333ffff0000, CF|PF|ZF|AF
        T "addw %cx,%ax", 0x7fff, 0x7fff, 0xfffe, SF|OF|AF
        T "addl %ecx,%eax", 0xffffffff80000000, 0x80000000, 0, CF|PF|ZF|OF
        T "addl %ecx,%eax", 0xaaaaaaaa00000001, 0x2, 3, PF
        T "addq %rcx,%rax", 0x7fffffffffffffff, 1, 0x8000000000000000, SF|OF|AF|PF
        T "addq %rcx,%rax", 0xffffffffffffffff, 0xffffffffffffffff, 0xfffffffffffffffe, CF|SF|AF
        T "addq $-1,%rax", 5, 0, 4, CF|AF
        T "addl $-1,%eax", 0x1234567800000000, 0, 0xffffffff, SF|PF
        T "addw $0x7f,%ax", 0x5555555555550001, 0, 0x5555555555550080, AF
        T "addb $0xff,%al", 0x100, 0, 0x1ff, SF|PF
        T "addb %cl,%ah", 0x0000000000001234, 0x20, 0x3234, 0
        T "addb %ch,%al", 0x1010, 0xf000, 0x1000, CF|ZF|PF
        T "addq $0x7fffffff,%rax", 1, 0, 0x80000000, AF|PF
        T "addq $-0x80000000,%rax", 0, 0, 0xffffffff80000000, SF|PF
        /* ---- sub / cmp ---- */
        T "subb %cl,%al", 0x1111111111111100, 0x01, 0x11111111111111ff, CF|SF|AF|PF
        T "subb %cl,%al", 0x80, 0x01, 0x7f, OF|AF
        T "subw %cx,%ax", 0xffff00000005, 0x5, 0xffff00000000, ZF|PF
        T "subw %cx,%ax", 0x8000, 0x1, 0x7fff, OF|AF|PF
        T "subl %ecx,%eax", 0xffffffff00000000, 1, 0xffffffff, CF|SF|AF|PF
        T "subl %ecx,%eax", 0x7fffffff, 0xffffffff, 0x80000000, CF|SF|OF|PF
        T "subq %rcx,%rax", 0, 1, 0xffffffffffffffff, CF|SF|AF|PF
        T "subq %rcx,%rax", 0x8000000000000000, 1, 0x7fffffffffffffff, OF|AF|PF
        T "subq $-2,%rax", 3, 0, 5, CF|PF|AF
        T "cmpq %rcx,%rax", 3, 5, 3, CF|SF|AF
        T "cmpl %ecx,%eax", 0xffffffff00000005, 5, 0xffffffff00000005, ZF|PF
        T "cmpw $-1,%ax", 0xffff, 0, 0xffff, ZF|PF
        T "cmpb $0x10,%al", 0x0f, 0, 0x0f, CF|SF|PF
        T "cmpb %ch,%ah", 0x8000, 0x0100, 0x8000, OF|AF
        /* ---- adc / sbb ---- */
        T "adcb %cl,%al", 0xff, 0x00, 0x00, CF|ZF|PF|AF,, CF
        T "adcb %cl,%al", 0x7f, 0x00, 0x80, SF|OF|AF,, CF
        T "adcw %cx,%ax", 0xfffe, 0x0001, 0x0000, CF|ZF|PF|AF,, CF
        T "adcl %ecx,%eax", 0xffffffffffffffff, 0xffffffff, 0xffffffff, CF|SF|PF|AF,, CF
        T "adcl %ecx,%eax", 0xffffffffffffffff, 0xffffffff, 0xfffffffe, CF|SF|AF,, 0
        T "adcq %rcx,%rax", 0xffffffffffffffff, 0, 0, CF|ZF|PF|AF,, CF
        T "adcq %rcx,%rax", 0x7fffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff, SF|OF|PF|AF,, CF
        T "adcq $0,%rax", 1, 0, 1, 0,, 0
        T "sbbb %cl,%al", 0x00, 0x00, 0xff, CF|SF|PF|AF,, CF
        T "sbbb %cl,%al", 0x80, 0x7f, 0x00, ZF|PF|AF|OF,, CF
        T "sbbw %cx,%ax", 0x0000, 0xffff, 0x0000, CF|ZF|PF|AF,, CF
        T "sbbl %ecx,%eax", 0x1122334400000005, 0x5, 0xffffffff, CF|SF|PF|AF,, CF
        T "sbbl %ecx,%eax", 0x1122334400000005, 0x5, 0, ZF|PF,, 0
        T "sbbq %rcx,%rax", 0, 0xffffffffffffffff, 0, CF|ZF|PF|AF,, CF
        T "sbbq %rax,%rax", 0x1234, 0, 0xffffffffffffffff, CF|SF|PF|AF,, CF
        T "sbbq %rax,%rax", 0x1234, 0, 0, ZF|PF,, 0
        T "sbbl $1,%eax", 0x8000000000000000, 0, 0xfffffffe, CF|SF|AF,, CF
        /* ---- and / or / xor / test: CF=OF=0, AF undefined ---- */
        T "andb %cl,%al", 0x12345678abcdeff0, 0x0f, 0x12345678abcdef00, ZF|PF, NOAF, CF|OF
        T "andb %ch,%ah", 0xfff0, 0x8000, 0x80f0, SF, NOAF, CF|OF
        T "andw $0x8001,%ax", 0x1111ffff, 0, 0x11118001, SF, NOAF
        T "andl %ecx,%eax", 0xffffffffffffffff, 0x80000001, 0x80000001, SF, NOAF, CF
        T "andl $-1,%eax", 0xffffffff12345678, 0, 0x12345678, PF, NOAF
        T "andq $-16,%rax", 0xffffffffffffffff, 0, 0xfffffffffffffff0, SF|PF, NOAF
        T "andq %rcx,%rax", 0xf0f0f0f0f0f0f0f0, 0x0f0f0f0f0f0f0f0f, 0, ZF|PF, NOAF, CF|OF|SF
        T "orb %cl,%al", 0xff00, 0x03, 0xff03, PF, NOAF, CF|OF|ZF
        T "orw %cx,%ax", 0x123400000000, 0x8000, 0x123400008000, SF|PF, NOAF
        T "orl %ecx,%eax", 0xffffffff00000000, 0, 0, ZF|PF, NOAF
        T "orq $0x80,%rax", 0x100, 0, 0x180, 0, NOAF
        T "orq $-0x80,%rax", 1, 0, 0xffffffffffffff81, SF|PF, NOAF
        T "xorb %al,%al", 0x1234, 0, 0x1200, ZF|PF, NOAF, CF|OF|SF
        T "xorb %ah,%al", 0x1234, 0, 0x1226, 0, NOAF
        T "xorw $-1,%ax", 0xaaaa0f0f, 0, 0xaaaaf0f0, SF|PF, NOAF
        T "xorl %eax,%eax", 0xffffffffffffffff, 0, 0, ZF|PF, NOAF
        T "xorq %rcx,%rax", 0x8000000000000001, 1, 0x8000000000000000, SF|PF, NOAF
        T "testb %cl,%al", 0x0f, 0xf0, 0x0f, ZF|PF, NOAF, CF|OF
        T "testw %cx,%ax", 0x8001, 0x8000, 0x8001, SF|PF, NOAF
        T "testl $0x10000,%eax", 0x10000, 0, 0x10000, PF, NOAF
        T "testq %rax,%rax", 0x8000000000000000, 0, 0x8000000000000000, SF|PF, NOAF
        T "testb $1,%ah", 0x0100, 0, 0x0100, 0, NOAF
        /* ---- inc / dec: CF preserved ---- */
        T "incb %al", 0xff, 0, 0x00, CF|ZF|PF|AF,, CF
        T "incb %al", 0x7f, 0, 0x80, SF|OF|AF,, 0
        T "incw %ax", 0x1234ffff, 0, 0x12340000, ZF|PF|AF,, 0
        T "incl %eax", 0xffffffff7fffffff, 0, 0x80000000, SF|OF|AF|PF,, 0
        T "incq %rax", 0xffffffffffffffff, 0, 0, CF|ZF|PF|AF,, CF
        T "incb %ah", 0x0fff, 0, 0x10ff, AF,, 0
        T "decb %al", 0x100, 0, 0x1ff, CF|SF|PF|AF,, CF
        T "decb %al", 0x80, 0, 0x7f, OF|AF,, 0
        T "decw %ax", 0x1, 0, 0x0, ZF|PF,, 0
        T "decl %eax", 0xffffffff00000000, 0, 0xffffffff, SF|PF|AF,, 0
        T "decq %rax", 0x8000000000000000, 0, 0x7fffffffffffffff, OF|AF|PF,, 0
        T "decb %ch", 0x5, 0x0100, 0x5, ZF|PF,, 0
        /* ---- neg: CF = (src != 0) ---- */
        T "negb %al", 0x1200, 0, 0x1200, ZF|PF,, CF
        T "negb %al", 0x80, 0, 0x80, CF|SF|OF,, 0
        T "negw %ax", 0x1, 0, 0xffff, CF|SF|PF|AF,, 0
        T "negl %eax", 0xffffffff00000001, 0, 0xffffffff, CF|SF|PF|AF,, 0
        T "negq %rax", 0x8000000000000000, 0, 0x8000000000000000, CF|SF|OF|PF,, 0
        T "negq %rax", 5, 0, 0xfffffffffffffffb, CF|SF|AF,, 0
        /* ---- not: flags untouched ---- */
        T "notb %al", 0xff0f, 0, 0xfff0, CF|ZF, ALLF, CF|ZF
        T "notw %ax", 0x11110000, 0, 0x1111ffff, SF|OF, ALLF, SF|OF
        T "notl %eax", 0xffffffff00000000, 0, 0xffffffff, 0
        T "notq %rax", 0x00ff00ff00ff00ff, 0, 0xff00ff00ff00ff00, PF|AF, ALLF, PF|AF
        T "notb %ah", 0x00ff, 0, 0xffff, 0

        /* ---- memory operands ---- */
        lea mem(%rip), %rbx
        movabs $0x1122334455667788, %rax
        mov %rax, (%rbx)
        addb $0x10, (%rbx)
        addw $-1, 2(%rbx)
        subl $1, 4(%rbx)
        SAVEF
        CHECKF 0
        mov (%rbx), %rax
        CHECK %rax, 0x1122334355657798
        movabs $0xffffffffffffffff, %rcx
        mov %rcx, 8(%rbx)
        incq 8(%rbx)
        SAVEF
        CHECKF ZF|PF|AF
        mov 8(%rbx), %rax
        CHECK %rax, 0
        mov $0x80, %eax
        add %al, 8(%rbx)
        xor %eax, 8(%rbx)
        or %rax, 8(%rbx)
        mov 8(%rbx), %rax
        CHECK %rax, 0x80
        mov $3, %ecx
        sub %rcx, 8(%rbx)
        mov 8(%rbx), %rax
        CHECK %rax, 0x7d
        mov $5, %eax
        add 8(%rbx), %rax
        CHECK %rax, 0x82
        movabs $0xffffffff00000000, %rax
        add 8(%rbx), %eax
        CHECK %rax, 0x7d
        negq 8(%rbx)
        notl 12(%rbx)
        mov 8(%rbx), %rax
        CHECK %rax, 0xffffff83
        mov $0x0f, %al
        testb %al, 8(%rbx)
        SAVEF
        CHECKF PF, NOAF
        cmpq $-125, 8(%rbx)
        SAVEF
        CHECKF CF|PF, ALLF
        andq $0xff, 8(%rbx)
        mov 8(%rbx), %rax
        CHECK %rax, 0x83
        /* adc/sbb chain: 128-bit add and subtract */
        movabs $0xffffffffffffffff, %rax
        mov $1, %edx
        movabs $0x1, %rcx
        xor %esi, %esi
        add %rcx, %rax
        adc %rsi, %rdx
        CHECK %rax, 0
        CHECK %rdx, 2
        sub $1, %rax
        sbb $0, %rdx
        CHECK %rax, 0xffffffffffffffff
        CHECK %rdx, 1
        /* high-byte registers with each other */
        mov $0x1234, %eax
        mov $0x5678, %ebx
        mov $0x9abc, %ecx
        mov $0xdef0, %edx
        add %ah, %bh
        sub %ch, %dh
        xchg %al, %ah
        CHECK %rax, 0x3412
        CHECK %rbx, 0x6878
        CHECK %rdx, 0x44f0

        /* ---- jcc under many flag states: bit i set when condition i is taken ---- */
        JCC_ALL 0, 0xaaaa
        JCC_ALL CF, 0xaa66
        JCC_ALL ZF|PF, 0x665a
        JCC_ALL SF, 0x59aa
        JCC_ALL OF, 0x5aa9
        JCC_ALL SF|OF|CF, 0xa965
        JCC_ALL ZF|SF, 0x595a
        JCC_ALL ALLF, 0x6555
        /* ---- lahf / sahf ---- */
        LAHF_CHECK 0, 0x02
        LAHF_CHECK CF, 0x03
        LAHF_CHECK ZF|PF, 0x46
        LAHF_CHECK SF, 0x82
        LAHF_CHECK OF, 0x02
        LAHF_CHECK SF|OF|CF, 0x83
        LAHF_CHECK ZF|SF, 0xc2
        LAHF_CHECK ALLF, 0xd7
        movabs $0x1111111111110000 | 0xd5 << 8, %rax
        SETF OF
        sahf                                    /* loads SF ZF AF PF CF from ah; OF kept */
        SAVEF
        CHECKF ALLF
        mov $0x0200, %eax
        SETF ALLF
        sahf
        SAVEF
        CHECKF OF
        END_TEST

        .data
        .balign 8
mem:    .quad 0, 0
