/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * UDP (RFC 768): the length must match the IP payload exactly (a shorter
 * UDP length would leave octets no checksum covers), the checksum must
 * verify unless the NIC did it (IPv4 may omit it, IPv6 may not, RFC 8200
 * §8.1), and only the SIP ports get through; the rest is counted by reason.
 * Also the headers and checksums of the UDP answers sipfront sends.
 */
#include <rte_ip.h>
#include <rte_udp.h>

#include "net_internal.h"

enum sf_class
sf_decode_udp(const uint8_t *frame, const struct sf_iface *ifc, uint32_t csum, struct sf_pkt *pkt)
{
	const uint8_t *l3 = frame + pkt->l2_len;
	const uint8_t *u = l3 + pkt->l3_len;

	if (pkt->l4_len < sizeof(struct rte_udp_hdr))
		return sf_drop(pkt, SF_DROP_UDP_TRUNCATED);
	uint16_t ulen = ld16(u + 4);

	if (ulen != pkt->l4_len)
		return sf_drop(pkt, SF_DROP_UDP_BAD_LENGTH);
	uint16_t cksum = ld16(u + 6);

	if (pkt->ip_version == 6 && cksum == 0)
		return sf_drop(pkt, SF_DROP_UDP_ZERO_CHECKSUM);
	if (csum & SF_CSUM_L4_BAD)
		return sf_drop(pkt, SF_DROP_UDP_BAD_CHECKSUM);
	if (!(csum & SF_CSUM_L4_GOOD) && cksum != 0) {
		int bad =
		        pkt->ip_version == 4
		                ? rte_ipv4_udptcp_cksum_verify((const struct rte_ipv4_hdr *)l3, u)
		                : rte_ipv6_udptcp_cksum_verify((const struct rte_ipv6_hdr *)l3, u);

		if (bad)
			return sf_drop(pkt, SF_DROP_UDP_BAD_CHECKSUM);
	}
	pkt->sport = ld16(u);
	pkt->dport = ld16(u + 2);
	if (pkt->sport == 0)
		return sf_drop(pkt, SF_DROP_UDP_BAD_PORT);
	for (unsigned i = 0; i < ifc->n_sip_ports; i++) {
		if (ifc->sip_ports[i] == pkt->dport) {
			pkt->payload_off = (uint16_t)(pkt->l2_len + pkt->l3_len + 8);
			pkt->payload_len = (uint16_t)(ulen - 8);
			return SF_CLASS_SIP;
		}
	}
	return sf_drop(pkt, SF_DROP_UDP_PORT_CLOSED);
}

uint16_t
sf_udp_reply_headers(uint8_t *out, const uint8_t *req_frame, const struct sf_pkt *req,
                     const struct sf_iface *ifc, uint32_t payload_len, uint8_t ttl, uint16_t ip_id)
{
	const uint8_t *rl3 = req_frame + req->l2_len;
	uint16_t l2 = req->l2_len;
	uint8_t *l3 = out + l2;
	uint16_t l3_len;

	/* L2 mirrored (VLAN tag and EtherType kept), addresses swapped. */
	memcpy(out + RTE_ETHER_ADDR_LEN, &ifc->mac, RTE_ETHER_ADDR_LEN);
	memcpy(out, req_frame + RTE_ETHER_ADDR_LEN, RTE_ETHER_ADDR_LEN);
	memcpy(out + 2 * RTE_ETHER_ADDR_LEN, req_frame + 2 * RTE_ETHER_ADDR_LEN,
	       l2 - 2 * RTE_ETHER_ADDR_LEN);
	if (req->ip_version == 4) {
		l3_len = sizeof(struct rte_ipv4_hdr);
		l3[0] = 0x45;
		l3[1] = rl3[1]; /* DSCP/ECN of the request: same traffic class back */
		st16(l3 + 2, (uint16_t)(l3_len + 8 + payload_len));
		st16(l3 + 4, ip_id);
		st16(l3 + 6, 0);
		l3[8] = ttl;
		l3[9] = SF_IPPROTO_UDP;
		st16(l3 + 10, 0);
		memcpy(l3 + 12, req->dst, 4);
		memcpy(l3 + 16, req->src, 4);
	} else {
		l3_len = sizeof(struct rte_ipv6_hdr);
		/* version 6, the request's traffic class, flow label 0 */
		uint8_t tc = (uint8_t)((rl3[0] & 0x0f) << 4 | rl3[1] >> 4);

		l3[0] = (uint8_t)(0x60 | tc >> 4);
		l3[1] = (uint8_t)(tc << 4);
		l3[2] = 0;
		l3[3] = 0;
		st16(l3 + 4, (uint16_t)(8 + payload_len));
		l3[6] = SF_IPPROTO_UDP;
		l3[7] = ttl;
		memcpy(l3 + 8, req->dst, 16);
		memcpy(l3 + 24, req->src, 16);
	}
	uint8_t *u = l3 + l3_len;

	st16(u, req->dport);
	st16(u + 2, req->sport);
	st16(u + 4, (uint16_t)(8 + payload_len));
	st16(u + 6, 0);
	return (uint16_t)(l2 + l3_len + 8);
}

void
sf_udp_finish(uint8_t *l3, uint8_t ip_version, const uint8_t *payload, uint32_t len)
{
	uint32_t sum;
	uint8_t *u;

	if (ip_version == 4) {
		struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)l3;

		ip->hdr_checksum = 0;
		ip->hdr_checksum = rte_ipv4_cksum(ip);
		u = l3 + rte_ipv4_hdr_len(ip);
		sum = rte_ipv4_phdr_cksum(ip, 0);
	} else {
		u = l3 + sizeof(struct rte_ipv6_hdr);
		sum = rte_ipv6_phdr_cksum((const struct rte_ipv6_hdr *)l3, 0);
	}
	st16(u + 6, 0);
	/* The UDP header is 8 octets, so the payload starts on an even
	 * offset and the partial sums add up. */
	sum += rte_raw_cksum(u, 8);
	sum += rte_raw_cksum(payload, len);
	uint16_t c = (uint16_t)~csum_fold(sum);

	if (c == 0)
		c = 0xffff; /* RFC 768: 0 means "no checksum" */
	memcpy(u + 6, &c, 2);
}
