"""CAM over legacy: acquisition campaigns, leads, outreach and replies (cam_* tables)."""
from acl.cam.adapter import LegacyCam

__all__ = ["LegacyCam"]
