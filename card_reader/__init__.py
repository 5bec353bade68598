"""Reading the Thai national ID card over PC/SC (pyscard): APDUs, parsing, the reader.

This package imports neither the server nor FastAPI nor pydantic; only pyscard, the standard
library, ``fvs_errors`` and the Thai civil helpers (``thai_civil.pid``/``thai_calendar``).

    from card_reader import read_card
    reading = read_card(photo=True)      # the first reader holding a card
    reading.card.name_th.full, reading.status
"""
from card_reader.card import CardStatus, Sex, ThaiIdCard, parse_card
from card_reader.dates import CardDate, DatePrecision, parse_card_date
from card_reader.errors import CATALOGUE, CardError
from card_reader.pcsc import ReaderInfo
from card_reader.reader import CardReading, list_readers, read_card
from card_reader.text import Address, PersonName

__all__ = [
    "CATALOGUE", "Address", "CardDate", "CardError", "CardReading", "CardStatus", "DatePrecision",
    "PersonName", "ReaderInfo", "Sex", "ThaiIdCard", "list_readers", "parse_card",
    "parse_card_date", "read_card",
]
