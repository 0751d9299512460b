/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Loads and validates the INI configuration (see docs/config.md).
 *
 * rte_cfgfile does the parsing but keeps no line numbers, so the file text
 * is scanned once more, line by line, for two things: a syntax check that
 * reports "file:line" before rte_cfgfile would fail anonymously, and the
 * line of a section or key when a value turns out to be invalid. Unknown
 * sections and keys are errors too: a typo must not silently mean "default".
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <rte_cfgfile.h>
#include <rte_log.h>
#include <rte_mbuf.h>

#include <sipfront/config.h>

#define MAX_FILE    (1 << 20)
#define MAX_ENTRIES 64

struct loader {
	const char *path;
	char *text; /* the file, for line lookups */
	struct rte_cfgfile *cfg;
	char *err;
	size_t errlen;
	const char *section; /* current, for messages */
};

static int
fail_at(struct loader *ld, int line, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(ld->err, ld->errlen, "%s:%d: ", ld->path, line);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < ld->errlen)
		vsnprintf(ld->err + n, ld->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static char *
trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *e = s + strlen(s);

	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Line of [section] (key NULL) or of the nth key inside it; 0 when not found. */
static int
find_line_nth(const struct loader *ld, const char *section, const char *key, int nth)
{
	const char *p = ld->text;
	bool in = false;
	int line = 0;

	while (*p != '\0') {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		char buf[512];

		line++;
		if (n >= sizeof(buf))
			n = sizeof(buf) - 1;
		memcpy(buf, p, n);
		buf[n] = '\0';
		char *c = strchr(buf, ';');

		if (c != NULL)
			*c = '\0';
		char *s = trim(buf);

		if (*s == '[') {
			char *e = strchr(s, ']');

			if (e != NULL)
				*e = '\0';
			in = strcmp(trim(s + 1), section) == 0;
			if (in && key == NULL)
				return line;
		} else if (in && key != NULL) {
			char *eq = strchr(s, '=');

			if (eq != NULL) {
				*eq = '\0';
				if (strcmp(trim(s), key) == 0 && --nth == 0)
					return line;
			}
		}
		if (eol == NULL)
			break;
		p = eol + 1;
	}
	return 0;
}

static int
find_line(const struct loader *ld, const char *section, const char *key)
{
	return find_line_nth(ld, section, key, 1);
}

/* The syntax rte_cfgfile accepts, checked with line numbers first. */
static int
check_syntax(struct loader *ld)
{
	const char *p = ld->text;
	int line = 0;
	bool any_section = false;

	while (*p != '\0') {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		char buf[CFG_NAME_LEN + CFG_VALUE_LEN + 8];

		line++;
		if (n >= sizeof(buf) - 1)
			return fail_at(ld, line, "line longer than %zu characters",
			               sizeof(buf) - 2);
		memcpy(buf, p, n);
		buf[n] = '\0';
		char *c = strchr(buf, ';');

		if (c != NULL)
			*c = '\0';
		char *s = trim(buf);

		if (*s == '#')
			return fail_at(ld, line, "comments start with ';'");
		if (*s == '[') {
			char *e = strchr(s, ']');

			if (e == NULL || trim(e + 1)[0] != '\0')
				return fail_at(ld, line,
				               "malformed section header, expected [name]");
			*e = '\0';
			if (*trim(s + 1) == '\0')
				return fail_at(ld, line, "empty section name");
			if (strlen(trim(s + 1)) >= CFG_NAME_LEN)
				return fail_at(ld, line, "section name too long");
			any_section = true;
		} else if (*s != '\0') {
			char *eq = strchr(s, '=');

			if (eq == NULL)
				return fail_at(ld, line, "expected 'key = value'");
			if (!any_section)
				return fail_at(ld, line, "key outside of any [section]");
			*eq = '\0';
			char *k = trim(s);

			if (*k == '\0')
				return fail_at(ld, line, "empty key");
			for (char *q = k; *q; q++)
				if (!isalnum((unsigned char)*q) && *q != '_')
					return fail_at(ld, line, "bad key name '%s'", k);
			if (strlen(trim(eq + 1)) >= CFG_VALUE_LEN)
				return fail_at(ld, line, "value longer than %d characters",
				               CFG_VALUE_LEN - 1);
		}
		if (eol == NULL)
			break;
		p = eol + 1;
	}
	return 0;
}

static int
bad(struct loader *ld, const char *key, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return fail_at(ld, find_line(ld, ld->section, key), "[%s] %s: %s", ld->section, key, msg);
}

static int
get_uint(struct loader *ld, const char *key, const char *v, uint64_t min, uint64_t max,
         uint64_t *out)
{
	char *end;

	errno = 0;
	unsigned long long x = strtoull(v, &end, 10);

	if (*v == '\0' || *end != '\0' || errno != 0 || *v == '-' || x < min || x > max)
		return bad(ld, key, "'%s' is not a number in %llu..%llu", v,
		           (unsigned long long)min, (unsigned long long)max);
	*out = x;
	return 0;
}

#define GET_UINT(ld, key, v, min, max, dst)                   \
	do {                                                  \
		uint64_t x_ = 0;                              \
		int r_ = get_uint(ld, key, v, min, max, &x_); \
		if (r_ < 0)                                   \
			return r_;                            \
		(dst) = (__typeof__(dst))x_;                  \
	} while (0)

static int
get_bool(struct loader *ld, const char *key, const char *v, bool *out)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcasecmp(v, "on") ||
	    !strcmp(v, "1"))
		*out = true;
	else if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcasecmp(v, "off") ||
	         !strcmp(v, "0"))
		*out = false;
	else
		return bad(ld, key, "'%s' is not yes/no", v);
	return 0;
}

static int
get_string(struct loader *ld, const char *key, const char *v, char *out, size_t cap)
{
	if (strlen(v) >= cap)
		return bad(ld, key, "longer than %zu characters", cap - 1);
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f)
			return bad(ld, key, "control characters are not allowed");
	strcpy(out, v);
	return 0;
}

/* Splits a comma list in place; returns the count. */
static int
split_list(char *v, char **items, int max)
{
	int n = 0;

	for (char *tok = strtok(v, ","); tok != NULL; tok = strtok(NULL, ",")) {
		if (n == max)
			return max + 1;
		items[n++] = trim(tok);
	}
	return n;
}

static int
get_prefix(struct loader *ld, const char *key, const char *item, int family, uint8_t *addr,
           uint8_t *plen)
{
	char tmp[64];
	char *slash;
	int maxlen = family == AF_INET ? 32 : 128;

	if (strlen(item) >= sizeof(tmp))
		return bad(ld, key, "'%s' is too long for an address", item);
	strcpy(tmp, item);
	slash = strchr(tmp, '/');
	*plen = (uint8_t)maxlen;
	if (slash != NULL) {
		char *end;
		long l = strtol(slash + 1, &end, 10);

		*slash = '\0';
		if (slash[1] == '\0' || *end != '\0' || l < 0 || l > maxlen)
			return bad(ld, key, "'%s': prefix length must be 0..%d", item, maxlen);
		*plen = (uint8_t)l;
	}
	if (inet_pton(family, tmp, addr) != 1)
		return bad(ld, key, "'%s' is not an %s address", item,
		           family == AF_INET ? "IPv4" : "IPv6");
	return 0;
}

static int
get_addr(struct loader *ld, const char *key, const char *v, int family, uint8_t *addr)
{
	if (inet_pton(family, v, addr) != 1)
		return bad(ld, key, "'%s' is not an %s address", v,
		           family == AF_INET ? "IPv4" : "IPv6");
	return 0;
}

static int
parse_global(struct loader *ld, const struct rte_cfgfile_entry *e, struct sf_config *cfg)
{
	const char *k = e->name, *v = e->value;

	if (!strcmp(k, "mode")) {
		if (sf_mode_parse(v, &cfg->mode) < 0)
			return bad(ld, k, "'%s' is not proxy or parse-only", v);
	} else if (!strcmp(k, "log_level")) {
		static const char *const levels[] = {"emerg",   "alert",  "crit", "error",
		                                     "warning", "notice", "info", "debug"};
		bool found = false;

		for (unsigned i = 0; i < RTE_DIM(levels); i++) {
			if (!strcasecmp(v, levels[i])) {
				cfg->log_level = RTE_LOG_EMERG + i;
				found = true;
			}
		}
		if (!found)
			return bad(ld, k, "'%s' is not one of emerg..debug", v);
	} else if (!strcmp(k, "stats_interval")) {
		GET_UINT(ld, k, v, 0, 86400, cfg->stats_interval);
	} else if (!strcmp(k, "mempool_size")) {
		GET_UINT(ld, k, v, 1023, 16u << 20, cfg->mempool_size);
	} else if (!strcmp(k, "mempool_cache")) {
		GET_UINT(ld, k, v, 0, RTE_MEMPOOL_CACHE_MAX_SIZE, cfg->mempool_cache);
	} else if (!strcmp(k, "mbuf_size")) {
		GET_UINT(ld, k, v, 0, 65535 - RTE_PKTMBUF_HEADROOM, cfg->mbuf_size);
		if (cfg->mbuf_size != 0 && cfg->mbuf_size < 1024)
			return bad(ld, k, "0 (automatic) or at least 1024");
	} else if (!strcmp(k, "burst_size")) {
		GET_UINT(ld, k, v, 1, 256, cfg->burst_size);
	} else if (!strcmp(k, "idle_sleep_us")) {
		GET_UINT(ld, k, v, 0, 100000, cfg->idle_sleep_us);
	} else if (!strcmp(k, "ttl")) {
		GET_UINT(ld, k, v, 1, 255, cfg->ttl);
	} else if (!strcmp(k, "lcores")) {
		char buf[CFG_VALUE_LEN], *items[RTE_MAX_LCORE];

		cfg->lcores_line = find_line(ld, ld->section, k);
		if (!strcmp(v, "auto")) {
			cfg->lcores_auto = true;
			return 0;
		}
		strcpy(buf, v);
		int n = split_list(buf, items, RTE_MAX_LCORE);

		if (n < 1 || n > RTE_MAX_LCORE)
			return bad(ld, k, "expected 'auto' or a list of lcore ids");
		cfg->lcores_auto = false;
		cfg->n_lcores = (uint16_t)n;
		for (int i = 0; i < n; i++) {
			GET_UINT(ld, k, items[i], 0, RTE_MAX_LCORE - 1, cfg->lcores[i]);
			for (int j = 0; j < i; j++)
				if (cfg->lcores[j] == cfg->lcores[i])
					return bad(ld, k, "lcore %u listed twice", cfg->lcores[i]);
		}
	} else {
		return bad(ld, k, "unknown key");
	}
	return 0;
}

static int
parse_sip(struct loader *ld, const struct rte_cfgfile_entry *e, struct sf_config *cfg)
{
	const char *k = e->name, *v = e->value;

	if (!strcmp(k, "ports")) {
		char buf[CFG_VALUE_LEN], *items[SF_MAX_SIP_PORTS + 1];

		strcpy(buf, v);
		int n = split_list(buf, items, SF_MAX_SIP_PORTS);

		if (n < 1 || n > SF_MAX_SIP_PORTS)
			return bad(ld, k, "expected 1 to %d UDP ports", SF_MAX_SIP_PORTS);
		cfg->n_sip_ports = (uint8_t)n;
		for (int i = 0; i < n; i++)
			GET_UINT(ld, k, items[i], 1, 65535, cfg->sip_ports[i]);
	} else if (!strcmp(k, "max_msg_size")) {
		GET_UINT(ld, k, v, 256, SF_SIP_MAX_DATAGRAM, cfg->limits.max_msg_size);
	} else if (!strcmp(k, "max_headers")) {
		GET_UINT(ld, k, v, 8, SF_SIP_MAX_HEADERS, cfg->limits.max_headers);
	} else if (!strcmp(k, "max_line_len")) {
		GET_UINT(ld, k, v, 64, 65535, cfg->limits.max_line_len);
	} else if (!strcmp(k, "max_vias")) {
		GET_UINT(ld, k, v, 1, SF_SIP_MAX_VIAS, cfg->limits.max_vias);
	} else if (!strcmp(k, "to_tag")) {
		for (const char *p = v; *p; p++)
			if (!isalnum((unsigned char)*p) && !strchr("-.!%*_+`'~", *p))
				return bad(ld, k, "a tag must be an RFC 3261 token");
		return get_string(ld, k, v, cfg->to_tag, sizeof(cfg->to_tag));
	} else if (!strcmp(k, "server")) {
		return get_string(ld, k, v, cfg->server, sizeof(cfg->server));
	} else if (!strcmp(k, "allow")) {
		return get_string(ld, k, v, cfg->allow, sizeof(cfg->allow));
	} else if (!strcmp(k, "accept")) {
		return get_string(ld, k, v, cfg->accept, sizeof(cfg->accept));
	} else {
		return bad(ld, k, "unknown key");
	}
	return 0;
}

static int
parse_neighbour(struct loader *ld, const struct rte_cfgfile_entry *e, struct sf_config *cfg)
{
	const char *k = e->name, *v = e->value;

	if (!strcmp(k, "entries")) {
		GET_UINT(ld, k, v, 16, 1 << 20, cfg->neigh_entries);
		if (cfg->neigh_entries & (cfg->neigh_entries - 1))
			return bad(ld, k, "must be a power of two");
	} else if (!strcmp(k, "reachable_s")) {
		GET_UINT(ld, k, v, 1, 86400, cfg->neigh_reachable_s);
	} else if (!strcmp(k, "retrans_ms")) {
		GET_UINT(ld, k, v, 10, 60000, cfg->neigh_retrans_ms);
	} else if (!strcmp(k, "probes")) {
		GET_UINT(ld, k, v, 1, 100, cfg->neigh_probes);
	} else if (!strcmp(k, "pending")) {
		GET_UINT(ld, k, v, 0, 65536, cfg->neigh_pending);
	} else {
		return bad(ld, k, "unknown key");
	}
	return 0;
}

static int
parse_reassembly(struct loader *ld, const struct rte_cfgfile_entry *e, struct sf_config *cfg)
{
	const char *k = e->name, *v = e->value;

	if (!strcmp(k, "flows")) {
		GET_UINT(ld, k, v, 16, 1 << 20, cfg->frag_flows);
	} else if (!strcmp(k, "timeout_ms")) {
		GET_UINT(ld, k, v, 1, 60000, cfg->frag_timeout_ms);
	} else {
		return bad(ld, k, "unknown key");
	}
	return 0;
}

static int
parse_port(struct loader *ld, const struct rte_cfgfile_entry *e, struct sf_port_conf *p)
{
	const char *k = e->name, *v = e->value;
	char buf[CFG_VALUE_LEN], *items[SF_MAX_ADDRS + 1];
	int n;

	if (!strcmp(k, "device")) {
		if (v[0] == '\0')
			return bad(ld, k, "empty device");
		return get_string(ld, k, v, p->device, sizeof(p->device));
	} else if (!strcmp(k, "mac")) {
		if (rte_ether_unformat_addr(v, &p->mac) < 0 || !rte_is_unicast_ether_addr(&p->mac))
			return bad(ld, k, "'%s' is not a unicast MAC address", v);
		p->has_mac = true;
	} else if (!strcmp(k, "ipv4") || !strcmp(k, "ipv6")) {
		bool v4 = k[3] == '4';

		strcpy(buf, v);
		n = split_list(buf, items, SF_MAX_ADDRS);
		if (n < 1 || n > SF_MAX_ADDRS)
			return bad(ld, k, "expected 1 to %d addresses", SF_MAX_ADDRS);
		for (int i = 0; i < n; i++) {
			uint8_t addr[16], plen = 0;
			int r = get_prefix(ld, k, items[i], v4 ? AF_INET : AF_INET6, addr, &plen);

			if (r < 0)
				return r;
			if (v4) {
				memcpy(&p->ipv4[i], addr, 4);
				p->ipv4_plen[i] = plen;
				if (addr[0] == 0 || addr[0] == 127 || addr[0] >= 224)
					return bad(ld, k, "'%s' cannot be owned", items[i]);
			} else {
				memcpy(p->ipv6[i], addr, 16);
				p->ipv6_plen[i] = plen;
				if (addr[0] == 0xff)
					return bad(ld, k, "'%s' is multicast", items[i]);
			}
		}
		if (v4)
			p->n_ipv4 = (uint8_t)n;
		else
			p->n_ipv6 = (uint8_t)n;
	} else if (!strcmp(k, "gateway4")) {
		p->has_gateway4 = true;
		return get_addr(ld, k, v, AF_INET, (uint8_t *)&p->gateway4);
	} else if (!strcmp(k, "gateway6")) {
		p->has_gateway6 = true;
		return get_addr(ld, k, v, AF_INET6, p->gateway6);
	} else if (!strcmp(k, "mtu")) {
		GET_UINT(ld, k, v, 1280, 9000, p->mtu);
	} else if (!strcmp(k, "vlan")) {
		GET_UINT(ld, k, v, 0, 4094, p->vlan);
	} else if (!strcmp(k, "rx_desc")) {
		GET_UINT(ld, k, v, 32, 16384, p->rx_desc);
	} else if (!strcmp(k, "tx_desc")) {
		GET_UINT(ld, k, v, 32, 16384, p->tx_desc);
	} else if (!strcmp(k, "rx_queues")) {
		GET_UINT(ld, k, v, 0, RTE_MAX_LCORE, p->rx_queues);
	} else if (!strcmp(k, "promiscuous")) {
		return get_bool(ld, k, v, &p->promiscuous);
	} else {
		return bad(ld, k, "unknown key");
	}
	return 0;
}

static int
check_port(struct loader *ld, const struct sf_port_conf *p, const struct sf_config *cfg)
{
	if (p->device[0] == '\0')
		return fail_at(ld, p->line, "[%s] has no device", ld->section);
	if (p->n_ipv4 == 0 && p->n_ipv6 == 0)
		return fail_at(ld, p->line, "[%s] owns no address: give ipv4 and/or ipv6",
		               ld->section);
	if (p->has_gateway4) {
		bool onlink = false;

		for (unsigned i = 0; i < p->n_ipv4; i++)
			onlink |= sf_ipv4_in_prefix(p->gateway4, p->ipv4[i], p->ipv4_plen[i]);
		if (!onlink)
			return bad(ld, "gateway4", "not inside any ipv4 prefix of this port");
	}
	if (p->has_gateway6 && !(p->gateway6[0] == 0xfe && (p->gateway6[1] & 0xc0) == 0x80)) {
		bool onlink = false;

		for (unsigned i = 0; i < p->n_ipv6; i++)
			onlink |= sf_ipv6_in_prefix(p->gateway6, p->ipv6[i], p->ipv6_plen[i]);
		if (!onlink)
			return bad(ld, "gateway6", "neither link-local nor inside an ipv6 prefix");
	}
	for (unsigned i = 0; i < (unsigned)(p - cfg->ports); i++) {
		if (!strcmp(cfg->ports[i].device, p->device))
			return bad(ld, "device", "already used by [port %s]", cfg->ports[i].name);
		for (unsigned a = 0; a < p->n_ipv4; a++)
			for (unsigned b = 0; b < cfg->ports[i].n_ipv4; b++)
				if (p->ipv4[a] == cfg->ports[i].ipv4[b])
					return bad(ld, "ipv4", "address also owned by [port %s]",
					           cfg->ports[i].name);
	}
	return 0;
}

void
sf_config_defaults(struct sf_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->mode = SF_MODE_PROXY;
	cfg->log_level = RTE_LOG_INFO;
	cfg->stats_interval = 5;
	cfg->mempool_size = 8191;
	cfg->mempool_cache = 256;
	cfg->burst_size = 32;
	cfg->ttl = 64;
	cfg->lcores_auto = true;
	cfg->n_sip_ports = 1;
	cfg->sip_ports[0] = 5060;
	cfg->limits.max_msg_size = SF_SIP_MAX_DATAGRAM;
	cfg->limits.max_headers = 128;
	cfg->limits.max_line_len = 8192;
	cfg->limits.max_vias = SF_SIP_MAX_VIAS;
	strcpy(cfg->server, "sipfront");
	strcpy(cfg->allow, "OPTIONS");
	strcpy(cfg->accept, "application/sdp");
	cfg->neigh_entries = 256;
	cfg->neigh_reachable_s = 300;
	cfg->neigh_retrans_ms = 1000;
	cfg->neigh_probes = 3;
	cfg->neigh_pending = 64;
	cfg->frag_flows = 4096;
	cfg->frag_timeout_ms = 2000;
}

/* Default To tag: stable per instance (from its addresses), so that a
 * retransmitted request gets the same tag as its first answer. */
static void
default_to_tag(struct sf_config *cfg)
{
	uint32_t h = 2166136261u;

	for (unsigned i = 0; i < cfg->n_ports; i++) {
		const struct sf_port_conf *p = &cfg->ports[i];
		const uint8_t *a4 = (const uint8_t *)p->ipv4;

		for (unsigned j = 0; j < p->n_ipv4 * 4u; j++)
			h = (h ^ a4[j]) * 16777619u;
		for (unsigned j = 0; j < p->n_ipv6; j++)
			for (unsigned b = 0; b < 16; b++)
				h = (h ^ p->ipv6[j][b]) * 16777619u;
	}
	snprintf(cfg->to_tag, sizeof(cfg->to_tag), "sf%08x", h);
}

int
sf_config_load(const char *path, struct sf_config *cfg, char *err, size_t errlen)
{
	struct loader ld = {.path = path, .err = err, .errlen = errlen};
	struct rte_cfgfile_parameters params = {.comment_character = ';'};
	struct rte_cfgfile_entry *entries = NULL;
	FILE *f;
	size_t n;
	int ret = 0;

	sf_config_defaults(cfg);
	snprintf(cfg->path, sizeof(cfg->path), "%s", path);
	f = fopen(path, "r");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -errno;
	}
	ld.text = malloc(MAX_FILE + 1);
	if (ld.text == NULL) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return -ENOMEM;
	}
	n = fread(ld.text, 1, MAX_FILE + 1, f);
	fclose(f);
	if (n > MAX_FILE) {
		ret = fail_at(&ld, 0, "file larger than %d octets", MAX_FILE);
		goto free_text;
	}
	ld.text[n] = '\0';
	ret = check_syntax(&ld);
	if (ret < 0)
		goto free_text;
	ld.cfg = rte_cfgfile_load_with_params(path, 0, &params);
	if (ld.cfg == NULL) {
		ret = fail_at(&ld, 0, "rte_cfgfile could not parse the file");
		goto free_text;
	}
	entries = calloc(MAX_ENTRIES, sizeof(*entries));
	if (entries == NULL) {
		ret = -ENOMEM;
		goto close_cfg;
	}

	int n_sections = rte_cfgfile_num_sections(ld.cfg, NULL, 0);

	for (int s = 0; s < n_sections; s++) {
		char name[CFG_NAME_LEN];
		int n_entries =
		        rte_cfgfile_section_entries_by_index(ld.cfg, s, name, entries, MAX_ENTRIES);
		struct sf_port_conf *port = NULL;

		ld.section = name;
		if (n_entries < 0) {
			ret = fail_at(&ld, find_line(&ld, name, NULL), "[%s]: more than %d keys",
			              name, MAX_ENTRIES);
			goto free_entries;
		}
		for (int t = 0; t < s; t++) {
			char other[CFG_NAME_LEN];

			rte_cfgfile_section_entries_by_index(ld.cfg, t, other, entries, 0);
			if (!strcmp(other, name)) {
				ret = fail_at(&ld, find_line(&ld, name, NULL), "[%s] appears twice",
				              name);
				goto free_entries;
			}
		}
		rte_cfgfile_section_entries_by_index(ld.cfg, s, name, entries, MAX_ENTRIES);
		if (!strncmp(name, "port ", 5)) {
			const char *pname = name + 5;

			while (*pname == ' ')
				pname++;
			if (cfg->n_ports == SF_MAX_PORTS) {
				ret = fail_at(&ld, find_line(&ld, name, NULL), "more than %d ports",
				              SF_MAX_PORTS);
				goto free_entries;
			}
			size_t plen = strlen(pname);
			bool ok = plen > 0 && plen < SF_MAX_NAME_LEN;

			for (const char *q = pname; *q; q++)
				ok &= isalnum((unsigned char)*q) || *q == '_' || *q == '-';
			if (!ok) {
				ret = fail_at(&ld, find_line(&ld, name, NULL),
				              "[%s]: a port name is 1-%d of [A-Za-z0-9_-]", name,
				              SF_MAX_NAME_LEN - 1);
				goto free_entries;
			}
			port = &cfg->ports[cfg->n_ports++];
			memset(port, 0, sizeof(*port));
			strcpy(port->name, pname);
			port->mtu = 1500;
			port->rx_desc = 1024;
			port->tx_desc = 1024;
			port->line = find_line(&ld, name, NULL);
		} else if (strcmp(name, "sipfront") && strcmp(name, "sip") &&
		           strcmp(name, "neighbour") && strcmp(name, "reassembly")) {
			ret = fail_at(&ld, find_line(&ld, name, NULL),
			              "unknown section [%s] (expected [sipfront], [sip], "
			              "[neighbour], [reassembly] or [port NAME])",
			              name);
			goto free_entries;
		}
		for (int i = 0; i < n_entries; i++) {
			for (int j = 0; j < i; j++) {
				if (!strcmp(entries[i].name, entries[j].name)) {
					ret = fail_at(
					        &ld, find_line_nth(&ld, name, entries[i].name, 2),
					        "[%s] %s: key given twice", name, entries[i].name);
					goto free_entries;
				}
			}
			if (port != NULL)
				ret = parse_port(&ld, &entries[i], port);
			else if (!strcmp(name, "sipfront"))
				ret = parse_global(&ld, &entries[i], cfg);
			else if (!strcmp(name, "sip"))
				ret = parse_sip(&ld, &entries[i], cfg);
			else if (!strcmp(name, "neighbour"))
				ret = parse_neighbour(&ld, &entries[i], cfg);
			else
				ret = parse_reassembly(&ld, &entries[i], cfg);
			if (ret < 0)
				goto free_entries;
		}
		if (port != NULL) {
			ret = check_port(&ld, port, cfg);
			if (ret < 0)
				goto free_entries;
		}
	}
	if (cfg->n_ports == 0) {
		ret = fail_at(&ld, 1, "no [port NAME] section: sipfront needs at least one port");
		goto free_entries;
	}
	if (cfg->limits.max_line_len > cfg->limits.max_msg_size)
		cfg->limits.max_line_len = (uint16_t)RTE_MIN(cfg->limits.max_msg_size, 65535u);
	if (cfg->to_tag[0] == '\0')
		default_to_tag(cfg);

free_entries:
	free(entries);
close_cfg:
	rte_cfgfile_close(ld.cfg);
free_text:
	free(ld.text);
	return ret;
}

const char *
sf_mode_name(enum sf_mode mode)
{
	return mode == SF_MODE_PARSE_ONLY ? "parse-only" : "proxy";
}

int
sf_mode_parse(const char *s, enum sf_mode *mode)
{
	if (!strcmp(s, "proxy"))
		*mode = SF_MODE_PROXY;
	else if (!strcmp(s, "parse-only"))
		*mode = SF_MODE_PARSE_ONLY;
	else
		return -EINVAL;
	return 0;
}
