/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * cmocka tests of the proxy stage (lib/proxy): what is answered, dropped or
 * forwarded, and the exact text of the responses sipfront builds (Via
 * copy with received/rport per RFC 3581, To tag, Warning, Allow/Accept).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <sipfront/reply.h>

static struct sf_sip_parser parser;
static struct sf_sip_msg msg;
static char out[8192];

static const struct sf_reply_conf conf = {
        .to_tag = "sftag",
        .server = "sipfront",
        .allow = "OPTIONS",
        .accept = "application/sdp",
};

static const struct sf_reply_peer peer4 = {
        .family = 4,
        .addr = {198, 18, 0, 2},
        .port = 5070,
};

static enum sf_sip_error
parse(const char *m)
{
	return sf_sip_parse(&parser, (const uint8_t *)m, strlen(m), &msg);
}

static int
build(const char *m, uint16_t status, enum sf_sip_error err)
{
	int n = sf_reply_build((const uint8_t *)m, &msg, status, err, &peer4, &conf, out,
	                       sizeof(out) - 1);

	if (n >= 0)
		out[n] = '\0';
	return n;
}

#define REQ(method, via, extra)                                     \
	method " sip:bob@198.18.0.1 SIP/2.0\r\n"                    \
	       "Via: " via "\r\n"                                   \
	       "Max-Forwards: 70\r\n"                               \
	       "From: \"Alice\" <sip:alice@example.com>;tag=a1\r\n" \
	       "To: <sip:bob@198.18.0.1>\r\n"                       \
	       "Call-ID: c1@example.com\r\n"                        \
	       "CSeq: 7 " method "\r\n" extra "Content-Length: 0\r\n\r\n"

static void
test_options_200(void **state)
{
	const char *m = REQ("OPTIONS", "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;rport", "");
	struct sf_sip_verdict v;

	(void)state;
	assert_int_equal(parse(m), SF_SIP_ERR_OK);
	sf_sip_decide(&msg, SF_SIP_ERR_OK, &v);
	assert_int_equal(v.action, SF_SIP_REPLY);
	assert_int_equal(v.status, 200);
	assert_true(build(m, v.status, SF_SIP_ERR_OK) > 0);
	assert_string_equal(out,
	                    "SIP/2.0 200 OK\r\n"
	                    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;received=198.18.0.2;"
	                    "rport=5070\r\n"
	                    "From: \"Alice\" <sip:alice@example.com>;tag=a1\r\n"
	                    "To: <sip:bob@198.18.0.1>;tag=sftag\r\n"
	                    "Call-ID: c1@example.com\r\n"
	                    "CSeq: 7 OPTIONS\r\n"
	                    "Allow: OPTIONS\r\n"
	                    "Accept: application/sdp\r\n"
	                    "Server: sipfront\r\n"
	                    "Content-Length: 0\r\n\r\n");
	/* The answer parses as a valid response. */
	assert_int_equal(parse(out), SF_SIP_ERR_OK);
	assert_int_equal(msg.kind, SF_SIP_KIND_RESPONSE);
	assert_int_equal(msg.status, 200);
}

static void
test_received_rules(void **state)
{
	(void)state;
	/* sent-by is the source, no rport: Via untouched. */
	const char *a = REQ("INVITE", "SIP/2.0/UDP 198.18.0.2:5070;branch=z9hG4bK2", "");

	assert_int_equal(parse(a), SF_SIP_ERR_OK);
	assert_true(build(a, 501, SF_SIP_ERR_OK) > 0);
	assert_non_null(strstr(out, "SIP/2.0 501 Not Implemented\r\n"
	                            "Via: SIP/2.0/UDP 198.18.0.2:5070;branch=z9hG4bK2\r\n"));
	assert_null(strstr(out, "Allow:"));
	/* A host name always differs from the source address. */
	const char *b = REQ("INVITE", "SIP/2.0/UDP pc.example.com;branch=z9hG4bK3", "");

	assert_int_equal(parse(b), SF_SIP_ERR_OK);
	assert_true(build(b, 501, SF_SIP_ERR_OK) > 0);
	assert_non_null(strstr(
	        out, "Via: SIP/2.0/UDP pc.example.com;branch=z9hG4bK3;received=198.18.0.2\r\n"));
	/* rport asked: received even when equal (RFC 3581 §4); old values go. */
	const char *c = REQ(
	        "INVITE",
	        "SIP/2.0/UDP 198.18.0.2:5070;rport;branch=z9hG4bK4;received=1.2.3.4;x=\"a;b\"", "");

	assert_int_equal(parse(c), SF_SIP_ERR_OK);
	assert_true(build(c, 501, SF_SIP_ERR_OK) > 0);
	assert_non_null(strstr(out, "Via: SIP/2.0/UDP 198.18.0.2:5070;branch=z9hG4bK4;x=\"a;b\";"
	                            "received=198.18.0.2;rport=5070\r\n"));
}

static void
test_all_vias_and_to_tag(void **state)
{
	const char *m =
	        "BYE sip:bob@198.18.0.1 SIP/2.0\r\n"
	        "Via: SIP/2.0/UDP 198.18.0.2:5070;branch=z9hG4bK5, SIP/2.0/UDP p1;branch=b1\r\n"
	        "v: SIP/2.0/UDP p2;branch=b2\r\n"
	        "f: <sip:a@x>;tag=1\r\n"
	        "t: <sip:b@y>;tag=existing\r\n"
	        "i: c2\r\n"
	        "CSeq: 2 BYE\r\n\r\n";

	(void)state;
	assert_int_equal(parse(m), SF_SIP_ERR_OK);
	assert_true(build(m, 501, SF_SIP_ERR_OK) > 0);
	assert_non_null(strstr(out, "Via: SIP/2.0/UDP 198.18.0.2:5070;branch=z9hG4bK5\r\n"
	                            "Via: SIP/2.0/UDP p1;branch=b1\r\n"
	                            "Via: SIP/2.0/UDP p2;branch=b2\r\n"
	                            "From: <sip:a@x>;tag=1\r\n"
	                            "To: <sip:b@y>;tag=existing\r\n"
	                            "Call-ID: c2\r\n"
	                            "CSeq: 2 BYE\r\n"));
}

static void
test_errors(void **state)
{
	struct sf_sip_verdict v;

	(void)state;
	/* A bad Max-Forwards after the headers a response needs: 400 + Warning. */
	const char *m =
	        "OPTIONS sip:b@198.18.0.1 SIP/2.0\r\n"
	        "Via: SIP/2.0/UDP 198.18.0.2:5070;branch=z9hG4bK6\r\n"
	        "From: <sip:a@x>;tag=1\r\nTo: <sip:b@y>\r\nCall-ID: c3\r\nCSeq: 1 OPTIONS\r\n"
	        "Max-Forwards: lots\r\n\r\n";
	enum sf_sip_error err = parse(m);

	assert_int_equal(err, SF_SIP_ERR_BAD_MAX_FORWARDS);
	sf_sip_decide(&msg, err, &v);
	assert_int_equal(v.action, SF_SIP_REPLY);
	assert_int_equal(v.status, 400);
	assert_true(build(m, v.status, err) > 0);
	assert_non_null(strstr(out, "SIP/2.0 400 Bad Request\r\n"));
	assert_non_null(strstr(out, "Warning: 399 sipfront \"malformed Max-Forwards: expected a "
	                            "number 0-255\"\r\n"));
	assert_null(strstr(out, "Allow:")); /* only a 200 to OPTIONS lists them */

	/* The same error before From: nothing to copy, dropped. */
	const char *n =
	        "OPTIONS sip:b@198.18.0.1 SIP/2.0\r\n"
	        "Via: SIP/2.0/UDP 198.18.0.2;branch=z9hG4bK7\r\nMax-Forwards: lots\r\n"
	        "From: <sip:a@x>;tag=1\r\nTo: <sip:b@y>\r\nCall-ID: c3\r\nCSeq: 1 OPTIONS\r\n\r\n";

	err = parse(n);
	sf_sip_decide(&msg, err, &v);
	assert_int_equal(v.action, SF_SIP_DROP);
	assert_int_equal(v.drop, SF_DROP_SIP_UNANSWERABLE);
	assert_int_equal(build(n, 400, err), -EINVAL);

	/* Never answered: ACK (even malformed), responses, keep-alives, junk. */
	const char *ack = REQ("ACK", "SIP/2.0/UDP 198.18.0.2;branch=z9hG4bK8", "");

	sf_sip_decide(&msg, parse(ack), &v);
	assert_int_equal(v.drop, SF_DROP_SIP_ACK);
	sf_sip_decide(&msg, parse("SIP/2.0 200 OK\r\n\r\n"), &v);
	assert_int_equal(v.drop, SF_DROP_SIP_RESPONSE);
	sf_sip_decide(&msg, parse("\r\n\r\n"), &v);
	assert_int_equal(v.drop, SF_DROP_SIP_KEEPALIVE);
	sf_sip_decide(&msg, parse("\x16\x03\x01 hello"), &v);
	assert_int_equal(v.action, SF_SIP_DROP);
	assert_int_equal(v.drop, SF_DROP_SIP_NOT_SIP);
}

static void
test_too_small(void **state)
{
	const char *m = REQ("OPTIONS", "SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK9", "");

	(void)state;
	assert_int_equal(parse(m), SF_SIP_ERR_OK);
	assert_int_equal(sf_reply_build((const uint8_t *)m, &msg, 200, SF_SIP_ERR_OK, &peer4, &conf,
	                                out, 40),
	                 -ENOSPC);
	assert_string_equal(sf_sip_reason_phrase(483), "Too Many Hops");
	assert_string_equal(sf_sip_reason_phrase(499), "Client Error");
}

static void
test_ipv6_peer(void **state)
{
	const struct sf_reply_peer p6 = {
	        .family = 6, .addr = {0x20, 0x01, 0, 2, [15] = 2}, .port = 5060};
	const char *same = REQ("OPTIONS", "SIP/2.0/UDP [2001:2::2]:5060;branch=z9hG4bKa", "");

	(void)state;
	assert_int_equal(parse(same), SF_SIP_ERR_OK);
	int n = sf_reply_build((const uint8_t *)same, &msg, 200, SF_SIP_ERR_OK, &p6, &conf, out,
	                       sizeof(out) - 1);

	assert_true(n > 0);
	out[n] = '\0';
	assert_non_null(strstr(out, "Via: SIP/2.0/UDP [2001:2::2]:5060;branch=z9hG4bKa\r\n"));
	const char *other = REQ("OPTIONS", "SIP/2.0/UDP [2001:2::9];branch=z9hG4bKb", "");

	assert_int_equal(parse(other), SF_SIP_ERR_OK);
	n = sf_reply_build((const uint8_t *)other, &msg, 200, SF_SIP_ERR_OK, &p6, &conf, out,
	                   sizeof(out) - 1);
	out[n] = '\0';
	assert_non_null(strstr(out, ";branch=z9hG4bKb;received=2001:2::2\r\n"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_options_200),         cmocka_unit_test(test_received_rules),
	        cmocka_unit_test(test_all_vias_and_to_tag), cmocka_unit_test(test_errors),
	        cmocka_unit_test(test_too_small),           cmocka_unit_test(test_ipv6_peer),
	};

	if (sf_sip_parser_init(&parser, SF_SIP_SCAN_AUTO) != 0)
		return 1;
	return cmocka_run_group_tests_name("reply", tests, NULL, NULL);
}
