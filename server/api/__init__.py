"""HTTP routers.  Each area module exposes ``router``; :data:`ROUTERS` lists them in order."""
from server.api import (
           access,
           appeals,
           card_agents,
           citizens,
           claims,
           faces,
           health,
           reference,
           unit_qr,
           units,
           verifications,
)

ROUTERS = [health.router, access.router, reference.router, citizens.router, units.router, faces.router, verifications.router,
           claims.router, card_agents.router, appeals.router,
           unit_qr.router]
