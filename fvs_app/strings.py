"""Every string the app shows, Thai first then English, in one catalogue.

``CATALOGUE[key] = (thai, english)``.  Screens read the current language's dict
(:func:`strings_for`) and format placeholders with :meth:`str.format`.  Messages that come from
the server (``message_th`` / ``message_en``) are shown as the server wrote them.
"""
from __future__ import annotations

LANGUAGES = ("th", "en")

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- app bar and shared -------------------------------------------------------------------
    "app.title": ("FVS ยืนยันตัวตนผู้รับบริการ", "FVS citizen verification"),
    "bar.today": ("รายการวันนี้", "Today"),
    "bar.lang": ("EN", "ไทย"),
    "bar.size": ("ขนาดตัวอักษร", "Text size"),
    "bar.unit_none": ("ยังไม่ได้จับคู่เครื่อง", "Device not paired"),
    "common.back": ("ย้อนกลับ", "Back"),
    "common.next": ("ถัดไป", "Next"),
    "common.retry": ("ลองอีกครั้ง", "Try again"),
    "common.cancel": ("ยกเลิก", "Cancel"),
    "common.loading": ("กำลังโหลด…", "Loading…"),
    "common.no_answer": ("ไม่ได้รับคำตอบจากเซิร์ฟเวอร์ ({detail}) ตรวจสอบอินเทอร์เน็ตแล้วลองอีกครั้ง",
                         "No answer from the server ({detail}); check the network and try again"),
    "common.server_error": ("เซิร์ฟเวอร์ตอบผิดพลาด (HTTP {status})", "The server answered with an error (HTTP {status})"),
    # --- pairing ------------------------------------------------------------------------------
    "pair.title": ("จับคู่เครื่องกับหน่วยบริการ", "Pair this tablet with the unit"),
    "pair.help": (("กรอกที่อยู่เซิร์ฟเวอร์และรหัสเครื่อง (device token) ที่ผู้ดูแลหน่วยบริการสร้างให้ "
                  "หรือสแกน QR จากหน้าจอผู้ดูแล ทำครั้งเดียว เครื่องจะจำไว้"),
                  ("Enter the server address and the device token your unit admin made, or scan the QR "
                  "on the admin console. Done once; the tablet remembers it.")),
    "pair.url": ("ที่อยู่เซิร์ฟเวอร์", "Server address"),
    "pair.token": ("รหัสเครื่อง (device token)", "Device token"),
    "pair.payload": ("หรือวางข้อความจาก QR", "Or paste the QR text"),
    "pair.scan": ("สแกน QR", "Scan QR"),
    "pair.scan_none": ("ไม่พบ QR ในภาพจากกล้อง ถือ QR ให้อยู่ในกรอบแล้วลองใหม่",
                       "No QR found in the camera image; hold it in the frame and try again"),
    "pair.scan_unavailable": ("เครื่องนี้สแกน QR ไม่ได้ กรุณากรอกหรือวางข้อความแทน",
                              "This device cannot scan QR codes; type or paste the text instead"),
    "pair.bad_payload": ("ข้อความจาก QR ไม่ถูกต้อง ต้องเป็น JSON ที่มี url และ token",
                         "The QR text is not valid: JSON with url and token is expected"),
    "pair.save": ("บันทึกและเชื่อมต่อ", "Save and connect"),
    "pair.checking": ("กำลังตรวจสอบกับเซิร์ฟเวอร์…", "Checking with the server…"),
    "pair.unit": ("หน่วยบริการ: {name} ({hcode})", "Unit: {name} ({hcode})"),
    "pair.ready": ("พร้อมให้บริการยืนยันตัวตน", "Ready to verify"),
    "pair.not_ready": ("หน่วยบริการยังไม่พร้อมยืนยันตัวตน:", "The unit is not ready to verify:"),
    "pair.start": ("เริ่มให้บริการ", "Start"),
    "pair.refresh": ("ตรวจสอบอีกครั้ง", "Check again"),
    "pair.forget": ("ยกเลิกการจับคู่เครื่อง", "Unpair this tablet"),
    "pair.wrong_role": ("รหัสนี้ไม่ใช่รหัสเครื่องของหน่วยบริการ", "This token is not a unit device token"),
    "pair.missing": ("กรุณากรอกที่อยู่เซิร์ฟเวอร์และรหัสเครื่อง", "Enter the server address and the device token"),
    # --- profession ---------------------------------------------------------------------------
    "prof.title": ("เลือกวิชาชีพที่ให้บริการ", "Choose the profession on duty"),
    "prof.help": ("แสดงเฉพาะวิชาชีพที่มีผู้ปฏิบัติงานอยู่เวรตอนนี้", "Only professions with someone on duty now can be chosen"),
    "prof.on_duty": ("{name} · มีผู้อยู่เวรตอนนี้ (บุคลากร {count} คน)", "{name} · on duty now ({count} registered)"),
    "prof.off": ("{name}", "{name}"),
    "prof.none": ("หน่วยบริการนี้ยังไม่มีวิชาชีพที่ลงทะเบียน", "No profession is registered for this unit"),
    # --- citizen ------------------------------------------------------------------------------
    "cit.title": ("ผู้รับบริการ", "Citizen"),
    "cit.pid": ("เลขประจำตัวประชาชน 13 หลัก", "13-digit citizen ID"),
    "cit.pid.EMPTY": ("กดตัวเลขบนแป้น", "Type the digits on the pad"),
    "cit.pid.INCOMPLETE": ("กรอกแล้ว {n}/13 หลัก", "{n} of 13 digits"),
    "cit.pid.BAD_CHECK_DIGIT": ("เลขไม่ถูกต้อง (หลักตรวจสอบไม่ตรง) กรุณาตรวจอีกครั้ง",
                                "Not a valid ID (check digit does not match)"),
    "cit.pid.STARTS_WITH_ZERO": ("เลขประจำตัวประชาชนขึ้นต้นด้วย 0 ไม่ได้", "A citizen ID cannot start with 0"),
    "cit.pid.VALID": ("เลขถูกต้อง", "Valid ID"),
    "cit.looking_up": ("กำลังค้นหาข้อมูลผู้รับบริการ…", "Looking up the citizen…"),
    "cit.name": ("ชื่อ: {name}", "Name: {name}"),
    "cit.age": ("อายุ ณ วันรับบริการ: {age}", "Age on the service date: {age}"),
    "cit.right": ("สิทธิ: {right}", "Right: {right}"),
    "cit.phone": ("เบอร์โทรผู้รับบริการหรือผู้ปกครอง", "Phone of the patient or guardian"),
    "cit.phone_known": ("(มีในระบบแล้ว แก้ไขได้)", "(already on record; you may change it)"),
    "cit.phone_bad": ("เบอร์โทรต้องขึ้นต้นด้วย 0 และมี 9–10 หลัก", "The phone starts with 0 and has 9–10 digits"),
    "cit.service": ("ประเภทบริการ", "Service type"),
    "cit.edit_pid": ("แก้เลขบัตร", "Edit ID"),
    "cit.edit_phone": ("แก้เบอร์โทร", "Edit phone"),
    "pad.clear": ("ล้าง", "Clear"),
    "pad.del": ("ลบ", "Del"),
    # --- location -----------------------------------------------------------------------------
    "loc.title": ("ตำแหน่งของเครื่อง (GPS)", "Tablet location (GPS)"),
    "loc.waiting": ("กำลังรอสัญญาณ GPS…", "Waiting for a GPS fix…"),
    "loc.fix": ("ละติจูด {lat:.5f}  ลองจิจูด {lon:.5f}", "Latitude {lat:.5f}  longitude {lon:.5f}"),
    "loc.accuracy": ("ความแม่นยำ ± {acc:.0f} ม.", "Accuracy ± {acc:.0f} m"),
    "loc.age": ("วัดเมื่อ {age} วินาทีที่แล้ว", "Measured {age} s ago"),
    "loc.fresh": ("พิกัดใหม่ ใช้ได้", "Fresh fix"),
    "loc.stale": ("พิกัดเก่าเกินไป รอพิกัดใหม่ก่อนถ่ายภาพ", "The fix is too old; wait for a new one before capturing"),
    "loc.mocked": ("คำเตือน: พิกัดนี้มาจากแอปจำลองตำแหน่ง (mock location) เซิร์ฟเวอร์จะไม่รับ",
                   "Warning: this fix comes from a mock-location app; the server will refuse it"),
    "loc.unavailable": ("ใช้ GPS ไม่ได้: {detail}", "GPS unavailable: {detail}"),
    "loc.refresh": ("ขอพิกัดใหม่", "Get a new fix"),
    # --- capture ------------------------------------------------------------------------------
    "cap.title": ("ถ่ายภาพใบหน้า", "Capture the face"),
    "cap.button": ("ถ่ายภาพ", "Capture"),
    "cap.need_fix": ("ยังถ่ายภาพไม่ได้: ต้องมีพิกัด GPS ใหม่ก่อน", "Cannot capture yet: a fresh GPS fix is needed"),
    "cap.camera_error": ("ใช้กล้องไม่ได้: {detail}", "Camera unavailable: {detail}"),
    "hint.ok": ("ใบหน้าอยู่ในกรอบ พร้อมถ่าย", "Face in the guide, ready"),
    "hint.dark": ("มืดเกินไป เพิ่มแสงหรือหันหน้าเข้าหาแสง", "Too dark: add light or face the light"),
    "hint.bright": ("สว่างเกินไป หลีกเลี่ยงแสงย้อน", "Too bright: avoid light from behind"),
    "hint.no_face": ("ไม่พบใบหน้า ให้ใบหน้าอยู่ในกรอบ", "No face found: put the face in the guide"),
    "hint.far": ("อยู่ไกลเกินไป ขยับเข้ามาใกล้อีก", "Too far: come closer"),
    "hint.many": ("พบมากกว่าหนึ่งใบหน้า ให้มีผู้รับบริการคนเดียวในภาพ", "More than one face: only the citizen in view"),
    "hint.none": ("จัดใบหน้าให้อยู่ในกรอบ", "Put the face in the guide"),
    "cap.challenge_wait": ("กำลังขอคำสั่งตรวจความมีชีวิต…", "Asking the server for a liveness challenge…"),
    "cap.step.left": ("หันหน้าไปทางซ้ายของผู้รับบริการ", "Turn the head to the citizen's left"),
    "cap.step.right": ("หันหน้าไปทางขวาของผู้รับบริการ", "Turn the head to the citizen's right"),
    "cap.step_n": ("ขั้นที่ {n}/{total}", "Step {n} of {total}"),
    "cap.hold": ("มองกล้องตรง ๆ ค้างไว้", "Look straight at the camera"),
    "cap.preparing": ("กำลังเตรียมภาพ…", "Preparing the photos…"),
    # --- sending and result -------------------------------------------------------------------
    "send.title": ("กำลังยืนยันตัวตน", "Verifying"),
    "send.sending": ("กำลังส่งข้อมูลยืนยันตัวตน (ครั้งที่ {n})…", "Sending the verification (attempt {n})…"),
    "send.no_answer": (("ยังไม่ได้รับคำตอบจากเซิร์ฟเวอร์ — ยังไม่มีรหัสเคลม ระบบจะส่งคำขอเดิมซ้ำ (ไม่เกิดรหัสซ้ำ) "
                       "เมื่อเครือข่ายกลับมา ครั้งต่อไปใน {seconds} วินาที"),
                       ("No answer from the server yet — no claim code. The same request will be sent again "
                       "(no duplicate code) when the network is back; next try in {seconds} s")),
    "send.busy": ("เซิร์ฟเวอร์ไม่ว่าง ({message}) จะส่งคำขอเดิมอีกครั้งใน {seconds} วินาที",
                  "The server is busy ({message}); the same request goes again in {seconds} s"),
    "send.now": ("ส่งอีกครั้งตอนนี้", "Send again now"),
    "send.abandon": ("เลิกส่ง", "Stop sending"),
    "send.abandoned": ("เลิกส่งแล้ว: เซิร์ฟเวอร์อาจออกรหัสไปแล้ว ตรวจที่ \"รายการวันนี้\" ก่อนทำรายการใหม่",
                       "Stopped: the server may have issued a code; check \"Today\" before a new attempt"),
    "res.ok_title": ("ยืนยันตัวตนสำเร็จ", "Verified"),
    "res.code": ("รหัสเคลม (Claim Code)", "Claim code"),
    "res.replayed": ("(ได้รับรหัสเดิมจากคำขอที่ส่งซ้ำ)", "(the same code, from the retried request)"),
    "res.service": ("บริการ: {service}", "Service: {service}"),
    "res.unit": ("หน่วยบริการ: {unit}", "Unit: {unit}"),
    "res.time": ("วันเวลา: {time}", "Date and time: {time}"),
    "res.refused_title": ("ยืนยันตัวตนไม่ผ่าน", "Not verified"),
    "res.exists_title": ("ออกรหัสเคลมให้บริการนี้วันนี้แล้ว", "A claim code was already issued today"),
    "res.exists_code": ("รหัสเดิม: {code}", "Existing code: {code}"),
    "res.reasons": ("เหตุผล:", "Reasons:"),
    "res.next": ("ทำต่ออย่างไร:", "What to do next:"),
    "res.next_none": ("ไม่มีช่องทางอื่นที่ช่วยได้ในตอนนี้ แก้ไขตามเหตุผลด้านบนก่อน",
                      "No other channel can help now; fix the reasons above first"),
    "next.LINE_QR": (("LINE + QR: ให้ผู้รับบริการเปิด LINE สปสช. (@nhso) แล้วสแกน QR นี้ของหน่วยบริการ "
                     "(ผู้สูงอายุหรือเด็กที่ไม่มีมือถือ ให้บิดา มารดา หรือบุตร สแกนแทน)"),
                     ("LINE + QR: the citizen opens NHSO's LINE (@nhso) and scans this unit QR "
                     "(a parent or child may scan for an elder or a child without a phone)")),
    "next.BOOKING_QR": ("QR การจอง: ถ้าผู้รับบริการจองคิวไว้ใน LINE ให้สแกน QR การจองของผู้รับบริการ",
                        "Booking QR: if the citizen booked in LINE, scan their booking QR"),
    "next.SMART_CARD": (("บัตรประชาชน (กรณีพิเศษ): เฉพาะเด็ก ผู้สูงอายุ ผู้มีปัญหาด้านใบหน้า และกลุ่มเปราะบาง "
                        "ที่ยืนยันด้วยใบหน้าหรือ LINE ไม่ได้ เสียบบัตรของผู้รับบริการหรือญาติสายตรง (บิดา มารดา บุตร) "
                        "ที่เครื่องอ่านบัตรของระบบ New Authen แล้วระบุเหตุผล รหัสจะรอ สปสช. ทวนสอบ"),
                        ("Smart card (special case): only for children, elders, people with facial problems and "
                        "vulnerable groups who cannot verify by face or LINE. Insert the citizen's or a direct "
                        "relative's card in the New Authen card reader and give the reason; the code waits for "
                        "NHSO review")),
    "next.qr_loading": ("กำลังโหลด QR ของหน่วยบริการ…", "Loading the unit QR…"),
    "next.qr_failed": ("โหลด QR ไม่ได้: {detail}", "Could not load the QR: {detail}"),
    "res.retake": ("ถ่ายภาพใหม่", "Capture again"),
    "res.new": ("ผู้รับบริการรายใหม่", "Next citizen"),
    # --- today --------------------------------------------------------------------------------
    "today.title": ("รายการของเครื่องนี้วันนี้", "This tablet's claims today"),
    "today.search": ("ค้นหาด้วยเลขประจำตัวประชาชน", "Search by citizen ID"),
    "today.find": ("ค้นหา", "Search"),
    "today.count": ("{total} รายการ", "{total} claims"),
    "today.empty": ("ยังไม่มีรายการ", "No claims yet"),
    "today.row": ("{time}  {code}  {pid}  {status}", "{time}  {code}  {pid}  {status}"),
    # --- errors the app itself detects --------------------------------------------------------
    "err.unpaired": ("ยังไม่ได้จับคู่เครื่อง", "The tablet is not paired"),
}


def strings_for(language: str) -> dict[str, str]:
    """The catalogue in one language (``th`` or ``en``)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    index = LANGUAGES.index(language)
    return {key: texts[index] for key, texts in CATALOGUE.items()}


def server_message(body: dict, language: str) -> str:
    """The server's own message in the chosen language (Thai when English is missing)."""
    if language == "en" and body.get("message_en"):
        return str(body["message_en"])
    return str(body.get("message_th") or body.get("message_en") or body.get("code") or "")
