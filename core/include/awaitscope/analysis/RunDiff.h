#pragma once

// What changed between two runs of a program (or of two versions of it): which tasks match,
// where the interleaving first goes another way, which tasks started, ended or were held by a
// frozen loop noticeably differently, which freezes came or went, and one sentence that says
// the biggest change with its cause. Built from two DerivedTraces, so `--diff` and any view
// read the same answer; A is the "before", B the "after".
#include "awaitscope/analysis/DerivedTrace.h"

#include <cstddef>
#include <string>
#include <vector>

namespace awaitscope {

struct RunDiffOptions {
    // A timing change is shown when it is at least this long and at least this share of the
    // longer run: a script's statements cost microseconds, which are noise here.
    TimeNs minChange = 1'000'000;
    double minShareOfRun = 0.01;
};

// One task of A and its counterpart in B: the n-th task of a name, coroutine and creation
// line in A with the n-th such task in B. Tasks left over are then matched by name and
// coroutine alone (an edit above them moved their line): `sameLine` false.
struct TaskMatch {
    TaskId a = kNoTask;
    TaskId b = kNoTask;
    bool sameLine = true;
};

// A step of a task in playback order: its start, or its resumption after an await.
struct RunStep {
    TaskId task = kNoTask;  // kNoTask: the run had no more steps
    TimeNs time = 0;
    bool start = false;
    SiteId after = kUnknownSite;  // the await it resumed after (not for a start)
};

// The first step where the runs went different ways; `found` false when every step matched.
struct Divergence {
    bool found = false;
    std::size_t step = 0;  // the step's position, counted from 0, in both runs
    RunStep a;
    RunStep b;
};

enum class TaskTiming : std::uint8_t { Start, End, Held };

// A matched task whose start (first step), end or time held by frozen loops moved by at least
// the threshold.
struct TimingChange {
    std::size_t match = 0;  // into RunDiff::matches
    TaskTiming timing = TaskTiming::Start;
    TimeNs inA = 0;
    TimeNs inB = 0;
    TimeNs delta() const { return inB - inA; }
};

// A frozen stretch of one run without a counterpart in the other (same culprit by the task
// match, same blocking line, n-th with n-th), or with one that lasted noticeably longer or shorter.
struct FreezeChange {
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t inA = kNone;  // into A's frozenStretches(); kNone: added in B
    std::size_t inB = kNone;  // into B's; kNone: removed in B
    bool added() const { return inA == kNone; }
    bool removed() const { return inB == kNone; }
};

// What the sentences call the two runs. The command line says "A" and "B"; a window that stacks
// them says "the run above" and "the run below", or "the run before" and "your change".
struct RunNames {
    std::string a = "A";       // as a subject or object: "B made ...", "tasks that A ran"
    std::string b = "B";
    std::string inA = "in A";  // where something happened: "0.8 s in A", "new in B"
    std::string inB = "in B";
};

struct RunDiff {
    std::vector<TaskMatch> matches;
    std::vector<TaskId> onlyInA;
    std::vector<TaskId> onlyInB;
    Divergence divergence;
    std::vector<TimingChange> timing;     // by task match, then start, end, held
    std::vector<FreezeChange> freezes;    // in time order of the run they belong to, A's first
    TimeNs elapsedA = 0;
    TimeNs elapsedB = 0;
    TimeNs threshold = 0;                 // the smallest timing change shown
    // The biggest change in plain words: "B made Task-4 (call_tool) start 1.3 s later: line
    // 19 now blocks the loop", or "A and B tell the same story".
    std::string headline;
    bool sameStory() const;
};

RunDiff diffRuns(const DerivedTrace& a, const DerivedTrace& b, const RunDiffOptions& options = {});

// RunDiff::headline with other names for the runs: "your change made Task-3 (call_tool) start
// 1.2 s later: line 14 now blocks the loop" (starts lower-case when a name does).
std::string describeHeadline(const DerivedTrace& a, const DerivedTrace& b, const RunDiff& diff, const RunNames& names);

// Sentences for each part, names as TimeFormat prints them (not yet terminal-safe).
// "The runs diverge at 0 s (step 2): in A Task-2 (call_tool) started first (at 0 s), in B
// Task-1 (main) resumed first after its await at line 18 (at 0.8 s)": at the earlier moment.
std::string describeDivergence(const DerivedTrace& a, const DerivedTrace& b, const Divergence& divergence,
                               const RunNames& names = {});
// "Task-1 (main) ends 1.2 s later (0.8 s in A, 2 s in B)"
std::string describeTimingChange(const DerivedTrace& a, const DerivedTrace& b, const RunDiff& diff,
                                 const TimingChange& change, const RunNames& names = {});
// "new in B: Task-2 (call_tool)'s time.sleep at line 19 freezes the loop for 0.8 s at 0 s"
std::string describeFreezeChange(const DerivedTrace& a, const DerivedTrace& b, const FreezeChange& change,
                                 const RunNames& names = {});
const char* toString(TaskTiming timing);  // "start", "end", "time held by frozen loops"
// The sentences above start in lower case where a name does ("in B ..."): this one starts a
// sentence with them.
std::string capitalized(std::string text);

} // namespace awaitscope
