"""Where the user's persistent stores and imported datasets live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENVIRONMENT = "CAREERGRAPH_STORE"


def store_location(explicit: str | Path | None = None) -> Path:
    """Where the persistent stores live: ``explicit``, else ``$CAREERGRAPH_STORE``, else the
    platform's cache folder (``~/.cache/careergraph`` on Linux, as platformdirs has it).

    >>> store_location("/srv/stores")
    PosixPath('/srv/stores')
    """
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(ENVIRONMENT):
        return Path(os.environ[ENVIRONMENT]).expanduser()
    if sys.platform.startswith("linux"):
        # The XDG rule, as platformdirs applies it, without its imports (5 ms a call).
        cache = os.environ.get("XDG_CACHE_HOME", "").strip() or "~/.cache"
        return Path(cache).expanduser() / "careergraph"
    import platformdirs

    return platformdirs.user_cache_path("careergraph", appauthor=False)


def datasets_folder(location: str | Path | None = None) -> Path:
    """Where the datasets imported into a store location live (see
    :mod:`careergraph.graph.sources.datasets`)."""
    return store_location(location) / "datasets"
