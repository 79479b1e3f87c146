#!/usr/bin/env python3
"""Runs a command with its standard error on a pseudo-terminal (standard output stays a pipe, as when a
user redirects the archive) and writes everything the terminal received to our standard output.
Exit status: the command's."""
import os
import pty
import subprocess
import sys

master, slave = pty.openpty()
proc = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
os.close(slave)
received = bytearray()
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the last writer closed the terminal
        break
    if not chunk:
        break
    received += chunk
sys.stdout.buffer.write(received)
sys.exit(proc.wait())
