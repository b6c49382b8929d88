"""Demo data of care: a year of integrated broad intakes at the OCMWs' and the CAW's front
desks, for persons of their own files, with rights in every stage."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from samen.registry.models import Enrolment, Membership, Role

QUESTIONS = [
    "Kan mijn rekeningen niet meer betalen sinds de scheiding.",
    "Vraag naar hulp bij de energiefactuur.",
    "Huur te hoog voor het leefloon; zoekt een goedkopere woning.",
    "Schoolkosten voor drie kinderen: wat is mogelijk?",
    "Ziek geworden, inkomen gedaald; wie kan helpen met de papieren?",
]


@transaction.atomic
def build(seed: int = 1, progress: bool = True) -> None:
    from samen.care.models import CheckEvent, Intake, Right, RightCheck

    if Intake.objects.exists():
        return
    rng = random.Random(seed * 6007)
    rights = list(Right.objects.filter(active=True))
    today = timezone.localdate()
    desks = list(
        Membership.objects.filter(role=Role.SOCIAL_WORKER, organisation__isnull=False)
        .exclude(organisation__kind="association")
        .select_related("user", "organisation")
    )
    outcomes = ["realised"] * 5 + ["applied"] * 2 + ["probable"] * 2 + ["refused"]
    for desk in desks:
        persons = list(
            Enrolment.objects.filter(organisation=desk.organisation, status="active")
            .exclude(person__first_name__in=["Els", "Karim"])
            .values_list("person_id", flat=True)
            .distinct()[:12]
        )
        for person_id in persons:
            on = today - dt.timedelta(days=rng.randint(5, 360))
            intake = Intake.objects.create(
                person_id=person_id,
                desk=desk.organisation,
                on=on,
                question=rng.choice(QUESTIONS),
                by=desk.user,
            )
            for right in rng.sample(rights, rng.randint(1, 3)):
                status = rng.choice(outcomes)
                since = min(today, on + dt.timedelta(days=rng.randint(10, 90)))
                check = RightCheck.objects.create(
                    intake=intake,
                    right=right,
                    partner=desk.organisation,
                    status=status,
                    since=on if status == "probable" else since,
                )
                CheckEvent.objects.create(
                    right_check=check,
                    status="probable",
                    partner=desk.organisation,
                    on=on,
                    by=desk.user,
                )
                if status != "probable":
                    CheckEvent.objects.create(
                        right_check=check,
                        status=status,
                        on=since,
                        partner=desk.organisation,
                        by=desk.user,
                    )
