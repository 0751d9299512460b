/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The daemon's configuration: one INI file read through rte_cfgfile and
 * validated as a whole at load. Every error names the file and the line of
 * the offending key or section ("sipfront.ini:12: [port public] mtu: ...")
 * and loading stops there; nothing half-valid reaches the data plane.
 * Every key is documented in docs/config.md.
 */
#ifndef SIPFRONT_CONFIG_H
#define SIPFRONT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_ether.h>
#include <rte_lcore.h>

#include <sipfront/net.h>
#include <sipfront/sip.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SF_MAX_PORTS    8
#define SF_MAX_NAME_LEN 32
#define SF_MAX_DEV_LEN  256

enum sf_mode {
	SF_MODE_PROXY = 0,
	SF_MODE_PARSE_ONLY,
};

struct sf_port_conf {
	char name[SF_MAX_NAME_LEN];  /* from [port NAME] */
	char device[SF_MAX_DEV_LEN]; /* PCI address or vdev string */
	bool has_mac;
	struct rte_ether_addr mac;
	uint16_t mtu;
	uint16_t vlan;
	uint16_t rx_desc, tx_desc;
	uint16_t rx_queues; /* 0: one per worker with RSS, else one */
	bool promiscuous;
	uint8_t n_ipv4, n_ipv6;
	rte_be32_t ipv4[SF_MAX_ADDRS];
	uint8_t ipv4_plen[SF_MAX_ADDRS];
	uint8_t ipv6[SF_MAX_ADDRS][16];
	uint8_t ipv6_plen[SF_MAX_ADDRS];
	bool has_gateway4, has_gateway6;
	rte_be32_t gateway4;
	uint8_t gateway6[16];
	int line; /* of the section header, for later errors */
};

struct sf_config {
	char path[256];
	enum sf_mode mode;
	uint32_t log_level;      /* RTE_LOG_* */
	uint32_t stats_interval; /* seconds, 0: off */
	uint32_t mempool_size, mempool_cache;
	uint32_t mbuf_size; /* data room per mbuf, 0: from the largest MTU */
	uint16_t burst_size;
	uint32_t idle_sleep_us; /* 0: pure polling */
	uint8_t ttl;
	bool lcores_auto;
	uint16_t n_lcores;
	uint16_t lcores[RTE_MAX_LCORE];
	int lcores_line;

	/* [sip] */
	uint8_t n_sip_ports;
	uint16_t sip_ports[SF_MAX_SIP_PORTS];
	struct sf_sip_limits limits;
	char to_tag[64];
	char server[128];
	char allow[256];
	char accept[128];

	/* [neighbour] */
	uint32_t neigh_entries;
	uint32_t neigh_reachable_s;
	uint32_t neigh_retrans_ms;
	uint32_t neigh_probes;
	uint32_t neigh_pending;

	/* [reassembly] */
	uint32_t frag_flows;
	uint32_t frag_timeout_ms;

	uint16_t n_ports;
	struct sf_port_conf ports[SF_MAX_PORTS];
};

/* Defaults for everything (no ports). */
void sf_config_defaults(struct sf_config *cfg);
/* Loads and validates path into cfg. On error returns a negative errno and
 * writes "path:line: message" into err. */
int sf_config_load(const char *path, struct sf_config *cfg, char *err, size_t errlen);
const char *sf_mode_name(enum sf_mode mode);
int sf_mode_parse(const char *s, enum sf_mode *mode);

#ifdef __cplusplus
}
#endif

#endif /* SIPFRONT_CONFIG_H */
