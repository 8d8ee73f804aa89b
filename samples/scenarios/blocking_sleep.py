"""blocking_sleep

placeholder
"""
print("hi")
