"""sequential_awaits

placeholder
"""
print("hi")
