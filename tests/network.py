"""A guard that fails any attempt to open a connection beyond this machine."""

import ipaddress
import socket

import pytest

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)):  # a Unix socket path
        return True
    host = address[0]
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class OutboundConnection(AssertionError):
    pass


@pytest.fixture
def no_outbound_network(monkeypatch):
    """Make any non-loopback connection raise, and record the attempts."""
    attempts = []

    def guarded(method):
        def connect(sock, address):
            if not _is_local(address):
                attempts.append(address)
                raise OutboundConnection(f"outbound connection attempted to {address!r}")
            return method(sock, address)

        return connect

    monkeypatch.setattr(socket.socket, "connect", guarded(_real_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(_real_connect_ex))
    return attempts
