/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The framing floor (sipfront-parse-bench --floors): the least a full parse
 * does with sipfront's own building blocks, and nothing more. The datagram
 * is scanned by the widest scanner, lazily, by the parser's own cursor
 * (which also gathers each block's control octets as it leaves the block);
 * each line's end comes from the line-feed bitmap and its first colon from
 * the colon bitmap; each header name is resolved by the parser's own hash
 * (lib/sip/sip_header_id.h) and an entry (name, value, id) is stored. No
 * value is parsed but the CSeq number the bench checks, no white space is
 * trimmed, no rule of the message is checked. sipfront's row minus this one
 * is what its grammars, checks and bookkeeping cost.
 */
#include <stdlib.h>

#include "parse_bench.h"
#include "sip_header_id.h"

enum frame_floor_error {
	FRAME_FLOOR_OK = 0,
	FRAME_FLOOR_UNTERMINATED,
	FRAME_FLOOR_NO_COLON,
	FRAME_FLOOR_TOO_MANY,
	FRAME_FLOOR_NO_CSEQ,
};

struct frame_floor {
	struct sf_sip_parser parser; /* its scanner and index only */
	struct sf_sip_header headers[SF_SIP_MAX_HEADERS];
};

static int
frame_floor_init(void **ctx)
{
	struct frame_floor *f = aligned_alloc(64, sizeof(*f));
	int rc;

	if (f == NULL)
		return -1;
	rc = sf_sip_parser_init(&f->parser, SF_SIP_SCAN_AUTO);
	if (rc != 0) {
		free(f);
		return rc;
	}
	*ctx = f;
	return 0;
}

static void
frame_floor_fini(void *ctx)
{
	free(ctx);
}

/* The parser's own cursor (lib/sip/sip_internal.h) over its own index:
 * lines and colons are found exactly as sf_sip_parse finds them, blocks
 * scanned in the same chunks. */
static int
frame_floor_parse(void *ctx, void *state, const uint8_t *buf, size_t len, uint32_t *check)
{
	struct frame_floor *f = ctx;
	struct parse_ctx pc = {
	        .buf = buf,
	        .len = len,
	        .blocks = f->parser.index.block,
	        .n_blocks = (len + 63) / 64,
	        .parser = &f->parser,
	};
	size_t lf, pos, n = 0;
	uint64_t cseq = 0;
	bool have_cseq = false;

	(void)state;
	ctx_scan_first(&pc);
	lf = ctx_next_lf(&pc, 0);
	if (lf >= len)
		return FRAME_FLOOR_UNTERMINATED;
	pos = lf + 1;
	ctx_lf_cursor_at(&pc, pos);
	for (;;) {
		lf = ctx_lf_take(&pc);
		if (lf >= len)
			return FRAME_FLOOR_UNTERMINATED;
		size_t end = lf > pos && buf[lf - 1] == '\r' ? lf - 1 : lf;

		if (end == pos)
			break;
		size_t colon = ctx_find(&pc, SF_SIP_SCAN_COLON, pos, end);

		if (colon == end)
			return FRAME_FLOOR_NO_COLON;
		if (n == SF_SIP_MAX_HEADERS)
			return FRAME_FLOOR_TOO_MANY;
		/* The parser's lookup for a line of the common shape, which
		 * reads the 16 octets that end with the name. */
		enum sf_sip_header_id id = colon <= pos  ? SF_SIP_HDR_OTHER
		                           : colon >= 16 ? header_id_line(buf + pos, colon - pos)
		                                         : header_id(buf + pos, colon - pos);
		size_t v = colon + 1 + (colon + 1 < end && buf[colon + 1] == ' ');
		struct sf_sip_header *h = &f->headers[n++];

		h->name = span(pos, colon);
		h->value = span(v, end);
		h->id = (uint8_t)id;
		if (id == SF_SIP_HDR_CSEQ) {
			cseq = 0;
			for (size_t i = v; i < end && CC_IS_DIGIT(buf[i]); i++)
				cseq = cseq * 10 + (uint64_t)(buf[i] - '0');
			have_cseq = true;
		}
		pos = lf + 1;
	}
	if (!have_cseq)
		return FRAME_FLOOR_NO_CSEQ;
	*check = (uint32_t)cseq;
	return 0;
}

static const char *
frame_floor_strerror(void *ctx, int rc)
{
	(void)ctx;
	switch (rc) {
	case FRAME_FLOOR_OK: return "ok";
	case FRAME_FLOOR_UNTERMINATED: return "no empty line after the header section";
	case FRAME_FLOOR_NO_COLON: return "a header line without a colon";
	case FRAME_FLOOR_TOO_MANY: return "more header lines than the view holds";
	case FRAME_FLOOR_NO_CSEQ: return "no CSeq header";
	default: return "unknown error";
	}
}

const struct bench_parser bench_frame_floor = {
        .name = "frame-floor",
        .check = BENCH_CHECK_CSEQ,
        .init = frame_floor_init,
        .fini = frame_floor_fini,
        .parse = frame_floor_parse,
        .strerror = frame_floor_strerror,
};
