"""Anti-corruption layer: one adapter per module implementing its port over the frozen legacy code.

Only this package (and the composition root, aicmo/orchestration/bootstrap.py) imports legacy.
Each ``acl/<module>/`` holds ``adapter.py`` (how legacy is called: one legacy session per port
call, legacy exceptions mapped to contract errors) and ``translation.py`` (legacy objects and
rows <-> contract DTOs, nothing else).
"""
