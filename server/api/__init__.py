"""HTTP routers.  Each area module exposes ``router``; :data:`ROUTERS` lists them in order."""
from server.api import citizens, faces, health, units

ROUTERS = [health.router, citizens.router, units.router, faces.router]
