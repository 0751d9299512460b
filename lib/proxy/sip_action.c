/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The proxy stage's decision: forward, reply locally or drop, with the drop
 * reason or the status. One function, so that the next stages (forwarding,
 * policy) change one place and the worker's batches stay as they are.
 */
#include <sipfront/reply.h>

#define HEADER_NONE 0xffff

bool
sf_reply_answerable(const struct sf_sip_msg *msg, enum sf_sip_error err)
{
	/* A broken or cut Via list cannot be copied back whole. */
	if (err == SF_SIP_ERR_BAD_VIA || err == SF_SIP_ERR_BAD_VIA_VERSION ||
	    err == SF_SIP_ERR_TOO_MANY_VIAS)
		return false;
	return msg->kind == SF_SIP_KIND_REQUEST && msg->via_count > 0 &&
	       msg->first_header[SF_SIP_HDR_FROM] != HEADER_NONE &&
	       msg->first_header[SF_SIP_HDR_TO] != HEADER_NONE &&
	       msg->first_header[SF_SIP_HDR_CALL_ID] != HEADER_NONE &&
	       msg->first_header[SF_SIP_HDR_CSEQ] != HEADER_NONE;
}

static void
drop(struct sf_sip_verdict *v, enum sf_drop reason)
{
	v->action = SF_SIP_DROP;
	v->drop = (uint8_t)reason;
	v->status = 0;
}

static void
reply(struct sf_sip_verdict *v, uint16_t status)
{
	v->action = SF_SIP_REPLY;
	v->drop = SF_DROP_NONE;
	v->status = status;
}

void
sf_sip_decide(const struct sf_sip_msg *msg, enum sf_sip_error err, struct sf_sip_verdict *v)
{
	switch (msg->kind) {
	case SF_SIP_KIND_KEEPALIVE: drop(v, SF_DROP_SIP_KEEPALIVE); return;
	case SF_SIP_KIND_RESPONSE: drop(v, SF_DROP_SIP_RESPONSE); return;
	case SF_SIP_KIND_REQUEST: break;
	default: drop(v, SF_DROP_SIP_NOT_SIP); return;
	}
	/* RFC 3261 §17.2.1 / §8.2.6: an ACK is never answered, valid or not. */
	if (msg->method == SF_SIP_METHOD_ACK) {
		drop(v, SF_DROP_SIP_ACK);
		return;
	}
	if (err != SF_SIP_ERR_OK) {
		uint16_t status = sf_sip_error_status(err);

		if (status == 0)
			drop(v, SF_DROP_SIP_SILENT);
		else if (!sf_reply_answerable(msg, err))
			drop(v, SF_DROP_SIP_UNANSWERABLE);
		else
			reply(v, status);
		return;
	}
	/* No forwarding stage yet: OPTIONS is the front end's own keep-alive,
	 * anything else is a method this box does not implement (yet). */
	reply(v, msg->method == SF_SIP_METHOD_OPTIONS ? 200 : 501);
}
