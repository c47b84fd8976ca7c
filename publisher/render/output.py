"""Output files: checked before any work, written atomically (a failed or interrupted write never
leaves a partial file), and the one reading of SOURCE_DATE_EPOCH for reproducible dates."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from ..errors import InputError, OutputError


def source_date_epoch() -> datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, None when unset; a value that is no count of seconds is
    an error (exit 3), the same for every output."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        return datetime.fromtimestamp(int(raw), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise InputError(f"SOURCE_DATE_EPOCH={raw!r}: not a number of seconds since 1970") from None


def writable_folder(folder: str | Path) -> Path:
    """Create ``folder`` (and its parents) or say, before any work, why it cannot be written to."""
    folder = Path(folder)
    for parent in (folder, *folder.parents):
        if parent.exists():
            if not parent.is_dir():
                what = "is a file, not a folder" if parent == folder else f"cannot be made ({parent} is a file)"
                raise OutputError(f"{folder}: {what}")
            break
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{folder}: cannot create the folder ({e.strerror or e.__class__.__name__})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{folder}: cannot write there (permission denied)")
    return folder


def writable_file(path: str | Path) -> Path:
    """Check, before any work, that ``path`` can be written: its folder exists or can be made and
    is writable, and the path is not a folder."""
    path = Path(path)
    if "\0" in str(path):
        raise OutputError(f"{str(path)!r}: not a usable file name")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder, give a file name")
    writable_folder(path.parent if str(path.parent) else Path("."))
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"{path}: cannot write there (permission denied)")
    return path


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder, give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as e:
        raise OutputError(f"{path}: cannot write ({e.strerror or e.__class__.__name__})") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise OutputError(f"{path}: cannot write ({e.strerror or e.__class__.__name__})") from None
        raise
    return path
