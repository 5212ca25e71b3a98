"""One Studio window per user and display: files opened again go to the window already running there."""
from __future__ import annotations

import getpass
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket


def display_key(env: dict | None = None, platform: str | None = None) -> str:
    """The desktop session a window lives on: two displays of one user are two sessions.

    X11 and Wayland name theirs in the environment; the Qt platform plugin
    (offscreen, a VNC server) counts too, so a headless window never takes files
    meant for a visible one.
    """
    env = os.environ if env is None else env
    parts = [platform or env.get("QT_QPA_PLATFORM", "") or "default",
             env.get("WAYLAND_DISPLAY", ""), env.get("DISPLAY", "")]
    if sys.platform == "win32":
        parts.append(env.get("SESSIONNAME", ""))
    raw = "|".join(parts)
    return hashlib.sha1(raw.encode()).hexdigest()[:10]


def server_name(env: dict | None = None, platform: str | None = None) -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some sandboxes; one shared name is still correct
        user = "user"
    return f"studio-{user}-{display_key(env, platform)}"


def forward(paths: list[Path], name: str | None = None, timeout_ms: int = 500) -> bool:
    """Hand ``paths`` to a running Studio; False when none is running."""
    sock = QLocalSocket()
    sock.connectToServer(name or server_name())
    if not sock.waitForConnected(timeout_ms):
        return False
    sock.write(json.dumps([str(p.resolve()) for p in paths]).encode("utf-8") + b"\n")
    sock.flush()
    sock.waitForBytesWritten(timeout_ms)
    sock.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for paths from later launches and passes them to ``on_paths``."""

    def __init__(self, on_paths: Callable[[list[Path]], None], name: str | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._on_paths = on_paths
        self._server = QLocalServer(self)
        self.name = name or server_name()
        if not self._server.listen(self.name):
            # A previous crash can leave a stale socket file behind on Unix.
            QLocalServer.removeServer(self.name)
            self._server.listen(self.name)
        self._server.newConnection.connect(self._accept)

    def is_listening(self) -> bool:
        return self._server.isListening()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            buffer = bytearray()
            sock.readyRead.connect(lambda s=sock, b=buffer: self._read(s, b))
            sock.disconnected.connect(sock.deleteLater)

    def _read(self, sock: QLocalSocket, buffer: bytearray) -> None:
        buffer += bytes(sock.readAll())
        while b"\n" in buffer:
            line, _, rest = bytes(buffer).partition(b"\n")
            buffer[:] = rest
            try:
                paths = [Path(p) for p in json.loads(line.decode("utf-8"))]
            except (ValueError, TypeError, UnicodeDecodeError):
                continue
            self._on_paths(paths)
