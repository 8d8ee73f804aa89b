"""itertools: the iterator building blocks tutorials use."""
import itertools
from itertools import (accumulate, chain, combinations, count, cycle, dropwhile, groupby, islice, pairwise,
                       permutations, product, repeat, starmap, takewhile, tee, zip_longest)
import operator

print(list(islice(count(), 5)), list(islice(count(10, 5), 3)), list(islice(count(1.5, 0.5), 3)))
print(list(islice(cycle("AB"), 5)), list(cycle([])))
print(list(repeat("x", 3)), list(zip(range(3), repeat(0))))
print(list(islice("abcdefg", 2)), list(islice("abcdefg", 2, 4)), list(islice("abcdefg", 1, None, 2)))
print(list(islice(range(10), 0, 9, 3)), list(islice([], 3)), list(islice("abc", 0)))
it = iter(range(10))
print(list(islice(it, 3)), next(it))
print(list(chain([1, 2], (3,), "ab")), list(chain.from_iterable([[1], [2, 3], []])), list(chain()))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3, 4], operator.mul)),
      list(accumulate([3, 1, 4], max)), list(accumulate([1, 2], initial=100)), list(accumulate([])))
data = sorted(["apple", "avocado", "banana", "blueberry", "cherry"], key=lambda w: w[0])
for letter, words in groupby(data, key=lambda w: w[0]):
    print(letter, list(words))
print([(k, len(list(g))) for k, g in groupby("aaabccdd")])
print([k for k, _ in groupby([1, 1, 2, 1])])
groups = list(groupby("aabb"))
print([(k, list(g)) for k, g in groups])
print(list(zip_longest("abc", [1], fillvalue="-")), list(zip_longest([1, 2], [3])))
print(list(product("ab", [1, 2])), list(product([0, 1], repeat=2)), len(list(product(range(3), repeat=3))))
print(list(permutations([1, 2, 3])), list(permutations("abc", 2)))
print(list(combinations([1, 2, 3, 4], 2)), list(combinations("ab", 3)))
print(list(itertools.combinations_with_replacement("ab", 2)))
print(list(pairwise([1, 2, 3, 4])), list(pairwise([1])))
print(list(starmap(pow, [(2, 3), (3, 2)])), list(starmap(operator.add, zip([1, 2], [10, 20]))))
print(list(takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(itertools.filterfalse(lambda x: x % 2, range(6))), list(itertools.compress("abcd", [1, 0, 1, 0])))
a, b = tee([1, 2, 3])
print(list(a), list(b))
x, y, z = tee(iter("xyz"), 3)
print(next(x), next(x), next(y), list(z), list(x), list(y))
batches = iter(range(7))
while batch := list(islice(batches, 3)):
    print("batch", batch)
print(sum(1 for _ in zip(range(1000), count())))
