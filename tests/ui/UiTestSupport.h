#pragma once

// Helpers for the ui suites: demo traces and script runs as derived traces, tasks by name, and
// settings that never touch the developer's own.
#include "demo/DemoScenarios.h"

#include <awaitscope/analysis/DerivedTrace.h>
#include <awaitscope/script/ScriptRunner.h>

#include <QColor>
#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace uitest {

inline std::shared_ptr<const awaitscope::DerivedTrace> demoModel(const char* name) {
    const auto* scenario = awaitscope::ui::findDemoScenario(name);
    if (!scenario)
        throw std::runtime_error(std::string("no demo ") + name);
    auto trace = std::make_shared<const awaitscope::Trace>(awaitscope::ui::recordDemoScenario(*scenario));
    return std::make_shared<const awaitscope::DerivedTrace>(trace);
}

#ifdef MANY_TASKS_SCRIPT
// tests/bench/many_tasks.py with `tasks` fetch() calls (a TaskGroup of them; the 8th blocks
// the loop for 0.2 s), run by the script interpreter.
inline std::shared_ptr<const awaitscope::DerivedTrace> manyTasksModel(int tasks) {
    QFile file(QStringLiteral(MANY_TASKS_SCRIPT));
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read " MANY_TASKS_SCRIPT);
    std::string source = file.readAll().toStdString();
    source.replace(source.find("TASKS = 2000"), 12, "TASKS = " + std::to_string(tasks));
    awaitscope::ScriptRunOptions options;
    options.fileName = "many_tasks.py";
    awaitscope::ScriptRunResult run = awaitscope::runScript(source, options);
    return std::make_shared<const awaitscope::DerivedTrace>(std::make_shared<const awaitscope::Trace>(std::move(run.trace)));
}
#endif

inline awaitscope::TaskId taskNamed(const awaitscope::DerivedTrace& model, const std::string& name) {
    for (awaitscope::TaskId task = 0; task < model.taskCount(); ++task)
        if (model.taskName(task) == name)
            return task;
    return awaitscope::kNoTask;
}

// QSettings of the tests live in a test-only location of their own process: suites run side
// by side (ctest -j, other checkouts), and one suite's clear() or recent files must not reach
// another's.
inline void isolateSettings() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AwaitscopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("awaitscope-tests"));
    static const QTemporaryDir settingsDir;  // removed when the suite ends
    for (QSettings::Format format : {QSettings::NativeFormat, QSettings::IniFormat})
        QSettings::setPath(format, QSettings::UserScope, settingsDir.path());
}

constexpr awaitscope::TimeNs ms(awaitscope::TimeNs n) { return n * 1'000'000; }

// How far a painted pixel is from a colour: the sum of the channels' differences.
inline int distance(QRgb a, const QColor& b) {
    return std::abs(qRed(a) - b.red()) + std::abs(qGreen(a) - b.green()) + std::abs(qBlue(a) - b.blue());
}

} // namespace uitest
