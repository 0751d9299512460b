#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
"""Finds the multiplier of the header-name hash in lib/sip/sip_header_id.h
and prints its table, for when SF_SIP_HEADER_LIST changes.

The key of a name of len octets is its first min(len, 8) octets as a
little-endian word, every octet ORed with 0x20, XOR len; the slot is the
top HASH_BITS bits of key * multiplier. The multiplier is the first odd
one, counting from a fixed seed, that puts every full and compact name in
a slot of its own."""
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


def word(s):
    return int.from_bytes(s.encode().ljust(8, b"\0")[:8], "little")


def key(s):
    w = word(s) | 0x2020202020202020
    return w ^ len(s)


def slot(k, mult):
    return ((k * mult) & MASK64) >> (64 - HASH_BITS)


def find_multiplier(names):
    keys = [key(s) for _, s in names]
    mult = 0x9E3779B97F4A7C15
    while len({slot(k, mult) for k in keys}) != len(keys):
        mult = (mult + 2) & MASK64
    return mult


def words(s):
    """The name as the runtime reads it: the first 8 octets, the last 8,
    and for names over 16 the middle 8 (octets 8-15)."""
    b = s.encode()
    if len(b) <= 8:
        return [b]
    w = [b[:8], b[-8:]]
    if len(b) > 16:
        w.append(b[8:16])
    return w


def fold(chunk):
    return sum((0x20 if chr(c).isalpha() else 0) << (8 * i) for i, c in enumerate(chunk))


def main():
    names = names_from_header(sys.argv[1] if len(sys.argv) > 1 else "include/sipfront/sip.h")
    mult = find_multiplier(names)
    print(f"#define HEADER_HASH_MULT 0x{mult:016x}ull")
    print("static const struct header_entry header_table[1 << HEADER_HASH_BITS] = {")
    for name, s in sorted(names, key=lambda n: slot(key(n[1]), mult)):
        ws = words(s)
        wv = ", ".join(f"0x{int.from_bytes(w, 'little'):x}ull" for w in ws)
        fv = ", ".join(f"0x{fold(w):x}ull" for w in ws)
        print(f"        [{slot(key(s), mult)}] = {{{{{wv}}}, {{{fv}}}, {len(s)}, SF_SIP_HDR_{name}}}, /* {s} */")
    print("};")


if __name__ == "__main__":
    main()
