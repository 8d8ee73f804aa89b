#include "timeline/TimeScale.h"

#include <algorithm>
#include <cmath>

namespace awaitscope::ui {

TimeScale::TimeScale(TimeRange visible, double left, double width)
    : visible_(visible), left_(left), width_(std::max(1.0, width)) {
    if (visible_.duration() < 1)
        visible_.end = visible_.begin + kMinVisibleDuration;
    nsPerPixel_ = static_cast<double>(visible_.duration()) / width_;
}

TimeNs TimeScale::xToTime(double x) const {
    return saturatingRound(static_cast<double>(visible_.begin) + (x - left_) * nsPerPixel_);
}

TimeNs TimeScale::durationOf(double pixels) const { return saturatingRound(pixels * nsPerPixel_); }

double TimeScale::clampX(double x, double margin) const { return std::clamp(x, left_ - margin, right() + margin); }

} // namespace awaitscope::ui
