"""Background work (django-tasks on the database queue): which worker runs a task, and
what becomes of a task whose worker died in the middle of it (kill -9, a crash, the
machine restarting) — marked failed, with its own record told, so it can be started
again instead of staying "running" forever."""

import os
import socket

from django.utils.module_loading import import_string

# Per task: the function that marks its own record as interrupted (called with its args).
ON_INTERRUPTED = {"samen.food.tasks.plan_routes": "samen.food.services.route_plan_interrupted"}


class WorkerStopped(RuntimeError):
    """The worker process that ran this task stopped before it finished."""


def _host() -> str:
    return socket.gethostname()[:40]


def worker_id() -> str:
    """Names the machine and the process, so a later worker on this machine can tell
    that the process which claimed a task is gone."""
    return f"{_host()}:{os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def fail_interrupted() -> int:
    """Mark the running tasks whose worker on this machine no longer exists as failed."""
    from django_tasks_db.models import DBTaskResult

    count = 0
    for result in DBTaskResult.objects.running():
        host, _sep, pid = ((result.worker_ids or [""])[-1]).rpartition(":")
        if host != _host() or not pid.isdigit() or _alive(int(pid)):
            continue
        result.set_failed(WorkerStopped(f"worker {pid} stopped during the task"))
        if result.task_path in ON_INTERRUPTED:
            import_string(ON_INTERRUPTED[result.task_path])(*result.args_kwargs["args"])
        count += 1
    return count
