"""HTTP routers.  Each area module exposes ``router``; :data:`ROUTERS` lists them in order."""
from server.api import (
           access,
           card_agents,
           citizens,
           claims,
           faces,
           health,
           reference,
           units,
           verifications,
)

ROUTERS = [health.router, access.router, reference.router, citizens.router, units.router, faces.router, verifications.router,
           claims.router, card_agents.router]
