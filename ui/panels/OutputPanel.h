#pragma once

// The printed lines. Clicking one moves the playhead to its moment and selects it; selecting
// a moment elsewhere shows the last line printed by then. During playback it lists only the
// lines printed so far.
#include "model/OutputModel.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <QTableView>

namespace awaitscope::ui {

class OutputPanel : public QTableView {
    Q_OBJECT
public:
    OutputPanel(TraceDocument* document, ViewState* viewState, QWidget* parent = nullptr);
    OutputModel* outputModel() const { return model_; }

private:
    void followSelection(const Selection& selection);
    void followPlayhead();

    TraceDocument* document_;
    ViewState* view_;
    OutputModel* model_;
};

} // namespace awaitscope::ui
