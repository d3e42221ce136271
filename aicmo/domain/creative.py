"""CreativeVariant: one post for one platform and pillar (spec section 3)."""
from __future__ import annotations

from pydantic import BaseModel


class CreativeVariant(BaseModel):
    platform: str
    format: str
    pillar_index: int
    pillar_name: str
    hook: str
    caption: str
    cta: str
    tone: str

    @property
    def text(self) -> str:
        return f"{self.hook}\n{self.caption}"
