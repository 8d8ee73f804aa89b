#pragma once

// Plain words for each problem core/analysis finds (collectDiagnostics): what happened, the
// line that caused it, who suffered, and the fix, written for someone new to asyncio:
//   "time.sleep(1.5) at line 14 blocked the event loop for 1.5 s"
//   victims: "heartbeat ran 1.2 s late"
//   fix: "Use await asyncio.sleep(1.5), or await asyncio.to_thread(...) for blocking library calls."
// The analysis decides what is wrong; this only says it, quoting the program's own line.
#include <awaitscope/analysis/DerivedTrace.h>
#include <awaitscope/analysis/Diagnostics.h>

#include "model/SourceText.h"

#include <QString>
#include <QStringList>

namespace awaitscope::ui {

struct DiagnosticExplanation {
    QString kind;       // "Loop frozen", "Never awaited", "Exception never retrieved", ...
    QString headline;   // the whole story in one sentence
    int line = 0;       // the cause's line (0: unknown)
    QString code;       // that line's text, trimmed, without its comment
    QStringList victims;
    QString fix;
    QString detail;     // a traceback, for script errors
};

DiagnosticExplanation explainDiagnostic(const DerivedTrace& model, const awaitscope::Diagnostic& diagnostic);

} // namespace awaitscope::ui
