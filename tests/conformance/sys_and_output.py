"""print's keyword arguments and sys.stdout / sys.stderr."""
import sys

print("a", "b", "c", sep=", ")
print("no", "separator", sep="")
print("stays", end=" ")
print("on one line")
print("to stderr", file=sys.stderr)
written = sys.stdout.write("written directly\n")
print(written)
sys.stderr.write("also stderr\n")
print(*[1, 2, 3], sep=" -> ", end=" .\n")
print(*"xyz")
print("done", flush=True)
