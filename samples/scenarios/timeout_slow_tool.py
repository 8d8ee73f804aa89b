"""timeout_slow_tool

placeholder
"""
print("hi")
