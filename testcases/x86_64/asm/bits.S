/* bits.S — bt/bts/btr/btc (register and immediate index, register and memory operand), bsf/bsr,
 * bswap, all 16 setcc and cmovcc conditions, lea forms (incl. rip-relative and 32-bit address
 * size), xchg, cmpxchg, xadd, and lock-prefixed read-modify-write on memory.
 * bt*: only CF is defined (ZF is preserved). bsf/bsr: only ZF (destination untested for 0). */
#include "check.inc"

/* T insn, rax_in, rcx_in, rax_out, rcx_out, flags, mask[, flags_in] */
.macro T insn, a, c, ra, rc, fl, mask, fin=0
        movabs $\a, %rax
        movabs $\c, %rcx
        SETF \fin
        \insn
        SAVEF
        CHECK %rax, \ra
        CHECK %rcx, \rc
        CHECKF \fl, \mask
.endm

/* SETCC_ALL flags, lo, hi: the 16 setcc results as bytes o,no,b,ae,e,ne,be,a,s,ns,p,np,l,ge,le,g */
.macro SETCC_ALL fl, lo, hi
        SETF \fl
        seto  ccbuf+0(%rip)
        setno ccbuf+1(%rip)
        setb  ccbuf+2(%rip)
        setae ccbuf+3(%rip)
        sete  ccbuf+4(%rip)
        setne ccbuf+5(%rip)
        setbe ccbuf+6(%rip)
        seta  ccbuf+7(%rip)
        sets  ccbuf+8(%rip)
        setns ccbuf+9(%rip)
        setp  ccbuf+10(%rip)
        setnp ccbuf+11(%rip)
        setl  ccbuf+12(%rip)
        setge ccbuf+13(%rip)
        setle ccbuf+14(%rip)
        setg  ccbuf+15(%rip)
        mov ccbuf(%rip), %rax
        CHECK %rax, \lo
        mov ccbuf+8(%rip), %rax
        CHECK %rax, \hi
.endm

/* one cmov into a byte: dl = (cond ? 1 : 0), through a 32-bit cmov on a dirty 64-bit register */
.macro CMOV1 cc, off, fl
        SETF \fl
        movabs $0xffffffff00000000, %rdx
        cmov\cc\()l %esi, %edx          /* always writes edx: upper half cleared either way */
        mov %rdx, %rdi
        shr $32, %rdi
        or %dil, %dl                    /* would leave junk if the upper half survived */
        mov %dl, ccbuf+\off(%rip)
.endm
.macro CMOV_ALL fl, lo, hi
        mov $1, %esi
        CMOV1 o, 0, \fl
        CMOV1 no, 1, \fl
        CMOV1 b, 2, \fl
        CMOV1 ae, 3, \fl
        CMOV1 e, 4, \fl
        CMOV1 ne, 5, \fl
        CMOV1 be, 6, \fl
        CMOV1 a, 7, \fl
        CMOV1 s, 8, \fl
        CMOV1 ns, 9, \fl
        CMOV1 p, 10, \fl
        CMOV1 np, 11, \fl
        CMOV1 l, 12, \fl
        CMOV1 ge, 13, \fl
        CMOV1 le, 14, \fl
        CMOV1 g, 15, \fl
        mov ccbuf(%rip), %rax
        CHECK %rax, \lo
        mov ccbuf+8(%rip), %rax
        CHECK %rax, \hi
.endm

        BEGIN_TEST

        .equ CZ, CF|ZF
        /* ---- bt / bts / btr / btc, register operand ---- */
        T "btq %rcx,%rax", 0x8000000000000000, 63, 0x8000000000000000, 63, CF, CZ
        T "btq %rcx,%rax", 0x8000000000000000, 127, 0x8000000000000000, 127, CF|ZF, CZ, ZF|CF     /* index mod 64; ZF kept */
        T "btl %ecx,%eax", 0x100000000, 32, 0x100000000, 32, 0, CZ, CF                          /* mod 32 -> bit 0 */
        T "btw %cx,%ax", 0x8000, 0x1f, 0x8000, 0x1f, CF, CZ
        T "btsq %rcx,%rax", 0x0, 40, 0x10000000000, 40, ZF, CZ, ZF
        T "btsl %ecx,%eax", 0xffffffff00000001, 0, 0x1, 0, CF, CZ
        T "btsw %cx,%ax", 0x11110000, 0x13, 0x11110008, 0x13, 0, CZ
        T "btrq %rcx,%rax", 0xffffffffffffffff, 0x3f, 0x7fffffffffffffff, 0x3f, CF, CZ
        T "btrl %ecx,%eax", 0xffffffffffffffff, 4, 0xffffffef, 4, CF, CZ
        T "btrw %cx,%ax", 0xffff, 0x4, 0xffef, 0x4, CF, CZ
        T "btcq %rcx,%rax", 0x5, 2, 0x1, 2, CF, CZ
        T "btcl %ecx,%eax", 0x5, 1, 0x7, 1, 0, CZ
        T "btcw %cx,%ax", 0x12345, 0xf, 0x1a345, 0xf, 0, CZ
        /* ---- immediate index ---- */
        T "btq $35,%rax", 0x800000000, 0, 0x800000000, 0, CF, CZ
        T "btsq $0,%rax", 0x2, 0, 0x3, 0, 0, CZ
        T "btrl $31,%eax", 0xffffffffffffffff, 0, 0x7fffffff, 0, CF, CZ
        T "btcw $8,%ax", 0xff00ff, 0, 0xff01ff, 0, 0, CZ
        T "btl $33,%eax", 0x2, 0, 0x2, 0, CF, CZ                        /* imm mod 32 */
        /* ---- memory: register index reaches beyond the addressed qword ---- */
        lea bitmem(%rip), %rbx
        movabs $0x8000000000000001, %rax
        mov %rax, (%rbx)
        mov $70, %ecx
        btsq %rcx, (%rbx)               /* bit 6 of byte 8 */
        SAVEF
        CHECKF 0, CF
        mov 8(%rbx), %rax
        CHECK %rax, 0x40
        mov $-1, %rcx
        btq %rcx, 8(%rbx)               /* bit 63 of qword 0 */
        SAVEF
        CHECKF CF, CF
        mov $-64, %rcx
        btrq %rcx, 8(%rbx)              /* bit 0 of qword 0 */
        SAVEF
        CHECKF CF, CF
        mov (%rbx), %rax
        CHECK %rax, 0x8000000000000000
        btcl $1, 8(%rbx)
        btl $7, 9(%rbx)
        SAVEF
        CHECKF 0, CF
        mov 8(%rbx), %rax
        CHECK %rax, 0x42
        /* ---- bsf / bsr ---- */
        T "bsfq %rax,%rcx", 0x8000000000000000, 0, 0x8000000000000000, 63, 0, ZF
        T "bsfq %rax,%rcx", 0x0000001000000100, 0, 0x0000001000000100, 8, 0, ZF
        T "bsrq %rax,%rcx", 0x0000001000000100, 0, 0x0000001000000100, 36, 0, ZF
        T "bsrq %rax,%rcx", 1, 0, 1, 0, 0, ZF
        T "bsfl %eax,%ecx", 0xffff000000000000, 0x1234, 0xffff000000000000, 0x1234, ZF, ZF   /* zero source: ZF=1 */
        T "bsrl %eax,%ecx", 0xffffffff80000000, 0x5555555555555555, 0xffffffff80000000, 31, 0, ZF
        T "bsfw %ax,%cx", 0x10, 0x5555555555555555, 0x10, 0x5555555555550004, 0, ZF
        T "bsrw %ax,%cx", 0x10000, 0x7777, 0x10000, 0x7777, ZF, ZF
        /* ---- bswap ---- */
        T "bswapq %rax", 0x0123456789abcdef, 0, 0xefcdab8967452301, 0, ALLF, ALLF, ALLF
        T "bswapl %eax", 0xffffffff12345678, 0, 0x78563412, 0, 0, ALLF
        T "bswapq %rcx", 0, 0xff, 0, 0xff00000000000000, 0, ALLF
        /* ---- setcc and cmovcc under many flag states ---- */
        SETCC_ALL 0, 0x0100010001000100, 0x0100010001000100
        CMOV_ALL 0, 0x0100010001000100, 0x0100010001000100
        SETCC_ALL CF, 0x0001010000010100, 0x0100010001000100
        CMOV_ALL CF, 0x0001010000010100, 0x0100010001000100
        SETCC_ALL ZF, 0x0001000101000100, 0x0001010001000100
        CMOV_ALL ZF, 0x0001000101000100, 0x0001010001000100
        SETCC_ALL SF, 0x0100010001000100, 0x0001000101000001
        CMOV_ALL SF, 0x0100010001000100, 0x0001000101000001
        SETCC_ALL OF, 0x0100010001000001, 0x0001000101000100
        CMOV_ALL OF, 0x0100010001000001, 0x0001000101000100
        SETCC_ALL PF, 0x0100010001000100, 0x0100010000010100
        CMOV_ALL PF, 0x0100010001000100, 0x0100010000010100
        SETCC_ALL SF|OF, 0x0100010001000001, 0x0100010001000001
        CMOV_ALL SF|OF, 0x0100010001000001, 0x0100010001000001
        SETCC_ALL ZF|SF, 0x0001000101000100, 0x0001000101000001
        CMOV_ALL ZF|SF, 0x0001000101000100, 0x0001000101000001
        SETCC_ALL CF|ZF, 0x0001000100010100, 0x0001010001000100
        CMOV_ALL CF|ZF, 0x0001000100010100, 0x0001010001000100
        SETCC_ALL ALLF, 0x0001000100010001, 0x0001010000010001
        CMOV_ALL ALLF, 0x0001000100010001, 0x0001010000010001
        SETCC_ALL OF|ZF, 0x0001000101000001, 0x0001000101000100
        CMOV_ALL OF|ZF, 0x0001000101000001, 0x0001000101000100
        SETCC_ALL SF|PF, 0x0100010001000100, 0x0001000100010001
        CMOV_ALL SF|PF, 0x0100010001000100, 0x0001000100010001

        mov $0x1234, %eax
        SETF CF
        setc %ah
        CHECK %rax, 0x0134
        SETF 0
        movabs $0x1111111111111111, %rax
        movabs $0x2222222222222222, %rcx
        cmovzq %rcx, %rax                       /* not taken, 64-bit: nothing changes */
        CHECK %rax, 0x1111111111111111
        SETF 0
        cmovnzw %cx, %ax
        CHECK %rax, 0x1111111111112222
        SETF 0
        cmovzw %cx, %ax                         /* 16-bit not taken: unchanged */
        CHECK %rax, 0x1111111111112222
        SETF 0
        cmovnzq (%rbx), %rax
        CHECK %rax, 0x8000000000000000
        /* ---- lea ---- */
        mov $0x1000, %eax
        movabs $0xffffffff00000010, %rcx
        lea 8(%rax,%rcx,4), %rdx
        CHECK %rdx, 0xfffffffc00001048
        lea -8(%rax,%rcx,4), %edx
        CHECK %rdx, 0x1038
        lea 0x7fffffff(%rax), %edx
        CHECK %rdx, 0x80000fff
        lea (%eax,%ecx,8), %rdx                 /* 32-bit address size */
        CHECK %rdx, 0x1080
        movabs $0x1111111111111111, %rdx
        lea 3(%rax,%rax,2), %dx
        CHECK %rdx, 0x1111111111113003
        lea (,%rcx,2), %rdx
        CHECK %rdx, 0xfffffffe00000020
        lea -1(%rcx), %rdx
        CHECK %rdx, 0xffffffff0000000f
        lea bitmem(%rip), %rdx
        movabs $bitmem, %rsi
        sub %rsi, %rdx
        CHECK %rdx, 0
        lea here(%rip), %rdx
here:   movabs $here, %rsi
        sub %rsi, %rdx
        CHECK %rdx, 0
        /* ---- xchg ---- */
        T "xchgq %rcx,%rax", 1, 2, 2, 1, 0, 0
        T "xchgl %ecx,%eax", 0xffffffff00000001, 0xeeeeeeee00000002, 2, 1, 0, 0
        T "xchgw %cx,%ax", 0xffffffff00000001, 0xeeeeeeee00000002, 0xffffffff00000002, 0xeeeeeeee00000001, 0, 0
        T "xchgb %cl,%ah", 0x1122, 0x33, 0x3322, 0x11, 0, 0
        T ".byte 0x87,0xc0", 0xffffffff12345678, 0, 0x12345678, 0, 0, 0         /* xchg eax,eax zero-extends */
        T ".byte 0x90", 0xffffffff12345678, 0, 0xffffffff12345678, 0, 0, 0      /* but nop (0x90) does not */
        movq $5, (%rbx)
        mov $9, %eax
        xchg %rax, (%rbx)
        CHECK %rax, 5
        mov (%rbx), %rax
        CHECK %rax, 9
        /* ---- cmpxchg: rax = accumulator, rcx = source, rdx = destination ---- */
        mov $7, %edx
        T "cmpxchgq %rcx,%rdx", 7, 9, 7, 9, ZF|PF, ALLF
        CHECK %rdx, 9
        mov $8, %edx
        T "cmpxchgq %rcx,%rdx", 7, 9, 8, 9, CF|SF|PF|AF, ALLF
        CHECK %rdx, 8
        movabs $0xffffffff00000005, %rdx
        T "cmpxchgl %ecx,%edx", 0xffffffff00000006, 9, 5, 9, 0, ALLF      /* fail: eax = edx (zero-extended) */
        movabs $0xffffffff00000005, %rdx
        T "cmpxchgl %ecx,%edx", 0x5, 0xaaaaaaaa00000009, 0x5, 0xaaaaaaaa00000009, ZF|PF, ALLF
        CHECK %rdx, 0x9                          /* success: destination written (zero-extended) */
        mov $0x1234, %edx
        T "cmpxchgb %ch,%dl", 0x34, 0x5600, 0x34, 0x5600, ZF|PF, ALLF
        CHECK %rdx, 0x1256
        movq $100, (%rbx)
        T "cmpxchgq %rcx,(%rbx)", 100, 200, 100, 200, ZF|PF, ALLF
        T "cmpxchgq %rcx,(%rbx)", 100, 300, 200, 300, CF|SF|PF|AF, ALLF
        T "cmpxchgw %cx,(%rbx)", 0xffff00c8, 0x1, 0xffff00c8, 0x1, ZF|PF, ALLF
        mov (%rbx), %rax
        CHECK %rax, 1
        /* ---- xadd ---- */
        T "xaddq %rcx,%rax", 5, 0xffffffffffffffff, 4, 5, CF|AF, ALLF
        T "xaddl %ecx,%eax", 0xffffffff80000000, 0xffffffff80000000, 0, 0x80000000, CF|ZF|PF|OF, ALLF
        T "xaddb %cl,%al", 0x7f, 0x101, 0x80, 0x17f, SF|OF|AF, ALLF
        movq $10, (%rbx)
        T "xaddq %rcx,(%rbx)", 0, 5, 0, 10, PF, ALLF
        mov (%rbx), %rax
        CHECK %rax, 15
        /* ---- lock prefix ---- */
        movq $0, (%rbx)
        movq $0, 8(%rbx)
        lock addq $3, (%rbx)
        lock incl (%rbx)
        SAVEF
        CHECKF 0
        lock decb 8(%rbx)
        SAVEF
        CHECKF SF|PF|AF
        mov $1, %ecx
        lock xaddl %ecx, (%rbx)
        CHECK %rcx, 4
        mov $5, %eax
        mov $77, %ecx
        lock cmpxchgq %rcx, (%rbx)
        SAVEF
        CHECKF ZF|PF
        lock btsq $62, (%rbx)
        lock orw $0x100, 8(%rbx)
        lock subq $1, 8(%rbx)
        lock negq 8(%rbx)
        lock notq 8(%rbx)
        lock andl $-2, 8(%rbx)
        lock xorb $0x80, 9(%rbx)
        mov (%rbx), %rax
        CHECK %rax, 0x400000000000004d
        mov 8(%rbx), %rax
        CHECK %rax, 0x81fc
        END_TEST

        .data
        .balign 16
ccbuf:  .quad 0, 0
bitmem: .quad 0, 0
