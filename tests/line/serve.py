"""``python -m tests.line.serve --port P``: the FVS app (LINE pages included) served by uvicorn for
the browser tests, with the clock of the machine (settings from the environment)."""
from __future__ import annotations

import argparse

import uvicorn

from server.app import create_app
from server.settings import get_settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    app = create_app(get_settings())
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_config=None, access_log=False, server_header=False)


if __name__ == "__main__":
    main()
