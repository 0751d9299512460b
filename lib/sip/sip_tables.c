/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The parser's constant tables: RFC 3261 character classes (computed at
 * compile time from the grammar's definitions), method, header and error
 * names generated from the X-macro lists in sip.h, and the name -> id
 * lookups used once per start line and once per header.
 */
#include <string.h>

#include "sip_internal.h"

#define CC_IS_TOKEN_MARK(c)                                                                  \
	((c) == '-' || (c) == '.' || (c) == '!' || (c) == '%' || (c) == '*' || (c) == '_' || \
	 (c) == '+' || (c) == '`' || (c) == '\'' || (c) == '~')
#define CC_IS_USER_UNRESERVED(c)                                                             \
	((c) == '&' || (c) == '=' || (c) == '+' || (c) == '$' || (c) == ',' || (c) == ';' || \
	 (c) == '?' || (c) == '/')
#define CC_IS_PARAM_UNRESERVED(c)                                                            \
	((c) == '[' || (c) == ']' || (c) == '/' || (c) == ':' || (c) == '&' || (c) == '+' || \
	 (c) == '$')
#define CC_IS_HNV_UNRESERVED(c)                                                              \
	((c) == '[' || (c) == ']' || (c) == '/' || (c) == '?' || (c) == ':' || (c) == '+' || \
	 (c) == '$')
#define CC_IS_HEX(c) (CC_IS_DIGIT(c) || ((c) >= 'a' && (c) <= 'f') || ((c) >= 'A' && (c) <= 'F'))
#define CC_IS_WORD_MARK(c)                                                                    \
	(CC_IS_TOKEN_MARK(c) || (c) == '(' || (c) == ')' || (c) == '<' || (c) == '>' ||       \
	 (c) == ':' || (c) == '\\' || (c) == '"' || (c) == '/' || (c) == '[' || (c) == ']' || \
	 (c) == '?' || (c) == '{' || (c) == '}')

#define CC(c)                                                                                     \
	(uint16_t)(                                                                               \
	        (CC_IS_ALNUM(c) || CC_IS_TOKEN_MARK(c) ? CC_TOKEN : 0) |                          \
	        ((c) == ' ' || (c) == '\t' || (c) == '\r' || (c) == '\n' ? CC_LWS : 0) |          \
	        (CC_IS_DIGIT(c) ? CC_DIGIT : 0) | (CC_IS_HEX(c) ? CC_HEX : 0) |                   \
	        (CC_IS_ALNUM(c) || (c) == '-' || (c) == '.' || (c) == '_' ? CC_HOST : 0) |        \
	        (CC_IS_UNRESERVED(c) || CC_IS_HNV_UNRESERVED(c) ? CC_HNV : 0) |                   \
	        (CC_IS_UNRESERVED(c) || (c) == '&' || (c) == '=' || (c) == '+' || (c) == '$' ||   \
	                         (c) == ','                                                       \
	                 ? CC_PASSWORD                                                            \
	                 : 0) |                                                                   \
	        (CC_IS_ALNUM(c) || CC_IS_WORD_MARK(c) || (c) == '@' ? CC_WORD : 0) |              \
	        (CC_IS_ALNUM(c) || CC_IS_TOKEN_MARK(c) || (c) == ':' || (c) == '[' || (c) == ']'  \
	                 ? CC_PVALUE                                                              \
	                 : 0) |                                                                   \
	        (CC_IS_HEX(c) || (c) == ':' || (c) == '.' ? CC_IPV6 : 0) |                        \
	        (CC_IS_ALNUM(c) || (c) == '+' || (c) == '-' || (c) == '.' ? CC_SCHEME : 0) |      \
	        (CC_IS_UNRESERVED(c) || CC_IS_USER_UNRESERVED(c) || (c) == ':' ? CC_USERINFO      \
	                                                                       : 0) |             \
	        (CC_IS_UNRESERVED(c) || CC_IS_PARAM_UNRESERVED(c) ? CC_URIPARAM : 0) |            \
	        ((CC_IS_UNRESERVED(c) || CC_IS_USER_UNRESERVED(c) || (c) == ':') && (c) != ';' && \
	                         (c) != '?' && (c) != ','                                         \
	                 ? CC_BAREUSER                                                            \
	                 : 0))

#define CC4(n)   CC(n), CC(n + 1), CC(n + 2), CC(n + 3)
#define CC16(n)  CC4(n), CC4(n + 4), CC4(n + 8), CC4(n + 12)
#define CC64(n)  CC16(n), CC16(n + 16), CC16(n + 32), CC16(n + 48)
#define CC256(n) CC64(n), CC64(n + 64), CC64(n + 128), CC64(n + 192)

const uint16_t sip_cc[256] = {CC256(0)};

static const char *const method_names[] = {
#define SIP_METHOD_NAME(name, text) [SIP_METHOD_##name] = text,
        SIP_METHOD_LIST(SIP_METHOD_NAME)
#undef SIP_METHOD_NAME
};

static const char *const header_names[] = {
#define SIP_HEADER_NAME(name, text, compact) [SIP_HDR_##name] = text,
        SIP_HEADER_LIST(SIP_HEADER_NAME)
#undef SIP_HEADER_NAME
};

static const struct {
	const char *name;
	const char *reason;
	uint16_t status;
} errors[] = {
#define SIP_ERROR_ENTRY(name, status, text) [SIP_ERR_##name] = {#name, text, status},
        SIP_ERROR_LIST(SIP_ERROR_ENTRY)
#undef SIP_ERROR_ENTRY
};

const char *
sip_error_reason(enum sip_error error)
{
	return (unsigned)error < SIP_ERR_COUNT ? errors[error].reason : "unknown error";
}

const char *
sip_error_name(enum sip_error error)
{
	return (unsigned)error < SIP_ERR_COUNT ? errors[error].name : "UNKNOWN";
}

uint16_t
sip_error_status(enum sip_error error)
{
	return (unsigned)error < SIP_ERR_COUNT ? errors[error].status : 400;
}

const char *
sip_method_name(enum sip_method method)
{
	return (unsigned)method < SIP_METHOD_COUNT ? method_names[method] : "";
}

const char *
sip_header_name(enum sip_header_id id)
{
	return (unsigned)id < SIP_HDR_COUNT ? header_names[id] : "";
}

const char *
sip_kind_name(enum sip_kind kind)
{
	switch (kind) {
	case SIP_KIND_NOT_SIP: return "not-sip";
	case SIP_KIND_REQUEST: return "request";
	case SIP_KIND_RESPONSE: return "response";
	case SIP_KIND_KEEPALIVE: return "keepalive";
	}
	return "unknown";
}

const char *
sip_scheme_name(enum sip_uri_scheme scheme)
{
	switch (scheme) {
	case SIP_SCHEME_NONE: return "";
	case SIP_SCHEME_SIP: return "sip";
	case SIP_SCHEME_SIPS: return "sips";
	case SIP_SCHEME_TEL: return "tel";
	case SIP_SCHEME_OTHER: return "other";
	}
	return "";
}

const char *
sip_transport_name(enum sip_transport transport)
{
	switch (transport) {
	case SIP_TRANSPORT_NONE: return "";
	case SIP_TRANSPORT_UDP: return "UDP";
	case SIP_TRANSPORT_TCP: return "TCP";
	case SIP_TRANSPORT_TLS: return "TLS";
	case SIP_TRANSPORT_SCTP: return "SCTP";
	case SIP_TRANSPORT_WS: return "WS";
	case SIP_TRANSPORT_WSS: return "WSS";
	case SIP_TRANSPORT_OTHER: return "other";
	}
	return "";
}

enum sip_transport
transport_from_token(const uint8_t *s, size_t len)
{
	if (SPAN_IEQ(s, len, "udp"))
		return SIP_TRANSPORT_UDP;
	if (SPAN_IEQ(s, len, "tcp"))
		return SIP_TRANSPORT_TCP;
	if (SPAN_IEQ(s, len, "tls"))
		return SIP_TRANSPORT_TLS;
	if (SPAN_IEQ(s, len, "sctp"))
		return SIP_TRANSPORT_SCTP;
	if (SPAN_IEQ(s, len, "ws"))
		return SIP_TRANSPORT_WS;
	if (SPAN_IEQ(s, len, "wss"))
		return SIP_TRANSPORT_WSS;
	return SIP_TRANSPORT_OTHER;
}

#define TOKEN_IS(s, len, lit) ((len) == sizeof(lit) - 1 && memcmp((s), lit, sizeof(lit) - 1) == 0)

enum sip_method
sip_method_from_token(const uint8_t *s, size_t len)
{
	/* Dispatch on the first letter: one or two compares per method. */
	switch (len ? s[0] : 0) {
	case 'A':
		if (TOKEN_IS(s, len, "ACK"))
			return SIP_METHOD_ACK;
		break;
	case 'B':
		if (TOKEN_IS(s, len, "BYE"))
			return SIP_METHOD_BYE;
		break;
	case 'C':
		if (TOKEN_IS(s, len, "CANCEL"))
			return SIP_METHOD_CANCEL;
		break;
	case 'I':
		if (TOKEN_IS(s, len, "INVITE"))
			return SIP_METHOD_INVITE;
		if (TOKEN_IS(s, len, "INFO"))
			return SIP_METHOD_INFO;
		break;
	case 'M':
		if (TOKEN_IS(s, len, "MESSAGE"))
			return SIP_METHOD_MESSAGE;
		break;
	case 'N':
		if (TOKEN_IS(s, len, "NOTIFY"))
			return SIP_METHOD_NOTIFY;
		break;
	case 'O':
		if (TOKEN_IS(s, len, "OPTIONS"))
			return SIP_METHOD_OPTIONS;
		break;
	case 'P':
		if (TOKEN_IS(s, len, "PRACK"))
			return SIP_METHOD_PRACK;
		if (TOKEN_IS(s, len, "PUBLISH"))
			return SIP_METHOD_PUBLISH;
		break;
	case 'R':
		if (TOKEN_IS(s, len, "REGISTER"))
			return SIP_METHOD_REGISTER;
		if (TOKEN_IS(s, len, "REFER"))
			return SIP_METHOD_REFER;
		break;
	case 'S':
		if (TOKEN_IS(s, len, "SUBSCRIBE"))
			return SIP_METHOD_SUBSCRIBE;
		break;
	case 'U':
		if (TOKEN_IS(s, len, "UPDATE"))
			return SIP_METHOD_UPDATE;
		break;
	}
	return SIP_METHOD_EXTENSION;
}

static enum sip_header_id
compact_id(uint8_t c)
{
	c |= 0x20;
#define SIP_HEADER_COMPACT(name, text, compact) \
	if ((compact) != 0 && c == (compact))   \
		return SIP_HDR_##name;
	SIP_HEADER_LIST(SIP_HEADER_COMPACT)
#undef SIP_HEADER_COMPACT
	return SIP_HDR_OTHER;
}

enum sip_header_id
header_id(const uint8_t *n, size_t len)
{
	if (len == 1)
		return compact_id(n[0]);
	/* Length first, then the lower-cased first letter: at most a couple of
	 * full compares per header line. */
	switch (len) {
	case 2:
		if (SPAN_IEQ(n, len, "to"))
			return SIP_HDR_TO;
		break;
	case 3:
		if (SPAN_IEQ(n, len, "via"))
			return SIP_HDR_VIA;
		break;
	case 4:
		if (SPAN_IEQ(n, len, "from"))
			return SIP_HDR_FROM;
		if (SPAN_IEQ(n, len, "cseq"))
			return SIP_HDR_CSEQ;
		break;
	case 5:
		if (SPAN_IEQ(n, len, "route"))
			return SIP_HDR_ROUTE;
		if (SPAN_IEQ(n, len, "allow"))
			return SIP_HDR_ALLOW;
		if (SPAN_IEQ(n, len, "event"))
			return SIP_HDR_EVENT;
		break;
	case 7:
		switch (n[0] | 0x20) {
		case 'c':
			if (SPAN_IEQ(n, len, "call-id"))
				return SIP_HDR_CALL_ID;
			if (SPAN_IEQ(n, len, "contact"))
				return SIP_HDR_CONTACT;
			break;
		case 'e':
			if (SPAN_IEQ(n, len, "expires"))
				return SIP_HDR_EXPIRES;
			break;
		case 'r':
			if (SPAN_IEQ(n, len, "require"))
				return SIP_HDR_REQUIRE;
			break;
		case 's':
			if (SPAN_IEQ(n, len, "subject"))
				return SIP_HDR_SUBJECT;
			break;
		}
		break;
	case 8:
		if (SPAN_IEQ(n, len, "refer-to"))
			return SIP_HDR_REFER_TO;
		break;
	case 9:
		if (SPAN_IEQ(n, len, "supported"))
			return SIP_HDR_SUPPORTED;
		break;
	case 10:
		if (SPAN_IEQ(n, len, "user-agent"))
			return SIP_HDR_USER_AGENT;
		break;
	case 12:
		switch (n[0] | 0x20) {
		case 'm':
			if (SPAN_IEQ(n, len, "max-forwards"))
				return SIP_HDR_MAX_FORWARDS;
			break;
		case 'c':
			if (SPAN_IEQ(n, len, "content-type"))
				return SIP_HDR_CONTENT_TYPE;
			break;
		case 'r':
			if (SPAN_IEQ(n, len, "record-route"))
				return SIP_HDR_RECORD_ROUTE;
			break;
		case 'a':
			if (SPAN_IEQ(n, len, "allow-events"))
				return SIP_HDR_ALLOW_EVENTS;
			break;
		}
		break;
	case 13:
		if (SPAN_IEQ(n, len, "authorization"))
			return SIP_HDR_AUTHORIZATION;
		if (SPAN_IEQ(n, len, "proxy-require"))
			return SIP_HDR_PROXY_REQUIRE;
		break;
	case 14:
		if (SPAN_IEQ(n, len, "content-length"))
			return SIP_HDR_CONTENT_LENGTH;
		break;
	case 16:
		if (SPAN_IEQ(n, len, "content-encoding"))
			return SIP_HDR_CONTENT_ENCODING;
		break;
	case 19:
		if (SPAN_IEQ(n, len, "proxy-authorization"))
			return SIP_HDR_PROXY_AUTHORIZATION;
		break;
	}
	return SIP_HDR_OTHER;
}
