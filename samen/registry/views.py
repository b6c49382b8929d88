"""Person pages: thin views — form → service → redirect. Reads go through selectors."""

import json

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samen.access import policy, rules
from samen.access.decorators import role_required
from samen.core.forms import add_service_errors, perform
from samen.registry import forms, selectors, services
from samen.registry.models import (
    Consent,
    Enrolment,
    HouseholdMember,
    LegalBasis,
    PersonMerge,
    Programme,
    Referral,
)

PERSON_READERS = rules.FILE_ROLES | {"citizen"}
KNOWN_SALT = "samen.known-in-region"


@require_GET
@role_required(rules.FILE_ROLES)
def person_search(request: HttpRequest) -> HttpResponse:
    form = forms.PersonSearchForm(request.GET or None)
    results = None
    if request.GET and form.is_valid():
        results = selectors.persons_search(
            request.user, name=form.cleaned_data["name"],
            birth_date=form.cleaned_data["birth_date"], insz=form.cleaned_data["insz"],
            purpose=form.cleaned_data["purpose"],
        )  # fmt: skip
    template = (
        "registry/_search_results.html"
        if request.headers.get("HX-Request")
        else "registry/person_search.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "results": results,
            "can_break_glass": policy.has_role(request.user, rules.BREAK_GLASS),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(rules.CREATE_PERSON)
def person_create(request: HttpRequest) -> HttpResponse:
    form = forms.PersonCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_create(
                actor=request.user, membership=data["membership"], data=form.person_data(),
                insz=data["insz"], programme=data["programme"], legal_basis=data["legal_basis"],
                basis_note=data["basis_note"], purpose=data["programme"].code,
            )  # fmt: skip
        except services.KnownInRegion as known:
            return _known_in_region(request, known.person_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Persoon geregistreerd."))
            return redirect("person_detail", person.pk)
    return render(request, "registry/person_form.html", {"form": form, "creating": True})


def _known_in_region(request: HttpRequest, person_id: int) -> HttpResponse:
    """The INSZ is known: create nothing, reveal nothing. If the person is already in the
    user's scope, open the file; otherwise offer to ask the holders for a referral or, when
    nobody follows the person now, to enrol them under the user's own legal task."""
    in_scope, followed = selectors.person_known_state(request.user, person_id)
    if in_scope:
        messages.info(request, _("Deze persoon is al gekend: hier is het dossier."))
        return redirect("person_detail", person_id)
    token = signing.dumps({"p": person_id, "u": request.user.pk}, salt=KNOWN_SALT)
    context = {
        "request_form": forms.KnownInRegionForm(initial={"token": token}, user=request.user),
        "enrol_form": None if followed else forms.KnownEnrolForm(initial={"token": token},
                                                                 user=request.user),
    }  # fmt: skip
    return render(request, "registry/known_in_region.html", context, status=409)


def _known_person_id(request: HttpRequest, token: str) -> int:
    try:
        data = signing.loads(token, salt=KNOWN_SALT, max_age=3600)
    except signing.BadSignature as exc:
        raise PermissionDenied from exc
    if data["u"] != request.user.pk:
        raise PermissionDenied
    return data["p"]


@require_POST
@role_required(rules.CREATE_PERSON)
def person_known_request(request: HttpRequest) -> HttpResponse:
    form = forms.KnownInRegionForm(request.POST, user=request.user)
    if not form.is_valid():
        raise PermissionDenied
    person_id = _known_person_id(request, form.cleaned_data["token"])
    asked = services.referral_request(
        actor=request.user, membership=form.cleaned_data["membership"], person_id=person_id
    )
    messages.success(request, _("Je vraag werd verstuurd naar %(n)s dienst(en).") % {"n": asked})
    return redirect("person_search")


@require_POST
@role_required(rules.CREATE_PERSON)
def person_known_enrol(request: HttpRequest) -> HttpResponse:
    form = forms.KnownEnrolForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(
            request,
            "registry/known_in_region.html",
            {"enrol_form": form, "request_form": None},
            status=400,
        )
    person_id = _known_person_id(request, form.cleaned_data["token"])
    if selectors.person_known_state(request.user, person_id)[1]:
        raise PermissionDenied  # somebody follows this person: ask them for a referral
    person = selectors.person_by_token_id(person_id)
    services.enrolment_create(
        actor=request.user, membership=form.cleaned_data["membership"], person=person,
        programme=form.cleaned_data["programme"], legal_basis=LegalBasis.LEGAL_TASK,
        basis_note=form.cleaned_data["basis_note"],
    )  # fmt: skip
    return redirect("person_detail", person.pk)


@require_GET
@role_required(PERSON_READERS)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    file = selectors.person_file(request.user, pk, purpose=request.GET.get("doel", ""))
    can_work = bool(policy.file_memberships(request.user)) and not file.access.own
    mine = policy.unit_keys(request.user)
    receiving = {r.pk for r in file.referrals if (r.to_organisation_id, r.to_team_id) in mine}
    owned = {e.pk for e in file.enrolments if (e.organisation_id, e.team_id) in mine}
    return render(request, "registry/person_detail.html", {
        "file": file, "person": file.person, "access": file.access, "can_work": can_work,
        "receiving": receiving, "owned": owned,
        "note_form": forms.NoteForm(user=request.user) if can_work else None,
        "answer_form": forms.ReferralAnswerForm(),
    })  # fmt: skip


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person, access = selectors.person_get(request.user, pk)
    if not access.sees("contact"):
        raise PermissionDenied
    form = forms.PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, data=form.person_data(),
                                   insz=form.cleaned_data["insz"] if access.sees("identity")
                                   else None)  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Gegevens bijgewerkt."))
            return redirect("person_detail", pk)
    if not access.sees("identity"):
        del form.fields["insz"]
    return render(request, "registry/person_form.html", {"form": form, "person": person})


@require_GET
@role_required(PERSON_READERS)
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    access = selectors.person_get(request.user, pk)[1]
    if not (access.own or access.sees("identity")):
        raise PermissionDenied
    bundle = selectors.person_export(request.user, pk)
    response = HttpResponse(
        json.dumps(bundle, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="samen-persoon-{pk}.json"'
    return response


@require_POST
@role_required(rules.FILE_ROLES)
def person_restrict(request: HttpRequest, pk: int) -> HttpResponse:
    """Restriction (art. 18) is the controller's decision: a unit that follows the person."""
    person, access = selectors.person_get(request.user, pk)
    if not access.enrolled:
        raise PermissionDenied
    if person.restricted_at:
        services.person_lift_restriction(actor=request.user, person=person)
        messages.success(request, _("De beperking is opgeheven."))
        return redirect("person_detail", pk)
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        services.person_restrict(
            actor=request.user, person=person, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("De verwerking is beperkt."))
    else:
        messages.error(request, _("Reden: geef de reden van de beperking."))
    return redirect("person_detail", pk)


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def household_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_in_scope(request.user, pk)
    candidates = selectors.household_candidates(request.user, exclude=pk)
    form = forms.HouseholdMemberForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.household_add_member(
                actor=request.user,
                person=person,
                member=form.cleaned_data["member"],
                relation=form.cleaned_data["relation"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("person_detail", pk)
    return render(request, "registry/simple_form.html", {
        "form": form, "person": person, "title": _("Gezinslid toevoegen"),
    })  # fmt: skip


@require_POST
@role_required(rules.FILE_ROLES)
def household_member_end(request: HttpRequest, pk: int) -> HttpResponse:
    """Someone left the household (moved out, separated): the link gets an end date."""
    link = get_object_or_404(HouseholdMember, pk=pk, end_date__isnull=True)
    person = selectors.person_in_scope(request.user, link.person_id)
    services.household_end_member(actor=request.user, link=link)
    messages.success(request, _("Gezinslid uitgeschreven."))
    return redirect("person_detail", person.pk)


@require_POST
@role_required(rules.FILE_ROLES)
def enrolment_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Only the unit that owns an enrolment closes it."""
    enrolment = get_object_or_404(Enrolment, pk=pk)
    selectors.person_in_scope(request.user, enrolment.person_id)
    mine = policy.unit_keys(request.user)
    if (enrolment.organisation_id, enrolment.team_id) not in mine:
        raise PermissionDenied
    perform(
        request,
        lambda: services.enrolment_close(actor=request.user, enrolment=enrolment),
        _("Inschrijving afgesloten."),
    )
    return redirect("person_detail", enrolment.person_id)


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_in_scope(request.user, pk)
    form = forms.ReferralForm(
        request.POST or None,
        user=request.user,
        consents=selectors.consents_to_refer_on(request.user, person),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.referral_create(
                actor=request.user, membership=data["membership"], person=person,
                receiver=data["receiver"], programme=data["programme"], reason=data["reason"],
                legal_basis=data["legal_basis"], categories=data["categories"],
                consent=data["consent"], justification=data["justification"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Doorverwijzing verstuurd."))
            return redirect("person_detail", pk)
    return render(request, "registry/simple_form.html", {
        "form": form, "person": person, "title": _("Doorverwijzen"),
    })  # fmt: skip


def _referral_in_scope(request: HttpRequest, pk: int) -> Referral:
    referral = get_object_or_404(Referral, pk=pk)
    selectors.person_in_scope(request.user, referral.person_id)
    return referral


@require_POST
@role_required(rules.FILE_ROLES)
def referral_answer(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral_in_scope(request, pk)
    form = forms.ReferralAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Antwoord: kies aanvaarden of weigeren."))
        return redirect("person_detail", referral.person_id)
    data = form.cleaned_data
    perform(
        request,
        lambda: services.referral_answer(
            actor=request.user, referral=referral, accept=data["accept"], note=data["answer_note"]
        ),
    )
    return redirect("person_detail", referral.person_id)


@require_POST
@role_required(rules.FILE_ROLES)
def referral_close(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral_in_scope(request, pk)
    perform(request, lambda: services.referral_close(actor=request.user, referral=referral))
    return redirect("person_detail", referral.person_id)


@require_http_methods(["GET", "POST"])
@role_required(rules.FILE_ROLES)
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_in_scope(request.user, pk)
    form = forms.ConsentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.consent_record(
                actor=request.user, membership=data["membership"], person=person,
                purpose=data["purpose"], recipient=data["recipient"],
                categories=data["categories"], given_by_guardian=data["given_by_guardian"],
                guardian_name=data["guardian_name"],
            )  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Toestemming geregistreerd."))
            return redirect("person_detail", pk)
    return render(request, "registry/simple_form.html", {
        "form": form, "person": person, "title": _("Toestemming registreren"),
    })  # fmt: skip


@require_POST
@role_required(PERSON_READERS)
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """By the unit that holds the consent or the one that receives it (the person may tell
    either), or by the person themself."""
    consent = get_object_or_404(Consent, pk=pk)
    person, access = selectors.person_get(request.user, consent.person_id)
    mine = policy.unit_keys(request.user)
    parties = {
        (consent.organisation_id, consent.team_id),
        (consent.recipient_organisation_id, consent.recipient_team_id),
    }
    if not access.own and not mine & parties:
        raise PermissionDenied
    perform(
        request,
        lambda: services.consent_withdraw(actor=request.user, consent=consent),
        _("Toestemming ingetrokken."),
    )
    return redirect("person_detail", person.pk)


@require_POST
@role_required(rules.FILE_ROLES)
def note_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_in_scope(request.user, pk)
    form = forms.NoteForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        perform(
            request,
            lambda: services.note_create(
                actor=request.user,
                membership=data["membership"],
                person=person,
                category=data["category"],
                text=data["text"],
            ),
        )
    else:
        messages.error(request, _("Notitie: vul categorie en tekst in."))
    return redirect("person_detail", pk)


@require_GET
@role_required(rules.MERGE_PERSONS)
def duplicates(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/duplicates.html", {
        "groups": selectors.possible_duplicates(request.user),
        "merges": selectors.merges_recent(),
    })  # fmt: skip


@require_POST
@role_required(rules.MERGE_PERSONS)
def person_merge(request: HttpRequest) -> HttpResponse:
    form = forms.MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies twee personen om samen te voegen."))
        return redirect("duplicates")
    kept, merged = selectors.merge_pair(form.cleaned_data["kept"], form.cleaned_data["merged"])
    perform(
        request,
        lambda: services.person_merge(actor=request.user, kept=kept, merged=merged),
        _("Personen samengevoegd."),
    )
    return redirect("duplicates")


@require_POST
@role_required(rules.MERGE_PERSONS)
def merge_undo(request: HttpRequest, pk: int) -> HttpResponse:
    merge = get_object_or_404(PersonMerge, pk=pk)
    perform(
        request,
        lambda: services.person_merge_undo(actor=request.user, merge=merge),
        _("Samenvoeging ongedaan gemaakt."),
    )
    return redirect("duplicates")


@require_GET
@role_required(rules.STAFF)
def processing_register(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/processing_register.html",
        {"programmes": Programme.objects.order_by("name")},
    )
