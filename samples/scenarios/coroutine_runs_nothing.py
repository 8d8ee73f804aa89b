"""coroutine_runs_nothing

placeholder
"""
print("hi")
