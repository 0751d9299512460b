/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Internals shared by the parser's files: the parse cursor over the
 * scanner's bitmaps, the RFC 3261 character classes as one table, and the
 * header-value parsers that sf_sip_parse.c dispatches to.
 */
#ifndef SIPFRONT_SIP_INTERNAL_H
#define SIPFRONT_SIP_INTERNAL_H

#include <assert.h>
#include <string.h>

#include <sipfront/sip.h>

/* Character classes (RFC 3261 §25.1), one bit each. */
enum {
	CC_TOKEN = 1 << 0, /* token */
	CC_LWS = 1 << 1,   /* SP HT CR LF: LWS once folding is allowed for */
	CC_DIGIT = 1 << 2,
	CC_HEX = 1 << 3,
	CC_HOST = 1 << 4,     /* hostname and IPv4 characters */
	CC_HNV = 1 << 7,      /* URI header name/value characters */
	CC_PASSWORD = 1 << 8, /* unreserved, '&' '=' '+' '$' ',' */
	CC_WORD = 1 << 9,     /* Call-ID word */
	CC_IPV6 = 1 << 10,    /* inside [ ]: hex ':' '.' */
	CC_SCHEME = 1 << 11,  /* scheme after its first letter */
	CC_PVALUE = 1 << 12,  /* generic-param value: token, IPv6 ':' '[' ']' */
	/* The URI loops stop at '%' to check the escape in place, so these
	 * classes leave it out. */
	CC_USERINFO = 1 << 13, /* user part and ':' (password) */
	CC_URIPARAM = 1 << 14, /* paramchar */
	CC_BAREUSER = 1 << 15, /* user part of a bare addr-spec: no ';' '?' ',' */
};

#define CC_IS_ALPHA(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define CC_IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define CC_IS_ALNUM(c) (CC_IS_ALPHA(c) || CC_IS_DIGIT(c))
#define CC_IS_MARK(c)                                                                        \
	((c) == '-' || (c) == '_' || (c) == '.' || (c) == '!' || (c) == '~' || (c) == '*' || \
	 (c) == '\'' || (c) == '(' || (c) == ')')
#define CC_IS_UNRESERVED(c) (CC_IS_ALNUM(c) || CC_IS_MARK(c))

extern const uint16_t sf_sip_cc[256];
/* The scanner's class octet of each character (sip.h, SF_SIP_SCAN_FIRST_CLASS);
 * no octet >= 0x80 is in any class. */
extern const uint8_t sf_sip_scan_class[256];
/* sf_sip_scan_class's ASCII rows of 16, each XORed with the row before. */
extern const uint8_t sf_sip_scan_class_steps[128];
/* The structural octet of each character: bit k for mask k < 8. */
extern const uint8_t sf_sip_scan_struct[256];

/* The way a run skip nearly always leaves: at a hit in its first block.
 * Without the hint gcc lays the hit out of line, behind a taken branch and
 * a jump back, and falls through into the next-block step. */
#ifndef likely /* DPDK's rte_branch_prediction.h has the same one */
#define likely(x) __builtin_expect(!!(x), 1)
#endif

static inline bool
cc_is(uint8_t c, uint16_t cls)
{
	return (sf_sip_cc[c] & cls) != 0;
}

/* Index of the lowest set bit of m, which is not 0. gcc's __builtin_ctzll
 * returns an int, whose sign extension (and, tuned for generic x86-64, a
 * dependency-breaking xor) costs two instructions at each of the ~150 uses
 * per message; tzcnt runs as bsf on a CPU without BMI1, which gives the
 * same index for m != 0. */
static inline size_t
lowest_bit(uint64_t m)
{
#if defined(__x86_64__)
	uint64_t index;

	__asm__("tzcnt %1, %0" : "=r"(index) : "rm"(m) : "cc");
	return index;
#else
	return (size_t)__builtin_ctzll(m);
#endif
}

/* The cursor of one sf_sip_parse() call. */
struct parse_ctx {
	const uint8_t *buf;
	size_t len;
	const struct sf_sip_scan_block *blocks; /* the parser's index */
	size_t scanned_blocks;                  /* blocks of the index already filled */
	size_t n_blocks;
	/* The header lines' cursor: the line feeds of lf_block not yet taken. */
	uint64_t lf_bits;
	size_t lf_block;
	/* The block the cursor started in, and the control octets (see
	 * block_controls) of the blocks from there it has left: the header
	 * section's control check is taken along as the cursor walks it. */
	size_t lf_first_block;
	uint64_t controls;
	struct sf_sip_parser *parser;
	struct sf_sip_msg *msg;
	uint16_t max_headers; /* parser->limits.max_headers, read once per line */
	bool fast;            /* parser->fast_paths */
};

/* Blocks are scanned lazily, so a large body that nobody looks at is never
 * scanned: one call before the start line takes the first blocks, and each
 * later call four blocks more. A call costs ~10 cycles on top of its
 * blocks, as much as a VBMI block; an AVX2 block costs five times that. So
 * the first call takes 512 octets, which hold most of the header section
 * of most datagrams: a KiB scanned the start of a 2 KB INVITE's body for
 * nothing, 9% of its parse with AVX2 or AVX-512BW and 20% with SSE2. With
 * VBMI that cost under 1% (bench/README.md, seventh round), and a KiB
 * spares the second call that most requests over 512 octets make: ~0.5%
 * less time on the bench's mix (twenty-third round). */
#define SCAN_FIRST_BLOCKS      8
#define SCAN_FIRST_BLOCKS_VBMI 16
#define SCAN_CHUNK_BLOCKS      4

/* The masks of the block that holds octet pos: a block is 128 octets of
 * index per 64 of datagram, so its offset is pos with the low six bits
 * cleared, times two, which is one AND and a scaled address. */
static inline const uint64_t *
ctx_masks_at(const struct parse_ctx *ctx, size_t pos)
{
	_Static_assert(sizeof(struct sf_sip_scan_block) == 128, "a block is 2 x 64 octets");
	return (const uint64_t *)((const char *)ctx->blocks + (pos & ~(size_t)63) * 2);
}

static inline void
ctx_ensure_scanned(struct parse_ctx *ctx, size_t block)
{
	if (block < ctx->scanned_blocks)
		return;
	/* The first scan (ctx_scan_first) took the first blocks already. */
	size_t to = block + SCAN_CHUNK_BLOCKS;

	if (to > ctx->n_blocks)
		to = ctx->n_blocks;
	ctx->parser->scan(ctx->buf, ctx->len, ctx->scanned_blocks, to, &ctx->parser->index);
	ctx->scanned_blocks = to;
}

/* The datagram's first blocks, before anything else is read. */
static inline void
ctx_scan_first(struct parse_ctx *ctx)
{
	size_t to = ctx->parser->first_scan_blocks;

	if (to > ctx->n_blocks)
		to = ctx->n_blocks;
	ctx->parser->scan(ctx->buf, ctx->len, 0, to, &ctx->parser->index);
	ctx->scanned_blocks = to;
}

/* First octet in [pos, end) whose bit in mask k differs from `flip` (0:
 * the first set bit, ~0: the first clear bit); end when there is none.
 * The blocks up to end must be scanned already: the header loop takes each
 * line end from the LF cursor (which scans as it goes) before any grammar
 * looks inside the line, so this costs no lazy-scan check per call. */
static inline size_t
ctx_scan_mask(struct parse_ctx *ctx, unsigned k, uint64_t flip, size_t pos, size_t end)
{
	while (pos < end) {
		size_t block = pos / 64;

		assert(block < ctx->scanned_blocks);
		uint64_t m = (ctx_masks_at(ctx, pos)[k] ^ flip) >> (pos % 64);

		if (likely(m != 0)) {
			size_t hit = pos + lowest_bit(m);

			return hit < end ? hit : end;
		}
		pos = (block + 1) * 64;
	}
	return end;
}

/* The 64 bits of mask k from octet pos on (bit 0: pos). Bits past the
 * scanned blocks are stale, so callers keep only those of a span they
 * know is scanned; the index has a spare block after the last one. */
static inline uint64_t
ctx_bits(struct parse_ctx *ctx, unsigned k, size_t pos)
{
	size_t block = pos / 64, shift = pos % 64;
	uint64_t lo = ctx->blocks[block].mask[k] >> shift;
	uint64_t hi = ctx->blocks[block + 1].mask[k] << 1 << (63 - shift);

	return lo | hi;
}

/* First octet in [pos, end) marked in mask k (structural masks). */
static inline size_t
ctx_find(struct parse_ctx *ctx, unsigned k, size_t pos, size_t end)
{
	return ctx_scan_mask(ctx, k, 0, pos, end);
}

/* First octet at or after pos outside class k, which is at end at the
 * latest: a run of the class skipped with one count-trailing-zeros per 64
 * octets, no loop per octet. The octet at end must be outside class k,
 * and it is wherever the grammars skip: a value or a Request-URI ends at
 * a CR, LF, SP or HT, which no class but LWS holds, and a header name at
 * its colon, which no token holds. So the run needs no bound check and no
 * clamp, which is four of its dozen instructions. */
static inline size_t
ctx_skip(struct parse_ctx *ctx, unsigned k, size_t pos, size_t end)
{
	for (;;) {
		assert(pos / 64 < ctx->scanned_blocks);
		uint64_t m = ~ctx_masks_at(ctx, pos)[k] >> (pos % 64);

		if (likely(m != 0)) {
			size_t hit = pos + lowest_bit(m);

			assert(hit <= end);
			(void)end;
			return hit;
		}
		pos = (pos / 64 + 1) * 64;
	}
}

/* First octet at or after pos outside the URI user class or a ':': the end
 * of a user part, or of a host and the start of its port. Unbounded, as
 * ctx_skip: no octet that ends a value is in the class. */
static inline size_t
ctx_skip_user(struct parse_ctx *ctx, size_t pos)
{
	for (;;) {
		const uint64_t *mask = ctx_masks_at(ctx, pos);
		uint64_t m = (~mask[SF_SIP_SCAN_USERINFO] | mask[SF_SIP_SCAN_COLON]) >> (pos % 64);

		if (likely(m != 0))
			return pos + lowest_bit(m);
		pos = (pos / 64 + 1) * 64;
	}
}

/* ctx_skip where the octet at end may be in class k (LWS, or a start line
 * that has no line end yet): the run is cut at end. */
static inline size_t
ctx_skip_bounded(struct parse_ctx *ctx, unsigned k, size_t pos, size_t end)
{
	return ctx_scan_mask(ctx, k, ~(uint64_t)0, pos, end);
}

/* The next LF at or after pos, scanning blocks as it goes; len if none. */
static inline size_t
ctx_next_lf(struct parse_ctx *ctx, size_t pos)
{
	const struct sf_sip_scan_block *blocks = ctx->blocks;

	while (pos < ctx->len) {
		size_t block = pos / 64;

		ctx_ensure_scanned(ctx, block);
		uint64_t m = blocks[block].mask[SF_SIP_SCAN_LF] >> (pos % 64);

		if (likely(m != 0))
			return pos + lowest_bit(m);
		pos = (block + 1) * 64;
	}
	return ctx->len;
}

/* The control octets of block b that are not a CR ending a line: the
 * scanner marks every CR, the only control octet in LWS, and one that an
 * LF follows ends its line. Block b + 1 must be scanned unless bit 63 of
 * block b is past the part the caller looks at. */
static inline uint64_t
block_controls(const struct parse_ctx *ctx, size_t b)
{
	const uint64_t *mask = ctx->blocks[b].mask;
	uint64_t lf_after = mask[SF_SIP_SCAN_LF] >> 1 | ctx->blocks[b + 1].mask[SF_SIP_SCAN_LF]
	                                                        << 63;

	return mask[SF_SIP_SCAN_CTL] & ~(mask[SF_SIP_SCAN_LWS] & lf_after);
}

/* Header lines are walked in order, so their line feeds come from a cursor
 * that clears one bit per line: no search from a position, and the chain
 * from one line to the next is a single bit operation. */
static inline void
ctx_lf_cursor_at(struct parse_ctx *ctx, size_t pos)
{
	ctx->lf_block = pos / 64;
	ctx->lf_first_block = ctx->lf_block;
	if (pos >= ctx->len) {
		ctx->lf_bits = 0;
		return;
	}
	ctx_ensure_scanned(ctx, ctx->lf_block);
	ctx->lf_bits =
	        ctx->blocks[ctx->lf_block].mask[SF_SIP_SCAN_LF] & (~(uint64_t)0 << (pos % 64));
}

/* The next line feed of the cursor, scanning blocks as it goes; len when
 * there is none. */
static inline size_t
ctx_lf_take(struct parse_ctx *ctx)
{
	uint64_t bits = ctx->lf_bits;

	while (bits == 0) {
		size_t block = ctx->lf_block + 1;

		/* One compare per block while it is scanned already; the end of
		 * the datagram is checked only where the scan stops. */
		if (block >= ctx->scanned_blocks) {
			if (block >= ctx->n_blocks)
				return ctx->len;
			ctx_ensure_scanned(ctx, block);
		}
		/* Here, not in a loop of its own after the header section: the
		 * exit of such a loop, a different block count per message, is
		 * mispredicted, which cost more than the check itself. */
		ctx->controls |= block_controls(ctx, block - 1);
		ctx->lf_block = block;
		bits = ctx->blocks[block].mask[SF_SIP_SCAN_LF];
	}
	ctx->lf_bits = bits & (bits - 1);
	return ctx->lf_block * 64 + lowest_bit(bits);
}

/* LWS is rare inside values and one SP follows a header colon: those two
 * cases are decided on the octets, the rest through the mask. */
static inline size_t
ctx_skip_lws(struct parse_ctx *ctx, size_t pos, size_t end)
{
	const uint8_t *buf = ctx->buf;

	if (pos < end && buf[pos] > ' ')
		return pos;
	if (pos + 1 < end && buf[pos] == ' ' && buf[pos + 1] > ' ')
		return pos + 1;
	return ctx_skip_bounded(ctx, SF_SIP_SCAN_LWS, pos, end);
}

/* quoted-string at pos (on its '"'); returns the end, 0 if unterminated.
 * The quote mask holds '"' and backslash: a backslash quotes the octet
 * after it, whatever it is. */
static inline size_t
ctx_skip_quoted(struct parse_ctx *ctx, size_t pos, size_t to)
{
	for (pos++;;) {
		size_t q = ctx_find(ctx, SF_SIP_SCAN_QUOTE, pos, to);

		if (q >= to)
			return 0;
		if (ctx->buf[q] == '"')
			return q + 1;
		pos = q + 2;
	}
}

/* Skips octets of class k and valid %HH escapes; returns the end, or
 * SIZE_MAX at a '%' that does not start an escape. */
static inline size_t
ctx_skip_escaped(struct parse_ctx *ctx, unsigned k, size_t pos, size_t end)
{
	const uint8_t *buf = ctx->buf;

	for (;;) {
		pos = ctx_skip(ctx, k, pos, end);
		if (pos >= end || buf[pos] != '%')
			return pos;
		if (end - pos < 3 || !cc_is(buf[pos + 1], CC_HEX) || !cc_is(buf[pos + 2], CC_HEX))
			return SIZE_MAX;
		pos += 3;
	}
}

/* Record an error and where it happened; returns the error for chaining. */
static inline enum sf_sip_error
ctx_fail(struct parse_ctx *ctx, enum sf_sip_error err, size_t at, size_t end)
{
	ctx->msg->error = (uint8_t)err;
	ctx->msg->error_at.off = (uint16_t)at;
	ctx->msg->error_at.len = (uint16_t)(end > at ? end - at : 0);
	return err;
}

static inline struct sf_sip_span
span(size_t from, size_t to)
{
	return (struct sf_sip_span){.off = (uint16_t)from, .len = (uint16_t)(to - from)};
}

static inline size_t
skip_class(const uint8_t *buf, size_t pos, size_t end, uint16_t cls)
{
	while (pos < end && cc_is(buf[pos], cls))
		pos++;
	return pos;
}

/* Skips octets of class cls (a class the scanner has no mask for) and
 * valid %HH escapes; returns the end, or SIZE_MAX at a bad '%'. */
static inline size_t
skip_escaped(const uint8_t *buf, size_t pos, size_t end, uint16_t cls)
{
	for (;;) {
		while (pos < end && cc_is(buf[pos], cls))
			pos++;
		if (pos >= end || buf[pos] != '%')
			return pos;
		if (end - pos < 3 || !cc_is(buf[pos + 1], CC_HEX) || !cc_is(buf[pos + 2], CC_HEX))
			return SIZE_MAX;
		pos += 3;
	}
}

/* Up to 8 octets of s as a little-endian word, reading only [s, s + n):
 * two overlapping 4- or 2-octet loads instead of a loop. */
static inline uint64_t
load_le(const uint8_t *s, size_t n)
{
	uint32_t lo, hi;

	if (n >= 4) {
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		return lo | (uint64_t)hi << ((n - 4) * 8);
	}
	if (n >= 2) {
		uint16_t lo2, hi2;

		memcpy(&lo2, s, 2);
		memcpy(&hi2, s + n - 2, 2);
		return lo2 | (uint64_t)hi2 << ((n - 2) * 8);
	}
	return n != 0 ? s[0] : 0;
}

/* 4 octets at s as a little-endian word; the caller knows they exist. */
static inline uint32_t
load4(const uint8_t *s)
{
	uint32_t v;

	memcpy(&v, s, 4);
	return v;
}

/* 8 octets at s as a little-endian word; the caller knows they exist. */
static inline uint64_t
load8(const uint8_t *s)
{
	uint64_t v;

	memcpy(&v, s, 8);
	return v;
}

/* Compares n <= 8 octets with a literal, letters case-insensitively; with a
 * constant literal the compiler folds the literal's word and case mask. */
static inline bool
word_ieq(const uint8_t *s, const char *lit, size_t n)
{
	uint64_t want = 0, fold = 0;

#pragma GCC unroll 8
	for (size_t i = 0; i < n; i++) {
		uint8_t c = (uint8_t)lit[i];

		want |= (uint64_t)c << (8 * i);
		if (c >= 'a' && c <= 'z')
			fold |= (uint64_t)0x20 << (8 * i);
	}
	return (load_le(s, n) | fold) == want;
}

/* Case-insensitive compare of a span with a lower-case literal. */
static inline bool
span_ieq(const uint8_t *s, size_t len, const char *lower, size_t n)
{
	if (len != n)
		return false;
	if (n <= 8)
		return word_ieq(s, lower, n);
	if (n <= 16)
		return word_ieq(s, lower, 8) && word_ieq(s + n - 8, lower + n - 8, 8);
	if (n <= 24)
		return word_ieq(s, lower, 8) && word_ieq(s + 8, lower + 8, 8) &&
		       word_ieq(s + n - 8, lower + n - 8, 8);
	for (size_t i = 0; i < len; i++)
		if ((s[i] | (CC_IS_ALPHA(s[i]) ? 0x20 : 0)) != (uint8_t)lower[i])
			return false;
	return true;
}

#define SPAN_IEQ(s, len, lit) span_ieq((s), (len), lit, sizeof(lit) - 1)

/* parse_uint past 19 digits, where the value can overflow on the way. */
bool parse_uint_long(const uint8_t *buf, size_t from, size_t to, uint64_t max, uint64_t *out);

/* The number in [from, to) into *out; false when empty, not all digits
 * (unless the caller knows they are: all_digits) or > max. Inline: ports,
 * CSeq numbers and lengths are a few digits, and a call would cost more
 * than the loop. */
static inline bool
parse_number(const uint8_t *buf, size_t from, size_t to, uint64_t max, bool all_digits,
             uint64_t *out)
{
	uint64_t v = 0;

	if (from >= to)
		return false;
	if (all_digits && to - from <= 8 && to >= 8) {
		/* Up to eight digits at once, from the eight octets that end
		 * with the number (inside the datagram: to >= 8), the octets
		 * before it cleared: the digits' values are paired, then the
		 * pairs, then the quads, by three multiplies (a loop costs four
		 * or five instructions a digit). Not for octets still to be
		 * checked: the check costs more than the loop's on the short
		 * numbers of Content-Length and Max-Forwards. */
		uint64_t x = load8(buf + to - 8) & 0x0f0f0f0f0f0f0f0full &
		             (~(uint64_t)0 << (8 * (8 - (to - from))));

		x = (x * (10 << 8 | 1)) >> 8 & 0x00ff00ff00ff00ffull;
		x = (x * (100 << 16 | 1)) >> 16 & 0x0000ffff0000ffffull;
		x = (x * (10000ull << 32 | 1)) >> 32;
		if (x > max)
			return false;
		*out = x;
		return true;
	}
	if (to - from > 19)
		return parse_uint_long(buf, from, to, max, out);
	/* 19 digits cannot overflow: one compare with max at the end. */
	for (size_t i = from; i < to; i++) {
		unsigned d = (unsigned)buf[i] - '0';

		if (!all_digits && d > 9)
			return false;
		v = v * 10 + d;
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

/* Parses digits into *out; false when empty, not all digits or > max. */
static inline bool
parse_uint(const uint8_t *buf, size_t from, size_t to, uint64_t max, uint64_t *out)
{
	return parse_number(buf, from, to, max, false, out);
}

/* parse_uint for [from, to) that a DIGIT skip returned: every octet is a
 * digit already, so the loop checks none (the check is a third of each
 * step). */
static inline bool
parse_digits(const uint8_t *buf, size_t from, size_t to, uint64_t max, uint64_t *out)
{
	return parse_number(buf, from, to, max, true, out);
}

/* Parses the URI starting at from, reading no further than to. It stops at
 * the first octet that cannot continue the URI ('>', white space, ...) and
 * returns that position, or 0 when malformed. A bare URI (an addr-spec
 * outside < >) has no parameters or headers and its user part cannot hold
 * ';' '?' or ',' (RFC 3261 §20): those end it. */
size_t parse_uri(struct parse_ctx *ctx, size_t from, size_t to, bool bare, struct sf_sip_uri *uri);

/* *( ";" name [ "=" value ] ) up to the first octet that is not paramchar;
 * records the parameters a proxy uses. Returns the end, 0 on error. */
size_t parse_uri_params(struct parse_ctx *ctx, size_t pos, size_t end, struct sf_sip_uri *uri);

/* Host and optional port starting at pos; returns the end, 0 on error. */
size_t parse_hostport(struct parse_ctx *ctx, size_t pos, size_t end, struct sf_sip_span *host,
                      uint8_t *host_type, uint16_t *port);

/* Skips one generic ;name[=value] parameter at pos (after the ';' and its
 * SWS); sets name and value spans. Returns the end, 0 on error. */
size_t parse_generic_param(struct parse_ctx *ctx, size_t pos, size_t end, struct sf_sip_span *name,
                           struct sf_sip_span *value);

enum sf_sip_transport transport_from_token(const uint8_t *s, size_t len);

/* Header-value parsers; each returns SF_SIP_ERR_OK or the error to report. */
enum sf_sip_error parse_via_values(struct parse_ctx *ctx, size_t from, size_t to);
/* The name-addr list of a From, To, Contact, Route or Record-Route header
 * (id) into its place in the view. */
enum sf_sip_error parse_name_addr_header(struct parse_ctx *ctx, size_t from, size_t to,
                                         enum sf_sip_header_id id);
/* Whether [from, to) is one name-addr of the common form (sip_headers.c),
 * parsed into *na; false leaves *na to parse_name_addr_header. */
bool name_addr_value_fast(struct parse_ctx *ctx, size_t from, size_t to,
                          struct sf_sip_name_addr *na);
enum sf_sip_error parse_auth(struct parse_ctx *ctx, size_t from, size_t to);
enum sf_sip_error parse_token_list(struct parse_ctx *ctx, size_t from, size_t to, bool allow);

static inline enum sf_sip_error
add_value(struct parse_ctx *ctx, size_t from, size_t to)
{
	struct sf_sip_msg *m = ctx->msg;

	if (m->value_count >= SF_SIP_MAX_VALUES)
		return SF_SIP_ERR_TOO_MANY_VALUES;
	m->values[m->value_count++] = span(from, to);
	return SF_SIP_ERR_OK;
}

#endif /* SIPFRONT_SIP_INTERNAL_H */
