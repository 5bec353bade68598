"""``python -m tests.console.serve --port P``: the FVS app with the console installed, as the lead's
``server/app.py`` will have it (``install_console(app)``), served by uvicorn for browser tests."""
from __future__ import annotations

import argparse

import uvicorn

from server.app import create_app
from server.console import install_console
from server.settings import get_settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    app = create_app(get_settings())
    install_console(app)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_config=None, access_log=False, server_header=False)


if __name__ == "__main__":
    main()
