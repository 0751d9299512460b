#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
#
# Live test in a network namespace: sipfront owns 198.18.0.1 on a veth end
# that has no kernel address (net_af_packet), the peer namespace holds the
# other end with 198.18.0.2/24. The kernel of the peer must learn our MAC
# from sipfront's own ARP answer before anything else works; then ping gets
# sipfront's echo reply and sipsak's OPTIONS gets sipfront's 200 OK.
# Everything the test made is deleted at the end, also when it fails.
#
#   test_live.py BUILD/app/sipfront   (root; skipped with 77 otherwise)
"""sipfront live netns test with a real SIP client (sipsak)."""

import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sfdaemon  # noqa: E402

FAILS = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILS.append(what)


def run(*cmd, check_rc=True, timeout=30):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if check_rc and r.returncode != 0:
        raise RuntimeError("%s: %s%s" % (" ".join(cmd), r.stdout, r.stderr))
    return r


# A ping without iputils: a raw ICMP socket in the peer namespace.
PING = r"""
import os, socket, struct, sys, time
def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s & 0xffff) + (s >> 16)
    return ~(s + (s >> 16)) & 0xffff
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
s.settimeout(2)
got = 0
for seq in range(1, 3):
    body = struct.pack("!BBHHH", 8, 0, 0, 0x5f, seq) + b"sipfront-live-ping!!"
    body = body[:2] + struct.pack("!H", csum(body)) + body[4:]
    s.sendto(body, (sys.argv[1], 0))
    end = time.time() + 2
    while time.time() < end:
        try:
            pkt, addr = s.recvfrom(2048)
        except socket.timeout:
            break
        ihl = (pkt[0] & 15) * 4
        if addr[0] == sys.argv[1] and pkt[ihl] == 0 and pkt[ihl + 6:ihl + 8] == struct.pack("!H", seq):
            got += 1
            break
print("%d/2 echo replies" % got)
sys.exit(0 if got == 2 else 1)
"""


# A 4 KB OPTIONS (40 Vias) from a kernel UDP socket: the kernel fragments it,
# sipfront reassembles, answers with all the Vias and fragments the answer,
# the kernel reassembles it again.
BIG = r"""
import socket, sys
vias = "".join("Via: SIP/2.0/UDP hop%02d.example.net;branch=z9hG4bK-hop%02d-0123456789abcdef0123\r\n"
               % (i, i) for i in range(40))
msg = ("OPTIONS sip:198.18.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 198.18.0.2:5099;branch=z9hG4bK-big;rport\r\n"
       + vias + "From: <sip:big@198.18.0.2>;tag=b\r\nTo: <sip:198.18.0.1>\r\nCall-ID: big-1\r\n"
       "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").encode()
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("198.18.0.2", 5099))
s.settimeout(3)
s.sendto(msg, (sys.argv[1], 5060))
data, addr = s.recvfrom(65535)
lines = data.decode().split("\r\n")
print("%d octets: %s, %d Via" % (len(data), lines[0], sum(l.startswith("Via: ") for l in lines)))
sys.exit(0 if lines[0] == "SIP/2.0 200 OK" and sum(l.startswith("Via: ") for l in lines) == 41 else 1)
"""


def main():
    binary = sys.argv[1]
    if os.geteuid() != 0 or not all(shutil.which(t) for t in ("ip", "ethtool", "sipsak")):
        print("SKIP: needs root, iproute2, ethtool and sipsak")
        return 77
    pid = os.getpid()
    ns, vsf, vpeer = "sf-peer-%d" % pid, "sfv%da" % (pid % 100000), "sfv%db" % (pid % 100000)
    tmp = tempfile.mkdtemp(prefix="sf-live-")
    d = None
    try:
        run("ip", "netns", "add", ns)
        run("ip", "link", "add", vsf, "type", "veth", "peer", "name", vpeer)
        run("ip", "link", "set", vpeer, "netns", ns)
        # sipfront's end: up, no address, no IPv6 autoconf: the kernel
        # must neither answer for 198.18.0.1 nor talk on this link.
        run("sysctl", "-q", "-w", "net.ipv6.conf.%s.disable_ipv6=1" % vsf)
        run("ip", "link", "set", vsf, "up")
        run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up")
        run("ip", "netns", "exec", ns, "ip", "addr", "add", "198.18.0.2/24", "dev", vpeer)
        run("ip", "netns", "exec", ns, "ip", "link", "set", vpeer, "up")
        # veth would send partial UDP checksums (tx offload) and hand over a
        # large datagram as one GSO packet instead of IP fragments: off.
        run("ip", "netns", "exec", ns, "ethtool", "-K", vpeer, "tx", "off", "sg", "off",
            "gso", "off", "tso", "off")
        with open(tmp + "/live.ini", "w") as f:
            # net_af_packet's socket reassembles fragments itself
            # (PACKET_FANOUT_FLAG_DEFRAG): frames and mbufs for 16 KB.
            f.write("[sipfront]\nidle_sleep_us = 200\nmempool_size = 2047\n"
                    "mbuf_size = 16384\n"
                    "[port veth]\ndevice = net_af_packet_%d,iface=%s,blocksz=16384,"
                    "framesz=16384,framecnt=64\nipv4 = 198.18.0.1/24\n" % (pid, vsf))
        d = sfdaemon.Daemon(binary, tmp + "/live.ini", "sf-live-%d" % pid)
        d.start()

        r = run("ip", "netns", "exec", ns, sys.executable, "-c", PING, "198.18.0.1",
                check_rc=False)
        check(r.returncode == 0, "ping 198.18.0.1 from the peer namespace is answered (%s)"
              % (r.stdout + r.stderr).strip())
        r = run("ip", "netns", "exec", ns, "ip", "neigh", "show", "198.18.0.1", check_rc=False)
        mac = open("/sys/class/net/%s/address" % vsf).read().strip()
        check(mac in r.stdout, "the peer learned sipfront's MAC from its ARP reply (%s)"
              % r.stdout.strip())
        r = run("ip", "netns", "exec", ns, "timeout", "10", "sipsak", "-vv", "-s",
                "sip:probe@198.18.0.1", check_rc=False, timeout=20)
        print(r.stdout.strip())
        check(r.returncode == 0 and "200 OK" in r.stdout,
              "sipsak OPTIONS gets sipfront's 200 OK (rc %d)" % r.returncode)
        r = run("ip", "netns", "exec", ns, sys.executable, "-c", BIG, "198.18.0.1",
                check_rc=False)
        check(r.returncode == 0, "a fragmented 4 KB OPTIONS gets its fragmented 200 OK (%s)"
              % (r.stdout + r.stderr).strip())
        stats = d.query("/sipfront/stats")
        check(stats["frag_tx"] >= 2, "telemetry: the answer left in fragments")
        check(stats["arp_replies_sent"] >= 1 and stats["icmp_echo_replies"] >= 2
              and stats["sip_replies"] >= 1, "telemetry: ARP, ICMP and SIP answers counted")
        drops = d.query("/sipfront/drops")
        check(drops["udp_bad_checksum"] == 0, "no UDP checksum failures (tx offload is off)")
        code, counters, output = d.stop()
        check(code == 0, "exit code 0")
        check("mbufs: 2047/2047 back in pool" in output, "every mbuf back in the pool")
        if FAILS:
            print(output)
    finally:
        if d is not None:
            d.kill()
        run("ip", "netns", "del", ns, check_rc=False)
        run("ip", "link", "del", vsf, check_rc=False)
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (0 if FAILS else 1, 1 if FAILS else 0))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
