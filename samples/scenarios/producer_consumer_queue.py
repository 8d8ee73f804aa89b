"""producer_consumer_queue

placeholder
"""
print("hi")
