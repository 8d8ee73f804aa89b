"""semaphore_llm_limit

placeholder
"""
print("hi")
