/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The data plane runtime (app/sipfront, built as the sipfront_core library
 * so that the pipeline benchmark drives the very same worker loop): ports,
 * per-lcore workers, the worker loop, the TX helpers and the teardown that
 * accounts for every mbuf.
 *
 * One struct sf_worker per worker lcore, cache-aligned, holds everything a
 * worker touches: its RX queues, a TX buffer per port, its IP reassembly
 * table and death row, its SIP parser context and message scratch, its
 * pending queue (packets waiting for ARP/ND) and its counters. Nothing in it
 * is written by another core; ports and their neighbour caches are shared.
 */
#ifndef SIPFRONT_DATAPLANE_H
#define SIPFRONT_DATAPLANE_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ethdev.h>
#include <rte_ip_frag.h>
#include <rte_log.h>
#include <rte_mempool.h>

#include <sipfront/config.h>
#include <sipfront/neigh.h>
#include <sipfront/net.h>
#include <sipfront/reply.h>
#include <sipfront/sip.h>
#include <sipfront/stats.h>

#ifdef __cplusplus
extern "C" {
#endif

extern int sf_logtype;
#define SF_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_##level, sf_logtype, "sipfront: " fmt "\n", ##__VA_ARGS__)

#define SF_MAX_BURST      256
#define SF_SCRATCH_SIZE   (65536 + 128) /* a reassembled frame (L2 + 64 KiB), a reply */
#define SF_MAX_TX_FRAGS   48            /* 64 KiB over a 1280-octet MTU */
#define SF_PREFETCH_AHEAD 3

struct sf_port {
	uint16_t port_id;
	uint16_t index;
	struct sf_iface ifc;
	uint16_t n_rxq, n_txq;
	bool rss;        /* RSS on IP addresses across n_rxq queues */
	uint64_t rss_hf; /* what the PMD accepted */
	uint64_t rx_offloads, tx_offloads;
	struct sf_neigh_table *neigh;
	const struct sf_port_conf *conf;
};

/* A packet waiting for its next hop's MAC; data starts at the L3 header. */
struct sf_pending {
	struct rte_mbuf *m;
	uint64_t deadline;
	uint16_t port;
	uint8_t family;
	uint8_t nexthop[16];
};

struct sf_worker;
struct sf_dataplane;
/* Called at the top of every loop iteration when set (the benchmark's feeder). */
typedef void (*sf_loop_hook)(struct sf_worker *w, void *arg);

struct sf_worker {
	struct sf_dataplane *dp;
	uint16_t lcore_id;
	uint16_t index;
	uint16_t n_rxq;
	struct {
		uint16_t port; /* index into dp->ports */
		uint16_t queue;
	} rxq[SF_MAX_PORTS];
	uint16_t txq[SF_MAX_PORTS];
	struct rte_eth_dev_tx_buffer *txb[SF_MAX_PORTS];
	struct rte_ip_frag_tbl *frag_tbl;
	struct sf_sip_parser *parser;
	struct sf_sip_msg *msg;
	uint8_t *scratch; /* flat copy of a reassembled frame */
	char *reply;      /* a response being built */
	struct sf_pending *pending;
	uint32_t n_pending, max_pending;
	uint64_t next_timer;
	uint32_t idle_loops;
	uint16_t ip_id;
	bool probes_duty; /* this worker resolves the gateways */
	struct sf_pkt pkt[SF_MAX_BURST];
	struct rte_ip_frag_death_row death_row;
	struct sf_stats stats __rte_cache_aligned;
} __rte_cache_aligned;

struct sf_dataplane {
	const struct sf_config *cfg;
	enum sf_mode mode;
	uint16_t n_ports;
	struct sf_port ports[SF_MAX_PORTS];
	uint16_t n_workers;
	struct sf_worker *workers[RTE_MAX_LCORE];
	struct rte_mempool *pool;          /* RX, replies, probes, direct fragments */
	struct rte_mempool *indirect_pool; /* indirect fragment segments */
	struct sf_reply_conf reply_conf;
	uint64_t tsc_hz;
	uint64_t timer_cycles; /* period of the worker's housekeeping */
	uint64_t neigh_hold_cycles;
	volatile int stop;
	sf_loop_hook hook;
	void *hook_arg;
};

/* Registers the "sipfront" log type (call before rte_eal_init so that
 * --log-level sipfront:debug applies). */
void sf_log_init(void);

/* Creates the pools, probes and configures the ports, allocates a worker per
 * lcore and starts the ports. Returns 0 or a negative errno (logged). */
int sf_dp_init(struct sf_dataplane *dp, const struct sf_config *cfg, enum sf_mode mode,
               const uint16_t *lcores, uint16_t n_lcores);
/* The worker loop: an lcore_function_t taking its struct sf_worker. */
int sf_worker_main(void *arg);
/* Asks every worker to leave its loop. */
void sf_dp_stop(struct sf_dataplane *dp);
/* After the workers returned: stops and closes the ports, frees everything
 * held (pending, reassembly tables, TX buffers) and reports how many mbufs
 * are back in the pool. Returns 0 when all are. */
int sf_dp_teardown(struct sf_dataplane *dp, unsigned *avail, unsigned *size);

/* rte_eal_cleanup(), then removes this process's runtime directory
 * (/var/run/dpdk/<file prefix>), which DPDK leaves behind: for the tests
 * and benchmarks, which leave nothing on the machine. */
void sf_eal_cleanup_remove_runtime(void);

/* Sum of every worker's counters. */
void sf_dp_stats(const struct sf_dataplane *dp, struct sf_stats *sum);

/* Output on a worker. m holds an IP datagram (data at the L3 header, room
 * in front for L2); it is fragmented if larger than the port's MTU, and its
 * next hop resolved by ARP/ND, held in the worker's pending queue meanwhile.
 * Takes ownership of m. */
void sf_tx_ip(struct sf_worker *w, uint16_t port, struct rte_mbuf *m, uint8_t family,
              const uint8_t *nexthop, uint64_t now);
/* The port and next hop toward dst: on-link prefix first, then a gateway.
 * Returns the port index or -1. */
int sf_route(const struct sf_dataplane *dp, uint8_t family, const uint8_t *dst,
             uint8_t nexthop[16]);

/* Telemetry: /sipfront/stats, /drops, /sip, /ports, /config, /neigh, /lcores. */
int sf_telemetry_register(struct sf_dataplane *dp);

#ifdef __cplusplus
}
#endif

#endif /* SIPFRONT_DATAPLANE_H */
