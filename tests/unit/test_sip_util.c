/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Helpers shared by the SIP parser tests and the fuzz harness (see
 * test_sip_util.h). Kept free of cmocka so that the libFuzzer harness can link
 * the same view checks and comparisons the unit suites use.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "test_sip_util.h"

#ifndef SIPFRONT_CORPUS_DEFAULT
#define SIPFRONT_CORPUS_DEFAULT "../shared/corpus"
#endif

const char *
tsu_corpus_dir(void)
{
	const char *env = getenv("SIPFRONT_CORPUS");

	return env != NULL && env[0] != '\0' ? env : SIPFRONT_CORPUS_DEFAULT;
}

uint8_t *
tsu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 4096;
			uint8_t *nbuf = realloc(buf, ncap);

			if (nbuf == NULL)
				goto fail;
			buf = nbuf;
			cap = ncap;
		}
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (got == 0) {
			if (ferror(f))
				goto fail;
			break;
		}
	}
	fclose(f);
	*len = n;
	return buf;
fail:
	free(buf);
	fclose(f);
	return NULL;
}

uint8_t *
tsu_read_corpus(const char *sub, const char *name, size_t *len)
{
	char path[4096];
	uint8_t *buf;

	snprintf(path, sizeof(path), "%s/%s/%s", tsu_corpus_dir(), sub, name);
	buf = tsu_read_file(path, len);
	if (buf == NULL) {
		fprintf(stderr, "cannot read corpus file %s: %s (set SIPFRONT_CORPUS)\n", path,
		        strerror(errno));
		abort();
	}
	return buf;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t
tsu_list_corpus(const char *sub, const char *suffix, char ***names)
{
	char path[4096];
	size_t n = 0, cap = 0, slen = strlen(suffix);
	char **out = NULL;
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", tsu_corpus_dir(), sub);
	d = opendir(path);
	if (d == NULL) {
		fprintf(stderr, "cannot open corpus folder %s: %s (set SIPFRONT_CORPUS)\n", path,
		        strerror(errno));
		abort();
	}
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);

		if (de->d_name[0] == '.' || l < slen || strcmp(de->d_name + l - slen, suffix) != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			out = realloc(out, cap * sizeof(*out));
			if (out == NULL)
				abort();
		}
		out[n] = strdup(de->d_name);
		if (out[n] == NULL)
			abort();
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(out, n, sizeof(*out), cmp_names);
	*names = out;
	return n;
}

void
tsu_free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void
guard_at(struct tsu_guarded *g, const void *data, size_t len, bool front)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t data_pages = (len + page - 1) / page;
	uint8_t *base;

	if (data_pages == 0)
		data_pages = 1;
	g->map_len = (data_pages + 2) * page;
	g->map = mmap(NULL, g->map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g->map == MAP_FAILED)
		abort();
	base = g->map;
	/* Guard pages on both sides; the data ends exactly at the upper one. */
	if (mprotect(base, page, PROT_NONE) != 0 ||
	    mprotect(base + (data_pages + 1) * page, page, PROT_NONE) != 0)
		abort();
	g->data = front ? base + page : base + (data_pages + 1) * page - len;
	if (len > 0)
		memcpy(g->data, data, len);
}

void
tsu_guard(struct tsu_guarded *g, const void *data, size_t len)
{
	guard_at(g, data, len, false);
}

void
tsu_guard_front(struct tsu_guarded *g, const void *data, size_t len)
{
	guard_at(g, data, len, true);
}

void
tsu_unguard(struct tsu_guarded *g)
{
	if (g->map != NULL)
		munmap(g->map, g->map_len);
	g->map = NULL;
	g->data = NULL;
}

void
tsu_msg_reset(struct sf_sip_msg *msg)
{
	memset(msg, 0, sizeof(*msg));
}

/* --- view invariants ------------------------------------------------------ */

static char why_buf[256];

#define SPAN_IN(s, what)                                                                   \
	do {                                                                               \
		if ((size_t)(s).off + (s).len > len) {                                     \
			snprintf(why_buf, sizeof(why_buf),                                 \
			         "%s span off %u len %u past datagram %zu", what, (s).off, \
			         (s).len, len);                                            \
			return why_buf;                                                    \
		}                                                                          \
	} while (0)

static const char *
check_uri(const struct sf_sip_uri *u, size_t len, const char *what)
{
	SPAN_IN(u->raw, what);
	SPAN_IN(u->scheme, what);
	SPAN_IN(u->user, what);
	SPAN_IN(u->password, what);
	SPAN_IN(u->host, what);
	SPAN_IN(u->params, what);
	SPAN_IN(u->headers, what);
	SPAN_IN(u->maddr, what);
	SPAN_IN(u->user_param, what);
	if (u->scheme_id > SF_SIP_SCHEME_OTHER || u->host_type > SF_SIP_HOST_IPV6 ||
	    u->transport > SF_SIP_TRANSPORT_OTHER) {
		snprintf(why_buf, sizeof(why_buf), "%s: enum out of range", what);
		return why_buf;
	}
	return NULL;
}

static const char *
check_na(const struct sf_sip_name_addr *na, size_t len, const char *what)
{
	SPAN_IN(na->raw, what);
	SPAN_IN(na->display, what);
	SPAN_IN(na->tag, what);
	SPAN_IN(na->params, what);
	return check_uri(&na->uri, len, what);
}

const char *
tsu_check_view(const struct sf_sip_msg *msg, size_t len)
{
	const char *w;

	if (msg->kind > SF_SIP_KIND_KEEPALIVE)
		return "kind out of range";
	if (msg->error >= SF_SIP_ERR_COUNT)
		return "error out of range";
	if (msg->method >= SF_SIP_METHOD_COUNT || msg->cseq_method >= SF_SIP_METHOD_COUNT)
		return "method out of range";
	SPAN_IN(msg->error_at, "error_at");
	SPAN_IN(msg->method_name, "method_name");
	SPAN_IN(msg->reason, "reason");
	SPAN_IN(msg->version, "version");
	SPAN_IN(msg->call_id, "call_id");
	SPAN_IN(msg->cseq_method_name, "cseq_method_name");
	SPAN_IN(msg->content_type, "content_type");
	SPAN_IN(msg->user_agent, "user_agent");
	SPAN_IN(msg->event, "event");
	SPAN_IN(msg->auth_scheme, "auth_scheme");
	SPAN_IN(msg->auth_username, "auth_username");
	SPAN_IN(msg->body, "body");
	if ((w = check_uri(&msg->ruri, len, "ruri")) != NULL ||
	    (w = check_na(&msg->from, len, "from")) != NULL ||
	    (w = check_na(&msg->to, len, "to")) != NULL)
		return w;
	if (msg->header_count > SF_SIP_MAX_HEADERS || msg->value_count > SF_SIP_MAX_VALUES ||
	    msg->via_count > SF_SIP_MAX_VIAS || msg->contact_count > SF_SIP_MAX_CONTACTS ||
	    msg->route_count > SF_SIP_MAX_ROUTES || msg->record_route_count > SF_SIP_MAX_ROUTES)
		return "a count exceeds its array";
	for (unsigned i = 0; i < msg->via_count; i++) {
		const struct sf_sip_via *v = &msg->via[i];

		SPAN_IN(v->raw, "via.raw");
		SPAN_IN(v->protocol, "via.protocol");
		SPAN_IN(v->transport, "via.transport");
		SPAN_IN(v->host, "via.host");
		SPAN_IN(v->params, "via.params");
		SPAN_IN(v->branch, "via.branch");
		SPAN_IN(v->received, "via.received");
		SPAN_IN(v->rport_value, "via.rport_value");
		SPAN_IN(v->maddr, "via.maddr");
		if (v->transport_id > SF_SIP_TRANSPORT_OTHER || v->host_type > SF_SIP_HOST_IPV6)
			return "via enum out of range";
	}
	for (unsigned i = 0; i < msg->contact_count; i++)
		if ((w = check_na(&msg->contact[i], len, "contact")) != NULL)
			return w;
	for (unsigned i = 0; i < msg->route_count; i++)
		if ((w = check_na(&msg->route[i], len, "route")) != NULL)
			return w;
	for (unsigned i = 0; i < msg->record_route_count; i++)
		if ((w = check_na(&msg->record_route[i], len, "record_route")) != NULL)
			return w;
	for (unsigned i = 0; i < msg->header_count; i++) {
		SPAN_IN(msg->headers[i].name, "header name");
		SPAN_IN(msg->headers[i].value, "header value");
		if (msg->headers[i].id >= SF_SIP_HDR_COUNT)
			return "header id out of range";
	}
	for (unsigned i = 0; i < msg->value_count; i++)
		SPAN_IN(msg->values[i], "values[]");

	if (msg->error != SF_SIP_ERR_OK)
		return NULL;

	/* A valid view must also be coherent. */
	if (msg->kind == SF_SIP_KIND_NOT_SIP)
		return "OK but kind not-sip";
	if (msg->kind == SF_SIP_KIND_REQUEST) {
		if (msg->method == SF_SIP_METHOD_UNKNOWN || msg->method_name.len == 0)
			return "OK request without a method";
		if (msg->ruri.scheme_id != SF_SIP_SCHEME_SIP &&
		    msg->ruri.scheme_id != SF_SIP_SCHEME_SIPS &&
		    msg->ruri.scheme_id != SF_SIP_SCHEME_TEL)
			return "OK request with a Request-URI scheme other than sip/sips/tel";
	}
	if (msg->kind == SF_SIP_KIND_RESPONSE && (msg->status < 100 || msg->status > 699))
		return "OK response with a status outside 100-699";
	if (msg->kind == SF_SIP_KIND_REQUEST || msg->kind == SF_SIP_KIND_RESPONSE) {
		if (msg->via_count == 0)
			return "OK message without a Via";
		if (msg->call_id.len == 0)
			return "OK message without a Call-ID";
		if (msg->has_content_length && msg->body.len != msg->content_length)
			return "OK message whose body length differs from Content-Length";
	}
	for (unsigned i = 0; i < msg->header_count; i++) {
		const struct sf_sip_header *h = &msg->headers[i];

		if ((unsigned)h->first_value + h->n_values > msg->value_count)
			return "header values past value_count";
	}
	for (unsigned id = 0; id < SF_SIP_HDR_COUNT; id++) {
		uint16_t fh = msg->first_header[id];

		if (fh == 0xffff)
			continue;
		if (fh >= msg->header_count || msg->headers[fh].id != id) {
			snprintf(why_buf, sizeof(why_buf),
			         "first_header[%s] = %u does not point at such a header",
			         sf_sip_header_name(id), fh);
			return why_buf;
		}
	}
	return NULL;
}

/* --- view comparison ------------------------------------------------------ */

#define DIFF(cond, ...)                                      \
	do {                                                 \
		if (cond) {                                  \
			snprintf(why, why_len, __VA_ARGS__); \
			return 1;                            \
		}                                            \
	} while (0)

#define SPAN_NE(x, y) ((x).off != (y).off || (x).len != (y).len)

#define CMP_SPAN(field, what)                                                                     \
	DIFF(SPAN_NE(a->field, b->field), "%s%s: %u+%u vs %u+%u", what, "." #field, a->field.off, \
	     a->field.len, b->field.off, b->field.len)

#define CMP_VAL(field, what)                                                             \
	DIFF(a->field != b->field, "%s%s: %ld vs %ld", what, "." #field, (long)a->field, \
	     (long)b->field)

static int
diff_uri(const struct sf_sip_uri *a, const struct sf_sip_uri *b, const char *what, char *why,
         size_t why_len)
{
	CMP_SPAN(raw, what);
	CMP_SPAN(scheme, what);
	CMP_SPAN(user, what);
	CMP_SPAN(password, what);
	CMP_SPAN(host, what);
	CMP_SPAN(params, what);
	CMP_SPAN(headers, what);
	CMP_SPAN(maddr, what);
	CMP_SPAN(user_param, what);
	CMP_VAL(port, what);
	CMP_VAL(scheme_id, what);
	CMP_VAL(host_type, what);
	CMP_VAL(transport, what);
	CMP_VAL(lr, what);
	return 0;
}

static int
diff_na(const struct sf_sip_name_addr *a, const struct sf_sip_name_addr *b, const char *what,
        char *why, size_t why_len)
{
	CMP_SPAN(raw, what);
	CMP_SPAN(display, what);
	CMP_SPAN(tag, what);
	CMP_SPAN(params, what);
	CMP_VAL(bracketed, what);
	return diff_uri(&a->uri, &b->uri, what, why, why_len);
}

static int
diff_via(const struct sf_sip_via *a, const struct sf_sip_via *b, const char *what, char *why,
         size_t why_len)
{
	CMP_SPAN(raw, what);
	CMP_SPAN(protocol, what);
	CMP_SPAN(transport, what);
	CMP_SPAN(host, what);
	CMP_SPAN(params, what);
	CMP_SPAN(branch, what);
	CMP_SPAN(received, what);
	CMP_SPAN(rport_value, what);
	CMP_SPAN(maddr, what);
	CMP_VAL(port, what);
	CMP_VAL(ttl, what);
	CMP_VAL(transport_id, what);
	CMP_VAL(host_type, what);
	CMP_VAL(has_rport, what);
	return 0;
}

static unsigned
cap(unsigned n, unsigned max)
{
	return n < max ? n : max;
}

int
tsu_msg_diff(const struct sf_sip_msg *a, const struct sf_sip_msg *b, char *why, size_t why_len)
{
	const char *m = "msg";
	char what[48];

	CMP_VAL(kind, m);
	CMP_VAL(error, m);
	CMP_VAL(method, m);
	CMP_VAL(missing_empty_line, m);
	CMP_VAL(status, m);
	CMP_SPAN(error_at, m);
	CMP_SPAN(method_name, m);
	CMP_SPAN(reason, m);
	CMP_SPAN(version, m);
	if (diff_uri(&a->ruri, &b->ruri, "ruri", why, why_len) ||
	    diff_na(&a->from, &b->from, "from", why, why_len) ||
	    diff_na(&a->to, &b->to, "to", why, why_len))
		return 1;
	CMP_SPAN(call_id, m);
	CMP_VAL(cseq, m);
	CMP_VAL(cseq_method, m);
	CMP_SPAN(cseq_method_name, m);
	CMP_VAL(max_forwards, m);
	CMP_VAL(contact_star, m);
	CMP_VAL(has_content_length, m);
	CMP_VAL(has_expires, m);
	CMP_VAL(content_length, m);
	CMP_VAL(expires, m);
	CMP_SPAN(content_type, m);
	CMP_SPAN(user_agent, m);
	CMP_SPAN(event, m);
	CMP_SPAN(auth_scheme, m);
	CMP_SPAN(auth_username, m);
	CMP_VAL(allow_mask, m);
	CMP_SPAN(body, m);
	for (unsigned i = 0; i < SF_SIP_HDR_COUNT; i++)
		DIFF(a->first_header[i] != b->first_header[i], "first_header[%u]: %u vs %u", i,
		     a->first_header[i], b->first_header[i]);
	CMP_VAL(header_count, m);
	CMP_VAL(value_count, m);
	CMP_VAL(via_count, m);
	CMP_VAL(contact_count, m);
	CMP_VAL(route_count, m);
	CMP_VAL(record_route_count, m);
	for (unsigned i = 0; i < cap(a->via_count, SF_SIP_MAX_VIAS); i++) {
		snprintf(what, sizeof(what), "via[%u]", i);
		if (diff_via(&a->via[i], &b->via[i], what, why, why_len))
			return 1;
	}
	for (unsigned i = 0; i < cap(a->contact_count, SF_SIP_MAX_CONTACTS); i++) {
		snprintf(what, sizeof(what), "contact[%u]", i);
		if (diff_na(&a->contact[i], &b->contact[i], what, why, why_len))
			return 1;
	}
	for (unsigned i = 0; i < cap(a->route_count, SF_SIP_MAX_ROUTES); i++) {
		snprintf(what, sizeof(what), "route[%u]", i);
		if (diff_na(&a->route[i], &b->route[i], what, why, why_len))
			return 1;
	}
	for (unsigned i = 0; i < cap(a->record_route_count, SF_SIP_MAX_ROUTES); i++) {
		snprintf(what, sizeof(what), "record_route[%u]", i);
		if (diff_na(&a->record_route[i], &b->record_route[i], what, why, why_len))
			return 1;
	}
	for (unsigned i = 0; i < cap(a->header_count, SF_SIP_MAX_HEADERS); i++) {
		snprintf(what, sizeof(what), "headers[%u]", i);
		CMP_SPAN(headers[i].name, what);
		CMP_SPAN(headers[i].value, what);
		CMP_VAL(headers[i].first_value, what);
		CMP_VAL(headers[i].n_values, what);
		CMP_VAL(headers[i].id, what);
	}
	for (unsigned i = 0; i < cap(a->value_count, SF_SIP_MAX_VALUES); i++) {
		snprintf(what, sizeof(what), "values[%u]", i);
		DIFF(SPAN_NE(a->values[i], b->values[i]), "%s: %u+%u vs %u+%u", what,
		     a->values[i].off, a->values[i].len, b->values[i].off, b->values[i].len);
	}
	return 0;
}

long
tsu_index_diff(const struct sf_sip_scan_index *a, const struct sf_sip_scan_index *b,
               size_t n_blocks)
{
	for (size_t i = 0; i < n_blocks; i++)
		if (memcmp(&a->block[i], &b->block[i], sizeof(a->block[i])) != 0)
			return (long)i;
	return -1;
}

int
tsu_find_header(const uint8_t *buf, const struct sf_sip_msg *msg, const char *name, int nth)
{
	for (unsigned i = 0; i < cap(msg->header_count, SF_SIP_MAX_HEADERS); i++) {
		if (tsu_span_eq(buf, msg->headers[i].name, name) && nth-- == 0)
			return (int)i;
	}
	return -1;
}
