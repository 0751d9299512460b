/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * The parser against the shared corpus: every RFC 4475 and RFC 5118 torture
 * message (valid ones accepted with their fields asserted, invalid ones
 * rejected with the right error and status) and every captured sample in
 * corpus/samples (no crash, the expected verdict, and the main fields
 * cross-checked against a naive line split of the same file).
 *
 * Decisions asserted here beyond RFC 3261 grammar (see the project docs):
 * bare-LF line ends are accepted; a header section that ends at the end of the
 * datagram right after a complete header line is accepted with
 * missing_empty_line set; a Content-Length larger than the body present is
 * BODY_TRUNCATED; Date is not parsed; Proxy-Require, unknown Content-Type,
 * Max-Forwards 0 and a broadcast Via are the proxy's business.
 *
 * Every datagram is parsed from a copy placed against a guard page, so a read
 * past its end faults here even without ASan.
 */
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

_Static_assert(SF_SIP_ERR_COUNT <= 64, "error masks below need SF_SIP_ERR_COUNT <= 64");
#define E(x) (UINT64_C(1) << SF_SIP_ERR_##x)

static struct sf_sip_parser parser;
static struct sf_sip_msg msg;

/* --- field checkers ------------------------------------------------------- */

static void
check_opt(const uint8_t *b, struct sf_sip_span s, const char *want, const char *what)
{
	if (want == NULL) {
		if (s.len != 0)
			fail_msg("%s: expected absent, got \"%.*s\"", what, (int)s.len,
			         (const char *)b + s.off);
	} else if (!tsu_span_eq(b, s, want)) {
		fail_msg("%s: expected \"%s\", got \"%.*s\"", what, want, (int)s.len,
		         (const char *)b + s.off);
	}
}

static void
check_uri(const uint8_t *b, const struct sf_sip_uri *u, enum sf_sip_uri_scheme scheme,
          const char *user, const char *host, enum sf_sip_host_type ht, uint16_t port)
{
	assert_int_equal(u->scheme_id, scheme);
	check_opt(b, u->user, user, "uri.user");
	check_opt(b, u->host, host, "uri.host");
	assert_int_equal(u->host_type, ht);
	assert_int_equal(u->port, port);
}

/* rport: NULL absent, "" present without a value, else its value. */
static void
check_via(const uint8_t *b, const struct sf_sip_via *v, const char *transport,
          enum sf_sip_transport tid, const char *host, enum sf_sip_host_type ht, uint16_t port,
          const char *branch, const char *received, const char *rport)
{
	check_opt(b, v->transport, transport, "via.transport");
	assert_int_equal(v->transport_id, tid);
	check_opt(b, v->host, host, "via.host");
	assert_int_equal(v->host_type, ht);
	assert_int_equal(v->port, port);
	check_opt(b, v->branch, branch, "via.branch");
	check_opt(b, v->received, received, "via.received");
	if (rport == NULL) {
		assert_false(v->has_rport);
	} else {
		assert_true(v->has_rport);
		check_opt(b, v->rport_value, rport[0] ? rport : NULL, "via.rport_value");
	}
}

static void
check_na(const uint8_t *b, const struct sf_sip_name_addr *na, const char *display, const char *uri,
         const char *tag)
{
	check_opt(b, na->display, display, "display");
	check_opt(b, na->uri.raw, uri, "uri.raw");
	check_opt(b, na->tag, tag, "tag");
}

static void
check_hdr(const uint8_t *b, const struct sf_sip_msg *m, unsigned i, const char *name,
          enum sf_sip_header_id id)
{
	assert_in_range(i, 0, m->header_count - 1);
	check_opt(b, m->headers[i].name, name, "header name");
	if (m->headers[i].id != id)
		fail_msg("header %u (%s): id %s, expected %s", i, name,
		         sf_sip_header_name(m->headers[i].id), sf_sip_header_name(id));
}

static void
check_request(const uint8_t *b, const struct sf_sip_msg *m, enum sf_sip_method method,
              const char *method_name)
{
	assert_int_equal(m->kind, SF_SIP_KIND_REQUEST);
	assert_int_equal(m->method, method);
	check_opt(b, m->method_name, method_name, "method_name");
	check_opt(b, m->version, "SIP/2.0", "version");
	if (method != SF_SIP_METHOD_EXTENSION)
		assert_string_equal(sf_sip_method_name(method), method_name);
}

static void
check_cseq(const uint8_t *b, const struct sf_sip_msg *m, uint32_t num, enum sf_sip_method method,
           const char *name)
{
	assert_int_equal(m->cseq, num);
	assert_int_equal(m->cseq_method, method);
	check_opt(b, m->cseq_method_name, name, "cseq_method_name");
}

static void
check_counts(const struct sf_sip_msg *m, unsigned headers, unsigned vias, unsigned contacts,
             unsigned body)
{
	assert_int_equal(m->header_count, headers);
	assert_int_equal(m->via_count, vias);
	assert_int_equal(m->contact_count, contacts);
	assert_int_equal(m->body.len, body);
}

static void
check_cl(const struct sf_sip_msg *m, long cl)
{
	if (cl < 0) {
		assert_false(m->has_content_length);
	} else {
		assert_true(m->has_content_length);
		assert_int_equal(m->content_length, cl);
	}
}

/* --- RFC 4475 valid messages ---------------------------------------------- */

static void
chk_wsinv(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_INVITE, "INVITE");
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, "vivekg", "chair-dnrc.example.com",
	          SF_SIP_HOST_NAME, 0);
	check_opt(b, m->ruri.params, ";unknownparam", "ruri.params");
	/* "TO :" folded, LWS around ';' and '=' of the tag */
	check_na(b, &m->to, NULL, "sip:vivekg@chair-dnrc.example.com", "1918181833n");
	assert_false(m->to.bracketed);
	check_na(b, &m->from, "\"J Rosenberg \\\\\\\"\"", "sip:jdrosen@example.com", "98asjd8");
	assert_true(m->from.bracketed);
	assert_int_equal(m->max_forwards, 68); /* 0068 */
	check_opt(b, m->call_id, "wsinv.ndaksdj@192.0.2.1", "call_id");
	check_cseq(b, m, 9, SF_SIP_METHOD_INVITE, "INVITE"); /* "0009\r\n  INVITE" */
	check_cl(m, 150);
	check_opt(b, m->content_type, "application/sdp", "content_type");
	check_counts(m, 14, 3, 1, 150);
	/* Via with LWS around every '/', and a v: header with two folded values */
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "192.0.2.2", SF_SIP_HOST_IPV4, 0,
	          "390skdjuw", NULL, NULL);
	check_via(b, &m->via[1], "TCP", SF_SIP_TRANSPORT_TCP, "spindle.example.com",
	          SF_SIP_HOST_NAME, 0, "z9hG4bK9ikj8", NULL, NULL);
	check_via(b, &m->via[2], "UDP", SF_SIP_TRANSPORT_UDP, "192.168.255.111", SF_SIP_HOST_IPV4,
	          0, "z9hG4bK30239", NULL, NULL);
	/* odd-case and compact header names map to their ids */
	check_hdr(b, m, 0, "TO", SF_SIP_HDR_TO);
	check_hdr(b, m, 1, "from", SF_SIP_HDR_FROM);
	check_hdr(b, m, 2, "MaX-fOrWaRdS", SF_SIP_HDR_MAX_FORWARDS);
	check_hdr(b, m, 3, "Call-ID", SF_SIP_HDR_CALL_ID);
	check_hdr(b, m, 4, "Content-Length", SF_SIP_HDR_CONTENT_LENGTH);
	check_hdr(b, m, 5, "cseq", SF_SIP_HDR_CSEQ);
	check_hdr(b, m, 6, "Via", SF_SIP_HDR_VIA);
	check_hdr(b, m, 7, "s", SF_SIP_HDR_SUBJECT);
	check_hdr(b, m, 8, "NewFangledHeader", SF_SIP_HDR_OTHER);
	check_hdr(b, m, 9, "UnknownHeaderWithUnusualValue", SF_SIP_HDR_OTHER);
	check_hdr(b, m, 10, "Content-Type", SF_SIP_HDR_CONTENT_TYPE);
	check_hdr(b, m, 11, "Route", SF_SIP_HDR_ROUTE);
	check_hdr(b, m, 12, "v", SF_SIP_HDR_VIA);
	check_hdr(b, m, 13, "m", SF_SIP_HDR_CONTACT);
	assert_int_equal(m->headers[6].n_values, 1);
	assert_int_equal(m->headers[12].n_values, 2);
	assert_int_equal(m->first_header[SF_SIP_HDR_VIA], 6);
	assert_int_equal(m->first_header[SF_SIP_HDR_SUBJECT], 7);
	assert_int_equal(m->first_header[SF_SIP_HDR_EXPIRES], 0xffff);
	/* empty Subject, folded unknown header value */
	assert_int_equal(m->headers[7].value.len, 0);
	check_opt(b, m->headers[8].value, "newfangled value\r\n continued newfangled value",
	          "NewFangledHeader value");
	check_opt(b, m->headers[9].value, ";;,,;;,;", "UnknownHeaderWithUnusualValue value");
	/* Route on a folded line */
	assert_int_equal(m->route_count, 1);
	check_uri(b, &m->route[0].uri, SF_SIP_SCHEME_SIP, NULL, "services.example.com",
	          SF_SIP_HOST_NAME, 0);
	assert_true(m->route[0].uri.lr);
	/* m: with escaped quotes in the display name and folded params */
	check_na(b, &m->contact[0], "\"Quoted string \\\"\\\"\"", "sip:jdrosen@example.com", NULL);
	assert_false(m->contact_star);
}

static void
chk_intmeth(const uint8_t *b, const struct sf_sip_msg *m)
{
	static const char meth[] = "!interesting-Method0123456789_*+`.%indeed'~";
	static const uint8_t to_display[] = "\"BEL:\\\x07 NUL:\\\x00 DEL:\\\x7f\"";

	check_request(b, m, SF_SIP_METHOD_EXTENSION, meth);
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP,
	          "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", "example.com",
	          SF_SIP_HOST_NAME, 0);
	check_opt(b, m->ruri.password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)",
	          "ruri.password");
	check_cseq(b, m, 139122385, SF_SIP_METHOD_EXTENSION, meth);
	check_via(b, &m->via[0], "TCP", SF_SIP_TRANSPORT_TCP, "host1.example.com", SF_SIP_HOST_NAME,
	          0, "z9hG4bK-.!%66*_+`'~", NULL, NULL);
	/* the quoted display name holds a literal NUL octet */
	assert_span_mem(b, m->to.display, to_display, sizeof(to_display) - 1);
	check_opt(b, m->to.uri.raw,
	          "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com", "to.uri");
	check_opt(b, m->to.uri.user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*",
	          "to.uri.user");
	check_na(b, &m->from, "token1~` token2'+_ token3*%!.-", "sip:mundane@example.com",
	         "_token~1'+`*%!-.");
	check_opt(b, m->call_id, "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", "call_id");
	assert_int_equal(m->max_forwards, 255);
	check_cl(m, 0);
	check_counts(m, 8, 1, 0, 0);
	check_hdr(b, m, 6, "extensionHeader-!.%*+_`'~", SF_SIP_HDR_OTHER);
}

static void
chk_esc01(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_INVITE, "INVITE");
	/* escapes are kept as written */
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, "sips%3Auser%40example.com", "example.net",
	          SF_SIP_HOST_NAME, 0);
	check_na(b, &m->to, NULL, "sip:%75se%72@example.com", NULL);
	check_opt(b, m->to.uri.user, "%75se%72", "to.uri.user");
	check_na(b, &m->from, NULL, "sip:I%20have%20spaces@example.net", "938");
	assert_int_equal(m->max_forwards, 87);
	check_opt(b, m->call_id, "esc01.239409asdfakjkn23onasd0-3234", "call_id");
	check_cseq(b, m, 234234, SF_SIP_METHOD_INVITE, "INVITE");
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "host5.example.net", SF_SIP_HOST_NAME,
	          0, "z9hG4bKkdjuw", NULL, NULL);
	check_hdr(b, m, 3, "i", SF_SIP_HDR_CALL_ID);
	check_hdr(b, m, 6, "C", SF_SIP_HDR_CONTENT_TYPE);
	check_opt(b, m->content_type, "application/sdp", "content_type");
	check_uri(b, &m->contact[0].uri, SF_SIP_SCHEME_SIP, "cal%6Cer", "host5.example.net",
	          SF_SIP_HOST_NAME, 0);
	check_opt(b, m->contact[0].uri.params, ";%6C%72;n%61me=v%61lue%25%34%31",
	          "contact.uri.params");
	check_cl(m, 150);
	check_counts(m, 9, 1, 1, 150);
}

static void
chk_escnull(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_REGISTER, "REGISTER");
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, NULL, "example.com", SF_SIP_HOST_NAME, 0);
	check_opt(b, m->to.uri.user, "null-%00-null", "to.uri.user");
	check_na(b, &m->from, NULL, "sip:null-%00-null@example.com", "839923423");
	check_cseq(b, m, 14398234, SF_SIP_METHOD_REGISTER, "REGISTER");
	/* two distinct Contacts: %00 does not truncate anything */
	check_uri(b, &m->contact[0].uri, SF_SIP_SCHEME_SIP, "%00", "host5.example.com",
	          SF_SIP_HOST_NAME, 0);
	check_uri(b, &m->contact[1].uri, SF_SIP_SCHEME_SIP, "%00%00", "host5.example.com",
	          SF_SIP_HOST_NAME, 0);
	check_hdr(b, m, 8, "L", SF_SIP_HDR_CONTENT_LENGTH);
	check_cl(m, 0);
	check_counts(m, 9, 1, 2, 0);
}

static void
chk_esc02(const uint8_t *b, const struct sf_sip_msg *m)
{
	/* RE%47IST%45R is an extension method, not REGISTER */
	check_request(b, m, SF_SIP_METHOD_EXTENSION, "RE%47IST%45R");
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, NULL, "registrar.example.com", SF_SIP_HOST_NAME,
	          0);
	check_na(b, &m->to, "\"%Z%45\"", "sip:resource@example.com", NULL);
	check_na(b, &m->from, "\"%Z%45\"", "sip:resource@example.com", "f232jadfj23");
	check_cseq(b, m, 29344, SF_SIP_METHOD_EXTENSION, "RE%47IST%45R");
	check_via(b, &m->via[0], "TCP", SF_SIP_TRANSPORT_TCP, "host.example.com", SF_SIP_HOST_NAME,
	          0, "z9hG4bK209%fzsnel234", NULL, NULL);
	assert_int_equal(m->max_forwards, 70);
	/* C%6Fntact is an unknown header: only two Contact values */
	check_hdr(b, m, 7, "C%6Fntact", SF_SIP_HDR_OTHER);
	check_opt(b, m->contact[0].uri.raw, "sip:alias1@host1.example.com", "contact[0]");
	check_opt(b, m->contact[1].uri.raw, "sip:alias3@host3.example.com", "contact[1]");
	check_cl(m, 0);
	check_counts(m, 10, 1, 2, 0);
}

static void
chk_lwsdisp(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_OPTIONS, "OPTIONS");
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, "user", "example.com", SF_SIP_HOST_NAME, 0);
	check_na(b, &m->to, NULL, "sip:user@example.com", NULL);
	/* no whitespace between the display name and '<' */
	check_na(b, &m->from, "caller", "sip:caller@example.com", "323");
	assert_true(m->from.bracketed);
	assert_int_equal(m->max_forwards, 70);
	check_opt(b, m->call_id, "lwsdisp.1234abcd@funky.example.com", "call_id");
	check_cseq(b, m, 60, SF_SIP_METHOD_OPTIONS, "OPTIONS");
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "funky.example.com", SF_SIP_HOST_NAME,
	          0, "z9hG4bKkdjuw", NULL, NULL);
	check_cl(m, 0);
	check_counts(m, 7, 1, 0, 0);
}

static void
chk_longreq(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_INVITE, "INVITE");
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, "user", "example.com", SF_SIP_HOST_NAME, 0);
	assert_int_equal(m->to.display.len, 105);
	assert_memory_equal(b + m->to.display.off, "\"I have a user name of extreme", 30);
	check_uri(b, &m->to.uri, SF_SIP_SCHEME_SIP, "user", "example.com", SF_SIP_HOST_NAME, 6000);
	assert_int_equal(m->to.uri.raw.len, 379);
	assert_int_equal(m->from.tag.len, 155);
	assert_memory_equal(b + m->from.tag.off, "12982982982982982982", 20);
	assert_memory_equal(b + m->from.tag.off + 145, "2982982424", 10);
	assert_int_equal(m->call_id.len, 141);
	assert_memory_equal(b + m->call_id.off, "longreq.onereally", 17);
	check_cseq(b, m, 3882340, SF_SIP_METHOD_INVITE, "INVITE");
	check_hdr(b, m, 1, "F", SF_SIP_HDR_FROM);
	/* 34 Via headers under all spellings of the name, in order */
	check_counts(m, 43, 34, 1, 150);
	for (unsigned i = 0; i < 33; i++) {
		char host[32];

		snprintf(host, sizeof(host), "sip%u.example.com", 33 - i);
		check_via(b, &m->via[i], "TCP", SF_SIP_TRANSPORT_TCP, host, SF_SIP_HOST_NAME, 0,
		          NULL, NULL, NULL);
		assert_int_equal(m->headers[5 + i].id, SF_SIP_HDR_VIA);
	}
	assert_int_equal(m->via[33].branch.len, 215);
	check_opt(b, m->via[33].received, "192.0.2.5", "via[33].received");
	check_opt(b, m->via[33].host, "host.example.com", "via[33].host");
	assert_int_equal(m->max_forwards, 70);
	assert_int_equal(m->contact[0].uri.user.len, 115);
	check_cl(m, 150);
}

static void
chk_dblreq(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_REGISTER, "REGISTER");
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, NULL, "example.com", SF_SIP_HOST_NAME, 0);
	check_na(b, &m->to, NULL, "sip:j.user@example.com", NULL);
	check_na(b, &m->from, NULL, "sip:j.user@example.com", "43251j3j324");
	assert_int_equal(m->max_forwards, 8);
	check_hdr(b, m, 3, "I", SF_SIP_HDR_CALL_ID);
	check_opt(b, m->call_id, "dblreq.0ha0isndaksdj99sdfafnl3lk233412", "call_id");
	check_na(b, &m->contact[0], NULL, "sip:j.user@host.example.com", NULL);
	assert_false(m->contact[0].bracketed);
	check_cseq(b, m, 8, SF_SIP_METHOD_REGISTER, "REGISTER");
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "192.0.2.125", SF_SIP_HOST_IPV4, 0,
	          "z9hG4bKkdjuw23492", NULL, NULL);
	/* Content-Length 0: the second message in the datagram is not body */
	check_cl(m, 0);
	check_counts(m, 8, 1, 1, 0);
}

static void
chk_semiuri(const uint8_t *b, const struct sf_sip_msg *m)
{
	int accept;

	check_request(b, m, SF_SIP_METHOD_OPTIONS, "OPTIONS");
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, "user;par=u%40example.net", "example.com",
	          SF_SIP_HOST_NAME, 0);
	assert_int_equal(m->ruri.params.len, 0);
	check_na(b, &m->to, NULL, "sip:j_user@example.com", NULL);
	check_na(b, &m->from, NULL, "sip:caller@example.org", "33242");
	assert_int_equal(m->max_forwards, 3);
	check_cseq(b, m, 8, SF_SIP_METHOD_OPTIONS, "OPTIONS");
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "192.0.2.1", SF_SIP_HOST_IPV4, 0,
	          "z9hG4bKkdjuw", NULL, NULL);
	/* Accept spans three folded lines */
	accept = tsu_find_header(b, m, "Accept", 0);
	assert_int_equal(accept, 5);
	check_opt(b, m->headers[accept].value,
	          "application/sdp, application/pkcs7-mime,\r\n        multipart/mixed, "
	          "multipart/signed,\r\n        message/sip, message/sipfrag",
	          "Accept value");
	check_counts(m, 8, 1, 0, 0);
}

static void
chk_transports(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_OPTIONS, "OPTIONS");
	check_opt(b, m->call_id, "transports.kijh4akdnaqjkwendsasfdj", "call_id");
	check_na(b, &m->from, NULL, "sip:caller@example.com", "323");
	check_counts(m, 12, 5, 0, 0);
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "t1.example.com", SF_SIP_HOST_NAME, 0,
	          "z9hG4bKkdjuw", NULL, NULL);
	check_via(b, &m->via[1], "SCTP", SF_SIP_TRANSPORT_SCTP, "t2.example.com", SF_SIP_HOST_NAME,
	          0, "z9hG4bKklasjdhf", NULL, NULL);
	check_via(b, &m->via[2], "TLS", SF_SIP_TRANSPORT_TLS, "t3.example.com", SF_SIP_HOST_NAME, 0,
	          "z9hG4bK2980unddj", NULL, NULL);
	check_via(b, &m->via[3], "UNKNOWN", SF_SIP_TRANSPORT_OTHER, "t4.example.com",
	          SF_SIP_HOST_NAME, 0, "z9hG4bKasd0f3en", NULL, NULL);
	check_via(b, &m->via[4], "TCP", SF_SIP_TRANSPORT_TCP, "t5.example.com", SF_SIP_HOST_NAME, 0,
	          "z9hG4bK0a9idfnee", NULL, NULL);
	check_cseq(b, m, 60, SF_SIP_METHOD_OPTIONS, "OPTIONS");
}

static void
chk_mpart01(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_MESSAGE, "MESSAGE");
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, "kumiko", "example.org", SF_SIP_HOST_NAME, 0);
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "127.0.0.1", SF_SIP_HOST_IPV4, 5070,
	          "z9hG4bK-d87543-4dade06d0bdb11ee-1--d87543-", NULL, "");
	assert_int_equal(m->route_count, 1);
	check_uri(b, &m->route[0].uri, SF_SIP_SCHEME_SIP, NULL, "127.0.0.1", SF_SIP_HOST_IPV4,
	          5080);
	check_uri(b, &m->contact[0].uri, SF_SIP_SCHEME_SIP, "fluffy", "127.0.0.1", SF_SIP_HOST_IPV4,
	          5070);
	check_na(b, &m->to, NULL, "sip:kumiko@example.org", NULL);
	check_na(b, &m->from, NULL, "sip:fluffy@example.com", "2fb0dcc9");
	check_opt(b, m->call_id, "3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA..", "call_id");
	check_cseq(b, m, 1, SF_SIP_METHOD_MESSAGE, "MESSAGE");
	check_opt(b, m->content_type, "multipart/mixed;boundary=7a9cbec02ceef655", "content_type");
	/* framing by Content-Length across NULs and bare LFs in the binary part */
	check_cl(m, 553);
	check_counts(m, 14, 1, 1, 553);
	assert_int_equal(m->body.off + m->body.len, 1290);
}

static const char unreason_phrase[] =
        "= 2**3 * 5**2 \xd0\xbd\xd0\xbe \xd1\x81\xd1\x82\xd0\xbe \xd0\xb4\xd0\xb5\xd0\xb2\xd1\x8f"
        "\xd0\xbd\xd0\xbe\xd1\x81\xd1\x82\xd0\xbe \xd0\xb4\xd0\xb5\xd0\xb2\xd1\x8f\xd1\x82\xd1\x8c "
        "- \xd0\xbf\xd1\x80\xd0\xbe\xd1\x81\xd1\x82\xd0\xbe\xd0\xb5";

static void
chk_unreason(const uint8_t *b, const struct sf_sip_msg *m)
{
	assert_int_equal(m->kind, SF_SIP_KIND_RESPONSE);
	assert_int_equal(m->status, 200);
	check_opt(b, m->reason, unreason_phrase, "reason");
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "192.0.2.198", SF_SIP_HOST_IPV4, 0,
	          "z9hG4bK1324923", NULL, NULL);
	check_opt(b, m->call_id, "unreason.1234ksdfak3j2erwedfsASdf", "call_id");
	check_cseq(b, m, 35, SF_SIP_METHOD_INVITE, "INVITE");
	check_na(b, &m->from, NULL, "sip:user@example.com", "11141343");
	check_na(b, &m->to, NULL, "sip:user@example.edu", "2229");
	check_cl(m, 154);
	check_counts(m, 8, 1, 1, 154);
}

static void
chk_noreason(const uint8_t *b, const struct sf_sip_msg *m)
{
	assert_int_equal(m->kind, SF_SIP_KIND_RESPONSE);
	assert_int_equal(m->status, 100);
	assert_int_equal(m->reason.len, 0);
	check_opt(b, m->version, "SIP/2.0", "version");
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "192.0.2.105", SF_SIP_HOST_IPV4, 0,
	          "z9hG4bK2398ndaoe", NULL, NULL);
	check_cseq(b, m, 35, SF_SIP_METHOD_INVITE, "INVITE");
	check_na(b, &m->to, NULL, "sip:user@example.edu", "902jndnke3");
	check_cl(m, 0);
	check_counts(m, 7, 1, 1, 0);
}

/* --- RFC 4475 semantically odd but well-formed ---------------------------- */

static void
chk_badbranch(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_OPTIONS, "OPTIONS");
	/* the bare magic cookie is a legal token */
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "192.0.2.1", SF_SIP_HOST_IPV4, 0,
	          "z9hG4bK", NULL, NULL);
	check_counts(m, 8, 1, 0, 0);
}

static void
chk_baddate(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_INVITE, "INVITE");
	check_hdr(b, m, 6, "Date", SF_SIP_HDR_OTHER);
	check_cseq(b, m, 1392934, SF_SIP_METHOD_INVITE, "INVITE");
	check_counts(m, 10, 1, 1, 150);
}

static void
chk_unksm2(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_REGISTER, "REGISTER");
	/* unknown schemes outside the Request-URI are fine */
	check_na(b, &m->to, NULL, "isbn:2983792873", NULL);
	assert_int_equal(m->to.uri.scheme_id, SF_SIP_SCHEME_OTHER);
	check_opt(b, m->to.uri.scheme, "isbn", "to.uri.scheme");
	check_na(b, &m->from, NULL, "http://www.example.com", "3234233");
	assert_int_equal(m->from.uri.scheme_id, SF_SIP_SCHEME_OTHER);
	check_na(b, &m->contact[0], NULL, "name:John_Smith", NULL);
	assert_int_equal(m->contact[0].uri.scheme_id, SF_SIP_SCHEME_OTHER);
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "192.0.2.21", SF_SIP_HOST_IPV4, 5060,
	          "z9hG4bKkdjuw", NULL, NULL);
	check_counts(m, 8, 1, 1, 0);
}

static void
chk_bext01(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_OPTIONS, "OPTIONS");
	check_hdr(b, m, 4, "Require", SF_SIP_HDR_REQUIRE);
	check_hdr(b, m, 5, "Proxy-Require", SF_SIP_HDR_PROXY_REQUIRE);
	check_opt(b, m->headers[5].value, "noProxiesSupportThis, norDoAnyProxiesSupportThis",
	          "Proxy-Require value");
	check_via(b, &m->via[0], "TLS", SF_SIP_TRANSPORT_TLS, "fold-and-staple.example.com",
	          SF_SIP_HOST_NAME, 0, "z9hG4bKkdjuw", NULL, NULL);
	check_counts(m, 9, 1, 0, 0);
}

static void
chk_invut(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_INVITE, "INVITE");
	check_opt(b, m->content_type, "application/unknownformat", "content_type");
	check_cl(m, 40);
	check_counts(m, 9, 1, 1, 40);
	check_opt(b, m->body, "<audio>\r\n <pcmu port=\"443\"/>\r\n</audio>\r\n", "body");
}

static void
chk_regaut01(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_REGISTER, "REGISTER");
	check_hdr(b, m, 6, "Authorization", SF_SIP_HDR_AUTHORIZATION);
	check_opt(b, m->auth_scheme, "NoOneKnowsThisScheme", "auth_scheme");
	assert_int_equal(m->auth_username.len, 0);
	check_via(b, &m->via[0], "TCP", SF_SIP_TRANSPORT_TCP, "192.0.2.253", SF_SIP_HOST_IPV4, 0,
	          "z9hG4bKkdjuw", NULL, NULL);
	check_cl(m, 0);
	check_counts(m, 8, 1, 0, 0);
}

static void
chk_bcast(const uint8_t *b, const struct sf_sip_msg *m)
{
	assert_int_equal(m->kind, SF_SIP_KIND_RESPONSE);
	assert_int_equal(m->status, 200);
	check_opt(b, m->reason, "OK", "reason");
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "192.0.2.198", SF_SIP_HOST_IPV4, 0,
	          "z9hG4bK1324923", NULL, NULL);
	check_via(b, &m->via[1], "UDP", SF_SIP_TRANSPORT_UDP, "255.255.255.255", SF_SIP_HOST_IPV4,
	          0, "z9hG4bK1saber23", NULL, NULL);
	check_counts(m, 9, 2, 1, 154);
}

static void
chk_zeromf(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_OPTIONS, "OPTIONS");
	assert_int_equal(m->max_forwards, 0);
	check_cseq(b, m, 39234321, SF_SIP_METHOD_OPTIONS, "OPTIONS");
	check_counts(m, 7, 1, 0, 0);
}

static void
chk_cparam01(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_REGISTER, "REGISTER");
	/* without < >, ;unknownparam belongs to the header, not the URI */
	check_na(b, &m->contact[0], NULL, "sip:+19725552222@gw1.example.net", NULL);
	assert_false(m->contact[0].bracketed);
	assert_int_equal(m->contact[0].uri.params.len, 0);
	check_opt(b, m->contact[0].params, ";unknownparam", "contact.params");
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "saturn.example.com",
	          SF_SIP_HOST_NAME, 5060, "z9hG4bKkdjuw", NULL, NULL);
	check_counts(m, 8, 1, 1, 0);
}

static void
chk_cparam02(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_REGISTER, "REGISTER");
	/* inside < >, ;unknownparam is a URI parameter */
	check_na(b, &m->contact[0], NULL, "sip:+19725552222@gw1.example.net;unknownparam", NULL);
	assert_true(m->contact[0].bracketed);
	check_opt(b, m->contact[0].uri.params, ";unknownparam", "contact.uri.params");
	assert_int_equal(m->contact[0].params.len, 0);
	check_opt(b, m->contact[0].uri.user, "+19725552222", "contact.uri.user");
	check_counts(m, 8, 1, 1, 0);
}

static void
chk_regescrt(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_REGISTER, "REGISTER");
	check_hdr(b, m, 6, "M", SF_SIP_HDR_CONTACT);
	check_hdr(b, m, 7, "L", SF_SIP_HDR_CONTENT_LENGTH);
	/* ?headers are legal in a Contact URI (inside < >) */
	check_uri(b, &m->contact[0].uri, SF_SIP_SCHEME_SIP, "user", "example.com", SF_SIP_HOST_NAME,
	          0);
	check_opt(b, m->contact[0].uri.headers, "Route=%3Csip:sip.example.com%3E",
	          "contact.uri.headers");
	check_cl(m, 0);
	check_counts(m, 8, 1, 1, 0);
}

static void
chk_sdp01(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_INVITE, "INVITE");
	check_opt(b, m->content_type, "application/sdp", "content_type");
	check_counts(m, 10, 1, 1, 150);
}

static void
chk_inv2543(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_INVITE, "INVITE");
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, "UserB", "example.com", SF_SIP_HOST_NAME, 0);
	/* no branch, no From tag, no Max-Forwards, no Content-Length */
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "iftgw.example.com", SF_SIP_HOST_NAME,
	          0, NULL, NULL, NULL);
	check_na(b, &m->from, NULL, "sip:+13035551111@ift.client.example.net;user=phone", NULL);
	check_opt(b, m->from.uri.user_param, "phone", "from.uri.user_param");
	/* addr-spec without < >: ;user=phone is a header parameter */
	check_na(b, &m->to, NULL, "sip:+16505552222@ss1.example.net", NULL);
	check_opt(b, m->to.params, ";user=phone", "to.params");
	assert_int_equal(m->to.uri.user_param.len, 0);
	assert_int_equal(m->record_route_count, 1);
	check_opt(b, m->record_route[0].uri.maddr, "ss1.example.com", "record_route.maddr");
	assert_int_equal(m->max_forwards, -1);
	check_cl(m, -1);
	/* the body is the rest of the datagram */
	check_counts(m, 7, 1, 0, 105);
	assert_int_equal(m->body.off + m->body.len, 445);
}

/* --- RFC 5118 ------------------------------------------------------------- */

static void
chk_ipv6_good(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_REGISTER, "REGISTER");
	assert_false(m->missing_empty_line);
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, NULL, "[2001:db8::10]", SF_SIP_HOST_IPV6, 0);
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "[2001:db8::9:1]", SF_SIP_HOST_IPV6,
	          0, "z9hG4bKas3-111", NULL, NULL);
	check_na(b, &m->contact[0], "\"Caller\"", "sip:caller@[2001:db8::1]", NULL);
	check_uri(b, &m->contact[0].uri, SF_SIP_SCHEME_SIP, "caller", "[2001:db8::1]",
	          SF_SIP_HOST_IPV6, 0);
	check_cseq(b, m, 98176, SF_SIP_METHOD_REGISTER, "REGISTER");
	check_counts(m, 8, 1, 1, 0);
}

static void
chk_port_ambiguous(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_REGISTER, "REGISTER");
	/* the would-be port is inside the brackets: part of the address */
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, NULL, "[2001:db8::10:5070]", SF_SIP_HOST_IPV6, 0);
	check_counts(m, 8, 1, 1, 0);
}

static void
chk_port_unambiguous(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_REGISTER, "REGISTER");
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, NULL, "[2001:db8::10]", SF_SIP_HOST_IPV6, 5070);
	check_counts(m, 8, 1, 1, 0);
}

static void
chk_received_nodelim(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_OPTIONS, "OPTIONS");
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, NULL, "[2001:db8::10]", SF_SIP_HOST_IPV6, 0);
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "[2001:db8::9:1]", SF_SIP_HOST_IPV6,
	          0, "z9hG4bKas3", "2001:db8::9:255", NULL);
	check_counts(m, 8, 1, 1, 0);
}

static void
chk_received_delim(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_BYE, "BYE");
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "[2001:db8::9:1]", SF_SIP_HOST_IPV6,
	          0, "z9hG4bKas3-111", "[2001:db8::9:255]", NULL);
	check_na(b, &m->to, NULL, "sip:user@example.com", "bd76ya");
	check_counts(m, 7, 1, 0, 0);
}

static void
chk_mult_ip_in_header(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_BYE, "BYE");
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "[2001:db8::9:1]", SF_SIP_HOST_IPV6,
	          6050, "z9hG4bKas3-111", NULL, NULL);
	check_via(b, &m->via[1], "UDP", SF_SIP_TRANSPORT_UDP, "192.0.2.1", SF_SIP_HOST_IPV4, 0,
	          "z9hG4bKjhja8781hjuaij65144", NULL, NULL);
	check_via(b, &m->via[2], "TCP", SF_SIP_TRANSPORT_TCP, "[2001:db8::9:255]", SF_SIP_HOST_IPV6,
	          0, "z9hG4bK451jj", "192.0.2.200", NULL);
	check_na(b, &m->to, NULL, "sip:user@example.net", "9817--94");
	check_counts(m, 9, 3, 0, 0);
}

static void
chk_ipv4_mapped(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_INVITE, "INVITE");
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "[::ffff:192.0.2.10]",
	          SF_SIP_HOST_IPV6, 19823, "z9hG4bKbh19", NULL, NULL);
	check_via(b, &m->via[1], "UDP", SF_SIP_TRANSPORT_UDP, "[::ffff:192.0.2.2]",
	          SF_SIP_HOST_IPV6, 0, "z9hG4bKas3-111", NULL, NULL);
	check_na(b, &m->contact[0], "\"T. desk phone\"", "sip:ted@[::ffff:192.0.2.2]", NULL);
	check_uri(b, &m->contact[0].uri, SF_SIP_SCHEME_SIP, "ted", "[::ffff:192.0.2.2]",
	          SF_SIP_HOST_IPV6, 0);
	check_cseq(b, m, 612, SF_SIP_METHOD_INVITE, "INVITE");
	check_cl(m, 236);
	check_counts(m, 10, 2, 1, 236);
}

static void
chk_colons(const uint8_t *b, const struct sf_sip_msg *m, const char *host)
{
	char uri[64];

	check_request(b, m, SF_SIP_METHOD_OPTIONS, "OPTIONS");
	/* the archive ends after "Content-Length: 0" LF with no empty line */
	assert_true(m->missing_empty_line);
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, "user", host, SF_SIP_HOST_IPV6, 0);
	snprintf(uri, sizeof(uri), "sip:user@%s", host);
	check_na(b, &m->to, NULL, uri, NULL);
	check_uri(b, &m->to.uri, SF_SIP_SCHEME_SIP, "user", host, SF_SIP_HOST_IPV6, 0);
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "lab1.east.example.com",
	          SF_SIP_HOST_NAME, 0, "z9hG4bKas3-111", NULL, NULL);
	check_cseq(b, m, 689, SF_SIP_METHOD_OPTIONS, "OPTIONS");
	check_cl(m, 0);
	check_counts(m, 7, 1, 0, 0);
}

static void
chk_3colons(const uint8_t *b, const struct sf_sip_msg *m)
{
	chk_colons(b, m, "[2001:db8:::192.0.2.1]");
}

static void
chk_2colons(const uint8_t *b, const struct sf_sip_msg *m)
{
	chk_colons(b, m, "[2001:db8::192.0.2.1]");
}

/* --- the case table --------------------------------------------------------- */

struct corpus_case {
	const char *sub;
	const char *name;
	uint64_t errors; /* accepted verdicts (mask of E()) */
	unsigned status; /* sf_sip_error_status of the verdict */
	uint8_t kind;    /* enum sf_sip_kind seen */
	const char *at;  /* the line error_at must fall in, when it is set */
	void (*check)(const uint8_t *buf, const struct sf_sip_msg *m);
};

#define OK_REQ(n, fn)                                                 \
	{                                                             \
		"rfc4475", n, E(OK), 0, SF_SIP_KIND_REQUEST, NULL, fn \
	}
#define OK_RSP(n, fn)                                                  \
	{                                                              \
		"rfc4475", n, E(OK), 0, SF_SIP_KIND_RESPONSE, NULL, fn \
	}
#define BAD(n, errs, st, k, at)                                   \
	{                                                         \
		"rfc4475", n, errs, st, SF_SIP_KIND_##k, at, NULL \
	}
#define OK6(n, fn)                                                    \
	{                                                             \
		"rfc5118", n, E(OK), 0, SF_SIP_KIND_REQUEST, NULL, fn \
	}
#define BAD6(n, errs, st, at, fn)                                   \
	{                                                           \
		"rfc5118", n, errs, st, SF_SIP_KIND_REQUEST, at, fn \
	}

static void chk_ipv6_in_sdp(const uint8_t *b, const struct sf_sip_msg *m);
static void chk_mult_ip_in_sdp(const uint8_t *b, const struct sf_sip_msg *m);

static const struct corpus_case cases[] = {
        /* RFC 4475 §3.1.1: valid */
        OK_REQ("wsinv.dat", chk_wsinv),
        OK_REQ("intmeth.dat", chk_intmeth),
        OK_REQ("esc01.dat", chk_esc01),
        OK_REQ("escnull.dat", chk_escnull),
        OK_REQ("esc02.dat", chk_esc02),
        OK_REQ("lwsdisp.dat", chk_lwsdisp),
        OK_REQ("longreq.dat", chk_longreq),
        OK_REQ("dblreq.dat", chk_dblreq),
        OK_REQ("semiuri.dat", chk_semiuri),
        OK_REQ("transports.dat", chk_transports),
        OK_REQ("mpart01.dat", chk_mpart01),
        OK_RSP("unreason.dat", chk_unreason),
        OK_RSP("noreason.dat", chk_noreason),
        /* RFC 4475 §3.1.2: invalid */
        BAD("badinv01.dat", E(BAD_VIA), 400, REQUEST, "Via: "),
        BAD("clerr.dat", E(BODY_TRUNCATED), 400, REQUEST, NULL),
        BAD("ncl.dat", E(BAD_CONTENT_LENGTH), 400, REQUEST, "Content-Length: "),
        BAD("scalar02.dat", E(BAD_CSEQ), 400, REQUEST, "CSeq: "),
        BAD("scalarlg.dat", E(BAD_CSEQ), 400, RESPONSE, "CSeq: "),
        BAD("quotbal.dat", E(BAD_TO), 400, REQUEST, "To: "),
        BAD("ltgtruri.dat", E(BAD_RURI), 400, REQUEST, "INVITE "),
        BAD("lwsruri.dat", E(BAD_REQUEST_LINE), 400, REQUEST, "INVITE "),
        BAD("lwsstart.dat", E(BAD_REQUEST_LINE), 400, REQUEST, "INVITE "),
        BAD("trws.dat", E(BAD_REQUEST_LINE), 400, REQUEST, "OPTIONS "),
        BAD("escruri.dat", E(RURI_HEADERS), 400, REQUEST, "INVITE "),
        OK_REQ("baddate.dat", chk_baddate), /* Date is not parsed */
        BAD("regbadct.dat", E(BAD_CONTACT), 400, REQUEST, "Contact: "),
        BAD("badaspec.dat", E(BAD_TO), 400, REQUEST, "To: "), /* "< sip:... >" in To */
        BAD("baddn.dat", E(BAD_FROM) | E(BAD_TO), 400, REQUEST, NULL),
        BAD("badvers.dat", E(BAD_VERSION), 505, REQUEST, "OPTIONS "),
        BAD("mismatch01.dat", E(CSEQ_METHOD_MISMATCH), 400, REQUEST, NULL),
        BAD("mismatch02.dat", E(CSEQ_METHOD_MISMATCH), 400, REQUEST, NULL),
        BAD("bigcode.dat", E(STATUS_RANGE) | E(BAD_STATUS_LINE), 400, RESPONSE, "SIP/2.0 "),
        /* §3.2, §3.3, §3.4: transaction and application layer */
        OK_REQ("badbranch.dat", chk_badbranch),
        BAD("insuf.dat", E(MISSING_FROM), 400, REQUEST, NULL), /* no From, To, Call-ID */
        BAD("unkscm.dat", E(RURI_SCHEME), 416, REQUEST, "OPTIONS "),
        BAD("novelsc.dat", E(RURI_SCHEME), 416, REQUEST, "OPTIONS "),
        OK_REQ("unksm2.dat", chk_unksm2),
        OK_REQ("bext01.dat", chk_bext01),
        OK_REQ("invut.dat", chk_invut),
        OK_REQ("regaut01.dat", chk_regaut01),
        BAD("multi01.dat",
            E(DUP_FROM) | E(DUP_TO) | E(DUP_CALL_ID) | E(DUP_CSEQ) | E(DUP_MAX_FORWARDS), 400,
            REQUEST, NULL),
        BAD("mcl01.dat", E(CONTENT_LENGTH_CONFLICT), 400, REQUEST, NULL),
        OK_RSP("bcast.dat", chk_bcast),
        OK_REQ("zeromf.dat", chk_zeromf),
        OK_REQ("cparam01.dat", chk_cparam01),
        OK_REQ("cparam02.dat", chk_cparam02),
        OK_REQ("regescrt.dat", chk_regescrt),
        OK_REQ("sdp01.dat", chk_sdp01),
        OK_REQ("inv2543.dat", chk_inv2543),
        /* RFC 5118 (bare LF line ends throughout) */
        OK6("ipv6-good.dat", chk_ipv6_good),
        BAD6("ipv6-bad.dat", E(BAD_RURI), 400, "REGISTER ", NULL),
        OK6("port-ambiguous.dat", chk_port_ambiguous),
        OK6("port-unambiguous.dat", chk_port_unambiguous),
        OK6("via-received-param-no-delim.dat", chk_received_nodelim),
        OK6("via-received-param-with-delim.dat", chk_received_delim),
        /* Content-Length 268, 242 octets of body: rejected as archived; the
         * check re-parses a copy with the length fixed. */
        BAD6("ipv6-in-sdp.dat", E(BODY_TRUNCATED), 400, NULL, chk_ipv6_in_sdp),
        OK6("mult-ip-in-header.dat", chk_mult_ip_in_header),
        /* Content-Length 181, 180 octets of body: same treatment */
        BAD6("mult-ip-in-sdp.dat", E(BODY_TRUNCATED), 400, NULL, chk_mult_ip_in_sdp),
        OK6("ipv4-mapped-ipv6.dat", chk_ipv4_mapped),
        OK6("ipv6-bug-abnf-3-colons.dat", chk_3colons),
        OK6("ipv6-correct-abnf-2-colons.dat", chk_2colons),
};

/* Parses data from a guarded copy into msg; the copy stays mapped in *g. */
static enum sf_sip_error
parse_guarded(struct tsu_guarded *g, const uint8_t *data, size_t len)
{
	enum sf_sip_error err;

	tsu_guard(g, data, len);
	tsu_msg_reset(&msg);
	err = sf_sip_parse(&parser, g->data, len, &msg);
	assert_int_equal(err, msg.error);
	assert_view_sane(&msg, len);
	return err;
}

static size_t cur_len; /* length of the datagram the current check sees */

static void
reparse_with(const uint8_t *b, const char *from, const char *to,
             void (*check)(const uint8_t *, const struct sf_sip_msg *))
{
	struct tsu_guarded g;
	uint8_t *copy = malloc(cur_len + 1);
	char *at;

	assert_non_null(copy);
	memcpy(copy, b, cur_len);
	copy[cur_len] = '\0';
	at = strstr((char *)copy, from);
	assert_non_null(at);
	assert_int_equal(strlen(from), strlen(to));
	memcpy(at, to, strlen(to));
	if (parse_guarded(&g, copy, cur_len) != SF_SIP_ERR_OK)
		fail_msg("fixed copy rejected: %s", sf_sip_error_name(msg.error));
	check(g.data, &msg);
	tsu_unguard(&g);
	free(copy);
}

static void
fixed_ipv6_in_sdp(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_INVITE, "INVITE");
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, "user", "[2001:db8::10]", SF_SIP_HOST_IPV6, 0);
	check_uri(b, &m->to.uri, SF_SIP_SCHEME_SIP, "user", "[2001:db8::10]", SF_SIP_HOST_IPV6, 0);
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "[2001:db8::20]", SF_SIP_HOST_IPV6, 0,
	          "z9hG4bKas3-111", NULL, NULL);
	check_na(b, &m->contact[0], "\"Caller\"", "sip:caller@[2001:db8::20]", NULL);
	check_uri(b, &m->contact[0].uri, SF_SIP_SCHEME_SIP, "caller", "[2001:db8::20]",
	          SF_SIP_HOST_IPV6, 0);
	check_cseq(b, m, 8612, SF_SIP_METHOD_INVITE, "INVITE");
	check_cl(m, 242);
	check_counts(m, 9, 1, 1, 242);
}

static void
chk_ipv6_in_sdp(const uint8_t *b, const struct sf_sip_msg *m)
{
	/* as archived the view still has the header fields */
	assert_int_equal(m->kind, SF_SIP_KIND_REQUEST);
	reparse_with(b, "Content-Length: 268", "Content-Length: 242", fixed_ipv6_in_sdp);
}

static void
fixed_mult_ip_in_sdp(const uint8_t *b, const struct sf_sip_msg *m)
{
	check_request(b, m, SF_SIP_METHOD_INVITE, "INVITE");
	check_uri(b, &m->ruri, SF_SIP_SCHEME_SIP, "user", "[2001:db8::10]", SF_SIP_HOST_IPV6, 0);
	check_via(b, &m->via[0], "UDP", SF_SIP_TRANSPORT_UDP, "[2001:db8::9:1]", SF_SIP_HOST_IPV6,
	          0, "z9hG4bKas3-111", NULL, NULL);
	check_uri(b, &m->contact[0].uri, SF_SIP_SCHEME_SIP, "caller", "[2001:db8::9:1]",
	          SF_SIP_HOST_IPV6, 0);
	check_cseq(b, m, 8912, SF_SIP_METHOD_INVITE, "INVITE");
	check_cl(m, 180);
	check_counts(m, 9, 1, 1, 180);
}

static void
chk_mult_ip_in_sdp(const uint8_t *b, const struct sf_sip_msg *m)
{
	assert_int_equal(m->kind, SF_SIP_KIND_REQUEST);
	reparse_with(b, "Content-Length: 181", "Content-Length: 180", fixed_mult_ip_in_sdp);
}

/* The line of buf that holds hint, as [start, end) (folded lines included). */
static int
find_line(const uint8_t *b, size_t len, const char *hint, size_t *start, size_t *end)
{
	size_t n = strlen(hint);

	for (size_t i = 0; i + n <= len; i++) {
		if ((i == 0 || b[i - 1] == '\n') && memcmp(b + i, hint, n) == 0) {
			size_t e = i;

			while (e < len && !(b[e] == '\n' && (e + 1 >= len || (b[e + 1] != ' ' &&
			                                                      b[e + 1] != '\t'))))
				e++;
			*start = i;
			*end = e;
			return 1;
		}
	}
	return 0;
}

static void
run_case(void **state)
{
	const struct corpus_case *c = *state;
	struct tsu_guarded g;
	enum sf_sip_error err;
	uint8_t *data;
	size_t len;

	data = tsu_read_corpus(c->sub, c->name, &len);
	err = parse_guarded(&g, data, len);
	if (!(c->errors & (UINT64_C(1) << err)))
		fail_msg("%s/%s: got %s (%s), kind %s", c->sub, c->name, sf_sip_error_name(err),
		         sf_sip_error_reason(err), sf_sip_kind_name(msg.kind));
	assert_int_equal(sf_sip_error_status(err), c->status);
	assert_int_equal(msg.kind, c->kind);
	if (err != SF_SIP_ERR_OK && c->at != NULL && msg.error_at.len > 0) {
		size_t s = 0, e = 0;

		assert_true(find_line(g.data, len, c->at, &s, &e));
		if (msg.error_at.off < s || msg.error_at.off > e)
			fail_msg("%s: error_at %u+%u is not on the line \"%s...\" [%zu, %zu)",
			         c->name, msg.error_at.off, msg.error_at.len, c->at, s, e);
	}
	if (c->check != NULL) {
		cur_len = len;
		c->check(g.data, &msg);
	}
	tsu_unguard(&g);
	free(data);
}

/* Every file of the two RFC folders has an entry above. */
static void
every_rfc_file_has_a_case(void **state)
{
	static const char *const subs[] = {"rfc4475", "rfc5118"};
	static const size_t expected[] = {49, 12};

	(void)state;
	for (unsigned s = 0; s < 2; s++) {
		char **names;
		size_t n = tsu_list_corpus(subs[s], ".dat", &names);

		assert_int_equal(n, expected[s]);
		for (size_t i = 0; i < n; i++) {
			int found = 0;

			for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
				found |= strcmp(cases[k].sub, subs[s]) == 0 &&
				         strcmp(cases[k].name, names[i]) == 0;
			if (!found)
				fail_msg("%s/%s has no test case", subs[s], names[i]);
		}
		tsu_free_names(names, n);
	}
}

/* baddn without its archive artifact (the empty line appended) is still
 * rejected for its display names: the verdict does not hinge on framing. */
static void
baddn_with_empty_line(void **state)
{
	struct tsu_guarded g;
	uint8_t *data, *copy;
	size_t len;

	(void)state;
	data = tsu_read_corpus("rfc4475", "baddn.dat", &len);
	copy = malloc(len + 2);
	assert_non_null(copy);
	memcpy(copy, data, len);
	memcpy(copy + len, "\r\n", 2);
	parse_guarded(&g, copy, len + 2);
	assert_true(msg.error == SF_SIP_ERR_BAD_FROM || msg.error == SF_SIP_ERR_BAD_TO);
	assert_false(msg.missing_empty_line);
	tsu_unguard(&g);
	/* and as archived it is the display names, not the framing, that fail */
	parse_guarded(&g, data, len);
	assert_true(msg.error == SF_SIP_ERR_BAD_FROM || msg.error == SF_SIP_ERR_BAD_TO);
	tsu_unguard(&g);
	free(copy);
	free(data);
}

/* RFC 5118 files converted to CRLF parse to the same fields (the LF
 * acceptance is not a different code path for the values). */
static void
rfc5118_crlf_equivalent(void **state)
{
	char **names;
	size_t n = tsu_list_corpus("rfc5118", ".dat", &names);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		struct tsu_guarded g;
		uint8_t *data, *crlf;
		size_t len, clen = 0;
		enum sf_sip_error lf_err;
		uint16_t lf_vias, lf_headers;
		uint32_t lf_cseq;
		uint16_t lf_rport;

		data = tsu_read_corpus("rfc5118", names[i], &len);
		lf_err = parse_guarded(&g, data, len);
		lf_vias = msg.via_count;
		lf_headers = msg.header_count;
		lf_cseq = msg.cseq;
		lf_rport = msg.ruri.port;
		tsu_unguard(&g);

		/* CRLF for every LF of the header section; the body unchanged
		 * (a body-length mismatch stays the same mismatch). */
		crlf = malloc(len * 2);
		assert_non_null(crlf);
		{
			int in_body = 0;

			for (size_t k = 0; k < len; k++) {
				if (!in_body && data[k] == '\n') {
					crlf[clen++] = '\r';
					if (k > 0 && data[k - 1] == '\n')
						in_body = 1;
				}
				crlf[clen++] = data[k];
			}
		}
		parse_guarded(&g, crlf, clen);
		if (msg.error != lf_err)
			fail_msg("%s: LF verdict %s, CRLF verdict %s", names[i],
			         sf_sip_error_name(lf_err), sf_sip_error_name(msg.error));
		assert_int_equal(msg.via_count, lf_vias);
		assert_int_equal(msg.header_count, lf_headers);
		assert_int_equal(msg.cseq, lf_cseq);
		assert_int_equal(msg.ruri.port, lf_rport);
		tsu_unguard(&g);
		free(crlf);
		free(data);
	}
	tsu_free_names(names, n);
}

/* --- corpus/samples --------------------------------------------------------- */

struct naive {
	int is_response;
	char first_token[128];
	char second_token[512];
	char call_id[256];
	unsigned long cseq;
	char cseq_method[32];
	unsigned headers;
	unsigned vias;
	long cl;
	size_t body_len;
};

static const char *
compact_full(const char *name)
{
	static const char *const map[][2] = {
	        {"v", "via"}, {"f", "from"}, {"t", "to"}, {"i", "call-id"}, {"l", "content-length"},
	};

	for (unsigned i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcasecmp(name, map[i][0]) == 0)
			return map[i][1];
	return name;
}

/* Counts top-level comma-separated values (not inside quotes or < >). */
static unsigned
count_values(const char *v)
{
	unsigned n = 1;
	int q = 0, a = 0;

	for (; *v; v++) {
		if (q && *v == '\\' && v[1])
			v++;
		else if (*v == '"')
			q = !q;
		else if (!q && *v == '<')
			a = 1;
		else if (!q && *v == '>')
			a = 0;
		else if (!q && !a && *v == ',')
			n++;
	}
	return n;
}

static void
naive_split(const uint8_t *b, size_t len, struct naive *nv)
{
	size_t i = 0, hdr_end = len;
	char line[8192];

	memset(nv, 0, sizeof(*nv));
	nv->cl = -1;
	for (size_t k = 0; k + 1 < len; k++) {
		if (b[k] == '\n' &&
		    (b[k + 1] == '\n' || (b[k + 1] == '\r' && k + 2 < len && b[k + 2] == '\n'))) {
			hdr_end = k + 1;
			break;
		}
	}
	while (i < hdr_end) {
		size_t n = 0;

		/* one logical line, unfolded */
		for (;;) {
			while (i < hdr_end && b[i] != '\n') {
				if (b[i] != '\r' && n + 1 < sizeof(line))
					line[n++] = (char)b[i];
				i++;
			}
			i++;
			if (i < hdr_end && (b[i] == ' ' || b[i] == '\t'))
				continue;
			break;
		}
		line[n] = '\0';
		if (nv->first_token[0] == '\0') {
			sscanf(line, "%127s %511s", nv->first_token, nv->second_token);
			nv->is_response = strncmp(line, "SIP/", 4) == 0;
			continue;
		}
		char *colon = strchr(line, ':');
		if (colon == NULL)
			continue;
		*colon = '\0';
		char *name = line, *val = colon + 1;
		while (*name == ' ')
			name++;
		for (char *e = colon - 1; e >= name && (*e == ' ' || *e == '\t'); e--)
			*e = '\0';
		while (*val == ' ' || *val == '\t')
			val++;
		for (char *e = val + strlen(val) - 1; e >= val && (*e == ' ' || *e == '\t'); e--)
			*e = '\0';
		const char *full = compact_full(name);

		nv->headers++;
		if (strcasecmp(full, "via") == 0)
			nv->vias += count_values(val);
		else if (strcasecmp(full, "call-id") == 0)
			snprintf(nv->call_id, sizeof(nv->call_id), "%s", val);
		else if (strcasecmp(full, "cseq") == 0)
			sscanf(val, "%lu %31s", &nv->cseq, nv->cseq_method);
		else if (strcasecmp(full, "content-length") == 0)
			nv->cl = strtol(val, NULL, 10);
	}
	{
		size_t body_off = hdr_end;

		if (body_off < len && b[body_off] == '\r')
			body_off++;
		if (body_off < len && b[body_off] == '\n')
			body_off++;
		nv->body_len = body_off <= len ? len - body_off : 0;
		if (nv->cl >= 0 && (size_t)nv->cl < nv->body_len)
			nv->body_len = (size_t)nv->cl;
	}
}

struct sample_verdict {
	const char *name;
	uint64_t errors;
	const char *why;
};

/* Samples that are not plain valid messages (SOURCES.md). */
static const struct sample_verdict sample_exceptions[] = {
        {"ipv6udp_invite_sdp.sip", E(BAD_RURI), "unbracketed IPv6 host in the Request-URI"},
        {"ipv6udp_bye.sip", E(BAD_RURI), "unbracketed IPv6 host in the Request-URI"},
        /* a response: no Request-URI, but every URI and the Via carry an
         * unbracketed IPv6 host; whichever header is checked first fails */
        {"ipv6udp_200_ok_sdp.sip", E(BAD_VIA) | E(BAD_FROM) | E(BAD_TO) | E(BAD_CONTACT),
         "unbracketed IPv6 hosts in Via/From/To/Contact"},
        {"libosip2_message_multipart_jpeg_lf.sip", E(TOO_LARGE), "75896 octets > 65535"},
};

static void
run_sample(const char *name)
{
	const struct sample_verdict *exc = NULL;
	struct tsu_guarded g;
	struct naive nv;
	enum sf_sip_error err;
	uint8_t *data;
	size_t len;

	for (unsigned k = 0; k < sizeof(sample_exceptions) / sizeof(sample_exceptions[0]); k++)
		if (strcmp(sample_exceptions[k].name, name) == 0)
			exc = &sample_exceptions[k];
	data = tsu_read_corpus("samples", name, &len);
	naive_split(data, len, &nv);
	err = parse_guarded(&g, data, len);
	if (exc != NULL) {
		if (!(exc->errors & (UINT64_C(1) << err)))
			fail_msg("samples/%s (%s): got %s", name, exc->why, sf_sip_error_name(err));
		assert_int_equal(msg.kind,
		                 nv.is_response ? SF_SIP_KIND_RESPONSE : SF_SIP_KIND_REQUEST);
		goto out;
	}
	if (err != SF_SIP_ERR_OK)
		fail_msg("samples/%s: rejected %s (%s) at %u+%u \"%.*s\"", name,
		         sf_sip_error_name(err), sf_sip_error_reason(err), msg.error_at.off,
		         msg.error_at.len, msg.error_at.len > 60 ? 60 : (int)msg.error_at.len,
		         (const char *)g.data + msg.error_at.off);
	/* cross-check the view against a naive split of the same octets */
	if (nv.is_response) {
		assert_int_equal(msg.kind, SF_SIP_KIND_RESPONSE);
		assert_int_equal(msg.status, strtoul(nv.second_token, NULL, 10));
	} else {
		assert_int_equal(msg.kind, SF_SIP_KIND_REQUEST);
		check_opt(g.data, msg.method_name, nv.first_token, "method_name");
		check_opt(g.data, msg.ruri.raw, nv.second_token, "ruri.raw");
		assert_int_equal(msg.method,
		                 sf_sip_method_from_token((const uint8_t *)nv.first_token,
		                                          strlen(nv.first_token)));
		assert_int_equal(msg.cseq_method, msg.method);
	}
	check_opt(g.data, msg.call_id, nv.call_id, "call_id");
	assert_int_equal(msg.cseq, nv.cseq);
	check_opt(g.data, msg.cseq_method_name, nv.cseq_method, "cseq_method_name");
	assert_int_equal(msg.header_count, nv.headers);
	assert_int_equal(msg.via_count, nv.vias);
	assert_int_equal(msg.has_content_length, nv.cl >= 0);
	assert_int_equal(msg.body.len, nv.body_len);
	assert_int_equal(msg.body.off + msg.body.len <= len, 1);
	assert_false(msg.missing_empty_line);
	for (unsigned v = 0; v < msg.via_count; v++) {
		assert_true(msg.via[v].host.len > 0);
		assert_true(msg.via[v].transport_id != SF_SIP_TRANSPORT_NONE);
	}
out:
	tsu_unguard(&g);
	free(data);
}

static void
all_samples(void **state)
{
	char **names;
	size_t n = tsu_list_corpus("samples", ".sip", &names);

	(void)state;
	assert_int_equal(n, 68);
	for (size_t i = 0; i < n; i++) {
		print_message("samples/%s\n", names[i]);
		run_sample(names[i]);
	}
	tsu_free_names(names, n);
}

/* A few samples with something worth pinning down. */
static void
samples_details(void **state)
{
	struct tsu_guarded g;
	uint8_t *data;
	size_t len;

	(void)state;
	data = tsu_read_corpus("samples", "ipv6frag_invite_sdp_reassembled.sip", &len);
	assert_int_equal(parse_guarded(&g, data, len), SF_SIP_ERR_OK);
	check_uri(g.data, &msg.ruri, SF_SIP_SCHEME_SIP, "08019200028",
	          "[fd17:625c:f037:2:a00:27ff:feb9:4222]", SF_SIP_HOST_IPV6, 25060);
	check_via(g.data, &msg.via[0], "UDP", SF_SIP_TRANSPORT_UDP,
	          "[fd17:625c:f037:2:a00:27ff:feb9:1521]", SF_SIP_HOST_IPV6, 15060,
	          "z9hG4bK-397430-71846-0", NULL, NULL);
	assert_int_equal(msg.route_count, 3);
	assert_true(msg.route[0].uri.lr);
	check_uri(g.data, &msg.route[0].uri, SF_SIP_SCHEME_SIP, NULL,
	          "[fd17:625c:f037:2:a00:27ff:feb9:3519]", SF_SIP_HOST_IPV6, 5062);
	assert_int_equal(msg.record_route_count, 1);
	check_na(g.data, &msg.from, "sipp", "sip:sipp@[fd17:625c:f037:2:a00:27ff:feb9:1521]:15060",
	         "397430SIPpTag0071846");
	check_na(g.data, &msg.contact[0], NULL,
	         "sip:sipp@[fd17:625c:f037:2:a00:27ff:feb9:1521]:15060", NULL);
	assert_int_equal(msg.contact[0].uri.port, 15060);
	check_cl(&msg, 655);
	assert_int_equal(msg.allow_mask,
	                 (1u << SF_SIP_METHOD_INVITE) | (1u << SF_SIP_METHOD_PRACK) |
	                         (1u << SF_SIP_METHOD_CANCEL) | (1u << SF_SIP_METHOD_BYE) |
	                         (1u << SF_SIP_METHOD_UPDATE));
	tsu_unguard(&g);
	free(data);

	/* a 183 with two Via values in one header, received= bare IPv6 */
	data = tsu_read_corpus("samples", "ipv6frag_183_session_progress_sdp.sip", &len);
	assert_int_equal(parse_guarded(&g, data, len), SF_SIP_ERR_OK);
	assert_int_equal(msg.via_count, 2);
	check_via(g.data, &msg.via[1], "UDP", SF_SIP_TRANSPORT_UDP,
	          "[fd17:625c:f037:2:a00:27ff:feb9:1521]", SF_SIP_HOST_IPV6, 15060,
	          "z9hG4bK-397430-71846-0", "fd17:625c:f037:2:a00:27ff:feb9:1521", NULL);
	assert_int_equal(msg.record_route_count, 2);
	tsu_unguard(&g);
	free(data);

	/* no Content-Length at all over UDP: the body is the rest (none) */
	data = tsu_read_corpus("samples", "ipv6frag_200_ok_prack.sip", &len);
	assert_int_equal(parse_guarded(&g, data, len), SF_SIP_ERR_OK);
	check_cl(&msg, -1);
	assert_int_equal(msg.body.len, 0);
	tsu_unguard(&g);
	free(data);

	/* long reason phrase */
	data = tsu_read_corpus("samples", "aaa_100_trying_long_reason.sip", &len);
	assert_int_equal(parse_guarded(&g, data, len), SF_SIP_ERR_OK);
	assert_int_equal(msg.status, 100);
	check_opt(g.data, msg.reason, "trying -- your call is important to us", "reason");
	tsu_unguard(&g);
	free(data);

	/* bare LF line ends (libosip2) */
	data = tsu_read_corpus("samples", "libosip2_message_lf.sip", &len);
	assert_int_equal(parse_guarded(&g, data, len), SF_SIP_ERR_OK);
	check_request(g.data, &msg, SF_SIP_METHOD_MESSAGE, "MESSAGE");
	check_na(g.data, &msg.to, NULL, "sip:philou@cdf2004.org", NULL);
	check_via(g.data, &msg.via[0], "UDP", SF_SIP_TRANSPORT_UDP, "cdf2004.org", SF_SIP_HOST_NAME,
	          0, NULL, NULL, NULL);
	/* a quoted JSON value with commas in an unknown header */
	check_hdr(g.data, &msg, 0, "test", SF_SIP_HDR_OTHER);
	tsu_unguard(&g);
	free(data);

	/* Authorization: Digest with a quoted username */
	data = tsu_read_corpus("samples", "hello_register_authorization.sip", &len);
	assert_int_equal(parse_guarded(&g, data, len), SF_SIP_ERR_OK);
	check_opt(g.data, msg.auth_scheme, "Digest", "auth_scheme");
	assert_true(msg.auth_username.len > 0);
	assert_true(g.data[msg.auth_username.off] != '"');
	tsu_unguard(&g);
	free(data);

	/* the 75 KB datagram is rejected before anything else */
	data = tsu_read_corpus("samples", "libosip2_message_multipart_jpeg_lf.sip", &len);
	assert_int_equal(len, 75896);
	assert_int_equal(parse_guarded(&g, data, len), SF_SIP_ERR_TOO_LARGE);
	assert_int_equal(sf_sip_error_status(SF_SIP_ERR_TOO_LARGE), 513);
	tsu_unguard(&g);
	free(data);
}

static int
group_setup(void **state)
{
	(void)state;
	return sf_sip_parser_init(&parser, SF_SIP_SCAN_AUTO);
}

int
main(void)
{
	enum { N_CASES = sizeof(cases) / sizeof(cases[0]) };
	struct CMUnitTest tests[N_CASES + 5];
	size_t n = 0;

	for (size_t i = 0; i < N_CASES; i++) {
		tests[n] =
		        (struct CMUnitTest)cmocka_unit_test_prestate(run_case, (void *)&cases[i]);
		tests[n].name = cases[i].name;
		n++;
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(every_rfc_file_has_a_case);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(baddn_with_empty_line);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(rfc5118_crlf_equivalent);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(all_samples);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(samples_details);
	return _cmocka_run_group_tests("sip_corpus", tests, n, group_setup, NULL);
}
