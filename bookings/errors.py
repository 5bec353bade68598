"""The booking package's one catalogue of errors."""
from __future__ import annotations

from fvs_errors import Catalogue, DomainError


class BookingError(DomainError):
    """A booking rule was broken (see the code)."""


CATALOGUE = Catalogue("bookings", {
    "BOOKING_UNIT_NOT_BOOKABLE": ("หน่วยบริการนี้ยังไม่เปิดให้จองคิว", "This unit does not take bookings"),
    "BOOKING_PROFESSION_NOT_AT_UNIT": ("หน่วยบริการนี้ไม่มีบริการของวิชาชีพที่เลือก",
                                       "This unit offers no service of the chosen profession"),
    "BOOKING_DAY_OUT_OF_RANGE": ("จองคิวได้ตั้งแต่วันนี้ถึงอีก {days} วันข้างหน้า",
                                 "Bookings are taken from today up to {days} days ahead"),
    "BOOKING_SLOT_INVALID": ("ช่วงเวลานี้ไม่เปิดให้จอง (หมดเวลาแล้วหรือไม่มีผู้ให้บริการ)",
                             "This time is not bookable (already past, or nobody works then)"),
    "SLOT_FULL": ("ช่วงเวลานี้เต็มแล้ว กรุณาเลือกเวลาอื่น", "This time is fully booked; choose another"),
    "BOOKING_EXISTS": ("มีการจองคิวที่หน่วยบริการนี้ในวันเดียวกันอยู่แล้ว",
                       "There is already a booking at this unit on that day"),
    "BOOKING_LIMIT": ("มีการจองคิวที่ยังไม่ได้ใช้ครบ {limit} รายการแล้ว", "At most {limit} open bookings at a time"),
    "BOOKING_NOT_FOUND": ("ไม่พบการจองคิวนี้", "No such booking"),
    "BOOKING_HOLD_EXPIRED": ("หมดเวลายืนยันการจองคิว กรุณาจองใหม่", "The hold expired before it was confirmed; book again"),
    "BOOKING_NOT_OPEN": ("การจองคิวนี้ยืนยันหรือยกเลิกไม่ได้แล้ว ({booking_status})",
                         "This booking can no longer be confirmed or cancelled ({booking_status})"),
}, error_class=BookingError)
