#include "model/OutputModel.h"

#include "model/QtText.h"

#include <awaitscope/analysis/TimeFormat.h>

#include <QColor>

#include <algorithm>

namespace awaitscope::ui {

OutputModel::OutputModel(QObject* parent) : QAbstractTableModel(parent) {}

void OutputModel::setTraceModel(std::shared_ptr<const DerivedTrace> model) {
    beginResetModel();
    model_ = std::move(model);
    limit_.reset();
    endResetModel();
}

int OutputModel::allRows() const { return model_ ? static_cast<int>(model_->trace().output.size()) : 0; }

void OutputModel::setPrintedLimit(std::optional<int> lines) {
    const int before = rowCount();
    if (lines)
        lines = std::clamp(*lines, 0, allRows());
    const int after = lines ? *lines : allRows();
    if (after > before) {
        beginInsertRows({}, before, after - 1);
        limit_ = lines;
        endInsertRows();
    } else if (after < before) {
        beginRemoveRows({}, after, before - 1);
        limit_ = lines;
        endRemoveRows();
    } else {
        limit_ = lines;
    }
}

TimeNs OutputModel::timeAt(int row) const {
    return model_ && row >= 0 && row < rowCount() ? model_->trace().output[static_cast<std::size_t>(row)].time : 0;
}

TaskId OutputModel::taskAt(int row) const {
    return model_ && row >= 0 && row < rowCount() ? model_->trace().output[static_cast<std::size_t>(row)].task : kNoTask;
}

int OutputModel::rowAtOrBefore(TimeNs t) const {
    if (!model_)
        return -1;
    const std::size_t at = lastIndex(model_->trace().output, t);
    return at == model_->trace().output.size() ? -1 : static_cast<int>(at);
}

int OutputModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !model_ ? 0 : limit_ ? *limit_ : allRows();
}

int OutputModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OutputModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OutputLine& line = model_->trace().output[static_cast<std::size_t>(index.row())];
    const bool stderrLine = line.stream == OutputStream::Stderr;
    const std::string_view text = model_->trace().str(line.text);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn: return qs(formatMoment(line.time));
        case TaskColumn: return line.task < model_->taskCount() ? QString::fromStdString(model_->taskName(line.task)) : QString();
        case StreamColumn: return stderrLine ? QStringLiteral("stderr") : QString();  // stdout is the usual case: no word
        case TextColumn: return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
        }
        break;
    case Qt::AccessibleTextRole:  // a screen reader hears which stream, whatever the colour
        if (index.column() == TextColumn && stderrLine)
            return tr("stderr: %1").arg(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())));
        break;
    case Qt::ForegroundRole:
        if (stderrLine)
            return QColor(0xc0, 0x39, 0x2b);  // the red of warnings elsewhere in the window
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == TimeColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        break;
    }
    return {};
}

QVariant OutputModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case TaskColumn: return tr("Task");
    case StreamColumn: return tr("Stream");
    case TextColumn: return tr("Written");
    }
    return {};
}

} // namespace awaitscope::ui
