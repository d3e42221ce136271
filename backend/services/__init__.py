"""Legacy services, one file per business area; each takes the one global session."""
