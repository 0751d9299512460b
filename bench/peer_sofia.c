/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The parse bench's sofia-sip peer: each datagram goes through
 * msg_make(sip_default_mclass(), 0, ...) and msg_destroy, the path a sofia
 * transport takes for a received datagram (a message object with its own
 * memory home, the datagram copied in, every header parsed into its sip_t
 * structure). The CSeq number it extracted is reported back so the bench can
 * check the parse; a message sofia marks as erroneous or incomplete, or one
 * with a header it could not parse, counts as a failure.
 */
#include <sofia-sip/msg.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_protos.h>

#include "parse_bench.h"

#ifndef BENCH_SOFIA_VERSION
#define BENCH_SOFIA_VERSION NULL
#endif

enum peer_sofia_error {
	PEER_SOFIA_OK = 0,
	PEER_SOFIA_NO_MSG,
	PEER_SOFIA_MSG_ERROR,
	PEER_SOFIA_INCOMPLETE,
	PEER_SOFIA_BAD_HEADER,
	PEER_SOFIA_NO_CSEQ,
};

static int
peer_sofia_init(void **ctx)
{
	/* The mclass is the parser's table of header classes; looking it up once
	 * keeps it out of the timed loop, as a transport does. */
	*ctx = (void *)sip_default_mclass();
	return *ctx != NULL ? 0 : -1;
}

static int
peer_sofia_parse(void *ctx, void *state, const uint8_t *buf, size_t len, uint32_t *check)
{
	msg_t *msg;
	sip_t const *sip;
	int rc = PEER_SOFIA_OK;

	(void)state;
	msg = msg_make((msg_mclass_t const *)ctx, 0, buf, (ssize_t)len);
	if (msg == NULL)
		return PEER_SOFIA_NO_MSG;
	sip = sip_object(msg);
	if (sip == NULL || (sip->sip_flags & MSG_FLG_ERROR) != 0)
		rc = PEER_SOFIA_MSG_ERROR;
	else if ((sip->sip_flags & MSG_FLG_COMPLETE) == 0)
		rc = PEER_SOFIA_INCOMPLETE;
	else if (sip->sip_error != NULL)
		rc = PEER_SOFIA_BAD_HEADER;
	else if (sip->sip_cseq == NULL)
		rc = PEER_SOFIA_NO_CSEQ;
	else
		*check = sip->sip_cseq->cs_seq;
	msg_destroy(msg);
	return rc;
}

static const char *
peer_sofia_strerror(void *ctx, int rc)
{
	(void)ctx;
	switch (rc) {
	case PEER_SOFIA_OK: return "ok";
	case PEER_SOFIA_NO_MSG: return "msg_make() returned NULL";
	case PEER_SOFIA_MSG_ERROR: return "message flagged MSG_FLG_ERROR";
	case PEER_SOFIA_INCOMPLETE: return "message not complete (MSG_FLG_COMPLETE unset)";
	case PEER_SOFIA_BAD_HEADER: return "a header failed to parse (sip_error set)";
	case PEER_SOFIA_NO_CSEQ: return "parsed, but without a CSeq";
	default: return "unknown error";
	}
}

const struct bench_parser bench_peer_sofia = {
        .name = "sofia-sip",
        .version = BENCH_SOFIA_VERSION,
        .check = BENCH_CHECK_CSEQ,
        .init = peer_sofia_init,
        .parse = peer_sofia_parse,
        .strerror = peer_sofia_strerror,
};
