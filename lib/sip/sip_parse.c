/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The parse driver: classify the datagram, parse the start line, walk the
 * header lines through the scanner's line-feed and colon bitmaps, hand each
 * known header to its grammar, then check what RFC 3261 requires of the
 * whole message and frame the body by Content-Length (§18.3, UDP).
 *
 * Decisions (see README.md, "Parser decisions"):
 * - bare LF line ends are accepted like CRLF (RFC 3261 §7 asks for CRLF;
 *   RFC 5118's own messages and many old stacks use LF);
 * - a datagram ending right after a complete header line, without the empty
 *   line, is accepted with msg->missing_empty_line set and an empty body;
 * - empty lines before the start line are skipped (§7.5).
 */
#include <stddef.h>
#include <string.h>
#include <emmintrin.h>

#include "sip_header_id.h"
#include "sip_internal.h"

#define HEADER_NONE 0xffff

/* Slow path, taken only when the scanner saw a control octet in the line:
 * it is allowed only as the octet of a quoted-pair ("\\" CHAR) inside a
 * quoted string (RFC 3261 §25.1; RFC 4475 §3.1.1.2 puts a NUL there). */
static bool
line_controls_quoted(const uint8_t *buf, size_t pos, size_t end)
{
	bool quoted = false;

	for (; pos < end; pos++) {
		uint8_t c = buf[pos];

		if (quoted && c == '\\' && pos + 1 < end && buf[pos + 1] != '\r') {
			pos++;
		} else if (c == '"') {
			quoted = !quoted;
		} else if ((c < 0x20 && c != '\t') || c == 0x7f) {
			return false;
		}
	}
	return true;
}

/* First octet in [pos, to) that block_controls marks; to if none. */
static size_t
find_control(const struct parse_ctx *ctx, size_t pos, size_t to)
{
	while (pos < to) {
		size_t b = pos / 64;
		uint64_t m = block_controls(ctx, b) >> (pos % 64);

		if (m != 0) {
			size_t at = pos + lowest_bit(m);

			return at < to ? at : to;
		}
		pos = (b + 1) * 64;
	}
	return to;
}

/* Control octets anywhere in the start line and headers [from, to): one
 * probe of the scanner's bitmaps for a clean message; a line that holds
 * one is then checked octet by octet. to - 1 is the header section's last
 * LF, the LF cursor's last: the cursor has gathered the blocks it left, so
 * what is left is the blocks of the start line before the cursor's first
 * (nearly always none) and the last one. Every block up to the last is
 * scanned, and bit 63 of the last is that LF or past it: block_controls
 * is exact for every octet before to. */
static enum sf_sip_error
check_controls(struct parse_ctx *ctx, size_t from, size_t to)
{
	const uint8_t *buf = ctx->buf;
	size_t last = (to - 1) / 64;
	uint64_t any = ctx->controls;

	/* The body's part of the last block is left out; the start line's
	 * block may hold skipped empty lines before from, which only cost the
	 * exact search. */
	for (size_t b = from / 64; b < ctx->lf_first_block && b < last; b++)
		any |= block_controls(ctx, b);
	any |= block_controls(ctx, last) & (~(uint64_t)0 >> (63 - (to - 1) % 64));
	if (any == 0)
		return SF_SIP_ERR_OK;
	size_t at = find_control(ctx, from, to);

	while (at < to) {
		size_t line = at, end = ctx_next_lf(ctx, at);

		while (line > from && buf[line - 1] != '\n')
			line--;
		if (end > to)
			end = to;
		if (!line_controls_quoted(buf, line,
		                          end > line && buf[end - 1] == '\r' ? end - 1 : end))
			return ctx_fail(ctx, SF_SIP_ERR_CONTROL_CHAR, line, end);
		at = find_control(ctx, end, to);
	}
	return SF_SIP_ERR_OK;
}

static bool
is_sip_version(const uint8_t *s, size_t len, bool *is_2_0)
{
	/* "SIP" "/" 1*DIGIT "." 1*DIGIT; literals are case-insensitive. */
	if (len < 7 || !SPAN_IEQ(s, 4, "sip/"))
		return false;
	size_t dot = 4;

	while (dot < len && CC_IS_DIGIT(s[dot]))
		dot++;
	if (dot == 4 || dot >= len || s[dot] != '.')
		return false;
	for (size_t i = dot + 1; i < len; i++)
		if (!CC_IS_DIGIT(s[i]))
			return false;
	if (dot + 1 == len)
		return false;
	*is_2_0 = len == 7 && s[4] == '2' && s[6] == '0';
	return true;
}

static enum sf_sip_error
parse_request_line(struct parse_ctx *ctx, size_t pos, size_t end, size_t method_end,
                   enum sf_sip_method method)
{
	const uint8_t *buf = ctx->buf;
	struct sf_sip_msg *m = ctx->msg;

	m->method_name = span(pos, method_end);
	m->method = (uint8_t)method;
	if (method_end >= end || buf[method_end] != ' ')
		return ctx_fail(ctx,
		                method_end < end && !cc_is(buf[method_end], CC_LWS)
		                        ? SF_SIP_ERR_BAD_METHOD
		                        : SF_SIP_ERR_BAD_REQUEST_LINE,
		                pos, end);
	size_t uri = method_end + 1, uri_end = end - 8;

	/* Nearly every request line ends in " SIP/2.0": one word compare. */
	if (end - uri < 10 || !word_ieq(buf + uri_end, " sip/2.0", 8)) {
		/* The version is the short tail after the last SP. */
		for (uri_end = end; uri_end > uri && buf[uri_end - 1] != ' ';)
			uri_end--;
		if (uri_end <= uri + 1)
			return ctx_fail(ctx, SF_SIP_ERR_BAD_REQUEST_LINE, pos, end);
		uri_end--;
		bool is_2_0;

		m->version = span(uri_end + 1, end);
		if (!is_sip_version(buf + uri_end + 1, end - uri_end - 1, &is_2_0))
			return ctx_fail(ctx, SF_SIP_ERR_BAD_REQUEST_LINE, pos, end);
		if (!is_2_0)
			return ctx_fail(ctx, SF_SIP_ERR_BAD_VERSION, uri_end + 1, end);
	}
	m->version = span(uri_end + 1, end);
	if (parse_uri(ctx, uri, uri_end, false, &m->ruri) != uri_end) {
		/* White space inside means the line, not the URI, is wrong. */
		bool lws = memchr(buf + uri, ' ', uri_end - uri) ||
		           memchr(buf + uri, '\t', uri_end - uri);

		if (lws)
			return ctx_fail(ctx, SF_SIP_ERR_BAD_REQUEST_LINE, pos, end);
		return ctx_fail(ctx, SF_SIP_ERR_BAD_RURI, uri, uri_end);
	}
	if (m->ruri.scheme_id == SF_SIP_SCHEME_OTHER)
		return ctx_fail(ctx, SF_SIP_ERR_RURI_SCHEME, uri, uri_end);
	if (m->ruri.headers.len != 0)
		return ctx_fail(ctx, SF_SIP_ERR_RURI_HEADERS, uri, uri_end);
	return SF_SIP_ERR_OK;
}

static enum sf_sip_error
parse_status_line(struct parse_ctx *ctx, size_t pos, size_t end)
{
	const uint8_t *buf = ctx->buf;
	struct sf_sip_msg *m = ctx->msg;
	size_t code = pos + 8;

	/* Nearly every status line starts "SIP/2.0 ": one word compare. */
	if (end - pos < 8 || !word_ieq(buf + pos, "sip/2.0 ", 8)) {
		const uint8_t *sp = memchr(buf + pos, ' ', end - pos);
		bool is_2_0;

		if (sp == NULL)
			return ctx_fail(ctx, SF_SIP_ERR_BAD_STATUS_LINE, pos, end);
		code = (size_t)(sp - buf) + 1;
		m->version = span(pos, code - 1);
		if (!is_sip_version(buf + pos, code - 1 - pos, &is_2_0))
			return ctx_fail(ctx, SF_SIP_ERR_BAD_STATUS_LINE, pos, end);
		if (!is_2_0)
			return ctx_fail(ctx, SF_SIP_ERR_BAD_VERSION, pos, code - 1);
	}
	m->version = span(pos, code - 1);
	size_t code_end = ctx_skip(ctx, SF_SIP_SCAN_DIGIT, code, end);
	uint64_t status;

	if (code_end - code > 3)
		return ctx_fail(ctx, SF_SIP_ERR_STATUS_RANGE, code, code_end);
	if (code_end - code != 3 || (code_end < end && buf[code_end] != ' '))
		return ctx_fail(ctx, SF_SIP_ERR_BAD_STATUS_LINE, code, end);
	if (!parse_digits(buf, code, code_end, 999, &status) || status < 100 || status > 699)
		return ctx_fail(ctx, SF_SIP_ERR_STATUS_RANGE, code, code_end);
	m->status = (uint16_t)status;
	m->reason = code_end < end ? span(code_end + 1, end) : span(end, end);
	return SF_SIP_ERR_OK;
}

static bool
single_header(struct sf_sip_msg *m, enum sf_sip_header_id id)
{
	return m->first_header[id] == HEADER_NONE;
}

/* CSeq: number LWS method. Inline in the dispatch: the call and its
 * register saves cost more than the grammar's own work. */
static inline __attribute__((always_inline)) enum sf_sip_error
parse_cseq(struct parse_ctx *ctx, size_t from, size_t to)
{
	const uint8_t *buf = ctx->buf;
	struct sf_sip_msg *m = ctx->msg;
	size_t digits = ctx_skip(ctx, SF_SIP_SCAN_DIGIT, from, to);
	uint64_t num;

	if (!parse_digits(buf, from, digits, UINT32_MAX, &num))
		return SF_SIP_ERR_BAD_CSEQ;
	size_t method = ctx_skip_lws(ctx, digits, to);
	size_t method_end = ctx_skip(ctx, SF_SIP_SCAN_TOKEN, method, to);

	if (method == digits || method_end == method || method_end != to)
		return SF_SIP_ERR_BAD_CSEQ;
	m->cseq = (uint32_t)num;
	m->cseq_method_name = span(method, method_end);
	m->cseq_method = (uint8_t)sf_sip_method_from_token(buf + method, method_end - method);
	return SF_SIP_ERR_OK;
}

/* The end of a header's turn, after its grammar: the entry becomes the
 * first of its id if none came before and is counted. A list grammar adds
 * values of its own, from value index first on: its entry gets their
 * place and count here (list); every other header is one value, its
 * entry's own span, which was written with no values (first_value and
 * n_values 0) and gets no copy in the values array (sip.h; the copy's
 * bound check, store and count per header were 2% of a parse's
 * instructions). Inlined into each case of the dispatch with its id a
 * constant, where one copy after the switch reads the id back. */
static inline __attribute__((always_inline)) enum sf_sip_error
header_done(struct sf_sip_msg *m, enum sf_sip_header_id id, bool list, uint16_t first)
{
	uint16_t count = m->header_count;

	if (list) {
		m->headers[count].first_value = first;
		m->headers[count].n_values = (uint16_t)(m->value_count - first);
	}
	if (m->first_header[id] == HEADER_NONE)
		m->first_header[id] = count;
	m->header_count = (uint16_t)(count + 1);
	return SF_SIP_ERR_OK;
}

/* header_done for a header that is one value. */
static inline __attribute__((always_inline)) enum sf_sip_error
value_done(struct sf_sip_msg *m, enum sf_sip_header_id id)
{
	return header_done(m, id, false, 0);
}

/* header_done after a grammar that can fail; first is the value index
 * before a list grammar ran. */
static inline __attribute__((always_inline)) enum sf_sip_error
grammar_done(struct parse_ctx *ctx, enum sf_sip_header_id id, enum sf_sip_error err, bool list,
             uint16_t first)
{
	if (err != SF_SIP_ERR_OK)
		return err;
	return header_done(ctx->msg, id, list, first);
}

/* Contact, Route or Record-Route: a value that is one name-addr, with room
 * for it, is parsed by name_addr_value_fast and stored here, which is what
 * the list grammar would do with it, without its walk, switch and count
 * checks (measured: ~2 ns a message less for From, To and Contact
 * together, ninth round; 0.4% of the parser's instructions for Route and
 * Record-Route, twenty-third round). The values array's room is checked
 * before the parse, not by add_value after it (that measured ~3 ns a
 * message slower); with no room the list grammar reports the value's
 * error or the count's, as it always has. name_addr_fast takes only the
 * bracketed form, as Route requires. */
static inline __attribute__((always_inline)) enum sf_sip_error
name_addr_list(struct parse_ctx *ctx, enum sf_sip_header_id id, size_t v, size_t v_end,
               struct sf_sip_name_addr *list, uint16_t *count, uint16_t max, bool fast)
{
	struct sf_sip_msg *m = ctx->msg;
	uint16_t first;

	if (fast && *count < max && m->value_count < SF_SIP_MAX_VALUES &&
	    name_addr_value_fast(ctx, v, v_end, &list[*count])) {
		first = m->value_count;
		(*count)++;
		m->values[m->value_count++] = span(v, v_end);
		return header_done(m, id, true, first);
	}
	first = m->value_count;
	return grammar_done(ctx, id, parse_name_addr_header(ctx, v, v_end, id), true, first);
}

static inline __attribute__((always_inline)) enum sf_sip_error
parse_header_value(struct parse_ctx *ctx, enum sf_sip_header_id id, size_t name, size_t name_end,
                   size_t v, size_t v_end, bool fast)
{
	const uint8_t *buf = ctx->buf;
	struct sf_sip_msg *m = ctx->msg;
	/* Where a list's values start, read by each list case just before
	 * its grammar: read once above the switch, it is loaded on every
	 * line (+19 instructions a mix message). */
	uint16_t first;
	uint64_t num;

	switch (id) {
	case SF_SIP_HDR_OTHER:
		/* A known name matched letter by letter is a token already;
		 * any other is checked here, in the jump the dispatch takes
		 * anyway, rather than by a branch of its own on every line. */
		if (ctx_skip(ctx, SF_SIP_SCAN_TOKEN, name, name_end) != name_end)
			return SF_SIP_ERR_BAD_HEADER_NAME;
		return value_done(m, SF_SIP_HDR_OTHER);
	case SF_SIP_HDR_VIA:
		first = m->value_count;
		return grammar_done(ctx, SF_SIP_HDR_VIA, parse_via_values(ctx, v, v_end), true,
		                    first);
	case SF_SIP_HDR_FROM:
		if (!single_header(m, SF_SIP_HDR_FROM))
			return SF_SIP_ERR_DUP_FROM;
		if (fast && name_addr_value_fast(ctx, v, v_end, &m->from))
			return value_done(m, SF_SIP_HDR_FROM);
		return grammar_done(ctx, SF_SIP_HDR_FROM,
		                    parse_name_addr_header(ctx, v, v_end, SF_SIP_HDR_FROM), false,
		                    0);
	case SF_SIP_HDR_TO:
		if (!single_header(m, SF_SIP_HDR_TO))
			return SF_SIP_ERR_DUP_TO;
		if (fast && name_addr_value_fast(ctx, v, v_end, &m->to))
			return value_done(m, SF_SIP_HDR_TO);
		return grammar_done(ctx, SF_SIP_HDR_TO,
		                    parse_name_addr_header(ctx, v, v_end, SF_SIP_HDR_TO), false, 0);
	case SF_SIP_HDR_CALL_ID:
		if (!single_header(m, SF_SIP_HDR_CALL_ID))
			return SF_SIP_ERR_DUP_CALL_ID;
		if (v == v_end || ctx_skip(ctx, SF_SIP_SCAN_WORD, v, v_end) != v_end)
			return SF_SIP_ERR_BAD_CALL_ID;
		m->call_id = span(v, v_end);
		return value_done(m, SF_SIP_HDR_CALL_ID);
	case SF_SIP_HDR_CSEQ:
		if (!single_header(m, SF_SIP_HDR_CSEQ))
			return SF_SIP_ERR_DUP_CSEQ;
		if (parse_cseq(ctx, v, v_end) != SF_SIP_ERR_OK)
			return SF_SIP_ERR_BAD_CSEQ;
		return value_done(m, SF_SIP_HDR_CSEQ);
	case SF_SIP_HDR_MAX_FORWARDS:
		if (!single_header(m, SF_SIP_HDR_MAX_FORWARDS))
			return SF_SIP_ERR_DUP_MAX_FORWARDS;
		if (!parse_uint(buf, v, v_end, 255, &num))
			return SF_SIP_ERR_BAD_MAX_FORWARDS;
		m->max_forwards = (int16_t)num;
		return value_done(m, SF_SIP_HDR_MAX_FORWARDS);
	case SF_SIP_HDR_CONTACT:
		if (v_end - v == 1 && buf[v] == '*') {
			m->contact_star = true;
			return value_done(m, SF_SIP_HDR_CONTACT);
		}
		return name_addr_list(ctx, SF_SIP_HDR_CONTACT, v, v_end, m->contact,
		                      &m->contact_count, SF_SIP_MAX_CONTACTS, fast);
	case SF_SIP_HDR_ROUTE:
		return name_addr_list(ctx, SF_SIP_HDR_ROUTE, v, v_end, m->route, &m->route_count,
		                      SF_SIP_MAX_ROUTES, fast);
	case SF_SIP_HDR_RECORD_ROUTE:
		return name_addr_list(ctx, SF_SIP_HDR_RECORD_ROUTE, v, v_end, m->record_route,
		                      &m->record_route_count, SF_SIP_MAX_ROUTES, fast);
	case SF_SIP_HDR_CONTENT_LENGTH:
		if (!parse_uint(buf, v, v_end, UINT32_MAX, &num))
			return SF_SIP_ERR_BAD_CONTENT_LENGTH;
		if (m->has_content_length && m->content_length != num)
			return SF_SIP_ERR_CONTENT_LENGTH_CONFLICT;
		m->has_content_length = true;
		m->content_length = (uint32_t)num;
		return value_done(m, SF_SIP_HDR_CONTENT_LENGTH);
	case SF_SIP_HDR_CONTENT_TYPE:
		if (single_header(m, SF_SIP_HDR_CONTENT_TYPE))
			m->content_type = span(v, v_end);
		return value_done(m, SF_SIP_HDR_CONTENT_TYPE);
	case SF_SIP_HDR_USER_AGENT:
		if (single_header(m, SF_SIP_HDR_USER_AGENT))
			m->user_agent = span(v, v_end);
		return value_done(m, SF_SIP_HDR_USER_AGENT);
	case SF_SIP_HDR_EXPIRES:
		m->has_expires = true;
		m->expires = parse_uint(buf, v, v_end, UINT32_MAX, &num) ? (uint32_t)num : 3600;
		return value_done(m, SF_SIP_HDR_EXPIRES);
	case SF_SIP_HDR_EVENT:
		if (single_header(m, SF_SIP_HDR_EVENT))
			m->event = span(v, ctx_skip(ctx, SF_SIP_SCAN_TOKEN, v, v_end));
		return value_done(m, SF_SIP_HDR_EVENT);
	case SF_SIP_HDR_AUTHORIZATION:
	case SF_SIP_HDR_PROXY_AUTHORIZATION:
		/* The first Authorization wins over any Proxy-Authorization. */
		if (m->first_header[SF_SIP_HDR_AUTHORIZATION] == HEADER_NONE &&
		    (id == SF_SIP_HDR_AUTHORIZATION || m->auth_scheme.len == 0)) {
			enum sf_sip_error err = parse_auth(ctx, v, v_end);

			if (err != SF_SIP_ERR_OK)
				return err;
		}
		return value_done(m, id);
	case SF_SIP_HDR_SUPPORTED:
		first = m->value_count;
		return grammar_done(ctx, SF_SIP_HDR_SUPPORTED,
		                    parse_token_list(ctx, v, v_end, false), true, first);
	case SF_SIP_HDR_REQUIRE:
		first = m->value_count;
		return grammar_done(ctx, SF_SIP_HDR_REQUIRE, parse_token_list(ctx, v, v_end, false),
		                    true, first);
	case SF_SIP_HDR_PROXY_REQUIRE:
		first = m->value_count;
		return grammar_done(ctx, SF_SIP_HDR_PROXY_REQUIRE,
		                    parse_token_list(ctx, v, v_end, false), true, first);
	case SF_SIP_HDR_ALLOW_EVENTS:
		first = m->value_count;
		return grammar_done(ctx, SF_SIP_HDR_ALLOW_EVENTS,
		                    parse_token_list(ctx, v, v_end, false), true, first);
	case SF_SIP_HDR_ALLOW:
		first = m->value_count;
		return grammar_done(ctx, SF_SIP_HDR_ALLOW, parse_token_list(ctx, v, v_end, true),
		                    true, first);
	case SF_SIP_HDR_CONTENT_ENCODING:
	case SF_SIP_HDR_SUBJECT:
	case SF_SIP_HDR_REFER_TO: return value_done(m, id);
	/* Every id has its case and no default, and the name tables hold
	 * no other value: so gcc's jump needs no range check before it (two
	 * instructions a line; with a default, or a hint before the switch,
	 * it keeps the check). A new header id without its case here fails
	 * the build (-Wswitch, in -Wall). */
	case SF_SIP_HDR_COUNT: break;
	}
	__builtin_unreachable();
}

/* Request-ish: a token (ending at method_end), then a known method or
 * " SIP/" on the line; *method is the token's method. */
static enum sf_sip_kind
classify(const uint8_t *buf, size_t pos, size_t end, size_t method_end, enum sf_sip_method *method)
{
	if (end - pos >= 4 && SPAN_IEQ(buf + pos, 4, "sip/"))
		return SF_SIP_KIND_RESPONSE;
	if (method_end == pos)
		return SF_SIP_KIND_NOT_SIP;
	*method = sf_sip_method_from_token(buf + pos, method_end - pos);
	if (*method != SF_SIP_METHOD_EXTENSION)
		return SF_SIP_KIND_REQUEST;
	if (memmem(buf + pos, end - pos, " SIP/", 5) != NULL)
		return SF_SIP_KIND_REQUEST;
	return SF_SIP_KIND_NOT_SIP;
}

static enum sf_sip_error
check_message(struct parse_ctx *ctx)
{
	struct sf_sip_msg *m = ctx->msg;
	const uint8_t *buf = ctx->buf;

	if (m->via_count == 0)
		return ctx_fail(ctx, SF_SIP_ERR_MISSING_VIA, 0, 0);
	if (single_header(m, SF_SIP_HDR_FROM))
		return ctx_fail(ctx, SF_SIP_ERR_MISSING_FROM, 0, 0);
	if (single_header(m, SF_SIP_HDR_TO))
		return ctx_fail(ctx, SF_SIP_ERR_MISSING_TO, 0, 0);
	if (single_header(m, SF_SIP_HDR_CALL_ID))
		return ctx_fail(ctx, SF_SIP_ERR_MISSING_CALL_ID, 0, 0);
	if (single_header(m, SF_SIP_HDR_CSEQ))
		return ctx_fail(ctx, SF_SIP_ERR_MISSING_CSEQ, 0, 0);
	/* A known method's token is matched exactly, so for one the two ids
	 * tell whether the two names are the same. */
	if (m->kind == SF_SIP_KIND_REQUEST &&
	    (m->method != SF_SIP_METHOD_EXTENSION
	             ? m->cseq_method != m->method
	             : m->cseq_method_name.len != m->method_name.len ||
	                       memcmp(buf + m->cseq_method_name.off, buf + m->method_name.off,
	                              m->method_name.len) != 0)) {
		struct sf_sip_header *h = &m->headers[m->first_header[SF_SIP_HDR_CSEQ]];

		return ctx_fail(ctx, SF_SIP_ERR_CSEQ_METHOD_MISMATCH, h->name.off,
		                h->value.off + h->value.len);
	}
	return SF_SIP_ERR_OK;
}

/* Continuation lines (starting with SP/HT) after the line ending at *lf
 * belong to its field: takes them, sets *lf to the last one's line feed
 * and returns the end of the field's value. */
static enum sf_sip_error
take_continuations(struct parse_ctx *ctx, size_t *lf, size_t *v_end)
{
	const uint8_t *buf = ctx->buf;
	const size_t len = ctx->len;

	while (*lf + 1 < len && (buf[*lf + 1] == ' ' || buf[*lf + 1] == '\t')) {
		size_t next = ctx_lf_take(ctx);

		if (next >= len)
			return ctx_fail(ctx, SF_SIP_ERR_HEADERS_UNTERMINATED, *lf + 1, len);
		if (next - *lf - 1 > ctx->parser->limits.max_line_len)
			return ctx_fail(ctx, SF_SIP_ERR_LINE_TOO_LONG, *lf + 1, next);
		*lf = next;
		*v_end = buf[next - 1] == '\r' ? next - 1 : next;
	}
	return SF_SIP_ERR_OK;
}

/* Indexes the field [pos, name_end) ":" [v, v_end) and hands its value to
 * its grammar; end is the end of the field's first line, where a count
 * over the limit is reported. */
static inline __attribute__((always_inline)) enum sf_sip_error
add_header(struct parse_ctx *ctx, enum sf_sip_header_id id, size_t pos, size_t name_end, size_t v,
           size_t v_end, size_t end, bool fast)
{
	struct sf_sip_msg *const m = ctx->msg;
	uint16_t count = m->header_count;

	if (count >= ctx->max_headers)
		return ctx_fail(ctx, SF_SIP_ERR_TOO_MANY_HEADERS, pos, end);
	struct sf_sip_header *h = &m->headers[count];
	/* Name and value spans as one word, and no split values (a list
	 * grammar's header_done sets them) and the id as another: positions
	 * are below 2^16, so no truncation is needed, where the fields' own
	 * stores cost a dozen instructions of zero-extending and packing
	 * (four 16-bit stores measured +91 instructions and +3.6% time a
	 * message; bench/README.md, fifteenth round). The value index is not
	 * read here: it cost a load and a spill a line. */
	uint64_t spans =
	        pos | (name_end - pos) << 16 | (uint64_t)v << 32 | (uint64_t)(v_end - v) << 48;
	uint64_t entry = (uint64_t)id << 32;

	_Static_assert(offsetof(struct sf_sip_header, value) == 4 &&
	                       offsetof(struct sf_sip_header, first_value) == 8 &&
	                       offsetof(struct sf_sip_header, n_values) == 10 &&
	                       offsetof(struct sf_sip_header, id) == 12 &&
	                       sizeof(struct sf_sip_header) == 16 &&
	                       __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	               "an entry is two little-endian words");
	memcpy(&h->name, &spans, sizeof(spans));
	memcpy(&h->first_value, &entry, sizeof(entry));
	enum sf_sip_error err = parse_header_value(ctx, id, pos, name_end, v, v_end, fast);

	if (err != SF_SIP_ERR_OK)
		return ctx_fail(ctx, err, pos, v_end);
	return SF_SIP_ERR_OK;
}

/* The line at pos, whose line feed lf is taken, whatever its shape: bare
 * LF, white space around the name or value, continuation lines, an empty
 * value, errors. Sets *next to the next line, or *body at the empty line.
 * Out of line, with its own copy of the grammar dispatch. */
static __attribute__((noinline)) enum sf_sip_error
header_line_general(struct parse_ctx *ctx, size_t pos, size_t lf, size_t max_line, size_t *next,
                    size_t *body)
{
	const uint8_t *const buf = ctx->buf;
	const size_t len = ctx->len;

	if (lf >= len)
		return ctx_fail(ctx, SF_SIP_ERR_HEADERS_UNTERMINATED, pos, len);
	/* pos > 0 (a start line came first), and for an empty line
	 * buf[lf - 1] is the previous line's LF. */
	size_t end = lf - (buf[lf - 1] == '\r');

	if (end <= pos) {
		*body = lf + 1;
		return SF_SIP_ERR_OK;
	}
	if (end - pos > max_line)
		return ctx_fail(ctx, SF_SIP_ERR_LINE_TOO_LONG, pos, end);
	size_t colon = ctx_find(ctx, SF_SIP_SCAN_COLON, pos, end);

	if (colon >= end)
		return ctx_fail(ctx, SF_SIP_ERR_BAD_HEADER_LINE, pos, end);
	size_t name_end = colon;

	while (name_end > pos && (buf[name_end - 1] == ' ' || buf[name_end - 1] == '\t'))
		name_end--;
	/* A known name matched letter by letter is a token already. The
	 * start line before it is over 8 octets long (sip_header_id.h). */
	assert(pos >= 8);
	enum sf_sip_header_id id =
	        name_end > pos ? header_id(buf + pos, name_end - pos) : SF_SIP_HDR_OTHER;

	/* In the fast loop's order: the header count, then the name (which
	 * the dispatch checks again for an unknown one). */
	if (ctx->msg->header_count >= ctx->max_headers)
		return ctx_fail(ctx, SF_SIP_ERR_TOO_MANY_HEADERS, pos, end);
	if (id == SF_SIP_HDR_OTHER &&
	    (name_end == pos || ctx_skip(ctx, SF_SIP_SCAN_TOKEN, pos, name_end) != name_end))
		return ctx_fail(ctx, SF_SIP_ERR_BAD_HEADER_NAME, pos, end);
	size_t v_end = end;
	enum sf_sip_error err = take_continuations(ctx, &lf, &v_end);

	if (err != SF_SIP_ERR_OK)
		return err;
	size_t v = ctx_skip_lws(ctx, colon + 1, v_end);

	while (v_end > v && cc_is(buf[v_end - 1], CC_LWS))
		v_end--;
	*next = lf + 1;
	return add_header(ctx, id, pos, name_end, v, v_end, end, ctx->fast);
}

/* The datagram ended right after a complete header line, with no empty
 * line. */
static enum sf_sip_error
headers_end_at_len(struct parse_ctx *ctx, size_t *body)
{
	ctx->msg->missing_empty_line = true;
	*body = ctx->len;
	return SF_SIP_ERR_OK;
}

/* Header lines from *pos through header_line_general, each up to max_line
 * octets, while they start before stop: until the empty line (*body set),
 * the datagram's end or an error. *pos is then the next line's start. */
static __attribute__((noinline)) enum sf_sip_error
parse_lines_general(struct parse_ctx *ctx, size_t *pos, size_t stop, size_t max_line, size_t *body)
{
	while (*pos < stop) {
		size_t next = *pos;
		enum sf_sip_error err =
		        header_line_general(ctx, *pos, ctx_lf_take(ctx), max_line, &next, body);

		if (err != SF_SIP_ERR_OK || *body != SIZE_MAX)
			return err;
		*pos = next;
		if (next >= ctx->len)
			return headers_end_at_len(ctx, body);
	}
	return SF_SIP_ERR_OK;
}

/* Whether the header line whose first colon is at colon and whose LF is at
 * lf (lf + 1 < len) has the usual shape: a name octet before the colon, one
 * SP after it, a value that starts and ends with an octet over SP, CR LF,
 * and after that a line that is no continuation (an octet over SP, or the
 * empty line's CR). The octets around the colon and around the line end
 * are loaded straight into one vector and tested lane by lane, with one
 * branch: the same tests as octet compares were seven branches, and on this
 * core integer operations and loads are what a parse runs short of, while
 * vector operations come nearly free (bench/README.md, twenty-fourth
 * round). Any other line takes the general path: "Name:value" without the
 * SP, white space at either end, a bare LF, a continuation after it. */
static inline bool
line_shape_usual(const uint8_t *buf, size_t colon, size_t lf)
{
	/* Lanes 0-3: colon - 1 .. colon + 2; lanes 4-7: lf - 2 .. lf + 1;
	 * the rest 0. A lane passes when it is over SP where `over` is set,
	 * or equal to `want`; the '!' in `want` is an octet over SP, so it
	 * passes no octet that `over` does not. */
	const __m128i over = _mm_setr_epi8(-1, 0, 0, -1, -1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0);
	const __m128i want =
	        _mm_setr_epi8('!', ':', ' ', '!', '!', '\r', '\n', '\r', 0, 0, 0, 0, 0, 0, 0, 0);
	__m128i octets =
	        _mm_unpacklo_epi32(_mm_loadu_si32(buf + colon - 1), _mm_loadu_si32(buf + lf - 2));
	/* Over SP, unsigned: the octet is its maximum with '!'. */
	__m128i over_sp = _mm_cmpeq_epi8(_mm_max_epu8(octets, _mm_set1_epi8('!')), octets);
	__m128i pass = _mm_or_si128(_mm_and_si128(over_sp, over), _mm_cmpeq_epi8(octets, want));

	return _mm_movemask_epi8(pass) == 0xffff;
}

/* The header section, one field per turn. Nearly every line reads
 * "Name: value" CRLF with one SP after the colon, no other white space at
 * either end of the name or value and no continuation line: those are
 * framed inline, their shape told by one vector test (line_shape_usual);
 * any other line (and every error) goes to header_line_general. */
static enum sf_sip_error
parse_headers(struct parse_ctx *ctx, size_t pos, size_t *body)
{
	const uint8_t *const buf = ctx->buf;
	const size_t len = ctx->len;

	*body = SIZE_MAX;
	if (pos >= len)
		return headers_end_at_len(ctx, body);
	/* No line can be over the limit when the whole datagram is not, so
	 * this loop checks none (one compare and a spilled limit less per
	 * line: 1.9% fewer instructions). A longer datagram (over 8 KiB by
	 * default, which UDP hardly carries), and every one without fast
	 * paths, takes the general path line by line. */
	if (!ctx->fast || len > ctx->parser->limits.max_line_len) {
		size_t line = pos;

		return parse_lines_general(ctx, &line, SIZE_MAX, ctx->parser->limits.max_line_len,
		                           body);
	}
	/* header_id_line reads the 16 octets that end with a name: a line
	 * that starts before that (after a start line of 15 octets or fewer,
	 * which the shortest status lines are) takes the general path. Its own
	 * variable, as below, so that pos stays in a register. */
	if (pos < 16) {
		size_t line = pos;
		enum sf_sip_error err =
		        parse_lines_general(ctx, &line, 16, SIZE_MAX /* see above */, body);

		if (err != SF_SIP_ERR_OK || *body != SIZE_MAX)
			return err;
		pos = line;
	}
	for (;;) {
		size_t lf = ctx_lf_take(ctx);
		size_t end = lf - 1, colon = end, v;
		enum sf_sip_error err;

		/* The CR before a header line's LF is one of the shape test's
		 * lanes; only the empty line checks its own. */
		if (lf < len) {
			if (end <= pos) {
				if (end == pos && buf[end] == '\r') {
					*body = lf + 1;
					return SF_SIP_ERR_OK;
				}
				/* Anything else here ends in a bare LF: straight to
				 * the general path. Falling through to the colon
				 * search (which finds none before end) costs 20
				 * more instructions a message in the way gcc lays
				 * the loop out. */
				goto general;
			}
			/* The colon in the rest of the line start's block,
			 * else within 64 octets of the line start: the blocks
			 * are scanned up to the line feed's, and a bit from
			 * the block after it (stale, or the spare block) lies
			 * past the line end. */
			uint64_t colons = ctx_masks_at(ctx, pos)[SF_SIP_SCAN_COLON] >> (pos % 64);

			if (colons == 0)
				colons = ctx_bits(ctx, SF_SIP_SCAN_COLON, pos);
			if (colons != 0)
				colon = pos + lowest_bit(colons);
		}
		/* colon > pos follows from the octet before the colon being
		 * over SP: the octet before a line is its predecessor's LF.
		 * lf + 1 < len: the next line starts inside the datagram, and
		 * the shape test reads its first octet. The value starts after
		 * the colon's one SP, a constant offset, so the grammar's first
		 * loads wait for the colon only. */
		if (colon < end && lf + 1 < len && line_shape_usual(buf, colon, lf)) {
			v = colon + 2;
			err = add_header(ctx, header_id_line(buf + pos, colon - pos), pos, colon, v,
			                 end, end, true);
			if (err != SF_SIP_ERR_OK)
				return err;
			pos = lf + 1;
			continue;
		}
	general:;
		/* Its own out-parameter, so that pos itself stays in a
		 * register rather than in memory for the address taken. */
		size_t next = pos;

		err = header_line_general(ctx, pos, lf, SIZE_MAX /* see above */, &next, body);
		if (err != SF_SIP_ERR_OK || *body != SIZE_MAX)
			return err;
		pos = next;
		if (pos >= len)
			return headers_end_at_len(ctx, body);
	}
}

/* Only the fixed part of the view is cleared: the arrays are valid up to
 * their counts, and clearing 11 KiB per message would cost more than the
 * parse. 16-octet stores (the last one overlapping) in a loop unrolled at
 * compile time: gcc makes a plain loop or memset of ~300 octets `rep stos`,
 * whose start-up alone costs more than these stores. */
static inline void
clear_fixed_part(struct sf_sip_msg *m)
{
	const size_t size = offsetof(struct sf_sip_msg, via);
	uint8_t *p = (uint8_t *)m;
	const __m128i zero = _mm_setzero_si128();

	_Static_assert(offsetof(struct sf_sip_msg, via) >= 16, "fixed part under 16 octets");
#pragma GCC unroll 32
	for (size_t i = 0; i + 16 <= size; i += 16)
		_mm_storeu_si128((__m128i *)(p + i), zero);
	_mm_storeu_si128((__m128i *)(p + size - 16), zero);
}

enum sf_sip_error
sf_sip_parse(struct sf_sip_parser *parser, const uint8_t *buf, size_t len, struct sf_sip_msg *m)
{
	struct parse_ctx ctx = {
	        .buf = buf,
	        .len = len,
	        .blocks = parser->index.block,
	        .n_blocks = (len + 63) / 64,
	        .parser = parser,
	        .msg = m,
	        .max_headers = parser->limits.max_headers,
	        .fast = parser->fast_paths,
	};
	size_t pos = 0, method_end, body;
	enum sf_sip_method method = SF_SIP_METHOD_EXTENSION;
	enum sf_sip_error err;

	clear_fixed_part(m);
	memset(m->first_header, 0xff, sizeof(m->first_header));
	m->max_forwards = -1;

	while (pos < len && (buf[pos] == '\r' || buf[pos] == '\n'))
		pos++;
	if (len == 0)
		return ctx_fail(&ctx, SF_SIP_ERR_NOT_SIP, 0, 0);
	if (pos == len) {
		m->kind = SF_SIP_KIND_KEEPALIVE;
		return SF_SIP_ERR_OK;
	}
	if (len > parser->limits.max_msg_size) {
		/* Classify on the first octets only: nothing more is read. */
		size_t peek = len - pos < 64 ? len : pos + 64;

		/* An octet loop: a datagram over the size limit is never
		 * scanned. */
		method_end = skip_class(buf, pos, peek, CC_TOKEN);
		m->kind = (uint8_t)classify(buf, pos, peek, method_end, &method);
		if (m->kind == SF_SIP_KIND_NOT_SIP)
			return ctx_fail(&ctx, SF_SIP_ERR_NOT_SIP, pos, peek);
		return ctx_fail(&ctx, SF_SIP_ERR_TOO_LARGE, pos, peek);
	}

	ctx_scan_first(&ctx);
	size_t lf = ctx_next_lf(&ctx, pos);
	size_t end = lf > pos && buf[lf - 1] == '\r' ? lf - 1 : lf;

	/* Bounded: the start line may have no line end yet. */
	method_end = ctx_skip_bounded(&ctx, SF_SIP_SCAN_TOKEN, pos, end);
	m->kind = (uint8_t)classify(buf, pos, end, method_end, &method);
	if (m->kind == SF_SIP_KIND_NOT_SIP)
		return ctx_fail(&ctx, SF_SIP_ERR_NOT_SIP, pos, end);
	if (lf >= len)
		return ctx_fail(&ctx, SF_SIP_ERR_START_LINE_UNTERMINATED, pos, end);
	if (end - pos > parser->limits.max_line_len)
		return ctx_fail(&ctx, SF_SIP_ERR_LINE_TOO_LONG, pos, end);
	err = m->kind == SF_SIP_KIND_REQUEST
	              ? parse_request_line(&ctx, pos, end, method_end, method)
	              : parse_status_line(&ctx, pos, end);
	if (err != SF_SIP_ERR_OK)
		return err;

	ctx_lf_cursor_at(&ctx, lf + 1);
	err = parse_headers(&ctx, lf + 1, &body);
	if (err != SF_SIP_ERR_OK)
		return err;
	err = check_controls(&ctx, pos, body);
	if (err != SF_SIP_ERR_OK)
		return err;
	err = check_message(&ctx);
	if (err != SF_SIP_ERR_OK)
		return err;

	/* RFC 3261 §18.3: over UDP a larger Content-Length is an error, a
	 * smaller one cuts the body; without one the body is the rest. */
	size_t avail = len - body;

	if (m->has_content_length) {
		if (m->content_length > avail) {
			struct sf_sip_header *h =
			        &m->headers[m->first_header[SF_SIP_HDR_CONTENT_LENGTH]];

			return ctx_fail(&ctx, SF_SIP_ERR_BODY_TRUNCATED, h->name.off,
			                h->value.off + h->value.len);
		}
		avail = m->content_length;
	}
	m->body = span(body, body + avail);
	return SF_SIP_ERR_OK;
}
