#!/bin/bash
# qemu-runner.sh — an EGRET_TEST_RUNNER for tests/guests.rs that runs ppc32 guests under
# qemu-ppc instead of egret, to check the harness and the references themselves:
#   EGRET_TEST_RUNNER=testcases/ppc/qemu-runner.sh EGRET_TEST_ONLY=ppc/ EGRET_TEST_ENGINES=jit \
#       cargo test --test guests
# It drops `--engine X`, and runs an asm test under the CPU its source names on a "qemu-cpu:"
# line (qemu's default 750 lacks isel and fsqrt). QEMU overrides the qemu-ppc binary.
# A fatal signal is re-raised so the harness sees it; qemu's own report of it is dropped.
[ "${1:-}" = --engine ] && shift 2
prog=$1
cpu=()
if [ -f "$prog.S" ]; then
    name=$(sed -n 's/.*qemu-cpu: *\([A-Za-z0-9_.-]*\).*/\1/p' "$prog.S" | head -1)
    [ -n "$name" ] && cpu=(-cpu "$name")
fi
# fd 3 = the real stderr; the shell's own stderr goes nowhere, so bash's "Aborted" notice for a
# child killed by a signal never reaches the harness.
exec 3>&2 2>/dev/null
"${QEMU:-qemu-ppc}" "${cpu[@]}" "$@" 2> >(perl -ne 'BEGIN { $| = 1 } print unless /^qemu: uncaught target signal/' >&3)
status=$?
wait
if [ $status -gt 128 ]; then
    trap - "$((status - 128))" 2>/dev/null
    kill -s "$((status - 128))" $$
fi
exit $status
