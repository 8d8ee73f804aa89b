#pragma once

// Helpers for the ui suites: demo traces as TraceModels, tasks by name, and settings that
// never touch the developer's own.
#include "demo/DemoScenarios.h"
#include "model/TraceModel.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <memory>
#include <stdexcept>

namespace uitest {

inline std::shared_ptr<const awaitscope::ui::TraceModel> demoModel(const char* name) {
    const auto* scenario = awaitscope::ui::findDemoScenario(name);
    if (!scenario)
        throw std::runtime_error(std::string("no demo ") + name);
    auto trace = std::make_shared<const awaitscope::Trace>(awaitscope::ui::recordDemoScenario(*scenario));
    return std::make_shared<const awaitscope::ui::TraceModel>(trace);
}

inline awaitscope::TaskId taskNamed(const awaitscope::ui::TraceModel& model, const std::string& name) {
    for (awaitscope::TaskId task = 0; task < model.taskCount(); ++task)
        if (model.taskName(task) == name)
            return task;
    return awaitscope::kNoTask;
}

// QSettings of the tests live in a test-only location.
inline void isolateSettings() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AwaitscopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("awaitscope-tests"));
    // Each suite's settings in a directory of its own process: suites run side by side
    // (ctest -j2), and one suite's clear() or recent files must not reach another's.
    static const QTemporaryDir settingsDir;  // removed when the suite ends
    for (QSettings::Format format : {QSettings::NativeFormat, QSettings::IniFormat})
        QSettings::setPath(format, QSettings::UserScope, settingsDir.path());
}

constexpr awaitscope::TimeNs ms(awaitscope::TimeNs n) { return n * 1'000'000; }

} // namespace uitest
