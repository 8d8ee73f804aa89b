"""taskgroup_concurrency

placeholder
"""
print("hi")
