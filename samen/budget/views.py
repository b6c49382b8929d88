"""Budget In Zicht pages: the citizens' budget app "Wakosta?!" (phone first), the
counsellor's view of the budgets shared with them, group work and education."""

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samen.access import audit
from samen.budget import forms, selectors, services
from samen.budget.models import (
    BizEvent,
    Budget,
    Category,
    EducationActivity,
    Entry,
    FairLoan,
    Recurring,
    Share,
)
from samen.core.charts import grouped_bars
from samen.core.forms import add_service_errors, errors_in_words, form_step


def app_user_required(view):
    """The budget app is for citizens: logged in, without a staff membership."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not selectors.is_app_user(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def counsellor_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not selectors.is_counsellor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _budget_or_start(request):
    budget = selectors.own_budget(request.user)
    if budget is None:
        raise Http404
    return budget


def _month_of(request) -> dt.date:
    try:
        return dt.datetime.strptime(request.GET.get("m", ""), "%Y-%m").date()
    except ValueError:
        return selectors.month_start(timezone.localdate())


def _month_context(budget: Budget, month: dt.date) -> dict:
    overview = selectors.month_overview(budget, month)
    chart = grouped_bars(
        _("Gepland en echt per categorie (€)"), [line.label for line in overview.lines],
        {_("Gepland"): [line.planned for line in overview.lines],
         _("Echt"): [line.actual for line in overview.lines]}, unit="€", width=360, height=240,
    ) if overview.lines else ""  # fmt: skip
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    return {"o": overview, "chart": chart, "previous": previous,
            "next": selectors.next_month(month)}  # fmt: skip


# --- registration ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def budget_register(request: HttpRequest) -> HttpResponse:
    """Anyone may start a budget: an e-mail address and a strong password."""
    if request.user.is_authenticated:
        return redirect("budget_month")
    form = forms.RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            budget = services.budget_register(email=form.cleaned_data["email"],
                                              password=form.cleaned_data["password"])  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            login(request, budget.owner, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welkom bij Wakosta?! Je budget is van jou alleen."))
            return redirect("budget_month")
    return render(request, "budget/register.html", {"form": form})


@require_POST
@app_user_required
def budget_start(request: HttpRequest) -> HttpResponse:
    services.budget_start(actor=request.user)
    return redirect("budget_month")


# --- the month ------------------------------------------------------------------------------


@require_GET
@app_user_required
def budget_month(request: HttpRequest) -> HttpResponse:
    budget = selectors.own_budget(request.user)
    if budget is None:
        return render(request, "budget/start.html")
    month = _month_of(request)
    today = timezone.localdate()
    return render(request, "budget/month.html", {
        **_month_context(budget, month), "month": month, "own": True,
        "entry": forms.EntryForm(prefix="e", initial={
            "on": today if month == today.replace(day=1) else month}),
        "plan": forms.PlanForm(prefix="p"), "categories": Category.choices,
        "entries": budget.entries.filter(on__gte=month,
                                         on__lt=selectors.next_month(month))[:100],
    })  # fmt: skip


def _back(month: dt.date):
    from django.urls import reverse

    return redirect(f"{reverse('budget_month')}?m={month:%Y-%m}")


@require_POST
@app_user_required
def budget_entry(request: HttpRequest) -> HttpResponse:
    budget = _budget_or_start(request)
    form = forms.EntryForm(request.POST, prefix="e")
    if form_step(request, form, lambda data: services.entry_add(
            actor=request.user, budget=budget, **data), _("Bewaard.")):  # fmt: skip
        return _back(selectors.month_start(form.cleaned_data["on"]))
    return _back(_month_of(request))


@require_POST
@app_user_required
def budget_plan(request: HttpRequest) -> HttpResponse:
    budget = _budget_or_start(request)
    month = _month_of(request)
    form = forms.PlanForm(request.POST, prefix="p")
    if form.is_valid():
        services.plan_set(actor=request.user, budget=budget, month=month, **form.cleaned_data)
        messages.success(request, _("Het plan is bewaard."))
    else:
        messages.error(request, errors_in_words(form))
    return _back(month)


@require_POST
@app_user_required
def budget_entry_category(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the category an imported (or noted) line got."""

    entry = selectors.own(Entry, request.user, pk)
    if entry is None:
        raise Http404
    try:
        services.entry_recategorise(actor=request.user, entry=entry,
                                    category=request.POST.get("category", ""))  # fmt: skip
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De categorie is aangepast."))
    return _back(selectors.month_start(entry.on))


@require_http_methods(["GET", "POST"])
@app_user_required
def budget_recurring(request: HttpRequest) -> HttpResponse:
    budget = _budget_or_start(request)
    form = forms.RecurringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recurring_add(actor=request.user, budget=budget, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het vaste bedrag staat in je plan van elke maand."))
            return redirect("budget_recurring")
    return render(request, "budget/recurring.html", {
        "form": form, "items": budget.recurring.order_by("category", "pk"),
    })  # fmt: skip


@require_POST
@app_user_required
def budget_recurring_end(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.own(Recurring, request.user, pk)
    if item is None:
        raise Http404
    services.recurring_end(actor=request.user, item=item, last_month=timezone.localdate())
    messages.success(request, _("Gestopt na deze maand."))
    return redirect("budget_recurring")


@require_http_methods(["GET", "POST"])
@app_user_required
def budget_import(request: HttpRequest) -> HttpResponse:
    budget = _budget_or_start(request)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            content = form.cleaned_data["file"].read()
            added, known = services.bank_import(actor=request.user, budget=budget, content=content)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(n)s lijnen ingelezen; %(k)s stonden er al.")
                             % {"n": added, "k": known})  # fmt: skip
            return redirect("budget_month")
    return render(request, "budget/import.html", {"form": form})


@require_http_methods(["GET", "POST"])
@app_user_required
def budget_share(request: HttpRequest) -> HttpResponse:
    """With whom the citizen shares the budget, and who looked."""
    budget = _budget_or_start(request)
    form = forms.ShareForm(request.POST or None, counsellors=selectors.counsellors())
    if request.method == "POST" and form.is_valid():
        try:
            services.share_grant(actor=request.user, budget=budget,
                                 counsellor=form.cleaned_data["counsellor"])  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Je budget is gedeeld. Je kan dat altijd intrekken."))
            return redirect("budget_share")
    return render(request, "budget/share.html", {
        "form": form, "shares": budget.shares.select_related("counsellor"),
        "looked": selectors.who_looked(budget),
    })  # fmt: skip


@require_POST
@app_user_required
def budget_share_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    share = selectors.own(Share, request.user, pk)
    if share is None:
        raise Http404
    services.share_revoke(actor=request.user, share=share)
    messages.success(
        request, _("Het delen is ingetrokken: de begeleider ziet je budget niet meer.")
    )
    return redirect("budget_share")


# --- the counsellor --------------------------------------------------------------------------


@require_GET
@counsellor_required
def budget_shared(request: HttpRequest) -> HttpResponse:
    budgets = selectors.shared_with(request.user).select_related("owner")
    return render(request, "budget/shared.html", {"budgets": budgets})


@require_GET
@counsellor_required
def budget_shared_month(request: HttpRequest, pk: int) -> HttpResponse:
    budget = selectors.shared_with(request.user).filter(pk=pk).first()
    if budget is None:
        raise Http404
    month = _month_of(request)
    audit.record(request.user, "view", budget, purpose="biz", detail={"month": f"{month:%Y-%m}"})
    return render(request, "budget/month.html", {
        **_month_context(budget, month), "month": month, "own": False, "budget": budget,
        "entries": budget.entries.filter(on__gte=month, on__lt=selectors.next_month(month))[:100],
    })  # fmt: skip


# --- group work and education ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@counsellor_required
def biz_groupwork(request: HttpRequest) -> HttpResponse:
    from samen.budget.models import GroupSeries

    form = forms.SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Budget In Zicht is W13's programme: the series are W13's.
        series = services.series_create(actor=request.user, organisation=_w13(),
                                        **form.cleaned_data)  # fmt: skip
        messages.success(request, _("De reeks is aangemaakt."))
        return redirect("biz_series", series.pk)
    return render(request, "budget/groupwork.html", {
        "form": form, "series": GroupSeries.objects.select_related("municipality")
        .prefetch_related("sessions")[:100],
    })  # fmt: skip


def _w13():
    from samen.registry.models import Organisation

    return Organisation.objects.filter(kind="association").order_by("pk").first()


@require_http_methods(["GET", "POST"])
@counsellor_required
def biz_series(request: HttpRequest, pk: int) -> HttpResponse:
    from samen.budget.models import GroupSeries

    series = GroupSeries.objects.filter(pk=pk).first()
    if series is None:
        raise Http404
    people, candidates = selectors.series_people(request.user, series)
    form = forms.SessionForm(request.POST or None, participants=series.participants.filter(
        pk__in=[p.pk for p in people]))  # fmt: skip
    if request.method == "POST" and "person" in request.POST:
        person = selectors.person_in_files(request.user, request.POST.get("person") or 0)
        if person is None:
            raise Http404
        services.participant_add(actor=request.user, series=series, person=person)
        messages.success(request, _("%(p)s neemt deel.") % {"p": person})
        return redirect("biz_series", series.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_hold(actor=request.user, series=series, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De sessie is bewaard."))
            return redirect("biz_series", series.pk)
    audit.record_list(request.user, purpose="biz", page="biz_series",
                      person_ids=[p.pk for p in people])  # fmt: skip
    return render(request, "budget/series.html", {
        "series": series, "form": form, "people": people, "candidates": candidates,
        "sessions": series.sessions.prefetch_related("present"),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@counsellor_required
def biz_education(request: HttpRequest) -> HttpResponse:
    """Budget fairs and toolbox sessions, the mobile fair's calendar, events."""
    posted = {name: request.POST if name in request.POST else None
              for name in ("activity", "loan", "event")}  # fmt: skip
    activity = forms.ActivityForm(posted["activity"], prefix="a")
    loan = forms.LoanForm(posted["loan"], prefix="l")
    event = forms.EventForm(posted["event"], prefix="e")
    for form, save in ((activity, services.record_save), (event, services.record_save),
                       (loan, None)):  # fmt: skip
        if form.is_bound and form.is_valid():
            try:
                if save:
                    save(actor=request.user, obj=form.save(commit=False))
                else:
                    services.fair_loan_book(actor=request.user, loan=form.save(commit=False))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Bewaard."))
                return redirect("biz_education")
    today = timezone.localdate()
    return render(request, "budget/education.html", {
        "activity": activity, "loan": loan, "event": event,
        "activities": EducationActivity.objects.select_related("municipality")[:100],
        "loans": FairLoan.objects.filter(end__gte=today - dt.timedelta(days=30))
        .select_related("municipality"),
        "events": BizEvent.objects.all()[:100],
    })  # fmt: skip
