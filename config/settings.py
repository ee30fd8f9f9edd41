"""Främja settings: one file, driven by environment variables.

Every secret may also be given as a file: ``SECRET_KEY_FILE=/run/secrets/key`` reads the
key from that file. See docs/drift.md for the full list.
"""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("FRAMJA_VAR_DIR", BASE_DIR / "var"))


def envstr(name: str, default: str = "") -> str:
    """Return the variable, or the contents of the file named by ``NAME_FILE``."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _development_secret_key() -> str:
    """Return a key kept in var/, made on first use, so a demo needs no configuration."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


DEBUG = envbool("DEBUG", False)
SECRET_KEY = envstr("SECRET_KEY") or (_development_secret_key() if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off.")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "django_tasks_db",
    "framja.core",
    "framja.accounts",
    "framja.organisations",
    "framja.catalog",
    "framja.plans",
    "framja.goals",
    "framja.reporting",
    "framja.indicators",
    "framja.surveys",
    "framja.improvement",
    "framja.knowledge",
    "framja.api",
    "framja.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "framja.core.middleware.LanguageMiddleware",
    "framja.core.middleware.InputLimitsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "framja.accounts.security.SecurityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "framja" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "framja.core.context_processors.layout",
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    default_url = f"sqlite:///{VAR_DIR / 'framja.sqlite3'}"
    url = envstr("DATABASE_URL", default_url)
    config: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=envint("CONN_MAX_AGE", 0))
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "framja.accounts.backends.OIDCBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "organisations:tree"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_HASHERS = envlist(
    "PASSWORD_HASHERS",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher,"
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
)

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "framja" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "framja" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Security. Production (DEBUG off) gets the strict defaults; each can be overridden.
SECURE = not DEBUG
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", SECURE)
# The health check answers plain HTTP too: a load balancer or monitor on the inside asks it.
SECURE_REDIRECT_EXEMPT = [r"^halsa/$"]
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_TLS_PROXY", False) else None
)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", SECURE)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", SECURE)
SESSION_COOKIE_HTTPONLY = True
# A session ends SESSION_COOKIE_AGE seconds after login at the latest (absolute lifetime),
# and after SESSION_IDLE_TIMEOUT seconds without a request (idle timeout). See docs/inloggning.md.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_IDLE_TIMEOUT = envint("SESSION_IDLE_TIMEOUT", 60 * 60)
# The time of a session's last request is saved at most this often (seconds), not on every
# request: a request within it makes no write.
SESSION_SEEN_RESOLUTION = envint("SESSION_SEEN_RESOLUTION", 60)
# Password logins: after LOGIN_FAILURE_LIMIT failures for one e-mail address from one IP
# address, logins are refused until LOGIN_LOCKOUT seconds have passed since the last failure.
# The counts live in Django's cache (one per process unless a shared cache is configured).
LOGIN_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT = envint("LOGIN_LOCKOUT", 15 * 60)
# Login through an OpenID Connect provider (SITHS eID through Inera's or a region's identity
# provider). Set OIDC_DISCOVERY_URL and OIDC_CLIENT_ID to turn it on; the secret may come
# from OIDC_CLIENT_SECRET_FILE. See docs/inloggning.md.
OIDC_DISCOVERY_URL = os.environ.get("OIDC_DISCOVERY_URL", "")
OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = envstr("OIDC_CLIENT_SECRET")
OIDC_TOKEN_AUTH_METHOD = os.environ.get("OIDC_TOKEN_AUTH_METHOD", "client_secret_basic")
OIDC_SCOPES = os.environ.get("OIDC_SCOPES", "openid profile email")
OIDC_EMAIL_CLAIM = os.environ.get("OIDC_EMAIL_CLAIM", "email")
OIDC_NAME_CLAIM = os.environ.get("OIDC_NAME_CLAIM", "name")
OIDC_HSA_ID_CLAIM = os.environ.get("OIDC_HSA_ID_CLAIM", "hsa_id")
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "SITHS-kort")
# Password login is for the demo and for installations without single sign-on.
PASSWORD_LOGIN_ENABLED = envbool("PASSWORD_LOGIN_ENABLED", True)
# How long the link in an invitation works (seconds).
INVITATION_MAX_AGE = envint("INVITATION_MAX_AGE", 14 * 24 * 60 * 60)
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "framja@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        # Logins, failed logins, logouts and denied requests; see docs/inloggning.md.
        "framja.security": {"level": "INFO"},
    },
}

NINJA_PAGINATION_PER_PAGE = 100

# Open data. Kolada's API v3 (v2 was retired in 2026); a mirror or test server may stand in.
KOLADA_BASE_URL = os.environ.get("KOLADA_BASE_URL", "https://api.kolada.se/v3")
NINJA_PAGINATION_MAX_LIMIT = 10_000

# Background work (imports of indicator values) goes through Django's tasks framework. The
# database backend keeps the queue in the database; `framja db_worker` runs it. "immediate"
# runs each task at once inside the request, for a small installation without a worker.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[os.environ.get("TASKS_BACKEND", "database")]}}
# The largest file of indicator values that may be uploaded (bytes).
INDICATOR_IMPORT_MAX_BYTES = envint("INDICATOR_IMPORT_MAX_BYTES", 200 * 1024 * 1024)
# Survey aggregates over fewer answering organisations than this are not shown to others.
SURVEYS_MIN_GROUP = envint("SURVEYS_MIN_GROUP", 3)
# The largest attachment (PDF or Word) of a good example (bytes).
KNOWLEDGE_ATTACHMENT_MAX_BYTES = envint("KNOWLEDGE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
