import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from samen.food import services
from samen.food.models import PickupPoint, Product, StorageLocation
from samen.registry.models import Organisation, OrganisationKind
from tests.conftest import user_of


@pytest.fixture
def hub(db):
    """A donor store, the hub's locations and a product of each temperature class."""

    class Hub:
        donor = Organisation.objects.create(name="Colruyt Test", kind=OrganisationKind.DONOR)
        store = PickupPoint.objects.create(
            donor=donor, name="Colruyt Test Kortrijk", typical_kg=150
        )
        cold = StorageLocation.objects.get(code="koelcel-1")
        freezer = StorageLocation.objects.get(code="diepvries")
        dry = StorageLocation.objects.get(code="droog")
        yoghurt = Product.objects.get(name="Yoghurt")  # chilled, no margin
        pizza = Product.objects.get(name="Diepvriespizza")  # frozen
        biscuits = Product.objects.get(name="Koekjes")  # ambient, 60 days after THT
        apples = Product.objects.get(name="Appels")  # ambient, no date
        today = timezone.localdate()

        @classmethod
        def receive(cls, product=None, kg="12.5", persona="trainee", **extra):
            actor = user_of(persona)
            pickup = services.pickup_for_round(actor=actor, pickup_point=cls.store)
            fields = {
                "date_kind": "use_by",
                "expiry": cls.today + dt.timedelta(days=3),
                "arrival_celsius": Decimal("4.0"),
                "location": cls.cold,
                "crates": 1,
            }
            fields |= extra
            return services.lot_receive(
                actor=actor, pickup=pickup, product=product or cls.yoghurt, kg=Decimal(kg), **fields
            )

    return Hub
