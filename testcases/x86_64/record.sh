#!/bin/bash
# record.sh — run every x86-64 guest test natively and write the reference outputs.
#
#   testcases/x86_64/record.sh            check all asm tests exit 0, rewrite every c/ref/*.ref
#   testcases/x86_64/record.sh NAME...    rewrite only these C cases
#
# Each case runs with a fixed environment (env cleared, then EGRET_TEST_VAR=hello,
# PATH=/usr/bin:/bin, LANG=C), with core dumps off, in the directory of its program:
# asm/ for the assembly tests, c/ for the C cases (listed in c/cases.txt as NAME [ARGS...]).
# Reference format (byte lengths make stdout/stderr round-trip exactly; a newline follows each
# body):
#   # recorded natively with: <command>
#   --- stdout <length>
#   <stdout bytes>
#   --- stderr <length>
#   <stderr bytes>
#   --- exit <status>        (or: --- signal <number>)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ "$(uname -m)" = x86_64 ] || { echo "record.sh: references must be recorded on an x86-64 host" >&2; exit 1; }
ulimit -c 0
fixed_env=(env -i EGRET_TEST_VAR=hello PATH=/usr/bin:/bin LANG=C)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run_case DIR ARGV... : run natively in DIR; writes $tmp/out, $tmp/err, $tmp/status
run_case() {
    local dir=$1; shift
    (cd "$dir" && "${fixed_env[@]}" perl -e '
        open(my $st, ">&=", 3) or die "fd 3: $!";
        my $s = system { $ARGV[0] } @ARGV;
        if ($s == -1) { print $st "--- error $!\n"; }
        elsif ($s & 127) { print $st "--- signal ", $s & 127, "\n"; }
        else { print $st "--- exit ", $s >> 8, "\n"; }' "$@" >"$tmp/out" 2>"$tmp/err" 3>"$tmp/status")
}

fail=0
if [ $# -eq 0 ]; then
    for bin in "$here"/asm/*.S; do
        name=$(basename "$bin" .S)
        [ -x "$here/asm/$name" ] || { echo "missing asm/$name (run make)"; fail=1; continue; }
        run_case "$here/asm" "./$name"
        if [ "$(cat "$tmp/status")" != "--- exit 0" ] || [ -s "$tmp/out" ]; then
            echo "asm/$name FAILED natively: $(cat "$tmp/status")"; cat "$tmp/err"; fail=1
        else
            echo "asm/$name ok"
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
    run_case "$here/c" ./ctest "${argv[@]}"
    {
        printf '# recorded natively with: cd testcases/x86_64/c && env -i EGRET_TEST_VAR=hello PATH=/usr/bin:/bin LANG=C ./ctest %s\n' "${argv[*]}"
        printf -- '--- stdout %d\n' "$(wc -c <"$tmp/out")"
        cat "$tmp/out"
        printf '\n--- stderr %d\n' "$(wc -c <"$tmp/err")"
        cat "$tmp/err"
        printf '\n'
        cat "$tmp/status"
    } >"$here/c/ref/$name.ref"
    echo "c/$name: $(cat "$tmp/status")"
done <"$here/c/cases.txt"
exit $fail
