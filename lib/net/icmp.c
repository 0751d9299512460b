/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * ICMP (RFC 792) and ICMPv6 (RFC 4443): sipfront answers echo requests to
 * its own unicast addresses, in place, and hands Neighbour Discovery to nd.c.
 * Every other type is counted and dropped: an edge box does not act on
 * redirects or unreachables from the Internet.
 */
#include <rte_icmp.h>
#include <rte_ip.h>

#include "net_internal.h"

enum sf_class
sf_decode_icmp4(const uint8_t *frame, uint32_t csum, struct sf_pkt *pkt)
{
	const uint8_t *i = frame + pkt->l2_len + pkt->l3_len;

	(void)csum; /* NICs do not check ICMP */
	if (pkt->l4_len < sizeof(struct rte_icmp_hdr))
		return sf_drop(pkt, SF_DROP_ICMP_TRUNCATED);
	if (rte_raw_cksum(i, pkt->l4_len) != 0xffff)
		return sf_drop(pkt, SF_DROP_ICMP_BAD_CHECKSUM);
	if (i[0] != RTE_IP_ICMP_ECHO_REQUEST || i[1] != 0)
		return sf_drop(pkt, SF_DROP_ICMP_TYPE);
	return SF_CLASS_ICMP4_ECHO;
}

enum sf_class
sf_decode_icmp6(const uint8_t *frame, const struct sf_iface *ifc, uint32_t csum, struct sf_pkt *pkt)
{
	const uint8_t *l3 = frame + pkt->l2_len;
	const uint8_t *i = l3 + pkt->l3_len;

	(void)csum;
	if (pkt->l4_len < 8)
		return sf_drop(pkt, SF_DROP_ICMP_TRUNCATED);
	if (rte_ipv6_udptcp_cksum_verify((const struct rte_ipv6_hdr *)l3, i) != 0)
		return sf_drop(pkt, SF_DROP_ICMP_BAD_CHECKSUM);
	switch (i[0]) {
	case SF_ICMP6_ECHO_REQUEST:
		if (pkt->dst[0] == 0xff)
			return sf_drop(pkt, SF_DROP_IPV6_NOT_FOR_US);
		return i[1] == 0 ? SF_CLASS_ICMP6_ECHO : sf_drop(pkt, SF_DROP_ICMP_TYPE);
	case SF_ND_SOLICIT:
	case SF_ND_ADVERT: {
		struct rte_ether_addr mac;
		bool found;

		/* RFC 4861 §7.1: hop limit 255 proves the sender is on-link. */
		if (l3[7] != 255 || i[1] != 0 || pkt->l4_len < 24 ||
		    !sf_nd_options(i + 24, pkt->l4_len - 24u, 0, &mac, &found))
			return sf_drop(pkt, SF_DROP_ND_MALFORMED);
		if (i[8] == 0xff)
			return sf_drop(pkt, SF_DROP_ND_MALFORMED); /* multicast target */
		if (i[0] == SF_ND_SOLICIT) {
			if (sf_iface_ipv6_index(ifc, i + 8) < 0)
				return sf_drop(pkt, SF_DROP_ND_NOT_FOR_US);
			/* DAD probes come from :: to the solicited-node group. */
			if (ipv6_is_unspecified(pkt->src) && pkt->dst[0] != 0xff)
				return sf_drop(pkt, SF_DROP_ND_MALFORMED);
		}
		return SF_CLASS_ND;
	}
	default: return sf_drop(pkt, SF_DROP_ICMP_TYPE);
	}
}

uint16_t
sf_icmp4_echo_reply(uint8_t *frame, const struct sf_pkt *pkt, const struct sf_iface *ifc,
                    uint8_t ttl)
{
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(frame + pkt->l2_len);
	uint8_t *i = frame + pkt->l2_len + pkt->l3_len;

	memcpy(frame, frame + RTE_ETHER_ADDR_LEN, RTE_ETHER_ADDR_LEN);
	memcpy(frame + RTE_ETHER_ADDR_LEN, &ifc->mac, RTE_ETHER_ADDR_LEN);
	memcpy(&ip->dst_addr, pkt->src, 4);
	memcpy(&ip->src_addr, pkt->dst, 4);
	ip->time_to_live = ttl;
	ip->hdr_checksum = 0;
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	i[0] = RTE_IP_ICMP_ECHO_REPLY;
	st16(i + 2, 0);
	uint16_t c = (uint16_t)~rte_raw_cksum(i, pkt->l4_len);

	memcpy(i + 2, &c, 2);
	return pkt->frame_len;
}

uint16_t
sf_icmp6_echo_reply(uint8_t *frame, const struct sf_pkt *pkt, const struct sf_iface *ifc,
                    uint8_t hop_limit)
{
	uint8_t *l3 = frame + pkt->l2_len;
	uint8_t *i = l3 + pkt->l3_len;

	memcpy(frame, frame + RTE_ETHER_ADDR_LEN, RTE_ETHER_ADDR_LEN);
	memcpy(frame + RTE_ETHER_ADDR_LEN, &ifc->mac, RTE_ETHER_ADDR_LEN);
	memcpy(l3 + 8, pkt->dst, 16);
	memcpy(l3 + 24, pkt->src, 16);
	l3[7] = hop_limit;
	i[0] = SF_ICMP6_ECHO_REPLY;
	st16(i + 2, 0);
	uint16_t c = rte_ipv6_udptcp_cksum((const struct rte_ipv6_hdr *)l3, i);

	memcpy(i + 2, &c, 2);
	return pkt->frame_len;
}
