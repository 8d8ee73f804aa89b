#include "model/CriticalPathText.h"

#include "model/QtText.h"

#include <awaitscope/analysis/TimeFormat.h>

namespace awaitscope::ui {

QString criticalLinkText(const DerivedTrace& model, std::size_t link) {
    const auto& segments = model.analysis().criticalPath.segments;
    if (link >= segments.size())
        return {};
    const CriticalSegment& segment = segments[link];
    return QStringLiteral("%1, %2").arg(qs(describeCriticalSegment(model.trace(), model.index(), segment)),
                                         qs(plainDuration(segment.duration())));
}

QString criticalLinkPlace(const DerivedTrace& model, std::size_t link) {
    const auto& segments = model.analysis().criticalPath.segments;
    if (link >= segments.size())
        return {};
    return QStringLiteral("link %1 of %2, from %3 to %4")
        .arg(countText(link + 1), countText(segments.size()), qs(formatMoment(segments[link].begin)),
             qs(formatMoment(segments[link].end)));
}

} // namespace awaitscope::ui
