/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Counter names, summing and the final report. The keys of the arrays are
 * lower-case versions of the parser's error names ("bad_max_forwards"),
 * built once, so that telemetry keys share one style with the drop reasons.
 */
#include <ctype.h>
#include <inttypes.h>
#include <string.h>

#include <sipfront/stats.h>

static const char *const counter_names[] = {
#define SF_COUNTER_NAME(name, text) [SF_CNT_##name] = #name,
        SF_COUNTER_LIST(SF_COUNTER_NAME)
#undef SF_COUNTER_NAME
};

static const char *const counter_texts[] = {
#define SF_COUNTER_TEXT(name, text) [SF_CNT_##name] = text,
        SF_COUNTER_LIST(SF_COUNTER_TEXT)
#undef SF_COUNTER_TEXT
};

static char reject_keys[SF_SIP_ERR_COUNT][48];

const char *
sf_counter_name(enum sf_counter c)
{
	return (unsigned)c < SF_CNT_COUNT ? counter_names[c] : "unknown";
}

const char *
sf_counter_text(enum sf_counter c)
{
	return (unsigned)c < SF_CNT_COUNT ? counter_texts[c] : "unknown";
}

const char *
sf_method_key(enum sf_sip_method m)
{
	if (m == SF_SIP_METHOD_UNKNOWN)
		return "unknown";
	if (m == SF_SIP_METHOD_EXTENSION)
		return "extension";
	return sf_sip_method_name(m);
}

const char *
sf_reject_key(enum sf_sip_error e)
{
	if ((unsigned)e >= SF_SIP_ERR_COUNT)
		return "unknown";
	if (reject_keys[e][0] == '\0') {
		/* Idempotent: two threads writing it write the same octets. */
		const char *n = sf_sip_error_name(e);
		size_t i;

		for (i = 0; n[i] != '\0' && i < sizeof(reject_keys[e]) - 1; i++)
			reject_keys[e][i] = (char)tolower((unsigned char)n[i]);
		reject_keys[e][i] = '\0';
	}
	return reject_keys[e];
}

static void
add_array(uint64_t *sum, const uint64_t *one, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		sum[i] += __atomic_load_n(&one[i], __ATOMIC_RELAXED);
}

void
sf_stats_add(struct sf_stats *sum, const struct sf_stats *one)
{
	/* The struct is all uint64_t: one flat loop. */
	add_array((uint64_t *)sum, (const uint64_t *)one, sizeof(*sum) / sizeof(uint64_t));
}

uint64_t
sf_stats_drops(const struct sf_stats *s)
{
	uint64_t n = 0;

	for (unsigned i = 1; i < SF_DROP_COUNT; i++)
		n += s->drop[i];
	return n;
}

void
sf_stats_print(FILE *f, const struct sf_stats *s)
{
	static const char *const cls[7] = {"", "1xx", "2xx", "3xx", "4xx", "5xx", "6xx"};

	for (unsigned i = 0; i < SF_CNT_COUNT; i++)
		if (s->cnt[i])
			fprintf(f, "  %-32s %20" PRIu64 "\n", counter_names[i], s->cnt[i]);
	for (unsigned i = 1; i < SF_DROP_COUNT; i++)
		if (s->drop[i])
			fprintf(f, "  drop.%-27s %20" PRIu64 "\n", sf_drop_key(i), s->drop[i]);
	for (unsigned i = 0; i < SF_SIP_METHOD_COUNT; i++)
		if (s->method[i])
			fprintf(f, "  sip.request.%-20s %20" PRIu64 "\n", sf_method_key(i),
			        s->method[i]);
	for (unsigned i = 1; i < 7; i++)
		if (s->status_class[i])
			fprintf(f, "  sip.response.%-19s %20" PRIu64 "\n", cls[i],
			        s->status_class[i]);
	for (unsigned i = 1; i < SF_SIP_ERR_COUNT; i++)
		if (s->reject[i])
			fprintf(f, "  sip.reject.%-21s %20" PRIu64 "\n", sf_reject_key(i),
			        s->reject[i]);
	for (unsigned i = 1; i < 7; i++)
		if (s->reply_class[i])
			fprintf(f, "  sip.reply.%-22s %20" PRIu64 "\n", cls[i], s->reply_class[i]);
}
