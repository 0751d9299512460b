/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * cmocka test of the worker's output toward a next hop (sf_tx_ip, the API
 * the forwarding stage will use), on a real EAL without hugepages and a
 * loopback net_ring port (what a worker sends on queue 0 comes back on
 * queue 0): ARP probe and hold while unresolved, send once learned, drop
 * on timeout, fragment above the MTU, and every mbuf back at the end.
 */
#include <stdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ip.h>
#include <rte_udp.h>

#include "sf_internal.h"

static struct sf_config cfg;
static struct sf_dataplane dp;
static const struct rte_ether_addr hop_mac = {{0x02, 0, 0, 0, 0, 0x09}};

/* An IPv4/UDP datagram of len payload octets to dst, data at L3. */
static struct rte_mbuf *
datagram(uint32_t dst, uint16_t len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(dp.pool);
	uint8_t payload[4096];

	assert_non_null(m);
	memset(payload, 'x', sizeof(payload));
	uint16_t l3 = (uint16_t)(28 + len);
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, l3);
	struct rte_ipv4_hdr ip = {
	        .version_ihl = 0x45,
	        .total_length = rte_cpu_to_be_16(l3),
	        .time_to_live = 64,
	        .next_proto_id = IPPROTO_UDP,
	        .src_addr = rte_cpu_to_be_32(0xc6120001),
	        .dst_addr = rte_cpu_to_be_32(dst),
	};
	struct rte_udp_hdr u = {
	        .src_port = rte_cpu_to_be_16(5060),
	        .dst_port = rte_cpu_to_be_16(5060),
	        .dgram_len = rte_cpu_to_be_16((uint16_t)(8 + len)),
	};

	assert_non_null(p);
	memcpy(p, &ip, sizeof(ip));
	memcpy(p + sizeof(ip), &u, sizeof(u));
	memcpy(p + 28, payload, len);
	sf_udp_finish(p, 4, p + 28, len);
	return m;
}

static uint16_t
receive(struct rte_mbuf **pkts, uint16_t max)
{
	sf_tx_flush(dp.workers[0]);
	return rte_eth_rx_burst(dp.ports[0].port_id, 0, pkts, max);
}

static void
test_resolve_hold_send(void **state)
{
	struct sf_worker *w = dp.workers[0];
	struct rte_mbuf *pkts[16];
	uint8_t nh[16];
	uint32_t dst = 0xc6120009; /* 198.18.0.9, on-link */
	rte_be32_t dst_be = rte_cpu_to_be_32(dst);
	uint64_t now = rte_rdtsc();

	(void)state;
	assert_int_equal(sf_route(&dp, 4, (const uint8_t *)&dst_be, nh), 0);
	assert_memory_equal(nh, &dst_be, 4);
	sf_tx_ip(w, 0, datagram(dst, 100), 4, nh, now);
	assert_int_equal(w->n_pending, 1);
	assert_int_equal(w->stats.cnt[SF_CNT_arp_probes_sent], 1);
	uint16_t n = receive(pkts, 16);

	assert_int_equal(n, 1); /* the probe only */
	uint8_t *f = rte_pktmbuf_mtod(pkts[0], uint8_t *);

	assert_int_equal(f[12] << 8 | f[13], RTE_ETHER_TYPE_ARP);
	assert_memory_equal(f + 14 + 24, &dst_be, 4);
	rte_pktmbuf_free(pkts[0]);

	/* The neighbour answers (what handle_arp does), the held packet goes. */
	sf_neigh_learn(dp.ports[0].neigh, 4, nh, &hop_mac, now, false);
	sf_pending_scan(w, now + 1);
	assert_int_equal(w->n_pending, 0);
	n = receive(pkts, 16);
	assert_int_equal(n, 1);
	f = rte_pktmbuf_mtod(pkts[0], uint8_t *);
	assert_memory_equal(f, &hop_mac, 6);
	assert_memory_equal(f + 6, &dp.ports[0].ifc.mac, 6);
	assert_int_equal(pkts[0]->pkt_len, 14 + 28 + 100);
	rte_pktmbuf_free(pkts[0]);

	/* Resolved now: straight out, and fragmented above the MTU. */
	sf_tx_ip(w, 0, datagram(dst, 3000), 4, nh, now + 2);
	n = receive(pkts, 16);
	assert_int_equal(n, 3);
	for (uint16_t i = 0; i < n; i++) {
		assert_true(pkts[i]->pkt_len <= 14 + 1500);
		assert_memory_equal(rte_pktmbuf_mtod(pkts[i], uint8_t *), &hop_mac, 6);
	}
	assert_int_equal(w->stats.cnt[SF_CNT_frag_tx], 3);
	rte_pktmbuf_free_bulk(pkts, n);
}

static void
test_timeout(void **state)
{
	struct sf_worker *w = dp.workers[0];
	struct rte_mbuf *pkts[16];
	rte_be32_t dst = rte_cpu_to_be_32(0xc612000a);
	uint64_t now = rte_rdtsc();

	(void)state;
	sf_tx_ip(w, 0, datagram(0xc612000a, 10), 4, (const uint8_t *)&dst, now);
	assert_int_equal(w->n_pending, 1);
	sf_pending_scan(w, now + dp.neigh_hold_cycles + 1);
	assert_int_equal(w->n_pending, 0);
	assert_int_equal(w->stats.drop[SF_DROP_NEIGH_TIMEOUT], 1);
	uint16_t n = receive(pkts, 16);

	rte_pktmbuf_free_bulk(pkts, n); /* the probes */
}

int
main(void)
{
	char prefix[64];
	char *argv[] = {"test_txpath",
	                "--no-huge",
	                "-m",
	                "256",
	                "--no-pci",
	                "--file-prefix",
	                prefix,
	                "-l",
	                "0",
	                "--log-level",
	                "lib.eal:error",
	                "--vdev",
	                "net_ring_txtest,nodeaction=txt:0:CREATE"};
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_resolve_hold_send),
	        cmocka_unit_test(test_timeout),
	};
	uint16_t lcore = 0;
	unsigned avail, size;

	snprintf(prefix, sizeof(prefix), "sf-txtest-%d", (int)getpid());
	sf_log_init();
	if (rte_eal_init((int)RTE_DIM(argv), argv) < 0)
		return 1;
	sf_config_defaults(&cfg);
	cfg.mempool_size = 1023;
	cfg.mbuf_size = 4096; /* room for the 3000-octet datagram */
	cfg.n_ports = 1;
	snprintf(cfg.ports[0].name, SF_MAX_NAME_LEN, "loop");
	/* net_ring names the ethdev after the node of nodeaction. */
	snprintf(cfg.ports[0].device, SF_MAX_DEV_LEN, "txt");
	cfg.ports[0].mtu = 1500;
	cfg.ports[0].rx_desc = cfg.ports[0].tx_desc = 512;
	cfg.ports[0].n_ipv4 = 1;
	cfg.ports[0].ipv4[0] = rte_cpu_to_be_32(0xc6120001);
	cfg.ports[0].ipv4_plen[0] = 24;
	if (sf_dp_init(&dp, &cfg, SF_MODE_PROXY, &lcore, 1) < 0)
		return 1;
	int ret = cmocka_run_group_tests_name("txpath", tests, NULL, NULL);

	if (sf_dp_teardown(&dp, &avail, &size) != 0) {
		fprintf(stderr, "mbufs: %u/%u back in pool\n", avail, size);
		ret = 1;
	}
	sf_eal_cleanup_remove_runtime();
	return ret;
}
