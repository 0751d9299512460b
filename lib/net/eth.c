/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Ethernet and 802.1Q: the entry point of the decoders (sf_decode_frame) and
 * the L2 header of the packets sipfront originates. A port either is
 * untagged (vlan 0; priority-tagged frames with VID 0 are accepted too) or
 * lives on one VLAN; stacked tags are counted and dropped, not decoded.
 */
#include "net_internal.h"

enum sf_class
sf_decode_frame(const uint8_t *frame, uint32_t len, const struct sf_iface *ifc, uint32_t csum,
                struct sf_pkt *pkt)
{
	uint32_t off = RTE_ETHER_HDR_LEN;
	uint16_t type;

	pkt->drop = SF_DROP_NONE;
	pkt->ip_version = 0;
	pkt->n_vlans = 0;
	pkt->payload_off = 0;
	pkt->payload_len = 0;
	if (len < RTE_ETHER_HDR_LEN)
		return sf_drop(pkt, SF_DROP_ETH_TRUNCATED);
	/* Unicast must be ours; group addresses are judged by L3. */
	if (!(frame[0] & 0x01) && memcmp(frame, &ifc->mac, RTE_ETHER_ADDR_LEN) != 0)
		return sf_drop(pkt, SF_DROP_ETH_NOT_FOR_US);
	type = ld16(frame + 12);
	if (type == SF_ETHERTYPE_VLAN || type == SF_ETHERTYPE_QINQ) {
		if (len < RTE_ETHER_HDR_LEN + 4)
			return sf_drop(pkt, SF_DROP_ETH_TRUNCATED);
		uint16_t vid = ld16(frame + 14) & 0x0fff;

		type = ld16(frame + 16);
		off += 4;
		pkt->n_vlans = 1;
		if (type == SF_ETHERTYPE_VLAN || type == SF_ETHERTYPE_QINQ)
			return sf_drop(pkt, SF_DROP_VLAN_QINQ);
		if (vid != ifc->vlan)
			return sf_drop(pkt, SF_DROP_VLAN_MISMATCH);
	} else if (ifc->vlan != 0) {
		return sf_drop(pkt, SF_DROP_VLAN_MISMATCH);
	}
	pkt->l2_len = (uint16_t)off;
	switch (type) {
	case SF_ETHERTYPE_ARP: return sf_decode_arp(frame, len, ifc, pkt);
	case SF_ETHERTYPE_IPV4: return sf_decode_ipv4(frame, len, ifc, csum, pkt);
	case SF_ETHERTYPE_IPV6: return sf_decode_ipv6(frame, len, ifc, csum, pkt);
	default: return sf_drop(pkt, SF_DROP_ETHERTYPE);
	}
}

uint16_t
sf_eth_hdr_len(const struct sf_iface *ifc)
{
	return ifc->vlan != 0 ? RTE_ETHER_HDR_LEN + 4 : RTE_ETHER_HDR_LEN;
}

uint16_t
sf_eth_write(uint8_t *buf, const struct sf_iface *ifc, const struct rte_ether_addr *dst,
             uint16_t ethertype)
{
	memcpy(buf, dst, RTE_ETHER_ADDR_LEN);
	memcpy(buf + 6, &ifc->mac, RTE_ETHER_ADDR_LEN);
	if (ifc->vlan != 0) {
		st16(buf + 12, SF_ETHERTYPE_VLAN);
		st16(buf + 14, ifc->vlan);
		st16(buf + 16, ethertype);
		return RTE_ETHER_HDR_LEN + 4;
	}
	st16(buf + 12, ethertype);
	return RTE_ETHER_HDR_LEN;
}
