"""agent_loop

placeholder
"""
print("hi")
