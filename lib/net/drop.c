/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Names and texts of the drop reasons, generated from SF_DROP_LIST so that a
 * counter, its telemetry key and its explanation can never drift apart.
 */
#include <sipfront/drop.h>

static const struct {
	const char *key;
	const char *text;
} drops[] = {
#define SF_DROP_ENTRY(name, key, text) [SF_DROP_##name] = {key, text},
        SF_DROP_LIST(SF_DROP_ENTRY)
#undef SF_DROP_ENTRY
};

const char *
sf_drop_key(enum sf_drop reason)
{
	return (unsigned)reason < SF_DROP_COUNT ? drops[reason].key : "unknown";
}

const char *
sf_drop_text(enum sf_drop reason)
{
	return (unsigned)reason < SF_DROP_COUNT ? drops[reason].text : "unknown drop reason";
}
