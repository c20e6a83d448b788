/* shift.S — shl/shr/sar/rol/ror/rcl/rcr by 1, by imm, by cl (count 0, 1, >1, masked counts),
 * at 8/16/32/64 bits, and shld/shrd. Only flags the manual defines are checked: for counts > 1,
 * OF is undefined; AF is undefined for shifts; rotates define only CF (and OF for count 1);
 * a masked count of 0 leaves every flag alone. */
#include "check.inc"

/* T insn, a, count, result, flags[, mask[, flags_in]]: rax=a, rcx=count. */
.macro T insn, a, b, res, fl, mask=NOAF, fin=0
        movabs $\a, %rax
        movabs $\b, %rcx
        SETF \fin
        \insn
        SAVEF
        CHECK %rax, \res
        CHECKF \fl, \mask
.endm
        .equ SZPC, SF|ZF|PF|CF          /* multi-bit shift: OF and AF undefined */
        .equ OC, OF|CF                  /* rotate by 1 */

        BEGIN_TEST
        /* ---- shl ---- */
        T "shlb $1,%al", 0x11111111111111c1, 0, 0x1111111111111182, CF|SF|PF, NOAF
        T "shlb $1,%al", 0x40, 0, 0x80, SF|OF, NOAF
        T "shlb %cl,%al", 0xff, 4, 0xf0, CF|SF|PF, SZPC
        T "shlb %cl,%al", 0x01, 8, 0x00, CF|ZF|PF, SZPC
        T "shlb %cl,%al", 0x01, 9, 0x00, ZF|PF, SZPC
        T "shlb %cl,%al", 0x81, 0x20, 0x81, SF|OF|AF, ALLF, SF|OF|AF    /* masked to 0: nothing changes */
        T "shlw %cl,%ax", 0x12348001, 1, 0x12340002, CF|OF, NOAF
        T "shlw %cl,%ax", 0xffff0001, 15, 0xffff8000, SF|PF, SZPC
        T "shlw %cl,%ax", 0x1, 16, 0x0, CF|ZF|PF, SZPC
        T "shll %cl,%eax", 0xffffffff80000001, 1, 0x2, CF|OF, NOAF
        T "shll $31,%eax", 0x3, 0, 0x80000000, CF|SF|PF, SZPC
        T "shll %cl,%eax", 0xffffffff00000003, 0x21, 0x6, PF, SZPC             /* count 33 & 31 = 1 */
        T "shll %cl,%eax", 0xffffffff00000003, 0x20, 0x3, ZF|CF, ALLF, ZF|CF  /* count 0: but upper bits? */
        T "shlq %cl,%rax", 0x8000000000000001, 1, 0x2, CF|OF, NOAF
        T "shlq $63,%rax", 0x3, 0, 0x8000000000000000, CF|SF|PF, SZPC
        T "shlq %cl,%rax", 0x3, 0x41, 0x6, PF, SZPC                            /* count 65 & 63 = 1 */
        T "shlq %cl,%rax", 0x3, 0x40, 0x3, SF, ALLF, SF
        T "salq $4,%rax", 0x0f0f0f0f0f0f0f0f, 0, 0xf0f0f0f0f0f0f0f0, SF|PF, SZPC
        /* ---- shr ---- */
        T "shrb $1,%al", 0x81, 0, 0x40, CF|OF, NOAF
        T "shrb %cl,%al", 0xf0, 4, 0x0f, PF, SZPC
        T "shrb %cl,%al", 0x80, 8, 0x00, CF|ZF|PF, SZPC
        T "shrb %cl,%ah", 0x8000, 7, 0x0100, 0, SZPC
        T "shrw $1,%ax", 0x8001, 0, 0x4000, CF|OF|PF, NOAF
        T "shrw %cl,%ax", 0xaaaa0000ffff, 12, 0xaaaa0000000f, CF|PF, SZPC
        T "shrl $1,%eax", 0xffffffff00000001, 0, 0, CF|ZF|PF, NOAF
        T "shrl %cl,%eax", 0x80000000, 31, 0x1, 0, SZPC
        T "shrl %cl,%eax", 0xffffffff80000000, 0x3f, 0x1, 0, SZPC
        T "shrq $1,%rax", 0x8000000000000000, 0, 0x4000000000000000, OF|PF, NOAF
        T "shrq %cl,%rax", 0xffffffffffffffff, 63, 0x1, CF, SZPC
        T "shrq %cl,%rax", 0x8000000000000000, 0x7f, 0x1, 0, SZPC
        /* ---- sar ---- */
        T "sarb $1,%al", 0x81, 0, 0xc0, CF|SF|PF, ALLF&~AF
        T "sarb %cl,%al", 0x80, 7, 0xff, SF|PF, SZPC
        T "sarb %cl,%al", 0x80, 9, 0xff, CF|SF|PF, SZPC
        T "sarb %cl,%al", 0x7f, 12, 0x00, ZF|PF, SZPC
        T "sarw $1,%ax", 0x8001, 0, 0xc000, CF|SF|PF, NOAF
        T "sarw %cl,%ax", 0x12348000, 15, 0x1234ffff, SF|PF, SZPC
        T "sarl $1,%eax", 0x80000000, 0, 0xc0000000, SF|PF, NOAF
        T "sarl %cl,%eax", 0xffffffff7fffffff, 30, 0x1, CF, SZPC
        T "sarl %cl,%eax", 0x80000000, 0x3f, 0xffffffff, SF|PF, SZPC
        T "sarq $1,%rax", 0xffffffffffffffff, 0, 0xffffffffffffffff, CF|SF|PF, NOAF
        T "sarq %cl,%rax", 0x8000000000000000, 63, 0xffffffffffffffff, SF|PF, SZPC
        T "sarq %cl,%rax", 0x4000000000000000, 62, 0x1, 0, SZPC
        /* ---- rol / ror: only CF (and OF when count = 1) ---- */
        T "rolb $1,%al", 0x80, 0, 0x01, CF|OF, OC
        T "rolb $1,%al", 0x40, 0, 0x80, OF, OC
        T "rolb %cl,%al", 0x12, 4, 0x21, CF, CF
        T "rolb %cl,%al", 0x12, 8, 0x12, 0, CF             /* count 8: rotated full circle, CF = bit 0 */
        T "rolb %cl,%al", 0x13, 8, 0x13, CF, CF
        T "rolb %cl,%al", 0x12, 0x20, 0x12, CF|ZF, ALLF, CF|ZF
        T "rolw %cl,%ax", 0x11118001, 4, 0x11110018, 0, CF
        T "roll %cl,%eax", 0xffffffff80000001, 1, 0x3, CF|OF, OC
        T "roll $16,%eax", 0x12345678, 0, 0x56781234, 0, CF
        T "rolq %cl,%rax", 0x8000000000000001, 1, 0x3, CF|OF, OC
        T "rolq $8,%rax", 0x0123456789abcdef, 0, 0x23456789abcdef01, CF, CF
        T "rorb $1,%al", 0x01, 0, 0x80, CF|OF, OC
        T "rorb %cl,%al", 0x12, 4, 0x21, 0, CF
        T "rorb %cl,%al", 0x81, 9, 0xc0, CF, CF
        T "rorw $1,%ax", 0x0002, 0, 0x0001, 0, OC
        T "rorl %cl,%eax", 0x12345678, 8, 0x78123456, 0, CF
        T "rorl %cl,%eax", 0xffffffff00000001, 33, 0x80000000, CF|OF, OC
        T "rorq $4,%rax", 0x0123456789abcdef, 0, 0xf0123456789abcde, CF, CF
        T "rorq %cl,%rax", 0x1, 0x41, 0x8000000000000000, CF|OF, OC
        /* ---- rcl / rcr: through CF ---- */
        T "rclb $1,%al", 0x80, 0, 0x01, CF|OF, OC, CF
        T "rclb $1,%al", 0x80, 0, 0x00, CF|OF, OC, 0
        T "rclb %cl,%al", 0x01, 8, 0x80, CF, CF, CF         /* 9-bit rotate */
        T "rclb %cl,%al", 0x01, 9, 0x01, CF, CF, CF          /* full circle */
        T "rclw %cl,%ax", 0x8000, 2, 0x0003, 0, CF, CF
        T "rcll $1,%eax", 0xffffffff40000000, 0, 0x80000000, OF, OC
        T "rcll %cl,%eax", 0x80000000, 3, 0x6, 0, CF, CF
        T "rclq $1,%rax", 0x8000000000000000, 0, 0x1, CF|OF, OC, CF
        T "rclq %cl,%rax", 0x1, 64, 0x1, 0, CF, 0      /* count masked to 0 */
        T "rcrb $1,%al", 0x01, 0, 0x80, CF|OF, OC, CF
        T "rcrb %cl,%al", 0x00, 9, 0x00, CF, CF, CF
        T "rcrb %cl,%al", 0x80, 8, 0x00, CF, CF
        T "rcrw %cl,%ax", 0x0001, 1, 0x8000, CF|OF, OC, CF
        T "rcrw %cl,%ax", 0x0001, 17, 0x0001, CF, CF, CF
        T "rcrl $1,%eax", 0x1, 0, 0x0, CF, CF
        T "rcrl %cl,%eax", 0x1, 2, 0x80000000, 0, CF
        T "rcrq $1,%rax", 0x2, 0, 0x8000000000000001, OF, OC, CF
        T "rcrq %cl,%rax", 0x3, 63, 0xe, 0, CF, CF
        /* ---- shld / shrd: rax = dst, rdx = source, rcx = count ---- */
        mov $0xabcd, %edx
        T "shldw %cl,%dx,%ax", 0x1234, 4, 0x234a, CF, SZPC
        T "shldw $8,%dx,%ax", 0x1234, 0, 0x34ab, 0, SZPC
        movabs $0x89abcdef00000000, %rdx
        T "shldl $8,%edx,%eax", 0xffffffff12345678, 0, 0x34567800, PF, SZPC
        T "shldq $8,%rdx,%rax", 0x123456789abcdef0, 0, 0x3456789abcdef089, 0, SZPC
        T "shldq %cl,%rdx,%rax", 0x8000000000000000, 1, 0x1, CF|OF, ALLF&~AF
        T "shldq %cl,%rdx,%rax", 0x5, 64, 0x5, ZF, ALLF, ZF
        movabs $0x0123456789abcdef, %rdx
        T "shrdw $4,%dx,%ax", 0x1238, 0, 0xf123, CF|SF, SZPC
        T "shrdl %cl,%edx,%eax", 0x12345678, 16, 0xcdef1234, SF, SZPC
        T "shrdl %cl,%edx,%eax", 0x12345678, 0, 0x12345678, PF, ALLF, PF
        T "shrdq $8,%rdx,%rax", 0xfedcba9876543210, 0, 0xeffedcba98765432, SF, SZPC
        T "shrdq %cl,%rdx,%rax", 0x1, 1, 0x8000000000000000, CF|OF|SF|PF, ALLF&~AF
        T "shrdq %cl,%rdx,%rax", 0x1, 0x44, 0xf000000000000000, 0, CF
        /* shifts on memory */
        lea mem(%rip), %rbx
        movq $0x81, (%rbx)
        shlq $4, (%rbx)
        sarw $2, (%rbx)
        rorb (%rbx)
        mov (%rbx), %rax
        CHECK %rax, 0x0202
        END_TEST

        .data
        .balign 8
mem:    .quad 0
