"""Single sign-on: a small OpenID Connect provider runs on 127.0.0.1 in this test (code
flow with PKCE, RS256-signed ID tokens, a JWKS, userinfo) and Samen signs in the existing
user with the e-mail it vouches for — then still asks for the second factor."""

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import user_of

pytestmark = pytest.mark.django_db
CLIENT_ID, CLIENT_SECRET = "samen", "geheim-van-de-gemeente"


class Provider:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, dict] = {}
        self.email = ""
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                """Quiet: the tests read the answers, not the provider's log."""

            def _json(self, data, status=200):
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                url = urllib.parse.urlparse(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                if url.path == "/authorize":
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = query
                    target = query["redirect_uri"] + "?" + urllib.parse.urlencode(
                        {"code": code, "state": query["state"]})  # fmt: skip
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                elif url.path == "/jwks":
                    public = jwt.algorithms.RSAAlgorithm.to_jwk(
                        provider.key.public_key(), as_dict=True)  # fmt: skip
                    self._json({"keys": [public | {"kid": "k1", "alg": "RS256", "use": "sig"}]})
                elif url.path == "/userinfo":
                    self._json({"sub": "u-1", "email": provider.email, "email_verified": True})
                else:
                    self._json({"error": "not_found"}, 404)

            def do_POST(self):
                length = int(self.headers["Content-Length"])
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                asked = provider.codes.pop(form.get("code", ""), None)
                challenge = (
                    base64.urlsafe_b64encode(
                        hashlib.sha256(form.get("code_verifier", "").encode()).digest()
                    )
                    .rstrip(b"=")
                    .decode()
                )
                if (asked is None or form.get("client_secret") != CLIENT_SECRET
                        or challenge != asked.get("code_challenge")):  # fmt: skip
                    return self._json({"error": "invalid_grant"}, 400)
                now = int(time.time())
                id_token = jwt.encode(
                    {"iss": provider.url, "sub": "u-1", "aud": CLIENT_ID, "iat": now,
                     "exp": now + 300, "nonce": asked["nonce"], "email": provider.email},
                    provider.key.private_bytes(serialization.Encoding.PEM,
                                               serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()),
                    algorithm="RS256", headers={"kid": "k1"},
                )  # fmt: skip
                self._json({"access_token": "at-1", "token_type": "Bearer", "id_token": id_token})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def provider(settings):
    idp = Provider()
    settings.SAMEN_OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "samen.access.oidc.ExistingUserBackend",
    ]
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{idp.url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{idp.url}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{idp.url}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{idp.url}/jwks"
    yield idp
    idp.server.shutdown()


def round_trip(client, provider):
    """Samen → provider → back to Samen's callback, as a browser follows the redirects."""
    import urllib.request

    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302 and start["Location"].startswith(provider.url)
    assert "code_challenge=" in start["Location"]

    class NoFollow(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    opener = urllib.request.build_opener(NoFollow)
    try:
        opener.open(start["Location"])
    except urllib.error.HTTPError as answer:
        back = urllib.parse.urlparse(answer.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def test_the_provider_signs_in_the_existing_user_then_the_second_factor(client, provider):
    worker = user_of("worker_kortrijk")
    worker.email = "Sofie.Kortrijk@ocmw.example"
    worker.save()
    provider.email = "sofie.kortrijk@ocmw.example"
    assert "Aanmelden via" in client.get(reverse("login")).content.decode()
    response = round_trip(client, provider)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("second_factor"))
    assert int(client.session["_auth_user_id"]) == worker.pk
    assert client.get(reverse("person_search")).status_code == 302  # not before the code


def test_no_account_is_created_for_an_unknown_address(client, provider):
    users = get_user_model().objects.count()
    provider.email = "onbekend@elders.example"
    response = round_trip(client, provider)
    assert response["Location"] == "/aanmelden/?sso=mislukt"
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == users
    page = client.get(response["Location"]).content.decode()
    assert "Aanmelden via je gemeente lukte niet" in page


def test_without_a_provider_the_sso_pages_do_not_exist(client):
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert "Aanmelden via" not in client.get(reverse("login")).content.decode()
