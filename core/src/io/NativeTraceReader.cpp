#include "NativeTraceReader.h"

#include "awaitscope/io/NativeFormat.h"

#include <string_view>

namespace awaitscope::detail {

namespace {

constexpr const char* kTopNames[] = {"format",  "version", "metadata", "strings",      "sites",
                                     "awaits",  "frames",  "blocks",   "scopes",       "tasks",
                                     "output",  "neverAwaited", "unretrievedErrors", "pendingAtExit", "scriptErrors",
                                     "loopQueues"};
enum TopKey { kFormat, kVersion, kMetadata, kStrings, kFirstTable, kTasks = 9 };
// Top-level members 4..8 and 10..15 are the tables, in NativeTraceReader::Table order.
constexpr int kTopTableKeys[] = {4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15};
constexpr int kTableCount = static_cast<int>(std::size(kTopTableKeys));

constexpr const char* kMetadataNames[] = {"title", "clock", "recorder", "sourceFile", "scenario", "sourceText", "ending"};
constexpr const char* kTaskNames[] = {"id",        "name",      "number",  "kind",  "parent",
                                      "coroutine", "createdAt", "created", "scope", "events"};

struct RowNames {
    const char* const* names;
    int count;
    const char* table;
};
constexpr const char* kSiteNames[] = {"file", "function", "line", "column"};
constexpr const char* kAwaitNames[] = {"site", "kind", "what", "target"};
constexpr const char* kFrameNames[] = {"name", "definition", "callSite"};
constexpr const char* kBlockNames[] = {"site", "kind", "what"};
constexpr const char* kScopeNames[] = {"kind", "owner", "site", "begin", "end"};
constexpr const char* kOutputNames[] = {"t", "task", "site", "text", "stream"};
constexpr const char* kNeverAwaitedNames[] = {"created", "dropped", "task", "name", "site"};
constexpr const char* kUnretrievedNames[] = {"t", "task", "text"};
constexpr const char* kPendingNames[] = {"t", "task"};
constexpr const char* kScriptErrorNames[] = {"t", "task", "site", "text"};
constexpr const char* kLoopQueueNames[] = {"iteration", "t", "queue", "task", "due", "what"};
constexpr RowNames kRows[] = {
    {kSiteNames, 4, "sites"},         {kAwaitNames, 4, "awaits"},
    {kFrameNames, 3, "frames"},       {kBlockNames, 3, "blocks"},
    {kScopeNames, 5, "scopes"},       {kOutputNames, 5, "output"},
    {kNeverAwaitedNames, 5, "neverAwaited"}, {kUnretrievedNames, 3, "unretrievedErrors"},
    {kPendingNames, 2, "pendingAtExit"},     {kScriptErrorNames, 4, "scriptErrors"},
    {kLoopQueueNames, 6, "loopQueues"},
};

int findName(const char* const* names, int count, std::string_view key) {
    for (int i = 0; i < count; ++i)
        if (key == names[i])
            return i;
    return -1;
}

template <class Enum>
int parseEnum(std::string_view text, int count) {
    for (int i = 0; i < count; ++i)
        if (text == toString(static_cast<Enum>(i)))
            return i;
    return -1;
}

std::string enumChoices(int count, const char* (*name)(int)) {
    std::string list;
    for (int i = 0; i < count; ++i)
        list += std::string(i ? ", " : "") + "\"" + name(i) + "\"";
    return list;
}

template <class Enum>
const char* enumName(int i) {
    return toString(static_cast<Enum>(i));
}

constexpr std::uint32_t kLargestId = 0xFFFFFFFEu;  // 0xFFFFFFFF means "none" (kNoTask, kNoScope)

} // namespace

bool NativeTraceReader::read() {
    if (!input_.parse(*this) && error_.empty())
        error_ = "the JSON parser stopped without a reason";  // not reachable: every stop sets error_
    if (error_.empty() && input_.stop() != InputStop::None)
        error_ = input_.stopMessage();  // the JSON ended where the input stopped: at a NUL byte
    return error_.empty() && validate();
}

// ---- SAX callbacks: each turns its value into a Value and hands it to the current context ----

bool NativeTraceReader::null() { return value({Value::Type::Null}); }
bool NativeTraceReader::boolean(bool b) { return value({Value::Type::Bool, b ? 1u : 0u}); }
bool NativeTraceReader::number_integer(std::int64_t v) {
    return v < 0 ? value({Value::Type::Negative, 0, v}) : value({Value::Type::Unsigned, static_cast<std::uint64_t>(v)});
}
bool NativeTraceReader::number_unsigned(std::uint64_t v) { return value({Value::Type::Unsigned, v}); }
bool NativeTraceReader::number_float(double, const std::string& text) {
    return value({Value::Type::Float, 0, 0, &text});
}
bool NativeTraceReader::string(std::string& s) { return value({Value::Type::String, 0, 0, &s}); }
bool NativeTraceReader::binary(nlohmann::json::binary_t&) { return fail("unexpected binary value"); }
bool NativeTraceReader::start_object(std::size_t) { return value({Value::Type::Object}); }
bool NativeTraceReader::start_array(std::size_t) { return value({Value::Type::Array}); }

bool NativeTraceReader::parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) {
    if (input_.stop() != InputStop::None) {
        error_ = input_.stopMessage();
        return false;
    }
    const std::string where = path();
    error_ = syntaxErrorMessage(position, error);
    if (!where.empty())
        error_ += " (in " + where + ")";
    return false;
}

bool NativeTraceReader::key(std::string& name) {
    input_.markValue();
    Frame& f = top();
    int index = -1;
    switch (f.context) {
    case Context::Top:
        if (!formatSeen_ && name != "format") {
            unknownKey_ = name;
            f.key = -2;
            return fail("not an Awaitscope trace: the first member must be \"format\"");
        }
        index = findName(kTopNames, static_cast<int>(std::size(kTopNames)), name);
        break;
    case Context::Metadata: index = findName(kMetadataNames, static_cast<int>(std::size(kMetadataNames)), name); break;
    case Context::Task: index = findName(kTaskNames, 10, name); break;
    case Context::Row: {
        const RowNames& row = kRows[static_cast<int>(f.table)];
        index = findName(row.names, row.count, name);
        break;
    }
    default: return fail("unexpected member name");  // not reachable: keys only arrive inside objects
    }
    if (index < 0) {
        unknownKey_ = name;
        f.key = -2;
        return fail("unknown member " + describeString(name));
    }
    f.key = index;
    if (f.seen & (1u << index))
        return fail("member " + describeString(name) + " appears twice");
    f.seen |= 1u << index;
    return true;
}

bool NativeTraceReader::end_object() {
    input_.markValue();
    Frame& f = top();
    f.key = -1;
    if (f.context == Context::Top) {
        if (!formatSeen_)
            return fail("not an Awaitscope trace: the \"format\" member is missing");
        if (!versionSeen_)
            return fail("the \"version\" member is missing");
    } else if (f.context == Context::Row && !finishRow()) {
        return false;
    }
    --depth_;
    return true;
}

bool NativeTraceReader::end_array() {
    input_.markValue();
    Frame& f = top();
    if (f.context == Context::Event && !finishEvent())
        return false;
    if (f.context == Context::Table && f.table == Table::Sites && trace_.sites.empty())
        trace_.sites.push_back({});
    --depth_;
    return true;
}

// ---- Contexts ----

bool NativeTraceReader::push(Context context, Table table) {
    if (depth_ >= kMaxJsonDepth)
        return fail("nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels (kMaxJsonDepth)");
    stack_[++depth_] = Frame{context, table};
    return true;
}

bool NativeTraceReader::value(const Value& v) {
    input_.markValue();
    Frame& f = top();
    switch (f.context) {
    case Context::Document:
        if (v.type != Value::Type::Object)
            return fail("expected the trace object {\"format\": \"awaitscope-trace\", ...}");
        return push(Context::Top);
    case Context::Top: return valueInTop(v);
    case Context::Metadata: return valueInMetadata(v);
    case Context::Strings: {
        const std::uint32_t index = f.count++;
        if (v.type != Value::Type::String)
            return fail("expected a string");
        if (index == 0)
            return v.text->empty() ? true : fail("strings[0] must be the empty string");
        if (index >= kMaxStrings)
            return fail("more than " + std::to_string(kMaxStrings) + " strings (kMaxStrings)");
        if (trace_.strings.intern(*v.text) != index)
            return fail(describeString(*v.text) + " appears twice: every string is listed once");
        return true;
    }
    case Context::Table: {
        const std::uint32_t index = f.count++;
        if (v.type != Value::Type::Object)
            return fail("expected an object");
        if (index >= kMaxTableRows)
            return fail("more than " + std::to_string(kMaxTableRows) + " rows (kMaxTableRows)");
        switch (f.table) {
        case Table::Sites: trace_.sites.emplace_back(); break;
        case Table::Awaits: trace_.awaits.emplace_back(); break;
        case Table::Frames: trace_.frames.emplace_back(); break;
        case Table::Blocks: trace_.blocks.emplace_back(); break;
        case Table::Scopes: trace_.scopes.emplace_back(); break;
        case Table::Output: trace_.output.emplace_back(); break;
        case Table::NeverAwaited: trace_.neverAwaited.emplace_back(); break;
        case Table::UnretrievedErrors: trace_.unretrievedErrors.emplace_back(); break;
        case Table::PendingAtExit: trace_.pendingAtExit.emplace_back(); break;
        case Table::ScriptErrors: trace_.scriptErrors.emplace_back(); break;
        case Table::LoopQueues: trace_.loopQueues.emplace_back(); break;
        }
        return push(Context::Row, f.table);
    }
    case Context::Row: return valueInRow(v);
    case Context::Tasks: {
        const std::uint32_t index = f.count++;
        if (v.type != Value::Type::Object)
            return fail("expected a task object");
        if (index >= kMaxTasks)
            return fail("more than " + std::to_string(kMaxTasks) + " tasks (kMaxTasks)");
        trace_.tasks.emplace_back();
        trace_.tasks.back().id = index;
        return push(Context::Task);
    }
    case Context::Task: return valueInTask(v);
    case Context::Events:
        ++f.count;
        if (v.type != Value::Type::Array)
            return fail("expected an event [time, kind, ...]");
        event_ = TraceEvent{};
        return push(Context::Event);
    case Context::Event: return valueInEvent(v);
    }
    return fail("unexpected value");
}

bool NativeTraceReader::valueInTop(const Value& v) {
    switch (top().key) {
    case kFormat:
        if (v.type != Value::Type::String || *v.text != kNativeFormatName)
            return fail(std::string("not an Awaitscope trace: \"format\" must be \"") + kNativeFormatName + "\"");
        formatSeen_ = true;
        return true;
    case kVersion:
        if (v.type != Value::Type::Unsigned)
            return fail("expected the format version, an integer");
        if (v.unsignedValue != static_cast<std::uint64_t>(kNativeFormatVersion))
            return fail("version " + std::to_string(v.unsignedValue) + " is not supported: this Awaitscope reads version " +
                        std::to_string(kNativeFormatVersion));
        versionSeen_ = true;
        return true;
    case kMetadata:
        if (v.type != Value::Type::Object)
            return fail("expected an object");
        return push(Context::Metadata);
    case kStrings:
        if (v.type != Value::Type::Array)
            return fail("expected an array of strings");
        return push(Context::Strings);
    case kTasks:
        if (v.type != Value::Type::Array)
            return fail("expected an array of tasks");
        return push(Context::Tasks);
    default:
        for (int table = 0; table < kTableCount; ++table) {
            if (kTopTableKeys[table] != top().key)
                continue;
            if (v.type != Value::Type::Array)
                return fail("expected an array of objects");
            if (static_cast<Table>(table) == Table::Sites)
                trace_.sites.clear();
            return push(Context::Table, static_cast<Table>(table));
        }
    }
    return fail("unexpected value");
}

bool NativeTraceReader::valueInMetadata(const Value& v) {
    if (v.type != Value::Type::String)
        return fail("expected a string");
    if (v.text->size() > kMaxStringBytes)
        return fail("longer than " + std::to_string(kMaxStringBytes) + " bytes (kMaxStringBytes)");
    TraceMetadata& m = trace_.metadata;
    std::string* fields[] = {&m.title, &m.clock, &m.recorder, &m.sourceFile, &m.scenario, &m.sourceText, &m.ending};
    *fields[top().key] = *v.text;
    return true;
}

bool NativeTraceReader::valueInTask(const Value& v) {
    TaskRecord& task = trace_.tasks.back();
    switch (top().key) {
    case 0: {
        std::uint32_t id = 0;
        if (!asId(v, id))
            return false;
        if (id != task.id)
            return fail("id " + std::to_string(id) + " does not match the task's position " + std::to_string(task.id) +
                        " in \"tasks\"");
        return true;
    }
    case 1: return asId(v, task.name);
    case 2: return asId(v, task.number);
    case 3: return asEnum(v, 3, task.kind, "task kind");
    case 4: return asNullableId(v, task.parent);
    case 5: return asId(v, task.coroutine);
    case 6: return asId(v, task.createdAt);
    case 7: return asTime(v, task.created);
    case 8: return asNullableId(v, task.scope);
    case 9:
        if (v.type != Value::Type::Array)
            return fail("expected an array of events");
        return push(Context::Events);
    }
    return fail("unexpected value");
}

bool NativeTraceReader::valueInEvent(const Value& v) {
    Frame& f = top();
    const std::uint32_t position = f.count++;
    if (static_cast<int>(position) >= eventMaxFields_ && position >= 2)
        return fail(std::string("a \"") + toString(event_.kind) + "\" event has at most " +
                    std::to_string(eventMaxFields_) + " elements");
    switch (position) {
    case 0: {
        if (!asTime(v, event_.time))
            return false;
        const auto& events = trace_.tasks.back().events;
        if (!events.empty() && events.back().time > event_.time)
            return fail("time " + std::to_string(event_.time) + " is earlier than the previous event's (" +
                        std::to_string(events.back().time) + "): events must be in time order");
        return true;
    }
    case 1: {
        if (v.type != Value::Type::String)
            return fail("expected the event kind, a string");
        const int kind = parseEnum<EventKind>(*v.text, kEventKindCount);
        if (kind < 0)
            return fail("unknown event kind " + describeString(*v.text) + "; expected one of " +
                        enumChoices(kEventKindCount, &enumName<EventKind>));
        event_.kind = static_cast<EventKind>(kind);
        switch (event_.kind) {
        case EventKind::Ready: eventMaxFields_ = 4; event_.ref = kNoTask; break;
        case EventKind::Finish: eventMaxFields_ = 4; break;
        case EventKind::Resume: eventMaxFields_ = 2; break;
        default: eventMaxFields_ = 3; break;
        }
        return true;
    }
    case 2:
        switch (event_.kind) {
        case EventKind::Ready: {
            WaitKind kind = WaitKind::None;
            if (!asEnum(v, kWaitKindCount, kind, "wait kind"))
                return false;
            event_.detail = static_cast<std::uint8_t>(kind);
            return true;
        }
        case EventKind::Finish: {
            TaskOutcome outcome = TaskOutcome::Done;
            if (!asEnum(v, 3, outcome, "outcome"))
                return false;
            event_.detail = static_cast<std::uint8_t>(outcome);
            return true;
        }
        default: return asId(v, event_.ref);
        }
    case 3: return event_.kind == EventKind::Ready ? asNullableId(v, event_.ref) : asId(v, event_.ref);
    }
    return fail("unexpected value");
}

bool NativeTraceReader::finishEvent() {
    const std::uint32_t count = top().count;
    --depth_;  // errors below name the event, not its last element
    struct Restore {
        int& depth;
        ~Restore() { ++depth; }
    } restore{depth_};
    if (count < 2)
        return fail("an event is [time, kind, ...]; this one has " + std::to_string(count) + " element" +
                    (count == 1 ? "" : "s"));
    if (count < 3 && event_.kind != EventKind::Resume) {
        static constexpr const char* kPayload[] = {"wait kind", "", "await id", "outcome",
                                                   "frame id",  "frame id", "block id", "block id"};
        return fail(std::string("a \"") + toString(event_.kind) + "\" event needs its " +
                    kPayload[static_cast<int>(event_.kind)] + " as the third element");
    }
    if (++events_ > kMaxEvents)
        return fail("more than " + std::to_string(kMaxEvents) + " events (kMaxEvents)");
    trace_.tasks.back().events.push_back(event_);
    return true;
}

bool NativeTraceReader::valueInRow(const Value& v) {
    const int key = top().key;
    switch (top().table) {
    case Table::Sites: {
        Site& s = trace_.sites.back();
        std::uint32_t* fields[] = {&s.file, &s.function, &s.line, &s.column};
        return asId(v, *fields[key]);
    }
    case Table::Awaits: {
        AwaitInfo& a = trace_.awaits.back();
        switch (key) {
        case 0: return asId(v, a.site);
        case 1: return asEnum(v, kWaitKindCount, a.kind, "wait kind");
        case 2: return asId(v, a.what);
        default: return asNullableId(v, a.target);
        }
    }
    case Table::Frames: {
        FrameInfo& fr = trace_.frames.back();
        std::uint32_t* fields[] = {&fr.name, &fr.definition, &fr.callSite};
        return asId(v, *fields[key]);
    }
    case Table::Blocks: {
        BlockInfo& b = trace_.blocks.back();
        switch (key) {
        case 0: return asId(v, b.site);
        case 1: return asEnum(v, 3, b.kind, "blocking call kind");
        default: return asId(v, b.what);
        }
    }
    case Table::Scopes: {
        Scope& s = trace_.scopes.back();
        switch (key) {
        case 0: return asEnum(v, 4, s.kind, "scope kind");
        case 1: return asNullableId(v, s.owner);
        case 2: return asId(v, s.site);
        case 3: return asTime(v, s.begin);
        default: return asTime(v, s.end);
        }
    }
    case Table::Output: {
        OutputLine& o = trace_.output.back();
        switch (key) {
        case 0: return asTime(v, o.time);
        case 1: return asNullableId(v, o.task);
        case 2: return asId(v, o.site);
        case 3: return asId(v, o.text);
        default: return asEnum(v, 2, o.stream, "output stream");  // absent (older files): stdout
        }
    }
    case Table::NeverAwaited: {
        NeverAwaited& n = trace_.neverAwaited.back();
        switch (key) {
        case 0: return asTime(v, n.created);
        case 1: return asTime(v, n.dropped);
        case 2: return asNullableId(v, n.task);
        case 3: return asId(v, n.name);
        default: return asId(v, n.site);
        }
    }
    case Table::UnretrievedErrors: {
        UnretrievedError& u = trace_.unretrievedErrors.back();
        switch (key) {
        case 0: return asTime(v, u.time);
        case 1: return asNullableId(v, u.task);
        default: return asId(v, u.text);
        }
    }
    case Table::PendingAtExit: {
        PendingAtExit& p = trace_.pendingAtExit.back();
        return key == 0 ? asTime(v, p.time) : asNullableId(v, p.task);
    }
    case Table::ScriptErrors: {
        ScriptError& e = trace_.scriptErrors.back();
        switch (key) {
        case 0: return asTime(v, e.time);
        case 1: return asNullableId(v, e.task);
        case 2: return asId(v, e.site);
        default: return asId(v, e.text);
        }
    }
    case Table::LoopQueues: {
        LoopQueueEntry& q = trace_.loopQueues.back();
        switch (key) {
        case 0: return asId(v, q.iteration);
        case 1: return asTime(v, q.time);
        case 2: return asEnum(v, 2, q.queue, "loop queue");
        case 3: return asNullableId(v, q.task);
        case 4: return asTime(v, q.due);
        default: return asEnum(v, kCallbackKindCount, q.what, "callback kind");
        }
    }
    }
    return fail("unexpected value");
}

bool NativeTraceReader::finishRow() {
    const Frame& row = top();
    const std::uint32_t index = stack_[depth_ - 1].count - 1;
    if (row.table == Table::Sites && index == 0 && !(trace_.sites.front() == Site{}))
        return fail("sites[0] must be the unknown site {\"file\":0,\"function\":0,\"line\":0,\"column\":0}");
    if (row.table == Table::Output && trace_.output.size() >= 2 &&
        trace_.output[trace_.output.size() - 2].time > trace_.output.back().time)
        return fail("output lines must be in time order: this one is earlier than the one before");
    if (row.table == Table::LoopQueues && trace_.loopQueues.size() >= 2 &&
        trace_.loopQueues[trace_.loopQueues.size() - 2].iteration > trace_.loopQueues.back().iteration)
        return fail("loop queue entries must be in iteration order: this one comes from an earlier iteration");
    return true;
}

// ---- Conversions ----

namespace {

std::string describe(const char* expected, bool negative, bool isFloat, bool isString, bool isNull, bool isBool,
                     bool isContainer) {
    std::string got = negative ? "a negative number" : isFloat ? "a fractional or huge number" : isString ? "a string"
                    : isNull ? "null" : isBool ? "a boolean" : isContainer ? "an object or array" : "something else";
    return std::string("expected ") + expected + ", got " + got;
}

} // namespace

bool NativeTraceReader::asId(const Value& v, std::uint32_t& out) {
    if (v.type == Value::Type::Unsigned) {
        if (v.unsignedValue > kLargestId)
            return fail("id " + std::to_string(v.unsignedValue) + " is out of range (0 to " + std::to_string(kLargestId) +
                        ")");
        out = static_cast<std::uint32_t>(v.unsignedValue);
        return true;
    }
    return fail(describe("an id (an integer from 0)", v.type == Value::Type::Negative, v.type == Value::Type::Float,
                         v.type == Value::Type::String, v.type == Value::Type::Null, v.type == Value::Type::Bool,
                         v.type == Value::Type::Object || v.type == Value::Type::Array));
}

bool NativeTraceReader::asNullableId(const Value& v, std::uint32_t& out) {
    if (v.type == Value::Type::Null) {
        out = kNoTask;
        return true;
    }
    if (v.type == Value::Type::Unsigned)
        return asId(v, out);
    return fail(describe("an id or null", v.type == Value::Type::Negative, v.type == Value::Type::Float,
                         v.type == Value::Type::String, false, v.type == Value::Type::Bool,
                         v.type == Value::Type::Object || v.type == Value::Type::Array));
}

bool NativeTraceReader::asTime(const Value& v, TimeNs& out) {
    if (v.type == Value::Type::Unsigned) {
        if (v.unsignedValue > static_cast<std::uint64_t>(kMaxTimeNs))
            return fail("time " + std::to_string(v.unsignedValue) + " ns is out of range (0 to " +
                        std::to_string(kMaxTimeNs) + ")");
        out = static_cast<TimeNs>(v.unsignedValue);
        return true;
    }
    if (v.type == Value::Type::Negative)
        return fail("time " + std::to_string(v.negativeValue) + " ns is negative: times count from the start of the run");
    if (v.type == Value::Type::Float)
        return fail("time " + *v.text + " is not a whole number of nanoseconds (or is out of range)");
    return fail(describe("a time in nanoseconds", false, false, v.type == Value::Type::String,
                         v.type == Value::Type::Null, v.type == Value::Type::Bool,
                         v.type == Value::Type::Object || v.type == Value::Type::Array));
}

template <class Enum>
bool NativeTraceReader::asEnum(const Value& v, int count, Enum& out, const char* what) {
    if (v.type != Value::Type::String)
        return fail(std::string("expected the ") + what + ", a string");
    const int index = parseEnum<Enum>(*v.text, count);
    if (index < 0)
        return fail("unknown " + std::string(what) + " " + describeString(*v.text) + "; expected one of " +
                    enumChoices(count, &enumName<Enum>));
    out = static_cast<Enum>(index);
    return true;
}

// ---- Errors ----

std::string NativeTraceReader::path() const {
    std::string text;
    for (int level = 1; level <= depth_; ++level) {
        const Frame& f = stack_[level];
        switch (f.context) {
        case Context::Document: break;
        case Context::Strings:
        case Context::Table:
        case Context::Tasks:
        case Context::Events:
        case Context::Event:
            if (f.count > 0)
                text += "[" + std::to_string(f.count - 1) + "]";
            break;
        case Context::Top:
        case Context::Metadata:
        case Context::Row:
        case Context::Task: {
            const char* name = nullptr;
            if (f.key == -2) {
                text += (text.empty() ? "" : ".") + unknownKey_;
                break;
            }
            if (f.key < 0)
                break;
            if (f.context == Context::Top)
                name = kTopNames[f.key];
            else if (f.context == Context::Metadata)
                name = kMetadataNames[f.key];
            else if (f.context == Context::Task)
                name = kTaskNames[f.key];
            else
                name = kRows[static_cast<int>(f.table)].names[f.key];
            text += (text.empty() ? "" : ".") + std::string(name);
            break;
        }
        }
    }
    return text;
}

bool NativeTraceReader::fail(std::string message) {
    if (error_.empty() && input_.stop() != InputStop::None) {
        // The input was cut short (cancelled, a value too long, a read error): what the parser
        // made of its last bytes says nothing about the file.
        error_ = input_.stopMessage();
        return false;
    }
    if (error_.empty()) {
        const std::string where = path();
        const std::string near = "near byte " + std::to_string(input_.offset());
        error_ = (where.empty() ? near : where + " (" + near + ")") + ": " + message;
    }
    return false;
}

bool NativeTraceReader::failAt(std::string where, std::string message) {
    if (error_.empty() && input_.stop() != InputStop::None)
        error_ = input_.stopMessage();
    if (error_.empty())
        error_ = where + ": " + message;
    return false;
}

// ---- Cross-references, checked once every table is known ----

bool NativeTraceReader::validate() {
    const Trace& t = trace_;
    const std::size_t strings = t.strings.size();
    auto idx = [](const char* table, std::size_t i, const char* field) {
        return std::string(table) + "[" + std::to_string(i) + "]." + field;
    };
    auto missing = [&](std::string where, const char* what, std::uint32_t id, const char* table, std::size_t size) {
        return failAt(std::move(where), std::string(what) + " " + std::to_string(id) + " does not exist (\"" + table +
                                            "\" has " + std::to_string(size) + ")");
    };
    auto checkString = [&](std::uint32_t id, std::string where) {
        return id < strings || missing(std::move(where), "string", id, "strings", strings);
    };
    auto checkSite = [&](std::uint32_t id, std::string where) {
        return id < t.sites.size() || missing(std::move(where), "site", id, "sites", t.sites.size());
    };
    auto checkTask = [&](std::uint32_t id, std::string where) {
        return id == kNoTask || id < t.tasks.size() || missing(std::move(where), "task", id, "tasks", t.tasks.size());
    };

    for (std::size_t i = 0; i < t.sites.size(); ++i)
        if (!checkString(t.sites[i].file, idx("sites", i, "file")) ||
            !checkString(t.sites[i].function, idx("sites", i, "function")))
            return false;
    for (std::size_t i = 0; i < t.awaits.size(); ++i)
        if (!checkSite(t.awaits[i].site, idx("awaits", i, "site")) || !checkString(t.awaits[i].what, idx("awaits", i, "what")) ||
            !checkTask(t.awaits[i].target, idx("awaits", i, "target")))
            return false;
    for (std::size_t i = 0; i < t.frames.size(); ++i)
        if (!checkString(t.frames[i].name, idx("frames", i, "name")) ||
            !checkSite(t.frames[i].definition, idx("frames", i, "definition")) ||
            !checkSite(t.frames[i].callSite, idx("frames", i, "callSite")))
            return false;
    for (std::size_t i = 0; i < t.blocks.size(); ++i)
        if (!checkSite(t.blocks[i].site, idx("blocks", i, "site")) || !checkString(t.blocks[i].what, idx("blocks", i, "what")))
            return false;
    for (std::size_t i = 0; i < t.scopes.size(); ++i)
        if (!checkTask(t.scopes[i].owner, idx("scopes", i, "owner")) || !checkSite(t.scopes[i].site, idx("scopes", i, "site")))
            return false;
    for (std::size_t i = 0; i < t.tasks.size(); ++i) {
        const TaskRecord& task = t.tasks[i];
        if (!checkString(task.name, idx("tasks", i, "name")) || !checkTask(task.parent, idx("tasks", i, "parent")) ||
            !checkSite(task.createdAt, idx("tasks", i, "createdAt")))
            return false;
        // A trace without frame records (hand-built, imported) leaves every coroutine at 0.
        if (!(task.coroutine < t.frames.size() || (t.frames.empty() && task.coroutine == 0)))
            return missing(idx("tasks", i, "coroutine"), "frame", task.coroutine, "frames", t.frames.size());
        if (task.scope != kNoScope && task.scope >= t.scopes.size())
            return missing(idx("tasks", i, "scope"), "scope", task.scope, "scopes", t.scopes.size());
        for (std::size_t j = 0; j < task.events.size(); ++j) {
            const TraceEvent& e = task.events[j];
            auto where = [&](int position) {
                return "tasks[" + std::to_string(i) + "].events[" + std::to_string(j) + "][" + std::to_string(position) + "]";
            };
            switch (e.kind) {
            case EventKind::Ready:
                if (!checkTask(e.ref, where(3)))
                    return false;
                break;
            case EventKind::Resume: break;
            case EventKind::Suspend:
                if (e.ref >= t.awaits.size())
                    return missing(where(2), "await", e.ref, "awaits", t.awaits.size());
                break;
            case EventKind::Finish:
                if (!checkString(e.ref, where(3)))
                    return false;
                break;
            case EventKind::FrameEnter:
            case EventKind::FrameExit:
                if (e.ref >= t.frames.size())
                    return missing(where(2), "frame", e.ref, "frames", t.frames.size());
                break;
            case EventKind::BlockBegin:
            case EventKind::BlockEnd:
                if (e.ref >= t.blocks.size())
                    return missing(where(2), "block", e.ref, "blocks", t.blocks.size());
                break;
            }
        }
    }
    for (std::size_t i = 0; i < t.output.size(); ++i)
        if (!checkTask(t.output[i].task, idx("output", i, "task")) || !checkSite(t.output[i].site, idx("output", i, "site")) ||
            !checkString(t.output[i].text, idx("output", i, "text")))
            return false;
    for (std::size_t i = 0; i < t.neverAwaited.size(); ++i)
        if (!checkTask(t.neverAwaited[i].task, idx("neverAwaited", i, "task")) ||
            !checkString(t.neverAwaited[i].name, idx("neverAwaited", i, "name")) ||
            !checkSite(t.neverAwaited[i].site, idx("neverAwaited", i, "site")))
            return false;
    for (std::size_t i = 0; i < t.unretrievedErrors.size(); ++i)
        if (!checkTask(t.unretrievedErrors[i].task, idx("unretrievedErrors", i, "task")) ||
            !checkString(t.unretrievedErrors[i].text, idx("unretrievedErrors", i, "text")))
            return false;
    for (std::size_t i = 0; i < t.pendingAtExit.size(); ++i)
        if (!checkTask(t.pendingAtExit[i].task, idx("pendingAtExit", i, "task")))
            return false;
    for (std::size_t i = 0; i < t.scriptErrors.size(); ++i)
        if (!checkTask(t.scriptErrors[i].task, idx("scriptErrors", i, "task")) ||
            !checkSite(t.scriptErrors[i].site, idx("scriptErrors", i, "site")) ||
            !checkString(t.scriptErrors[i].text, idx("scriptErrors", i, "text")))
            return false;
    for (std::size_t i = 0; i < t.loopQueues.size(); ++i)
        if (!checkTask(t.loopQueues[i].task, idx("loopQueues", i, "task")))
            return false;
    return true;
}

} // namespace awaitscope::detail
