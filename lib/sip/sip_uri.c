/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * SIP/SIPS/tel URIs (RFC 3261 §19.1, §25.1; RFC 3966 kept to its user part
 * and params), host/port and generic ;name=value parameters. The caller
 * gives the exact extent of a URI: inside < > it is the bracketed text;
 * bare, it ends where a header parameter or list separator begins. Escapes
 * are validated, never decoded: the view keeps spans into the datagram.
 */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sip_internal.h"

bool
parse_uint_long(const uint8_t *buf, size_t from, size_t to, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	for (size_t i = from; i < to; i++) {
		if (!CC_IS_DIGIT(buf[i]))
			return false;
		v = v * 10 + (uint64_t)(buf[i] - '0');
		if (v > max)
			return false;
	}
	*out = v;
	return true;
}

static bool
is_ipv4(const uint8_t *buf, size_t from, size_t to)
{
	int dots = 0, digits = 0, value = 0;

	for (size_t i = from; i < to; i++) {
		if (buf[i] == '.') {
			if (digits == 0)
				return false;
			dots++;
			digits = 0;
			value = 0;
		} else if (CC_IS_DIGIT(buf[i])) {
			value = value * 10 + (buf[i] - '0');
			if (++digits > 3 || value > 255)
				return false;
		} else {
			return false;
		}
	}
	return dots == 3 && digits > 0;
}

#if defined(__SSE2__)
/* 16 lanes set then 16 clear: the 16 octets from in_host + 16 - n set the
 * first n lanes. */
static const uint8_t in_host[32] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};
#endif

/* IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT, each up
 * to 255, on a run of host characters [from, to) that starts with a digit,
 * from its 16 octets in one register: nothing but digits and dots, three
 * dots, none adjacent nor last (so no run is empty), no run longer than
 * three, and only a three-digit run can exceed 255. Every test is a lane
 * of one vector and the dots are counted by a sum of lanes, so that two
 * branches and a handful of integer instructions are left, where the same
 * tests on movemask bits took some thirty and five branches (measured:
 * ~4 ns less a message; bench/README.md, ninth round). The octet after the
 * host is not a host character, so no digit run goes past the host. No
 * loop whose branches follow the digits, which real traffic varies from
 * message to message. */
static bool
ctx_is_ipv4(struct parse_ctx *ctx, size_t from, size_t to)
{
	size_t n = to - from;

	if (n < 7 || n > 15)
		return false;
#if defined(__SSE2__)
	const uint8_t *octets = ctx->buf + from;
	uint8_t near_end[16];

	/* Within 16 octets of the datagram's end, a copy: the load stays
	 * inside the datagram, and the octets past the host are masked off. */
	if (ctx->len - from < 16) {
		memset(near_end, 0, sizeof(near_end));
		memcpy(near_end, octets, ctx->len - from);
		octets = near_end;
	}
	__m128i v = _mm_loadu_si128((const __m128i *)octets);
	__m128i host = _mm_loadu_si128((const __m128i *)(in_host + 16 - n));
	__m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
	__m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
	__m128i dot = _mm_cmpeq_epi8(v, _mm_set1_epi8('.'));
	/* Lane i of x >> k is lane i + k of x. */
	__m128i digit1 = _mm_srli_si128(digit, 1), digit2 = _mm_srli_si128(digit, 2);
	__m128i digit123 = _mm_and_si128(_mm_and_si128(digit1, digit2), _mm_srli_si128(digit, 3));
	/* o[0] > '2' || (o[0] == '2' && (o[1] > '5' || (o[1] == '5' &&
	 * o[2] > '5'))) for every octet at once: signed compares are right for
	 * the digits, the only octets kept. */
	__m128i v1 = _mm_srli_si128(v, 1), v2 = _mm_srli_si128(v, 2);
	__m128i five = _mm_set1_epi8('5');
	__m128i tail =
	        _mm_or_si128(_mm_cmpgt_epi8(v1, five),
	                     _mm_and_si128(_mm_cmpeq_epi8(v1, five), _mm_cmpgt_epi8(v2, five)));
	__m128i over = _mm_or_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('2')),
	                            _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('2')), tail));
	/* Neither a digit nor a dot; a dot before a dot or last; four digits
	 * in a row; three digits over 255. */
	__m128i bad = _mm_andnot_si128(_mm_or_si128(digit, dot), host);
	__m128i next_not_dot = _mm_andnot_si128(_mm_srli_si128(dot, 1), _mm_srli_si128(host, 1));

	bad = _mm_or_si128(bad, _mm_andnot_si128(next_not_dot, dot));
	bad = _mm_or_si128(bad, _mm_and_si128(digit, digit123));
	bad = _mm_or_si128(
	        bad, _mm_and_si128(_mm_and_si128(digit, _mm_and_si128(digit1, digit2)), over));
	bad = _mm_and_si128(bad, host);
	/* The dots, 1 per lane, summed over each half. */
	__m128i sums = _mm_sad_epu8(_mm_and_si128(_mm_and_si128(dot, host), _mm_set1_epi8(1)),
	                            _mm_setzero_si128());

	sums = _mm_add_epi64(sums, _mm_srli_si128(sums, 8));
	return _mm_movemask_epi8(bad) == 0 && _mm_cvtsi128_si32(sums) == 3;
#else
	return is_ipv4(ctx->buf, from, to);
#endif
}

/* IPv6reference contents (RFC 3261 §25.1 / RFC 4291 text form): 1-4 hex
 * digit groups, one "::" gap, an optional IPv4 tail worth two groups. The
 * ":::" written by RFC 2373-derived grammars is tolerated as the gap (RFC
 * 5118 §4.10). */
static bool
is_ipv6(const uint8_t *buf, size_t from, size_t to)
{
	size_t groups = 0, i = from;
	bool gap = false;

	while (i < to) {
		if (buf[i] == ':') {
			size_t colons = 0;

			while (i < to && buf[i] == ':') {
				colons++;
				i++;
			}
			if (colons > 3 || (colons >= 2 && gap))
				return false;
			if (colons == 1 && (i - 1 == from || i == to))
				return false; /* a lone ':' cannot start or end it */
			gap |= colons >= 2;
			continue;
		}
		size_t group = i;

		while (i < to && cc_is(buf[i], CC_HEX))
			i++;
		if (i < to && buf[i] == '.') {
			if (!is_ipv4(buf, group, to))
				return false;
			groups += 2;
			break;
		}
		if (i == group || i - group > 4 || (i < to && buf[i] != ':'))
			return false;
		groups++;
	}
	return gap ? groups <= 7 : groups == 8;
}

/* The start of the label that ends at or after end: after the last dot
 * before end, or start. */
static size_t
label_start(const uint8_t *buf, size_t start, size_t end)
{
	while (end > start && buf[end - 1] != '.')
		end--;
	return end;
}

size_t
parse_hostport(struct parse_ctx *ctx, size_t pos, size_t end, struct sf_sip_span *host,
               uint8_t *host_type, uint16_t *port)
{
	const uint8_t *buf = ctx->buf;
	size_t start = pos;

	if (pos < end && buf[pos] == '[') {
		pos = skip_class(buf, pos + 1, end, CC_IPV6);
		if (pos >= end || buf[pos] != ']' || !is_ipv6(buf, start + 1, pos))
			return 0;
		pos++;
		*host_type = SF_SIP_HOST_IPV6;
	} else {
		pos = ctx_skip(ctx, SF_SIP_SCAN_HOST, pos, end);
		if (pos == start)
			return 0;
		/* A top label cannot start with a digit: only then try IPv4. */
		*host_type = CC_IS_DIGIT(buf[start]) && ctx_is_ipv4(ctx, start, pos)
		                     ? SF_SIP_HOST_IPV4
		                     : SF_SIP_HOST_NAME;
		if (*host_type == SF_SIP_HOST_NAME) {
			/* toplabel = ALPHA *( alphanum / "-" ): "1.2.3" or
			 * "999.0.2.1" is neither a name nor an IPv4. */
			size_t label = pos - (buf[pos - 1] == '.' && pos - 1 > start);
			size_t n = label - start;

			/* Back to the last dot, found in the eight octets
			 * before the label's end by a word compare (those
			 * before the host masked off): a top label is a few
			 * octets, and this costs less than an octet loop or
			 * the dot's bit. Only a label ending within 8 octets
			 * of the datagram's start (a short Request-URI's) or
			 * longer than 8 octets is left to the loop. */
			if (label >= 8) {
				uint64_t x = load8(buf + label - 8) ^ 0x2e2e2e2e2e2e2e2eull;
				/* The high bit of each octet that was a '.'. */
				uint64_t dots =
				        ~(((x & 0x7f7f7f7f7f7f7f7full) + 0x7f7f7f7f7f7f7f7full) |
				          x | 0x7f7f7f7f7f7f7f7full);

				if (n < 8)
					dots &= ~(uint64_t)0 << (8 * (8 - n));
				if (dots != 0)
					label -= (size_t)__builtin_clzll(dots) / 8;
				else if (n <= 8)
					label = start;
				else
					label = label_start(buf, start, label - 8);
			} else {
				label = label_start(buf, start, label);
			}
			if (!CC_IS_ALPHA(buf[label]))
				return 0;
		}
	}
	*host = span(start, pos);
	*port = 0;
	/* The default port, which most URIs and Vias that name a port carry:
	 * one word compare and the octet after it, no digit skip and no
	 * conversion (measured with this round's other two steps: ~7 ns a
	 * message less; bench/README.md, tenth round). The octet at end is
	 * inside the datagram: a value ends before its line's LF, a
	 * Request-URI before " SIP/2.0". */
	if (end - pos >= 5 &&
	    load4(buf + pos) == (':' | '5' << 8 | '0' << 16 | (uint32_t)'6' << 24) &&
	    buf[pos + 4] == '0' && !CC_IS_DIGIT(buf[pos + 5])) {
		*port = 5060;
		return pos + 5;
	}
	if (pos < end && buf[pos] == ':') {
		size_t digits = ctx_skip(ctx, SF_SIP_SCAN_DIGIT, pos + 1, end);
		uint64_t v;

		/* Port 0 is rejected: it cannot address a SIP element, and
		 * the view uses 0 for "no port". */
		if (!parse_digits(buf, pos + 1, digits, 65535, &v) || v == 0)
			return 0;
		*port = (uint16_t)v;
		pos = digits;
	}
	return pos;
}

size_t
parse_generic_param(struct parse_ctx *ctx, size_t pos, size_t end, struct sf_sip_span *name,
                    struct sf_sip_span *value)
{
	const uint8_t *buf = ctx->buf;
	size_t n_end = ctx_skip(ctx, SF_SIP_SCAN_TOKEN, pos, end);

	if (n_end == pos)
		return 0;
	*name = span(pos, n_end);
	*value = span(n_end, n_end);
	size_t p = ctx_skip_lws(ctx, n_end, end);

	if (p < end && buf[p] == '=') {
		size_t v = ctx_skip_lws(ctx, p + 1, end);
		size_t v_end;

		if (v < end && buf[v] == '"') {
			v_end = ctx_skip_quoted(ctx, v, end);
			if (v_end == 0)
				return 0;
		} else {
			v_end = ctx_skip(ctx, SF_SIP_SCAN_PVALUE, v, end);
			if (v_end == v)
				return 0;
		}
		*value = span(v, v_end);
		return v_end;
	}
	return n_end;
}

static enum sf_sip_uri_scheme
scheme_id(const uint8_t *s, size_t len)
{
	if (SPAN_IEQ(s, len, "sip"))
		return SF_SIP_SCHEME_SIP;
	if (SPAN_IEQ(s, len, "sips"))
		return SF_SIP_SCHEME_SIPS;
	if (SPAN_IEQ(s, len, "tel"))
		return SF_SIP_SCHEME_TEL;
	return SF_SIP_SCHEME_OTHER;
}

/* Whether a URI parameter ending at `at` ends where the parameter loop's
 * skips would stop too: at the URI's end, or at the ';' or '>' that nearly
 * always follows one (both outside paramchar). */
static inline bool
uri_param_ends(const uint8_t *buf, size_t at, size_t end)
{
	return at == end || buf[at] == ';' || buf[at] == '>';
}

size_t
parse_uri_params(struct parse_ctx *ctx, size_t pos, size_t end, struct sf_sip_uri *uri)
{
	const uint8_t *buf = ctx->buf;

	while (pos < end && buf[pos] == ';') {
		size_t rest = end - pos;

		/* transport=udp (tcp, tls), user=phone and lr, one of which
		 * nearly every URI with parameters carries: word compares
		 * instead of two skips and a name lookup. */
		if (rest >= 14 && word_ieq(buf + pos, ";transpo", 8) &&
		    uri_param_ends(buf, pos + 14, end)) {
			enum sf_sip_transport transport = SF_SIP_TRANSPORT_NONE;

			if (word_ieq(buf + pos + 8, "rt=udp", 6))
				transport = SF_SIP_TRANSPORT_UDP;
			else if (word_ieq(buf + pos + 8, "rt=tcp", 6))
				transport = SF_SIP_TRANSPORT_TCP;
			else if (word_ieq(buf + pos + 8, "rt=tls", 6))
				transport = SF_SIP_TRANSPORT_TLS;
			if (transport != SF_SIP_TRANSPORT_NONE) {
				uri->transport = (uint8_t)transport;
				pos += 14;
				continue;
			}
		} else if (rest >= 11 && word_ieq(buf + pos, ";user=ph", 8) &&
		           word_ieq(buf + pos + 8, "one", 3) &&
		           uri_param_ends(buf, pos + 11, end)) {
			uri->user_param = span(pos + 6, pos + 11);
			pos += 11;
			continue;
		} else if (rest >= 3 && word_ieq(buf + pos, ";lr", 3) &&
		           uri_param_ends(buf, pos + 3, end)) {
			uri->lr = true;
			pos += 3;
			continue;
		}
		size_t n = pos + 1;
		size_t n_end = ctx_skip_escaped(ctx, SF_SIP_SCAN_URIPARAM, n, end);
		size_t v = n_end, v_end = n_end;

		if (n_end == n || n_end == SIZE_MAX)
			return 0;
		if (n_end < end && buf[n_end] == '=') {
			v = n_end + 1;
			v_end = ctx_skip_escaped(ctx, SF_SIP_SCAN_URIPARAM, v, end);
			if (v_end == v || v_end == SIZE_MAX)
				return 0;
		}
		pos = v_end;
		const uint8_t *name = buf + n;
		size_t len = n_end - n;

		switch (name[0] | 0x20) {
		case 't':
			if (SPAN_IEQ(name, len, "transport"))
				uri->transport = (uint8_t)transport_from_token(buf + v, v_end - v);
			break;
		case 'l':
			if (SPAN_IEQ(name, len, "lr"))
				uri->lr = true;
			break;
		case 'm':
			if (SPAN_IEQ(name, len, "maddr"))
				uri->maddr = span(v, v_end);
			break;
		case 'u':
			if (SPAN_IEQ(name, len, "user"))
				uri->user_param = span(v, v_end);
			break;
		}
	}
	return pos;
}

/* Flattened, as the header grammars are: the Request-URI is parsed here
 * with its host and parameter grammars inlined (measured: 1% fewer
 * instructions per message, 2.3 KB more code). */
__attribute__((flatten)) size_t
parse_uri(struct parse_ctx *ctx, size_t from, size_t to, bool bare, struct sf_sip_uri *uri)
{
	const uint8_t *buf = ctx->buf;
	size_t colon;

	memset(uri, 0, sizeof(*uri));
	if (to > from + 4 && word_ieq(buf + from, "sip:", 4)) {
		/* Nearly every URI is sip: one compare. */
		colon = from + 3;
		uri->scheme_id = SF_SIP_SCHEME_SIP;
	} else {
		if (from >= to || !CC_IS_ALPHA(buf[from]))
			return 0;
		colon = skip_class(buf, from + 1, to, CC_SCHEME);
		if (colon >= to || buf[colon] != ':')
			return 0;
		uri->scheme_id = (uint8_t)scheme_id(buf + from, colon - from);
	}
	uri->scheme = span(from, colon);
	size_t pos = colon + 1, end;

	if (uri->scheme_id == SF_SIP_SCHEME_OTHER) {
		/* absoluteURI: opaque up to white space, a bracket or a quote. */
		end = pos;
		while (end < to && !cc_is(buf[end], CC_LWS) && buf[end] != '<' && buf[end] != '>' &&
		       buf[end] != '"' && !(bare && (buf[end] == ';' || buf[end] == ',')))
			end++;
		if (end == pos)
			return 0;
		uri->raw = span(from, end);
		return end;
	}
	if (uri->scheme_id == SF_SIP_SCHEME_TEL) {
		/* telephone-subscriber ;params: the number is kept as the user. */
		end = ctx_skip_escaped(ctx, SF_SIP_SCAN_URIPARAM, pos, to);
		if (end == pos || end == SIZE_MAX)
			return 0;
		uri->user = span(pos, end);
		pos = end;
	} else {
		/* Userinfo, if a '@' ends the run of user characters: the user
		 * part may hold ';' '?' ',' and '/', so only the '@' tells it
		 * from a host followed by parameters. */
		size_t at = bare ? skip_escaped(buf, pos, to, CC_BAREUSER)
		                 : ctx_skip_escaped(ctx, SF_SIP_SCAN_USERINFO, pos, to);

		if (at < to && buf[at] == '@') {
			size_t user_end = ctx_find(ctx, SF_SIP_SCAN_COLON, pos, at);

			if (user_end == pos)
				return 0;
			uri->user = span(pos, user_end);
			if (user_end < at) { /* ":password" */
				if (skip_escaped(buf, user_end + 1, at, CC_PASSWORD) != at)
					return 0;
				uri->password = span(user_end + 1, at);
			}
			pos = at + 1;
		}
		pos = parse_hostport(ctx, pos, to, &uri->host, &uri->host_type, &uri->port);
		if (pos == 0)
			return 0;
	}
	end = pos;
	if (!bare) {
		end = parse_uri_params(ctx, pos, to, uri);
		if (end == 0)
			return 0;
		uri->params = span(pos, end);
		if (end < to && buf[end] == '?') {
			size_t h = end + 1;

			/* hname "=" hvalue *( "&" hname "=" hvalue ) */
			do {
				end = skip_escaped(buf, end + 1, to, CC_HNV);
			} while (end < to && (buf[end] == '=' || buf[end] == '&'));
			if (end == h || end == SIZE_MAX)
				return 0;
			uri->headers = span(h, end);
		}
	}
	uri->raw = span(from, end);
	return end;
}
