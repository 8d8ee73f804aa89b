#pragma once

// Sorting for the analysis over millions of spans: a stable LSD radix sort on a 64-bit key,
// several times faster than std::sort there. Times map to keys with timeKey(), which keeps
// the order of signed values.
#include "awaitscope/trace/Trace.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace awaitscope::detail {

inline std::uint64_t timeKey(TimeNs t) { return static_cast<std::uint64_t>(t) ^ (std::uint64_t{1} << 63); }

// Stable: items with equal keys keep their order. 11-bit digits over the bits in which keys
// differ, so times spread over 2^44 ns (five hours) take four passes.
template <class T, class Key>
void radixSortByKey(std::vector<T>& items, Key key) {
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
    std::vector<T> buffer(n);
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

// Sweeps intervals [begin, end) and calls visit(time, count) once for every distinct time,
// with the number of intervals covering [time, next time). An interval ending at t does not
// overlap one beginning at t. Sorts the two vectors it is given.
template <class Visit>
void sweepIntervals(std::vector<TimeNs>& begins, std::vector<TimeNs>& ends, Visit visit) {
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
