"""Reading submitted forms: every value is bounded and checked here, and the first problem is
kept (with the field it concerns) so the form is shown again with the user's values."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date

from starlette.datastructures import FormData

from server.console.errors import Problem, invalid_form
from server.console.ports import InvalidPid, InvalidThaiDate, parse_be_date, validate_pid

DATE_RANGE = (date(1900, 1, 1), date(2500, 12, 31))
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str) -> date:
    """``dd/mm/yyyy`` Buddhist Era (what people type) or ISO ``yyyy-mm-dd``."""
    text = text.strip()
    value = date.fromisoformat(text) if _ISO.match(text) else parse_be_date(text)
    if not DATE_RANGE[0] <= value <= DATE_RANGE[1]:
        raise ValueError("out of range")
    return value


class FormReader:
    def __init__(self, form: FormData | dict[str, str]):
        self.form = form
        self.problem: Problem | None = None

    def fail(self, field: str, message_th: str, message_en: str) -> None:
        if self.problem is None:
            self.problem = invalid_form(message_th, message_en, field)

    def raw(self, name: str) -> str:
        value = self.form.get(name)
        return value if isinstance(value, str) else ""

    def text(self, name: str, *, max_len: int, required: bool = False, label_th: str = "", label_en: str = ""
             ) -> str | None:
        value = self.raw(name).strip()
        if "\x00" in value:
            self.fail(name, "ข้อมูลมีอักขระที่ไม่อนุญาต", "The value holds a forbidden character")
            return None
        if len(value) > max_len:
            self.fail(name, f"{label_th or name} ยาวเกิน {max_len} ตัวอักษร", f"{label_en or name} is longer than {max_len}")
            return None
        if not value:
            if required:
                self.fail(name, f"กรุณากรอก{label_th or name}", f"{label_en or name} is required")
            return None
        return value

    def number(self, name: str, *, low: float, high: float, label_th: str = "", label_en: str = "") -> float | None:
        value = self.raw(name).strip()
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or not low <= number <= high:
            self.fail(name, f"{label_th or name} ต้องเป็นตัวเลขระหว่าง {low:g} ถึง {high:g}",
                      f"{label_en or name} must be a number from {low:g} to {high:g}")
            return None
        return number

    def integer(self, name: str, *, low: int, high: int) -> int | None:
        value = self.raw(name).strip()
        if not value:
            return None
        if not re.fullmatch(r"-?\d{1,9}", value) or not low <= int(value) <= high:
            self.fail(name, f"ค่าต้องเป็นจำนวนเต็ม {low}-{high}", f"must be a whole number {low}-{high}")
            return None
        return int(value)

    def date(self, name: str, *, required: bool = False, label_th: str = "", label_en: str = "") -> date | None:
        value = self.raw(name).strip()
        if not value:
            if required:
                self.fail(name, f"กรุณากรอก{label_th or name} (วว/ดด/ปปปป พ.ศ.)", f"{label_en or name} is required")
            return None
        try:
            return parse_date(value)
        except (InvalidThaiDate, ValueError):
            self.fail(name, f"{label_th or name} ไม่ถูกต้อง (รูปแบบ วว/ดด/ปปปป พ.ศ. เช่น 22/11/2569)",
                      f"{label_en or name} is not a valid date (dd/mm/yyyy, Buddhist Era, e.g. 22/11/2569)")
            return None

    def choice(self, name: str, options: Iterable[str], *, required: bool = False) -> str | None:
        value = self.raw(name).strip()
        if not value:
            if required:
                self.fail(name, "กรุณาเลือกค่า", "Please choose a value")
            return None
        if value not in set(options):
            self.fail(name, "ค่าที่เลือกไม่ถูกต้อง", "The chosen value is not one of the options")
            return None
        return value

    def pid(self, name: str, *, required: bool = False) -> str | None:
        value = self.raw(name).strip()
        if not value:
            if required:
                self.fail(name, "กรุณากรอกเลขประจำตัวประชาชน 13 หลัก", "The 13-digit citizen ID is required")
            return None
        try:
            return validate_pid(value[:40])
        except InvalidPid:
            self.fail(name, "เลขประจำตัวประชาชนไม่ถูกต้อง (13 หลัก และเลขตรวจสอบถูกต้อง)",
                      "Invalid citizen ID (13 digits with a valid check digit)")
            return None

    def flag(self, name: str) -> bool:
        return self.raw(name) in ("1", "on", "true", "yes")
