#include "timeline/Legend.h"

#include <QFontMetrics>

namespace awaitscope::ui {

namespace {

std::vector<LegendEntry> withCriticalPath(std::vector<LegendEntry> entries) {
    entries.push_back({LegendSwatch::CriticalPath, QStringLiteral("critical path (set the run's length)")});
    return entries;
}

} // namespace

const std::vector<LegendEntry>& legendEntries(bool asyncio, bool criticalPath) {
    static const std::vector<LegendEntry> slices = {
        {LegendSwatch::Running, QStringLiteral("busy (in a slice)")},
        {LegendSwatch::Awaiting, QStringLiteral("idle")},
        {LegendSwatch::WakeUp, QStringLiteral("flow")},
    };
    static const std::vector<LegendEntry> slicesAndPath = withCriticalPath(slices);
    if (!asyncio)
        return criticalPath ? slicesAndPath : slices;
    static const std::vector<LegendEntry> entries = {
        {LegendSwatch::Running, QStringLiteral("running (holds the loop)")},
        {LegendSwatch::Thread, QStringLiteral("on a thread (the loop is free)")},
        {LegendSwatch::Awaiting, QStringLiteral("awaiting (the loop is free)")},
        {LegendSwatch::Ready, QStringLiteral("ready, waiting for the loop")},
        {LegendSwatch::Blocking, QStringLiteral("blocking call")},
        {LegendSwatch::Frozen, QStringLiteral("loop frozen")},
        {LegendSwatch::NeverAwaited, QStringLiteral("never awaited")},
        {LegendSwatch::Done, QStringLiteral("done")},
        {LegendSwatch::Failed, QStringLiteral("failed")},
        {LegendSwatch::Cancelled, QStringLiteral("cancelled")},
        {LegendSwatch::WakeUp, QStringLiteral("woke it")},
        {LegendSwatch::Created, QStringLiteral("created it")},
        {LegendSwatch::Bracket, QStringLiteral("TaskGroup / gather")},
    };
    static const std::vector<LegendEntry> entriesAndPath = withCriticalPath(entries);
    return criticalPath ? entriesAndPath : entries;
}

std::vector<LegendPlacement> placeLegend(const QFont& font, int width, bool asyncio, bool criticalPath) {
    const QFontMetrics metrics(font);
    std::vector<LegendPlacement> placements;
    int x = 8, row = 0;
    for (const LegendEntry& entry : legendEntries(asyncio, criticalPath)) {
        const int w = kLegendSwatchWidth + 5 + metrics.horizontalAdvance(entry.text);
        if (x + w > width - 4 && x > 8) {
            x = 8;
            ++row;
        }
        placements.push_back({x, row});
        x += w + kLegendGap;
    }
    return placements;
}

int legendHeightOf(const std::vector<LegendPlacement>& placements) {
    const int rows = placements.empty() ? 1 : placements.back().row + 1;
    return rows * kLegendRowHeight + 8;
}

} // namespace awaitscope::ui
