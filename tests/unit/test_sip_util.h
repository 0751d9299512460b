/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Helpers shared by the SIP parser test suites and the fuzz harness: reading
 * corpus files, placing a datagram against a guard page (so any read past its
 * end faults even without ASan), checking that every span of a parsed view lies
 * inside the datagram, and comparing two views field by field (the scanner
 * equivalence tests). The functions here do not depend on cmocka; the assert_*
 * macros at the end do, and expand only in the cmocka suites.
 */
#ifndef SIPFRONT_TEST_SIP_UTIL_H
#define SIPFRONT_TEST_SIP_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sipfront/sip.h>

/* The shared corpus folder: $SIPFRONT_CORPUS, else the path compiled in. */
const char *tsu_corpus_dir(void);

/* Reads a whole file (malloc'ed, caller frees); NULL and errno on failure. */
uint8_t *tsu_read_file(const char *path, size_t *len);

/* Reads corpus_dir/sub/name; fails the process loudly if it cannot. */
uint8_t *tsu_read_corpus(const char *sub, const char *name, size_t *len);

/* Lists the regular files of corpus_dir/sub whose names end in suffix,
 * sorted; returns the count, *names is malloc'ed (free with tsu_free_names). */
size_t tsu_list_corpus(const char *sub, const char *suffix, char ***names);
void tsu_free_names(char **names, size_t n);

/* A copy of data whose last byte sits just before an inaccessible page (and
 * whose first byte just after one when len is a page multiple): an over-read
 * by the scanner or the parser faults at once. */
struct tsu_guarded {
	uint8_t *data;
	void *map;
	size_t map_len;
};
void tsu_guard(struct tsu_guarded *g, const void *data, size_t len);
/* The same with the data's first octet just after the lower guard page: a
 * read before the datagram faults at once. */
void tsu_guard_front(struct tsu_guarded *g, const void *data, size_t len);
void tsu_unguard(struct tsu_guarded *g);

/* Fills *msg with a fixed pattern before a parse, so that two parses that
 * leave a field untouched still compare equal. */
void tsu_msg_reset(struct sf_sip_msg *msg);

/* Checks the invariants of a parsed view: every span inside [0, len), counts
 * within their caps, enums within range. Returns NULL when all hold, else a
 * static description of the first violation. */
const char *tsu_check_view(const struct sf_sip_msg *msg, size_t len);

/* Compares two views of the same datagram: the fixed part and the used array
 * entries. Returns 0 when equal, else writes the first difference to why. */
int tsu_msg_diff(const struct sf_sip_msg *a, const struct sf_sip_msg *b, char *why, size_t why_len);

/* First block in [0, n_blocks) where two scan indexes differ, or -1. */
long tsu_index_diff(const struct sf_sip_scan_index *a, const struct sf_sip_scan_index *b,
                    size_t n_blocks);

/* Compares a span with a C string. */
static inline int
tsu_span_eq(const uint8_t *buf, struct sf_sip_span s, const char *str)
{
	size_t n = strlen(str);
	return s.len == n && memcmp(buf + s.off, str, n) == 0;
}

/* Header index of the n-th (0-based) header named name (case-sensitive, as
 * written), or -1. */
int tsu_find_header(const uint8_t *buf, const struct sf_sip_msg *msg, const char *name, int nth);

/* cmocka helpers: fail with what was expected and what was seen. */
#define assert_span_str(buf, span, str)                                                          \
	do {                                                                                     \
		struct sf_sip_span s_ = (span);                                                  \
		const char *e_ = (str);                                                          \
		if (!tsu_span_eq((buf), s_, e_))                                                 \
			fail_msg("%s: expected \"%s\", got \"%.*s\" (off %u len %u)", #span, e_, \
			         (int)s_.len, (const char *)(buf) + s_.off, s_.off, s_.len);     \
	} while (0)

#define assert_span_mem(buf, span, mem, n)                                                    \
	do {                                                                                  \
		struct sf_sip_span s_ = (span);                                               \
		size_t n_ = (n);                                                              \
		if (s_.len != n_ || memcmp((buf) + s_.off, (mem), n_) != 0)                   \
			fail_msg("%s: expected %zu octets, got \"%.*s\" (len %u)", #span, n_, \
			         (int)s_.len, (const char *)(buf) + s_.off, s_.len);          \
	} while (0)

#define assert_span_absent(buf, span)                                                     \
	do {                                                                              \
		struct sf_sip_span s_ = (span);                                           \
		if (s_.len != 0)                                                          \
			fail_msg("%s: expected absent, got \"%.*s\"", #span, (int)s_.len, \
			         (const char *)(buf) + s_.off);                           \
	} while (0)

#define assert_sip_error(msg, expected)                                                    \
	do {                                                                               \
		enum sf_sip_error g_ = (enum sf_sip_error)(msg)->error;                    \
		enum sf_sip_error x_ = (expected);                                         \
		if (g_ != x_)                                                              \
			fail_msg("error: expected %s, got %s (%s)", sf_sip_error_name(x_), \
			         sf_sip_error_name(g_), sf_sip_error_reason(g_));          \
	} while (0)

#define assert_view_sane(msg, len)                                   \
	do {                                                         \
		const char *w_ = tsu_check_view((msg), (len));       \
		if (w_ != NULL)                                      \
			fail_msg("view invariant violated: %s", w_); \
	} while (0)

#endif /* SIPFRONT_TEST_SIP_UTIL_H */
