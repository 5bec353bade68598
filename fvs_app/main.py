"""Entry point of the Android build (buildozer packs this folder with ``main.py`` at its root).

There the folder itself is the app's directory, not a package inside one, so it is registered
as the package ``fvs_app`` before the app is imported.  On a desktop use ``fvs app`` or
``python -m fvs_app``.
"""
from __future__ import annotations

import importlib.util
import os
import sys

if "fvs_app" not in sys.modules and not __package__:
    _here = os.path.dirname(os.path.abspath(__file__))
    _spec = importlib.util.spec_from_file_location("fvs_app", os.path.join(_here, "__init__.py"),
                                                   submodule_search_locations=[_here])
    assert _spec is not None and _spec.loader is not None
    _package = importlib.util.module_from_spec(_spec)
    sys.modules["fvs_app"] = _package
    _spec.loader.exec_module(_package)

from fvs_app.launcher import main

if __name__ == "__main__":
    main()
