#!/usr/bin/env python3
"""Regenerates objdump.txt, the reference for egret's PowerPC disassembler test.

Run from the crate root:  python3 src/guest/ppc/testdata/gen_fixture.py
Needs binutils-powerpc-linux-gnu and gcc-powerpc-linux-gnu (Debian bookworm: binutils 2.40,
gcc 12) and cargo (to dump the instruction table's masks).

Every line is "address: word  text-objdump-prints", with objdump's " <symbol>" suffix removed and
its "0x" dropped from branch targets. objdump first looks a word up in its default power10
dialect and, failing that, in every dialect it knows (old POWER, embedded, ...); lines named only
by that second pass end in "\t; other-dialect" (found by also running with -Mpower10, which has
no second pass). Sections:
  1. real code: a static glibc ppc32 program (-O2), up to 24 lines per mnemonic;
  2. real code: freestanding C compiled for 64-bit power7/8/9 and 32-bit power9 (.o files);
  3. for every row of the table, random words that match it (random free fields);
  4. primaries 19, 31, 59, 63 with every 10-bit extended opcode and random other fields;
  5. random words.
Sections 3-5 are disassembled with `objdump -D -b binary -m powerpc -EB` at 0x10000000.
"""
import os
import random
import re
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OBJDUMP = "powerpc-linux-gnu-objdump"
GCC = "powerpc-linux-gnu-gcc"

GLIBC_PROGRAM = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
int main(int argc, char **argv) {
    double x = atof(argv[0]);
    printf("%f %d\n", sqrt(x) + floor(x), (int)strlen(argv[0]));
    return 0;
}
"""

KERNELS = r"""
typedef long long int64_t; typedef unsigned long long uint64_t; typedef unsigned int uint32_t;
int64_t f1(int64_t a, int64_t b) { return a*b + (a/b) + (a%b) + (a>>3) + ((uint64_t)a>>7)
    + __builtin_popcountll(a) + __builtin_clzll(b) + __builtin_ctzll(a); }
uint64_t f2(uint64_t a, uint64_t b) { return (a<<13|a>>51) ^ (b & 0xff00) ^ __builtin_bswap64(a)
    + (a/b) + (a%b); }
int f3(int a, int b, int c) { return a < b ? c : a; }
double f4(double a, double b, float c) { return __builtin_fma(a,b,c) + __builtin_sqrt(a)
    + __builtin_floor(b) + __builtin_ceil(a) + __builtin_trunc(b) + __builtin_round(a)
    + (double)(int64_t)a + (float)(uint64_t)b + __builtin_fabs(c) + __builtin_copysign(a,b)
    + (a<b) + (int)c; }
long f5(long *p, long v) { return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST)
    + __atomic_exchange_n(p, v, __ATOMIC_ACQ_REL); }
unsigned char f6(unsigned char *p) { return __atomic_fetch_or(p, 3, __ATOMIC_SEQ_CST); }
unsigned short f7(unsigned short *p) { return __atomic_fetch_and(p, 3, __ATOMIC_RELAXED); }
int f8(uint32_t a) { return __builtin_bswap32(a) + __builtin_popcount(a) + __builtin_parity(a); }
double f9(double a) { return __builtin_nearbyint(a) + __builtin_rint(a) + __builtin_lrint(a); }
float f10(float a, float b) { return a / b - a * b + __builtin_sqrtf(b); }
long long f11(long long a, unsigned long long b) { return (a >> (b & 63)) | (b >> (a & 63)); }
"""

LINE = re.compile(r"^\s*([0-9a-f]+):\t((?:[0-9a-f]{2} ){4})\t(.*)$")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def parse_objdump(out):
    """(address, word, text) of every instruction line of `objdump -d` output."""
    rows = []
    for line in out.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        text = re.sub(r" <[^>]*>$", "", m.group(3).rstrip())
        mnemonic = text.split()[0] if text else ""
        if mnemonic.startswith("b"):
            text = re.sub(r"\b0x([0-9a-f]+)$", r"\1", text)
        rows.append((int(m.group(1), 16), int(m.group(2).replace(" ", ""), 16), text))
    return rows


def objdump_both(args):
    """Default objdump output, with lines the power10 dialect alone cannot name marked."""
    default = parse_objdump(run([OBJDUMP] + args))
    strict = parse_objdump(run([OBJDUMP, "-Mpower10"] + args))
    assert len(default) == len(strict)
    rows = []
    for (addr, word, text), (addr2, _, text2) in zip(default, strict):
        assert addr == addr2
        if text2.startswith(".long") and not text.startswith(".long"):
            text += "\t; other-dialect"
        rows.append((addr, word, text))
    return rows


def objdump_words(words, tmp):
    path = os.path.join(tmp, "words.bin")
    with open(path, "wb") as f:
        f.write(b"".join(struct.pack(">I", w) for w in words))
    return objdump_both(["-D", "-b", "binary", "-m", "powerpc", "-EB",
                         "--adjust-vma=0x10000000", path])


def table_rows():
    out = run(["cargo", "test", "--lib", "guest::ppc::decode::tests::dump_table_for_fixture",
               "--", "--ignored", "--nocapture"], cwd=os.path.join(HERE, "../../../.."))
    rows = []
    for line in out.splitlines():
        if line.startswith("ROW "):
            _, mask, value, _check, name = line.split(maxsplit=4)
            rows.append((int(mask, 16), int(value, 16), name))
    return rows


def main():
    rnd = random.Random(20240601)
    out_lines = ["# PowerPC disassembly reference from " + run([OBJDUMP, "--version"]).splitlines()[0],
                 "# regenerate: python3 src/guest/ppc/testdata/gen_fixture.py"]
    with tempfile.TemporaryDirectory() as tmp:
        # 1. static glibc program
        src = os.path.join(tmp, "t.c")
        with open(src, "w") as f:
            f.write(GLIBC_PROGRAM)
        exe = os.path.join(tmp, "t")
        run([GCC, "-O2", "-static", src, "-o", exe, "-lm"])
        per_mnemonic = {}
        out_lines.append("# 1. static glibc ppc32 program, -O2")
        for addr, word, text in objdump_both(["-d", exe]):
            mnemonic = text.split()[0]
            n = per_mnemonic.get(mnemonic, 0)
            if n < 24:
                per_mnemonic[mnemonic] = n + 1
                out_lines.append(f"{addr:08x}: {word:08x}  {text}")
        # 2. freestanding kernels for newer CPUs
        ksrc = os.path.join(tmp, "k.c")
        with open(ksrc, "w") as f:
            f.write(KERNELS)
        for flags in (["-m64", "-mcpu=power9"], ["-m64", "-mcpu=power8"], ["-m64", "-mcpu=power7"],
                      ["-m32", "-mcpu=power9"], ["-m32", "-mcpu=power7"]):
            obj = os.path.join(tmp, "k.o")
            run([GCC, "-ffreestanding", "-O2", "-c", ksrc, "-o", obj] + flags)
            out_lines.append("# 2. kernels " + " ".join(flags))
            for addr, word, text in objdump_both(["-d", obj]):
                out_lines.append(f"{addr:08x}: {word:08x}  {text}")
        # 3-5. synthesized words
        words = []
        for mask, value, _name in table_rows():
            for _ in range(16):
                words.append(value | (rnd.getrandbits(32) & ~mask & 0xffffffff))
        for primary in (19, 31, 59, 63):
            for xo in range(1024):
                words.append((primary << 26) | (xo << 1) | (rnd.getrandbits(32) & 0x03fff801))
        for _ in range(3000):
            words.append(rnd.getrandbits(32))
        out_lines.append("# 3-5. synthesized words (table rows, extended-opcode sweep, random)")
        for addr, word, text in objdump_words(words, tmp):
            out_lines.append(f"{addr:08x}: {word:08x}  {text}")
    with open(os.path.join(HERE, "objdump.txt"), "w") as f:
        f.write("\n".join(out_lines) + "\n")
    print(f"{len(out_lines)} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
