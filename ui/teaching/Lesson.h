#pragma once

// A scenario's lesson, read from its docstring, and the moments its "What to notice" items
// point at. The docstring needs no markup beyond what the scenarios already use:
//
//     Title line
//
//     Paragraphs of explanation.
//
//     What to notice in the timeline:
//     - One item per dash; indented lines continue it.
//
// Each item is resolved against the trace by the first rule that applies (ui/README.md,
// "Lessons"): a diagnostic it names (cancelled, fails, never awaited / ghost, frozen / red /
// blocks, pending), then "line N", `coroutine` names, task names, await names, times ("at
// 0.3 s"), "thread", "idle" and "total". An item that names nothing in the trace stays text.
#include "model/Selection.h"

#include <awaitscope/analysis/DerivedTrace.h>

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace awaitscope::ui {

struct LessonMoment {
    TimeRange range;     // what clicking zooms to
    TimeNs playhead = 0; // where it puts the playhead
    Selection selection; // what it selects (may be empty)
    QString rule;        // which rule matched ("frozen stretch", "line 14", ...): for tooltips and tests
};

struct LessonText {
    QString title;
    QStringList paragraphs;  // the explanation, without the title line and the items
    QStringList notices;     // the "What to notice" items, one string each
};

LessonText parseLesson(const QString& docstring, const QString& title = {});

// A Python program's module docstring (the text of a leading triple-quoted string, after
// comments and blank lines), or empty: a recorded program explains itself as a lesson does.
QString moduleDocstring(const QString& source);

std::optional<LessonMoment> resolveMoment(const DerivedTrace& model, const QString& item);

} // namespace awaitscope::ui
