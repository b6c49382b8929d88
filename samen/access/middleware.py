"""Two guards on every signed-in request: a session left alone too long ends, and anyone
who holds a role gets no further than the second-factor pages until a TOTP code (or a
recovery code) has been given in this session."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from samen.access import policy

# Pages a signed-in user may reach before the second step; the API uses its own tokens.
OPEN_BEFORE_SECOND_FACTOR = ("login", "logout", "second_factor", "second_factor_setup",
                             "set_language", "healthz")  # fmt: skip
OPEN_PREFIXES = ("/static/", "/api/")
SEEN = "samen_seen"


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now, seen = int(time.time()), request.session.get(SEEN)
            if seen and now - seen > settings.SAMEN_IDLE_SECONDS:
                logout(request)
            elif not seen or now - seen >= 60:  # at most one session write a minute
                request.session[SEEN] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
            and policy.needs_second_factor(user)
        ):
            match = _resolve(request.path_info)
            if match is None or match.url_name not in OPEN_BEFORE_SECOND_FACTOR:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('second_factor')}?{query}")
        return self.get_response(request)


def _resolve(path: str):
    from django.urls import Resolver404, resolve

    try:
        return resolve(path)
    except Resolver404:
        return None
