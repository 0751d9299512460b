#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
#
# sipfront-parse-bench's --json contract, on a short untimed run: one object
# per (parser, message type) line with the documented keys, every corpus
# type and the mix for every parser, the peer parsers built in (the
# dependency script installs them), the --scanners and --floors rows, and
# figures that are numbers. What the figures are is the bench's business,
# not this test's. --file adds a row per parser for a datagram of one's own,
# after the mix and outside it; a file that is not one SIP message to time is
# refused before any timing, by name.
#
#   test_parse_bench.py PATH/TO/sipfront-parse-bench
import json
import os
import subprocess
import sys
import tempfile
import unittest

BIN = None
KEYS = ["parser", "type", "msgs_per_s", "ns_per_msg", "mb_per_s", "cycles_per_msg"]
DEFAULT_PARSERS = ["sipfront-simd", "sipfront-scalar", "memchr-lines", "osip2", "sofia-sip",
                   "libre"]
TYPES = ["invite", "200-ok", "100-trying", "180-ringing", "ack", "bye", "register",
         "401-unauthorized", "options", "subscribe", "notify", "message", "mix"]


def run(*args):
    p = subprocess.run([BIN, *args], capture_output=True, timeout=300)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def rows(out):
    return [json.loads(line) for line in out.splitlines()]


class ParseBenchJson(unittest.TestCase):
    def check_rows(self, objs, parsers):
        seen = {}
        for o in objs:
            self.assertEqual(list(o)[:len(KEYS)], KEYS, o)
            for k in KEYS[2:]:
                self.assertIsInstance(o[k], (int, float), o)
                self.assertGreater(o[k], 0, o)
            seen.setdefault(o["parser"], []).append(o["type"])
        self.assertEqual(sorted(seen), sorted(parsers))
        for p in parsers:
            self.assertEqual(sorted(seen[p]), sorted(TYPES), p)

    def test_default_rows(self):
        rc, out, err = run("--json", "--iterations", "1200")
        self.assertEqual(rc, 0, err)
        self.check_rows(rows(out), DEFAULT_PARSERS)

    def test_scanner_and_floor_rows(self):
        rc, out, err = run("--json", "--scanners", "--floors", "--iterations", "1200")
        self.assertEqual(rc, 0, err)
        objs = rows(out)
        names = {o["parser"] for o in objs}
        self.assertIn("frame-floor", names)
        scanners = {n for n in names if n.startswith("sipfront-") and
                    n not in ("sipfront-simd", "sipfront-scalar")}
        self.assertTrue(scanners, "no --scanners row")
        self.check_rows(objs, DEFAULT_PARSERS + ["frame-floor"] + sorted(scanners))

    def test_file_rows(self):
        rc, out, err = run("--json", "--iterations", "120", "--file", SAMPLE)
        self.assertEqual(rc, 0, err)
        objs = rows(out)
        types = [o["type"] for o in objs]
        # after the mix, for every parser, and the mix still the corpus's
        self.assertEqual(types[-len(DEFAULT_PARSERS):], ["invite-video"] * len(DEFAULT_PARSERS))
        self.assertLess(max(i for i, t in enumerate(types) if t == "mix"),
                        types.index("invite-video"))
        self.assertEqual(sorted(o["parser"] for o in objs if o["type"] == "invite-video"),
                         sorted(DEFAULT_PARSERS))
        for o in objs:
            if o["type"] == "invite-video":
                # the file's own octets: 2048 per message
                self.assertAlmostEqual(o["mb_per_s"] * 1e6 / o["msgs_per_s"], 2048, delta=1)
        rc, out, err = run("--iterations", "120", "--file", SAMPLE)
        self.assertEqual(rc, 0, err)
        self.assertIn("invite-video 2048 octets (--file, not in the mix)", out)

    def test_bad_files(self):
        with tempfile.TemporaryDirectory() as d:
            stun = os.path.join(d, "stun.bin")
            with open(stun, "wb") as f:
                f.write(bytes.fromhex("000100002112a442") + bytes(12))
            empty = os.path.join(d, "empty.sip")
            open(empty, "wb").close()
            huge = os.path.join(d, "huge.sip")
            with open(huge, "wb") as f:
                f.write(b"OPTIONS sip:a@example.com SIP/2.0\r\n" + b"x" * 65536)
            cases = [(os.path.join(d, "missing.sip"), "No such file"),
                     (stun, "not a message to time"),
                     (empty, "empty"),
                     (huge, "too large")]
            for path, words in cases:
                rc, out, err = run("--iterations", "120", "--file", path)
                self.assertEqual(rc, 2, path)
                self.assertEqual(out, "", path)
                self.assertIn(path, err)
                self.assertIn(words, err)
        rc, out, err = run(*["--file", SAMPLE] * 17)
        self.assertEqual(rc, 2)
        self.assertIn("at most 16 --file", err)

    def test_bad_option(self):
        rc, out, err = run("--iterations", "0")
        self.assertEqual(rc, 2)
        self.assertEqual(out, "")
        self.assertIn("--iterations", err)


SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench",
                      "samples", "invite-video.sip")

if __name__ == "__main__":
    BIN = sys.argv.pop(1)
    unittest.main()
