"""blocking_http_call

placeholder
"""
print("hi")
