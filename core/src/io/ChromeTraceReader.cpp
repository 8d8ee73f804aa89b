#include "ChromeTraceReader.h"

#include "ChromeExportReader.h"

#include "awaitscope/io/TraceLimits.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

namespace awaitscope::detail {

namespace {

// A pid or tid: Chrome writes numbers, some tools write strings.
struct ThreadKey {
    std::int64_t pid = 0;
    std::int64_t tid = 0;
    bool operator<(const ThreadKey& o) const { return pid != o.pid ? pid < o.pid : tid < o.tid; }
};

// Everything the importer reads from one event object.
struct RawEvent {
    char phase = 0;
    bool hasPhase = false;
    bool hasTime = false;
    bool hasDuration = false;
    bool badTime = false;
    TimeNs time = 0;
    TimeNs duration = 0;
    StringId name = 0;
    StringId category = 0;
    std::int64_t pid = 0;
    std::int64_t tid = 0;
    std::string id;
    bool hasId = false;
    char bindPoint = 0;
    StringId argName = 0;
    bool hasArgName = false;
    std::int64_t sortIndex = 0;
    bool hasSortIndex = false;
    std::string bindId;  // flow events v2: "bind_id" with "flow_in" / "flow_out" on a slice
    bool hasBindId = false;
    bool flowIn = false;
    bool flowOut = false;
    ExportedSliceArgs exported;  // args.data of Awaitscope's own export
};

struct RawSlice {
    TimeNs begin = 0;
    TimeNs end = 0;
    StringId name = 0;
    std::uint32_t order = 0;  // position in the file, to keep ties stable
};

struct RawMark {  // B/E, b/e, S/F: one end of a slice
    TimeNs time = 0;
    bool opens = false;
    StringId name = 0;
    std::uint32_t order = 0;
};

struct RawInstant {
    TimeNs time = 0;
    StringId name = 0;
    std::uint32_t order = 0;
};

struct Wakeup {
    std::size_t slice = 0;  // the top-level slice of the woken lane
    TimeNs time = 0;        // when the arrow arrives
    TaskId waker = kNoTask;
};

struct FlowPoint {
    TimeNs time = 0;
    std::uint32_t lane = 0;
    char phase = 0;
    bool enclosing = false;  // bind to the enclosing slice ("bp":"e") rather than the next one
    std::uint32_t order = 0;
};

// One future lane: a thread, or an async track (b/e or S/F sharing a category and id).
struct RawLane {
    std::string name;
    std::int64_t pid = 0;
    bool named = false;
    bool async = false;
    std::int64_t sortIndex = std::numeric_limits<std::int64_t>::max();
    std::uint32_t firstSeen = 0;
    std::uint32_t tops = 0;  // top-level slices, once nested
    std::vector<RawSlice> slices;
    std::vector<RawMark> marks;
    std::vector<RawInstant> instants;
};

// Things that could not be mapped, counted by reason, with the first place each occurred.
class Unmapped {
public:
    void add(const std::string& reason, std::uint32_t eventIndex) {
        auto [it, inserted] = counts_.try_emplace(reason, Entry{0, eventIndex, order_});
        order_ += inserted;
        ++it->second.count;
    }
    void addCount(const std::string& reason, std::uint64_t count) {
        if (count)
            counts_.try_emplace(reason, Entry{0, kNoIndex, order_++}).first->second.count += count;
    }
    std::vector<LoadWarning> warnings() const {
        std::vector<std::pair<std::uint32_t, LoadWarning>> list;
        for (const auto& [reason, entry] : counts_)
            list.push_back({entry.order, LoadWarning{reason,
                                                     entry.first != kNoIndex ? "traceEvents[" + std::to_string(entry.first) + "]"
                                                                             : std::string(),
                                                     entry.count}});
        std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<LoadWarning> out;
        for (auto& item : list)
            out.push_back(std::move(item.second));
        return out;
    }

private:
    static constexpr std::uint32_t kNoIndex = 0xFFFFFFFFu;
    struct Entry {
        std::uint64_t count;
        std::uint32_t first;
        std::uint32_t order;
    };
    std::map<std::string, Entry> counts_;
    std::uint32_t order_ = 0;
};

class ChromeReader {
public:
    ChromeReader(JsonInput& input, LoadResult& result) : input_(input), result_(result), trace_(result.trace) {}

    bool read() {
        MetadataTap tap(*this, exportTables_);
        const bool parsed = input_.parse(tap);
        if (parsed && input_.stop() != InputStop::None)
            return fail(input_.stopMessage());  // the JSON ended where the input stopped: at a NUL byte
        if (!parsed && !acceptedTruncation_) {
            if (result_.error.empty())
                result_.error = exportTables_.abortMessage().empty() ? "the JSON parser stopped without a reason"
                                                                     : exportTables_.abortMessage();
            return false;
        }
        if (!sawEvents_) {
            result_.error = sawFormat_ ? "an Awaitscope trace must have \"format\" as its first member"
                                       : "not a trace: an Awaitscope trace starts with {\"format\": ...}, a Chrome "
                                         "trace is an array of events or has \"traceEvents\"";
            return false;
        }
        if (!spanFits())
            return false;
        if (rebuild_)
            return rebuildExport();
        build();
        result_.warnings = unmapped_.warnings();
        if (exportTables_.failed())
            result_.warnings.insert(result_.warnings.begin(),
                                    LoadWarning{"the Awaitscope metadata could not be read (" + exportTables_.problem() +
                                                    "), so the trace was read as a plain Chrome trace",
                                                "", 0});
        return true;
    }

    // ---- nlohmann SAX interface ----
    bool null() { return value(Type::Null); }
    bool boolean(bool b) {
        boolean_ = b;
        return value(Type::Bool);
    }
    bool number_integer(std::int64_t v) {
        number_ = static_cast<double>(v);
        integer_ = v;
        isInteger_ = true;
        return value(Type::Number);
    }
    bool number_unsigned(std::uint64_t v) {
        number_ = static_cast<double>(v);
        isInteger_ = v <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        integer_ = isInteger_ ? static_cast<std::int64_t>(v) : 0;
        unsigned_ = v;
        numberText_ = nullptr;
        return value(Type::Number);
    }
    bool number_float(double v, const std::string& text) {
        number_ = v;
        isInteger_ = false;
        numberText_ = &text;
        return value(Type::Number);
    }
    bool string(std::string& s) {
        text_ = &s;
        return value(Type::String);
    }
    bool binary(nlohmann::json::binary_t&) { return value(Type::Other); }
    bool start_object(std::size_t) { return value(Type::Object); }
    bool start_array(std::size_t) { return value(Type::Array); }
    bool key(std::string& name) {
        input_.markValue();
        if (skipDepth_ == 0)
            key_ = name;
        return true;
    }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) {
        if (input_.stop() != InputStop::None) {
            result_.error = input_.stopMessage();
            return false;
        }
        // Chrome leaves the closing ']' off a trace it was killed while writing; the format
        // allows it. A file that ends in the middle of the event list is therefore complete.
        const bool atEnd = input_.exhausted();
        const bool inEvents = std::any_of(stack_.begin(), stack_.begin() + depth_ + 1,
                                          [](Context c) { return c == Context::Events; });
        if (atEnd && inEvents) {
            if (stack_[depth_] != Context::Events)
                unmapped_.addCount("event cut off at the end of the file could not be read", 1);
            acceptedTruncation_ = true;
            return false;
        }
        result_.error = syntaxErrorMessage(position, error);
        if (eventIndex_ > 0 && inEvents)
            result_.error += " (in traceEvents[" + std::to_string(eventIndex_ - 1) + "])";
        return false;
    }

private:
    enum class Type : std::uint8_t { Null, Bool, Number, String, Object, Array, Other };
    enum class Context : std::uint8_t { Document, Top, Events, Event, Args, ArgsData, OtherData, Id2 };

    bool fail(std::string message) {
        // Input cut short (cancelled, a value too long, a read error) explains anything after it.
        if (result_.error.empty())
            result_.error = input_.stop() != InputStop::None ? input_.stopMessage() : message;
        return false;
    }

    bool push(Context context) {
        if (depth_ + 1 + skipDepth_ > kMaxJsonDepth)
            return fail("byte " + std::to_string(input_.offset()) + ": nesting deeper than " +
                        std::to_string(kMaxJsonDepth) + " levels (kMaxJsonDepth)");
        stack_[++depth_] = context;
        return true;
    }
    bool skip() {
        if (depth_ + 1 + skipDepth_ > kMaxJsonDepth)
            return fail("byte " + std::to_string(input_.offset()) + ": nesting deeper than " +
                        std::to_string(kMaxJsonDepth) + " levels (kMaxJsonDepth)");
        ++skipDepth_;
        return true;
    }
    // A container we do not read is skipped; a scalar we do not read is simply ignored.
    bool ignore(Type type) { return type == Type::Object || type == Type::Array ? skip() : true; }

    bool close() {
        input_.markValue();
        if (skipDepth_ > 0) {
            --skipDepth_;
            return true;
        }
        if (stack_[depth_] == Context::Event) {
            finishEvent();
            if (!(event_.hasPhase && knownPhase(event_.phase)) && !notAnEvent())
                return false;
            if (event_.hasPhase && knownPhase(event_.phase))
                skippedRun_ = 0;
            if (lanes_.size() > kMaxTasks)
                return fail("traceEvents[" + std::to_string(eventIndex_ - 1) + "]: more than " +
                            std::to_string(kMaxTasks) + " threads and async tracks (kMaxTasks)");
            if (trace_.strings.size() > kMaxStrings)
                return fail("traceEvents[" + std::to_string(eventIndex_ - 1) + "]: more than " +
                            std::to_string(kMaxStrings) + " distinct names (kMaxStrings)");
        }
        --depth_;
        return true;
    }

    bool value(Type type) {
        input_.markValue();
        if (skipDepth_ > 0)
            return ignore(type);
        switch (stack_[depth_]) {
        case Context::Document:
            if (type == Type::Array) {
                sawEvents_ = true;
                return push(Context::Events);
            }
            if (type == Type::Object)
                return push(Context::Top);
            return fail("byte " + std::to_string(input_.offset()) + ": not a trace: expected an array or an object");
        case Context::Top:
            if (key_ == "traceEvents") {
                if (type != Type::Array)
                    return fail("traceEvents: expected an array of events");
                sawEvents_ = true;
                return push(Context::Events);
            }
            if (key_ == "otherData" && type == Type::Object)
                return push(Context::OtherData);
            if (key_ == "format")
                sawFormat_ = true;
            if (key_ == "systemTraceEvents")
                unmapped_.addCount("systemTraceEvents member (ftrace text) was ignored", 1);
            return ignore(type);
        case Context::Events:
            ++eventIndex_;
            if (type != Type::Object) {
                unmapped_.add("entries of traceEvents that are not objects were skipped", eventIndex_ - 1);
                return notAnEvent() && ignore(type);
            }
            if (eventIndex_ > kMaxEvents)
                return fail("traceEvents: more than " + std::to_string(kMaxEvents) + " events (kMaxEvents)");
            if (eventIndex_ == 1 && exportTables_.ready())
                rebuild_.emplace(exportTables_.trace());
            event_ = RawEvent{};
            return push(Context::Event);
        case Context::Event: return valueInEvent(type);
        case Context::Args:
            if (rebuild_ && key_ == "data" && type == Type::Object)
                return push(Context::ArgsData);
            if (key_ == "name" && type == Type::String) {
                event_.argName = trace_.strings.intern(*text_);
                event_.hasArgName = true;
            } else if (key_ == "sort_index" && type == Type::Number && isInteger_) {
                event_.sortIndex = integer_;
                event_.hasSortIndex = true;
            }
            return ignore(type);
        case Context::ArgsData:
            event_.exported.read(key_, {type == Type::Number, type == Type::Number && isInteger_, integer_, number_,
                                        type == Type::String ? text_ : nullptr});
            return ignore(type);
        case Context::OtherData:
            if (key_ == "generator" && type == Type::String && text_->rfind("awaitscope", 0) == 0)
                fromAwaitscope_ = true;
            return ignore(type);
        case Context::Id2:
            if ((key_ == "local" || key_ == "global") && (type == Type::String || type == Type::Number)) {
                event_.id = key_ + ":" + (type == Type::String ? *text_ : numberAsId());
                event_.hasId = true;
            }
            return ignore(type);
        }
        return ignore(type);
    }

    // Entries that are not events (not objects, no "ph", a phase no tool writes) are skipped,
    // but a long run of them means the file is not a trace, or is damaged from there on:
    // reading millions more would only cost time.
    static constexpr std::uint32_t kMaxSkippedRun = 10'000;
    static bool knownPhase(char phase) {
        return phase != 0 && std::string_view("XBEbeSTFnpiIRstfCPNODvVMc").find(phase) != std::string_view::npos;
    }
    bool notAnEvent() {
        if (skippedRun_++ == 0)
            skippedFrom_ = eventIndex_ - 1;
        if (skippedRun_ < kMaxSkippedRun)
            return true;
        return fail("traceEvents[" + std::to_string(skippedFrom_) + "] to [" + std::to_string(eventIndex_ - 1) + "]: " +
                    std::to_string(kMaxSkippedRun) + " entries in a row are not trace events (not objects, no \"ph\", "
                    "or an unknown phase): this is not a Chrome trace, or it is damaged from traceEvents[" +
                    std::to_string(skippedFrom_) + "] on");
    }

    // A number used as an id, as written: 1.5 and 2.5 stay apart, and so does 2^64-1.
    std::string numberAsId() const {
        if (isInteger_)
            return std::to_string(integer_);
        return numberText_ ? *numberText_ : std::to_string(unsigned_);
    }

    // Microseconds (integer or fractional) to nanoseconds, if representable.
    bool toNs(TimeNs& out) const {
        if (isInteger_) {
            if (integer_ > kMaxTimeNs / 1000 || integer_ < -kMaxTimeNs / 1000)
                return false;
            out = integer_ * 1000;
            return true;
        }
        const double ns = number_ * 1000.0;
        if (!(std::fabs(ns) < static_cast<double>(kMaxTimeNs)))
            return false;  // also rejects NaN
        out = static_cast<TimeNs>(std::llround(ns));
        return true;
    }

    bool valueInEvent(Type type) {
        if (key_.size() == 2 && key_ == "ph" && type == Type::String) {
            event_.hasPhase = !text_->empty();
            event_.phase = text_->empty() ? 0 : (*text_)[0];
            if (text_->size() != 1)
                event_.phase = '?';
        } else if (key_ == "ts") {
            event_.hasTime = true;
            event_.badTime = type != Type::Number || !toNs(event_.time);
        } else if (key_ == "dur") {
            event_.hasDuration = type == Type::Number && toNs(event_.duration) && event_.duration >= 0;
        } else if (key_ == "name" && type == Type::String) {
            event_.name = trace_.strings.intern(*text_);
        } else if (key_ == "cat" && type == Type::String) {
            event_.category = trace_.strings.intern(*text_);
        } else if ((key_ == "pid" || key_ == "tid") && (type == Type::Number || type == Type::String)) {
            // String ids are mapped to numbers through the string table, kept apart from real numbers;
            // so are numbers that are no int64 (1.5, 2^64-1), by their text, so that they stay apart.
            const std::int64_t id = type == Type::String ? kStringKey + trace_.strings.intern(*text_)
                                    : isInteger_         ? integer_
                                                         : kStringKey + trace_.strings.intern(numberAsId());
            (key_ == "pid" ? event_.pid : event_.tid) = id;
        } else if (key_ == "id" && (type == Type::Number || type == Type::String)) {
            event_.id = type == Type::String ? *text_ : numberAsId();
            event_.hasId = true;
        } else if (key_ == "id2" && type == Type::Object) {
            return push(Context::Id2);
        } else if (key_ == "bind_id" && (type == Type::Number || type == Type::String)) {
            event_.bindId = type == Type::String ? *text_ : std::to_string(isInteger_ ? integer_ : 0);
            event_.hasBindId = true;
        } else if ((key_ == "flow_in" || key_ == "flow_out") && type == Type::Bool) {
            (key_ == "flow_in" ? event_.flowIn : event_.flowOut) = boolean_;
        } else if (key_ == "bp" && type == Type::String) {
            event_.bindPoint = text_->empty() ? 0 : (*text_)[0];
        } else if (key_ == "args" && type == Type::Object) {
            return push(Context::Args);
        }
        return ignore(type);
    }

    // ---- Collecting ----

    // pid and tid strings are stored as kStringKey + their string id, apart from real numbers.
    static constexpr std::int64_t kStringKey = std::numeric_limits<std::int64_t>::min();
    std::string keyName(std::int64_t key) const {
        if (key >= kStringKey && key < kStringKey + (std::int64_t{1} << 32))
            return std::string(trace_.str(static_cast<StringId>(key - kStringKey)));
        return std::to_string(key);
    }

    std::uint32_t threadLane(std::int64_t pid, std::int64_t tid) {
        auto [it, inserted] = threadLanes_.try_emplace(ThreadKey{pid, tid}, static_cast<std::uint32_t>(lanes_.size()));
        if (inserted) {
            lanes_.emplace_back();
            lanes_.back().pid = pid;
            lanes_.back().firstSeen = static_cast<std::uint32_t>(lanes_.size() - 1);
            lanes_.back().name = "thread " + keyName(tid);
        }
        return it->second;
    }

    std::uint32_t asyncLane(const RawEvent& e) {
        // Nestable async events (b/e/n) match on category and id; the legacy ones (S/T/F) on the name too.
        const bool legacy = e.phase == 'S' || e.phase == 'T' || e.phase == 'F' || e.phase == 'p';
        const std::string key = std::to_string(e.pid) + "\x1f" + std::string(trace_.str(e.category)) + "\x1f" + e.id +
                                (legacy ? "\x1f" + std::string(trace_.str(e.name)) : std::string());
        auto [it, inserted] = asyncLanes_.try_emplace(key, static_cast<std::uint32_t>(lanes_.size()));
        if (inserted) {
            lanes_.emplace_back();
            RawLane& lane = lanes_.back();
            lane.pid = e.pid;
            lane.async = true;
            lane.firstSeen = static_cast<std::uint32_t>(lanes_.size() - 1);
            lane.name = std::string(trace_.str(e.name)) + " (async " + e.id + ")";
            // Awaitscope's export puts a task's awaits and waits for the loop on async tracks
            // whose id is the task's track: name them after the task.
            if (fromAwaitscope_) {
                const auto owner = threadLanes_.find(ThreadKey{e.pid, std::atoll(e.id.c_str())});
                if (owner != threadLanes_.end())
                    lane.name = lanes_[owner->second].name + ": " + std::string(trace_.str(e.category));
            }
        }
        return it->second;
    }

    void noteTime(TimeNs t) {
        if (t < minTime_) {
            minTime_ = t;
            minIndex_ = eventIndex_ - 1;
        }
        if (t > maxTime_) {
            maxTime_ = t;
            maxIndex_ = eventIndex_ - 1;
        }
    }

    // Times become nanoseconds from the earliest event; a span over kMaxTimeNs would make a
    // trace that no reader (this one included) accepts once saved.
    bool spanFits() {
        if (minTime_ > maxTime_ || maxTime_ - kMaxTimeNs <= minTime_)
            return true;
        auto at = [](std::uint32_t index, TimeNs t) {
            return "traceEvents[" + std::to_string(index) + "] (at " + std::to_string(t / 1000) + " us)";
        };
        return fail(at(minIndex_, minTime_) + " and " + at(maxIndex_, maxTime_) +
                    " are more than 2^62 ns (146 years) apart, the longest span a trace can hold");
    }

    void finishEvent() {
        RawEvent& e = event_;
        const std::uint32_t index = eventIndex_ - 1;
        if (!e.hasPhase) {
            unmapped_.add("events without a \"ph\" (phase) were skipped", index);
            return;
        }
        if (rebuild_) {
            collectExported(e);
            return;
        }
        if (processOrder_.try_emplace(e.pid, static_cast<std::uint32_t>(processOrder_.size())).second)
            processNames_.emplace_back();
        if (fromAwaitscope_ && e.tid == 0) {
            // Awaitscope's own export: the loop track is derived from the task tracks, which are read.
            unmapped_.add("events on the exported \"event loop\" track were skipped (the analysis recomputes it)", index);
            return;
        }
        if (fromAwaitscope_ && onCriticalPathTrack(e)) {
            unmapped_.add("events on the exported \"critical path\" track were skipped (the analysis recomputes it)", index);
            return;
        }
        if (e.phase == 'M') {
            collectMetadata(e, index);
            return;
        }
        if (!e.hasTime || e.badTime) {
            unmapped_.add(std::string("events with a missing or unusable \"ts\" were skipped"), index);
            return;
        }
        switch (e.phase) {
        case 'X': {
            if (!e.hasDuration)
                unmapped_.add("complete events (X) without a usable \"dur\" were read as zero-length", index);
            const TimeNs end = e.time + (e.hasDuration ? e.duration : 0);
            if (end > kMaxTimeNs) {
                unmapped_.add("events with a time out of range were skipped", index);
                return;
            }
            lanes_[threadLane(e.pid, e.tid)].slices.push_back({e.time, end, e.name, index});
            noteTime(e.time);
            noteTime(end);
            addBoundFlow(e, index);
            return;
        }
        case 'B':
        case 'E':
            lanes_[threadLane(e.pid, e.tid)].marks.push_back({e.time, e.phase == 'B', e.name, index});
            noteTime(e.time);
            if (e.phase == 'B')
                addBoundFlow(e, index);
            return;
        case 'b':
        case 'e':
        case 'S':
        case 'F':
            if (!e.hasId) {
                unmapped_.add("async events (b/e, S/F) without an \"id\" were skipped", index);
                return;
            }
            lanes_[asyncLane(e)].marks.push_back({e.time, e.phase == 'b' || e.phase == 'S', e.name, index});
            noteTime(e.time);
            return;
        case 'n':
        case 'T':
        case 'p':
            if (!e.hasId) {
                unmapped_.add("async instant events (n, T, p) without an \"id\" were skipped", index);
                return;
            }
            lanes_[asyncLane(e)].instants.push_back({e.time, e.name, index});
            noteTime(e.time);
            return;
        case 'i':
        case 'I':
        case 'R':
            lanes_[threadLane(e.pid, e.tid)].instants.push_back({e.time, e.name, index});
            noteTime(e.time);
            return;
        case 's':
        case 't':
        case 'f': {
            if (!e.hasId) {
                unmapped_.add("flow events (s/t/f) without an \"id\" were skipped", index);
                return;
            }
            const std::string key = std::string(trace_.str(e.category)) + "\x1f" + e.id;
            flows_[key].push_back({e.time, threadLane(e.pid, e.tid), e.phase, e.bindPoint == 'e', index});
            noteTime(e.time);
            return;
        }
        case 'C': unmapped_.add("counter events (C) could not be mapped and were skipped", index); return;
        case 'P': unmapped_.add("sample events (P) could not be mapped and were skipped", index); return;
        case 'N':
        case 'O':
        case 'D': unmapped_.add("object events (N/O/D) could not be mapped and were skipped", index); return;
        case 'v':
        case 'V': unmapped_.add("memory dump events (v/V) could not be mapped and were skipped", index); return;
        default:
            unmapped_.add("events of an unknown phase \"" + std::string(1, e.phase) + "\" were skipped", index);
            return;
        }
    }

    // Awaitscope's export draws the critical path on a track of its own, named before its
    // slices; it is derived from the task tracks like the loop's, so it must not become a task.
    bool onCriticalPathTrack(const RawEvent& e) {
        if (criticalPathTrack_ && criticalPathTrack_->pid == e.pid && criticalPathTrack_->tid == e.tid)
            return true;
        if (e.phase == 'M' && e.hasArgName && trace_.str(e.name) == "thread_name" &&
            trace_.str(e.argName) == chrome_export::kCriticalPathTrack) {
            criticalPathTrack_ = ThreadKey{e.pid, e.tid};
            return true;
        }
        return trace_.str(e.category) == chrome_export::kCriticalPathCategory;
    }

    // Flow events v2: the slice itself is the flow's start ("flow_out"), end ("flow_in") or a
    // step on its way (both). Kept apart from the s/t/f flows, whose ids are another space.
    static constexpr char kBoundFlowKey = '\x1e';
    void addBoundFlow(const RawEvent& e, std::uint32_t index) {
        if (!e.hasBindId || !(e.flowIn || e.flowOut))
            return;
        const char phase = e.flowIn && e.flowOut ? 't' : e.flowOut ? 's' : 'f';
        flows_[kBoundFlowKey + e.bindId].push_back({e.time, threadLane(e.pid, e.tid), phase, e.flowIn, index});
    }

    void collectMetadata(const RawEvent& e, std::uint32_t index) {
        const std::string_view what = trace_.str(e.name);
        if (what == "thread_name" && e.hasArgName) {
            RawLane& lane = lanes_[threadLane(e.pid, e.tid)];
            lane.name = trace_.str(e.argName);
            lane.named = true;
        } else if (what == "process_name" && e.hasArgName) {
            processNames_[processOrder_[e.pid]] = trace_.str(e.argName);
        } else if (what == "thread_sort_index" && e.hasSortIndex) {
            lanes_[threadLane(e.pid, e.tid)].sortIndex = e.sortIndex;
        } else if (what == "process_sort_index" && e.hasSortIndex) {
            processSort_[e.pid] = e.sortIndex;
        } else {
            unmapped_.add("metadata events (M) other than thread and process names and sort indices were skipped",
                          index);
        }
    }

    // ---- Awaitscope's own export ----

    // Only the complete slices on task tracks carry events; the rest of the export (the loop's
    // track, awaits, flows, counters, diagnostics) is derived from them, for other viewers.
    void collectExported(const RawEvent& e) {
        if (e.phase != 'X' || !e.hasTime || e.badTime)
            return;
        rebuild_->add(e.tid, e.time, e.time + (e.hasDuration ? e.duration : 0), trace_.str(e.category), e.exported);
    }

    bool rebuildExport() {
        std::vector<LoadWarning> warnings;
        std::string error;
        if (!rebuild_->finish(warnings, error)) {
            result_.error = error;
            return false;
        }
        if (!exportTables_.reader().validate()) {
            result_.error = "the events read back from the slices do not fit the tables in " + exportTables_.problem();
            return false;
        }
        trace_ = std::move(exportTables_.trace());
        result_.warnings = std::move(warnings);
        return true;
    }

    // ---- Building the trace ----

    FrameId frameFor(StringId name) {
        auto [it, inserted] = frames_.try_emplace(name, static_cast<FrameId>(trace_.frames.size()));
        if (inserted)
            trace_.frames.push_back({name, kUnknownSite, kUnknownSite});
        return it->second;
    }

    // B/E pairs (and b/e, S/F) into slices: an end closes the latest open begin.
    void pairMarks(RawLane& lane) {
        std::stable_sort(lane.marks.begin(), lane.marks.end(),
                         [](const RawMark& a, const RawMark& b) { return a.time < b.time; });
        std::vector<const RawMark*> open;
        for (const RawMark& mark : lane.marks) {
            if (mark.opens) {
                open.push_back(&mark);
            } else if (open.empty()) {
                unmapped_.add("end events (E, e, F) without a matching begin were skipped", mark.order);
            } else {
                lane.slices.push_back({open.back()->time, mark.time, open.back()->name, open.back()->order});
                open.pop_back();
            }
        }
        for (const RawMark* mark : open) {
            unmapped_.add("begin events (B, b, S) without an end were closed at the end of the trace", mark->order);
            lane.slices.push_back({mark->time, maxTime_, mark->name, mark->order});
        }
        lane.marks.clear();
    }

    // Sorts slices outermost first and clips any that stick out of their parent, so that they
    // nest as coroutine frames do. Counts the top-level slices, and lists their [begin, end]
    // in `top` if asked (flow arrows bind to them).
    void nest(RawLane& lane, std::vector<std::pair<TimeNs, TimeNs>>* top) {
        std::sort(lane.slices.begin(), lane.slices.end(), [](const RawSlice& a, const RawSlice& b) {
            if (a.begin != b.begin)
                return a.begin < b.begin;
            if (a.end != b.end)
                return a.end > b.end;
            return a.order < b.order;
        });
        std::vector<TimeNs> ends;
        for (RawSlice& slice : lane.slices) {
            while (!ends.empty() && ends.back() <= slice.begin)
                ends.pop_back();
            if (!ends.empty() && slice.end > ends.back()) {
                unmapped_.add("slices that overlapped their enclosing slice were clipped to it", slice.order);
                slice.end = ends.back();
            }
            if (ends.empty()) {
                ++lane.tops;
                if (top)
                    top->emplace_back(slice.begin, slice.end);
            }
            ends.push_back(slice.end);
        }
    }

    void build() {
        if (minTime_ > maxTime_)
            minTime_ = maxTime_ = 0;
        const bool manyProcesses = processOrder_.size() > 1;

        // Lane order: processes as they appeared (or by process_sort_index), threads by
        // thread_sort_index, then as they appeared; async tracks after the threads.
        std::vector<std::uint32_t> order(lanes_.size());
        for (std::uint32_t i = 0; i < order.size(); ++i)
            order[i] = i;
        auto processRank = [&](std::int64_t pid) {
            auto sorted = processSort_.find(pid);
            return std::make_pair(sorted == processSort_.end() ? std::numeric_limits<std::int64_t>::max() : sorted->second,
                                  static_cast<std::int64_t>(processOrder_[pid]));
        };
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            const RawLane& x = lanes_[a];
            const RawLane& y = lanes_[b];
            if (x.async != y.async)
                return !x.async;
            if (x.pid != y.pid)
                return processRank(x.pid) < processRank(y.pid);
            if (x.sortIndex != y.sortIndex)
                return x.sortIndex < y.sortIndex;
            return x.firstSeen < y.firstSeen;
        });
        std::vector<TaskId> taskOf(lanes_.size());
        for (std::size_t position = 0; position < order.size(); ++position)
            taskOf[order[position]] = static_cast<TaskId>(position);
        std::vector<std::uint32_t>().swap(order);
        // Lanes are found by key only while reading: their maps go before the tasks are built.
        std::map<ThreadKey, std::uint32_t>().swap(threadLanes_);
        std::unordered_map<std::string, std::uint32_t>().swap(asyncLanes_);

        // Top-level slices per lane, for binding flow arrows (only kept when there are any).
        std::vector<std::vector<std::pair<TimeNs, TimeNs>>> tops(flows_.empty() ? 0 : lanes_.size());
        for (std::size_t i = 0; i < lanes_.size(); ++i) {
            pairMarks(lanes_[i]);
            nest(lanes_[i], tops.empty() ? nullptr : &tops[i]);
        }
        // Wake-ups: each pair of consecutive flow points becomes a Ready event on the later
        // point's lane, just before the step it binds to.
        std::vector<std::vector<Wakeup>> wakeups(flows_.empty() ? 0 : lanes_.size());
        for (auto& [key, points] : flows_) {
            // A v2 flow's start may come after its end in the file: there, the phases say the order.
            const bool bound = key.front() == kBoundFlowKey;
            auto rank = [](char phase) { return phase == 's' ? 0 : phase == 't' ? 1 : 2; };
            std::stable_sort(points.begin(), points.end(), [&](const FlowPoint& a, const FlowPoint& b) {
                if (bound && rank(a.phase) != rank(b.phase))
                    return rank(a.phase) < rank(b.phase);
                return a.order < b.order;
            });
            for (std::size_t i = 1; i < points.size(); ++i) {
                const FlowPoint& to = points[i];
                const auto& slices = tops[to.lane];
                auto next = std::lower_bound(slices.begin(), slices.end(), to.time,
                                             [](const auto& s, TimeNs t) { return s.first < t; });
                std::size_t bound = slices.size();
                if (to.enclosing || to.phase == 't') {
                    if (next != slices.begin() && (next - 1)->second >= to.time)
                        bound = static_cast<std::size_t>(next - slices.begin()) - 1;
                    else if (next != slices.end() && next->first == to.time)
                        bound = static_cast<std::size_t>(next - slices.begin());
                } else if (next != slices.end()) {
                    bound = static_cast<std::size_t>(next - slices.begin());
                }
                if (bound == slices.size()) {
                    unmapped_.add("flow arrows (s/t/f) whose end binds to no slice were skipped", to.order);
                    continue;
                }
                wakeups[to.lane].push_back({bound, to.time, taskOf[points[i - 1].lane]});
            }
            if (points.size() == 1)
                unmapped_.add("flow events with no other end were skipped", points[0].order);
        }

        const AwaitId idle = static_cast<AwaitId>(trace_.awaits.size());
        trace_.awaits.push_back({kUnknownSite, WaitKind::None, trace_.strings.intern("idle"), kNoTask});

        // Each lane is dropped as soon as its task holds its events: the import's peak memory is
        // then the raw lanes still to come plus the finished tasks, not both in full.
        const std::size_t laneCount = lanes_.size();
        trace_.tasks.resize(laneCount);
        for (std::size_t i = 0; i < laneCount; ++i) {
            const RawLane& lane = lanes_.front();
            TaskRecord& task = trace_.tasks[taskOf[i]];
            task.id = taskOf[i];
            task.kind = fromAwaitscope_ && !lane.async ? TaskKind::Task : TaskKind::Thread;
            std::string name = lane.name;
            if (manyProcesses && !lane.async) {
                const std::string& process = processNames_[processOrder_[lane.pid]];
                name = (process.empty() ? "pid " + std::to_string(lane.pid) : process) + " / " + name;
            }
            task.name = trace_.strings.intern(name);
            task.coroutine = frameFor(task.name);  // the lane itself, so that labels do not borrow a slice's name
            std::vector<Wakeup> none;
            std::vector<Wakeup>& woken = wakeups.empty() ? none : wakeups[i];
            std::sort(woken.begin(), woken.end(), [](const Wakeup& a, const Wakeup& b) {
                return a.slice != b.slice ? a.slice < b.slice : a.time < b.time;
            });
            emitLane(lane, task, idle, woken);
            for (const RawInstant& instant : lane.instants)
                trace_.output.push_back({instant.time - minTime_, task.id, kUnknownSite, instant.name});
            lanes_.pop_front();
            if (!tops.empty()) {
                std::vector<std::pair<TimeNs, TimeNs>>().swap(tops[i]);
                std::vector<Wakeup>().swap(woken);
            }
        }
        std::stable_sort(trace_.output.begin(), trace_.output.end(),
                         [](const OutputLine& a, const OutputLine& b) { return a.time < b.time; });
        trace_.metadata.clock = "wall";
        trace_.metadata.recorder = fromAwaitscope_ ? "Chrome Trace Event JSON (exported by Awaitscope)"
                                                   : std::string(TraceMetadata::kForeignChrome);
    }

    void emitLane(const RawLane& lane, TaskRecord& task, AwaitId idle, const std::vector<Wakeup>& wakeups) {
        auto& events = task.events;
        // Exactly what follows: an enter and an exit per slice, a resume and a suspend per
        // top-level slice, and a ready for each top-level slice that an arrow wakes.
        std::size_t woken = 0;
        for (std::size_t i = 0; i < wakeups.size(); ++i)
            woken += i == 0 || wakeups[i].slice != wakeups[i - 1].slice;
        events.reserve(2 * lane.slices.size() + 2 * lane.tops + woken);
        auto at = [&](TimeNs t) { return t - minTime_; };
        task.created = lane.slices.empty() ? (lane.instants.empty() ? 0 : at(lane.instants.front().time))
                                           : at(lane.slices.front().begin);
        struct Open {
            TimeNs end;
            FrameId frame;
        };
        std::vector<Open> open;
        std::size_t topIndex = 0;
        std::size_t nextWakeup = 0;
        auto closeUntil = [&](TimeNs t, bool all) {
            while (!open.empty() && (all || open.back().end <= t)) {
                events.push_back({at(open.back().end), EventKind::FrameExit, 0, 0, open.back().frame});
                const TimeNs end = open.back().end;
                open.pop_back();
                if (open.empty())
                    events.push_back({at(end), EventKind::Suspend, 0, 0, idle});
            }
        };
        for (const RawSlice& slice : lane.slices) {
            closeUntil(slice.begin, false);
            if (open.empty()) {
                bool woken = false;
                while (nextWakeup < wakeups.size() && wakeups[nextWakeup].slice == topIndex) {
                    if (!woken) {
                        // Ready at the arrow's time, but not before what the lane last did nor after the step starts.
                        const TimeNs earliest = events.empty() ? std::numeric_limits<TimeNs>::min() : events.back().time;
                        const TimeNs time = std::clamp(at(wakeups[nextWakeup].time), std::min(earliest, at(slice.begin)),
                                                       at(slice.begin));
                        events.push_back({time, EventKind::Ready, static_cast<std::uint8_t>(WaitKind::Future), 0,
                                          wakeups[nextWakeup].waker});
                        woken = true;
                    } else {
                        unmapped_.addCount("further wake-up arrows into an already woken slice were merged", 1);
                    }
                    ++nextWakeup;
                }
                events.push_back({at(slice.begin), EventKind::Resume, 0, 0, 0});
                ++topIndex;
            }
            events.push_back({at(slice.begin), EventKind::FrameEnter, 0, 0, frameFor(slice.name)});
            open.push_back({slice.end, events.back().ref});
        }
        closeUntil(0, true);
    }

    JsonInput& input_;
    LoadResult& result_;
    Trace& trace_;
    ExportTables exportTables_{input_};
    std::optional<ExportRebuilder> rebuild_;  // set when the tables came before the first event
    std::array<Context, kMaxJsonDepth + 2> stack_{};
    int depth_ = 0;
    int skipDepth_ = 0;
    std::string key_;
    const std::string* text_ = nullptr;
    double number_ = 0;
    bool boolean_ = false;
    std::int64_t integer_ = 0;
    std::uint64_t unsigned_ = 0;
    const std::string* numberText_ = nullptr;  // a fractional number's text, as written
    bool isInteger_ = false;
    RawEvent event_;
    std::uint32_t eventIndex_ = 0;
    std::uint32_t skippedRun_ = 0;   // entries in a row that were not events
    std::uint32_t skippedFrom_ = 0;  // where that run began
    bool sawEvents_ = false;
    bool sawFormat_ = false;
    bool fromAwaitscope_ = false;
    std::optional<ThreadKey> criticalPathTrack_;
    bool acceptedTruncation_ = false;
    TimeNs minTime_ = std::numeric_limits<TimeNs>::max();
    TimeNs maxTime_ = std::numeric_limits<TimeNs>::min();
    std::uint32_t minIndex_ = 0;  // the events at minTime_ and maxTime_
    std::uint32_t maxIndex_ = 0;
    std::deque<RawLane> lanes_;  // a deque: growing it never copies the lanes read so far
    std::map<ThreadKey, std::uint32_t> threadLanes_;
    std::unordered_map<std::string, std::uint32_t> asyncLanes_;
    std::map<std::int64_t, std::uint32_t> processOrder_;
    std::vector<std::string> processNames_;
    std::map<std::int64_t, std::int64_t> processSort_;
    std::map<std::string, std::vector<FlowPoint>> flows_;
    std::unordered_map<StringId, FrameId> frames_;
    Unmapped unmapped_;
};

} // namespace

bool readChromeTrace(JsonInput& input, LoadResult& result) { return ChromeReader(input, result).read(); }

} // namespace awaitscope::detail
