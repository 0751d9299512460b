#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
#
# sipfront-parse as operators and scripts use it: the JSON interface (key
# order, null for absent things, string escaping of arbitrary octets, the
# error object), exit status (0 ok, 1 rejected, 2 usage/IO), stdin, the
# readable dump, and identical output whichever scanner is chosen.
#
#   test_sip_cli.py PATH/TO/sipfront-parse CORPUS_DIR
import json
import os
import subprocess
import sys
import tempfile
import unittest

BIN = None
CORPUS = None

KEYS = ["file", "ok", "kind", "method", "status", "reason", "ruri", "call_id", "cseq",
        "from", "to", "via", "max_forwards", "content_length", "body_len", "header_count",
        "error"]
VIA_KEYS = ["transport", "host", "port", "branch", "rport", "received"]


def run(*args, stdin=None):
    p = subprocess.run([BIN, *args], input=stdin, capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def objects(out):
    lines = out.decode("utf-8").splitlines()
    return [json.loads(line, object_pairs_hook=lambda kv: kv) for line in lines]


def as_dict(pairs):
    """Turns the ordered pairs from objects() into dicts, recursively."""
    if isinstance(pairs, list) and all(isinstance(p, tuple) and len(p) == 2 for p in pairs):
        return {k: as_dict(v) for k, v in pairs}
    if isinstance(pairs, list):
        return [as_dict(v) for v in pairs]
    return pairs


def corpus_files():
    out = []
    for sub, suffix in (("rfc4475", ".dat"), ("rfc5118", ".dat"), ("samples", ".sip")):
        d = os.path.join(CORPUS, sub)
        out += sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(suffix))
    return out


def rfc(name):
    sub = "rfc5118" if name in os.listdir(os.path.join(CORPUS, "rfc5118")) else "rfc4475"
    return os.path.join(CORPUS, sub, name)


class Json(unittest.TestCase):
    def one(self, path, *extra):
        rc, out, err = run("--json", *extra, path)
        objs = objects(out)
        self.assertEqual(len(objs), 1, err)
        return rc, objs[0], as_dict(objs[0])

    def test_key_order_and_valid_fields(self):
        rc, pairs, o = self.one(rfc("wsinv.dat"))
        self.assertEqual(rc, 0)
        self.assertEqual([k for k, _ in pairs], KEYS)
        self.assertEqual(o["file"], rfc("wsinv.dat"))
        self.assertIs(o["ok"], True)
        self.assertEqual(o["kind"], "request")
        self.assertEqual(o["method"], "INVITE")
        self.assertIsNone(o["status"])
        self.assertIsNone(o["reason"])
        self.assertEqual(o["ruri"], {"scheme": "sip", "user": "vivekg",
                                     "host": "chair-dnrc.example.com", "port": None})
        ruri_keys = [k for k, _ in dict(pairs)["ruri"]]
        self.assertEqual(ruri_keys, ["scheme", "user", "host", "port"])
        self.assertEqual(o["call_id"], "wsinv.ndaksdj@192.0.2.1")
        self.assertEqual(o["cseq"], {"num": 9, "method": "INVITE"})
        self.assertEqual(o["from"], {"uri": "sip:jdrosen@example.com", "tag": "98asjd8"})
        self.assertEqual(o["to"], {"uri": "sip:vivekg@chair-dnrc.example.com",
                                   "tag": "1918181833n"})
        self.assertEqual(len(o["via"]), 3)
        self.assertEqual([k for k, _ in dict(pairs)["via"][0]], VIA_KEYS)
        self.assertEqual(o["via"][0], {"transport": "UDP", "host": "192.0.2.2", "port": None,
                                       "branch": "390skdjuw", "rport": None, "received": None})
        self.assertEqual(o["via"][1]["transport"], "TCP")
        self.assertEqual(o["max_forwards"], 68)
        self.assertEqual(o["content_length"], 150)
        self.assertEqual(o["body_len"], 150)
        self.assertEqual(o["header_count"], 14)
        self.assertIsNone(o["error"])

    def test_rport_received_port(self):
        _, _, o = self.one(rfc("mpart01.dat"))
        self.assertEqual(o["via"][0]["rport"], True)
        self.assertEqual(o["via"][0]["port"], 5070)
        _, _, o = self.one(rfc("via-received-param-with-delim.dat"))
        self.assertEqual(o["via"][0]["received"], "[2001:db8::9:255]")
        self.assertEqual(o["via"][0]["host"], "[2001:db8::9:1]")
        _, _, o = self.one(rfc("port-unambiguous.dat"))
        self.assertEqual(o["ruri"], {"scheme": "sip", "user": None, "host": "[2001:db8::10]",
                                     "port": 5070})

    def test_rport_with_value(self):
        msg = (b"SIP/2.0 200 OK\r\n"
               b"Via: SIP/2.0/UDP a.example.com;rport=5061;received=192.0.2.1;branch=z9hG4bK1\r\n"
               b"From: <sip:a@a.example.com>;tag=1\r\nTo: <sip:b@b.example.com>;tag=2\r\n"
               b"Call-ID: x@y\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
        rc, out, _ = run("--json", "-", stdin=msg)
        o = as_dict(objects(out)[0])
        self.assertEqual(rc, 0)
        self.assertEqual(o["file"], "-")
        self.assertEqual(o["kind"], "response")
        self.assertEqual(o["status"], 200)
        self.assertEqual(o["reason"], "OK")
        self.assertIsNone(o["method"])
        self.assertIsNone(o["ruri"])
        self.assertIsNone(o["max_forwards"])
        self.assertEqual(o["via"][0]["rport"], 5061)
        self.assertEqual(o["via"][0]["received"], "192.0.2.1")
        self.assertEqual(o["to"]["tag"], "2")

    def test_response_reasons(self):
        _, _, o = self.one(rfc("unreason.dat"))
        with open(rfc("unreason.dat"), "rb") as f:
            want = f.read().split(b"\r\n")[0][len("SIP/2.0 200 "):].decode("utf-8")
        self.assertEqual(o["reason"], want)
        self.assertEqual(o["status"], 200)
        _, _, o = self.one(rfc("noreason.dat"))
        self.assertEqual(o["reason"], "")
        self.assertEqual(o["status"], 100)

    def test_extension_method(self):
        _, _, o = self.one(rfc("intmeth.dat"))
        self.assertEqual(o["method"], "!interesting-Method0123456789_*+`.%indeed'~")
        self.assertEqual(o["cseq"]["method"], o["method"])
        self.assertEqual(o["cseq"]["num"], 139122385)

    def test_rejection(self):
        rc, pairs, o = self.one(rfc("quotbal.dat"))
        self.assertEqual(rc, 1)
        self.assertIs(o["ok"], False)
        self.assertEqual(o["kind"], "request")
        self.assertEqual([k for k, _ in dict(pairs)["error"]], ["status", "reason", "code"])
        self.assertEqual(o["error"]["status"], 400)
        self.assertTrue(o["error"]["reason"].startswith("malformed To header"), o["error"])
        self.assertIn("BAD_TO", o["error"]["code"].upper())
        rc, _, o = self.one(rfc("unkscm.dat"))
        self.assertEqual(o["error"]["status"], 416)
        rc, _, o = self.one(rfc("badvers.dat"))
        self.assertEqual(o["error"]["status"], 505)

    def test_excerpt_in_reason(self):
        # a malformed To whose text the reason should quote
        msg = (b"OPTIONS sip:b.example.com SIP/2.0\r\n"
               b"Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n"
               b"From: <sip:a@a.example.com>;tag=1\r\n"
               b"To: \"J Rosenberg <sip:jdrosen@example.com>\r\n"
               b"Call-ID: x@y\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
        rc, out, _ = run("--json", "-", stdin=msg)
        o = as_dict(objects(out)[0])
        self.assertEqual(rc, 1)
        self.assertEqual(o["error"]["status"], 400)
        reason = o["error"]["reason"]
        self.assertTrue(reason.startswith("malformed To header"), reason)
        # when the parser says where it gave up, the reason quotes it
        if reason != "malformed To header":
            self.assertRegex(reason, r'^malformed To header: ".+"$')

    def test_keepalive_and_not_sip(self):
        rc, out, _ = run("--json", "-", stdin=b"\r\n\r\n")
        o = as_dict(objects(out)[0])
        self.assertEqual(rc, 0)
        self.assertEqual(o["kind"], "keepalive")
        self.assertIs(o["ok"], True)
        self.assertIsNone(o["error"])
        self.assertIsNone(o["via"])
        stun = bytes([0, 1, 0, 0, 0x21, 0x12, 0xa4, 0x42] + list(range(12)))
        rc, out, _ = run("--json", "-", stdin=stun)
        o = as_dict(objects(out)[0])
        self.assertEqual(rc, 1)
        self.assertEqual(o["kind"], "not-sip")
        self.assertIs(o["ok"], False)
        self.assertIsNone(o["error"]["status"])  # dropped, never answered
        self.assertIsNone(o["method"])

    def test_escaping(self):
        # control octets, quotes, backslashes, valid UTF-8 and invalid octets
        reason = b'caf\xc3\xa9 "q" \\ \x01 \x7f \xff \xc3 end'
        msg = (b"SIP/2.0 404 " + reason + b"\r\n"
               b"Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n"
               b"From: <sip:a@a.example.com>;tag=1\r\nTo: <sip:b@b.example.com>;tag=2\r\n"
               b"Call-ID: x@y\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
        rc, out, _ = run("--json", "-", stdin=msg)
        line = out.decode("ascii", errors="strict") if max(out) < 0x80 else out.decode("utf-8")
        o = as_dict(objects(out)[0])
        if o["reason"] is not None:
            self.assertEqual(o["reason"], 'café "q" \\ \x01 \x7f \u00ff \u00c3 end')
            self.assertIn("\\u0001", line)
            self.assertIn("\\u00ff", line)
            self.assertIn("café", line)  # valid UTF-8 passes through
        # the whole output is one line of valid UTF-8 JSON in any case
        self.assertEqual(out.count(b"\n"), 1)

    def test_file_names_escaped(self):
        with tempfile.TemporaryDirectory() as d:
            name = os.path.join(d, 'we"ird\\name\tx.sip')
            with open(name, "wb") as f:
                f.write(b"\r\n")
            rc, out, _ = run("--json", name)
            self.assertEqual(rc, 0)
            self.assertEqual(as_dict(objects(out)[0])["file"], name)

    def test_whole_corpus(self):
        files = corpus_files()
        rc, out, err = run("--json", *files)
        objs = [as_dict(o) for o in objects(out)]
        self.assertEqual(len(objs), len(files), err)
        for path, o, pairs in zip(files, objs, objects(out)):
            self.assertEqual([k for k, _ in pairs], KEYS)
            self.assertEqual(o["file"], path)
            self.assertIn(o["kind"], ("request", "response", "keepalive", "not-sip"))
            self.assertEqual(o["ok"], o["error"] is None)
            if o["error"] is not None:
                self.assertTrue(o["error"]["reason"])
                self.assertTrue(o["error"]["code"])
            for v in o["via"] or []:
                self.assertEqual(list(v.keys()), VIA_KEYS)
        self.assertEqual(rc, 0 if all(o["ok"] for o in objs) else 1)
        # the RFC 4475 set has rejects, so the status must say so
        self.assertEqual(rc, 1)

    def test_scanners_agree(self):
        files = corpus_files()
        _, ref, _ = run("--json", "--scan", "scalar", *files)
        for impl in ("sse2", "avx2", "avx512bw", "avx512vbmi", "auto"):
            rc, out, err = run("--json", "--scan", impl, *files)
            if rc == 2 and b"not supported" in err:
                continue
            self.assertEqual(out, ref, impl)


class Cli(unittest.TestCase):
    def test_help(self):
        rc, out, _ = run("--help")
        self.assertEqual(rc, 0)
        self.assertIn(b"usage:", out)
        self.assertIn(b"--json", out)
        self.assertIn(b"--scan", out)

    def test_usage_errors(self):
        rc, _, err = run()
        self.assertEqual(rc, 2)
        self.assertIn(b"no FILE", err)
        rc, _, err = run("--bogus", rfc("wsinv.dat"))
        self.assertEqual(rc, 2)
        self.assertIn(b"unknown option", err)
        rc, _, err = run("--scan", "mmx", rfc("wsinv.dat"))
        self.assertEqual(rc, 2)
        rc, _, err = run("--scan")
        self.assertEqual(rc, 2)

    def test_options_anywhere(self):
        rc, out, _ = run(rfc("wsinv.dat"), "--json", "--scan=scalar")
        self.assertEqual(rc, 0)
        self.assertEqual(as_dict(objects(out)[0])["call_id"], "wsinv.ndaksdj@192.0.2.1")
        # after "--" everything is a file
        rc, _, err = run("--json", "--", "--json")
        self.assertEqual(rc, 2)
        self.assertIn(b"cannot open --json", err)

    def test_io_error(self):
        rc, out, err = run("--json", "/nonexistent/x.sip", rfc("wsinv.dat"))
        self.assertEqual(rc, 2)
        self.assertIn(b"cannot open /nonexistent/x.sip", err)
        # the readable file is still reported
        self.assertEqual(len(objects(out)), 1)

    def test_big_file(self):
        with tempfile.NamedTemporaryFile(suffix=".sip") as f:
            f.write(b"INVITE sip:a@b SIP/2.0\r\n" + b"x" * 70000)
            f.flush()
            rc, out, _ = run("--json", f.name)
            o = as_dict(objects(out)[0])
            self.assertEqual(rc, 1)
            self.assertIn("TOO_LARGE", o["error"]["code"].upper())
            self.assertEqual(o["error"]["status"], 513)

    def test_text_dump(self):
        rc, out, _ = run(rfc("wsinv.dat"))
        self.assertEqual(rc, 0)
        text = out.decode("utf-8")
        self.assertIn("start line:   INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0",
                      text)
        self.assertIn("MaX-fOrWaRdS [Max-Forwards]", text)
        self.assertIn("m [Contact]", text)
        self.assertIn('"390skdjuw"', text)
        self.assertIn("verdict:      OK", text)
        rc, out, _ = run(rfc("badvers.dat"))
        self.assertEqual(rc, 1)
        text = out.decode("utf-8")
        self.assertIn("REJECTED", text)
        self.assertIn("505", text)
        # every corpus file dumps without a crash
        rc, out, err = run(*corpus_files())
        self.assertIn(rc, (0, 1), err)
        self.assertEqual(out.count(b"verdict:"), len(corpus_files()))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print("usage: test_sip_cli.py SIPFRONT_PARSE CORPUS_DIR", file=sys.stderr)
        sys.exit(2)
    BIN, CORPUS = os.path.abspath(sys.argv[1]), sys.argv[2]
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[3:])
