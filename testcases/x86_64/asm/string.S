/* string.S — movs/stos/lods/cmps/scas in b/w/d/q sizes, without prefix and with rep/repe/repne,
 * rcx = 0, and both directions (cld/std). Checks memory, rsi/rdi/rcx and the flags left behind. */
#include "check.inc"

/* CLEAR: zero the 64-byte dst buffer */
.macro CLEAR
        lea dst(%rip), %rdi
        xor %eax, %eax
        mov $8, %ecx
9:      mov %rax, (%rdi)
        add $8, %rdi
        dec %ecx
        jnz 9b
.endm
/* DSTQ off, value: the qword at dst+off must equal value (clobbers r9) */
.macro DSTQ off, val
        mov dst+\off(%rip), %r9
        CHECK %r9, \val
.endm
/* PTR reg, symbol, off: register must hold symbol+off (clobbers r8, r9) */
.macro PTR reg, sym, off
        mov \reg, %r9
        lea \sym+\off(%rip), %r8
        sub %r8, %r9
        CHECK %r9, 0
.endm

        BEGIN_TEST
        cld
        /* ---- rep movsb, forward, odd length ---- */
        CLEAR
        lea src(%rip), %rsi
        lea dst(%rip), %rdi
        mov $13, %ecx
        rep movsb
        CHECK %rcx, 0
        PTR %rsi, src, 13
        PTR %rdi, dst, 13
        DSTQ 0, 0x6867666564636261      /* "abcdefgh" */
        DSTQ 8, 0x0000006d6c6b6a69      /* "ijklm" */
        /* ---- single movs of each size ---- */
        CLEAR
        lea src(%rip), %rsi
        lea dst(%rip), %rdi
        movsb
        movsw
        movsl
        movsq
        PTR %rsi, src, 15
        PTR %rdi, dst, 15
        DSTQ 0, 0x6867666564636261
        DSTQ 8, 0x006f6e6d6c6b6a69
        /* ---- rep with rcx = 0 does nothing ---- */
        lea src(%rip), %rsi
        lea dst(%rip), %rdi
        xor %ecx, %ecx
        SETF ZF|CF
        rep movsq
        repe cmpsb
        SAVEF
        CHECKF ZF|CF
        PTR %rsi, src, 0
        PTR %rdi, dst, 0
        /* ---- rep movsd / movsq counts ---- */
        CLEAR
        lea src(%rip), %rsi
        lea dst+4(%rip), %rdi
        mov $3, %ecx
        rep movsl
        PTR %rdi, dst, 16
        DSTQ 0, 0x6463626100000000
        DSTQ 8, 0x6c6b6a6968676665
        lea src+8(%rip), %rsi
        lea dst+24(%rip), %rdi
        mov $2, %rcx
        rep movsq
        DSTQ 24, 0x706f6e6d6c6b6a69
        DSTQ 32, 0x7877767574737271
        /* ---- backwards: std; rep movsw copies the last 3 words first ---- */
        CLEAR
        std
        lea src+10(%rip), %rsi
        lea dst+10(%rip), %rdi
        mov $3, %ecx
        rep movsw
        cld
        PTR %rsi, src, 4
        PTR %rdi, dst, 4
        DSTQ 0, 0x6867000000000000
        DSTQ 8, 0x000000006c6b6a69
        /* overlapping backwards memmove idiom: shift "abcdefgh" right by 2 inside dst */
        lea src(%rip), %rsi
        lea dst(%rip), %rdi
        mov $8, %ecx
        rep movsb
        std
        lea dst+7(%rip), %rsi
        lea dst+9(%rip), %rdi
        mov $8, %ecx
        rep movsb
        cld
        DSTQ 0, 0x6665646362616261
        DSTQ 8, 0x000000006c6b6867
        /* ---- stos ---- */
        CLEAR
        lea dst(%rip), %rdi
        movabs $0x1122334455667788, %rax
        stosb
        stosw
        stosl
        stosq
        PTR %rdi, dst, 15
        DSTQ 0, 0x8855667788778888
        DSTQ 8, 0x0011223344556677
        lea dst(%rip), %rdi
        mov $5, %ecx
        rep stosq
        CHECK %rcx, 0
        PTR %rdi, dst, 40
        DSTQ 32, 0x1122334455667788
        DSTQ 40, 0
        std
        lea dst+62(%rip), %rdi
        mov $0xabcd, %eax
        mov $4, %ecx
        rep stosw
        cld
        PTR %rdi, dst, 54
        DSTQ 56, 0xabcdabcdabcdabcd
        DSTQ 48, 0
        /* ---- lods ---- */
        lea src(%rip), %rsi
        movabs $0xffffffffffffffff, %rax
        lodsb
        CHECK %rax, 0xffffffffffffff61
        lodsw
        CHECK %rax, 0xffffffffffff6362
        lodsl
        CHECK %rax, 0x67666564
        lodsq
        CHECK %rax, 0x6f6e6d6c6b6a6968
        PTR %rsi, src, 15
        std
        lodsb
        cld
        CHECK %rax, 0x6f6e6d6c6b6a6970
        PTR %rsi, src, 14
        /* ---- cmps (flags of [rsi] - [rdi]) ---- */
        lea str1(%rip), %rsi
        lea str2(%rip), %rdi
        cmpsb                           /* 'h' - 'h' */
        SAVEF
        CHECKF ZF|PF
        cmpsw                           /* "el" - "el" */
        SAVEF
        CHECKF ZF|PF
        cmpsb                           /* 'l' - 'p' */
        SAVEF
        CHECKF CF|SF|PF
        PTR %rsi, str1, 4
        lea str1(%rip), %rsi
        lea str2(%rip), %rdi
        mov $100, %ecx
        repe cmpsb                      /* stops after the mismatch at index 3 */
        SAVEF
        CHECKF CF|SF|PF
        CHECK %rcx, 96
        PTR %rsi, str1, 4
        PTR %rdi, str2, 4
        lea str1(%rip), %rsi
        lea str1(%rip), %rdi
        mov $3, %ecx
        repe cmpsl                      /* all equal: runs to rcx = 0 */
        SAVEF
        CHECKF ZF|PF
        CHECK %rcx, 0
        PTR %rsi, str1, 12
        lea str1(%rip), %rsi
        lea str2(%rip), %rdi
        mov $4, %ecx
        repne cmpsb                     /* stops at the first equal byte (index 0) */
        CHECK %rcx, 3
        lea str2+8(%rip), %rsi          /* "world!!!" vs "world???" compare as qword */
        lea str1+8(%rip), %rdi
        cmpsq
        SAVEF
        CHECKF 0, ZF
        /* ---- scas (flags of al/ax/eax/rax - [rdi]) ---- */
        lea str1(%rip), %rdi
        mov $-1, %rcx
        xor %eax, %eax
        repne scasb                     /* strlen idiom */
        not %rcx
        dec %rcx
        CHECK %rcx, 16
        PTR %rdi, str1, 17
        lea str1(%rip), %rdi
        mov $'l', %al
        mov $16, %ecx
        repne scasb
        SAVEF
        CHECKF ZF|PF
        CHECK %rcx, 13
        PTR %rdi, str1, 3
        mov $0x6c6c, %ax
        repe scasw                      /* "lo" != "ll" at once */
        SAVEF
        CHECKF 0, ZF
        CHECK %rcx, 12
        lea str1(%rip), %rdi
        movabs $0x6f77206f6c6c6568, %rax
        scasq
        SAVEF
        CHECKF ZF|PF
        mov $0x6c726f, %eax
        scasl                           /* "rld!" */
        SAVEF
        CHECKF CF|SF, CF|ZF|SF
        xor %ecx, %ecx
        SETF OF|SF
        repne scasb
        SAVEF
        CHECKF OF|SF
        PTR %rdi, str1, 12
        std
        lea str1+15(%rip), %rdi
        mov $'o', %al
        mov $20, %ecx
        repne scasb                     /* last 'o' in "hello world!!!!!" is index 7 */
        cld
        CHECK %rcx, 11
        PTR %rdi, str1, 6
        END_TEST

        .data
src:    .ascii "abcdefghijklmnopqrstuvwxyz012345"
str1:   .ascii "hello world!!!!!"
        .byte 0
        .balign 8
str2:   .ascii "help world!!????"
        .byte 0
        .balign 16
dst:    .fill 64, 1, 0
