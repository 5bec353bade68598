"""The virtual-card rig: the real ``pcscd`` with the ``vpcd`` driver, and our card emulator.

``insert_card(...)`` starts ``thai_card_emulator.py`` under ``/usr/bin/python3`` (where Debian's
``python3-virtualsmartcard`` is), waits until PC/SC shows that card (its ATR) in
``Virtual PCD 00 00``, and at the end stops it and waits until the reader is empty again.
Without ``pcscd``, the ``vpcd`` reader or the emulator's library the tests fail (not skip): run
``.ci/install-smartcard.sh``.
"""
from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from smartcard import scard

from tests.card_reader.card_image import ATR_3B68, CardContents, build_image, make_card_photo
from tests.conftest import SHARED

HERE = Path(__file__).resolve().parent
EMULATOR = HERE / "thai_card_emulator.py"
SYSTEM_PYTHON = "/usr/bin/python3"
READER = "Virtual PCD 00 00"  # vpcd's first slot, TCP 35963
VPCD_PORT = 35963
INSTALL_HINT = ("run .ci/install-smartcard.sh (installs pcscd, vsmartcard-vpcd and "
                "python3-virtualsmartcard, and starts pcscd)")
PHOTO_SOURCE = SHARED / "faces" / "people" / "biden" / "biden1.jpg"
WAIT_S = 15.0


def _state(context: object, current: int = scard.SCARD_STATE_UNAWARE,
           timeout_ms: int = 0) -> tuple[int, bytes]:
    hresult, states = scard.SCardGetStatusChange(context, timeout_ms, [(READER, current)])
    if (hresult & 0xFFFFFFFF) == (scard.SCARD_E_TIMEOUT & 0xFFFFFFFF):
        return current, b""
    assert hresult == scard.SCARD_S_SUCCESS, scard.SCardGetErrorMessage(hresult)
    return int(states[0][1]), bytes(states[0][2] or b"")


def _wait_reader(context: object, *, present: bool, atr: bytes | None = None,
                 within_s: float = WAIT_S) -> bool:
    """Wait until the reader shows a card (with ``atr``) or shows none."""
    deadline = time.monotonic() + within_s
    flags, seen = _state(context)
    while True:
        has_card = bool(flags & scard.SCARD_STATE_PRESENT)
        if has_card == present and (not present or atr is None or seen == atr):
            return True
        remaining = int((deadline - time.monotonic()) * 1000)
        if remaining <= 0:
            return False
        flags, seen = _state(context, flags, min(remaining, 1000))


@pytest.fixture(scope="session")
def pcsc_context() -> Iterator[object]:
    """A PC/SC context for the rig's own waiting; fails with the install hint when the rig is
    missing."""
    if not Path(SYSTEM_PYTHON).exists():
        pytest.fail(f"{SYSTEM_PYTHON} is missing: {INSTALL_HINT}")
    check = subprocess.run([SYSTEM_PYTHON, str(EMULATOR), "--check"], capture_output=True, text=True,
                           timeout=60, check=False)
    if check.returncode != 0:
        pytest.fail(f"the card emulator cannot import virtualsmartcard ({check.stderr.strip()[-300:]}): "
                    f"{INSTALL_HINT}")
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        pytest.fail(f"pcscd is not reachable ({scard.SCardGetErrorMessage(hresult)}): {INSTALL_HINT}")
    hresult, readers = scard.SCardListReaders(context, [])
    if READER not in (readers or []):
        pytest.fail(f"pcscd has no reader {READER!r} (found {readers}); the vpcd driver is not loaded: "
                    f"{INSTALL_HINT}")
    if not _wait_reader(context, present=False, within_s=5):
        pytest.fail(f"{READER} already holds a card: a leftover emulator is connected to port {VPCD_PORT}")
    yield context
    scard.SCardReleaseContext(context)


@pytest.fixture(scope="session")
def card_photo() -> bytes:
    """A small JPEG made at test time from a shared face photo (none is committed)."""
    assert PHOTO_SOURCE.is_file(), f"missing {PHOTO_SOURCE} (shared/ must sit beside the checkout)"
    photo = make_card_photo(PHOTO_SOURCE)
    assert photo[:2] == b"\xff\xd8" and 3 * 255 < len(photo) <= 20 * 255
    return photo


@pytest.fixture
def contents(card_photo: bytes) -> CardContents:
    return CardContents(photo=card_photo)


@dataclass
class VirtualCard:
    process: subprocess.Popen[str]
    contents: CardContents
    atr: bytes
    image: bytes

    def exited(self, within_s: float = 5.0) -> int | None:
        try:
            return self.process.wait(within_s)
        except subprocess.TimeoutExpired:
            return None


InsertCard = Callable[..., VirtualCard]


@pytest.fixture
def insert_card(pcsc_context: object, tmp_path: Path) -> Iterator[InsertCard]:
    """``insert_card(contents, atr=..., select_sw=..., vanish_at=..., announce_255=...)``: a card in
    ``READER`` until the test ends (or the card "leaves" by itself with ``vanish_at``)."""
    started: list[VirtualCard] = []

    def insert(contents: CardContents, *, atr: bytes = ATR_3B68, select_sw: str | None = None,
               vanish_at: int | None = None, announce_255: bool = False) -> VirtualCard:
        assert _wait_reader(pcsc_context, present=False), f"{READER} still holds a card"
        image = build_image(contents)
        image_file = tmp_path / f"card{len(started)}.bin"
        image_file.write_bytes(image)
        cmd = [SYSTEM_PYTHON, str(EMULATOR), "--image", str(image_file), "--atr", atr.hex(),
               "--port", str(VPCD_PORT)]
        if select_sw:
            cmd += ["--select-sw", select_sw]
        if vanish_at is not None:
            cmd += ["--vanish-at", str(vanish_at)]
        if announce_255:
            cmd.append("--announce-255")
        errors = tmp_path / f"card{len(started)}.stderr"
        with errors.open("w") as err:
            process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True)
        card = VirtualCard(process, contents, atr, image)
        started.append(card)
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], WAIT_S)
        first = process.stdout.readline().strip() if ready else ""
        if first != "CONNECTED":
            process.kill()
            process.wait(5)
            pytest.fail(f"the emulator did not connect to vpcd ({first or errors.read_text()[-300:]}): "
                        f"{INSTALL_HINT}")
        if not _wait_reader(pcsc_context, present=True, atr=atr):
            pytest.fail(f"PC/SC did not show the virtual card in {READER} within {WAIT_S:.0f} s")
        return card

    yield insert
    for card in started:
        if card.process.poll() is None:
            card.process.terminate()
            try:
                card.process.wait(10)
            except subprocess.TimeoutExpired:
                card.process.kill()
                card.process.wait(5)
        if card.process.stdout is not None:
            card.process.stdout.close()
    assert _wait_reader(pcsc_context, present=False), f"{READER} did not become empty after the test"


@pytest.fixture
def empty_pcscd(tmp_path: Path) -> Iterator[str]:
    """A second, private ``pcscd`` with no reader at all, in its own mount namespace (so its
    ``/run/pcscd`` is a temporary folder and the system's pcscd is untouched).  Yields the
    socket path for ``PCSCLITE_CSOCK_NAME``."""
    for tool in ("unshare", "pcscd"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: {INSTALL_HINT}")
    run_dir, conf_dir = tmp_path / "run", tmp_path / "reader.conf.d"
    run_dir.mkdir()
    conf_dir.mkdir()
    log = (tmp_path / "pcscd.log").open("w")
    process = subprocess.Popen(
        ["unshare", "--mount", "sh", "-c",
         f'mount --bind "{run_dir}" /run/pcscd && exec pcscd --foreground -c "{conf_dir}"'],
        stdout=log, stderr=subprocess.STDOUT)
    socket = run_dir / "pcscd.comm"
    deadline = time.monotonic() + WAIT_S
    while not socket.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    if not socket.exists():
        process.kill()
        process.wait(5)
        log.close()
        pytest.fail(f"a private pcscd did not start: {(tmp_path / 'pcscd.log').read_text()[-500:]}")
    yield str(socket)
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
    log.close()


def run_cli(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """``fvs card ARGS`` in a fresh Python process (for PC/SC settings read once per process,
    such as ``PCSCLITE_CSOCK_NAME``)."""
    code = "import sys; from server.cli.card import app; app(sys.argv[1:], prog_name='fvs card')"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env}, cwd=HERE.parent.parent, check=False)
