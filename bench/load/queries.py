# Queries per page of the load mix, counted in-process with Django's test client on the
# load database (the server's settings; a signed-in user per role). Run by run.py.
import django

django.setup()
import json  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

plan = json.loads(Path(os.environ["SAMEN_LOAD_PLAN"]).read_text())


def client_for(username):
    client = Client(HTTP_HOST="127.0.0.1")
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


worker, coach = plan["workers"][0], plan["coaches"][0]
pages = [
    (
        "personen zoeken",
        worker["username"],
        f"/personen/?name={worker['names'][0]}&purpose=social_assistance",
    ),
    ("dossier openen", worker["username"], f"/personen/{worker['persons'][0]}/"),
    ("onthaal (formulier)", worker["username"], f"/zorg/onthaal/nieuw/{worker['persons'][0]}/"),
    ("shop", plan["food"][0]["username"], "/voeding/shop/"),
    ("wijk-werker", coach["username"], f"/werk/wijk-werken/wijk-werkers/{coach['workers'][0]}/"),
    ("jaarverslag", plan["coordinators"][0]["username"], "/cijfers/jaarverslag/?jaar=2018"),
    ("dashboard", plan["coordinators"][0]["username"], "/cijfers/dashboards/food-act-13/"),
]
print(f"{'page':<24}{'queries':>8}  (second visit, in-process)")
for name, username, url in pages:
    client = client_for(username)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    print(f"{name:<24}{len(captured):>8}  {status}")
