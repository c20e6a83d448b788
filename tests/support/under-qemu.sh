#!/bin/sh
# under-qemu.sh QEMU EGRET --engine ENGINE PROGRAM ARGS... : runs an egret built for another host
# CPU under qemu-user, as the guest test harness's EGRET_TEST_RUNNER (through a one-line wrapper
# that supplies QEMU and EGRET, since the harness clears the environment; .ci/run writes it).
# Needs no binfmt_misc. qemu-user adds "qemu: uncaught target signal ..." to stderr when its
# program dies by a signal; that line is dropped and the death re-raised, so the harness sees
# what egret itself did. (An exit status above 128 is taken for a death by signal.)
qemu=$1
egret=$2
shift 2
err=$(mktemp) || exit 125
# sh reports a child killed by a signal ("Aborted") on the child's stderr if it waits for it
# as a foreground command, and on its own stderr after `wait`: so run it in the background
# (stdin passed on explicitly) and send the shell's own stderr nowhere.
exec 3>&2 4<&0 2>/dev/null
"$qemu" "$egret" "$@" <&4 2>"$err" &
wait $!
status=$?
# sed keeps a missing final newline as it was.
sed '/^qemu: uncaught target signal /d' "$err" >&3
rm -f "$err"
if [ "$status" -gt 128 ] && [ "$status" -lt 192 ]; then
    sig=$((status - 128))
    trap - "$sig"
    kill -s "$sig" $$
fi
exit "$status"
