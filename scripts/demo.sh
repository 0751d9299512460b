#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The main job on the embedded default, end to end, on any Linux box with no
# NIC and no hugepages:
#   1. installs what is missing and builds (release);
#   2. runs the sipfront daemon on config/sipfront.ini: a net_pcap port replays
#      config/demo.pcap (SIP and non-SIP traffic a front end meets) and writes
#      what sipfront sends to /tmp/sipfront-demo-out.pcap; it prints its stats
#      lines, every counter and the mbuf check, then tshark decodes the replies;
#   3. as root, a live exchange: a network namespace with sipsak sends OPTIONS
#      over a veth pair to sipfront on net_af_packet (198.18.0.0/15 only) and
#      gets sipfront's 200 OK; everything it made is removed afterwards.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

bash scripts/install-deps.sh
if [ -f build/build.ninja ]; then
	meson setup --reconfigure build >/dev/null
else
	meson setup build
fi
ninja -C build

echo
echo "== 1. sipfront on the embedded default (config/sipfront.ini, net_pcap) =="
rm -f /tmp/sipfront-demo-out.pcap
# net_pcap replays the capture once; SIGINT after 3 s stops sipfront cleanly.
timeout --preserve-status -s INT 3 \
	build/app/sipfront --no-huge -m 512 --no-pci --file-prefix sf-demo -l 0,1 \
	-- -c config/sipfront.ini
rm -rf /var/run/dpdk/sf-demo

echo
echo "== what sipfront sent (tshark -r /tmp/sipfront-demo-out.pcap) =="
tshark -n -r /tmp/sipfront-demo-out.pcap 2>/dev/null

echo
echo "== 2. live: sipsak in a network namespace -> sipfront on net_af_packet =="
if [ "$(id -u)" -eq 0 ]; then
	python3 tests/dataplane/test_live.py build/app/sipfront
else
	echo "(skipped: the live part needs root for network namespaces)"
fi
