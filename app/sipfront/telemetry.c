/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * DPDK telemetry commands under /sipfront/, readable with the stock
 * dpdk-telemetry.py (or any client of the v2 socket). The callbacks run on
 * the telemetry thread and only read: per-lcore counters are summed on
 * demand, ports and neighbours are read from shared, read-mostly state.
 *
 *   /sipfront/stats   scalar counters, plus drops and parse_errors totals
 *   /sipfront/drops   every drop reason (zero or not), by key
 *   /sipfront/sip     requests by method, responses by class, rejections
 *                     by parser reason, replies sent by class
 *   /sipfront/ports   per port: device, MAC, addresses, queues, RSS, ethdev stats
 *   /sipfront/config  the configuration in force
 *   /sipfront/neigh   the neighbour caches
 *   /sipfront/lcores  per worker: lcore, RX queues, rx/tx/sip counters
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_telemetry.h>

#include "sf_internal.h"

static struct sf_dataplane *tel_dp;

static int
tel_stats(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct sf_stats s;

	(void)cmd;
	(void)params;
	sf_dp_stats(tel_dp, &s);
	rte_tel_data_start_dict(d);
	for (unsigned i = 0; i < SF_CNT_COUNT; i++)
		rte_tel_data_add_dict_u64(d, sf_counter_name(i), s.cnt[i]);
	rte_tel_data_add_dict_u64(d, "drops", sf_stats_drops(&s));
	return 0;
}

static int
tel_drops(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct sf_stats s;

	(void)cmd;
	(void)params;
	sf_dp_stats(tel_dp, &s);
	rte_tel_data_start_dict(d);
	for (unsigned i = 1; i < SF_DROP_COUNT; i++)
		rte_tel_data_add_dict_u64(d, sf_drop_key(i), s.drop[i]);
	return 0;
}

static int
tel_sip(const char *cmd, const char *params, struct rte_tel_data *d)
{
	static const char *const cls[7] = {"", "1xx", "2xx", "3xx", "4xx", "5xx", "6xx"};
	struct rte_tel_data *methods = rte_tel_data_alloc(), *responses = rte_tel_data_alloc();
	struct rte_tel_data *rejects = rte_tel_data_alloc(), *replies = rte_tel_data_alloc();
	struct sf_stats s;

	(void)cmd;
	(void)params;
	if (methods == NULL || responses == NULL || rejects == NULL || replies == NULL) {
		rte_tel_data_free(methods);
		rte_tel_data_free(responses);
		rte_tel_data_free(rejects);
		rte_tel_data_free(replies);
		return -1;
	}
	sf_dp_stats(tel_dp, &s);
	rte_tel_data_start_dict(methods);
	for (unsigned i = 0; i < SF_SIP_METHOD_COUNT; i++)
		rte_tel_data_add_dict_u64(methods, sf_method_key(i), s.method[i]);
	rte_tel_data_start_dict(responses);
	rte_tel_data_start_dict(replies);
	for (unsigned i = 1; i < 7; i++) {
		rte_tel_data_add_dict_u64(responses, cls[i], s.status_class[i]);
		rte_tel_data_add_dict_u64(replies, cls[i], s.reply_class[i]);
	}
	rte_tel_data_start_dict(rejects);
	for (unsigned i = 1; i < SF_SIP_ERR_COUNT; i++)
		rte_tel_data_add_dict_u64(rejects, sf_reject_key(i), s.reject[i]);
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_u64(d, "msgs", s.cnt[SF_CNT_sip_msgs]);
	rte_tel_data_add_dict_u64(d, "parse_errors", s.cnt[SF_CNT_sip_parse_errors]);
	rte_tel_data_add_dict_container(d, "requests", methods, 0);
	rte_tel_data_add_dict_container(d, "responses", responses, 0);
	rte_tel_data_add_dict_container(d, "rejections", rejects, 0);
	rte_tel_data_add_dict_container(d, "replies", replies, 0);
	return 0;
}

static struct rte_tel_data *
addr_list(const struct sf_iface *ifc, int family)
{
	struct rte_tel_data *a = rte_tel_data_alloc();
	char buf[INET6_ADDRSTRLEN + 8];

	if (a == NULL)
		return NULL;
	rte_tel_data_start_array(a, RTE_TEL_STRING_VAL);
	unsigned n = family == 4 ? ifc->n_ipv4 : ifc->n_ipv6;

	for (unsigned i = 0; i < n; i++) {
		char ip[INET6_ADDRSTRLEN];

		if (family == 4)
			inet_ntop(AF_INET, &ifc->ipv4[i], ip, sizeof(ip));
		else
			inet_ntop(AF_INET6, ifc->ipv6[i], ip, sizeof(ip));
		snprintf(buf, sizeof(buf), "%s/%u", ip,
		         family == 4 ? ifc->ipv4_plen[i] : ifc->ipv6_plen[i]);
		rte_tel_data_add_array_string(a, buf);
	}
	return a;
}

static int
tel_ports(const char *cmd, const char *params, struct rte_tel_data *d)
{
	(void)cmd;
	(void)params;
	rte_tel_data_start_dict(d);
	for (uint16_t i = 0; i < tel_dp->n_ports; i++) {
		const struct sf_port *p = &tel_dp->ports[i];
		struct rte_tel_data *pd = rte_tel_data_alloc();
		struct rte_eth_stats es;
		struct rte_eth_link link;
		char mac[RTE_ETHER_ADDR_FMT_SIZE];

		if (pd == NULL)
			return -1;
		rte_tel_data_start_dict(pd);
		rte_tel_data_add_dict_int(pd, "port_id", p->port_id);
		rte_tel_data_add_dict_string(pd, "device", p->conf->device);
		rte_ether_format_addr(mac, sizeof(mac), &p->ifc.mac);
		rte_tel_data_add_dict_string(pd, "mac", mac);
		rte_tel_data_add_dict_int(pd, "mtu", p->ifc.mtu);
		rte_tel_data_add_dict_int(pd, "vlan", p->ifc.vlan);
		rte_tel_data_add_dict_int(pd, "rx_queues", p->n_rxq);
		rte_tel_data_add_dict_int(pd, "tx_queues", p->n_txq);
		rte_tel_data_add_dict_string(pd, "rss", p->rss ? "ip" : "off");
		struct rte_tel_data *v4 = addr_list(&p->ifc, 4), *v6 = addr_list(&p->ifc, 6);

		if (v4 != NULL)
			rte_tel_data_add_dict_container(pd, "ipv4", v4, 0);
		if (v6 != NULL)
			rte_tel_data_add_dict_container(pd, "ipv6", v6, 0);
		if (rte_eth_link_get_nowait(p->port_id, &link) == 0)
			rte_tel_data_add_dict_string(pd, "link", link.link_status ? "up" : "down");
		if (rte_eth_stats_get(p->port_id, &es) == 0) {
			rte_tel_data_add_dict_u64(pd, "ipackets", es.ipackets);
			rte_tel_data_add_dict_u64(pd, "opackets", es.opackets);
			rte_tel_data_add_dict_u64(pd, "ibytes", es.ibytes);
			rte_tel_data_add_dict_u64(pd, "obytes", es.obytes);
			rte_tel_data_add_dict_u64(pd, "imissed", es.imissed);
			rte_tel_data_add_dict_u64(pd, "ierrors", es.ierrors);
			rte_tel_data_add_dict_u64(pd, "oerrors", es.oerrors);
			rte_tel_data_add_dict_u64(pd, "rx_nombuf", es.rx_nombuf);
		}
		rte_tel_data_add_dict_container(d, p->conf->name, pd, 0);
	}
	return 0;
}

static int
tel_config(const char *cmd, const char *params, struct rte_tel_data *d)
{
	const struct sf_config *c = tel_dp->cfg;
	struct rte_tel_data *ports = rte_tel_data_alloc(), *lc = rte_tel_data_alloc();
	char buf[64];
	size_t n = 0;

	(void)cmd;
	(void)params;
	if (ports == NULL || lc == NULL) {
		rte_tel_data_free(ports);
		rte_tel_data_free(lc);
		return -1;
	}
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "file", c->path);
	rte_tel_data_add_dict_string(d, "mode", sf_mode_name(tel_dp->mode));
	rte_tel_data_add_dict_int(d, "workers", tel_dp->n_workers);
	rte_tel_data_start_array(lc, RTE_TEL_INT_VAL);
	for (uint16_t i = 0; i < tel_dp->n_workers; i++)
		rte_tel_data_add_array_int(lc, tel_dp->workers[i]->lcore_id);
	rte_tel_data_add_dict_container(d, "lcores", lc, 0);
	rte_tel_data_add_dict_int(d, "burst_size", c->burst_size);
	rte_tel_data_add_dict_int(d, "mempool_size", (int)c->mempool_size);
	rte_tel_data_add_dict_int(d, "mempool_cache", (int)c->mempool_cache);
	rte_tel_data_add_dict_int(d, "stats_interval", (int)c->stats_interval);
	rte_tel_data_add_dict_int(d, "log_level", (int)c->log_level);
	for (unsigned i = 0; i < c->n_sip_ports && n < sizeof(buf) - 8; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%u", i ? "," : "",
		                      c->sip_ports[i]);
	buf[n] = '\0';
	rte_tel_data_add_dict_string(d, "sip_ports", buf);
	rte_tel_data_add_dict_string(d, "to_tag", c->to_tag);
	rte_tel_data_add_dict_int(d, "max_msg_size", (int)c->limits.max_msg_size);
	rte_tel_data_start_array(ports, RTE_TEL_STRING_VAL);
	for (unsigned i = 0; i < c->n_ports; i++)
		rte_tel_data_add_array_string(ports, c->ports[i].name);
	rte_tel_data_add_dict_container(d, "ports", ports, 0);
	return 0;
}

static int
tel_neigh(const char *cmd, const char *params, struct rte_tel_data *d)
{
	(void)cmd;
	(void)params;
	rte_tel_data_start_dict(d);
	for (uint16_t i = 0; i < tel_dp->n_ports; i++) {
		const struct sf_port *p = &tel_dp->ports[i];
		struct rte_tel_data *pd = rte_tel_data_alloc();

		if (pd == NULL)
			return -1;
		rte_tel_data_start_array(pd, RTE_TEL_STRING_VAL);
		for (uint32_t e = 0; e < sf_neigh_capacity(p->neigh); e++) {
			struct sf_neigh_info info;
			char ip[INET6_ADDRSTRLEN], mac[RTE_ETHER_ADDR_FMT_SIZE], line[128];

			if (!sf_neigh_get(p->neigh, e, &info))
				continue;
			inet_ntop(info.family == 4 ? AF_INET : AF_INET6, info.addr, ip, sizeof(ip));
			rte_ether_format_addr(mac, sizeof(mac), &info.mac);
			snprintf(line, sizeof(line), "%s %s %s", ip,
			         info.state == SF_NEIGH_REACHABLE ? mac : "-",
			         sf_neigh_state_name(info.state));
			if (rte_tel_data_add_array_string(pd, line) < 0)
				break;
		}
		rte_tel_data_add_dict_container(d, p->conf->name, pd, 0);
	}
	return 0;
}

static int
tel_lcores(const char *cmd, const char *params, struct rte_tel_data *d)
{
	(void)cmd;
	(void)params;
	rte_tel_data_start_dict(d);
	for (uint16_t i = 0; i < tel_dp->n_workers; i++) {
		const struct sf_worker *w = tel_dp->workers[i];
		struct rte_tel_data *wd = rte_tel_data_alloc();
		struct sf_stats s;
		char key[32];

		if (wd == NULL)
			return -1;
		memset(&s, 0, sizeof(s));
		sf_stats_add(&s, &w->stats);
		rte_tel_data_start_dict(wd);
		rte_tel_data_add_dict_int(wd, "lcore", w->lcore_id);
		rte_tel_data_add_dict_int(wd, "rx_queues", w->n_rxq);
		rte_tel_data_add_dict_u64(wd, "rx_pkts", s.cnt[SF_CNT_rx_pkts]);
		rte_tel_data_add_dict_u64(wd, "tx_pkts", s.cnt[SF_CNT_tx_pkts]);
		rte_tel_data_add_dict_u64(wd, "sip_msgs", s.cnt[SF_CNT_sip_msgs]);
		rte_tel_data_add_dict_u64(wd, "drops", sf_stats_drops(&s));
		snprintf(key, sizeof(key), "worker%u", i);
		rte_tel_data_add_dict_container(d, key, wd, 0);
	}
	return 0;
}

int
sf_telemetry_register(struct sf_dataplane *dp)
{
	static const struct {
		const char *cmd;
		telemetry_cb fn;
		const char *help;
	} cmds[] = {
	        {"/sipfront/stats", tel_stats, "sipfront counters summed over workers"},
	        {"/sipfront/drops", tel_drops, "sipfront drops by reason"},
	        {"/sipfront/sip", tel_sip, "SIP by method, status class, rejection, reply"},
	        {"/sipfront/ports", tel_ports, "sipfront ports, addresses and ethdev stats"},
	        {"/sipfront/config", tel_config, "sipfront configuration in force"},
	        {"/sipfront/neigh", tel_neigh, "sipfront neighbour caches (ARP/ND)"},
	        {"/sipfront/lcores", tel_lcores, "sipfront per-worker counters"},
	};

	tel_dp = dp;
	for (unsigned i = 0; i < RTE_DIM(cmds); i++) {
		int ret = rte_telemetry_register_cmd(cmds[i].cmd, cmds[i].fn, cmds[i].help);

		if (ret < 0) {
			SF_LOG(ERR, "telemetry command %s: %s", cmds[i].cmd, rte_strerror(-ret));
			return ret;
		}
	}
	return 0;
}
