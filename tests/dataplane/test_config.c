/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright (c) 2026 the sipfront authors
 *
 * cmocka tests of the configuration loader: a valid file, and for each kind
 * of mistake the exact "file:line:" the operator is pointed at.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <sipfront/config.h>

static char path[64];
static struct sf_config cfg;
static char err[512];

static int
load(const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	err[0] = '\0';
	return sf_config_load(path, &cfg, err, sizeof(err));
}

/* err must start with "path:line:" and contain what. */
static void
expect_error(const char *text, int line, const char *what)
{
	char prefix[96];

	assert_true(load(text) < 0);
	snprintf(prefix, sizeof(prefix), "%s:%d: ", path, line);
	if (strncmp(err, prefix, strlen(prefix)) != 0 || strstr(err, what) == NULL)
		fail_msg("expected '%s...%s', got '%s'", prefix, what, err);
}

#define PORT "[port public]\ndevice = net_null0\nipv4 = 198.18.0.1/24\n"

static void
test_valid(void **state)
{
	(void)state;
	assert_int_equal(load("; a comment\n"
	                      "[sipfront]\nmode = parse-only\nlcores = 1, 2\nburst_size = 64\n"
	                      "[sip]\nports = 5060,5080\n"
	                      "[port public]\n"
	                      "device = net_pcap0,rx_pcap=/tmp/a.pcap,tx_pcap=/tmp/b.pcap\n"
	                      "ipv4 = 198.18.0.1/24, 198.18.1.1/24\nipv6 = 2001:2::1/64\n"
	                      "gateway4 = 198.18.0.254 ; inline comment\nvlan = 7\n"
	                      "mac = 02:00:00:00:00:01\n"
	                      "[port core]\ndevice = 0000:01:00.0\nipv4 = 198.19.0.1/24\n"),
	                 0);
	assert_int_equal(cfg.mode, SF_MODE_PARSE_ONLY);
	assert_false(cfg.lcores_auto);
	assert_int_equal(cfg.n_lcores, 2);
	assert_int_equal(cfg.lcores[1], 2);
	assert_int_equal(cfg.burst_size, 64);
	assert_int_equal(cfg.n_sip_ports, 2);
	assert_int_equal(cfg.sip_ports[1], 5080);
	assert_int_equal(cfg.n_ports, 2);
	assert_string_equal(cfg.ports[0].name, "public");
	assert_string_equal(cfg.ports[0].device,
	                    "net_pcap0,rx_pcap=/tmp/a.pcap,tx_pcap=/tmp/b.pcap");
	assert_int_equal(cfg.ports[0].n_ipv4, 2);
	assert_int_equal(cfg.ports[0].ipv4_plen[1], 24);
	assert_int_equal(cfg.ports[0].n_ipv6, 1);
	assert_true(cfg.ports[0].has_gateway4);
	assert_int_equal(cfg.ports[0].vlan, 7);
	assert_true(cfg.ports[0].has_mac);
	assert_int_equal(cfg.ports[0].mtu, 1500);
	assert_string_equal(cfg.ports[1].device, "0000:01:00.0");
	/* Defaults. */
	assert_int_equal(cfg.mempool_size, 8191);
	assert_int_equal(cfg.stats_interval, 5);
	assert_true(strncmp(cfg.to_tag, "sf", 2) == 0);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_error(PORT "mtu = 99\n", 4, "[port public] mtu: '99' is not a number in 1280..9000");
	expect_error("[sipfront]\nmode = proxy\nmdoe = proxy\n" PORT, 3, "mdoe: unknown key");
	expect_error("[sipfront]\nmode = fast\n" PORT, 2, "'fast' is not proxy or parse-only");
	expect_error(PORT "\n[sip]\nports 5060\n", 6, "expected 'key = value'");
	expect_error("[sipfront]\n# hash\n" PORT, 2, "comments start with ';'");
	expect_error("mode = proxy\n" PORT, 1, "key outside of any [section]");
	expect_error("[sipfront\n" PORT, 1, "malformed section header");
	expect_error(PORT "[dpdk]\nx = 1\n", 4, "unknown section [dpdk]");
	expect_error("[sipfront]\nmode = proxy\n", 1, "no [port NAME] section");
	expect_error(PORT "ipv4 = 198.18.0.2/24\n", 4, "key given twice");
	expect_error("[port public]\nipv4 = 198.18.0.1/24\n", 1, "[port public] has no device");
	expect_error(PORT "gateway4 = 10.0.0.1\n", 4, "not inside any ipv4 prefix");
	expect_error("[port a]\ndevice = net_null0\nipv4 = 198.18.0.300/24\n", 3,
	             "'198.18.0.300/24' is not an IPv4 address");
	expect_error("[port a]\ndevice = net_null0\nipv4 = 198.18.0.1/33\n", 3,
	             "prefix length must be 0..32");
	expect_error(PORT "[port b]\ndevice = net_null0\nipv4 = 198.18.0.9/24\n", 5,
	             "already used by [port public]");
	expect_error(PORT "[port b c]\ndevice = net_null1\nipv4 = 198.18.3.1/24\n", 4,
	             "a port name is");
	expect_error("[neighbour]\nentries = 100\n" PORT, 2, "must be a power of two");
	expect_error("[sipfront]\nlcores = 1,1\n" PORT, 2, "lcore 1 listed twice");
	expect_error("[sip]\nto_tag = a b\n" PORT, 2, "a tag must be an RFC 3261 token");
	assert_true(load(PORT "mac = 01:00:5e:00:00:01\n") < 0); /* multicast MAC */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_valid),
	        cmocka_unit_test(test_errors),
	};
	int fd;

	snprintf(path, sizeof(path), "/tmp/sf-config-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return 1;
	close(fd);
	int ret = cmocka_run_group_tests_name("config", tests, NULL, NULL);

	unlink(path);
	return ret;
}
