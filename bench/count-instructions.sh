#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Instructions per message of sipfront's parser on the parse bench's mix,
# counted by callgrind: exact and repeatable, whatever else the machine does,
# so it shows a change of a few percent that the timed bench's noise hides.
# The parser retires ~5 instructions per cycle on this VM (the instruction
# count per message set against the timed bench), so its time follows them.
#
#   bash bench/count-instructions.sh [BUILD_DIR] [SCANNER]
#
# BUILD_DIR defaults to build/; SCANNER to avx2 (valgrind does not run
# AVX-512, so the VBMI scanner the bench picks cannot be counted; the
# scanner's share is printed apart, and the parser's is the same code
# whatever the scanner). Prints one line per figure; --json is not needed:
# the numbers are `key value` pairs.
#
# FUNCTIONS=N adds the N functions with the most instructions of their own
# per message (what the compiler inlined into a function counts as its),
# as `function NAME COUNT` lines: where to look next.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
scanner=${2:-avx2}
rounds=${ROUNDS:-1000}
exe=$build/bench/sipfront-parse-instructions

command -v valgrind >/dev/null || { echo "count-instructions: valgrind is not installed" >&2; exit 1; }
[ -x "$exe" ] || { echo "count-instructions: build $exe first (ninja -C $build)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$exe" --scan "$scanner" --rounds "$rounds" \
	>"$out/stdout" 2>"$out/stderr" || { cat "$out/stderr" >&2; exit 1; }
messages=$(awk '$1 == "messages" {print $2}' "$out/stdout")
octets=$(awk '$1 == "octets_per_message" {print $2}' "$out/stdout")
# Inclusive cost of parse_rounds (everything the parses ran) and the
# scanners' own cost, from the per-function table.
callgrind_annotate --inclusive=yes "$out/cg" >"$out/incl" 2>/dev/null
callgrind_annotate --inclusive=no "$out/cg" >"$out/self" 2>/dev/null
total=$(awk '/:parse_rounds( |$)/ {gsub(",", "", $1); print $1; exit}' "$out/incl")
scan=$(awk '/Auto-annotated/ {exit} /:scan_/ {gsub(",", "", $1); s += $1} END {print s + 0}' "$out/self")
[ -n "$total" ] || { echo "count-instructions: no parse_rounds in the callgrind output" >&2; exit 1; }
awk -v t="$total" -v s="$scan" -v m="$messages" -v o="$octets" -v sc="$scanner" 'BEGIN {
	printf "scanner %s\nmessages %d\noctets_per_message %.1f\n", sc, m, o
	printf "instructions_per_message %.0f\nscanner_instructions_per_message %.0f\n", t / m, s / m
	printf "parser_instructions_per_message %.0f\nparser_instructions_per_octet %.2f\n", (t - s) / m, (t - s) / m / o
}'
if [ "${FUNCTIONS:-0}" -gt 0 ]; then
	# Lines read "1,234 (5.6%)  FILE:FUNCTION [OBJECT]".
	awk '/Auto-annotated/ {exit} /^ *[0-9,]+ +\(.*:/ {
		n = $1; gsub(",", "", n)
		fn = $0; sub(/ +\[.*$/, "", fn); sub(/^.*:/, "", fn)
		self[fn] += n
	} END {
		for (fn in self) print self[fn], fn
	}' "$out/self" | sort -rn | head -n "$FUNCTIONS" |
		awk -v m="$messages" '{printf "function %s %.0f\n", $2, $1 / m}'
fi
