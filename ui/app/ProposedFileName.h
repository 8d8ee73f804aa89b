#pragma once

// The file name a save or export dialog offers for the open trace.
#include <QString>

namespace awaitscope::ui {

// The lesson's name if it is one ("blocking_sleep"), else the displayed name without a trace
// file's extension ("run.json.gz" -> "run"), with anything a shell or a file system makes
// awkward (spaces, backticks, slashes, colons) turned into '_'; then `suffix` (".png").
// "trace" when nothing usable is left.
QString proposedFileName(const QString& displayName, const QString& scenarioName, const QString& suffix);

} // namespace awaitscope::ui
