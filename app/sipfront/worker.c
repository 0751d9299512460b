/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The worker loop, as in DPDK's l3fwd and ipsec-secgw: housekeeping on a
 * timer, rx_burst, one pass that decodes every packet and sorts it into a
 * per-class array (SIP, ARP, ICMP echo, ND, fragments; drops freed in
 * bulk), each class handled as a batch, TX buffers flushed, and one RCU
 * quiescent state per loop so that later stages can read RCU-protected
 * tables without locks (liburcu QSBR: a worker is "online" while it loops).
 */
#include <rte_cycles.h>
#include <rte_ip.h>
#include <rte_prefetch.h>
#include <urcu/urcu-qsbr.h>

#include "sf_internal.h"

/* What the NIC knows about checksums (nothing, on virtual devices). */
static inline uint32_t
csum_flags(uint64_t ol)
{
	uint32_t f = 0;

	switch (ol & RTE_MBUF_F_RX_IP_CKSUM_MASK) {
	case RTE_MBUF_F_RX_IP_CKSUM_GOOD: f |= SF_CSUM_IP_GOOD; break;
	case RTE_MBUF_F_RX_IP_CKSUM_BAD: f |= SF_CSUM_IP_BAD; break;
	default: break;
	}
	switch (ol & RTE_MBUF_F_RX_L4_CKSUM_MASK) {
	case RTE_MBUF_F_RX_L4_CKSUM_GOOD: f |= SF_CSUM_L4_GOOD; break;
	case RTE_MBUF_F_RX_L4_CKSUM_BAD: f |= SF_CSUM_L4_BAD; break;
	default: break;
	}
	return f;
}

/* Grows or shrinks the (single-segment) frame to len. */
static inline bool
frame_set_len(struct rte_mbuf *m, uint16_t len)
{
	if (len <= m->data_len)
		return rte_pktmbuf_trim(m, (uint16_t)(m->data_len - len)) == 0;
	return rte_pktmbuf_append(m, (uint16_t)(len - m->data_len)) != NULL;
}

static void
handle_arp(struct sf_worker *w, uint16_t port, struct rte_mbuf **pkts, const uint16_t *idx,
           uint16_t n, uint64_t now)
{
	struct sf_port *p = &w->dp->ports[port];

	for (uint16_t k = 0; k < n; k++) {
		struct rte_mbuf *m = pkts[idx[k]];
		const struct sf_pkt *pkt = &w->pkt[idx[k]];
		uint8_t *frame = rte_pktmbuf_mtod(m, uint8_t *);
		struct rte_ether_addr mac;
		rte_be32_t ip;
		bool request;

		/* RFC 826: we are the target, so merge (create) the sender. */
		if (sf_arp_sender(frame, pkt, &ip, &mac, &request) &&
		    sf_neigh_learn(p->neigh, 4, (const uint8_t *)&ip, &mac, now, request))
			w->stats.cnt[SF_CNT_arp_learned]++;
		if (!request) {
			rte_pktmbuf_free(m);
			continue;
		}
		uint16_t len = sf_arp_reply(frame, pkt, &p->ifc);

		frame_set_len(m, len);
		w->stats.cnt[SF_CNT_arp_replies_sent]++;
		sf_tx_frame(w, port, m);
	}
}

static void
handle_echo(struct sf_worker *w, uint16_t port, struct rte_mbuf **pkts, const uint16_t *idx,
            uint16_t n, uint8_t family)
{
	struct sf_port *p = &w->dp->ports[port];
	uint8_t ttl = w->dp->cfg->ttl;

	for (uint16_t k = 0; k < n; k++) {
		struct rte_mbuf *m = pkts[idx[k]];
		const struct sf_pkt *pkt = &w->pkt[idx[k]];
		uint8_t *frame = rte_pktmbuf_mtod(m, uint8_t *);
		uint16_t len;

		if (family == 4) {
			len = sf_icmp4_echo_reply(frame, pkt, &p->ifc, ttl);
			w->stats.cnt[SF_CNT_icmp_echo_replies]++;
		} else {
			len = sf_icmp6_echo_reply(frame, pkt, &p->ifc, ttl);
			w->stats.cnt[SF_CNT_icmp6_echo_replies]++;
		}
		frame_set_len(m, len);
		sf_tx_frame(w, port, m);
	}
}

static void
handle_nd(struct sf_worker *w, uint16_t port, struct rte_mbuf **pkts, const uint16_t *idx,
          uint16_t n, uint64_t now)
{
	struct sf_port *p = &w->dp->ports[port];

	for (uint16_t k = 0; k < n; k++) {
		struct rte_mbuf *m = pkts[idx[k]];
		const struct sf_pkt *pkt = &w->pkt[idx[k]];
		uint8_t *frame = rte_pktmbuf_mtod(m, uint8_t *);
		struct rte_ether_addr mac;
		uint8_t ip[16];
		bool solicit;

		if (sf_nd_neighbour(frame, pkt, ip, &mac, &solicit) &&
		    sf_neigh_learn(p->neigh, 6, ip, &mac, now, solicit))
			w->stats.cnt[SF_CNT_nd_learned]++;
		if (!solicit) {
			rte_pktmbuf_free(m);
			continue;
		}
		/* The advert may be longer than the solicitation: room first. */
		if (!frame_set_len(m, (uint16_t)(pkt->l2_len + 40 + 32))) {
			sf_drop_mbuf(w, m, SF_DROP_MBUF_ALLOC);
			continue;
		}
		frame = rte_pktmbuf_mtod(m, uint8_t *);
		sf_nd_advert(frame, pkt, &p->ifc);
		w->stats.cnt[SF_CNT_nd_adverts_sent]++;
		sf_tx_frame(w, port, m);
	}
}

/* A datagram completed by reassembly: flat copy, decode again, SIP stage. */
static void
reassembled(struct sf_worker *w, uint16_t port, struct rte_mbuf *m)
{
	struct sf_pkt pkt;
	const uint8_t *frame;

	w->stats.cnt[SF_CNT_frag_reassembled]++;
	if (m->pkt_len > SF_SCRATCH_SIZE) {
		sf_drop_mbuf(w, m, SF_DROP_FRAG_BAD);
		return;
	}
	frame = rte_pktmbuf_read(m, 0, m->pkt_len, w->scratch);
	/* Each fragment's IP header was checked; reassembly zeroes the sum. */
	enum sf_class cls =
	        sf_decode_frame(frame, m->pkt_len, &w->dp->ports[port].ifc, SF_CSUM_IP_GOOD, &pkt);

	if (cls == SF_CLASS_SIP)
		sf_sip_one(w, port, m, frame, &pkt);
	else
		sf_drop_mbuf(w, m, cls == SF_CLASS_DROP ? pkt.drop : SF_DROP_FRAG_NOT_UDP);
}

static void
handle_frags(struct sf_worker *w, uint16_t port, struct rte_mbuf **pkts, const uint16_t *idx,
             uint16_t n, uint64_t now, uint8_t family)
{
	for (uint16_t k = 0; k < n; k++) {
		struct rte_mbuf *m = pkts[idx[k]], *r;
		const struct sf_pkt *pkt = &w->pkt[idx[k]];
		uint8_t *l3 = rte_pktmbuf_mtod_offset(m, uint8_t *, pkt->l2_len);

		w->stats.cnt[SF_CNT_frag_rx]++;
		m->l2_len = pkt->l2_len;
		m->l3_len = pkt->l3_len;
		/* Ethernet padding is not part of the fragment. */
		frame_set_len(m, pkt->frame_len);
		if (family == 4)
			r = rte_ipv4_frag_reassemble_packet(w->frag_tbl, &w->death_row, m, now,
			                                    (struct rte_ipv4_hdr *)l3);
		else
			r = rte_ipv6_frag_reassemble_packet(
			        w->frag_tbl, &w->death_row, m, now, (struct rte_ipv6_hdr *)l3,
			        (struct rte_ipv6_fragment_ext *)(l3 + sizeof(struct rte_ipv6_hdr)));
		if (r != NULL)
			reassembled(w, port, r);
	}
}

static void
handle_sip(struct sf_worker *w, uint16_t port, struct rte_mbuf **pkts, const uint16_t *idx,
           uint16_t n)
{
	for (uint16_t k = 0; k < n; k++) {
		struct rte_mbuf *m = pkts[idx[k]];

		if (k + 1 < n)
			rte_prefetch0(rte_pktmbuf_mtod_offset(pkts[idx[k + 1]], void *,
			                                      w->pkt[idx[k + 1]].payload_off));
		sf_sip_one(w, port, m, rte_pktmbuf_mtod(m, const uint8_t *), &w->pkt[idx[k]]);
	}
}

static void
process_burst(struct sf_worker *w, uint16_t port, struct rte_mbuf **pkts, uint16_t n, uint64_t now)
{
	const struct sf_iface *ifc = &w->dp->ports[port].ifc;
	uint16_t idx[SF_CLASS_COUNT][SF_MAX_BURST];
	uint16_t cnt[SF_CLASS_COUNT] = {0};
	struct rte_mbuf *dropped[SF_MAX_BURST];
	uint16_t n_dropped = 0;

	for (uint16_t i = 0; i < n && i < SF_PREFETCH_AHEAD; i++)
		rte_prefetch0(rte_pktmbuf_mtod(pkts[i], void *));
	for (uint16_t i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		struct sf_pkt *pkt = &w->pkt[i];
		enum sf_class cls;

		if (i + SF_PREFETCH_AHEAD < n)
			rte_prefetch0(rte_pktmbuf_mtod(pkts[i + SF_PREFETCH_AHEAD], void *));
		w->stats.cnt[SF_CNT_rx_pkts]++;
		w->stats.cnt[SF_CNT_rx_bytes] += m->pkt_len;
		if (unlikely(m->nb_segs != 1)) {
			pkt->drop = SF_DROP_ETH_MULTISEG;
			cls = SF_CLASS_DROP;
		} else {
			cls = sf_decode_frame(rte_pktmbuf_mtod(m, const uint8_t *), m->data_len,
			                      ifc, csum_flags(m->ol_flags), pkt);
		}
		if (cls == SF_CLASS_DROP) {
			w->stats.drop[pkt->drop]++;
			dropped[n_dropped++] = m;
			continue;
		}
		idx[cls][cnt[cls]++] = i;
	}
	if (n_dropped != 0)
		rte_pktmbuf_free_bulk(dropped, n_dropped);
	if (cnt[SF_CLASS_SIP] != 0)
		handle_sip(w, port, pkts, idx[SF_CLASS_SIP], cnt[SF_CLASS_SIP]);
	if (cnt[SF_CLASS_ARP] != 0)
		handle_arp(w, port, pkts, idx[SF_CLASS_ARP], cnt[SF_CLASS_ARP], now);
	if (cnt[SF_CLASS_ICMP4_ECHO] != 0)
		handle_echo(w, port, pkts, idx[SF_CLASS_ICMP4_ECHO], cnt[SF_CLASS_ICMP4_ECHO], 4);
	if (cnt[SF_CLASS_ICMP6_ECHO] != 0)
		handle_echo(w, port, pkts, idx[SF_CLASS_ICMP6_ECHO], cnt[SF_CLASS_ICMP6_ECHO], 6);
	if (cnt[SF_CLASS_ND] != 0)
		handle_nd(w, port, pkts, idx[SF_CLASS_ND], cnt[SF_CLASS_ND], now);
	if (cnt[SF_CLASS_FRAG4] != 0)
		handle_frags(w, port, pkts, idx[SF_CLASS_FRAG4], cnt[SF_CLASS_FRAG4], now, 4);
	if (cnt[SF_CLASS_FRAG6] != 0)
		handle_frags(w, port, pkts, idx[SF_CLASS_FRAG6], cnt[SF_CLASS_FRAG6], now, 6);
}

/* Mbufs that rte_ip_frag gave up on (timeouts, overlaps, full table). */
static inline void
free_death_row(struct sf_worker *w)
{
	if (w->death_row.cnt != 0) {
		w->stats.drop[SF_DROP_FRAG_DISCARDED] += w->death_row.cnt;
		rte_ip_frag_free_death_row(&w->death_row, SF_PREFETCH_AHEAD);
	}
}

/* Every timer_cycles: expire fragments, resolve held packets, keep the
 * gateways resolved (one worker does that for every port). */
static void
housekeeping(struct sf_worker *w, uint64_t now)
{
	struct sf_dataplane *dp = w->dp;

	w->next_timer = now + dp->timer_cycles;
	rte_ip_frag_table_del_expired_entries(w->frag_tbl, &w->death_row, now);
	free_death_row(w);
	if (w->n_pending != 0)
		sf_pending_scan(w, now);
	if (!w->probes_duty)
		return;
	for (uint16_t p = 0; p < dp->n_ports; p++) {
		const struct sf_port_conf *pc = dp->ports[p].conf;
		struct rte_ether_addr mac;

		if (pc->has_gateway4) {
			enum sf_neigh_result r = sf_neigh_resolve(
			        dp->ports[p].neigh, 4, (const uint8_t *)&pc->gateway4, now, &mac);

			if (r == SF_NEIGH_PROBE || r == SF_NEIGH_HIT_PROBE)
				sf_tx_probe(w, p, 4, (const uint8_t *)&pc->gateway4);
		}
		if (pc->has_gateway6) {
			enum sf_neigh_result r =
			        sf_neigh_resolve(dp->ports[p].neigh, 6, pc->gateway6, now, &mac);

			if (r == SF_NEIGH_PROBE || r == SF_NEIGH_HIT_PROBE)
				sf_tx_probe(w, p, 6, pc->gateway6);
		}
	}
}

int
sf_worker_main(void *arg)
{
	struct sf_worker *w = arg;
	struct sf_dataplane *dp = w->dp;
	const uint16_t burst = dp->cfg->burst_size;
	const uint32_t idle_sleep = dp->cfg->idle_sleep_us;
	struct rte_mbuf *pkts[SF_MAX_BURST];

	urcu_qsbr_register_thread();
	SF_LOG(INFO, "worker %u on lcore %u: %u RX queue(s)", w->index, rte_lcore_id(), w->n_rxq);
	/* Probes first, so that they precede anything the first burst brings. */
	housekeeping(w, rte_rdtsc());
	sf_tx_flush(w);
	while (!__atomic_load_n(&dp->stop, __ATOMIC_RELAXED)) {
		uint32_t got = 0;

		if (dp->hook != NULL)
			dp->hook(w, dp->hook_arg);
		uint64_t now = rte_rdtsc();

		if (unlikely(now >= w->next_timer))
			housekeeping(w, now);
		for (uint16_t q = 0; q < w->n_rxq; q++) {
			uint16_t port = w->rxq[q].port;
			uint16_t n = rte_eth_rx_burst(dp->ports[port].port_id, w->rxq[q].queue,
			                              pkts, burst);

			if (n != 0) {
				process_burst(w, port, pkts, n, now);
				got += n;
			}
		}
		sf_tx_flush(w);
		free_death_row(w);
		urcu_qsbr_quiescent_state();
		if (idle_sleep != 0) {
			/* Idle: sleep offline, so that RCU writers never wait
			 * for a sleeping worker. Only when idle: no syscall
			 * while packets flow. */
			if (got != 0) {
				w->idle_loops = 0;
			} else if (++w->idle_loops > 1000) {
				urcu_qsbr_thread_offline();
				rte_delay_us_sleep(idle_sleep);
				urcu_qsbr_thread_online();
			}
		}
	}
	sf_tx_flush(w);
	urcu_qsbr_unregister_thread();
	return 0;
}
