"""Drills on a whole demo region: a back-up restored into an empty database gives the
same region; retention anonymises files without changing any past year's figures."""

import json
import re

import pytest

from tests.ops.conftest import empty_region

pytestmark = pytest.mark.xdist_group("ops")

COUNTS = """
from samen.core import backup
for model in backup.backed_up_models():
    if model._meta.label_lower not in ("access.auditentry", "access.audithead"):
        print(model._meta.label_lower, model._default_manager.count())
"""


def test_a_backup_restores_into_an_empty_database(region, demo_template, tmp_path):
    _template, keys = demo_template
    archive = tmp_path / "samen-backup.json.gz"
    region.samen("backup", str(archive))
    report = region.samen("report", "2018", "--format", "json").stdout
    counts = region.python(COUNTS)

    restored = empty_region(tmp_path / "restored", keys, "restored")
    try:
        restored.samen("migrate", "--noinput", "-v0")
        out = restored.samen("restore", str(archive)).stdout
        assert re.search(r"Teruggezet: \d+ records", out)
        assert restored.python(COUNTS) == counts
        assert restored.samen("report", "2018", "--format", "json").stdout == report
        assert json.loads(report)["figures"]["crisis.admissions"] == 282  # a real year
        assert restored.samen("audit", "verify").returncode == 0
        # The second factors came along: no account is open to a password alone.
        devices = dict(line.split() for line in counts.splitlines())["otp_totp.totpdevice"]
        assert int(devices) > 0
    finally:
        for child in restored.children:
            child.kill()
        if restored.database:
            from tests.ops.conftest import _admin

            _admin(f'DROP DATABASE IF EXISTS "{restored.database}" WITH (FORCE)')


def test_retention_anonymises_without_changing_past_figures(region):
    years = ("2018", "2019", "2025", "2026")
    before = {y: region.samen("report", y, "--format", "json").stdout for y in years}
    out = region.samen("retention", "run", "--today", "01/01/2031").stdout
    anonymised = int(re.search(r"(\d+) personen geanonimiseerd", out).group(1))
    assert anonymised > 100  # the closed crisis and meldpunt files of 2018 (10 years kept)
    after = {y: region.samen("report", y, "--format", "json").stdout for y in years}
    assert after == before
    left = region.python(
        "from samen.registry.models import Person\n"
        "p = Person.objects.filter(anonymised_at__isnull=False)\n"
        "print(p.count(), p.exclude(first_name='[geanonimiseerd]').count(),"
        " p.filter(municipality__isnull=True).count(), p.exclude(phone='').count())"
    ).split()
    assert left == [str(anonymised), "0", "0", "0"]
    assert region.samen("audit", "verify").returncode == 0
