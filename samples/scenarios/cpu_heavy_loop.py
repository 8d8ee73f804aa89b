"""cpu_heavy_loop

placeholder
"""
print("hi")
