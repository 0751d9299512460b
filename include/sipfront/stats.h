/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The data plane's counters. Each worker owns one struct sf_stats in its
 * per-lcore state and is its only writer (plain increments, no atomics on
 * the packet path); readers (the stats line, telemetry, the final report)
 * sum every worker's copy on demand with relaxed 64-bit loads, which are
 * single instructions on the 64-bit targets DPDK supports.
 *
 * Scalar counters come from one X-macro list (name = telemetry key); the
 * arrays are indexed by enum sf_drop, enum sf_sip_method, status class and
 * enum sf_sip_error, so every drop reason, method and parse rejection has its
 * own counter and key.
 */
#ifndef SIPFRONT_STATS_H
#define SIPFRONT_STATS_H

#include <stdint.h>
#include <stdio.h>

#include <sipfront/drop.h>
#include <sipfront/sip.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SF_COUNTER_LIST(X)                                                       \
	X(rx_pkts, "frames received")                                            \
	X(rx_bytes, "octets received (Ethernet frames, no FCS)")                 \
	X(tx_pkts, "frames sent")                                                \
	X(tx_bytes, "octets sent")                                               \
	X(arp_replies_sent, "ARP requests for our addresses answered")           \
	X(arp_learned, "neighbours learned or refreshed from ARP")               \
	X(arp_probes_sent, "ARP requests sent to resolve a next hop")            \
	X(nd_adverts_sent, "Neighbour Solicitations for our addresses answered") \
	X(nd_learned, "neighbours learned or refreshed from ND")                 \
	X(nd_probes_sent, "Neighbour Solicitations sent to resolve a next hop")  \
	X(icmp_echo_replies, "ICMP echo requests answered")                      \
	X(icmp6_echo_replies, "ICMPv6 echo requests answered")                   \
	X(frag_rx, "IP fragments received for us")                               \
	X(frag_reassembled, "datagrams reassembled from fragments")              \
	X(frag_tx, "fragments sent (datagrams larger than the MTU)")             \
	X(neigh_held, "packets held while their next hop was resolved")          \
	X(sip_msgs, "datagrams handed to the SIP parser")                        \
	X(sip_bytes, "octets handed to the SIP parser")                          \
	X(sip_requests, "SIP requests (valid or not)")                           \
	X(sip_responses, "SIP responses (valid or not)")                         \
	X(sip_keepalives, "CRLF keep-alives")                                    \
	X(sip_not_sip, "datagrams on a SIP port that are not SIP")               \
	X(sip_parse_errors, "SIP datagrams the parser rejected")                 \
	X(sip_replies, "responses built and sent by sipfront")

enum sf_counter {
#define SF_COUNTER_ENUM(name, text) SF_CNT_##name,
	SF_COUNTER_LIST(SF_COUNTER_ENUM)
#undef SF_COUNTER_ENUM
	        SF_CNT_COUNT
};

struct sf_stats {
	uint64_t cnt[SF_CNT_COUNT];
	uint64_t drop[SF_DROP_COUNT];
	uint64_t method[SF_SIP_METHOD_COUNT]; /* requests by method */
	uint64_t status_class[7];             /* responses received, [1]..[6] = 1xx..6xx */
	uint64_t reject[SF_SIP_ERR_COUNT];    /* parse rejections by reason ([0] unused) */
	uint64_t reply_class[7];              /* responses sent by sipfront, by class */
};

const char *sf_counter_name(enum sf_counter c);
const char *sf_counter_text(enum sf_counter c);
/* Telemetry keys for the arrays: "OPTIONS"/"extension", "bad_via". */
const char *sf_method_key(enum sf_sip_method m);
const char *sf_reject_key(enum sf_sip_error e);

/* sum += one (relaxed loads: one may be written concurrently). */
void sf_stats_add(struct sf_stats *sum, const struct sf_stats *one);
uint64_t sf_stats_drops(const struct sf_stats *s);
/* Every non-zero counter, one "  name value" line each. */
void sf_stats_print(FILE *f, const struct sf_stats *s);

#ifdef __cplusplus
}
#endif

#endif /* SIPFRONT_STATS_H */
