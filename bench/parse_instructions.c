/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * sipfront-parse-instructions: parses the parse bench's mix a given number
 * of rounds and times nothing. It exists to be run under callgrind
 * (bench/count-instructions.sh does that), which counts the instructions
 * of parse_rounds() exactly: on a shared VM whose timings swing by a
 * quarter between runs, the instruction count per message is the figure
 * that shows a 2% change, and the parser's time follows it (it retires
 * some five instructions per cycle, so it is bound by their number).
 * With --file it parses one datagram instead, rejected or not, for
 * bench/header-costs.py, which takes one header line out at a time to see
 * what each costs.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sipfront/sip.h>

#include "parse_bench.h"

#define DEFAULT_ROUNDS 1000
#define MAX_ROUNDS     100000000ull

/* Not inlined: callgrind reports this function's inclusive cost, and the
 * script divides it by the messages parsed. Returns the CSeq sum. */
static __attribute__((noinline)) uint64_t
parse_rounds(struct sf_sip_parser *parser, struct sf_sip_msg *msg, uint64_t rounds)
{
	uint64_t sum = 0;

	for (uint64_t r = 0; r < rounds; r++)
		for (size_t m = 0; m < bench_corpus_count; m++) {
			const struct bench_msg *bm = &bench_corpus[m];

			if (sf_sip_parse(parser, bm->data, bm->len, msg) != SF_SIP_ERR_OK) {
				fprintf(stderr,
				        "sipfront-parse-instructions: %s rejected: %s (%s)\n",
				        bm->type, sf_sip_error_name((enum sf_sip_error)msg->error),
				        sf_sip_error_reason((enum sf_sip_error)msg->error));
				exit(EXIT_FAILURE);
			}
			sum += msg->cseq;
		}
	return sum;
}

/* One datagram, rounds times; a rejection is not fatal: its parse stops
 * where the parser gives up, which is what the caller counts. Returns the
 * last parse's error. */
static __attribute__((noinline)) enum sf_sip_error
parse_file_rounds(struct sf_sip_parser *parser, struct sf_sip_msg *msg, const uint8_t *buf,
                  size_t len, uint64_t rounds)
{
	enum sf_sip_error err = SF_SIP_ERR_OK;

	for (uint64_t r = 0; r < rounds; r++)
		err = sf_sip_parse(parser, buf, len, msg);
	return err;
}

/* The whole file, which must fit a datagram; NULL after a message. */
static uint8_t *
read_datagram(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = malloc(SF_SIP_MAX_DATAGRAM + 1);

	if (f == NULL || buf == NULL) {
		fprintf(stderr, "sipfront-parse-instructions: %s: %s\n", path,
		        f == NULL ? strerror(errno) : "out of memory");
		if (f != NULL)
			fclose(f);
		free(buf);
		return NULL;
	}
	size_t n = fread(buf, 1, SF_SIP_MAX_DATAGRAM + 1, f);
	if (ferror(f) || n > SF_SIP_MAX_DATAGRAM) {
		fprintf(stderr, "sipfront-parse-instructions: %s: %s\n", path,
		        ferror(f) ? "read error" : "longer than a UDP datagram (65535 octets)");
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static void
usage(FILE *f)
{
	fprintf(f,
	        "usage: sipfront-parse-instructions [--scan NAME] [--rounds N] [--file PATH]\n"
	        "\n"
	        "Parses the parse bench's %zu-message mix N rounds (default %d) with the\n"
	        "scanner NAME (default: the best the CPU has; scalar, sse2, avx2, avx512bw,\n"
	        "avx512vbmi) and prints the messages parsed. Meant for callgrind: see\n"
	        "bench/count-instructions.sh, which prints instructions per message.\n"
	        "\n"
	        "--file PATH parses that one datagram N rounds instead, and prints the\n"
	        "parse's outcome (`error OK`, or the error it was rejected with: a\n"
	        "rejection is counted too). bench/header-costs.py uses it.\n",
	        bench_corpus_count, DEFAULT_ROUNDS);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
	        {"scan", required_argument, NULL, 's'},
	        {"rounds", required_argument, NULL, 'n'},
	        {"file", required_argument, NULL, 'f'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	enum sf_sip_scan_impl impl = SF_SIP_SCAN_AUTO;
	unsigned long long rounds = DEFAULT_ROUNDS;
	const char *file = NULL;
	struct sf_sip_parser *parser;
	struct sf_sip_msg *msg;
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "s:n:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (sf_sip_scan_impl_from_name(optarg, &impl) != 0) {
				fprintf(stderr,
				        "sipfront-parse-instructions: unknown scanner '%s'\n",
				        optarg);
				return 2;
			}
			break;
		case 'n':
			errno = 0;
			rounds = strtoull(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || optarg[0] == '-' || rounds == 0 ||
			    rounds > MAX_ROUNDS) {
				fprintf(stderr,
				        "sipfront-parse-instructions: --rounds wants 1..%llu\n",
				        MAX_ROUNDS);
				return 2;
			}
			break;
		case 'f': file = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}
	parser = aligned_alloc(64, (sizeof(*parser) + 63) & ~(size_t)63);
	msg = aligned_alloc(64, (sizeof(*msg) + 63) & ~(size_t)63);
	if (parser == NULL || msg == NULL) {
		fprintf(stderr, "sipfront-parse-instructions: out of memory\n");
		return 1;
	}
	if (sf_sip_parser_init(parser, impl) != 0) {
		fprintf(stderr, "sipfront-parse-instructions: this CPU has no %s scanner\n",
		        sf_sip_scan_impl_name(impl));
		return 1;
	}
	if (file != NULL) {
		size_t len;
		uint8_t *buf = read_datagram(file, &len);

		if (buf == NULL)
			return 1;
		enum sf_sip_error err = parse_file_rounds(parser, msg, buf, len, rounds);

		printf("scanner %s\nmessages %llu\noctets_per_message %zu\nerror %s\n",
		       sf_sip_scan_impl_name(parser->scan_impl), rounds, len,
		       sf_sip_error_name(err));
		free(buf);
		free(msg);
		free(parser);
		return 0;
	}
	uint64_t octets = 0;

	for (size_t m = 0; m < bench_corpus_count; m++)
		octets += bench_corpus[m].len;
	uint64_t sum = parse_rounds(parser, msg, rounds);

	printf("scanner %s\nmessages %llu\noctets_per_message %.1f\ncseq_sum %" PRIu64 "\n",
	       sf_sip_scan_impl_name(parser->scan_impl), rounds * bench_corpus_count,
	       (double)octets / (double)bench_corpus_count, sum);
	free(msg);
	free(parser);
	return 0;
}
