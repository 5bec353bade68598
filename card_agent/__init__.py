"""The local card agent (``fvs card-agent``): the smart-card reader served over HTTP on loopback.

It answers hospital software in the shape of NHSO's Secure Smartcard Agent
(``/api/smartcard/...``, ``/api/nhso-service/...``) and signs every card read it forwards to FVS
with its own Ed25519 key, bound to a nonce FVS issued (see ``card_agent.protocol``).

This package imports nothing of ``server/``; the server imports ``card_agent.protocol`` (the one
definition of the signed record).  Importing the package itself loads neither pyscard nor
FastAPI: those come with ``card_agent.service`` and ``card_agent.app``.
"""
