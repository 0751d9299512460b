/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The worker's output path: buffered TX per port and queue (flushed every
 * loop), UDP answers built in a fresh mbuf, datagrams larger than the MTU
 * fragmented with rte_ipv4/ipv6_fragment_packet, ARP/ND probes, and
 * packets toward a next hop held in a bounded per-worker queue while the
 * neighbour cache resolves it. Failures are counted, never logged.
 */
#include <rte_ip.h>
#include <rte_ip_frag.h>

#include "sf_internal.h"

void
sf_tx_unsent(struct rte_mbuf **pkts, uint16_t n, void *userdata)
{
	struct sf_worker *w = userdata;

	for (uint16_t i = 0; i < n; i++) {
		w->stats.cnt[SF_CNT_tx_pkts]--;
		w->stats.cnt[SF_CNT_tx_bytes] -= pkts[i]->pkt_len;
	}
	w->stats.drop[SF_DROP_TX_FULL] += n;
	rte_pktmbuf_free_bulk(pkts, n);
}

void
sf_tx_flush(struct sf_worker *w)
{
	for (uint16_t p = 0; p < w->dp->n_ports; p++)
		if (w->txb[p]->length != 0)
			rte_eth_tx_buffer_flush(w->dp->ports[p].port_id, w->txq[p], w->txb[p]);
}

/* hdr then payload into a chain of segments; data starts at hdr. */
static struct rte_mbuf *
chain_build(struct rte_mempool *pool, const uint8_t *hdr, uint32_t hlen, const uint8_t *payload,
            uint32_t len)
{
	const uint8_t *src[2] = {hdr, payload};
	uint32_t n[2] = {hlen, len};
	struct rte_mbuf *head = NULL, *tail = NULL;

	for (int part = 0; part < 2; part++) {
		for (uint32_t done = 0; done < n[part];) {
			if (tail == NULL || rte_pktmbuf_tailroom(tail) == 0) {
				struct rte_mbuf *seg = rte_pktmbuf_alloc(pool);

				if (seg == NULL) {
					rte_pktmbuf_free(head);
					return NULL;
				}
				if (head == NULL) {
					head = seg;
				} else {
					tail->next = seg;
					head->nb_segs++;
				}
				tail = seg;
			}
			uint32_t k = RTE_MIN((uint32_t)rte_pktmbuf_tailroom(tail), n[part] - done);

			memcpy(rte_pktmbuf_mtod_offset(tail, uint8_t *, tail->data_len),
			       src[part] + done, k);
			tail->data_len = (uint16_t)(tail->data_len + k);
			head->pkt_len += k;
			done += k;
		}
	}
	return head;
}

/* m: an IP datagram (data at L3) larger than the MTU. Each fragment gets
 * l2 in front; m is consumed. */
static void
tx_fragmented(struct sf_worker *w, uint16_t port, struct rte_mbuf *m, uint8_t family,
              const uint8_t *l2, uint16_t l2_len)
{
	struct sf_dataplane *dp = w->dp;
	struct rte_mbuf *frags[SF_MAX_TX_FRAGS];
	uint16_t mtu = dp->ports[port].ifc.mtu;
	uint16_t id = w->ip_id++;
	int n;

	if (family == 4)
		n = rte_ipv4_fragment_packet(m, frags, SF_MAX_TX_FRAGS, mtu, dp->pool,
		                             dp->indirect_pool);
	else
		n = rte_ipv6_fragment_packet(m, frags, SF_MAX_TX_FRAGS, mtu, dp->pool,
		                             dp->indirect_pool);
	rte_pktmbuf_free(m); /* the fragments hold their own references */
	if (n < 0) {
		w->stats.drop[SF_DROP_FRAG_TX]++;
		return;
	}
	for (int i = 0; i < n; i++) {
		struct rte_mbuf *f = frags[i];
		uint8_t *l3 = rte_pktmbuf_mtod(f, uint8_t *);

		if (family == 4) {
			struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)l3;

			ip->hdr_checksum = 0;
			ip->hdr_checksum = rte_ipv4_cksum(ip);
		} else {
			/* rte_ipv6_fragment_packet leaves the identification 0. */
			struct rte_ipv6_fragment_ext *fh =
			        (struct rte_ipv6_fragment_ext *)(l3 + sizeof(struct rte_ipv6_hdr));

			fh->id = rte_cpu_to_be_32((uint32_t)w->index << 16 | id);
		}
		uint8_t *p = (uint8_t *)rte_pktmbuf_prepend(f, l2_len);

		if (p == NULL) {
			sf_drop_mbuf(w, f, SF_DROP_MBUF_ALLOC);
			continue;
		}
		memcpy(p, l2, l2_len);
		w->stats.cnt[SF_CNT_frag_tx]++;
		sf_tx_frame(w, port, f);
	}
}

void
sf_tx_udp_reply(struct sf_worker *w, uint16_t port, const uint8_t *req_frame,
                const struct sf_pkt *req, const uint8_t *payload, uint32_t len)
{
	struct sf_dataplane *dp = w->dp;
	const struct sf_iface *ifc = &dp->ports[port].ifc;
	uint32_t l3_hdr =
	        req->ip_version == 4 ? sizeof(struct rte_ipv4_hdr) : sizeof(struct rte_ipv6_hdr);
	uint32_t l3_total = l3_hdr + 8 + len;
	uint32_t room = rte_pktmbuf_data_room_size(dp->pool) - RTE_PKTMBUF_HEADROOM;

	if (8 + len > 65535 || (req->ip_version == 4 && l3_total > 65535)) {
		w->stats.drop[SF_DROP_REPLY_TOO_LARGE]++;
		return;
	}
	if (l3_total <= ifc->mtu && req->l2_len + l3_total <= room) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(dp->pool);

		if (unlikely(m == NULL)) {
			w->stats.drop[SF_DROP_MBUF_ALLOC]++;
			return;
		}
		uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, (uint16_t)(req->l2_len + l3_total));
		uint16_t hl =
		        sf_udp_reply_headers(p, req_frame, req, ifc, len, dp->cfg->ttl, w->ip_id++);

		memcpy(p + hl, payload, len);
		sf_udp_finish(p + req->l2_len, req->ip_version, p + hl, len);
		sf_tx_frame(w, port, m);
		return;
	}
	/* Larger than the MTU: headers apart, the payload chained after
	 * them, then fragmented; each fragment gets the mirrored L2. */
	uint8_t hdr[RTE_ETHER_HDR_LEN + 4 + sizeof(struct rte_ipv6_hdr) + 8];
	uint16_t hl = sf_udp_reply_headers(hdr, req_frame, req, ifc, len, dp->cfg->ttl, w->ip_id);

	sf_udp_finish(hdr + req->l2_len, req->ip_version, payload, len);
	struct rte_mbuf *m =
	        chain_build(dp->pool, hdr + req->l2_len, hl - req->l2_len, payload, len);

	if (m == NULL) {
		w->stats.drop[SF_DROP_MBUF_ALLOC]++;
		return;
	}
	tx_fragmented(w, port, m, req->ip_version, hdr, req->l2_len);
}

void
sf_tx_probe(struct sf_worker *w, uint16_t port, uint8_t family, const uint8_t *addr)
{
	const struct sf_iface *ifc = &w->dp->ports[port].ifc;
	struct rte_mbuf *m = rte_pktmbuf_alloc(w->dp->pool);

	if (m == NULL) {
		w->stats.drop[SF_DROP_MBUF_ALLOC]++;
		return;
	}
	uint8_t *p = rte_pktmbuf_mtod(m, uint8_t *);
	uint16_t len;

	if (family == 4) {
		rte_be32_t a;

		memcpy(&a, addr, 4);
		len = sf_arp_request(p, ifc, a);
		w->stats.cnt[SF_CNT_arp_probes_sent]++;
	} else {
		len = sf_nd_solicit(p, ifc, addr);
		w->stats.cnt[SF_CNT_nd_probes_sent]++;
	}
	m->data_len = len;
	m->pkt_len = len;
	sf_tx_frame(w, port, m);
}

/* m (data at L3) to mac: L2 in front, fragmented when over the MTU. */
static void
tx_resolved(struct sf_worker *w, uint16_t port, struct rte_mbuf *m, uint8_t family,
            const struct rte_ether_addr *mac)
{
	const struct sf_iface *ifc = &w->dp->ports[port].ifc;
	uint8_t l2[RTE_ETHER_HDR_LEN + 4];
	uint16_t l2_len =
	        sf_eth_write(l2, ifc, mac, family == 4 ? RTE_ETHER_TYPE_IPV4 : RTE_ETHER_TYPE_IPV6);

	if (m->pkt_len > ifc->mtu) {
		tx_fragmented(w, port, m, family, l2, l2_len);
		return;
	}
	uint8_t *p = (uint8_t *)rte_pktmbuf_prepend(m, l2_len);

	if (p == NULL) {
		sf_drop_mbuf(w, m, SF_DROP_MBUF_ALLOC);
		return;
	}
	memcpy(p, l2, l2_len);
	sf_tx_frame(w, port, m);
}

static void
hold(struct sf_worker *w, uint16_t port, struct rte_mbuf *m, uint8_t family, const uint8_t *nexthop,
     uint64_t now)
{
	if (w->n_pending == w->max_pending) {
		sf_drop_mbuf(w, m, SF_DROP_NEIGH_FULL);
		return;
	}
	struct sf_pending *p = &w->pending[w->n_pending++];

	p->m = m;
	p->deadline = now + w->dp->neigh_hold_cycles;
	p->port = port;
	p->family = family;
	memcpy(p->nexthop, nexthop, family == 4 ? 4 : 16);
	w->stats.cnt[SF_CNT_neigh_held]++;
}

void
sf_tx_ip(struct sf_worker *w, uint16_t port, struct rte_mbuf *m, uint8_t family,
         const uint8_t *nexthop, uint64_t now)
{
	struct rte_ether_addr mac;

	switch (sf_neigh_resolve(w->dp->ports[port].neigh, family, nexthop, now, &mac)) {
	case SF_NEIGH_HIT_PROBE:
		sf_tx_probe(w, port, family, nexthop);
		/* fall through */
	case SF_NEIGH_HIT: tx_resolved(w, port, m, family, &mac); break;
	case SF_NEIGH_PROBE:
		sf_tx_probe(w, port, family, nexthop);
		/* fall through */
	case SF_NEIGH_WAIT: hold(w, port, m, family, nexthop, now); break;
	case SF_NEIGH_UNREACHABLE: sf_drop_mbuf(w, m, SF_DROP_NEIGH_TIMEOUT); break;
	case SF_NEIGH_TABLE_FULL: sf_drop_mbuf(w, m, SF_DROP_NEIGH_FULL); break;
	}
}

void
sf_pending_scan(struct sf_worker *w, uint64_t now)
{
	uint32_t kept = 0;

	for (uint32_t i = 0; i < w->n_pending; i++) {
		struct sf_pending *p = &w->pending[i];
		struct rte_ether_addr mac;
		enum sf_neigh_result r = sf_neigh_resolve(w->dp->ports[p->port].neigh, p->family,
		                                          p->nexthop, now, &mac);

		if (r == SF_NEIGH_HIT || r == SF_NEIGH_HIT_PROBE) {
			tx_resolved(w, p->port, p->m, p->family, &mac);
		} else if (r == SF_NEIGH_UNREACHABLE || r == SF_NEIGH_TABLE_FULL ||
		           now >= p->deadline) {
			sf_drop_mbuf(w, p->m, SF_DROP_NEIGH_TIMEOUT);
		} else {
			if (r == SF_NEIGH_PROBE)
				sf_tx_probe(w, p->port, p->family, p->nexthop);
			w->pending[kept++] = *p;
		}
	}
	w->n_pending = kept;
}

void
sf_pending_free(struct sf_worker *w)
{
	for (uint32_t i = 0; i < w->n_pending; i++)
		rte_pktmbuf_free(w->pending[i].m);
	w->n_pending = 0;
}
