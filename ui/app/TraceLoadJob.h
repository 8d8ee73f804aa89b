#pragma once

// Loads a trace (a file, or a script run, through a TraceSources hook) and builds its
// DerivedTrace on a worker thread, reporting progress; the window never waits for it.
// Cancelling sets the flag the hook polls; the result then arrives marked cancelled.
#include <awaitscope/analysis/DerivedTrace.h>
#include <awaitscope/io/TraceFile.h>
#include <awaitscope/script/ScriptRunner.h>

#include <QObject>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <variant>

class QThread;

namespace awaitscope::ui {

struct LoadOutcome {
    bool ok = false;
    bool cancelled = false;
    std::shared_ptr<const DerivedTrace> model;
    QString error;        // with a location: file:line:col, JSON path or byte offset
    QStringList warnings;
    // A script's syntax or runtime error at its line, for the editor to mark. A script that
    // raised still has a trace (ok, and its traceback in Trace::scriptErrors); one that could
    // not be parsed has none (not ok).
    std::optional<ScriptDiagnostic> scriptError;
    // What the interpreter cannot run, when that is why the script failed (core's
    // unsupportedByInterpreter: "async generators", "the module 'httpx'"); then CPython may run it.
    QString unsupported;
};

class TraceLoadJob : public QObject {
    Q_OBJECT
public:
    using FileWork = std::function<LoadResult(const LoadProgress&)>;
    using ScriptWork = std::function<ScriptRunResult(const LoadProgress&)>;
    explicit TraceLoadJob(FileWork work, QObject* parent = nullptr);
    // `fileName` names the script in messages ("agent.py:3:5: SyntaxError: ...").
    TraceLoadJob(ScriptWork work, std::string fileName, QObject* parent = nullptr);
    ~TraceLoadJob() override;  // cancels and waits: the worker never outlives the job

    void start();
    void cancel();
    bool isRunning() const;

signals:
    void progress(quint64 done, quint64 total);
    void finished(const awaitscope::ui::LoadOutcome& outcome);

private:
    LoadOutcome run(const LoadProgress& progress);
    void derive(Trace trace, LoadOutcome& outcome);

    std::variant<FileWork, ScriptWork> work_;
    std::string fileName_;
    std::atomic<bool> cancelled_{false};
    QThread* thread_ = nullptr;
};

} // namespace awaitscope::ui

Q_DECLARE_METATYPE(awaitscope::ui::LoadOutcome)
