#pragma once

// The whole-run figures of a trace: per-task totals, the loop's busy and idle time, peak
// concurrency, the speed-up, the critical path, the counters, the frozen stretches and the
// diagnostics. Part of the DerivedTrace (DerivedTrace.h), which the report, the Chrome
// export and the window share.
#include "awaitscope/analysis/CounterSeries.h"
#include "awaitscope/analysis/CriticalPath.h"
#include "awaitscope/analysis/Diagnostics.h"
#include "awaitscope/analysis/FrozenStretches.h"
#include "awaitscope/analysis/LoopFigures.h"
#include "awaitscope/analysis/TaskTotals.h"

namespace awaitscope {

struct TraceAnalysis {
    std::vector<TaskTotals> tasks;
    LoopUsage loop;
    PeakConcurrency concurrency;
    SpeedUp speedUp;
    CriticalPath criticalPath;
    CounterSeries readyQueue;
    CounterSeries timers;
    std::vector<FrozenStretch> frozen;
    std::vector<ConcurrencyLoss> concurrencyLoss;
    std::vector<Diagnostic> diagnostics;
    bool failsReport() const;
};

// Everything but the counters, which follow the playback order (loopCounters in
// CounterSeries.h): DerivedTrace works out the two at the same time.
TraceAnalysis analyzeTimeline(const Trace& trace, const TraceIndex& index, TimeNs frozenThreshold = kDefaultFrozenThreshold);

} // namespace awaitscope
