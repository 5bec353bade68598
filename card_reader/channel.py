"""APDU exchange over T=0: follow ``61 xx`` with GET RESPONSE and ``6C xx`` with a repeat.

PC/SC on Linux and macOS hands a T=0 card's ``61 xx`` straight to the application (Windows
sometimes fetches the data itself); :class:`ApduChannel` fetches it either way, with the
GET RESPONSE variant the card's ATR calls for.
"""
from __future__ import annotations

from typing import Protocol

from card_reader.apdu import (
    SW1_MORE_DATA,
    SW1_WRONG_LE,
    CommandApdu,
    ResponseApdu,
    get_response,
    get_response_p2,
)
from card_reader.errors import card_error

_MAX_GET_RESPONSES = 16


class Transport(Protocol):
    """Raw APDU exchange with one card (``PcscCard`` is one)."""

    atr: bytes

    def transmit(self, apdu: bytes, step: str) -> bytes: ...


class ApduChannel:
    def __init__(self, transport: Transport):
        self.transport = transport
        self.get_response_p2 = get_response_p2(transport.atr)

    def send(self, command: CommandApdu, step: str, *, fetch: bool = True) -> ResponseApdu:
        """The card's final answer to ``command``: the data of every ``61 xx`` collected with
        GET RESPONSE, the status word of the last exchange.  With ``fetch=False`` a ``61 xx``
        is returned as it is (the data is not wanted)."""
        response = self._exchange(command, step)
        if response.sw1 == SW1_WRONG_LE and command.le is not None:
            response = self._exchange(command.with_le(response.sw2), step)
        if not fetch:
            return response
        data = response.data
        for _ in range(_MAX_GET_RESPONSES):
            if response.sw1 != SW1_MORE_DATA:
                return ResponseApdu(data, response.sw1, response.sw2)
            more = get_response(response.sw2, self.get_response_p2)
            response = self._exchange(more, step)
            if response.sw1 == SW1_WRONG_LE:
                response = self._exchange(more.with_le(response.sw2), step)
            data += response.data
        raise card_error("CARD_TRANSMISSION_FAILED", step=step,
                         message_en=f"Reading the card failed ({step}): endless 61xx chain")

    def _exchange(self, command: CommandApdu, step: str) -> ResponseApdu:
        return ResponseApdu.from_bytes(self.transport.transmit(command.to_bytes(), step))
