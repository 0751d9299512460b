/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * sipfront, the daemon:
 *   sipfront [EAL args] -- -c CONFIG [--mode proxy|parse-only] [--stats-interval S]
 *
 * EAL, the configuration, the data plane on the worker lcores, telemetry,
 * then the main lcore prints a stats line every --stats-interval seconds
 * until SIGINT/SIGTERM. On the way out: workers stop, ports are stopped and
 * closed, everything held is freed, the final counters are printed and the
 * mbuf pool is checked to be whole again (exit 1 if it is not).
 */
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>

#include <sipfront/dataplane.h>

static volatile sig_atomic_t quit;

static void
on_signal(int sig)
{
	(void)sig;
	quit = 1;
}

static void
usage(const char *prog, FILE *f)
{
	fprintf(f,
	        "usage: %s [EAL options] -- -c CONFIG [--mode proxy|parse-only]"
	        " [--stats-interval S]\n"
	        "\n"
	        "  -c, --config FILE       INI configuration (see docs/config.md)\n"
	        "  -m, --mode MODE         proxy (answer/forward) or parse-only (count only);\n"
	        "                          overrides [sipfront] mode\n"
	        "  -s, --stats-interval S  print a stats line every S seconds (0: never);\n"
	        "                          overrides [sipfront] stats_interval\n"
	        "  -h, --help              this text\n"
	        "\n"
	        "Without a NIC or hugepages, for example:\n"
	        "  %s --no-huge -m 512 --no-pci --file-prefix sf -l 0,1 -- -c config/sipfront.ini\n"
	        "Runs until SIGINT or SIGTERM; telemetry: /sipfront/* (dpdk-telemetry.py -f "
	        "PREFIX).\n",
	        prog, prog);
}

/* Periodic line: rates over the last interval. */
static void
stats_line(const struct sf_stats *now, const struct sf_stats *before, double secs)
{
	double rx = (double)(now->cnt[SF_CNT_rx_pkts] - before->cnt[SF_CNT_rx_pkts]) / secs;
	double bits = (double)(now->cnt[SF_CNT_rx_bytes] - before->cnt[SF_CNT_rx_bytes]) * 8 / secs;
	double sip = (double)(now->cnt[SF_CNT_sip_msgs] - before->cnt[SF_CNT_sip_msgs]) / secs;
	double perr =
	        (double)(now->cnt[SF_CNT_sip_parse_errors] - before->cnt[SF_CNT_sip_parse_errors]) /
	        secs;
	double drops = (double)(sf_stats_drops(now) - sf_stats_drops(before)) / secs;
	double tx = (double)(now->cnt[SF_CNT_tx_pkts] - before->cnt[SF_CNT_tx_pkts]) / secs;

	printf("stats: rx %.3f Mpps (%.0f pkt/s) %.3f Gbit/s | sip %.0f msgs/s, parse errors "
	       "%.0f/s | drops %.0f/s | tx %.3f Mpps | totals rx %" PRIu64 " sip %" PRIu64
	       " tx %" PRIu64 "\n",
	       rx / 1e6, rx, bits / 1e9, sip, perr, drops, tx / 1e6, now->cnt[SF_CNT_rx_pkts],
	       now->cnt[SF_CNT_sip_msgs], now->cnt[SF_CNT_tx_pkts]);
	fflush(stdout);
}

static void
print_ports(const struct sf_dataplane *dp)
{
	for (uint16_t i = 0; i < dp->n_ports; i++) {
		const struct sf_port *p = &dp->ports[i];
		char mac[RTE_ETHER_ADDR_FMT_SIZE], ip[INET6_ADDRSTRLEN];

		rte_ether_format_addr(mac, sizeof(mac), &p->ifc.mac);
		printf("port %s: %s (ethdev %u) mac %s mtu %u%s, %u RX / %u TX queue(s), RSS %s\n",
		       p->conf->name, p->conf->device, p->port_id, mac, p->ifc.mtu,
		       p->ifc.vlan ? " vlan" : "", p->n_rxq, p->n_txq, p->rss ? "on IP" : "off");
		for (unsigned a = 0; a < p->ifc.n_ipv4; a++) {
			inet_ntop(AF_INET, &p->ifc.ipv4[a], ip, sizeof(ip));
			printf("  owns %s/%u\n", ip, p->ifc.ipv4_plen[a]);
		}
		for (unsigned a = 0; a < p->ifc.n_ipv6; a++) {
			inet_ntop(AF_INET6, p->ifc.ipv6[a], ip, sizeof(ip));
			printf("  owns %s/%u\n", ip, p->ifc.ipv6_plen[a]);
		}
	}
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
	        {"config", required_argument, NULL, 'c'},
	        {"mode", required_argument, NULL, 'm'},
	        {"stats-interval", required_argument, NULL, 's'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	static struct sf_config cfg;
	static struct sf_dataplane dp;
	const char *prog = argv[0], *config = NULL, *mode_arg = NULL;
	long interval = -1;
	uint16_t lcores[RTE_MAX_LCORE], n_lcores = 0;
	char err[512];
	int ret, opt;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			bool after_dashdash = false;

			for (int j = 1; j < i; j++)
				after_dashdash |= !strcmp(argv[j], "--");
			if (after_dashdash || i == 1) {
				usage(prog, stdout);
				return 0;
			}
		}
	}
	sf_log_init();
	ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(EXIT_FAILURE, "EAL initialisation failed: %s\n", rte_strerror(rte_errno));
	argc -= ret;
	argv += ret;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "c:m:s:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'c': config = optarg; break;
		case 'm': mode_arg = optarg; break;
		case 's': {
			char *end;

			interval = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || interval < 0 || interval > 86400)
				rte_exit(EXIT_FAILURE, "--stats-interval: 0..86400 seconds\n");
			break;
		}
		case 'h':
			usage(prog, stdout);
			rte_eal_cleanup();
			return 0;
		default: usage(prog, stderr); rte_exit(EXIT_FAILURE, "bad arguments\n");
		}
	}
	if (config == NULL) {
		usage(prog, stderr);
		rte_exit(EXIT_FAILURE, "no configuration: -c CONFIG is required\n");
	}
	ret = sf_config_load(config, &cfg, err, sizeof(err));
	if (ret < 0) {
		fprintf(stderr, "sipfront: %s\n", err);
		rte_eal_cleanup();
		return EXIT_FAILURE;
	}
	if (mode_arg != NULL && sf_mode_parse(mode_arg, &cfg.mode) < 0)
		rte_exit(EXIT_FAILURE, "--mode: '%s' is not proxy or parse-only\n", mode_arg);
	if (interval >= 0)
		cfg.stats_interval = (uint32_t)interval;
	rte_log_set_level(sf_logtype, cfg.log_level);

	/* Workers run on the EAL's worker lcores; the main lcore keeps the
	 * control work (stats line, signals) off the packet path. */
	if (cfg.lcores_auto) {
		unsigned l;

		RTE_LCORE_FOREACH_WORKER(l)
		lcores[n_lcores++] = (uint16_t)l;
	} else {
		for (uint16_t i = 0; i < cfg.n_lcores; i++) {
			unsigned l = cfg.lcores[i];

			if (!rte_lcore_is_enabled(l) || l == rte_get_main_lcore()) {
				fprintf(stderr,
				        "sipfront: %s:%d: [sipfront] lcores: lcore %u is not an "
				        "EAL "
				        "worker lcore (enable it with -l/--lcores; the main lcore "
				        "%u is not a worker)\n",
				        cfg.path, cfg.lcores_line, l, rte_get_main_lcore());
				rte_eal_cleanup();
				return EXIT_FAILURE;
			}
			lcores[n_lcores++] = (uint16_t)l;
		}
	}
	if (n_lcores == 0)
		rte_exit(EXIT_FAILURE, "no worker lcore: give EAL at least two lcores (-l 0,1); "
		                       "the main lcore does not poll\n");

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	ret = sf_dp_init(&dp, &cfg, cfg.mode, lcores, n_lcores);
	if (ret < 0)
		rte_exit(EXIT_FAILURE, "data plane setup failed: %s\n", rte_strerror(-ret));
	ret = sf_telemetry_register(&dp);
	if (ret < 0)
		rte_exit(EXIT_FAILURE, "telemetry setup failed: %s\n", rte_strerror(-ret));

	printf("sipfront: mode %s, %u worker(s), config %s, SIP on UDP", sf_mode_name(dp.mode),
	       n_lcores, cfg.path);
	for (unsigned i = 0; i < cfg.n_sip_ports; i++)
		printf("%s%u", i ? "," : " ", cfg.sip_ports[i]);
	printf("\n");
	print_ports(&dp);
	fflush(stdout);

	for (uint16_t i = 0; i < n_lcores; i++) {
		ret = rte_eal_remote_launch(sf_worker_main, dp.workers[i], lcores[i]);
		if (ret < 0)
			rte_exit(EXIT_FAILURE, "cannot launch lcore %u: %s\n", lcores[i],
			         rte_strerror(-ret));
	}

	struct sf_stats before, now;
	uint64_t hz = rte_get_tsc_hz(), last = rte_rdtsc();

	memset(&before, 0, sizeof(before));
	while (!quit) {
		usleep(100 * 1000);
		if (cfg.stats_interval == 0)
			continue;
		uint64_t t = rte_rdtsc();

		if (t - last >= hz * cfg.stats_interval) {
			sf_dp_stats(&dp, &now);
			stats_line(&now, &before, (double)(t - last) / (double)hz);
			before = now;
			last = t;
		}
	}

	printf("sipfront: stopping\n");
	sf_dp_stop(&dp);
	rte_eal_mp_wait_lcore();
	sf_dp_stats(&dp, &now);

	unsigned avail = 0, size = 0;

	ret = sf_dp_teardown(&dp, &avail, &size);
	printf("sipfront: final statistics (%s mode)\n", sf_mode_name(dp.mode));
	sf_stats_print(stdout, &now);
	printf("mbufs: %u/%u back in pool%s\n", avail, size, ret == 0 ? "" : " (LEAK)");
	fflush(stdout);
	rte_eal_cleanup();
	return ret == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
