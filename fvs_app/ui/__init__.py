"""Kivy user interface: the application (:mod:`fvs_app.ui.app`) and its screens."""
