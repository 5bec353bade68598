"""A virtual Thai national ID card for the tests: a ``virtualsmartcard`` card OS behind ``vpcd``.

Runs under Debian's ``/usr/bin/python3`` (where ``python3-virtualsmartcard`` lives), never under
the project's venv, and imports nothing from the project.  It connects to the ``vpcd`` reader
driver loaded by ``pcscd`` (TCP 35963 for ``Virtual PCD 00 00``) exactly like Debian's ``vicc``,
so to every PC/SC client the card looks inserted until this process ends.

The card holds one memory image (``--image``, written by the tests, see ``card_image.py``) and
answers like the Thai ID applet:

* ``00 A4 04 00 08 A0 00 00 00 54 48 00 01`` (SELECT the MOI applet) → ``61 0A``, or the
  ``--select-sw`` status (``6A82``: an unknown card);
* ``80 B0 P1 P2 02 00 Le`` (read ``Le`` bytes at ``P1P2``) → ``61 Le``: the data waits for …
* ``00 C0 00 P2 Le`` (GET RESPONSE) → the data and ``90 00``.  ``P2`` must be ``01`` when the
  ATR starts ``3B 67`` and ``00`` otherwise (``6A 86`` if not); a wrong ``Le`` gets ``6C xx``.

``--announce-255`` announces ``61 FF`` for every read whatever its length, so the reader's
GET RESPONSE asks too much and must repeat it with the ``6C xx`` length.

``--vanish-at N`` ends the process abruptly when photo chunk ``N`` (0-based) is asked for: the
socket closes and ``vpcd`` reports the card removed in the middle of a read.
"""
from __future__ import annotations

import argparse
import hashlib
import logging
import os
import socket
import sys
import types

# Debian bookworm installs the module one level too deep for sys.path (its own ``vicc`` fails
# with "No module named 'virtualsmartcard'").
DEBIAN_MODULE_DIR = "/usr/lib/python3/site-packages/virtualsmartcard"
if os.path.isdir(DEBIAN_MODULE_DIR) and DEBIAN_MODULE_DIR not in sys.path:
    sys.path.insert(0, DEBIAN_MODULE_DIR)


def _sha_fallback() -> None:
    """``virtualsmartcard.CryptoUtils`` imports PyCrypto's ``Crypto`` and, failing that, the
    Python 2 module ``sha``.  Neither exists on Debian 12 (``python3-pycryptodome`` is named
    ``Cryptodome``), and this card uses no cryptography: give the fallback a ``sha`` to import."""
    try:
        import Crypto.Cipher  # noqa: F401
    except ImportError:
        sha = types.ModuleType("sha")
        sha.new = hashlib.sha1  # type: ignore[attr-defined]
        sys.modules.setdefault("sha", sha)


_sha_fallback()
from virtualsmartcard.VirtualSmartcard import SmartcardOS, VirtualICC

AID = bytes.fromhex("A000000054480001")
SELECT_HEADER = bytes.fromhex("00A4040008")
PHOTO_START = 0x017B
PHOTO_CHUNK = 0xFF
PHOTO_END = PHOTO_START + 20 * PHOTO_CHUNK  # the address (15 79) lies beyond the photo area
SELECT_ANSWER = bytes.fromhex("6F088406A00000005448")  # 10 bytes of FCI after SELECT (unused)


def sw(word: int) -> bytes:
    return bytes([word >> 8, word & 0xFF])


class ThaiIdCardOS(SmartcardOS):
    """The applet: SELECT, READ (``80 B0``) with ``61xx``, GET RESPONSE."""

    def __init__(self, atr: bytes, image: bytes, select_sw: int | None, vanish_at: int | None,
                 announce_255: bool = False):
        self.atr = atr
        self.announce_255 = announce_255
        self.image = image
        self.select_sw = select_sw
        self.vanish_at = vanish_at
        self.get_response_p2 = 0x01 if atr[:2] == b"\x3b\x67" else 0x00
        self.selected = False
        self.pending: bytes | None = None

    def getATR(self) -> bytes:
        return self.atr

    def powerUp(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.selected = False
        self.pending = None

    def execute(self, msg: bytes) -> bytes:
        if len(msg) < 4:
            return sw(0x6700)
        cla, ins, p1, p2 = msg[:4]
        if (cla, ins) == (0x00, 0xA4):
            return self._select(msg)
        if (cla, ins) == (0x80, 0xB0):
            return self._read(p1, p2, msg[4:])
        if (cla, ins) == (0x00, 0xC0):
            return self._get_response(p1, p2, msg[4:])
        self.pending = None
        return sw(0x6D00) if cla in (0x00, 0x80) else sw(0x6E00)

    def _select(self, msg: bytes) -> bytes:
        self.pending = None
        if msg[:5] != SELECT_HEADER or msg[5:13] != AID:
            return sw(0x6A82)
        if self.select_sw is not None:
            return sw(self.select_sw)
        self.selected = True
        self.pending = SELECT_ANSWER
        return bytes([0x61, len(SELECT_ANSWER)])

    def _read(self, p1: int, p2: int, body: bytes) -> bytes:
        self.pending = None
        if not self.selected:
            return sw(0x6986)  # command not allowed: no applet selected
        if len(body) != 3 or body[0] != 0x02 or body[1] != 0x00:
            return sw(0x6700)
        offset, length = (p1 << 8) | p2, body[2] or 256
        if self.vanish_at is not None and PHOTO_START <= offset < PHOTO_END:
            chunk = (offset - PHOTO_START) // PHOTO_CHUNK
            if chunk >= self.vanish_at:
                sys.stdout.write("VANISHED\n")
                sys.stdout.flush()
                os._exit(0)  # the card leaves the reader: no answer, socket closed
        if offset + length > len(self.image):
            return sw(0x6B00)  # wrong P1P2: outside the file
        self.pending = self.image[offset:offset + length]
        return bytes([0x61, 0xFF if self.announce_255 else length & 0xFF])

    def _get_response(self, p1: int, p2: int, body: bytes) -> bytes:
        if self.pending is None:
            return sw(0x6985)  # conditions of use not satisfied: nothing to give
        if p1 != 0x00 or p2 != self.get_response_p2:
            self.pending = None
            return sw(0x6A86)  # incorrect P1-P2 for this card type
        le = body[0] if len(body) == 1 else -1
        if le == -1:
            self.pending = None
            return sw(0x6700)
        if (le or 256) != len(self.pending):
            return bytes([0x6C, len(self.pending) & 0xFF])
        data, self.pending = self.pending, None
        return data + sw(0x9000)


class ThaiIdICC(VirtualICC):
    """``VirtualICC`` with the Thai ID card OS instead of one of the library's card types (its
    own ``__init__`` builds a file-system card we do not need); ``run`` is the library's loop."""

    def __init__(self, card_os: SmartcardOS, host: str, port: int):  # the library's __init__ is not wanted
        self.os = card_os
        self.type = "thai-id"
        self.host = host
        self.port = port
        self.server_sock = None
        self.sock = self.connectToPort(host, port)
        self.sock.settimeout(None)

    def _VirtualICC__recvFromVPICC(self) -> tuple[int, bytes | None]:  # the library's private reader
        """vpcd writes the length and the APDU separately; acknowledging at once (instead of
        Linux's 40 ms delayed ACK, which stalls vpcd's Nagle-held second write) makes each
        exchange take well under a millisecond instead of 48 ms."""
        if hasattr(socket, "TCP_QUICKACK"):
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        return VirtualICC._VirtualICC__recvFromVPICC(self)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that virtualsmartcard imports")
    ap.add_argument("--image", help="the card's memory image (binary file)")
    ap.add_argument("--atr", help="ATR in hex")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=35963, help="vpcd port (35963: Virtual PCD 00 00)")
    ap.add_argument("--select-sw", help="status word SELECT answers instead of 61 0A (e.g. 6A82)")
    ap.add_argument("--vanish-at", type=int, help="exit when photo chunk N (0-based) is read")
    ap.add_argument("--announce-255", action="store_true", help="answer every read with 61 FF")
    args = ap.parse_args(argv)
    if args.check:
        sys.stdout.write(f"OK {VirtualICC.__module__}\n")
        return 0
    if not args.image or not args.atr:
        ap.error("--image and --atr are required")
    logging.basicConfig(level=logging.WARNING, format="emulator: %(levelname)s %(message)s")
    with open(args.image, "rb") as f:
        image = f.read()
    card_os = ThaiIdCardOS(bytes.fromhex(args.atr), image,
                           int(args.select_sw, 16) if args.select_sw else None, args.vanish_at,
                           args.announce_255)
    try:
        icc = ThaiIdICC(card_os, args.host, args.port)
    except OSError as exc:
        sys.stdout.write(f"NO-VPCD {exc}\n")
        return 3
    sys.stdout.write("CONNECTED\n")
    sys.stdout.flush()
    try:
        icc.run()  # returns through sys.exit() when vpcd closes the connection
    finally:
        icc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
