"""`manage.py run_worker`: django-tasks-db's `db_worker`, with a heartbeat and the reaper (lms/workers.py).

Same options as `db_worker`. Run every worker of the pool with it: a plain `db_worker` does not
beat, so its tasks are only left alone for WORKER_SILENCE_SECONDS after they start.
"""

import os

from django.core.management.base import CommandError
from django.db import connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from lms.workers import SupervisedWorker


class Command(DatabaseWorkerCommand):
    help = (
        "Run a database task worker that reports a heartbeat and queues again the tasks of workers "
        "silent for WORKER_SILENCE_SECONDS (failing them after TASK_MAX_ATTEMPTS)."
    )

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, **options):
        if connection.in_atomic_block:
            # Each claim must commit at once, or other workers would run the same task; and a
            # transaction held open for ever would block the database's clean-up.
            raise CommandError("run_worker must run in autocommit mode, not inside a transaction")
        # As db_worker's handle, with SupervisedWorker in place of Worker.
        self.configure_logging(verbosity)
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        queue_names = queue_name.split(",")
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = SupervisedWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the child runs tasks
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
