/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Every reason the data plane drops a packet, as one X-macro list: each line
 * gives the enum value, the counter and telemetry key (its lower-case name)
 * and the text an operator reads. The decoders in lib/net, the proxy stage in
 * lib/proxy and the worker in app/sipfront all return or count these, so a
 * new reason is one line here and shows up everywhere.
 */
#ifndef SIPFRONT_DROP_H
#define SIPFRONT_DROP_H

#ifdef __cplusplus
extern "C" {
#endif

#define SF_DROP_LIST(X)                                                                            \
	X(NONE, "none", "not dropped")                                                             \
	X(ETH_TRUNCATED, "eth_truncated", "frame shorter than its Ethernet/802.1Q header")         \
	X(ETH_NOT_FOR_US, "eth_not_for_us", "destination MAC not ours, broadcast or multicast")    \
	X(ETH_MULTISEG, "eth_multiseg", "received frame spans several mbufs")                      \
	X(VLAN_MISMATCH, "vlan_mismatch", "802.1Q tag missing, unexpected or of another VLAN")     \
	X(VLAN_QINQ, "vlan_qinq", "stacked VLAN tags (QinQ) are not decoded")                      \
	X(ETHERTYPE, "ethertype", "EtherType other than ARP, IPv4 or IPv6")                        \
	X(ARP_MALFORMED, "arp_malformed", "ARP not Ethernet/IPv4, truncated or bad opcode")        \
	X(ARP_NOT_FOR_US, "arp_not_for_us", "ARP for an address sipfront does not own")            \
	X(IPV4_TRUNCATED, "ipv4_truncated", "IPv4 header or total length beyond the frame")        \
	X(IPV4_BAD_HEADER, "ipv4_bad_header", "IPv4 version, header length or total length bad")   \
	X(IPV4_BAD_CHECKSUM, "ipv4_bad_checksum", "IPv4 header checksum wrong")                    \
	X(IPV4_BAD_SOURCE, "ipv4_bad_source", "IPv4 source unspecified, loopback or multicast")    \
	X(IPV4_NOT_FOR_US, "ipv4_not_for_us", "IPv4 destination not owned by sipfront")            \
	X(IPV6_TRUNCATED, "ipv6_truncated", "IPv6 header or payload length beyond the frame")      \
	X(IPV6_BAD_HEADER, "ipv6_bad_header", "IPv6 version or payload length bad")                \
	X(IPV6_BAD_SOURCE, "ipv6_bad_source", "IPv6 source multicast or loopback")                 \
	X(IPV6_NOT_FOR_US, "ipv6_not_for_us", "IPv6 destination not owned by sipfront")            \
	X(IPV6_EXT_HEADER, "ipv6_ext_header", "IPv6 extension header other than one Fragment")     \
	X(IP_PROTO, "ip_proto", "IP protocol other than UDP, ICMP or ICMPv6")                      \
	X(FRAG_BAD, "frag_bad", "fragment malformed: size not a multiple of 8 or beyond 64 KiB")   \
	X(FRAG_DISCARDED, "frag_discarded",                                                        \
	  "fragments freed unassembled: timeout, overlap, too many or table full")                 \
	X(FRAG_NOT_UDP, "frag_not_udp", "reassembled datagram is not UDP (not answered)")          \
	X(UDP_TRUNCATED, "udp_truncated", "UDP header beyond the IP payload")                      \
	X(UDP_BAD_LENGTH, "udp_bad_length", "UDP length differs from the IP payload length")       \
	X(UDP_BAD_CHECKSUM, "udp_bad_checksum", "UDP checksum wrong")                              \
	X(UDP_ZERO_CHECKSUM, "udp_zero_checksum", "IPv6 UDP without a checksum (RFC 8200 8.1)")    \
	X(UDP_BAD_PORT, "udp_bad_port", "UDP source port 0: nowhere to answer")                    \
	X(UDP_PORT_CLOSED, "udp_port_closed", "UDP to a port that is not a SIP port")              \
	X(ICMP_TRUNCATED, "icmp_truncated", "ICMP or ICMPv6 message shorter than its header")      \
	X(ICMP_BAD_CHECKSUM, "icmp_bad_checksum", "ICMP or ICMPv6 checksum wrong")                 \
	X(ICMP_TYPE, "icmp_type", "ICMP type other than echo request (never answered)")            \
	X(ND_MALFORMED, "nd_malformed", "Neighbour Discovery with bad hop limit, code or options") \
	X(ND_NOT_FOR_US, "nd_not_for_us", "Neighbour Solicitation for another address, or DAD")    \
	X(SIP_NOT_SIP, "sip_not_sip", "datagram on a SIP port that is not SIP")                    \
	X(SIP_KEEPALIVE, "sip_keepalive", "CRLF keep-alive: nothing to answer over UDP")           \
	X(SIP_RESPONSE, "sip_response", "SIP response: no forwarding stage to relay it yet")       \
	X(SIP_ACK, "sip_ack", "ACK: never answered")                                               \
	X(SIP_SILENT, "sip_silent", "malformed message the parser says to drop silently")          \
	X(SIP_UNANSWERABLE, "sip_unanswerable",                                                    \
	  "malformed request lacking the Via/From/To/Call-ID/CSeq a response copies")              \
	X(REPLY_TOO_LARGE, "reply_too_large", "local response larger than a UDP datagram")         \
	X(MBUF_ALLOC, "mbuf_alloc", "no mbuf left for a reply or a fragment")                      \
	X(FRAG_TX, "frag_tx", "fragmenting an outgoing datagram failed")                           \
	X(TX_FULL, "tx_full", "TX queue full: packet not sent")                                    \
	X(NEIGH_FULL, "neigh_full", "neighbour table or pending queue full")                       \
	X(NEIGH_TIMEOUT, "neigh_timeout", "next hop did not answer ARP/ND in time")                \
	X(NO_ROUTE, "no_route", "no port reaches the destination")

enum sf_drop {
#define SF_DROP_ENUM(name, key, text) SF_DROP_##name,
	SF_DROP_LIST(SF_DROP_ENUM)
#undef SF_DROP_ENUM
	        SF_DROP_COUNT
};

/* The counter / telemetry key ("udp_bad_checksum") and the operator's text. */
const char *sf_drop_key(enum sf_drop reason);
const char *sf_drop_text(enum sf_drop reason);

#ifdef __cplusplus
}
#endif

#endif /* SIPFRONT_DROP_H */
