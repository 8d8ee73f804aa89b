#pragma once

// The question a script run asks when it has taken its real-time budget: keep running, or
// stop and show the trace so far. The run's thread asks and waits (the program is paused, its
// virtual clock stands still); the UI thread shows the question in a bar over the timeline
// and answers. A cancel of the run also ends the wait. Shared by the run's work and the
// window, so either may go first.
#include "app/ScriptDocument.h"
#include "app/TraceSources.h"

#include <QPointer>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

namespace awaitscope::ui {

class NoticeBar;

class WallBudgetPrompt : public std::enable_shared_from_this<WallBudgetPrompt> {
public:
    // `bar` lives on the UI thread; `what` names the run ("agent.py").
    WallBudgetPrompt(NoticeBar* bar, QString what);

    // Run's thread: shows the question and waits for the answer. Returns the further seconds
    // the run may take (0: stop). Gives 0 at once when `cancelled` is set.
    double ask(double elapsedSeconds, const std::atomic<bool>* cancelled);
    // UI thread: what the bar's buttons do.
    void keepRunning();
    void stop();
    // UI thread: the run has ended; a question still shown is taken down.
    void finished();

    // What "Keep Running" grants: enough that the question is not asked again (Cancel remains).
    static constexpr double kKeepRunningSeconds = 1e9;

private:
    void answer(double seconds);
    void show(double elapsedSeconds);

    QPointer<NoticeBar> bar_;
    QString what_;
    std::mutex mutex_;
    std::condition_variable answered_;
    std::optional<double> answer_;
    bool finished_ = false;
};

// The window's budget for one run: `seconds` (an interpreter run's by default), then `prompt`
// asks (and a cancel of the job ends the question).
WallBudget windowWallBudget(std::shared_ptr<WallBudgetPrompt> prompt, const LoadProgress& progress,
                            double seconds = kWindowScriptWallSeconds);

} // namespace awaitscope::ui

