#include "awaitscope/io/NativeFormat.h"

#include "JsonOutput.h"
#include "NativeWriter.h"

#include <ostream>

namespace awaitscope {

namespace {

using detail::JsonOutput;

// A member name with its quotes and colon, preceded by a comma unless it is the first.
void member(JsonOutput& out, std::string_view name, bool first = false) {
    if (!first)
        out.raw(',');
    out.raw('"');
    out.raw(name);
    out.raw("\":");
}

void id(JsonOutput& out, std::string_view name, std::uint32_t value) {
    member(out, name);
    out.number(value);
}

// Task and scope references: 0xFFFFFFFF (kNoTask, kNoScope) is written as null.
void nullableId(JsonOutput& out, std::string_view name, std::uint32_t value) {
    member(out, name);
    if (value == kNoTask)
        out.raw("null");
    else
        out.number(value);
}

void time(JsonOutput& out, std::string_view name, TimeNs value) {
    member(out, name);
    out.number(value);
}

void text(JsonOutput& out, std::string_view name, std::string_view value) {
    member(out, name);
    out.string(value);
}

// A table: "name":[\n{row},\n{row}]
template <class Row, class WriteRow>
void table(JsonOutput& out, std::string_view name, const std::vector<Row>& rows, WriteRow writeRow) {
    out.raw(",\n");
    member(out, name, true);
    out.raw('[');
    for (std::size_t i = 0; i < rows.size(); ++i) {
        out.raw(i ? ",\n{" : "\n{");
        writeRow(rows[i]);
        out.raw('}');
    }
    out.raw(']');
}

void event(JsonOutput& out, const TraceEvent& e) {
    out.raw('[');
    out.number(e.time);
    out.raw(",\"");
    out.raw(toString(e.kind));
    out.raw('"');
    switch (e.kind) {
    case EventKind::Ready:
        out.raw(",\"");
        out.raw(toString(static_cast<WaitKind>(e.detail)));
        out.raw('"');
        if (e.ref != kNoTask) {
            out.raw(',');
            out.number(e.ref);
        }
        break;
    case EventKind::Resume: break;
    case EventKind::Finish:
        out.raw(",\"");
        out.raw(toString(static_cast<TaskOutcome>(e.detail)));
        out.raw('"');
        if (e.ref != 0) {
            out.raw(',');
            out.number(e.ref);
        }
        break;
    default:
        out.raw(',');
        out.number(e.ref);
        break;
    }
    out.raw(']');
}

bool writeNative(const Trace& trace, const ByteSink& sink, const detail::EventFilter* keepEvent) {
    JsonOutput out(sink);
    out.raw("{\"format\":");
    out.string(kNativeFormatName);
    out.raw(",\"version\":");
    out.number(kNativeFormatVersion);

    const TraceMetadata& m = trace.metadata;
    out.raw(",\n\"metadata\":{");
    member(out, "title", true);
    out.string(m.title);
    text(out, "clock", m.clock);
    text(out, "recorder", m.recorder);
    text(out, "sourceFile", m.sourceFile);
    text(out, "scenario", m.scenario);
    text(out, "sourceText", m.sourceText);
    if (!m.ending.empty())  // only then: files of runs that ended normally stay as they were
        text(out, "ending", m.ending);
    out.raw('}');

    out.raw(",\n\"strings\":[");
    for (StringId i = 0; i < trace.strings.size(); ++i) {
        out.raw(i ? ",\n" : "\n");
        out.string(trace.strings.view(i));
    }
    out.raw(']');

    table(out, "sites", trace.sites, [&](const Site& s) {
        member(out, "file", true);
        out.number(s.file);
        id(out, "function", s.function);
        id(out, "line", s.line);
        id(out, "column", s.column);
    });
    table(out, "awaits", trace.awaits, [&](const AwaitInfo& a) {
        member(out, "site", true);
        out.number(a.site);
        text(out, "kind", toString(a.kind));
        id(out, "what", a.what);
        nullableId(out, "target", a.target);
    });
    table(out, "frames", trace.frames, [&](const FrameInfo& f) {
        member(out, "name", true);
        out.number(f.name);
        id(out, "definition", f.definition);
        id(out, "callSite", f.callSite);
    });
    table(out, "blocks", trace.blocks, [&](const BlockInfo& b) {
        member(out, "site", true);
        out.number(b.site);
        text(out, "kind", toString(b.kind));
        id(out, "what", b.what);
    });
    table(out, "scopes", trace.scopes, [&](const Scope& s) {
        member(out, "kind", true);
        out.string(toString(s.kind));
        nullableId(out, "owner", s.owner);
        id(out, "site", s.site);
        time(out, "begin", s.begin);
        time(out, "end", s.end);
    });

    out.raw(",\n\"tasks\":[");
    for (std::size_t i = 0; i < trace.tasks.size(); ++i) {
        const TaskRecord& task = trace.tasks[i];
        out.raw(i ? ",\n{" : "\n{");
        member(out, "id", true);
        out.number(i);  // a task's id is its position
        id(out, "name", task.name);
        id(out, "number", task.number);
        text(out, "kind", toString(task.kind));
        nullableId(out, "parent", task.parent);
        id(out, "coroutine", task.coroutine);
        id(out, "createdAt", task.createdAt);
        time(out, "created", task.created);
        nullableId(out, "scope", task.scope);
        out.raw(",\"events\":[");
        bool first = true;
        for (std::size_t j = 0; j < task.events.size(); ++j) {
            if (keepEvent && !(*keepEvent)(static_cast<TaskId>(i), j))
                continue;
            out.raw(first ? "\n" : ",\n");
            first = false;
            event(out, task.events[j]);
        }
        out.raw("]}");
        if (out.failed())
            return false;
    }
    out.raw(']');

    table(out, "output", trace.output, [&](const OutputLine& o) {
        member(out, "t", true);
        out.number(o.time);
        nullableId(out, "task", o.task);
        id(out, "site", o.site);
        id(out, "text", o.text);
        if (o.stream != OutputStream::Stdout)  // stdout goes without, as in files written before streams
            text(out, "stream", toString(o.stream));
    });
    table(out, "neverAwaited", trace.neverAwaited, [&](const NeverAwaited& n) {
        member(out, "created", true);
        out.number(n.created);
        time(out, "dropped", n.dropped);
        nullableId(out, "task", n.task);
        id(out, "name", n.name);
        id(out, "site", n.site);
    });
    table(out, "unretrievedErrors", trace.unretrievedErrors, [&](const UnretrievedError& u) {
        member(out, "t", true);
        out.number(u.time);
        nullableId(out, "task", u.task);
        id(out, "text", u.text);
    });
    table(out, "pendingAtExit", trace.pendingAtExit, [&](const PendingAtExit& p) {
        member(out, "t", true);
        out.number(p.time);
        nullableId(out, "task", p.task);
    });
    table(out, "scriptErrors", trace.scriptErrors, [&](const ScriptError& e) {
        member(out, "t", true);
        out.number(e.time);
        nullableId(out, "task", e.task);
        id(out, "site", e.site);
        id(out, "text", e.text);
    });
    if (!trace.loopQueues.empty()) {  // recorded for lessons only; older readers never see it
        table(out, "loopQueues", trace.loopQueues, [&](const LoopQueueEntry& q) {
            member(out, "iteration", true);
            out.number(q.iteration);
            time(out, "t", q.time);
            text(out, "queue", toString(q.queue));
            nullableId(out, "task", q.task);
            time(out, "due", q.due);
            text(out, "what", toString(q.what));
        });
    }
    out.raw("}\n");
    return out.finish();
}

} // namespace

bool writeNativeTrace(const Trace& trace, const ByteSink& sink) { return writeNative(trace, sink, nullptr); }

bool detail::writeNativeTrace(const Trace& trace, const ByteSink& sink, const EventFilter& keepEvent) {
    return writeNative(trace, sink, &keepEvent);
}

bool writeNativeTrace(const Trace& trace, std::ostream& stream) {
    const ByteSink sink = [&](std::string_view block) {
        stream.write(block.data(), static_cast<std::streamsize>(block.size()));
        return static_cast<bool>(stream);
    };
    return writeNativeTrace(trace, sink);
}

std::string nativeTraceJson(const Trace& trace) {
    std::string text;
    const ByteSink sink = [&](std::string_view block) {
        text.append(block);
        return true;
    };
    writeNativeTrace(trace, sink);
    return text;
}

} // namespace awaitscope
