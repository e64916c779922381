"""Development tools: demo content, the benchmark, the load test and sample files.

Never imported by the running site: settings install this app (for its `seed_demo` and `bench`
commands) only with DEBUG=1 or DEVTOOLS=1, and tests/test_devtools_stay_out.py checks that no
module of the portal's apps imports it.
"""
