"""f-strings with format specs, conversions and self-documenting expressions."""
pi = 3.14159265
n = 1234567
name = "agent"
elapsed = 2.0467
print(f"{pi:.1f} {pi:.3f} {pi:8.2f}| {pi:<8.2f}| {pi:^9.2f}| {pi:+.2f} {-pi:.2f}")
print(f"{n:,} {n:_} {n:>12,} {n:012} {n:x} {n:#x} {n:o} {n:b} {255:08b} {n:e}")
print(f"{name!r} {name!s} {name:>10}| {name:<10}| {name:*^11} {name:.3}")
print(f"{elapsed:.1f}s {elapsed:.2f}s {elapsed:g} {0.000012:g} {1e20:g} {0.5:%} {0.256:.1%}")
print(f"{3} {3.0} {3.0:.0f} {2.5:.0f} {3.5:.0f} {1/3} {1/3:.4} {100.0:.2} {1234.5:.3}")
print(f"{n=} {pi=:.2f} {name = } {1 + 1 = }")
width = 8
prec = 2
print(f"{pi:{width}.{prec}f}|{name:>{width}}|")
items = ["a", "b"]
data = {"k": 1}
print(f"{items} {items[0]} {data['k']} {len(items)} {items!r:>12}")
print(f"{'nested'} {'q' + 'r'} {[x * 2 for x in range(3)]} {(lambda v: v + 1)(1)}")
print(f"{{literal braces}} {{{n}}}")
print(f"{True} {None} {True:>6} {False:d} {7:5d}| {-7:<5d}| {7:^5}|")
print(f"{0.1 + 0.2} {0.1 + 0.2:.17f} {1e-7} {123456789.0} {1e16:.0f}")
print(f"{'left':<6}|{'right':>6}|{'mid':^7}|{42:=+6}|{-42:=6}|")
value = 0.5
print(f"progress: {value:.0%} done", f"{12.5:.1f}%", f"{-0.0:.1f}", f"{'x':5}|")
print(f"{3.14159:.2e} {314159:.2e} {0.00001234:.3E} {1234:G}")
