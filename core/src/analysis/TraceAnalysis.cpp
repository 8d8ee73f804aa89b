#include "awaitscope/analysis/TraceAnalysis.h"

#include <algorithm>

namespace awaitscope {

bool TraceAnalysis::failsReport() const {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.failsReport(); });
}

TraceAnalysis analyzeTimeline(const Trace& trace, const TraceIndex& index, TimeNs frozenThreshold) {
    TraceAnalysis analysis;
    analysis.tasks = taskTotals(index);
    analysis.loop = loopUsage(index);
    analysis.concurrency = peakConcurrency(trace, index);
    analysis.speedUp = speedUpOverSequential(trace, index);
    analysis.criticalPath = findCriticalPath(trace, index);
    analysis.frozen = findFrozenStretches(trace, index, frozenThreshold);
    analysis.concurrencyLoss = findConcurrencyLoss(trace, index, frozenThreshold);
    analysis.diagnostics = collectDiagnostics(trace, analysis.frozen, analysis.concurrencyLoss);
    return analysis;
}

} // namespace awaitscope
