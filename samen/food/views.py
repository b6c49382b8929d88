"""The hub's pages: intake on a tablet, lots with their label, stock FEFO."""

import datetime as dt
import io

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samen.access import policy, rules
from samen.access.decorators import role_required
from samen.core.forms import add_service_errors, errors_in_words, perform
from samen.core.pdf import render_pdf
from samen.food import forms, selectors, services
from samen.food.models import Decision


def _lot_or_404(code: str):
    lot = selectors.lot_by_code(code)
    if lot is None:
        raise Http404
    return lot


@require_http_methods(["GET", "POST"])
@role_required(rules.FOOD_STOCK)
def intake(request: HttpRequest) -> HttpResponse:
    choices = selectors.intake_choices()
    last = request.session.get("food_intake_last", {})
    form = forms.IntakeForm(
        request.POST or None,
        choices=choices,
        initial={k: v for k, v in last.items() if k in ("pickup_point", "van")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pickup = services.pickup_for_round(
                actor=request.user, pickup_point=data["pickup_point"], van=data["van"]
            )
            lot = services.lot_receive(
                actor=request.user, pickup=pickup, product=data["product"], kg=data["kg"],
                crates=data["crates"], units=data["units"] or 0, date_kind=data["date_kind"],
                expiry=data["expiry"], arrival_celsius=data["arrival_celsius"],
                location=data["location"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session["food_intake_last"] = {
                "pickup_point": data["pickup_point"].pk,
                "van": data["van"] and data["van"].pk,
            }
            if lot.decision == Decision.REFUSED:
                messages.error(request, _("Geweigerd: %(why)s") % {"why": lot.decision_note})
            elif lot.decision == Decision.QUARANTINED:
                messages.warning(request, _("In quarantaine: %(why)s") % {"why": lot.decision_note})
            else:
                messages.success(request, _("Lot %(code)s aanvaard.") % {"code": lot.code})
            return redirect("food_lot", lot.code)
    return render(request, "food/intake.html", {
        "form": form, "empty_form": forms.EmptyPickupForm(choices=choices),
        "recent": selectors.recent_lots(),
    })  # fmt: skip


@require_POST
@role_required(rules.FOOD_STOCK)
def pickup_empty(request: HttpRequest) -> HttpResponse:
    form = forms.EmptyPickupForm(request.POST, choices=selectors.intake_choices())
    if form.is_valid():
        perform(
            request,
            lambda: services.pickup_record_empty(
                actor=request.user,
                pickup_point=form.cleaned_data["pickup_point"],
                reason=form.cleaned_data["nothing_reason"],
            ),
            _("Ophaling zonder voedsel geregistreerd."),
        )
    else:
        messages.error(request, _("Niets opgehaald: kies het ophaalpunt en geef de reden."))
    return redirect("food_intake")


@require_GET
@role_required(rules.FOOD_STOCK)
def lot_find(request: HttpRequest) -> HttpResponse:
    form = forms.LotFindForm(request.GET or None)
    if form.is_valid():
        lot = selectors.lot_by_code(form.cleaned_data["code"])
        if lot:
            return redirect("food_lot", lot.code)
        form.add_error("code", _("Geen lot met deze code."))
    return render(request, "food/lot_find.html", {"form": form})


def _qr_svg(text: str) -> str:
    out = io.BytesIO()
    segno.make(text, error="m").save(
        out, kind="svg", scale=5, xmldecl=False, svgns=True, title=text
    )
    return mark_safe(out.getvalue().decode())  # our own SVG: no user markup in it


@require_GET
@role_required(rules.FOOD_STOCK)
def lot_detail(request: HttpRequest, code: str) -> HttpResponse:
    lot = _lot_or_404(code)
    return render(request, "food/lot_detail.html", {
        "lot": lot, "state": selectors.lot_state(lot), "events": selectors.lot_history(lot),
        "qr": _qr_svg(request.build_absolute_uri(f"/voeding/lot/{lot.code}/")),
        "write_off_form": forms.WriteOffForm(), "release_form": forms.ReleaseForm(),
        "count_form": forms.CountForm(), "move_form": forms.MoveForm(),
        "can_release": policy.has_role(request.user, rules.FOOD_RELEASE),
        "can_write_off": policy.has_role(request.user, rules.FOOD_WRITE_OFF),
    })  # fmt: skip


@require_GET
@role_required(rules.FOOD_STOCK)
def lot_label(request: HttpRequest, code: str) -> HttpResponse:
    lot = _lot_or_404(code)
    return render(request, "food/lot_label.html", {
        "lot": lot, "qr": _qr_svg(request.build_absolute_uri(f"/voeding/lot/{lot.code}/")),
    })  # fmt: skip


def _lot_action(request: HttpRequest, code: str, form_class, action, success: str):
    lot = _lot_or_404(code)
    form = form_class(request.POST)
    if form.is_valid():
        perform(request, lambda: action(lot, form.cleaned_data), success)
    else:
        messages.error(request, errors_in_words(form))
    return redirect("food_lot", lot.code)


@require_POST
@role_required(rules.FOOD_WRITE_OFF | rules.FOOD_RELEASE)
def lot_write_off(request: HttpRequest, code: str) -> HttpResponse:
    return _lot_action(
        request,
        code,
        forms.WriteOffForm,
        lambda lot, d: services.lot_write_off(
            actor=request.user,
            lot=lot,
            reason=d["reason"],
            destination=d["destination"],
            kg=d["kg"],
            note=d["note"],
        ),
        _("Afgeboekt."),
    )


@require_POST
@role_required(rules.FOOD_RELEASE)
def lot_release(request: HttpRequest, code: str) -> HttpResponse:
    return _lot_action(
        request,
        code,
        forms.ReleaseForm,
        lambda lot, d: services.lot_release(actor=request.user, lot=lot, note=d["note"]),
        _("Vrijgegeven."),
    )


@require_POST
@role_required(rules.FOOD_STOCK)
def lot_count(request: HttpRequest, code: str) -> HttpResponse:
    return _lot_action(
        request,
        code,
        forms.CountForm,
        lambda lot, d: services.lot_count(
            actor=request.user, lot=lot, counted_kg=d["counted_kg"], reason=d["reason"]
        ),
        _("Telling geregistreerd."),
    )


@require_POST
@role_required(rules.FOOD_STOCK)
def lot_move(request: HttpRequest, code: str) -> HttpResponse:
    return _lot_action(
        request,
        code,
        forms.MoveForm,
        lambda lot, d: services.lot_move(actor=request.user, lot=lot, location=d["location"]),
        _("Verplaatst."),
    )


@require_GET
@role_required(rules.FOOD_STOCK)
def stock(request: HttpRequest) -> HttpResponse:
    lots = list(selectors.lots_with_stock())
    locations = selectors.locations_by_id()
    for lot in lots:
        lot.location_now = locations.get(lot.location_id_now)
    return render(request, "food/stock.html", {
        "lots": lots, "expiring": list(selectors.expiring_lots()),
        "totals": selectors.stock_totals(),
    })  # fmt: skip


# --- the W13 SHOP ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(rules.FOOD_SHOP_ADMIN)
def shop_admin(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    day = selectors.shop_day_for(today)
    form = forms.PublishForm(request.POST or None)
    if request.method == "POST" and day is None and form.is_valid():
        cut_off = timezone.make_aware(dt.datetime.combine(today, form.cleaned_data["cut_off"]))
        try:
            services.shop_day_publish(
                actor=request.user,
                date=today,
                cut_off=cut_off,
                kg_per_person=form.cleaned_data["kg_per_person"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De shop van vandaag is gepubliceerd."))
            return redirect("shop_admin")
    return render(request, "food/shop_admin.html", {
        "day": day, "form": form, "offers": selectors.shop_offers(day) if day else [],
        "orders": selectors.orders_of_day(day) if day else [],
    })  # fmt: skip


@require_POST
@role_required(rules.FOOD_SHOP_ADMIN)
def shop_close(request: HttpRequest) -> HttpResponse:
    day = selectors.shop_day_for(timezone.localdate())
    if day is None:
        raise Http404
    perform(
        request,
        lambda: services.shop_day_close(actor=request.user, day=day),
        _("De shop is afgesloten en de bestellingen zijn toegewezen."),
    )
    return redirect("shop_admin")


def _own_organisation(request: HttpRequest):
    try:
        return services.recipient_organisation(request.user)
    except PermissionDenied:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
@role_required(rules.FOOD_ORDER)
def shop_order(request: HttpRequest) -> HttpResponse:
    organisation = _own_organisation(request)
    day = selectors.shop_day_for(timezone.localdate())
    order = selectors.order_of(organisation, day) if day else None
    offers = selectors.shop_offers(day) if day else []
    form = forms.OrderForm(request.POST or None, offers=offers, order=order)
    if request.method == "POST" and day and form.is_valid():
        try:
            services.order_save(actor=request.user, day=day, lines=form.lines())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Bestelling bewaard. Je kan ze aanpassen tot %(t)s.")
                % {"t": timezone.localtime(day.cut_off).strftime("%H:%M")},
            )
            return redirect("shop_order")
    return render(request, "food/shop_order.html", {
        "standing": selectors.standing_orders_of(organisation),
        "standing_form": forms.StandingOrderForm(),
        "day": day, "order": order, "form": form, "organisation": organisation,
    })  # fmt: skip


def _order_for(request: HttpRequest, pk: int):
    """The hub sees every order; a food organisation only its own (else 404)."""
    order = selectors.order_for_hub(pk)
    if order is None:
        raise Http404
    if not policy.has_role(request.user, rules.FOOD_STOCK) and (
        order.organisation != _own_organisation(request)
    ):
        raise Http404
    return order


@require_GET
@role_required(rules.FOOD_STOCK)
def order_pick_list(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order_for(request, pk)
    return render(request, "food/pick_list.html", {
        "order": order, "allocations": selectors.pick_list(order),
    })  # fmt: skip


@require_POST
@role_required(rules.FOOD_STOCK)
def order_pick(request: HttpRequest, pk: int) -> HttpResponse:
    order = _order_for(request, pk)
    perform(
        request,
        lambda: services.order_pick(actor=request.user, order=order),
        _("Bestelling gepickt."),
    )
    return redirect("order_pick_list", order.pk)


@require_http_methods(["GET", "POST"])
@role_required(rules.FOOD_STOCK | rules.FOOD_ORDER)
def order_delivery(request: HttpRequest, pk: int) -> HttpResponse:
    """Delivery note and its confirmation: received kg per line and who received it."""
    order = _order_for(request, pk)
    lines = [line for line in order.lines.select_related("product") if line.granted_kg]
    form = forms.DeliveryForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.delivery_confirm(
                actor=request.user, order=order, received=form.received(),
                receiver_name=data["receiver_name"], shortfall=data["shortfall"],
                note=data["note"], at_hub=selectors.picks_up_at_hub(order.organisation),
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Levering bevestigd."))
            return redirect("order_delivery", order.pk)
    return render(request, "food/delivery.html", {"order": order, "lines": lines, "form": form})


@require_GET
@role_required(rules.FOOD_STOCK)
def lot_trace(request: HttpRequest, code: str) -> HttpResponse:
    lot = _lot_or_404(code)
    return render(request, "food/trace.html", {
        "title": _("Traceerbaarheid van lot %(code)s") % {"code": lot.code}, "lots": [lot],
        "rows": selectors.lot_recipients([lot]), "notify_form": forms.RecallNotifyForm(),
        "notify_url": reverse("food_recall_notify") + f"?lot={lot.code}",
        "can_notify": policy.has_role(request.user, rules.FOOD_SHOP_ADMIN),
    })  # fmt: skip


@require_GET
@role_required(rules.FOOD_SHOP_ADMIN)
def recall(request: HttpRequest) -> HttpResponse:
    """A donor's product recalled for a period: who received it, in one look."""
    form = forms.RecallForm(request.GET or None, donors=selectors.donors())
    lots, rows = [], None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        lots = list(
            selectors.recall_lots(
                donor=data["donor"],
                product=data["product"],
                date_from=data["date_from"],
                date_to=data["date_to"],
            )
        )
        rows = selectors.lot_recipients(lots)
    return render(request, "food/trace.html", {
        "title": _("Terugroeping"), "form": form, "lots": lots, "rows": rows,
        "notify_form": forms.RecallNotifyForm(),
        "notify_url": reverse("food_recall_notify") + "?" + request.GET.urlencode(),
        "can_notify": True,
    })  # fmt: skip


@require_POST
@role_required(rules.FOOD_SHOP_ADMIN)
def recall_notify(request: HttpRequest) -> HttpResponse:
    if "lot" in request.GET:
        lots = [_lot_or_404(request.GET["lot"])]
    else:
        search = forms.RecallForm(request.GET, donors=selectors.donors())
        if not search.is_valid():
            raise Http404
        d = search.cleaned_data
        lots = list(
            selectors.recall_lots(
                donor=d["donor"],
                product=d["product"],
                date_from=d["date_from"],
                date_to=d["date_to"],
            )
        )
    form = forms.RecallNotifyForm(request.POST)
    if form.is_valid():
        told = []
        if perform(
            request,
            lambda: told.append(
                services.recall_notify(
                    actor=request.user, lots=lots, reason=form.cleaned_data["reason"]
                )
            ),
        ):
            messages.success(request, _("%(n)s organisatie(s) verwittigd.") % {"n": told[0]})
    else:
        messages.error(request, _("Reden van de terugroeping: verplicht."))
    return redirect(request.META.get("HTTP_REFERER") or "food_stock")


# --- trainee workers -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(rules.FOOD_STOCK)
def roster(request: HttpRequest) -> HttpResponse:
    """The week's shifts, for everyone at the hub; coaches plan them."""
    try:
        day = (
            dt.date.fromisoformat(request.GET.get("dag", ""))
            if request.GET.get("dag")
            else timezone.localdate()
        )
    except ValueError:
        day = timezone.localdate()
    days = selectors.week_of(day)
    can_plan = policy.has_role(request.user, rules.FOOD_COACH)
    form = forms.ShiftForm(request.POST or None, trainees=selectors.trainees())
    if request.method == "POST":
        if not can_plan:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.shift_plan(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Shift gepland."))
                return redirect(f"{reverse('food_roster')}?dag={form.cleaned_data['date']}")
    return render(request, "food/roster.html", {
        "days": days, "roster": selectors.roster(days), "form": form if can_plan else None,
        "previous": days[0] - dt.timedelta(days=7), "next": days[0] + dt.timedelta(days=7),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.FOOD_COACH)
def trainee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Contract, shifts and the coaches' progress notes (coaches only)."""
    trainee = selectors.trainee_file(pk)
    if trainee is None:
        raise Http404
    form = forms.ProgressNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_note_add(actor=request.user, trainee=trainee, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Notitie bewaard."))
            return redirect("food_trainee", trainee.pk)
    return render(
        request,
        "food/trainee.html",
        {"trainee": trainee, "form": form, "trainees": selectors.trainees()},
    )


MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


@require_GET
@role_required(rules.FOOD_STOCK)
def food_dashboard(request: HttpRequest) -> HttpResponse:
    """The year so far: figures, collected and distributed per month, donors, organisations."""
    from django.conf import settings

    from samen.core.charts import grouped_bars

    today = timezone.localdate()
    start = today.replace(month=1, day=1)
    figures = selectors.food_figures(start, today)
    days, daily = selectors.daily_kg(today)
    mondays, weekly = selectors.weekly_kg(today)
    monthly = selectors.monthly_kg(today.year)
    collected, wasted = figures["food.collected_kg"], figures["food.wasted_kg"]
    return render(request, "food/dashboard.html", {
        "figures": figures, "year": today.year, "target": settings.SAMEN_FOOD_YEARLY_TARGET_KG,
        "waste_pct": round(100 * wasted / collected, 1) if collected else None,
        "progress_pct": round(100 * figures["food.target_progress"], 1)
        if figures["food.target_progress"] is not None else None,
        "chart": grouped_bars(_("Opgehaald en verdeeld per maand (kg)"), MONTHS, {
            _("opgehaald"): monthly["collected"], _("verdeeld"): monthly["distributed"]}),
        "daily_chart": grouped_bars(_("Opgehaald en verdeeld per dag (kg)"),
                                    [f"{d:%d/%m}" for d in days], {
            _("opgehaald"): daily["collected"], _("verdeeld"): daily["distributed"]}),
        "weekly_chart": grouped_bars(_("Opgehaald en verdeeld per week (kg)"),
                                     [f"{m:%d/%m}" for m in mondays], {
            _("opgehaald"): weekly["collected"], _("verdeeld"): weekly["distributed"]}),
        "donors": selectors.kg_by_donor(start, today),
        "organisations": selectors.kg_by_organisation(start, today),
    })  # fmt: skip


# --- cold chain (HACCP) --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@role_required(rules.FOOD_STOCK)
def cold_chain(request: HttpRequest) -> HttpResponse:
    from samen.food.models import Van

    form = forms.ReadingForm(request.POST or None, spaces=selectors.spaces())
    if request.method == "POST" and form.is_valid():
        space = form.cleaned_data["space"]
        where = {"van": space} if isinstance(space, Van) else {"location": space}
        try:
            reading = services.reading_record(
                actor=request.user, celsius=form.cleaned_data["celsius"], **where
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if reading.out_of_range:
                messages.error(
                    request,
                    _("Buiten de grens: de loten in %(s)s staan in quarantaine.") % {"s": space},
                )
            else:
                messages.success(request, _("Meting bewaard."))
            return redirect("food_cold_chain")
    return render(request, "food/cold_chain.html", {
        "form": form, "alerts": selectors.open_alerts(), "readings": selectors.recent_readings(),
        "resolve_form": forms.AlertResolveForm(),
        "can_resolve": policy.has_role(request.user, rules.FOOD_RELEASE),
        "sensor_form": forms.SensorForm(spaces=selectors.spaces())
        if policy.has_role(request.user, rules.FOOD_SHOP_ADMIN) else None,
        "today": timezone.localdate(),
    })  # fmt: skip


@require_POST
@role_required(rules.FOOD_RELEASE)
def alert_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    alert = selectors.open_alerts().filter(pk=pk).first()
    if alert is None:
        raise Http404
    form = forms.AlertResolveForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: services.alert_resolve(
                actor=request.user, alert=alert, note=form.cleaned_data["note"]
            ),
            _("Alarm afgehandeld. Beslis per lot: vrijgeven of afboeken."),
        )
    else:
        messages.error(request, _("Beschrijf wat er gebeurde en wat er gedaan is."))
    return redirect("food_cold_chain")


@require_GET
@role_required(rules.FOOD_STOCK)
def haccp_register(request: HttpRequest) -> HttpResponse:
    """The day's HACCP register as a PDF: readings, alerts, quarantines and write-offs."""
    from django.template.loader import render_to_string

    from samen.registry.forms import DateField

    try:
        day = (
            DateField().clean(request.GET.get("dag"))
            if request.GET.get("dag")
            else timezone.localdate()
        )
    except ValidationError:
        raise Http404 from None
    html = render_to_string("food/haccp.html", {
        "day": day, "readings": selectors.readings_on(day),
        "events": selectors.stock_events_on(day, kinds=("quarantine", "release", "write_off")),
        "intake": selectors.lots_received_on(day),
    }, request=request)  # fmt: skip
    pdf = render_pdf(html)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="haccp-{day:%Y-%m-%d}.pdf"'
    return response


@require_GET
@role_required(rules.FOOD_STOCK)
def order_crate_labels(request: HttpRequest, pk: int) -> HttpResponse:
    """One label per crate: organisation, day, delivery window, crate n of N, a QR code that
    opens the delivery note."""
    order = _order_for(request, pk)
    crates = selectors.crates_for(order)
    qr = _qr_svg(request.build_absolute_uri(reverse("order_delivery", args=[order.pk])))
    return render(request, "food/crate_labels.html", {
        "order": order, "labels": range(1, crates + 1), "crates": crates, "qr": qr,
        "profile": selectors.recipient_of(order.organisation),
    })  # fmt: skip


@require_POST
@role_required(rules.FOOD_ORDER)
def standing_order_save(request: HttpRequest) -> HttpResponse:
    form = forms.StandingOrderForm(request.POST)
    if form.is_valid():
        perform(
            request,
            lambda: services.standing_order_save(actor=request.user, **form.cleaned_data),
            _("Vaste bestelling bewaard."),
        )
    else:
        messages.error(request, errors_in_words(form))
    return redirect("shop_order")


@require_POST
@role_required(rules.FOOD_ORDER)
def standing_order_delete(request: HttpRequest, pk: int) -> HttpResponse:
    standing = selectors.standing_orders_of(_own_organisation(request)).filter(pk=pk).first()
    if standing is None:
        raise Http404
    services.standing_order_delete(actor=request.user, standing=standing)
    messages.success(request, _("Vaste bestelling geschrapt."))
    return redirect("shop_order")


# --- master data ---------------------------------------------------------------------------


def _master_kind(slug: str):
    from samen.food.masterdata import KINDS

    if slug not in KINDS:
        raise Http404
    return KINDS[slug]


@require_GET
@role_required(rules.FOOD_SHOP_ADMIN)
def master_list(request: HttpRequest, kind: str) -> HttpResponse:
    from samen.food.masterdata import KINDS

    spec = _master_kind(kind)
    rows = selectors.master_rows(spec)
    return render(request, "food/master_list.html", {
        "kind": kind, "spec": spec, "rows": rows, "kinds": KINDS,
        "headers": [spec.model._meta.get_field(c).verbose_name for c in spec.columns],
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.FOOD_SHOP_ADMIN)
def master_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    from samen.food.masterdata import form_for

    spec = _master_kind(kind)
    instance = selectors.master_record(spec, pk) if pk else spec.model()
    if instance is None:
        raise Http404
    form = form_for(spec)(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.master_save(actor=request.user, instance=instance, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Bewaard."))
            return redirect("food_master_list", kind)
    return render(
        request,
        "food/master_form.html",
        {"form": form, "spec": spec, "kind": kind, "instance": instance},
    )


@require_POST
@role_required(rules.FOOD_SHOP_ADMIN)
def sensor_register(request: HttpRequest) -> HttpResponse:
    """A new sensor: its token is shown once, here, to type into the device."""
    from samen.food.models import Van

    form = forms.SensorForm(request.POST, spaces=selectors.spaces())
    if not form.is_valid():
        messages.error(request, _("Sensor: geef een naam en kies de ruimte."))
        return redirect("food_cold_chain")
    space = form.cleaned_data["space"]
    where = {"van": space} if isinstance(space, Van) else {"location": space}
    try:
        _device, token = services.sensor_register(
            actor=request.user, name=form.cleaned_data["name"], **where
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.warning(
            request,
            _("Sensor geregistreerd. Zijn sleutel (wordt maar één keer getoond): %(t)s")
            % {"t": token},
        )
    return redirect("food_cold_chain")


# --- Route planning ----------------------------------------------------------------------


def _shop_day_from(request: HttpRequest):
    """The shop day of ?dag=dd/mm/yyyy, else today's."""
    from samen.registry.forms import DateField

    try:
        date = DateField().clean(request.GET.get("dag")) if request.GET.get("dag") else None
    except ValidationError:
        raise Http404 from None
    return selectors.shop_day_for(date or timezone.localdate())


@require_http_methods(["GET", "POST"])
@role_required(rules.FOOD_STOCK)
def route_plans(request: HttpRequest) -> HttpResponse:
    """The day's route plans (the hub's staff print their sheets here); the coordinator
    starts a planning, which runs in the background."""
    day = _shop_day_from(request)
    can_plan = policy.has_role(request.user, rules.FOOD_SHOP_ADMIN)
    if request.method == "POST" and not can_plan:
        raise PermissionDenied
    if request.method == "POST" and day is not None:
        try:
            plan = services.route_plan_request(actor=request.user, day=day)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect("route_plan", plan.pk)
    return render(request, "food/route_plans.html", {
        "day": day, "plans": selectors.route_plans_of(day) if day else [],
        "recent": selectors.recent_route_plans(), "can_plan": can_plan,
    })  # fmt: skip


def _plan_or_404(pk: int):
    from samen.food.models import RoutePlan

    try:
        return selectors.route_plan(pk)
    except RoutePlan.DoesNotExist:
        raise Http404 from None


def _plan_vans(plan):
    """The vans that drive in this plan: the ones that can drop out of it."""
    return [r["van"] for r in plan.result.get("routes", [])]


@require_GET
@role_required(rules.FOOD_STOCK)
def route_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """One plan: progress while it is made, then the routes, the map and the sheets."""
    from django.conf import settings

    from samen.food import routing

    plan = _plan_or_404(pk)
    routes_map = ""
    if plan.result.get("routes"):
        routes_map = mark_safe(  # escaped names and numbers only
            routing.svg_map(plan.result, settings.SAMEN_HUB_LATITUDE, settings.SAMEN_HUB_LONGITUDE)
        )
    can_plan = policy.has_role(request.user, rules.FOOD_SHOP_ADMIN)
    return render(request, "food/route_plan.html", {
        "plan": plan, "map": routes_map, "can_plan": can_plan,
        "replan_form": forms.ReplanForm(vans=_plan_vans(plan)) if can_plan else None,
        "waiting": plan.status in ("queued", "running"),
    })  # fmt: skip


@require_POST
@role_required(rules.FOOD_SHOP_ADMIN)
def route_replan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(pk)
    form = forms.ReplanForm(request.POST, vans=_plan_vans(plan))
    if form.is_valid():
        try:
            new = services.route_plan_request(
                actor=request.user, day=plan.day, replaces=plan,
                dropped_van=form.cleaned_data["van"], from_time=form.cleaned_data["from_time"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("route_plan", new.pk)
    messages.error(request, errors_in_words(form))
    return redirect("route_plan", plan.pk)


@require_GET
@role_required(rules.FOOD_STOCK)
def route_sheets(request: HttpRequest, pk: int) -> HttpResponse:
    """The driver sheets (PDF, Dutch): per van its trips, stops, times, loads and a map;
    ?van=N for one van only."""
    from django.conf import settings
    from django.template.loader import render_to_string

    from samen.food import routing

    plan = _plan_or_404(pk)
    routes = plan.result.get("routes", [])
    if request.GET.get("van"):
        routes = [r for r in routes if str(r["van"]) == request.GET["van"]]
    if plan.status != "done" or not routes:
        raise Http404
    sheets = [
        {"route": r, "map": mark_safe(routing.svg_map(  # escaped inside
            plan.result, settings.SAMEN_HUB_LATITUDE, settings.SAMEN_HUB_LONGITUDE,
            only_van=r["van"], width=700, height=420))}
        for r in routes
    ]  # fmt: skip
    html = render_to_string(
        "food/route_sheets.html", {"plan": plan, "sheets": sheets}, request=request
    )
    pdf = render_pdf(html)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="routes-{plan.day.date:%Y-%m-%d}-{plan.pk}.pdf"'
    )
    return response
