"""The server's one catalogue of errors: access, uploads, claims, verification plumbing, and the
generic HTTP answers.  Raise ``CATALOGUE.error("CODE", **details)``; the HTTP status of every code
is decided in :mod:`server.api.errors` alone, and the CLI prints the same body."""
from __future__ import annotations

from fvs_errors import Catalogue, DomainError


class ServerError(DomainError):
    """An error of the server's own use cases (see the code)."""


CATALOGUE = Catalogue("server", {
    # --- access ---------------------------------------------------------------------------------
    "UNAUTHENTICATED": ("กรุณายืนยันตัวตนก่อนใช้งาน", "Authentication required"),
    "BAD_CREDENTIALS": ("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "Wrong username or password"),
    "TOO_MANY_ATTEMPTS": ("เข้าสู่ระบบผิดหลายครั้งเกินไป กรุณารอ {retry_after_s} วินาทีแล้วลองใหม่",
                          "Too many failed logins; retry in {retry_after_s} s"),
    "NOT_A_SESSION": ("โทเคนนี้ไม่ใช่โทเคนการเข้าสู่ระบบ",
                      "Only a login session can be logged out; device tokens are revoked by the unit admin"),
    "ROLE_FORBIDDEN": ("บทบาทของท่านไม่มีสิทธิ์ทำรายการนี้", "This needs one of the roles: {roles}"),
    "UNIT_FORBIDDEN": ("ไม่มีสิทธิ์เข้าถึงข้อมูลของหน่วยบริการอื่น", "You may not access another unit's data"),
    "INVALID_ROLE": ("บัญชีบุคคลใช้บทบาทอุปกรณ์ไม่ได้", "A person's account cannot have the device role"),
    "HCODE_REQUIRED": ("บัญชีของหน่วยบริการต้องระบุรหัสหน่วยบริการ", "A unit account needs an hcode"),
    "WEAK_PASSWORD": ("รหัสผ่านต้องยาวอย่างน้อย {min_length} ตัวอักษร",
                      "The password must be at least {min_length} characters"),
    "ACCOUNT_EXISTS": ("มีชื่อผู้ใช้นี้แล้ว", "The username {username} is taken"),
    "TOKEN_NOT_FOUND": ("ไม่พบโทเคนนี้", "No such device token for this unit"),
    "STAFF_VERIFICATION_NHSO_ONLY": ("การยืนยันตัวตนผู้ปฏิบัติงานทำได้โดย สปสช. เท่านั้น",
                                     "Only NHSO confirms a staff member's identity"),
    # --- requests ---------------------------------------------------------------------------------
    "PID_MISMATCH": ("เลขประจำตัวประชาชนใน URL และข้อมูลไม่ตรงกัน", "The citizen ID in the URL and the body differ"),
    "INVALID_DATETIME": ("ปีของเวลาต้องอยู่ระหว่าง ค.ศ. {low}-{high}", "The year must be {low}-{high}"),
    "INVALID_GPS": ("ข้อมูลพิกัด GPS ไม่ถูกต้อง: {reason_th}", "Invalid GPS fix: {reason_en}"),
    "TOO_MANY_PHOTOS": ("ส่งภาพได้ไม่เกิน {limit} ภาพ", "At most {limit} photos"),
    "UNSUPPORTED_MEDIA_TYPE": ("รองรับเฉพาะภาพ JPEG หรือ PNG", "Only JPEG or PNG photos are accepted, not {content_type}"),
    "CSV_TOO_LARGE": ("ไฟล์ CSV มีขนาดใหญ่เกิน 10 MiB กรุณาแบ่งไฟล์", "The CSV file is larger than 10 MiB; split it"),
    "PAYLOAD_TOO_LARGE": ("ข้อมูลที่ส่งมีขนาดใหญ่เกิน {limit_bytes} ไบต์", "The request body is larger than {limit_bytes} bytes"),
    "INVALID_INPUT": ("ข้อมูลมีอักขระหรือค่าที่ระบบจัดเก็บไม่ได้",
                      "The request holds a character or value that cannot be stored"),
    "VALIDATION_ERROR": ("ข้อมูลไม่ถูกต้อง", "Invalid input"),
    # --- claims -------------------------------------------------------------------------------------
    "UNKNOWN_SERVICE_TYPE": ("ไม่รู้จักประเภทบริการนี้", "Unknown service type {service_type}"),
    "CLAIM_EXISTS": ("ผู้รับบริการมีรหัสเคลมของบริการนี้ในวันนี้แล้ว (ยกเลิกรหัสเดิมก่อนหากต้องการออกใหม่)",
                     "The citizen already has a live claim code for this service at this unit today "
                     "(cancel it first to issue another)"),
    "IDEMPOTENCY_KEY_REUSED": ("ใช้ Idempotency-Key ซ้ำกับคำขอที่ต่างกัน",
                               "This Idempotency-Key was already used for a different request"),
    "CLAIM_CODE_EXHAUSTED": ("ออกรหัสเคลมไม่สำเร็จ กรุณาลองใหม่", "Could not draw a unique claim code; retry"),
    "CLAIM_NOT_FOUND": ("ไม่พบรหัสเคลมนี้", "No claim code {claim_code}"),
    "CLAIM_NOT_EDITABLE": ("แก้ไขรหัสเคลมที่ถูกยกเลิกหรือไม่อนุมัติไม่ได้", "A {claim_status} claim cannot be edited"),
    "CLAIM_NOT_CANCELLABLE": ("รหัสเคลมนี้ถูกยกเลิกหรือไม่อนุมัติไปแล้ว", "A {claim_status} claim cannot be cancelled"),
    "NOT_PENDING_APPEAL": ("รหัสเคลมนี้ไม่ได้รอพิจารณาอุทธรณ์", "The claim is {claim_status}, not pending appeal"),
    "INVALID_SERVICE_DATE": ("วันที่รับบริการอยู่ก่อนวันเกิดของผู้รับบริการ",
                             "The service date is before the citizen's birth date"),
    # --- face service -------------------------------------------------------------------------------
    "FACE_BUSY": ("ระบบจดจำใบหน้ากำลังทำงานเต็มกำลัง กรุณาลองใหม่", "Face recognition is busy, please retry"),
    "LIVENESS_UNAVAILABLE": ("ระบบตรวจสอบใบหน้าจริง (liveness) ยังไม่พร้อมใช้งาน",
                             "The policy requires a liveness check but no liveness model is loaded (FVS_LIVENESS_DIR)"),
    # --- generic HTTP answers -----------------------------------------------------------------------
    "BAD_REQUEST": ("คำขอไม่ถูกต้อง", "Bad request"),
    "FORBIDDEN": ("ไม่มีสิทธิ์เข้าถึงข้อมูลนี้", "You may not access this resource"),
    "NOT_FOUND": ("ไม่พบข้อมูลที่ร้องขอ", "Not found"),
    "METHOD_NOT_ALLOWED": ("ไม่รองรับวิธีการเรียกนี้", "Method not allowed"),
    "NOT_ACCEPTABLE": ("ไม่รองรับรูปแบบข้อมูลที่ขอ", "Not acceptable"),
    "CONFLICT": ("ข้อมูลนี้ถูกบันทึกไปแล้วโดยคำขออื่นพร้อมกัน กรุณาตรวจสอบแล้วลองใหม่",
                 "A concurrent request saved conflicting data; nothing of this request was saved"),
    "TOO_MANY_REQUESTS": ("มีคำขอมากเกินไป กรุณาลองใหม่ภายหลัง", "Too many requests"),
    "SERVICE_UNAVAILABLE": ("บริการยังไม่พร้อมใช้งาน", "Service unavailable"),
    "DB_UNAVAILABLE": ("ฐานข้อมูลไม่พร้อมใช้งานชั่วคราว ไม่มีการบันทึกข้อมูลของคำขอนี้ กรุณาลองใหม่",
                       "The database is unavailable or busy; nothing of this request was saved. Retry shortly"),
    "HTTP_ERROR": ("เกิดข้อผิดพลาด", "HTTP error"),
    "INTERNAL_ERROR": ("เกิดข้อผิดพลาดภายในระบบ", "Internal server error"),
}, error_class=ServerError)
