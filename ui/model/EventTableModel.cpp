#include "model/EventTableModel.h"

#include "model/QtText.h"
#include "model/SelectionInfo.h"

#include <awaitscope/analysis/TimeFormat.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>

namespace awaitscope::ui {

namespace {

// What happened, as a verb of the task.
QString eventKindText(EventKind kind) {
    switch (kind) {
    case EventKind::Ready: return QStringLiteral("ready");
    case EventKind::Resume: return QStringLiteral("resumes");
    case EventKind::Suspend: return QStringLiteral("suspends");
    case EventKind::Finish: return QStringLiteral("finishes");
    case EventKind::FrameEnter: return QStringLiteral("calls");
    case EventKind::FrameExit: return QStringLiteral("returns");
    case EventKind::BlockBegin: return QStringLiteral("blocks");
    case EventKind::BlockEnd: return QStringLiteral("unblocks");
    }
    return QStringLiteral("?");
}

} // namespace

EventTableModel::EventTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void EventTableModel::setTraceModel(std::shared_ptr<const DerivedTrace> model) {
    beginResetModel();
    model_ = std::move(model);
    filter_.clear();
    sortColumn_ = TimeColumn;
    sortOrder_ = Qt::AscendingOrder;
    rebuildRows();
    endResetModel();
}

void EventTableModel::setFilterText(const QString& text) {
    if (text == filter_)
        return;
    beginResetModel();
    filter_ = text;
    rebuildRows();
    endResetModel();
}

std::uint64_t EventTableModel::detailKey(const TraceEvent& event) const {
    return (static_cast<std::uint64_t>(event.kind) << 40) | (static_cast<std::uint64_t>(event.detail) << 32) | event.ref;
}

QString EventTableModel::detailText(EventRef ref) const {
    if (!model_)
        return {};
    const Trace& trace = model_->trace();
    const TraceEvent& event = model_->event(ref);
    switch (event.kind) {
    case EventKind::Ready: {
        const QString cause = QString::fromUtf8(toString(static_cast<WaitKind>(event.detail)));
        if (event.ref < model_->taskCount())
            return QStringLiteral("woken by %1 (%2)").arg(qs(model_->taskName(event.ref)), cause);
        return QStringLiteral("woken by %1").arg(cause);
    }
    case EventKind::Resume: return QStringLiteral("runs");
    case EventKind::Suspend: return qs(model_->awaitPhrase(event.ref));
    case EventKind::Finish: {
        const QString outcome = QString::fromUtf8(toString(static_cast<TaskOutcome>(event.detail)));
        return event.ref ? QStringLiteral("%1: %2").arg(outcome, qs(trace.str(event.ref))) : outcome;
    }
    case EventKind::FrameEnter:
    case EventKind::FrameExit:
        return event.ref < trace.frames.size() ? qs(trace.str(trace.frames[event.ref].name)) + QStringLiteral("()") : QString();
    case EventKind::BlockBegin:
    case EventKind::BlockEnd:
        return event.ref < trace.blocks.size() ? qs(trace.str(trace.blocks[event.ref].what)) : QString();
    }
    return {};
}

int EventTableModel::siteLine(const TraceEvent& event) const {
    const Trace& trace = model_->trace();
    SiteId site = kUnknownSite;
    if (event.kind == EventKind::Suspend && event.ref < trace.awaits.size())
        site = trace.awaits[event.ref].site;
    else if ((event.kind == EventKind::FrameEnter || event.kind == EventKind::FrameExit) && event.ref < trace.frames.size())
        site = trace.frames[event.ref].callSite;
    else if ((event.kind == EventKind::BlockBegin || event.kind == EventKind::BlockEnd) && event.ref < trace.blocks.size())
        site = trace.blocks[event.ref].site;
    return site != kUnknownSite && site < trace.sites.size() ? static_cast<int>(trace.sites[site].line) : 0;
}

void EventTableModel::rebuildRows() {
    rows_.clear();
    if (!model_)
        return;
    const auto& order = model_->eventsInTimeOrder();
    const QString needle = filter_.trimmed();
    if (needle.isEmpty()) {
        rows_.resize(order.size());
        std::iota(rows_.begin(), rows_.end(), 0u);
    } else {
        // Decide once per task, per event kind and per distinct detail; then each row is a lookup.
        std::vector<char> taskMatches(model_->taskCount());
        for (TaskId task = 0; task < taskMatches.size(); ++task)
            taskMatches[task] = qs(model_->taskName(task)).contains(needle, Qt::CaseInsensitive);
        char kindMatches[kEventKindCount];
        for (int kind = 0; kind < kEventKindCount; ++kind)
            kindMatches[kind] = eventKindText(static_cast<EventKind>(kind)).contains(needle, Qt::CaseInsensitive);
        std::unordered_map<std::uint64_t, bool> detailMatches;
        for (std::uint32_t i = 0; i < order.size(); ++i) {
            const EventRef ref = order[i];
            const TraceEvent& event = model_->event(ref);
            bool match = taskMatches[ref.task] || kindMatches[static_cast<int>(event.kind)];
            if (!match) {
                auto [it, inserted] = detailMatches.try_emplace(detailKey(event), false);
                if (inserted)
                    it->second = detailText(ref).contains(needle, Qt::CaseInsensitive);
                match = it->second;
            }
            if (match)
                rows_.push_back(i);
        }
    }
    if (sortColumn_ == TimeColumn && sortOrder_ == Qt::AscendingOrder)
        return;
    // Sort keys are ranks computed once per task / kind / detail, never strings per comparison.
    const auto& events = order;
    std::vector<std::uint32_t> taskRank(model_->taskCount());
    {
        std::vector<TaskId> byName(model_->taskCount());
        std::iota(byName.begin(), byName.end(), 0u);
        std::stable_sort(byName.begin(), byName.end(), [&](TaskId a, TaskId b) {
            return QString::compare(qs(model_->taskName(a)), qs(model_->taskName(b)), Qt::CaseInsensitive) < 0;
        });
        for (std::uint32_t rank = 0; rank < byName.size(); ++rank)
            taskRank[byName[rank]] = rank;
    }
    std::unordered_map<std::uint64_t, std::uint32_t> detailRank;
    if (sortColumn_ == DetailColumn) {
        std::map<QString, std::vector<std::uint64_t>> byText;
        for (std::uint32_t row : rows_) {
            const std::uint64_t key = detailKey(model_->event(events[row]));
            if (!detailRank.count(key)) {
                detailRank[key] = 0;
                byText[detailText(events[row])].push_back(key);
            }
        }
        std::uint32_t rank = 0;
        for (const auto& [text, keys] : byText) {
            for (std::uint64_t key : keys)
                detailRank[key] = rank;
            ++rank;
        }
    }
    auto key = [&](std::uint32_t row) -> std::int64_t {
        const EventRef ref = events[row];
        const TraceEvent& event = model_->event(ref);
        switch (sortColumn_) {
        case TaskColumn: return taskRank[ref.task];
        case EventColumn: return static_cast<std::int64_t>(event.kind);
        case DetailColumn: return detailRank[detailKey(event)];
        case LineColumn: return siteLine(event);
        default: return event.time;
        }
    };
    const bool ascending = sortOrder_ == Qt::AscendingOrder;
    // Stable over the time order, so equal keys stay in time order.
    std::stable_sort(rows_.begin(), rows_.end(), [&](std::uint32_t a, std::uint32_t b) {
        const std::int64_t ka = key(a), kb = key(b);
        return ascending ? ka < kb : kb < ka;
    });
}

void EventTableModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= ColumnCount)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<EventRef> remembered;
    for (const QModelIndex& index : before)
        remembered.push_back(eventAt(index.row()));
    sortColumn_ = column;
    sortOrder_ = order;
    rebuildRows();
    // Persistent indexes (the view's selection) follow their event to its new row.
    if (!before.isEmpty()) {
        std::unordered_map<std::uint64_t, int> rowOfEvent;
        const auto& events = model_->eventsInTimeOrder();
        for (int row = 0; row < static_cast<int>(rows_.size()); ++row) {
            const EventRef ref = events[rows_[static_cast<std::size_t>(row)]];
            rowOfEvent[(static_cast<std::uint64_t>(ref.task) << 32) | ref.index] = row;
        }
        QModelIndexList after;
        for (std::size_t i = 0; i < remembered.size(); ++i) {
            const auto found = rowOfEvent.find((static_cast<std::uint64_t>(remembered[i].task) << 32) | remembered[i].index);
            after << (found == rowOfEvent.end() ? QModelIndex() : index(found->second, before[static_cast<qsizetype>(i)].column()));
        }
        changePersistentIndexList(before, after);
    }
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int EventTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(std::min<std::size_t>(rows_.size(), INT32_MAX));
}

int EventTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

EventRef EventTableModel::eventAt(int row) const {
    if (!model_ || row < 0 || row >= static_cast<int>(rows_.size()))
        return {};
    return model_->eventsInTimeOrder()[rows_[static_cast<std::size_t>(row)]];
}

Selection EventTableModel::selectionAt(int row) const {
    const EventRef ref = eventAt(row);
    if (ref.task == kNoTask)
        return {};
    return Selection::of(SelectionKind::Event, ref.task, ref.index);
}

int EventTableModel::rowOf(TaskId task, TimeNs time) const {
    if (!model_)
        return -1;
    const auto& events = model_->eventsInTimeOrder();
    for (std::size_t row = 0; row < rows_.size(); ++row) {
        const EventRef ref = events[rows_[row]];
        if (ref.task == task && model_->event(ref).time >= time)
            return static_cast<int>(row);
    }
    return -1;
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !model_)
        return {};
    const EventRef ref = eventAt(index.row());
    const TraceEvent& event = model_->event(ref);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        // To the millisecond, as the Output panel and the status bar read; the exact moment is
        // in the tooltip and in Details.
        case TimeColumn: return qs(formatMoment(event.time));
        case TaskColumn: return qs(model_->taskName(ref.task));
        case EventColumn: return eventKindText(event.kind);
        case DetailColumn: return detailText(ref);
        case LineColumn: {
            const int line = siteLine(event);
            return line > 0 ? QVariant(line) : QVariant(QString());
        }
        }
    } else if (role == Qt::ToolTipRole && index.column() == TimeColumn) {
        return qs(formatTimePoint(event.time));
    } else if (role == Qt::TextAlignmentRole && (index.column() == TimeColumn || index.column() == LineColumn)) {
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    }
    return {};
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case TaskColumn: return tr("Task");
    case EventColumn: return tr("Event");
    case DetailColumn: return tr("Detail");
    case LineColumn: return tr("Line");
    }
    return {};
}

} // namespace awaitscope::ui
