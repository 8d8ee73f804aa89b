"""Simple classes: __init__, methods, attributes, inheritance, super(), dunder methods."""


class Tool:
    category = "generic"
    count = 0

    def __init__(self, name, cost=1.0):
        self.name = name
        self.cost = cost
        Tool.count += 1

    def run(self, query):
        return f"{self.name}({query!r})"

    def __repr__(self):
        return f"Tool({self.name!r}, cost={self.cost})"


class SearchTool(Tool):
    category = "search"

    def __init__(self, name, engine):
        super().__init__(name, cost=2.5)
        self.engine = engine

    def run(self, query):
        base = super().run(query)
        return f"{base} via {self.engine}"


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def __str__(self):
        return f"({self.x}, {self.y})"

    def __len__(self):
        return 2

    def __hash__(self):
        return hash((self.x, self.y))


basic = Tool("calculator")
search = SearchTool("web", "duck")
print(basic, search, basic.run("2+2"), search.run("news"))
print(basic.category, search.category, Tool.category, Tool.count, basic.cost, search.cost)
print(isinstance(search, Tool), isinstance(basic, SearchTool), issubclass(SearchTool, Tool), type(search).__name__)
basic.cost = 3
basic.extra = "added later"
print(basic.cost, basic.extra, hasattr(basic, "extra"), hasattr(basic, "missing"), getattr(basic, "missing", "default"))
p = Point(1, 2) + Point(3, 4)
print(p, str(p), Point(1, 2) == Point(1, 2), Point(1, 2) != Point(2, 1), len(p), sorted([Point(2, 0), Point(1, 5)])[0])
print({Point(1, 1): "one"}[Point(1, 1)], Point(0, 0) in [Point(0, 0)])


class Counter:
    instances = []

    def __init__(self):
        self.value = 0
        Counter.instances.append(self)

    def increment(self, by=1):
        self.value += by
        return self

    @staticmethod
    def describe():
        return "counts things"

    @classmethod
    def created(cls):
        return len(cls.instances)

    @property
    def doubled(self):
        return self.value * 2


c = Counter().increment().increment(5)
Counter()
print(c.value, c.doubled, Counter.describe(), Counter.created(), c.describe())
method = c.increment
method(10)
print(c.value, type(method).__name__)


class Shape:
    def area(self):
        raise NotImplementedError("subclasses implement area")

    def describe(self):
        return f"{type(self).__name__} with area {self.area():.2f}"


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side ** 2


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3.14159 * self.r ** 2


for shape in [Square(2), Circle(1)]:
    print(shape.describe())
try:
    Shape().describe()
except NotImplementedError as error:
    print("error:", error)
print(vars(Point(5, 6)))
