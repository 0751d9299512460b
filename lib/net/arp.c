/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * ARP (RFC 826) for the IPv4 addresses sipfront owns: the kernel never sees
 * these frames, so sipfront answers requests for its addresses itself and
 * learns neighbours from requests aimed at it and from replies to its probes.
 */
#include <rte_arp.h>

#include "net_internal.h"

#define ARP_LEN ((uint32_t)sizeof(struct rte_arp_hdr))

enum sf_class
sf_decode_arp(const uint8_t *frame, uint32_t len, const struct sf_iface *ifc, struct sf_pkt *pkt)
{
	const uint8_t *a = frame + pkt->l2_len;

	if (len < pkt->l2_len + ARP_LEN)
		return sf_drop(pkt, SF_DROP_ARP_MALFORMED);
	/* Ethernet/IPv4 only: htype 1, ptype 0x0800, hlen 6, plen 4. */
	if (ld16(a) != RTE_ARP_HRD_ETHER || ld16(a + 2) != SF_ETHERTYPE_IPV4 ||
	    a[4] != RTE_ETHER_ADDR_LEN || a[5] != 4)
		return sf_drop(pkt, SF_DROP_ARP_MALFORMED);
	uint16_t op = ld16(a + 6);

	if (op != RTE_ARP_OP_REQUEST && op != RTE_ARP_OP_REPLY)
		return sf_drop(pkt, SF_DROP_ARP_MALFORMED);
	/* A group sender MAC would make us answer to (or learn) a multicast. */
	if (a[8] & 0x01)
		return sf_drop(pkt, SF_DROP_ARP_MALFORMED);
	if (sf_iface_ipv4_index(ifc, ld32_be(a + 24)) < 0)
		return sf_drop(pkt, SF_DROP_ARP_NOT_FOR_US);
	memcpy(pkt->src, a + 14, 4);
	memcpy(pkt->dst, a + 24, 4);
	pkt->l3_len = (uint16_t)ARP_LEN;
	pkt->l4_len = 0;
	pkt->frame_len = (uint16_t)(pkt->l2_len + ARP_LEN);
	return SF_CLASS_ARP;
}

bool
sf_arp_sender(const uint8_t *frame, const struct sf_pkt *pkt, rte_be32_t *ip,
              struct rte_ether_addr *mac, bool *is_request)
{
	const uint8_t *a = frame + pkt->l2_len;

	*is_request = ld16(a + 6) == RTE_ARP_OP_REQUEST;
	*ip = ld32_be(a + 14);
	memcpy(mac, a + 8, RTE_ETHER_ADDR_LEN);
	/* An ARP probe (RFC 5227, sender 0.0.0.0) teaches nothing. */
	return *ip != 0;
}

uint16_t
sf_arp_reply(uint8_t *frame, const struct sf_pkt *pkt, const struct sf_iface *ifc)
{
	uint8_t *a = frame + pkt->l2_len;
	uint8_t sha[RTE_ETHER_ADDR_LEN], spa[4];

	if (ld16(a + 6) != RTE_ARP_OP_REQUEST)
		return 0;
	memcpy(sha, a + 8, sizeof(sha));
	memcpy(spa, a + 14, sizeof(spa));
	/* Ethernet: back to the asker, from us; VLAN tag kept in place. */
	memcpy(frame, sha, RTE_ETHER_ADDR_LEN);
	memcpy(frame + 6, &ifc->mac, RTE_ETHER_ADDR_LEN);
	st16(a + 6, RTE_ARP_OP_REPLY);
	memcpy(a + 14, a + 24, 4); /* our address, the one asked for */
	memcpy(a + 8, &ifc->mac, RTE_ETHER_ADDR_LEN);
	memcpy(a + 18, sha, RTE_ETHER_ADDR_LEN);
	memcpy(a + 24, spa, 4);
	return (uint16_t)(pkt->l2_len + ARP_LEN);
}

uint16_t
sf_arp_request(uint8_t *buf, const struct sf_iface *ifc, rte_be32_t target)
{
	static const struct rte_ether_addr bcast = {{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
	uint16_t l2 = sf_eth_write(buf, ifc, &bcast, SF_ETHERTYPE_ARP);
	uint8_t *a = buf + l2;
	rte_be32_t src = sf_iface_ipv4_source(ifc, target);

	st16(a, RTE_ARP_HRD_ETHER);
	st16(a + 2, SF_ETHERTYPE_IPV4);
	a[4] = RTE_ETHER_ADDR_LEN;
	a[5] = 4;
	st16(a + 6, RTE_ARP_OP_REQUEST);
	memcpy(a + 8, &ifc->mac, RTE_ETHER_ADDR_LEN);
	memcpy(a + 14, &src, 4);
	memset(a + 18, 0, RTE_ETHER_ADDR_LEN);
	memcpy(a + 24, &target, 4);
	return (uint16_t)(l2 + ARP_LEN);
}
