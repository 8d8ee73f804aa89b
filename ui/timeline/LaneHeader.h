#pragma once

// The words at the left of a lane: its title and the line under it. The same words the
// report prints for the loop's counters ("waiting to run · max 12" is its ready-queue peak).
#include "timeline/TimelineLayout.h"

#include <QString>

namespace awaitscope::ui {

struct LaneHeader {
    QString title;
    QString subtitle;
};

LaneHeader laneHeader(const DerivedTrace& model, const LayoutRow& row);

} // namespace awaitscope::ui
