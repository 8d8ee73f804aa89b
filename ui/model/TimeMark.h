#pragma once

// A moment called out across the whole timeline with a word in the ruler, such as where two
// compared runs first take different turns. Small enough to pass in signals and frames.
#include <awaitscope/trace/Trace.h>

#include <QString>

namespace awaitscope::ui {

struct TimeMark {
    TimeNs time = 0;
    QString label;  // "runs diverge"
    friend bool operator==(const TimeMark&, const TimeMark&) = default;
};

} // namespace awaitscope::ui
