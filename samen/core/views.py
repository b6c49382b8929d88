from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from samen.access import policy, rules
from samen.access import selectors as access_selectors
from samen.core import panels
from samen.core.models import Notification
from samen.core.services import notification_mark_read
from samen.registry import selectors as registry_selectors


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    roles = policy.roles(user)
    context = {"roles": roles, "memberships": policy.memberships(user)}
    if roles & rules.FILE_ROLES:
        context["inbox"] = list(registry_selectors.referrals_inbox(user)[:20])
        context["recent"] = registry_selectors.recent_persons(user)
    if roles & rules.AGGREGATES:
        context["totals"] = registry_selectors.enrolment_totals()
        context["totals_by_municipality"] = registry_selectors.enrolment_totals_by_municipality()
    if roles & rules.AUDIT:
        context["to_review"] = access_selectors.break_glass_to_review().count()
    if "citizen" in roles:
        context["own_person_id"] = policy.citizen_person_id(user)
    context["panels"] = panels.for_user(user, roles)
    context["unread"] = Notification.objects.filter(user=user, read_at__isnull=True)[:5]
    return render(request, "core/dashboard.html", context)


@require_GET
@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/notifications.html",
        {"notifications": Notification.objects.filter(user=request.user)[:100]},
    )


@require_POST
@login_required
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification_mark_read(user=request.user, notification_id=pk)
    target = Notification.objects.filter(user=request.user, pk=pk).values_list("url", flat=True)
    url = target.first()
    return redirect(url or "notifications")


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    notification_mark_read(user=request.user)
    return redirect("notifications")
