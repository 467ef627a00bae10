"""Writing output files: whole or not at all, and only to what the path names.

A new or existing regular file is written atomically, through a temporary file in the same
folder renamed over it, so that a failure never leaves a partial file behind (one a kill
left, named with its process, goes at the next write of the same file). Folders on
the way that do not exist are made, and removed again where the write fails. A symbolic
link is followed to its target (the link itself stays). Anything that is not a regular file
(a device such as ``/dev/null`` or ``/dev/stdout``, a FIFO) is written to as a stream, never
renamed over: an ``-o`` mistyped as root must not replace a device node.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
from pathlib import Path

from careergraph.errors import OutputError


def write_file(path: str | Path, content: bytes) -> Path:
    """Write ``content`` to ``path`` (see the module docstring); the path written.

    Folders that do not exist are made (and removed again if the write fails). Raises
    OutputError if a folder cannot be made or written to, or the bytes could not all be
    written.
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
    made = _make_folders(named, folder)
    _remove_left_parts(target)
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=folder
        )
    except OSError as error:
        _remove_folders(made)
        raise OutputError(f"{named}: cannot write there ({error.strerror})") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        _take_over(temporary, target)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        _remove_folders(made)
        if isinstance(error, OSError):
            raise OutputError(f"{named}: cannot write ({error.strerror or error})") from None
        raise
    return named


def _make_folders(named: Path, folder: Path) -> list[Path]:
    """Make ``folder`` and those above it that are missing; the ones made, deepest last."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    made: list[Path] = []
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            continue
        except OSError as error:
            _remove_folders(made)
            raise OutputError(
                f"{named}: cannot make the folder {path} ({error.strerror or error})"
            ) from None
        made.append(path)
    if not folder.is_dir() and not missing:
        raise OutputError(f"{named}: {folder} is not a folder")
    return made


def _remove_folders(made: list[Path]) -> None:
    """Remove the folders :func:`_make_folders` made, deepest first, where still empty."""
    for path in reversed(made):
        try:
            path.rmdir()
        except OSError:
            return


def _take_over(temporary: str, target: Path) -> None:
    """Give the new file what the file it replaces had: its mode and, where this process
    may (as root), its owner; a new file gets the mode the umask leaves (0644 under the
    usual 022). A hard link to the old file keeps the old content: the new file is a new
    inode, renamed into place."""
    try:
        old = os.stat(target)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        return
    os.chmod(temporary, stat.S_IMODE(old.st_mode))
    if os.geteuid() == 0:
        os.chown(temporary, old.st_uid, old.st_gid)


def _remove_left_parts(target: Path) -> None:
    """Remove the temporary files that writes of ``target`` killed before their rename
    left beside it (``.NAME.PID.XXXX.part``, their process gone)."""
    from careergraph.processes import process_gone

    with contextlib.suppress(OSError):
        for part in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
            pid = part.name[len(target.name) + 2 :].split(".", 1)[0]
            if pid.isdigit() and process_gone(int(pid)) and not part.is_symlink():
                part.unlink()
