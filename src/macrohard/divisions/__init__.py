"""Divisions: configurations of the one runtime (chat, operator, coding, imagine, and the user's own),
delegation between them, and company mode."""

from __future__ import annotations

from macrohard.divisions.catalog import get_division, load_divisions
from macrohard.divisions.config import Division, PolicyOverlay

__all__ = ["Division", "PolicyOverlay", "get_division", "load_divisions"]
