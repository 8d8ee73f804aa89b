#include "timeline/Legend.h"

#include <QFontMetrics>

namespace awaitscope::ui {

const std::vector<LegendEntry>& legendEntries(bool asyncio) {
    static const std::vector<LegendEntry> slices = {
        {LegendSwatch::Running, QStringLiteral("busy (in a slice)")},
        {LegendSwatch::Awaiting, QStringLiteral("idle")},
        {LegendSwatch::WakeUp, QStringLiteral("flow")},
    };
    if (!asyncio)
        return slices;
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
    return entries;
}

std::vector<LegendPlacement> placeLegend(const QFont& font, int width, bool asyncio) {
    const QFontMetrics metrics(font);
    std::vector<LegendPlacement> placements;
    int x = 8, row = 0;
    for (const LegendEntry& entry : legendEntries(asyncio)) {
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
