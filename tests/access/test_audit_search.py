"""The DPO's per-person search of the audit trail: the entries about the person, and the
searches and lists that showed the person among others (their ids in `detail.found`)."""

import pytest
from django.urls import reverse

from samen.access import audit, selectors
from samen.access.models import AuditEntry
from tests.conftest import sign_in, user_of

pytestmark = pytest.mark.django_db


def test_a_person_is_found_in_the_lists_that_showed_them(world, client):
    worker = user_of("worker_kortrijk")
    shown, other = world.person_kortrijk.pk, world.person_referred.pk
    audit.record_list(worker, purpose="crisis", page="crisis_admissions", person_ids=[shown, 9])
    audit.record_list(worker, purpose="crisis", page="crisis_admissions", person_ids=[other])
    audit.record_list(
        worker, purpose="crisis", page="crisis_admissions", person_ids=[shown * 10 + 1]
    )  # a longer id that contains the digits
    audit.record(worker, "view", world.person_kortrijk, purpose="social_assistance")
    found = selectors.audit_search(person_id=shown)
    lists = [e for e in found if e.action == "list"]
    assert len(lists) == 1 and shown in lists[0].detail["found"]
    assert any(e.action == "view" and e.person_id == shown for e in found)
    assert all(other not in (e.detail or {}).get("found", []) for e in found)
    sign_in(client, user_of("dpo"))
    page = client.get(reverse("dpo_audit"), {"person_id": shown}).content.decode()
    assert page.count("crisis_admissions") >= 1
    assert AuditEntry.objects.filter(action="list").count() >= 3
