"""Processes on this machine: whether the one that left a work folder behind still runs."""

from __future__ import annotations

import os


def process_gone(pid: int) -> bool:
    """Whether no process of that id runs on this machine (a left-over work folder's owner).

    >>> process_gone(os.getpid())
    False
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, ValueError):
        return pid <= 0
    return False
