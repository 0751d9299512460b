/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Scanner equivalence: every scanner implementation the CPU supports (scalar,
 * SSE2, AVX2, AVX-512BW, AVX-512 VBMI) must build the same index, all
 * sixteen masks, as the scalar one, and a parser using it must produce the
 * same view, on the whole corpus and on a reproducible stream of random
 * mutations of it (byte flips, inserted CR/LF/':'/',', deletions,
 * truncations, duplicated ranges). So must a parser with its fast paths
 * off (every line and value through the general grammars): the
 * straight-line paths for common shapes may never change a view or a
 * verdict. The scalar index is itself checked, mask by mask, against the
 * RFC 3261 sets written out here, on the corpus and on every octet value.
 *
 * The scan is lazy: a body past the first scanner call's blocks (a KiB with
 * VBMI, 512 octets with the others) that no grammar looks at is left
 * unscanned, by every scanner.
 *
 * Every input sits against a guard page, so a SIMD load past the end of the
 * datagram faults here rather than passing unnoticed. The mutation count and
 * seed can be changed with SIPFRONT_SCAN_MUTATIONS and SIPFRONT_SCAN_SEED.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <sipfront/sip.h>

#include "test_sip_util.h"

#define MAX_IMPLS   5
#define MAX_PARSERS (MAX_IMPLS + 1) /* and one with the fast paths off */
#define ARENA       (2 * SF_SIP_MAX_DATAGRAM)

static const enum sf_sip_scan_impl all_impls[MAX_IMPLS] = {SF_SIP_SCAN_SCALAR, SF_SIP_SCAN_SSE2,
                                                           SF_SIP_SCAN_AVX2, SF_SIP_SCAN_AVX512BW,
                                                           SF_SIP_SCAN_AVX512VBMI};

static enum sf_sip_scan_impl impls[MAX_IMPLS];
static unsigned n_impls, n_parsers;
static struct sf_sip_parser parsers[MAX_PARSERS];
static struct sf_sip_msg msgs[MAX_PARSERS];
static struct sf_sip_scan_index idx[MAX_IMPLS];

struct corpus_file {
	char name[160];
	uint8_t *data;
	size_t len;
};
static struct corpus_file *files;
static size_t n_files;

/* One guarded arena; a datagram of len octets sits at its very end. */
static struct tsu_guarded arena;

static uint8_t *
place(const uint8_t *data, size_t len)
{
	uint8_t *p = arena.data + ARENA - len;

	memmove(p, data, len);
	return p;
}

/* --- checks ------------------------------------------------------------------ */

static size_t
n_blocks(size_t len)
{
	return (len + 63) / 64;
}

/* Index of buf by every impl; returns 0 when all agree, else reports. */
static int
compare_index(const uint8_t *buf, size_t len, const char *what)
{
	size_t nb = n_blocks(len);

	for (unsigned i = 0; i < n_impls; i++) {
		sf_sip_scan_fn fn = sf_sip_scan_get(impls[i]);

		if (fn == NULL)
			fail_msg("sf_sip_scan_get(%s) returned NULL",
			         sf_sip_scan_impl_name(impls[i]));
		memset(&idx[i], 0xa5, sizeof(idx[i]));
		fn(buf, len, 0, nb, &idx[i]);
	}
	for (unsigned i = 1; i < n_impls; i++) {
		long b = tsu_index_diff(&idx[0], &idx[i], nb);

		if (b < 0)
			continue;
		print_error("%s (len %zu): %s and %s differ in block %ld:\n", what, len,
		            sf_sip_scan_impl_name(impls[0]), sf_sip_scan_impl_name(impls[i]), b);
		for (unsigned k = 0; k < SF_SIP_SCAN_MASKS; k++)
			print_error("  %-9s %016llx vs %016llx\n",
			            sf_sip_scan_mask_name((enum sf_sip_scan_mask)k),
			            (unsigned long long)idx[0].block[b].mask[k],
			            (unsigned long long)idx[i].block[b].mask[k]);
		return 1;
	}
	return 0;
}

/* The name of parsers[i] in a failure message. */
static const char *
parser_name(unsigned i)
{
	return i < n_impls ? sf_sip_scan_impl_name(impls[i]) : "general paths";
}

/* Parses buf with every parser; returns 0 when all views agree. */
static int
compare_parse(const uint8_t *buf, size_t len, const char *what)
{
	char why[256];

	for (unsigned i = 0; i < n_parsers; i++) {
		enum sf_sip_error e;

		tsu_msg_reset(&msgs[i]);
		e = sf_sip_parse(&parsers[i], buf, len, &msgs[i]);
		if (e != msgs[i].error) {
			print_error("%s: %s returned %s but msg.error is %s\n", what,
			            parser_name(i), sf_sip_error_name(e),
			            sf_sip_error_name(msgs[i].error));
			return 1;
		}
		const char *w = tsu_check_view(&msgs[i], len);

		if (w != NULL) {
			print_error("%s: %s view invariant: %s\n", what, parser_name(i), w);
			return 1;
		}
	}
	for (unsigned i = 1; i < n_parsers; i++) {
		if (tsu_msg_diff(&msgs[0], &msgs[i], why, sizeof(why)) != 0) {
			print_error(
			        "%s (len %zu): views of %s and %s differ: %s (verdicts %s / %s)\n",
			        what, len, parser_name(0), parser_name(i), why,
			        sf_sip_error_name(msgs[0].error), sf_sip_error_name(msgs[i].error));
			return 1;
		}
	}
	return 0;
}

static void
dump_input(const uint8_t *buf, size_t len, const char *name)
{
	FILE *f = fopen(name, "wb");

	if (f != NULL) {
		fwrite(buf, 1, len, f);
		fclose(f);
		print_error("input written to %s\n", name);
	}
}

/* --- setup ------------------------------------------------------------------- */

static void
load_dir(const char *sub, const char *suffix)
{
	char **names;
	size_t n = tsu_list_corpus(sub, suffix, &names);

	files = realloc(files, (n_files + n) * sizeof(*files));
	assert_non_null(files);
	for (size_t i = 0; i < n; i++) {
		struct corpus_file *f = &files[n_files++];

		snprintf(f->name, sizeof(f->name), "%s/%s", sub, names[i]);
		f->data = tsu_read_corpus(sub, names[i], &f->len);
		if (f->len > SF_SIP_MAX_DATAGRAM)
			f->len = SF_SIP_MAX_DATAGRAM; /* the index has no room for more */
	}
	tsu_free_names(names, n);
}

static int
group_setup(void **state)
{
	(void)state;
	n_impls = 0;
	for (unsigned i = 0; i < MAX_IMPLS; i++) {
		if (!sf_sip_scan_supported(all_impls[i]))
			continue;
		if (sf_sip_parser_init(&parsers[n_impls], all_impls[i]) != 0)
			return -1;
		if (parsers[n_impls].scan_impl != all_impls[i])
			return -1;
		impls[n_impls++] = all_impls[i];
	}
	if (n_impls == 0 || impls[0] != SF_SIP_SCAN_SCALAR)
		return -1;
	/* the widest scanner once more, with the fast paths off */
	if (sf_sip_parser_init(&parsers[n_impls], impls[n_impls - 1]) != 0)
		return -1;
	parsers[n_impls].fast_paths = false;
	n_parsers = n_impls + 1;
	fprintf(stderr, "scanner implementations compared:");
	for (unsigned i = 0; i < n_impls; i++)
		fprintf(stderr, " %s", sf_sip_scan_impl_name(impls[i]));
	fprintf(stderr, "; and %s with the fast paths off\n",
	        sf_sip_scan_impl_name(impls[n_impls - 1]));
	load_dir("rfc4475", ".dat");
	load_dir("rfc5118", ".dat");
	load_dir("samples", ".sip");
	{
		static uint8_t zero[ARENA];

		tsu_guard(&arena, zero, ARENA);
	}
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_files; i++)
		free(files[i].data);
	free(files);
	files = NULL;
	n_files = 0;
	tsu_unguard(&arena);
	return 0;
}

/* --- tests ------------------------------------------------------------------- */

/* The implementations the CPU has are the ones the parser can pick. */
static void
impl_selection(void **state)
{
	struct sf_sip_parser p;

	(void)state;
	assert_true(sf_sip_scan_supported(SF_SIP_SCAN_SCALAR));
	for (unsigned i = 0; i < MAX_IMPLS; i++) {
		int rc = sf_sip_parser_init(&p, all_impls[i]);

		enum sf_sip_scan_impl named = SF_SIP_SCAN_AUTO;

		assert_non_null(sf_sip_scan_impl_name(all_impls[i]));
		assert_int_equal(
		        sf_sip_scan_impl_from_name(sf_sip_scan_impl_name(all_impls[i]), &named), 0);
		assert_int_equal(named, all_impls[i]);
		if (sf_sip_scan_supported(all_impls[i])) {
			assert_int_equal(rc, 0);
			assert_int_equal(p.scan_impl, all_impls[i]);
			assert_true(p.scan == sf_sip_scan_get(all_impls[i]));
		} else {
			assert_int_equal(rc, -ENOTSUP);
		}
	}
	enum sf_sip_scan_impl untouched = SF_SIP_SCAN_SCALAR;

	assert_int_equal(sf_sip_scan_impl_from_name("auto", &untouched), 0);
	assert_int_equal(untouched, SF_SIP_SCAN_AUTO);
	untouched = SF_SIP_SCAN_SCALAR;
	assert_int_equal(sf_sip_scan_impl_from_name("AVX2", &untouched), -EINVAL);
	assert_int_equal(sf_sip_scan_impl_from_name("unknown", &untouched), -EINVAL);
	assert_int_equal(untouched, SF_SIP_SCAN_SCALAR);
	/* AUTO picks one of the supported implementations */
	assert_int_equal(sf_sip_parser_init(&p, SF_SIP_SCAN_AUTO), 0);
	assert_true(p.scan_impl != SF_SIP_SCAN_AUTO);
	assert_true(sf_sip_scan_supported(p.scan_impl));
	assert_true(p.scan == sf_sip_scan_get(p.scan_impl));
}

/* What each mask must mark, written out from RFC 3261 §25.1 here rather
 * than taken from the parser's tables. */
#define ALNUM      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#define UNRESERVED ALNUM "-_.!~*'()"
#define TOKEN      ALNUM "-.!%*_+`'~"

static bool
in_set(const char *set, uint8_t c)
{
	return c != 0 && strchr(set, c) != NULL;
}

static bool
expect_bit(enum sf_sip_scan_mask k, uint8_t c)
{
	switch (k) {
	case SF_SIP_SCAN_LF: return c == '\n';
	case SF_SIP_SCAN_COLON: return c == ':';
	case SF_SIP_SCAN_COMMA: return c == ',';
	case SF_SIP_SCAN_QUOTE: return c == '"' || c == '\\';
	case SF_SIP_SCAN_CTL:
		/* raw control octets but HT and LF, every CR included */
		return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f;
	case SF_SIP_SCAN_SPARE5:
	case SF_SIP_SCAN_SPARE6:
	case SF_SIP_SCAN_SPARE7: return false; /* always 0 */
	case SF_SIP_SCAN_LWS: return in_set(" \t\r\n", c);
	case SF_SIP_SCAN_TOKEN: return in_set(TOKEN, c);
	case SF_SIP_SCAN_HOST: return in_set(ALNUM "-._", c);
	case SF_SIP_SCAN_PVALUE: return in_set(TOKEN ":[]", c);
	case SF_SIP_SCAN_USERINFO: return in_set(UNRESERVED "&=+$,;?/:", c);
	case SF_SIP_SCAN_URIPARAM: return in_set(UNRESERVED "[]/:&+$", c);
	case SF_SIP_SCAN_WORD: return in_set(TOKEN "()<>:\\\"/[]?{}@", c);
	case SF_SIP_SCAN_DIGIT: return c >= '0' && c <= '9';
	case SF_SIP_SCAN_MASKS: break;
	}
	return false;
}

/* The scalar index marks exactly the octets each mask names, and nothing
 * past the end of the datagram. */
static void
check_scalar_index(const char *name, const uint8_t *buf, size_t len)
{
	sf_sip_scan_fn fn = sf_sip_scan_get(SF_SIP_SCAN_SCALAR);
	size_t nb = n_blocks(len);

	memset(&idx[0], 0xa5, sizeof(idx[0]));
	fn(buf, len, 0, nb, &idx[0]);
	for (size_t i = 0; i < nb * 64; i++) {
		uint64_t bit = UINT64_C(1) << (i % 64);

		for (unsigned k = 0; k < SF_SIP_SCAN_MASKS; k++) {
			bool want = i < len && expect_bit((enum sf_sip_scan_mask)k, buf[i]);
			bool got = (idx[0].block[i / 64].mask[k] & bit) != 0;

			if (got != want)
				fail_msg("%s: octet %zu (0x%02x%s): %s %d in the index, want %d",
				         name, i, i < len ? buf[i] : 0,
				         i < len ? "" : ", past the end",
				         sf_sip_scan_mask_name((enum sf_sip_scan_mask)k), got,
				         want);
		}
	}
}

/* On the corpus, and on every octet value once (with a CR before an LF
 * and a last bare CR). */
static void
scalar_matches_octets(void **state)
{
	uint8_t all[256 + 3];

	(void)state;
	for (size_t f = 0; f < n_files; f++)
		check_scalar_index(files[f].name, place(files[f].data, files[f].len), files[f].len);
	for (unsigned c = 0; c < 256; c++)
		all[c] = (uint8_t)c;
	memcpy(all + 256, "\r\n\r", 3);
	check_scalar_index("every octet", place(all, sizeof(all)), sizeof(all));
	/* A CR LF across each block boundary, and a CR as the last octet
	 * with and without an LF where the next block would start: every CR
	 * is marked, whatever follows it (block_controls in sip_internal.h
	 * leaves out those of line ends). */
	for (size_t at = 62; at < 130; at++) {
		uint8_t line[132];

		memset(line, 'x', sizeof(line));
		memcpy(line + at, "\r\n\r", 3);
		check_scalar_index("CR LF near a block boundary", place(line, sizeof(line)),
		                   sizeof(line));
		check_scalar_index("CR LF cut by the end", place(line, at + 1), at + 1);
		check_scalar_index("CR LF CR at the end", place(line, at + 3), at + 3);
	}
}

/* Filling [from, to) touches nothing else, and pieces make the whole. */
static void
block_ranges(void **state)
{
	static struct sf_sip_scan_index whole, pieces;
	const struct corpus_file *f = NULL;

	(void)state;
	for (size_t i = 0; i < n_files; i++)
		if (strstr(files[i].name, "longreq") != NULL)
			f = &files[i];
	assert_non_null(f);
	for (unsigned i = 0; i < n_impls; i++) {
		sf_sip_scan_fn fn = sf_sip_scan_get(impls[i]);
		const uint8_t *buf = place(f->data, f->len);
		size_t nb = n_blocks(f->len);

		memset(&whole, 0, sizeof(whole));
		fn(buf, f->len, 0, nb, &whole);
		for (size_t from = 0; from < nb; from += 7) {
			size_t to = from + 5 < nb ? from + 5 : nb;

			memset(&pieces, 0x5a, sizeof(pieces));
			fn(buf, f->len, from, to, &pieces);
			for (size_t b = 0; b < SF_SIP_SCAN_BLOCKS; b++) {
				int inside = b >= from && b < to;
				uint64_t pat = UINT64_C(0x5a5a5a5a5a5a5a5a);

				bool untouched = true;

				for (unsigned k = 0; k < SF_SIP_SCAN_MASKS; k++)
					untouched &= pieces.block[b].mask[k] == pat;
				if (inside && memcmp(&pieces.block[b], &whole.block[b],
				                     sizeof(whole.block[b])) != 0)
					fail_msg("%s: block %zu of [%zu, %zu) differs from a whole "
					         "scan",
					         sf_sip_scan_impl_name(impls[i]), b, from, to);
				if (!inside && !untouched)
					fail_msg("%s: scanning [%zu, %zu) wrote block %zu",
					         sf_sip_scan_impl_name(impls[i]), from, to, b);
			}
		}
	}
}

/* Every length mod 64 and every alignment: tails are where SIMD code errs. */
static void
every_tail_length(void **state)
{
	static uint8_t buf[512];
	char what[64];

	(void)state;
	/* structural octets everywhere, in a repeating but unaligned pattern */
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = "a:b,c\r\nd e;f<g>h\"i\\j,::\n,7@%=\x80\x7f~[\x01\r"[i % 35];
	for (size_t len = 0; len <= sizeof(buf); len++) {
		snprintf(what, sizeof(what), "pattern prefix %zu", len);
		if (compare_index(place(buf, len), len, what))
			fail();
	}
	/* all 256 octet values in every position of a block */
	for (size_t shift = 0; shift < 64; shift++) {
		for (size_t i = 0; i < 320; i++)
			buf[i] = (uint8_t)(i + shift);
		snprintf(what, sizeof(what), "octet ramp shift %zu", shift);
		if (compare_index(place(buf, 320), 320, what))
			fail();
	}
	/* the same message at every length */
	for (size_t i = 0; i < n_files; i++) {
		if (strstr(files[i].name, "wsinv") == NULL)
			continue;
		for (size_t len = 0; len <= files[i].len; len++) {
			snprintf(what, sizeof(what), "wsinv prefix %zu", len);
			if (compare_index(place(files[i].data, len), len, what))
				fail();
			if (compare_parse(place(files[i].data, len), len, what))
				fail();
		}
	}
}

static void
whole_corpus(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_files; i++) {
		const uint8_t *buf = place(files[i].data, files[i].len);

		if (compare_index(buf, files[i].len, files[i].name))
			fail_msg("index mismatch on %s", files[i].name);
		if (compare_parse(buf, files[i].len, files[i].name))
			fail_msg("view mismatch on %s", files[i].name);
	}
}

/* --- mutations --------------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t
rng(void)
{
	/* xorshift64*: small, fast and the same everywhere */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static size_t
rnd(size_t n)
{
	return n ? (size_t)(rng() % n) : 0;
}

static const uint8_t specials[] = {'\r', '\n', ':', ',',  ';', '<', '>', '"', ' ',  '\t', '\0',
                                   '[',  ']',  '@', '\\', '=', '/', '%', '*', 0xff, 0x80};

/* Applies 1-4 random edits to m (len *len, capacity cap). */
static void
mutate(uint8_t *m, size_t *len, size_t cap)
{
	unsigned edits = 1 + (unsigned)rnd(4);

	for (unsigned e = 0; e < edits; e++) {
		size_t n = *len, pos = rnd(n + 1);

		switch (rnd(9)) {
		case 0: /* flip a byte */
			if (n)
				m[rnd(n)] ^= (uint8_t)(1u << rnd(8));
			break;
		case 1: /* overwrite with a structural octet */
			if (n)
				m[rnd(n)] = specials[rnd(sizeof(specials))];
			break;
		case 2: /* random byte */
			if (n)
				m[rnd(n)] = (uint8_t)rng();
			break;
		case 3: { /* insert CR, LF, CRLF, ':' or ',' */
			static const char *const ins[] = {"\r", "\n",       "\r\n", ":",
			                                  ",",  "\r\n\r\n", "\r\n "};
			const char *s = ins[rnd(sizeof(ins) / sizeof(ins[0]))];
			size_t k = strlen(s);

			if (n + k <= cap) {
				memmove(m + pos + k, m + pos, n - pos);
				memcpy(m + pos, s, k);
				*len = n + k;
			}
			break;
		}
		case 4: { /* delete a range */
			size_t k = 1 + rnd(16);

			if (pos + k <= n) {
				memmove(m + pos, m + pos + k, n - pos - k);
				*len = n - k;
			}
			break;
		}
		case 5: /* truncate */ *len = rnd(n + 1); break;
		case 6: { /* duplicate a range somewhere */
			size_t from = rnd(n + 1), k = rnd(200);

			if (from + k > n)
				k = n - from;
			if (n + k <= cap) {
				memmove(m + pos + k, m + pos, n - pos);
				/* the source may have moved */
				memmove(m + pos, m + (from >= pos ? from + k : from), k);
				*len = n + k;
			}
			break;
		}
		case 7: /* flip the case of a letter (header names, methods) */
			if (n) {
				size_t i = rnd(n);

				if ((m[i] | 0x20) >= 'a' && (m[i] | 0x20) <= 'z')
					m[i] ^= 0x20;
			}
			break;
		default: { /* a run of one structural octet (long lines, many commas) */
			size_t k = rnd(100);
			uint8_t c = specials[rnd(sizeof(specials))];

			if (n + k <= cap) {
				memmove(m + pos + k, m + pos, n - pos);
				memset(m + pos, c, k);
				*len = n + k;
			}
			break;
		}
		}
	}
}

static void
mutations(void **state)
{
	static uint8_t work[SF_SIP_MAX_DATAGRAM];
	const char *env_n = getenv("SIPFRONT_SCAN_MUTATIONS");
	const char *env_seed = getenv("SIPFRONT_SCAN_SEED");
	unsigned long count = env_n ? strtoul(env_n, NULL, 10) : 100000;
	uint64_t seed = env_seed ? strtoull(env_seed, NULL, 0) : UINT64_C(0x5195f407);
	unsigned long ok = 0;
	char what[256];

	(void)state;
	rng_state = seed ? seed : 1;
	for (unsigned long it = 0; it < count; it++) {
		const struct corpus_file *f;
		size_t len;

		/* keep the big ones rare: they cost a hundred small ones */
		do
			f = &files[rnd(n_files)];
		while (f->len > 4096 && rnd(20) != 0);
		len = f->len;
		memcpy(work, f->data, len);
		mutate(work, &len, sizeof(work));
		const uint8_t *buf = place(work, len);

		snprintf(what, sizeof(what), "mutation %lu of %s (seed 0x%llx)", it, f->name,
		         (unsigned long long)seed);
		if (compare_index(buf, len, what) || compare_parse(buf, len, what)) {
			dump_input(buf, len, "scan-mismatch.bin");
			fail_msg("%s", what);
		}
		ok += msgs[0].error == SF_SIP_ERR_OK;
	}
	/* the mutations must not all be trivially rejected */
	print_message("%lu mutations, %lu still valid\n", count, ok);
	if (count >= 1000)
		assert_true(ok > count / 50);
}

/* A body nobody looks at is not scanned: the parse of a datagram whose
 * header section lies in its first 512 octets leaves the index blocks past
 * the first call's and one more chunk of four as they were, with every
 * scanner (the first call takes sixteen blocks with VBMI and eight with the
 * others: lib/sip/sip_internal.h). */
static void
large_body_not_scanned(void **state)
{
	static const char head[] = "MESSAGE sip:bob@example.com SIP/2.0\r\n"
	                           "Via: SIP/2.0/UDP 198.51.100.1:5060;branch=z9hG4bK-big\r\n"
	                           "Max-Forwards: 70\r\n"
	                           "From: <sip:alice@example.com>;tag=1\r\n"
	                           "To: <sip:bob@example.com>\r\n"
	                           "Call-ID: large-body-1\r\n"
	                           "CSeq: 1 MESSAGE\r\n"
	                           "Content-Type: text/plain\r\n"
	                           "Content-Length: 8000\r\n"
	                           "\r\n";
	static uint8_t buf[sizeof(head) - 1 + 8000];
	const size_t blocks = n_blocks(sizeof(buf));

	(void)state;
	memcpy(buf, head, sizeof(head) - 1);
	/* a body of control octets, '\n' and ':' among them: a scan would
	 * mark bits in every mask */
	for (size_t i = sizeof(head) - 1; i < sizeof(buf); i++)
		buf[i] = "x:\n\r;,\"=."[i % 9];
	const uint8_t *dgram = place(buf, sizeof(buf));

	for (unsigned i = 0; i < n_parsers; i++) {
		struct sf_sip_scan_index *index = &parsers[i].index;
		const size_t first = parsers[i].scan_impl == SF_SIP_SCAN_AVX512VBMI ? 16 : 8;
		const size_t untouched_from = first + 4;

		assert_int_equal(parsers[i].first_scan_blocks, first);
		memset(index, 0xa5, sizeof(*index));
		assert_int_equal(sf_sip_parse(&parsers[i], dgram, sizeof(buf), &msgs[i]),
		                 SF_SIP_ERR_OK);
		assert_int_equal(msgs[i].body.len, 8000);
		for (size_t b = untouched_from; b < blocks; b++)
			for (unsigned k = 0; k < SF_SIP_SCAN_MASKS; k++)
				if (index->block[b].mask[k] != 0xa5a5a5a5a5a5a5a5ull)
					fail_msg("%s: block %zu (of %zu) scanned", parser_name(i),
					         b, blocks);
		/* and the header section and the rest of the first call's
		 * blocks were: the body has a line feed in every block */
		for (size_t b = 0; b < first; b++)
			if (index->block[b].mask[SF_SIP_SCAN_LF] == 0xa5a5a5a5a5a5a5a5ull)
				fail_msg("%s: block %zu of the first call not scanned",
				         parser_name(i), b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(impl_selection),         cmocka_unit_test(scalar_matches_octets),
	        cmocka_unit_test(block_ranges),           cmocka_unit_test(every_tail_length),
	        cmocka_unit_test(whole_corpus),           cmocka_unit_test(mutations),
	        cmocka_unit_test(large_body_not_scanned),
	};

	return cmocka_run_group_tests_name("sip_scan", tests, group_setup, group_teardown);
}
