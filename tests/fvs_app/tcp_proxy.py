"""A small TCP proxy between the app and the server that the test can cut and restore.

``cut_next_response(marker)``: the next request whose request line starts with ``marker`` reaches
the server (which does its work), but its answer is thrown away, the app's connection is reset and
the proxy stops listening — as when the network drops while the server is answering.
``start()`` listens again on the same port.
"""
from __future__ import annotations

import socket
import struct
import threading


class TcpProxy:
    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()
        self._cut_marker: bytes | None = None
        self._connections: set[socket.socket] = set()
        self.port = 0
        self.cuts = 0
        self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def listening(self) -> bool:
        return self._listener is not None

    def start(self) -> None:
        with self._lock:
            if self._listener is not None:
                return
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(16)
            self.port = listener.getsockname()[1]
            self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Refuse new connections and reset the open ones (the network is down)."""
        with self._lock:
            listener, self._listener = self._listener, None
            connections, self._connections = set(self._connections), set()
        if listener is not None:
            try:  # wakes the thread blocked in accept(); close() alone leaves the port listening
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()
        for sock in connections:
            _reset(sock)

    def cut_next_response(self, marker: bytes) -> None:
        with self._lock:
            self._cut_marker = marker

    def close(self) -> None:
        self.stop()

    # --- internals ----------------------------------------------------------------------------
    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=10)
            except OSError:
                _reset(client)
                continue
            server.settimeout(None)
            with self._lock:
                self._connections.update((client, server))
            state = {"cut": False}
            threading.Thread(target=self._up, args=(client, server, state), daemon=True).start()
            threading.Thread(target=self._down, args=(server, client, state), daemon=True).start()

    def _up(self, client: socket.socket, server: socket.socket, state: dict[str, bool]) -> None:
        try:
            while data := client.recv(65536):
                with self._lock:
                    if self._cut_marker is not None and data.startswith(self._cut_marker):
                        state["cut"], self._cut_marker = True, None
                server.sendall(data)
        except OSError:
            pass
        finally:
            _shutdown(server)

    def _down(self, server: socket.socket, client: socket.socket, state: dict[str, bool]) -> None:
        try:
            while data := server.recv(65536):
                if state["cut"]:
                    self.cuts += 1
                    self.stop()
                    _reset(client)
                    _reset(server)
                    return
                client.sendall(data)
        except OSError:
            pass
        finally:
            _shutdown(client)


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def _reset(sock: socket.socket) -> None:
    """Close with RST, as a dropped network looks to the other side (and wake its reader thread)."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
