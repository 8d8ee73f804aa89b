#pragma once

// The open scenario's lesson, from its docstring: what it teaches, and "What to notice"
// items that link to their moment in the run. Clicking one moves the playhead there and
// zooms the timeline to it. Under them, a link walks the run's critical path. On the very
// first start it also greets the learner.
#include "teaching/Lesson.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <QTextBrowser>

#include <optional>

namespace awaitscope::ui {

class LessonPanel : public QTextBrowser {
    Q_OBJECT
public:
    LessonPanel(TraceDocument* document, ViewState* viewState, QWidget* parent = nullptr);

    // The lesson to show with the next (or current) run; empty: none (a trace file).
    void setLesson(const QString& title, const QString& docstring);
    void setWelcome(bool welcome);
    bool showsWelcome() const { return welcome_; }
    const LessonText& lesson() const { return lesson_; }
    // The moments of the notice items (nullopt: the item names nothing in this run).
    const std::vector<std::optional<LessonMoment>>& moments() const { return moments_; }

public slots:
    // What clicking the i-th "What to notice" item does.
    void activateMoment(int index);

signals:
    // The learner asked to walk the run's critical path (the link under the lesson).
    void walkCriticalPathRequested();

private:
    void refresh();

    TraceDocument* document_;
    ViewState* view_;
    LessonText lesson_;
    std::vector<std::optional<LessonMoment>> moments_;
    bool welcome_ = false;
};

} // namespace awaitscope::ui
