"""PC/SC through pyscard: readers, a connection to the card in one of them, raw transmit.

pyscard's low-level ``smartcard.scard`` layer is used (not its object layer) so that every PC/SC
result code can be mapped to a stable card-reader error.  Nothing here knows the Thai ID applet.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from smartcard import scard

from card_reader.errors import CardError, card_error

_U32 = 0xFFFFFFFF


def _is(hresult: int, code: int) -> bool:
    return (hresult & _U32) == (code & _U32)


def _hex(hresult: int) -> str:
    return f"0x{hresult & _U32:08X}"


def _message(hresult: int) -> str:
    return f"{scard.SCardGetErrorMessage(hresult)} ({_hex(hresult)})"


_NO_SERVICE = (scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED)
_NO_CARD = (scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD)
_CARD_GONE = (scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD)


def _service_error(hresult: int) -> CardError | None:
    if any(_is(hresult, c) for c in _NO_SERVICE):
        return card_error("CARD_SERVICE_UNAVAILABLE", pcsc_code=_hex(hresult))
    return None


@dataclass(frozen=True)
class ReaderInfo:
    """A terminal PC/SC knows, and whether a card is in it (with its ATR)."""

    name: str
    card_present: bool
    atr: bytes | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "card_present": self.card_present,
                "atr": self.atr.hex(" ").upper() if self.atr else None}


class PcscContext:
    """An established PC/SC context.  Use it as a context manager (it releases itself)."""

    def __init__(self) -> None:
        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hresult != scard.SCARD_S_SUCCESS:
            raise _service_error(hresult) or card_error(
                "CARD_SERVICE_UNAVAILABLE", pcsc_code=_hex(hresult), message_en=(
                    f"The smart-card service (PC/SC) cannot be used: {_message(hresult)}"))
        self._context: Any = context

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._context is not None:
            scard.SCardReleaseContext(self._context)
            self._context = None

    def reader_names(self) -> list[str]:
        hresult, names = scard.SCardListReaders(self._context, [])
        if _is(hresult, scard.SCARD_E_NO_READERS_AVAILABLE):
            return []
        if hresult != scard.SCARD_S_SUCCESS:
            raise _service_error(hresult) or card_error(
                "CARD_TRANSMISSION_FAILED", step="list readers", pcsc_code=_hex(hresult))
        return list(names)

    def reader_state(self, name: str, current: int = scard.SCARD_STATE_UNAWARE,
                     timeout_ms: int = 0) -> tuple[int, bytes | None] | None:
        """The reader's event state and ATR; ``None`` when nothing changed within the timeout
        (when ``current`` is given)."""
        hresult, states = scard.SCardGetStatusChange(self._context, timeout_ms, [(name, current)])
        if _is(hresult, scard.SCARD_E_TIMEOUT):
            return None
        if hresult != scard.SCARD_S_SUCCESS:
            raise _service_error(hresult) or card_error(
                "CARD_TRANSMISSION_FAILED", step="reader status", pcsc_code=_hex(hresult))
        _, state, atr = states[0]
        return int(state), (bytes(atr) if atr else None)

    def readers(self) -> list[ReaderInfo]:
        """Every reader, with whether a card is in it."""
        out = []
        for name in self.reader_names():
            state = self.reader_state(name)
            assert state is not None  # UNAWARE answers at once
            present = bool(state[0] & scard.SCARD_STATE_PRESENT)
            out.append(ReaderInfo(name, present, state[1] if present else None))
        return out

    def wait_until_empty(self, name: str, within_s: float) -> bool:
        """Whether the reader reports no card, waiting up to ``within_s`` for it to say so.

        Some readers (and vpcd) notice a removal only at their next presence poll, a fraction
        of a second after a transmit failed."""
        deadline = time.monotonic() + within_s
        state = self.reader_state(name)
        while state is not None:
            flags = state[0]
            if flags & scard.SCARD_STATE_EMPTY or not flags & scard.SCARD_STATE_PRESENT:
                return True
            remaining_ms = int((deadline - time.monotonic()) * 1000)
            if remaining_ms <= 0:
                return False
            state = self.reader_state(name, flags, remaining_ms)
        return False

    def connect(self, reader: str | None = None) -> PcscCard:
        """Connect (shared, T=0 or T=1) to the card in ``reader``, or in the first reader that
        has one."""
        names = self.reader_names()
        if not names:
            raise card_error("CARD_NO_READER")
        if reader is not None:
            if reader not in names:
                raise card_error("CARD_READER_NOT_FOUND", reader=reader, readers=names)
            chosen = reader
        else:
            with_card = [r.name for r in self.readers() if r.card_present]
            if not with_card:
                raise card_error("CARD_ABSENT", readers=names)
            chosen = with_card[0]
        hresult, handle, protocol = scard.SCardConnect(
            self._context, chosen, scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
        if hresult != scard.SCARD_S_SUCCESS:
            if any(_is(hresult, c) for c in _NO_CARD):
                raise card_error("CARD_ABSENT", reader=chosen)
            if _is(hresult, scard.SCARD_E_SHARING_VIOLATION):
                raise card_error("CARD_READER_BUSY", reader=chosen)
            if _is(hresult, scard.SCARD_E_UNKNOWN_READER):
                raise card_error("CARD_READER_NOT_FOUND", reader=chosen, readers=names)
            if _is(hresult, scard.SCARD_W_UNRESPONSIVE_CARD) or _is(hresult, scard.SCARD_W_UNPOWERED_CARD):
                raise card_error("CARD_UNKNOWN", reader=chosen, pcsc_code=_hex(hresult))
            raise _service_error(hresult) or card_error(
                "CARD_TRANSMISSION_FAILED", step="connect", reader=chosen, pcsc_code=_hex(hresult))
        return PcscCard(self, chosen, handle, protocol)


class PcscCard:
    """A connection to the card in one reader: its ATR and raw APDU exchange."""

    def __init__(self, context: PcscContext, reader: str, handle: Any, protocol: int):
        self.context = context
        self.reader = reader
        self._handle: Any = handle
        self._protocol = protocol
        self.atr = self._status_atr()

    def _status_atr(self) -> bytes:
        hresult, _reader, _state, _protocol, atr = scard.SCardStatus(self._handle)
        if hresult != scard.SCARD_S_SUCCESS:
            raise self._failure("status", hresult)
        return bytes(atr)

    def transmit(self, apdu: bytes, step: str) -> bytes:
        """Send one command APDU, return the raw response (data + SW1 SW2).

        A failed exchange is ``CARD_REMOVED`` if the card has left the reader (PC/SC says so at
        once, or the reader reports it empty within a moment), else ``CARD_TRANSMISSION_FAILED``.
        """
        hresult, response = scard.SCardTransmit(self._handle, self._protocol, list(apdu))
        if hresult != scard.SCARD_S_SUCCESS or len(response) < 2:
            raise self._failure(step, hresult)
        return bytes(response)

    def _failure(self, step: str, hresult: int) -> CardError:
        gone = any(_is(hresult, c) for c in _CARD_GONE)
        if not gone:
            service = _service_error(hresult)
            if service is not None:
                return service
            gone = self.context.wait_until_empty(self.reader, within_s=2.0)
        if gone:
            return card_error("CARD_REMOVED", reader=self.reader, step=step)
        return card_error("CARD_TRANSMISSION_FAILED", reader=self.reader, step=step,
                          pcsc_code=_hex(hresult))

    def disconnect(self) -> None:
        if self._handle is not None:
            scard.SCardDisconnect(self._handle, scard.SCARD_LEAVE_CARD)
            self._handle = None
