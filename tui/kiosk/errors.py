"""The kiosk's error log: no patient data, only what kind of error and where in the code."""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path

LOG_LIMIT = 1_000_000


def error_log_path() -> Path:
    folder = os.environ.get("BONE_GUIDE_LOG_DIR")
    if not folder:
        from platformdirs import user_log_dir
        folder = user_log_dir("bone-guide")
    return Path(folder) / "kiosk-errors.log"


def error_report(error: BaseException) -> list[str]:
    """Exception types and traceback frames only: never the message, which may hold guide
    text or search words, and never local variables."""
    lines = [f"{datetime.now().isoformat(timespec='seconds')} {_type_name(error)}"]
    seen: set[int] = set()
    exc: BaseException | None = error
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if exc is not error:
            lines.append(f"  while handling {_type_name(exc)}")
        for frame in traceback.extract_tb(exc.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        exc = exc.__cause__ or exc.__context__
    return lines


def _type_name(error: BaseException) -> str:
    kind = type(error)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def log_error(error: BaseException) -> Path | None:
    """Append a report to the log (kept under ~1 MB, one old file kept). Never raises."""
    try:
        path = error_log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_LIMIT:
            os.replace(path, path.with_name(path.name + ".1"))
        with path.open("a", encoding="utf-8") as log:
            log.write("\n".join(error_report(error)) + "\n")
        return path
    except Exception:
        return None
