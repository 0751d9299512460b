#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
#
# Runs the SIP parser fuzz harness for a bounded time and fails on any crash,
# sanitizer report, leak, scanner disagreement or timeout.
#
#   tests/fuzz/run-fuzz.sh BUILD_DIR SECONDS
#
# BUILD_DIR is configured if it does not exist yet: clang, ASan+UBSan (UBSan
# aborting), sanitizer coverage on every C file so that the parser library
# guides libFuzzer. The corpus libFuzzer grows lives in BUILD_DIR/fuzz-corpus;
# the seeds (tests/fuzz/seeds and ../shared/corpus) are only read. A crashing
# input is kept in BUILD_DIR/fuzz-artifacts/ and named on failure.
#
# Environment: SIPFRONT_CORPUS (default: ../shared/corpus beside the source
# tree), FUZZ_MAX_LEN (default 8192), FUZZ_RSS_MB (default 2048).
set -eu

if [ $# -ne 2 ]; then
	echo "usage: $0 BUILD_DIR SECONDS" >&2
	exit 2
fi
build=$1
seconds=$2
case $seconds in
'' | *[!0-9]*)
	echo "$0: SECONDS must be a number, got '$seconds'" >&2
	exit 2
	;;
esac

src=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${SIPFRONT_CORPUS:-$src/../shared/corpus}
max_len=${FUZZ_MAX_LEN:-8192}
rss_mb=${FUZZ_RSS_MB:-2048}

if [ ! -f "$build/build.ninja" ]; then
	echo "run-fuzz: configuring $build (clang, ASan+UBSan, fuzzer coverage)"
	CC=${CC_FUZZ:-clang} meson setup "$build" "$src" \
		-Dfuzz=enabled \
		-Dtests=true \
		-Dbuildtype=debugoptimized \
		-Db_sanitize=address,undefined \
		-Db_lundef=false \
		-Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer'
fi
if ! ninja -C "$build" -t targets all 2>/dev/null | grep -q '^tests/fuzz/fuzz_sip_parse:'; then
	echo "run-fuzz: $build has no fuzz target: it must be configured with CC=clang" >&2
	echo "          (remove it and let this script configure it)" >&2
	exit 2
fi
if ! grep -q 'fuzzer-no-link' "$build/build.ninja"; then
	echo "run-fuzz: warning: $build does not build the parser with -fsanitize=fuzzer-no-link;" >&2
	echo "          libFuzzer sees no coverage inside lib/sip (configure it with this script)" >&2
fi
ninja -C "$build" tests/fuzz/fuzz_sip_parse

work="$build/fuzz-corpus"
artifacts="$build/fuzz-artifacts"
mkdir -p "$work" "$artifacts"
seeds="$src/tests/fuzz/seeds"
for d in "$corpus/rfc4475" "$corpus/rfc5118" "$corpus/samples"; do
	if [ -d "$d" ]; then
		seeds="$seeds $d"
	else
		echo "run-fuzz: warning: no seed folder $d (set SIPFRONT_CORPUS)" >&2
	fi
done

log="$build/fuzz-sip-parse.log"
echo "run-fuzz: fuzzing for ${seconds}s (log: $log)"
stamp="$build/.fuzz-start"
touch "$stamp"
status=0
# shellcheck disable=SC2086 # $seeds is a list of folders
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1 \
UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
	"$build/tests/fuzz/fuzz_sip_parse" \
	-max_total_time="$seconds" \
	-rss_limit_mb="$rss_mb" \
	-malloc_limit_mb="$rss_mb" \
	-timeout=10 \
	-detect_leaks=1 \
	-max_len="$max_len" \
	-dict="$src/tests/fuzz/sip.dict" \
	-artifact_prefix="$artifacts/" \
	-print_final_stats=1 \
	"$work" $seeds >"$log" 2>&1 || status=$?

tail -n 25 "$log"
if [ "$status" -ne 0 ]; then
	echo "run-fuzz: FAILED (exit $status); reproducer(s):" >&2
	find "$artifacts" -type f -newer "$stamp" | sed 's|^|  |' >&2
	echo "  replay: $build/tests/fuzz/fuzz_sip_parse <file>" >&2
	exit 1
fi
echo "run-fuzz: no crash in ${seconds}s"
