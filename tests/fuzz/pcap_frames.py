#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Writes every frame of a classic pcap file as one file of a seed corpus.

    pcap_frames.py CAPTURE.pcap OUT_DIR
"""
import os
import struct
import sys


def frames(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        sys.exit(f"{path}: not a classic pcap file")
    pos = 24
    while pos + 16 <= len(data):
        incl = struct.unpack_from(endian + "I", data, pos + 8)[0]
        yield data[pos + 16:pos + 16 + incl]
        pos += 16 + incl


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    os.makedirs(sys.argv[2], exist_ok=True)
    n = 0
    for n, frame in enumerate(frames(sys.argv[1]), 1):
        with open(os.path.join(sys.argv[2], f"frame{n:04d}"), "wb") as out:
            out.write(frame)
    print(f"pcap_frames: {n} seeds in {sys.argv[2]}")


if __name__ == "__main__":
    main()
