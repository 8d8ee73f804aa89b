#include "awaitscope/analysis/RunDiff.h"

#include "awaitscope/analysis/TimeBreakdown.h"
#include "awaitscope/analysis/TimeFormat.h"

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <map>
#include <tuple>

namespace awaitscope {

namespace {

constexpr std::size_t kNoMatch = static_cast<std::size_t>(-1);

std::uint32_t lineOf(const Trace& trace, SiteId site) {
    return site < trace.sites.size() ? trace.sites[site].line : 0;
}

// A moment as a sentence says it, to the millisecond: "0 s", "0.2 s", "12 ms" (the
// microseconds a script's statements cost before a step are noise here).
std::string moment(TimeNs time) {
    const TimeNs rounded = (time >= 0 ? time + 500'000 : time - 500'000) / 1'000'000 * 1'000'000;
    return rounded == 0 ? std::string("0 s") : plainDuration(rounded);
}

// A duration, with none said as "0 s" (not "0 ns", which reads like a measurement).
std::string amount(TimeNs duration) {
    return duration == 0 ? std::string("0 s") : plainDuration(duration);
}

// "in B" at the start of a sentence.
std::string ordinalStep(std::size_t step) {
    return "step " + std::to_string(step + 1);
}

// Matches the tasks of two runs (TaskMatch), and for each task of either run its match.
struct Matching {
    std::vector<TaskMatch> matches;
    std::vector<std::size_t> ofA;
    std::vector<std::size_t> ofB;
};

Matching matchTasks(const Trace& a, const Trace& b) {
    Matching m;
    m.ofA.assign(a.tasks.size(), kNoMatch);
    m.ofB.assign(b.tasks.size(), kNoMatch);
    // Two passes: name, coroutine and creation line; then what is left by name and coroutine.
    for (const bool byLine : {true, false}) {
        using Key = std::tuple<std::string, std::string, std::uint32_t>;
        auto keyOf = [&](const Trace& trace, TaskId task) {
            return Key{trace.taskName(task), coroutineName(trace, task),
                       byLine ? lineOf(trace, trace.tasks[task].createdAt) : 0};
        };
        std::map<Key, std::deque<TaskId>> waiting;  // A's unmatched tasks of each key, first created first
        for (TaskId task = 0; task < a.tasks.size(); ++task)
            if (m.ofA[task] == kNoMatch)
                waiting[keyOf(a, task)].push_back(task);
        for (TaskId task = 0; task < b.tasks.size(); ++task) {
            if (m.ofB[task] != kNoMatch)
                continue;
            const auto found = waiting.find(keyOf(b, task));
            if (found == waiting.end() || found->second.empty())
                continue;
            const TaskId partner = found->second.front();
            found->second.pop_front();
            m.ofA[partner] = m.ofB[task] = m.matches.size();
            m.matches.push_back({partner, task, byLine});
        }
    }
    // In A's order, so that the report lists them as A created them.
    std::sort(m.matches.begin(), m.matches.end(), [](const TaskMatch& x, const TaskMatch& y) { return x.a < y.a; });
    for (std::size_t k = 0; k < m.matches.size(); ++k) {
        m.ofA[m.matches[k].a] = k;
        m.ofB[m.matches[k].b] = k;
    }
    return m;
}

// Every step (a Resume) of the run in playback order, with the await it resumed after.
std::vector<RunStep> stepsOf(const DerivedTrace& derived) {
    const Trace& trace = derived.trace();
    constexpr AwaitId kNotYet = 0xFFFFFFFFu;
    std::vector<AwaitId> lastAwait(trace.tasks.size(), kNotYet);
    std::vector<RunStep> steps;
    for (const EventRef& ref : derived.eventsInTimeOrder()) {
        const TraceEvent& event = derived.event(ref);
        if (event.kind == EventKind::Suspend) {
            lastAwait[ref.task] = event.ref;
        } else if (event.kind == EventKind::Resume) {
            RunStep step;
            step.task = ref.task;
            step.time = event.time;
            step.start = lastAwait[ref.task] == kNotYet;
            if (!step.start && lastAwait[ref.task] < trace.awaits.size())
                step.after = trace.awaits[lastAwait[ref.task]].site;
            steps.push_back(step);
        }
    }
    return steps;
}

Divergence findDivergence(const DerivedTrace& a, const DerivedTrace& b, const Matching& m) {
    const std::vector<RunStep> stepsA = stepsOf(a);
    const std::vector<RunStep> stepsB = stepsOf(b);
    auto same = [&](const RunStep& x, const RunStep& y) {
        return m.ofA[x.task] != kNoMatch && m.ofA[x.task] == m.ofB[y.task] && x.start == y.start &&
               (x.start || lineOf(a.trace(), x.after) == lineOf(b.trace(), y.after));
    };
    Divergence divergence;
    const std::size_t steps = std::max(stepsA.size(), stepsB.size());
    for (std::size_t k = 0; k < steps; ++k) {
        if (k < stepsA.size() && k < stepsB.size() && same(stepsA[k], stepsB[k]))
            continue;
        divergence.found = true;
        divergence.step = k;
        if (k < stepsA.size())
            divergence.a = stepsA[k];
        if (k < stepsB.size())
            divergence.b = stepsB[k];
        break;
    }
    return divergence;
}

// When a task first ran (its first step), else when it was created.
TimeNs firstStep(const Trace& trace, const TraceIndex& index, TaskId task) {
    const auto& events = trace.tasks[task].events;
    for (std::size_t k = 0; k < events.size(); ++k)
        if (events[k].kind == EventKind::Resume)
            return events[k].time;
    return index.lane(task).begin;
}

std::vector<TimingChange> timingChanges(const DerivedTrace& a, const DerivedTrace& b, const Matching& m, TimeNs threshold) {
    const std::vector<TimeNs> heldA = heldTimes(a.index(), a.frozenStretches());
    const std::vector<TimeNs> heldB = heldTimes(b.index(), b.frozenStretches());
    auto held = [](const std::vector<TimeNs>& times, TaskId task) { return task < times.size() ? times[task] : 0; };
    std::vector<TimingChange> changes;
    for (std::size_t k = 0; k < m.matches.size(); ++k) {
        const TaskId ta = m.matches[k].a;
        const TaskId tb = m.matches[k].b;
        const TimingChange candidates[] = {
            {k, TaskTiming::Start, firstStep(a.trace(), a.index(), ta), firstStep(b.trace(), b.index(), tb)},
            {k, TaskTiming::End, a.index().lane(ta).end, b.index().lane(tb).end},
            {k, TaskTiming::Held, held(heldA, ta), held(heldB, tb)},
        };
        for (const TimingChange& change : candidates)
            if (std::llabs(change.delta()) >= threshold)
                changes.push_back(change);
    }
    return changes;
}

std::vector<FreezeChange> freezeChanges(const DerivedTrace& a, const DerivedTrace& b, const Matching& m, TimeNs threshold) {
    // A freeze's identity: its culprit (by match; a task of one run only never pairs) and its line.
    using Key = std::tuple<std::size_t, TaskId, std::uint32_t>;
    auto keyOf = [](const Trace& trace, const std::vector<std::size_t>& ofRun, const FrozenStretch& stretch, bool inA) {
        const std::size_t match = stretch.culprit < ofRun.size() ? ofRun[stretch.culprit] : kNoMatch;
        // Unmatched culprits get distinct keys per run: the task bit keeps A's from meeting B's.
        const TaskId own = match == kNoMatch ? (stretch.culprit ^ (inA ? 0u : 0x80000000u)) : kNoTask;
        return Key{match, own, lineOf(trace, stretch.site)};
    };
    std::map<Key, std::deque<std::size_t>> waiting;
    const std::vector<FrozenStretch>& frozenA = a.frozenStretches();
    const std::vector<FrozenStretch>& frozenB = b.frozenStretches();
    for (std::size_t k = 0; k < frozenA.size(); ++k)
        waiting[keyOf(a.trace(), m.ofA, frozenA[k], true)].push_back(k);
    std::vector<std::size_t> partnerOfA(frozenA.size(), FreezeChange::kNone);
    std::vector<FreezeChange> added;
    for (std::size_t k = 0; k < frozenB.size(); ++k) {
        const auto found = waiting.find(keyOf(b.trace(), m.ofB, frozenB[k], false));
        if (found == waiting.end() || found->second.empty()) {
            added.push_back({FreezeChange::kNone, k});
            continue;
        }
        partnerOfA[found->second.front()] = k;
        found->second.pop_front();
    }
    std::vector<FreezeChange> changes;
    for (std::size_t k = 0; k < frozenA.size(); ++k) {
        const std::size_t partner = partnerOfA[k];
        if (partner == FreezeChange::kNone ||
            std::llabs(frozenB[partner].duration() - frozenA[k].duration()) >= threshold)
            changes.push_back({k, partner});
    }
    changes.insert(changes.end(), added.begin(), added.end());
    return changes;
}

std::string taskList(const Trace& trace, const std::vector<TaskId>& tasks, std::size_t named = 3) {
    std::string text;
    const std::size_t shown = tasks.size() <= named + 1 ? tasks.size() : named;
    for (std::size_t k = 0; k < shown; ++k)
        text += (k == 0 ? "" : k + 1 == tasks.size() ? " and " : ", ") + taskLabel(trace, tasks[k]);
    if (shown < tasks.size())
        text += " and " + std::to_string(tasks.size() - shown) + " more";
    return text;
}

std::string tasksWord(std::size_t count) {
    return std::to_string(count) + (count == 1 ? " task" : " tasks");
}

// "line 19", else the culprit: what a sentence says froze the loop.
std::string freezePlace(const Trace& trace, const FrozenStretch& stretch) {
    const std::uint32_t line = lineOf(trace, stretch.site);
    return line ? "line " + std::to_string(line) : taskLabel(trace, stretch.culprit);
}

// Why a task's moment in B moved: a freeze new in B that began before it (the longest such),
// else one of A's that B lost, else the tasks one run has and the other has not.
std::string causeOf(const DerivedTrace& a, const DerivedTrace& b, const RunDiff& diff, const RunNames& names, TimeNs inA,
                    TimeNs inB) {
    const FrozenStretch* best = nullptr;
    for (const FreezeChange& change : diff.freezes)
        if (change.added()) {
            const FrozenStretch& stretch = b.frozenStretches()[change.inB];
            if (stretch.begin < inB && (!best || stretch.duration() > best->duration()))
                best = &stretch;
        }
    if (best)
        return ": " + freezePlace(b.trace(), *best) + " now blocks the loop";
    for (const FreezeChange& change : diff.freezes)
        if (change.removed()) {
            const FrozenStretch& stretch = a.frozenStretches()[change.inA];
            if (stretch.begin < inA && (!best || stretch.duration() > best->duration()))
                best = &stretch;
        }
    if (best)
        return ": " + freezePlace(a.trace(), *best) + " no longer blocks the loop";
    if (!diff.onlyInA.empty() && !diff.onlyInB.empty())
        return ", with " + tasksWord(diff.onlyInA.size()) + " only " + names.inA + " and " +
               std::to_string(diff.onlyInB.size()) + " only " + names.inB;
    if (!diff.onlyInA.empty())
        return ", without " + tasksWord(diff.onlyInA.size()) + " that " + names.a + " ran";
    if (!diff.onlyInB.empty())
        return ", with " + tasksWord(diff.onlyInB.size()) + " that " + names.a + " did not run";
    return {};
}

} // namespace

std::string describeHeadline(const DerivedTrace& a, const DerivedTrace& b, const RunDiff& diff, const RunNames& names) {
    if (diff.sameStory())
        return names.a + " and " + names.b + " tell the same story";
    // The biggest move of a start or an end; held time only when nothing started or ended elsewhere.
    const TimingChange* biggest = nullptr;
    for (const bool heldToo : {false, true}) {
        for (const TimingChange& change : diff.timing)
            if ((change.timing == TaskTiming::Held) == heldToo &&
                (!biggest || std::llabs(change.delta()) > std::llabs(biggest->delta())))
                biggest = &change;
        if (biggest)
            break;
    }
    if (biggest) {
        const TaskMatch& match = diff.matches[biggest->match];
        const std::string label = taskLabel(b.trace(), match.b);
        const TimeNs by = std::llabs(biggest->delta());
        std::string text = names.b + " made " + label;
        if (biggest->timing == TaskTiming::Held)
            text += " wait " + plainDuration(by) + (biggest->delta() > 0 ? " longer" : " less") + " for frozen loops";
        else
            text += std::string(biggest->timing == TaskTiming::Start ? " start " : " end ") + plainDuration(by) +
                    (biggest->delta() > 0 ? " later" : " sooner");
        const TimeNs inA = biggest->timing == TaskTiming::Held ? a.index().lane(match.a).end : biggest->inA;
        const TimeNs inB = biggest->timing == TaskTiming::Held ? b.index().lane(match.b).end : biggest->inB;
        return text + causeOf(a, b, diff, names, inA, inB);
    }
    if (!diff.onlyInB.empty())
        return names.b + " runs " + tasksWord(diff.onlyInB.size()) + " that " + names.a +
               " did not: " + taskList(b.trace(), diff.onlyInB);
    if (!diff.onlyInA.empty())
        return names.b + " no longer runs " + tasksWord(diff.onlyInA.size()) + " of " + names.a + ": " +
               taskList(a.trace(), diff.onlyInA);
    const std::string inB = capitalized(names.inB) + " ";
    if (!diff.freezes.empty()) {
        const FreezeChange& change = diff.freezes.front();
        if (change.added())
            return inB + freezePlace(b.trace(), b.frozenStretches()[change.inB]) + " now blocks the loop";
        if (change.removed())
            return inB + freezePlace(a.trace(), a.frozenStretches()[change.inA]) + " no longer blocks the loop";
        const TimeNs delta = b.frozenStretches()[change.inB].duration() - a.frozenStretches()[change.inA].duration();
        return inB + freezePlace(b.trace(), b.frozenStretches()[change.inB]) + " blocks the loop " +
               plainDuration(std::llabs(delta)) + (delta > 0 ? " longer" : " less");
    }
    // Only the order differs: same tasks, same times, other turns.
    const RunStep& first = diff.divergence.a.task != kNoTask ? diff.divergence.a : diff.divergence.b;
    return "The same tasks at the same times, but the runs take turns differently from " + moment(first.time);
}

namespace {

std::string describeStep(const Trace& trace, const RunStep& step) {
    if (step.task == kNoTask)
        return "nothing more ran";
    std::string text = taskLabel(trace, step.task);
    if (step.start)
        return text + " started first";
    const std::uint32_t line = lineOf(trace, step.after);
    return text + " resumed first after its await" + (line ? " at line " + std::to_string(line) : std::string());
}

} // namespace

bool RunDiff::sameStory() const {
    return onlyInA.empty() && onlyInB.empty() && !divergence.found && timing.empty() && freezes.empty();
}

RunDiff diffRuns(const DerivedTrace& a, const DerivedTrace& b, const RunDiffOptions& options) {
    RunDiff diff;
    const Matching m = matchTasks(a.trace(), b.trace());
    diff.matches = m.matches;
    for (TaskId task = 0; task < m.ofA.size(); ++task)
        if (m.ofA[task] == kNoMatch)
            diff.onlyInA.push_back(task);
    for (TaskId task = 0; task < m.ofB.size(); ++task)
        if (m.ofB[task] == kNoMatch)
            diff.onlyInB.push_back(task);
    diff.elapsedA = a.analysis().loop.elapsed();
    diff.elapsedB = b.analysis().loop.elapsed();
    const double longer = static_cast<double>(std::max(diff.elapsedA, diff.elapsedB));
    diff.threshold = std::max(options.minChange, static_cast<TimeNs>(longer * options.minShareOfRun));
    diff.divergence = findDivergence(a, b, m);
    diff.timing = timingChanges(a, b, m, diff.threshold);
    diff.freezes = freezeChanges(a, b, m, diff.threshold);
    diff.headline = describeHeadline(a, b, diff, {});
    return diff;
}

std::string describeDivergence(const DerivedTrace& a, const DerivedTrace& b, const Divergence& divergence,
                               const RunNames& names) {
    if (!divergence.found)
        return "The runs take the same turns throughout.";
    // At the earlier of the two moments: where one run first went its own way.
    const bool both = divergence.a.task != kNoTask && divergence.b.task != kNoTask;
    const TimeNs at = both ? std::min(divergence.a.time, divergence.b.time)
                           : (divergence.a.task != kNoTask ? divergence.a.time : divergence.b.time);
    const bool sameMoment = both && moment(divergence.a.time) == moment(divergence.b.time);
    auto when = [&](const RunStep& step) {
        return both && !sameMoment ? " (at " + moment(step.time) + ")" : std::string();
    };
    std::string text = "The runs diverge at " + moment(at) + " (" + ordinalStep(divergence.step) + "): " + names.inA + " " +
                       describeStep(a.trace(), divergence.a) + when(divergence.a) + ", " + names.inB + " " +
                       describeStep(b.trace(), divergence.b) + when(divergence.b);
    return text + ".";
}

std::string describeTimingChange(const DerivedTrace& a, const DerivedTrace& b, const RunDiff& diff,
                                 const TimingChange& change, const RunNames& names) {
    const TaskMatch& match = diff.matches[change.match];
    const std::string label = taskLabel(b.trace(), match.b);
    const TimeNs by = std::llabs(change.delta());
    if (change.timing != TaskTiming::Held)
        return label + (change.timing == TaskTiming::Start ? " starts " : " ends ") + plainDuration(by) +
               (change.delta() > 0 ? " later" : " sooner") + " (" + moment(change.inA) + " " + names.inA + ", " +
               moment(change.inB) + " " + names.inB + ")";
    // Held: who held it, from the run where it was held longer (TimeBreakdown's largest share).
    const bool longerInB = change.delta() > 0;
    const DerivedTrace& run = longerInB ? b : a;
    const TimeBreakdown breakdown = timeBreakdown(run.trace(), run.index(), run.frozenStretches(), run.readyQueue(),
                                                  longerInB ? match.b : match.a);
    std::string text = label + " is held by frozen loops " + plainDuration(by) + (longerInB ? " longer" : " less") + " (" +
                       amount(change.inA) + " " + names.inA + ", " + amount(change.inB) + " " + names.inB + ")";
    for (const TimeShare& share : breakdown.shares)
        if (share.use == TimeUse::Held) {
            text += "; " + (longerInB ? names.inB : names.inA) + " " + describeTimeShare(run.trace(), share);
            break;
        }
    return text;
}

std::string describeFreezeChange(const DerivedTrace& a, const DerivedTrace& b, const FreezeChange& change,
                                 const RunNames& names) {
    auto freeze = [](const Trace& trace, const FrozenStretch& stretch) {
        std::string what = taskLabel(trace, stretch.culprit);
        if (stretch.block != kNoBlock)
            what += "'s " + blockDescription(trace, stretch.block);
        return what + atLine(trace, stretch.site);
    };
    if (change.added()) {
        const FrozenStretch& s = b.frozenStretches()[change.inB];
        return "new " + names.inB + ": " + freeze(b.trace(), s) + " freezes the loop for " + plainDuration(s.duration()) + " at " +
               moment(s.begin);
    }
    const FrozenStretch& s = a.frozenStretches()[change.inA];
    if (change.removed())
        return "gone " + names.inB + ": " + freeze(a.trace(), s) + " froze the loop for " + plainDuration(s.duration()) + " at " +
               moment(s.begin);
    const FrozenStretch& t = b.frozenStretches()[change.inB];
    return "longer or shorter: " + freeze(b.trace(), t) + " freezes the loop for " + plainDuration(t.duration()) + " " +
           names.inB + ", " + plainDuration(s.duration()) + " " + names.inA;
}

std::string capitalized(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

const char* toString(TaskTiming timing) {
    switch (timing) {
    case TaskTiming::Start: return "start";
    case TaskTiming::End: return "end";
    case TaskTiming::Held: return "time held by frozen loops";
    }
    return "?";
}

} // namespace awaitscope
