"""The cluster's locks, in its Redis: one writer per feed, one voicer per chunk.

A feed's lock is named after its folder's path (the same on every worker: a
shared file system mounted at one place). It expires ``FEED_LEASE_S`` after it
was last confirmed, so a worker that died holding it blocks no one for long;
the publisher confirms it holds it just before the first change to the
folder (``daily.publish``): a lock lost (expired, or Redis gone) stops the
publishing with the folder as it was. A claim on a chunk expires after
``CLAIM_S``; a process that waited that long voices the chunk itself.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import redis
from redis.exceptions import LockError, RedisError

from briefing.errors import BriefingError
from briefing.daily.lock import Busy, Lease

FEED_LEASE_S = 120
FEED_WAIT_S = 15 * 60
CLAIM_S = 60


class LockLost(BriefingError):
    """The cluster's lock on a feed is no longer held; nothing was published."""


class RedisLocks:
    def __init__(self, url: str) -> None:
        self.url = url
        self.client = redis.Redis.from_url(url, socket_connect_timeout=10, socket_timeout=30)

    @contextlib.contextmanager
    def feed(self, folder: Path, progress: Callable[[str], None] = lambda _: None) -> Iterator[Lease]:
        name = "briefing:feed:" + hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:32]
        held = self.client.lock(name, timeout=FEED_LEASE_S, blocking_timeout=FEED_WAIT_S, thread_local=False)
        try:
            if not held.acquire(blocking=False):
                progress(f"waiting for another run publishing to {folder}")
                if not held.acquire():
                    raise Busy(f"{folder}: another run has been publishing to it for {FEED_WAIT_S} s; try again later")
        except RedisError as exc:
            raise LockLost(f"{folder}: the cluster's Redis cannot be reached to lock the feed ({exc}); nothing was published") from None
        try:
            yield _Held(held, folder)
        finally:
            with contextlib.suppress(LockError, RedisError):  # expired, or Redis gone: it frees itself
                held.release()

    def claims(self, cache_dir: Path) -> Callable[[str], contextlib.AbstractContextManager[object]]:
        return self._claim

    @contextlib.contextmanager
    def _claim(self, key: str) -> Iterator[None]:
        claim = self.client.lock(f"briefing:claim:{key}", timeout=CLAIM_S, blocking_timeout=CLAIM_S, thread_local=False)
        got = claim.acquire()
        try:
            yield
        finally:
            if got:
                with contextlib.suppress(LockError, RedisError):
                    claim.release()


class _Held(Lease):
    def __init__(self, held: redis.lock.Lock, folder: Path) -> None:
        self.held = held
        self.folder = folder

    def confirm(self) -> None:
        """Raise ``LockLost`` unless the lock is still this process's, its lease renewed."""
        try:
            self.held.reacquire()
        except (LockError, RedisError) as exc:
            raise LockLost(f"{self.folder}: the feed's lock in the cluster's Redis was lost ({exc}); "
                           "nothing was published") from None
