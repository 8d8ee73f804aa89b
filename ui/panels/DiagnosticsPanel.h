#pragma once

// The problems found in the run, each explained for a learner on a card: what happened in
// plain words, the line that caused it (quoted), who suffered, and the fix, with a "Show me"
// button that selects it and zooms the timeline to it.
#include "teaching/DiagnosticsModel.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <QScrollArea>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace awaitscope::ui {

class DiagnosticsPanel : public QScrollArea {
    Q_OBJECT
public:
    DiagnosticsPanel(TraceDocument* document, ViewState* viewState, QWidget* parent = nullptr);
    DiagnosticsModel* diagnosticsModel() const { return model_; }
    // What "Show me" on card `row` does.
    void activateRow(int row);
    // The "Show me" button of card `row` (null past the cards shown).
    QPushButton* showMeButton(int row) const;
    int cardCount() const { return static_cast<int>(buttons_.size()); }

private:
    void rebuild();

    TraceDocument* document_;
    ViewState* view_;
    DiagnosticsModel* model_;
    QWidget* content_;
    QVBoxLayout* cards_;
    std::vector<QPushButton*> buttons_;
};

} // namespace awaitscope::ui
