#!/usr/bin/python3
"""A loopback SMTP server for tests: stores every message it accepts as a file.

    /usr/bin/python3 tests/support/smtp_sink.py --port 0 --out DIR [--host 127.0.0.1]
        [--auth USER:PASSWORD] [--reject SUBSTRING]

Prints exactly one line "ready PORT" on stdout (flushed) once it is listening; with --port 0
the kernel picks a free port and PORT is the one bound. Each accepted message becomes
DIR/NNNNNN.eml (the bytes received after DATA, CRLF line ends as sent) plus DIR/NNNNNN.json
({"mail_from", "rcpt_tos", "peer", "auth_login"}); both are written to a temporary name and
renamed, so a reader polling DIR never sees half a file (the .json is renamed first, the .eml
last: wait for the .eml). --auth requires AUTH PLAIN/LOGIN with these credentials (over plain
TCP; this is a test server). --reject refuses recipients whose address contains SUBSTRING with
550. SIGTERM and SIGINT stop it cleanly (exit status 0).

Uses aiosmtpd from Debian (python3-aiosmtpd) without its Controller thread.
"""
import argparse
import asyncio
import itertools
import json
import os
import signal
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, out_dir, reject):
        self.out_dir = out_dir
        self.reject = reject
        # Continue numbering after files left by an earlier run in the same directory.
        existing = [int(n[:-4]) for n in os.listdir(out_dir) if n.endswith(".eml") and n[:-4].isdigit()]
        self.counter = itertools.count(max(existing, default=0) + 1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject and self.reject in address:
            return "550 5.1.1 Recipient rejected by test sink"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        base = os.path.join(self.out_dir, "%06d" % n)
        auth = session.auth_data
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "peer": list(session.peer) if session.peer else None,
            "auth_login": auth.login.decode("utf-8", "replace") if isinstance(auth, LoginPassword) else None,
        }
        write_atomic(base + ".json", json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        write_atomic(base + ".eml", envelope.original_content or envelope.content or b"")
        return "250 Message accepted for delivery"


def write_atomic(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.rename(tmp, path)


def make_authenticator(credentials):
    user, _, password = credentials.partition(":")

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
              and auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return authenticator


async def serve(args):
    os.makedirs(args.out, exist_ok=True)
    loop = asyncio.get_running_loop()
    sink = Sink(args.out, args.reject)
    kwargs = {"hostname": "smtp-sink.test", "data_size_limit": 32 << 20, "loop": loop}
    if args.auth:
        kwargs.update(auth_required=True, auth_require_tls=False, authenticator=make_authenticator(args.auth))
    server = await loop.create_server(lambda: SMTP(sink, **kwargs), host=args.host, port=args.port)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    port = server.sockets[0].getsockname()[1]
    print("ready %d" % port, flush=True)
    await stop.wait()
    server.close()
    await server.wait_closed()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 = pick a free port (printed)")
    p.add_argument("--out", required=True, help="directory for the received .eml/.json files")
    p.add_argument("--auth", default="", help="USER:PASSWORD to require AUTH")
    p.add_argument("--reject", default="", help="refuse recipients containing this text")
    args = p.parse_args()
    try:
        asyncio.run(serve(args))
    except OSError as e:
        print("error %s" % e, file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
