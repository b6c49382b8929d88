"""Background work of the food module: planning a day's van routes (django-tasks)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from samen.food import routing, selectors
from samen.food.models import PlanStatus, RoutePlan


@task()
def plan_routes(plan_id: int) -> None:
    """Plan (or re-plan) the routes of a route plan's shop day and store the result; the
    page polls the plan's status and progress meanwhile."""
    plan = RoutePlan.objects.select_related("day", "replaces").get(pk=plan_id)

    def progress(text: str) -> None:
        RoutePlan.objects.filter(pk=plan_id).update(progress=text)

    RoutePlan.objects.filter(pk=plan_id).update(status=PlanStatus.RUNNING, progress="start")
    try:
        day, notes = selectors.route_day(plan.day)
        seconds = settings.SAMEN_ROUTE_SECONDS
        matrix = routing.default_matrix()
        if plan.replaces_id:
            before = routing.from_dict(day, plan.replaces.result)
            at = plan.from_time.hour * 3600 + plan.from_time.minute * 60
            result = routing.replan(day, before, plan.dropped_van_id, at, seconds=seconds,
                                    matrix=matrix, progress=progress)  # fmt: skip
        else:
            result = routing.plan_day(day, seconds=seconds, matrix=matrix, progress=progress)
        result.notes.extend(notes)
    except Exception as exc:  # the page shows why; the worker keeps running
        RoutePlan.objects.filter(pk=plan_id).update(
            status=PlanStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    with transaction.atomic():
        RoutePlan.objects.filter(pk=plan_id).update(
            status=PlanStatus.DONE, progress="", result=routing.as_dict(result),
            finished_at=timezone.now(),
        )  # fmt: skip
