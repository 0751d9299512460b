/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * cmocka tests of the lib/net decoders and builders on plain buffers (no
 * EAL): every verdict the data plane relies on, malformed and truncated
 * frames at every length (counted drops, never a read past the end: run
 * under ASan), and the answers sipfront builds checked by re-decoding them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <rte_ip.h>
#include <rte_udp.h>

#include <sipfront/neigh.h>
#include <sipfront/net.h>

static const struct rte_ether_addr our_mac = {{0x02, 0, 0, 0, 0, 0x01}};
static const struct rte_ether_addr peer_mac = {{0x02, 0, 0, 0, 0, 0x02}};

static struct sf_iface ifc;

static void
iface_init(void)
{
	memset(&ifc, 0, sizeof(ifc));
	ifc.mac = our_mac;
	ifc.mtu = 1500;
	ifc.n_ipv4 = 1;
	ifc.ipv4[0] = rte_cpu_to_be_32(0xc6120001); /* 198.18.0.1 */
	ifc.ipv4_plen[0] = 24;
	ifc.n_ipv6 = 1;
	static const uint8_t a6[16] = {0x20, 0x01, 0, 2, [15] = 1};
	memcpy(ifc.ipv6[0], a6, 16);
	ifc.ipv6_plen[0] = 64;
	ifc.n_sip_ports = 1;
	ifc.sip_ports[0] = 5060;
}

static const uint8_t peer6[16] = {0x20, 0x01, 0, 2, [15] = 2};

static uint16_t
eth_hdr(uint8_t *f, const struct rte_ether_addr *dst, uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, &peer_mac, 6);
	f[12] = (uint8_t)(type >> 8);
	f[13] = (uint8_t)type;
	return 14;
}

/* Ethernet/IPv4/UDP 198.18.0.2:5060 -> 198.18.0.1:dport, valid checksums. */
static uint16_t
udp4_frame(uint8_t *f, uint16_t dport, const char *payload)
{
	uint16_t plen = (uint16_t)strlen(payload);
	uint16_t l2 = eth_hdr(f, &our_mac, RTE_ETHER_TYPE_IPV4);
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(f + l2);
	struct rte_udp_hdr *u = (struct rte_udp_hdr *)(ip + 1);

	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = 0x45;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(28 + plen));
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = rte_cpu_to_be_32(0xc6120002);
	ip->dst_addr = rte_cpu_to_be_32(0xc6120001);
	u->src_port = rte_cpu_to_be_16(5060);
	u->dst_port = rte_cpu_to_be_16(dport);
	u->dgram_len = rte_cpu_to_be_16((uint16_t)(8 + plen));
	memcpy(u + 1, payload, plen);
	sf_udp_finish((uint8_t *)ip, 4, (uint8_t *)(u + 1), plen);
	return (uint16_t)(l2 + 28 + plen);
}

static uint16_t
udp6_frame(uint8_t *f, const char *payload)
{
	uint16_t plen = (uint16_t)strlen(payload);
	uint16_t l2 = eth_hdr(f, &our_mac, RTE_ETHER_TYPE_IPV6);
	uint8_t *ip = f + l2;
	struct rte_udp_hdr *u = (struct rte_udp_hdr *)(ip + 40);

	memset(ip, 0, 40);
	ip[0] = 0x60;
	ip[4] = (uint8_t)((8 + plen) >> 8);
	ip[5] = (uint8_t)(8 + plen);
	ip[6] = IPPROTO_UDP;
	ip[7] = 64;
	memcpy(ip + 8, peer6, 16);
	memcpy(ip + 24, ifc.ipv6[0], 16);
	u->src_port = rte_cpu_to_be_16(5060);
	u->dst_port = rte_cpu_to_be_16(5060);
	u->dgram_len = rte_cpu_to_be_16((uint16_t)(8 + plen));
	memcpy(u + 1, payload, plen);
	sf_udp_finish(ip, 6, (uint8_t *)(u + 1), plen);
	return (uint16_t)(l2 + 48 + plen);
}

static void
test_udp_sip(void **state)
{
	uint8_t f[256];
	struct sf_pkt pkt;
	uint16_t len = udp4_frame(f, 5060, "OPTIONS sip:x SIP/2.0\r\n\r\n");

	(void)state;
	assert_int_equal(sf_decode_frame(f, len, &ifc, 0, &pkt), SF_CLASS_SIP);
	assert_int_equal(pkt.ip_version, 4);
	assert_int_equal(pkt.sport, 5060);
	assert_int_equal(pkt.payload_off, 42);
	assert_int_equal(pkt.payload_len, len - 42);
	/* Ethernet padding after the datagram is not payload. */
	memset(f + len, 0, 20);
	assert_int_equal(sf_decode_frame(f, len + 20u, &ifc, 0, &pkt), SF_CLASS_SIP);
	assert_int_equal(pkt.payload_len, len - 42);

	len = udp4_frame(f, 9999, "x");
	assert_int_equal(sf_decode_frame(f, len, &ifc, 0, &pkt), SF_CLASS_DROP);
	assert_int_equal(pkt.drop, SF_DROP_UDP_PORT_CLOSED);

	len = udp6_frame(f, "OPTIONS sip:x SIP/2.0\r\n\r\n");
	assert_int_equal(sf_decode_frame(f, len, &ifc, 0, &pkt), SF_CLASS_SIP);
	assert_int_equal(pkt.ip_version, 6);
	assert_memory_equal(pkt.src, peer6, 16);
}

static void
expect_drop(const uint8_t *f, uint32_t len, uint32_t csum, enum sf_drop reason)
{
	struct sf_pkt pkt;

	assert_int_equal(sf_decode_frame(f, len, &ifc, csum, &pkt), SF_CLASS_DROP);
	assert_string_equal(sf_drop_key(pkt.drop), sf_drop_key(reason));
}

static void
test_checksums(void **state)
{
	uint8_t f[256];
	uint16_t len = udp4_frame(f, 5060, "OPTIONS sip:x SIP/2.0\r\n\r\n");

	(void)state;
	f[len - 1] ^= 1; /* payload changed: UDP checksum wrong */
	expect_drop(f, len, 0, SF_DROP_UDP_BAD_CHECKSUM);
	/* The NIC vouched for it: trusted. */
	struct sf_pkt pkt;

	assert_int_equal(sf_decode_frame(f, len, &ifc, SF_CSUM_L4_GOOD, &pkt), SF_CLASS_SIP);
	f[len - 1] ^= 1;
	expect_drop(f, len, SF_CSUM_L4_BAD, SF_DROP_UDP_BAD_CHECKSUM);
	f[14 + 8] ^= 1; /* TTL: header checksum wrong */
	expect_drop(f, len, 0, SF_DROP_IPV4_BAD_CHECKSUM);
	f[14 + 8] ^= 1;
	/* IPv4 may omit the UDP checksum; IPv6 may not. */
	f[14 + 26] = f[14 + 27] = 0;
	assert_int_equal(sf_decode_frame(f, len, &ifc, 0, &pkt), SF_CLASS_SIP);
	len = udp6_frame(f, "x");
	f[14 + 46] = f[14 + 47] = 0;
	expect_drop(f, len, 0, SF_DROP_UDP_ZERO_CHECKSUM);
}

static void
test_malformed(void **state)
{
	uint8_t f[256];
	uint16_t len = udp4_frame(f, 5060, "OPTIONS sip:x SIP/2.0\r\n\r\n");
	uint8_t g[256];

	(void)state;
	memcpy(g, f, len);
	g[14] = 0x44; /* IHL 4 */
	expect_drop(g, len, SF_CSUM_IP_GOOD, SF_DROP_IPV4_BAD_HEADER);
	memcpy(g, f, len);
	g[14] = 0x65; /* version 6 in an IPv4 frame */
	expect_drop(g, len, SF_CSUM_IP_GOOD, SF_DROP_IPV4_BAD_HEADER);
	memcpy(g, f, len);
	g[14 + 2] = 0x05; /* total length beyond the frame */
	expect_drop(g, len, SF_CSUM_IP_GOOD, SF_DROP_IPV4_TRUNCATED);
	memcpy(g, f, len);
	g[14 + 2] = 0;
	g[14 + 3] = 10; /* total length shorter than the header */
	expect_drop(g, len, SF_CSUM_IP_GOOD, SF_DROP_IPV4_BAD_HEADER);
	memcpy(g, f, len);
	g[14 + 25] = (uint8_t)(g[14 + 25] + 1); /* UDP length off by one */
	expect_drop(g, len, SF_CSUM_IP_GOOD, SF_DROP_UDP_BAD_LENGTH);
	memcpy(g, f, len);
	g[14 + 12] = 127; /* loopback source */
	expect_drop(g, len, SF_CSUM_IP_GOOD, SF_DROP_IPV4_BAD_SOURCE);
	memcpy(g, f, len);
	g[14 + 19] = 9; /* not our address */
	expect_drop(g, len, SF_CSUM_IP_GOOD, SF_DROP_IPV4_NOT_FOR_US);
	memcpy(g, f, len);
	g[5] = 9; /* another MAC */
	expect_drop(g, len, 0, SF_DROP_ETH_NOT_FOR_US);
	memcpy(g, f, len);
	g[14 + 9] = 6; /* TCP */
	expect_drop(g, len, SF_CSUM_IP_GOOD, SF_DROP_IP_PROTO);
	memcpy(g, f, len);
	g[12] = 0x12; /* EtherType */
	expect_drop(g, len, 0, SF_DROP_ETHERTYPE);

	/* Fragments: a first fragment with 7 octets of data is impossible. */
	memcpy(g, f, len);
	g[14 + 2] = 0;
	g[14 + 3] = 27;
	g[14 + 6] = 0x20; /* MF */
	expect_drop(g, 14 + 27, SF_CSUM_IP_GOOD, SF_DROP_FRAG_BAD);
	/* Offset so large the datagram would pass 64 KiB. */
	memcpy(g, f, len);
	g[14 + 6] = 0x1f;
	g[14 + 7] = 0xff;
	expect_drop(g, len, SF_CSUM_IP_GOOD, SF_DROP_FRAG_BAD);
	memcpy(g, f, len);
	g[14 + 6] = 0x00;
	g[14 + 7] = 0x10; /* offset 128, last fragment: to reassembly */
	struct sf_pkt pkt;

	assert_int_equal(sf_decode_frame(g, len, &ifc, SF_CSUM_IP_GOOD, &pkt), SF_CLASS_FRAG4);
}

/* Every prefix of a valid frame is dropped or decoded, never read past. */
static void
test_truncated_everywhere(void **state)
{
	uint8_t f[512];
	uint16_t lens[2];
	uint8_t frames[2][512];

	(void)state;
	lens[0] = udp4_frame(frames[0], 5060, "INVITE sip:x SIP/2.0\r\nVia: x\r\n\r\n");
	lens[1] = udp6_frame(frames[1], "INVITE sip:x SIP/2.0\r\nVia: x\r\n\r\n");
	for (int k = 0; k < 2; k++) {
		for (uint16_t n = 0; n < lens[k]; n++) {
			struct sf_pkt pkt;
			uint8_t *copy = malloc(n ? n : 1);

			memcpy(copy, frames[k], n);
			enum sf_class c = sf_decode_frame(copy, n, &ifc, 0, &pkt);

			assert_int_equal(c, SF_CLASS_DROP);
			assert_true(pkt.drop != SF_DROP_NONE);
			free(copy);
		}
	}
	memcpy(f, frames[0], lens[0]);
	struct sf_pkt pkt;

	assert_int_equal(sf_decode_frame(f, lens[0], &ifc, 0, &pkt), SF_CLASS_SIP);
}

static void
test_vlan(void **state)
{
	uint8_t f[256], g[260];
	struct sf_pkt pkt;
	uint16_t len = udp4_frame(f, 5060, "x");

	(void)state;
	/* Insert a tag for VLAN 100. */
	memcpy(g, f, 12);
	g[12] = 0x81;
	g[13] = 0;
	g[14] = 0;
	g[15] = 100;
	memcpy(g + 16, f + 12, len - 12u);
	expect_drop(g, len + 4u, 0, SF_DROP_VLAN_MISMATCH);
	ifc.vlan = 100;
	assert_int_equal(sf_decode_frame(g, len + 4u, &ifc, 0, &pkt), SF_CLASS_SIP);
	assert_int_equal(pkt.l2_len, 18);
	assert_int_equal(pkt.n_vlans, 1);
	expect_drop(f, len, 0, SF_DROP_VLAN_MISMATCH); /* untagged on a VLAN port */
	ifc.vlan = 0;
	g[16] = 0x81; /* QinQ */
	g[17] = 0;
	expect_drop(g, len + 4u, 0, SF_DROP_VLAN_QINQ);
}

static void
test_arp(void **state)
{
	uint8_t f[64] = {0};
	struct sf_pkt pkt;
	rte_be32_t ip;
	struct rte_ether_addr mac;
	bool req;
	static const struct rte_ether_addr bcast = {{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
	uint16_t l2 = eth_hdr(f, &bcast, RTE_ETHER_TYPE_ARP);
	uint8_t *a = f + l2;

	(void)state;
	a[1] = 1;
	a[2] = 0x08;
	a[4] = 6;
	a[5] = 4;
	a[7] = 1;
	memcpy(a + 8, &peer_mac, 6);
	a[14] = 198, a[15] = 18, a[16] = 0, a[17] = 2;
	a[24] = 198, a[25] = 18, a[26] = 0, a[27] = 1;
	assert_int_equal(sf_decode_frame(f, 42, &ifc, 0, &pkt), SF_CLASS_ARP);
	assert_true(sf_arp_sender(f, &pkt, &ip, &mac, &req));
	assert_true(req);
	assert_memory_equal(&mac, &peer_mac, 6);
	assert_int_equal(sf_arp_reply(f, &pkt, &ifc), 42);
	assert_memory_equal(f, &peer_mac, 6);
	assert_memory_equal(f + 6, &our_mac, 6);
	assert_int_equal(a[7], 2);
	assert_memory_equal(a + 8, &our_mac, 6);
	assert_int_equal(a[17], 1); /* sender: us */
	assert_int_equal(a[27], 2); /* target: the asker */

	memcpy(f, &bcast, 6);
	a[27] = 77; /* for someone else */
	a[7] = 1;
	expect_drop(f, 42, 0, SF_DROP_ARP_NOT_FOR_US);
	a[4] = 8;
	expect_drop(f, 42, 0, SF_DROP_ARP_MALFORMED);
	expect_drop(f, 30, 0, SF_DROP_ARP_MALFORMED);

	uint8_t probe[64];
	uint16_t n = sf_arp_request(probe, &ifc, rte_cpu_to_be_32(0xc61200fe));

	assert_int_equal(n, 42);
	assert_memory_equal(probe, &bcast, 6);
	assert_int_equal(probe[14 + 7], 1);
	assert_int_equal(probe[14 + 17], 1); /* from 198.18.0.1 */
	assert_int_equal(probe[14 + 27], 0xfe);
}

static void
test_icmp_echo(void **state)
{
	uint8_t f[128];
	uint16_t l2 = eth_hdr(f, &our_mac, RTE_ETHER_TYPE_IPV4);
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(f + l2);
	uint8_t *i = (uint8_t *)(ip + 1);
	struct sf_pkt pkt;

	(void)state;
	memset(ip, 0, 20);
	ip->version_ihl = 0x45;
	ip->total_length = rte_cpu_to_be_16(20 + 16);
	ip->time_to_live = 3;
	ip->next_proto_id = IPPROTO_ICMP;
	ip->src_addr = rte_cpu_to_be_32(0xc6120002);
	ip->dst_addr = rte_cpu_to_be_32(0xc6120001);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	memset(i, 0xab, 16);
	i[0] = 8;
	i[1] = 0;
	i[2] = i[3] = 0;
	uint16_t c = (uint16_t)~rte_raw_cksum(i, 16);

	memcpy(i + 2, &c, 2);
	assert_int_equal(sf_decode_frame(f, 50, &ifc, 0, &pkt), SF_CLASS_ICMP4_ECHO);
	assert_int_equal(sf_icmp4_echo_reply(f, &pkt, &ifc, 64), 50);
	assert_int_equal(i[0], 0);
	assert_int_equal(rte_raw_cksum(i, 16), 0xffff);
	assert_int_equal(rte_ipv4_cksum(ip), 0);
	assert_int_equal(ip->time_to_live, 64);
	assert_int_equal(rte_be_to_cpu_32(ip->dst_addr), 0xc6120002);
	memcpy(f, &our_mac, 6);
	i[0] = 13; /* timestamp request: not answered */
	ip->dst_addr = rte_cpu_to_be_32(0xc6120001);
	ip->src_addr = rte_cpu_to_be_32(0xc6120002);
	ip->hdr_checksum = 0;
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	i[2] = i[3] = 0;
	c = (uint16_t)~rte_raw_cksum(i, 16);
	memcpy(i + 2, &c, 2);
	expect_drop(f, 50, 0, SF_DROP_ICMP_TYPE);
}

static void
test_nd(void **state)
{
	uint8_t f[128];
	struct sf_pkt pkt;
	struct rte_ether_addr mac;
	uint8_t group[16], ip[16];
	bool solicit;

	(void)state;
	/* Our own solicitation, seen by a second interface, is a valid NS. */
	struct sf_iface peer = ifc;

	peer.mac = peer_mac;
	memcpy(peer.ipv6[0], peer6, 16);
	uint16_t n = sf_nd_solicit(f, &peer, ifc.ipv6[0]);

	sf_ipv6_solicited_node(ifc.ipv6[0], group, &mac);
	assert_int_equal(n, 14 + 40 + 32);
	assert_memory_equal(f, &mac, 6);
	assert_int_equal(sf_decode_frame(f, n, &ifc, 0, &pkt), SF_CLASS_ND);
	assert_true(sf_nd_neighbour(f, &pkt, ip, &mac, &solicit));
	assert_true(solicit);
	assert_memory_equal(ip, peer6, 16);
	assert_memory_equal(&mac, &peer_mac, 6);
	assert_int_equal(sf_nd_advert(f, &pkt, &ifc), 14 + 40 + 32);
	/* The advert decodes on the peer's side as an NA teaching our MAC. */
	assert_int_equal(sf_decode_frame(f, n, &peer, 0, &pkt), SF_CLASS_ND);
	assert_true(sf_nd_neighbour(f, &pkt, ip, &mac, &solicit));
	assert_false(solicit);
	assert_memory_equal(ip, ifc.ipv6[0], 16);
	assert_memory_equal(&mac, &our_mac, 6);
	/* Hop limit must be 255. */
	f[14 + 7] = 254;
	assert_int_equal(sf_decode_frame(f, n, &peer, 0, &pkt), SF_CLASS_DROP);
	assert_int_equal(pkt.drop, SF_DROP_ND_MALFORMED);
}

static void
test_udp_reply_headers(void **state)
{
	uint8_t f[256], out[256];
	struct sf_pkt pkt, back;
	const char *answer = "SIP/2.0 200 OK\r\n\r\n";
	uint16_t len = udp4_frame(f, 5060, "OPTIONS sip:x SIP/2.0\r\n\r\n");

	(void)state;
	assert_int_equal(sf_decode_frame(f, len, &ifc, 0, &pkt), SF_CLASS_SIP);
	uint16_t hl = sf_udp_reply_headers(out, f, &pkt, &ifc, (uint32_t)strlen(answer), 64, 7);

	memcpy(out + hl, answer, strlen(answer));
	sf_udp_finish(out + 14, 4, out + hl, (uint32_t)strlen(answer));
	/* Seen from the peer: a valid datagram from us, ports swapped. */
	struct sf_iface peer = ifc;

	peer.mac = peer_mac;
	peer.ipv4[0] = rte_cpu_to_be_32(0xc6120002);
	assert_int_equal(sf_decode_frame(out, hl + (uint32_t)strlen(answer), &peer, 0, &back),
	                 SF_CLASS_SIP);
	assert_int_equal(back.payload_len, strlen(answer));
	assert_memory_equal(out + back.payload_off, answer, strlen(answer));
}

static void
test_neigh(void **state)
{
	const struct sf_neigh_params p = {.reachable = 1000, .retrans = 100, .max_probes = 3};
	void *mem = calloc(1, sf_neigh_table_size(16));
	struct sf_neigh_table *t = sf_neigh_table_init(mem, 16, &p);
	const uint8_t gw[4] = {198, 18, 0, 254};
	struct rte_ether_addr mac;

	(void)state;
	assert_int_equal(sf_neigh_resolve(t, 4, gw, 10, &mac), SF_NEIGH_PROBE);
	assert_int_equal(sf_neigh_resolve(t, 4, gw, 20, &mac), SF_NEIGH_WAIT);
	assert_int_equal(sf_neigh_resolve(t, 4, gw, 110, &mac), SF_NEIGH_PROBE);
	assert_int_equal(sf_neigh_resolve(t, 4, gw, 210, &mac), SF_NEIGH_PROBE);
	/* Three probes unanswered: unreachable, then a back-off, then again. */
	assert_int_equal(sf_neigh_resolve(t, 4, gw, 310, &mac), SF_NEIGH_WAIT);
	assert_int_equal(sf_neigh_resolve(t, 4, gw, 320, &mac), SF_NEIGH_UNREACHABLE);
	assert_int_equal(sf_neigh_resolve(t, 4, gw, 310 + 300, &mac), SF_NEIGH_PROBE);
	assert_true(sf_neigh_learn(t, 4, gw, &peer_mac, 700, false));
	assert_int_equal(sf_neigh_resolve(t, 4, gw, 800, &mac), SF_NEIGH_HIT);
	assert_memory_equal(&mac, &peer_mac, 6);
	/* Stale: still used, and re-probed. */
	assert_int_equal(sf_neigh_resolve(t, 4, gw, 1800, &mac), SF_NEIGH_HIT_PROBE);
	/* Learning unknown neighbours only when asked to create. */
	const uint8_t other[4] = {198, 18, 0, 7};

	assert_false(sf_neigh_learn(t, 4, other, &peer_mac, 1, false));
	assert_true(sf_neigh_learn(t, 4, other, &peer_mac, 1, true));
	/* Bounded: a full table says so. */
	for (uint8_t i = 0; i < 16; i++) {
		uint8_t a[4] = {10, 0, 0, i};

		sf_neigh_resolve(t, 4, a, 1, &mac);
	}
	const uint8_t late[4] = {10, 0, 1, 1};

	assert_int_equal(sf_neigh_resolve(t, 4, late, 1, &mac), SF_NEIGH_TABLE_FULL);
	free(mem);
}

static int
setup(void **state)
{
	(void)state;
	iface_init();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup(test_udp_sip, setup),
	        cmocka_unit_test_setup(test_checksums, setup),
	        cmocka_unit_test_setup(test_malformed, setup),
	        cmocka_unit_test_setup(test_truncated_everywhere, setup),
	        cmocka_unit_test_setup(test_vlan, setup),
	        cmocka_unit_test_setup(test_arp, setup),
	        cmocka_unit_test_setup(test_icmp_echo, setup),
	        cmocka_unit_test_setup(test_nd, setup),
	        cmocka_unit_test_setup(test_udp_reply_headers, setup),
	        cmocka_unit_test_setup(test_neigh, setup),
	};

	return cmocka_run_group_tests_name("net", tests, NULL, NULL);
}
