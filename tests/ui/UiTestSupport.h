#pragma once

// Helpers for the ui suites: demo traces as TraceModels, tasks by name, and settings that
// never touch the developer's own.
#include "demo/DemoScenarios.h"

#include <awaitscope/analysis/DerivedTrace.h>

#include <QCoreApplication>
#include <QStandardPaths>

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

inline awaitscope::TaskId taskNamed(const awaitscope::DerivedTrace& model, const std::string& name) {
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
}

constexpr awaitscope::TimeNs ms(awaitscope::TimeNs n) { return n * 1'000'000; }

} // namespace uitest
