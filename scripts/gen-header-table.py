#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
"""Finds the multiplier of the header-name hash in lib/sip/sip_header_id.h
and prints its table, for when SF_SIP_HEADER_LIST changes.

The key of a name of len octets is its first and last octets, each ORed
with 0x20, and len, as the little-endian word first | last << 8 | len << 16;
the slot is the top HASH_BITS bits of key * multiplier. The multiplier is
the first odd one, from a fixed seed through an LCG, that puts every full
and compact name in a slot of its own."""
import re
import sys

HASH_BITS = 7
MASK64 = (1 << 64) - 1


def names_from_header(path):
    text = open(path).read()
    body = text[text.index("#define SF_SIP_HEADER_LIST(X)"):]
    body = body[:body.index("enum sf_sip_header_id")]
    out = []
    for name, full, compact in re.findall(r'X\((\w+), "([^"]*)", (0|\'.\')\)', body):
        if name == "OTHER":
            continue
        out.append((name, full.lower()))
        if compact != "0":
            out.append((name, compact[1]))
    return out


def key(s):
    b = s.encode()
    return (b[0] | 0x20) | (b[-1] | 0x20) << 8 | len(b) << 16


def slot(k, mult):
    return ((k * mult) & MASK64) >> (64 - HASH_BITS)


def find_multiplier(names):
    keys = [key(s) for _, s in names]
    mult = 0x9E3779B97F4A7C15
    while len({slot(k, mult) for k in keys}) != len(keys):
        # The next candidate from an LCG: the keys are small, so nearby
        # multipliers put them in nearly the same slots.
        mult = ((mult * 6364136223846793005 + 1442695040888963407) & MASK64) | 1
    return mult


def words(s):
    """The name as the runtime reads it: the 8 octets that end with it
    (only the name's own kept), then for names over 8 the first 8, and for
    names over 16 the middle 8 (octets 8-15)."""
    b = s.encode()
    w = [b[-8:].rjust(8, b"\0")]
    if len(b) > 8:
        w.append(b[:8])
    if len(b) > 16:
        w.append(b[8:16])
    return w


def fold(chunk):
    return sum((0x20 if chr(c).isalpha() else 0) << (8 * i) for i, c in enumerate(chunk))


def c_string(octets):
    """A C string literal's body for 16 octets: 0 as a three-digit octal
    escape (so that no octet after it can extend it), LF as \\n."""
    return "".join({0: "\\000", 10: "\\n"}.get(c, chr(c)) for c in octets)


def line_strings(s):
    """The 16 octets that end with the name as the fast header loop loads
    them (the previous line's LF, then the lower-case name, right-aligned,
    0 before), and its case fold (0x20, a space, on each letter). A name
    over 15 octets is left to the word compares: its line asks for an LF
    as the name's last octet, which no name has."""
    b = s.encode()
    if len(b) > 15:
        return c_string(b"\0" * 15 + b"\n"), c_string(b"\0" * 16)
    line = (b"\n" + b).rjust(16, b"\0")
    return c_string(line), c_string(bytes(0x20 if chr(c).isalpha() else 0 for c in line))


def main():
    names = names_from_header(sys.argv[1] if len(sys.argv) > 1 else "include/sipfront/sip.h")
    mult = find_multiplier(names)
    print(f"#define HEADER_HASH_MULT 0x{mult:016x}ull")
    print("static const struct header_entry header_table[1 << HEADER_HASH_BITS] = {")
    for name, s in sorted(names, key=lambda n: slot(key(n[1]), mult)):
        ws = words(s)
        wv = ", ".join(f"0x{int.from_bytes(w, 'little'):x}ull" for w in ws)
        fv = ", ".join(f"0x{fold(w):x}ull" for w in ws)
        tail = (MASK64 << (8 * (8 - min(len(s), 8)))) & MASK64
        line, lfold = line_strings(s)
        head = f"        [{slot(key(s), mult)}] = {{"
        pad = " " * len(head)
        print(f"{head}\"{line}\",")
        for field in (f"\"{lfold}\"", f"{{{wv}}}", f"{{{fv}}}", f"0x{tail:x}ull", f"{len(s)}"):
            print(f"{pad}{field},")
        print(f"{pad}SF_SIP_HDR_{name}}}, /* {s} */")
    print("};")


if __name__ == "__main__":
    main()
