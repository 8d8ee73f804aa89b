#include "app/TraceLoadJob.h"

#include <awaitscope/script/Unsupported.h>

#include <QMetaObject>
#include <QThread>

namespace awaitscope::ui {

TraceLoadJob::TraceLoadJob(FileWork work, QObject* parent) : QObject(parent), work_(std::move(work)) {
    qRegisterMetaType<LoadOutcome>();
}

TraceLoadJob::TraceLoadJob(ScriptWork work, std::string fileName, QObject* parent)
    : QObject(parent), work_(std::move(work)), fileName_(std::move(fileName)) {
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

void TraceLoadJob::derive(Trace trace, LoadOutcome& outcome) {
    auto shared = std::make_shared<const Trace>(std::move(trace));
    auto model = std::make_shared<const DerivedTrace>(shared, DerivedTrace::Options{kDefaultFrozenThreshold, &cancelled_});
    if (!model->complete() || cancelled_.load()) {
        outcome.cancelled = true;
        return;
    }
    outcome.ok = true;
    outcome.model = std::move(model);
}

LoadOutcome TraceLoadJob::run(const LoadProgress& progress) {
    LoadOutcome outcome;
    if (const auto* load = std::get_if<FileWork>(&work_)) {
        LoadResult loaded = (*load)(progress);
        if (cancelled_.load()) {
            outcome.cancelled = true;
        } else if (!loaded.ok) {
            outcome.error = QString::fromStdString(loaded.error);
        } else {
            for (const LoadWarning& warning : loaded.warnings)
                outcome.warnings << QString::fromStdString(toString(warning));
            derive(std::move(loaded.trace), outcome);
        }
        return outcome;
    }
    ScriptRunResult ran = std::get<ScriptWork>(work_)(progress);
    outcome.scriptError = ran.error;
    if (ran.error)
        outcome.unsupported = QString::fromStdString(unsupportedByInterpreter(ran.error->message));
    QString where;
    if (ran.error) {
        where = ran.error->line > 0 ? QStringLiteral("%1:%2: ").arg(QString::fromStdString(fileName_)).arg(ran.error->line)
                                    : QString();
    }
    // A script that raised still ran: its trace shows how far it got.
    const bool ranAtAll = ran.ok || !ran.trace.tasks.empty() || !ran.trace.output.empty();
    if (cancelled_.load()) {
        outcome.cancelled = true;
    } else if (!ranAtAll) {
        outcome.error = ran.error ? (ran.error->line > 0 ? QStringLiteral("%1:%2:%3: ")
                                                               .arg(QString::fromStdString(fileName_))
                                                               .arg(ran.error->line)
                                                               .arg(ran.error->column)
                                                         : QString()) +
                                        QString::fromStdString(ran.error->message)
                                  : QStringLiteral("%1 did not run").arg(QString::fromStdString(fileName_));
    } else {
        if (ran.error)
            outcome.warnings << where + QString::fromStdString(ran.error->message);
        derive(std::move(ran.trace), outcome);
    }
    return outcome;
}

void TraceLoadJob::start() {
    thread_ = QThread::create([this] {
        LoadProgress hooks;
        hooks.cancelled = &cancelled_;
        hooks.onProgress = [this](std::uint64_t done, std::uint64_t total) {
            QMetaObject::invokeMethod(this, [this, done, total] { emit progress(done, total); }, Qt::QueuedConnection);
        };
        LoadOutcome outcome;
        try {
            outcome = run(hooks);
        } catch (const std::exception& error) {
            outcome = {};
            outcome.error = QString::fromUtf8(error.what());
        } catch (...) {
            outcome = {};
            outcome.error = QStringLiteral("unknown error while loading");
        }
        QMetaObject::invokeMethod(this, [this, outcome] { emit finished(outcome); }, Qt::QueuedConnection);
    });
    thread_->start();
}

} // namespace awaitscope::ui
