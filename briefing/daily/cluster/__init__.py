"""Editions on a Celery cluster, Redis its broker and its locks (``pip install 'briefing[cluster]'``).

Only ``briefing editions --cluster`` and ``briefing worker`` import this
package; Celery and redis-py load with it, never for ``make`` or ``daily``.
"""

from briefing.daily.cluster.runner import ClusterRunner, shown
from briefing.daily.cluster.app import REDELIVER_AFTER_S, start_worker

__all__ = ["ClusterRunner", "REDELIVER_AFTER_S", "shown", "start_worker"]
