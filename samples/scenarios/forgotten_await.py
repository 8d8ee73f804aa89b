"""forgotten_await

placeholder
"""
print("hi")
