#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
#
# bench/ab-libs.sh and sipfront-parse-ab: the build's parser library against
# a copy of itself and against itself, briefly and in two runs each, prints
# every run's figures and the median of the runs in their documented form
# (the figures are not judged beyond being sane: the same library cannot
# take twice the time of itself); a build directory without the library, a
# shared object that is not sipfront's and bad options are refused with a
# message.
#
#   test_parse_ab.py PATH/TO/bench/ab-libs.sh BUILD_DIR
import os
import re
import subprocess
import sys
import unittest

SCRIPT = None
BUILD = None

FIGURES = re.compile(r"^run [12]: [AB] (\S+(?: \(copy\))?) ns_per_msg_p10 (\d+\.\d) "
                     r"median (\d+\.\d)$")
RATIO = re.compile(r"^run [12]: B/A ratio_p25 (\d+\.\d{4}) median (\d+\.\d{4}) "
                   r"ratio_p75 (\d+\.\d{4}) chunks 20 rounds 20$")
SUMMARY = re.compile(r"^B/A median_of_2_runs (\d+\.\d{4}) \(runs: (\d+\.\d{4}) to "
                     r"(\d+\.\d{4})\)$")


def run(*args, **kw):
    p = subprocess.run(args, capture_output=True, text=True, timeout=240, **kw)
    return p.returncode, p.stdout, p.stderr


class Script(unittest.TestCase):
    def test_a_against_itself(self):
        rc, out, err = run("bash", SCRIPT, BUILD, BUILD, "--chunks", "20", "--rounds", "20",
                           env=dict(os.environ, RUNS="2"))
        self.assertEqual(rc, 0, err)
        lines = out.splitlines()
        self.assertEqual(len(lines), 20, out)
        self.assertEqual(lines[0], "== A/A: %s against a copy of itself (the noise floor)" % BUILD)
        self.assertEqual(lines[10], "== A/B: %s against %s" % (BUILD, BUILD))
        self.assertIn("(copy)", lines[3])
        for block in (lines[1:10], lines[11:20]):
            medians = []
            for i, run_lines in enumerate((block[0:4], block[4:8])):
                # each run with the code at another place
                self.assertEqual(run_lines[0], "run %d: padding %d octets" % (i + 1, i * 448))
                run_lines = run_lines[1:]
                for line in run_lines[:2]:
                    m = FIGURES.match(line)
                    self.assertIsNotNone(m, line)
                    self.assertTrue(m.group(1).startswith(BUILD), line)
                    self.assertGreater(float(m.group(3)), 0.0)
                m = RATIO.match(run_lines[2])
                self.assertIsNotNone(m, run_lines[2])
                p25, median, p75 = (float(x) for x in m.groups())
                self.assertTrue(p25 <= median <= p75, run_lines[2])
                self.assertTrue(0.5 < median < 2.0, run_lines[2])
                medians.append(median)
            m = SUMMARY.match(block[8])
            self.assertIsNotNone(m, block[8])
            # of two runs, the lower one; the range is the two
            self.assertEqual([float(x) for x in m.groups()],
                             [min(medians), min(medians), max(medians)])

    def test_no_library(self):
        rc, _, err = run("bash", SCRIPT, BUILD, os.path.join(BUILD, "no-such-build"))
        self.assertEqual(rc, 1)
        self.assertIn("no-such-build/lib/sip/libsipfront_sip.a", err)

    def test_usage(self):
        rc, _, err = run("bash", SCRIPT, BUILD)
        self.assertEqual(rc, 2)
        self.assertIn("usage: bash bench/ab-libs.sh BUILD_A BUILD_B", err)
        rc, _, err = run("bash", SCRIPT, BUILD, BUILD, env=dict(os.environ, RUNS="zero"))
        self.assertEqual(rc, 2)
        self.assertIn("RUNS must be a count of runs", err)


class Harness(unittest.TestCase):
    exe = None

    @classmethod
    def setUpClass(cls):
        cls.exe = os.path.join(BUILD, "bench", "sipfront-parse-ab")

    def test_help(self):
        rc, out, _ = run(self.exe, "--help")
        self.assertEqual(rc, 0)
        self.assertIn("usage: sipfront-parse-ab", out)

    def test_bad_options(self):
        for args, words in ((["--chunks", "0", "a.so", "b.so"], "--chunks: 1 to 10000"),
                            (["--chunks", "-1", "a.so", "b.so"], "--chunks: 1 to 10000"),
                            (["--rounds", "x", "a.so", "b.so"], "--rounds: 1 to 1000000"),
                            (["--bogus", "1", "a.so", "b.so"], "usage:"),
                            (["a.so"], "usage:")):
            rc, _, err = run(self.exe, *args)
            self.assertEqual(rc, 2, args)
            self.assertIn(words, err, args)

    def test_not_a_sipfront_library(self):
        libm = subprocess.run(["sh", "-c", "ldconfig -p | awk '/libm.so.6 .*x86-64/ {print $NF; exit}'"],
                              capture_output=True, text=True).stdout.strip()
        self.assertTrue(libm, "libm.so.6 not found by ldconfig")
        rc, _, err = run(self.exe, "--chunks", "1", libm, libm)
        self.assertEqual(rc, 1)
        self.assertIn("no sf_sip_parser_init or sf_sip_parse", err)

    def test_missing_file(self):
        rc, _, err = run(self.exe, "/nonexistent/a.so", "/nonexistent/b.so")
        self.assertEqual(rc, 1)
        self.assertIn("/nonexistent/a.so", err)


if __name__ == "__main__":
    SCRIPT, BUILD = sys.argv[1], os.path.abspath(sys.argv[2])
    unittest.main(argv=sys.argv[:1], verbosity=2)
