"""Runs moto's server for one JVM and dies with it.

The JVM keeps this process's stdin open; when the JVM exits, even killed, the pipe closes, the read below
returns, and the server stops. So a test run never leaves a moto server behind.

Requests are handled one at a time: moto checks a ConditionExpression and then writes without a lock, so two
concurrent conditional writes could both succeed, which real DynamoDB never allows. Leases and claims rely on
that atomicity, so the local stack must have it too. Connections are still accepted on threads, so an idle
keep-alive connection never blocks the others.
"""
import os
import sys
import threading

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

app = DomainDispatcherApplication(create_backend_app)
lock = threading.Lock()


def one_at_a_time(environ, start_response):
    with lock:
        return list(app(environ, start_response))


server = make_server("127.0.0.1", int(sys.argv[1]), one_at_a_time, threaded=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
print("READY", flush=True)
try:
    sys.stdin.read()
finally:
    os._exit(0)
