/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * sipfront-pipeline-bench: the real worker loop (sipfront_core's
 * sf_worker_main) fed from pre-built mbufs holding the parse bench's corpus
 * as Ethernet/IPv4/UDP frames, through a net_ring port (no kernel, no NIC),
 * in parse-only and proxy mode with 1 and 2 workers. Prints Mpps, ns per
 * packet per worker, and the ratio to sf_sip_parse alone on the same
 * messages, measured in the same run (how much the packet path adds).
 *
 *   sipfront-pipeline-bench [EAL: --no-huge -m 512 --no-pci -l 0,1 ...] --
 *       [--json] [--seconds S] [--workers 1,2]
 *
 * Feeding: each worker's RX ring is refilled at the top of its loop (the
 * loop hook) from 512 pre-built frames whose reference count is bumped, so
 * the worker's free is a refcount decrement instead of a mempool put; the
 * same hook frees what proxy mode sent to the TX ring, as a NIC driver's TX
 * completion would. Both costs land in the measured time. Worker 0 runs on
 * the main lcore, worker 1 on the next one: no core idles.
 *
 * A benchmark prints figures and ratios, never pass/fail.
 */
#include <dlfcn.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include <rte_udp.h>

#include <sipfront/dataplane.h>

#include "parse_bench.h"

#define TEMPLATES_PER_WORKER 512
#define RING_SIZE            1024
#define WARMUP_SECONDS       0.3

struct feed {
	struct rte_ring *rx, *tx;
	struct rte_mbuf **tpl;
	unsigned n_tpl, next;
	uint64_t start_tsc, end_tsc, start_rx, end_rx;
	bool started, ended;
} __rte_cache_aligned;

struct bench {
	struct feed feed[2];
	uint64_t warm_tsc, deadline;
	uint32_t ended, workers; /* the last worker to end stops them all */
	uint16_t burst;
};

typedef int (*from_rings_fn)(const char *, struct rte_ring *const[], unsigned,
                             struct rte_ring *const[], unsigned, unsigned);

/* net_ring is loaded by EAL as a plugin; its rte_eth_from_rings is reached
 * through the already loaded object, not linked a second time. */
static from_rings_fn
find_from_rings(void)
{
	void *h = dlopen("librte_net_ring.so.23", RTLD_NOW | RTLD_NOLOAD);

	if (h == NULL)
		h = dlopen("librte_net_ring.so", RTLD_NOW | RTLD_NOLOAD);
	return h != NULL ? (from_rings_fn)(uintptr_t)dlsym(h, "rte_eth_from_rings") : NULL;
}

/* The loop hook: TX completion, RX refill, and the clock. */
static void
feed_hook(struct sf_worker *w, void *arg)
{
	struct bench *b = arg;
	struct feed *f = &b->feed[w->index];
	struct rte_mbuf *buf[64];
	unsigned n = rte_ring_sc_dequeue_burst(f->tx, (void **)buf, RTE_DIM(buf), NULL);

	if (n != 0)
		rte_pktmbuf_free_bulk(buf, n);
	if (rte_ring_count(f->rx) < 2u * b->burst) {
		for (unsigned k = 0; k < b->burst; k++) {
			struct rte_mbuf *m = f->tpl[f->next];

			f->next = f->next + 1 == f->n_tpl ? 0 : f->next + 1;
			rte_mbuf_refcnt_update(m, 1);
			buf[k] = m;
		}
		rte_ring_sp_enqueue_burst(f->rx, (void **)buf, b->burst, NULL);
	}
	uint64_t now = rte_rdtsc();

	if (!f->started && now >= b->warm_tsc) {
		f->started = true;
		f->start_tsc = now;
		f->start_rx = w->stats.cnt[SF_CNT_rx_pkts];
	}
	if (!f->ended && now >= b->deadline) {
		f->ended = true;
		f->end_tsc = now;
		f->end_rx = w->stats.cnt[SF_CNT_rx_pkts];
		/* Keep loading the others until every worker has its window. */
		if (__atomic_add_fetch(&b->ended, 1, __ATOMIC_ACQ_REL) == b->workers)
			sf_dp_stop(w->dp);
	}
}

/* Frame i: corpus message i % n from source 198.18.(i/250).(i%250+2):5060
 * to 198.18.0.1:5060, valid checksums. */
static void
build_frame(struct rte_mbuf *m, unsigned i)
{
	const struct bench_msg *msg = &bench_corpus[i % bench_corpus_count];
	uint16_t l3 = (uint16_t)(sizeof(struct rte_ipv4_hdr) + 8 + msg->len);
	uint8_t *f = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(RTE_ETHER_HDR_LEN + l3));
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)f;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_udp_hdr *u = (struct rte_udp_hdr *)(ip + 1);

	if (f == NULL)
		rte_exit(EXIT_FAILURE, "template frame does not fit an mbuf\n");
	eth->dst_addr = (struct rte_ether_addr){{0x02, 0, 0, 0, 0, 0x01}};
	eth->src_addr = (struct rte_ether_addr){{0x02, 0, 0, 0, 0, 0x02}};
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = 0x45;
	ip->total_length = rte_cpu_to_be_16(l3);
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = rte_cpu_to_be_32(0xc6120000 | ((i / 250) << 8) | (i % 250 + 2));
	ip->dst_addr = rte_cpu_to_be_32(0xc6120001);
	u->src_port = rte_cpu_to_be_16(5060);
	u->dst_port = rte_cpu_to_be_16(5060);
	u->dgram_len = rte_cpu_to_be_16((uint16_t)(8 + msg->len));
	memcpy(u + 1, msg->data, msg->len);
	sf_udp_finish((uint8_t *)ip, 4, (const uint8_t *)(u + 1), (uint32_t)msg->len);
}

/* sf_sip_parse alone over the same datagrams, in the same order. */
static double
parse_ns_per_msg(struct rte_mbuf **tpl, unsigned n, double seconds)
{
	static RTE_DEFINE_PER_LCORE(struct sf_sip_parser, parser);
	static RTE_DEFINE_PER_LCORE(struct sf_sip_msg, msg);
	uint64_t hz = rte_get_tsc_hz(), end, start, count = 0;
	unsigned errors = 0;

	sf_sip_parser_init(&RTE_PER_LCORE(parser), SF_SIP_SCAN_AUTO);
	start = rte_rdtsc();
	end = start + (uint64_t)(seconds * (double)hz);
	do {
		for (unsigned i = 0; i < n; i++) {
			const uint8_t *p = rte_pktmbuf_mtod_offset(tpl[i], const uint8_t *, 42);

			errors += sf_sip_parse(&RTE_PER_LCORE(parser), p, tpl[i]->data_len - 42u,
			                       &RTE_PER_LCORE(msg)) != SF_SIP_ERR_OK;
		}
		count += n;
	} while (rte_rdtsc() < end);
	if (errors != 0)
		fprintf(stderr, "warning: %u parse errors in the corpus\n", errors);
	return (double)(rte_rdtsc() - start) * 1e9 / (double)hz / (double)count;
}

/* The machine's own ceiling: sf_sip_parse alone on two lcores at once. */
struct parse_job {
	struct rte_mbuf **tpl;
	double ns;
};

static int
parse_job_main(void *arg)
{
	struct parse_job *j = arg;

	j->ns = parse_ns_per_msg(j->tpl, TEMPLATES_PER_WORKER, 0.5);
	return 0;
}

static double
parse_scaling(struct rte_mbuf **tpl)
{
	unsigned second = rte_get_next_lcore(rte_get_main_lcore(), 1, 0);
	struct parse_job a = {.tpl = tpl}, b = {.tpl = tpl + TEMPLATES_PER_WORKER};

	if (second >= RTE_MAX_LCORE)
		return 0;
	double one = parse_ns_per_msg(tpl, TEMPLATES_PER_WORKER, 0.5);

	rte_eal_remote_launch(parse_job_main, &b, second);
	parse_job_main(&a);
	rte_eal_mp_wait_lcore();
	return one / a.ns + one / b.ns;
}

struct result {
	double mpps, ns_per_pkt, parse_ns;
};

static int
run(struct bench *b, struct rte_mbuf **tpl, enum sf_mode mode, uint16_t workers, double seconds,
    int serial, struct result *res)
{
	static struct sf_config cfg;
	static struct sf_dataplane dp;
	struct rte_ring *rx[2], *tx[2];
	char name[64];
	uint16_t lcores[2] = {(uint16_t)rte_get_main_lcore(), 0};
	from_rings_fn from_rings = find_from_rings();
	int ret;

	if (from_rings == NULL) {
		fprintf(stderr, "net_ring PMD not found (is librte_net_ring loaded?)\n");
		return -1;
	}
	if (workers == 2) {
		lcores[1] = (uint16_t)rte_get_next_lcore(lcores[0], 1, 0);
		if (lcores[1] >= RTE_MAX_LCORE) {
			fprintf(stderr, "2 workers need 2 lcores (EAL -l 0,1)\n");
			return -1;
		}
	}
	for (uint16_t w = 0; w < workers; w++) {
		snprintf(name, sizeof(name), "bench_rx%d_%u", serial, w);
		rx[w] = rte_ring_create(name, RING_SIZE, SOCKET_ID_ANY,
		                        RING_F_SP_ENQ | RING_F_SC_DEQ);
		snprintf(name, sizeof(name), "bench_tx%d_%u", serial, w);
		tx[w] = rte_ring_create(name, RING_SIZE, SOCKET_ID_ANY,
		                        RING_F_SP_ENQ | RING_F_SC_DEQ);
		if (rx[w] == NULL || tx[w] == NULL)
			return -1;
		b->feed[w] = (struct feed){
		        .rx = rx[w],
		        .tx = tx[w],
		        .tpl = tpl + w * TEMPLATES_PER_WORKER,
		        .n_tpl = TEMPLATES_PER_WORKER,
		};
	}
	snprintf(name, sizeof(name), "sfbench%d", serial);
	ret = from_rings(name, rx, workers, tx, workers, SOCKET_ID_ANY);
	if (ret < 0)
		return ret;

	sf_config_defaults(&cfg);
	cfg.mode = mode;
	cfg.stats_interval = 0;
	cfg.burst_size = b->burst;
	cfg.n_ports = 1;
	struct sf_port_conf *pc = &cfg.ports[0];

	snprintf(pc->name, sizeof(pc->name), "bench");
	snprintf(pc->device, sizeof(pc->device), "net_ring_%s", name);
	pc->mtu = 1500;
	pc->rx_desc = pc->tx_desc = 1024;
	pc->rx_queues = workers; /* the feeder plays RSS: one ring per worker */
	pc->n_ipv4 = 1;
	pc->ipv4[0] = rte_cpu_to_be_32(0xc6120001);
	pc->ipv4_plen[0] = 16;
	pc->has_mac = true;
	pc->mac = (struct rte_ether_addr){{0x02, 0, 0, 0, 0, 0x01}};
	snprintf(cfg.to_tag, sizeof(cfg.to_tag), "sfbench");

	/* The reference, on the same core, right before the run. */
	res->parse_ns = parse_ns_per_msg(tpl, TEMPLATES_PER_WORKER, 0.5);
	ret = sf_dp_init(&dp, &cfg, mode, lcores, workers);
	if (ret < 0)
		return ret;
	dp.hook = feed_hook;
	dp.hook_arg = b;
	uint64_t hz = rte_get_tsc_hz(), now = rte_rdtsc();

	b->ended = 0;
	b->workers = workers;
	b->warm_tsc = now + (uint64_t)(WARMUP_SECONDS * (double)hz);
	b->deadline = b->warm_tsc + (uint64_t)(seconds * (double)hz);
	if (workers == 2)
		rte_eal_remote_launch(sf_worker_main, dp.workers[1], lcores[1]);
	sf_worker_main(dp.workers[0]);
	rte_eal_mp_wait_lcore();

	double mpps = 0, ns = 0;

	for (uint16_t w = 0; w < workers; w++) {
		struct feed *f = &b->feed[w];
		double secs = (double)(f->end_tsc - f->start_tsc) / (double)hz;
		double pkts = (double)(f->end_rx - f->start_rx);

		if (getenv("SF_BENCH_DEBUG") != NULL)
			fprintf(stderr,
			        "worker %u: %.3f s, %.0f pkts, rx %" PRIu64 " sip %" PRIu64
			        " drops %" PRIu64 " tx %" PRIu64 " started %d ended %d\n",
			        w, secs, pkts, dp.workers[w]->stats.cnt[SF_CNT_rx_pkts],
			        dp.workers[w]->stats.cnt[SF_CNT_sip_msgs],
			        sf_stats_drops(&dp.workers[w]->stats),
			        dp.workers[w]->stats.cnt[SF_CNT_tx_pkts], f->started, f->ended);
		mpps += pkts / secs / 1e6;
		ns += secs * 1e9 / pkts / workers;
		/* Give back what is still in flight. */
		struct rte_mbuf *m = NULL;

		while (rte_ring_sc_dequeue(f->rx, (void **)&m) == 0)
			rte_pktmbuf_free(m);
		while (rte_ring_sc_dequeue(f->tx, (void **)&m) == 0)
			rte_pktmbuf_free(m);
	}
	res->mpps = mpps;
	res->ns_per_pkt = ns;

	unsigned avail, size;

	ret = sf_dp_teardown(&dp, &avail, &size);
	if (ret < 0)
		fprintf(stderr, "warning: mbufs %u/%u back in pool\n", avail, size);
	for (uint16_t w = 0; w < workers; w++) {
		rte_ring_free(rx[w]);
		rte_ring_free(tx[w]);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
	        {"json", no_argument, NULL, 'j'},
	        {"seconds", required_argument, NULL, 's'},
	        {"workers", required_argument, NULL, 'w'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	struct bench b = {.burst = 32};
	bool json = false;
	double seconds = 2.0;
	uint16_t worker_counts[2] = {1, 2}, n_counts = 2;
	int opt, ret;

	sf_log_init();
	ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(EXIT_FAILURE, "EAL initialisation failed\n");
	argc -= ret;
	argv += ret;
	rte_log_set_level(sf_logtype, RTE_LOG_WARNING);
	rte_log_set_level(RTE_LOGTYPE_USER1, RTE_LOG_WARNING);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "js:w:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'j': json = true; break;
		case 's': seconds = atof(optarg); break;
		case 'w':
			n_counts = 0;
			for (char *t = strtok(optarg, ","); t && n_counts < 2;
			     t = strtok(NULL, ","))
				worker_counts[n_counts++] = (uint16_t)atoi(t);
			break;
		default:
			printf("usage: sipfront-pipeline-bench [EAL options] -- [--json] "
			       "[--seconds S] [--workers 1,2]\n");
			return opt == 'h' ? 0 : 1;
		}
	}
	if (seconds <= 0 || seconds > 60)
		rte_exit(EXIT_FAILURE, "--seconds: 0..60\n");

	/* Templates: a pool of their own, never written by the workers. */
	unsigned n_tpl = 2 * TEMPLATES_PER_WORKER;
	struct rte_mempool *tpl_pool = rte_pktmbuf_pool_create(
	        "bench_tpl", n_tpl, 0, 0, RTE_MBUF_DEFAULT_BUF_SIZE, (int)rte_socket_id());
	struct rte_mbuf **tpl = calloc(n_tpl, sizeof(*tpl));
	size_t bytes = 0;

	if (tpl_pool == NULL || tpl == NULL || rte_pktmbuf_alloc_bulk(tpl_pool, tpl, n_tpl) != 0)
		rte_exit(EXIT_FAILURE, "cannot make the template frames\n");
	for (unsigned i = 0; i < n_tpl; i++) {
		build_frame(tpl[i], i % TEMPLATES_PER_WORKER + (i / TEMPLATES_PER_WORKER) * 3);
		bytes += tpl[i]->data_len;
	}

	parse_ns_per_msg(tpl, TEMPLATES_PER_WORKER, 0.5); /* warm-up: clocks, caches */
	if (!json) {
		printf("sipfront-pipeline-bench: %zu corpus messages as Ethernet/IPv4/UDP, %.0f B "
		       "mean frame, burst %u, %.1f s per run (+%.1f s warm-up), net_ring port\n",
		       bench_corpus_count, (double)bytes / n_tpl, b.burst, seconds, WARMUP_SECONDS);
		printf("parse = sf_sip_parse alone on the same messages, same core, right before "
		       "each run\n");
		printf("this machine's ceiling: sf_sip_parse alone on 2 lcores at once = %.2fx "
		       "one\n\n",
		       parse_scaling(tpl));
		printf("%-11s %7s %9s %15s %10s %14s\n", "mode", "workers", "Mpps", "ns/pkt/worker",
		       "parse ns", "vs parse");
	}
	static const enum sf_mode modes[2] = {SF_MODE_PARSE_ONLY, SF_MODE_PROXY};
	double one[2] = {0, 0};
	int serial = 0;

	for (int mi = 0; mi < 2; mi++) {
		for (uint16_t ci = 0; ci < n_counts; ci++) {
			struct result r;
			uint16_t wc = worker_counts[ci];

			if (wc < 1 || wc > 2)
				continue;
			if (run(&b, tpl, modes[mi], wc, seconds, serial++, &r) < 0)
				rte_exit(EXIT_FAILURE, "run failed\n");
			if (wc == 1)
				one[mi] = r.mpps;
			if (json) {
				printf("{\"mode\": \"%s\", \"workers\": %u, \"mpps\": %.4f, "
				       "\"ns_per_pkt\": %.2f, \"parse_ns_per_msg\": %.2f}\n",
				       sf_mode_name(modes[mi]), wc, r.mpps, r.ns_per_pkt,
				       r.parse_ns);
			} else {
				printf("%-11s %7u %9.3f %15.1f %10.1f %8.2fx (%+.0f%%)",
				       sf_mode_name(modes[mi]), wc, r.mpps, r.ns_per_pkt,
				       r.parse_ns, r.ns_per_pkt / r.parse_ns,
				       (r.ns_per_pkt / r.parse_ns - 1) * 100);
				if (wc == 2 && one[mi] > 0)
					printf("   scaling %.2fx one worker", r.mpps / one[mi]);
				printf("\n");
			}
			fflush(stdout);
		}
	}
	for (unsigned i = 0; i < n_tpl; i++)
		rte_pktmbuf_free(tpl[i]);
	free(tpl);
	rte_mempool_free(tpl_pool);
	sf_eal_cleanup_remove_runtime();
	return 0;
}
