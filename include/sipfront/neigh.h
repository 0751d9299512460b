/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The neighbour cache of one port: IPv4 (ARP) and IPv6 (ND) next hops and
 * their MACs, shared by every worker without a lock.
 *
 * A fixed, power-of-two array with linear probing; entries are claimed with
 * a compare-and-swap and never removed (the table is bounded: when it is
 * full, resolution fails and the caller counts SF_DROP_NEIGH_FULL). The MAC
 * and the timestamps are single 64-bit atomics, so a reader sees either the
 * old or the new MAC, never half of each. Probing is rate-limited by a CAS
 * on the last-probe time, so only one worker sends a given probe. Times are
 * TSC cycles passed in by the caller, which keeps the table testable.
 */
#ifndef SIPFRONT_NEIGH_H
#define SIPFRONT_NEIGH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_ether.h>

#ifdef __cplusplus
extern "C" {
#endif

enum sf_neigh_state {
	SF_NEIGH_FREE = 0,
	SF_NEIGH_CLAIMED,    /* being inserted */
	SF_NEIGH_INCOMPLETE, /* probing, no MAC yet */
	SF_NEIGH_REACHABLE,  /* MAC known (stale once older than reachable) */
	SF_NEIGH_FAILED,     /* probes unanswered: back off */
};

enum sf_neigh_result {
	SF_NEIGH_HIT,         /* MAC filled in */
	SF_NEIGH_HIT_PROBE,   /* MAC filled in, but stale: send a probe too */
	SF_NEIGH_PROBE,       /* unresolved: send a probe now and hold the packet */
	SF_NEIGH_WAIT,        /* unresolved, a probe is out: hold the packet */
	SF_NEIGH_UNREACHABLE, /* no answer to the probes: drop */
	SF_NEIGH_TABLE_FULL,  /* no room for a new neighbour: drop */
};

struct sf_neigh_params {
	uint64_t reachable; /* cycles a confirmation is trusted */
	uint64_t retrans;   /* cycles between probes */
	uint32_t max_probes;
};

struct sf_neigh_info {
	uint8_t family; /* 4 or 6 */
	uint8_t state;  /* enum sf_neigh_state */
	uint8_t addr[16];
	struct rte_ether_addr mac;
	uint64_t confirmed; /* TSC of the last confirmation, 0: never */
	uint32_t probes;
};

struct sf_neigh_table;

/* Memory for a table of entries (a power of two), to be zeroed by the caller. */
size_t sf_neigh_table_size(uint32_t entries);
struct sf_neigh_table *sf_neigh_table_init(void *mem, uint32_t entries,
                                           const struct sf_neigh_params *params);

/* Looks addr up, creating an INCOMPLETE entry if needed; fills mac on a hit. */
enum sf_neigh_result sf_neigh_resolve(struct sf_neigh_table *t, uint8_t family, const uint8_t *addr,
                                      uint64_t now, struct rte_ether_addr *mac);
/* A neighbour told us its MAC. Only known entries are updated unless create
 * (RFC 826: create when we are the target of its request). Returns true when
 * an entry was updated or created. */
bool sf_neigh_learn(struct sf_neigh_table *t, uint8_t family, const uint8_t *addr,
                    const struct rte_ether_addr *mac, uint64_t now, bool create);
/* Entry idx (0 .. entries-1) for listings; false when the slot is free. */
bool sf_neigh_get(const struct sf_neigh_table *t, uint32_t idx, struct sf_neigh_info *info);
uint32_t sf_neigh_capacity(const struct sf_neigh_table *t);
const char *sf_neigh_state_name(enum sf_neigh_state state);

#ifdef __cplusplus
}
#endif

#endif /* SIPFRONT_NEIGH_H */
