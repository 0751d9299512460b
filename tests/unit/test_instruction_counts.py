#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
#
# The instruction-count tools: sipfront-parse-instructions --file parses one
# datagram and reports its outcome (a rejection too, by name; a file it
# cannot read, by a message and exit 1), and bench/header-costs.py, run
# under callgrind on the shortest corpus message, prints a cost for each of
# its header lines (a grammar's line more than one only indexed), leaves a
# rest for the start line and checks, and marks the lines without which the
# message is rejected.
#
#   test_instruction_counts.py PATH/TO/sipfront-parse-instructions
import os
import re
import subprocess
import sys
import tempfile
import unittest

BIN = None
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRYING = os.path.join(TOP, "bench", "corpus", "100-trying.sip")


def run(*args):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


class ParseFile(unittest.TestCase):
    def test_accepted(self):
        rc, out, err = run("--file", TRYING, "--rounds", "3", "--scan", "scalar")
        self.assertEqual(rc, 0, err)
        self.assertIn("messages 3\n", out)
        self.assertIn("octets_per_message %d\n" % os.path.getsize(TRYING), out)
        self.assertIn("error OK\n", out)

    def test_rejected_is_counted(self):
        with tempfile.NamedTemporaryFile(suffix=".sip") as f:
            f.write(open(TRYING, "rb").read()[:60])
            f.flush()
            rc, out, err = run("--file", f.name, "--rounds", "2")
        self.assertEqual(rc, 0, err)
        self.assertIn("error HEADERS_UNTERMINATED\n", out)

    def test_unreadable(self):
        rc, out, err = run("--file", "/nonexistent/x.sip")
        self.assertEqual(rc, 1)
        self.assertIn("/nonexistent/x.sip: No such file or directory", err)

    def test_too_long(self):
        with tempfile.NamedTemporaryFile(suffix=".sip") as f:
            f.write(b"x" * 65536)
            f.flush()
            rc, out, err = run("--file", f.name)
        self.assertEqual(rc, 1)
        self.assertIn("longer than a UDP datagram", err)


class HeaderCosts(unittest.TestCase):
    def test_line_costs(self):
        build = os.path.dirname(os.path.dirname(BIN))
        p = subprocess.run([sys.executable, os.path.join(TOP, "bench", "header-costs.py"),
                            "--build", build, "--rounds", "20", TRYING],
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr)
        whole = int(re.search(r"^message 100-trying (\d+)$", p.stdout, re.M).group(1))
        lines = re.findall(r"^line 100-trying (\S+) (-?\d+)( rejected-without \S+)?$",
                           p.stdout, re.M)
        names = [n for n, _, _ in lines]
        self.assertEqual(names, ["Via", "To", "From", "Call-ID", "CSeq", "Server",
                                 "Content-Length"])
        rejected = {n: r.split()[-1] for n, _, r in lines if r}
        self.assertEqual(rejected, {"Via": "MISSING_VIA", "To": "MISSING_TO",
                                    "From": "MISSING_FROM", "Call-ID": "MISSING_CALL_ID",
                                    "CSeq": "MISSING_CSEQ"})
        cost = {n: int(c) for n, c, _ in lines}
        for name, instructions in cost.items():
            self.assertGreater(instructions, 50, name)
        # A Via's and a From's grammars cost more than a line only indexed.
        self.assertGreater(cost["Via"], 2 * cost["Server"])
        self.assertGreater(cost["From"], 2 * cost["Server"])
        # The start line and the end checks are left over, and are work:
        # the lines do not take up the whole parse.
        rest = int(re.search(r"^rest 100-trying (-?\d+)$", p.stdout, re.M).group(1))
        # (each printed figure rounded: 8 of them, at most 4 off)
        self.assertLessEqual(abs(rest - (whole - sum(cost.values()))), 4)
        self.assertGreater(rest, 0)
        self.assertRegex(p.stdout, r"(?m)^header via \d+ 1$")


if __name__ == "__main__":
    BIN = os.path.abspath(sys.argv.pop(1))
    unittest.main()
