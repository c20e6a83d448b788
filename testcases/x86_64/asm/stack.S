/* stack.S — push/pop (immediate, register, memory, 16-bit forms, rsp itself), call/ret,
 * ret imm16, enter/leave, indirect call and jmp through registers and memory, a jump table,
 * and a recursive function. */
#include "check.inc"

        BEGIN_TEST
        mov %rsp, %rbp                  /* reference point for depth checks */
        /* ---- push / pop ---- */
        push $-2                        /* imm8 sign-extended to 64 bits */
        push $0x12345678
        push $-0x80000000
        pop %rax
        CHECK %rax, 0xffffffff80000000
        pop %rax
        CHECK %rax, 0x12345678
        pop %rax
        CHECK %rax, 0xfffffffffffffffe
        mov %rbp, %rax
        sub %rsp, %rax
        CHECK %rax, 0
        movabs $0x1122334455667788, %rcx
        push %rcx
        mov (%rsp), %rdx
        CHECK %rdx, 0x1122334455667788
        pop %r12
        CHECK %r12, 0x1122334455667788
        push %rsp                       /* pushes the value before the decrement */
        pop %rax
        sub %rbp, %rax
        CHECK %rax, 0
        lea memq(%rip), %rbx
        pushq (%rbx)
        pushq 8(%rbx)
        popq 16(%rbx)
        popq 24(%rbx)
        mov 16(%rbx), %rax
        CHECK %rax, 0xbbbbbbbbbbbbbbbb
        mov 24(%rbx), %rax
        CHECK %rax, 0xaaaaaaaaaaaaaaaa
        /* 16-bit push / pop move rsp by 2 */
        movabs $0x5555555555555555, %rax
        pushw $0x1234
        push %ax
        mov %rbp, %rcx
        sub %rsp, %rcx
        CHECK %rcx, 4
        popw %dx
        pop %ax
        CHECK %rax, 0x5555555555551234
        mov %rbp, %rcx
        sub %rsp, %rcx
        CHECK %rcx, 0
        /* pop with an rsp-based destination uses rsp after the increment */
        push $0
        push $77
        popq (%rsp)                     /* writes 77 over the 0 */
        pop %rax
        CHECK %rax, 77
        /* ---- call / ret ---- */
        call f_add                      /* rax = rdi + rsi */
        mov $40, %edi
        mov $2, %esi
        call f_add
        CHECK %rax, 42
        lea f_add(%rip), %r13
        mov $5, %edi
        call *%r13
        CHECK %rax, 7
        mov %r13, fptr(%rip)
        mov $-9, %rdi
        call *fptr(%rip)
        CHECK %rax, 0xfffffffffffffff9
        lea fptr(%rip), %rbx
        call *(%rbx)
        CHECK %rax, 0xfffffffffffffff9
        /* the return address is the next instruction */
        call 1f
1:      pop %rax
        lea 1b(%rip), %rcx
        sub %rcx, %rax
        CHECK %rax, 0
        /* ret imm16 pops the arguments */
        push $100
        push $20
        push $3
        call f_sum3                     /* returns with ret $24 */
        CHECK %rax, 123
        mov %rbp, %rcx
        sub %rsp, %rcx
        CHECK %rcx, 0
        /* ---- enter / leave ---- */
        mov %rbp, %r14
        mov $0x1111, %r15
        call f_frame
        CHECK %rax, 0x2222
        mov %rbp, %rax
        sub %r14, %rax
        CHECK %rax, 0
        mov %rsp, %rax
        sub %r14, %rax
        CHECK %rax, 0
        /* ---- indirect jmp through a register and memory ---- */
        lea 2f(%rip), %rax
        jmp *%rax
        mov $1, %edi                    /* skipped */
        jmp 3f
2:      lea jtarget(%rip), %rbx
        lea 4f(%rip), %rax
        mov %rax, (%rbx)
        jmp *(%rbx)
        jmp 3f
4:      xor %edi, %edi
3:      CHECK %rdi, 0
        /* ---- jump table: sum of case values for 0..7 ---- */
        xor %r12d, %r12d                /* index */
        xor %r13d, %r13d                /* sum */
5:      mov %r12, %rdi
        call f_switch
        add %rax, %r13
        inc %r12
        cmp $8, %r12
        jb 5b
        CHECK %r13, 10+20+30+40+50+60+70+(-1)
        /* ---- recursion: fib(20) ---- */
        mov $20, %edi
        call f_fib
        CHECK %rax, 6765
        mov %rbp, %rcx
        sub %rsp, %rcx
        CHECK %rcx, 0
        END_TEST

f_add:  lea 2(%rdi,%rsi), %rax          /* rdi + rsi + 2 */
        sub $2, %rax
        ret

f_sum3: mov 8(%rsp), %rax
        add 16(%rsp), %rax
        add 24(%rsp), %rax
        ret $24

f_frame:
        enter $32, $0
        mov %r15, -8(%rbp)
        mov -8(%rbp), %rax
        add %r15, %rax
        mov %rbp, %rcx
        sub %rsp, %rcx                  /* 32 bytes of locals */
        CHECK %rcx, 32
        mov (%rbp), %rcx                /* the saved frame pointer */
        sub %r14, %rcx
        CHECK %rcx, 0
        leave
        ret

/* f_switch(rdi in 0..7): table dispatch; 7 goes to the default */
f_switch:
        cmp $6, %rdi
        ja .Ldefault
        lea table(%rip), %rcx
        movslq (%rcx,%rdi,4), %rax
        add %rcx, %rax
        jmp *%rax
.Lc0:   mov $10, %eax
        ret
.Lc1:   mov $20, %eax
        ret
.Lc2:   mov $30, %eax
        ret
.Lc3:   mov $40, %eax
        ret
.Lc4:   mov $50, %eax
        ret
.Lc5:   mov $60, %eax
        ret
.Lc6:   mov $70, %eax
        ret
.Ldefault:
        mov $-1, %rax
        ret

f_fib:  cmp $2, %rdi
        jb 1f
        push %rdi
        dec %rdi
        call f_fib
        pop %rdi
        push %rax
        sub $2, %rdi
        call f_fib
        pop %rcx
        add %rcx, %rax
        ret
1:      mov %rdi, %rax
        ret

        .section .rodata
        .balign 4
table:  .long .Lc0-table, .Lc1-table, .Lc2-table, .Lc3-table, .Lc4-table, .Lc5-table, .Lc6-table

        .data
        .balign 8
memq:   .quad 0xaaaaaaaaaaaaaaaa, 0xbbbbbbbbbbbbbbbb, 0, 0
fptr:   .quad 0
jtarget: .quad 0
