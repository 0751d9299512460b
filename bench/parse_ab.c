/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * sipfront-parse-ab: two builds of sipfront's parser library, A and B, in
 * one process, timed on the parse bench's mix in alternating chunks, with
 * the ratio B/A per pair of chunks. A step worth 1% is below the noise of
 * separate bench runs on a shared host (its bursts last seconds, and runs
 * of one build minutes apart see different ones), and an instruction count
 * (count-instructions.sh) does not always turn into time: a pair of chunks
 * a few milliseconds apart sees the same host, so the median ratio shows
 * such a step. bench/ab-libs.sh builds the two shared objects from two
 * build directories and runs this.
 *
 * The libraries are opened with dlopen, each with its own symbols; only
 * sf_sip_parser_init and sf_sip_parse are called, and the parser and view
 * are opaque buffers far larger than either build's structures, so that
 * two builds whose sip.h differ can be compared. Both must accept every
 * message of the mix, which is checked before any timing.
 */
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse_bench.h"

/* Room for any build's struct sf_sip_parser (its scan index is ~130 KiB)
 * and struct sf_sip_msg (~16 KiB). */
#define OPAQUE_BYTES (1u << 20)
#define MAX_CHUNKS   10000
#define MAX_ROUNDS   1000000

typedef int (*parser_init_fn)(void *parser, int impl);
typedef int (*parse_fn)(void *parser, const uint8_t *buf, size_t len, void *msg);

struct ab_lib {
	const char *path;
	parser_init_fn init;
	parse_fn parse;
	void *parser;
	void *msg;
	double *ns; /* per chunk, ns per message */
};

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
open_lib(struct ab_lib *lib)
{
	void *h = dlopen(lib->path, RTLD_NOW | RTLD_LOCAL);
	int rc;

	if (h == NULL) {
		fprintf(stderr, "sipfront-parse-ab: %s\n", dlerror());
		return -1;
	}
	lib->init = (parser_init_fn)(uintptr_t)dlsym(h, "sf_sip_parser_init");
	lib->parse = (parse_fn)(uintptr_t)dlsym(h, "sf_sip_parse");
	if (lib->init == NULL || lib->parse == NULL) {
		fprintf(stderr, "sipfront-parse-ab: %s: no sf_sip_parser_init or sf_sip_parse\n",
		        lib->path);
		return -1;
	}
	lib->parser = aligned_alloc(64, OPAQUE_BYTES);
	lib->msg = aligned_alloc(64, OPAQUE_BYTES);
	if (lib->parser == NULL || lib->msg == NULL) {
		fprintf(stderr, "sipfront-parse-ab: out of memory\n");
		return -1;
	}
	/* SF_SIP_SCAN_AUTO is 0 in every build. */
	rc = lib->init(lib->parser, 0);
	if (rc != 0) {
		fprintf(stderr, "sipfront-parse-ab: %s: sf_sip_parser_init: %s\n", lib->path,
		        strerror(-rc));
		return -1;
	}
	for (size_t m = 0; m < bench_corpus_count; m++) {
		rc = lib->parse(lib->parser, bench_corpus[m].data, bench_corpus[m].len, lib->msg);
		if (rc != 0) {
			fprintf(stderr, "sipfront-parse-ab: %s rejects the %s message (error %d)\n",
			        lib->path, bench_corpus[m].type, rc);
			return -1;
		}
	}
	return 0;
}

/* rounds of the mix; returns ns per message. The return codes are summed
 * into *sink, so that the calls have a result that is used. */
static double
time_rounds(struct ab_lib *lib, unsigned rounds, unsigned *sink)
{
	uint64_t t0 = bench_now_ns();
	unsigned sum = 0;

	for (unsigned r = 0; r < rounds; r++)
		for (size_t m = 0; m < bench_corpus_count; m++)
			sum += (unsigned)lib->parse(lib->parser, bench_corpus[m].data,
			                            bench_corpus[m].len, lib->msg);
	*sink += sum;
	return (double)(bench_now_ns() - t0) / ((double)rounds * (double)bench_corpus_count);
}

static void
usage(FILE *to)
{
	fprintf(to, "usage: sipfront-parse-ab [--chunks N] [--rounds N] LIB_A.so LIB_B.so\n"
	            "\n"
	            "Times two builds of sipfront's parser library on the parse bench's\n"
	            "12-message mix in one process: N chunks each (default 300), A and B\n"
	            "alternating (A B, then B A), each chunk N rounds of the mix (default\n"
	            "2000) after a tenth as many to warm up. Prints per library the 10th\n"
	            "percentile and the median of its chunks' ns per message, then the\n"
	            "ratio B/A of each pair of chunks: 25th percentile, median, 75th.\n"
	            "\n"
	            "Pin it to one core (taskset -c 1). Two copies of one library differ\n"
	            "by up to ~0.8%% here, by where they are loaded: run such an A/A pair\n"
	            "too, and read a smaller difference as none. bench/ab-libs.sh builds\n"
	            "the libraries from two build directories and runs this.\n");
}

int
main(int argc, char **argv)
{
	struct ab_lib lib[2] = {{0}, {0}};
	unsigned long chunks = 300, rounds = 2000;
	unsigned sink = 0;
	int arg = 1;

	while (arg < argc && argv[arg][0] == '-') {
		bool is_chunks = strcmp(argv[arg], "--chunks") == 0;
		unsigned long max = is_chunks ? MAX_CHUNKS : MAX_ROUNDS, v;
		char *end;

		if (strcmp(argv[arg], "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (arg + 1 >= argc || (!is_chunks && strcmp(argv[arg], "--rounds") != 0)) {
			usage(stderr);
			return 2;
		}
		errno = 0;
		v = strtoul(argv[arg + 1], &end, 10);
		if (errno != 0 || *end != '\0' || v == 0 || v > max || argv[arg + 1][0] == '-') {
			fprintf(stderr, "sipfront-parse-ab: %s: 1 to %lu, not \"%s\"\n", argv[arg],
			        max, argv[arg + 1]);
			return 2;
		}
		*(is_chunks ? &chunks : &rounds) = v;
		arg += 2;
	}
	if (argc - arg != 2) {
		usage(stderr);
		return 2;
	}
	double *ratio = calloc(chunks, sizeof(double));

	for (int l = 0; l < 2; l++) {
		lib[l].path = argv[arg + l];
		lib[l].ns = calloc(chunks, sizeof(double));
		if (ratio == NULL || lib[l].ns == NULL) {
			fprintf(stderr, "sipfront-parse-ab: out of memory\n");
			return 1;
		}
		if (open_lib(&lib[l]) != 0)
			return 1;
	}
	for (unsigned long c = 0; c < chunks; c++) {
		for (int k = 0; k < 2; k++) {
			/* A B, then B A: neither runs always first. */
			struct ab_lib *x = &lib[(c & 1) ? 1 - k : k];

			(void)time_rounds(x, (unsigned)(rounds / 10 + 1), &sink);
			x->ns[c] = time_rounds(x, (unsigned)rounds, &sink);
		}
		ratio[c] = lib[1].ns[c] / lib[0].ns[c];
	}
	if (sink != 0) {
		fprintf(stderr, "sipfront-parse-ab: a timed parse failed\n");
		return 1;
	}
	for (int l = 0; l < 2; l++) {
		qsort(lib[l].ns, chunks, sizeof(double), cmp_double);
		printf("%s %s ns_per_msg_p10 %.1f median %.1f\n", l == 0 ? "A" : "B", lib[l].path,
		       lib[l].ns[chunks / 10], lib[l].ns[chunks / 2]);
	}
	qsort(ratio, chunks, sizeof(double), cmp_double);
	printf("B/A ratio_p25 %.4f median %.4f ratio_p75 %.4f chunks %lu rounds %lu\n",
	       ratio[chunks / 4], ratio[chunks / 2], ratio[chunks * 3 / 4], chunks, rounds);
	return 0;
}
