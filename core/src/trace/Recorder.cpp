#include "awaitscope/trace/Recorder.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace awaitscope {

namespace {

// A task's first events go into the trace's arena: a short-lived task (ready, resume, enter,
// suspend, ready, resume, exit, finish) then needs no storage of its own.
constexpr std::size_t kFirstEvents = 8;

std::size_t mix(std::size_t seed, std::size_t value) {
    return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

} // namespace

std::size_t Recorder::SiteHash::operator()(const Site& s) const {
    return mix(mix(mix(s.file, s.function), s.line), s.column);
}
std::size_t Recorder::AwaitHash::operator()(const AwaitInfo& a) const {
    return mix(mix(mix(a.site, static_cast<std::size_t>(a.kind)), a.what), a.target);
}
std::size_t Recorder::FrameHash::operator()(const FrameInfo& f) const {
    return mix(mix(f.name, f.definition), f.callSite);
}
std::size_t Recorder::BlockHash::operator()(const BlockInfo& b) const {
    return mix(mix(b.site, static_cast<std::size_t>(b.kind)), b.what);
}

Recorder::Recorder(Trace& trace) : trace_(trace), taskRecords_(trace.tasks.data()) {
    if (trace_.sites.empty())
        trace_.sites.push_back({});
    for (SiteId id = 0; id < trace_.sites.size(); ++id)
        siteIndex_.emplace(trace_.sites[id], id);
    for (AwaitId id = 0; id < trace_.awaits.size(); ++id)
        awaitIndex_.emplace(trace_.awaits[id], id);
    for (FrameId id = 0; id < trace_.frames.size(); ++id)
        frameIndex_.emplace(trace_.frames[id], id);
    for (BlockId id = 0; id < trace_.blocks.size(); ++id)
        blockIndex_.emplace(trace_.blocks[id], id);
}

TaskId Recorder::taskCreated(TaskId parent, TaskKind kind, std::string_view name, FrameId coroutine, SiteId createdAt,
                             TimeNs time, ScopeId scope, std::uint64_t number) {
    TaskRecord record;
    record.number = static_cast<std::uint32_t>(number);
    record.events.useBorrowed(trace_.eventArena.take(kFirstEvents), kFirstEvents);
    record.id = static_cast<TaskId>(trace_.tasks.size());
    record.parent = parent;
    record.kind = kind;
    record.name = name.empty() ? 0 : string(name);
    record.coroutine = coroutine;
    record.createdAt = createdAt;
    record.created = time;
    record.scope = scope;
    trace_.tasks.push_back(std::move(record));
    taskRecords_ = trace_.tasks.data();
    return trace_.tasks.back().id;
}

void Recorder::setTaskName(TaskId task, std::string_view name) {
    trace_.tasks[task].name = string(name);
    ++labelGeneration_;
}

SiteId Recorder::site(const SourceLocation& location) {
    if (!location.known())
        return kUnknownSite;
    const std::size_t slot =
        mix(mix(reinterpret_cast<std::uintptr_t>(location.file), reinterpret_cast<std::uintptr_t>(location.function)),
            location.line * 131u + location.column) &
        (siteCache_.size() - 1);
    SiteCacheEntry& entry = siteCache_[slot];
    if (entry.file == location.file && entry.function == location.function && entry.line == location.line &&
        entry.column == location.column && entry.file)
        return entry.id;
    const Site key{string(location.file ? location.file : ""), string(location.function ? location.function : ""),
                   location.line, location.column};
    auto [it, inserted] = siteIndex_.emplace(key, static_cast<SiteId>(trace_.sites.size()));
    if (inserted)
        trace_.sites.push_back(key);
    entry = {location.file, location.function, location.line, location.column, it->second};
    return it->second;
}

AwaitId Recorder::await(const SourceLocation& location, WaitKind kind, std::string_view what, TaskId target) {
    const SiteId where = site(location);
    const std::size_t slot =
        mix(mix(mix(mix(where, static_cast<std::size_t>(kind)), target), reinterpret_cast<std::uintptr_t>(what.data())),
            what.size()) &
        (awaitCache_.size() - 1);
    AwaitCacheEntry& entry = awaitCache_[slot];
    if (entry.used && entry.site == where && entry.kind == kind && entry.target == target &&
        trace_.strings.view(entry.what) == what)
        return entry.id;
    const AwaitInfo key{where, kind, string(what), target};
    auto [it, inserted] = awaitIndex_.emplace(key, static_cast<AwaitId>(trace_.awaits.size()));
    if (inserted)
        trace_.awaits.push_back(key);
    entry = {where, kind, key.what, target, it->second, true};
    return it->second;
}

AwaitId Recorder::taskAwait(TaskId task, const SourceLocation& location, WaitKind kind, std::string_view what, TaskId target) {
    TaskAwaitCache& last = taskCache(task);
    if (last.generation == labelGeneration_ && last.file == location.file && last.line == location.line &&
        last.column == location.column && last.kind == kind && last.what == what.data() && last.whatSize == what.size() &&
        last.target == target)
        return last.id;
    last.id = await(location, kind, what, target);
    last.generation = labelGeneration_;
    last.file = location.file;
    last.line = location.line;
    last.column = location.column;
    last.kind = kind;
    last.what = what.data();
    last.whatSize = what.size();
    last.target = target;
    return last.id;
}

AwaitId Recorder::taskYield(TaskId task, const SourceLocation& location) {
    // A yield's await is its location alone: its label never changes.
    TaskAwaitCache& last = taskCache(task);
    if (last.yieldFile == location.file && last.yieldLine == location.line && last.yieldColumn == location.column &&
        last.yieldFile)
        return last.yieldId;
    last.yieldId = await(location, WaitKind::Yield, "asyncio.sleep(0)", kNoTask);
    last.yieldFile = location.file;
    last.yieldLine = location.line;
    last.yieldColumn = location.column;
    return last.yieldId;
}

FrameId Recorder::frame(std::string_view name, const SourceLocation& definition, const SourceLocation& callSite) {
    const SiteId definedAt = site(definition);
    const SiteId calledAt = site(callSite);
    // Keyed by the name's address (the entry's content is compared too, so a reused address is safe).
    const std::size_t slot =
        mix(mix(mix(definedAt, calledAt), reinterpret_cast<std::uintptr_t>(name.data())), name.size()) &
        (frameCache_.size() - 1);
    FrameCacheEntry& entry = frameCache_[slot];
    if (entry.used && entry.key.definition == definedAt && entry.key.callSite == calledAt &&
        trace_.strings.view(entry.key.name) == name)
        return entry.id;
    const FrameInfo key{string(name), definedAt, calledAt};
    auto [it, inserted] = frameIndex_.emplace(key, static_cast<FrameId>(trace_.frames.size()));
    if (inserted)
        trace_.frames.push_back(key);
    entry = {key, it->second, true};
    return it->second;
}

BlockId Recorder::block(const SourceLocation& location, BlockKind kind, std::string_view what) {
    const BlockInfo key{site(location), kind, string(what)};
    auto [it, inserted] = blockIndex_.emplace(key, static_cast<BlockId>(trace_.blocks.size()));
    if (inserted)
        trace_.blocks.push_back(key);
    return it->second;
}

void Recorder::blockSince(TaskId task, TimeNs since, BlockId block) {
    AppendLog<TraceEvent>& events = trace_.tasks[task].events;
    const std::size_t at = static_cast<std::size_t>(
        std::upper_bound(events.begin(), events.end(), since, [](TimeNs t, const TraceEvent& e) { return t < e.time; }) -
        events.begin());
    events.push_back({});
    for (std::size_t i = events.size() - 1; i > at; --i)
        events[i] = events[i - 1];
    events[at] = {since, EventKind::BlockBegin, 0, 0, block};
}

ScopeId Recorder::scopeBegin(ScopeKind kind, TaskId owner, const SourceLocation& location, TimeNs time) {
    trace_.scopes.push_back({kind, owner, site(location), time, time});
    return static_cast<ScopeId>(trace_.scopes.size() - 1);
}

void Recorder::scopeEnd(ScopeId scope, TimeNs time) {
    if (scope < trace_.scopes.size())
        trace_.scopes[scope].end = time;
}

void Recorder::output(TimeNs time, TaskId task, const SourceLocation& location, std::string_view text, OutputStream stream) {
    trace_.output.push_back({time, task, site(location), string(text), stream});
}

void Recorder::neverAwaited(TimeNs created, TimeNs dropped, TaskId task, std::string_view name,
                            const SourceLocation& location) {
    trace_.neverAwaited.push_back({created, dropped, task, string(name), site(location)});
}

void Recorder::unretrievedError(TimeNs time, TaskId task, std::string_view text) {
    trace_.unretrievedErrors.push_back({time, task, string(text)});
}

void Recorder::pendingAtExit(TimeNs time, TaskId task) { trace_.pendingAtExit.push_back({time, task}); }

void Recorder::scriptError(TimeNs time, TaskId task, const SourceLocation& location, std::string_view text) {
    trace_.scriptErrors.push_back({time, task, site(location), string(text)});
}

TaskId Recorder::mainProgramEnded(TimeNs end, std::string_view name, const SourceLocation& where, TaskOutcome outcome,
                                  std::string_view error) {
    std::vector<TopLevelBlock> blocks;
    blocks.swap(topLevelBlocks_);
    if (!trace_.tasks.empty())
        return kNoTask;  // the event loop's lanes tell the story; the top level around them is not drawn
    const FrameId module = frame("<module>", where, where);
    const TaskId lane = taskCreated(kNoTask, TaskKind::Main, name, module, site(where), 0);
    resume(lane, 0);
    for (const TopLevelBlock& block : blocks) {
        blockBegin(lane, block.begin, block.block);
        blockEnd(lane, block.end, block.block);
    }
    eventsRecorded_ -= 2 * blocks.size();  // counted when they were kept aside
    finish(lane, end, outcome, outcome == TaskOutcome::Failed ? string(error) : 0);
    // What the top level printed, the coroutines it made and never awaited, and how it failed
    // belong to the lane now.
    for (OutputLine& line : trace_.output)
        if (line.task == kNoTask)
            line.task = lane;
    for (NeverAwaited& coroutine : trace_.neverAwaited)
        if (coroutine.task == kNoTask)
            coroutine.task = lane;
    for (ScriptError& scriptError : trace_.scriptErrors)
        if (scriptError.task == kNoTask)
            scriptError.task = lane;
    return lane;
}

double Recorder::bytesPerEvent() const {
    std::size_t events = 0;
    std::size_t bytes = trace_.strings.bytes() + trace_.sites.size() * sizeof(Site) +
                        trace_.awaits.size() * sizeof(AwaitInfo) + trace_.frames.size() * sizeof(FrameInfo) +
                        trace_.blocks.size() * sizeof(BlockInfo);
    bytes += trace_.eventArena.bytes();
    for (const TaskRecord& task : trace_.tasks) {
        events += task.events.size();
        if (!task.events.borrowed())
            bytes += task.events.capacity() * sizeof(TraceEvent);
    }
    return events ? static_cast<double>(bytes) / static_cast<double>(events) : 0.0;
}

} // namespace awaitscope
