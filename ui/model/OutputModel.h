#pragma once

// What the program wrote, one line per row in the order it was written, with the moment and the
// task that wrote it; lines written to stderr (warnings, tracebacks) say so in a column of their own.
#include "model/Selection.h"

#include <awaitscope/analysis/DerivedTrace.h>

#include <QAbstractTableModel>

#include <memory>
#include <optional>

namespace awaitscope::ui {

class OutputModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, TaskColumn, StreamColumn, TextColumn, ColumnCount };
    explicit OutputModel(QObject* parent = nullptr);

    void setTraceModel(std::shared_ptr<const DerivedTrace> model);
    // During playback only the lines printed so far are rows; empty: all of them.
    void setPrintedLimit(std::optional<int> lines);
    std::optional<int> printedLimit() const { return limit_; }
    Selection selectionAt(int row) const { return Selection::of(SelectionKind::Output, taskAt(row), static_cast<std::uint32_t>(row)); }
    TimeNs timeAt(int row) const;
    TaskId taskAt(int row) const;
    // The last line printed at or before t (-1 if none).
    int rowAtOrBefore(TimeNs t) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    int allRows() const;

    std::shared_ptr<const DerivedTrace> model_;
    std::optional<int> limit_;
};

} // namespace awaitscope::ui
