"""Runs moto's server for one JVM and dies with it.

The JVM keeps this process's stdin open; when the JVM exits, even killed, the pipe closes, the read below
returns, and the server stops. So a test run never leaves a moto server behind.
"""
import os
import sys

from moto.server import ThreadedMotoServer

server = ThreadedMotoServer(ip_address="127.0.0.1", port=int(sys.argv[1]), verbose=False)
server.start()
print("READY", flush=True)
try:
    sys.stdin.read()
finally:
    os._exit(0)
