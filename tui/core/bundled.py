"""Where the guide shipped with bone-guide is (kept apart from the loader, which needs PyYAML:
finding the file must not cost its import)."""

from __future__ import annotations

from pathlib import Path


def bundled_guide_path() -> Path:
    """The guide shipped inside the package (see pyproject's package data)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "content" / "bone-metastases.yaml",
                      here.parent / "content" / "bone-metastases.yaml"):
        if candidate.exists():
            return candidate
    return here / "content" / "bone-metastases.yaml"
