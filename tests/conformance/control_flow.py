"""if/elif/else, while/else, for/else, break, continue, pass, conditional expressions."""
for n in range(1, 16):
    if n % 15 == 0:
        print("FizzBuzz")
    elif n % 3 == 0:
        print("Fizz")
    elif n % 5 == 0:
        print("Buzz")
    else:
        print(n)
count = 0
while count < 10:
    count += 1
    if count == 3:
        continue
    if count == 6:
        break
    print("count", count)
else:
    print("never printed")
i = 0
while i < 2:
    i += 1
else:
    print("while finished normally", i)
for word in ["alpha", "beta"]:
    if word == "gamma":
        break
else:
    print("no gamma found")
for x in range(3):
    for y in range(3):
        if y > x:
            break
        print(x, y, end="; ")
print()
status = "ok" if count > 5 else "low"
print(status, "yes" if [] else "no", "big" if count > 100 else "mid" if count > 3 else "small")
def nothing():
    pass
print(nothing())
value = 0
if not value:
    print("falsy zero")
if value is None:
    print("unreachable")
elif value == 0 and not None:
    print("zero and not None")
total = 0
for n in range(100):
    if n % 7:
        continue
    total += n
print(total)
