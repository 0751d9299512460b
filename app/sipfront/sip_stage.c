/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The SIP stage of the worker: parse one datagram, count it (kind, method,
 * status class, rejection reason), then in parse-only mode stop there; in
 * proxy mode ask the proxy stage what to do and do it: reply (build the
 * response, send it back to the packet's source), forward (not yet) or drop.
 *
 * The worker has one sf_sip_msg scratch, so a datagram is parsed and acted on
 * before the next one is parsed.
 */
#include <errno.h>

#include "sf_internal.h"

static void
count_parse(struct sf_stats *st, const struct sf_sip_msg *msg, enum sf_sip_error err, uint32_t len)
{
	st->cnt[SF_CNT_sip_msgs]++;
	st->cnt[SF_CNT_sip_bytes] += len;
	switch (msg->kind) {
	case SF_SIP_KIND_REQUEST:
		st->cnt[SF_CNT_sip_requests]++;
		st->method[msg->method < SF_SIP_METHOD_COUNT ? msg->method
		                                             : SF_SIP_METHOD_UNKNOWN]++;
		break;
	case SF_SIP_KIND_RESPONSE:
		st->cnt[SF_CNT_sip_responses]++;
		if (msg->status >= 100 && msg->status <= 699)
			st->status_class[msg->status / 100]++;
		break;
	case SF_SIP_KIND_KEEPALIVE: st->cnt[SF_CNT_sip_keepalives]++; break;
	default: st->cnt[SF_CNT_sip_not_sip]++; break;
	}
	if (err != SF_SIP_ERR_OK) {
		st->cnt[SF_CNT_sip_parse_errors]++;
		st->reject[err < SF_SIP_ERR_COUNT ? err : 0]++;
	}
}

void
sf_sip_one(struct sf_worker *w, uint16_t port, struct rte_mbuf *m, const uint8_t *frame,
           const struct sf_pkt *pkt)
{
	const uint8_t *payload = frame + pkt->payload_off;
	struct sf_sip_msg *msg = w->msg;
	enum sf_sip_error err = sf_sip_parse(w->parser, payload, pkt->payload_len, msg);

	count_parse(&w->stats, msg, err, pkt->payload_len);
	if (w->dp->mode == SF_MODE_PARSE_ONLY) {
		rte_pktmbuf_free(m);
		return;
	}

	struct sf_sip_verdict v;

	sf_sip_decide(msg, err, &v);
	switch (v.action) {
	case SF_SIP_REPLY: {
		struct sf_reply_peer peer = {.family = pkt->ip_version, .port = pkt->sport};

		memcpy(peer.addr, pkt->src, 16);
		int n = sf_reply_build(payload, msg, v.status, err, &peer, &w->dp->reply_conf,
		                       w->reply, SF_SCRATCH_SIZE);

		if (n < 0) {
			w->stats.drop[n == -ENOSPC ? SF_DROP_REPLY_TOO_LARGE
			                           : SF_DROP_SIP_UNANSWERABLE]++;
			break;
		}
		w->stats.cnt[SF_CNT_sip_replies]++;
		w->stats.reply_class[v.status / 100]++;
		sf_tx_udp_reply(w, port, frame, pkt, (const uint8_t *)w->reply, (uint32_t)n);
		break;
	}
	case SF_SIP_FORWARD: /* the forwarding issue fills this stage */
		w->stats.drop[SF_DROP_NO_ROUTE]++;
		break;
	default: w->stats.drop[v.drop]++; break;
	}
	rte_pktmbuf_free(m);
}
