"""Shadow replay: the inputs of past comparisons run again against the current new implementation.

`stored.py` reads what the comparisons kept, `arguments.py` rebuilds a call's typed arguments,
`run.py` runs legacy twice and the candidate once (everything rolled back), `outcome.py`
says what changed since the comparison was recorded.
"""
