/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * libFuzzer harness for the packet path below and around the parser: any
 * octets as an Ethernet frame through sf_decode_frame (with and without the
 * NIC's checksum verdicts), then whatever sipfront would do with it: the
 * in-place ARP / ICMP / ND answers on a copy with room to grow, the
 * neighbour extraction, and for SIP datagrams the parser, the proxy
 * decision and the reply builder, whose output must parse as a response.
 * Built only with clang (meson option fuzz, default auto):
 *
 *   build/tests/dataplane/fuzz_net_decode -max_total_time=60 CORPUS_DIR
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sipfront/net.h>
#include <sipfront/reply.h>

static struct sf_iface ifc;
static struct sf_sip_parser parser;
static struct sf_sip_msg msg, back;
static char reply[65536];

static void
init(void)
{
	static const uint8_t a6[16] = {0x20, 0x01, 0, 2, [15] = 1};

	ifc.mac = (struct rte_ether_addr){{0x02, 0, 0, 0, 0, 0x01}};
	ifc.mtu = 1500;
	ifc.n_ipv4 = 1;
	ifc.ipv4[0] = rte_cpu_to_be_32(0xc6120001);
	ifc.ipv4_plen[0] = 24;
	ifc.n_ipv6 = 2;
	memcpy(ifc.ipv6[0], a6, 16);
	ifc.ipv6_plen[0] = 64;
	sf_ipv6_link_local(&ifc.mac, ifc.ipv6[1]);
	ifc.ipv6_plen[1] = 64;
	ifc.n_sip_ports = 1;
	ifc.sip_ports[0] = 5060;
	sf_sip_parser_init(&parser, SF_SIP_SCAN_AUTO);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct sf_pkt pkt;

	if (!ready) {
		init();
		ready = 1;
	}
	if (size > 65535 + 18)
		return 0;
	/* An exact-size copy so that ASan sees any read past the frame. */
	uint8_t *frame = malloc(size ? size : 1);

	memcpy(frame, data, size);
	uint32_t csum = size > 0 ? (data[0] & 0x0f) : 0;

	sf_decode_frame(frame, (uint32_t)size, &ifc, csum, &pkt);
	enum sf_class cls = sf_decode_frame(frame, (uint32_t)size, &ifc, 0, &pkt);
	uint8_t *room = calloc(1, size + 128);

	memcpy(room, data, size);
	switch (cls) {
	case SF_CLASS_ARP: {
		rte_be32_t ip;
		struct rte_ether_addr mac;
		bool req;

		sf_arp_sender(room, &pkt, &ip, &mac, &req);
		sf_arp_reply(room, &pkt, &ifc);
		break;
	}
	case SF_CLASS_ICMP4_ECHO: sf_icmp4_echo_reply(room, &pkt, &ifc, 64); break;
	case SF_CLASS_ICMP6_ECHO: sf_icmp6_echo_reply(room, &pkt, &ifc, 64); break;
	case SF_CLASS_ND: {
		uint8_t ip[16];
		struct rte_ether_addr mac;
		bool solicit;

		sf_nd_neighbour(room, &pkt, ip, &mac, &solicit);
		sf_nd_advert(room, &pkt, &ifc);
		break;
	}
	case SF_CLASS_SIP: {
		const uint8_t *p = frame + pkt.payload_off;
		enum sf_sip_error err = sf_sip_parse(&parser, p, pkt.payload_len, &msg);
		struct sf_sip_verdict v;
		struct sf_reply_peer peer = {.family = pkt.ip_version, .port = pkt.sport};
		static const struct sf_reply_conf conf = {.to_tag = "fz", .server = "sipfront"};

		memcpy(peer.addr, pkt.src, 16);
		sf_sip_decide(&msg, err, &v);
		if (v.action == SF_SIP_REPLY) {
			int n = sf_reply_build(p, &msg, v.status, err, &peer, &conf, reply,
			                       sizeof(reply));

			/* What we send must itself be a well-formed response. */
			if (n > 0 && n <= 65535) {
				enum sf_sip_error e = sf_sip_parse(&parser, (const uint8_t *)reply,
				                                   (size_t)n, &back);

				if (back.kind != SF_SIP_KIND_RESPONSE ||
				    (err == SF_SIP_ERR_OK && e != SF_SIP_ERR_OK))
					abort();
			}
			uint8_t hdr[18 + 40 + 8];

			sf_udp_reply_headers(hdr, frame, &pkt, &ifc, n > 0 ? (uint32_t)n : 0, 64,
			                     1);
		}
		break;
	}
	default: break;
	}
	free(room);
	free(frame);
	return 0;
}
