"""taskgroup_failure

placeholder
"""
print("hi")
