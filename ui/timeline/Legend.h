#pragma once

// What the legend lists, and how many rows it needs at a given width (it wraps rather than
// dropping entries: a learner needs every one of them).
#include <QFont>
#include <QString>

#include <vector>

namespace awaitscope::ui {

enum class LegendSwatch {
    Running, Thread, Awaiting, Ready, Blocking, Frozen, NeverAwaited, Done, Failed, Cancelled, WakeUp, Created, Bracket,
    CriticalPath
};

struct LegendEntry {
    LegendSwatch swatch;
    QString text;
};

// `asyncio`: a trace of an asyncio program. Another tool's trace (a browser's) has threads and
// slices only: busy, idle and flows are all there is to name. `criticalPath`: the path is shown.
const std::vector<LegendEntry>& legendEntries(bool asyncio = true, bool criticalPath = false);

inline constexpr int kLegendSwatchWidth = 16;
inline constexpr int kLegendGap = 16;
inline constexpr int kLegendRowHeight = 22;

// Left edges (relative to the legend's left) and rows of each entry when laid out in `width`.
struct LegendPlacement {
    int x = 0;
    int row = 0;
};
std::vector<LegendPlacement> placeLegend(const QFont& font, int width, bool asyncio = true, bool criticalPath = false);
// The height the placed entries need.
int legendHeightOf(const std::vector<LegendPlacement>& placements);

} // namespace awaitscope::ui
