#pragma once

// Predict, then reveal. Before playback the learner drags the lines the program prints into
// the order they expect; Reveal plays the run, marks each line right or wrong, and for each
// line out of place says which moment explains where it really came (clicking jumps there).
#include "teaching/Prediction.h"
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace awaitscope::ui {

class PredictPanel : public QWidget {
    Q_OBJECT
public:
    PredictPanel(TraceDocument* document, ViewState* viewState, QWidget* parent = nullptr);

    QListWidget* list() const { return list_; }
    QStringList prediction() const;
    // Puts the lines in this order (what dragging does, for tests and for "start over").
    void setPrediction(const QStringList& lines);
    const std::optional<PredictionScore>& score() const { return score_; }

public slots:
    void reveal();
    void startOver();

signals:
    // Reveal pressed: the window plays the run from the start.
    void revealRequested();

private:
    void showMoment(QListWidgetItem* item);

    TraceDocument* document_;
    ViewState* view_;
    QLabel* intro_;
    QListWidget* list_;
    QPushButton* reveal_;
    QPushButton* startOver_;
    QLabel* result_;
    std::optional<PredictionScore> score_;
};

} // namespace awaitscope::ui
