#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Two builds of sipfront's parser, timed against each other in one process
# (bench/parse_ab.c): the way to tell whether a step of about 1% is one.
#
#   bash bench/ab-libs.sh BUILD_A BUILD_B [--chunks N] [--rounds N]
#
# Each build directory's lib/sip/libsipfront_sip.a (position-independent,
# meson's default for static libraries) becomes a shared object. Where the
# code sits moves its time: by up to ~0.8% from one process to the next,
# even for two copies of one file, and by up to ~7% with where the parser's
# functions fall within a page (bench/README.md, eighteenth round). So the
# harness runs RUNS times (default 5), each a fresh process whose two
# libraries have their code moved by another 448 octets of padding in
# front of it (run i: (i - 1) x 448, the same for both), and the median
# of the runs' median ratios is the figure: a step counts when it holds
# across placements, not at one. First A against a copy of itself: that
# spread is the noise floor. Then A against B. Pinned to core 1 (CPU=N to
# change it). A plain build only: a sanitizer build's objects need its
# runtime. Nothing else should run meanwhile.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cpu=${CPU:-1}
case ${RUNS:-5} in
'' | *[!0-9]* | 0) echo "ab-libs: RUNS must be a count of runs, 1 or more" >&2; exit 2 ;;
esac
if [ $# -lt 2 ]; then
	echo "usage: bash bench/ab-libs.sh BUILD_A BUILD_B [--chunks N] [--rounds N]" >&2
	exit 2
fi
a=$1 b=$2
shift 2
# The harness of build B, else of build A (it calls the libraries only
# through dlsym, so either will do).
exe=$b/bench/sipfront-parse-ab
[ -x "$exe" ] || exe=$a/bench/sipfront-parse-ab
[ -x "$exe" ] || { echo "ab-libs: no bench/sipfront-parse-ab in $b or $a (ninja -C $b first)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

runs=${RUNS:-5}
# Run i's padding, in octets, in front of both libraries' code.
padding() { echo $((($1 - 1) * 448)); }
for ((i = 1; i <= runs; i++)); do
	# A text section of that many octets, linked first, moves every
	# function of the library by as much within its pages.
	pad=$(padding "$i")
	{
		echo '.section .note.GNU-stack,"",@progbits'
		echo '.text'
		[ "$pad" -eq 0 ] || echo ".skip $pad, 0x90"
	} | cc -c -x assembler -o "$out/pad$i.o" -
done
for side in a b; do
	dir=${!side}
	lib=$dir/lib/sip/libsipfront_sip.a
	[ -f "$lib" ] || { echo "ab-libs: no $lib (ninja -C $dir first)" >&2; exit 1; }
	for ((i = 1; i <= runs; i++)); do
		# -Bsymbolic: the library's calls to its own global functions
		# go straight to them, as in a static link, not through the PLT.
		cc -shared -o "$out/$side$i.so" -Wl,-Bsymbolic "$out/pad$i.o" \
			-Wl,--whole-archive "$lib" -Wl,--no-whole-archive
	done
done
for ((i = 1; i <= runs; i++)); do
	cp "$out/a$i.so" "$out/a-copy$i.so"
done
pin=()
command -v taskset >/dev/null && pin=(taskset -c "$cpu")

# name_a name_b base_a base_b: RUNS runs of the harness, run i on
# base_a$i.so and base_b$i.so, their lines with the shared objects' names
# replaced, then the median of the median ratios.
compare() {
	local name_a=$1 name_b=$2 base_a=$3 base_b=$4 medians=()
	for ((i = 1; i <= runs; i++)); do
		local so_a=$base_a$i.so so_b=$base_b$i.so

		echo "run $i: padding $(padding "$i") octets"
		"${pin[@]}" "$exe" "${opts[@]}" "$so_a" "$so_b" >"$out/run"
		sed "s|^A $so_a|A $name_a|; s|^B $so_b|B $name_b|; s|^|run $i: |" "$out/run"
		medians+=("$(awk '$1 == "B/A" {print $5}' "$out/run")")
	done
	printf '%s\n' "${medians[@]}" | sort -n |
		awk -v n="$runs" '{m[NR] = $1} END {printf "B/A median_of_%d_runs %s (runs: %s to %s)\n", n, m[int((n + 1) / 2)], m[1], m[n]}'
}

opts=("$@")
echo "== A/A: $a against a copy of itself (the noise floor)"
compare "$a" "$a (copy)" "$out/a" "$out/a-copy"
echo "== A/B: $a against $b"
compare "$a" "$b" "$out/a" "$out/b"
