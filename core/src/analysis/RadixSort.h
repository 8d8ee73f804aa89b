#pragma once

// Sorting for the analysis over millions of spans: a stable LSD radix sort on a 64-bit key,
// several times faster than std::sort there. Times map to keys with timeKey(), which keeps
// the order of signed values.
#include "awaitscope/trace/Trace.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <vector>

namespace awaitscope::detail {

inline std::uint64_t timeKey(TimeNs t) { return static_cast<std::uint64_t>(t) ^ (std::uint64_t{1} << 63); }

// Stable: items with equal keys keep their order. 11-bit digits over the bits in which keys
// differ, so times spread over 2^44 ns (five hours) take four passes.
template <class Vector, class Key>
void radixSortByKey(Vector& items, Key key) {
    using T = typename Vector::value_type;
    const std::size_t n = items.size();
    if (n < 4096) {
        std::stable_sort(items.begin(), items.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
        return;
    }
    constexpr int kBits = 11;
    constexpr std::size_t kBuckets = std::size_t{1} << kBits;
    // Only the bits in which the keys differ need passes: sort on key - smallest key.
    std::uint64_t lowest = ~std::uint64_t{0};
    std::uint64_t highest = 0;
    for (const T& item : items) {
        const std::uint64_t k = key(item);
        lowest = std::min(lowest, k);
        highest = std::max(highest, k);
    }
    int passes = 0;
    for (std::uint64_t range = highest - lowest; range != 0; range >>= kBits)
        ++passes;
    std::vector<std::array<std::size_t, kBuckets>> counts(static_cast<std::size_t>(passes));
    for (auto& c : counts)
        c.fill(0);
    for (const T& item : items) {
        const std::uint64_t k = key(item) - lowest;
        for (int pass = 0; pass < passes; ++pass)
            ++counts[static_cast<std::size_t>(pass)][(k >> (pass * kBits)) & (kBuckets - 1)];
    }
    RecordVector<T> buffer(n);
    T* from = items.data();
    T* to = buffer.data();
    for (int pass = 0; pass < passes; ++pass) {
        auto& count = counts[static_cast<std::size_t>(pass)];
        if (std::any_of(count.begin(), count.end(), [&](std::size_t c) { return c == n; }))
            continue;
        std::size_t offset = 0;
        for (std::size_t& c : count) {
            const std::size_t here = c;
            c = offset;
            offset += here;
        }
        for (std::size_t i = 0; i < n; ++i)
            to[count[((key(from[i]) - lowest) >> (pass * kBits)) & (kBuckets - 1)]++] = from[i];
        std::swap(from, to);
    }
    if (from != items.data())
        std::copy(from, from + n, items.data());
}

// Merges sequences that are each in time order, one per task, into one in time order with the
// items of an instant in task order: a stable radix sort of (time, task) pairs, packed into 8
// bytes when they fit (half the memory to move), not a merge through a heap, which misses the
// cache at every step. each(task, emit) emits the times of a task's items in order; then
// visit(task, key) is called for every item in merged order (key: equal for equal times), and
// the k-th call for a task is about its k-th item. False when stop() asked to stop.
// bounds(task, emit) emits times among which are a task's earliest and latest (each's, or
// just its first and last, which saves a pass over millions of items).
template <class Each, class Bounds, class Visit, class Stop>
bool mergeByTime(std::size_t tasks, std::size_t total, Each each, Bounds bounds, Visit visit, Stop stop) {
    std::uint64_t lowest = ~std::uint64_t{0};
    std::uint64_t highest = 0;
    for (std::size_t task = 0; task < tasks; ++task)
        bounds(task, [&](TimeNs t) {
            lowest = std::min(lowest, timeKey(t));
            highest = std::max(highest, timeKey(t));
        });
    const int taskBits = std::bit_width(tasks);
    const int timeBits = lowest > highest ? 0 : std::bit_width(highest - lowest);
    auto merge = [&](auto& items, auto pack, auto keyOf, auto taskOf) {
        items.reserve(total);
        for (std::size_t task = 0; task < tasks; ++task)
            each(task, [&](TimeNs t) { items.push_back(pack(timeKey(t) - lowest, static_cast<TaskId>(task))); });
        if (stop())
            return false;
        radixSortByKey(items, keyOf);
        if (stop())
            return false;
        for (const auto& item : items)
            visit(taskOf(item), keyOf(item));
        return true;
    };
    if (taskBits + timeBits <= 64) {
        RecordVector<std::uint64_t> items;
        const std::uint64_t taskMask = (std::uint64_t{1} << taskBits) - 1;
        return merge(
            items, [&](std::uint64_t key, TaskId task) { return key << taskBits | task; },
            [&](std::uint64_t item) { return item >> taskBits; }, [&](std::uint64_t item) { return static_cast<TaskId>(item & taskMask); });
    }
    struct Item {  // times spread over centuries, or very many tasks
        std::uint64_t key;
        TaskId task;
    };
    RecordVector<Item> items;
    return merge(
        items, [](std::uint64_t key, TaskId task) { return Item{key, task}; }, [](const Item& item) { return item.key; },
        [](const Item& item) { return item.task; });
}

// Sweeps intervals [begin, end) and calls visit(time, count) once for every distinct time,
// with the number of intervals covering [time, next time). An interval ending at t does not
// overlap one beginning at t. Sorts the two vectors it is given.
template <class Times, class Visit>
void sweepIntervals(Times& begins, Times& ends, Visit visit) {
    radixSortByKey(begins, [](TimeNs t) { return timeKey(t); });
    radixSortByKey(ends, [](TimeNs t) { return timeKey(t); });
    std::size_t b = 0;
    std::size_t e = 0;
    std::int64_t count = 0;
    while (b < begins.size() || e < ends.size()) {
        const TimeNs t = e < ends.size() && (b == begins.size() || ends[e] <= begins[b]) ? ends[e] : begins[b];
        while (e < ends.size() && ends[e] == t) {
            --count;
            ++e;
        }
        while (b < begins.size() && begins[b] == t) {
            ++count;
            ++b;
        }
        visit(t, static_cast<std::uint64_t>(std::max<std::int64_t>(0, count)));
    }
}

} // namespace awaitscope::detail
