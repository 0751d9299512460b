#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
#
# The traffic of the pcap-in/pcap-out test and of the embedded default demo:
# SIP and non-SIP frames a front end meets (ARP, ping, ND, fragments, bad
# checksums, garbage on 5060, traffic for others), built deterministically.
#
#   scenario.py --write-public IN.pcap [--write-core IN2.pcap]
#
# Addresses: sipfront owns 198.18.0.1/24 and 2001:2::1/64 on "public"
# (MAC 02:00:00:00:00:01) and 198.19.0.1/24 on "core" (VLAN 100); the peer
# is 198.18.0.2 / 2001:2::2, the gateways .254 / 2001:2::fe.
"""Deterministic input frames for sipfront's pcap test and demo."""

import argparse
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sfpkt as P  # noqa: E402

SF_MAC = "02:00:00:00:00:01"
SF_CORE_MAC = "02:00:00:00:00:11"
PEER_MAC = "02:00:00:00:00:02"
GW_MAC = "02:00:00:00:00:fe"
OTHER_MAC = "02:00:00:00:00:99"
SF_IP, PEER_IP, GW_IP = "198.18.0.1", "198.18.0.2", "198.18.0.254"
SF_IP6, PEER_IP6, GW_IP6 = "2001:2::1", "2001:2::2", "2001:2::fe"
CORE_IP, CORE_PEER_IP = "198.19.0.1", "198.19.0.2"
CORE_PEER_MAC = "02:00:00:00:00:12"


def sip(method, call_id, extra="", body="", via=None, to_tag="", cseq=1, mf="70", host=SF_IP,
        peer=PEER_IP, rport=True):
    via = via or "SIP/2.0/UDP %s:5060;branch=z9hG4bK-%s%s" % (peer, call_id,
                                                           ";rport" if rport else "")
    lines = [
        "%s sip:%s SIP/2.0" % (method, host),
        "Via: " + via,
    ]
    if mf is not None:
        lines.append("Max-Forwards: " + mf)
    lines += [
        "From: <sip:alice@%s>;tag=f-%s" % (peer, call_id),
        "To: <sip:bob@%s>%s" % (host, to_tag),
        "Call-ID: %s@%s" % (call_id, peer),
        "CSeq: %d %s" % (cseq, method),
    ]
    if extra:
        lines += extra.rstrip("\r\n").split("\r\n")
    lines.append("Content-Length: %d" % len(body))
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


SDP = ("v=0\r\no=alice 1 1 IN IP4 198.18.0.2\r\ns=-\r\nc=IN IP4 198.18.0.2\r\nt=0 0\r\n"
       "m=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")

RESPONSE = ("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 198.18.0.1:5060;branch=z9hG4bK-x\r\n"
            "From: <sip:a@198.18.0.1>;tag=1\r\nTo: <sip:b@198.18.0.2>;tag=2\r\n"
            "Call-ID: resp@198.18.0.2\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").encode()


def u4(payload, sport=5060, dport=5060, **kw):
    """An Ethernet/IPv4/UDP frame from the peer to sipfront."""
    ip_kw = {k: kw.pop(k) for k in list(kw) if k in ("bad_ip_csum", "total_len")}
    seg = P.udp(PEER_IP, SF_IP, sport, dport, payload, **kw)
    ip = P.ipv4(PEER_IP, SF_IP, 17, seg, bad_csum=ip_kw.get("bad_ip_csum", False),
                total_len=ip_kw.get("total_len"))
    return P.eth(SF_MAC, PEER_MAC, 0x0800, ip)


def u6(payload, **kw):
    seg = P.udp(PEER_IP6, SF_IP6, 5060, 5060, payload, v6=True, **kw)
    return P.eth(SF_MAC, PEER_MAC, 0x86DD, P.ipv6(PEER_IP6, SF_IP6, 17, seg))


def public_frames():
    """(name, frame) in capture order; names are what the test checks."""
    f = []
    add = lambda name, fr: f.append((name, fr))  # noqa: E731
    # Neighbours: the gateway answers our probes (the probes go out first).
    add("gw_arp_reply", P.eth(SF_MAC, GW_MAC, 0x0806,
                              P.arp(2, GW_MAC, GW_IP, SF_MAC, SF_IP)))
    sn, _ = P.solicited_node(SF_IP6)
    add("gw_na", P.eth(SF_MAC, GW_MAC, 0x86DD,
                       P.ipv6(GW_IP6, SF_IP6, 58, P.nd_na(GW_IP6, SF_IP6, GW_IP6, GW_MAC), 255)))
    # ARP, ping, ND for us; ARP for someone else.
    add("arp_request", P.eth(P.BCAST, PEER_MAC, 0x0806,
                             P.arp(1, PEER_MAC, PEER_IP, "00:00:00:00:00:00", SF_IP)))
    add("arp_other", P.eth(P.BCAST, PEER_MAC, 0x0806,
                           P.arp(1, PEER_MAC, PEER_IP, "00:00:00:00:00:00", "198.18.0.77")))
    add("ping", P.eth(SF_MAC, PEER_MAC, 0x0800,
                      P.ipv4(PEER_IP, SF_IP, 1, P.icmp_echo(7, 1, b"sipfront-ping" * 4))))
    add("ping_bad_csum", P.eth(SF_MAC, PEER_MAC, 0x0800,
                               P.ipv4(PEER_IP, SF_IP, 1,
                                      P.icmp_echo(7, 2, b"x" * 32, bad_csum=True))))
    add("ns", P.eth(sn_mac(), PEER_MAC, 0x86DD,
                    P.ipv6(PEER_IP6, sn, 58, P.nd_ns(PEER_IP6, sn, SF_IP6, PEER_MAC), 255)))
    add("ping6", P.eth(SF_MAC, PEER_MAC, 0x86DD,
                       P.ipv6(PEER_IP6, SF_IP6, 58,
                              P.icmp6(PEER_IP6, SF_IP6, 128, 0, b"\0\x07\0\x01" + b"p6" * 10))))
    # SIP that gets an answer.
    add("options", u4(sip("OPTIONS", "opt-1")))
    add("invite", u4(sip("INVITE", "inv-1", "Contact: <sip:alice@198.18.0.2>\r\n"
                         "Content-Type: application/sdp", SDP)))
    add("register", u4(sip("REGISTER", "reg-1", "Contact: <sip:alice@198.18.0.2>\r\n"
                           "Expires: 3600", rport=False)))
    add("bad_max_forwards", u4(sip("OPTIONS", "bad-mf", "Max-Forwards: abc", mf=None)))
    add("options_v6", u6(sip("OPTIONS", "opt-v6", host="[2001:2::1]", peer="[2001:2::2]")))
    # SIP that is counted and dropped.
    add("ack", u4(sip("ACK", "inv-1", to_tag=";tag=x")))
    add("response", u4(RESPONSE))
    add("missing_from", u4(b"OPTIONS sip:198.18.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 198.18.0.2"
                           b";branch=z9hG4bK-nf\r\nTo: <sip:b@198.18.0.1>\r\nCall-ID: nf\r\n"
                           b"CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"))
    add("garbage", u4(b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03garbage on 5060"))
    add("keepalive", u4(b"\r\n\r\n"))
    # Broken below SIP.
    add("udp_bad_csum", u4(sip("OPTIONS", "badsum"), bad_csum=True))
    add("ip_bad_csum", u4(sip("OPTIONS", "badip"), bad_ip_csum=True))
    add("udp_other_port", u4(b"hello", dport=9999))
    add("udp_bad_length", u4(sip("OPTIONS", "badlen"), length=40))
    add("ipv4_truncated", u4(sip("OPTIONS", "trunc"), total_len=1400))
    add("udp6_zero_csum", u6(sip("OPTIONS", "zero6"), zero_csum=True))
    add("tcp_5060", P.eth(SF_MAC, PEER_MAC, 0x0800,
                          P.ipv4(PEER_IP, SF_IP, 6, b"\x13\xc4\x13\xc4" + b"\0" * 16)))
    add("not_our_ip", P.eth(SF_MAC, PEER_MAC, 0x0800,
                            P.ipv4(PEER_IP, "198.18.0.77", 17,
                                   P.udp(PEER_IP, "198.18.0.77", 5060, 5060, b"x"))))
    add("not_our_mac", P.eth(OTHER_MAC, PEER_MAC, 0x0800,
                             P.ipv4(PEER_IP, SF_IP, 17, P.udp(PEER_IP, SF_IP, 5060, 5060, b"x"))))
    add("vlan_tagged", P.eth(SF_MAC, PEER_MAC, 0x0800,
                             P.ipv4(PEER_IP, SF_IP, 17, P.udp(PEER_IP, SF_IP, 5060, 5060, b"x")),
                             vlan=42))
    add("runt", bytes.fromhex("0200000000010200"))
    # Fragments: a padded OPTIONS in 3 fragments, a 40-Via OPTIONS whose
    # answer is larger than the MTU, an IPv6 one, and overlapping garbage.
    pad = "X-Pad: " + "p" * 3000
    l4 = P.udp(PEER_IP, SF_IP, 5060, 5060, sip("OPTIONS", "frag-1", pad))
    for i, fr in enumerate(P.ipv4_fragments(PEER_IP, SF_IP, 17, l4, 1480, ident=101)):
        add("frag_options_%d" % i, P.eth(SF_MAC, PEER_MAC, 0x0800, fr))
    vias = "\r\n".join("Via: SIP/2.0/UDP proxy%02d.example.net:5060;branch=z9hG4bK-hop%02d-"
                       "0123456789abcdef" % (i, i) for i in range(40))
    l4 = P.udp(PEER_IP, SF_IP, 5060, 5060, sip("OPTIONS", "bigvia", vias))
    for i, fr in enumerate(P.ipv4_fragments(PEER_IP, SF_IP, 17, l4, 1480, ident=102)):
        add("frag_bigvia_%d" % i, P.eth(SF_MAC, PEER_MAC, 0x0800, fr))
    l4 = P.udp(PEER_IP6, SF_IP6, 5060, 5060,
               sip("OPTIONS", "frag-v6", pad, host="[2001:2::1]", peer="[2001:2::2]"), v6=True)
    for i, fr in enumerate(P.ipv6_fragments(PEER_IP6, SF_IP6, 17, l4, 1232)):
        add("frag6_options_%d" % i, P.eth(SF_MAC, PEER_MAC, 0x86DD, fr))
    vias6 = vias.replace("proxy", "proxy6-")
    l4 = P.udp(PEER_IP6, SF_IP6, 5060, 5060,
               sip("OPTIONS", "bigvia-v6", vias6, host="[2001:2::1]", peer="[2001:2::2]"), v6=True)
    for i, fr in enumerate(P.ipv6_fragments(PEER_IP6, SF_IP6, 17, l4, 1232, ident=0x4321)):
        add("frag6_bigvia_%d" % i, P.eth(SF_MAC, PEER_MAC, 0x86DD, fr))
    # Overlap: the second fragment starts inside the first.
    l4 = P.udp(PEER_IP, SF_IP, 5060, 5060, sip("OPTIONS", "overlap", pad))
    add("frag_overlap_0", P.eth(SF_MAC, PEER_MAC, 0x0800,
                                P.ipv4(PEER_IP, SF_IP, 17, l4[:1480], ident=103, mf=True)))
    add("frag_overlap_1", P.eth(SF_MAC, PEER_MAC, 0x0800,
                                P.ipv4(PEER_IP, SF_IP, 17, l4[1000:2480], ident=103,
                                       frag_off=1000)))
    add("frag_bad_size", P.eth(SF_MAC, PEER_MAC, 0x0800,
                               P.ipv4(PEER_IP, SF_IP, 17, l4[:1001], ident=104, mf=True)))
    return f


def sn_mac():
    return P.solicited_node(SF_IP6)[1]


def core_frames():
    f = []
    seg = P.udp(CORE_PEER_IP, CORE_IP, 5060, 5060,
                sip("OPTIONS", "core-1", host=CORE_IP, peer=CORE_PEER_IP))
    f.append(("core_options_vlan100", P.eth(SF_CORE_MAC, CORE_PEER_MAC, 0x0800,
                                            P.ipv4(CORE_PEER_IP, CORE_IP, 17, seg), vlan=100)))
    f.append(("core_untagged", P.eth(SF_CORE_MAC, CORE_PEER_MAC, 0x0800,
                                     P.ipv4(CORE_PEER_IP, CORE_IP, 17, seg))))
    return f


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write-public", metavar="PCAP")
    ap.add_argument("--write-core", metavar="PCAP")
    ap.add_argument("--list", action="store_true", help="print the frame names")
    a = ap.parse_args()
    if a.write_public:
        P.write_pcap(a.write_public, [fr for _, fr in public_frames()])
    if a.write_core:
        P.write_pcap(a.write_core, [fr for _, fr in core_frames()])
    if a.list:
        for name, fr in public_frames() + core_frames():
            print("%-24s %5d octets" % (name, len(fr)))


if __name__ == "__main__":
    main()
