"""Writing output files so that a failure never leaves a partial file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from careergraph.errors import BadInputError


def write_atomically(path: str | Path, content: bytes) -> Path:
    """Write ``content`` to ``path`` through a temporary file in the same folder, then rename.

    The folder must exist; it is not created. Raises BadInputError if the folder is missing
    or not writable.
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise BadInputError(f"{target}: the folder {folder} does not exist")
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=folder
        )
    except OSError as error:
        raise BadInputError(f"{target}: cannot write there ({error.strerror})") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise BadInputError(f"{target}: cannot write ({error.strerror or error})") from None
        raise
    return target
