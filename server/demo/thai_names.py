"""Common Thai given names and surnames with romanisations, for demo citizens."""
from __future__ import annotations

MALE_NAMES = [
    ("สมชาย", "Somchai"), ("สมศักดิ์", "Somsak"), ("ประเสริฐ", "Prasert"), ("วิชัย", "Wichai"),
    ("อนุชา", "Anucha"), ("ธนากร", "Thanakorn"), ("กิตติพงษ์", "Kittipong"), ("ณัฐวุฒิ", "Nattawut"),
    ("ภานุวัฒน์", "Panuwat"), ("สุรชัย", "Surachai"), ("บุญมี", "Boonmee"), ("ชัยวัฒน์", "Chaiwat"),
    ("ธีรศักดิ์", "Teerasak"), ("พงศกร", "Pongsakorn"), ("วรวุฒิ", "Worawut"), ("อภิชาติ", "Apichat"),
    ("สุทธิพงษ์", "Suttipong"), ("ปิยะพงษ์", "Piyapong"), ("ศุภชัย", "Supachai"), ("จักรพันธ์", "Jakkapan"),
    ("ธนวัฒน์", "Thanawat"), ("ภูมิพัฒน์", "Phumipat"), ("กฤษดา", "Kritsada"), ("เอกชัย", "Ekkachai"),
]
FEMALE_NAMES = [
    ("สมหญิง", "Somying"), ("มาลี", "Malee"), ("สุดารัตน์", "Sudarat"), ("วันเพ็ญ", "Wanpen"),
    ("กาญจนา", "Kanchana"), ("ศิริพร", "Siriporn"), ("นภาพร", "Napaporn"), ("ปิยะนุช", "Piyanuch"),
    ("อรุณี", "Arunee"), ("พรทิพย์", "Pornthip"), ("จันทร์เพ็ญ", "Janpen"), ("รัตนา", "Rattana"),
    ("ณัฐธิดา", "Natthida"), ("กัญญารัตน์", "Kanyarat"), ("สุภาวดี", "Supawadee"), ("บุษบา", "Butsaba"),
    ("ธิดารัตน์", "Thidarat"), ("ชนิดา", "Chanida"), ("วรรณา", "Wanna"), ("ประภาพร", "Praphaporn"),
    ("พิมพ์ชนก", "Pimchanok"), ("อัญชลี", "Anchalee"), ("เบญจมาศ", "Benjamas"), ("ลำดวน", "Lamduan"),
]
SURNAMES = [
    ("ใจดี", "Jaidee"), ("สุขสวัสดิ์", "Suksawat"), ("ศรีสุข", "Srisuk"), ("วงศ์ใหญ่", "Wongyai"),
    ("แก้วมณี", "Kaewmanee"), ("ทองดี", "Thongdee"), ("บุญเรือง", "Boonruang"), ("รักษาศรี", "Raksasri"),
    ("พรหมมา", "Prommah"), ("สายทอง", "Saithong"), ("จันทร์หอม", "Janhom"), ("มั่นคง", "Mankong"),
    ("ศรีวงศ์", "Sriwong"), ("เพชรรัตน์", "Petcharat"), ("ชัยมงคล", "Chaimongkol"), ("นาคสวัสดิ์", "Naksawat"),
    ("ประเสริฐสุข", "Prasertsuk"), ("อินทร์แก้ว", "Inkaew"), ("คงเจริญ", "Kongcharoen"), ("ปัญญาดี", "Panyadee"),
    ("สมบูรณ์", "Somboon"), ("ทองคำ", "Thongkham"), ("บุญมา", "Boonma"), ("แสงอรุณ", "Saengarun"),
    ("วิเศษศักดิ์", "Wisetsak"), ("กิตติวงศ์", "Kittiwong"), ("ดวงแก้ว", "Duangkaew"), ("เรืองศรี", "Ruangsri"),
]
