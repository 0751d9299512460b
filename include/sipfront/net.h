/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * sipfront L2-L4: decoders and the packets sipfront answers itself.
 *
 * The decoders take one frame as (pointer, length) and return a class with a
 * decoded view, or SF_CLASS_DROP with the reason; they never read outside the
 * frame and never allocate, so the same code runs on mbuf data in a worker,
 * on a flat copy of a reassembled datagram, in unit tests and under a fuzzer.
 * "For us" is decided against a struct sf_iface: the MAC, VLAN, addresses and
 * SIP ports that one port owns.
 *
 * The builders rewrite a received frame into its answer in place (ARP reply,
 * ICMP/ICMPv6 echo reply, Neighbour Advertisement) or write the headers of a
 * packet sipfront originates, with correct checksums (DPDK's rte_ip helpers).
 */
#ifndef SIPFRONT_NET_H
#define SIPFRONT_NET_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_byteorder.h>
#include <rte_ether.h>

#include <sipfront/drop.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SF_MAX_ADDRS     8 /* per family and port (IPv6: + the derived link-local) */
#define SF_MAX_SIP_PORTS 8

/* What one port owns. Read-only once the port is up. */
struct sf_iface {
	struct rte_ether_addr mac;
	uint16_t vlan; /* 0: untagged (or priority-tagged) frames only */
	uint16_t mtu;  /* IP MTU: larger datagrams we send are fragmented */
	uint8_t n_ipv4;
	uint8_t n_ipv6;
	uint8_t n_sip_ports;
	rte_be32_t ipv4[SF_MAX_ADDRS];
	uint8_t ipv4_plen[SF_MAX_ADDRS];
	uint8_t ipv6[SF_MAX_ADDRS + 1][16];
	uint8_t ipv6_plen[SF_MAX_ADDRS + 1];
	uint16_t sip_ports[SF_MAX_SIP_PORTS]; /* host order */
};

/* What a frame is, for the worker's per-class batches. */
enum sf_class {
	SF_CLASS_DROP = 0,   /* pkt->drop says why */
	SF_CLASS_ARP,        /* ARP request or reply for one of our IPv4 addresses */
	SF_CLASS_ICMP4_ECHO, /* echo request to one of our IPv4 addresses */
	SF_CLASS_ICMP6_ECHO, /* echo request to one of our IPv6 addresses */
	SF_CLASS_ND,         /* Neighbour Solicitation / Advertisement for us */
	SF_CLASS_FRAG4,      /* IPv4 fragment for us: to reassembly */
	SF_CLASS_FRAG6,      /* IPv6 fragment for us: to reassembly */
	SF_CLASS_SIP,        /* UDP datagram to a SIP port: payload to the SIP path */
	SF_CLASS_COUNT
};

/* Checksum knowledge from the NIC (mbuf ol_flags), to skip software checks. */
#define SF_CSUM_IP_GOOD (1u << 0)
#define SF_CSUM_IP_BAD  (1u << 1)
#define SF_CSUM_L4_GOOD (1u << 2)
#define SF_CSUM_L4_BAD  (1u << 3)

/* The decoded view; offsets are from the start of the frame. */
struct sf_pkt {
	uint8_t drop;       /* enum sf_drop, when the class is SF_CLASS_DROP */
	uint8_t ip_version; /* 4 or 6; 0 for ARP */
	uint8_t proto;      /* IPPROTO_UDP, _ICMP, _ICMPV6, after the Fragment header */
	uint8_t n_vlans;
	uint16_t l2_len;      /* Ethernet + 802.1Q */
	uint16_t l3_len;      /* IPv4 header with options; IPv6 40 (+ 8 with a Fragment header) */
	uint16_t l4_len;      /* from the L4 header to the end of the IP payload */
	uint16_t frame_len;   /* the frame cut to the IP datagram (Ethernet padding dropped) */
	uint16_t payload_off; /* UDP payload */
	uint16_t payload_len;
	uint16_t sport, dport; /* host order */
	uint8_t src[16];       /* IPv4: first 4 octets, network order */
	uint8_t dst[16];
};

/* Decodes Ethernet / 802.1Q / ARP / IPv4 / IPv6 / UDP / ICMP / ICMPv6 / ND.
 * csum: SF_CSUM_* flags from the NIC (0: verify everything in software). */
enum sf_class sf_decode_frame(const uint8_t *frame, uint32_t len, const struct sf_iface *ifc,
                              uint32_t csum, struct sf_pkt *pkt);

/* The layers, as sf_decode_frame chains them; off is where the layer starts. */
enum sf_class sf_decode_arp(const uint8_t *frame, uint32_t len, const struct sf_iface *ifc,
                            struct sf_pkt *pkt);
enum sf_class sf_decode_ipv4(const uint8_t *frame, uint32_t len, const struct sf_iface *ifc,
                             uint32_t csum, struct sf_pkt *pkt);
enum sf_class sf_decode_ipv6(const uint8_t *frame, uint32_t len, const struct sf_iface *ifc,
                             uint32_t csum, struct sf_pkt *pkt);
enum sf_class sf_decode_udp(const uint8_t *frame, const struct sf_iface *ifc, uint32_t csum,
                            struct sf_pkt *pkt);
enum sf_class sf_decode_icmp4(const uint8_t *frame, uint32_t csum, struct sf_pkt *pkt);
enum sf_class sf_decode_icmp6(const uint8_t *frame, const struct sf_iface *ifc, uint32_t csum,
                              struct sf_pkt *pkt);

/* Address ownership; the index of the address, or -1. */
int sf_iface_ipv4_index(const struct sf_iface *ifc, rte_be32_t addr);
int sf_iface_ipv6_index(const struct sf_iface *ifc, const uint8_t addr[16]);
/* The address of ours to send from toward dst (same prefix first), or the first. */
rte_be32_t sf_iface_ipv4_source(const struct sf_iface *ifc, rte_be32_t dst);
const uint8_t *sf_iface_ipv6_source(const struct sf_iface *ifc, const uint8_t dst[16]);
bool sf_ipv4_in_prefix(rte_be32_t addr, rte_be32_t net, uint8_t plen);
bool sf_ipv6_in_prefix(const uint8_t addr[16], const uint8_t net[16], uint8_t plen);
/* fe80::/64 with the modified EUI-64 of mac (RFC 4291 appendix A). */
void sf_ipv6_link_local(const struct rte_ether_addr *mac, uint8_t out[16]);
/* ff02::1:ffXX:XXXX of addr and its 33:33:ff:XX:XX:XX MAC. */
void sf_ipv6_solicited_node(const uint8_t addr[16], uint8_t out[16], struct rte_ether_addr *mac);

/* Size of the headers sf_eth_write writes (14, or 18 with the port's VLAN). */
uint16_t sf_eth_hdr_len(const struct sf_iface *ifc);
/* Ethernet (+ 802.1Q when the port has a VLAN) from us to dst. */
uint16_t sf_eth_write(uint8_t *buf, const struct sf_iface *ifc, const struct rte_ether_addr *dst,
                      uint16_t ethertype);

/* In-place answers: frame holds the request as decoded into pkt; the new
 * frame length is returned (0: nothing to send). The L2 header is mirrored
 * (VLAN tags kept), so the answer leaves the way the request came in. */
uint16_t sf_arp_reply(uint8_t *frame, const struct sf_pkt *pkt, const struct sf_iface *ifc);
uint16_t sf_icmp4_echo_reply(uint8_t *frame, const struct sf_pkt *pkt, const struct sf_iface *ifc,
                             uint8_t ttl);
uint16_t sf_icmp6_echo_reply(uint8_t *frame, const struct sf_pkt *pkt, const struct sf_iface *ifc,
                             uint8_t hop_limit);
/* NS -> NA; the buffer needs room for pkt->l2_len + 40 + 32 octets. */
uint16_t sf_nd_advert(uint8_t *frame, const struct sf_pkt *pkt, const struct sf_iface *ifc);

/* What a received ARP or NS/NA tells about a neighbour: its address and MAC.
 * Returns false when the packet teaches nothing (e.g. NA without a TLLA). */
bool sf_arp_sender(const uint8_t *frame, const struct sf_pkt *pkt, rte_be32_t *ip,
                   struct rte_ether_addr *mac, bool *is_request);
bool sf_nd_neighbour(const uint8_t *frame, const struct sf_pkt *pkt, uint8_t ip[16],
                     struct rte_ether_addr *mac, bool *is_solicit);

/* Probes we originate: room for 18 + 28 (ARP) or 18 + 40 + 32 (NS) octets. */
uint16_t sf_arp_request(uint8_t *buf, const struct sf_iface *ifc, rte_be32_t target);
uint16_t sf_nd_solicit(uint8_t *buf, const struct sf_iface *ifc, const uint8_t target[16]);

/* Headers of a UDP answer to the request in req_frame: L2 mirrored, L3 and
 * L4 addresses swapped, lengths for payload_len octets. Returns the header
 * length (L2 + L3 + 8); checksums are left to sf_udp_finish. */
uint16_t sf_udp_reply_headers(uint8_t *out, const uint8_t *req_frame, const struct sf_pkt *req,
                              const struct sf_iface *ifc, uint32_t payload_len, uint8_t ttl,
                              uint16_t ip_id);
/* IPv4 header checksum and the UDP checksum, over a payload that may live
 * apart from the headers (l3 points at the IP header, the UDP header after it). */
void sf_udp_finish(uint8_t *l3, uint8_t ip_version, const uint8_t *payload, uint32_t len);

#ifdef __cplusplus
}
#endif

#endif /* SIPFRONT_NET_H */
