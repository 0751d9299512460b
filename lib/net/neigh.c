/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The lock-free neighbour cache (see neigh.h for the design). Workers
 * resolve next hops on their TX path and learn from ARP/ND on their RX
 * path; the control thread only reads it for telemetry.
 */
#include <string.h>

#include <sipfront/neigh.h>

struct sf_neigh_entry {
	uint32_t state; /* enum sf_neigh_state, atomic */
	uint32_t probes;
	uint8_t family;
	uint8_t addr[16];
	uint64_t mac;       /* 48-bit MAC, atomic */
	uint64_t confirmed; /* atomic */
	uint64_t probed;    /* atomic: TSC of the last probe (or of the failure) */
};

struct sf_neigh_table {
	uint32_t mask;
	struct sf_neigh_params params;
	struct sf_neigh_entry entries[];
};

size_t
sf_neigh_table_size(uint32_t entries)
{
	return sizeof(struct sf_neigh_table) + (size_t)entries * sizeof(struct sf_neigh_entry);
}

struct sf_neigh_table *
sf_neigh_table_init(void *mem, uint32_t entries, const struct sf_neigh_params *params)
{
	struct sf_neigh_table *t = mem;

	if (entries == 0 || (entries & (entries - 1)) != 0)
		return NULL;
	t->mask = entries - 1;
	t->params = *params;
	return t;
}

static uint32_t
addr_hash(uint8_t family, const uint8_t *addr)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	unsigned n = family == 4 ? 4 : 16;

	for (unsigned i = 0; i < n; i++)
		h = (h ^ addr[i]) * 16777619u;
	return h;
}

static bool
entry_is(const struct sf_neigh_entry *e, uint8_t family, const uint8_t *addr)
{
	return e->family == family && memcmp(e->addr, addr, family == 4 ? 4 : 16) == 0;
}

/* Finds the entry of addr; creates it when create. NULL: absent or full. */
static struct sf_neigh_entry *
entry_find(struct sf_neigh_table *t, uint8_t family, const uint8_t *addr, bool create, bool *full)
{
	uint32_t h = addr_hash(family, addr);

	*full = false;
	for (uint32_t n = 0; n <= t->mask; n++) {
		struct sf_neigh_entry *e = &t->entries[(h + n) & t->mask];
		uint32_t st = __atomic_load_n(&e->state, __ATOMIC_ACQUIRE);

		if (st == SF_NEIGH_FREE) {
			if (!create)
				return NULL;
			if (!__atomic_compare_exchange_n(&e->state, &st, SF_NEIGH_CLAIMED, false,
			                                 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
				/* Lost the race: look at what the winner put there. */
				n--;
				continue;
			}
			e->family = family;
			memset(e->addr, 0, sizeof(e->addr));
			memcpy(e->addr, addr, family == 4 ? 4 : 16);
			__atomic_store_n(&e->probes, 0, __ATOMIC_RELAXED);
			__atomic_store_n(&e->probed, 0, __ATOMIC_RELAXED);
			__atomic_store_n(&e->state, SF_NEIGH_INCOMPLETE, __ATOMIC_RELEASE);
			return e;
		}
		if (st == SF_NEIGH_CLAIMED)
			return NULL; /* being inserted right now: treat as pending */
		if (entry_is(e, family, addr))
			return e;
	}
	*full = true;
	return NULL;
}

/* One prober per interval: the CAS on probed elects it. */
static bool
probe_due(struct sf_neigh_table *t, struct sf_neigh_entry *e, uint64_t now)
{
	uint64_t last = __atomic_load_n(&e->probed, __ATOMIC_RELAXED);

	if (last != 0 && now - last < t->params.retrans)
		return false;
	return __atomic_compare_exchange_n(&e->probed, &last, now, false, __ATOMIC_RELAXED,
	                                   __ATOMIC_RELAXED);
}

static void
mac_load(const struct sf_neigh_entry *e, struct rte_ether_addr *mac)
{
	uint64_t v = __atomic_load_n(&e->mac, __ATOMIC_ACQUIRE);

	for (int i = 0; i < RTE_ETHER_ADDR_LEN; i++)
		mac->addr_bytes[i] = (uint8_t)(v >> (8 * i));
}

enum sf_neigh_result
sf_neigh_resolve(struct sf_neigh_table *t, uint8_t family, const uint8_t *addr, uint64_t now,
                 struct rte_ether_addr *mac)
{
	bool full;
	struct sf_neigh_entry *e = entry_find(t, family, addr, true, &full);

	if (e == NULL)
		return full ? SF_NEIGH_TABLE_FULL : SF_NEIGH_WAIT;
	uint32_t st = __atomic_load_n(&e->state, __ATOMIC_ACQUIRE);

	switch (st) {
	case SF_NEIGH_REACHABLE:
		mac_load(e, mac);
		if (now - __atomic_load_n(&e->confirmed, __ATOMIC_RELAXED) < t->params.reachable)
			return SF_NEIGH_HIT;
		/* Stale: keep using it while re-probing, up to max_probes. */
		if (__atomic_load_n(&e->probes, __ATOMIC_RELAXED) >= t->params.max_probes) {
			if (probe_due(t, e, now))
				__atomic_compare_exchange_n(&e->state, &st, SF_NEIGH_FAILED, false,
				                            __ATOMIC_RELEASE, __ATOMIC_RELAXED);
			return SF_NEIGH_HIT;
		}
		if (probe_due(t, e, now)) {
			__atomic_fetch_add(&e->probes, 1, __ATOMIC_RELAXED);
			return SF_NEIGH_HIT_PROBE;
		}
		return SF_NEIGH_HIT;
	case SF_NEIGH_INCOMPLETE:
		if (__atomic_load_n(&e->probes, __ATOMIC_RELAXED) >= t->params.max_probes) {
			if (probe_due(t, e, now))
				__atomic_compare_exchange_n(&e->state, &st, SF_NEIGH_FAILED, false,
				                            __ATOMIC_RELEASE, __ATOMIC_RELAXED);
			return SF_NEIGH_WAIT;
		}
		if (probe_due(t, e, now)) {
			__atomic_fetch_add(&e->probes, 1, __ATOMIC_RELAXED);
			return SF_NEIGH_PROBE;
		}
		return SF_NEIGH_WAIT;
	case SF_NEIGH_FAILED: {
		/* Back off for max_probes intervals, then start over. */
		uint64_t since = __atomic_load_n(&e->probed, __ATOMIC_RELAXED);

		if (now - since < t->params.retrans * t->params.max_probes)
			return SF_NEIGH_UNREACHABLE;
		if (__atomic_compare_exchange_n(&e->state, &st, SF_NEIGH_INCOMPLETE, false,
		                                __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {
			__atomic_store_n(&e->probes, 1, __ATOMIC_RELAXED);
			__atomic_store_n(&e->probed, now, __ATOMIC_RELAXED);
			return SF_NEIGH_PROBE;
		}
		return SF_NEIGH_WAIT;
	}
	default: return SF_NEIGH_WAIT;
	}
}

bool
sf_neigh_learn(struct sf_neigh_table *t, uint8_t family, const uint8_t *addr,
               const struct rte_ether_addr *mac, uint64_t now, bool create)
{
	bool full;
	struct sf_neigh_entry *e = entry_find(t, family, addr, create, &full);
	uint64_t v = 0;

	if (e == NULL)
		return false;
	for (int i = 0; i < RTE_ETHER_ADDR_LEN; i++)
		v |= (uint64_t)mac->addr_bytes[i] << (8 * i);
	__atomic_store_n(&e->mac, v, __ATOMIC_RELEASE);
	__atomic_store_n(&e->confirmed, now, __ATOMIC_RELAXED);
	__atomic_store_n(&e->probes, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&e->state, SF_NEIGH_REACHABLE, __ATOMIC_RELEASE);
	return true;
}

bool
sf_neigh_get(const struct sf_neigh_table *t, uint32_t idx, struct sf_neigh_info *info)
{
	if (idx > t->mask)
		return false;
	const struct sf_neigh_entry *e = &t->entries[idx];
	uint32_t st = __atomic_load_n(&e->state, __ATOMIC_ACQUIRE);

	if (st == SF_NEIGH_FREE || st == SF_NEIGH_CLAIMED)
		return false;
	info->family = e->family;
	info->state = (uint8_t)st;
	memcpy(info->addr, e->addr, 16);
	mac_load(e, &info->mac);
	info->confirmed = __atomic_load_n(&e->confirmed, __ATOMIC_RELAXED);
	info->probes = __atomic_load_n(&e->probes, __ATOMIC_RELAXED);
	return true;
}

uint32_t
sf_neigh_capacity(const struct sf_neigh_table *t)
{
	return t->mask + 1;
}

const char *
sf_neigh_state_name(enum sf_neigh_state state)
{
	switch (state) {
	case SF_NEIGH_FREE: return "free";
	case SF_NEIGH_CLAIMED: return "claimed";
	case SF_NEIGH_INCOMPLETE: return "incomplete";
	case SF_NEIGH_REACHABLE: return "reachable";
	case SF_NEIGH_FAILED: return "failed";
	}
	return "unknown";
}
