"""Single sign-on with a municipality's identity provider (OpenID Connect, through
mozilla-django-oidc). The provider vouches for an e-mail address; Samen signs in the one
active user with that address who holds a role today, and creates no one: access still
comes from memberships given in Samen. The second factor is still asked afterwards."""

from django.db.models import Q
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from samen.access import audit


class ExistingUserBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email or claims.get("email_verified") is False:
            return self.UserModel.objects.none()
        today = timezone.localdate()
        return self.UserModel.objects.filter(
            Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=today),
            email__iexact=email,
            is_active=True,
            memberships__valid_from__lte=today,
        ).distinct()

    def update_user(self, user, claims):
        audit.record(user, "signed_in_sso", purpose="security",
                     detail={"issuer": claims.get("iss", "")[:200]})  # fmt: skip
        return user
