"""gather_results

placeholder
"""
print("hi")
