#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
"""What each header line costs sipfront's parser, in instructions.

    python3 bench/header-costs.py [--build DIR] [--scan NAME] [--rounds N] [FILE...]

For each datagram (default: the parse bench's corpus, bench/corpus/*.sip),
callgrind counts the parser's instructions per parse (the scanner's left
out, as in count-instructions.sh) for the whole datagram and then for the
datagram with one header line taken out, line by line: the difference is
what that line costs, its framing (line end, colon, name, entry) and its
value's grammar together. Without a From, To, Call-ID, CSeq or its only
Via the datagram is rejected at the end of the header section; those
figures leave out the few checks the rejection skips, and are marked.

Prints `message TYPE INSTRUCTIONS`, then `line TYPE NAME INSTRUCTIONS
[rejected-without ERROR]` per header line, then `header NAME MEAN LINES`
per header name over all datagrams, the costliest first, and
`rest TYPE INSTRUCTIONS`: the start line, the checks and the body, which
no header line accounts for. Exact and repeatable, like
count-instructions.sh: the place to look for where a parse's time goes.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parser_instructions(exe, scan, rounds, path, workdir):
    """Parser instructions per parse of the datagram at path, and the error."""
    out = os.path.join(workdir, "cg")
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, exe,
         "--scan", scan, "--rounds", str(rounds), "--file", path],
        capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("header-costs: %s failed on %s:\n%s" % (exe, path, run.stderr))
    error = re.search(r"^error (\S+)", run.stdout, re.M).group(1)
    total = scan_self = None
    for inclusive in (True, False):
        ann = subprocess.run(
            ["callgrind_annotate", "--inclusive=" + ("yes" if inclusive else "no"), out],
            capture_output=True, text=True, check=True).stdout
        for line in ann.split("\n"):
            if "Auto-annotated" in line:
                break
            m = re.match(r"^\s*([0-9,]+)\s.*:(\S+)", line)
            if not m:
                continue
            count = int(m.group(1).replace(",", ""))
            if inclusive and m.group(2) == "parse_file_rounds" and total is None:
                total = count
            if not inclusive and m.group(2).startswith("scan_"):
                scan_self = (scan_self or 0) + count
    if total is None:
        sys.exit("header-costs: no parse_file_rounds in the callgrind output")
    return (total - (scan_self or 0)) / rounds, error


def header_lines(data):
    """The datagram's header lines as (start, end) offsets, LF included."""
    first = data.find(b"\n")
    end = data.find(b"\r\n\r\n")
    if first < 0 or end < 0:
        sys.exit("header-costs: no header section ending in CRLF CRLF")
    lines, pos = [], first + 1
    while pos < end + 2:
        nl = data.index(b"\n", pos)
        lines.append((pos, nl + 1))
        pos = nl + 1
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(TOP, "build"))
    ap.add_argument("--scan", default="avx2",
                    help="scanner (valgrind does not run AVX-512; default avx2)")
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    exe = os.path.join(args.build, "bench", "sipfront-parse-instructions")
    if not os.access(exe, os.X_OK):
        sys.exit("header-costs: build %s first (ninja -C %s)" % (exe, args.build))
    files = args.files or sorted(
        os.path.join(TOP, "bench", "corpus", f)
        for f in os.listdir(os.path.join(TOP, "bench", "corpus")) if f.endswith(".sip"))
    per_name = {}
    with tempfile.TemporaryDirectory() as work:
        for path in files:
            data = open(path, "rb").read()
            kind = os.path.basename(path).rsplit(".", 1)[0]
            whole, error = parser_instructions(exe, args.scan, args.rounds, path, work)
            if error != "OK":
                sys.exit("header-costs: %s is rejected whole (%s)" % (path, error))
            print("message %s %.0f" % (kind, whole))
            accounted = 0.0
            for start, end in header_lines(data):
                name = data[start:end].split(b":", 1)[0].strip().decode("ascii", "replace")
                cut = os.path.join(work, "cut.sip")
                with open(cut, "wb") as f:
                    f.write(data[:start] + data[end:])
                without, err = parser_instructions(exe, args.scan, args.rounds, cut, work)
                cost = whole - without
                accounted += cost
                note = "" if err == "OK" else " rejected-without " + err
                print("line %s %s %.0f%s" % (kind, name, cost, note))
                per_name.setdefault(name.lower(), []).append(cost)
            print("rest %s %.0f" % (kind, whole - accounted))
    for name, costs in sorted(per_name.items(), key=lambda kv: -sum(kv[1]) / len(kv[1])):
        print("header %s %.0f %d" % (name, sum(costs) / len(costs), len(costs)))


if __name__ == "__main__":
    main()
