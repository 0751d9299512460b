#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Runs the packet-decoder fuzz harness (tests/dataplane/fuzz_net_decode) for a
# bounded time, seeded with the frames of config/demo.pcap, and fails on any
# crash, sanitizer report or leak.
#
#   tests/fuzz/run-net-fuzz.sh BUILD_DIR SECONDS
#
# BUILD_DIR must be a clang build (the one tests/fuzz/run-fuzz.sh configures).
set -eu
if [ $# -ne 2 ]; then
	echo "usage: $0 BUILD_DIR SECONDS" >&2
	exit 2
fi
build=$1
seconds=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
ninja -C "$build" tests/dataplane/fuzz_net_decode
work="$build/fuzz-net-corpus"
artifacts="$build/fuzz-net-artifacts/"
mkdir -p "$work" "$artifacts"
python3 "$src/tests/fuzz/pcap_frames.py" "$src/config/demo.pcap" "$build/fuzz-net-seeds"
echo "run-net-fuzz: fuzzing the packet decoders for ${seconds}s"
status=0
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
	"$build/tests/dataplane/fuzz_net_decode" -max_total_time="$seconds" -timeout=10 \
	-rss_limit_mb=2048 -max_len=9000 -print_final_stats=1 \
	-artifact_prefix="$artifacts" "$work" "$build/fuzz-net-seeds" \
	>"$build/fuzz-net.log" 2>&1 || status=$?
tail -n 12 "$build/fuzz-net.log"
if [ "$status" -ne 0 ]; then
	echo "run-net-fuzz: FAILED (exit $status); inputs in $artifacts" >&2
	exit 1
fi
echo "run-net-fuzz: no crash in ${seconds}s"
