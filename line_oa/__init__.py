"""The citizen's own LINE OA identity (NHSO's @nhso LINE Official Account, documents 000–003).

A citizen's LINE account linked to their PID, their 6-digit PIN (argon2) with its lockout, the
one-time passwords sent to their phone (through an SMS provider interface), the PDPA consent
decisions taken in LINE, and the family members they act for (recorded in the citizen
registry's relatives registry).  Imports ``citizens``, ``thai_civil``, ``fvs_db``, ``fvs_errors``
and argon2 — never ``server``.
"""
