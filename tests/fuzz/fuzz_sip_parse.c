/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * libFuzzer harness for the SIP parser. Each input is one datagram; it is
 * scanned and parsed with every scanner implementation the CPU supports, and
 * the run aborts (so libFuzzer keeps the input) when a view breaks its
 * invariants (a span outside the datagram, a count past its array, an
 * incoherent valid view) or when two implementations disagree on the index or
 * on any field of the view, or when the widest one with its fast paths off
 * (every line and value through the general grammars) sees it otherwise.
 * ASan and UBSan catch the rest. libFuzzer hands over an exact-size heap
 * copy, so any read past the datagram is reported.
 *
 * Run it bounded with tests/fuzz/run-fuzz.sh BUILD_DIR SECONDS.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sipfront/sip.h>

#include "../unit/test_sip_util.h"

#define MAX_IMPLS   5
#define MAX_PARSERS (MAX_IMPLS + 1) /* and one with the fast paths off */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct sf_sip_parser parsers[MAX_PARSERS];
static enum sf_sip_scan_impl impls[MAX_IMPLS];
static unsigned n_impls, n_parsers;
static struct sf_sip_msg msgs[MAX_PARSERS];
static struct sf_sip_scan_index idx[MAX_IMPLS];

static void
init_once(void)
{
	static const enum sf_sip_scan_impl all[MAX_IMPLS] = {SF_SIP_SCAN_SCALAR, SF_SIP_SCAN_SSE2,
	                                                     SF_SIP_SCAN_AVX2, SF_SIP_SCAN_AVX512BW,
	                                                     SF_SIP_SCAN_AVX512VBMI};

	for (unsigned i = 0; i < MAX_IMPLS; i++) {
		if (!sf_sip_scan_supported(all[i]))
			continue;
		if (sf_sip_parser_init(&parsers[n_impls], all[i]) != 0) {
			fprintf(stderr, "sf_sip_parser_init(%s) failed though supported\n",
			        sf_sip_scan_impl_name(all[i]));
			abort();
		}
		impls[n_impls++] = all[i];
	}
	if (n_impls == 0 || impls[0] != SF_SIP_SCAN_SCALAR) {
		fprintf(stderr, "no scalar scanner\n");
		abort();
	}
	if (sf_sip_parser_init(&parsers[n_impls], impls[n_impls - 1]) != 0)
		abort();
	parsers[n_impls].fast_paths = false;
	n_parsers = n_impls + 1;
}

static const char *
parser_name(unsigned i)
{
	return i < n_impls ? sf_sip_scan_impl_name(impls[i]) : "general paths";
}

static void
compare_index(const uint8_t *data, size_t size)
{
	size_t nb = (size + 63) / 64;

	for (unsigned i = 0; i < n_impls; i++)
		sf_sip_scan_get(impls[i])(data, size, 0, nb, &idx[i]);
	for (unsigned i = 1; i < n_impls; i++) {
		long b = tsu_index_diff(&idx[0], &idx[i], nb);

		if (b >= 0) {
			fprintf(stderr, "index of %s differs from scalar in block %ld\n",
			        sf_sip_scan_impl_name(impls[i]), b);
			abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[256];

	if (n_impls == 0)
		init_once();
	if (size <= SF_SIP_MAX_DATAGRAM)
		compare_index(data, size);
	for (unsigned i = 0; i < n_parsers; i++) {
		enum sf_sip_error e;
		const char *w;

		tsu_msg_reset(&msgs[i]);
		e = sf_sip_parse(&parsers[i], data, size, &msgs[i]);
		if (e != msgs[i].error || e >= SF_SIP_ERR_COUNT) {
			fprintf(stderr, "%s: sf_sip_parse returned %d, msg.error %d\n",
			        parser_name(i), e, msgs[i].error);
			abort();
		}
		/* the tables answer for every verdict */
		if (sf_sip_error_name(e) == NULL || sf_sip_error_reason(e) == NULL) {
			fprintf(stderr, "error %d has no name or reason\n", e);
			abort();
		}
		w = tsu_check_view(&msgs[i], size);
		if (w != NULL) {
			fprintf(stderr, "%s: view invariant violated: %s (verdict %s)\n",
			        parser_name(i), w, sf_sip_error_name(e));
			abort();
		}
		if (i > 0 && tsu_msg_diff(&msgs[0], &msgs[i], why, sizeof(why)) != 0) {
			fprintf(stderr, "views of scalar and %s differ: %s (verdicts %s / %s)\n",
			        parser_name(i), why, sf_sip_error_name(msgs[0].error),
			        sf_sip_error_name(msgs[i].error));
			abort();
		}
	}
	return 0;
}
