#include "TeachingScenes.h"

#include "MainWindow.h"
#include "teaching/CriticalPathWalk.h"
#include "teaching/PlaybackController.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "panels/DiagnosticsPanel.h"
#include "panels/PredictPanel.h"

#include <QDockWidget>
#include <QListWidget>

namespace awaitscope::ui {

namespace {

// Runs `scenario`, then `then` once it has loaded.
void afterRun(MainWindow& window, const QString& scenario, std::function<void(bool)> then) {
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(&window, &MainWindow::loadFinished, &window, [connection, then](bool ok) {
        QObject::disconnect(*connection);
        then(ok);
    });
    window.runScenario(scenario);
}

// The first of `names` the window offers as a lesson (the script lessons, else the C++ demos).
QString lessonNamed(const MainWindow& window, std::initializer_list<const char*> names) {
    for (const char* name : names)
        if (window.hasLesson(QLatin1String(name)))
            return QLatin1String(name);
    return QLatin1String(*std::prev(names.end()));
}

void raiseDock(MainWindow& window, const char* name) {
    if (auto* dock = window.findChild<QDockWidget*>(QLatin1String(name))) {
        dock->show();
        dock->raise();
    }
}

} // namespace

QStringList teachingSceneNames() {
    return {QStringLiteral("playback"), QStringLiteral("compare"), QStringLiteral("diagnostic"), QStringLiteral("predict"),
            QStringLiteral("critical-path"), QStringLiteral("critical-path-walk")};
}

void prepareTeachingScene(MainWindow& window, const QString& scene, std::function<void(bool)> done) {
    window.resize(1680, 1000);
    if (scene == QLatin1String("playback")) {
        afterRun(window, lessonNamed(window, {"blocking_sleep"}), [&window, done](bool ok) {
            if (ok) {
                raiseDock(window, "insidesDock");
                raiseDock(window, "lessonDock");
                // Mid-freeze: the blocker holds the loop in time.sleep, the heartbeat's timer is overdue.
                window.playback()->seekTime(1'000'000'000);
            }
            done(ok);
        });
    } else if (scene == QLatin1String("compare")) {
        afterRun(window, lessonNamed(window, {"taskgroup_concurrency", "taskgroup_calls"}), [&window, done](bool ok) {
            if (!ok)
                return done(false);
            auto connection = std::make_shared<QMetaObject::Connection>();
            *connection = QObject::connect(&window, &MainWindow::loadFinished, &window, [connection, done](bool compared) {
                QObject::disconnect(*connection);
                done(compared);
            });
            window.compareWithLesson(lessonNamed(window, {"sequential_awaits", "sequential_calls"}));
        });
    } else if (scene == QLatin1String("diagnostic")) {
        afterRun(window, lessonNamed(window, {"blocking_sleep"}), [&window, done](bool ok) {
            if (ok) {
                raiseDock(window, "diagnosticsDock");
                window.diagnosticsPanel()->activateRow(0);
            }
            done(ok);
        });
    } else if (scene == QLatin1String("predict")) {
        afterRun(window, lessonNamed(window, {"taskgroup_concurrency", "taskgroup_calls"}), [&window, done](bool ok) {
            if (ok) {
                raiseDock(window, "predictDock");
                if (auto* dock = window.findChild<QDockWidget*>(QStringLiteral("predictDock")))
                    window.resizeDocks({dock}, {300}, Qt::Vertical);
                QStringList lines;
                for (const OutputLine& line : window.document()->model()->trace().output)
                    lines << QString::fromStdString(std::string(window.document()->model()->trace().str(line.text)));
                if (lines.size() > 2)
                    std::swap(lines[1], lines[2]);
                window.predictPanel()->setPrediction(lines);
                window.predictPanel()->reveal();
                window.playback()->pause();
                window.playback()->goToEnd();
            }
            done(ok);
        });
    } else if (scene == QLatin1String("critical-path") || scene == QLatin1String("critical-path-walk")) {
        // agent_loop's path runs through three tasks; the walk stops at its second link.
        const bool walk = scene.endsWith(QLatin1String("walk"));
        afterRun(window, lessonNamed(window, {"agent_loop"}), [&window, done, walk](bool ok) {
            if (ok) {
                raiseDock(window, "detailsDock");
                window.viewState()->setShowCriticalPath(true);
                if (walk)
                    window.criticalPathWalk()->goTo(1);
            }
            done(ok);
        });
    } else {
        done(false);
    }
}

} // namespace awaitscope::ui
