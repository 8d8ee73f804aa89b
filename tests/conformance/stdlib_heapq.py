"""heapq: a priority list of agent jobs, heapify, nlargest/nsmallest, merge."""
import heapq

jobs = []
for priority, name in [(3, "index"), (1, "answer user"), (2, "search"), (1, "log"), (5, "cleanup")]:
    heapq.heappush(jobs, (priority, name))
print(jobs)
while jobs:
    print(heapq.heappop(jobs))
data = [9, 4, 7, 1, 8, 2, 6]
heapq.heapify(data)
print(data, data[0])
print(heapq.heapreplace(data, 5), data)
print(heapq.heappushpop(data, 0), heapq.heappushpop(data, 10), data)
scores = {"a": 0.4, "b": 0.9, "c": 0.7, "d": 0.9}
print(heapq.nlargest(2, scores, key=scores.get), heapq.nsmallest(2, [5, 1, 4, 1]))
print(heapq.nlargest(3, [(2, "x"), (9, "y"), (4, "z")]), heapq.nsmallest(0, [1]))
print(list(heapq.merge([1, 4, 9], [2, 3, 10], [5])), list(heapq.merge(["b", "d"], ["a", "c"], key=str.upper)))
print(list(heapq.merge([9, 4, 1], [8, 2], reverse=True)))
try:
    heapq.heappop([])
except IndexError as e:
    print("IndexError", e)
