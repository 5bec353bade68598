"""Screen classes (their layouts are in ``fvs_app/kv``); importing this registers them with Kivy."""
from fvs_app.ui.screens.base import BaseScreen
from fvs_app.ui.screens.capture import CaptureScreen
from fvs_app.ui.screens.citizen import CitizenScreen
from fvs_app.ui.screens.location import LocationScreen
from fvs_app.ui.screens.pairing import PairingScreen
from fvs_app.ui.screens.profession import ProfessionScreen
from fvs_app.ui.screens.result import ResultScreen
from fvs_app.ui.screens.today import TodayScreen
from fvs_app.ui.widgets import NumPad

__all__ = ["BaseScreen", "CaptureScreen", "CitizenScreen", "LocationScreen", "NumPad", "PairingScreen",
           "ProfessionScreen", "ResultScreen", "TodayScreen"]
