/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * sipfront-parse: shows what the sipfront parser sees in a datagram. Each FILE
 * is one UDP payload; the tool parses it exactly as a worker would and prints
 * either a readable dump (start line, every header with its id, Vias, URIs,
 * body, verdict) or, with --json, one JSON object per file. Operators use it to
 * find out why sipfront rejected a message, so a rejection names the error,
 * the status a proxy answers with, and the offending text with its position.
 *
 * Exit status: 0 when every file parsed, 1 when any was rejected, 2 on a usage
 * or I/O error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sipfront/sip.h>

#define READ_CAP    (1u << 20) /* read at most 1 MiB of a file */
#define EXCERPT_MAX 40         /* octets of offending text quoted in a reason */

enum exit_code {
	EXIT_ALL_OK = 0,
	EXIT_REJECTED = 1,
	EXIT_USAGE = 2,
};

static const char *prog = "sipfront-parse";

static void
usage(FILE *out)
{
	fprintf(out,
	        "usage: %s [--json] [--scan IMPL] FILE...\n"
	        "\n"
	        "Parses each FILE as one SIP datagram (a UDP payload) with the sipfront\n"
	        "parser and prints what it sees. Use - to read a datagram from stdin.\n"
	        "\n"
	        "  --json         one JSON object per file, on its own line:\n"
	        "                 file, ok, kind, method, status, reason, ruri, call_id,\n"
	        "                 cseq, from, to, via, max_forwards, content_length,\n"
	        "                 body_len, header_count, error {status, reason, code}\n"
	        "                 (absent things are null; error is null when ok)\n"
	        "  --scan IMPL    scanner: scalar, sse2, avx2, avx512bw, avx512vbmi or\n"
	        "                 auto (default)\n"
	        "  -h, --help     this text\n"
	        "\n"
	        "Without --json the dump shows the start line, every header with the id\n"
	        "the parser gave it, the Vias, the URIs, the body length and the verdict;\n"
	        "a rejection names the error, the status a proxy would answer (none for\n"
	        "a silent drop) and the text where the parser gave up.\n"
	        "\n"
	        "Files are read whole (up to 1 MiB); the parser itself refuses datagrams\n"
	        "over 65535 octets (TOO_LARGE).\n"
	        "\n"
	        "Exit status: 0 all files parsed, 1 some file was rejected, 2 usage or\n"
	        "I/O error.\n",
	        prog);
}

/* --- input ----------------------------------------------------------------- */

/* Reads a whole file (or stdin for "-"), up to READ_CAP octets. */
static int
read_input(const char *name, uint8_t **out, size_t *out_len, int *truncated)
{
	FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
	uint8_t *buf;
	size_t n = 0;

	*truncated = 0;
	if (f == NULL) {
		fprintf(stderr, "%s: cannot open %s: %s\n", prog, name, strerror(errno));
		return -1;
	}
	buf = malloc(READ_CAP + 1);
	if (buf == NULL) {
		fprintf(stderr, "%s: out of memory reading %s\n", prog, name);
		goto fail_close;
	}
	while (n < READ_CAP + 1) {
		size_t got = fread(buf + n, 1, READ_CAP + 1 - n, f);

		if (got == 0)
			break;
		n += got;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: cannot read %s: %s\n", prog, name, strerror(errno));
		goto fail_free;
	}
	if (n > READ_CAP) {
		n = READ_CAP;
		*truncated = 1;
	}
	if (f != stdin)
		fclose(f);
	*out = buf;
	*out_len = n;
	return 0;
fail_free:
	free(buf);
fail_close:
	if (f != stdin)
		fclose(f);
	return -1;
}

/* --- text rendering --------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (n octets left), 0 if invalid. */
static size_t
utf8_len(const uint8_t *p, size_t n)
{
	uint8_t c = p[0];
	size_t len;
	uint8_t lo = 0x80, hi = 0xbf;

	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return len;
}

/* Writes octets as JSON string content (no quotes): valid UTF-8 passes,
 * control octets and invalid octets become \u00XX. */
static void
json_chars(FILE *out, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint8_t c = p[i];
		size_t u;

		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				fprintf(out, "\\u%04x", c);
			} else if (c < 0x80) {
				fputc(c, out);
			} else if ((u = utf8_len(p + i, n - i)) != 0) {
				fwrite(p + i, 1, u, out);
				i += u;
				continue;
			} else {
				fprintf(out, "\\u%04x", c);
			}
		}
		i++;
	}
}

static void
json_str(FILE *out, const void *p, size_t n)
{
	fputc('"', out);
	json_chars(out, p, n);
	fputc('"', out);
}

static void
json_cstr(FILE *out, const char *s)
{
	if (s == NULL)
		fputs("null", out);
	else
		json_str(out, s, strlen(s));
}

/* A span as a JSON string, null when absent (empty). */
static void
json_span(FILE *out, const uint8_t *buf, struct sf_sip_span s)
{
	if (s.len == 0)
		fputs("null", out);
	else
		json_str(out, buf + s.off, s.len);
}

/* A span of digits as a JSON number; anything else as a string. */
static void
json_number_span(FILE *out, const uint8_t *buf, struct sf_sip_span s)
{
	unsigned long v = 0;

	for (unsigned i = 0; i < s.len; i++) {
		uint8_t c = buf[s.off + i];

		if (c < '0' || c > '9' || i >= 9) {
			json_str(out, buf + s.off, s.len);
			return;
		}
		v = v * 10 + (c - '0');
	}
	fprintf(out, "%lu", v);
}

static void
json_num_or_null(FILE *out, long v, int present)
{
	if (present)
		fprintf(out, "%ld", v);
	else
		fputs("null", out);
}

/* Renders octets for a terminal or a reason text: printable ASCII and valid
 * UTF-8 as they are, '"' and '\' escaped, CR LF TAB as \r \n \t, anything else
 * as \xNN. Writes at most cap-1 characters plus a NUL; returns the length. */
static size_t
render(char *dst, size_t cap, const uint8_t *p, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n && o + 5 < cap;) {
		uint8_t c = p[i];
		size_t u;

		if (c == '"' || c == '\\') {
			dst[o++] = '\\';
			dst[o++] = (char)c;
		} else if (c == '\r' || c == '\n' || c == '\t') {
			dst[o++] = '\\';
			dst[o++] = c == '\r' ? 'r' : c == '\n' ? 'n' : 't';
		} else if (c >= 0x20 && c < 0x7f) {
			dst[o++] = (char)c;
		} else if (c >= 0x80 && (u = utf8_len(p + i, n - i)) != 0 && o + u + 1 < cap) {
			memcpy(dst + o, p + i, u);
			o += u;
			i += u;
			continue;
		} else {
			o += (size_t)snprintf(dst + o, cap - o, "\\x%02x", c);
		}
		i++;
	}
	dst[o] = '\0';
	return o;
}

/* Prints a span rendered, quoted; "-" when absent. */
static void
text_span(FILE *out, const uint8_t *buf, struct sf_sip_span s)
{
	static char tmp[4 * SF_SIP_MAX_DATAGRAM + 8];

	if (s.len == 0) {
		fputs("-", out);
		return;
	}
	render(tmp, sizeof(tmp), buf + s.off, s.len);
	fprintf(out, "\"%s\"", tmp);
}

/* --- the verdict ------------------------------------------------------------- */

/* Errors about one header's value: their reason already names the header,
 * so the excerpt can skip the "Name:" the parser's position starts with. */
static int
names_a_header(uint8_t error)
{
	switch (error) {
	case SF_SIP_ERR_NOT_SIP:
	case SF_SIP_ERR_CONTROL_CHAR:
	case SF_SIP_ERR_LINE_TOO_LONG:
	case SF_SIP_ERR_START_LINE_UNTERMINATED:
	case SF_SIP_ERR_BAD_REQUEST_LINE:
	case SF_SIP_ERR_BAD_METHOD:
	case SF_SIP_ERR_BAD_RURI:
	case SF_SIP_ERR_RURI_HEADERS:
	case SF_SIP_ERR_RURI_SCHEME:
	case SF_SIP_ERR_BAD_VERSION:
	case SF_SIP_ERR_BAD_STATUS_LINE:
	case SF_SIP_ERR_STATUS_RANGE:
	case SF_SIP_ERR_HEADERS_UNTERMINATED:
	case SF_SIP_ERR_BAD_HEADER_LINE:
	case SF_SIP_ERR_BAD_HEADER_NAME: return 0;
	default: return 1;
	}
}

/* The operator's reason: the error text and, when the parser could tell
 * where it gave up, a short quoted excerpt of the offending octets (for a
 * header, of its value: the reason already names the header). */
static void
error_reason(char *dst, size_t cap, const uint8_t *buf, size_t len, const struct sf_sip_msg *msg)
{
	const char *reason = sf_sip_error_reason((enum sf_sip_error)msg->error);
	size_t off = msg->error_at.off, end = off + msg->error_at.len;
	size_t o;

	o = (size_t)snprintf(dst, cap, "%s", reason ? reason : "unknown error");
	if (msg->error_at.len == 0 || off >= len || o + 8 >= cap)
		return;
	if (end > len)
		end = len;
	if (names_a_header(msg->error) && (off == 0 || buf[off - 1] == '\n')) {
		size_t c = off;

		while (c < end && buf[c] != ':' && buf[c] != ' ' && buf[c] != '\t')
			c++;
		while (c < end && (buf[c] == ' ' || buf[c] == '\t'))
			c++;
		if (c < end && buf[c] == ':') {
			c++;
			while (c < end && (buf[c] == ' ' || buf[c] == '\t'))
				c++;
			if (c < end)
				off = c;
		}
	}
	{
		size_t n = end - off > EXCERPT_MAX ? EXCERPT_MAX : end - off;
		char ex[EXCERPT_MAX * 4 + 8];

		render(ex, sizeof(ex), buf + off, n);
		o += (size_t)snprintf(dst + o, cap - o, ": \"%s%s\"", ex,
		                      end - off > n ? ".." : "");
	}
	if (msg->error == SF_SIP_ERR_BODY_TRUNCATED && o < cap) {
		/* what is there, for the operator comparing the two numbers */
		for (size_t i = 0; i + 1 < len; i++) {
			size_t body = 0;

			if (buf[i] == '\n' && buf[i + 1] == '\n')
				body = i + 2;
			else if (buf[i] == '\n' && i + 2 < len && buf[i + 1] == '\r' &&
			         buf[i + 2] == '\n')
				body = i + 3;
			if (body != 0) {
				snprintf(dst + o, cap - o,
				         " (%zu octets follow the header section)", len - body);
				break;
			}
		}
	}
}

/* 1-based line and column of an offset. */
static void
line_col(const uint8_t *buf, size_t off, unsigned *line, unsigned *col)
{
	unsigned l = 1;
	size_t start = 0;

	for (size_t i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			l++;
			start = i + 1;
		}
	}
	*line = l;
	*col = (unsigned)(off - start) + 1;
}

/* The kind as the JSON output spells it (a fixed interface for scripts). */
static const char *
kind_name(uint8_t kind)
{
	switch (kind) {
	case SF_SIP_KIND_REQUEST: return "request";
	case SF_SIP_KIND_RESPONSE: return "response";
	case SF_SIP_KIND_KEEPALIVE: return "keepalive";
	default: return "not-sip";
	}
}

static int
is_message(const struct sf_sip_msg *msg)
{
	return msg->kind == SF_SIP_KIND_REQUEST || msg->kind == SF_SIP_KIND_RESPONSE;
}

/* --- JSON output ----------------------------------------------------------------- */

static void
json_name_addr(FILE *out, const uint8_t *buf, const struct sf_sip_name_addr *na)
{
	if (na->raw.len == 0 && na->uri.raw.len == 0) {
		fputs("null", out);
		return;
	}
	fputs("{\"uri\":", out);
	json_span(out, buf, na->uri.raw);
	fputs(",\"tag\":", out);
	json_span(out, buf, na->tag);
	fputc('}', out);
}

static void
print_json(FILE *out, const char *file, const uint8_t *buf, size_t len,
           const struct sf_sip_msg *msg)
{
	int ok = msg->error == SF_SIP_ERR_OK;
	int req = msg->kind == SF_SIP_KIND_REQUEST, rsp = msg->kind == SF_SIP_KIND_RESPONSE;

	fputs("{\"file\":", out);
	json_cstr(out, file);
	fprintf(out, ",\"ok\":%s,\"kind\":", ok ? "true" : "false");
	json_cstr(out, kind_name(msg->kind));

	fputs(",\"method\":", out);
	if (req && msg->method_name.len > 0)
		json_span(out, buf, msg->method_name);
	else if (req && msg->method != SF_SIP_METHOD_UNKNOWN &&
	         msg->method != SF_SIP_METHOD_EXTENSION)
		json_cstr(out, sf_sip_method_name((enum sf_sip_method)msg->method));
	else
		fputs("null", out);

	fputs(",\"status\":", out);
	json_num_or_null(out, msg->status, rsp && msg->status != 0);
	fputs(",\"reason\":", out);
	if (rsp && msg->status != 0)
		json_str(out, buf + msg->reason.off, msg->reason.len);
	else
		fputs("null", out);

	fputs(",\"ruri\":", out);
	if (req && msg->ruri.raw.len > 0) {
		fputs("{\"scheme\":", out);
		if (msg->ruri.scheme.len > 0)
			json_span(out, buf, msg->ruri.scheme);
		else if (msg->ruri.scheme_id != SF_SIP_SCHEME_NONE)
			json_cstr(out,
			          sf_sip_scheme_name((enum sf_sip_uri_scheme)msg->ruri.scheme_id));
		else
			fputs("null", out);
		fputs(",\"user\":", out);
		json_span(out, buf, msg->ruri.user);
		fputs(",\"host\":", out);
		json_span(out, buf, msg->ruri.host);
		fputs(",\"port\":", out);
		json_num_or_null(out, msg->ruri.port, msg->ruri.port != 0);
		fputc('}', out);
	} else {
		fputs("null", out);
	}

	fputs(",\"call_id\":", out);
	json_span(out, buf, msg->call_id);
	fputs(",\"cseq\":", out);
	if (msg->cseq_method_name.len > 0) {
		fprintf(out, "{\"num\":%lu,\"method\":", (unsigned long)msg->cseq);
		json_span(out, buf, msg->cseq_method_name);
		fputc('}', out);
	} else {
		fputs("null", out);
	}
	fputs(",\"from\":", out);
	json_name_addr(out, buf, &msg->from);
	fputs(",\"to\":", out);
	json_name_addr(out, buf, &msg->to);

	fputs(",\"via\":", out);
	if (is_message(msg)) {
		unsigned n = msg->via_count < SF_SIP_MAX_VIAS ? msg->via_count : SF_SIP_MAX_VIAS;

		fputc('[', out);
		for (unsigned i = 0; i < n; i++) {
			const struct sf_sip_via *v = &msg->via[i];

			fputs(i ? ",{\"transport\":" : "{\"transport\":", out);
			json_span(out, buf, v->transport);
			fputs(",\"host\":", out);
			json_span(out, buf, v->host);
			fputs(",\"port\":", out);
			json_num_or_null(out, v->port, v->port != 0);
			fputs(",\"branch\":", out);
			json_span(out, buf, v->branch);
			fputs(",\"rport\":", out);
			if (!v->has_rport)
				fputs("null", out);
			else if (v->rport_value.len == 0)
				fputs("true", out);
			else
				json_number_span(out, buf, v->rport_value);
			fputs(",\"received\":", out);
			json_span(out, buf, v->received);
			fputc('}', out);
		}
		fputc(']', out);
	} else {
		fputs("null", out);
	}

	fputs(",\"max_forwards\":", out);
	json_num_or_null(out, msg->max_forwards, msg->max_forwards >= 0 && is_message(msg));
	fputs(",\"content_length\":", out);
	json_num_or_null(out, (long)msg->content_length, msg->has_content_length);
	fputs(",\"body_len\":", out);
	json_num_or_null(out, msg->body.len, is_message(msg) && ok);
	fprintf(out, ",\"header_count\":%u", msg->header_count);

	fputs(",\"error\":", out);
	if (ok) {
		fputs("null", out);
	} else {
		char reason[512];
		uint16_t st = sf_sip_error_status((enum sf_sip_error)msg->error);

		error_reason(reason, sizeof(reason), buf, len, msg);
		fputs("{\"status\":", out);
		json_num_or_null(out, st, st != 0);
		fputs(",\"reason\":", out);
		json_cstr(out, reason);
		fputs(",\"code\":", out);
		json_cstr(out, sf_sip_error_name((enum sf_sip_error)msg->error));
		fputc('}', out);
	}
	fputs("}\n", out);
}

/* --- readable output ----------------------------------------------------------- */

static const char *
host_type_name(uint8_t t)
{
	switch (t) {
	case SF_SIP_HOST_NAME: return "name";
	case SF_SIP_HOST_IPV4: return "ipv4";
	case SF_SIP_HOST_IPV6: return "ipv6";
	default: return "none";
	}
}

static void
text_uri(FILE *out, const uint8_t *buf, const struct sf_sip_uri *u, const char *indent)
{
	text_span(out, buf, u->raw);
	fprintf(out, "\n%sscheme %s", indent,
	        sf_sip_scheme_name((enum sf_sip_uri_scheme)u->scheme_id));
	if (u->scheme_id == SF_SIP_SCHEME_OTHER || u->scheme_id == SF_SIP_SCHEME_NONE) {
		fputc('\n', out);
		return;
	}
	fputs(", user ", out);
	text_span(out, buf, u->user);
	if (u->password.len > 0) {
		fputs(", password ", out);
		text_span(out, buf, u->password);
	}
	fputs(", host ", out);
	text_span(out, buf, u->host);
	fprintf(out, " (%s)", host_type_name(u->host_type));
	if (u->port != 0)
		fprintf(out, ", port %u", u->port);
	if (u->params.len > 0) {
		fprintf(out, "\n%sparams ", indent);
		text_span(out, buf, u->params);
		if (u->transport != SF_SIP_TRANSPORT_NONE)
			fprintf(out, ", transport %s",
			        sf_sip_transport_name((enum sf_sip_transport)u->transport));
		if (u->lr)
			fputs(", lr", out);
		if (u->maddr.len > 0) {
			fputs(", maddr ", out);
			text_span(out, buf, u->maddr);
		}
		if (u->user_param.len > 0) {
			fputs(", user=", out);
			text_span(out, buf, u->user_param);
		}
	}
	if (u->headers.len > 0) {
		fprintf(out, "\n%sheaders ", indent);
		text_span(out, buf, u->headers);
	}
	fputc('\n', out);
}

static void
text_name_addr(FILE *out, const uint8_t *buf, const char *label, const struct sf_sip_name_addr *na)
{
	fprintf(out, "%-14s", label);
	if (na->raw.len == 0 && na->uri.raw.len == 0) {
		fputs("-\n", out);
		return;
	}
	if (na->display.len > 0) {
		fputs("display ", out);
		text_span(out, buf, na->display);
		fputs(", ", out);
	}
	fputs(na->bracketed ? "<uri> " : "uri ", out);
	text_uri(out, buf, &na->uri, "                ");
	if (na->tag.len > 0 || na->params.len > 0) {
		fputs("                tag ", out);
		text_span(out, buf, na->tag);
		fputs(", header params ", out);
		text_span(out, buf, na->params);
		fputc('\n', out);
	}
}

static void
print_text(FILE *out, const char *file, const uint8_t *buf, size_t len,
           const struct sf_sip_msg *msg)
{
	size_t eol = 0;
	unsigned n;

	fprintf(out, "== %s: %zu octets, %s\n", file, len, kind_name(msg->kind));
	if (msg->kind == SF_SIP_KIND_NOT_SIP || msg->kind == SF_SIP_KIND_KEEPALIVE)
		goto verdict;

	while (eol < len && buf[eol] != '\n' && eol < 1024)
		eol++;
	{
		char line[4 * 1024 + 8];

		render(line, sizeof(line), buf, eol > 0 && buf[eol - 1] == '\r' ? eol - 1 : eol);
		fprintf(out, "start line:   %s\n", line);
	}
	if (msg->kind == SF_SIP_KIND_REQUEST) {
		fprintf(out, "method:       ");
		text_span(out, buf, msg->method_name);
		fprintf(out, " (%s)\n",
		        msg->method == SF_SIP_METHOD_EXTENSION
		                ? "extension"
		                : sf_sip_method_name((enum sf_sip_method)msg->method));
		fprintf(out, "request-uri:  ");
		text_uri(out, buf, &msg->ruri, "              ");
	} else {
		fprintf(out, "status:       %u, reason ", msg->status);
		text_span(out, buf, msg->reason);
		fputc('\n', out);
	}

	n = msg->header_count < SF_SIP_MAX_HEADERS ? msg->header_count : SF_SIP_MAX_HEADERS;
	fprintf(out, "headers (%u):\n", msg->header_count);
	for (unsigned i = 0; i < n; i++) {
		const struct sf_sip_header *h = &msg->headers[i];
		char name[256];

		render(name, sizeof(name), buf + h->name.off, h->name.len);
		fprintf(out, "  [%2u] %s [%s", i, name,
		        h->id == SF_SIP_HDR_OTHER
		                ? "other"
		                : sf_sip_header_name((enum sf_sip_header_id)h->id));
		if (h->n_values > 1)
			fprintf(out, ", %u values", h->n_values);
		fputs("]: ", out);
		text_span(out, buf, h->value);
		fputc('\n', out);
	}

	n = msg->via_count < SF_SIP_MAX_VIAS ? msg->via_count : SF_SIP_MAX_VIAS;
	fprintf(out, "vias (%u):\n", msg->via_count);
	for (unsigned i = 0; i < n; i++) {
		const struct sf_sip_via *v = &msg->via[i];

		fprintf(out, "  [%2u] transport ", i);
		text_span(out, buf, v->transport);
		fprintf(out, " (%s), host ",
		        sf_sip_transport_name((enum sf_sip_transport)v->transport_id));
		text_span(out, buf, v->host);
		fprintf(out, " (%s)", host_type_name(v->host_type));
		if (v->port != 0)
			fprintf(out, ", port %u", v->port);
		fputs(", branch ", out);
		text_span(out, buf, v->branch);
		if (v->received.len > 0) {
			fputs(", received ", out);
			text_span(out, buf, v->received);
		}
		if (v->has_rport) {
			fputs(", rport", out);
			if (v->rport_value.len > 0) {
				fputc('=', out);
				text_span(out, buf, v->rport_value);
			}
		}
		if (v->maddr.len > 0) {
			fputs(", maddr ", out);
			text_span(out, buf, v->maddr);
		}
		if (v->ttl >= 0)
			fprintf(out, ", ttl %d", v->ttl);
		fputc('\n', out);
	}

	text_name_addr(out, buf, "from:", &msg->from);
	text_name_addr(out, buf, "to:", &msg->to);
	if (msg->contact_star)
		fputs("contact:      *\n", out);
	n = msg->contact_count < SF_SIP_MAX_CONTACTS ? msg->contact_count : SF_SIP_MAX_CONTACTS;
	for (unsigned i = 0; i < n; i++) {
		char label[32];

		snprintf(label, sizeof(label), "contact[%u]:", i);
		text_name_addr(out, buf, label, &msg->contact[i]);
	}
	n = msg->route_count < SF_SIP_MAX_ROUTES ? msg->route_count : SF_SIP_MAX_ROUTES;
	for (unsigned i = 0; i < n; i++) {
		char label[32];

		snprintf(label, sizeof(label), "route[%u]:", i);
		text_name_addr(out, buf, label, &msg->route[i]);
	}
	n = msg->record_route_count < SF_SIP_MAX_ROUTES ? msg->record_route_count
	                                                : SF_SIP_MAX_ROUTES;
	for (unsigned i = 0; i < n; i++) {
		char label[32];

		snprintf(label, sizeof(label), "rr[%u]:", i);
		text_name_addr(out, buf, label, &msg->record_route[i]);
	}
	fputs("call-id:      ", out);
	text_span(out, buf, msg->call_id);
	fputs("\ncseq:         ", out);
	if (msg->cseq_method_name.len > 0) {
		fprintf(out, "%lu ", (unsigned long)msg->cseq);
		text_span(out, buf, msg->cseq_method_name);
	} else {
		fputc('-', out);
	}
	fputs("\nmax-forwards: ", out);
	if (msg->max_forwards >= 0)
		fprintf(out, "%d", msg->max_forwards);
	else
		fputc('-', out);
	fputs("\ncontent-type: ", out);
	text_span(out, buf, msg->content_type);
	fputs("\ncontent-len:  ", out);
	if (msg->has_content_length)
		fprintf(out, "%lu", (unsigned long)msg->content_length);
	else if (msg->error == SF_SIP_ERR_OK)
		fputs("- (the body is the rest of the datagram)", out);
	else
		fputc('-', out);
	fputc('\n', out);
	if (msg->error == SF_SIP_ERR_OK)
		fprintf(out, "body:         %u octets at offset %u%s\n", msg->body.len,
		        msg->body.off,
		        msg->missing_empty_line ? " (no empty line after the headers)" : "");
	if (msg->has_expires)
		fprintf(out, "expires:      %lu\n", (unsigned long)msg->expires);
	if (msg->auth_scheme.len > 0) {
		fputs("auth:         ", out);
		text_span(out, buf, msg->auth_scheme);
		fputs(", username ", out);
		text_span(out, buf, msg->auth_username);
		fputc('\n', out);
	}
	if (msg->user_agent.len > 0) {
		fputs("user-agent:   ", out);
		text_span(out, buf, msg->user_agent);
		fputc('\n', out);
	}
	if (msg->event.len > 0) {
		fputs("event:        ", out);
		text_span(out, buf, msg->event);
		fputc('\n', out);
	}

verdict:
	if (msg->error == SF_SIP_ERR_OK) {
		fputs("verdict:      OK\n\n", out);
	} else {
		char reason[512];
		uint16_t st = sf_sip_error_status((enum sf_sip_error)msg->error);

		error_reason(reason, sizeof(reason), buf, len, msg);
		fprintf(out, "verdict:      REJECTED %s: %s\n",
		        sf_sip_error_name((enum sf_sip_error)msg->error), reason);
		if (st != 0)
			fprintf(out, "              a proxy answers %u\n", st);
		else
			fputs("              dropped silently (no answer)\n", out);
		if (msg->error_at.len > 0 && msg->error_at.off < len) {
			unsigned l, c;

			size_t start = msg->error_at.off, end = msg->error_at.off;
			char text[1024];

			line_col(buf, msg->error_at.off, &l, &c);
			fprintf(out, "              at line %u, column %u (offset %u, %u octets)\n",
			        l, c, msg->error_at.off, msg->error_at.len);
			/* the whole offending line, for context */
			while (start > 0 && buf[start - 1] != '\n')
				start--;
			while (end < len && buf[end] != '\n' && end - start < 240)
				end++;
			if (end > start && buf[end - 1] == '\r')
				end--;
			render(text, sizeof(text), buf + start, end - start);
			fprintf(out, "              line %u: %s%s\n", l, text,
			        end < len && buf[end] != '\n' && buf[end] != '\r' ? ".." : "");
		}
		fputc('\n', out);
	}
}

/* --- main --------------------------------------------------------------------- */

int
main(int argc, char **argv)
{
	static struct sf_sip_parser parser;
	static struct sf_sip_msg msg;
	enum sf_sip_scan_impl impl = SF_SIP_SCAN_AUTO;
	int json = 0, n_files = 0, rc = EXIT_ALL_OK;
	int io_error = 0, stdin_used = 0, options_done = 0;
	char **files = calloc((size_t)argc, sizeof(*files));

	if (files == NULL) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return EXIT_USAGE;
	}
	/* options may come anywhere before "--"; the rest are files */
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (options_done || a[0] != '-' || a[1] == '\0') {
			files[n_files++] = argv[i];
		} else if (strcmp(a, "--") == 0) {
			options_done = 1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			free(files);
			return EXIT_ALL_OK;
		} else if (strcmp(a, "--json") == 0) {
			json = 1;
		} else if (strcmp(a, "--scan") == 0 || strncmp(a, "--scan=", 7) == 0) {
			const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);

			if (v == NULL || sf_sip_scan_impl_from_name(v, &impl) != 0) {
				fprintf(stderr,
				        "%s: --scan needs one of scalar, sse2, avx2, avx512bw, "
				        "avx512vbmi, "
				        "auto%s%s\n",
				        prog, v ? "; got " : "", v ? v : "");
				free(files);
				return EXIT_USAGE;
			}
		} else {
			fprintf(stderr, "%s: unknown option %s (see --help)\n", prog, a);
			free(files);
			return EXIT_USAGE;
		}
	}
	if (n_files == 0) {
		fprintf(stderr, "%s: no FILE given (see --help)\n", prog);
		usage(stderr);
		free(files);
		return EXIT_USAGE;
	}
	if (sf_sip_parser_init(&parser, impl) != 0) {
		fprintf(stderr, "%s: the %s scanner is not supported by this CPU\n", prog,
		        sf_sip_scan_impl_name(impl));
		free(files);
		return EXIT_USAGE;
	}

	for (int i = 0; i < n_files; i++) {
		const char *file = files[i];
		uint8_t *buf;
		size_t len;
		int truncated;

		if (strcmp(file, "-") == 0) {
			if (stdin_used++) {
				fprintf(stderr, "%s: stdin (-) given more than once\n", prog);
				io_error = 1;
				continue;
			}
		}
		if (read_input(file, &buf, &len, &truncated) != 0) {
			io_error = 1;
			continue;
		}
		if (truncated)
			fprintf(stderr, "%s: %s is larger than 1 MiB; parsing its first 1 MiB\n",
			        prog, file);
		memset(&msg, 0, sizeof(msg));
		msg.max_forwards = -1;
		sf_sip_parse(&parser, buf, len, &msg);
		if (json)
			print_json(stdout, file, buf, len, &msg);
		else
			print_text(stdout, file, buf, len, &msg);
		if (msg.error != SF_SIP_ERR_OK)
			rc = EXIT_REJECTED;
		free(buf);
	}
	free(files);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the output: %s\n", prog, strerror(errno));
		return EXIT_USAGE;
	}
	return io_error ? EXIT_USAGE : rc;
}
