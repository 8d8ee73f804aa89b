#pragma once

// Colours, fonts and fixed sizes of the timeline, for a light and a dark palette. One state,
// one colour everywhere: the ready-queue counter uses the "ready" colour, the timer counter
// the "awaiting" colour, and the legend shows exactly these.
#include <awaitscope/trace/Trace.h>

#include <QColor>
#include <QFont>
#include <QPalette>

#include <string_view>

namespace awaitscope::ui {

struct TimelineStyle {
    bool dark = false;

    QColor background, alternateRow, headerBackground, rulerBackground, separator, grid;
    QColor text, mutedText, invertedText;
    QColor running, runningText, awaiting, awaitingBorder, awaitingText, ready, readyText, folded, foldedText;
    QColor blocking, blockingText;
    // Work on a thread (asyncio.to_thread): busy, but not holding the loop, so not "running"'s green.
    QColor thread, threadText;
    QColor loopIdle, frozenBand, frozen, frozenText;
    QColor ghost, ghostText;
    QColor done, failed, cancelled;
    QColor arrow, creationArrow, bracket, selection, hover, measure, measureText, playhead;
    QColor mark, markText;  // a marked moment (ViewState::mark): its line and its tag
    // The critical path: a yellow no state uses (ready is orange, frozen red), its translucent
    // fill, and the wash over the lanes off the path.
    QColor criticalPath, criticalPathFill, offPath;

    QFont font, smallFont, boldFont, titleFont;
    int headerWidth = 230;
    // Set when the user dragged the headers' edge: their width may then take up to 3/5 of the
    // timeline, where the default gives way to the plot beyond a third.
    bool headerWidthChosen = false;
    int rulerHeight = 30;

    // Stable, distinct colours per task (loop-lane slices and header swatches).
    QColor taskColor(TaskId task) const;
    // Flame-chart frames: a soft colour per coroutine name, the same in every lane.
    QColor frameColor(std::string_view name) const;

    static TimelineStyle light();
    static TimelineStyle darkStyle();
    // Dark when the palette's window colour is dark (follows the system setting).
    static TimelineStyle forPalette(const QPalette& palette);
};

} // namespace awaitscope::ui
