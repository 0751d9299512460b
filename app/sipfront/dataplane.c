/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Setup and teardown of the data plane: mempools, ports (probed from the
 * config's device strings, one RX queue per worker with RSS on the IP
 * addresses where the PMD can, one TX queue per worker always), the
 * per-lcore workers, and at the end the accounting of every mbuf.
 *
 * Setup returns negative errno with the reason logged; the caller exits.
 */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <rte_bus.h>
#include <rte_cycles.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_malloc.h>

#include "sf_internal.h"

int sf_logtype;

void
sf_log_init(void)
{
	sf_logtype = rte_log_register_type_and_pick_level("sipfront", RTE_LOG_INFO);
	if (sf_logtype < 0)
		sf_logtype = RTE_LOGTYPE_USER1;
}

static struct sf_port *
port_of(struct sf_dataplane *dp, uint16_t port_id)
{
	for (uint16_t i = 0; i < dp->n_ports; i++)
		if (dp->ports[i].port_id == port_id)
			return &dp->ports[i];
	return NULL;
}

/* The ethdev of a device string: an existing port of that name (PCI address
 * or vdev name, e.g. from --vdev), else probed now from the string. */
static int
port_probe(const char *device, uint16_t *port_id)
{
	char name[SF_MAX_DEV_LEN];
	const char *comma = strchr(device, ',');
	size_t n = comma ? (size_t)(comma - device) : strlen(device);
	int ret;

	memcpy(name, device, n);
	name[n] = '\0';
	if (rte_eth_dev_get_port_by_name(name, port_id) == 0)
		return 0;
	ret = rte_dev_probe(device);
	if (ret < 0) {
		SF_LOG(ERR, "device '%s': probe failed: %s", device, rte_strerror(-ret));
		return ret;
	}
	if (rte_eth_dev_get_port_by_name(name, port_id) != 0) {
		SF_LOG(ERR, "device '%s': probed, but no ethdev named '%s'", device, name);
		return -ENODEV;
	}
	return 0;
}

static void
iface_fill(struct sf_iface *ifc, const struct sf_port_conf *pc, const struct sf_config *cfg)
{
	ifc->vlan = pc->vlan;
	ifc->mtu = pc->mtu;
	ifc->n_ipv4 = pc->n_ipv4;
	memcpy(ifc->ipv4, pc->ipv4, sizeof(pc->ipv4));
	memcpy(ifc->ipv4_plen, pc->ipv4_plen, sizeof(pc->ipv4_plen));
	ifc->n_ipv6 = pc->n_ipv6;
	memcpy(ifc->ipv6, pc->ipv6, sizeof(pc->ipv6));
	memcpy(ifc->ipv6_plen, pc->ipv6_plen, sizeof(pc->ipv6_plen));
	if (pc->n_ipv6 != 0) {
		/* ND runs between link-local addresses (RFC 4861): own ours. */
		uint8_t ll[16];

		sf_ipv6_link_local(&ifc->mac, ll);
		if (sf_iface_ipv6_index(ifc, ll) < 0) {
			memcpy(ifc->ipv6[ifc->n_ipv6], ll, 16);
			ifc->ipv6_plen[ifc->n_ipv6] = 64;
			ifc->n_ipv6++;
		}
	}
	ifc->n_sip_ports = cfg->n_sip_ports;
	memcpy(ifc->sip_ports, cfg->sip_ports, sizeof(cfg->sip_ports));
}

static int
port_setup(struct sf_dataplane *dp, uint16_t idx, const struct sf_port_conf *pc)
{
	struct sf_port *port = &dp->ports[idx];
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	uint16_t nb_rxd = pc->rx_desc, nb_txd = pc->tx_desc;
	int socket, ret;

	port->index = idx;
	port->conf = pc;
	ret = port_probe(pc->device, &port->port_id);
	if (ret < 0)
		return ret;
	if (port_of(dp, port->port_id) != port) {
		SF_LOG(ERR, "[port %s]: device already used by another port", pc->name);
		return -EEXIST;
	}
	socket = rte_eth_dev_socket_id(port->port_id);
	if (socket < 0)
		socket = (int)rte_socket_id();
	ret = rte_eth_dev_info_get(port->port_id, &info);
	if (ret != 0) {
		SF_LOG(ERR, "[port %s]: no device info: %s", pc->name, rte_strerror(-ret));
		return ret;
	}

	/* RSS on the IP addresses only: one source (and every fragment of
	 * its datagrams) always reaches the same worker. */
	memset(&conf, 0, sizeof(conf));
	port->rss_hf = info.flow_type_rss_offloads & RTE_ETH_RSS_IP;
	port->n_rxq = 1;
	if (pc->rx_queues != 0)
		/* Asked for: the device or its sender spreads the traffic
		 * (net_ring, af_packet fanout), RSS or not. */
		port->n_rxq = RTE_MIN(pc->rx_queues, RTE_MIN(dp->n_workers, info.max_rx_queues));
	else if (dp->n_workers > 1 && port->rss_hf != 0 && info.max_rx_queues > 1)
		port->n_rxq = RTE_MIN(dp->n_workers, info.max_rx_queues);
	if (port->n_rxq > 1 && port->rss_hf != 0) {
		port->rss = true;
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf = port->rss_hf;
	}
	port->n_txq = dp->n_workers;
	if (info.max_tx_queues < port->n_txq) {
		SF_LOG(ERR,
		       "[port %s]: the PMD offers %u TX queue(s) for %u workers (every worker "
		       "needs its own): give the device more queues or use fewer lcores",
		       pc->name, info.max_tx_queues, dp->n_workers);
		return -EINVAL;
	}
	port->rx_offloads = info.rx_offload_capa &
	                    (RTE_ETH_RX_OFFLOAD_IPV4_CKSUM | RTE_ETH_RX_OFFLOAD_UDP_CKSUM);
	port->tx_offloads = info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	conf.rxmode.offloads = port->rx_offloads;
	conf.txmode.offloads = port->tx_offloads;
	ret = rte_eth_dev_configure(port->port_id, port->n_rxq, port->n_txq, &conf);
	if (ret < 0) {
		SF_LOG(ERR, "[port %s]: configure failed: %s", pc->name, rte_strerror(-ret));
		return ret;
	}
	ret = rte_eth_dev_adjust_nb_rx_tx_desc(port->port_id, &nb_rxd, &nb_txd);
	if (ret < 0) {
		SF_LOG(ERR, "[port %s]: descriptors: %s", pc->name, rte_strerror(-ret));
		return ret;
	}
	ret = rte_eth_dev_set_mtu(port->port_id, pc->mtu);
	if (ret < 0 && ret != -ENOTSUP)
		SF_LOG(WARNING, "[port %s]: cannot set MTU %u (%s); fragmenting at %u anyway",
		       pc->name, pc->mtu, rte_strerror(-ret), pc->mtu);
	for (uint16_t q = 0; q < port->n_rxq; q++) {
		ret = rte_eth_rx_queue_setup(port->port_id, q, nb_rxd, (unsigned)socket, NULL,
		                             dp->pool);
		if (ret < 0) {
			SF_LOG(ERR, "[port %s]: RX queue %u: %s", pc->name, q, rte_strerror(-ret));
			return ret;
		}
	}
	for (uint16_t q = 0; q < port->n_txq; q++) {
		ret = rte_eth_tx_queue_setup(port->port_id, q, nb_txd, (unsigned)socket, NULL);
		if (ret < 0) {
			SF_LOG(ERR, "[port %s]: TX queue %u: %s", pc->name, q, rte_strerror(-ret));
			return ret;
		}
	}
	ret = rte_eth_macaddr_get(port->port_id, &port->ifc.mac);
	if (ret < 0)
		return ret;
	if (pc->has_mac) {
		/* Virtual devices (pcap, ring) cannot change their MAC; the
		 * decoders filter in software, so the configured one is ours. */
		ret = rte_eth_dev_default_mac_addr_set(port->port_id,
		                                       (struct rte_ether_addr *)&pc->mac);
		if (ret < 0 && ret != -ENOTSUP) {
			SF_LOG(ERR, "[port %s]: cannot set MAC: %s", pc->name, rte_strerror(-ret));
			return ret;
		}
		if (ret == -ENOTSUP)
			SF_LOG(NOTICE, "[port %s]: the PMD keeps its MAC; %s used in software",
			       pc->name, "the configured one is");
		port->ifc.mac = pc->mac;
	}
	iface_fill(&port->ifc, pc, dp->cfg);

	size_t tsize = sf_neigh_table_size(dp->cfg->neigh_entries);
	void *mem = rte_zmalloc_socket("sf_neigh", tsize, RTE_CACHE_LINE_SIZE, socket);
	struct sf_neigh_params np = {
	        .reachable = dp->tsc_hz * dp->cfg->neigh_reachable_s,
	        .retrans = dp->tsc_hz / 1000 * dp->cfg->neigh_retrans_ms,
	        .max_probes = dp->cfg->neigh_probes,
	};

	if (mem == NULL)
		return -ENOMEM;
	port->neigh = sf_neigh_table_init(mem, dp->cfg->neigh_entries, &np);
	return 0;
}

static int
port_start(struct sf_port *port)
{
	const struct sf_port_conf *pc = port->conf;
	int ret = rte_eth_dev_start(port->port_id);

	if (ret < 0) {
		SF_LOG(ERR, "[port %s]: start failed: %s", pc->name, rte_strerror(-ret));
		return ret;
	}
	/* ND needs the solicited-node groups: all-multicast is enough. */
	if (pc->promiscuous)
		ret = rte_eth_promiscuous_enable(port->port_id);
	else if (pc->n_ipv6 != 0)
		ret = rte_eth_allmulticast_enable(port->port_id);
	if (ret < 0 && ret != -ENOTSUP)
		SF_LOG(WARNING, "[port %s]: promiscuous/all-multicast: %s", pc->name,
		       rte_strerror(-ret));
	return 0;
}

static int
worker_create(struct sf_dataplane *dp, uint16_t index, uint16_t lcore)
{
	const struct sf_config *cfg = dp->cfg;
	int socket = (int)rte_lcore_to_socket_id(lcore);
	struct sf_worker *w =
	        rte_zmalloc_socket("sf_worker", sizeof(*w), RTE_CACHE_LINE_SIZE, socket);

	if (w == NULL)
		return -ENOMEM;
	dp->workers[index] = w;
	w->dp = dp;
	w->index = index;
	w->lcore_id = lcore;
	w->probes_duty = index == 0;
	w->ip_id = (uint16_t)(index << 12);
	w->parser =
	        rte_zmalloc_socket("sf_parser", sizeof(*w->parser), RTE_CACHE_LINE_SIZE, socket);
	w->msg = rte_zmalloc_socket("sf_msg", sizeof(*w->msg), RTE_CACHE_LINE_SIZE, socket);
	w->scratch = rte_malloc_socket("sf_scratch", SF_SCRATCH_SIZE, RTE_CACHE_LINE_SIZE, socket);
	w->reply = rte_malloc_socket("sf_reply", SF_SCRATCH_SIZE, RTE_CACHE_LINE_SIZE, socket);
	w->max_pending = cfg->neigh_pending;
	w->pending =
	        rte_zmalloc_socket("sf_pending", sizeof(*w->pending) * RTE_MAX(w->max_pending, 1u),
	                           RTE_CACHE_LINE_SIZE, socket);
	if (w->parser == NULL || w->msg == NULL || w->scratch == NULL || w->reply == NULL ||
	    w->pending == NULL)
		return -ENOMEM;
	if (sf_sip_parser_init(w->parser, SF_SIP_SCAN_AUTO) < 0 ||
	    sf_sip_parser_set_limits(w->parser, &cfg->limits) < 0) {
		SF_LOG(ERR, "SIP parser limits rejected");
		return -EINVAL;
	}

	/* Reassembly: flows spread over buckets of 4 (bucket_num must give
	 * a power-of-two total); entries time out after timeout_ms. */
	uint32_t buckets = rte_align32pow2(RTE_MAX(cfg->frag_flows / 4, 1u));
	uint64_t frag_cycles = (dp->tsc_hz + 999) / 1000 * cfg->frag_timeout_ms;

	w->frag_tbl = rte_ip_frag_table_create(buckets, 4, buckets * 4, frag_cycles, socket);
	if (w->frag_tbl == NULL) {
		SF_LOG(ERR, "worker %u: cannot create the reassembly table", index);
		return -ENOMEM;
	}
	for (uint16_t p = 0; p < dp->n_ports; p++) {
		w->txq[p] = index;
		w->txb[p] = rte_zmalloc_socket("sf_txb", RTE_ETH_TX_BUFFER_SIZE(cfg->burst_size),
		                               RTE_CACHE_LINE_SIZE, socket);
		if (w->txb[p] == NULL)
			return -ENOMEM;
		rte_eth_tx_buffer_init(w->txb[p], cfg->burst_size);
		rte_eth_tx_buffer_set_err_callback(w->txb[p], sf_tx_unsent, w);
		/* Queue q of every port is served by worker q. */
		if (index < dp->ports[p].n_rxq) {
			w->rxq[w->n_rxq].port = p;
			w->rxq[w->n_rxq].queue = index;
			w->n_rxq++;
		}
	}
	return 0;
}

static void
worker_free(struct sf_worker *w)
{
	if (w == NULL)
		return;
	for (uint16_t p = 0; p < w->dp->n_ports; p++)
		rte_free(w->txb[p]);
	if (w->frag_tbl != NULL)
		rte_ip_frag_table_destroy(w->frag_tbl);
	rte_free(w->pending);
	rte_free(w->reply);
	rte_free(w->scratch);
	rte_free(w->msg);
	rte_free(w->parser);
	rte_free(w);
}

int
sf_dp_init(struct sf_dataplane *dp, const struct sf_config *cfg, enum sf_mode mode,
           const uint16_t *lcores, uint16_t n_lcores)
{
	uint16_t max_mtu = 0;
	int ret;

	memset(dp, 0, sizeof(*dp));
	dp->cfg = cfg;
	dp->mode = mode;
	dp->tsc_hz = rte_get_tsc_hz();
	dp->timer_cycles = dp->tsc_hz / 1000; /* housekeeping every millisecond */
	dp->neigh_hold_cycles = dp->tsc_hz / 1000 * cfg->neigh_retrans_ms * cfg->neigh_probes;
	dp->n_workers = n_lcores;
	dp->reply_conf = (struct sf_reply_conf){
	        .to_tag = cfg->to_tag,
	        .server = cfg->server,
	        .allow = cfg->allow,
	        .accept = cfg->accept,
	};
	for (uint16_t i = 0; i < cfg->n_ports; i++)
		max_mtu = RTE_MAX(max_mtu, cfg->ports[i].mtu);
	/* One frame of the largest MTU (+ Ethernet and a VLAN tag) per mbuf,
	 * unless configured larger (net_af_packet hands over datagrams the
	 * kernel has already reassembled). */
	uint32_t data_room =
	        RTE_PKTMBUF_HEADROOM + RTE_MAX(2048u, RTE_ALIGN_CEIL(max_mtu + 22u, 64u));

	if (cfg->mbuf_size != 0)
		data_room = RTE_PKTMBUF_HEADROOM + RTE_MAX(cfg->mbuf_size, max_mtu + 22u);

	dp->pool = rte_pktmbuf_pool_create("sf_mbufs", cfg->mempool_size, cfg->mempool_cache, 0,
	                                   (uint16_t)data_room, (int)rte_socket_id());
	if (dp->pool == NULL) {
		SF_LOG(ERR, "cannot create a pool of %u mbufs: %s (lower mempool_size or raise -m)",
		       cfg->mempool_size, rte_strerror(rte_errno));
		return -ENOMEM;
	}
	dp->indirect_pool =
	        rte_pktmbuf_pool_create("sf_indirect", 2047, 32, 0, 0, (int)rte_socket_id());
	if (dp->indirect_pool == NULL) {
		SF_LOG(ERR, "cannot create the indirect mbuf pool: %s", rte_strerror(rte_errno));
		return -ENOMEM;
	}
	/* Build the lower-case rejection keys now, before any reader thread. */
	for (unsigned i = 0; i < SF_SIP_ERR_COUNT; i++)
		sf_reject_key(i);
	dp->n_ports = cfg->n_ports;
	for (uint16_t i = 0; i < cfg->n_ports; i++) {
		ret = port_setup(dp, i, &cfg->ports[i]);
		if (ret < 0)
			return ret;
	}
	/* rte_ip_frag logs every table it makes at INFO on USER1. */
	if (rte_log_get_level(RTE_LOGTYPE_USER1) > (int)RTE_LOG_NOTICE)
		rte_log_set_level(RTE_LOGTYPE_USER1, RTE_LOG_NOTICE);
	for (uint16_t i = 0; i < n_lcores; i++) {
		ret = worker_create(dp, i, lcores[i]);
		if (ret < 0) {
			SF_LOG(ERR, "worker %u: %s", i, rte_strerror(-ret));
			return ret;
		}
	}
	for (uint16_t i = 0; i < dp->n_ports; i++) {
		ret = port_start(&dp->ports[i]);
		if (ret < 0)
			return ret;
	}
	return 0;
}

void
sf_dp_stop(struct sf_dataplane *dp)
{
	__atomic_store_n(&dp->stop, 1, __ATOMIC_RELAXED);
}

int
sf_dp_teardown(struct sf_dataplane *dp, unsigned *avail, unsigned *size)
{
	/* The workers have returned: their queues are ours now. */
	for (uint16_t i = 0; i < dp->n_workers; i++) {
		struct sf_worker *w = dp->workers[i];

		if (w == NULL)
			continue;
		if (w->txb[0] != NULL)
			sf_tx_flush(w);
		sf_pending_free(w);
		rte_ip_frag_free_death_row(&w->death_row, 0);
	}
	for (uint16_t i = 0; i < dp->n_ports; i++) {
		struct sf_port *p = &dp->ports[i];
		int ret = rte_eth_dev_stop(p->port_id);

		if (ret < 0)
			SF_LOG(WARNING, "[port %s]: stop: %s", p->conf->name, rte_strerror(-ret));
		rte_eth_dev_close(p->port_id);
		rte_free(p->neigh);
		p->neigh = NULL;
	}
	for (uint16_t i = 0; i < dp->n_workers; i++) {
		worker_free(dp->workers[i]); /* frees mbufs held for reassembly */
		dp->workers[i] = NULL;
	}
	*avail = dp->pool ? rte_mempool_avail_count(dp->pool) : 0;
	*size = dp->pool ? dp->pool->size : 0;
	bool indirect_ok = dp->indirect_pool == NULL ||
	                   rte_mempool_avail_count(dp->indirect_pool) == dp->indirect_pool->size;
	int ret = (*avail == *size && indirect_ok) ? 0 : -EBUSY;

	rte_mempool_free(dp->indirect_pool);
	if (ret == 0)
		rte_mempool_free(dp->pool);
	return ret;
}

void
sf_dp_stats(const struct sf_dataplane *dp, struct sf_stats *sum)
{
	memset(sum, 0, sizeof(*sum));
	for (uint16_t i = 0; i < dp->n_workers; i++)
		if (dp->workers[i] != NULL)
			sf_stats_add(sum, &dp->workers[i]->stats);
}

int
sf_route(const struct sf_dataplane *dp, uint8_t family, const uint8_t *dst, uint8_t nexthop[16])
{
	for (uint16_t i = 0; i < dp->n_ports; i++) {
		const struct sf_iface *ifc = &dp->ports[i].ifc;

		if (family == 4) {
			rte_be32_t a;

			memcpy(&a, dst, 4);
			for (unsigned j = 0; j < ifc->n_ipv4; j++) {
				if (sf_ipv4_in_prefix(a, ifc->ipv4[j], ifc->ipv4_plen[j])) {
					memcpy(nexthop, dst, 4);
					return i;
				}
			}
		} else {
			for (unsigned j = 0; j < ifc->n_ipv6; j++) {
				if (sf_ipv6_in_prefix(dst, ifc->ipv6[j], ifc->ipv6_plen[j])) {
					memcpy(nexthop, dst, 16);
					return i;
				}
			}
		}
	}
	for (uint16_t i = 0; i < dp->n_ports; i++) {
		const struct sf_port_conf *pc = dp->ports[i].conf;

		if (family == 4 && pc->has_gateway4) {
			memcpy(nexthop, &pc->gateway4, 4);
			return i;
		}
		if (family == 6 && pc->has_gateway6) {
			memcpy(nexthop, pc->gateway6, 16);
			return i;
		}
	}
	return -1;
}

static int
remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

void
sf_eal_cleanup_remove_runtime(void)
{
	char runtime[PATH_MAX];

	/* Copied first: the EAL's own string is gone after the cleanup. */
	snprintf(runtime, sizeof(runtime), "%s", rte_eal_get_runtime_dir());
	rte_eal_cleanup();
	nftw(runtime, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}
