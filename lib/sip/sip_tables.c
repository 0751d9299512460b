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

const uint16_t sf_sip_cc[256] = {CC256(0)};

/* The same classes as the scanner's class octet: bit k is mask
 * SF_SIP_SCAN_FIRST_CLASS + k, in the order of SF_SIP_SCAN_MASK_LIST. */
#define SCAN_CLASS(c)                                                                       \
	(uint8_t)((CC(c) & CC_LWS ? 1 << 0 : 0) | (CC(c) & CC_TOKEN ? 1 << 1 : 0) |         \
	          (CC(c) & CC_HOST ? 1 << 2 : 0) | (CC(c) & CC_PVALUE ? 1 << 3 : 0) |       \
	          (CC(c) & CC_USERINFO ? 1 << 4 : 0) | (CC(c) & CC_URIPARAM ? 1 << 5 : 0) | \
	          (CC(c) & CC_WORD ? 1 << 6 : 0) | (CC(c) & CC_DIGIT ? 1 << 7 : 0))
#define SC4(n)   SCAN_CLASS(n), SCAN_CLASS(n + 1), SCAN_CLASS(n + 2), SCAN_CLASS(n + 3)
#define SC16(n)  SC4(n), SC4(n + 4), SC4(n + 8), SC4(n + 12)
#define SC64(n)  SC16(n), SC16(n + 16), SC16(n + 32), SC16(n + 48)
#define SC256(n) SC64(n), SC64(n + 64), SC64(n + 128), SC64(n + 192)

_Static_assert(SF_SIP_SCAN_FIRST_CLASS == 8 && SF_SIP_SCAN_LF == 0 && SF_SIP_SCAN_COLON == 1 &&
                       SF_SIP_SCAN_COMMA == 2 && SF_SIP_SCAN_QUOTE == 3 && SF_SIP_SCAN_CTL == 4 &&
                       SF_SIP_SCAN_SPARE5 == 5 && SF_SIP_SCAN_SPARE6 == 6 &&
                       SF_SIP_SCAN_SPARE7 == 7 && SF_SIP_SCAN_LWS - SF_SIP_SCAN_FIRST_CLASS == 0 &&
                       SF_SIP_SCAN_TOKEN - SF_SIP_SCAN_FIRST_CLASS == 1 &&
                       SF_SIP_SCAN_HOST - SF_SIP_SCAN_FIRST_CLASS == 2 &&
                       SF_SIP_SCAN_PVALUE - SF_SIP_SCAN_FIRST_CLASS == 3 &&
                       SF_SIP_SCAN_USERINFO - SF_SIP_SCAN_FIRST_CLASS == 4 &&
                       SF_SIP_SCAN_URIPARAM - SF_SIP_SCAN_FIRST_CLASS == 5 &&
                       SF_SIP_SCAN_WORD - SF_SIP_SCAN_FIRST_CLASS == 6 &&
                       SF_SIP_SCAN_DIGIT - SF_SIP_SCAN_FIRST_CLASS == 7 &&
                       SF_SIP_SCAN_MASKS == SF_SIP_SCAN_FIRST_CLASS + 8,
               "the class octet's bits follow SF_SIP_SCAN_MASK_LIST");

/* 64-aligned: the SIMD scanners load it as whole vectors. */
_Alignas(64) const uint8_t sf_sip_scan_class[256] = {SC256(0)};

/* The class octets of ASCII by rows of 16 (one per high nibble), each row
 * XORed with the row before it: the AVX2 and AVX-512BW scanners XOR the
 * rows up to a character's own, which leaves that row's entry (see
 * class_octets32 in sip_scan.c). */
#define SCAN_CLASS_STEP(c) (uint8_t)(SCAN_CLASS(c) ^ ((c) >= 16 ? SCAN_CLASS((c)-16) : 0))
#define SCS4(n) \
	SCAN_CLASS_STEP(n), SCAN_CLASS_STEP(n + 1), SCAN_CLASS_STEP(n + 2), SCAN_CLASS_STEP(n + 3)
#define SCS16(n) SCS4(n), SCS4(n + 4), SCS4(n + 8), SCS4(n + 12)
#define SCS64(n) SCS16(n), SCS16(n + 16), SCS16(n + 32), SCS16(n + 48)

_Alignas(64) const uint8_t sf_sip_scan_class_steps[128] = {SCS64(0), SCS64(64)};

/* The structural octet, bit k for mask k: what the widest scanner looks up
 * before its transpose. The control bit includes every CR: whether an LF
 * follows it, which makes it a line end, is the parser's to tell. Bits 5-7,
 * the spare masks, are 0. */
#define SCAN_STRUCT(c)                                                                   \
	(uint8_t)(((c) == '\n' ? 1 << 0 : 0) | ((c) == ':' ? 1 << 1 : 0) |               \
	          ((c) == ',' ? 1 << 2 : 0) | ((c) == '"' || (c) == '\\' ? 1 << 3 : 0) | \
	          (((c) < 0x20 && (c) != '\t' && (c) != '\n') || (c) == 0x7f ? 1 << 4 : 0))
#define SS4(n)   SCAN_STRUCT(n), SCAN_STRUCT(n + 1), SCAN_STRUCT(n + 2), SCAN_STRUCT(n + 3)
#define SS16(n)  SS4(n), SS4(n + 4), SS4(n + 8), SS4(n + 12)
#define SS64(n)  SS16(n), SS16(n + 16), SS16(n + 32), SS16(n + 48)
#define SS256(n) SS64(n), SS64(n + 64), SS64(n + 128), SS64(n + 192)

_Alignas(64) const uint8_t sf_sip_scan_struct[256] = {SS256(0)};

static const char *const method_names[] = {
#define SF_SIP_METHOD_NAME(name, text) [SF_SIP_METHOD_##name] = text,
        SF_SIP_METHOD_LIST(SF_SIP_METHOD_NAME)
#undef SF_SIP_METHOD_NAME
};

static const char *const header_names[] = {
#define SF_SIP_HEADER_NAME(name, text, compact) [SF_SIP_HDR_##name] = text,
        SF_SIP_HEADER_LIST(SF_SIP_HEADER_NAME)
#undef SF_SIP_HEADER_NAME
};

static const struct {
	const char *name;
	const char *reason;
	uint16_t status;
} errors[] = {
#define SF_SIP_ERROR_ENTRY(name, status, text) [SF_SIP_ERR_##name] = {#name, text, status},
        SF_SIP_ERROR_LIST(SF_SIP_ERROR_ENTRY)
#undef SF_SIP_ERROR_ENTRY
};

const char *
sf_sip_error_reason(enum sf_sip_error error)
{
	return (unsigned)error < SF_SIP_ERR_COUNT ? errors[error].reason : "unknown error";
}

const char *
sf_sip_error_name(enum sf_sip_error error)
{
	return (unsigned)error < SF_SIP_ERR_COUNT ? errors[error].name : "UNKNOWN";
}

uint16_t
sf_sip_error_status(enum sf_sip_error error)
{
	return (unsigned)error < SF_SIP_ERR_COUNT ? errors[error].status : 400;
}

const char *
sf_sip_method_name(enum sf_sip_method method)
{
	return (unsigned)method < SF_SIP_METHOD_COUNT ? method_names[method] : "";
}

const char *
sf_sip_header_name(enum sf_sip_header_id id)
{
	return (unsigned)id < SF_SIP_HDR_COUNT ? header_names[id] : "";
}

const char *
sf_sip_kind_name(enum sf_sip_kind kind)
{
	switch (kind) {
	case SF_SIP_KIND_NOT_SIP: return "not-sip";
	case SF_SIP_KIND_REQUEST: return "request";
	case SF_SIP_KIND_RESPONSE: return "response";
	case SF_SIP_KIND_KEEPALIVE: return "keepalive";
	}
	return "unknown";
}

const char *
sf_sip_scheme_name(enum sf_sip_uri_scheme scheme)
{
	switch (scheme) {
	case SF_SIP_SCHEME_NONE: return "";
	case SF_SIP_SCHEME_SIP: return "sip";
	case SF_SIP_SCHEME_SIPS: return "sips";
	case SF_SIP_SCHEME_TEL: return "tel";
	case SF_SIP_SCHEME_OTHER: return "other";
	}
	return "";
}

const char *
sf_sip_transport_name(enum sf_sip_transport transport)
{
	switch (transport) {
	case SF_SIP_TRANSPORT_NONE: return "";
	case SF_SIP_TRANSPORT_UDP: return "UDP";
	case SF_SIP_TRANSPORT_TCP: return "TCP";
	case SF_SIP_TRANSPORT_TLS: return "TLS";
	case SF_SIP_TRANSPORT_SCTP: return "SCTP";
	case SF_SIP_TRANSPORT_WS: return "WS";
	case SF_SIP_TRANSPORT_WSS: return "WSS";
	case SF_SIP_TRANSPORT_OTHER: return "other";
	}
	return "";
}

enum sf_sip_transport
transport_from_token(const uint8_t *s, size_t len)
{
	if (SPAN_IEQ(s, len, "udp"))
		return SF_SIP_TRANSPORT_UDP;
	if (SPAN_IEQ(s, len, "tcp"))
		return SF_SIP_TRANSPORT_TCP;
	if (SPAN_IEQ(s, len, "tls"))
		return SF_SIP_TRANSPORT_TLS;
	if (SPAN_IEQ(s, len, "sctp"))
		return SF_SIP_TRANSPORT_SCTP;
	if (SPAN_IEQ(s, len, "ws"))
		return SF_SIP_TRANSPORT_WS;
	if (SPAN_IEQ(s, len, "wss"))
		return SF_SIP_TRANSPORT_WSS;
	return SF_SIP_TRANSPORT_OTHER;
}

#define TOKEN_IS(s, len, lit) ((len) == sizeof(lit) - 1 && memcmp((s), lit, sizeof(lit) - 1) == 0)

enum sf_sip_method
sf_sip_method_from_token(const uint8_t *s, size_t len)
{
	/* Dispatch on the first letter: one or two compares per method. */
	switch (len ? s[0] : 0) {
	case 'A':
		if (TOKEN_IS(s, len, "ACK"))
			return SF_SIP_METHOD_ACK;
		break;
	case 'B':
		if (TOKEN_IS(s, len, "BYE"))
			return SF_SIP_METHOD_BYE;
		break;
	case 'C':
		if (TOKEN_IS(s, len, "CANCEL"))
			return SF_SIP_METHOD_CANCEL;
		break;
	case 'I':
		if (TOKEN_IS(s, len, "INVITE"))
			return SF_SIP_METHOD_INVITE;
		if (TOKEN_IS(s, len, "INFO"))
			return SF_SIP_METHOD_INFO;
		break;
	case 'M':
		if (TOKEN_IS(s, len, "MESSAGE"))
			return SF_SIP_METHOD_MESSAGE;
		break;
	case 'N':
		if (TOKEN_IS(s, len, "NOTIFY"))
			return SF_SIP_METHOD_NOTIFY;
		break;
	case 'O':
		if (TOKEN_IS(s, len, "OPTIONS"))
			return SF_SIP_METHOD_OPTIONS;
		break;
	case 'P':
		if (TOKEN_IS(s, len, "PRACK"))
			return SF_SIP_METHOD_PRACK;
		if (TOKEN_IS(s, len, "PUBLISH"))
			return SF_SIP_METHOD_PUBLISH;
		break;
	case 'R':
		if (TOKEN_IS(s, len, "REGISTER"))
			return SF_SIP_METHOD_REGISTER;
		if (TOKEN_IS(s, len, "REFER"))
			return SF_SIP_METHOD_REFER;
		break;
	case 'S':
		if (TOKEN_IS(s, len, "SUBSCRIBE"))
			return SF_SIP_METHOD_SUBSCRIBE;
		break;
	case 'U':
		if (TOKEN_IS(s, len, "UPDATE"))
			return SF_SIP_METHOD_UPDATE;
		break;
	}
	return SF_SIP_METHOD_EXTENSION;
}
