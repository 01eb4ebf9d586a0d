"""Is a web host reachable right now? One quick request, with a hard deadline.

``requests``' timeouts do not cover name resolution, so the request runs in
a daemon thread and the answer is whatever it knows by the deadline.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

# A probe: a URL in, None if it answers, else why not (a few words).
Probe = Callable[[str], "str | None"]

TIMEOUT = 2.0  # seconds, all included


def reachable(url: str, timeout: float = TIMEOUT) -> str | None:
    """None when an HTTP server answers at ``url`` (any status) within ``timeout``; else the reason."""
    import requests  # loaded when a probe is made: the offline path never pays for it

    outcome: list[str | None] = []

    def ask() -> None:
        try:
            # Proxies and CA bundle from the environment, as the gtts engine's own requests take them.
            requests.head(url, timeout=timeout, allow_redirects=False)
            outcome.append(None)
        except requests.Timeout:
            outcome.append(f"no answer within {timeout:g} s")
        except requests.ConnectionError:
            outcome.append("cannot connect")
        except Exception as exc:  # anything else still means: not usable now
            outcome.append(type(exc).__name__)

    thread = threading.Thread(target=ask, name="briefing-probe", daemon=True)
    thread.start()
    thread.join(timeout)
    return outcome[0] if outcome else f"no answer within {timeout:g} s"
