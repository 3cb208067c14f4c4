"""A real SMTP server on loopback (aiosmtpd) for the email tests."""

import email
import socket
from email import policy

from aiosmtpd.controller import Controller


class Mailbox:
    """Accepts mail for every address except those it is told to refuse (permanently with 550,
    or for now with 451), and keeps what it received."""

    def __init__(self):
        self.received = []  # (recipient, parsed message)
        self.refuse = {}  # address -> SMTP reply
        self.conversations = 0  # SMTP greetings (HELO/EHLO) seen: one per connection

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        self.conversations += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        for recipient in envelope.rcpt_tos:
            self.received.append((recipient, message))
        return "250 Message accepted"

    def to(self, address: str) -> list:
        return [m for r, m in self.received if r == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_smtp_server(mailbox: Mailbox) -> Controller:
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller
