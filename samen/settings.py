"""One settings module. Safe development defaults; production values come from the
environment and a wrong value stops the start-up with a message naming it."""

import json
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    if value.lower() in ("1", "true", "yes", "ja", "on"):
        return True
    if value.lower() in ("0", "false", "no", "nee", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


DEBUG = env_bool("SAMEN_DEBUG", True)
VAR_DIR = Path(env_str("SAMEN_VAR_DIR", str(BASE_DIR.parent / "var"))).resolve()


def _dev_keys() -> dict[str, str]:
    """Development only: keys generated once into var/keys.json (never committed)."""
    path = VAR_DIR / "keys.json"
    if path.exists():
        return json.loads(path.read_text())
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    keys = {
        "SAMEN_SECRET_KEY": secrets.token_urlsafe(50),
        "SAMEN_FIELD_KEYS": Fernet.generate_key().decode(),
        "SAMEN_HASH_KEY": secrets.token_hex(32),
        "SAMEN_AUDIT_KEY": secrets.token_hex(32),
    }
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote them first: use those
        return json.loads(path.read_text())
    with os.fdopen(fd, "w") as handle:
        json.dump(keys, handle)
    return keys


def _key(name: str) -> str:
    value = env_str(name)
    if value:
        return value
    if not DEBUG:
        raise ImproperlyConfigured(f"{name} must be set in production (see docs/operations.md)")
    return _dev_keys()[name]


SECRET_KEY = _key("SAMEN_SECRET_KEY")
# Several Fernet keys, comma-separated, newest first: rotation without downtime.
FIELD_ENCRYPTION_KEYS = [k.strip() for k in _key("SAMEN_FIELD_KEYS").split(",") if k.strip()]
INSZ_HASH_KEY = _key("SAMEN_HASH_KEY")
AUDIT_KEY = _key("SAMEN_AUDIT_KEY")
AUDIT_CHECKPOINT_FILE = Path(env_str("SAMEN_AUDIT_CHECKPOINT", str(VAR_DIR / "audit-checkpoint")))

ALLOWED_HOSTS = [
    h.strip() for h in env_str("SAMEN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in (env_str("SAMEN_CSRF_TRUSTED_ORIGINS", "") or "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "django_tasks",
    "django_tasks_db",
    "samen.core",
    "samen.registry",
    "samen.access",
    "samen.imports",
    "samen.food",
    "samen.housing",
    "samen.work",
    "samen.energy",
    "samen.budget",
    "samen.care",
    "samen.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samen.core.middleware.DutchFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samen.access.middleware.IdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "samen.access.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "samen.urls"
WSGI_APPLICATION = "samen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samen.core.context.navigation",
            ],
        },
    }
]


def _database() -> dict:
    url = env_str("DATABASE_URL")
    if url:
        import dj_database_url

        # Persistent connections, checked before reuse: after a database restart or a
        # dropped connection the next request reconnects instead of failing.
        config = dj_database_url.parse(
            url, conn_max_age=env_int("SAMEN_DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
        if not config.get("ENGINE", "").endswith(("postgresql", "sqlite3")):
            raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL or SQLite")
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "samen.sqlite3",
        # SQLite has no row locks: writers take the lock up front and wait their turn.
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
        "TEST": {"NAME": None},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGIN_FAILURE_LIMIT = env_int("SAMEN_LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("SAMEN_LOGIN_LOCKOUT_MINUTES", 15)
BREAK_GLASS_HOURS = env_int("SAMEN_BREAK_GLASS_HOURS", 8)

# Second factor (TOTP, django-otp) for everyone who holds a role; recovery codes as a
# static device. The issuer is what authenticator apps show.
OTP_TOTP_ISSUER = "Samen W13"
# A code is accepted one step (30 s) early or late; the window does not drift along with
# the codes that were used.
OTP_TOTP_SYNC = False
SAMEN_RECOVERY_CODES = 10

# Single sign-on with a municipality's identity provider (OpenID Connect), only when it is
# configured: it maps the provider's e-mail claim to an existing user and creates no one.
SAMEN_OIDC_ENABLED = bool(env_str("SAMEN_OIDC_CLIENT_ID"))
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
if SAMEN_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("samen.access.oidc.ExistingUserBackend")
    OIDC_RP_CLIENT_ID = env_str("SAMEN_OIDC_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env_str("SAMEN_OIDC_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = env_str("SAMEN_OIDC_SIGN_ALGO", "RS256")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("SAMEN_OIDC_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("SAMEN_OIDC_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("SAMEN_OIDC_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("SAMEN_OIDC_JWKS_ENDPOINT")
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_RP_SCOPES = "openid email"
LOGIN_REDIRECT_URL_FAILURE = "/aanmelden/?sso=mislukt"
SAMEN_OIDC_NAME = env_str("SAMEN_OIDC_NAME", "het aanmeldplatform van je gemeente")

SESSION_COOKIE_AGE = env_int("SAMEN_SESSION_SECONDS", 8 * 3600)
# A session left alone this long ends (a tablet forgotten on a desk).
SAMEN_IDLE_SECONDS = env_int("SAMEN_IDLE_SECONDS", 30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    # Behind TLS in production; SAMEN_SECURE_COOKIES=false only for a local plain-HTTP run.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SAMEN_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SAMEN_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SAMEN_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline scripts or styles anywhere: a strict policy holds.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands"), ("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["samen.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise serves static files from the web processes: compressed, with hashed names
# cached for a year in production (`samen serve` collects them first); straight from the
# apps' folders while developing.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# `samen serve`: gunicorn's worker processes and threads per process.
SAMEN_WEB_WORKERS = env_int("SAMEN_WEB_WORKERS", 2 * (os.cpu_count() or 1) + 1)
SAMEN_WEB_THREADS = env_int("SAMEN_WEB_THREADS", 2)

EMAIL_BACKEND = env_str("SAMEN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("SAMEN_FROM_EMAIL", "samen@localhost")
# Also send notifications by e-mail (subject and link only: never person data in mail).
SAMEN_NOTIFY_BY_MAIL = env_bool("SAMEN_NOTIFY_BY_MAIL", False)
SAMEN_BASE_URL = env_str("SAMEN_BASE_URL", "http://127.0.0.1:8000")
# Food Act 13: the yearly redistribution target and its own CO2e factor (2019: 1 t = 2.5 t).
SAMEN_FOOD_YEARLY_TARGET_KG = env_int("SAMEN_FOOD_YEARLY_TARGET_KG", 200_000)
SAMEN_FOOD_CO2E_FACTOR = env_str("SAMEN_FOOD_CO2E_FACTOR", "2.5")
# Route planning: the hub (Weidenstraat 20 bis, Kuurne) is the vans' depot; road distances
# from an OSRM server when set, else great-circle × a detour factor.
SAMEN_HUB_LATITUDE = float(env_str("SAMEN_HUB_LATITUDE", "50.8497"))
SAMEN_HUB_LONGITUDE = float(env_str("SAMEN_HUB_LONGITUDE", "3.2886"))
SAMEN_OSRM_URL = env_str("SAMEN_OSRM_URL", "")
SAMEN_ROUTE_SECONDS = float(env_str("SAMEN_ROUTE_SECONDS", "2"))
SAMEN_MAX_CHILLED_MINUTES = env_int("SAMEN_MAX_CHILLED_MINUTES", 90)

# Kracht.Wonen's priority list: points per month without a home (up to the cap), per
# point of vulnerability and of urgency (1–5). A JSON object overrides them.
SAMEN_KW_WEIGHTS = {
    "per_month": 2.0, "months_cap": 24, "per_vulnerability": 8.0, "per_urgency": 10.0,
} | json.loads(env_str("SAMEN_KW_WEIGHTS", "{}") or "{}")  # fmt: skip

# Woonclub: a listing is suggested when its rent is at most this share of the income.
SAMEN_WOONCLUB_RENT_SHARE = float(env_str("SAMEN_WOONCLUB_RENT_SHARE", "0.4"))

# A cache for aggregates (the annual report, the dashboards): in each process by default,
# shared by all of them when SAMEN_CACHE_URL names a Redis server.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env_str("SAMEN_CACHE_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                         "LOCATION": env_str("SAMEN_CACHE_URL")}  # fmt: skip
SAMEN_FIGURES_CACHE_SECONDS = env_int("SAMEN_FIGURES_CACHE_SECONDS", 300)

# Background work (route planning): a database queue, run by `samen worker` (started by
# `samen serve` beside the web server).
TASKS = {"default": {"BACKEND": env_str("SAMEN_TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "samen.audit": {"handlers": ["console"], "level": "WARNING"},
        "samen.errors": {"handlers": ["console"], "level": "ERROR"},
        "django.security": {"handlers": ["console"], "level": "WARNING"},
    },
}
