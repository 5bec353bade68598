"""Read a Thai national ID card: select the applet, read every field (the photo if asked).

``read_card()`` is the whole job over PC/SC; ``read_fields()`` is the applet dialogue over any
:class:`~card_reader.channel.Transport`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from card_reader.apdu import SW1_MORE_DATA, SW_OK, select_thai_id
from card_reader.card import CardStatus, ThaiIdCard, parse_card
from card_reader.channel import ApduChannel
from card_reader.errors import card_error
from card_reader.layout import FIELDS, PHOTO_CHUNKS, Field, photo_commands
from card_reader.pcsc import PcscContext, ReaderInfo
from thai_civil.calendar import today_bangkok

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CardReading:
    """A card as read from one reader, and whether it was in force on the day it was read."""

    card: ThaiIdCard
    reader: str
    atr: bytes
    status: CardStatus
    checked_on: date

    @property
    def expired(self) -> bool:
        return self.status is CardStatus.EXPIRED

    def to_dict(self, *, show_pid: bool = False) -> dict[str, Any]:
        return {"reader": self.reader, "atr": self.atr.hex(" ").upper(),
                "status": self.status.value, "checked_on": self.checked_on.isoformat(),
                "card": self.card.to_dict(show_pid=show_pid, on=self.checked_on)}


def select_applet(channel: ApduChannel) -> None:
    """SELECT the Ministry of Interior applet.  It answers ``61 xx`` (or ``90 00``); its file
    control data is not needed and not fetched.  Any other answer is ``CARD_UNKNOWN``."""
    response = channel.send(select_thai_id(), "select", fetch=False)
    if response.sw != SW_OK and response.sw1 != SW1_MORE_DATA:
        raise card_error("CARD_UNKNOWN", sw=response.sw_hex())


def read_fields(channel: ApduChannel, *, photo: bool = False) -> tuple[dict[Field, bytes], bytes | None]:
    """The raw bytes of every field, and of the photo area when ``photo``."""
    select_applet(channel)
    raw: dict[Field, bytes] = {}
    for spec in FIELDS:
        response = channel.send(spec.command(), spec.field.value)
        if response.sw != SW_OK:
            raise card_error("CARD_TRANSMISSION_FAILED", step=spec.field.value, sw=response.sw_hex())
        raw[spec.field] = response.data
    if not photo:
        return raw, None
    area = b""
    for i, command in enumerate(photo_commands(), start=1):
        step = f"photo {i}/{PHOTO_CHUNKS}"
        response = channel.send(command, step)
        if response.sw != SW_OK:
            raise card_error("CARD_TRANSMISSION_FAILED", step=step, sw=response.sw_hex())
        area += response.data
    return raw, area


def list_readers() -> list[ReaderInfo]:
    """Every PC/SC reader and whether a card is in it."""
    with PcscContext() as context:
        return context.readers()


def read_card(reader: str | None = None, *, photo: bool = False, refuse_expired: bool = False,
              today: date | None = None) -> CardReading:
    """Read the card in ``reader`` (default: the first reader holding a card).

    The reading's ``status`` tells whether the card had expired on ``today`` (default: today
    in Bangkok); with ``refuse_expired`` an expired card raises ``CARD_EXPIRED`` instead.
    """
    checked_on = today or today_bangkok()
    with PcscContext() as context:
        card_handle = context.connect(reader)
        try:
            raw, photo_area = read_fields(ApduChannel(card_handle), photo=photo)
        finally:
            card_handle.disconnect()
    card = parse_card(raw, photo_area)
    log.info("read card %s in %s (ATR %s)", card.masked_pid, card_handle.reader,
             card_handle.atr.hex(" ").upper())
    if refuse_expired:
        card.require_valid(checked_on)
    return CardReading(card, card_handle.reader, card_handle.atr, card.status(checked_on), checked_on)
