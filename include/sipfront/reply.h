/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The proxy stage: what to do with one parsed SIP datagram (forward, answer
 * locally, drop) and the locally built responses.
 *
 * Until forwarding exists, every valid request but ACK is answered here:
 * OPTIONS with 200, anything else with 501; a malformed request gets the
 * status the parser names (sf_sip_error_status) when it still carries what a
 * response must copy (RFC 3261 §8.2.6.2: Via, From, To, Call-ID, CSeq).
 * Responses, ACKs, keep-alives and non-SIP are dropped, each by reason.
 *
 * Error responses carry the standard reason phrase on the status line and
 * the parser's explanation in a Warning header (RFC 3261 §20.43, code 399):
 *   SIP/2.0 400 Bad Request
 *   Warning: 399 sipfront "malformed Max-Forwards: expected a number 0-255"
 * so that the status line stays what every UA expects and the detail is
 * still visible to the operator on the other side.
 *
 * The response goes to the packet's source address and port (RFC 3581
 * behaviour, always: a UDP front end answers where the request came from);
 * the top Via gets received= when the sent-by host differs from that source
 * or when rport was asked for, and rport=<port> when it was asked for.
 */
#ifndef SIPFRONT_REPLY_H
#define SIPFRONT_REPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sipfront/drop.h>
#include <sipfront/sip.h>

#ifdef __cplusplus
extern "C" {
#endif

enum sf_sip_action {
	SF_SIP_DROP = 0,
	SF_SIP_REPLY,
	SF_SIP_FORWARD, /* filled by the forwarding issue; never returned yet */
};

struct sf_sip_verdict {
	uint8_t action;  /* enum sf_sip_action */
	uint8_t drop;    /* enum sf_drop, for SF_SIP_DROP */
	uint16_t status; /* for SF_SIP_REPLY */
};

/* The decision for one datagram as sf_sip_parse left it (err is its return). */
void sf_sip_decide(const struct sf_sip_msg *msg, enum sf_sip_error err, struct sf_sip_verdict *v);

/* True when msg still has the top Via, From, To, Call-ID and CSeq to copy. */
bool sf_reply_answerable(const struct sf_sip_msg *msg, enum sf_sip_error err);

/* Where the request came from (the packet's source), network order. */
struct sf_reply_peer {
	uint8_t family; /* 4 or 6 */
	uint8_t addr[16];
	uint16_t port; /* host order */
};

struct sf_reply_conf {
	const char *to_tag; /* added to To when it has none and status > 100 */
	const char *server; /* Server header value; NULL or "": none */
	const char *allow;  /* Allow in the 200 to OPTIONS; NULL or "": none */
	const char *accept; /* Accept in the 200 to OPTIONS; NULL or "": none */
};

/* Builds the response to the request in req (as parsed into msg) into out.
 * err is the parse result: when not SF_SIP_ERR_OK a Warning carries its reason.
 * Returns the length, -ENOSPC when cap is too small, -EINVAL when msg cannot
 * be answered (see sf_reply_answerable). */
int sf_reply_build(const uint8_t *req, const struct sf_sip_msg *msg, uint16_t status,
                   enum sf_sip_error err, const struct sf_reply_peer *peer,
                   const struct sf_reply_conf *conf, char *out, size_t cap);

/* The RFC 3261 §21 reason phrase of a status ("Not Implemented"). */
const char *sf_sip_reason_phrase(uint16_t status);

#ifdef __cplusplus
}
#endif

#endif /* SIPFRONT_REPLY_H */
