"""Demo data of Budget In Zicht: the 2018 year of the annual report (the Wakosta?! fairs in
Waregem and Kortrijk, the toolbox in Kuurne and Harelbeke, the inspiration day, learning
networks and intervision, seven group-work series of five sessions with 70 participants),
and a citizen's budget in the app, shared with the counsellor."""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samen.registry import demo as registry_demo
from samen.registry.models import Municipality, Organisation, Person, Programme, Team

APP_USER = "wakosta@voorbeeld.be"
SERIES = ["Wevelgem", "Waregem", "Waregem", "Menen", "Wervik", "Harelbeke", "Avelgem"]


@transaction.atomic
def build(seed: int = 1, progress: bool = True) -> None:
    from samen.budget.models import BizEvent, EducationActivity, FairLoan

    if EducationActivity.objects.exists():
        return
    rng = random.Random(seed * 9001)
    towns = {m.name: m for m in Municipality.objects.all()}
    for kind, on, school, town, grade, pupils in (
        ("budget_fair", dt.date(2018, 3, 13), "Scholen van Waregem", "Waregem", "3e graad", 267),
        ("budget_fair", dt.date(2018, 10, 16), "Scholen van Kortrijk", "Kortrijk", "3e graad",
         657),
        ("toolbox", dt.date(2018, 5, 7), "Basisscholen Kuurne", "Kuurne", "6e leerjaar", 135),
        ("toolbox", dt.date(2018, 11, 12), "Basisscholen Harelbeke", "Harelbeke", "6e leerjaar",
         60),
    ):  # fmt: skip
        EducationActivity.objects.create(kind=kind, on=on, school=school, municipality=towns[town],
                                         grade=grade, pupils=pupils)  # fmt: skip
    events = [
        ("inspiration_day", dt.date(2018, 11, 29), "Inspiratiedag Budget In Zicht", 170),
        ("intervision", dt.date(2018, 4, 19), "Intervisie budgetbegeleiders", 10),
        ("intervision", dt.date(2018, 10, 11), "Intervisie budgetbegeleiders", 10),
    ]
    events += [("learning_network", dt.date(2018, m, 8), "Lerend netwerk schuldhulp", 25)
               for m in (2, 6, 9)]  # fmt: skip
    for kind, on, title, participants in events:
        BizEvent.objects.create(kind=kind, on=on, title=title, participants=participants)
    today = timezone.localdate()
    FairLoan.objects.create(
        borrower="OCMW Menen",
        municipality=towns["Menen"],
        start=today + dt.timedelta(days=7),
        end=today + dt.timedelta(days=11),
    )
    _groupwork(rng, towns)
    _app_user(today)


def _groupwork(rng, towns) -> None:
    from samen.budget.models import GroupSeries, GroupSession
    from samen.registry.models import Enrolment

    team = Team.objects.get(code="biz")
    w13 = Organisation.objects.get(name="W13 welzijnsvereniging")
    programme = Programme.objects.get(code="biz")
    counsellor = get_user_model().objects.get(username="biz.begeleider")
    topics = ["Je budget op een rij", "Vaste kosten verlagen", "Energie besparen",
              "Brieven van schuldeisers", "Sparen voor later"]  # fmt: skip
    for n, town in enumerate(SERIES):
        series = GroupSeries.objects.create(title=f"Rond komen met je budget ({town})",
                                            municipality=towns[town], organisation=w13)  # fmt: skip
        people = []
        for i in range(10):
            person = Person.objects.create(
                first_name=rng.choice(registry_demo.FIRST_F + registry_demo.FIRST_M),
                last_name=rng.choice(registry_demo.LAST), municipality=towns[town],
                birth_date=dt.date(1960 + rng.randint(0, 35), rng.randint(1, 12), 1 + i),
            )  # fmt: skip
            Enrolment.objects.create(person=person, programme=programme, team=team,
                                     legal_basis="legal_task",
                                     basis_note="budgetbegeleiding", start_date=dt.date(2018, 1, 1),
                                     created_by=counsellor)  # fmt: skip
            people.append(person)
        series.participants.set(people)
        first = dt.date(2018, 2 + n, 5)
        for k, topic in enumerate(topics):
            on = first + dt.timedelta(weeks=2 * k)
            session = GroupSession.objects.create(series=series, on=on, topic=topic)
            session.present.set([p for p in people if rng.random() < 0.85])


def _app_user(today) -> None:
    """A citizen keeps a budget in the app and shares it with the counsellor."""
    from samen.budget.models import Budget, Entry, PlanLine, Recurring, Share
    from samen.registry.demo import DEMO_PASSWORD

    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=APP_USER, defaults={"email": APP_USER, "first_name": "Lien"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    budget, _created = Budget.objects.get_or_create(owner=user)
    month = today.replace(day=1)
    for category, amount, description in (("benefit", "1320", "Leefloon"),
                                          ("child_benefit", "180", "Groeipakket"),
                                          ("rent", "680", "Huur"), ("telecom", "35", "Gsm"),
                                          ("insurance", "42", "Familiale")):  # fmt: skip
        Recurring.objects.create(budget=budget, category=category, amount=Decimal(amount),
                                 description=description, start=month.replace(month=1))  # fmt: skip
    for category, amount in (("energy", "140"), ("food", "420"), ("transport", "40")):
        PlanLine.objects.create(budget=budget, month=month, category=category,
                                amount=Decimal(amount))  # fmt: skip
    for day, amount, category, counterparty in ((1, "1320", "benefit", "OCMW"),
                                                (2, "-680", "rent", "Woonmaatschappij"),
                                                (4, "-136.40", "energy", "Luminus"),
                                                (6, "-58.20", "food", "Colruyt")):  # fmt: skip
        if month.replace(day=day) <= today:
            Entry.objects.create(budget=budget, on=month.replace(day=day), amount=Decimal(amount),
                                 category=category, counterparty=counterparty)  # fmt: skip
    counsellor = User.objects.get(username="biz.begeleider")
    Share.objects.get_or_create(budget=budget, counsellor=counsellor)
