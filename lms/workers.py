"""Task workers that say they are alive, and a reaper for the tasks of those that died.

django-tasks-db marks a task RUNNING when a worker claims it and nothing else: a worker killed
mid-task (SIGKILL, the out-of-memory killer, a lost machine) leaves it RUNNING for ever. Here each
worker (`manage.py run_worker`) keeps a `WorkerHeartbeat` row fresh from a thread of its own,
every WORKER_HEARTBEAT_SECONDS, and every worker reaps: a RUNNING task whose worker has been
silent for more than WORKER_SILENCE_SECONDS is queued again, unless it has been claimed
TASK_MAX_ATTEMPTS times already (each claim adds the worker's id to `worker_ids`), in which case
it is marked FAILED with the reason, which staff read under Reports > Background tasks.

The heartbeat is per worker, not per task, so a long task is never taken for lost while its
worker lives. A task queued again may have done part of its work: tasks are written to be run
twice (a certificate render stores a PDF only for a certificate still pending, see
certificates/tasks.py).
"""

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus, task_finished
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from lms.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """What a task given up on failed with: its worker went silent TASK_MAX_ATTEMPTS times."""


LOST_WORKER_CLASS_PATH = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
# Rows of workers gone this long are deleted: nothing refers to them any more.
FORGET_WORKERS_AFTER = timedelta(days=1)


def beat(worker_id: str, started_at=None) -> None:
    """Say that `worker_id` is alive now (and, with `started_at`, that it has just started)."""
    now = timezone.now()
    if started_at is None:
        if WorkerHeartbeat.objects.filter(pk=worker_id).update(last_seen=now):
            return
        started_at = now  # the row went (pruned while this worker stalled): write it again
    WorkerHeartbeat.objects.update_or_create(
        pk=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen": now,
        },
    )


def reap_lost_tasks(*, restarted_worker: str | None = None) -> dict:
    """Queue again, or fail, the RUNNING tasks of workers silent for longer than WORKER_SILENCE_SECONDS.

    `restarted_worker` is a worker id that has just started and claimed nothing yet: its RUNNING
    tasks belong to a previous process of the same id (a restart under systemd) and are lost
    whatever its heartbeat says. Returns {"requeued": n, "failed": n}.
    """
    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.WORKER_SILENCE_SECONDS)
    alive = set(WorkerHeartbeat.objects.filter(last_seen__gt=cutoff).values_list("worker_id", flat=True))
    alive.discard(restarted_worker)
    outcome = {"requeued": 0, "failed": 0}
    running = DBTaskResult.objects.running().only("pk", "started_at", "worker_ids", "task_path")
    for task in running:
        worker = task.worker_ids[-1] if task.worker_ids else ""
        if worker in alive or (worker != restarted_worker and task.started_at and task.started_at > cutoff):
            continue  # a worker that never beat (a plain db_worker) is given the same grace
        if _give_up_or_requeue(task, worker, now):
            outcome["failed" if len(task.worker_ids) >= settings.TASK_MAX_ATTEMPTS else "requeued"] += 1
    WorkerHeartbeat.objects.filter(last_seen__lt=now - FORGET_WORKERS_AFTER).delete()
    return outcome


def _give_up_or_requeue(task: DBTaskResult, worker: str, now) -> bool:
    attempts = len(task.worker_ids)
    # The update names the claim it saw (status and start time): a task its worker finished, or
    # another reaper queued again, in the meantime is left alone.
    claim = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at)
    if attempts < settings.TASK_MAX_ATTEMPTS:
        updated = claim.update(status=TaskResultStatus.READY, started_at=None)
        if updated:
            logger.warning("Task %s (%s) lost with worker %s; queued again", task.pk, task.task_path, worker)
        return bool(updated)
    reason = (
        f"WorkerLost: worker {worker or '?'} stopped (no heartbeat for {settings.WORKER_SILENCE_SECONDS} s) "
        f"while running this task, {attempts} time(s) in all; not retried again (TASK_MAX_ATTEMPTS)."
    )
    updated = claim.update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        return_value=None,
        exception_class_path=LOST_WORKER_CLASS_PATH,
        traceback=reason,
    )
    if updated:
        logger.error("Task %s (%s) failed: %s", task.pk, task.task_path, reason)
        _announce_failure(task.pk)
    return bool(updated)


def _announce_failure(pk) -> None:
    """Send task_finished, as the worker does for a task that raised, so listeners hear of it."""
    result = DBTaskResult.objects.get(pk=pk)
    try:
        task_result = result.task_result
    except Exception:  # the task's code is gone (renamed, removed): nothing can listen for it
        logger.exception("Task %s failed and its task cannot be loaded", pk)
        return
    task_finished.send(sender=type(task_result.task.get_backend()), task_result=task_result)


class Heartbeat:
    """A daemon thread that beats for `worker_id` and reaps every few beats, on its own connection.

    A database error (a restart, a lock on SQLite) is logged and tried again at the next beat; a
    worker whose database is away for longer than the silence is taken for dead by the others,
    and its task queued again, which a task must bear (see the module's docstring).
    """

    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self.every = settings.WORKER_HEARTBEAT_SECONDS
        self.reap_every = max(self.every, settings.WORKER_SILENCE_SECONDS / 3)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"heartbeat-{worker_id}", daemon=True)

    def start(self) -> None:
        beat(self.worker_id, started_at=timezone.now())
        reap_lost_tasks(restarted_worker=self.worker_id)
        self.thread.start()

    def stop(self) -> None:
        """Stop beating and remove the row: a worker that stopped in order leaves no running task."""
        self.stopped.set()
        if self.thread.is_alive():
            self.thread.join(timeout=self.every + 5)
        try:
            WorkerHeartbeat.objects.filter(pk=self.worker_id).delete()
        except DatabaseError:  # the row goes stale instead, and its tasks are reaped all the same
            logger.warning("Worker %s could not remove its heartbeat", self.worker_id)

    def _run(self) -> None:
        last_reap = time.monotonic()
        try:
            while not self.stopped.wait(self.every):
                try:
                    beat(self.worker_id)
                    if time.monotonic() - last_reap >= self.reap_every:
                        last_reap = time.monotonic()
                        outcome = reap_lost_tasks()
                        if any(outcome.values()):
                            logger.warning("Reaped lost tasks: %s", outcome)
                except Exception as error:  # the thread must outlive anything: a dead one means a re-run task
                    logger.warning("Heartbeat of worker %s failed: %s", self.worker_id, error)
                    connections.close_all()  # this thread's connections: the next beat reconnects
        finally:
            connections.close_all()


class SupervisedWorker(Worker):
    """django-tasks-db's worker loop, with a heartbeat (and the reaper) beside it, that outlives
    the database going away.

    Django's health check finds a connection killed while the worker sleeps, but one killed
    between that check and the poll's query (a restart, a failover) makes the poll raise, and
    django-tasks-db's loop then ends the process. Here the worker waits, reconnects and polls
    again; a task it had claimed and not finished is queued again first (reap_lost_tasks with
    its own id), as after a restart.
    """

    reconnect_after = 1.0  # seconds between tries while the database does not answer

    def run(self) -> None:
        heartbeat = Heartbeat(self.worker_id)
        heartbeat.start()
        try:
            while True:
                try:
                    super().run()
                    return
                except (OperationalError, InterfaceError) as error:
                    if not self.running:
                        return
                    logger.warning("Worker %s lost the database (%s); trying again", self.worker_id, error)
                    self._reconnect()
        finally:
            heartbeat.stop()

    def _reconnect(self) -> None:
        connections.close_all()
        while self.running:
            time.sleep(max(self.interval, self.reconnect_after))
            try:
                reap_lost_tasks(restarted_worker=self.worker_id)
                return
            except (OperationalError, InterfaceError) as error:
                logger.warning("Worker %s still without the database (%s)", self.worker_id, error)
                connections.close_all()
