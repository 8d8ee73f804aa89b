"""to_thread_fix

placeholder
"""
print("hi")
