/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * sipfront SIP parser: one UDP datagram in, a compact zero-copy view out.
 *
 * The parser owns nothing. The caller passes the datagram (pointer + length,
 * not NUL-terminated), a parser context (limits + the scanner's scratch) and
 * the view to fill. Every string in the view is a span (offset, length) into
 * the datagram, so the view stays valid exactly as long as the datagram does.
 * Nothing is allocated and nothing outside [buf, buf + len) is ever read.
 */
#ifndef SIPFRONT_SIP_H
#define SIPFRONT_SIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Hard caps that size the view's arrays; the run-time limits in
 * struct sf_sip_limits may be lower, never higher. */
#define SF_SIP_MAX_DATAGRAM 65535
#define SF_SIP_MAX_HEADERS  256
#define SF_SIP_MAX_VALUES   512 /* comma-split values over all headers */
#define SF_SIP_MAX_VIAS     64
#define SF_SIP_MAX_CONTACTS 16
#define SF_SIP_MAX_ROUTES   16 /* per Route and per Record-Route */
#define SF_SIP_SCAN_BLOCKS  ((SF_SIP_MAX_DATAGRAM + 63) / 64)

/* An octet range inside the datagram; len 0 with off 0 means absent. */
struct sf_sip_span {
	uint16_t off;
	uint16_t len;
};

/* Methods are case-sensitive (RFC 3261 §7.1): "invite" is an extension. */
#define SF_SIP_METHOD_LIST(X)     \
	X(UNKNOWN, "")            \
	X(INVITE, "INVITE")       \
	X(ACK, "ACK")             \
	X(BYE, "BYE")             \
	X(CANCEL, "CANCEL")       \
	X(REGISTER, "REGISTER")   \
	X(OPTIONS, "OPTIONS")     \
	X(SUBSCRIBE, "SUBSCRIBE") \
	X(NOTIFY, "NOTIFY")       \
	X(PUBLISH, "PUBLISH")     \
	X(REFER, "REFER")         \
	X(INFO, "INFO")           \
	X(UPDATE, "UPDATE")       \
	X(PRACK, "PRACK")         \
	X(MESSAGE, "MESSAGE")     \
	X(EXTENSION, "")

enum sf_sip_method {
#define SF_SIP_METHOD_ENUM(name, text) SF_SIP_METHOD_##name,
	SF_SIP_METHOD_LIST(SF_SIP_METHOD_ENUM)
#undef SF_SIP_METHOD_ENUM
	        SF_SIP_METHOD_COUNT
};

enum sf_sip_kind {
	SF_SIP_KIND_NOT_SIP = 0, /* not SIP at all (STUN, junk): drop, never answer */
	SF_SIP_KIND_REQUEST,
	SF_SIP_KIND_RESPONSE,
	SF_SIP_KIND_KEEPALIVE, /* a bare CRLF/CRLFCRLF ping (RFC 5626 §3.5.1) */
};

enum sf_sip_uri_scheme {
	SF_SIP_SCHEME_NONE = 0,
	SF_SIP_SCHEME_SIP,
	SF_SIP_SCHEME_SIPS,
	SF_SIP_SCHEME_TEL,
	SF_SIP_SCHEME_OTHER, /* an absoluteURI: only the scheme is parsed */
};

enum sf_sip_host_type {
	SF_SIP_HOST_NONE = 0,
	SF_SIP_HOST_NAME,
	SF_SIP_HOST_IPV4,
	SF_SIP_HOST_IPV6, /* the span includes the brackets */
};

enum sf_sip_transport {
	SF_SIP_TRANSPORT_NONE = 0, /* no transport param / not given */
	SF_SIP_TRANSPORT_UDP,
	SF_SIP_TRANSPORT_TCP,
	SF_SIP_TRANSPORT_TLS,
	SF_SIP_TRANSPORT_SCTP,
	SF_SIP_TRANSPORT_WS,
	SF_SIP_TRANSPORT_WSS,
	SF_SIP_TRANSPORT_OTHER,
};

struct sf_sip_uri {
	struct sf_sip_span raw; /* the whole URI */
	struct sf_sip_span scheme;
	struct sf_sip_span user; /* may hold ';' '?' and %HH escapes, kept escaped */
	struct sf_sip_span password;
	struct sf_sip_span host;    /* [IPv6] keeps its brackets */
	struct sf_sip_span params;  /* ";a=b;c" after the hostport, without '?' part */
	struct sf_sip_span headers; /* after '?', without the '?' */
	struct sf_sip_span maddr;
	struct sf_sip_span user_param; /* value of ;user= */
	uint16_t port;                 /* 0: absent */
	uint8_t scheme_id;             /* enum sf_sip_uri_scheme */
	uint8_t host_type;             /* enum sf_sip_host_type */
	uint8_t transport;             /* enum sf_sip_transport of ;transport= */
	bool lr;
};

struct sf_sip_via {
	struct sf_sip_span raw;       /* the whole via-parm, for copying */
	struct sf_sip_span protocol;  /* "SIP/2.0/UDP" as written (may hold LWS) */
	struct sf_sip_span transport; /* "UDP" */
	struct sf_sip_span host;
	struct sf_sip_span params; /* everything from the first ';' */
	struct sf_sip_span branch;
	struct sf_sip_span received;
	struct sf_sip_span rport_value; /* empty when rport has no value */
	struct sf_sip_span maddr;
	uint16_t port;        /* 0: absent */
	int16_t ttl;          /* -1: absent */
	uint8_t transport_id; /* enum sf_sip_transport */
	uint8_t host_type;    /* enum sf_sip_host_type */
	bool has_rport;
};

/* From, To, Contact, Route, Record-Route: [display-name] <URI> ;params */
struct sf_sip_name_addr {
	struct sf_sip_span raw;
	struct sf_sip_span display; /* as written, quotes included if quoted */
	struct sf_sip_span tag;
	struct sf_sip_span params; /* header params after the URI */
	struct sf_sip_uri uri;
	bool bracketed;
};

/* 16 octets (aligned to 8), so that indexing the array is a shift. */
struct sf_sip_header {
	_Alignas(8) struct sf_sip_span name;
	struct sf_sip_span value; /* may span folded lines; trimmed */
	/* A list header (Via, Contact but "*", Route, Record-Route, Supported,
	 * Require, Proxy-Require, Allow, Allow-Events) is split into
	 * values[first_value .. first_value + n_values). Any other header
	 * (From and To among them: one name-addr each) is one value, `value`
	 * itself, not copied there: n_values and first_value are 0. */
	uint16_t first_value;
	uint16_t n_values;
	uint8_t id; /* enum sf_sip_header_id */
};

#define SF_SIP_HEADER_LIST(X)                            \
	X(OTHER, "", 0)                                  \
	X(VIA, "Via", 'v')                               \
	X(FROM, "From", 'f')                             \
	X(TO, "To", 't')                                 \
	X(CALL_ID, "Call-ID", 'i')                       \
	X(CSEQ, "CSeq", 0)                               \
	X(MAX_FORWARDS, "Max-Forwards", 0)               \
	X(CONTACT, "Contact", 'm')                       \
	X(CONTENT_LENGTH, "Content-Length", 'l')         \
	X(CONTENT_TYPE, "Content-Type", 'c')             \
	X(CONTENT_ENCODING, "Content-Encoding", 'e')     \
	X(ROUTE, "Route", 0)                             \
	X(RECORD_ROUTE, "Record-Route", 0)               \
	X(USER_AGENT, "User-Agent", 0)                   \
	X(EXPIRES, "Expires", 0)                         \
	X(AUTHORIZATION, "Authorization", 0)             \
	X(PROXY_AUTHORIZATION, "Proxy-Authorization", 0) \
	X(EVENT, "Event", 'o')                           \
	X(SUPPORTED, "Supported", 'k')                   \
	X(REQUIRE, "Require", 0)                         \
	X(PROXY_REQUIRE, "Proxy-Require", 0)             \
	X(ALLOW, "Allow", 0)                             \
	X(SUBJECT, "Subject", 's')                       \
	X(REFER_TO, "Refer-To", 'r')                     \
	X(ALLOW_EVENTS, "Allow-Events", 'u')

enum sf_sip_header_id {
#define SF_SIP_HEADER_ENUM(name, text, compact) SF_SIP_HDR_##name,
	SF_SIP_HEADER_LIST(SF_SIP_HEADER_ENUM)
#undef SF_SIP_HEADER_ENUM
	        SF_SIP_HDR_COUNT
};

/* Every rejection: its name, the status a proxy answers with (0: drop
 * silently, e.g. a malformed response or not SIP at all) and the reason text
 * an operator reads. One line here gives the enum, the status, the text and
 * (in the data plane) a counter. */
#define SF_SIP_ERROR_LIST(X)                                                                       \
	X(OK, 0, "ok")                                                                             \
	X(NOT_SIP, 0, "not a SIP message")                                                         \
	X(TOO_LARGE, 513, "datagram larger than the configured maximum message size")              \
	X(LINE_TOO_LONG, 513, "a line is longer than the configured maximum line length")          \
	X(TOO_MANY_HEADERS, 513, "more header fields than the configured maximum")                 \
	X(TOO_MANY_VALUES, 513, "more header values than the configured maximum")                  \
	X(TOO_MANY_VIAS, 513, "more Via values than the configured maximum")                       \
	X(TOO_MANY_CONTACTS, 513, "more Contact values than the parser keeps")                     \
	X(TOO_MANY_ROUTES, 513, "more Route or Record-Route values than the parser keeps")         \
	X(START_LINE_UNTERMINATED, 400, "start line has no line end")                              \
	X(BAD_REQUEST_LINE, 400,                                                                   \
	  "malformed Request-Line: expected Method SP Request-URI SP SIP-Version, single spaces")  \
	X(BAD_METHOD, 400, "method is not a token")                                                \
	X(BAD_RURI, 400, "malformed Request-URI")                                                  \
	X(RURI_HEADERS, 400, "Request-URI must not carry ?headers")                                \
	X(RURI_SCHEME, 416, "unsupported URI scheme in the Request-URI")                           \
	X(BAD_VERSION, 505, "SIP version not supported (only SIP/2.0)")                            \
	X(BAD_STATUS_LINE, 400, "malformed Status-Line: expected SIP-Version SP 3DIGIT SP reason") \
	X(STATUS_RANGE, 400, "status code outside 100-699")                                        \
	X(HEADERS_UNTERMINATED, 400, "header section truncated: last line has no line end")        \
	X(CONTROL_CHAR, 400, "raw control character (NUL, bare CR, ...) outside a quoted-pair")    \
	X(BAD_HEADER_LINE, 400, "header line without a colon")                                     \
	X(BAD_HEADER_NAME, 400, "header name is not a token")                                      \
	X(MISSING_VIA, 400, "missing Via header")                                                  \
	X(MISSING_FROM, 400, "missing From header")                                                \
	X(MISSING_TO, 400, "missing To header")                                                    \
	X(MISSING_CALL_ID, 400, "missing Call-ID header")                                          \
	X(MISSING_CSEQ, 400, "missing CSeq header")                                                \
	X(DUP_FROM, 400, "more than one From header")                                              \
	X(DUP_TO, 400, "more than one To header")                                                  \
	X(DUP_CALL_ID, 400, "more than one Call-ID header")                                        \
	X(DUP_CSEQ, 400, "more than one CSeq header")                                              \
	X(DUP_MAX_FORWARDS, 400, "more than one Max-Forwards header")                              \
	X(BAD_VIA, 400, "malformed Via header")                                                    \
	X(BAD_VIA_VERSION, 505, "Via names a SIP version other than 2.0")                          \
	X(BAD_FROM, 400, "malformed From header")                                                  \
	X(BAD_TO, 400, "malformed To header")                                                      \
	X(BAD_CALL_ID, 400, "malformed Call-ID header")                                            \
	X(BAD_CSEQ, 400, "malformed CSeq header: expected a 32-bit number and a method")           \
	X(CSEQ_METHOD_MISMATCH, 400, "CSeq method does not match the request method")              \
	X(BAD_MAX_FORWARDS, 400, "malformed Max-Forwards: expected a number 0-255")                \
	X(BAD_CONTACT, 400, "malformed Contact header")                                            \
	X(BAD_ROUTE, 400, "malformed Route header")                                                \
	X(BAD_RECORD_ROUTE, 400, "malformed Record-Route header")                                  \
	X(BAD_CONTENT_LENGTH, 400, "malformed Content-Length: expected a non-negative number")     \
	X(CONTENT_LENGTH_CONFLICT, 400, "conflicting Content-Length values")                       \
	X(BODY_TRUNCATED, 400, "Content-Length larger than the body in the datagram")              \
	X(BAD_AUTHORIZATION, 400, "malformed Authorization or Proxy-Authorization header")

enum sf_sip_error {
#define SF_SIP_ERROR_ENUM(name, status, text) SF_SIP_ERR_##name,
	SF_SIP_ERROR_LIST(SF_SIP_ERROR_ENUM)
#undef SF_SIP_ERROR_ENUM
	        SF_SIP_ERR_COUNT
};

/* Run-time limits; anything over them is rejected (513) before it costs more. */
struct sf_sip_limits {
	uint32_t max_msg_size; /* <= SF_SIP_MAX_DATAGRAM */
	uint16_t max_headers;  /* <= SF_SIP_MAX_HEADERS */
	uint16_t max_line_len;
	uint16_t max_vias; /* <= SF_SIP_MAX_VIAS */
};

/* The scanner's structural index: per 64-octet block, one bit per octet in
 * each of these sixteen masks; bits past the end of the datagram are 0. The
 * first eight are structural: `ctl` marks raw control octets (0x00-0x1f but
 * HT and LF, and 0x7f), which make a line malformed unless they are a
 * quoted-pair or a CR that ends a line (the parser tells those apart with
 * the LF mask: a scanner never looks across its block for the LF that
 * follows); `quote` marks '"' and backslash, all a quoted string needs; the
 * three spare slots are always 0 (no grammar needs another delimiter, and
 * each mask costs the AVX2 scanner two compares and two movemasks a block;
 * they keep a block at two cache lines and the classes in their place).
 * The other eight are RFC 3261 character classes, so that the grammars skip
 * a run of host, token or parameter characters with one
 * count-trailing-zeros instead of an octet loop. Each group of eight is the
 * bits of one octet per character, which is how the widest scanner builds
 * them: two table lookups and a bit transpose. */
#define SF_SIP_SCAN_MASK_LIST(X)                                     \
	X(LF, "line feed")                                           \
	X(COLON, "':'")                                              \
	X(COMMA, "','")                                              \
	X(QUOTE, "double quote or backslash")                        \
	X(CTL, "raw control octet")                                  \
	X(SPARE5, "none: always 0")                                  \
	X(SPARE6, "none: always 0")                                  \
	X(SPARE7, "none: always 0")                                  \
	X(LWS, "SP, HT, CR or LF")                                   \
	X(TOKEN, "token character")                                  \
	X(HOST, "hostname or IPv4 character")                        \
	X(PVALUE, "generic-param value character")                   \
	X(USERINFO, "URI user or password character, escapes aside") \
	X(URIPARAM, "URI paramchar, escapes aside")                  \
	X(WORD, "Call-ID word character")                            \
	X(DIGIT, "decimal digit")

enum sf_sip_scan_mask {
#define SF_SIP_SCAN_MASK_ENUM(name, text) SF_SIP_SCAN_##name,
	SF_SIP_SCAN_MASK_LIST(SF_SIP_SCAN_MASK_ENUM)
#undef SF_SIP_SCAN_MASK_ENUM
	        SF_SIP_SCAN_MASKS
};

/* The class masks start here: bit k of a character's class octet is mask
 * SF_SIP_SCAN_FIRST_CLASS + k. */
#define SF_SIP_SCAN_FIRST_CLASS SF_SIP_SCAN_LWS

/* One block: two cache lines, the structural masks and the class masks. */
struct sf_sip_scan_block {
	_Alignas(64) uint64_t mask[SF_SIP_SCAN_MASKS];
};

/* One spare block after the last: the parser reads 64 bits at any offset
 * of a block, taking the next block's word along. */
struct sf_sip_scan_index {
	struct sf_sip_scan_block block[SF_SIP_SCAN_BLOCKS + 1];
};

/* Fills blocks [from, to) of the index; a block is 64 octets of buf. */
typedef void (*sf_sip_scan_fn)(const uint8_t *buf, size_t len, size_t from_block, size_t to_block,
                               struct sf_sip_scan_index *index);

enum sf_sip_scan_impl {
	SF_SIP_SCAN_AUTO = 0, /* best the CPU has */
	SF_SIP_SCAN_SCALAR,
	SF_SIP_SCAN_SSE2,
	SF_SIP_SCAN_AVX2,
	SF_SIP_SCAN_AVX512BW,
	SF_SIP_SCAN_AVX512VBMI, /* AVX-512 VBMI + GFNI: table lookups and a bit transpose */
};

/* Per-worker parser context: limits, the chosen scanner, its scratch. */
struct sf_sip_parser {
	struct sf_sip_limits limits;
	sf_sip_scan_fn scan;
	enum sf_sip_scan_impl scan_impl;
	/* true (set by sf_sip_parser_init): header lines and values of the
	 * common shapes take straight-line paths; false: every one goes
	 * through the general grammars. The view is the same either way, which
	 * the tests and the fuzzer check by parsing with both. */
	bool fast_paths;
	/* Blocks of 64 octets the first scan of a datagram covers, set by
	 * sf_sip_parser_init for its scanner (sip_internal.h). */
	uint8_t first_scan_blocks;
	struct sf_sip_scan_index index;
};

struct sf_sip_msg {
	/* classification */
	uint8_t kind;                /* enum sf_sip_kind */
	uint8_t error;               /* enum sf_sip_error; SF_SIP_ERR_OK when valid */
	uint8_t method;              /* enum sf_sip_method (requests) */
	bool missing_empty_line;     /* datagram ended after a header line, no CRLF CRLF */
	uint16_t status;             /* responses */
	struct sf_sip_span error_at; /* where the parser gave up, when it can tell */

	/* start line */
	struct sf_sip_span method_name; /* as written (requests) */
	struct sf_sip_span reason;      /* responses; may be empty */
	struct sf_sip_span version;     /* "SIP/2.0" */
	struct sf_sip_uri ruri;

	/* known headers */
	struct sf_sip_name_addr from, to;
	struct sf_sip_span call_id;
	uint32_t cseq;
	uint8_t cseq_method; /* enum sf_sip_method */
	struct sf_sip_span cseq_method_name;
	int16_t max_forwards; /* -1: absent */
	bool contact_star;
	bool has_content_length;
	bool has_expires;
	uint32_t content_length;
	uint32_t expires; /* a malformed or out-of-range value reads as 3600 (RFC 3261 §20.19) */
	struct sf_sip_span content_type;
	struct sf_sip_span user_agent;
	struct sf_sip_span event;         /* the event type token */
	struct sf_sip_span auth_scheme;   /* Authorization, else Proxy-Authorization */
	struct sf_sip_span auth_username; /* value of username=, quotes stripped */
	uint16_t allow_mask;              /* bit per enum sf_sip_method in Allow */

	/* body: the octets after the empty line, cut to Content-Length */
	struct sf_sip_span body;

	/* indexes of headers, first occurrence per id; 0xffff when absent */
	uint16_t first_header[SF_SIP_HDR_COUNT];

	uint16_t header_count;
	uint16_t value_count;
	uint16_t via_count;
	uint16_t contact_count;
	uint16_t route_count;
	uint16_t record_route_count;

	struct sf_sip_via via[SF_SIP_MAX_VIAS];
	struct sf_sip_name_addr contact[SF_SIP_MAX_CONTACTS];
	struct sf_sip_name_addr route[SF_SIP_MAX_ROUTES];
	struct sf_sip_name_addr record_route[SF_SIP_MAX_ROUTES];
	struct sf_sip_header headers[SF_SIP_MAX_HEADERS];
	struct sf_sip_span values[SF_SIP_MAX_VALUES];
};

/* Sets the default limits and picks the scanner (impl, or the best the CPU
 * has for SF_SIP_SCAN_AUTO). Returns 0, or -ENOTSUP if the CPU lacks impl. */
int sf_sip_parser_init(struct sf_sip_parser *parser, enum sf_sip_scan_impl impl);

/* Returns 0, or -EINVAL when a limit is 0 or above its hard cap. */
int sf_sip_parser_set_limits(struct sf_sip_parser *parser, const struct sf_sip_limits *limits);

/* Parses one datagram. Returns msg->error: SF_SIP_ERR_OK for a valid request,
 * response or keep-alive; otherwise msg->kind still says what it looked like
 * and sf_sip_error_status(msg->error) what to answer. */
enum sf_sip_error sf_sip_parse(struct sf_sip_parser *parser, const uint8_t *buf, size_t len,
                               struct sf_sip_msg *msg);

/* The scanner implementations, for tests and benchmarks. */
sf_sip_scan_fn sf_sip_scan_get(enum sf_sip_scan_impl impl);
bool sf_sip_scan_supported(enum sf_sip_scan_impl impl);
const char *sf_sip_scan_impl_name(enum sf_sip_scan_impl impl);
/* The implementation sf_sip_scan_impl_name() calls name ("auto" included);
 * returns 0, or -EINVAL for any other name. */
int sf_sip_scan_impl_from_name(const char *name, enum sf_sip_scan_impl *impl);
const char *sf_sip_scan_mask_name(enum sf_sip_scan_mask mask);

const char *sf_sip_error_reason(enum sf_sip_error error);
const char *sf_sip_error_name(enum sf_sip_error error);
uint16_t sf_sip_error_status(enum sf_sip_error error);
const char *sf_sip_method_name(enum sf_sip_method method);
const char *sf_sip_header_name(enum sf_sip_header_id id);
const char *sf_sip_kind_name(enum sf_sip_kind kind);
const char *sf_sip_scheme_name(enum sf_sip_uri_scheme scheme);
const char *sf_sip_transport_name(enum sf_sip_transport transport);

/* Method of a token (case-sensitive), SF_SIP_METHOD_EXTENSION if none. */
enum sf_sip_method sf_sip_method_from_token(const uint8_t *s, size_t len);

/* The octets of a span. */
static inline const char *
sf_sip_span_ptr(const uint8_t *buf, struct sf_sip_span span)
{
	return (const char *)buf + span.off;
}

#ifdef __cplusplus
}
#endif

#endif /* SIPFRONT_SIP_H */
