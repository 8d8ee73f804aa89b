#pragma once

// Every event in a sortable, filterable table. Clicking a row selects that event everywhere.
#include "model/EventTableModel.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <QWidget>

class QLineEdit;
class QTableView;

namespace awaitscope::ui {

class EventTablePanel : public QWidget {
    Q_OBJECT
public:
    EventTablePanel(TraceDocument* document, ViewState* viewState, QWidget* parent = nullptr);
    EventTableModel* tableModel() const { return model_; }
    QTableView* table() const { return table_; }
    QLineEdit* filterEdit() const { return filter_; }

private:
    void followSelection(const Selection& selection);

    TraceDocument* document_;
    ViewState* view_;
    EventTableModel* model_;
    QLineEdit* filter_;
    QTableView* table_;
};

} // namespace awaitscope::ui
