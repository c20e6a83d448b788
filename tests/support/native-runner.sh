#!/bin/sh
# native-runner.sh --engine ENGINE PROGRAM ARGS... : a stand-in for egret that runs PROGRAM
# natively, for checking the guest test harness and the references on an x86-64 host:
#   EGRET_TEST_RUNNER=$PWD/tests/support/native-runner.sh cargo test --test guests
if [ "$1" = "--engine" ]; then shift 2; fi
exec "$@"
