from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from samen.access import policy


def role_required(allowed: Iterable[str]) -> Callable:
    """Logged in (else to the login page) and holding one of these roles (else 403)."""
    allowed = frozenset(allowed)

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not policy.has_role(request.user, allowed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = allowed
        return wrapper

    return decorator
