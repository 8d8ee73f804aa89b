#pragma once

// Phase one of painting (after Tracy): turn what is visible in one row into
// a short list of pixel-space items. Runs of records narrower than a few pixels fold into one
// block that carries a count, so a row never holds much more than one item per pixel column,
// and the work per row grows with the plot width and log(events), not with the events.
#include "timeline/TimeScale.h"
#include "timeline/TimelineLayout.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace awaitscope::ui {

// One thing to draw: a single record (count 1) or a folded block of `count` records
// starting at index `first`. x1 >= x0 + 1 always: everything visible gets at least a pixel.
struct DrawItem {
    float x0 = 0;
    float x1 = 0;
    std::uint32_t first = 0;
    std::uint32_t count = 1;
    bool folded() const { return count > 1; }
};

// Never-awaited markers closer than a few pixels merge too (first/count index the task's list).
struct MarkerItem {
    float x = 0;
    std::uint32_t first = 0;
    std::uint32_t count = 1;
};

// One pixel run of a counter track with the highest value inside it.
struct CounterColumn {
    float x0 = 0;
    float x1 = 0;
    std::uint32_t value = 0;
};

// One pixel run of a group's band: how many of its tasks ran, waited for the loop and awaited
// there, on average (GroupActivity::averageIn).
struct GroupColumn {
    float x0 = 0;
    float x1 = 0;
    float running = 0;
    float ready = 0;
    float awaiting = 0;
};

struct DrawOptions {
    double minItemWidth = 3.0;      // narrower records fold into blocks
    double markerMergeDistance = 9.0;
};

struct RowDrawList {
    std::vector<DrawItem> spans;                // task: TaskLane::spans; loop: loop slices
    std::vector<DrawItem> blocks;               // task: TaskLane::blocks (blocking calls)
    std::vector<std::vector<DrawItem>> frames;  // frames[d - 1]: frameLevel(task, d)
    std::vector<MarkerItem> markers;            // task: into neverAwaitedBy(task); group: into its diagnostics
    std::vector<CounterColumn> counter;         // counter rows
    std::vector<GroupColumn> group;             // group rows
    void clear();
    std::size_t itemCount() const;
};

namespace detail {
template <class R>
TimeNs beginOf(const R& r) { return r.begin; }
template <class R>
TimeNs endOf(const R& r) { return r.end; }
} // namespace detail

// Appends the items for `records` (sorted by begin, disjoint, so also sorted by end) that
// meet the view of `scale`. A run of records narrower than `minWidth` becomes one block.
template <class Records>
void foldRecords(const Records& records, const TimeScale& scale, double minWidth, std::vector<DrawItem>& out) {
    using Record = typename Records::value_type;
    const TimeRange view = scale.visible();
    const TimeNs minWidthNs = std::max<TimeNs>(1, scale.durationOf(minWidth));
    const TimeNs onePixelNs = std::max<TimeNs>(1, scale.durationOf(1.0));
    auto endBefore = [](const Record& r, TimeNs t) { return detail::endOf(r) < t; };
    auto it = std::partition_point(records.begin(), records.end(), [&](const Record& r) { return detail::endOf(r) <= view.begin; });
    const auto last = records.end();
    auto push = [&](double x0, double x1, std::size_t first, std::size_t count) {
        x0 = scale.clampX(x0);
        x1 = std::max(scale.clampX(x1), x0 + 1.0);
        out.push_back({static_cast<float>(x0), static_cast<float>(x1), static_cast<std::uint32_t>(first),
                       static_cast<std::uint32_t>(count)});
    };
    while (it != last && detail::beginOf(*it) < view.end) {
        const TimeNs begin = detail::beginOf(*it);
        TimeNs end = detail::endOf(*it);
        if (end - begin >= minWidthNs) {
            push(scale.timeToX(begin), scale.timeToX(end), static_cast<std::size_t>(it - records.begin()), 1);
            ++it;
            continue;
        }
        // Fold: jump over every record that ends within minWidth of the block's end, then
        // take the next one too while it ends close by (Tracy's DrawZoneLevel).
        const auto first = it;
        TimeNs nextTime = end + minWidthNs;
        while (true) {
            const auto previous = it;
            it = std::lower_bound(it, last, nextTime, endBefore);
            if (it == previous)
                ++it;
            end = std::max(end, detail::endOf(*(it - 1)));
            if (it == last || detail::beginOf(*it) >= view.end)
                break;
            const TimeNs nextEnd = detail::endOf(*it);
            if (nextEnd - detail::beginOf(*it) >= minWidthNs || nextEnd - end >= 2 * minWidthNs)
                break;
            end = nextEnd;
            nextTime = nextEnd + std::max(onePixelNs, minWidthNs);
        }
        push(scale.timeToX(begin), scale.timeToX(end), static_cast<std::size_t>(first - records.begin()),
             static_cast<std::size_t>(it - first));
    }
}

// Fills `out` with the draw list of `row` for the view of `scale`.
void buildRowDrawList(const DerivedTrace& model, const LayoutRow& row, const TimeScale& scale, const DrawOptions& options,
                      RowDrawList& out);

} // namespace awaitscope::ui
