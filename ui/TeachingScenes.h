#pragma once

// The window set up to show one teaching feature, for `awaitscope --screenshot out.png
// --scene NAME` (docs/screenshots) and for looking at them by hand:
//   playback    blocking_sleep paused mid-freeze, with the loop's insides
//   compare     sequential_calls stacked under taskgroup_calls on one time scale
//   diagnostic  blocking_sleep's frozen loop explained, after "Show me"
//   predict     taskgroup_calls with a prediction revealed (two lines swapped)
//   critical-path       agent_loop with its critical path shown, the path's sentences in Details
//   critical-path-walk  the same, walked to the path's second link
#include <QString>
#include <QStringList>

#include <functional>

namespace awaitscope::ui {

class MainWindow;

QStringList teachingSceneNames();
// Starts setting up `scene`; calls `done(true)` once the window shows it (runs load off the
// UI thread, so this returns at once), `done(false)` for an unknown scene or a failed run.
void prepareTeachingScene(MainWindow& window, const QString& scene, std::function<void(bool)> done);

} // namespace awaitscope::ui
