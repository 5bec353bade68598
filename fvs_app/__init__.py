"""FVS tablet app (Kivy): unit staff verify walk-in citizens by face and GPS and get a claim code.

The app talks to the FVS server over HTTP only (:mod:`fvs_app.api_client`); it never imports the
server's packages.  Screens live in ``kv/*.kv`` with their Python classes in :mod:`fvs_app.ui`;
the camera and GPS providers (:mod:`fvs_app.camera`, :mod:`fvs_app.gps`) are separate from the UI.
Start it with ``fvs app`` or ``python -m fvs_app`` (see ``docs/tablet-app.md``).
"""
