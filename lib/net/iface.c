/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The addresses a port owns: ownership tests (a handful of addresses per
 * port, so a linear scan beats any table), prefixes, the derived IPv6
 * link-local address and solicited-node groups, and source selection for
 * the probes sipfront originates.
 */
#include "net_internal.h"

int
sf_iface_ipv4_index(const struct sf_iface *ifc, rte_be32_t addr)
{
	for (unsigned i = 0; i < ifc->n_ipv4; i++)
		if (ifc->ipv4[i] == addr)
			return (int)i;
	return -1;
}

int
sf_iface_ipv6_index(const struct sf_iface *ifc, const uint8_t addr[16])
{
	for (unsigned i = 0; i < ifc->n_ipv6; i++)
		if (memcmp(ifc->ipv6[i], addr, 16) == 0)
			return (int)i;
	return -1;
}

bool
sf_ipv4_in_prefix(rte_be32_t addr, rte_be32_t net, uint8_t plen)
{
	if (plen == 0)
		return true;
	uint32_t mask = plen >= 32 ? 0xffffffffu : ~(0xffffffffu >> plen);

	return (rte_be_to_cpu_32(addr) & mask) == (rte_be_to_cpu_32(net) & mask);
}

bool
sf_ipv6_in_prefix(const uint8_t addr[16], const uint8_t net[16], uint8_t plen)
{
	unsigned bytes = plen / 8, bits = plen % 8;

	if (plen > 128)
		return false;
	if (memcmp(addr, net, bytes) != 0)
		return false;
	if (bits == 0)
		return true;
	uint8_t mask = (uint8_t)(0xff << (8 - bits));

	return (addr[bytes] & mask) == (net[bytes] & mask);
}

rte_be32_t
sf_iface_ipv4_source(const struct sf_iface *ifc, rte_be32_t dst)
{
	for (unsigned i = 0; i < ifc->n_ipv4; i++)
		if (sf_ipv4_in_prefix(dst, ifc->ipv4[i], ifc->ipv4_plen[i]))
			return ifc->ipv4[i];
	return ifc->n_ipv4 > 0 ? ifc->ipv4[0] : 0;
}

const uint8_t *
sf_iface_ipv6_source(const struct sf_iface *ifc, const uint8_t dst[16])
{
	const uint8_t *link_local = NULL;

	for (unsigned i = 0; i < ifc->n_ipv6; i++) {
		bool ll = ifc->ipv6[i][0] == 0xfe && (ifc->ipv6[i][1] & 0xc0) == 0x80;

		if (ll && link_local == NULL)
			link_local = ifc->ipv6[i];
		if (sf_ipv6_in_prefix(dst, ifc->ipv6[i], ifc->ipv6_plen[i]))
			return ifc->ipv6[i];
	}
	return link_local != NULL ? link_local : ifc->ipv6[0];
}

void
sf_ipv6_link_local(const struct rte_ether_addr *mac, uint8_t out[16])
{
	const uint8_t *m = mac->addr_bytes;

	memset(out, 0, 16);
	out[0] = 0xfe;
	out[1] = 0x80;
	out[8] = m[0] ^ 0x02;
	out[9] = m[1];
	out[10] = m[2];
	out[11] = 0xff;
	out[12] = 0xfe;
	out[13] = m[3];
	out[14] = m[4];
	out[15] = m[5];
}

void
sf_ipv6_solicited_node(const uint8_t addr[16], uint8_t out[16], struct rte_ether_addr *mac)
{
	memset(out, 0, 16);
	out[0] = 0xff;
	out[1] = 0x02;
	out[11] = 0x01;
	out[12] = 0xff;
	memcpy(out + 13, addr + 13, 3);
	mac->addr_bytes[0] = 0x33;
	mac->addr_bytes[1] = 0x33;
	memcpy(mac->addr_bytes + 2, out + 12, 4);
}
