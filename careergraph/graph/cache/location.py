"""Where the user's persistent stores and imported datasets live."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from careergraph.errors import StoreWriteError, UnsafeStoreError

ENVIRONMENT = "CAREERGRAPH_STORE"


def store_location(explicit: str | Path | None = None) -> Path:
    """Where the persistent stores live: ``explicit``, else ``$CAREERGRAPH_STORE``, else the
    platform's cache folder (``~/.cache/careergraph`` on Linux, as platformdirs has it).

    >>> store_location("/srv/stores")
    PosixPath('/srv/stores')
    """
    if explicit:
        return _refuse_others_links(_usable(Path(explicit).expanduser()))
    if os.environ.get(ENVIRONMENT):
        return _refuse_others_links(_usable(Path(os.environ[ENVIRONMENT]).expanduser()))
    if sys.platform.startswith("linux"):
        # The XDG rule, as platformdirs applies it, without its imports (5 ms a call).
        cache = os.environ.get("XDG_CACHE_HOME", "").strip() or "~/.cache"
        return _refuse_others_links(Path(cache).expanduser() / "careergraph")
    import platformdirs

    return _refuse_others_links(platformdirs.user_cache_path("careergraph", appauthor=False))


def datasets_folder(location: str | Path | None = None) -> Path:
    """Where the datasets imported into a store location live (see
    :mod:`careergraph.graph.sources.datasets`)."""
    return store_location(location) / "datasets"


def _usable(location: Path) -> Path:
    """``location``, if the system can name it (not too long, no NUL); else StoreWriteError.

    >>> _usable(Path("/x" * 3000))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    careergraph.errors.StoreWriteError: cannot use the store at /x/x/x/x/x/x/x/x/x/x/x/x/...
    """
    try:
        os.stat(location)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except (OSError, ValueError) as error:
        shown = str(location) if len(str(location)) <= 60 else str(location)[:40] + "..."
        reason = getattr(error, "strerror", None) or str(error)
        raise StoreWriteError(f"cannot use the store at {shown} ({reason})") from None
    return location


def make_private(folder: Path) -> None:
    """Create ``folder`` (and its parents) if missing; the folders created are readable and
    writable by their user only (0700)."""
    missing = []
    for path in (folder, *folder.parents):
        if path.exists():
            break
        missing.append(path)
    folder.mkdir(parents=True, exist_ok=True)
    for path in missing:
        os.chmod(path, 0o700)


def refuse_shared(*folders: Path) -> None:
    """UnsafeStoreError for a folder (of those that exist) that another user owns or that
    its group or others can write to: a file planted there would be read as the store's.

    >>> refuse_shared(Path("/no/such/folder"))
    """
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    for folder in folders:
        try:
            info = os.stat(folder)
        except FileNotFoundError:
            continue
        except OSError:
            continue  # unreadable: the command's own access to it will say so
        if uid is not None and info.st_uid != uid:
            raise UnsafeStoreError(
                f"the store at {folder} belongs to another user: not used (choose your own "
                f"with --store or ${ENVIRONMENT})"
            )
        if info.st_mode & 0o022:
            raise UnsafeStoreError(
                f"the store at {folder} can be written by others (mode "
                f"{info.st_mode & 0o777:o}): not used, since anything planted there would be "
                f"read as careergraph's (chmod go-w {folder}, or choose another with --store)"
            )


def _refuse_others_links(folder: Path) -> Path:
    """``folder``; UnsafeStoreError where it or a folder above it is a symbolic link
    another user (not root) owns: in a shared folder such as /tmp, anyone can point a link
    named as your store at files of yours, which careergraph would then write and clear.

    >>> _refuse_others_links(Path("/no/such/folder"))
    PosixPath('/no/such/folder')
    """
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    for path in (folder, *folder.parents) if uid is not None else ():
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISLNK(info.st_mode) and info.st_uid not in (uid, 0):
            raise UnsafeStoreError(
                f"the store at {folder} goes through {path}, a symbolic link another user "
                f"owns: not used (choose your own with --store or ${ENVIRONMENT})"
            )
    return folder
