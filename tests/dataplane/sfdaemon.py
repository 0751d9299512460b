# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 the sipfront authors
#
# Runs the real sipfront daemon for a test: EAL without hugepages or PCI, a
# --file-prefix of its own, bounded waits, and a stop (SIGINT) that checks
# the exit code and parses the final statistics it prints.
"""Start, query and stop a sipfront daemon under test."""

import os
import re
import shutil
import signal
import subprocess
import time

import sftelemetry


class Daemon:
    def __init__(self, binary, config, prefix, lcores="0,1", mode=None, extra=()):
        self.prefix = prefix
        self.cmd = [binary, "--no-huge", "-m", "512", "--no-pci", "--file-prefix", prefix,
                    "-l", lcores, "--log-level", "lib.eal:warning", "--", "-c", config,
                    "--stats-interval", "0"]
        if mode:
            self.cmd += ["--mode", mode]
        self.cmd += list(extra)
        self.proc = None
        self.output = ""
        self.tel = None

    def start(self, timeout=20):
        self.proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)
        deadline = time.time() + timeout
        path = sftelemetry.socket_path(self.prefix)
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("sipfront exited early (%d):\n%s"
                                   % (self.proc.returncode, self.proc.stdout.read()))
            if os.path.exists(path):
                try:
                    if self.tel is None:
                        self.tel = sftelemetry.Telemetry(self.prefix)
                    # Ready once our commands are registered: before that,
                    # telemetry answers null for them.
                    if isinstance(self.tel.query("/sipfront/stats"), dict):
                        return
                except (OSError, ValueError):
                    self.tel = None
            time.sleep(0.1)
        raise RuntimeError("sipfront did not come up in %ds" % timeout)

    def query(self, cmd):
        return self.tel.query(cmd)

    def wait_counter(self, name, value, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.query("/sipfront/stats")[name] >= value:
                return True
            time.sleep(0.1)
        return False

    def stop(self, timeout=20):
        """SIGINT, wait, return (exit code, final counters dict, output)."""
        if self.tel:
            self.tel.close()
            self.tel = None
        self.proc.send_signal(signal.SIGINT)
        try:
            self.output, _ = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.output, _ = self.proc.communicate()
            raise RuntimeError("sipfront did not stop within %ds:\n%s" % (timeout, self.output))
        counters = {}
        final = self.output.split("final statistics", 1)
        if len(final) == 2:
            for m in re.finditer(r"^  (\S+)\s+(\d+)$", final[1], re.M):
                counters[m.group(1)] = int(m.group(2))
        return self.proc.returncode, counters, self.output

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree("/var/run/dpdk/" + self.prefix, ignore_errors=True)
