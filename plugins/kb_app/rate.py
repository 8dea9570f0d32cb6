"""A bound on the rate of writes a server accepts (a token bucket), so that a script posting
events in a loop cannot fill the disk. Per process: each worker has its own bucket."""

from __future__ import annotations

import threading
import time


class RateLimit:
    """Up to `burst` writes at once, refilled at `per_second`."""

    def __init__(self, per_second: float, burst: int, clock=time.monotonic) -> None:  # noqa: ANN001 - a clock in seconds
        self.per_second = per_second
        self.burst = burst
        self.clock = clock
        self._tokens = float(burst)
        self._at = clock()
        self._lock = threading.Lock()

    def allow(self) -> bool:
        """Take one write from the bucket; False when it is empty."""
        with self._lock:
            now = self.clock()
            self._tokens = min(self.burst, self._tokens + (now - self._at) * self.per_second)
            self._at = now
            if self._tokens < 1:
                return False
            self._tokens -= 1
            return True
