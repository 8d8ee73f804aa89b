#pragma once

// Loads a trace (a file or a scenario run, through a TraceSources hook) and builds its
// DerivedTrace on a worker thread, reporting progress; the window never waits for it.
// Cancelling sets the flag the hook polls; the result then arrives marked cancelled.
#include "app/TraceSources.h"

#include <awaitscope/analysis/DerivedTrace.h>

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;

namespace awaitscope::ui {

struct LoadOutcome {
    bool ok = false;
    bool cancelled = false;
    std::shared_ptr<const DerivedTrace> model;
    QString error;
    QStringList warnings;
    std::vector<ScriptProblem> problems;  // a script's errors at their lines (LoadedTrace::problems)
};

class TraceLoadJob : public QObject {
    Q_OBJECT
public:
    using Work = std::function<LoadedTrace(const LoadHooks&)>;
    explicit TraceLoadJob(Work work, QObject* parent = nullptr);
    ~TraceLoadJob() override;  // cancels and waits: the worker never outlives the job

    void start();
    void cancel();
    bool isRunning() const;

signals:
    void progress(quint64 done, quint64 total);
    void finished(const awaitscope::ui::LoadOutcome& outcome);

private:
    Work work_;
    std::atomic<bool> cancelled_{false};
    QThread* thread_ = nullptr;
};

} // namespace awaitscope::ui

Q_DECLARE_METATYPE(awaitscope::ui::LoadOutcome)
