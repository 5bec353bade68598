"""Fixtures of the tablet-app tests: a real server process, a TCP proxy the tests can cut, and the
real Kivy app in an offscreen OpenGL window, shared by the tests (one window per process)."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fvs_app.kivy_driver import Driver, configure_environment
from tests.fvs_app.live_server import (
    PEOPLE,
    SHARED,
    UNIT,
    UNIT_POINT,
    Citizen,
    LiveServer,
    adult_citizens,
    enrol,
    prepare_unit,
    start_server,
)
from tests.fvs_app.tcp_proxy import TcpProxy

# Before anything imports Kivy (it reads these at import): headless window, own config folder.
KIVY_HOME = Path(tempfile.mkdtemp(prefix="fvs-kivy-home-"))
configure_environment(KIVY_HOME)
os.environ.setdefault("FVS_APP_HINT_MODEL", str(SHARED / "models" / "opencv_zoo" / "face_detection_yunet_2023mar.onnx"))


@dataclass(frozen=True)
class World:
    server: LiveServer
    proxy: TcpProxy
    token: str
    with_phone: Citizen
    second: Citizen
    without_phone: Citizen


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    if not (SHARED / "models" / "buffalo_sc").is_dir():
        pytest.skip(f"shared face models not found under {SHARED} (set FVS_SHARED_DIR)")
    server = start_server(tmp_path_factory.mktemp("fvs-server"))
    try:
        token = prepare_unit(server)
        a, b, c = adult_citizens(server, 3)
        for citizen in (a, b, c):
            enrol(server, citizen.pid, PEOPLE / "obama" / "obama1.jpg")
        host, port = server.url.removeprefix("http://").split(":")
        proxy = TcpProxy((host, int(port)))
        yield World(server, proxy, token, a, b, c)
        proxy.close()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    home = tmp_path_factory.mktemp("app-home")
    from fvs_app.config import AppConfig, RetryPolicy
    from fvs_app.gps.fixed import FixedGps
    from fvs_app.launcher import prepare_kivy

    config = AppConfig(data_dir=home / "app-data", language="th", gps=None,
                       retry=RetryPolicy(delays_s=(0.5, 1.0), connect_timeout_s=3.0, read_timeout_s=60.0))
    prepare_kivy(config)
    from kivy.config import Config

    Config.set("kivy", "log_level", "warning")
    from fvs_app.camera.image_files import ImageFileCamera
    from fvs_app.ui.app import FvsApp

    app = FvsApp(config, camera=ImageFileCamera([PEOPLE / "obama" / "obama2.jpg"]),
                 gps=FixedGps(*UNIT_POINT, accuracy_m=12.0))
    app._run_prepare()  # App.run() without its endless loop: the tests pump the loop themselves
    ui = Driver(app)
    ui.pump(5)
    yield ui
    app.stop()
    shutil.rmtree(KIVY_HOME, ignore_errors=True)


@pytest.fixture
def ui(driver: Driver, world: World) -> Driver:
    """The app unpaired, in Thai, normal text size, GPS at the unit, the network up."""
    from fvs_app.gps.fixed import FixedGps

    app = driver.app
    world.proxy.start()
    pairing = app.screen("pairing")
    if app.pairing is not None:
        pairing.forget()
    app.gps = FixedGps(*UNIT_POINT, accuracy_m=12.0)
    app.gps.start()
    app.set_language("th")
    app.set_text_size("S")
    app.go("pairing")
    driver.pump(3)
    return driver


__all__ = ["UNIT", "World"]
