/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * sipfront-parse-bench: how fast sipfront's parser turns a datagram into its
 * view, next to what the same work costs elsewhere. Every parser runs on the
 * same shipped corpus (twelve realistic messages, one per type, and their
 * round-robin mix) in one run: sipfront with its SIMD scanner and with the
 * scalar one, a floor that only finds line ends with memchr, and the peer
 * parsers oSIP2, sofia-sip and libre, each into its own message structure as
 * it does by default. Each cell is a warm-up and five time-boxed slices, the
 * parsers of a type taking turns, and the median slice is reported. Every
 * parse's CSeq (line count for the floor) is summed and checked against the
 * corpus, so nothing can be optimised away and a parser that fails stops the
 * run. The figures are for reading side by side, never pass/fail. With
 * --file, datagrams of the user's own (a capture's message, a message type
 * the corpus lacks) get rows of their own after the mix, outside it.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define BENCH_HAVE_TSC 1
#endif

#include <sipfront/sip.h>

#include "parse_bench.h"

#define BENCH_DEFAULT_MS  120
#define BENCH_MAX_MS      60000
#define BENCH_MAX_ITERS   1000000000ull
#define BENCH_MAX_PARSERS 12
/* --file: datagrams of one's own, each a row after the mix. */
#define BENCH_MAX_FILES 16
/* Parses between two clock reads: enough to make the read's ~20 ns vanish,
 * few enough that a time-boxed cell overshoots by microseconds only. */
#define BENCH_BATCH_MSGS 32
/* Slices per cell; the median one is reported. Odd. */
#define BENCH_SLICES 5

struct bench_opts {
	bool json;
	bool scanners;       /* also a row per scanner the CPU has */
	bool floors;         /* also the framing floor's row */
	unsigned int ms;     /* per cell, when iterations is 0 */
	uint64_t iterations; /* messages per cell; 0: time-boxed */
	const char *files[BENCH_MAX_FILES];
	size_t n_files;
};

/* One corpus message as a parser sees it inside the timed loop. */
struct bench_input {
	const char *type;
	const uint8_t *buf;
	size_t len;
	void *state;
	uint32_t expect;
};

struct bench_result {
	uint64_t msgs;
	uint64_t bytes;
	uint64_t ns;
	uint64_t cycles;
	double ns_per_msg;
	double msgs_per_s;
	double mb_per_s;
	double cycles_per_msg;
	double ratio_to_simd; /* ns/msg over sipfront-simd's ns/msg, same type */
};

static uint64_t
read_tsc(void)
{
#ifdef BENCH_HAVE_TSC
	return __rdtsc();
#else
	return 0;
#endif
}

/* ---- sipfront, SIMD and scalar ------------------------------------------- */

struct sf_ctx {
	struct sf_sip_parser parser;
	struct sf_sip_msg msg;
};

static int
sf_init(void **ctx, enum sf_sip_scan_impl impl)
{
	struct sf_ctx *c;
	int rc;

	/* The view is large (arrays for every header and value): one per
	 * parser, cache-aligned, as a worker would keep it. */
	c = aligned_alloc(64, (sizeof(*c) + 63) & ~(size_t)63);
	if (c == NULL)
		return -ENOMEM;
	memset(c, 0, sizeof(*c));
	rc = sf_sip_parser_init(&c->parser, impl);
	if (rc != 0) {
		free(c);
		return rc;
	}
	*ctx = c;
	return 0;
}

static int
sf_simd_init(void **ctx)
{
	return sf_init(ctx, SF_SIP_SCAN_AUTO);
}

static int
sf_scalar_init(void **ctx)
{
	return sf_init(ctx, SF_SIP_SCAN_SCALAR);
}

static int
sf_sse2_init(void **ctx)
{
	return sf_init(ctx, SF_SIP_SCAN_SSE2);
}

static int
sf_avx2_init(void **ctx)
{
	return sf_init(ctx, SF_SIP_SCAN_AVX2);
}

static int
sf_avx512bw_init(void **ctx)
{
	return sf_init(ctx, SF_SIP_SCAN_AVX512BW);
}

static int
sf_avx512vbmi_init(void **ctx)
{
	return sf_init(ctx, SF_SIP_SCAN_AVX512VBMI);
}

static void
sf_fini(void *ctx)
{
	free(ctx);
}

static int
sf_parse(void *ctx, void *state, const uint8_t *buf, size_t len, uint32_t *check)
{
	struct sf_ctx *c = ctx;
	enum sf_sip_error err;

	(void)state;
	err = sf_sip_parse(&c->parser, buf, len, &c->msg);
	if (err != SF_SIP_ERR_OK)
		return (int)err;
	*check = c->msg.cseq;
	return 0;
}

static const char *
sf_strerror(void *ctx, int rc)
{
	static char text[256];
	struct sf_ctx *c = ctx;

	snprintf(text, sizeof(text), "SF_SIP_ERR_%s: %s (at offset %u, %u octets)",
	         sf_sip_error_name((enum sf_sip_error)rc),
	         sf_sip_error_reason((enum sf_sip_error)rc), c->msg.error_at.off,
	         c->msg.error_at.len);
	return text;
}

static const struct bench_parser sf_simd = {
        .name = "sipfront-simd",
        .check = BENCH_CHECK_CSEQ,
        .init = sf_simd_init,
        .fini = sf_fini,
        .parse = sf_parse,
        .strerror = sf_strerror,
};

static const struct bench_parser sf_scalar = {
        .name = "sipfront-scalar",
        .check = BENCH_CHECK_CSEQ,
        .init = sf_scalar_init,
        .fini = sf_fini,
        .parse = sf_parse,
        .strerror = sf_strerror,
};

/* With --scanners: sipfront once more per SIMD scanner, whichever AUTO picks,
 * to show what the pick is worth on this CPU. */
static const struct {
	enum sf_sip_scan_impl impl;
	struct bench_parser parser;
} sf_scanners[] = {
        {SF_SIP_SCAN_SSE2,
         {.name = "sipfront-sse2",
          .check = BENCH_CHECK_CSEQ,
          .init = sf_sse2_init,
          .fini = sf_fini,
          .parse = sf_parse,
          .strerror = sf_strerror}},
        {SF_SIP_SCAN_AVX2,
         {.name = "sipfront-avx2",
          .check = BENCH_CHECK_CSEQ,
          .init = sf_avx2_init,
          .fini = sf_fini,
          .parse = sf_parse,
          .strerror = sf_strerror}},
        {SF_SIP_SCAN_AVX512BW,
         {.name = "sipfront-avx512bw",
          .check = BENCH_CHECK_CSEQ,
          .init = sf_avx512bw_init,
          .fini = sf_fini,
          .parse = sf_parse,
          .strerror = sf_strerror}},
        {SF_SIP_SCAN_AVX512VBMI,
         {.name = "sipfront-avx512vbmi",
          .check = BENCH_CHECK_CSEQ,
          .init = sf_avx512vbmi_init,
          .fini = sf_fini,
          .parse = sf_parse,
          .strerror = sf_strerror}},
};

/* ---- the floor: line ends with memchr ------------------------------------ */

static int
memchr_init(void **ctx)
{
	*ctx = NULL;
	return 0;
}

static int
memchr_parse(void *ctx, void *state, const uint8_t *buf, size_t len, uint32_t *check)
{
	const uint8_t *p = buf;
	const uint8_t *end = buf + len;
	uint32_t lines = 0;

	(void)ctx;
	(void)state;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		lines++;
		p++;
	}
	*check = lines;
	return 0;
}

static const char *
memchr_strerror(void *ctx, int rc)
{
	(void)ctx;
	(void)rc;
	return "cannot fail";
}

static const struct bench_parser memchr_lines = {
        .name = "memchr-lines",
        .check = BENCH_CHECK_LINES,
        .init = memchr_init,
        .parse = memchr_parse,
        .strerror = memchr_strerror,
};

/* The rows of each type, in order; the peers follow the first three. */
static const struct bench_parser *const bench_default_parsers[] = {
        &sf_simd,      /* first: every other row's ratio is to it */
        &sf_scalar,    /* same parser, scalar scanner */
        &memchr_lines, /* the floor */
#ifdef BENCH_HAVE_OSIP2
        &bench_peer_osip2,
#endif
#ifdef BENCH_HAVE_SOFIA
        &bench_peer_sofia,
#endif
#ifdef BENCH_HAVE_LIBRE
        &bench_peer_libre,
#endif
};

#define BENCH_N_DEFAULT  (sizeof(bench_default_parsers) / sizeof(bench_default_parsers[0]))
#define BENCH_FIRST_PEER 3
#define BENCH_END_PEERS  BENCH_N_DEFAULT
#define BENCH_N_SCANNERS (sizeof(sf_scanners) / sizeof(sf_scanners[0]))

/* What this run times: the default rows, then the --scanners ones, then
 * the --floors one. */
static const struct bench_parser *bench_parsers[BENCH_MAX_PARSERS];
static size_t bench_n_parsers;

/* What this run parses: the corpus (the mix is its first bench_corpus_count
 * messages), then the --file datagrams. */
static struct bench_msg *bench_inputs;
static size_t bench_n_inputs;

/* ---- --file: datagrams of one's own ----------------------------------------- */

/* The file's whole content as one datagram into *msg: its type is the file
 * name without directories and ".sip", its CSeq what sipfront reads (every
 * other parser must read the same), its line count the LFs in it. */
static int
load_file(const char *path, struct bench_msg *msg)
{
	static struct sf_sip_parser parser;
	static struct sf_sip_msg view;
	const char *base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	size_t name_len = strlen(base), len = 0, lines = 0;
	uint8_t *data = malloc(SF_SIP_MAX_DATAGRAM + 1);
	FILE *f = fopen(path, "rb");
	enum sf_sip_error err;
	char *type;

	if (data == NULL || f == NULL) {
		fprintf(stderr, "sipfront-parse-bench: --file %s: %s\n", path, strerror(errno));
		goto fail;
	}
	len = fread(data, 1, SF_SIP_MAX_DATAGRAM + 1, f);
	if (ferror(f) || len == 0 || len > SF_SIP_MAX_DATAGRAM) {
		fprintf(stderr,
		        "sipfront-parse-bench: --file %s: %s (one datagram: 1..%d octets)\n", path,
		        ferror(f)  ? "cannot read it"
		        : len == 0 ? "empty"
		                   : "too large",
		        SF_SIP_MAX_DATAGRAM);
		goto fail;
	}
	fclose(f);
	f = NULL;
	if (sf_sip_parser_init(&parser, SF_SIP_SCAN_AUTO) != 0) {
		fprintf(stderr, "sipfront-parse-bench: cannot set up sipfront's parser\n");
		goto fail;
	}
	err = sf_sip_parse(&parser, data, len, &view);
	if (err != SF_SIP_ERR_OK || view.kind == SF_SIP_KIND_KEEPALIVE) {
		fprintf(stderr, "sipfront-parse-bench: --file %s: not a message to time: %s\n",
		        path, err != SF_SIP_ERR_OK ? sf_sip_error_reason(err) : "a keep-alive");
		goto fail;
	}
	if (name_len > 4 && strcmp(base + name_len - 4, ".sip") == 0)
		name_len -= 4;
	type = strndup(base, name_len);
	if (type == NULL || name_len == 0) {
		fprintf(stderr, "sipfront-parse-bench: --file %s: no file name\n", path);
		free(type);
		goto fail;
	}
	for (size_t i = 0; i < len; i++)
		lines += data[i] == '\n';
	*msg = (struct bench_msg){.type = type,
	                          .data = data,
	                          .len = len,
	                          .cseq = view.cseq,
	                          .lines = (uint32_t)lines};
	return 0;
fail:
	if (f != NULL)
		fclose(f);
	free(data);
	return -EINVAL;
}

static void
free_inputs(void)
{
	for (size_t m = bench_corpus_count; m < bench_n_inputs; m++) {
		free((void *)bench_inputs[m].type);
		free((void *)bench_inputs[m].data);
	}
	free(bench_inputs);
}

/* ---- running the cells ---------------------------------------------------- */

static void
die_parse(const struct bench_parser *bp, void *ctx, const char *type, int rc)
{
	fprintf(stderr, "sipfront-parse-bench: %s failed to parse the %s message: %s\n", bp->name,
	        type, bp->strerror(ctx, rc));
	exit(EXIT_FAILURE);
}

/* Parses the inputs round-robin, in whole rounds, until max_ns or max_rounds;
 * returns the rounds done, the sum of the check values in *sum. */
static uint64_t
run_loop(const struct bench_parser *bp, void *ctx, const struct bench_input *in, size_t n_in,
         uint64_t max_ns, uint64_t max_rounds, uint64_t *sum, uint64_t *ns, uint64_t *cycles)
{
	uint64_t batch = n_in >= BENCH_BATCH_MSGS ? 1 : BENCH_BATCH_MSGS / n_in;
	uint64_t rounds = 0, acc = 0;
	uint64_t t0, t1, c0, c1;

	t0 = bench_now_ns();
	c0 = read_tsc();
	do {
		uint64_t n = max_rounds - rounds < batch ? max_rounds - rounds : batch;

		for (uint64_t r = 0; r < n; r++) {
			for (size_t i = 0; i < n_in; i++) {
				uint32_t v = 0;
				int rc = bp->parse(ctx, in[i].state, in[i].buf, in[i].len, &v);

				if (__builtin_expect(rc != 0, 0))
					die_parse(bp, ctx, in[i].type, rc);
				acc += v;
			}
		}
		rounds += n;
		t1 = bench_now_ns();
	} while (t1 - t0 < max_ns && rounds < max_rounds);
	c1 = read_tsc();
	*sum = acc;
	*ns = t1 - t0;
	*cycles = c1 - c0;
	return rounds;
}

static void
set_result(struct bench_result *res, uint64_t msgs, uint64_t bytes, uint64_t ns, uint64_t cycles)
{
	res->msgs = msgs;
	res->bytes = bytes;
	res->ns = ns != 0 ? ns : 1;
	res->cycles = cycles;
	res->ns_per_msg = (double)res->ns / (double)msgs;
	res->msgs_per_s = 1e9 / res->ns_per_msg;
	res->mb_per_s = (double)bytes * 1e3 / (double)res->ns;
	res->cycles_per_msg = (double)cycles / (double)msgs;
}

static int
cmp_ns_per_msg(const void *a, const void *b)
{
	double x = ((const struct bench_result *)a)->ns_per_msg;
	double y = ((const struct bench_result *)b)->ns_per_msg;

	return (x > y) - (x < y);
}

/* One (parser, type) cell: the inputs it parses round-robin and what one
 * round of them must add up to. */
struct bench_cell {
	const struct bench_parser *bp;
	void *ctx;
	const struct bench_input *in;
	size_t n_in;
	uint64_t expect_round;
	uint64_t bytes_round;
	struct bench_result slice[BENCH_SLICES];
};

static void
run_slice(struct bench_cell *c, const char *type, uint64_t max_ns, uint64_t max_rounds,
          struct bench_result *res)
{
	uint64_t rounds, sum, ns, cycles;

	rounds = run_loop(c->bp, c->ctx, c->in, c->n_in, max_ns, max_rounds, &sum, &ns, &cycles);
	if (sum != rounds * c->expect_round) {
		fprintf(stderr,
		        "sipfront-parse-bench: %s on %s: the %s values summed to %" PRIu64
		        " over %" PRIu64 " rounds, expected %" PRIu64 "\n",
		        c->bp->name, type, c->bp->check == BENCH_CHECK_CSEQ ? "CSeq" : "line count",
		        sum, rounds, rounds * c->expect_round);
		exit(EXIT_FAILURE);
	}
	if (res != NULL)
		set_result(res, rounds * c->n_in, rounds * c->bytes_round, ns, cycles);
}

/* All parsers on one type: a warm-up slice each, then BENCH_SLICES slices
 * each, taken in turns (parser 0, 1, ... then again), and each parser's
 * median slice kept. On a shared machine a neighbour's burst then lands on
 * every parser alike instead of on whichever ran at the time, so the ratios
 * hold; the median leaves a burst out without picking the luckiest slice.
 * A parser that comes back to the core after the others gets a short
 * re-warm (an eighth of a slice) for its caches. */
static void
run_type(struct bench_cell *cells, size_t n_cells, const char *type, const struct bench_opts *o,
         struct bench_result *res)
{
	/* A slice is ms/BENCH_SLICES, or iterations/BENCH_SLICES in whole rounds. */
	uint64_t max_ns =
	        o->iterations != 0 ? UINT64_MAX : (uint64_t)o->ms * 1000000ull / BENCH_SLICES;
	uint64_t rounds[BENCH_MAX_PARSERS];
	size_t p, k;

	for (p = 0; p < n_cells; p++) {
		size_t per = cells[p].n_in * BENCH_SLICES;

		rounds[p] = o->iterations != 0 ? (o->iterations + per - 1) / per : UINT64_MAX;
		run_slice(&cells[p], type, max_ns, rounds[p], NULL);
	}
	for (k = 0; k < BENCH_SLICES; k++) {
		for (p = 0; p < n_cells; p++) {
			if (n_cells > 1)
				run_slice(&cells[p], type, max_ns / 8,
				          rounds[p] == UINT64_MAX ? UINT64_MAX : rounds[p] / 8 + 1,
				          NULL);
			run_slice(&cells[p], type, max_ns, rounds[p], &cells[p].slice[k]);
		}
	}
	for (p = 0; p < n_cells; p++) {
		qsort(cells[p].slice, BENCH_SLICES, sizeof(cells[p].slice[0]), cmp_ns_per_msg);
		res[p] = cells[p].slice[BENCH_SLICES / 2];
	}
}

/* Before any timing: every parser once over every message, every failure
 * reported (not just the first), so a broken corpus or parser is named at
 * once instead of after seconds of figures. */
static int
verify_all(void *const ctx[], struct bench_input *const in[])
{
	int bad = 0;

	for (size_t p = 0; p < bench_n_parsers; p++) {
		const struct bench_parser *bp = bench_parsers[p];

		for (size_t m = 0; m < bench_n_inputs; m++) {
			const struct bench_input *x = &in[p][m];
			uint32_t v = 0;
			int rc = bp->parse(ctx[p], x->state, x->buf, x->len, &v);

			if (rc != 0) {
				fprintf(stderr,
				        "sipfront-parse-bench: %s rejects the %s message: %s\n",
				        bp->name, x->type, bp->strerror(ctx[p], rc));
				bad++;
			} else if (v != x->expect) {
				fprintf(stderr,
				        "sipfront-parse-bench: %s read %s %" PRIu32
				        " from the %s message, expected %" PRIu32 "\n",
				        bp->name,
				        bp->check == BENCH_CHECK_CSEQ ? "CSeq" : "line count", v,
				        x->type, x->expect);
				bad++;
			}
		}
	}
	return bad;
}

/* ---- output ----------------------------------------------------------------- */

static void
print_header(const struct bench_opts *o, void *const ctx[])
{
	const struct sf_ctx *simd = ctx[0], *scalar = ctx[1];
	size_t total = 0;
	int col;

	for (size_t m = 0; m < bench_corpus_count; m++)
		total += bench_corpus[m].len;
	printf("sipfront parse bench\n");
	printf("corpus:  %zu messages, mix average %.1f bytes/msg, octets each:",
	       bench_corpus_count, (double)total / (double)bench_corpus_count);
	col = 100;
	for (size_t m = 0; m < bench_corpus_count; m++) {
		int w = snprintf(NULL, 0, " %s %zu,", bench_corpus[m].type, bench_corpus[m].len);

		if (col + w > 90)
			col = printf("\n        ");
		col += printf(" %s %zu%s", bench_corpus[m].type, bench_corpus[m].len,
		              m + 1 < bench_corpus_count ? "," : "");
	}
	printf("\n");
	for (size_t m = bench_corpus_count; m < bench_n_inputs; m++)
		printf("%s %s %zu octets (--file, not in the mix)\n",
		       m == bench_corpus_count ? "files:  " : "        ", bench_inputs[m].type,
		       bench_inputs[m].len);
	printf("scanner: sipfront-simd uses '%s', sipfront-scalar uses '%s'\n",
	       sf_sip_scan_impl_name(simd->parser.scan_impl),
	       sf_sip_scan_impl_name(scalar->parser.scan_impl));
	printf("peers:  ");
	if (BENCH_END_PEERS == BENCH_FIRST_PEER)
		printf(" none built (bench_peers disabled or the libraries are missing)");
	for (size_t p = BENCH_FIRST_PEER; p < BENCH_END_PEERS; p++)
		printf(" %s %s%s", bench_parsers[p]->name,
		       bench_parsers[p]->version ? bench_parsers[p]->version : "",
		       p + 1 < BENCH_END_PEERS ? "," : "");
	printf("\n");
	if (o->iterations != 0)
		printf("timing:  %" PRIu64
		       " messages per cell: %d slices after a one-slice warm-up, "
		       "median slice shown\n",
		       o->iterations, BENCH_SLICES);
	else
		printf("timing:  %u ms per cell: %d slices of %g ms after a one-slice warm-up, "
		       "median slice shown\n",
		       o->ms, BENCH_SLICES, o->ms / (double)BENCH_SLICES);
	printf("         (the parsers take turns slice by slice, so that noise hits them alike)\n");
	printf("\n%-17s %-16s %12s %10s %10s %11s %9s\n", "parser", "type", "msgs/s", "ns/msg",
	       "MB/s", "cycles/msg", "vs simd");
}

static void
print_result(const struct bench_opts *o, const char *parser, const char *type,
             const struct bench_result *r)
{
	if (o->json) {
		printf("{\"parser\":\"%s\",\"type\":\"%s\",\"msgs_per_s\":%.0f,"
		       "\"ns_per_msg\":%.2f,\"mb_per_s\":%.2f,\"cycles_per_msg\":%.1f,"
		       "\"ratio_to_simd\":%.3f}\n",
		       parser, type, r->msgs_per_s, r->ns_per_msg, r->mb_per_s, r->cycles_per_msg,
		       r->ratio_to_simd);
	} else {
		printf("%-17s %-16s %12.0f %10.1f %10.1f %11.1f %8.2fx\n", parser, type,
		       r->msgs_per_s, r->ns_per_msg, r->mb_per_s, r->cycles_per_msg,
		       r->ratio_to_simd);
	}
	fflush(stdout);
}

static void
print_summary(const struct bench_result mix[], uint64_t all_ns, uint64_t all_cycles)
{
	const struct bench_result *simd = &mix[0], *floor = &mix[2];
	size_t fastest = 0;

	printf("\nvs simd: ns/msg over sipfront-simd's ns/msg, same type (above 1: slower)\n");
#ifdef BENCH_HAVE_TSC
	printf("cycles:  TSC reference cycles (rdtsc), TSC measured at %.2f GHz; MB = 10^6 bytes\n",
	       (double)all_cycles / (double)all_ns);
#else
	(void)all_ns;
	(void)all_cycles;
	printf("cycles:  no TSC on this architecture (shown as 0); MB = 10^6 bytes\n");
#endif
	printf("\nsummary (mix of all %zu messages, round-robin):\n", bench_corpus_count);
	printf("  sipfront-simd:   %.1f ns/msg, %.2f M msgs/s, %.0f MB/s\n", simd->ns_per_msg,
	       simd->msgs_per_s / 1e6, simd->mb_per_s);
	printf("  sipfront-scalar: %.1f ns/msg (SIMD is %.2fx faster)\n", mix[1].ns_per_msg,
	       mix[1].ns_per_msg / simd->ns_per_msg);
	for (size_t p = BENCH_FIRST_PEER; p < BENCH_END_PEERS; p++)
		if (fastest == 0 || mix[p].ns_per_msg < mix[fastest].ns_per_msg)
			fastest = p;
	if (fastest != 0)
		printf("  speed-up over the fastest peer (%s, %.1f ns/msg): %.2fx\n",
		       bench_parsers[fastest]->name, mix[fastest].ns_per_msg,
		       mix[fastest].ns_per_msg / simd->ns_per_msg);
	else
		printf("  speed-up over the fastest peer: no peer parsers were built\n");
	printf("  ratio to memchr-lines (%.1f ns/msg): %.2fx its time\n", floor->ns_per_msg,
	       simd->ns_per_msg / floor->ns_per_msg);
}

/* ---- main ----------------------------------------------------------------- */

static void
usage(FILE *f)
{
	fprintf(f,
	        "usage: sipfront-parse-bench [--json] [--scanners] [--floors] [--ms N | "
	        "--iterations N]\n"
	        "                            [--file PATH]...\n"
	        "\n"
	        "Parses the shipped corpus (%zu messages and their mix) with sipfront (SIMD\n"
	        "and scalar scanner), a memchr line-end floor and the peer parsers built in,\n"
	        "and prints msgs/s, ns/msg, MB/s and cycles/msg per parser and message type.\n"
	        "\n"
	        "  --json          one JSON object per (parser, type) line instead of the table\n"
	        "  --scanners      add a sipfront row per SIMD scanner the CPU has "
	        "(sipfront-sse2,\n"
	        "                  sipfront-avx2, sipfront-avx512bw,\n"
	        "                  sipfront-avx512vbmi), whichever one AUTO picks\n"
	        "  --floors        add the frame-floor row: sipfront's scan and header framing\n"
	        "                  alone (line ends, colons, header names), no value parsed\n"
	        "  --ms N          time each cell for N ms (default %d), in %d slices after a\n"
	        "                  one-slice warm-up; the median slice is reported\n"
	        "  --iterations N  parse N messages per cell instead of timing it (same slices;\n"
	        "                  whole rounds of the mix)\n"
	        "  --file PATH     also time this datagram (the file's whole content, e.g. a\n"
	        "                  message from a capture), a row per parser after the mix and\n"
	        "                  not in it, named by the file without \".sip\"; every parser\n"
	        "                  must read the CSeq sipfront reads from it. Up to %d times\n"
	        "  --help          this text\n",
	        bench_corpus_count, BENCH_DEFAULT_MS, BENCH_SLICES, BENCH_MAX_FILES);
}

static int
parse_number(const char *arg, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || arg[0] == '-' || v == 0 || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

static int
parse_opts(int argc, char **argv, struct bench_opts *o)
{
	static const struct option longopts[] = {
	        {"json", no_argument, NULL, 'j'},
	        {"scanners", no_argument, NULL, 's'},
	        {"floors", no_argument, NULL, 'f'},
	        {"ms", required_argument, NULL, 'm'},
	        {"iterations", required_argument, NULL, 'n'},
	        {"file", required_argument, NULL, 'F'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	uint64_t v;
	int c;

	o->json = false;
	o->scanners = false;
	o->floors = false;
	o->ms = BENCH_DEFAULT_MS;
	o->iterations = 0;
	o->n_files = 0;
	while ((c = getopt_long(argc, argv, "jsfm:n:F:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': o->json = true; break;
		case 's': o->scanners = true; break;
		case 'f': o->floors = true; break;
		case 'm':
			if (parse_number(optarg, BENCH_MAX_MS, &v) != 0) {
				fprintf(stderr, "sipfront-parse-bench: --ms wants 1..%d\n",
				        BENCH_MAX_MS);
				return -EINVAL;
			}
			o->ms = (unsigned int)v;
			break;
		case 'n':
			if (parse_number(optarg, BENCH_MAX_ITERS, &o->iterations) != 0) {
				fprintf(stderr,
				        "sipfront-parse-bench: --iterations wants 1..%llu\n",
				        BENCH_MAX_ITERS);
				return -EINVAL;
			}
			break;
		case 'F':
			if (o->n_files == BENCH_MAX_FILES) {
				fprintf(stderr, "sipfront-parse-bench: at most %d --file\n",
				        BENCH_MAX_FILES);
				return -EINVAL;
			}
			o->files[o->n_files++] = optarg;
			break;
		case 'h': usage(stdout); exit(EXIT_SUCCESS);
		default: usage(stderr); return -EINVAL;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "sipfront-parse-bench: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return -EINVAL;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	void *ctx[BENCH_MAX_PARSERS] = {NULL};
	struct bench_input *in[BENCH_MAX_PARSERS] = {NULL};
	struct bench_result mix[BENCH_MAX_PARSERS];
	static struct bench_cell cells[BENCH_MAX_PARSERS];
	uint64_t all_ns = 0, all_cycles = 0;
	struct bench_opts o;
	size_t p, m, n_init = 0;
	int rc = EXIT_FAILURE;

	_Static_assert(BENCH_N_DEFAULT + BENCH_N_SCANNERS + 1 <= BENCH_MAX_PARSERS,
	               "raise BENCH_MAX_PARSERS");
	if (parse_opts(argc, argv, &o) != 0)
		return 2;
	bench_inputs = calloc(bench_corpus_count + o.n_files, sizeof(*bench_inputs));
	if (bench_inputs == NULL) {
		fprintf(stderr, "sipfront-parse-bench: out of memory\n");
		return EXIT_FAILURE;
	}
	for (m = 0; m < bench_corpus_count; m++)
		bench_inputs[bench_n_inputs++] = bench_corpus[m];
	for (size_t f = 0; f < o.n_files; f++) {
		if (load_file(o.files[f], &bench_inputs[bench_n_inputs]) != 0) {
			free_inputs();
			return 2;
		}
		bench_n_inputs++;
	}
	for (p = 0; p < BENCH_N_DEFAULT; p++)
		bench_parsers[bench_n_parsers++] = bench_default_parsers[p];
	for (p = 0; o.scanners && p < BENCH_N_SCANNERS; p++)
		if (sf_sip_scan_supported(sf_scanners[p].impl))
			bench_parsers[bench_n_parsers++] = &sf_scanners[p].parser;
	if (o.floors)
		bench_parsers[bench_n_parsers++] = &bench_frame_floor;

	for (p = 0; p < bench_n_parsers; p++) {
		const struct bench_parser *bp = bench_parsers[p];
		int err = bp->init(&ctx[p]);

		if (err != 0) {
			fprintf(stderr, "sipfront-parse-bench: cannot set up %s: error %d\n",
			        bp->name, err);
			goto out_fini;
		}
		n_init++;
		in[p] = calloc(bench_n_inputs, sizeof(*in[p]));
		if (in[p] == NULL) {
			fprintf(stderr, "sipfront-parse-bench: out of memory\n");
			goto out_fini;
		}
		for (m = 0; m < bench_n_inputs; m++) {
			struct bench_input *x = &in[p][m];

			x->type = bench_inputs[m].type;
			x->buf = bench_inputs[m].data;
			x->len = bench_inputs[m].len;
			x->expect = bp->check == BENCH_CHECK_CSEQ ? bench_inputs[m].cseq
			                                          : bench_inputs[m].lines;
			if (bp->prepare != NULL &&
			    bp->prepare(ctx[p], x->buf, x->len, &x->state) != 0) {
				fprintf(stderr,
				        "sipfront-parse-bench: %s cannot take the %s message\n",
				        bp->name, x->type);
				goto out_fini;
			}
		}
	}

	if (verify_all(ctx, in) != 0)
		goto out_fini;

	if (!o.json)
		print_header(&o, ctx);
	/* Type-major: each type's rows sit together, sipfront-simd first; the
	 * mix after the corpus, the files after the mix. */
	for (size_t row = 0; row <= bench_n_inputs; row++) {
		bool is_mix = row == bench_corpus_count;
		const char *type;
		struct bench_result r[BENCH_MAX_PARSERS];

		m = row < bench_corpus_count ? row : row - 1;
		type = is_mix ? "mix" : bench_inputs[m].type;
		for (p = 0; p < bench_n_parsers; p++) {
			struct bench_cell *c = &cells[p];

			c->bp = bench_parsers[p];
			c->ctx = ctx[p];
			c->in = is_mix ? in[p] : &in[p][m];
			c->n_in = is_mix ? bench_corpus_count : 1;
			c->expect_round = 0;
			c->bytes_round = 0;
			for (size_t i = 0; i < c->n_in; i++) {
				c->expect_round += c->in[i].expect;
				c->bytes_round += c->in[i].len;
			}
		}
		run_type(cells, bench_n_parsers, type, &o, r);
		if (!o.json)
			printf("\n");
		for (p = 0; p < bench_n_parsers; p++) {
			r[p].ratio_to_simd = r[p].ns_per_msg / r[0].ns_per_msg;
			all_ns += r[p].ns;
			all_cycles += r[p].cycles;
			if (is_mix)
				mix[p] = r[p];
			print_result(&o, bench_parsers[p]->name, type, &r[p]);
		}
	}
	if (!o.json)
		print_summary(mix, all_ns, all_cycles);
	rc = EXIT_SUCCESS;

out_fini:
	for (p = 0; p < n_init; p++) {
		const struct bench_parser *bp = bench_parsers[p];

		if (in[p] != NULL && bp->release != NULL)
			for (m = 0; m < bench_n_inputs; m++)
				if (in[p][m].state != NULL)
					bp->release(ctx[p], in[p][m].state);
		free(in[p]);
		if (bp->fini != NULL)
			bp->fini(ctx[p]);
	}
	free_inputs();
	return rc;
}
