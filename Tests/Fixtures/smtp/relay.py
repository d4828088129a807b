"""A real SMTP relay for the SMTP notifier tests (aiosmtpd on 127.0.0.1).

Usage: relay.py PORT MAILDIR [USER PASSWORD]
Every accepted message is written to MAILDIR/<n>.eml (raw DATA content plus envelope lines).
With USER and PASSWORD, AUTH PLAIN is offered and required (over plain TCP, test only).
Prints "ready" on stdout once listening.
"""
import os
import signal
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Store:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = os.path.join(self.directory, "%d.eml" % self.count)
        with open(path + ".tmp", "wb") as out:
            out.write(("X-Envelope-From: %s\r\n" % envelope.mail_from).encode())
            out.write(("X-Envelope-To: %s\r\n" % ",".join(envelope.rcpt_tos)).encode())
            out.write(envelope.original_content)
        os.rename(path + ".tmp", path)
        return "250 Message accepted for delivery"


def main():
    # The test process may start us with SIGTERM blocked (signal masks are inherited): unblock it
    # so Process.terminate() stops the relay.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    port, directory = int(sys.argv[1]), sys.argv[2]
    kwargs = {}
    if len(sys.argv) > 4:
        user, password = sys.argv[3].encode(), sys.argv[4].encode()

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login == user and auth_data.password == password
            return AuthResult(success=ok, handled=False)

        kwargs = dict(authenticator=authenticate, auth_required=True, auth_require_tls=False)
    controller = Controller(Store(directory), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
