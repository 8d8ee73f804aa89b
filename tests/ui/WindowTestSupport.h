#pragma once

// Helpers for the suites that drive the whole window: run a lesson and wait for it, click a
// tool button, find a dock.
#include "MainWindow.h"

#include <QDockWidget>
#include <QSignalSpy>
#include <QtTest>

namespace uitest {

// Runs `scenario` and waits until the window shows it; false if it failed or took too long.
inline bool runAndWait(awaitscope::ui::MainWindow& window, const QString& scenario) {
    QSignalSpy loaded(&window, &awaitscope::ui::MainWindow::loadFinished);
    window.runScenario(scenario);
    return loaded.wait(10000) && loaded.first().first().toBool();
}

inline void raiseDock(awaitscope::ui::MainWindow& window, const char* name) {
    auto* dock = window.findChild<QDockWidget*>(QLatin1String(name));
    QVERIFY(dock);
    dock->show();
    dock->raise();
}

} // namespace uitest
