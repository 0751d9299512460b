/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Header names to ids, for the header loop alone (sip_parse.c): inline,
 * because it runs once per header line and a call would cost as much as
 * the lookup.
 */
#ifndef SIPFRONT_SIP_HEADER_ID_H
#define SIPFRONT_SIP_HEADER_ID_H

#include "sip_internal.h"

static inline enum sf_sip_header_id
compact_id(uint8_t c)
{
	c |= 0x20;
#define SF_SIP_HEADER_COMPACT(name, text, compact) \
	if ((compact) != 0 && c == (compact))      \
		return SF_SIP_HDR_##name;
	SF_SIP_HEADER_LIST(SF_SIP_HEADER_COMPACT)
#undef SF_SIP_HEADER_COMPACT
	return SF_SIP_HDR_OTHER;
}

/* Full header names by a collision-free hash of (first letter, last letter,
 * length), found offline; each entry holds the lower-case name as up to
 * three overlapping little-endian words and the mask that folds the case of
 * letters only, so a match is two to four word compares and no branch on
 * the name's spelling. */
struct header_entry {
	uint8_t len;
	uint8_t id;
	uint64_t word[3];
	uint64_t fold[3];
};

#define HEADER_HASH(first, last, len) \
	((((first) | 0x20) * 2u + ((last) | 0x20) * 53u + (len)) % 64u)

static const struct header_entry header_table[64] = {
        [1] = {7,
               SF_SIP_HDR_CALL_ID,
               {0x64692d6c6c6163ull, 0x0ull, 0x0ull},
               {0x20200020202020ull, 0x0ull, 0x0ull}}, /* call-id */
        [4] = {3,
               SF_SIP_HDR_VIA,
               {0x616976ull, 0x0ull, 0x0ull},
               {0x202020ull, 0x0ull, 0x0ull}}, /* via */
        [17] = {7,
                SF_SIP_HDR_CONTACT,
                {0x746361746e6f63ull, 0x0ull, 0x0ull},
                {0x20202020202020ull, 0x0ull, 0x0ull}}, /* contact */
        [18] = {5,
                SF_SIP_HDR_ROUTE,
                {0x6574756f72ull, 0x0ull, 0x0ull},
                {0x2020202020ull, 0x0ull, 0x0ull}}, /* route */
        [19] = {5,
                SF_SIP_HDR_EVENT,
                {0x746e657665ull, 0x0ull, 0x0ull},
                {0x2020202020ull, 0x0ull, 0x0ull}}, /* event */
        [20] = {7,
                SF_SIP_HDR_REQUIRE,
                {0x65726975716572ull, 0x0ull, 0x0ull},
                {0x20202020202020ull, 0x0ull, 0x0ull}}, /* require */
        [21] = {13,
                SF_SIP_HDR_AUTHORIZATION,
                {0x7a69726f68747561ull, 0x6e6f6974617a6972ull, 0x0ull},
                {0x2020202020202020ull, 0x2020202020202020ull, 0x0ull}}, /* authorization */
        [22] = {13,
                SF_SIP_HDR_PROXY_REQUIRE,
                {0x65722d79786f7270ull, 0x657269757165722dull, 0x0ull},
                {0x2020002020202020ull, 0x2020202020202000ull, 0x0ull}}, /* proxy-require */
        [25] = {12,
                SF_SIP_HDR_RECORD_ROUTE,
                {0x722d64726f636572ull, 0x6574756f722d6472ull, 0x0ull},
                {0x2000202020202020ull, 0x2020202020002020ull, 0x0ull}}, /* record-route */
        [28] = {14,
                SF_SIP_HDR_CONTENT_LENGTH,
                {0x2d746e65746e6f63ull, 0x6874676e656c2d74ull, 0x0ull},
                {0x20202020202020ull, 0x2020202020200020ull, 0x0ull}}, /* content-length */
        [29] = {12,
                SF_SIP_HDR_ALLOW_EVENTS,
                {0x76652d776f6c6c61ull, 0x73746e6576652d77ull, 0x0ull},
                {0x2020002020202020ull, 0x2020202020200020ull, 0x0ull}}, /* allow-events */
        [32] = {7,
                SF_SIP_HDR_EXPIRES,
                {0x73657269707865ull, 0x0ull, 0x0ull},
                {0x20202020202020ull, 0x0ull, 0x0ull}}, /* expires */
        [33] = {4,
                SF_SIP_HDR_FROM,
                {0x6d6f7266ull, 0x0ull, 0x0ull},
                {0x20202020ull, 0x0ull, 0x0ull}}, /* from */
        [35] = {9,
                SF_SIP_HDR_SUPPORTED,
                {0x6574726f70707573ull, 0x646574726f707075ull, 0x0ull},
                {0x2020202020202020ull, 0x2020202020202020ull, 0x0ull}}, /* supported */
        [37] = {2,
                SF_SIP_HDR_TO,
                {0x6f74ull, 0x0ull, 0x0ull},
                {0x2020ull, 0x0ull, 0x0ull}}, /* to */
        [39] = {8,
                SF_SIP_HDR_REFER_TO,
                {0x6f742d7265666572ull, 0x0ull, 0x0ull},
                {0x2020002020202020ull, 0x0ull, 0x0ull}}, /* refer-to */
        [41] = {16,
                SF_SIP_HDR_CONTENT_ENCODING,
                {0x2d746e65746e6f63ull, 0x676e69646f636e65ull, 0x0ull},
                {0x20202020202020ull, 0x2020202020202020ull, 0x0ull}}, /* content-encoding */
        [42] = {5,
                SF_SIP_HDR_ALLOW,
                {0x776f6c6c61ull, 0x0ull, 0x0ull},
                {0x2020202020ull, 0x0ull, 0x0ull}}, /* allow */
        [47] = {4,
                SF_SIP_HDR_CSEQ,
                {0x71657363ull, 0x0ull, 0x0ull},
                {0x20202020ull, 0x0ull, 0x0ull}}, /* cseq */
        [49] = {7,
                SF_SIP_HDR_SUBJECT,
                {0x7463656a627573ull, 0x0ull, 0x0ull},
                {0x20202020202020ull, 0x0ull, 0x0ull}}, /* subject */
        [53] = {12,
                SF_SIP_HDR_MAX_FORWARDS,
                {0x77726f662d78616dull, 0x7364726177726f66ull, 0x0ull},
                {0x2020202000202020ull, 0x2020202020202020ull, 0x0ull}}, /* max-forwards */
        [56] = {10,
                SF_SIP_HDR_USER_AGENT,
                {0x6567612d72657375ull, 0x746e6567612d7265ull, 0x0ull},
                {0x2020200020202020ull, 0x2020202020002020ull, 0x0ull}}, /* user-agent */
        [57] = {19,
                SF_SIP_HDR_PROXY_AUTHORIZATION,
                {0x75612d79786f7270ull, 0x6e6f6974617a6972ull, 0x74617a69726f6874ull},
                {0x2020002020202020ull, 0x2020202020202020ull,
                 0x2020202020202020ull}}, /* proxy-authorization */
        [59] = {12,
                SF_SIP_HDR_CONTENT_TYPE,
                {0x2d746e65746e6f63ull, 0x657079742d746e65ull, 0x0ull},
                {0x20202020202020ull, 0x2020202000202020ull, 0x0ull}}, /* content-type */
};

static inline enum sf_sip_header_id
header_id(const uint8_t *n, size_t len, size_t avail)
{
	if (len < 2)
		return len == 1 ? compact_id(n[0]) : SF_SIP_HDR_OTHER;
	const struct header_entry *e = &header_table[HEADER_HASH(n[0], n[len - 1], len)];

	if (e->len != len)
		return SF_SIP_HDR_OTHER;
	if (len <= 8) {
		/* Names of up to 8 octets: one word, cut to the name. */
		uint64_t w =
		        avail >= 8 ? load8(n) & (~(uint64_t)0 >> (64 - 8 * len)) : load_le(n, len);

		return (w | e->fold[0]) == e->word[0] ? (enum sf_sip_header_id)e->id
		                                      : SF_SIP_HDR_OTHER;
	}
	if ((load8(n) | e->fold[0]) != e->word[0] ||
	    (load8(n + len - 8) | e->fold[1]) != e->word[1])
		return SF_SIP_HDR_OTHER;
	if (len > 16 && (load8(n + 8) | e->fold[2]) != e->word[2])
		return SF_SIP_HDR_OTHER;
	return (enum sf_sip_header_id)e->id;
}

#endif /* SIPFRONT_SIP_HEADER_ID_H */
