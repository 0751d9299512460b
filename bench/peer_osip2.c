/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The parse bench's oSIP2 (libosipparser2) peer: each datagram goes through
 * osip_message_init + osip_message_parse + osip_message_free, which is how an
 * oSIP/eXosip application parses what it receives (oSIP copies the buffer,
 * unfolds it and allocates one structure per header). The CSeq number it
 * extracted is reported back so the bench can check the parse.
 */
#include <errno.h>
#include <stdlib.h>

#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>

#include "parse_bench.h"

#ifndef BENCH_OSIP2_VERSION
#define BENCH_OSIP2_VERSION NULL
#endif

/* The error of a message that parsed but came out without a usable CSeq. */
#define PEER_OSIP2_NO_CSEQ 1

static int
peer_osip2_init(void **ctx)
{
	*ctx = NULL;
	/* Builds oSIP's global header-name tables; once per process, and oSIP
	 * has nothing to free them with. */
	return parser_init() == OSIP_SUCCESS ? 0 : -EINVAL;
}

static int
peer_osip2_parse(void *ctx, void *state, const uint8_t *buf, size_t len, uint32_t *check)
{
	osip_message_t *msg;
	osip_cseq_t *cseq;
	int rc;

	(void)ctx;
	(void)state;
	rc = osip_message_init(&msg);
	if (rc != OSIP_SUCCESS)
		return rc;
	rc = osip_message_parse(msg, (const char *)buf, len);
	if (rc == OSIP_SUCCESS) {
		cseq = osip_message_get_cseq(msg);
		if (cseq != NULL && cseq->number != NULL)
			*check = (uint32_t)strtoul(cseq->number, NULL, 10);
		else
			rc = PEER_OSIP2_NO_CSEQ;
	}
	osip_message_free(msg);
	return rc;
}

static const char *
peer_osip2_strerror(void *ctx, int rc)
{
	(void)ctx;
	if (rc == PEER_OSIP2_NO_CSEQ)
		return "parsed, but without a CSeq number";
	return osip_strerror(rc);
}

const struct bench_parser bench_peer_osip2 = {
        .name = "osip2",
        .version = BENCH_OSIP2_VERSION,
        .check = BENCH_CHECK_CSEQ,
        .init = peer_osip2_init,
        .parse = peer_osip2_parse,
        .strerror = peer_osip2_strerror,
};
