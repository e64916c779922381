"""Environment for the test run, set before Django reads its settings (loaded with -p).

The database: DATABASE_URL if given, else the PostgreSQL at 127.0.0.1:5432 if
it answers, else the embedded one that settings start from `pgserver`.
"""

import logging
import os
import secrets

from localism.database import local_server_answers

# A fresh random key per run: the repository holds no usable key.
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
# The demo content (`seed_demo`) that some tests load; the running site never installs it.
os.environ.setdefault("DEVTOOLS", "1")
# Pages are rendered afresh in tests; tests/localism/test_page_cache.py turns the page cache on.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
# The test process itself runs tasks eagerly; the integration tests start a real
# worker against Redis (tests/services.py) and talk to it on their own connection.
os.environ.pop("REDIS_URL", None)
# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.pop("EMAIL_HOST", None)

if not os.environ.get("DATABASE_URL") and local_server_answers():
    os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/localism"

# pgserver logs an info line from its exit handler, after pytest has closed the streams it
# captured ("ValueError: I/O operation on closed file"); its warnings and errors still show.
logging.getLogger("pgserver").setLevel(logging.WARNING)
