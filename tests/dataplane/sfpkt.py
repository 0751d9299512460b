# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
#
# Packet building and pcap reading/writing for the data plane tests, with
# the Python standard library only (no scapy on the build machines). Each
# builder returns bytes; checksums are computed unless told to break them.
"""Minimal Ethernet/ARP/IPv4/IPv6/UDP/ICMP packet builder and pcap I/O."""

import ipaddress
import struct

BCAST = "ff:ff:ff:ff:ff:ff"


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def ip4(s):
    return ipaddress.IPv4Address(s).packed


def ip6(s):
    return ipaddress.IPv6Address(s).packed


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def eth(dst, src, etype, payload, vlan=None):
    hdr = mac(dst) + mac(src)
    if vlan is not None:
        hdr += struct.pack("!HH", 0x8100, vlan)
    return hdr + struct.pack("!H", etype) + payload


def arp(op, sha, spa, tha, tpa):
    return struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + mac(sha) + ip4(spa) + mac(tha) + ip4(tpa)


def ipv4(src, dst, proto, payload, ident=1, ttl=64, frag_off=0, mf=False, bad_csum=False,
         total_len=None):
    tl = total_len if total_len is not None else 20 + len(payload)
    flags = (0x2000 if mf else 0) | (frag_off // 8)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, tl, ident, flags, ttl, proto, 0, ip4(src), ip4(dst))
    c = csum(hdr)
    if bad_csum:
        c ^= 0x5555
    return hdr[:10] + struct.pack("!H", c) + hdr[12:] + payload


def ipv6(src, dst, nh, payload, hlim=64):
    return struct.pack("!IHBB", 0x60000000, len(payload), nh, hlim) + ip6(src) + ip6(dst) + payload


def _pseudo4(src, dst, proto, length):
    return ip4(src) + ip4(dst) + struct.pack("!BBH", 0, proto, length)


def _pseudo6(src, dst, nh, length):
    return ip6(src) + ip6(dst) + struct.pack("!IxxxB", length, nh)


def udp(src, dst, sport, dport, payload, v6=False, bad_csum=False, zero_csum=False,
        length=None):
    ln = length if length is not None else 8 + len(payload)
    hdr = struct.pack("!HHHH", sport, dport, ln, 0)
    if zero_csum:
        return hdr + payload
    ph = _pseudo6(src, dst, 17, 8 + len(payload)) if v6 else _pseudo4(src, dst, 17, 8 + len(payload))
    c = csum(ph + hdr + payload) or 0xFFFF
    if bad_csum:
        c ^= 0x00FF
    return hdr[:6] + struct.pack("!H", c) + payload


def icmp_echo(ident, seq, data, bad_csum=False):
    body = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + data
    c = csum(body) ^ (0x1111 if bad_csum else 0)
    return body[:2] + struct.pack("!H", c) + body[4:]


def icmp6(src, dst, typ, code, body):
    msg = struct.pack("!BBH", typ, code, 0) + body
    c = csum(_pseudo6(src, dst, 58, len(msg)) + msg)
    return msg[:2] + struct.pack("!H", c) + msg[4:]


def nd_ns(src, dst, target, slla):
    body = b"\0\0\0\0" + ip6(target) + struct.pack("!BB", 1, 1) + mac(slla)
    return icmp6(src, dst, 135, 0, body)


def nd_na(src, dst, target, tlla, solicited=True):
    flags = (0x40 if solicited else 0) | 0x20
    body = struct.pack("!B3x", flags) + ip6(target) + struct.pack("!BB", 2, 1) + mac(tlla)
    return icmp6(src, dst, 136, 0, body)


def solicited_node(addr):
    a = ip6(addr)
    g = bytes([0xFF, 0x02] + [0] * 9 + [1, 0xFF]) + a[13:]
    return str(ipaddress.IPv6Address(g)), "33:33:ff:%02x:%02x:%02x" % (a[13], a[14], a[15])


def ipv4_fragments(src, dst, proto, l4, size, ident=77):
    """Splits an L4 datagram into IPv4 fragments of size octets (multiple of 8)."""
    out = []
    for off in range(0, len(l4), size):
        chunk = l4[off:off + size]
        out.append(ipv4(src, dst, proto, chunk, ident=ident, frag_off=off,
                        mf=off + size < len(l4)))
    return out


def ipv6_fragments(src, dst, nh, l4, size, ident=0x1234):
    out = []
    for off in range(0, len(l4), size):
        chunk = l4[off:off + size]
        m = 1 if off + size < len(l4) else 0
        fh = struct.pack("!BBHI", nh, 0, off | m, ident)
        out.append(ipv6(src, dst, 44, fh + chunk))
    return out


def write_pcap(path, frames):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000, i, len(fr), len(fr)) + fr)


def read_pcap(path):
    frames = []
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return frames
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    pos = 24
    while pos + 16 <= len(data):
        _, _, incl, _ = struct.unpack(endian + "IIII", data[pos:pos + 16])
        frames.append(data[pos + 16:pos + 16 + incl])
        pos += 16 + incl
    return frames


class Frame:
    """A decoded frame: enough fields to assert on what sipfront sent."""

    def __init__(self, raw):
        self.raw = raw
        self.dst = ":".join("%02x" % b for b in raw[0:6])
        self.src = ":".join("%02x" % b for b in raw[6:12])
        etype = struct.unpack("!H", raw[12:14])[0]
        off = 14
        self.vlan = None
        if etype == 0x8100:
            self.vlan = struct.unpack("!H", raw[14:16])[0] & 0xFFF
            etype = struct.unpack("!H", raw[16:18])[0]
            off = 18
        self.etype = etype
        self.l3 = raw[off:]
        self.kind = "other"
        self.payload = b""
        if etype == 0x0806:
            self.kind = "arp"
            self.arp_op = struct.unpack("!H", self.l3[6:8])[0]
            self.arp_sha = ":".join("%02x" % b for b in self.l3[8:14])
            self.arp_spa = str(ipaddress.IPv4Address(self.l3[14:18]))
            self.arp_tpa = str(ipaddress.IPv4Address(self.l3[24:28]))
        elif etype == 0x0800:
            ihl = (self.l3[0] & 0xF) * 4
            tl = struct.unpack("!H", self.l3[2:4])[0]
            self.ip_ok = csum(self.l3[:ihl]) == 0
            self.src_ip = str(ipaddress.IPv4Address(self.l3[12:16]))
            self.dst_ip = str(ipaddress.IPv4Address(self.l3[16:20]))
            self.proto = self.l3[9]
            fl = struct.unpack("!H", self.l3[6:8])[0]
            self.frag = bool(fl & 0x2000) or (fl & 0x1FFF) != 0
            self.frag_off = (fl & 0x1FFF) * 8
            self.ident = struct.unpack("!H", self.l3[4:6])[0]
            self.ip_payload = self.l3[ihl:tl]
            self._l4(4)
        elif etype == 0x86DD:
            self.src_ip = str(ipaddress.IPv6Address(self.l3[8:24]))
            self.dst_ip = str(ipaddress.IPv6Address(self.l3[24:40]))
            self.proto = self.l3[6]
            self.hlim = self.l3[7]
            plen = struct.unpack("!H", self.l3[4:6])[0]
            self.ip_payload = self.l3[40:40 + plen]
            self.frag = self.proto == 44
            self.ip_ok = True
            self._l4(6)

    def _l4(self, v):
        p = self.ip_payload
        if self.frag:
            self.kind = "fragment"
            return
        if self.proto == 17:
            self.kind = "udp"
            self.sport, self.dport, ln, c = struct.unpack("!HHHH", p[:8])
            if v == 4:
                ph = ip4(self.src_ip) + ip4(self.dst_ip) + struct.pack("!BBH", 0, 17, ln)
            else:
                ph = ip6(self.src_ip) + ip6(self.dst_ip) + struct.pack("!IxxxB", ln, 17)
            self.l4_ok = c != 0 and csum(ph + p[:ln]) == 0
            self.payload = p[8:ln]
        elif self.proto == 1:
            self.kind = "icmp"
            self.icmp_type = p[0]
            self.l4_ok = csum(p) == 0
        elif self.proto == 58:
            self.kind = "icmp6"
            self.icmp_type = p[0]
            ph = ip6(self.src_ip) + ip6(self.dst_ip) + struct.pack("!IxxxB", len(p), 58)
            self.l4_ok = csum(ph + p) == 0

    def sip_status(self):
        if not self.payload.startswith(b"SIP/2.0 "):
            return None
        return int(self.payload[8:11])

    def __repr__(self):
        return "<Frame %s %s>" % (self.kind, self.raw[:64].hex())
