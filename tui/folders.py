"""Where bone-guide keeps its files: the folders the environment names, or the platform's own."""

from __future__ import annotations

import os
from pathlib import Path


def user_folder(kind: str) -> Path:
    """BONE_GUIDE_CONFIG_DIR / BONE_GUIDE_CACHE_DIR win (tests, kiosks); otherwise the platform's
    config or cache folder for bone-guide (on Linux ~/.config/bone-guide, ~/.cache/bone-guide)."""
    override = os.environ.get(f"BONE_GUIDE_{kind.upper()}_DIR")
    if override:
        return Path(override)
    import platformdirs  # only when asked: not needed to draw the first screen
    where = {"config": platformdirs.user_config_dir, "cache": platformdirs.user_cache_dir}[kind]
    return Path(where("bone-guide"))
