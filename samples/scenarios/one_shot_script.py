"""one_shot_script

placeholder
"""
print("hi")
