#pragma once

// Turns a Selection into what the panels show: a title, rows of plain-words details, the
// source line to highlight and the time range to zoom to. One function that every panel
// calls, so the details panel, code panel and timeline agree without knowing each other.
#include "model/Selection.h"

#include <awaitscope/analysis/DerivedTrace.h>
#include <awaitscope/analysis/TimeBreakdown.h>

#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace awaitscope::ui {

struct SelectionInfo {
    QString title;                                   // "blocker · running"
    QString explanation;                             // one or two sentences for a learner
    std::vector<std::pair<QString, QString>> facts;  // ("Started", "0.200 s"), ...
    SiteId site = kUnknownSite;                      // the line to highlight
    std::optional<TimeRange> range;                  // what F zooms to
    TaskId task = kNoTask;                           // the lane it belongs to
    std::optional<TimeBreakdown> timeShares;         // a task's: where its time went
    bool valid = false;
};

// How moments read in the facts: to the millisecond ("0.200 s", tooltips and cards), or to the
// nanosecond (the Details panel, the one place for the exact value).
enum class TimeDetail { Rounded, Exact };
SelectionInfo describeSelection(const DerivedTrace& model, const Selection& selection, TimeDetail detail = TimeDetail::Rounded);
// Only the time range of a selection (what describeSelection puts in `range`), without the
// words: cheap enough for every paint.
std::optional<TimeRange> selectionRange(const DerivedTrace& model, const Selection& selection);

// "fetch() × 199,999" and "199,999 done · 2 failed": a group of many tasks in a header.
QString groupTitle(const DerivedTrace& model, std::uint32_t group);
QString groupSubtitle(const DerivedTrace& model, std::uint32_t group);

// The frozen-band label: "loop frozen 1.5 s — time.sleep, line 14".
QString frozenLabel(const DerivedTrace& model, const FrozenStretch& stretch);
// "TaskGroup", "gather", "wait_for", "as_completed": as the program spells them.
QString scopeKindText(ScopeKind kind);
// "await asyncio.sleep", "ready: woken by timer", "running": the state in words.
QString spanStateText(const DerivedTrace& model, const Span& span);

} // namespace awaitscope::ui
