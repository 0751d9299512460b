/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * IPv6 (RFC 8200): header sanity, source sanity, ownership of the
 * destination (our unicast addresses, their solicited-node groups and
 * all-nodes, the last two for Neighbour Discovery only), and fragments.
 *
 * Only a Fragment header directly after the fixed header is decoded: that is
 * what DPDK's rte_ipv6_frag_reassemble_packet handles, and what senders of
 * fragmented UDP emit. Any other extension header is counted and dropped.
 */
#include <rte_ip.h>

#include "net_internal.h"

/* ff02::1 and ff02::1:ffXX:XXXX of one of ours. */
static bool
ipv6_our_group(const struct sf_iface *ifc, const uint8_t *a)
{
	static const uint8_t all_nodes[16] = {0xff, 0x02, [15] = 0x01};
	static const uint8_t sn_prefix[13] = {0xff, 0x02, [11] = 0x01, [12] = 0xff};

	if (memcmp(a, all_nodes, 16) == 0)
		return true;
	if (memcmp(a, sn_prefix, 13) != 0)
		return false;
	for (unsigned i = 0; i < ifc->n_ipv6; i++)
		if (memcmp(ifc->ipv6[i] + 13, a + 13, 3) == 0)
			return true;
	return false;
}

enum sf_class
sf_decode_ipv6(const uint8_t *frame, uint32_t len, const struct sf_iface *ifc, uint32_t csum,
               struct sf_pkt *pkt)
{
	static const uint8_t loopback[16] = {[15] = 1};
	uint32_t off = pkt->l2_len;
	const uint8_t *h = frame + off;
	const uint32_t hl = sizeof(struct rte_ipv6_hdr);

	if (len < off + hl)
		return sf_drop(pkt, SF_DROP_IPV6_TRUNCATED);
	if ((h[0] >> 4) != 6)
		return sf_drop(pkt, SF_DROP_IPV6_BAD_HEADER);
	uint32_t plen = ld16(h + 4);

	if (len < off + hl + plen)
		return sf_drop(pkt, SF_DROP_IPV6_TRUNCATED);
	if (h[8] == 0xff || memcmp(h + 8, loopback, 16) == 0)
		return sf_drop(pkt, SF_DROP_IPV6_BAD_SOURCE);
	bool group = h[24] == 0xff;

	if (group ? !ipv6_our_group(ifc, h + 24) : sf_iface_ipv6_index(ifc, h + 24) < 0)
		return sf_drop(pkt, SF_DROP_IPV6_NOT_FOR_US);

	pkt->ip_version = 6;
	pkt->proto = h[6];
	pkt->l3_len = (uint16_t)hl;
	pkt->l4_len = (uint16_t)plen;
	pkt->frame_len = (uint16_t)(off + hl + plen);
	memcpy(pkt->src, h + 8, 16);
	memcpy(pkt->dst, h + 24, 16);

	switch (pkt->proto) {
	case SF_IPPROTO_UDP:
		if (group)
			return sf_drop(pkt, SF_DROP_IPV6_NOT_FOR_US);
		return sf_decode_udp(frame, ifc, csum, pkt);
	case SF_IPPROTO_ICMPV6: return sf_decode_icmp6(frame, ifc, csum, pkt);
	case SF_IPPROTO_FRAGMENT: {
		if (group)
			return sf_drop(pkt, SF_DROP_IPV6_NOT_FOR_US);
		if (plen < 8)
			return sf_drop(pkt, SF_DROP_IPV6_TRUNCATED);
		const uint8_t *fh = h + hl;
		uint32_t frag_off = (uint32_t)(ld16(fh + 2) & 0xfff8);
		bool more = (fh[3] & 0x01) != 0;
		uint32_t data = plen - 8;

		if (frag_off + data > 65535 || (more && (data == 0 || data % 8)))
			return sf_drop(pkt, SF_DROP_FRAG_BAD);
		pkt->proto = fh[0];
		pkt->l3_len = (uint16_t)(hl + 8);
		pkt->l4_len = (uint16_t)data;
		return SF_CLASS_FRAG6;
	}
	case 0:   /* Hop-by-Hop */
	case 43:  /* Routing */
	case 50:  /* ESP */
	case 51:  /* AH */
	case 60:  /* Destination Options */
	case 135: /* Mobility */
	case 139: /* HIP */
	case 140: /* Shim6 */ return sf_drop(pkt, SF_DROP_IPV6_EXT_HEADER);
	default: return sf_drop(pkt, SF_DROP_IP_PROTO);
	}
}
