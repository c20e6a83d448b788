#!/usr/bin/env python3
"""Records fp_qemu.txt: random floating-point cases run under qemu-ppc 10 (-cpu e600).

In a scratch directory:
  python3 fp_qemu_gen.py gen 1 3000          # seed, count -> cases.S, cases.in
  cp <repo>/testcases/ppc/asm/check.inc .
  powerpc-linux-gnu-gcc -nostdlib -static -Wa,-mregnames -Wa,-m7450 -Wl,--build-id=none -o cases cases.S
  qemu-ppc -cpu e600 ./cases > out.bin
  python3 fp_qemu_gen.py ref fp_qemu.txt
The committed file was made with seed 1 and 3000 cases (qemu-ppc 10.0.2).
"""
import sys


def gen():
    import random, struct
    random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    N = int(sys.argv[2]) if len(sys.argv) > 2 else 2000

    def d2b(x): return struct.unpack('>Q', struct.pack('>d', x))[0]
    def b2d(b): return struct.unpack('>d', struct.pack('>Q', b))[0]
    def s2d(x): return d2b(struct.unpack('>f', struct.pack('>f', x))[0])

    SPECIAL = [0, 1<<63, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000123,
               0x7ff0000000000001, 0x7ff4000000000abc, d2b(1.0), d2b(-1.0), d2b(2.0), d2b(3.0), d2b(0.1),
               d2b(-0.5), 0x7fefffffffffffff, 0x0010000000000000, 0x8010000000000000, 1, 0x000fffffffffffff,
               d2b(3.4028234663852886e38), d2b(1.1754943508222875e-38), d2b(1.401298464324817e-45),
               d2b(2.5), d2b(-3.5), d2b(1e10), d2b(-1e10), d2b(2147483647.5), d2b(-2147483648.5),
               d2b(4294967295.0), d2b(2.0**31), d2b(1.5*2**-1022)]

    def rnd_val():
        r = random.random()
        if r < 0.25: return random.choice(SPECIAL)
        if r < 0.45: return s2d(random.uniform(-4, 4) * 2.0**random.randint(-20, 20))
        if r < 0.6: return d2b(random.uniform(-1, 1) * 2.0**random.randint(-1074, 1023))
        if r < 0.7: return d2b(random.uniform(-1, 1) * 2.0**random.randint(-160, -110))
        if r < 0.8: return d2b(random.uniform(-1, 1) * 2.0**random.randint(-1075, -1000))
        if r < 0.9: return random.getrandbits(64)
        return d2b(float(random.randint(-2**33, 2**33)) + random.choice([0, 0.5, 0.25, 0.75]))

    # (mnemonic, form): form 3 = t,a,b ; m = t,a,c ; 4 = t,a,c,b ; 1 = t,b ; c = compare
    INSNS = [("fadd", "3"), ("fsub", "3"), ("fmul", "m"), ("fdiv", "3"), ("fadds", "3"), ("fsubs", "3"),
             ("fmuls", "m"), ("fdivs", "3"), ("fmadd", "4"), ("fmsub", "4"), ("fnmadd", "4"), ("fnmsub", "4"),
             ("fmadds", "4"), ("fmsubs", "4"), ("fnmadds", "4"), ("fnmsubs", "4"), ("fsqrt", "1"),
             ("fsqrts", "1"), ("frsp", "1"), ("fctiw", "1"), ("fctiwz", "1"), ("fcmpu", "c"), ("fcmpo", "c"),
             ("fsel", "4"), ("fabs", "1"), ("fneg", "1"), ("fmr", "1"), ("fnabs", "1")]

    asm = ['#include "check.inc"', '        BEGIN_TEST', '        lis r10, inbuf@ha', '        addi r10, r10, inbuf@l',
           '        lis r11, outbuf@ha', '        addi r11, r11, outbuf@l']
    data = []
    cases = []
    for k in range(N):
        mn, form = random.choice(INSNS)
        rc = random.random() < 0.2 and form != "c"
        a, b, c = rnd_val(), rnd_val(), rnd_val()
        if form == "4" and random.random() < 0.3:
            # near-cancellation: b ~ -(a*c)
            x, y = b2d(a), b2d(c)
            p = x * y
            if p == p and abs(p) != float('inf'):
                b = d2b(-p) ^ random.choice([0, 1, 2, 1 << 20])
        fs = random.choice([0, 0, 1, 2, 3]) | random.choice([0, 0, 0x02000000, 0x82000000, 0x10000000, 0x01000000 | 0xa0000000])
        if random.random() < 0.2: fs |= random.getrandbits(5) << 12
        ins = {"3": f"{mn}{'.' if rc else ''} f4, f1, f2", "m": f"{mn}{'.' if rc else ''} f4, f1, f2",
               "4": f"{mn}{'.' if rc else ''} f4, f1, f2, f3", "1": f"{mn}{'.' if rc else ''} f4, f2",
               "c": f"{mn} cr3, f1, f2"}[form]
        asm += [f'        lfd f1, 0(r10)', f'        lfd f2, 8(r10)', f'        lfd f3, 16(r10)',
                f'        lfd f31, 24(r10)', f'        lfd f4, 32(r10)', '        mtfsf 0xff, f31', '        li r0, 0', '        mtcr r0',
                f'        {ins}', '        mffs f30', '        mfcr r5', '        stfd f4, 0(r11)', '        stfd f30, 8(r11)',
                '        stw r5, 16(r11)', '        addi r10, r10, 40', '        addi r11, r11, 24']
        data.append((a, b, c, fs, 0x5555555555555555))
        cases.append((ins, a, b, c, fs))
    asm += ['        li r0, 4', '        li r3, 1', '        lis r4, outbuf@ha', '        addi r4, r4, outbuf@l',
            f'        lis r5, {(N*24) >> 16}', f'        ori r5, r5, {(N*24) & 0xffff}', '        sc', '        END_TEST',
            '        .data', '        .balign 8', 'inbuf:']
    for (a, b, c, fs, t) in data:
        asm.append('        .quad 0x%016x, 0x%016x, 0x%016x, 0x%016x, 0x%016x' % (a, b, c, fs, t))
    asm += ['        .balign 8', f'outbuf: .space {N*24}']
    open('cases.S', 'w').write('\n'.join(asm) + '\n')
    with open('cases.in', 'w') as f:
        for (ins, a, b, c, fs) in cases:
            f.write('%s|%016x %016x %016x %08x\n' % (ins, a, b, c, fs))


def ref():
    import struct, subprocess
    dis = subprocess.run(['powerpc-linux-gnu-objdump', '-d', '-M', '7450', 'cases'], capture_output=True, text=True).stdout
    lines = [l for l in dis.splitlines() if l.strip() and ':\t' in l]
    words = []
    for i, l in enumerate(lines):
        if '\tmffs' in l and 'f30' in l:
            words.append(lines[i-1].split('\t')[1].replace(' ', ''))
    cases = [l.rstrip('\n').split('|') for l in open('cases.in')]
    out = open('out.bin', 'rb').read()
    assert len(words) == len(cases), (len(words), len(cases))
    with open(sys.argv[1], 'w') as f:
        f.write('# word fra frb frc fpscr_in -> frt fpscr_out cr (qemu-ppc 10.0.2 -cpu e600; see the test)\n')
        for k, ((ins, rest), w) in enumerate(zip(cases, words)):
            t, fs, cr = struct.unpack('>QQI', out[24*k:24*k+20])
            f.write('%s %s %016x %08x %08x # %s\n' % (w, rest, t, fs & 0xffffffff, cr, ins))


if __name__ == "__main__":
    mode = sys.argv.pop(1)
    gen() if mode == "gen" else ref()
