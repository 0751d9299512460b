/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * Locally built SIP responses (RFC 3261 §8.2.6, §16.11 for a stateless
 * element; RFC 3581 for rport). The response copies every Via value in
 * order (one per line, RFC 3261 §7.3.1 makes both forms equal), From, To,
 * Call-ID and CSeq as written, so the client matches it to its transaction
 * without sipfront keeping any state; see reply.h for the choices.
 *
 * Appends go through a small bounded writer: no snprintf on this path, and a
 * response that does not fit is reported, never cut.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include <sipfront/reply.h>

struct writer {
	char *p;
	size_t len, cap;
	bool overflow;
};

static void
put(struct writer *w, const void *s, size_t n)
{
	if (w->overflow || n > w->cap - w->len) {
		w->overflow = true;
		return;
	}
	memcpy(w->p + w->len, s, n);
	w->len += n;
}

static void
put_str(struct writer *w, const char *s)
{
	put(w, s, strlen(s));
}

static void
put_span(struct writer *w, const uint8_t *buf, struct sf_sip_span s)
{
	put(w, buf + s.off, s.len);
}

static void
put_u32(struct writer *w, uint32_t v)
{
	char tmp[10];
	int n = 0;

	do {
		tmp[sizeof(tmp) - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	put(w, tmp + sizeof(tmp) - n, (size_t)n);
}

const char *
sf_sip_reason_phrase(uint16_t status)
{
	switch (status) {
	case 100: return "Trying";
	case 180: return "Ringing";
	case 200: return "OK";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 408: return "Request Timeout";
	case 413: return "Request Entity Too Large";
	case 414: return "Request-URI Too Long";
	case 415: return "Unsupported Media Type";
	case 416: return "Unsupported URI Scheme";
	case 420: return "Bad Extension";
	case 480: return "Temporarily Unavailable";
	case 481: return "Call/Transaction Does Not Exist";
	case 482: return "Loop Detected";
	case 483: return "Too Many Hops";
	case 486: return "Busy Here";
	case 500: return "Server Internal Error";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	case 504: return "Server Time-out";
	case 505: return "Version Not Supported";
	case 513: return "Message Too Large";
	case 603: return "Decline";
	default: break;
	}
	switch (status / 100) {
	case 1: return "Trying";
	case 2: return "OK";
	case 3: return "Redirect";
	case 4: return "Client Error";
	case 5: return "Server Error";
	default: return "Global Failure";
	}
}

static bool
ieq(const uint8_t *s, size_t n, const char *lit)
{
	if (strlen(lit) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		uint8_t c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (uint8_t)(c + 32);
		if (c != (uint8_t)lit[i])
			return false;
	}
	return true;
}

/* Does the Via sent-by host name exactly the packet's source address? */
static bool
via_host_is_peer(const uint8_t *req, const struct sf_sip_via *via, const struct sf_reply_peer *peer)
{
	char text[INET6_ADDRSTRLEN + 2];
	uint8_t bin[16];
	const char *h = sf_sip_span_ptr(req, via->host);
	size_t n = via->host.len;

	if (via->host_type == SF_SIP_HOST_IPV6 && n >= 2 && h[0] == '[') {
		h++;
		n -= 2;
	} else if (via->host_type != SF_SIP_HOST_IPV4) {
		return false;
	}
	if (n >= sizeof(text))
		return false;
	memcpy(text, h, n);
	text[n] = '\0';
	if (peer->family == 4)
		return inet_pton(AF_INET, text, bin) == 1 && memcmp(bin, peer->addr, 4) == 0;
	return inet_pton(AF_INET6, text, bin) == 1 && memcmp(bin, peer->addr, 16) == 0;
}

/* The top Via: its params minus any received/rport, then ours. */
static void
put_top_via(struct writer *w, const uint8_t *req, const struct sf_sip_via *via,
            const struct sf_reply_peer *peer)
{
	uint32_t raw_end = (uint32_t)via->raw.off + via->raw.len;
	uint32_t pstart = via->params.len ? via->params.off : raw_end;
	uint32_t pend = via->params.len ? (uint32_t)via->params.off + via->params.len : raw_end;

	put(w, req + via->raw.off, pstart - via->raw.off);
	for (uint32_t i = pstart; i < pend;) {
		bool quoted = false;
		uint32_t j = i + 1;

		/* one ";name[=value]", a quoted value may hold ';' */
		while (j < pend && (quoted || req[j] != ';')) {
			if (req[j] == '"')
				quoted = !quoted;
			else if (quoted && req[j] == '\\' && j + 1 < pend)
				j++;
			j++;
		}
		uint32_t s = i + 1, e = j;

		while (s < e &&
		       (req[s] == ' ' || req[s] == '\t' || req[s] == '\r' || req[s] == '\n'))
			s++;
		while (e > s && (req[e - 1] == ' ' || req[e - 1] == '\t' || req[e - 1] == '\r' ||
		                 req[e - 1] == '\n'))
			e--;
		uint32_t name_end = s;

		while (name_end < e && req[name_end] != '=' && req[name_end] != ' ' &&
		       req[name_end] != '\t')
			name_end++;
		if (e > s && !ieq(req + s, name_end - s, "received") &&
		    !ieq(req + s, name_end - s, "rport")) {
			put(w, ";", 1);
			put(w, req + s, e - s);
		}
		i = j;
	}
	put(w, req + pend, raw_end - pend);
	if (via->has_rport || !via_host_is_peer(req, via, peer)) {
		put_str(w, ";received=");
		if (peer->family == 4) {
			/* glibc's inet_ntop formats IPv4 with sprintf: too slow
			 * for once per packet. */
			for (int i = 0; i < 4; i++) {
				if (i != 0)
					put(w, ".", 1);
				put_u32(w, peer->addr[i]);
			}
		} else {
			char ip[INET6_ADDRSTRLEN];

			inet_ntop(AF_INET6, peer->addr, ip, sizeof(ip));
			put_str(w, ip);
		}
	}
	if (via->has_rport) {
		put_str(w, ";rport=");
		put_u32(w, peer->port);
	}
}

static void
put_quoted(struct writer *w, const char *s)
{
	put(w, "\"", 1);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			put(w, "\\", 1);
		put(w, s, 1);
	}
	put(w, "\"", 1);
}

static void
put_header(struct writer *w, const char *name, const uint8_t *req, const struct sf_sip_msg *msg,
           enum sf_sip_header_id id)
{
	put_str(w, name);
	put_span(w, req, msg->headers[msg->first_header[id]].value);
}

int
sf_reply_build(const uint8_t *req, const struct sf_sip_msg *msg, uint16_t status,
               enum sf_sip_error err, const struct sf_reply_peer *peer,
               const struct sf_reply_conf *conf, char *out, size_t cap)
{
	struct writer w = {.p = out, .cap = cap};

	if (!sf_reply_answerable(msg, err) || status < 100 || status > 699)
		return -EINVAL;
	put_str(&w, "SIP/2.0 ");
	put_u32(&w, status);
	put(&w, " ", 1);
	put_str(&w, sf_sip_reason_phrase(status));
	put_str(&w, "\r\n");
	for (uint16_t i = 0; i < msg->via_count; i++) {
		put_str(&w, "Via: ");
		if (i == 0)
			put_top_via(&w, req, &msg->via[0], peer);
		else
			put_span(&w, req, msg->via[i].raw);
		put_str(&w, "\r\n");
	}
	put_header(&w, "From: ", req, msg, SF_SIP_HDR_FROM);
	put_str(&w, "\r\n");
	put_header(&w, "To: ", req, msg, SF_SIP_HDR_TO);
	if (msg->to.tag.len == 0 && status > 100 && conf->to_tag != NULL &&
	    conf->to_tag[0] != '\0') {
		put_str(&w, ";tag=");
		put_str(&w, conf->to_tag);
	}
	put_str(&w, "\r\n");
	put_header(&w, "Call-ID: ", req, msg, SF_SIP_HDR_CALL_ID);
	put_str(&w, "\r\n");
	put_header(&w, "CSeq: ", req, msg, SF_SIP_HDR_CSEQ);
	put_str(&w, "\r\n");
	if (err != SF_SIP_ERR_OK) {
		put_str(&w, "Warning: 399 sipfront ");
		put_quoted(&w, sf_sip_error_reason(err));
		put_str(&w, "\r\n");
	}
	if (status == 200 && msg->method == SF_SIP_METHOD_OPTIONS) {
		if (conf->allow != NULL && conf->allow[0] != '\0') {
			put_str(&w, "Allow: ");
			put_str(&w, conf->allow);
			put_str(&w, "\r\n");
		}
		if (conf->accept != NULL && conf->accept[0] != '\0') {
			put_str(&w, "Accept: ");
			put_str(&w, conf->accept);
			put_str(&w, "\r\n");
		}
	}
	if (conf->server != NULL && conf->server[0] != '\0') {
		put_str(&w, "Server: ");
		put_str(&w, conf->server);
		put_str(&w, "\r\n");
	}
	put_str(&w, "Content-Length: 0\r\n\r\n");
	return w.overflow ? -ENOSPC : (int)w.len;
}
