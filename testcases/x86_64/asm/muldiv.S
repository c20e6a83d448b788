/* muldiv.S — mul/imul (one-, two-, three-operand), div/idiv at every size; cbw/cwde/cdqe,
 * cwd/cdq/cqo; movsx/movzx/movsxd. mul/imul define only CF and OF; div defines no flags. */
#include "check.inc"

        .equ JUNK, 0x5555555555555555
        .equ OC, OF|CF

/* M insn, rax_in, rdx_in, rcx_in, rax_out, rdx_out[, flags]: flags checked under OF|CF. */
.macro M insn, a, d, c, ra, rd, fl=-1
        movabs $\a, %rax
        movabs $\d, %rdx
        movabs $\c, %rcx
        \insn
        SAVEF
        CHECK %rax, \ra
        CHECK %rdx, \rd
        .if \fl >= 0
        CHECKF \fl, OC
        .endif
.endm

        BEGIN_TEST
        /* ---- mul ---- */
        M "mulb %cl", 0x11111111111111ff, JUNK, 0xff, 0x111111111111fe01, JUNK, OC
        M "mulb %cl", 0x1234, JUNK, 0x02, 0x0068, JUNK, 0
        M "mulb %ch", 0x10, JUNK, 0x1000, 0x0100, JUNK, OC
        M "mulw %cx", 0x11110000ffff, JUNK, 0xffff, 0x111100000001, 0x555555555555fffe, OC
        M "mulw %cx", 0x100, JUNK, 0xff, 0xff00, 0x5555555555550000, 0
        M "mull %ecx", 0xaaaaaaaaffffffff, JUNK, 0xffffffff, 0x1, 0xfffffffe, OC
        M "mull %ecx", 0x10000, JUNK, 0x1000, 0x10000000, 0, 0
        M "mulq %rcx", 0xffffffffffffffff, JUNK, 0xffffffffffffffff, 0x1, 0xfffffffffffffffe, OC
        M "mulq %rcx", 0x123456789, JUNK, 0x10, 0x1234567890, 0, 0
        M "mulq %rcx", 0x8000000000000000, JUNK, 4, 0, 2, OC
        /* ---- imul, one operand ---- */
        M "imulb %cl", 0xff, JUNK, 0xff, 0x0001, JUNK, 0              /* -1 * -1 */
        M "imulb %cl", 0x80, JUNK, 0x02, 0xff00, JUNK, OC             /* -128 * 2 = -256 */
        M "imulb %cl", 0xc0, JUNK, 0x02, 0xff80, JUNK, 0              /* -64 * 2 = -128 fits */
        M "imulw %cx", 0x7fff, JUNK, 0x2, 0xfffe, 0x5555555555550000, OC
        M "imulw %cx", 0xffff, JUNK, 0x7fff, 0x8001, 0x555555555555ffff, 0
        M "imull %ecx", 0xffffffff, JUNK, 0x80000000, 0x80000000, 0, OC
        M "imull %ecx", 0xfffffffe, JUNK, 0x3, 0xfffffffa, 0xffffffff, 0
        M "imulq %rcx", 0xffffffffffffffff, JUNK, 0x8000000000000000, 0x8000000000000000, 0, OC
        M "imulq %rcx", 0xfffffffffffffffd, JUNK, 0x5, 0xfffffffffffffff1, 0xffffffffffffffff, 0
        M "imulq %rcx", 0x4000000000000000, JUNK, 0x4, 0, 1, OC
        /* ---- imul, two and three operands (result truncated; CF=OF=overflow) ---- */
        M "imulw %cx,%ax", 0xaaaa0100, JUNK, 0x0100, 0xaaaa0000, JUNK, OC
        M "imulw %cx,%ax", 0xaaaafffe, JUNK, 0x0003, 0xaaaafffa, JUNK, 0
        M "imull %ecx,%eax", 0xffffffff00010000, JUNK, 0x10000, 0, JUNK, OC
        M "imull %ecx,%eax", 0xffffffff00000007, JUNK, 0xfffffff9, 0xffffffcf, JUNK, 0
        M "imulq %rcx,%rax", 0x100000000, JUNK, 0x100000000, 0, JUNK, OC
        M "imulq %rcx,%rax", 0xffffffffffffffff, JUNK, 0x7fffffffffffffff, 0x8000000000000001, JUNK, 0
        M "imulq $-3,%rcx,%rax", 0, JUNK, 7, 0xffffffffffffffeb, JUNK, 0
        M "imull $0x10000,%ecx,%eax", 0xffffffffffffffff, JUNK, 0x18000, 0x80000000, JUNK, OC
        M "imulw $-1,%cx,%ax", 0x12340000, JUNK, 0x8000, 0x12348000, JUNK, OC
        M "imulq $100,%rcx,%rdx", 0, JUNK, 123456789, 0, 12345678900, 0
        M "imulw $7,%cx,%ax", 0xffff, JUNK, 0x10, 0x0070, JUNK, 0
        lea opnd(%rip), %rbx
        M "imulq (%rbx),%rax", 3, JUNK, 0, 0xfffffffffffffffd, JUNK, 0
        M "imulq $5,8(%rbx),%rax", 0, JUNK, 0, 0x5b05b025b05b058, JUNK, OC
        M "mulq 8(%rbx)", 0x10, JUNK, 0, 0x456789a123456780, 0x3, OC
        /* ---- div ---- */
        M "divb %cl", 0x11111111111103e8, JUNK, 0x7, 0x111111111111068e, JUNK      /* 1000/7 = 142 r 6 */
        M "divb %ch", 0xff, JUNK, 0x0100, 0x00ff, JUNK
        M "divw %cx", 0xaaaa0000ffff, 0x5555555555550001, 0x100, 0xaaaa000001ff, 0x55555555555500ff  /* 0x1ffff / 0x100 */
        M "divl %ecx", 0xaaaaaaaa00000000, 0x1, 0x3, 0x55555555, 0x1
        M "divl %ecx", 0xffffffff, 0, 0x10, 0x0fffffff, 0xf
        M "divq %rcx", 0, 1, 0x3, 0x5555555555555555, 0x1
        M "divq %rcx", 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff, 0xfffffffffffffffe
        M "divq %rcx", 12345678901234567890, 0, 1000000007, 12345678814, 814816192
        /* ---- idiv: quotient truncates toward zero, remainder has the dividend's sign ---- */
        M "idivb %cl", 0xfff9, JUNK, 0x2, 0xfffd, JUNK         /* -7/2 = -3 r -1 */
        M "idivb %cl", 0x0007, JUNK, 0xfe, 0x01fd, JUNK        /* 7/-2 = -3 r 1 */
        M "idivw %cx", 0xfff9, 0xffff, 0xfffe, 0x0003, 0xffff  /* -7/-2 = 3 r -1 */
        M "idivl %ecx", 0x80000000, 0xffffffff, 0x10000, 0xffff8000, 0
        M "idivl %ecx", 100, 0, 0xfffffff9, 0xfffffff2, 2      /* 100/-7 = -14 r 2 */
        M "idivq %rcx", 0xfffffffffffffc18, 0xffffffffffffffff, 0x7, 0xffffffffffffff72, 0xfffffffffffffffa  /* -1000/7 */
        M "idivq %rcx", 0, 0x80000000, 0x7fffffffffffffff, 0x100000000, 0x100000000  /* 2^95 / (2^63-1) */
        M "idivq %rcx", 0x8000000000000001, 0xffffffffffffffff, 0xffffffffffffffff, 0x7fffffffffffffff, 0
        /* ---- sign extensions ---- */
        movabs $0x1111111111111180, %rax
        cbw
        CHECK %rax, 0x111111111111ff80
        cwde
        CHECK %rax, 0xffffff80
        movabs $0x0000000080000000, %rax
        cdqe
        CHECK %rax, 0xffffffff80000000
        movabs $0x1111111100007fff, %rax
        cwde
        CHECK %rax, 0x7fff
        movabs $JUNK, %rdx
        mov $0x8000, %eax
        cwd
        CHECK %rdx, 0x555555555555ffff
        mov $0x7fffffff, %eax
        cdq
        CHECK %rdx, 0
        mov $0x80000000, %eax
        cdq
        CHECK %rdx, 0xffffffff
        movabs $0x8000000000000000, %rax
        cqo
        CHECK %rdx, 0xffffffffffffffff
        mov $1, %eax
        cqo
        CHECK %rdx, 0
        /* ---- movsx / movzx / movsxd ---- */
        movabs $JUNK, %rcx
        mov $0x80ff, %eax
        movsbq %al, %rcx
        CHECK %rcx, 0xffffffffffffffff
        movsbl %ah, %ecx
        CHECK %rcx, 0xffffff80
        movabs $JUNK, %rcx
        movsbw %al, %cx
        CHECK %rcx, 0x555555555555ffff
        movswq %ax, %rcx
        CHECK %rcx, 0xffffffffffff80ff
        movswl %ax, %ecx
        CHECK %rcx, 0xffff80ff
        movzbl %ah, %ecx
        CHECK %rcx, 0x80
        movabs $JUNK, %rcx
        movzbw %al, %cx
        CHECK %rcx, 0x55555555555500ff
        movzwq %ax, %rcx
        CHECK %rcx, 0x80ff
        movzbq %al, %rcx
        CHECK %rcx, 0xff
        mov $0x87654321, %eax
        movslq %eax, %rcx
        CHECK %rcx, 0xffffffff87654321
        movsbq 3(%rbx), %rcx      /* opnd byte 3 = 0xff */
        CHECK %rcx, 0xffffffffffffffff
        movzwl 2(%rbx), %ecx
        CHECK %rcx, 0xffff
        movslq 8(%rbx), %rcx
        CHECK %rcx, 0x12345678
        movswq 12(%rbx), %rcx
        CHECK %rcx, 0x789a
        END_TEST

        .data
        .balign 8
opnd:   .quad -1
        .quad 0x3456789a12345678
