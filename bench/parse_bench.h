/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * What the parse bench's pieces share: the embedded corpus (generated from
 * the .sip files in bench/corpus/ by corpus_embed.py) and the small interface
 * every parser under test implements. The peer adapters (peer_osip2.c,
 * peer_sofia.c, peer_libre.c) each live in a file of their own because their
 * headers clash with each other and with sipfront's (libre has a struct
 * sf_sip_msg too); this header includes none of them.
 */
#ifndef SIPFRONT_BENCH_PARSE_BENCH_H
#define SIPFRONT_BENCH_PARSE_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The monotonic clock in ns, which the timed loops read. */
static inline uint64_t
bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* One corpus datagram, with what a correct parse must find in it. */
struct bench_msg {
	const char *type; /* "invite", "200-ok", ...: the file name */
	const uint8_t *data;
	size_t len;
	uint32_t cseq;  /* the CSeq number */
	uint32_t lines; /* the number of LFs, for the memchr baseline */
};

extern const struct bench_msg bench_corpus[];
extern const size_t bench_corpus_count;

/* What a parser's parse() reports through *check, compared after every timed
 * loop against the corpus, so that no parse can be optimised away. */
enum bench_check {
	BENCH_CHECK_CSEQ,
	BENCH_CHECK_LINES,
};

/* A parser under test. Only parse() runs inside the timed loops. */
struct bench_parser {
	const char *name;    /* the "parser" key of the JSON output */
	const char *version; /* of the library, for the header; may be NULL */
	enum bench_check check;
	/* Once, before anything else; returns 0 or a negative errno. */
	int (*init)(void **ctx);
	void (*fini)(void *ctx);
	/* Optional, per corpus message and outside the timed loops: whatever the
	 * library wants the datagram in (libre: an mbuf). */
	int (*prepare)(void *ctx, const uint8_t *buf, size_t len, void **state);
	void (*release)(void *ctx, void *state);
	/* Parses one datagram into the library's own message structure and frees
	 * it again; returns 0 and sets *check, or a non-zero code on failure. */
	int (*parse)(void *ctx, void *state, const uint8_t *buf, size_t len, uint32_t *check);
	/* Words for parse()'s failure code. */
	const char *(*strerror)(void *ctx, int rc);
};

#ifdef BENCH_HAVE_OSIP2
extern const struct bench_parser bench_peer_osip2;
#endif
#ifdef BENCH_HAVE_SOFIA
extern const struct bench_parser bench_peer_sofia;
#endif
#ifdef BENCH_HAVE_LIBRE
extern const struct bench_parser bench_peer_libre;
#endif

/* --floors: sipfront's scan and header framing alone (frame_floor.c). */
extern const struct bench_parser bench_frame_floor;

#endif /* SIPFRONT_BENCH_PARSE_BENCH_H */
