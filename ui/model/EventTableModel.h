#pragma once

// Every recorded event as a table: time, task, event, detail, line. Sorting and filtering
// are done here on a permutation of the time-ordered events (4 bytes a row), so the model
// stays usable at millions of events, where QSortFilterProxyModel would not.
#include "model/Selection.h"

#include <awaitscope/analysis/DerivedTrace.h>

#include <QAbstractTableModel>

#include <memory>

namespace awaitscope::ui {

class EventTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, TaskColumn, EventColumn, DetailColumn, LineColumn, ColumnCount };

    explicit EventTableModel(QObject* parent = nullptr);

    void setTraceModel(std::shared_ptr<const DerivedTrace> model);
    // Keeps rows whose task, event or detail contains `text` (case-insensitive); empty keeps all.
    void setFilterText(const QString& text);
    QString filterText() const { return filter_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    EventRef eventAt(int row) const;
    Selection selectionAt(int row) const;
    // The first row showing an event of `task` at or after `time`, or -1.
    int rowOf(TaskId task, TimeNs time) const;
    QString detailText(EventRef ref) const;

private:
    void rebuildRows();
    std::uint64_t detailKey(const TraceEvent& event) const;
    int siteLine(const TraceEvent& event) const;

    std::shared_ptr<const DerivedTrace> model_;
    std::vector<std::uint32_t> rows_;  // indices into model_->eventsInTimeOrder()
    QString filter_;
    int sortColumn_ = TimeColumn;
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
};

} // namespace awaitscope::ui
