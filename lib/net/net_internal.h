/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Helpers shared by the lib/net decoders and builders: unaligned big-endian
 * loads and stores (a frame's IP header sits at offset 14 or 18, so nothing
 * after Ethernet is naturally aligned) and the one-line drop verdict.
 */
#ifndef SIPFRONT_NET_INTERNAL_H
#define SIPFRONT_NET_INTERNAL_H

#include <string.h>

#include <sipfront/net.h>

#define SF_ETHERTYPE_ARP  0x0806
#define SF_ETHERTYPE_IPV4 0x0800
#define SF_ETHERTYPE_IPV6 0x86dd
#define SF_ETHERTYPE_VLAN 0x8100
#define SF_ETHERTYPE_QINQ 0x88a8

#define SF_IPPROTO_ICMP     1
#define SF_IPPROTO_UDP      17
#define SF_IPPROTO_FRAGMENT 44
#define SF_IPPROTO_ICMPV6   58

#define SF_ICMP6_ECHO_REQUEST 128
#define SF_ICMP6_ECHO_REPLY   129
#define SF_ND_SOLICIT         135
#define SF_ND_ADVERT          136
#define SF_ND_OPT_SLLA        1
#define SF_ND_OPT_TLLA        2

static inline uint16_t
ld16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline void
st16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline rte_be32_t
ld32_be(const uint8_t *p)
{
	rte_be32_t v;

	memcpy(&v, p, 4);
	return v;
}

static inline enum sf_class
sf_drop(struct sf_pkt *pkt, enum sf_drop reason)
{
	pkt->drop = (uint8_t)reason;
	return SF_CLASS_DROP;
}

static inline bool
ipv6_is_unspecified(const uint8_t a[16])
{
	static const uint8_t zero[16];

	return memcmp(a, zero, 16) == 0;
}

/* Folds a 32-bit one's-complement accumulator to 16 bits. */
static inline uint16_t
csum_fold(uint32_t sum)
{
	sum = (sum >> 16) + (sum & 0xffff);
	sum = (sum >> 16) + (sum & 0xffff);
	return (uint16_t)sum;
}

/* Walks ND options from off to end; false when one is malformed (RFC 4861
 * §4.6: a zero length is invalid). Returns the MAC of the first option of
 * type want, if any, in *mac. */
bool sf_nd_options(const uint8_t *opt, uint32_t len, uint8_t want, struct rte_ether_addr *mac,
                   bool *found);

#endif /* SIPFRONT_NET_INTERNAL_H */
