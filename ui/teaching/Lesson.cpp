#include "teaching/Lesson.h"

#include "model/QtText.h"

#include <QRegularExpression>

#include <algorithm>

namespace awaitscope::ui {

namespace {

bool mentionsWord(const QString& text, const QString& word) {
    if (word.size() < 2)
        return false;
    const QRegularExpression pattern(QStringLiteral("(?<![\\w-])%1(?![\\w-])").arg(QRegularExpression::escape(word)),
                                     QRegularExpression::CaseInsensitiveOption);
    return pattern.match(text).hasMatch();
}

bool mentionsAny(const QString& lower, std::initializer_list<const char*> words) {
    for (const char* word : words) {
        const QRegularExpression pattern(QStringLiteral("\\b%1").arg(QLatin1String(word)));
        if (pattern.match(lower).hasMatch())
            return true;
    }
    return false;
}

// A short window around a moment, so that zooming there shows what happens around it.
TimeRange around(const DerivedTrace& model, TimeNs t) {
    const TimeNs half = std::max<TimeNs>(model.range().duration() / 16, 1000);
    return {t - half, t + half};
}

TimeRange unite(TimeRange a, TimeRange b) { return {std::min(a.begin, b.begin), std::max(a.end, b.end)}; }

std::vector<TimeNs> mentionedTimes(const QString& text) {
    static const QRegularExpression seconds(QStringLiteral("(\\d+(?:\\.\\d+)?)\\s*s\\b"));
    std::vector<TimeNs> times;
    for (auto it = seconds.globalMatch(text); it.hasNext();)
        times.push_back(static_cast<TimeNs>(it.next().captured(1).toDouble() * 1e9));
    return times;
}

// Tasks the item names, by task name or by the coroutine the task runs.
std::vector<TaskId> mentionedTasks(const DerivedTrace& model, const QString& text) {
    std::vector<TaskId> byName, byCoroutine;
    const std::size_t count = std::min<std::size_t>(model.taskCount(), 10000);
    for (TaskId task = 0; task < count; ++task) {
        if (mentionsWord(text, qs(model.taskName(task))))
            byName.push_back(task);
        else if (mentionsWord(text, qs(model.coroutineName(task))))
            byCoroutine.push_back(task);
    }
    return byName.empty() ? byCoroutine : byName;
}

// The frames of coroutines the item names (in `backticks`, or followed by "frame").
std::optional<LessonMoment> frameMoment(const DerivedTrace& model, const QString& text, bool backticksOnly) {
    const Trace& trace = model.trace();
    static const QRegularExpression ticked(QStringLiteral("`([A-Za-z_][\\w.]*)(?:\\(\\))?`"));
    QStringList names;
    for (auto it = ticked.globalMatch(text); it.hasNext();)
        names << it.next().captured(1);
    if (!backticksOnly)
        for (const FrameInfo& frame : trace.frames)
            if (const QString name = qs(trace.str(frame.name)); name.size() >= 3 && mentionsWord(text, name) && !names.contains(name))
                names << name;
    for (const QString& name : names) {
        std::optional<LessonMoment> moment;
        for (TaskId task = 0; task < model.taskCount(); ++task) {
            const auto& frames = model.index().lane(task).frames;
            for (std::uint32_t i = 0; i < frames.size(); ++i) {
                const FrameSpan& f = frames[i];
                if (f.depth == 0 || f.frame >= trace.frames.size() || qs(trace.str(trace.frames[f.frame].name)) != name)
                    continue;
                if (!moment)
                    moment = LessonMoment{{f.begin, f.end}, f.begin, Selection::of(SelectionKind::Frame, task, i), QStringLiteral("frames of %1").arg(name)};
                else
                    moment->range = unite(moment->range, {f.begin, f.end});
            }
        }
        if (moment)
            return moment;
    }
    return std::nullopt;
}

std::optional<LessonMoment> lineMoment(const DerivedTrace& model, int line) {
    const Trace& trace = model.trace();
    auto lineOf = [&](SiteId site) { return site < trace.sites.size() ? static_cast<int>(trace.sites[site].line) : 0; };
    std::optional<TimeNs> first;
    auto consider = [&](TimeNs t) {
        if (!first || t < *first)
            first = t;
    };
    for (const OutputLine& out : trace.output)
        if (lineOf(out.site) == line) {
            consider(out.time);
            break;
        }
    for (const TaskRecord& task : trace.tasks)
        for (const TraceEvent& e : task.events) {
            SiteId site = kUnknownSite;
            if (e.kind == EventKind::Suspend && e.ref < trace.awaits.size())
                site = trace.awaits[e.ref].site;
            else if (e.kind == EventKind::BlockBegin && e.ref < trace.blocks.size())
                site = trace.blocks[e.ref].site;
            else if (e.kind == EventKind::FrameEnter && e.ref < trace.frames.size())
                site = trace.frames[e.ref].callSite;
            if (site != kUnknownSite && lineOf(site) == line) {
                consider(e.time);
                break;
            }
        }
    for (const NeverAwaited& n : trace.neverAwaited)
        if (lineOf(n.site) == line)
            consider(n.created);
    if (!first)
        return std::nullopt;
    return LessonMoment{around(model, *first), *first, {}, QStringLiteral("line %1").arg(line)};
}

// Tasks that ended with `outcome`, preferring the ones the item names.
std::optional<LessonMoment> outcomeMoment(const DerivedTrace& model, TaskOutcome outcome, const std::vector<TaskId>& named, const QString& rule) {
    std::vector<TaskId> ended;
    for (TaskId task = 0; task < model.taskCount(); ++task) {
        const TaskLane& lane = model.index().lane(task);
        if (lane.finished && lane.outcome == outcome)
            ended.push_back(task);
    }
    std::vector<TaskId> chosen;
    for (TaskId task : ended)
        if (std::find(named.begin(), named.end(), task) != named.end())
            chosen.push_back(task);
    if (chosen.empty())
        chosen = ended;
    if (chosen.empty())
        return std::nullopt;
    std::stable_sort(chosen.begin(), chosen.end(), [&](TaskId a, TaskId b) { return model.index().lane(a).end < model.index().lane(b).end; });
    const TimeNs first = model.index().lane(chosen.front()).end;
    const TimeNs last = model.index().lane(chosen.back()).end;
    TimeRange range = unite(around(model, first), around(model, last));
    return LessonMoment{range, first, Selection::ofTask(chosen.front()), rule};
}

std::optional<LessonMoment> heldBackMoment(const DerivedTrace& model, const std::vector<TaskId>& named) {
    const auto& frozen = model.frozenStretches();
    const auto isNamed = [&](TaskId task) { return std::find(named.begin(), named.end(), task) != named.end(); };
    for (const FrozenStretch& stretch : frozen)
        if (isNamed(stretch.culprit))
            return std::nullopt;
    for (const FrozenStretch& stretch : frozen)
        for (const FrozenVictim& victim : stretch.victims)
            if (isNamed(victim.task)) {
                const auto& lane = model.index().lane(victim.task);
                return LessonMoment{{lane.begin, lane.end}, victim.resumed, Selection::ofTask(victim.task),
                                    QStringLiteral("task held back by a frozen stretch")};
            }
    return std::nullopt;
}

} // namespace

QString moduleDocstring(const QString& source) {
    qsizetype at = 0;
    while (at < source.size()) {  // skip blank lines, comments, a shebang
        const qsizetype lineEnd = source.indexOf(QLatin1Char('\n'), at);
        const QString line = source.mid(at, lineEnd < 0 ? -1 : lineEnd - at).trimmed();
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
            break;
        if (lineEnd < 0)
            return {};
        at = lineEnd + 1;
    }
    while (at < source.size() && source[at].isSpace())
        ++at;
    if (at < source.size() && (source[at] == QLatin1Char('r') || source[at] == QLatin1Char('R')))
        ++at;  // a raw docstring
    for (const QString& quote : {QStringLiteral("\"\"\""), QStringLiteral("'''")}) {
        if (source.mid(at, 3) != quote)
            continue;
        const qsizetype end = source.indexOf(quote, at + 3);
        return end < 0 ? QString() : source.mid(at + 3, end - at - 3);
    }
    return {};
}

LessonText parseLesson(const QString& docstring, const QString& title) {
    LessonText lesson;
    lesson.title = title;
    QStringList paragraphs;
    QString current;
    bool inNotices = false;
    const QStringList lines = docstring.split(QLatin1Char('\n'));
    auto flush = [&] {
        if (!current.trimmed().isEmpty())
            paragraphs << current.simplified();
        current.clear();
    };
    for (const QString& raw : lines) {
        const QString line = raw.trimmed();
        if (line.startsWith(QLatin1String("what to notice"), Qt::CaseInsensitive)) {
            flush();
            inNotices = true;
            continue;
        }
        if (inNotices) {
            if (line.startsWith(QLatin1String("- ")) || line.startsWith(QStringLiteral("• "))) {
                lesson.notices << line.mid(2).trimmed();
            } else if (!line.isEmpty() && !lesson.notices.isEmpty() && (raw.startsWith(QLatin1Char(' ')) || raw.startsWith(QLatin1Char('\t')))) {
                lesson.notices.last() += QLatin1Char(' ') + line;
            } else if (!line.isEmpty()) {
                inNotices = false;  // a paragraph after the list
                current = line;
            }
            continue;
        }
        if (line.isEmpty())
            flush();
        else
            current += (current.isEmpty() ? QString() : QStringLiteral(" ")) + line;
    }
    flush();
    // The docstring's first line is the scenario's title: shown as the heading, not twice.
    if (!paragraphs.isEmpty() && (paragraphs.first() == title.simplified() || (title.isEmpty() && !paragraphs.first().contains(QLatin1Char('.')))))
        lesson.title = paragraphs.takeFirst();
    lesson.paragraphs = paragraphs;
    return lesson;
}

std::optional<LessonMoment> resolveMoment(const DerivedTrace& model, const QString& item) {
    const Trace& trace = model.trace();
    const QString lower = item.toLower();
    const std::vector<TaskId> named = mentionedTasks(model, item);

    if (mentionsAny(lower, {"cancel"}))
        if (auto moment = outcomeMoment(model, TaskOutcome::Cancelled, named, QStringLiteral("cancelled tasks")))
            return moment;
    if (mentionsAny(lower, {"fail", "raise"}))
        if (auto moment = outcomeMoment(model, TaskOutcome::Failed, named, QStringLiteral("failed task")))
            return moment;

    if (mentionsAny(lower, {"never awaited", "ghost", "never ran"}) && !trace.neverAwaited.empty()) {
        std::uint32_t chosen = 0;
        for (std::uint32_t i = 0; i < trace.neverAwaited.size(); ++i)
            if (mentionsWord(item, qs(trace.str(trace.neverAwaited[i].name)))) {
                chosen = i;
                break;
            }
        const NeverAwaited& n = trace.neverAwaited[chosen];
        return LessonMoment{around(model, n.created), n.created, Selection::of(SelectionKind::NeverAwaited, n.task, chosen),
                            QStringLiteral("never-awaited coroutine")};
    }

    const auto& frozen = model.frozenStretches();
    if (!frozen.empty() && (mentionsAny(lower, {"frozen", "freez", "red\\b", "blocks the", "blocked", "blocking call", "holds the loop"}))) {
        // An item that names only tasks a freeze held back is about them, not the culprit:
        // show the first such task, from its start, with the playhead where it finally ran.
        if (auto moment = heldBackMoment(model, named))
            return moment;
        std::uint32_t chosen = 0;
        for (std::uint32_t i = 0; i < frozen.size(); ++i)
            if (std::find(named.begin(), named.end(), frozen[i].culprit) != named.end()) {
                chosen = i;
                break;
            }
        const bool several = frozen.size() > 1 && mentionsAny(lower, {"times", "each", "every", "back to back", "in a row"});
        TimeRange range{frozen[chosen].begin, frozen[chosen].end};
        if (several)
            range = {frozen.front().begin, frozen.back().end};
        return LessonMoment{range, frozen[chosen].begin, Selection::of(SelectionKind::Frozen, frozen[chosen].culprit, chosen),
                            several ? QStringLiteral("frozen stretches") : QStringLiteral("frozen stretch")};
    }
    if (mentionsAny(lower, {"pending"}) && !trace.pendingAtExit.empty()) {
        const PendingAtExit& p = trace.pendingAtExit.front();
        return LessonMoment{around(model, p.time), p.time, Selection::of(SelectionKind::PendingAtExit, p.task, 0), QStringLiteral("pending at exit")};
    }

    static const QRegularExpression linePattern(QStringLiteral("\\bline (\\d+)\\b"), QRegularExpression::CaseInsensitiveOption);
    if (const auto match = linePattern.match(item); match.hasMatch())
        if (auto moment = lineMoment(model, match.captured(1).toInt()))
            return moment;

    if (auto moment = frameMoment(model, item, true))
        return moment;

    const std::vector<TimeNs> times = mentionedTimes(item);
    if (!named.empty()) {
        TimeRange range{model.index().lane(named.front()).begin, model.index().lane(named.front()).end};
        for (TaskId task : named)
            range = unite(range, {model.index().lane(task).begin, model.index().lane(task).end});
        const TimeNs at = times.size() == 1 && range.contains(times.front()) ? times.front() : range.begin;
        return LessonMoment{range, at, Selection::ofTask(named.front()), QStringLiteral("tasks by name")};
    }

    // An await the lanes are labelled with ("Queue.put", "Semaphore.acquire").
    for (AwaitId await = 0; await < trace.awaits.size(); ++await) {
        const QString what = qs(trace.str(trace.awaits[await].what));
        if (what.size() < 4 || !what.contains(QLatin1Char('.')) || !item.contains(what))
            continue;
        for (TaskId task = 0; task < model.taskCount(); ++task) {
            const auto& spans = model.index().lane(task).spans;
            for (std::uint32_t i = 0; i < spans.size(); ++i)
                if (spans[i].state == SpanState::Awaiting && spans[i].ref == await)
                    return LessonMoment{{spans[i].begin, spans[i].end}, spans[i].begin, Selection::of(SelectionKind::Span, task, i),
                                        QStringLiteral("awaits on %1").arg(what)};
        }
    }

    if (auto moment = frameMoment(model, item, false))
        return moment;

    // Tasks that run together: the TaskGroup or gather that started them (gather's when the
    // item says gather), as its bracket shows.
    if (mentionsAny(lower, {"gather", "taskgroup", "side by side", "at once", "start together"})) {
        const bool gather = mentionsAny(lower, {"gather"});
        std::optional<ScopeId> found;
        for (ScopeId scope = 0; scope < trace.scopes.size(); ++scope) {
            const ScopeKind kind = trace.scopes[scope].kind;
            if (model.scopeTasks(scope).size() < 2 || (kind != ScopeKind::TaskGroup && kind != ScopeKind::Gather))
                continue;
            if (!found || (gather && kind == ScopeKind::Gather && trace.scopes[*found].kind != ScopeKind::Gather))
                found = scope;
        }
        if (found) {
            const Scope& scope = trace.scopes[*found];
            return LessonMoment{{scope.begin, scope.end}, scope.begin, Selection::of(SelectionKind::Scope, kNoTask, *found),
                                QStringLiteral("tasks started together")};
        }
    }

    if (!times.empty()) {
        const auto [low, high] = std::minmax_element(times.begin(), times.end());
        const TimeNs begin = model.range().begin + *low;
        const TimeRange range = times.size() == 1 ? around(model, begin) : TimeRange{begin, model.range().begin + *high};
        return LessonMoment{range, begin, {}, QStringLiteral("time")};
    }

    if (mentionsAny(lower, {"thread"})) {
        std::optional<LessonMoment> moment;
        for (TaskId task = 0; task < model.taskCount(); ++task) {
            if (trace.tasks[task].kind != TaskKind::Thread)
                continue;
            const TimeRange lane{model.index().lane(task).begin, model.index().lane(task).end};
            if (!moment)
                moment = LessonMoment{lane, lane.begin, Selection::ofTask(task), QStringLiteral("thread lanes")};
            else
                moment->range = unite(moment->range, lane);
        }
        if (moment)
            return moment;
    }

    if (mentionsAny(lower, {"idle"})) {
        // The longest stretch in which no task held the loop.
        const auto& slices = model.index().loopSlices();
        TimeRange best;
        for (std::size_t i = 1; i < slices.size(); ++i)
            if (slices[i].begin - slices[i - 1].end > best.duration())
                best = {slices[i - 1].end, slices[i].begin};
        if (!best.isEmpty())
            return LessonMoment{best, best.begin, {}, QStringLiteral("idle loop")};
    }

    if (mentionsAny(lower, {"total", "whole", "the batch", "the sum"}))
        return LessonMoment{model.range(), model.range().end, {}, QStringLiteral("whole run")};
    return std::nullopt;
}

} // namespace awaitscope::ui
