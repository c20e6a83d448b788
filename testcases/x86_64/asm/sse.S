/* sse.S — SSE/SSE2 integer and bitwise operations and moves on xmm registers:
 * movd/movq between gprs, memory and xmm; the full-width moves (aligned and unaligned);
 * movsd/movss with their different zeroing rules for register and memory sources;
 * movhps/movlps/movhpd/movlpd; logic; compares; min/max; add/sub; pmovmskb/movmskpd;
 * unpacks; pshufd/pshuflw/pshufhw/shufps/shufpd; byte and element shifts; packuswb; pmuludq.
 * Expected values were computed for the vectors A and B below and checked on real hardware. */
#include "check.inc"

/* P insn, lo, hi: xmm1 = A, xmm2 = B; run insn; xmm1 must equal hi:lo */
.macro P insn, lo, hi
        movdqa vecA(%rip), %xmm1
        movdqa vecB(%rip), %xmm2
        \insn
        CHECKX %xmm1, \lo, \hi
.endm

        BEGIN_TEST
        /* ---- movd / movq ---- */
        movabs $0x1122334455667788, %rax
        LOADX %xmm0, -1, -1
        movd %eax, %xmm0
        CHECKX %xmm0, 0x55667788, 0
        LOADX %xmm0, -1, -1
        movq %rax, %xmm0
        CHECKX %xmm0, 0x1122334455667788, 0
        mov $-1, %rcx
        movd %xmm0, %ecx
        CHECK %rcx, 0x55667788
        movq %xmm0, %rcx
        CHECK %rcx, 0x1122334455667788
        LOADX %xmm1, -1, -1
        LOADX %xmm0, 0x0102030405060708, 0x1112131415161718
        movq %xmm0, %xmm1                       /* xmm to xmm: clears the upper half */
        CHECKX %xmm1, 0x0102030405060708, 0
        LOADX %xmm1, -1, -1
        movd vecA+4(%rip), %xmm1
        CHECKX %xmm1, 0x40302010, 0
        LOADX %xmm1, -1, -1
        movq vecA+8(%rip), %xmm1
        CHECKX %xmm1, 0x78563412aa5500fe, 0
        movq %xmm0, buf+3(%rip)
        movd %xmm0, buf+11(%rip)
        movdqu buf(%rip), %xmm3
        CHECKX %xmm3, 0x0405060708000000, 0x0005060708010203
        /* ---- full-width moves ---- */
        pxor %xmm3, %xmm3
        movdqa vecA(%rip), %xmm3
        movdqu %xmm3, buf+1(%rip)
        movdqu buf+1(%rip), %xmm4
        CHECKX %xmm4, 0x403020107fff8001, 0x78563412aa5500fe
        movaps vecB(%rip), %xmm5
        movups %xmm5, buf+7(%rip)
        movups buf+7(%rip), %xmm6
        CHECKX %xmm6, 0x5030102080017f01, 0x7757001255aafffe
        movapd %xmm6, %xmm7
        movupd %xmm7, buf+5(%rip)
        movapd vecA(%rip), %xmm8
        movupd buf+5(%rip), %xmm8
        CHECKX %xmm8, 0x5030102080017f01, 0x7757001255aafffe
        movdqa %xmm4, %xmm15
        movaps %xmm15, %xmm9
        movdqa %xmm9, buf(%rip)
        movaps buf(%rip), %xmm10
        CHECKX %xmm10, 0x403020107fff8001, 0x78563412aa5500fe
        /* ---- movsd / movss ---- */
        LOADX %xmm1, 0x1111111111111111, 0x2222222222222222
        LOADX %xmm2, 0x3333333333333333, 0x4444444444444444
        movsd %xmm2, %xmm1                      /* register: merge the low qword */
        CHECKX %xmm1, 0x3333333333333333, 0x2222222222222222
        movsd vecA(%rip), %xmm1                 /* memory: upper qword cleared */
        CHECKX %xmm1, 0x403020107fff8001, 0
        LOADX %xmm1, 0x1111111111111111, 0x2222222222222222
        movss %xmm2, %xmm1                      /* register: merge the low dword */
        CHECKX %xmm1, 0x1111111133333333, 0x2222222222222222
        movss vecA+4(%rip), %xmm1               /* memory: upper 96 bits cleared */
        CHECKX %xmm1, 0x40302010, 0
        movdqa vecA(%rip), %xmm0
        movdqa %xmm0, buf(%rip)
        movsd %xmm2, buf(%rip)
        movss %xmm1, buf+8(%rip)
        movdqa buf(%rip), %xmm3
        CHECKX %xmm3, 0x3333333333333333, 0x7856341240302010
        /* ---- movhps / movlps / movhpd / movlpd ---- */
        LOADX %xmm1, 0x1111111111111111, 0x2222222222222222
        movhps vecA(%rip), %xmm1
        CHECKX %xmm1, 0x1111111111111111, 0x403020107fff8001
        movlps vecB+8(%rip), %xmm1
        CHECKX %xmm1, 0x7757001255aafffe, 0x403020107fff8001
        movhpd vecB(%rip), %xmm1
        CHECKX %xmm1, 0x7757001255aafffe, 0x5030102080017f01
        movlpd vecA+8(%rip), %xmm1
        CHECKX %xmm1, 0x78563412aa5500fe, 0x5030102080017f01
        movdqa vecA(%rip), %xmm0
        movdqa %xmm0, buf(%rip)
        movhps %xmm1, buf(%rip)
        movlpd %xmm1, buf+8(%rip)
        movdqa buf(%rip), %xmm3
        CHECKX %xmm3, 0x5030102080017f01, 0x78563412aa5500fe
        movhpd %xmm2, buf+8(%rip)
        movlps %xmm2, buf(%rip)
        movdqa buf(%rip), %xmm3
        CHECKX %xmm3, 0x3333333333333333, 0x4444444444444444
        /* ---- masks ---- */
        mov $-1, %rax
        movdqa vecA(%rip), %xmm1
        pmovmskb %xmm1, %eax
        CHECK %rax, 0x906
        mov $-1, %rax
        LOADX %xmm1, 0x8000000000000000, 0x7fffffffffffffff
        movmskpd %xmm1, %eax
        CHECK %rax, 1
        LOADX %xmm1, 0x0, 0xfff0000000000000
        movmskpd %xmm1, %rax
        CHECK %rax, 2
        pcmpeqb %xmm1, %xmm1
        pmovmskb %xmm1, %rcx
        CHECK %rcx, 0xffff
        /* ---- two-operand operations on A (xmm1) and B (xmm2) ---- */
        P "pxor %xmm2,%xmm1", 0x10003030fffeff00, 0x0f013400ffffff00
        P "por %xmm2,%xmm1", 0x50303030ffffff01, 0x7f573412fffffffe
        P "pand %xmm2,%xmm1", 0x4030000000010001, 0x70560012000000fe
        P "pandn %xmm2,%xmm1", 0x1000102080007f00, 0x0701000055aaff00
        P "xorps %xmm2,%xmm1", 0x10003030fffeff00, 0x0f013400ffffff00
        P "andps %xmm2,%xmm1", 0x4030000000010001, 0x70560012000000fe
        P "andnps %xmm2,%xmm1", 0x1000102080007f00, 0x0701000055aaff00
        P "orps %xmm2,%xmm1", 0x50303030ffffff01, 0x7f573412fffffffe
        P "xorpd %xmm2,%xmm1", 0x10003030fffeff00, 0x0f013400ffffff00
        P "andpd %xmm2,%xmm1", 0x4030000000010001, 0x70560012000000fe
        P "pcmpeqb %xmm2,%xmm1", 0x00ff0000000000ff, 0x000000ff000000ff
        P "pcmpgtb %xmm2,%xmm1", 0x0000ff00ff000000, 0xff00ff0000ffff00   /* signed */
        P "pcmpeqw %xmm2,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "pcmpgtw %xmm2,%xmm1", 0x0000ffffffff0000, 0xffffffff0000ffff   /* signed */
        P "pcmpeqd %xmm2,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "pcmpgtd %xmm2,%xmm1", 0x00000000ffffffff, 0xffffffff00000000   /* signed */
        P "pminub %xmm2,%xmm1", 0x403010107f017f01, 0x77560012555500fe
        P "pmaxub %xmm2,%xmm1", 0x5030202080ff8001, 0x78573412aaaafffe
        P "paddb %xmm2,%xmm1", 0x90603030ff00ff02, 0xefad3424fffffffc
        P "psubb %xmm2,%xmm1", 0xf00010f0fffe0100, 0x01ff340055ab0100
        P "paddw %xmm2,%xmm1", 0x906030300000ff02, 0xefad3424ffff00fc
        P "psubw %xmm2,%xmm1", 0xf0000ff0fffe0100, 0x00ff340054ab0100
        P "paddd %xmm2,%xmm1", 0x906030300000ff02, 0xefad3424000000fc
        P "psubd %xmm2,%xmm1", 0xf0000ff0fffe0100, 0x00ff340054aa0100
        P "paddq %xmm2,%xmm1", 0x906030310000ff02, 0xefad3425000000fc
        P "psubq %xmm2,%xmm1", 0xf0000feffffe0100, 0x00ff340054aa0100
        P "punpcklbw %xmm2,%xmm1", 0x807f01ff7f800101, 0x5040303010202010
        P "punpckhbw %xmm2,%xmm1", 0x55aaaa55ff00fefe, 0x7778575600341212
        P "punpcklwd %xmm2,%xmm1", 0x80017fff7f018001, 0x5030403010202010
        P "punpckhwd %xmm2,%xmm1", 0x55aaaa55fffe00fe, 0x7757785600123412
        P "punpckldq %xmm2,%xmm1", 0x80017f017fff8001, 0x5030102040302010
        P "punpckhdq %xmm2,%xmm1", 0x55aafffeaa5500fe, 0x7757001278563412
        P "punpcklqdq %xmm2,%xmm1", 0x403020107fff8001, 0x5030102080017f01
        P "punpckhqdq %xmm2,%xmm1", 0x78563412aa5500fe, 0x7757001255aafffe
        P "pshufd $0x1b,%xmm2,%xmm1", 0x55aafffe77570012, 0x80017f0150301020
        P "pshufd $0x0,%xmm2,%xmm1", 0x80017f0180017f01, 0x80017f0180017f01
        P "pshufd $0xe4,%xmm2,%xmm1", 0x5030102080017f01, 0x7757001255aafffe
        P "pshufd $0x4e,%xmm2,%xmm1", 0x7757001255aafffe, 0x5030102080017f01
        P "pshuflw $0x1b,%xmm2,%xmm1", 0x7f01800110205030, 0x7757001255aafffe
        P "pshufhw $0x1b,%xmm2,%xmm1", 0x5030102080017f01, 0xfffe55aa00127757
        P "pshuflw $0xaa,%xmm2,%xmm1", 0x1020102010201020, 0x7757001255aafffe
        P "pshufhw $0xaa,%xmm2,%xmm1", 0x5030102080017f01, 0x0012001200120012
        P "shufps $0x1b,%xmm2,%xmm1", 0xaa5500fe78563412, 0x80017f0150301020
        P "shufps $0xb1,%xmm2,%xmm1", 0x7fff800140302010, 0x55aafffe77570012
        P "shufps $0x0,%xmm2,%xmm1", 0x7fff80017fff8001, 0x80017f0180017f01
        P "shufpd $0x0,%xmm2,%xmm1", 0x403020107fff8001, 0x5030102080017f01
        P "shufpd $0x1,%xmm2,%xmm1", 0x78563412aa5500fe, 0x5030102080017f01
        P "shufpd $0x2,%xmm2,%xmm1", 0x403020107fff8001, 0x7757001255aafffe
        P "shufpd $0x3,%xmm2,%xmm1", 0x78563412aa5500fe, 0x7757001255aafffe
        P "psrldq $0,%xmm1", 0x403020107fff8001, 0x78563412aa5500fe
        P "pslldq $0,%xmm1", 0x403020107fff8001, 0x78563412aa5500fe
        P "psrldq $1,%xmm1", 0xfe403020107fff80, 0x0078563412aa5500
        P "pslldq $1,%xmm1", 0x3020107fff800100, 0x563412aa5500fe40
        P "psrldq $7,%xmm1", 0x563412aa5500fe40, 0x0000000000000078
        P "pslldq $7,%xmm1", 0x0100000000000000, 0xfe403020107fff80
        P "psrldq $8,%xmm1", 0x78563412aa5500fe, 0x0000000000000000
        P "pslldq $8,%xmm1", 0x0000000000000000, 0x403020107fff8001
        P "psrldq $15,%xmm1", 0x0000000000000078, 0x0000000000000000
        P "pslldq $15,%xmm1", 0x0000000000000000, 0x0100000000000000
        P "psrldq $16,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "pslldq $16,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "psllw $0,%xmm1", 0x403020107fff8001, 0x78563412aa5500fe
        P "psrlw $0,%xmm1", 0x403020107fff8001, 0x78563412aa5500fe
        P "psraw $0,%xmm1", 0x403020107fff8001, 0x78563412aa5500fe
        P "psllw $1,%xmm1", 0x80604020fffe0002, 0xf0ac682454aa01fc
        P "psrlw $1,%xmm1", 0x201810083fff4000, 0x3c2b1a09552a007f
        P "psraw $1,%xmm1", 0x201810083fffc000, 0x3c2b1a09d52a007f
        P "psllw $15,%xmm1", 0x0000000080008000, 0x0000000080000000
        P "psrlw $15,%xmm1", 0x0000000000000001, 0x0000000000010000
        P "psraw $15,%xmm1", 0x000000000000ffff, 0x00000000ffff0000
        P "psllw $16,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "psrlw $16,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "psraw $16,%xmm1", 0x000000000000ffff, 0x00000000ffff0000
        P "psllw $200,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "psrlw $200,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "psraw $200,%xmm1", 0x000000000000ffff, 0x00000000ffff0000
        P "pslld $0,%xmm1", 0x403020107fff8001, 0x78563412aa5500fe
        P "psrld $0,%xmm1", 0x403020107fff8001, 0x78563412aa5500fe
        P "psrad $0,%xmm1", 0x403020107fff8001, 0x78563412aa5500fe
        P "pslld $1,%xmm1", 0x80604020ffff0002, 0xf0ac682454aa01fc
        P "psrld $1,%xmm1", 0x201810083fffc000, 0x3c2b1a09552a807f
        P "psrad $1,%xmm1", 0x201810083fffc000, 0x3c2b1a09d52a807f
        P "pslld $31,%xmm1", 0x0000000080000000, 0x0000000000000000
        P "psrld $31,%xmm1", 0x0000000000000000, 0x0000000000000001
        P "psrad $31,%xmm1", 0x0000000000000000, 0x00000000ffffffff
        P "pslld $32,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "psrld $32,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "psrad $32,%xmm1", 0x0000000000000000, 0x00000000ffffffff
        P "pslld $35,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "psrld $35,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "psrad $35,%xmm1", 0x0000000000000000, 0x00000000ffffffff
        P "psllq $0,%xmm1", 0x403020107fff8001, 0x78563412aa5500fe
        P "psrlq $0,%xmm1", 0x403020107fff8001, 0x78563412aa5500fe
        P "psllq $1,%xmm1", 0x80604020ffff0002, 0xf0ac682554aa01fc
        P "psrlq $1,%xmm1", 0x201810083fffc000, 0x3c2b1a09552a807f
        P "psllq $63,%xmm1", 0x8000000000000000, 0x0000000000000000
        P "psrlq $63,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "psllq $64,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "psrlq $64,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "psllq $67,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "psrlq $67,%xmm1", 0x0000000000000000, 0x0000000000000000
        P "packuswb %xmm2,%xmm1", 0xffff00feffffff00, 0xff12ff00ffff00ff
        P "pmuludq %xmm2,%xmm1", 0x40007f804080ff01, 0x3900001aaafffe04
        /* the same operation with a memory source */
        movdqa vecA(%rip), %xmm1
        paddw vecB(%rip), %xmm1
        movdqa vecA(%rip), %xmm3
        paddw vecB(%rip), %xmm3
        pcmpeqd %xmm1, %xmm3
        pmovmskb %xmm3, %eax
        CHECK %rax, 0xffff
        END_TEST

        .data
        .balign 16
vecA:   .byte 0x01,0x80,0xff,0x7f,0x10,0x20,0x30,0x40, 0xfe,0x00,0x55,0xaa,0x12,0x34,0x56,0x78
vecB:   .byte 0x01,0x7f,0x01,0x80,0x20,0x10,0x30,0x50, 0xfe,0xff,0xaa,0x55,0x12,0x00,0x57,0x77
buf:    .fill 32, 1, 0
