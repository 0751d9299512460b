/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * IPv6 Neighbour Discovery (RFC 4861), the part an address owner needs:
 * answer Neighbour Solicitations for our addresses (and defend them against
 * duplicate address detection), solicit our next hops, and learn link-layer
 * addresses from what neighbours tell us.
 */
#include <rte_ip.h>

#include "net_internal.h"

#define ND_LEN 32 /* NS/NA with one link-layer address option */

bool
sf_nd_options(const uint8_t *opt, uint32_t len, uint8_t want, struct rte_ether_addr *mac,
              bool *found)
{
	*found = false;
	while (len > 0) {
		if (len < 2 || opt[1] == 0 || (uint32_t)opt[1] * 8 > len)
			return false;
		uint32_t olen = (uint32_t)opt[1] * 8;

		if (want != 0 && opt[0] == want && !*found && olen >= 8) {
			memcpy(mac, opt + 2, RTE_ETHER_ADDR_LEN);
			*found = true;
		}
		opt += olen;
		len -= olen;
	}
	return true;
}

bool
sf_nd_neighbour(const uint8_t *frame, const struct sf_pkt *pkt, uint8_t ip[16],
                struct rte_ether_addr *mac, bool *is_solicit)
{
	const uint8_t *i = frame + pkt->l2_len + pkt->l3_len;
	bool found;

	*is_solicit = i[0] == SF_ND_SOLICIT;
	if (*is_solicit) {
		if (ipv6_is_unspecified(pkt->src))
			return false;
		memcpy(ip, pkt->src, 16);
	} else {
		memcpy(ip, i + 8, 16);
	}
	if (!sf_nd_options(i + 24, pkt->l4_len - 24u, *is_solicit ? SF_ND_OPT_SLLA : SF_ND_OPT_TLLA,
	                   mac, &found) ||
	    !found)
		return false;
	return !(mac->addr_bytes[0] & 0x01);
}

/* The ICMPv6 part of an NS or NA with one link-layer option, checksummed. */
static void
nd_write(uint8_t *l3, uint8_t type, uint8_t flags, const uint8_t target[16], uint8_t opt_type,
         const struct rte_ether_addr *mac)
{
	uint8_t *i = l3 + sizeof(struct rte_ipv6_hdr);

	i[0] = type;
	i[1] = 0;
	st16(i + 2, 0);
	i[4] = flags;
	i[5] = i[6] = i[7] = 0;
	memcpy(i + 8, target, 16);
	i[24] = opt_type;
	i[25] = 1;
	memcpy(i + 26, mac, RTE_ETHER_ADDR_LEN);
	uint16_t c = rte_ipv6_udptcp_cksum((const struct rte_ipv6_hdr *)l3, i);

	memcpy(i + 2, &c, 2);
}

static void
ipv6_write(uint8_t *l3, const uint8_t src[16], const uint8_t dst[16], uint16_t plen)
{
	l3[0] = 0x60;
	l3[1] = l3[2] = l3[3] = 0;
	st16(l3 + 4, plen);
	l3[6] = SF_IPPROTO_ICMPV6;
	l3[7] = 255;
	memcpy(l3 + 8, src, 16);
	memcpy(l3 + 24, dst, 16);
}

uint16_t
sf_nd_advert(uint8_t *frame, const struct sf_pkt *pkt, const struct sf_iface *ifc)
{
	static const uint8_t all_nodes[16] = {0xff, 0x02, [15] = 0x01};
	static const struct rte_ether_addr all_nodes_mac = {{0x33, 0x33, 0, 0, 0, 0x01}};
	uint8_t *l3 = frame + pkt->l2_len;
	const uint8_t *i = l3 + pkt->l3_len;
	uint8_t target[16], dst[16];
	struct rte_ether_addr dst_mac, slla;
	bool dad = ipv6_is_unspecified(pkt->src), found = false;

	if (i[0] != SF_ND_SOLICIT)
		return 0;
	memcpy(target, i + 8, 16);
	sf_nd_options(i + 24, pkt->l4_len - 24u, SF_ND_OPT_SLLA, &slla, &found);
	if (dad) {
		/* RFC 4861 §7.2.4: defend the address to all-nodes, S clear. */
		memcpy(dst, all_nodes, 16);
		dst_mac = all_nodes_mac;
	} else {
		memcpy(dst, pkt->src, 16);
		if (found)
			dst_mac = slla;
		else
			memcpy(&dst_mac, frame + RTE_ETHER_ADDR_LEN, RTE_ETHER_ADDR_LEN);
	}
	memcpy(frame, &dst_mac, RTE_ETHER_ADDR_LEN);
	memcpy(frame + RTE_ETHER_ADDR_LEN, &ifc->mac, RTE_ETHER_ADDR_LEN);
	ipv6_write(l3, target, dst, ND_LEN);
	/* flags: Solicited (unless DAD), Override */
	nd_write(l3, SF_ND_ADVERT, (uint8_t)((dad ? 0 : 0x40) | 0x20), target, SF_ND_OPT_TLLA,
	         &ifc->mac);
	return (uint16_t)(pkt->l2_len + sizeof(struct rte_ipv6_hdr) + ND_LEN);
}

uint16_t
sf_nd_solicit(uint8_t *buf, const struct sf_iface *ifc, const uint8_t target[16])
{
	uint8_t group[16];
	struct rte_ether_addr group_mac;

	sf_ipv6_solicited_node(target, group, &group_mac);
	uint16_t l2 = sf_eth_write(buf, ifc, &group_mac, SF_ETHERTYPE_IPV6);
	uint8_t *l3 = buf + l2;

	ipv6_write(l3, sf_iface_ipv6_source(ifc, target), group, ND_LEN);
	nd_write(l3, SF_ND_SOLICIT, 0, target, SF_ND_OPT_SLLA, &ifc->mac);
	return (uint16_t)(l2 + sizeof(struct rte_ipv6_hdr) + ND_LEN);
}
