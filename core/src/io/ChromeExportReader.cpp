#include "ChromeExportReader.h"

#include "awaitscope/io/TraceLimits.h"

#include <algorithm>
#include <cmath>

namespace awaitscope::detail {

namespace keys = chrome_export;

namespace {

template <class Enum>
std::int8_t enumFromText(const std::string& text, int count) {
    for (int i = 0; i < count; ++i)
        if (text == toString(static_cast<Enum>(i)))
            return static_cast<std::int8_t>(i);
    return -1;
}

} // namespace

void ExportedSliceArgs::read(std::string_view key, const ArgValue& value) {
    if (value.text) {
        if (key == keys::kOutcome)
            outcome = enumFromText<TaskOutcome>(*value.text, 3);
        else if (key == keys::kWoken)
            woken = enumFromText<WaitKind>(*value.text, kWaitKindCount);
        else if (key == keys::kError) {
            error = *value.text;
            hasError = true;
        }
        return;
    }
    if (!value.isNumber)
        return;
    if (key == keys::kReadyAt) {  // microseconds, like "ts"
        if (value.isInteger) {
            hasReadyAt = value.integer >= 0 && value.integer <= kMaxTimeNs / 1000;
            readyAt = hasReadyAt ? value.integer * 1000 : 0;
        } else {
            const double ns = value.number * 1000.0;
            hasReadyAt = ns >= 0 && ns <= static_cast<double>(kMaxTimeNs);  // also false for NaN
            readyAt = hasReadyAt ? static_cast<TimeNs>(std::llround(ns)) : 0;
        }
        return;
    }
    std::uint32_t* const ids[] = {&seq, &endSeq, &readySeq, &frameSeq, &frameEndSeq, &await, &frame, &block, &waker};
    const std::string_view names[] = {keys::kSeq,   keys::kEndSeq, keys::kReadySeq, keys::kFrameSeq, keys::kFrameEndSeq,
                                      keys::kAwait, keys::kFrame,  keys::kBlock,    keys::kWaker};
    for (std::size_t i = 0; i < std::size(names); ++i) {
        if (key != names[i])
            continue;
        if (value.isInteger && value.integer >= 0 && value.integer < kUnset)
            *ids[i] = static_cast<std::uint32_t>(value.integer);
        return;
    }
}

// ---- The embedded document ----

std::string ExportTables::problem() const {
    return "metadata." + std::string(keys::kTablesKey) + (reader_.error().empty() ? "" : ": " + reader_.error());
}

bool ExportTables::handled(bool ok) {
    if (ok)
        return true;
    if (input_.stop() != InputStop::None) {
        abortMessage_ = input_.stopMessage();
        return false;
    }
    state_ = State::Failed;
    return true;
}

bool ExportTables::tooDeep() {
    abortMessage_ = "byte " + std::to_string(input_.offset()) + ": nesting deeper than " + std::to_string(kMaxJsonDepth) +
                    " levels (kMaxJsonDepth)";
    return false;
}

void ExportTables::end() {
    if (state_ == State::Reading)
        state_ = reader_.validate() ? State::Ready : State::Failed;
}

// ---- Events back in place ----

void ExportRebuilder::push(TaskId task, std::uint32_t seq, const TraceEvent& event) {
    numbered_[task].push_back({seq, event});
}

void ExportRebuilder::add(std::int64_t tid, TimeNs begin, TimeNs end, std::string_view category,
                          const ExportedSliceArgs& args) {
    if (tid < 1 || static_cast<std::uint64_t>(tid) > trace_.tasks.size())
        return;  // the loop's track, or not a task
    const auto task = static_cast<TaskId>(tid - 1);
    constexpr std::uint32_t unset = ExportedSliceArgs::kUnset;
    const bool carries = args.seq != unset || args.endSeq != unset || args.readySeq != unset ||
                         args.frameSeq != unset || args.frameEndSeq != unset;
    if (!carries)
        return;  // a slice for the eye only
    if (begin < 0 || end < begin || end > kMaxTimeNs) {
        ++unusable_;
        return;
    }
    auto event = [](TimeNs time, EventKind kind, std::uint8_t detail, std::uint32_t ref) {
        return TraceEvent{time, kind, detail, 0, ref};
    };
    auto pair = [&](std::uint32_t ref, std::uint32_t seq, EventKind enter, std::uint32_t endSeq, EventKind exit) {
        if (ref == unset) {
            ++unusable_;
            return;
        }
        if (seq != unset)
            push(task, seq, event(begin, enter, 0, ref));
        if (endSeq != unset)
            push(task, endSeq, event(end, exit, 0, ref));
    };

    if (category == keys::kFrameCategory) {
        pair(args.frame, args.seq, EventKind::FrameEnter, args.endSeq, EventKind::FrameExit);
    } else if (category == keys::kBlockCategory) {
        pair(args.block, args.seq, EventKind::BlockBegin, args.endSeq, EventKind::BlockEnd);
    } else if (category == keys::kStepCategory) {
        if (args.readySeq != unset) {
            if (args.hasReadyAt && args.woken >= 0)
                push(task, args.readySeq,
                     event(args.readyAt, EventKind::Ready, static_cast<std::uint8_t>(args.woken),
                           args.waker == unset ? kNoTask : args.waker));
            else
                ++unusable_;
        }
        if (args.seq != unset)
            push(task, args.seq, event(begin, EventKind::Resume, 0, 0));
        if (args.frameSeq != unset || args.frameEndSeq != unset)
            pair(args.frame, args.frameSeq, EventKind::FrameEnter, args.frameEndSeq, EventKind::FrameExit);
        if (args.endSeq != unset) {
            if (args.await != unset)
                push(task, args.endSeq, event(end, EventKind::Suspend, 0, args.await));
            else if (args.outcome >= 0)
                push(task, args.endSeq,
                     event(end, EventKind::Finish, static_cast<std::uint8_t>(args.outcome),
                           args.hasError ? trace_.strings.intern(args.error) : 0));
            else
                ++unusable_;
        }
    } else {
        ++unusable_;
    }
}

bool ExportRebuilder::finish(std::vector<LoadWarning>& warnings, std::string& error) {
    std::uint64_t total = 0;
    std::uint64_t misnumbered = 0;
    std::uint64_t unordered = 0;
    std::vector<TraceEvent> merged;
    for (TaskId task = 0; task < trace_.tasks.size(); ++task) {
        std::vector<Numbered>& numbered = numbered_[task];
        auto& events = trace_.tasks[task].events;  // so far: the ones the metadata kept
        total += numbered.size() + events.size();
        if (total > kMaxEvents) {
            error = "more than " + std::to_string(kMaxEvents) + " events (kMaxEvents)";
            return false;
        }
        if (numbered.empty())
            continue;
        auto bySeq = [](const Numbered& a, const Numbered& b) { return a.seq < b.seq; };
        if (!std::is_sorted(numbered.begin(), numbered.end(), bySeq))
            std::stable_sort(numbered.begin(), numbered.end(), bySeq);
        // The slices' events take the places they are numbered for; the metadata's fill the rest.
        const std::size_t count = numbered.size() + events.size();
        merged.clear();
        merged.reserve(count);
        std::size_t fromSlices = 0;
        std::size_t fromMetadata = 0;
        bool fits = true;
        for (std::size_t place = 0; place < count && fits; ++place) {
            if (fromSlices < numbered.size() && numbered[fromSlices].seq == place)
                merged.push_back(numbered[fromSlices++].event);
            else if (fromMetadata < events.size())
                merged.push_back(events[fromMetadata++]);
            else
                fits = false;
        }
        if (!fits || fromSlices != numbered.size()) {
            // Numbers missing or given twice (an edited file): keep every event, in time order.
            ++misnumbered;
            merged.clear();
            for (const Numbered& n : numbered)
                merged.push_back(n.event);
            merged.insert(merged.end(), events.begin(), events.end());
        }
        auto byTime = [](const TraceEvent& a, const TraceEvent& b) { return a.time < b.time; };
        if (!std::is_sorted(merged.begin(), merged.end(), byTime)) {
            ++unordered;
            std::stable_sort(merged.begin(), merged.end(), byTime);
        }
        events.clear();
        events.reserve(merged.size());
        for (const TraceEvent& e : merged)
            events.push_back(e);
        std::vector<Numbered>().swap(numbered);
    }
    if (unusable_)
        warnings.push_back({"exported slices carried an event that could not be read back, and it was left out", "",
                            unusable_});
    if (misnumbered)
        warnings.push_back({"tasks' exported events were not numbered one after another (was the file edited?): "
                            "their events were put in time order",
                            "", misnumbered});
    if (unordered)
        warnings.push_back({"tasks' exported events were out of time order and were sorted", "", unordered});
    return true;
}

} // namespace awaitscope::detail
