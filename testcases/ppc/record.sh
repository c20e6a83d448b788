#!/bin/bash
# record.sh — run every ppc32 guest test under qemu-ppc 10 (the trusted reference) and write the
# reference outputs.
#
#   testcases/ppc/record.sh            check all asm tests exit 0, rewrite every c/ref/*.ref and
#                                      c/mnemonics-executed.txt
#   testcases/ppc/record.sh NAME...    rewrite only these C cases
#
# QEMU=/path/to/qemu-ppc overrides the emulator (default: qemu-ppc from PATH); it must be 10.x
# (Debian 12's 7.2 raises SIGILL on mffscrni, which glibc's ppc32 libm uses).
# Each case runs with a fixed environment (env cleared, then EGRET_TEST_VAR=hello,
# PATH=/usr/bin:/bin, LANG=C), with core dumps off, in the directory of its program:
# asm/ for the assembly tests, c/ for the C cases (listed in c/cases.txt as NAME [ARGS...]).
# An asm test whose source has a line "qemu-cpu: NAME" runs under `qemu-ppc -cpu NAME` (qemu's
# default 32-bit CPU is a 750, which lacks isel and fsqrt); all others use the default CPU.
# qemu's own report of a fatal guest signal ("qemu: uncaught target signal ...") is removed from
# stderr: it is not guest output.
# c/mnemonics-executed.txt lists, for the instructions of c/ctest that the C cases executed
# (addresses from qemu's -d in_asm log), objdump's mnemonic and the number of distinct sites.
# Reference format (byte lengths make stdout/stderr round-trip exactly; a newline follows each
# body):
#   # recorded under qemu-ppc <version> with: <command>
#   --- stdout <length>
#   <stdout bytes>
#   --- stderr <length>
#   <stderr bytes>
#   --- exit <status>        (or: --- signal <number>)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
qemu=$(command -v "${QEMU:-qemu-ppc}") || { echo "record.sh: qemu-ppc not found (see README.md)" >&2; exit 1; }
version=$("$qemu" --version | sed -n '1s/^qemu-ppc version \([0-9.]*\).*/\1/p')
case "$version" in
    10.*) ;;
    *) echo "record.sh: $qemu is version '${version:-unknown}', references need qemu-ppc 10.x" >&2; exit 1 ;;
esac
ulimit -c 0
fixed_env=(env -i EGRET_TEST_VAR=hello PATH=/usr/bin:/bin LANG=C)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run_case DIR ARGV... : run in DIR; writes $tmp/out, $tmp/err, $tmp/status
run_case() {
    local dir=$1; shift
    (cd "$dir" && "${fixed_env[@]}" perl -e '
        open(my $st, ">&=", 3) or die "fd 3: $!";
        my $s = system { $ARGV[0] } @ARGV;
        if ($s == -1) { print $st "--- error $!\n"; }
        elsif ($s & 127) { print $st "--- signal ", $s & 127, "\n"; }
        else { print $st "--- exit ", $s >> 8, "\n"; }' "$@" >"$tmp/out" 2>"$tmp/err.raw" 3>"$tmp/status")
    # Drop qemu's own line about a fatal signal (it may follow output without a newline).
    perl -0777 -pe 's/qemu: uncaught target signal \d+ \([^)]*\) - core dumped\n//' "$tmp/err.raw" >"$tmp/err"
}

fail=0
if [ $# -eq 0 ]; then
    for src in "$here"/asm/*.S; do
        name=$(basename "$src" .S)
        [ -x "$here/asm/$name" ] || { echo "missing asm/$name (run make)"; fail=1; continue; }
        cpu=$(sed -n 's/.*qemu-cpu: *\([A-Za-z0-9_.-]*\).*/\1/p' "$src" | head -1)
        run_case "$here/asm" "$qemu" ${cpu:+-cpu "$cpu"} "./$name"
        if [ "$(cat "$tmp/status")" != "--- exit 0" ] || [ -s "$tmp/out" ]; then
            echo "asm/$name FAILED under qemu-ppc $version${cpu:+ -cpu $cpu}: $(cat "$tmp/status")"; cat "$tmp/err"; fail=1
        else
            echo "asm/$name ok${cpu:+ (-cpu $cpu)}"
        fi
    done
fi

mkdir -p "$here/c/ref"
while read -r name args; do
    case "$name" in ''|'#'*) continue ;; esac
    if [ $# -gt 0 ]; then
        wanted=0
        for w in "$@"; do [ "$w" = "$name" ] && wanted=1; done
        [ $wanted = 1 ] || continue
    fi
    read -r -a argv <<<"${args:-$name}"
    log=()
    [ $# -eq 0 ] && log=(-d in_asm -D "$tmp/in_asm.$name")
    run_case "$here/c" "$qemu" "${log[@]}" ./ctest "${argv[@]}"
    {
        printf '# recorded under qemu-ppc %s with: cd testcases/ppc/c && env -i EGRET_TEST_VAR=hello PATH=/usr/bin:/bin LANG=C qemu-ppc ./ctest %s\n' "$version" "${argv[*]}"
        printf -- '--- stdout %d\n' "$(wc -c <"$tmp/out")"
        cat "$tmp/out"
        printf '\n--- stderr %d\n' "$(wc -c <"$tmp/err")"
        cat "$tmp/err"
        printf '\n'
        cat "$tmp/status"
    } >"$here/c/ref/$name.ref"
    echo "c/$name: $(cat "$tmp/status")"
done <"$here/c/cases.txt"

if [ $# -eq 0 ]; then
    cat "$tmp"/in_asm.* | grep -oP '^0x[0-9a-f]+(?=:)' | sed 's/^0x//' | sort -u >"$tmp/executed"
    powerpc-linux-gnu-objdump -d "$here/c/ctest" | grep -P '^ *[0-9a-f]+:\t' \
        | awk -F'\t' '{a = $1; sub(/:$/, "", a); gsub(/ /, "", a); split($3, m, " "); print a, m[1]}' \
        | sed 's/[+-]$//' >"$tmp/mnemonic_at"
    awk 'NR == FNR { e[$1] = 1; next } ($1 in e) { print $2 }' "$tmp/executed" "$tmp/mnemonic_at" \
        | sort | uniq -c | sort -k1,1nr -k2 | awk '{print $2, $1}' >"$here/c/mnemonics-executed.txt"
    echo "c/mnemonics-executed.txt: $(wc -l <"$here/c/mnemonics-executed.txt") mnemonics"
fi
exit $fail
