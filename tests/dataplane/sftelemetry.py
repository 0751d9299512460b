#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
#
# A DPDK telemetry v2 client, like DPDK's usertools/dpdk-telemetry.py (which
# Debian's dpdk package does not ship): connects to
# /var/run/dpdk/<file-prefix>/dpdk_telemetry.v2 and prints the JSON answer.
#
#   sftelemetry.py -f sf-demo /sipfront/stats
#   sftelemetry.py -f sf-demo /             # list every command
"""Query a running sipfront (any DPDK app) over its telemetry socket."""

import argparse
import json
import os
import socket
import sys


def socket_path(prefix, runtime_dir="/var/run/dpdk"):
    return os.path.join(runtime_dir, prefix, "dpdk_telemetry.v2")


class Telemetry:
    def __init__(self, prefix):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.sock.settimeout(5)
        self.sock.connect(socket_path(prefix))
        info = json.loads(self.sock.recv(16384).decode())
        self.max_len = info.get("max_output_len", 16384)

    def query(self, cmd):
        self.sock.send(cmd.encode())
        reply = json.loads(self.sock.recv(self.max_len).decode())
        return reply.get(cmd.split(",")[0], reply)

    def close(self):
        self.sock.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-f", "--file-prefix", default="rte", help="EAL --file-prefix of the app")
    ap.add_argument("commands", nargs="*", default=["/"], help="e.g. /sipfront/stats")
    a = ap.parse_args()
    try:
        t = Telemetry(a.file_prefix)
    except OSError as e:
        sys.exit("cannot connect to %s: %s" % (socket_path(a.file_prefix), e))
    for cmd in a.commands:
        print(json.dumps({cmd: t.query(cmd)}, indent=2))
    t.close()


if __name__ == "__main__":
    main()
