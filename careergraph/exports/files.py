"""Writing output files: whole or not at all, and only to what the path names.

A new or existing regular file is written atomically, through a temporary file in the same
folder renamed over it, so that a failure never leaves a partial file behind. A symbolic
link is followed to its target (the link itself stays). Anything that is not a regular file
(a device such as ``/dev/null`` or ``/dev/stdout``, a FIFO) is written to as a stream, never
renamed over: an ``-o`` mistyped as root must not replace a device node.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from careergraph.errors import OutputError


def write_file(path: str | Path, content: bytes) -> Path:
    """Write ``content`` to ``path`` (see the module docstring); the path written.

    The folder must exist; it is not created. Raises OutputError if the folder is missing,
    not writable, or the bytes could not all be written.
    """
    named = Path(path)
    try:
        mode = os.stat(named).st_mode  # through links: /dev/stdout is one, to a pipe perhaps
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise OutputError(f"{named}: cannot write there ({error.strerror or error})") from None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise OutputError(f"{named}: is a folder, not a file")
        return _write_stream(named, named, content)
    target = Path(os.path.realpath(named)) if named.is_symlink() else named
    return _write_atomically(named, target, content)


def _write_stream(named: Path, target: Path, content: bytes) -> Path:
    try:
        with open(target, "wb", buffering=0) as handle:
            view = memoryview(content)
            while view:
                view = view[handle.write(view) :]
    except OSError as error:
        raise OutputError(f"{named}: cannot write ({error.strerror or error})") from None
    return named


def _write_atomically(named: Path, target: Path, content: bytes) -> Path:
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{named}: the folder {folder} does not exist")
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=folder
        )
    except OSError as error:
        raise OutputError(f"{named}: cannot write there ({error.strerror})") from None
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
            raise OutputError(f"{named}: cannot write ({error.strerror or error})") from None
        raise
    return named
