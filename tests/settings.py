"""Test settings: production's (lms/settings.py) plus the switches only a test run may use.

The environment the tests run in (plain HTTP, a test key, tasks run in-process, ...) is set
by tests/environment.py before this module is read; what has no business in lms/settings.py
at all lives here.
"""

from lms.settings import *  # noqa: F403

# Fixtures hash many passwords; MD5 keeps them cheap. Production has no switch that could pick it.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
