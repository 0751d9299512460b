#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
#
# pcap in -> pcap out through the real daemon (net_pcap): two ports, a
# public one (untagged, IPv4 + IPv6) and a core one (VLAN 100), fed with
# the frames of scenario.py. Asserts exactly what comes out of each port
# (count and content), the counters through telemetry (every /sipfront/
# command) and in the final printout, a clean exit 0 and every mbuf back.
#
#   test_pcap.py BUILD/app/sipfront   (meson test registers it)
"""sipfront pcap-in/pcap-out end-to-end test."""

import json
import os
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenario as S  # noqa: E402
import sfdaemon  # noqa: E402
import sfpkt as P  # noqa: E402

FAILS = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILS.append(what)


CONFIG = """
[sipfront]
mode = proxy
lcores = auto
mempool_size = 4095
log_level = info
idle_sleep_us = 200

[sip]
ports = 5060, 5080
to_tag = sftest

[port public]
device = net_pcap_{tag}0,rx_pcap={d}/public-in.pcap,tx_pcap={d}/public-out.pcap
mac = {sf_mac}
ipv4 = 198.18.0.1/24
ipv6 = 2001:2::1/64
gateway4 = 198.18.0.254
gateway6 = 2001:2::fe

[port core]
device = net_pcap_{tag}1,rx_pcap={d}/core-in.pcap,tx_pcap={d}/core-out.pcap
mac = {core_mac}
ipv4 = 198.19.0.1/24
vlan = 100
"""

# Every drop reason the scenario provokes, exactly.
EXPECTED_DROPS = {
    "eth_truncated": 1, "eth_not_for_us": 1, "vlan_mismatch": 2, "arp_not_for_us": 1,
    "ipv4_truncated": 1, "ipv4_bad_checksum": 1, "ipv4_not_for_us": 1, "ip_proto": 1,
    "frag_bad": 1, "frag_discarded": 2, "udp_bad_length": 1, "udp_bad_checksum": 1,
    "udp_zero_checksum": 1, "udp_port_closed": 1, "icmp_bad_checksum": 1,
    "sip_not_sip": 1, "sip_keepalive": 1, "sip_response": 1, "sip_ack": 1,
    "sip_unanswerable": 1,
}


def sip_lines(payload):
    return payload.decode().split("\r\n")


def reassemble(frames):
    """IPv4 fragments of one datagram (sorted by offset) -> UDP payload."""
    data = b"".join(f.ip_payload for f in sorted(frames, key=lambda f: f.frag_off))
    return data[8:]


def check_public(out):
    frames = [P.Frame(r) for r in out]
    kinds = {}
    for f in frames:
        kinds.setdefault(f.kind, []).append(f)
    check(len(frames) == 19, "public: 19 frames out (got %d)" % len(frames))
    check(all(f.src == S.SF_MAC for f in frames), "public: all sent from our MAC")
    check(all(f.ip_ok for f in frames if f.etype in (0x0800, 0x86DD)),
          "public: every IPv4 header checksum valid")

    arps = kinds.get("arp", [])
    probe = [a for a in arps if a.arp_op == 1]
    reply = [a for a in arps if a.arp_op == 2]
    check(len(probe) == 1 and probe[0].arp_tpa == S.GW_IP and probe[0].dst == P.BCAST
          and probe[0].arp_spa == S.SF_IP, "ARP: one request for the gateway, broadcast")
    check(frames[0].kind == "arp" and frames[0].arp_op == 1,
          "ARP: the gateway probe goes out before anything else")
    check(len(reply) == 1 and reply[0].dst == S.PEER_MAC and reply[0].arp_spa == S.SF_IP
          and reply[0].arp_tpa == S.PEER_IP and reply[0].arp_sha == S.SF_MAC,
          "ARP: one reply, 198.18.0.1 is-at our MAC, to the asker")

    icmp = kinds.get("icmp", [])
    check(len(icmp) == 1 and icmp[0].icmp_type == 0 and icmp[0].l4_ok
          and icmp[0].dst_ip == S.PEER_IP and icmp[0].src_ip == S.SF_IP,
          "ICMP: one echo reply with a valid checksum (the bad-checksum ping unanswered)")
    icmp6 = kinds.get("icmp6", [])
    by_type = {}
    for f in icmp6:
        by_type.setdefault(f.icmp_type, []).append(f)
    check(len(by_type.get(129, [])) == 1 and by_type[129][0].l4_ok,
          "ICMPv6: one echo reply with a valid checksum")
    na = by_type.get(136, [])
    check(len(na) == 1 and na[0].l4_ok and na[0].dst_ip == S.PEER_IP6
          and na[0].src_ip == S.SF_IP6 and na[0].hlim == 255 and na[0].dst == S.PEER_MAC,
          "ND: one Neighbour Advertisement for 2001:2::1 to the soliciting peer")
    ns = by_type.get(135, [])
    sn, sn_mac = P.solicited_node(S.GW_IP6)
    check(len(ns) == 1 and ns[0].dst_ip == sn and ns[0].dst == sn_mac and ns[0].l4_ok,
          "ND: one Neighbour Solicitation for the IPv6 gateway")
    check(len(icmp6) == 3, "ICMPv6: nothing else")

    udp = kinds.get("udp", [])
    check(all(f.l4_ok for f in udp), "SIP: every UDP checksum valid")
    check(all(f.sport == 5060 and f.dport == 5060 for f in udp), "SIP: 5060 -> 5060")
    replies = {}
    for f in udp:
        call_id = [ln for ln in sip_lines(f.payload) if ln.startswith("Call-ID: ")][0][9:]
        replies[call_id.split("@")[0]] = f
    expect = {"opt-1": 200, "inv-1": 501, "reg-1": 501, "bad-mf": 400, "opt-v6": 200,
              "frag-1": 200, "frag-v6": 200}  # bigvia and bigvia-v6 go out fragmented
    check(sorted(replies) == sorted(expect), "SIP: answers to exactly %s (got %s)"
          % (sorted(expect), sorted(replies)))
    for cid, status in expect.items():
        f = replies.get(cid)
        check(f is not None and f.sip_status() == status, "SIP: %s -> %d" % (cid, status))
    opt = replies.get("opt-1")
    if opt:
        lines = sip_lines(opt.payload)
        check(lines[0] == "SIP/2.0 200 OK", "200: status line")
        check(lines[1] == "Via: SIP/2.0/UDP 198.18.0.2:5060;branch=z9hG4bK-opt-1;"
              "received=198.18.0.2;rport=5060", "200: top Via with received and rport")
        check("To: <sip:bob@198.18.0.1>;tag=sftest" in lines, "200: To tag added")
        check("From: <sip:alice@198.18.0.2>;tag=f-opt-1" in lines, "200: From copied")
        check("CSeq: 1 OPTIONS" in lines and "Allow: OPTIONS" in lines
              and "Accept: application/sdp" in lines, "200: CSeq, Allow, Accept")
        check(lines[-3:] == ["Content-Length: 0", "", ""], "200: Content-Length 0, then end")
    reg = replies.get("reg-1")
    if reg:
        check(sip_lines(reg.payload)[1] == "Via: SIP/2.0/UDP 198.18.0.2:5060;"
              "branch=z9hG4bK-reg-1", "501: Via unchanged when sent-by is the source, no rport")
    bad = replies.get("bad-mf")
    if bad:
        check('Warning: 399 sipfront "malformed Max-Forwards: expected a number 0-255"'
              in sip_lines(bad.payload), "400: Warning carries the parser's reason")
    v6 = replies.get("opt-v6")
    if v6:
        check(v6.dst_ip == S.PEER_IP6 and "received=2001:2::2;rport=5060"
              in sip_lines(v6.payload)[1], "200 over IPv6, received= without brackets")

    frags4 = [f for f in kinds.get("fragment", []) if f.etype == 0x0800]
    frags6 = [f for f in kinds.get("fragment", []) if f.etype == 0x86DD]
    check(len(frags4) == 3 and len({f.ident for f in frags4}) == 1,
          "fragmented answer: 3 IPv4 fragments of one datagram")
    check(len(frags6) == 3, "fragmented IPv6 answer: 3 fragments (got %d)" % len(frags6))
    if frags6:
        parts = []
        for f in frags6:
            off = ((f.ip_payload[2] << 8) | f.ip_payload[3]) & 0xFFF8
            ident = int.from_bytes(f.ip_payload[4:8], "big")
            parts.append((off, ident, f.ip_payload[8:]))
        parts.sort()
        body = b"".join(p[2] for p in parts)[8:]
        lines = sip_lines(body)
        check(len({p[1] for p in parts}) == 1 and parts[0][1] != 0,
              "fragmented IPv6 answer: one non-zero identification")
        check(lines[0] == "SIP/2.0 200 OK" and
              sum(1 for ln in lines if ln.startswith("Via: ")) == 41
              and all(len(f.raw) <= 1514 for f in frags6),
              "fragmented IPv6 answer: a 200 OK with all 41 Vias, within the MTU")
    frags = frags4
    if frags:
        body = reassemble(frags)
        lines = sip_lines(body)
        check(lines[0] == "SIP/2.0 200 OK" and
              sum(1 for ln in lines if ln.startswith("Via: ")) == 41,
              "fragmented answer: a 200 OK with all 41 Vias, in order")
        check(all(len(f.raw) <= 1514 for f in frags), "fragments fit the 1500 MTU")


def check_core(out):
    frames = [P.Frame(r) for r in out]
    check(len(frames) == 1, "core: one frame out (got %d)" % len(frames))
    if frames:
        f = frames[0]
        check(f.vlan == 100 and f.kind == "udp" and f.sip_status() == 200 and f.l4_ok
              and f.src_ip == S.CORE_IP and f.dst_ip == S.CORE_PEER_IP
              and f.src == S.SF_CORE_MAC and f.dst == S.CORE_PEER_MAC,
              "core: 200 OK back on VLAN 100")


def check_telemetry(d, n_in):
    stats = d.query("/sipfront/stats")
    check(stats["rx_pkts"] == n_in, "telemetry stats: rx_pkts %d" % stats["rx_pkts"])
    check(stats["sip_replies"] == 10 and stats["arp_replies_sent"] == 1
          and stats["icmp_echo_replies"] == 1 and stats["icmp6_echo_replies"] == 1
          and stats["nd_adverts_sent"] == 1 and stats["frag_reassembled"] == 4
          and stats["frag_tx"] == 6, "telemetry stats: answers and fragments")
    drops = d.query("/sipfront/drops")
    nonzero = {k: v for k, v in drops.items() if v}
    check(nonzero == EXPECTED_DROPS, "telemetry drops exactly as expected (diff %s)"
          % {k: (nonzero.get(k), EXPECTED_DROPS.get(k)) for k in set(nonzero) | set(
              EXPECTED_DROPS) if nonzero.get(k) != EXPECTED_DROPS.get(k)})
    sip = d.query("/sipfront/sip")
    check(sip["requests"]["OPTIONS"] == 9 and sip["requests"]["INVITE"] == 1
          and sip["requests"]["ACK"] == 1 and sip["requests"]["REGISTER"] == 1,
          "telemetry sip: requests by method")
    check(sip["responses"]["2xx"] == 1, "telemetry sip: one response received")
    check(sip["rejections"]["bad_max_forwards"] == 1 and sip["rejections"]["missing_from"] == 1
          and sip["rejections"]["not_sip"] == 1, "telemetry sip: rejections by reason")
    check(sip["replies"] == {"1xx": 0, "2xx": 7, "3xx": 0, "4xx": 1, "5xx": 2, "6xx": 0},
          "telemetry sip: replies by class")
    ports = d.query("/sipfront/ports")
    check(set(ports) == {"public", "core"} and ports["public"]["mac"] == S.SF_MAC
          and "198.18.0.1/24" in ports["public"]["ipv4"] and ports["core"]["vlan"] == 100,
          "telemetry ports")
    cfg = d.query("/sipfront/config")
    check(cfg["mode"] == "proxy" and cfg["sip_ports"] == "5060,5080"
          and cfg["ports"] == ["public", "core"], "telemetry config")
    neigh = d.query("/sipfront/neigh")
    neigh = {k: [e.lower() for e in v] for k, v in neigh.items()}
    check(any(e.startswith("198.18.0.254 %s reachable" % S.GW_MAC) for e in neigh["public"])
          and any(e.startswith("2001:2::fe %s reachable" % S.GW_MAC) for e in neigh["public"])
          and any(e.startswith("198.18.0.2 %s reachable" % S.PEER_MAC)
                  for e in neigh["public"]), "telemetry neigh: gateways and peer learned %s"
          % neigh)
    lcores = d.query("/sipfront/lcores")
    check(lcores["worker0"]["rx_pkts"] == n_in, "telemetry lcores")
    # The stock client (Debian dpdk-dev) reads the same answer.
    stock = subprocess.run(["dpdk-telemetry.py", "-f", d.prefix], input="/sipfront/sip\n",
                           capture_output=True, text=True, timeout=30)
    answer = [json.loads(line) for line in stock.stdout.splitlines() if line.startswith("{")]
    check(stock.returncode == 0 and answer and answer[-1].get("/sipfront/sip") == sip,
          "stock dpdk-telemetry.py reads /sipfront/sip (rc %d, %r)"
          % (stock.returncode, stock.stdout[-200:]))


def main():
    binary = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="sf-pcap-")
    tag = "t%d" % os.getpid()
    pub = S.public_frames()
    core = S.core_frames()
    P.write_pcap(tmp + "/public-in.pcap", [f for _, f in pub])
    P.write_pcap(tmp + "/core-in.pcap", [f for _, f in core])
    with open(tmp + "/sipfront.ini", "w") as f:
        f.write(CONFIG.format(d=tmp, tag=tag, sf_mac=S.SF_MAC, core_mac=S.SF_CORE_MAC))
    d = sfdaemon.Daemon(binary, tmp + "/sipfront.ini", "sf-pcap-%d" % os.getpid())
    n_in = len(pub) + len(core)
    try:
        d.start()
        check(d.wait_counter("rx_pkts", n_in), "all %d frames received" % n_in)
        check_telemetry(d, n_in)
        code, counters, output = d.stop()
        check(code == 0, "exit code 0 (got %s)" % code)
        check("mbufs: 4095/4095 back in pool" in output, "every mbuf back in the pool")
        check(counters.get("rx_pkts") == n_in and counters.get("sip_replies") == 10
              and counters.get("drop.sip_ack") == 1, "final statistics printed by name")
        check_public(P.read_pcap(tmp + "/public-out.pcap"))
        check_core(P.read_pcap(tmp + "/core-out.pcap"))
        if FAILS:
            print(output)
        d.kill()
        # parse-only: the same traffic parsed and counted, no SIP sent; the
        # periodic stats line is printed.
        d = sfdaemon.Daemon(binary, tmp + "/sipfront.ini", "sf-pcap-po-%d" % os.getpid(),
                            mode="parse-only", extra=["--stats-interval", "1"])
        d.start()
        check(d.wait_counter("rx_pkts", n_in), "parse-only: all frames received")
        sip = d.query("/sipfront/sip")
        check(sip["msgs"] == 15 and sip["parse_errors"] == 3 and sum(sip["replies"].values()) == 0,
              "parse-only: 15 SIP datagrams parsed, 3 rejected, nothing answered")
        check(d.query("/sipfront/config")["mode"] == "parse-only", "parse-only: mode in force")
        time.sleep(1.3)
        code, counters, output = d.stop()
        check(code == 0 and "mbufs: 4095/4095 back in pool" in output, "parse-only: clean exit")
        check("stats: rx " in output and "msgs/s, parse errors" in output,
              "parse-only: periodic stats line")
        out = [P.Frame(r) for r in P.read_pcap(tmp + "/public-out.pcap")]
        check(not any(f.kind in ("udp", "fragment") for f in out) and len(out) == 6,
              "parse-only: no SIP sent, ARP/ICMP/ND still answered (%d frames)" % len(out))
    finally:
        d.kill()
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)
    print("%d passed, %d failed" % (0 if FAILS else 1, 1 if FAILS else 0))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
