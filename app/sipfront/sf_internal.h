/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Functions shared between the worker's files (worker.c, sip_stage.c,
 * tx.c): the TX path, the SIP stage and housekeeping. Not a public API.
 */
#ifndef SIPFRONT_APP_INTERNAL_H
#define SIPFRONT_APP_INTERNAL_H

#include <rte_mbuf.h>

#include <sipfront/dataplane.h>

/* Buffered TX of one finished frame on the worker's queue of port. */
static inline void
sf_tx_frame(struct sf_worker *w, uint16_t port, struct rte_mbuf *m)
{
	const struct sf_port *p = &w->dp->ports[port];

	w->stats.cnt[SF_CNT_tx_pkts]++;
	w->stats.cnt[SF_CNT_tx_bytes] += m->pkt_len;
	rte_eth_tx_buffer(p->port_id, w->txq[port], w->txb[port], m);
}

static inline void
sf_drop_mbuf(struct sf_worker *w, struct rte_mbuf *m, enum sf_drop reason)
{
	w->stats.drop[reason]++;
	rte_pktmbuf_free(m);
}

/* Flushes every port's TX buffer of the worker. */
void sf_tx_flush(struct sf_worker *w);
/* Counts unsent packets as tx_full drops (rte_eth_tx_buffer error callback). */
void sf_tx_unsent(struct rte_mbuf **pkts, uint16_t n, void *userdata);
/* A UDP datagram back to the sender of req (frame as received). */
void sf_tx_udp_reply(struct sf_worker *w, uint16_t port, const uint8_t *req_frame,
                     const struct sf_pkt *req, const uint8_t *payload, uint32_t len);
/* ARP request or Neighbour Solicitation for addr on port. */
void sf_tx_probe(struct sf_worker *w, uint16_t port, uint8_t family, const uint8_t *addr);
/* Pending packets: resolved ones sent, expired ones dropped. */
void sf_pending_scan(struct sf_worker *w, uint64_t now);
/* Frees everything still held (teardown). */
void sf_pending_free(struct sf_worker *w);

/* The SIP stage for one datagram whose frame (mbuf data or a flat copy of a
 * reassembled one) decoded into pkt; m is freed unless kept. */
void sf_sip_one(struct sf_worker *w, uint16_t port, struct rte_mbuf *m, const uint8_t *frame,
                const struct sf_pkt *pkt);

#endif /* SIPFRONT_APP_INTERNAL_H */
