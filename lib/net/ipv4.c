/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * IPv4 (RFC 791): header sanity, the header checksum (unless the NIC has
 * checked it), source sanity (nothing to answer to 0/8, 127/8, 224/3),
 * ownership of the destination, and fragments handed to reassembly after the
 * checks that DPDK's rte_ip_frag does not do (8-octet multiples, 64 KiB).
 */
#include <rte_ip.h>

#include "net_internal.h"

enum sf_class
sf_decode_ipv4(const uint8_t *frame, uint32_t len, const struct sf_iface *ifc, uint32_t csum,
               struct sf_pkt *pkt)
{
	uint32_t off = pkt->l2_len;
	const uint8_t *h = frame + off;

	if (len < off + sizeof(struct rte_ipv4_hdr))
		return sf_drop(pkt, SF_DROP_IPV4_TRUNCATED);
	uint32_t ihl = (uint32_t)(h[0] & 0x0f) * 4;

	if ((h[0] >> 4) != 4 || ihl < sizeof(struct rte_ipv4_hdr))
		return sf_drop(pkt, SF_DROP_IPV4_BAD_HEADER);
	if (len < off + ihl)
		return sf_drop(pkt, SF_DROP_IPV4_TRUNCATED);
	uint32_t total = ld16(h + 2);

	if (total < ihl)
		return sf_drop(pkt, SF_DROP_IPV4_BAD_HEADER);
	if (len < off + total)
		return sf_drop(pkt, SF_DROP_IPV4_TRUNCATED);
	if ((csum & SF_CSUM_IP_BAD) ||
	    (!(csum & SF_CSUM_IP_GOOD) && rte_ipv4_cksum((const struct rte_ipv4_hdr *)h) != 0))
		return sf_drop(pkt, SF_DROP_IPV4_BAD_CHECKSUM);
	/* 0/8 (this network), 127/8 (loopback), 224/4 and 240/4 (multicast,
	 * reserved, broadcast): no answer can go back to these. */
	if (h[12] == 0 || h[12] == 127 || h[12] >= 224)
		return sf_drop(pkt, SF_DROP_IPV4_BAD_SOURCE);
	if (sf_iface_ipv4_index(ifc, ld32_be(h + 16)) < 0)
		return sf_drop(pkt, SF_DROP_IPV4_NOT_FOR_US);

	pkt->ip_version = 4;
	pkt->proto = h[9];
	pkt->l3_len = (uint16_t)ihl;
	pkt->l4_len = (uint16_t)(total - ihl);
	pkt->frame_len = (uint16_t)(off + total);
	memcpy(pkt->src, h + 12, 4);
	memcpy(pkt->dst, h + 16, 4);

	uint16_t frag = ld16(h + 6);
	uint32_t frag_off = (uint32_t)(frag & RTE_IPV4_HDR_OFFSET_MASK) * 8;
	bool more = (frag & RTE_IPV4_HDR_MF_FLAG) != 0;

	if (more || frag_off != 0) {
		if (frag_off + total > 65535 || (more && (pkt->l4_len == 0 || pkt->l4_len % 8)))
			return sf_drop(pkt, SF_DROP_FRAG_BAD);
		return SF_CLASS_FRAG4;
	}
	switch (pkt->proto) {
	case SF_IPPROTO_UDP: return sf_decode_udp(frame, ifc, csum, pkt);
	case SF_IPPROTO_ICMP: return sf_decode_icmp4(frame, csum, pkt);
	default: return sf_drop(pkt, SF_DROP_IP_PROTO);
	}
}
