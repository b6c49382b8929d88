"""The e2e server runs the production settings behind gunicorn (plain HTTP on loopback):
what every response carries, and static files from WhiteNoise with long caching."""

import re
import urllib.request

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_pages_carry_the_security_headers_and_static_files_are_cached(server):
    with urllib.request.urlopen(server["url"] + "/aanmelden/") as response:
        headers = response.headers
        page = response.read().decode()
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    cookie = headers["Set-Cookie"]
    assert "csrftoken=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "gunicorn" in headers.get("Server", "")
    # Static files: a hashed name, compressed, cached for a year.
    css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page).group(1)
    request = urllib.request.Request(server["url"] + css, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert "max-age=315360000" in response.headers["Cache-Control"]
