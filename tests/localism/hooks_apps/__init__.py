"""Apps that exist only for the tests of the plug-in points (tests/localism/test_hooks.py)."""
