#pragma once

// Every figure of issue 4's analysis in one call, for the report, the UI and the benchmark.
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
    std::vector<Diagnostic> diagnostics;
    bool failsReport() const;
};

TraceAnalysis analyzeTrace(const Trace& trace, const TraceIndex& index, TimeNs frozenThreshold = kDefaultFrozenThreshold);

} // namespace awaitscope
