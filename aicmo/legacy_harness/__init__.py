"""The test harness that makes the legacy code deterministic: a pytest plugin and its fake providers.

Not part of the shared kernel: it binds the legacy global session and patches legacy globals,
so it imports legacy (inside its fixtures) by design, and only tests load it.
"""
