#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs the Debian 12 packages sipfront needs to build, test and benchmark.
# Idempotent: installs only what is missing, so a second run costs one dpkg query.
set -euo pipefail

build_deps=(build-essential pkg-config meson ninja-build python3 clang
            libclang-rt-14-dev clang-format
            libdpdk-dev dpdk liburcu-dev libhyperscan-dev libcmocka-dev
            libpcap-dev libnuma-dev)
# Peer parsers, compared against in bench/ (the build works without them),
# and valgrind for bench/count-instructions.sh.
bench_deps=(libosip2-dev libsofia-sip-ua-dev libre-dev valgrind)
# Real peers and tools for integration tests (dpdk-dev ships the stock
# dpdk-telemetry.py client).
test_deps=(iproute2 ethtool sip-tester sipsak tshark tcpdump dpdk-dev)

missing=()
for pkg in "${build_deps[@]}" "${bench_deps[@]}" "${test_deps[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
		missing+=("$pkg")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "install-deps: all packages present"
	exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer once, non-interactively.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
