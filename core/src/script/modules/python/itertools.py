"""itertools, after the pure-Python equivalents in CPython 3.11's documentation: each is a
generator (CPython's are iterator objects; they print as generators here)."""


def count(start=0, step=1):
    n = start
    while True:
        yield n
        n += step


def cycle(iterable):
    saved = []
    for element in iterable:
        yield element
        saved.append(element)
    if not saved:
        return
    while True:
        for element in saved:
            yield element


def repeat(object, times=None):
    if times is None:
        while True:
            yield object
    else:
        for _ in range(times):
            yield object


def accumulate(iterable, func=None, *, initial=None):
    it = iter(iterable)
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    if func is None:
        for element in it:
            total = total + element
            yield total
    else:
        for element in it:
            total = func(total, element)
            yield total


class chain:
    def __init__(self, *iterables):
        self._iterables = iter(iterables)
        self._current = None

    @classmethod
    def from_iterable(cls, iterables):
        result = cls()
        result._iterables = iter(iterables)
        return result

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            if self._current is None:
                self._current = iter(next(self._iterables))
            try:
                return next(self._current)
            except StopIteration:
                self._current = None


def compress(data, selectors):
    return (d for d, s in zip(data, selectors) if s)


def dropwhile(predicate, iterable):
    it = iter(iterable)
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


def takewhile(predicate, iterable):
    for x in iterable:
        if predicate(x):
            yield x
        else:
            break


def filterfalse(predicate, iterable):
    if predicate is None:
        predicate = bool
    for x in iterable:
        if not predicate(x):
            yield x


def starmap(function, iterable):
    for args in iterable:
        yield function(*args)


def islice(iterable, *args):
    if len(args) == 1:
        start, stop, step = 0, args[0], 1
    elif len(args) == 2:
        start, stop, step = args[0], args[1], 1
    elif len(args) == 3:
        start, stop, step = args
        if step is None:
            step = 1
    else:
        raise TypeError(f'islice expected at most 4 arguments, got {len(args) + 1}')
    if start is None:
        start = 0
    if (stop is not None and (not isinstance(stop, int) or stop < 0)):
        raise ValueError('Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.')
    if not isinstance(start, int) or start < 0:
        raise ValueError('Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.')
    if not isinstance(step, int) or step < 1:
        raise ValueError('Step for islice() must be a positive integer or None.')
    return _islice(iter(iterable), start, stop, step)


def _islice(it, start, stop, step):
    index = 0
    next_index = start
    if stop is not None and stop <= start:
        for _ in zip(range(stop), it):
            pass
        return
    for element in it:
        if index == next_index:
            yield element
            next_index += step
            if stop is not None and next_index >= stop:
                # consume nothing more, as CPython's islice stops at once
                return
        index += 1


class _GroupState:
    def __init__(self, iterable, key):
        self.it = iter(iterable)
        self.key = key
        self.done = False
        self.has_current = False
        self.current_value = None
        self.current_key = None
        self.group_id = 0

    def advance(self):
        try:
            self.current_value = next(self.it)
        except StopIteration:
            self.done = True
            self.has_current = False
            return False
        self.current_key = self.current_value if self.key is None else self.key(self.current_value)
        self.has_current = True
        return True


def _grouper(state, target_key, group_id):
    while state.group_id == group_id and state.has_current and state.current_key == target_key:
        value = state.current_value
        state.advance()
        yield value


def groupby(iterable, key=None):
    state = _GroupState(iterable, key)
    state.advance()
    while state.has_current:
        target_key = state.current_key
        state.group_id += 1
        yield (target_key, _grouper(state, target_key, state.group_id))
        # skip what the caller left of the group
        while state.has_current and state.current_key == target_key:
            state.advance()


def zip_longest(*iterables, fillvalue=None):
    iterators = [iter(it) for it in iterables]
    active = len(iterators)
    if not active:
        return
    while True:
        values = []
        for i, it in enumerate(iterators):
            try:
                value = next(it)
            except StopIteration:
                active -= 1
                if not active:
                    return
                iterators[i] = repeat(fillvalue)
                value = fillvalue
            values.append(value)
        yield tuple(values)


def product(*iterables, repeat=1):
    if repeat < 0:
        raise ValueError('repeat argument cannot be negative')
    pools = [tuple(pool) for pool in iterables] * repeat
    result = [[]]
    for pool in pools:
        result = [x + [y] for x in result for y in pool]
    for prod in result:
        yield tuple(prod)


def permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return


def combinations(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if r > n:
        return
    indices = list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)


def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple(pool[i] for i in indices)


def pairwise(iterable):
    it = iter(iterable)
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield a, b
        a = b


class _TeeData:
    def __init__(self, iterable):
        self.it = iter(iterable)
        self.buffer = []
        self.offset = 0  # the absolute index of buffer[0]
        self.positions = []


def _tee_branch(data, branch):
    while True:
        position = data.positions[branch]
        index = position - data.offset
        if index >= len(data.buffer):
            try:
                data.buffer.append(next(data.it))
            except StopIteration:
                return
        value = data.buffer[index]
        data.positions[branch] = position + 1
        low = min(data.positions)
        if low > data.offset:
            del data.buffer[:low - data.offset]
            data.offset = low
        yield value


def tee(iterable, n=2):
    if n < 0:
        raise ValueError('n must be >= 0')
    data = _TeeData(iterable)
    data.positions = [0] * n
    return tuple(_tee_branch(data, i) for i in range(n))
