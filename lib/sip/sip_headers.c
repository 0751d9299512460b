/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Header-value grammars (RFC 3261 §20, §25.1): Via, name-addr lists (From,
 * To, Contact, Route, Record-Route), Authorization and token lists. The
 * short single values, CSeq among them, are parsed in sip_parse.c's
 * dispatch.
 * Every function walks one header value [from, to), which may span folded
 * lines: CR and LF count as linear white space here, because the driver
 * only hands over a line end when a SP/HT continuation follows it.
 */
#include <stddef.h>
#include <string.h>

#include "sip_internal.h"

#define LIST_END SIZE_MAX

/* After one element of a comma-separated list: LIST_END at the end of the
 * value, the position after SWS "," SWS before the next element, or 0 when
 * anything else follows. */
static inline size_t
list_next(struct parse_ctx *ctx, size_t pos, size_t to)
{
	/* Most lists hold one element, which ends the value. */
	if (pos >= to)
		return LIST_END;
	pos = ctx_skip_lws(ctx, pos, to);
	if (pos >= to)
		return LIST_END;
	return ctx->buf[pos] == ',' ? pos + 1 : 0;
}

/* A transport name's three letters and the SP after it as a little-endian
 * word. */
#define TRANSPORT_WORD(a, b, c) \
	((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)' ' << 24)

static void
via_param(struct sf_sip_via *via, const uint8_t *buf, struct sf_sip_span name,
          struct sf_sip_span value, bool *ok)
{
	const uint8_t *n = buf + name.off;

	switch (n[0] | 0x20) {
	case 'b':
		if (SPAN_IEQ(n, name.len, "branch"))
			via->branch = value;
		break;
	case 'r':
		if (SPAN_IEQ(n, name.len, "received")) {
			via->received = value;
		} else if (SPAN_IEQ(n, name.len, "rport")) {
			uint64_t port;

			via->has_rport = true;
			via->rport_value = value;
			if (value.len &&
			    !parse_uint(buf, value.off, value.off + value.len, 65535, &port))
				*ok = false;
		}
		break;
	case 'm':
		if (SPAN_IEQ(n, name.len, "maddr"))
			via->maddr = value;
		break;
	case 't':
		if (SPAN_IEQ(n, name.len, "ttl")) {
			uint64_t ttl;

			if (!parse_uint(buf, value.off, value.off + value.len, 255, &ttl))
				*ok = false;
			else
				via->ttl = (int16_t)ttl;
		}
		break;
	}
}

/* SIP SLASH 2.0 SLASH transport, where SLASH = SWS "/" SWS. */
static size_t
via_protocol(struct parse_ctx *ctx, size_t pos, size_t to, struct sf_sip_via *via,
             enum sf_sip_error *err)
{
	const uint8_t *buf = ctx->buf;
	size_t name = pos, name_end;

	*err = SF_SIP_ERR_BAD_VIA;
	/* Nearly every Via is written "SIP/2.0/" without LWS: one compare. */
	if (to - pos > 8 && word_ieq(buf + pos, "sip/2.0/", 8)) {
		size_t tr_end = ctx_skip(ctx, SF_SIP_SCAN_TOKEN, pos + 8, to);

		if (tr_end == pos + 8)
			return 0;
		via->protocol = span(pos, tr_end);
		via->transport = span(pos + 8, tr_end);
		via->transport_id = (uint8_t)transport_from_token(buf + pos + 8, tr_end - pos - 8);
		return tr_end;
	}
	name_end = ctx_skip(ctx, SF_SIP_SCAN_TOKEN, pos, to);
	if (name_end == name)
		return 0;
	pos = ctx_skip_lws(ctx, name_end, to);
	if (pos >= to || buf[pos] != '/')
		return 0;
	size_t ver = ctx_skip_lws(ctx, pos + 1, to);
	size_t ver_end = ctx_skip(ctx, SF_SIP_SCAN_TOKEN, ver, to);

	pos = ctx_skip_lws(ctx, ver_end, to);
	if (ver_end == ver || pos >= to || buf[pos] != '/')
		return 0;
	size_t tr = ctx_skip_lws(ctx, pos + 1, to);
	size_t tr_end = ctx_skip(ctx, SF_SIP_SCAN_TOKEN, tr, to);

	if (tr_end == tr)
		return 0;
	if (!SPAN_IEQ(buf + name, name_end - name, "sip"))
		return 0;
	if (!SPAN_IEQ(buf + ver, ver_end - ver, "2.0")) {
		*err = SF_SIP_ERR_BAD_VIA_VERSION;
		return 0;
	}
	via->protocol = span(name, tr_end);
	via->transport = span(tr, tr_end);
	via->transport_id = (uint8_t)transport_from_token(buf + tr, tr_end - tr);
	return tr_end;
}

/* The parameter value at v (a token or host, not quoted) into *value;
 * returns its end, 0 when it is empty. */
static inline size_t
via_pvalue(struct parse_ctx *ctx, size_t v, size_t to, struct sf_sip_span *value)
{
	size_t end = ctx_skip(ctx, SF_SIP_SCAN_PVALUE, v, to);

	if (end == v)
		return 0;
	*value = span(v, end);
	return end;
}

/* The Via nearly every message carries, alone in its header value and
 * written without optional white space: "SIP/2.0/" transport SP host
 * [":" port] *(";" token ["=" pvalue]). Parsed straight through, without
 * the general grammar's white-space and list checks; false for anything
 * else (quoted values, IPv6, LWS, lists, any error), which the general
 * grammar then parses from the start, overwriting what this wrote. */
static inline bool
via_fast(struct parse_ctx *ctx, size_t from, size_t to)
{
	const uint8_t *buf = ctx->buf;
	struct sf_sip_msg *m = ctx->msg;

	if (!ctx->fast || to - from < 12 || !word_ieq(buf + from, "sip/2.0/", 8) ||
	    m->via_count >= ctx->parser->limits.max_vias || m->value_count >= SF_SIP_MAX_VALUES)
		return false;
	size_t tr = from + 8, tr_end;
	enum sf_sip_transport transport;
	/* The transport and its SP as one word, case folded, for the usual
	 * three: no token skip and no lookup. */
	uint32_t word = load4(buf + tr) | 0x00202020;

	if (word == TRANSPORT_WORD('u', 'd', 'p')) {
		tr_end = tr + 3, transport = SF_SIP_TRANSPORT_UDP;
	} else if (word == TRANSPORT_WORD('t', 'c', 'p')) {
		tr_end = tr + 3, transport = SF_SIP_TRANSPORT_TCP;
	} else if (word == TRANSPORT_WORD('t', 'l', 's')) {
		tr_end = tr + 3, transport = SF_SIP_TRANSPORT_TLS;
	} else {
		tr_end = ctx_skip(ctx, SF_SIP_SCAN_TOKEN, tr, to);
		transport = transport_from_token(buf + tr, tr_end - tr);
	}
	if (tr_end == tr || tr_end + 1 >= to || buf[tr_end] != ' ' || buf[tr_end + 1] <= ' ')
		return false;
	struct sf_sip_via *via = &m->via[m->via_count];

	memset(via, 0, sizeof(*via));
	via->ttl = -1;
	size_t pos = parse_hostport(ctx, tr_end + 1, to, &via->host, &via->host_type, &via->port);
	size_t params = pos;
	bool ok = true;

	if (pos == 0)
		return false;
	while (pos < to && buf[pos] == ';') {
		/* The branch, nearly always first: one word compare for its
		 * name. */
		if (to - pos > 8 && word_ieq(buf + pos, ";branch=", 8)) {
			pos = via_pvalue(ctx, pos + 8, to, &via->branch);
			if (pos == 0)
				return false;
			continue;
		}
		/* rport, with or without a value, and received, which most
		 * Vias that a proxy has seen carry: word compares instead of a
		 * name skip and via_param's lookup. */
		if (to - pos >= 6 && word_ieq(buf + pos, ";rport", 6)) {
			if (pos + 6 == to || buf[pos + 6] == ';') {
				via->has_rport = true;
				via->rport_value = span(pos + 6, pos + 6);
				pos += 6;
				continue;
			}
			if (buf[pos + 6] == '=') {
				size_t v = pos + 7;
				size_t digits = ctx_skip(ctx, SF_SIP_SCAN_DIGIT, v, to);
				uint64_t port;

				if ((digits < to && buf[digits] != ';') ||
				    !parse_digits(buf, v, digits, 65535, &port))
					return false;
				via->has_rport = true;
				via->rport_value = span(v, digits);
				pos = digits;
				continue;
			}
		} else if (to - pos > 10 && word_ieq(buf + pos, ";receive", 8) &&
		           word_ieq(buf + pos + 8, "d=", 2)) {
			pos = via_pvalue(ctx, pos + 10, to, &via->received);
			if (pos == 0)
				return false;
			continue;
		}
		size_t name = pos + 1, name_end = ctx_skip(ctx, SF_SIP_SCAN_TOKEN, name, to);
		struct sf_sip_span value = span(name_end, name_end);

		if (name_end == name)
			return false;
		pos = name_end;
		if (pos < to && buf[pos] == '=') {
			pos = ctx_skip(ctx, SF_SIP_SCAN_PVALUE, name_end + 1, to);
			if (pos == name_end + 1)
				return false;
			value = span(name_end + 1, pos);
		}
		via_param(via, buf, span(name, name_end), value, &ok);
		if (!ok)
			return false;
	}
	if (pos != to)
		return false;
	if (pos > params)
		via->params = span(params, pos);
	via->protocol = span(from, tr_end);
	via->transport = span(tr, tr_end);
	via->transport_id = (uint8_t)transport;
	via->raw = span(from, to);
	m->via_count++;
	m->values[m->value_count++] = span(from, to);
	return true;
}

/* The Via list's general grammar: LWS anywhere it may be, lists, every
 * form via_fast leaves. Flattened, as parse_name_addr_header and parse_uri
 * are: the host, URI and parameter grammars inlined into the list walk save
 * a call and its register saves per token (measured: ~5% fewer
 * instructions, ~3% less time per message). Out of line, so that its
 * registers are not via_fast's concern (0.4% fewer instructions). */
static __attribute__((noinline, flatten)) enum sf_sip_error
parse_via_general(struct parse_ctx *ctx, size_t from, size_t to)
{
	const uint8_t *buf = ctx->buf;
	struct sf_sip_msg *m = ctx->msg;
	size_t pos = from;

	for (;;) {
		enum sf_sip_error err;

		pos = ctx_skip_lws(ctx, pos, to);
		if (m->via_count >= ctx->parser->limits.max_vias)
			return SF_SIP_ERR_TOO_MANY_VIAS;
		struct sf_sip_via *via = &m->via[m->via_count];

		memset(via, 0, sizeof(*via));
		via->ttl = -1;
		size_t start = pos;

		pos = via_protocol(ctx, pos, to, via, &err);
		if (pos == 0)
			return err;
		size_t host = ctx_skip_lws(ctx, pos, to);

		if (host == pos)
			return SF_SIP_ERR_BAD_VIA;
		pos = parse_hostport(ctx, host, to, &via->host, &via->host_type, &via->port);
		if (pos == 0)
			return SF_SIP_ERR_BAD_VIA;
		size_t colon = ctx_skip_lws(ctx, pos, to);

		/* sent-by = host [ COLON port ], and COLON = SWS ":" SWS. */
		if (via->port == 0 && colon < to && buf[colon] == ':') {
			size_t digits = ctx_skip_lws(ctx, colon + 1, to);
			size_t digits_end = ctx_skip(ctx, SF_SIP_SCAN_DIGIT, digits, to);
			uint64_t port;

			if (!parse_digits(buf, digits, digits_end, 65535, &port) || port == 0)
				return SF_SIP_ERR_BAD_VIA;
			via->port = (uint16_t)port;
			pos = digits_end;
		}

		size_t params = 0;
		bool ok = true;

		for (;;) {
			size_t p = ctx_skip_lws(ctx, pos, to);
			struct sf_sip_span name, value;

			if (p >= to || buf[p] != ';')
				break;
			if (params == 0)
				params = p;
			p = parse_generic_param(ctx, ctx_skip_lws(ctx, p + 1, to), to, &name,
			                        &value);
			if (p == 0)
				return SF_SIP_ERR_BAD_VIA;
			via_param(via, buf, name, value, &ok);
			if (!ok)
				return SF_SIP_ERR_BAD_VIA;
			pos = p;
			via->params = span(params, pos);
		}
		via->raw = span(start, pos);
		m->via_count++;
		err = add_value(ctx, start, pos);
		if (err != SF_SIP_ERR_OK)
			return err;
		pos = list_next(ctx, pos, to);
		if (pos == LIST_END)
			return SF_SIP_ERR_OK;
		if (pos == 0)
			return SF_SIP_ERR_BAD_VIA;
	}
}

/* Flattened, so that via_fast's host and parameter grammars inline. */
__attribute__((flatten)) enum sf_sip_error
parse_via_values(struct parse_ctx *ctx, size_t from, size_t to)
{
	if (via_fast(ctx, from, to))
		return SF_SIP_ERR_OK;
	return parse_via_general(ctx, from, to);
}

/* One [display-name] <URI> / addr-spec, then ;params. Returns the end, 0 on
 * error. A bare addr-spec ends at white space, ';' or ',' (RFC 3261 §20:
 * a URI holding those must be bracketed), so its params are header params. */
static size_t
parse_name_addr(struct parse_ctx *ctx, size_t pos, size_t to, struct sf_sip_name_addr *na)
{
	const uint8_t *buf = ctx->buf;

	/* na->uri is cleared by parse_uri. */
	memset(na, 0, offsetof(struct sf_sip_name_addr, uri));
	na->bracketed = false;
	pos = ctx_skip_lws(ctx, pos, to);
	size_t start = pos;

	if (pos >= to)
		return 0;
	if (buf[pos] == '"') {
		size_t q = ctx_skip_quoted(ctx, pos, to);

		if (q == 0)
			return 0;
		na->display = span(pos, q);
		pos = ctx_skip_lws(ctx, q, to);
		if (pos >= to || buf[pos] != '<')
			return 0;
	} else if (buf[pos] != '<') {
		/* Unquoted display name: runs of tokens and LWS up to a '<'. */
		size_t p = pos, last = pos;

		for (;;) {
			size_t word_end = ctx_skip(ctx, SF_SIP_SCAN_TOKEN, p, to);
			size_t next = ctx_skip_lws(ctx, word_end, to);

			if (word_end > p)
				last = word_end;
			if (next == p)
				break;
			p = next;
		}
		if (p < to && buf[p] == '<') {
			na->display = span(pos, last);
			pos = p;
		}
	}

	if (buf[pos] == '<') {
		size_t uri_end = parse_uri(ctx, pos + 1, to, false, &na->uri);

		if (uri_end == 0 || uri_end >= to || buf[uri_end] != '>')
			return 0;
		na->bracketed = true;
		pos = uri_end + 1;
	} else {
		pos = parse_uri(ctx, pos, to, true, &na->uri);
		if (pos == 0)
			return 0;
	}

	size_t params = 0;

	for (;;) {
		size_t p = ctx_skip_lws(ctx, pos, to);
		struct sf_sip_span name, value;

		if (p >= to || buf[p] != ';')
			break;
		if (params == 0)
			params = p;
		p = parse_generic_param(ctx, ctx_skip_lws(ctx, p + 1, to), to, &name, &value);
		if (p == 0)
			return 0;
		if (SPAN_IEQ(buf + name.off, name.len, "tag"))
			na->tag = value;
		pos = p;
		na->params = span(params, pos);
	}
	na->raw = span(start, pos);
	return pos;
}

/* The name-addr nearly every From, To, Contact, Route and Record-Route
 * carries: [quoted-string [SP]] "<" "sip:" [user "@"] hostport uri-params
 * ">" *(";" token ["=" (pvalue / quoted-string)]), with no other white
 * space, no password, no escape in the user part and no ?headers. Parsed
 * straight through, with the general grammar's own host and URI-parameter
 * parsers; 0 for anything else (any error too), which parse_name_addr then
 * parses from pos, overwriting what this wrote. Returns the end. Callers
 * call it only with the fast paths on (ctx->fast): the header dispatch
 * checks that already for From, To and Contact. */
static inline size_t
name_addr_fast(struct parse_ctx *ctx, size_t pos, size_t to, struct sf_sip_name_addr *na)
{
	const uint8_t *buf = ctx->buf;
	struct sf_sip_uri *uri = &na->uri;
	size_t start = pos;

	if (pos >= to)
		return 0;
	memset(na, 0, sizeof(*na));
	if (buf[pos] == '"') {
		size_t q = ctx_find(ctx, SF_SIP_SCAN_QUOTE, pos + 1, to);

		if (q + 2 >= to || buf[q] != '"')
			return 0;
		na->display = span(pos, q + 1);
		pos = q + 1 + (buf[q + 1] == ' ');
	}
	if (pos + 5 >= to || buf[pos] != '<' || !word_ieq(buf + pos + 1, "sip:", 4))
		return 0;
	size_t u = pos + 1, user = u + 4;
	/* The user part's characters but ':', which ends a user: one skip
	 * finds the '@' of a user without a password. */
	size_t at = ctx_skip_user(ctx, user), host = user;

	if (at >= to || buf[at] == '%')
		return 0;
	if (buf[at] == ':') {
		/* A password, or no user and a port: only the latter here. */
		at = ctx_skip(ctx, SF_SIP_SCAN_USERINFO, at, to);
		if (at >= to || buf[at] == '%' || buf[at] == '@')
			return 0;
	} else if (buf[at] == '@') {
		if (at == user)
			return 0;
		uri->user = span(user, at);
		host = at + 1;
	}
	uri->scheme_id = SF_SIP_SCHEME_SIP;
	uri->scheme = span(u, u + 3);
	size_t params = parse_hostport(ctx, host, to, &uri->host, &uri->host_type, &uri->port);

	if (params == 0)
		return 0;
	pos = parse_uri_params(ctx, params, to, uri);
	if (pos == 0 || pos >= to || buf[pos] != '>')
		return 0;
	uri->params = span(params, pos);
	uri->raw = span(u, pos);
	na->bracketed = true;
	params = ++pos;
	while (pos < to && buf[pos] == ';') {
		/* The tag, the one parameter nearly every From and To has: one
		 * word compare for its name. */
		if (to - pos > 5 && word_ieq(buf + pos, ";tag=", 5) && buf[pos + 5] != '"') {
			size_t v = pos + 5;

			pos = ctx_skip(ctx, SF_SIP_SCAN_PVALUE, v, to);
			if (pos == v)
				return 0;
			na->tag = span(v, pos);
			na->params = span(params, pos);
			continue;
		}
		size_t name = pos + 1, name_end = ctx_skip(ctx, SF_SIP_SCAN_TOKEN, name, to);
		struct sf_sip_span value = span(name_end, name_end);

		if (name_end == name)
			return 0;
		pos = name_end;
		if (pos < to && buf[pos] == '=') {
			size_t v = pos + 1;

			if (v < to && buf[v] == '"')
				pos = ctx_skip_quoted(ctx, v, to);
			else
				pos = ctx_skip(ctx, SF_SIP_SCAN_PVALUE, v, to);
			if (pos == 0 || pos == v)
				return 0;
			value = span(v, pos);
		}
		if (SPAN_IEQ(buf + name, name_end - name, "tag"))
			na->tag = value;
		na->params = span(params, pos);
	}
	if (pos < to && buf[pos] != ',')
		return 0;
	na->raw = span(start, pos);
	return pos;
}

/* Whether the whole value [from, to) is one name-addr that name_addr_fast
 * parses, into *na. Called by the header dispatch for From, To and Contact
 * before parse_name_addr_header: a function of its own, with the host and
 * parameter grammars inlined, spares the common value the list grammar's
 * switch on the header, its list walk and its count checks (measured: 19
 * fewer instructions and ~2 ns less a message; bench/README.md, ninth
 * round). */
__attribute__((flatten)) bool
name_addr_value_fast(struct parse_ctx *ctx, size_t from, size_t to, struct sf_sip_name_addr *na)
{
	return name_addr_fast(ctx, from, to, na) == to;
}

/* name-addr / addr-spec list into out[*count..max); Route and Record-Route
 * take name-addr only (bracketed_only, RFC 3261 §20.30, §20.34). A list's
 * values are indexed in the view's values array; From and To, one
 * name-addr each, are not lists (!indexed). */
static inline __attribute__((always_inline)) enum sf_sip_error
parse_name_addr_values(struct parse_ctx *ctx, size_t from, size_t to, struct sf_sip_name_addr *out,
                       uint16_t max, uint16_t *count, bool bracketed_only,
                       enum sf_sip_error malformed, enum sf_sip_error too_many, bool indexed)
{
	size_t pos = from;

	for (;;) {
		if (*count >= max)
			return too_many;
		size_t end = ctx->fast ? name_addr_fast(ctx, pos, to, &out[*count]) : 0;

		pos = end != 0 ? end : parse_name_addr(ctx, pos, to, &out[*count]);
		if (pos == 0 || (bracketed_only && !out[*count].bracketed))
			return malformed;
		if (indexed) {
			struct sf_sip_span raw = out[*count].raw;
			enum sf_sip_error err = add_value(ctx, raw.off, raw.off + raw.len);

			if (err != SF_SIP_ERR_OK)
				return err;
		}
		(*count)++;
		pos = list_next(ctx, pos, to);
		if (pos == LIST_END)
			return SF_SIP_ERR_OK;
		if (pos == 0)
			return malformed;
	}
}

/* Flattened: see parse_via_general. The list's place in the view and its
 * errors follow from the header, so the call passes four arguments. */
__attribute__((flatten)) enum sf_sip_error
parse_name_addr_header(struct parse_ctx *ctx, size_t from, size_t to, enum sf_sip_header_id id)
{
	struct sf_sip_msg *m = ctx->msg;
	uint16_t single = 0;
	bool route = id == SF_SIP_HDR_ROUTE;

	/* Three copies of the list walk, each with its limits as constants:
	 * From and To (one value), Contact, and the rarer Route and
	 * Record-Route (measured: 1.7% fewer instructions per message than
	 * one copy for all five, for ~7 KB more code). */
	switch (id) {
	case SF_SIP_HDR_FROM:
	case SF_SIP_HDR_TO: {
		bool is_from = id == SF_SIP_HDR_FROM;
		enum sf_sip_error malformed = is_from ? SF_SIP_ERR_BAD_FROM : SF_SIP_ERR_BAD_TO;

		return parse_name_addr_values(ctx, from, to, is_from ? &m->from : &m->to, 1,
		                              &single, false, malformed, malformed, false);
	}
	case SF_SIP_HDR_CONTACT:
		return parse_name_addr_values(ctx, from, to, m->contact, SF_SIP_MAX_CONTACTS,
		                              &m->contact_count, false, SF_SIP_ERR_BAD_CONTACT,
		                              SF_SIP_ERR_TOO_MANY_CONTACTS, true);
	default:
		return parse_name_addr_values(
		        ctx, from, to, route ? m->route : m->record_route, SF_SIP_MAX_ROUTES,
		        route ? &m->route_count : &m->record_route_count, true,
		        route ? SF_SIP_ERR_BAD_ROUTE : SF_SIP_ERR_BAD_RECORD_ROUTE,
		        SF_SIP_ERR_TOO_MANY_ROUTES, true);
	}
}

/* credentials = auth-scheme LWS auth-param *(COMMA auth-param). Only the
 * scheme is required: unknown schemes are forwarded as they are (RFC 4475
 * §3.3.7), so the params are read only to find the username, and no
 * further than the first one (a Digest response's dozen params cost a
 * REGISTER ~900 instructions otherwise). */
enum sf_sip_error
parse_auth(struct parse_ctx *ctx, size_t from, size_t to)
{
	const uint8_t *buf = ctx->buf;
	struct sf_sip_msg *m = ctx->msg;
	size_t scheme_end = ctx_skip(ctx, SF_SIP_SCAN_TOKEN, from, to);

	if (scheme_end == from || (scheme_end < to && !cc_is(buf[scheme_end], CC_LWS)))
		return SF_SIP_ERR_BAD_AUTHORIZATION;
	m->auth_scheme = span(from, scheme_end);
	m->auth_username = (struct sf_sip_span){0, 0};
	size_t pos = scheme_end;

	while (pos < to) {
		size_t name = ctx_skip_lws(ctx, pos, to);
		size_t name_end = ctx_skip(ctx, SF_SIP_SCAN_TOKEN, name, to);
		size_t eq = ctx_skip_lws(ctx, name_end, to);

		if (name_end == name || eq >= to || buf[eq] != '=')
			break;
		size_t v = ctx_skip_lws(ctx, eq + 1, to), v_end;

		if (v < to && buf[v] == '"') {
			v_end = ctx_skip_quoted(ctx, v, to);
			if (v_end == 0)
				break;
			if (SPAN_IEQ(buf + name, name_end - name, "username")) {
				m->auth_username = span(v + 1, v_end - 1);
				break;
			}
		} else {
			v_end = v;
			while (v_end < to && buf[v_end] != ',' && !cc_is(buf[v_end], CC_LWS))
				v_end++;
			if (SPAN_IEQ(buf + name, name_end - name, "username")) {
				m->auth_username = span(v, v_end);
				break;
			}
		}
		pos = ctx_skip_lws(ctx, v_end, to);
		if (pos >= to || buf[pos] != ',')
			break;
		pos++;
	}
	return SF_SIP_ERR_OK;
}

/* Comma-separated tokens (Supported, Require, Allow, ...). The values are
 * indexed as written; Allow also fills the method mask. Flattened, so that
 * the method lookup of each Allow token is inlined (measured: 0.3% fewer
 * instructions per message). */
__attribute__((flatten)) enum sf_sip_error
parse_token_list(struct parse_ctx *ctx, size_t from, size_t to, bool allow)
{
	const uint8_t *buf = ctx->buf;
	size_t pos = from, block = from / 64;
	/* The commas of the value, one bit cleared per element. */
	uint64_t commas =
	        ctx->blocks[block].mask[SF_SIP_SCAN_COMMA] & (~(uint64_t)0 << (from % 64));

	while (pos < to) {
		while (commas == 0 && (block + 1) * 64 < to)
			commas = ctx->blocks[++block].mask[SF_SIP_SCAN_COMMA];
		size_t end = commas != 0 ? block * 64 + lowest_bit(commas) : to;

		commas &= commas - 1;
		if (end > to)
			end = to;
		size_t v = ctx_skip_lws(ctx, pos, end), v_end = end;

		if (v_end > v && buf[v_end - 1] <= ' ')
			while (v_end > v && cc_is(buf[v_end - 1], CC_LWS))
				v_end--;
		if (v_end > v) {
			enum sf_sip_error err = add_value(ctx, v, v_end);

			if (err != SF_SIP_ERR_OK)
				return err;
			if (allow) {
				enum sf_sip_method method =
				        sf_sip_method_from_token(buf + v, v_end - v);

				if (method != SF_SIP_METHOD_EXTENSION)
					ctx->msg->allow_mask |= (uint16_t)(1u << method);
			}
		}
		pos = end + 1;
	}
	return SF_SIP_ERR_OK;
}
