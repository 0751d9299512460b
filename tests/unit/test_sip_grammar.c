/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The parser's grammar, one header at a time, from small inline messages:
 * start lines, Via, name-addr, URIs, CSeq, Max-Forwards, Content-Length,
 * Contact '*', compact and odd-case names, comma splitting, keep-alives and
 * non-SIP datagrams, run-time limits, and robustness (every truncation of a
 * valid message, NUL octets). Each message is built from a valid INVITE with
 * one part replaced, so a test fails for the part it is about.
 *
 * Datagrams are parsed from a copy that ends against a guard page.
 */
#include <ctype.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include <sipfront/sip.h>

#include "test_sip_util.h"

static struct sf_sip_parser parser;
static struct sf_sip_msg msg;
static struct tsu_guarded guard;
static size_t cur_len;
#define B (guard.data)

/* --- building and parsing ------------------------------------------------- */

/* A request from parts; NULL takes the default line, "" leaves it out.
 * Lines are given without their CRLF. extra goes before Content-Length. */
struct req {
	const char *start, *via, *mf, *to, *from, *call_id, *cseq, *extra, *cl, *body;
};

static char text[70000];

static size_t
build(struct req r)
{
	const char *lines[] = {
	        r.start ? r.start : "INVITE sip:bob@biloxi.example.com SIP/2.0",
	        r.via ? r.via : "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds",
	        r.mf ? r.mf : "Max-Forwards: 70",
	        r.to ? r.to : "To: Bob <sip:bob@biloxi.example.com>",
	        r.from ? r.from : "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774",
	        r.call_id ? r.call_id : "Call-ID: a84b4c76e66710@pc33.atlanta.example.com",
	        r.cseq ? r.cseq : "CSeq: 314159 INVITE",
	        r.extra ? r.extra : "",
	        r.cl ? r.cl : "Content-Length: 0",
	};
	size_t n = 0;

	for (unsigned i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		if (lines[i][0] == '\0')
			continue;
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s\r\n", lines[i]);
	}
	n += (size_t)snprintf(text + n, sizeof(text) - n, "\r\n%s", r.body ? r.body : "");
	assert_true(n < sizeof(text));
	return n;
}

static enum sf_sip_error
parse_bytes(const void *data, size_t len)
{
	enum sf_sip_error err;

	tsu_unguard(&guard);
	tsu_guard(&guard, data, len);
	cur_len = len;
	tsu_msg_reset(&msg);
	err = sf_sip_parse(&parser, guard.data, len, &msg);
	assert_int_equal(err, msg.error);
	assert_view_sane(&msg, len);
	return err;
}

static enum sf_sip_error
parse_str(const char *s)
{
	return parse_bytes(s, strlen(s));
}

static enum sf_sip_error
parse_req(struct req r)
{
	size_t n = build(r);

	return parse_bytes(text, n);
}

#define REQ(...) parse_req((struct req){__VA_ARGS__})

/* Parses the message the last REQ built again with the fast paths off and
 * fails, naming what, unless the verdict (err) and the view are the same. */
static void
expect_same_without_fast_paths(enum sf_sip_error err, const char *what)
{
	static struct sf_sip_parser slow;
	static struct sf_sip_msg fast_msg;
	char why[256];

	if (!slow.scan) {
		assert_int_equal(sf_sip_parser_init(&slow, SF_SIP_SCAN_AUTO), 0);
		slow.fast_paths = false;
	}
	fast_msg = msg;
	tsu_msg_reset(&msg);
	assert_int_equal(sf_sip_parse(&slow, B, cur_len, &msg), err);
	if (tsu_msg_diff(&fast_msg, &msg, why, sizeof(why)) != 0)
		fail_msg("\"%s\": %s", what, why);
}

/* Asserts the verdict, with the offending text in the failure message. */
#define expect(call, want)                                                                   \
	do {                                                                                 \
		enum sf_sip_error got_ = (call);                                             \
		enum sf_sip_error want_ = (want);                                            \
		if (got_ != want_)                                                           \
			fail_msg("expected %s, got %s (%s) at \"%.*s\"\n--- message:\n%.*s", \
			         sf_sip_error_name(want_), sf_sip_error_name(got_),          \
			         sf_sip_error_reason(got_), (int)msg.error_at.len,           \
			         (const char *)B + msg.error_at.off, (int)cur_len,           \
			         (const char *)B);                                           \
	} while (0)

#define expect_ok(call) expect(call, SF_SIP_ERR_OK)

/* Asserts a rejection among several acceptable ones. */
static void
expect_one_of(enum sf_sip_error got, const enum sf_sip_error *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (got == want[i])
			return;
	fail_msg("got %s (%s), expected one of %s%s%s\n--- message:\n%.*s", sf_sip_error_name(got),
	         sf_sip_error_reason(got), sf_sip_error_name(want[0]), n > 1 ? ", " : "",
	         n > 1 ? sf_sip_error_name(want[1]) : "", (int)cur_len, (const char *)B);
}
#define expect_among(call, ...)                                        \
	do {                                                           \
		const enum sf_sip_error w_[] = {__VA_ARGS__};          \
		expect_one_of((call), w_, sizeof(w_) / sizeof(w_[0])); \
	} while (0)

static int
setup(void **state)
{
	(void)state;
	return sf_sip_parser_init(&parser, SF_SIP_SCAN_AUTO);
}

static int
teardown(void **state)
{
	(void)state;
	tsu_unguard(&guard);
	return 0;
}

/* --- start lines ------------------------------------------------------------ */

static void
request_line(void **state)
{
	(void)state;
	expect_ok(REQ(0));
	assert_int_equal(msg.kind, SF_SIP_KIND_REQUEST);
	assert_int_equal(msg.method, SF_SIP_METHOD_INVITE);
	assert_span_str(B, msg.method_name, "INVITE");
	assert_span_str(B, msg.version, "SIP/2.0");
	assert_span_str(B, msg.ruri.raw, "sip:bob@biloxi.example.com");
	assert_false(msg.missing_empty_line);

	/* methods are case-sensitive: "invite" is an extension */
	expect_ok(REQ(.start = "invite sip:bob@biloxi.example.com SIP/2.0",
	              .cseq = "CSeq: 1 invite"));
	assert_int_equal(msg.method, SF_SIP_METHOD_EXTENSION);
	assert_int_equal(msg.cseq_method, SF_SIP_METHOD_EXTENSION);
	assert_span_str(B, msg.method_name, "invite");

	/* every known method maps to its enum */
	for (int m = SF_SIP_METHOD_INVITE; m < SF_SIP_METHOD_EXTENSION; m++) {
		char start[96], cseq[64];
		const char *name = sf_sip_method_name((enum sf_sip_method)m);

		snprintf(start, sizeof(start), "%s sip:bob@biloxi.example.com SIP/2.0", name);
		snprintf(cseq, sizeof(cseq), "CSeq: 7 %s", name);
		expect_ok(REQ(.start = start, .cseq = cseq));
		assert_int_equal(msg.method, m);
		assert_int_equal(msg.cseq_method, m);
		assert_int_equal(sf_sip_method_from_token((const uint8_t *)name, strlen(name)), m);
	}
	assert_int_equal(sf_sip_method_from_token((const uint8_t *)"INVITEX", 7),
	                 SF_SIP_METHOD_EXTENSION);
	assert_int_equal(sf_sip_method_from_token((const uint8_t *)"INVIT", 5),
	                 SF_SIP_METHOD_EXTENSION);
	/* Tokens a method lookup could take for one: a method's first and
	 * last octets and length but another octet inside, another case
	 * (methods are case-sensitive), a method with more after it; empty
	 * and too long. */
	static const char *const not_methods[] = {
	        "INVATE",    "iNVITE",    "InvitE",     "AxK", "REGISTXR",  "SUBSCRIXE",
	        "SUBSCRIBP", "SUBSCRIB$", "SUBSCRIBEE", "",    "MESSAGEXX", "BYEBYEBYEBYE",
	};
	for (size_t i = 0; i < sizeof(not_methods) / sizeof(not_methods[0]); i++)
		assert_int_equal(sf_sip_method_from_token((const uint8_t *)not_methods[i],
		                                          strlen(not_methods[i])),
		                 SF_SIP_METHOD_EXTENSION);
	/* an Allow list maps its methods, and only those */
	expect_ok(REQ(.extra = "Allow: SUBSCRIBE, SUBSCRIBP, invite, PRACK, ACK"));
	assert_int_equal(msg.allow_mask, 1u << SF_SIP_METHOD_SUBSCRIBE | 1u << SF_SIP_METHOD_PRACK |
	                                         1u << SF_SIP_METHOD_ACK);

	expect(REQ(.start = "INVITE  sip:bob@biloxi.example.com SIP/2.0"),
	       SF_SIP_ERR_BAD_REQUEST_LINE);
	expect(REQ(.start = "INVITE sip:bob@biloxi.example.com SIP/2.0 "),
	       SF_SIP_ERR_BAD_REQUEST_LINE);
	expect(REQ(.start = "INVITE sip:bob@biloxi.example.com"), SF_SIP_ERR_BAD_REQUEST_LINE);
	expect(REQ(.start = "INVITE\tsip:bob@biloxi.example.com SIP/2.0"),
	       SF_SIP_ERR_BAD_REQUEST_LINE);
	expect_among(
	        REQ(.start = "INV@TE sip:bob@biloxi.example.com SIP/2.0", .cseq = "CSeq: 1 INV@TE"),
	        SF_SIP_ERR_BAD_METHOD, SF_SIP_ERR_BAD_REQUEST_LINE);
	expect(REQ(.start = "INVITE sip:bob@biloxi.example.com SIP/2.1"), SF_SIP_ERR_BAD_VERSION);
	assert_int_equal(sf_sip_error_status(SF_SIP_ERR_BAD_VERSION), 505);
	expect(REQ(.start = "INVITE sip:bob@biloxi.example.com SIP/3.0"), SF_SIP_ERR_BAD_VERSION);
	expect(REQ(.start = "INVITE <sip:bob@biloxi.example.com> SIP/2.0"), SF_SIP_ERR_BAD_RURI);

	/* the start line must end */
	expect(parse_str("INVITE sip:bob@biloxi.example.com SIP/2.0"),
	       SF_SIP_ERR_START_LINE_UNTERMINATED);
}

static void
status_line(void **state)
{
	static const char *const rsp =
	        "SIP/2.0 180 Ringing\r\n"
	        "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds"
	        ";received=192.0.2.1\r\n"
	        "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n"
	        "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
	        "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
	        "CSeq: 314159 INVITE\r\n"
	        "Content-Length: 0\r\n\r\n";
	char buf[1024];

	(void)state;
	expect_ok(parse_str(rsp));
	assert_int_equal(msg.kind, SF_SIP_KIND_RESPONSE);
	assert_int_equal(msg.status, 180);
	assert_span_str(B, msg.reason, "Ringing");
	assert_span_str(B, msg.version, "SIP/2.0");
	assert_span_str(B, msg.to.tag, "a6c85cf");
	/* responses need no Max-Forwards and carry any CSeq method */
	assert_int_equal(msg.max_forwards, -1);
	assert_int_equal(msg.cseq_method, SF_SIP_METHOD_INVITE);

	/* reason phrases may hold spaces, and may be empty */
	snprintf(buf, sizeof(buf), "SIP/2.0 486 Busy Here, try later%s", strchr(rsp, '\r'));
	expect_ok(parse_str(buf));
	assert_span_str(B, msg.reason, "Busy Here, try later");
	snprintf(buf, sizeof(buf), "SIP/2.0 699 %s", strchr(rsp, '\r'));
	expect_ok(parse_str(buf));
	assert_int_equal(msg.status, 699);
	assert_int_equal(msg.reason.len, 0);
	snprintf(buf, sizeof(buf), "SIP/2.0 100 Trying%s", strchr(rsp, '\r'));
	expect_ok(parse_str(buf));
	assert_int_equal(msg.status, 100);

	snprintf(buf, sizeof(buf), "SIP/2.0 700 Too High%s", strchr(rsp, '\r'));
	expect_among(parse_str(buf), SF_SIP_ERR_STATUS_RANGE);
	assert_int_equal(msg.kind, SF_SIP_KIND_RESPONSE);
	snprintf(buf, sizeof(buf), "SIP/2.0 099 Too Low%s", strchr(rsp, '\r'));
	expect_among(parse_str(buf), SF_SIP_ERR_STATUS_RANGE);
	snprintf(buf, sizeof(buf), "SIP/2.0 20 OK%s", strchr(rsp, '\r'));
	expect_among(parse_str(buf), SF_SIP_ERR_BAD_STATUS_LINE, SF_SIP_ERR_STATUS_RANGE);
	snprintf(buf, sizeof(buf), "SIP/2.0 2000 OK%s", strchr(rsp, '\r'));
	expect_among(parse_str(buf), SF_SIP_ERR_BAD_STATUS_LINE, SF_SIP_ERR_STATUS_RANGE);
	snprintf(buf, sizeof(buf), "SIP/2.0 2x0 OK%s", strchr(rsp, '\r'));
	expect_among(parse_str(buf), SF_SIP_ERR_BAD_STATUS_LINE);
	assert_int_equal(msg.kind, SF_SIP_KIND_RESPONSE);
}

/* --- header lines ------------------------------------------------------------- */

static void
header_lines(void **state)
{
	(void)state;
	expect(REQ(.extra = "NoColonHere"), SF_SIP_ERR_BAD_HEADER_LINE);
	expect_among(REQ(.extra = "Bad Name: x"), SF_SIP_ERR_BAD_HEADER_NAME,
	             SF_SIP_ERR_BAD_HEADER_LINE);
	expect_among(REQ(.extra = ": no name"), SF_SIP_ERR_BAD_HEADER_NAME,
	             SF_SIP_ERR_BAD_HEADER_LINE);
	expect_among(REQ(.extra = "Bad(Name): x"), SF_SIP_ERR_BAD_HEADER_NAME,
	             SF_SIP_ERR_BAD_HEADER_LINE);

	/* unknown headers are kept with their value trimmed, folding included */
	expect_ok(REQ(.extra = "X-Custom:   some value  \r\n\t continued   "));
	{
		int h = tsu_find_header(B, &msg, "X-Custom", 0);

		assert_true(h >= 0);
		assert_int_equal(msg.headers[h].id, SF_SIP_HDR_OTHER);
		assert_span_str(B, msg.headers[h].value, "some value  \r\n\t continued");
	}
	/* an empty value is legal for most headers */
	expect_ok(REQ(.extra = "Subject:"));
	assert_int_equal(msg.headers[tsu_find_header(B, &msg, "Subject", 0)].value.len, 0);

	/* mandatory headers, checked in the order Via, From, To, Call-ID, CSeq */
	expect(REQ(.via = ""), SF_SIP_ERR_MISSING_VIA);
	expect(REQ(.from = ""), SF_SIP_ERR_MISSING_FROM);
	expect(REQ(.to = ""), SF_SIP_ERR_MISSING_TO);
	expect(REQ(.call_id = ""), SF_SIP_ERR_MISSING_CALL_ID);
	expect(REQ(.cseq = ""), SF_SIP_ERR_MISSING_CSEQ);
	expect(REQ(.to = "", .call_id = ""), SF_SIP_ERR_MISSING_TO);
	expect(REQ(.call_id = "", .cseq = ""), SF_SIP_ERR_MISSING_CALL_ID);
	/* Max-Forwards is not mandatory for the parser */
	expect_ok(REQ(.mf = ""));
	assert_int_equal(msg.max_forwards, -1);

	/* headers that may appear once */
	expect(REQ(.extra = "From: <sip:x@example.com>;tag=2"), SF_SIP_ERR_DUP_FROM);
	expect(REQ(.extra = "t: <sip:x@example.com>"), SF_SIP_ERR_DUP_TO);
	expect(REQ(.extra = "i: other@example.com"), SF_SIP_ERR_DUP_CALL_ID);
	expect(REQ(.extra = "CSeq: 314159 INVITE"), SF_SIP_ERR_DUP_CSEQ);
	expect(REQ(.extra = "Max-Forwards: 70"), SF_SIP_ERR_DUP_MAX_FORWARDS);
	for (enum sf_sip_error e = SF_SIP_ERR_DUP_FROM; e <= SF_SIP_ERR_DUP_MAX_FORWARDS; e++)
		assert_int_equal(sf_sip_error_status(e), 400);
}

/* The header loop's shape test: one vector of the octets around the colon
 * and the line end decides between the inline framing and the general
 * path. A line in each shape that fails one of its lanes (white space at
 * either end of the name or value, no SP or two after the colon, an empty
 * value, a bare LF, UTF-8 or a control octet in a tested place, a
 * continuation line after it), followed by another header or by the empty
 * line, gets the same verdict and view as with the fast paths off. */
static void
line_shapes(void **state)
{
	static const char *const lines[] = {
	        "X-A: v",
	        "X-A:v",
	        "X-A:  v",
	        "X-A:\tv",
	        "X-A: v ",
	        "X-A: v\t",
	        "X-A : v",
	        "X-A\t: v",
	        "X-A: ",
	        "X-A:",
	        "X-A: \xc3\xa9t\xc3\xa9",
	        "X-A:\xc3\xa9",
	        "\xc3\xa9: v",
	        "X-A: v\x01",
	        "X-A: \x7fv",
	        "X-A: v\r\n w",
	        "X-A: v\r\n\tw",
	        "X-A: v\r\n \r\n w",
	        "X-A: v\r\n\x01: w",
	        "Subject:\xc3\xa9",
	        "Subject: Re: v",
	        "User-Agent: UA/1 ",
	        "Expires:60",
	        "Expires: 60\r\n ",
	};
	static const char *const after[] = {NULL, ""}; /* Content-Length, or the empty line */

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		for (size_t a = 0; a < sizeof(after) / sizeof(after[0]); a++) {
			enum sf_sip_error err = REQ(.extra = lines[i], .cl = after[a]);

			expect_same_without_fast_paths(err, lines[i]);
		}
	}
	/* The usual shape on the inline path, and the forms it leaves to the
	 * general one, read the same. */
	expect_ok(REQ(.extra = "X-A: v\r\nX-B:w\r\nX-C:  x  "));
	assert_span_str(B, msg.headers[tsu_find_header(B, &msg, "X-A", 0)].value, "v");
	assert_span_str(B, msg.headers[tsu_find_header(B, &msg, "X-B", 0)].value, "w");
	assert_span_str(B, msg.headers[tsu_find_header(B, &msg, "X-C", 0)].value, "x");
	/* A CRLF line, then the empty line as a bare LF, then the body. */
	expect_ok(parse_str("OPTIONS sip:b.example.com SIP/2.0\r\n"
	                    "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n"
	                    "From: <sip:a@a.example.com>;tag=1\r\nTo: <sip:b@b.example.com>\r\n"
	                    "Call-ID: x@y\r\nCSeq: 1 OPTIONS\r\nContent-Length: 4\r\n\nbody"));
	assert_span_str(B, msg.body, "body");
	expect_same_without_fast_paths(SF_SIP_ERR_OK, "a bare LF empty line");
}

static void
case_insensitive_names(void **state)
{
	(void)state;
	expect_ok(REQ(.via = "vIA: SIP/2.0/UDP a.example.com;branch=z9hG4bK1",
	              .mf = "max-FORWARDS: 10", .to = "TO: <sip:bob@biloxi.example.com>",
	              .from = "fRoM: <sip:alice@atlanta.example.com>;tag=1",
	              .call_id = "call-id: abc@def", .cseq = "CSEQ: 1 INVITE",
	              .extra = "CONTACT: <sip:alice@192.0.2.4>\r\ncontent-TYPE: text/plain",
	              .cl = "CONTENT-length: 2", .body = "hi"));
	assert_int_equal(msg.headers[0].id, SF_SIP_HDR_VIA);
	assert_int_equal(msg.headers[1].id, SF_SIP_HDR_MAX_FORWARDS);
	assert_int_equal(msg.headers[2].id, SF_SIP_HDR_TO);
	assert_int_equal(msg.headers[3].id, SF_SIP_HDR_FROM);
	assert_int_equal(msg.headers[4].id, SF_SIP_HDR_CALL_ID);
	assert_int_equal(msg.headers[5].id, SF_SIP_HDR_CSEQ);
	assert_int_equal(msg.headers[6].id, SF_SIP_HDR_CONTACT);
	assert_int_equal(msg.headers[7].id, SF_SIP_HDR_CONTENT_TYPE);
	assert_int_equal(msg.headers[8].id, SF_SIP_HDR_CONTENT_LENGTH);
	assert_int_equal(msg.max_forwards, 10);
	assert_span_str(B, msg.call_id, "abc@def");
	assert_span_str(B, msg.content_type, "text/plain");
	assert_span_str(B, msg.body, "hi");
	/* the name span is the name as written */
	assert_span_str(B, msg.headers[0].name, "vIA");

	/* a name that only starts like a known one is unknown */
	expect_ok(REQ(.extra = "Vias: x\r\nToo: y\r\nContact-Me: z\r\nCall-IDs: w"));
	for (unsigned i = 6; i < 10; i++)
		assert_int_equal(msg.headers[i].id, SF_SIP_HDR_OTHER);
	assert_int_equal(msg.headers[10].id, SF_SIP_HDR_CONTENT_LENGTH);
	assert_int_equal(msg.via_count, 1);
	assert_int_equal(msg.contact_count, 0);
	/* Names that hash like a known one (same first and last letter and
	 * length, sip_header_id.h) but differ inside it, in each of the words
	 * compared: the one ending with the name, the first, the middle. */
	expect_ok(REQ(.extra = "Vxa: 1\r\nTx: 2\r\nFxom: 3\r\nCantact: 4\r\n"
	                       "Content-Lxngth: 5\r\nCxntent-Length: 6\r\n"
	                       "Proxy-Authorizxtion: 7\r\nPxoxy-Authorization: 8\r\n"
	                       "Proxy-Authxrization: 9"));
	for (unsigned i = 6; i < 15; i++)
		assert_int_equal(msg.headers[i].id, SF_SIP_HDR_OTHER);
	assert_int_equal(msg.via_count, 1);
	assert_int_equal(msg.contact_count, 0);
	/* Names that hash like a known one and end with it, but are longer:
	 * only the line feed before a name tells them apart in the header
	 * loop's 16-octet compare (header_id_line). */
	expect_ok(REQ(.extra = "ggggggggggVia: 1\r\niiiiiiv: 2\r\neef: 3\r\nAAAACall-ID: 4\r\n"
	                       "llMax-Forwards: 5\r\nbbc: 6\r\nddexpires: 7"));
	for (unsigned i = 6; i < 13; i++)
		assert_int_equal(msg.headers[i].id, SF_SIP_HDR_OTHER);
	assert_int_equal(msg.via_count, 1);
	assert_int_equal(msg.max_forwards, 70);
	assert_false(msg.has_expires);

	/* every other known name, in upper case, maps to its id */
	static const struct {
		const char *line;
		enum sf_sip_header_id id;
	} more[] = {
	        {"CONTACT: <sip:a@b.example.com>", SF_SIP_HDR_CONTACT},
	        {"CONTENT-TYPE: text/plain", SF_SIP_HDR_CONTENT_TYPE},
	        {"CONTENT-ENCODING: gzip", SF_SIP_HDR_CONTENT_ENCODING},
	        {"ROUTE: <sip:p.example.com;lr>", SF_SIP_HDR_ROUTE},
	        {"RECORD-ROUTE: <sip:p.example.com;lr>", SF_SIP_HDR_RECORD_ROUTE},
	        {"USER-AGENT: x/1", SF_SIP_HDR_USER_AGENT},
	        {"EXPIRES: 5", SF_SIP_HDR_EXPIRES},
	        {"AUTHORIZATION: Digest username=\"a\"", SF_SIP_HDR_AUTHORIZATION},
	        {"EVENT: presence", SF_SIP_HDR_EVENT},
	        {"SUPPORTED: 100rel", SF_SIP_HDR_SUPPORTED},
	        {"REQUIRE: 100rel", SF_SIP_HDR_REQUIRE},
	        {"PROXY-REQUIRE: foo", SF_SIP_HDR_PROXY_REQUIRE},
	        {"ALLOW: INVITE", SF_SIP_HDR_ALLOW},
	        {"SUBJECT: hi", SF_SIP_HDR_SUBJECT},
	        {"REFER-TO: <sip:c@d.example.com>", SF_SIP_HDR_REFER_TO},
	        {"ALLOW-EVENTS: presence", SF_SIP_HDR_ALLOW_EVENTS},
	};
	for (unsigned i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
		size_t nl = (size_t)(strchr(more[i].line, ':') - more[i].line);

		expect_ok(REQ(.extra = more[i].line));
		assert_int_equal(msg.headers[6].id, more[i].id);
		assert_int_equal(strncasecmp(sf_sip_header_name(more[i].id), more[i].line, nl), 0);
		assert_int_equal(strlen(sf_sip_header_name(more[i].id)), nl);
	}
}

/* A value each header's grammar accepts; "x" for one without a grammar. */
static const char *
sample_value(enum sf_sip_header_id id)
{
	switch (id) {
	case SF_SIP_HDR_VIA: return "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK77";
	case SF_SIP_HDR_FROM: return "<sip:alice@atlanta.example.com>;tag=1928301774";
	case SF_SIP_HDR_TO: return "<sip:bob@biloxi.example.com>";
	case SF_SIP_HDR_CALL_ID: return "a84b4c76e66710@pc33.atlanta.example.com";
	case SF_SIP_HDR_CSEQ: return "314159 INVITE";
	case SF_SIP_HDR_MAX_FORWARDS: return "70";
	case SF_SIP_HDR_CONTENT_LENGTH: return "0";
	case SF_SIP_HDR_EXPIRES: return "5";
	case SF_SIP_HDR_CONTACT:
	case SF_SIP_HDR_ROUTE:
	case SF_SIP_HDR_RECORD_ROUTE:
	case SF_SIP_HDR_REFER_TO: return "<sip:c@d.example.com;lr>";
	case SF_SIP_HDR_AUTHORIZATION:
	case SF_SIP_HDR_PROXY_AUTHORIZATION: return "Digest username=\"a\"";
	default: return "x";
	}
}

/* Every name of SF_SIP_HEADER_LIST, full (as listed, in lower and in upper
 * case) and compact, is indexed under its id: the hash table generated from
 * that list (lib/sip/sip_header_id.h, scripts/gen-header-table.py) must not
 * go stale when the list changes. */
static void
every_listed_name(void **state)
{
	static const struct {
		enum sf_sip_header_id id;
		const char *name;
		char compact;
	} list[] = {
#define LISTED(name, text, compact) {SF_SIP_HDR_##name, text, compact},
	        SF_SIP_HEADER_LIST(LISTED)
#undef LISTED
	};

	(void)state;
	for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++) {
		enum sf_sip_header_id id = list[i].id;
		char spellings[4][32], line[256];
		size_t n = 0;

		if (id == SF_SIP_HDR_OTHER)
			continue;
		snprintf(spellings[n++], sizeof(spellings[0]), "%s", list[i].name);
		for (size_t k = 0; k < 2; k++, n++)
			for (size_t c = 0; c <= strlen(list[i].name); c++)
				spellings[n][c] = (char)(k == 0 ? tolower(list[i].name[c])
				                                : toupper(list[i].name[c]));
		if (list[i].compact != 0)
			snprintf(spellings[n++], sizeof(spellings[0]), "%c", list[i].compact);
		for (size_t s = 0; s < n; s++) {
			struct req r = {0};
			size_t at;

			snprintf(line, sizeof(line), "%s: %s", spellings[s], sample_value(id));
			/* in place of the request's own line of that name */
			switch (id) {
			case SF_SIP_HDR_VIA: r.via = line; break;
			case SF_SIP_HDR_FROM: r.from = line; break;
			case SF_SIP_HDR_TO: r.to = line; break;
			case SF_SIP_HDR_CALL_ID: r.call_id = line; break;
			case SF_SIP_HDR_CSEQ: r.cseq = line; break;
			case SF_SIP_HDR_MAX_FORWARDS: r.mf = line; break;
			case SF_SIP_HDR_CONTENT_LENGTH: r.cl = line; break;
			default: r.extra = line; break;
			}
			expect_ok(parse_req(r));
			for (at = 0; at < msg.header_count; at++)
				if (msg.headers[at].name.len == strlen(spellings[s]) &&
				    memcmp(B + msg.headers[at].name.off, spellings[s],
				           msg.headers[at].name.len) == 0)
					break;
			if (at == msg.header_count)
				fail_msg("\"%s\": not among the headers", line);
			if (msg.headers[at].id != id)
				fail_msg("\"%s\": id %s, expected %s", spellings[s],
				         sf_sip_header_name(msg.headers[at].id),
				         sf_sip_header_name(id));
		}
	}
}

/* The header loop matches a name by the 16 octets that end with it, so a
 * line that starts before octet 16 (after the shortest start lines) takes
 * the general path. Headers starting at octets 13 to 18, compact and full
 * names first, each give the view the parser gives with its fast paths
 * off, and every name its id, also when the datagram's first octet follows
 * a guard page. */
static void
names_near_the_start(void **state)
{
	static const char *const starts[] = {
	        "SIP/2.0 100",      /* 13 octets with its CRLF */
	        "SIP/2.0 100 ",     /* 14 */
	        "SIP/2.0 100 X",    /* 15 */
	        "SIP/2.0 100 XY",   /* 16 */
	        "SIP/2.0 100 XYZ",  /* 17 */
	        "SIP/2.0 100 WXYZ", /* 18 */
	        "OPTIONS sip:a SIP/2.0",
	};
	static const char *const firsts[] = {
	        "v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1",
	        "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1",
	        "vIA: SIP/2.0/UDP a.example.com;branch=z9hG4bK1",
	};
	struct sf_sip_parser slow;
	static struct sf_sip_msg slow_msg, front_msg;
	struct tsu_guarded front = {0};
	char why[256];

	(void)state;
	assert_int_equal(sf_sip_parser_init(&slow, SF_SIP_SCAN_AUTO), 0);
	slow.fast_paths = false;
	for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		for (size_t k = 0; k < sizeof(firsts) / sizeof(firsts[0]); k++) {
			bool request = starts[i][0] == 'O';

			expect_ok(REQ(.start = starts[i], .via = firsts[k],
			              .cseq = request ? "CSeq: 1 OPTIONS" : NULL,
			              .extra = "X: 1\r\nSubject: hi"));
			assert_int_equal(msg.headers[0].name.off, strlen(starts[i]) + 2);
			assert_int_equal(msg.headers[0].id, SF_SIP_HDR_VIA);
			assert_int_equal(msg.headers[1].id, SF_SIP_HDR_MAX_FORWARDS);
			assert_int_equal(msg.headers[6].id, SF_SIP_HDR_OTHER);
			assert_int_equal(msg.headers[7].id, SF_SIP_HDR_SUBJECT);
			assert_int_equal(msg.via_count, 1);
			assert_true(tsu_span_eq(B, msg.via[0].branch, "z9hG4bK1"));
			/* Again from a copy whose first octet follows a guard
			 * page, where a read before the datagram faults. */
			tsu_guard_front(&front, B, cur_len);
			tsu_msg_reset(&front_msg);
			assert_int_equal(sf_sip_parse(&parser, front.data, cur_len, &front_msg),
			                 SF_SIP_ERR_OK);
			tsu_msg_reset(&slow_msg);
			assert_int_equal(sf_sip_parse(&slow, front.data, cur_len, &slow_msg),
			                 SF_SIP_ERR_OK);
			tsu_unguard(&front);
			if (tsu_msg_diff(&msg, &front_msg, why, sizeof(why)) != 0 ||
			    tsu_msg_diff(&msg, &slow_msg, why, sizeof(why)) != 0)
				fail_msg("start \"%s\", first line \"%s\": %s", starts[i],
				         firsts[k], why);
		}
	}
}

/* Every compact form of RFC 3261 §7.3.3 and its extensions. */
static void
compact_forms(void **state)
{
	static const char *const m = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
	                             "v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n"
	                             "f: <sip:alice@atlanta.example.com>;tag=88\r\n"
	                             "t: <sip:bob@biloxi.example.com>\r\n"
	                             "i: compact@a.example.com\r\n"
	                             "CSeq: 1 INVITE\r\n"
	                             "m: <sip:alice@192.0.2.4>\r\n"
	                             "k: 100rel\r\n"
	                             "s: hello\r\n"
	                             "e: gzip\r\n"
	                             "o: presence\r\n"
	                             "r: <sip:carol@chicago.example.com>\r\n"
	                             "u: presence, dialog\r\n"
	                             "c: text/plain\r\n"
	                             "l: 5\r\n"
	                             "\r\n"
	                             "hello";
	static const uint8_t ids[] = {
	        SF_SIP_HDR_VIA,          SF_SIP_HDR_FROM,           SF_SIP_HDR_TO,
	        SF_SIP_HDR_CALL_ID,      SF_SIP_HDR_CSEQ,           SF_SIP_HDR_CONTACT,
	        SF_SIP_HDR_SUPPORTED,    SF_SIP_HDR_SUBJECT,        SF_SIP_HDR_CONTENT_ENCODING,
	        SF_SIP_HDR_EVENT,        SF_SIP_HDR_REFER_TO,       SF_SIP_HDR_ALLOW_EVENTS,
	        SF_SIP_HDR_CONTENT_TYPE, SF_SIP_HDR_CONTENT_LENGTH,
	};
	char upper[1024];

	(void)state;
	expect_ok(parse_str(m));
	assert_int_equal(msg.header_count, sizeof(ids));
	for (unsigned i = 0; i < sizeof(ids); i++) {
		if (msg.headers[i].id != ids[i])
			fail_msg("header %u \"%.*s\": id %s, expected %s", i,
			         (int)msg.headers[i].name.len,
			         (const char *)B + msg.headers[i].name.off,
			         sf_sip_header_name(msg.headers[i].id), sf_sip_header_name(ids[i]));
		assert_int_equal(msg.first_header[ids[i]], i);
	}
	assert_span_str(B, msg.via[0].host, "a.example.com");
	assert_span_str(B, msg.from.tag, "88");
	assert_span_str(B, msg.to.uri.raw, "sip:bob@biloxi.example.com");
	assert_span_str(B, msg.call_id, "compact@a.example.com");
	assert_int_equal(msg.contact_count, 1);
	assert_span_str(B, msg.contact[0].uri.host, "192.0.2.4");
	assert_span_str(B, msg.event, "presence");
	assert_span_str(B, msg.content_type, "text/plain");
	assert_true(msg.has_content_length);
	assert_int_equal(msg.content_length, 5);
	assert_span_str(B, msg.body, "hello");

	/* compact names are case-insensitive too */
	snprintf(upper, sizeof(upper), "%s", m);
	for (char *p = strstr(upper, "\r\n"); p != NULL && p[2] != '\r'; p = strstr(p + 2, "\r\n"))
		if (p[3] == ':' && p[2] >= 'a' && p[2] <= 'z')
			p[2] = (char)(p[2] - 32);
	assert_non_null(strstr(upper, "\r\nV: "));
	expect_ok(parse_str(upper));
	for (unsigned i = 0; i < sizeof(ids); i++)
		assert_int_equal(msg.headers[i].id, ids[i]);

	/* LWS between a compact name and the colon */
	expect_ok(REQ(.via = "v  : SIP/2.0/UDP a.example.com;branch=z9hG4bK1",
	              .call_id = "i\t: x@y"));
	assert_int_equal(msg.headers[0].id, SF_SIP_HDR_VIA);
	assert_span_str(B, msg.call_id, "x@y");
	/* a one-letter name that is no compact form is unknown */
	expect_ok(REQ(.extra = "x: 1\r\nz: 2"));
	assert_int_equal(msg.headers[tsu_find_header(B, &msg, "x", 0)].id, SF_SIP_HDR_OTHER);
	assert_int_equal(msg.headers[tsu_find_header(B, &msg, "z", 0)].id, SF_SIP_HDR_OTHER);
}

/* --- Via ------------------------------------------------------------------------ */

static void
via_basic(void **state)
{
	(void)state;
	expect_ok(REQ(0));
	assert_int_equal(msg.via_count, 1);
	assert_span_str(B, msg.via[0].protocol, "SIP/2.0/UDP");
	assert_span_str(B, msg.via[0].transport, "UDP");
	assert_int_equal(msg.via[0].transport_id, SF_SIP_TRANSPORT_UDP);
	assert_span_str(B, msg.via[0].host, "pc33.atlanta.example.com");
	assert_int_equal(msg.via[0].host_type, SF_SIP_HOST_NAME);
	assert_int_equal(msg.via[0].port, 0);
	assert_span_str(B, msg.via[0].branch, "z9hG4bK776asdhds");
	assert_span_str(B, msg.via[0].params, ";branch=z9hG4bK776asdhds");
	assert_span_str(B, msg.via[0].raw,
	                "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds");
	assert_false(msg.via[0].has_rport);
	assert_int_equal(msg.via[0].ttl, -1);
	assert_int_equal(msg.via[0].received.len, 0);
	assert_int_equal(msg.via[0].maddr.len, 0);

	/* LWS around '/', ';' and '=' (RFC 3261 SLASH, SEMI, EQUAL), folding */
	expect_ok(REQ(.via = "Via: SIP / 2.0 /\r\n TCP  h.example.com:5070 ; branch = z9hG4bKa ;"
	                     "\r\n\treceived = 192.0.2.9"));
	assert_span_str(B, msg.via[0].transport, "TCP");
	assert_int_equal(msg.via[0].transport_id, SF_SIP_TRANSPORT_TCP);
	assert_span_str(B, msg.via[0].host, "h.example.com");
	assert_int_equal(msg.via[0].port, 5070);
	assert_span_str(B, msg.via[0].branch, "z9hG4bKa");
	assert_span_str(B, msg.via[0].received, "192.0.2.9");

	/* transports, case-insensitive */
	static const struct {
		const char *t;
		enum sf_sip_transport id;
	} tr[] = {
	        {"udp", SF_SIP_TRANSPORT_UDP},        {"TCP", SF_SIP_TRANSPORT_TCP},
	        {"TLS", SF_SIP_TRANSPORT_TLS},        {"SCTP", SF_SIP_TRANSPORT_SCTP},
	        {"WS", SF_SIP_TRANSPORT_WS},          {"WSS", SF_SIP_TRANSPORT_WSS},
	        {"tls-sctp", SF_SIP_TRANSPORT_OTHER}, {"X", SF_SIP_TRANSPORT_OTHER},
	};
	for (unsigned i = 0; i < sizeof(tr) / sizeof(tr[0]); i++) {
		char via[128];

		snprintf(via, sizeof(via), "Via: SIP/2.0/%s h.example.com;branch=z9hG4bK1",
		         tr[i].t);
		expect_ok(REQ(.via = via));
		assert_span_str(B, msg.via[0].transport, tr[i].t);
		assert_int_equal(msg.via[0].transport_id, tr[i].id);
	}

	/* the branch: any case, anywhere among the params, the last of two;
	 * an empty value is malformed */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;BRANCH=z9hG4bK2;rport"));
	assert_span_str(B, msg.via[0].branch, "z9hG4bK2");
	assert_true(msg.via[0].has_rport);
	expect_ok(REQ(.via = "Via: SIP/2.0/TCP h.example.com;rport;branch=z9hG4bK3"));
	assert_span_str(B, msg.via[0].branch, "z9hG4bK3");
	assert_int_equal(msg.via[0].transport_id, SF_SIP_TRANSPORT_TCP);
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK4;branch=z9hG4bK5"));
	assert_span_str(B, msg.via[0].branch, "z9hG4bK5");
	expect(REQ(.via = "Via: SIP/2.0/UDP h.example.com;branch=;rport"), SF_SIP_ERR_BAD_VIA);
	expect(REQ(.via = "Via: SIP/2.0/UDP h.example.com;branch="), SF_SIP_ERR_BAD_VIA);

	/* hosts: IPv4, IPv6 (brackets kept), names; ports */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1"));
	assert_span_str(B, msg.via[0].host, "192.0.2.1");
	assert_int_equal(msg.via[0].host_type, SF_SIP_HOST_IPV4);
	assert_int_equal(msg.via[0].port, 5060);
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP [2001:db8::1]:65535;branch=z9hG4bK1"));
	assert_span_str(B, msg.via[0].host, "[2001:db8::1]");
	assert_int_equal(msg.via[0].host_type, SF_SIP_HOST_IPV6);
	assert_int_equal(msg.via[0].port, 65535);
}

static void
via_params(void **state)
{
	(void)state;
	/* rport without a value (RFC 3581 request form) */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;rport;branch=z9hG4bK1"));
	assert_true(msg.via[0].has_rport);
	assert_int_equal(msg.via[0].rport_value.len, 0);
	assert_span_str(B, msg.via[0].branch, "z9hG4bK1");
	/* rport at the end */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1;rport"));
	assert_true(msg.via[0].has_rport);
	assert_int_equal(msg.via[0].rport_value.len, 0);
	/* rport with a value (response form) */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1;rport=5061"
	                     ";received=198.51.100.7"));
	assert_true(msg.via[0].has_rport);
	assert_span_str(B, msg.via[0].rport_value, "5061");
	assert_span_str(B, msg.via[0].received, "198.51.100.7");
	/* a param merely starting with "rport" is not rport */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;rportx=1;branch=z9hG4bK1"));
	assert_false(msg.via[0].has_rport);
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;receivedx=1;branch=z9hG4bK1"));
	assert_int_equal(msg.via[0].received.len, 0);
	/* any case; the last of two wins, with or without a value */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1;RPort=5062"
	                     ";RECEIVED=192.0.2.4"));
	assert_span_str(B, msg.via[0].rport_value, "5062");
	assert_span_str(B, msg.via[0].received, "192.0.2.4");
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;rport=5062;branch=z9hG4bK1;rport"));
	assert_true(msg.via[0].has_rport);
	assert_int_equal(msg.via[0].rport_value.len, 0);
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;rport=0;branch=z9hG4bK1"));
	assert_span_str(B, msg.via[0].rport_value, "0");
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;rport=65535"));
	assert_span_str(B, msg.via[0].rport_value, "65535");
	/* an rport that is not a port, an empty value */
	expect(REQ(.via = "Via: SIP/2.0/UDP h.example.com;rport=65536"), SF_SIP_ERR_BAD_VIA);
	expect(REQ(.via = "Via: SIP/2.0/UDP h.example.com;rport=50a;branch=z9hG4bK1"),
	       SF_SIP_ERR_BAD_VIA);
	expect(REQ(.via = "Via: SIP/2.0/UDP h.example.com;rport=;branch=z9hG4bK1"),
	       SF_SIP_ERR_BAD_VIA);
	expect(REQ(.via = "Via: SIP/2.0/UDP h.example.com;rport="), SF_SIP_ERR_BAD_VIA);
	expect(REQ(.via = "Via: SIP/2.0/UDP h.example.com;received=;rport"), SF_SIP_ERR_BAD_VIA);
	expect(REQ(.via = "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1;received="),
	       SF_SIP_ERR_BAD_VIA);
	/* rport and received before white space, a comma or a quote take
	 * the general grammar, which gives the same view */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;rport ;received=192.0.2.4 ,"
	                     "SIP/2.0/UDP g.example.com;rport=5060;received=\"x\""));
	assert_int_equal(msg.via_count, 2);
	assert_true(msg.via[0].has_rport);
	assert_span_str(B, msg.via[0].received, "192.0.2.4");
	assert_span_str(B, msg.via[1].rport_value, "5060");
	assert_span_str(B, msg.via[1].received, "\"x\"");

	/* received as IPv6, bare (RFC 3261 ABNF) and bracketed (RFC 5118 §4.5) */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255"
	                     ";branch=z9hG4bK1"));
	assert_span_str(B, msg.via[0].received, "2001:db8::9:255");
	assert_span_str(B, msg.via[0].branch, "z9hG4bK1");
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255]"
	                     ";branch=z9hG4bK1"));
	assert_span_str(B, msg.via[0].received, "[2001:db8::9:255]");

	/* ttl and maddr */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;maddr=224.2.0.1;ttl=16"
	                     ";branch=z9hG4bK1"));
	assert_span_str(B, msg.via[0].maddr, "224.2.0.1");
	assert_int_equal(msg.via[0].ttl, 16);
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;ttl=0;branch=z9hG4bK1"));
	assert_int_equal(msg.via[0].ttl, 0);
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;ttl=255;branch=z9hG4bK1"));
	assert_int_equal(msg.via[0].ttl, 255);
	expect(REQ(.via = "Via: SIP/2.0/UDP h.example.com;ttl=256;branch=z9hG4bK1"),
	       SF_SIP_ERR_BAD_VIA);
	expect(REQ(.via = "Via: SIP/2.0/UDP h.example.com;ttl=x;branch=z9hG4bK1"),
	       SF_SIP_ERR_BAD_VIA);

	/* unknown params, with and without values, quoted values with ',' ';' */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;foo;bar=baz;q=\"a,b;c\""
	                     ";branch=z9hG4bK1"));
	assert_int_equal(msg.via_count, 1);
	assert_span_str(B, msg.via[0].branch, "z9hG4bK1");
	assert_span_str(B, msg.via[0].params, ";foo;bar=baz;q=\"a,b;c\";branch=z9hG4bK1");

	/* the branch name is case-insensitive, its value kept as written */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com;BRANCH=z9hG4bKAbC"));
	assert_span_str(B, msg.via[0].branch, "z9hG4bKAbC");

	/* rport and received as the fast path reads them, and the forms it
	 * leaves to the general grammar: the same verdict and view either
	 * way */
	static const char *const params[] = {
	        ";rport",        ";rport=5060",     ";RPORT=1",     ";rport=0",
	        ";rport=65535",  ";rport=65536",    ";rport=",      ";rport=5x",
	        ";rport=\"1\"",  ";rportx",         ";rport;rport", ";rport=1;rport",
	        ";received=a.b", ";Received=1.2",   ";received=",   ";received",
	        ";receivedx=1",  ";received=\"x\"", ";rport ;x",    ";rport,",
	};
	char via[128];

	for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++) {
		for (int at_end = 0; at_end <= 1; at_end++) {
			snprintf(via, sizeof(via), "Via: SIP/2.0/UDP 192.0.2.1:5060%s%s%s",
			         at_end ? ";branch=z9hG4bK1" : "", params[i],
			         at_end ? "" : ";branch=z9hG4bK1");
			expect_same_without_fast_paths(REQ(.via = via), via);
		}
	}
}

static void
via_multi(void **state)
{
	(void)state;
	/* several values in one header, plus another header; order kept */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1 ,SIP/2.0/TCP "
	                     "b.example.com:5070;branch=z9hG4bK2\r\n"
	                     "Via: SIP/2.0/TLS [2001:db8::3];branch=z9hG4bK3"));
	assert_int_equal(msg.via_count, 3);
	assert_span_str(B, msg.via[0].host, "a.example.com");
	assert_span_str(B, msg.via[0].branch, "z9hG4bK1");
	assert_span_str(B, msg.via[1].host, "b.example.com");
	assert_int_equal(msg.via[1].port, 5070);
	assert_int_equal(msg.via[1].transport_id, SF_SIP_TRANSPORT_TCP);
	assert_span_str(B, msg.via[2].host, "[2001:db8::3]");
	assert_int_equal(msg.via[2].transport_id, SF_SIP_TRANSPORT_TLS);
	assert_int_equal(msg.headers[0].n_values, 2);
	assert_int_equal(msg.headers[1].n_values, 1);
	assert_span_str(B, msg.values[msg.headers[0].first_value],
	                "SIP/2.0/UDP a.example.com;branch=z9hG4bK1");
	assert_span_str(B, msg.values[msg.headers[0].first_value + 1],
	                "SIP/2.0/TCP b.example.com:5070;branch=z9hG4bK2");
	/* Via headers need not be adjacent */
	expect_ok(REQ(.extra = "Via: SIP/2.0/UDP c.example.com;branch=z9hG4bK9"));
	assert_int_equal(msg.via_count, 2);
	assert_span_str(B, msg.via[1].host, "c.example.com");
	/* a value split over folded lines */
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1,\r\n"
	                     "  SIP/2.0/UDP b.example.com;branch=z9hG4bK2"));
	assert_int_equal(msg.via_count, 2);
	assert_span_str(B, msg.via[1].branch, "z9hG4bK2");
}

static void
via_malformed(void **state)
{
	static const char *const bad[] = {
	        "Via: ",
	        "Via: SIP/2.0/UDP",
	        "Via: SIP/2.0/UDP ;branch=z9hG4bK1",
	        "Via: SIP/2.0 h.example.com;branch=z9hG4bK1",
	        "Via: SIP/2.0/ h.example.com;branch=z9hG4bK1",
	        "Via: h.example.com;branch=z9hG4bK1",
	        "Via: SIP/2.0/UDP h.example.com:;branch=z9hG4bK1",
	        "Via: SIP/2.0/UDP h.example.com:65536;branch=z9hG4bK1",
	        "Via: SIP/2.0/UDP h.example.com:5o60;branch=z9hG4bK1",
	        "Via: SIP/2.0/UDP [2001:db8::1;branch=z9hG4bK1",
	        "Via: SIP/2.0/UDP h.example.com;;branch=z9hG4bK1",
	        "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1;",
	        "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1,",
	        "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1,,SIP/2.0/UDP b;branch=z9hG4bK2",
	        "Via: SIP/2.0/UDP h.example.com;branch=",
	        "Via: SIP/2.0/UDP h.example.com;branch=\"z9hG4bK1",
	        "Via: SIP/2.0/UDP h.example.com;received=",
	        "Via: SIP/2.0/UDP h.example.com;rport=abc",
	        "Via: SIP/2.0/UDP h.example.com;rport=65536",
	        "Via: SIP/2.0/UDP h.example.com junk;branch=z9hG4bK1",
	        "Via: SIP/2.0/UDP 192.0.2.15;;,;,,", /* RFC 4475 badinv01 */
	};

	(void)state;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("%s\n", bad[i]);
		expect(REQ(.via = bad[i]), SF_SIP_ERR_BAD_VIA);
		assert_int_equal(sf_sip_error_status(msg.error), 400);
	}
	expect_among(REQ(.via = "Via: SIP//UDP h.example.com;branch=z9hG4bK1"), SF_SIP_ERR_BAD_VIA,
	             SF_SIP_ERR_BAD_VIA_VERSION);
	/* another SIP version in a Via is a 505 */
	expect(REQ(.via = "Via: SIP/3.0/UDP h.example.com;branch=z9hG4bK1"),
	       SF_SIP_ERR_BAD_VIA_VERSION);
	assert_int_equal(sf_sip_error_status(SF_SIP_ERR_BAD_VIA_VERSION), 505);
}

/* --- name-addr: From / To / Contact / Route ---------------------------------------- */

static void
name_addr(void **state)
{
	(void)state;
	expect_ok(REQ(0));
	assert_span_str(B, msg.from.display, "Alice");
	assert_span_str(B, msg.from.uri.raw, "sip:alice@atlanta.example.com");
	assert_span_str(B, msg.from.tag, "1928301774");
	assert_span_str(B, msg.from.params, ";tag=1928301774");
	assert_span_str(B, msg.from.raw, "Alice <sip:alice@atlanta.example.com>;tag=1928301774");
	assert_true(msg.from.bracketed);
	assert_span_str(B, msg.to.display, "Bob");
	assert_int_equal(msg.to.tag.len, 0);

	/* quoted display name with quoted-pairs, kept as written */
	expect_ok(REQ(.from = "From: \"Alice \\\"the\\\\ one\\\" <x>, y\" <sip:alice@a.example.com>"
	                      ";tag=9"));
	assert_span_str(B, msg.from.display, "\"Alice \\\"the\\\\ one\\\" <x>, y\"");
	assert_span_str(B, msg.from.uri.raw, "sip:alice@a.example.com");
	assert_span_str(B, msg.from.tag, "9");
	/* no space before '<', several unquoted tokens */
	expect_ok(REQ(.to = "To: \"Bob\"<sip:bob@b.example.com>",
	              .from = "From: Alice  B.  Smith<sip:alice@a.example.com>;tag=9"));
	assert_span_str(B, msg.to.display, "\"Bob\"");
	assert_span_str(B, msg.to.uri.raw, "sip:bob@b.example.com");
	assert_span_str(B, msg.from.display, "Alice  B.  Smith");
	/* no display name */
	expect_ok(REQ(.to = "To: <sip:bob@b.example.com>"));
	assert_int_equal(msg.to.display.len, 0);
	assert_true(msg.to.bracketed);
	/* the empty quoted display name */
	expect_ok(REQ(.to = "To: \"\" <sip:bob@b.example.com>"));
	assert_span_str(B, msg.to.display, "\"\"");

	/* addr-spec without < >: params after the URI are header params */
	expect_ok(REQ(.to = "To: sip:bob@b.example.com;user=phone;tag=abc"));
	assert_false(msg.to.bracketed);
	assert_span_str(B, msg.to.uri.raw, "sip:bob@b.example.com");
	assert_int_equal(msg.to.uri.params.len, 0);
	assert_int_equal(msg.to.uri.user_param.len, 0);
	assert_span_str(B, msg.to.tag, "abc");
	assert_span_str(B, msg.to.params, ";user=phone;tag=abc");
	/* inside < >, they belong to the URI */
	expect_ok(REQ(.to = "To: <sip:bob@b.example.com;user=phone>;tag=abc"));
	assert_span_str(B, msg.to.uri.params, ";user=phone");
	assert_span_str(B, msg.to.uri.user_param, "phone");
	assert_span_str(B, msg.to.tag, "abc");
	assert_span_str(B, msg.to.params, ";tag=abc");
	/* tag with LWS around '=', and among other params; case-insensitive name */
	expect_ok(REQ(.from = "From: <sip:alice@a.example.com> ; x=1 ; TAG = t-1 ;y"));
	assert_span_str(B, msg.from.tag, "t-1");
	/* a param called "tagx" is not the tag */
	expect_ok(REQ(.from = "From: <sip:alice@a.example.com>;tagx=1;tag=2"));
	assert_span_str(B, msg.from.tag, "2");
	/* ";TAG=" in any case, a quoted tag, the last of two, an empty one */
	expect_ok(REQ(.from = "From: \"A\" <sip:alice@a.example.com>;TAG=u7;x=1"));
	assert_span_str(B, msg.from.tag, "u7");
	assert_span_str(B, msg.from.params, ";TAG=u7;x=1");
	expect_ok(REQ(.from = "From: <sip:alice@a.example.com>;tag=\"q 1\""));
	assert_span_str(B, msg.from.tag, "\"q 1\"");
	expect_ok(REQ(.from = "From: <sip:alice@a.example.com>;tag=3;tag=4"));
	assert_span_str(B, msg.from.tag, "4");
	expect(REQ(.from = "From: <sip:alice@a.example.com>;tag="), SF_SIP_ERR_BAD_FROM);

	/* malformed */
	expect(REQ(.to = "To: <sip:bob@b.example.com"), SF_SIP_ERR_BAD_TO);
	expect(REQ(.to = "To: \"Bob <sip:bob@b.example.com>"), SF_SIP_ERR_BAD_TO);
	expect(REQ(.to = "To: Bob, Smith <sip:bob@b.example.com>"), SF_SIP_ERR_BAD_TO);
	expect(REQ(.to = "To: < sip:bob@b.example.com >"), SF_SIP_ERR_BAD_TO);
	expect(REQ(.to = "To: <>"), SF_SIP_ERR_BAD_TO);
	expect(REQ(.to = "To: "), SF_SIP_ERR_BAD_TO);
	expect(REQ(.to = "To: Bob"), SF_SIP_ERR_BAD_TO);
	expect(REQ(.to = "To: <sip:bob@b.example.com>, <sip:carol@c.example.com>"),
	       SF_SIP_ERR_BAD_TO);
	expect(REQ(.from = "From: <sip:alice@a.example.com>>;tag=1"), SF_SIP_ERR_BAD_FROM);
	expect(REQ(.from = "From: <sip:alice@a.example.com>;tag=1;;"), SF_SIP_ERR_BAD_FROM);
	expect(REQ(.from = "From: <sip:alice@a.example.com> junk;tag=1"), SF_SIP_ERR_BAD_FROM);
	expect(REQ(.from = "From: <sip:alice@>;tag=1"), SF_SIP_ERR_BAD_FROM);
}

static void
contacts(void **state)
{
	(void)state;
	/* two values in one header, commas inside quotes and in the user part */
	expect_ok(REQ(.extra = "Contact: \"Doe, John\" <sip:a,b@example.com;x=1>;q=0.7;"
	                       "expires=60, <sip:c@example.com>\r\n"
	                       "Contact: sip:d@example.com;q=0.1"));
	assert_int_equal(msg.contact_count, 3);
	assert_false(msg.contact_star);
	assert_span_str(B, msg.contact[0].display, "\"Doe, John\"");
	assert_span_str(B, msg.contact[0].uri.user, "a,b");
	assert_span_str(B, msg.contact[0].uri.params, ";x=1");
	assert_span_str(B, msg.contact[0].params, ";q=0.7;expires=60");
	assert_span_str(B, msg.contact[1].uri.raw, "sip:c@example.com");
	assert_span_str(B, msg.contact[2].uri.raw, "sip:d@example.com");
	assert_span_str(B, msg.contact[2].params, ";q=0.1");
	{
		int h = tsu_find_header(B, &msg, "Contact", 0);

		assert_int_equal(msg.headers[h].n_values, 2);
		assert_span_str(B, msg.values[msg.headers[h].first_value + 1],
		                "<sip:c@example.com>");
	}
	/* Contact '*' */
	expect_ok(REQ(.start = "REGISTER sip:registrar.example.com SIP/2.0",
	              .cseq = "CSeq: 2 REGISTER", .extra = "Contact: *\r\nExpires: 0"));
	assert_true(msg.contact_star);
	assert_int_equal(msg.contact_count, 0);
	assert_true(msg.has_expires);
	assert_int_equal(msg.expires, 0);
	/* '*' is one value, not a list: nothing in values[] */
	assert_int_equal(msg.headers[tsu_find_header(B, &msg, "Contact", 0)].n_values, 0);
	expect_ok(REQ(.start = "REGISTER sip:registrar.example.com SIP/2.0",
	              .cseq = "CSeq: 2 REGISTER", .extra = "m:   *   \r\nExpires: 0"));
	assert_true(msg.contact_star);
	/* '*' does not mix with addresses */
	expect(REQ(.extra = "Contact: *, <sip:a@example.com>"), SF_SIP_ERR_BAD_CONTACT);
	expect(REQ(.extra = "Contact: <sip:a@example.com>, *"), SF_SIP_ERR_BAD_CONTACT);
	/* malformed */
	expect(REQ(.extra = "Contact: <sip:a@example.com"), SF_SIP_ERR_BAD_CONTACT);
	expect(REQ(.extra = "Contact: <sip:a@example.com>,"), SF_SIP_ERR_BAD_CONTACT);
	/* ?headers outside < > (RFC 4475 regbadct) */
	expect(REQ(.extra = "Contact: sip:user@example.com?Route=%3Csip:sip.example.com%3E"),
	       SF_SIP_ERR_BAD_CONTACT);
	/* and inside them they are fine */
	expect_ok(REQ(.extra = "Contact: <sip:user@example.com?Route=%3Csip:x.example.com%3E>"));
	assert_span_str(B, msg.contact[0].uri.headers, "Route=%3Csip:x.example.com%3E");
	/* more Contacts than the view keeps */
	{
		char many[2048];
		size_t n = 0;

		n += (size_t)snprintf(many + n, sizeof(many) - n, "Contact: <sip:c0@example.com>");
		for (int i = 1; i <= SF_SIP_MAX_CONTACTS; i++)
			n += (size_t)snprintf(many + n, sizeof(many) - n, ", <sip:c%d@example.com>",
			                      i);
		expect(REQ(.extra = many), SF_SIP_ERR_TOO_MANY_CONTACTS);
		assert_int_equal(sf_sip_error_status(SF_SIP_ERR_TOO_MANY_CONTACTS), 513);
		/* the same in Contact headers of one value each (the dispatch's
		 * fast path): the view's last Contact accepted, one more not */
		n = 0;
		for (int i = 0; i < SF_SIP_MAX_CONTACTS; i++)
			n += (size_t)snprintf(many + n, sizeof(many) - n,
			                      "%sContact: <sip:c%d@example.com>;expires=%d",
			                      i ? "\r\n" : "", i, i);
		expect_ok(REQ(.extra = many));
		assert_int_equal(msg.contact_count, SF_SIP_MAX_CONTACTS);
		for (int i = 0; i < SF_SIP_MAX_CONTACTS; i++) {
			const struct sf_sip_header *h =
			        &msg.headers[msg.first_header[SF_SIP_HDR_CONTACT] + i];
			char user[8];

			snprintf(user, sizeof(user), "c%d", i);
			assert_span_str(B, msg.contact[i].uri.user, user);
			assert_int_equal(h->id, SF_SIP_HDR_CONTACT);
			assert_int_equal(h->n_values, 1);
			assert_int_equal(msg.values[h->first_value].off, msg.contact[i].raw.off);
			assert_int_equal(msg.values[h->first_value].len, msg.contact[i].raw.len);
		}
		snprintf(many + n, sizeof(many) - n, "\r\nContact: <sip:one@example.com>");
		expect(REQ(.extra = many), SF_SIP_ERR_TOO_MANY_CONTACTS);
	}
	/* the values array full (the Via's value and 511 Supported ones): a
	 * Contact after them is one too many */
	{
		static char values[8192];
		size_t n = (size_t)snprintf(values, sizeof(values), "Supported: t0");

		for (int i = 1; i < SF_SIP_MAX_VALUES - 1; i++)
			n += (size_t)snprintf(values + n, sizeof(values) - n, ",t%d", i);
		expect_ok(REQ(.extra = values));
		assert_int_equal(msg.value_count, SF_SIP_MAX_VALUES);
		snprintf(values + n, sizeof(values) - n, "\r\nContact: <sip:one@example.com>");
		expect(REQ(.extra = values), SF_SIP_ERR_TOO_MANY_VALUES);
	}
}

static void
routes(void **state)
{
	(void)state;
	expect_ok(REQ(.extra = "Route: <sip:p1.example.com;lr>,<sip:p2.example.com;lr>\r\n"
	                       "Route: <sip:192.0.2.7:5080;transport=tcp;lr>\r\n"
	                       "Record-Route: <sip:rr1.example.com;lr>, \"proxy\" "
	                       "<sip:rr2.example.com;lr;maddr=192.0.2.99>"));
	assert_int_equal(msg.route_count, 3);
	assert_span_str(B, msg.route[0].uri.host, "p1.example.com");
	assert_true(msg.route[0].uri.lr);
	assert_span_str(B, msg.route[1].uri.host, "p2.example.com");
	assert_span_str(B, msg.route[2].uri.host, "192.0.2.7");
	assert_int_equal(msg.route[2].uri.port, 5080);
	assert_int_equal(msg.route[2].uri.transport, SF_SIP_TRANSPORT_TCP);
	assert_int_equal(msg.record_route_count, 2);
	assert_span_str(B, msg.record_route[1].display, "\"proxy\"");
	assert_span_str(B, msg.record_route[1].uri.maddr, "192.0.2.99");
	/* a strict route (no lr) */
	expect_ok(REQ(.extra = "Route: <sip:p1.example.com>"));
	assert_false(msg.route[0].uri.lr);
	/* Route values must be name-addrs */
	expect(REQ(.extra = "Route: <sip:p1.example.com;lr"), SF_SIP_ERR_BAD_ROUTE);
	expect(REQ(.extra = "Record-Route: <sip:p1.example.com;lr>,"), SF_SIP_ERR_BAD_RECORD_ROUTE);
	{
		char many[2048];
		size_t n = 0;

		n += (size_t)snprintf(many + n, sizeof(many) - n, "Route: <sip:r0.example.com;lr>");
		for (int i = 1; i <= SF_SIP_MAX_ROUTES; i++)
			n += (size_t)snprintf(many + n, sizeof(many) - n,
			                      ",<sip:r%d.example.com;lr>", i);
		expect(REQ(.extra = many), SF_SIP_ERR_TOO_MANY_ROUTES);
	}
	/* One value per header takes the direct path, as Contact's: the same
	 * entries, values and counts as the list grammar gives, and the same
	 * limit when the headers, not one list, run over it. */
	static const char *const single[] = {
	        ("Route: <sip:198.18.0.10;lr>\r\nRoute: <sip:p2.example.com:5070;lr>\r\n"
	         "Record-Route: \"p\" <sip:rr.example.com;lr;transport=udp>;x=1"),
	        "Record-Route: <sip:rr.example.com;lr>\r\nRecord-Route: <sip:198.18.0.11;lr>",
	        "Route: <sip:p1.example.com;lr>;x,<sip:p2.example.com>",
	        "Route: sip:p1.example.com;lr",
	        "Record-Route: <sip:p1.example.com;lr",
	        "Route: <sip:p1.example.com;lr> ",
	};

	for (size_t i = 0; i < sizeof(single) / sizeof(single[0]); i++)
		expect_same_without_fast_paths(REQ(.extra = single[i]), single[i]);
	expect_ok(REQ(.extra = single[0]));
	assert_int_equal(msg.route_count, 2);
	assert_int_equal(msg.record_route_count, 1);
	assert_span_str(B, msg.route[0].uri.host, "198.18.0.10");
	assert_int_equal(msg.route[0].uri.host_type, SF_SIP_HOST_IPV4);
	assert_true(msg.route[0].uri.lr);
	assert_int_equal(msg.route[1].uri.port, 5070);
	assert_span_str(B, msg.record_route[0].display, "\"p\"");
	assert_span_str(B, msg.record_route[0].params, ";x=1");
	assert_int_equal(msg.record_route[0].uri.transport, SF_SIP_TRANSPORT_UDP);
	int h = tsu_find_header(B, &msg, "Route", 1);

	assert_int_equal(msg.headers[h].n_values, 1);
	assert_span_str(B, msg.values[msg.headers[h].first_value], "<sip:p2.example.com:5070;lr>");
	h = tsu_find_header(B, &msg, "Record-Route", 0);
	assert_int_equal(msg.headers[h].n_values, 1);
	assert_span_str(B, msg.values[msg.headers[h].first_value],
	                "\"p\" <sip:rr.example.com;lr;transport=udp>;x=1");
	for (int rr = 0; rr < 2; rr++) {
		char many[2048];
		size_t n = 0;

		for (int i = 0; i <= SF_SIP_MAX_ROUTES; i++)
			n += (size_t)snprintf(many + n, sizeof(many) - n,
			                      "%s%s: <sip:r%d.example.com;lr>", i > 0 ? "\r\n" : "",
			                      rr ? "Record-Route" : "Route", i);
		expect(REQ(.extra = many), SF_SIP_ERR_TOO_MANY_ROUTES);
		expect_same_without_fast_paths(SF_SIP_ERR_TOO_MANY_ROUTES, many);
	}
}

/* --- URIs ----------------------------------------------------------------------- */

static void
uri_schemes(void **state)
{
	(void)state;
	expect_ok(REQ(.start = "INVITE sips:bob@biloxi.example.com SIP/2.0"));
	assert_int_equal(msg.ruri.scheme_id, SF_SIP_SCHEME_SIPS);
	assert_span_str(B, msg.ruri.scheme, "sips");
	expect_ok(REQ(.start = "INVITE tel:+1-201-555-0123 SIP/2.0"));
	assert_int_equal(msg.ruri.scheme_id, SF_SIP_SCHEME_TEL);
	assert_span_str(B, msg.ruri.raw, "tel:+1-201-555-0123");
	/* the scheme is case-insensitive (RFC 3261 §19.1.4) */
	expect_ok(REQ(.start = "INVITE SIP:bob@biloxi.example.com SIP/2.0"));
	assert_int_equal(msg.ruri.scheme_id, SF_SIP_SCHEME_SIP);
	assert_span_str(B, msg.ruri.host, "biloxi.example.com");
	/* any other scheme in the Request-URI: 416 */
	expect(REQ(.start = "INVITE http://www.example.com/ SIP/2.0"), SF_SIP_ERR_RURI_SCHEME);
	assert_int_equal(sf_sip_error_status(SF_SIP_ERR_RURI_SCHEME), 416);
	expect(REQ(.start = "OPTIONS im:bob@example.com SIP/2.0", .cseq = "CSeq: 1 OPTIONS"),
	       SF_SIP_ERR_RURI_SCHEME);
	/* ... but anywhere else it is fine */
	expect_ok(REQ(.to = "To: <mailto:bob@example.com>", .extra = "Contact: <im:bob@x.org>"));
	assert_int_equal(msg.to.uri.scheme_id, SF_SIP_SCHEME_OTHER);
	assert_span_str(B, msg.to.uri.scheme, "mailto");
	assert_int_equal(msg.contact[0].uri.scheme_id, SF_SIP_SCHEME_OTHER);
	/* not a URI at all */
	expect(REQ(.start = "INVITE bob SIP/2.0"), SF_SIP_ERR_BAD_RURI);
	expect(REQ(.start = "INVITE :bob@example.com SIP/2.0"), SF_SIP_ERR_BAD_RURI);
	expect(REQ(.start = "INVITE sip: SIP/2.0"), SF_SIP_ERR_BAD_RURI);
}

static void
uri_parts(void **state)
{
	(void)state;
	/* user with escapes and user-unreserved chars, password */
	expect_ok(REQ(.start = "INVITE sip:al%20ice+1&x=y:p%40ss@a.example.com SIP/2.0"));
	assert_span_str(B, msg.ruri.user, "al%20ice+1&x=y");
	assert_span_str(B, msg.ruri.password, "p%40ss");
	assert_span_str(B, msg.ruri.host, "a.example.com");
	/* empty password */
	expect_ok(REQ(.start = "INVITE sip:alice:@a.example.com SIP/2.0"));
	assert_span_str(B, msg.ruri.user, "alice");
	assert_int_equal(msg.ruri.password.len, 0);
	/* no user part */
	expect_ok(REQ(.start = "INVITE sip:a.example.com:5060 SIP/2.0"));
	assert_int_equal(msg.ruri.user.len, 0);
	assert_span_str(B, msg.ruri.host, "a.example.com");
	assert_int_equal(msg.ruri.port, 5060);

	/* host types */
	expect_ok(REQ(.start = "INVITE sip:bob@192.0.2.1 SIP/2.0"));
	assert_int_equal(msg.ruri.host_type, SF_SIP_HOST_IPV4);
	assert_span_str(B, msg.ruri.host, "192.0.2.1");
	expect_ok(REQ(.start = "INVITE sip:bob@[2001:db8::1]:5070 SIP/2.0"));
	assert_int_equal(msg.ruri.host_type, SF_SIP_HOST_IPV6);
	assert_span_str(B, msg.ruri.host, "[2001:db8::1]");
	assert_int_equal(msg.ruri.port, 5070);
	expect_ok(REQ(.start = "INVITE sip:bob@[::ffff:192.0.2.1] SIP/2.0"));
	assert_int_equal(msg.ruri.host_type, SF_SIP_HOST_IPV6);
	expect_ok(REQ(.start = "INVITE sip:bob@example.com. SIP/2.0"));
	assert_int_equal(msg.ruri.host_type, SF_SIP_HOST_NAME);
	expect_ok(REQ(.start = "INVITE sip:bob@localhost SIP/2.0"));
	assert_int_equal(msg.ruri.host_type, SF_SIP_HOST_NAME);
	assert_span_str(B, msg.ruri.host, "localhost");
	/* an unbracketed IPv6 address is not a host (RFC 5118 §4.2) */
	expect(REQ(.start = "INVITE sip:2001:db8::10 SIP/2.0"), SF_SIP_ERR_BAD_RURI);
	expect(REQ(.start = "INVITE sip:bob@[2001:db8::1 SIP/2.0"), SF_SIP_ERR_BAD_RURI);
	expect(REQ(.start = "INVITE sip:bob@[2001:db8::1]x SIP/2.0"), SF_SIP_ERR_BAD_RURI);
	expect(REQ(.start = "INVITE sip:bob@ SIP/2.0"), SF_SIP_ERR_BAD_RURI);
	expect(REQ(.start = "INVITE sip:@example.com SIP/2.0"), SF_SIP_ERR_BAD_RURI);

	/* Ports 0-65535. The default port has a word compare of its own
	 * (parse_hostport): it ends there only when no digit follows. */
	static const struct {
		const char *port;
		long want; /* the port, or -1 for a malformed Request-URI */
	} ports[] = {
	        {"65535", 65535},  {"1", 1},           {"65536", -1},    {"99999", -1},
	        {"0005060", 5060}, {"4294967297", -1}, {"", -1},         {"50a", -1},
	        {"-1", -1},        {"5060", 5060},     {"50600", 50600}, {"5061", 5061},
	        {"506000", -1},    {"5060x", -1},
	};
	for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
		char start[96];

		snprintf(start, sizeof(start), "INVITE sip:bob@b.example.com:%s SIP/2.0",
		         ports[i].port);
		if (ports[i].want < 0) {
			expect(REQ(.start = start), SF_SIP_ERR_BAD_RURI);
		} else {
			expect_ok(REQ(.start = start));
			assert_int_equal(msg.ruri.port, ports[i].want);
		}
	}
	expect_ok(REQ(.start = "INVITE sip:bob@b.example.com:5060;lr SIP/2.0",
	              .to = "To: <sip:bob@192.0.2.4:50601>",
	              .via = "Via: SIP/2.0/UDP 192.0.2.1:50600;branch=z9hG4bK1",
	              .extra = "Contact: <sip:c@192.0.2.5:5060>"));
	assert_int_equal(msg.ruri.port, 5060);
	assert_true(msg.ruri.lr);
	assert_int_equal(msg.to.uri.port, 50601);
	assert_int_equal(msg.via[0].port, 50600);
	assert_int_equal(msg.contact[0].uri.port, 5060);
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP 192.0.2.1:5060"));
	assert_int_equal(msg.via[0].port, 5060);
	expect(REQ(.via = "Via: SIP/2.0/UDP 192.0.2.1:50609999;branch=z9hG4bK1"),
	       SF_SIP_ERR_BAD_VIA);
	/* in name-addrs the same */
	expect(REQ(.to = "To: <sip:bob@b.example.com:70000>"), SF_SIP_ERR_BAD_TO);
	expect(REQ(.extra = "Contact: <sip:bob@b.example.com:99999>"), SF_SIP_ERR_BAD_CONTACT);
}

static void
uri_params(void **state)
{
	(void)state;
	expect_ok(REQ(.start = "INVITE sip:bob@b.example.com;transport=tcp;lr;maddr=239.255.255.1"
	                       ";user=phone;x=y SIP/2.0"));
	assert_span_str(B, msg.ruri.params, ";transport=tcp;lr;maddr=239.255.255.1;user=phone;x=y");
	assert_int_equal(msg.ruri.transport, SF_SIP_TRANSPORT_TCP);
	assert_true(msg.ruri.lr);
	assert_span_str(B, msg.ruri.maddr, "239.255.255.1");
	assert_span_str(B, msg.ruri.user_param, "phone");
	assert_span_str(B, msg.ruri.host, "b.example.com");
	/* none */
	expect_ok(REQ(0));
	assert_int_equal(msg.ruri.transport, SF_SIP_TRANSPORT_NONE);
	assert_false(msg.ruri.lr);
	assert_int_equal(msg.ruri.params.len, 0);
	/* transports, case-insensitive names and values */
	static const struct {
		const char *p;
		enum sf_sip_transport t;
	} tp[] = {
	        {"transport=udp", SF_SIP_TRANSPORT_UDP},
	        {"transport=TCP", SF_SIP_TRANSPORT_TCP},
	        {"TRANSPORT=tls", SF_SIP_TRANSPORT_TLS},
	        {"transport=sctp", SF_SIP_TRANSPORT_SCTP},
	        {"transport=ws", SF_SIP_TRANSPORT_WS},
	        {"transport=wss", SF_SIP_TRANSPORT_WSS},
	        {"transport=foo", SF_SIP_TRANSPORT_OTHER},
	};
	for (unsigned i = 0; i < sizeof(tp) / sizeof(tp[0]); i++) {
		char start[128];

		snprintf(start, sizeof(start), "INVITE sip:bob@b.example.com:5061;%s SIP/2.0",
		         tp[i].p);
		expect_ok(REQ(.start = start));
		assert_int_equal(msg.ruri.transport, tp[i].t);
		assert_int_equal(msg.ruri.port, 5061);
	}
	/* a param merely starting with "lr" is not lr */
	expect_ok(REQ(.start = "INVITE sip:bob@b.example.com;lrx SIP/2.0"));
	assert_false(msg.ruri.lr);
	/* ?headers are not allowed in the Request-URI */
	expect(REQ(.start = "INVITE sip:bob@b.example.com?Subject=hi SIP/2.0"),
	       SF_SIP_ERR_RURI_HEADERS);
	/* ... but they are in other URIs */
	expect_ok(REQ(.to = "To: <sip:bob@b.example.com;x=1?Subject=hi&Priority=urgent>"));
	assert_span_str(B, msg.to.uri.params, ";x=1");
	assert_span_str(B, msg.to.uri.headers, "Subject=hi&Priority=urgent");
	/* an empty param name */
	expect(REQ(.start = "INVITE sip:bob@b.example.com;;lr SIP/2.0"), SF_SIP_ERR_BAD_RURI);

	/* transport=udp/tcp/tls, user=phone and lr are matched as words
	 * when the URI's end, a ';' or a '>' follows them, and by the
	 * general loop otherwise: both the same */
	expect_ok(REQ(.start = "INVITE sip:bob@b.example.com;transport=UDP SIP/2.0"));
	assert_int_equal(msg.ruri.transport, SF_SIP_TRANSPORT_UDP);
	assert_span_str(B, msg.ruri.params, ";transport=UDP");
	expect_ok(REQ(.start = "INVITE sip:bob@b.example.com;Transport=tls;LR;user=phone SIP/2.0"));
	assert_int_equal(msg.ruri.transport, SF_SIP_TRANSPORT_TLS);
	assert_true(msg.ruri.lr);
	assert_span_str(B, msg.ruri.user_param, "phone");
	assert_span_str(B, msg.ruri.params, ";Transport=tls;LR;user=phone");
	expect_ok(REQ(.to = "To: <sip:bob@b.example.com;transport=tcp>;tag=1"));
	assert_int_equal(msg.to.uri.transport, SF_SIP_TRANSPORT_TCP);
	assert_span_str(B, msg.to.uri.params, ";transport=tcp");
	assert_span_str(B, msg.to.tag, "1");
	expect_ok(REQ(.to = "To: <sip:bob@b.example.com;user=phone;lr>"));
	assert_span_str(B, msg.to.uri.user_param, "phone");
	assert_true(msg.to.uri.lr);
	/* the last of a repeated parameter wins, either way */
	expect_ok(
	        REQ(.to = "To: <sip:b@b.example.com;transport=tcp;transport=sctp;transport=udp>"));
	assert_int_equal(msg.to.uri.transport, SF_SIP_TRANSPORT_UDP);
	expect_ok(REQ(.to = "To: <sip:b@b.example.com;transport=udp;transport=sctp>"));
	assert_int_equal(msg.to.uri.transport, SF_SIP_TRANSPORT_SCTP);
	/* longer values and names, values and escapes after them */
	static const struct {
		const char *params;
		enum sf_sip_transport transport;
		const char *user;
		bool lr;
	} near[] = {
	        {";transport=udpx", SF_SIP_TRANSPORT_OTHER, "", false},
	        {";transport=udp%41", SF_SIP_TRANSPORT_OTHER, "", false},
	        {";transport=ud", SF_SIP_TRANSPORT_OTHER, "", false},
	        {";transports=udp", SF_SIP_TRANSPORT_NONE, "", false},
	        {";user=phones", SF_SIP_TRANSPORT_NONE, "phones", false},
	        {";user=phone%41", SF_SIP_TRANSPORT_NONE, "phone%41", false},
	        {";user=phon", SF_SIP_TRANSPORT_NONE, "phon", false},
	        {";lr=on", SF_SIP_TRANSPORT_NONE, "", true},
	        {";lrx;lr", SF_SIP_TRANSPORT_NONE, "", true},
	        {";lr%41", SF_SIP_TRANSPORT_NONE, "", false},
	};
	for (unsigned i = 0; i < sizeof(near) / sizeof(near[0]); i++) {
		char start[128], to[128];

		snprintf(start, sizeof(start), "INVITE sip:bob@b.example.com%s SIP/2.0",
		         near[i].params);
		snprintf(to, sizeof(to), "To: <sip:bob@b.example.com%s>", near[i].params);
		for (int in_to = 0; in_to < 2; in_to++) {
			const struct sf_sip_uri *uri = in_to ? &msg.to.uri : &msg.ruri;

			expect_ok(in_to ? REQ(.to = to) : REQ(.start = start));
			assert_span_str(B, uri->params, near[i].params);
			assert_int_equal(uri->transport, near[i].transport);
			assert_span_str(B, uri->user_param, near[i].user);
			assert_int_equal(uri->lr, near[i].lr);
		}
	}
}

/* --- numbers ---------------------------------------------------------------------- */

/* values[] holds what the list grammars split, in header order; every
 * other header is its own one value and has none there (sip.h). */
static void
split_values(void **state)
{
	(void)state;
	expect_ok(REQ(.extra = "Supported: timer, 100rel\r\n"
	                       "X-Custom: a, b, c\r\n"
	                       "Subject: one, two\r\n"
	                       "Allow: INVITE, ACK,BYE"));
	/* Header by header, each list's values right after the last one's;
	 * a header that is one value has none (first_value 0). */
	unsigned listed = 0;

	for (unsigned i = 0; i < msg.header_count; i++) {
		const struct sf_sip_header *h = &msg.headers[i];

		assert_int_equal(h->first_value, h->n_values != 0 ? listed : 0);
		switch (h->id) {
		case SF_SIP_HDR_VIA:
		case SF_SIP_HDR_CONTACT:
		case SF_SIP_HDR_ROUTE:
		case SF_SIP_HDR_RECORD_ROUTE:
		case SF_SIP_HDR_SUPPORTED:
		case SF_SIP_HDR_REQUIRE:
		case SF_SIP_HDR_PROXY_REQUIRE:
		case SF_SIP_HDR_ALLOW:
		case SF_SIP_HDR_ALLOW_EVENTS: assert_true(h->n_values >= 1); break;
		default: assert_int_equal(h->n_values, 0); break;
		}
		listed += h->n_values;
	}
	assert_int_equal(msg.value_count, listed);
	int h = tsu_find_header(B, &msg, "Supported", 0);

	assert_int_equal(msg.headers[h].n_values, 2);
	assert_span_str(B, msg.values[msg.headers[h].first_value + 1], "100rel");
	h = tsu_find_header(B, &msg, "Allow", 0);
	assert_int_equal(msg.headers[h].n_values, 3);
	assert_span_str(B, msg.values[msg.headers[h].first_value + 2], "BYE");
	/* unknown and unsplit known headers keep their whole value */
	h = tsu_find_header(B, &msg, "X-Custom", 0);
	assert_int_equal(msg.headers[h].n_values, 0);
	assert_span_str(B, msg.headers[h].value, "a, b, c");
	h = tsu_find_header(B, &msg, "Subject", 0);
	assert_int_equal(msg.headers[h].n_values, 0);
	assert_span_str(B, msg.headers[h].value, "one, two");
	h = tsu_find_header(B, &msg, "Call-ID", 0);
	assert_int_equal(msg.headers[h].n_values, 0);
	/* From and To are one name-addr each, not lists */
	h = tsu_find_header(B, &msg, "From", 0);
	assert_int_equal(msg.headers[h].n_values, 0);
	h = tsu_find_header(B, &msg, "To", 0);
	assert_int_equal(msg.headers[h].n_values, 0);
}

/* Token lists (Supported, Require, Allow, ...) in every shape: one SP or
 * HT after a comma, none, more, white space before a comma, empty
 * elements, a folded line, a quoted comma. The same view with the fast
 * paths on and off, with the first element running up to and past the
 * value's first 64 octets, so that a comma and what follows it fall on
 * either side of a block edge; then the values and Allow's methods. */
static void
token_lists(void **state)
{
	static const char *const lists[] = {
	        "timer, 100rel",     "timer,\t100rel",
	        "timer,100rel",      "timer ,100rel",
	        "timer,  100rel",    "timer, , 100rel",
	        "timer, 100rel,",    ", timer",
	        "timer,,100rel",     "a b, c",
	        "timer,\r\n 100rel", "x",
	        "\"a, b\", c",       "timer, 100rel, path, gruu, replaces, norefersub, tdialog",
	};
	static const char *const names[] = {"Supported", "Allow", "Require", "Allow-Events"};
	static const char padding[] =
	        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
	static char extra[512];

	(void)state;
	for (size_t n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
		for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
			for (int pad = 0; pad <= 70; pad++) {
				int len = snprintf(extra, sizeof(extra), "%s: %.*s%s", names[n],
				                   pad, padding, lists[l]);

				assert_true(len > 0 && (size_t)len < sizeof(extra));
				expect_same_without_fast_paths(REQ(.extra = extra), extra);
			}
		}
	}
	/* the values as written, and Allow's methods */
	expect_ok(REQ(.extra = "Allow: INVITE, ACK, CANCEL, BYE, NOTIFY, REFER, MESSAGE, OPTIONS, "
	                       "INFO, SUBSCRIBE, PRACK, UPDATE, PUBLISH, REGISTER, invite, FOO"));
	int h = tsu_find_header(B, &msg, "Allow", 0);

	assert_int_equal(msg.headers[h].n_values, 16);
	assert_span_str(B, msg.values[msg.headers[h].first_value], "INVITE");
	assert_span_str(B, msg.values[msg.headers[h].first_value + 9], "SUBSCRIBE");
	assert_span_str(B, msg.values[msg.headers[h].first_value + 15], "FOO");
	/* every method but UNKNOWN and EXTENSION, which are no names */
	assert_int_equal(msg.allow_mask,
	                 ((1u << SF_SIP_METHOD_EXTENSION) - 1) & ~(1u << SF_SIP_METHOD_UNKNOWN));
	expect_ok(REQ(.extra = "Supported: timer, , 100rel,"));
	h = tsu_find_header(B, &msg, "Supported", 0);
	assert_int_equal(msg.headers[h].n_values, 2);
	assert_span_str(B, msg.values[msg.headers[h].first_value + 1], "100rel");
}

static void
cseq(void **state)
{
	(void)state;
	expect_ok(REQ(.cseq = "CSeq: 4294967295 INVITE"));
	assert_int_equal(msg.cseq, 4294967295u);
	assert_span_str(B, msg.cseq_method_name, "INVITE");
	expect_ok(REQ(.cseq = "CSeq: 0 INVITE"));
	assert_int_equal(msg.cseq, 0);
	expect_ok(REQ(.cseq = "CSeq:   0042 \t INVITE  "));
	assert_int_equal(msg.cseq, 42);
	assert_span_str(B, msg.cseq_method_name, "INVITE");
	expect_ok(REQ(.cseq = "CSeq: 7\r\n INVITE"));
	assert_int_equal(msg.cseq, 7);
	/* Every length up to eight digits, which are converted at once, and
	 * nine, which are not; leading zeros too. */
	static const char digits[] = "987654321";

	for (int n = 1; n <= 9; n++) {
		char line[32];
		uint32_t want = 0;

		for (int i = 0; i < n; i++)
			want = want * 10 + (uint32_t)(digits[i] - '0');
		snprintf(line, sizeof(line), "CSeq: %.*s INVITE", n, digits);
		expect_ok(REQ(.cseq = line));
		assert_int_equal(msg.cseq, want);
	}
	expect_ok(REQ(.cseq = "CSeq: 00000001 INVITE"));
	assert_int_equal(msg.cseq, 1);
	expect_ok(REQ(.cseq = "CSeq: 99999999 INVITE"));
	assert_int_equal(msg.cseq, 99999999);

	static const char *const bad[] = {
	        "CSeq: 4294967296 INVITE",
	        "CSeq: 99999999999999999999 INVITE",
	        "CSeq: INVITE",
	        "CSeq: 1",
	        "CSeq: -1 INVITE",
	        "CSeq: 1 INVITE extra",
	        "CSeq: 1x INVITE",
	        "CSeq: ",
	        "CSeq: 1INVITE",
	        "CSeq: 1 INV@ITE",
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("%s\n", bad[i]);
		expect(REQ(.cseq = bad[i]), SF_SIP_ERR_BAD_CSEQ);
	}
	/* the CSeq method must be the request's (case-sensitive) */
	expect(REQ(.cseq = "CSeq: 1 ACK"), SF_SIP_ERR_CSEQ_METHOD_MISMATCH);
	expect(REQ(.cseq = "CSeq: 1 invite"), SF_SIP_ERR_CSEQ_METHOD_MISMATCH);
	expect(REQ(.start = "FOO sip:bob@b.example.com SIP/2.0", .cseq = "CSeq: 1 BAR"),
	       SF_SIP_ERR_CSEQ_METHOD_MISMATCH);
	expect_ok(REQ(.start = "FOO sip:bob@b.example.com SIP/2.0", .cseq = "CSeq: 1 FOO"));
	assert_int_equal(msg.method, SF_SIP_METHOD_EXTENSION);
	assert_span_str(B, msg.cseq_method_name, "FOO");
	expect_ok(REQ(.start = "ACK sip:bob@b.example.com SIP/2.0", .cseq = "CSeq: 314159 ACK"));
	assert_int_equal(msg.cseq_method, SF_SIP_METHOD_ACK);
}

static void
max_forwards(void **state)
{
	(void)state;
	expect_ok(REQ(.mf = "Max-Forwards: 0"));
	assert_int_equal(msg.max_forwards, 0);
	expect_ok(REQ(.mf = "Max-Forwards: 255"));
	assert_int_equal(msg.max_forwards, 255);
	expect_ok(REQ(.mf = "Max-Forwards:  070 "));
	assert_int_equal(msg.max_forwards, 70);
	static const char *const bad[] = {
	        "Max-Forwards: 256", "Max-Forwards: 300",
	        "Max-Forwards: -1",  "Max-Forwards: abc",
	        "Max-Forwards: ",    "Max-Forwards: 1 2",
	        "Max-Forwards: 7x",  "Max-Forwards: 99999999999999999999",
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("%s\n", bad[i]);
		expect(REQ(.mf = bad[i]), SF_SIP_ERR_BAD_MAX_FORWARDS);
	}
}

static void
content_length(void **state)
{
	(void)state;
	expect_ok(REQ(.cl = "Content-Length: 11", .body = "hello world"));
	assert_true(msg.has_content_length);
	assert_int_equal(msg.content_length, 11);
	assert_span_str(B, msg.body, "hello world");
	/* smaller than what follows: the body is cut (the rest is discarded) */
	expect_ok(REQ(.cl = "Content-Length: 5", .body = "hello world"));
	assert_int_equal(msg.content_length, 5);
	assert_span_str(B, msg.body, "hello");
	expect_ok(REQ(.cl = "l: 0", .body = "trailing junk"));
	assert_int_equal(msg.body.len, 0);
	/* larger: truncated body */
	expect(REQ(.cl = "Content-Length: 12", .body = "hello world"), SF_SIP_ERR_BODY_TRUNCATED);
	expect(REQ(.cl = "Content-Length: 1"), SF_SIP_ERR_BODY_TRUNCATED);
	/* absent: the body is the rest of the datagram */
	expect_ok(REQ(.cl = "", .body = "the rest\r\n"));
	assert_false(msg.has_content_length);
	assert_span_str(B, msg.body, "the rest\r\n");
	/* leading zeros and LWS */
	expect_ok(REQ(.cl = "Content-Length:   005  ", .body = "hello"));
	assert_int_equal(msg.content_length, 5);
	/* malformed */
	static const char *const bad[] = {
	        "Content-Length: -1",  "Content-Length: abc", "Content-Length: ",
	        "Content-Length: 1 2", "Content-Length: 5x",  "Content-Length: +5",
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("%s\n", bad[i]);
		expect(REQ(.cl = bad[i], .body = "hello"), SF_SIP_ERR_BAD_CONTENT_LENGTH);
	}
	expect_among(REQ(.cl = "Content-Length: 99999999999999999999", .body = "x"),
	             SF_SIP_ERR_BAD_CONTENT_LENGTH, SF_SIP_ERR_BODY_TRUNCATED);
	expect_among(REQ(.cl = "Content-Length: 4294967296", .body = "x"),
	             SF_SIP_ERR_BAD_CONTENT_LENGTH, SF_SIP_ERR_BODY_TRUNCATED);
	/* two different values */
	expect(REQ(.extra = "Content-Length: 3", .cl = "l: 5", .body = "hello"),
	       SF_SIP_ERR_CONTENT_LENGTH_CONFLICT);
	expect(REQ(.extra = "Content-Length: 5", .cl = "Content-Length: 3", .body = "hello"),
	       SF_SIP_ERR_CONTENT_LENGTH_CONFLICT);
	/* a body with NULs and bare LFs is framed by the length only */
	{
		static const uint8_t body[] = {'a', 0, '\n', '\n', 0, '\r', '\n', '\r', '\n', 'z'};
		size_t n = build((struct req){.cl = "Content-Length: 10"});

		memcpy(text + n, body, sizeof(body));
		expect_ok(parse_bytes(text, n + sizeof(body)));
		assert_int_equal(msg.body.len, 10);
		assert_memory_equal(B + msg.body.off, body, 10);
	}
}

static void
other_known_headers(void **state)
{
	(void)state;
	expect_ok(REQ(.extra = "Expires: 3600\r\n"
	                       "User-Agent: softphone/1.0 (test)\r\n"
	                       "Event: presence;id=17\r\n"
	                       "Allow: INVITE, ACK,CANCEL , OPTIONS, FOO\r\n"
	                       "Content-Type: application/sdp;charset=utf-8\r\n"
	                       "Authorization: Digest username=\"bob\", realm=\"b.example.com\", "
	                       "nonce=\"x\", uri=\"sip:b.example.com\", response=\"0\""));
	assert_true(msg.has_expires);
	assert_int_equal(msg.expires, 3600);
	assert_span_str(B, msg.user_agent, "softphone/1.0 (test)");
	assert_span_str(B, msg.event, "presence");
	assert_int_equal(msg.allow_mask, (1u << SF_SIP_METHOD_INVITE) | (1u << SF_SIP_METHOD_ACK) |
	                                         (1u << SF_SIP_METHOD_CANCEL) |
	                                         (1u << SF_SIP_METHOD_OPTIONS));
	assert_span_str(B, msg.content_type, "application/sdp;charset=utf-8");
	assert_span_str(B, msg.auth_scheme, "Digest");
	assert_span_str(B, msg.auth_username, "bob");
	/* the username anywhere among the params, unquoted too; the first of
	 * two wins */
	expect_ok(REQ(.extra = "Authorization: Digest realm=\"b.example.com\", nonce=\"x\", "
	                       "algorithm=MD5, username=carol, uri=\"sip:b.example.com\""));
	assert_span_str(B, msg.auth_username, "carol");
	expect_ok(REQ(.extra = "Authorization: Digest realm=\"r\", username=\"dave\", "
	                       "username=\"eve\""));
	assert_span_str(B, msg.auth_username, "dave");
	/* and absent */
	expect_ok(REQ(0));
	assert_false(msg.has_expires);
	assert_int_equal(msg.auth_scheme.len, 0);
	assert_int_equal(msg.allow_mask, 0);
	assert_int_equal(msg.first_header[SF_SIP_HDR_AUTHORIZATION], 0xffff);

	expect_ok(REQ(.extra = "Expires: 4294967295"));
	assert_int_equal(msg.expires, 4294967295u);
	/* out of range or malformed reads as 3600 (RFC 3261 §10.2.1.1, RFC 4475
	 * §3.1.2.4): not a reason to reject */
	expect_ok(REQ(.extra = "Expires: 4294967296"));
	assert_true(msg.has_expires);
	assert_int_equal(msg.expires, 3600);
	expect_ok(REQ(.extra = "Expires: soon"));
	assert_int_equal(msg.expires, 3600);
	expect(REQ(.extra = "Authorization: "), SF_SIP_ERR_BAD_AUTHORIZATION);
	/* Call-ID: word ["@" word] */
	expect(REQ(.call_id = "Call-ID: "), SF_SIP_ERR_BAD_CALL_ID);
	expect(REQ(.call_id = "Call-ID: abc def"), SF_SIP_ERR_BAD_CALL_ID);
	expect_ok(
	        REQ(.call_id = "Call-ID:   f81d4fae-7dec-11d0-a765-00a0c91e6bf6@[2001:db8::1]  "));
	assert_span_str(B, msg.call_id, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@[2001:db8::1]");
}

/* --- datagrams that are not messages ----------------------------------------------- */

static void
keepalive_and_not_sip(void **state)
{
	/* STUN binding request (RFC 5389): type 0x0001, cookie 0x2112A442 */
	static const uint8_t stun[] = {0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, 0xb7, 0xe7,
	                               0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae};
	/* TLS ClientHello start */
	static const uint8_t tls[] = {0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00,
	                              0xa1, 0x03, 0x03, 0x00, 0x01, 0x02, 0x03, 0x04};

	(void)state;
	expect_ok(parse_str("\r\n\r\n"));
	assert_int_equal(msg.kind, SF_SIP_KIND_KEEPALIVE);
	expect_ok(parse_str("\r\n"));
	assert_int_equal(msg.kind, SF_SIP_KIND_KEEPALIVE);

	expect(parse_bytes(stun, sizeof(stun)), SF_SIP_ERR_NOT_SIP);
	assert_int_equal(msg.kind, SF_SIP_KIND_NOT_SIP);
	assert_int_equal(sf_sip_error_status(SF_SIP_ERR_NOT_SIP), 0);
	expect(parse_bytes(tls, sizeof(tls)), SF_SIP_ERR_NOT_SIP);
	assert_int_equal(msg.kind, SF_SIP_KIND_NOT_SIP);
	/* junk seen in captures never gets an answer */
	assert_int_not_equal(parse_str("hello"), SF_SIP_ERR_OK);
	assert_int_equal(sf_sip_error_status(msg.error), 0);
	assert_int_not_equal(parse_str("    "), SF_SIP_ERR_OK);
	assert_int_equal(sf_sip_error_status(msg.error), 0);
	assert_int_not_equal(parse_bytes("", 0), SF_SIP_ERR_OK);
	assert_int_equal(sf_sip_error_status(msg.error), 0);
	/* HTTP is not SIP: dropped, not answered with a 505 */
	assert_int_not_equal(parse_str("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"),
	                     SF_SIP_ERR_OK);
	assert_int_equal(sf_sip_error_status(msg.error), 0);
	/* one token filling whole 64-octet blocks, no line end: the token's
	 * end is the datagram's end, and no unscanned block is read for it
	 * (the debug build asserts it; the fuzzer found it) */
	for (size_t n = 63; n <= 129; n++) {
		uint8_t token[129];

		memset(token, 'e', n);
		expect(parse_bytes(token, n), SF_SIP_ERR_NOT_SIP);
	}
}

/* --- limits --------------------------------------------------------------------------- */

static void
limits(void **state)
{
	struct sf_sip_parser p;
	struct sf_sip_limits lim;
	char extra[16384];
	size_t n = 0, len;

	(void)state;
	assert_int_equal(sf_sip_parser_init(&p, SF_SIP_SCAN_AUTO), 0);
	lim = p.limits;
	assert_true(lim.max_msg_size > 0 && lim.max_msg_size <= SF_SIP_MAX_DATAGRAM);
	assert_true(lim.max_headers > 0 && lim.max_headers <= SF_SIP_MAX_HEADERS);
	assert_true(lim.max_vias > 0 && lim.max_vias <= SF_SIP_MAX_VIAS);
	assert_true(lim.max_line_len >= 600); /* RFC 4475 longreq has a 593-octet line */

	/* invalid limits are refused and leave the parser as it was */
	struct sf_sip_limits bad[] = {
	        {0, 64, 1024, 8},
	        {SF_SIP_MAX_DATAGRAM + 1, 64, 1024, 8},
	        {4096, 0, 1024, 8},
	        {4096, SF_SIP_MAX_HEADERS + 1, 1024, 8},
	        {4096, 64, 0, 8},
	        {4096, 64, 1024, 0},
	        {4096, 64, 1024, SF_SIP_MAX_VIAS + 1},
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(sf_sip_parser_set_limits(&p, &bad[i]), -EINVAL);
		assert_memory_equal(&p.limits, &lim, sizeof(lim));
	}

	/* too many headers: 9 with a limit of 8 (the default request has 7) */
	lim = (struct sf_sip_limits){4096, 8, 1024, 8};
	assert_int_equal(sf_sip_parser_set_limits(&parser, &lim), 0);
	expect_ok(REQ(.extra = ""));
	expect(REQ(.extra = "X-A: 1\r\nX-B: 2"), SF_SIP_ERR_TOO_MANY_HEADERS);
	assert_int_equal(sf_sip_error_status(SF_SIP_ERR_TOO_MANY_HEADERS), 513);
	expect_ok(REQ(.extra = "X-A: 1"));
	/* The count comes before the name, on either path: a bad name over
	 * the limit (the ninth header) is one header too many, under it a
	 * bad name. */
	for (int fast = 1; fast >= 0; fast--) {
		parser.fast_paths = fast;
		expect(REQ(.extra = "X-A: 1\r\nX-B: 2\r\nBad Name: 3"),
		       SF_SIP_ERR_TOO_MANY_HEADERS);
		expect(REQ(.extra = "X-A: 1\r\nX-B: 2\r\nBad(Name): 3"),
		       SF_SIP_ERR_TOO_MANY_HEADERS);
		expect(REQ(.extra = "Bad(Name): 1"), SF_SIP_ERR_BAD_HEADER_NAME);
		assert_int_equal(msg.error_at.off, (const uint8_t *)memmem(B, cur_len, "Bad(", 4) -
		                                           (const uint8_t *)B);
		assert_int_equal(msg.error_at.len, strlen("Bad(Name): 1"));
	}
	parser.fast_paths = true;

	/* too many Vias: 3 with a limit of 2 */
	lim = (struct sf_sip_limits){4096, 64, 1024, 2};
	assert_int_equal(sf_sip_parser_set_limits(&parser, &lim), 0);
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2"));
	expect(REQ(.via = "Via: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2\r\n"
	                  "Via: SIP/2.0/UDP c;branch=z9hG4bK3"),
	       SF_SIP_ERR_TOO_MANY_VIAS);

	/* a long line */
	lim = (struct sf_sip_limits){4096, 64, 100, 8};
	assert_int_equal(sf_sip_parser_set_limits(&parser, &lim), 0);
	memset(extra, 'a', 200);
	memcpy(extra, "X-Long: ", 8);
	extra[80] = '\0';
	expect_ok(REQ(.extra = extra));
	/* a datagram longer than the line limit takes the general path line
	 * by line (only there can a line be over it): the same view as the
	 * fast path's with no limit in reach */
	{
		static struct sf_sip_msg general;
		char why[256];

		general = msg;
		assert_int_equal(sf_sip_parser_set_limits(&parser, &p.limits), 0);
		expect_ok(REQ(.extra = extra));
		assert_true(cur_len > 100);
		if (tsu_msg_diff(&general, &msg, why, sizeof(why)) != 0)
			fail_msg("line limit under the datagram's length: %s", why);
		assert_int_equal(sf_sip_parser_set_limits(&parser, &lim), 0);
	}
	extra[80] = 'a';
	extra[200] = '\0';
	expect(REQ(.extra = extra), SF_SIP_ERR_LINE_TOO_LONG);
	assert_int_equal(sf_sip_error_status(SF_SIP_ERR_LINE_TOO_LONG), 513);
	/* a long start line too */
	{
		char start[300];

		memset(start, 'b', sizeof(start));
		memcpy(start, "INVITE sip:", 11);
		memcpy(start + 250, "@example.com SIP/2.0", 21);
		expect(REQ(.start = start), SF_SIP_ERR_LINE_TOO_LONG);
	}

	/* the message size: at the limit accepted, one more rejected */
	len = build((struct req){0});
	lim = (struct sf_sip_limits){(uint32_t)len, 64, 1024, 8};
	assert_int_equal(sf_sip_parser_set_limits(&parser, &lim), 0);
	expect_ok(parse_bytes(text, len));
	lim.max_msg_size = (uint32_t)len - 1;
	assert_int_equal(sf_sip_parser_set_limits(&parser, &lim), 0);
	expect(parse_bytes(text, len), SF_SIP_ERR_TOO_LARGE);
	assert_int_equal(sf_sip_error_status(SF_SIP_ERR_TOO_LARGE), 513);

	/* back to the defaults: hard caps */
	assert_int_equal(sf_sip_parser_init(&parser, SF_SIP_SCAN_AUTO), 0);
	{
		static uint8_t big[SF_SIP_MAX_DATAGRAM + 2];

		len = build((struct req){.cl = ""});
		memcpy(big, text, len);
		memset(big + len, 'x', sizeof(big) - len);
		expect(parse_bytes(big, SF_SIP_MAX_DATAGRAM + 1), SF_SIP_ERR_TOO_LARGE);
	}
	lim = (struct sf_sip_limits){SF_SIP_MAX_DATAGRAM, SF_SIP_MAX_HEADERS, 4096,
	                             SF_SIP_MAX_VIAS};
	assert_int_equal(sf_sip_parser_set_limits(&parser, &lim), 0);
	n = 0;
	for (int i = 0; i < SF_SIP_MAX_HEADERS; i++)
		n += (size_t)snprintf(extra + n, sizeof(extra) - n, "%sX-%d: %d", i ? "\r\n" : "",
		                      i, i);
	expect(REQ(.extra = extra), SF_SIP_ERR_TOO_MANY_HEADERS);
	n = 0;
	for (int i = 0; i <= SF_SIP_MAX_VIAS; i++)
		n += (size_t)snprintf(extra + n, sizeof(extra) - n,
		                      "%sVia: SIP/2.0/UDP h%d;branch=z9hG4bK%d", i ? "\r\n" : "", i,
		                      i);
	expect(REQ(.via = extra), SF_SIP_ERR_TOO_MANY_VIAS);
}

/* --- robustness ---------------------------------------------------------------------- */

/* Every prefix of a valid message with a body is rejected with a defined
 * error (it is either unterminated or its body is short), never a crash; each
 * runs from a buffer ending at a guard page. */
static void
truncation(void **state)
{
	size_t len;
	static char full[4096];

	(void)state;
	/* Content-Length first, so every cut misses some of the body */
	len = build((struct req){
	        .via = "Content-Length: 12\r\n"
	               "Via: SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK1;rport, "
	               "SIP/2.0/TCP b.example.com;received=192.0.2.1;branch=z9hG4bK2",
	        .to = "To: \"Bob, \\\"B\\\"\" <sip:bob@b.example.com;transport=tcp>;tag=x",
	        .extra = "Contact: <sip:a@[2001:db8::2]:5070;lr>;q=0.5, sip:b@c\r\n"
	                 "Route: <sip:p1;lr>\r\nSubject: folded\r\n line",
	        .cl = "",
	        .body = "hello world!"});
	memcpy(full, text, len);
	expect_ok(parse_bytes(full, len));
	for (size_t cut = 0; cut < len; cut++) {
		enum sf_sip_error e = parse_bytes(full, cut);

		assert_true(e < SF_SIP_ERR_COUNT);
		if (cut > 0 && e == SF_SIP_ERR_OK)
			fail_msg("prefix of %zu/%zu octets accepted (kind %s)", cut, len,
			         sf_sip_kind_name(msg.kind));
		assert_non_null(sf_sip_error_name(e));
		assert_non_null(sf_sip_error_reason(e));
	}
	/* the same with bare LF line ends */
	{
		size_t m = 0;

		for (size_t i = 0; i < len; i++)
			if (full[i] != '\r' || i + 1 >= len || full[i + 1] != '\n')
				text[m++] = full[i];
		memcpy(full, text, m);
		expect_ok(parse_bytes(full, m));
		assert_int_equal(msg.body.len, 12);
		for (size_t cut = 1; cut < m; cut++)
			assert_int_not_equal(parse_bytes(full, cut), SF_SIP_ERR_OK);
	}
}

/* A header section that ends with the datagram after a complete header line
 * (no empty line) is accepted and flagged; one cut inside a line is not. */
static void
missing_empty_line(void **state)
{
	size_t len;

	(void)state;
	len = build((struct req){0});
	assert_memory_equal(text + len - 4, "\r\n\r\n", 4);
	expect_ok(parse_bytes(text, len - 2));
	assert_true(msg.missing_empty_line);
	assert_int_equal(msg.body.len, 0);
	expect_ok(parse_bytes(text, len));
	assert_false(msg.missing_empty_line);
	expect(parse_bytes(text, len - 3), SF_SIP_ERR_HEADERS_UNTERMINATED);
	expect(parse_bytes(text, len - 4), SF_SIP_ERR_HEADERS_UNTERMINATED);
	/* an LF-only header section without its empty line */
	expect_ok(parse_str("OPTIONS sip:b.example.com SIP/2.0\n"
	                    "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\n"
	                    "From: <sip:a@a.example.com>;tag=1\nTo: <sip:b@b.example.com>\n"
	                    "Call-ID: x@y\nCSeq: 1 OPTIONS\nContent-Length: 0\n"));
	assert_true(msg.missing_empty_line);
	/* Content-Length > 0 and no empty line: the body is missing */
	expect(parse_str("OPTIONS sip:b.example.com SIP/2.0\r\n"
	                 "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n"
	                 "From: <sip:a@a.example.com>;tag=1\r\nTo: <sip:b@b.example.com>\r\n"
	                 "Call-ID: x@y\r\nCSeq: 1 OPTIONS\r\nContent-Length: 3\r\n"),
	       SF_SIP_ERR_BODY_TRUNCATED);
}

static void
line_ends(void **state)
{
	(void)state;
	/* bare LF throughout */
	expect_ok(parse_str("OPTIONS sip:b.example.com SIP/2.0\n"
	                    "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\n"
	                    "From: <sip:a@a.example.com>;tag=1\nTo: <sip:b@b.example.com>\n"
	                    "Call-ID: x@y\nCSeq: 1 OPTIONS\nContent-Length: 4\n\nbody"));
	assert_span_str(B, msg.call_id, "x@y");
	assert_span_str(B, msg.body, "body");
	assert_span_str(B, msg.via[0].branch, "z9hG4bK1");
	/* folding with bare LF */
	expect_ok(parse_str("OPTIONS sip:b.example.com SIP/2.0\n"
	                    "Via: SIP/2.0/UDP a.example.com\n ;branch=z9hG4bK1\n"
	                    "From: <sip:a@a.example.com>;tag=1\nTo: <sip:b@b.example.com>\n"
	                    "Call-ID: x@y\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n"));
	assert_span_str(B, msg.via[0].branch, "z9hG4bK1");
	/* mixed CRLF and LF */
	expect_ok(parse_str("OPTIONS sip:b.example.com SIP/2.0\r\n"
	                    "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\n"
	                    "From: <sip:a@a.example.com>;tag=1\r\nTo: <sip:b@b.example.com>\n"
	                    "Call-ID: x@y\r\nCSeq: 1 OPTIONS\nContent-Length: 0\r\n\n"));
	assert_span_str(B, msg.call_id, "x@y");
	/* a CR alone is not a line end */
	assert_int_not_equal(
	        parse_str("OPTIONS sip:b.example.com SIP/2.0\r"
	                  "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r"
	                  "From: <sip:a@a.example.com>;tag=1\rTo: <sip:b@b.example.com>\r"
	                  "Call-ID: x@y\rCSeq: 1 OPTIONS\rContent-Length: 0\r\r"),
	        SF_SIP_ERR_OK);
}

static void
nul_bytes(void **state)
{
	size_t len;

	(void)state;
	/* a NUL inside a quoted display name (quoted-pair, RFC 4475 intmeth) */
	len = build((struct req){.to = "To: \"a\\?b\" <sip:bob@b.example.com>"});
	*strchr(text, '?') = '\0';
	expect_ok(parse_bytes(text, len));
	assert_int_equal(msg.to.display.len, 6);
	/* a NUL in the method, the Request-URI, a header name, the Call-ID */
	len = build((struct req){.start = "INV?TE sip:bob@b.example.com SIP/2.0"});
	*strchr(text, '?') = '\0';
	assert_int_not_equal(parse_bytes(text, len), SF_SIP_ERR_OK);
	len = build((struct req){.start = "INVITE sip:bob@b.exa?mple.com SIP/2.0"});
	*strchr(text, '?') = '\0';
	expect_among(parse_bytes(text, len), SF_SIP_ERR_CONTROL_CHAR, SF_SIP_ERR_BAD_RURI,
	             SF_SIP_ERR_BAD_REQUEST_LINE);
	len = build((struct req){.extra = "X-Fo?o: bar"});
	*strchr(text, '?') = '\0';
	expect_among(parse_bytes(text, len), SF_SIP_ERR_CONTROL_CHAR, SF_SIP_ERR_BAD_HEADER_NAME,
	             SF_SIP_ERR_BAD_HEADER_LINE);
	len = build((struct req){.call_id = "Call-ID: abc?def@host"});
	*strchr(text, '?') = '\0';
	expect_among(parse_bytes(text, len), SF_SIP_ERR_CONTROL_CHAR, SF_SIP_ERR_BAD_CALL_ID);
	/* a NUL before the header section ends does not end it */
	len = build((struct req){.from = "From: <sip:alice@a.example.com>;tag=1?"});
	*strchr(text, '?') = '\0';
	expect_among(parse_bytes(text, len), SF_SIP_ERR_CONTROL_CHAR, SF_SIP_ERR_BAD_FROM);
	assert_int_equal(sf_sip_error_status(msg.error), 400);
	/* NULs in the body are data */
	len = build((struct req){.cl = "Content-Length: 3", .body = "a?b"});
	*strchr(text, '?') = '\0';
	expect_ok(parse_bytes(text, len));
	assert_memory_equal(B + msg.body.off, "a\0b", 3);
	/* all NULs */
	memset(text, 0, 200);
	assert_int_not_equal(parse_bytes(text, 200), SF_SIP_ERR_OK);
	assert_int_equal(msg.kind, SF_SIP_KIND_NOT_SIP);
}

/* --- RFC corner cases, one per test so that each names what it is about ------ */

/* RFC 3261 §25.1: SLASH, COLON, SEMI, EQUAL all allow LWS around them, also the
 * COLON between the sent-by host and port. */
static void
via_lws_everywhere(void **state)
{
	(void)state;
	expect_ok(REQ(.via = "Via: SIP / 2.0 / TCP  h.example.com : 5070 ; branch = z9hG4bKa ;"
	                     " received = 192.0.2.9"));
	assert_span_str(B, msg.via[0].transport, "TCP");
	assert_int_equal(msg.via[0].transport_id, SF_SIP_TRANSPORT_TCP);
	assert_span_str(B, msg.via[0].host, "h.example.com");
	assert_int_equal(msg.via[0].port, 5070);
	assert_span_str(B, msg.via[0].branch, "z9hG4bKa");
	assert_span_str(B, msg.via[0].received, "192.0.2.9");

	expect_ok(REQ(.via = "Via: SIP/2.0/UDP h.example.com :5070;branch=z9hG4bK1"));
	assert_int_equal(msg.via[0].port, 5070);
	expect_ok(REQ(.via = "Via: SIP/2.0/UDP [2001:db8::1] : 5070;branch=z9hG4bK1"));
	assert_span_str(B, msg.via[0].host, "[2001:db8::1]");
	assert_int_equal(msg.via[0].port, 5070);
}

/* Route and Record-Route values are name-addrs (RFC 3261 §25.1 route-param):
 * without < > a ;lr could be either a URI or a header parameter. */
static void
route_needs_brackets(void **state)
{
	(void)state;
	expect(REQ(.extra = "Route: sip:p1.example.com;lr"), SF_SIP_ERR_BAD_ROUTE);
	expect(REQ(.extra = "Record-Route: sip:p1.example.com;lr"), SF_SIP_ERR_BAD_RECORD_ROUTE);
}

/* port = 1*DIGIT: 0 is in range (the view cannot tell it from absent). */
static void
uri_port_zero(void **state)
{
	(void)state;
	/* Port 0 cannot address a SIP element and the view uses 0 for "no
	 * port": sipfront rejects it (README, parser decisions). */
	expect(REQ(.start = "INVITE sip:bob@b.example.com:0 SIP/2.0"), SF_SIP_ERR_BAD_RURI);
	expect(REQ(.to = "To: <sip:bob@b.example.com:0>"), SF_SIP_ERR_BAD_TO);
	expect_ok(REQ(.to = "To: <sip:bob@b.example.com:1>"));
	assert_int_equal(msg.to.uri.port, 1);
}

/* Hosts (RFC 3261 §25.1 hostname / IPv4address), found by the scanner's
 * host mask and checked from their octets: every IPv4 edge, names whose top
 * label decides, and each one again shifted across the 64-octet block
 * boundaries, where a mask word comes from two blocks. */
static void
host_forms(void **state)
{
	static const struct {
		const char *host;
		int type; /* 0: rejected */
	} hosts[] = {
	        {"1.2.3.4", SF_SIP_HOST_IPV4},
	        {"255.255.255.255", SF_SIP_HOST_IPV4},
	        {"001.02.0.000", SF_SIP_HOST_IPV4},
	        {"198.51.100.23", SF_SIP_HOST_IPV4},
	        {"256.1.1.1", 0},
	        {"1.2.3.256", 0},
	        {"1.260.3.4", 0},
	        /* every digit position of a three-digit run against "255" */
	        {"249.250.251.252", SF_SIP_HOST_IPV4},
	        {"199.254.1.100", SF_SIP_HOST_IPV4},
	        {"300.1.1.1", 0},
	        {"1.1.1.299", 0},
	        {"1.1.255.256", 0},
	        {"1.1.1.265", 0},
	        {"25.2.1.255", SF_SIP_HOST_IPV4},
	        {"1.2.3", 0},
	        {"999.0.2.1", 0},
	        {"1.2.3.4.5", 0},
	        {"1..3.4", 0},
	        {"1.2.3.", 0}, /* a trailing dot: the top label "3" starts with a digit */
	        /* empty runs in hosts long enough for the IPv4 check */
	        {"1..23.4", 0},
	        {"12.3..4", 0},
	        {"1.2.34.", 0},
	        {"123.45.6.", 0},
	        {"1234.1.1.1", 0},
	        {"1.2.3.4a", 0},
	        {"1.2.3.a4", SF_SIP_HOST_NAME},
	        {"example.com", SF_SIP_HOST_NAME},
	        {"example.com.", SF_SIP_HOST_NAME},
	        {"a", SF_SIP_HOST_NAME},
	        {"x-1.y_2.z", SF_SIP_HOST_NAME},
	        {"host.123", 0},
	        {"9host.example", SF_SIP_HOST_NAME},
	        {"a.very.long.host.name.that.runs.past.sixty.four.octets.of.one.block.example.net",
	         SF_SIP_HOST_NAME},
	        {"a.very.long.host.name.that.runs.past.sixty.four.octets.of.one.block.example.1",
	         0},
	        /* the top label's start: found in the 8 octets before the
	         * host's end (those before the host masked off), the host
	         * having no dot, or past those 8 octets */
	        {"ab.c1", SF_SIP_HOST_NAME},
	        {"ab.1c", 0},
	        {"ab.c1.", SF_SIP_HOST_NAME},
	        {"abcdefgh", SF_SIP_HOST_NAME},
	        {"1bcdefgh", 0},
	        {"x.abcdefg", SF_SIP_HOST_NAME},
	        {"x.1bcdefg", 0},
	        {"x.abcdefgh", SF_SIP_HOST_NAME},
	        {"x.1bcdefgh", 0},
	        {"x.abcdefghij", SF_SIP_HOST_NAME},
	        {"x.1bcdefghij", 0},
	        {"a.b.c.d.e.f.g.h", SF_SIP_HOST_NAME},
	        {"a.b.c.d.e.f.g.8", 0},
	};
	char start[256], pad[80];

	(void)state;
	for (size_t shift = 0; shift < 64; shift++) {
		memset(pad, 'a', shift);
		pad[shift] = 0;
		for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
			int type = hosts[i].type;

			/* the user part moves the host across the block edges */
			snprintf(start, sizeof(start), "INVITE sip:u%s@%s:5060 SIP/2.0", pad,
			         hosts[i].host);
			if (type == 0) {
				expect(REQ(.start = start), SF_SIP_ERR_BAD_RURI);
				continue;
			}
			expect_ok(REQ(.start = start));
			assert_int_equal(msg.ruri.host_type, type);
			assert_span_str(B, msg.ruri.host, hosts[i].host);
			assert_int_equal(msg.ruri.port, 5060);
		}
	}
	/* Each one again as the last thing before the empty line, where
	 * fewer than 16 octets follow the host: the IPv4 check loads a copy
	 * there instead of 16 octets past the datagram. */
	for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		int type = hosts[i].type;

		snprintf(start, sizeof(start), "Via: SIP/2.0/UDP %s", hosts[i].host);
		if (type == 0) {
			expect(REQ(.via = "", .cl = "", .extra = start), SF_SIP_ERR_BAD_VIA);
			continue;
		}
		expect_ok(REQ(.via = "", .cl = "", .extra = start));
		assert_int_equal(msg.via[0].host_type, type);
		assert_span_str(B, msg.via[0].host, hosts[i].host);
	}
}

/* Proxy-Authorization is a known header and feeds auth_scheme/username when
 * there is no Authorization. */
static void
proxy_authorization(void **state)
{
	(void)state;
	expect_ok(REQ(.extra = "Proxy-Authorization: Digest realm=\"p\", username=\"carol\""));
	assert_int_equal(msg.headers[6].id, SF_SIP_HDR_PROXY_AUTHORIZATION);
	assert_int_equal(msg.first_header[SF_SIP_HDR_PROXY_AUTHORIZATION], 6);
	assert_span_str(B, msg.auth_scheme, "Digest");
	assert_span_str(B, msg.auth_username, "carol");
	expect_ok(REQ(.extra = "PROXY-AUTHORIZATION: Basic xyz"));
	assert_int_equal(msg.headers[6].id, SF_SIP_HDR_PROXY_AUTHORIZATION);
	assert_span_str(B, msg.auth_scheme, "Basic");
	/* Authorization wins when both are there */
	expect_ok(REQ(.extra = "Proxy-Authorization: Digest username=\"p\"\r\n"
	                       "Authorization: Digest username=\"a\""));
	assert_span_str(B, msg.auth_username, "a");
}

static void
header_value_bare_cr(void **state)
{
	(void)state;
	/* a bare CR inside a header value is no line end either, and no legal
	 * value octet (RFC 3261 §25.1: CR only in CRLF): accepting it would let
	 * a backend that ends lines at CR see a header sipfront did not */
	expect(REQ(.extra = "Subject: a\rVia: SIP/2.0/UDP evil;branch=z9hG4bKevil"),
	       SF_SIP_ERR_CONTROL_CHAR);
	assert_int_equal(sf_sip_error_status(msg.error), 400);
	expect(REQ(.extra = "X-Custom: a\rb"), SF_SIP_ERR_CONTROL_CHAR);
	/* other C0 controls and DEL likewise; HTAB is LWS */
	expect(REQ(.extra = "Subject: a\x01b"), SF_SIP_ERR_CONTROL_CHAR);
	expect(REQ(.extra = "Subject: a\x7f"), SF_SIP_ERR_CONTROL_CHAR);
	expect_ok(REQ(.extra = "Subject: a\tb"));
	/* ... but inside a quoted-pair they are legal (RFC 4475 intmeth) */
	expect_ok(REQ(.to = "To: \"a\\\x07\\\x7f\" <sip:bob@b.example.com>"));
}

static void
header_value_raw_nul(void **state)
{
	size_t len;

	(void)state;
	/* a raw NUL in a header value is not TEXT-UTF8 (only a quoted-pair may
	 * carry one); passed on it would truncate the value in C backends */
	len = build((struct req){.extra = "Subject: ab?cd"});
	*strchr(text, '?') = '\0';
	expect(parse_bytes(text, len), SF_SIP_ERR_CONTROL_CHAR);
	assert_int_equal(sf_sip_error_status(msg.error), 400);
}

/* Every scanner marks every CR as a control octet and the parser tells a
 * line's CR from a bare one by the LF mask, across block edges too: a
 * header line padded so that its line end falls on each of the 64 offsets
 * of a block (and its CR at bit 63 with the LF in the next block) is
 * accepted; a bare CR, or another control octet before the LF, at each of
 * those offsets is not. */
static void
controls_at_block_edges(void **state)
{
	static const enum sf_sip_scan_impl impls[] = {
	        SF_SIP_SCAN_SCALAR,   SF_SIP_SCAN_SSE2,       SF_SIP_SCAN_AVX2,
	        SF_SIP_SCAN_AVX512BW, SF_SIP_SCAN_AVX512VBMI,
	};
	char extra[256];

	(void)state;
	for (size_t i = 0; i < sizeof(impls) / sizeof(impls[0]); i++) {
		if (!sf_sip_scan_supported(impls[i]))
			continue;
		assert_int_equal(sf_sip_parser_init(&parser, impls[i]), 0);
		for (size_t pad = 0; pad < 140; pad++) {
			size_t len;
			char *line_end;

			snprintf(extra, sizeof(extra), "X-Pad: %.*s", (int)pad,
			         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			         "aaaa"
			         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			         "aaaa"
			         "aa");
			expect_ok(REQ(.extra = extra));
			len = build((struct req){.extra = extra});
			line_end = strstr(text, "X-Pad:");
			line_end += strcspn(line_end, "\r");
			*line_end = '\x01';
			expect(parse_bytes(text, len), SF_SIP_ERR_CONTROL_CHAR);
			*line_end = '\r';
			line_end[1] = 'b';
			expect(parse_bytes(text, len), SF_SIP_ERR_CONTROL_CHAR);
		}
	}
	assert_int_equal(sf_sip_parser_init(&parser, SF_SIP_SCAN_AUTO), 0);
}

static void
names_tables(void **state)
{
	(void)state;
	for (int e = 0; e < SF_SIP_ERR_COUNT; e++) {
		assert_non_null(sf_sip_error_name((enum sf_sip_error)e));
		assert_non_null(sf_sip_error_reason((enum sf_sip_error)e));
		assert_true(strlen(sf_sip_error_reason((enum sf_sip_error)e)) > 0);
	}
	assert_int_equal(sf_sip_error_status(SF_SIP_ERR_OK), 0);
	assert_int_equal(sf_sip_error_status(SF_SIP_ERR_BAD_TO), 400);
	assert_int_equal(sf_sip_error_status(SF_SIP_ERR_BODY_TRUNCATED), 400);
	assert_string_equal(sf_sip_error_reason(SF_SIP_ERR_BAD_TO), "malformed To header");
	assert_non_null(strcasestr(sf_sip_error_name(SF_SIP_ERR_BAD_TO), "BAD_TO"));
	for (int h = 1; h < SF_SIP_HDR_COUNT; h++)
		assert_true(strlen(sf_sip_header_name((enum sf_sip_header_id)h)) > 0);
	assert_string_equal(sf_sip_header_name(SF_SIP_HDR_CALL_ID), "Call-ID");
	assert_string_equal(sf_sip_method_name(SF_SIP_METHOD_REGISTER), "REGISTER");
	for (int k = 0; k <= SF_SIP_KIND_KEEPALIVE; k++)
		assert_non_null(sf_sip_kind_name((enum sf_sip_kind)k));
	for (int s = 0; s <= SF_SIP_SCHEME_OTHER; s++)
		assert_non_null(sf_sip_scheme_name((enum sf_sip_uri_scheme)s));
	for (int t = 0; t <= SF_SIP_TRANSPORT_OTHER; t++)
		assert_non_null(sf_sip_transport_name((enum sf_sip_transport)t));
	assert_int_equal(strcasecmp(sf_sip_scheme_name(SF_SIP_SCHEME_SIPS), "sips"), 0);
	assert_int_equal(strcasecmp(sf_sip_transport_name(SF_SIP_TRANSPORT_SCTP), "SCTP"), 0);
}

/* IPv6 references: groups of 1-4 hex digits, one "::" gap (":::" tolerated,
 * RFC 5118 §4.10), an IPv4 tail worth two groups, eight groups without a gap. */
static void
ipv6_reference_forms(void **state)
{
	static const char *const good[] = {"[::1]", "[2001:db8::10]", "[::ffff:192.0.2.1]",
	                                   "[2001:db8:::192.0.2.1]", "[1:2:3:4:5:6:7:8]"};
	static const char *const bad[] = {
	        "[1:2:3:4:5:6:7:8:9]", "[2001:db8:::::1]", "[:1::]", "[1::2::3]",
	        "[fe80::1:]",          "[12345::1]",       "[]",     "[1:2:3:4:5:6:7]"};
	char start[96];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		snprintf(start, sizeof(start), "OPTIONS sip:%s SIP/2.0", good[i]);
		expect_ok(REQ(.start = start, .cseq = "CSeq: 1 OPTIONS"));
		assert_int_equal(msg.ruri.host_type, SF_SIP_HOST_IPV6);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(start, sizeof(start), "OPTIONS sip:%s SIP/2.0", bad[i]);
		expect(REQ(.start = start, .cseq = "CSeq: 1 OPTIONS"), SF_SIP_ERR_BAD_RURI);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(request_line),
	        cmocka_unit_test(status_line),
	        cmocka_unit_test(header_lines),
	        cmocka_unit_test(line_shapes),
	        cmocka_unit_test(case_insensitive_names),
	        cmocka_unit_test(every_listed_name),
	        cmocka_unit_test(names_near_the_start),
	        cmocka_unit_test(compact_forms),
	        cmocka_unit_test(via_basic),
	        cmocka_unit_test(via_params),
	        cmocka_unit_test(via_multi),
	        cmocka_unit_test(via_malformed),
	        cmocka_unit_test(name_addr),
	        cmocka_unit_test(contacts),
	        cmocka_unit_test(routes),
	        cmocka_unit_test(uri_schemes),
	        cmocka_unit_test(uri_parts),
	        cmocka_unit_test(uri_params),
	        cmocka_unit_test(split_values),
	        cmocka_unit_test(token_lists),
	        cmocka_unit_test(cseq),
	        cmocka_unit_test(max_forwards),
	        cmocka_unit_test(content_length),
	        cmocka_unit_test(other_known_headers),
	        cmocka_unit_test(keepalive_and_not_sip),
	        cmocka_unit_test_setup_teardown(limits, setup, setup),
	        cmocka_unit_test(truncation),
	        cmocka_unit_test(missing_empty_line),
	        cmocka_unit_test(line_ends),
	        cmocka_unit_test(nul_bytes),
	        cmocka_unit_test(names_tables),
	        cmocka_unit_test(via_lws_everywhere),
	        cmocka_unit_test(route_needs_brackets),
	        cmocka_unit_test(uri_port_zero),
	        cmocka_unit_test(host_forms),
	        cmocka_unit_test(ipv6_reference_forms),
	        cmocka_unit_test(proxy_authorization),
	        cmocka_unit_test(header_value_bare_cr),
	        cmocka_unit_test(header_value_raw_nul),
	        cmocka_unit_test(controls_at_block_edges),
	};

	return cmocka_run_group_tests_name("sip_grammar", tests, setup, teardown);
}
