"""Settings for the Localism portal, read from the environment.

Every variable is documented in `.env.example` and the README. The defaults are
the production-safe ones; development conveniences switch on only with DEBUG=1.
"""

from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from localism.database import database_config, embedded_database_url
from localism.env import env_bool, env_int, env_list, env_str, local_secret_key, tile_sources

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / ".data")))

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )
    # A developer's instance (`make run`): a random key made once per checkout in DATA_DIR.
    SECRET_KEY = local_secret_key(DATA_DIR / "secret_key")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ADMIN_URL = env_str("ADMIN_URL", "staff-admin/")
SITE_NAME = env_str("SITE_NAME", "Norfolk Community Portal")
COUNCIL_NAME = env_str("COUNCIL_NAME", "Norfolk County Council")

# --- Maps -----------------------------------------------------------------
# The map tiles (a Leaflet URL template) and the credit they require; the tile host is let through the CSP.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = env_str(
    "MAP_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)

INSTALLED_APPS = [
    "localism.apps.LocalismAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    # Form widget templates through TEMPLATES (see FORM_RENDERER), so templates/ can override them.
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_ratelimit",
    "csp",
    # Each app's rules.py (its permissions, as django-rules predicates) is imported at start-up.
    "rules.apps.AutodiscoverRulesConfig",
    "localism.apps.LocalismConfig",
    "accounts",
    "notifications",
    "discussions",
    "participation_codes",
    "directory",
    "consultations",
    "transparency",
    "budgeting",
    "petitions",
    "asset_transfers",
    "neighbourhood_plans",
    "events",
    "partnerships",
    "budget_simulator",
]
# Demo content and the benchmark (`seed_demo`, `bench`): on a developer's machine, or when asked
# for (the tests, `make bench`); never on a live site.
if DEBUG or env_bool("DEVTOOLS", default=False):
    INSTALLED_APPS.append("devtools")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before everything that reads the session or the database: a kept page is served from here.
    "localism.page_cache.AnonymousPageCacheMiddleware",
    # Outside everything that may touch the database: its errors become 503 with Retry-After.
    "localism.database_outage.DatabaseUnavailableMiddleware",
    "localism.database_outage.SessionMiddleware",
    # Reads of requests that only read may go to the read replica, when one is configured.
    "localism.replicas.ReplicaReadsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "localism.middleware.SecurityHeadersMiddleware",
    # Last, so that it is the first to see a view's Ratelimited and answers with the 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "localism.urls"
WSGI_APPLICATION = "localism.wsgi.application"
ASGI_APPLICATION = "localism.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "localism.context_processors.site",
            ],
        },
    },
    {
        # A page's many rows or cards, compiled by Jinja2 and written into Django templates with {% jinja %}
        # (localism/jinja.py). Only that tag asks this engine; every page is a Django template.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "localism.jinja.environment", "autoescape": True},
    },
]

# Widgets render through TEMPLATES, so that templates/ overrides them: templates/admin/widgets/ gives
# the staff admin's date and time boxes their labels.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
# Web addresses typed without a scheme become https:// in every form, the admin's included (Django 6's
# default; remove this transitional setting when upgrading to Django 6).
FORMS_URLFIELD_ASSUME_HTTPS = True

# --- Database: PostgreSQL only --------------------------------------------
DATABASE_URL = env_str("DATABASE_URL") or embedded_database_url(DATA_DIR / "postgres")
DATABASES = {"default": database_config(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60))}
# A PostgreSQL streaming replica (hot standby) for reads (localism/replicas.py): the reads of requests that only
# read go there while it has replayed every write the site committed; anything else stays on the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = database_config(DATABASE_REPLICA_URL, conn_max_age=env_int("CONN_MAX_AGE", 60))
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", env_int("REPLICA_CONNECT_TIMEOUT", 2))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["localism.replicas.ReplicaRouter"]
# How long a replica that could not be reached is left alone before it is tried again.
REPLICA_RETRY_SECONDS = env_int("REPLICA_RETRY_SECONDS", 30)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits, shared by every process) ---------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    # Shared by every process (`manage.py createcachetable`), with an atomic increment for the rate limits.
    CACHES = {
        "default": {"BACKEND": "localism.cache.DatabaseCache", "LOCATION": "localism_cache"},
        # Pages in a table of their own, so that culling pages never drops a rate limit's count.
        "pages": {
            "BACKEND": "localism.cache.DatabaseCache",
            "LOCATION": "localism_page_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }
# The anonymous page cache (localism/page_cache.py): how long a kept page may be served at most (0: off),
# and the s-maxage that tells a reverse proxy or CDN how long it may keep a public page without asking.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 60)  # off while templates are being edited
PAGE_CACHE_SHARED_SECONDS = env_int("PAGE_CACHE_SHARED_SECONDS", 0)

# --- Rate limits (django-ratelimit; see localism/ratelimit.py) --------------
RATELIMIT_VIEW = "localism.ratelimit.too_many_requests"
# W001 says only that a backend is not on django-ratelimit's short list (memcached, django-redis). Both of
# ours count exactly across processes: Redis's INCR, and the database cache's row-locked increment
# (localism/cache.py). Its error E003, for caches that are not shared or not atomic, stays on.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# --- Celery ---------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_DEFAULT_QUEUE", "celery")
# Without a broker (a fresh machine), tasks run in-process as they are queued.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_TIMEZONE = "Europe/London"
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}


def _every_day_at(task: str, hour: int, minute: int = 0) -> dict:
    """A beat entry that runs the task once a day at that time (CELERY_TIMEZONE)."""
    return {"task": task, "schedule": crontab(hour=hour, minute=minute)}


# The one beat schedule: every periodic task of every app, here and nowhere else (times in Europe/London).
CELERY_BEAT_SCHEDULE = {
    "purge-unverified-accounts": {
        "task": "accounts.tasks.purge_unverified_accounts",
        "schedule": 24 * 60 * 60,
    },
    # Picks up anything whose queueing message was lost (Redis down at the time, a killed worker).
    "deliver-outbox": {"task": "notifications.tasks.deliver_outbox", "schedule": 60},
    "daily-digest": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0),
        "args": ["daily"],
    },
    "weekly-digest": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="monday"),
        "args": ["weekly"],
    },
    "consultations-closing-soon": _every_day_at("consultations.tasks.send_closing_soon_reminders", 8),
    # Answers saved to finish later are person data: kept only while they can still be sent.
    "consultations-purge-closed-drafts": _every_day_at("consultations.tasks.purge_closed_drafts", 2, 30),
    "petitions-close-due": {"task": "petitions.tasks.close_due_petitions", "schedule": 15 * 60},
    # The day-before reminder of events people signed up to; hourly, so a place taken today is reminded too.
    "events-reminders": {"task": "events.tasks.send_event_reminders", "schedule": crontab(minute=5)},
    # Remind groups to confirm their listings, and hide those long past review.
    "directory-listing-freshness": _every_day_at("directory.tasks.check_listing_freshness", 6),
    # The 8-week decision deadline warning for nominations of assets of community value.
    "transparency-nomination-deadlines": _every_day_at("transparency.tasks.warn_nomination_deadlines", 7, 30),
    # Councils' public notices dated to be published today, to the people following their areas.
    "transparency-notices": _every_day_at("transparency.tasks.tell_followers_of_notices", 6, 30),
}
# Seconds a worker's claim on outbox rows lasts unless renewed (a live worker renews it every third of
# it); the rows of a worker that died are taken over once it has lapsed. Keep it well above
# EMAIL_TIMEOUT: a message that took longer than the lease to send could go twice.
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 300)
# The longest one message may take to send: the message in flight keeps its claim this much longer.
OUTBOX_SEND_SECONDS = env_int("OUTBOX_SEND_SECONDS", env_int("EMAIL_TIMEOUT", 30))
OUTBOX_BATCH_SIZE = env_int("OUTBOX_BATCH_SIZE", 100)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 6)
# How many delivery tasks one large fan-out is split into (they share the rows safely).
OUTBOX_PARALLEL_TASKS = env_int("OUTBOX_PARALLEL_TASKS", 4)

# GOV.UK Notify: with an API key, the outbox sends email (and text messages) through Notify instead of
# SMTP. Each needs one template in the Notify service whose subject is ((subject)) and body ((body)).
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY")
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_EMAIL_TEMPLATE_ID = env_str("NOTIFY_EMAIL_TEMPLATE_ID")
NOTIFY_SMS_TEMPLATE_ID = env_str("NOTIFY_SMS_TEMPLATE_ID")

# One-time participation codes are stored as HMAC-SHA256 under this pepper (a key derived from SECRET_KEY
# when empty: then rotating SECRET_KEY makes every printed code stop working).
PARTICIPATION_CODE_PEPPER = env_str("PARTICIPATION_CODE_PEPPER")

# --- Accounts (django-allauth) -----------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # The rules in each app's rules.py, asked as user.has_perm(name, obj).
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
# Sign-up says plainly when an email address already has an account (rate limits
# bound how fast anyone can ask).
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"{SITE_NAME}: "
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
# allauth's rate limits (sign-up, password reset, email confirmation) stay at their defaults, kept in
# the shared cache. Failed sign-ins are counted per address, and per account and browser or address,
# so that nobody else's wrong passwords lock the owner out (accounts/adapter.py explains).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# All browsers the account has never signed in from, together: guessing spread over many addresses.
ACCOUNT_RATE_LIMITS_UNKNOWN_BROWSERS = {"login_failed_unknown_browsers": "30/h/key"}
MFA_ADAPTER = "allauth.mfa.adapter.DefaultMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

# Sessions in the database; a cookie no session key could be is no session (localism/sessions.py).
SESSION_ENGINE = "localism.sessions"
SESSION_COOKIE_AGE = 14 * 24 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# --- Email ----------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <no-reply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
else:
    # No SMTP server: print each email and keep a copy in .data/outbox/.
    EMAIL_BACKEND = "localism.mail.DevelopmentEmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "outbox"

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ---------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Without a manifest (development, the tests) WhiteNoise serves the files where the finders find them, and looks each
# one up when it is asked for: listing every static file instead, as it does from the manifest, would happen each time
# a request handler starts (each test client's).
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)

# --- Security -------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if env_bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "localism.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *tile_sources(MAP_TILE_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# --- Logging --------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
