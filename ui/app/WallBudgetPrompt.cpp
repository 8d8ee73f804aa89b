#include "app/WallBudgetPrompt.h"

#include "app/NoticeBar.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPushButton>

#include <chrono>
#include <cmath>

namespace awaitscope::ui {

WallBudgetPrompt::WallBudgetPrompt(NoticeBar* bar, QString what) : bar_(bar), what_(std::move(what)) {}

double WallBudgetPrompt::ask(double elapsedSeconds, const std::atomic<bool>* cancelled) {
    {
        std::lock_guard lock(mutex_);
        if (finished_)
            return 0;
        answer_.reset();
    }
    std::weak_ptr<WallBudgetPrompt> self = weak_from_this();
    if (bar_)
        QMetaObject::invokeMethod(bar_, [self, elapsedSeconds] {
            if (auto prompt = self.lock())
                prompt->show(elapsedSeconds);
        }, Qt::QueuedConnection);
    std::unique_lock lock(mutex_);
    // The cancel flag has no signal of its own: look at it a few times a second.
    while (!answer_ && !finished_ && !(cancelled && cancelled->load())) {
        using namespace std::chrono_literals;
        answered_.wait_for(lock, 100ms);
    }
    return answer_.value_or(0);
}

void WallBudgetPrompt::show(double elapsedSeconds) {
    if (!bar_)
        return;
    {
        std::lock_guard lock(mutex_);
        if (finished_ || answer_)
            return;
    }
    bar_->showNotice(QCoreApplication::translate("WallBudgetPrompt",
                                                 "<b>%1 has been running for %2 s of real time</b> and is paused: "
                                                 "perhaps a loop that never ends. Stop it to see the trace so far, or let "
                                                 "it go on.")
                         .arg(what_.toHtmlEscaped())
                         .arg(std::lround(elapsedSeconds)));
    auto self = shared_from_this();
    QObject::connect(bar_->addButton(QCoreApplication::translate("WallBudgetPrompt", "Stop and Show the Trace"),
                                     QStringLiteral("stopRun")),
                     &QPushButton::clicked, bar_, [self] { self->stop(); });
    QObject::connect(bar_->addButton(QCoreApplication::translate("WallBudgetPrompt", "Keep Running"),
                                     QStringLiteral("keepRunning")),
                     &QPushButton::clicked, bar_, [self] { self->keepRunning(); });
}

void WallBudgetPrompt::answer(double seconds) {
    {
        std::lock_guard lock(mutex_);
        answer_ = seconds;
    }
    answered_.notify_all();
    if (bar_)
        bar_->dismiss();
}

void WallBudgetPrompt::keepRunning() { answer(kKeepRunningSeconds); }

void WallBudgetPrompt::stop() { answer(0); }

void WallBudgetPrompt::finished() {
    bool shown = false;
    {
        std::lock_guard lock(mutex_);
        finished_ = true;
        shown = !answer_;
    }
    answered_.notify_all();
    if (shown && bar_)
        bar_->dismiss();
}

WallBudget windowWallBudget(std::shared_ptr<WallBudgetPrompt> prompt, const LoadProgress& progress, double seconds) {
    const std::atomic<bool>* cancelled = progress.cancelled;
    return {seconds, [prompt = std::move(prompt), cancelled](double elapsed) { return prompt->ask(elapsed, cancelled); }};
}

} // namespace awaitscope::ui
