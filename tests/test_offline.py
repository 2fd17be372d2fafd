"""The test setup blocks every non-loopback connection, so a hidden download fails loudly."""

from __future__ import annotations

import socket
import threading

import pytest
from pytest_socket import SocketConnectBlockedError


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_outside_connections_are_blocked() -> None:
    # A raw connect to a host name is checked before any lookup, so nothing leaves the machine;
    # pypi.org is the one outside host a broken guard could reach, and it is allowed traffic.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(SocketConnectBlockedError):
            sock.connect(("pypi.org", 443))
    finally:
        sock.close()


def test_loopback_is_allowed() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    accepted: list[bytes] = []

    def accept() -> None:
        conn, _ = server.accept()
        with conn:
            accepted.append(conn.recv(5))

    thread = threading.Thread(target=accept)
    thread.start()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
        client.sendall(b"hello")
    thread.join(timeout=5)
    server.close()
    assert accepted == [b"hello"]


def test_the_engine_needs_no_network() -> None:
    import mendkit

    assert mendkit.check("Thank you for hearing me out.").labels == ("reconnect",)
