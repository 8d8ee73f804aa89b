#pragma once

// What is under a point of a TimelineFrame: binary searches over the same sorted vectors the
// painter draws from, with a few pixels of tolerance so that one-pixel slivers can be hit.
#include "model/Selection.h"
#include "timeline/TimelineFrame.h"

#include <QPoint>

#include <optional>

namespace awaitscope::ui {

enum class HitArea { Nothing, Header, CollapseToggle, Ruler, Plot, Legend };

struct Hit {
    HitArea area = HitArea::Nothing;
    Selection selection;           // what a click there selects (None on empty plot)
    int row = -1;                  // layout row index, -1 if none
    std::optional<TimeNs> time;    // in the plot and ruler
    std::optional<std::size_t> arrow;  // a drawn wake-up or creation arrow under the point: into DerivedTrace::arrows()
    // A link of the shown critical path under the point (on its task's state bar): into
    // CriticalPath::segments.
    std::optional<std::size_t> criticalLink;
};

Hit hitTest(const TimelineFrame& frame, QPoint point, double tolerancePx = 3.0);

// The record of `records` (sorted by begin, disjoint) that contains t, else the nearest one
// within `tolerance` of t; nullopt when there is none.
template <class Records>
std::optional<std::size_t> findRecordNear(const Records& records, TimeNs t, TimeNs tolerance) {
    using Record = typename Records::value_type;
    auto it = std::partition_point(records.begin(), records.end(), [&](const Record& r) { return r.end < t - tolerance; });
    std::optional<std::size_t> best;
    TimeNs bestDistance = tolerance + 1;
    for (; it != records.end() && it->begin <= t + tolerance; ++it) {
        const TimeNs distance = t < it->begin ? it->begin - t : t > it->end ? t - it->end : 0;
        if (distance < bestDistance || (distance == 0 && bestDistance == 0 && it->end - it->begin > 0)) {
            best = static_cast<std::size_t>(it - records.begin());
            bestDistance = distance;
        }
        if (distance == 0 && it->end > t)
            break;  // contains t with width: nothing later can be better
    }
    return best;
}

} // namespace awaitscope::ui
