#include "timeline/ArrowGeometry.h"

#include "model/QtText.h"

#include <awaitscope/analysis/TimeFormat.h>

#include <algorithm>

namespace awaitscope::ui {

std::optional<BarExtent> stateBarOf(const TimelineFrame& f, TaskId task, bool intoGroups) {
    const int index = f.layout->rowOfTask(task);
    if (index < 0)
        return std::nullopt;
    const LayoutRow& row = f.layout->rows()[static_cast<std::size_t>(index)];
    if (row.kind == RowKind::Group && !intoGroups)
        return std::nullopt;
    const LaneMetrics& m = f.layout->metrics();
    const int height = row.kind == RowKind::Group ? m.groupBandHeight : m.stateBarHeight;
    return BarExtent{static_cast<double>(f.rowTop(row) + row.stateOffset(m)), static_cast<double>(height)};
}

namespace {

// The vertical centre of the state bar (or band) of the row that shows `task`.
std::optional<double> centreOf(const TimelineFrame& f, TaskId task, bool intoGroups) {
    const auto bar = stateBarOf(f, task, intoGroups);
    return bar ? std::optional<double>(bar->centre()) : std::nullopt;
}

} // namespace

ArrowsInView arrowsInView(const TimelineFrame& f) {
    const auto& arrows = f.model->arrows();
    const TimeRange view = f.visible;
    const auto first = std::partition_point(arrows.begin(), arrows.end(),
                                            [&](const WakeArrow& a) { return a.cause < view.begin - f.model->longestArrow(); });
    const auto last = std::partition_point(first, arrows.end(), [&](const WakeArrow& a) { return a.cause <= view.end; });
    std::size_t visible = 0;
    for (auto it = first; it != last && visible <= static_cast<std::size_t>(f.maxArrows); ++it)
        visible += it->effect >= view.begin;
    return {std::span<const WakeArrow>(arrows.data() + (first - arrows.begin()), static_cast<std::size_t>(last - first)), visible > static_cast<std::size_t>(f.maxArrows)};
}

std::optional<ArrowPlacement> placeArrow(const TimelineFrame& f, const ArrowsInView& view, const WakeArrow& arrow) {
    if (arrow.effect < f.visible.begin)
        return std::nullopt;
    const TaskId selected = f.selection.task;
    const bool highlighted = selected != kNoTask && (arrow.from == selected || arrow.to == selected);
    if (view.onlySelected && !highlighted)
        return std::nullopt;
    const auto y0 = centreOf(f, arrow.from, highlighted);
    const auto y1 = centreOf(f, arrow.to, highlighted);
    if (!y0 || !y1 || *y0 == *y1)
        return std::nullopt;
    return ArrowPlacement{*y0, *y1, highlighted};
}

QPainterPath arrowCurve(const TimeScale& scale, const WakeArrow& arrow, double y0, double y1, double* bend) {
    const double x0 = scale.clampX(scale.timeToX(arrow.cause), 400);
    const double x1 = scale.clampX(scale.timeToX(arrow.effect), 400);
    const double dx = std::clamp((x1 - x0) * 0.5, 6.0, 60.0);
    if (bend)
        *bend = dx;
    QPainterPath path;
    path.moveTo(x0, y0);
    path.cubicTo(x0 + dx, y0, x1 - dx, y1, x1, y1);
    return path;
}

QString arrowTitle(const DerivedTrace& model, const WakeArrow& arrow) {
    const QString from = qs(taskLabel(model.trace(), arrow.from));
    const QString to = qs(taskLabel(model.trace(), arrow.to));
    return arrow.creation() ? QStringLiteral("%1 created %2").arg(from, to) : QStringLiteral("%1 woke %2").arg(from, to);
}

QString arrowWhen(const WakeArrow& arrow) {
    return arrow.creation()
               ? QStringLiteral("at %1; it first ran at %2").arg(qs(formatMoment(arrow.cause)), qs(formatMoment(arrow.effect)))
               : QStringLiteral("at %1; it ran at %2").arg(qs(formatMoment(arrow.cause)), qs(formatMoment(arrow.effect)));
}

} // namespace awaitscope::ui
