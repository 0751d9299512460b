/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The parse bench's libre (re) peer: each datagram is decoded with
 * sip_msg_decode() into libre's struct sip_msg and freed with mem_deref(),
 * as libre's SIP stack does for every datagram its UDP transport receives.
 * libre decodes from an mbuf, and its transport receives straight into one,
 * so the mbuf is filled once per corpus message outside the timed loop and
 * only rewound before each decode. The CSeq number it extracted is reported
 * back so the bench can check the parse.
 */

/* How Debian's libre was built; re_types.h otherwise makes its own bool. */
#define HAVE_INTTYPES_H 1
#define HAVE_STDBOOL_H  1

#include <errno.h>
#include <string.h>

#include <re.h>

#include "parse_bench.h"

#ifndef BENCH_LIBRE_VERSION
#define BENCH_LIBRE_VERSION NULL
#endif

static int
peer_libre_init(void **ctx)
{
	int rc;

	*ctx = NULL;
	rc = libre_init();
	return rc == 0 ? 0 : -rc;
}

static void
peer_libre_fini(void *ctx)
{
	(void)ctx;
	libre_close();
}

static int
peer_libre_prepare(void *ctx, const uint8_t *buf, size_t len, void **state)
{
	struct mbuf *mb;
	int rc;

	(void)ctx;
	mb = mbuf_alloc(len);
	if (mb == NULL)
		return -ENOMEM;
	rc = mbuf_write_mem(mb, buf, len);
	if (rc != 0) {
		mem_deref(mb);
		return -rc;
	}
	*state = mb;
	return 0;
}

static void
peer_libre_release(void *ctx, void *state)
{
	(void)ctx;
	mem_deref(state);
}

static int
peer_libre_parse(void *ctx, void *state, const uint8_t *buf, size_t len, uint32_t *check)
{
	struct mbuf *mb = state;
	struct sip_msg *msg = NULL;
	int rc;

	(void)ctx;
	(void)buf;
	(void)len;
	/* sip_msg_decode() leaves pos at the body; start each decode afresh. */
	mb->pos = 0;
	rc = sip_msg_decode(&msg, mb);
	if (rc != 0)
		return rc;
	*check = msg->cseq.num;
	mem_deref(msg);
	return 0;
}

static const char *
peer_libre_strerror(void *ctx, int rc)
{
	(void)ctx;
	return strerror(rc);
}

const struct bench_parser bench_peer_libre = {
        .name = "libre",
        .version = BENCH_LIBRE_VERSION,
        .check = BENCH_CHECK_CSEQ,
        .init = peer_libre_init,
        .fini = peer_libre_fini,
        .prepare = peer_libre_prepare,
        .release = peer_libre_release,
        .parse = peer_libre_parse,
        .strerror = peer_libre_strerror,
};
