"""Lists: methods, slicing, sorting."""
xs = [5, 3, 8, 1]
xs.append(7)
xs.extend([2, 2])
xs.insert(0, 9)
print(xs, len(xs), xs.count(2), xs.index(8))
print(xs.pop(), xs.pop(0), xs)
xs.remove(3)
print(xs)
xs.sort()
print(xs)
xs.sort(reverse=True)
print(xs)
xs.reverse()
print(xs, xs[1:3], xs[::-1], xs[-2:], xs[:-2], xs[::2])
ys = xs.copy()
ys[0] = 100
ys[1:3] = ["a", "b", "c"]
print(xs, ys)
del ys[0]
del ys[-2:]
print(ys)
ys.clear()
print(ys, bool(ys), bool([0]))
people = [("ann", 31), ("bob", 25), ("cy", 31), ("dee", 19)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(max(people, key=lambda p: p[1]), min(people, key=lambda p: p[1]))
grid = [[0] * 3 for _ in range(2)]
grid[0][1] = 5
print(grid, [row[1] for row in grid])
print([1, 2] + [3], [0] * 4, 3 in [1, 2, 3], [1, [2, 3]] == [1, [2, 3]], [1, 2] < [1, 3])
stack = []
for i in range(3):
    stack.append(i * i)
while stack:
    print("pop", stack.pop())
a, *rest = [1, 2, 3, 4]
*init, last = [1, 2, 3, 4]
first, *middle, final = "abcde"
print(a, rest, init, last, first, middle, final)
nums = list(range(10))
print(nums[2:8:2], nums[::-3], nums[-3:-1], list(reversed(nums[:3])))
print(sum(nums), min(nums), max(nums), sorted(nums, reverse=True)[:3])
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print(list(map(str, [1, 2])), list(filter(None, [0, 1, 2, "", "a"])), list(zip([1, 2], "ab", [True, False])))
