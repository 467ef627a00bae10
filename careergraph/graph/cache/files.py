"""File helpers of the store and the datasets: digests without OpenSSL, and removal that
tolerates what is already gone."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path


def blake2b_digest(data: bytes = b"", digest_size: int = 64):
    """hashlib's BLAKE2b without importing hashlib, which loads OpenSSL: 3 to 5 ms of every
    command's start, more than the hashing itself takes.

    >>> blake2b_digest(b"careergraph", digest_size=4).hexdigest()
    '5276b229'
    """
    try:
        from _blake2 import blake2b
    except ImportError:  # a Python built without its own BLAKE2
        from hashlib import blake2b
    return blake2b(data, digest_size=digest_size)


def remove_path(path: Path) -> None:
    """Remove a file or a folder tree, if it is there. What cannot be removed now (a
    database still closing) is left for the next prune of stale builds."""
    import shutil  # it loads bz2 and lzma: not at every command's start

    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        gc.collect()
        time.sleep(0.05)
        shutil.rmtree(path, ignore_errors=True)


def open_lock(path: Path):
    """A lock file opened to be written (made if missing, private), never through a
    symbolic link: one planted there would make careergraph create or touch the file it
    points to. Raises OSError (ELOOP for a link)."""
    descriptor = os.open(
        path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600
    )
    return os.fdopen(descriptor, "a")
