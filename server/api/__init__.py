"""HTTP routers.  Each area module exposes ``router``; :data:`ROUTERS` lists them in order."""
from server.api import access, citizens, claims, faces, health, units, verifications

ROUTERS = [health.router, access.router, citizens.router, units.router, faces.router, verifications.router,
           claims.router]
