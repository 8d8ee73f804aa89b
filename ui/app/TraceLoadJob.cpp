#include "app/TraceLoadJob.h"

#include <QMetaObject>
#include <QThread>

namespace awaitscope::ui {

TraceLoadJob::TraceLoadJob(Work work, QObject* parent) : QObject(parent), work_(std::move(work)) {
    qRegisterMetaType<LoadOutcome>();
}

TraceLoadJob::~TraceLoadJob() {
    cancel();
    if (thread_) {
        thread_->wait();
        delete thread_;
    }
}

void TraceLoadJob::cancel() { cancelled_.store(true); }

bool TraceLoadJob::isRunning() const { return thread_ && thread_->isRunning(); }

void TraceLoadJob::start() {
    thread_ = QThread::create([this] {
        LoadHooks hooks;
        hooks.cancelled = &cancelled_;
        hooks.onProgress = [this](std::uint64_t done, std::uint64_t total) {
            QMetaObject::invokeMethod(this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
        };
        LoadOutcome outcome;
        try {
            LoadedTrace loaded = work_(hooks);
            outcome.problems = loaded.problems;
            if (cancelled_.load()) {
                outcome.cancelled = true;
            } else if (!loaded.ok) {
                outcome.error = QString::fromStdString(loaded.error);
            } else {
                for (const std::string& warning : loaded.warnings)
                    outcome.warnings << QString::fromStdString(warning);
                auto trace = std::make_shared<const Trace>(std::move(loaded.trace));
                auto model = std::make_shared<const DerivedTrace>(trace, DerivedTrace::Options{kDefaultFrozenThreshold, &cancelled_});
                if (!model->complete() || cancelled_.load())
                    outcome.cancelled = true;
                else {
                    outcome.ok = true;
                    outcome.model = std::move(model);
                }
            }
        } catch (const std::exception& error) {
            outcome.error = QString::fromUtf8(error.what());
        } catch (...) {
            outcome.error = QStringLiteral("unknown error while loading");
        }
        QMetaObject::invokeMethod(this, [this, outcome] { emit finished(outcome); }, Qt::QueuedConnection);
    });
    thread_->start();
}

} // namespace awaitscope::ui
