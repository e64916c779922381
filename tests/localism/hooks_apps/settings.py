"""The project's settings with the apps named in HOOKS_TEST_APPS installed after the project's own."""

import os

from localism.settings import *  # noqa: F403
from localism.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, *filter(None, os.environ.get("HOOKS_TEST_APPS", "").split(","))]
