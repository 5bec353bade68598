"""Thai civil conventions every FVS package may use: the citizen ID (PID) and the card's laser
code, phone numbers, Buddhist Era dates, the Asia/Bangkok service date, ages in Thai words, and
public holidays.

No registry logic and no third-party imports: only the standard library and
:mod:`fvs_errors`.  Asia/Bangkok is fixed (UTC+7, no daylight saving): the service date of an
NHSO claim is the Bangkok date by rule, so it is not a setting.
"""
