"""CSV plumbing shared by the unit and staff imports: reading, cell parsing, the error report.

Imports validate the whole file first; if any row is wrong nothing is written and
:class:`CsvImportError` carries one :class:`RowError` per wrong row.  Rows are numbered like a
spreadsheet: the header is row 1, the first data row is row 2.  UTF-8 with or without a BOM is
accepted; exports are written with a BOM so Excel shows Thai text correctly.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import TypeVar

from oss_registry.errors import RegistryError, invalid
from thai_civil.calendar import InvalidThaiDate, format_be_date, parse_be_date

T = TypeVar("T")
FIRST_DATA_ROW = 2

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` with stage ``"validate"`` then ``"write"``."""


@dataclass(frozen=True)
class RowError:
    """Why one row of an imported file was refused."""

    row: int
    column: str
    code: str
    message_th: str
    message_en: str

    @classmethod
    def of(cls, row: int, exc: RegistryError) -> RowError:
        return cls(row, str(exc.details.get("field", "")), exc.code, exc.message_th, exc.message_en)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class CsvImportError(RegistryError):
    """The file was refused as a whole; ``errors`` lists every wrong row."""

    def __init__(self, errors: Sequence[RowError]):
        self.errors = list(errors)
        super().__init__("CSV_INVALID", count=len(self.errors), errors=[e.as_dict() for e in self.errors])


def read_csv(data: bytes | str, required: Iterable[str]) -> list[dict[str, str]]:
    """Rows as ``{column: stripped text}``.

    A file that is not UTF-8 CSV, or lacks a required column, is refused as row 1.
    """
    def refuse(field: str, reason_th: str, reason_en: str) -> CsvImportError:
        return CsvImportError([RowError.of(1, invalid("INVALID_VALUE", field, reason_th, reason_en))])

    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix("\ufeff")
        reader = csv.DictReader(io.StringIO(text))
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in required if c not in header]
        if missing:
            raise refuse(",".join(missing), "ไม่มีคอลัมน์ที่จำเป็น", "required column missing")
        reader.fieldnames = header
        return [{k: (v or "").strip() for k, v in row.items() if isinstance(k, str)} for row in reader]
    except UnicodeDecodeError:
        raise refuse("", "ไฟล์ไม่ได้เข้ารหัสแบบ UTF-8 (บันทึกจาก Excel เป็น CSV UTF-8)",
                     "the file is not UTF-8 text (save it from Excel as CSV UTF-8)") from None
    except csv.Error as exc:
        raise refuse("", f"ไม่ใช่ไฟล์ CSV ที่ถูกต้อง ({exc})", f"not a valid CSV file ({exc})") from None


def validate_all(rows: Sequence[dict[str, str]], check: Callable[[dict[str, str]], T],
                 key: Callable[[T], object], progress: Progress | None = None) -> list[T]:
    """``check`` every row (it raises :class:`RegistryError`), refuse duplicate ``key``s.

    Returns the checked rows, or raises :class:`CsvImportError` listing every refused row.
    """
    out: list[T] = []
    errors: list[RowError] = []
    seen: dict[object, int] = {}
    for number, row in enumerate(rows, FIRST_DATA_ROW):
        try:
            item = check(row)
            first = seen.setdefault(key(item), number)
            if first != number:
                raise RegistryError("DUPLICATE_IN_FILE", first_row=first, field="")
            out.append(item)
        except RegistryError as exc:
            errors.append(RowError.of(number, exc))
        if progress:
            progress("validate", number - 1, len(rows))
    if errors:
        raise CsvImportError(errors)
    return out


def write_all(items: Sequence[T], write: Callable[[T], object], progress: Progress | None = None) -> list:
    """``write`` each validated item, reporting progress; returns what ``write`` returned."""
    out = []
    for done, item in enumerate(items, 1):
        out.append(write(item))
        if progress:
            progress("write", done, len(items))
    return out


def cell_float(row: dict[str, str], column: str) -> float | None:
    value = row.get(column, "")
    try:
        return float(value) if value else None
    except ValueError:
        raise invalid("INVALID_VALUE", column, f"{value!r} ไม่ใช่ตัวเลข", f"{value!r} is not a number") from None


def cell_int(row: dict[str, str], column: str, default: int) -> int:
    value = row.get(column, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise invalid("INVALID_VALUE", column, f"{value!r} ไม่ใช่จำนวนเต็ม",
                      f"{value!r} is not a whole number") from None


def cell_date(row: dict[str, str], column: str) -> date | None:
    """ISO ``2026-11-22`` or Buddhist Era ``22/11/2569``."""
    value = row.get(column, "")
    if not value:
        return None
    try:
        return parse_be_date(value) if "/" in value else date.fromisoformat(value)
    except (InvalidThaiDate, ValueError):
        raise invalid("INVALID_VALUE", column, f"{value!r} ไม่ใช่วันที่ (วว/ดด/ปปปป พ.ศ. หรือ yyyy-mm-dd)",
                      f"{value!r} is not a date (dd/mm/yyyy BE or yyyy-mm-dd)") from None


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with a BOM; dates in Buddhist Era, ``None`` as empty."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else format_be_date(v) if isinstance(v, date) else v for v in row])
    return out.getvalue()
