#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The one command that installs, builds and runs every test:
#   1. the Debian packages (scripts/install-deps.sh, idempotent);
#   2. a release build with gcc, warnings as errors, and all meson tests;
#   3. a clang build with AddressSanitizer + UndefinedBehaviorSanitizer and
#      all meson tests again, plus bounded libFuzzer runs of the parser and
#      of the packet decoders (FUZZ_SECONDS each, default 60).
# Build directories: build/ and build-asan/ beside this script's repo.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
fuzz_seconds=${FUZZ_SECONDS:-60}

bash scripts/install-deps.sh

setup() { # dir, extra meson args...
	local dir=$1
	shift
	if [ -f "$dir/build.ninja" ]; then
		meson setup --reconfigure "$dir" "$@" >/dev/null
	else
		meson setup "$dir" "$@"
	fi
}

echo "== release build (gcc, -Werror) =="
setup build -Dwerror=true
ninja -C build
meson test -C build --print-errorlogs --num-processes 1

echo "== sanitizer build (clang, ASan + UBSan) =="
# Configured as tests/fuzz/run-fuzz.sh wants it (coverage on every file), so
# the same build serves the sanitizer tests and the fuzzers.
CC=clang setup build-asan -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false \
	-Dbuildtype=debugoptimized -Dfuzz=enabled \
	-Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer'
ninja -C build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C build-asan --print-errorlogs --num-processes 1 --timeout-multiplier 3

echo "== fuzzing (${fuzz_seconds}s per harness) =="
bash tests/fuzz/run-fuzz.sh build-asan "$fuzz_seconds"
bash tests/fuzz/run-net-fuzz.sh build-asan "$fuzz_seconds"
# One closing line over both builds' meson test runs, in the plain form.
python3 - build/meson-logs/testlog.json build-asan/meson-logs/testlog.json <<'PY'
import json, sys
count = {"OK": 0, "FAIL": 0, "SKIP": 0}
for path in sys.argv[1:]:
    for line in open(path):
        result = json.loads(line)["result"]
        key = "OK" if result in ("OK", "EXPECTEDFAIL") else "SKIP" if result == "SKIP" else "FAIL"
        count[key] += 1
print(f"tests: {count['OK']} passed, {count['FAIL']} failed, {count['SKIP']} skipped")
PY
