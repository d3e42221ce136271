"""CAM, client acquisition: score, qualify, route and contact leads; read replies; convert."""
