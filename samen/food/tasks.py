"""Background work of the food module (django-tasks): planning a day's van routes."""

from django_tasks import task

from samen.food import services


@task()
def plan_routes(plan_id: int) -> None:
    services.route_plan_compute(plan_id)
