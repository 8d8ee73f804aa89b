#include "panels/PredictPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace awaitscope::ui {

namespace {

constexpr int kActualRole = Qt::UserRole + 1;

// A fixed shuffle (no hint in it), different from the real order whenever it can be.
QStringList scrambled(const QStringList& lines) {
    QStringList order = lines;
    std::stable_sort(order.begin(), order.end(), [](const QString& a, const QString& b) { return qHash(a, 7) < qHash(b, 7); });
    if (order == lines && order.size() > 1)
        std::rotate(order.begin(), order.begin() + 1, order.end());
    return order;
}

} // namespace

PredictPanel::PredictPanel(TraceDocument* document, ViewState* viewState, QWidget* parent)
    : QWidget(parent), document_(document), view_(viewState) {
    setObjectName(QStringLiteral("predictPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    intro_ = new QLabel(tr("Before you press Play: drag these lines into the order you expect the program to print "
                           "them. Then press Reveal."),
                        this);
    intro_->setWordWrap(true);
    list_ = new QListWidget(this);
    list_->setObjectName(QStringLiteral("predictionList"));
    list_->setDragDropMode(QAbstractItemView::InternalMove);
    list_->setDefaultDropAction(Qt::MoveAction);
    list_->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    reveal_ = new QPushButton(tr("Reveal"), this);
    reveal_->setObjectName(QStringLiteral("revealButton"));
    startOver_ = new QPushButton(tr("Start over"), this);
    startOver_->setObjectName(QStringLiteral("startOverButton"));
    result_ = new QLabel(this);
    result_->setObjectName(QStringLiteral("predictionResult"));
    result_->setWordWrap(true);
    buttons->addWidget(reveal_);
    buttons->addWidget(startOver_);
    buttons->addStretch(1);
    layout->addWidget(intro_);
    layout->addWidget(list_, 1);
    layout->addLayout(buttons);
    layout->addWidget(result_);
    connect(reveal_, &QPushButton::clicked, this, &PredictPanel::reveal);
    connect(startOver_, &QPushButton::clicked, this, &PredictPanel::startOver);
    connect(list_, &QListWidget::itemClicked, this, &PredictPanel::showMoment);
    connect(document_, &TraceDocument::documentChanged, this, &PredictPanel::startOver);
    startOver();
}

QStringList PredictPanel::prediction() const {
    QStringList lines;
    for (int i = 0; i < list_->count(); ++i)
        lines << list_->item(i)->data(Qt::UserRole).toString();
    return lines;
}

void PredictPanel::setPrediction(const QStringList& lines) {
    list_->clear();
    score_.reset();
    result_->clear();
    for (const QString& line : lines) {
        auto* item = new QListWidgetItem(line, list_);
        item->setData(Qt::UserRole, line);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    const bool any = !lines.isEmpty();
    reveal_->setEnabled(any);
    list_->setDragDropMode(QAbstractItemView::InternalMove);
}

void PredictPanel::startOver() {
    const auto& model = document_->model();
    setPrediction(model ? scrambled(printedLines(model->trace())) : QStringList());
    if (model && printedLines(model->trace()).isEmpty())
        result_->setText(tr("This run prints nothing, so there is nothing to predict."));
}

void PredictPanel::reveal() {
    const auto& model = document_->model();
    if (!model)
        return;
    score_ = scorePrediction(prediction(), printedLines(model->trace()));
    list_->setDragDropMode(QAbstractItemView::NoDragDrop);
    for (int i = 0; i < list_->count() && i < score_->total(); ++i) {
        QListWidgetItem* item = list_->item(i);
        const PlacedLine& placed = score_->lines[static_cast<std::size_t>(i)];
        item->setData(kActualRole, placed.actual);
        if (placed.right()) {
            item->setText(QStringLiteral("✓  %1").arg(placed.text));
            item->setForeground(QColor(0x1e, 0x84, 0x49));
            item->setToolTip(tr("Right: printed %1 of %2.").arg(placed.actual + 1).arg(score_->total()));
        } else {
            const QString why = placed.actual >= 0
                                    ? explainOutputMoment(*model, outputIndexOfPrinted(model->trace(), static_cast<std::size_t>(placed.actual)))
                                    : QString();
            item->setText(tr("✗  %1  — printed %2 of %3. %4").arg(placed.text).arg(placed.actual + 1).arg(score_->total()).arg(why));
            item->setForeground(QColor(0xc0, 0x39, 0x2b));
            item->setToolTip(tr("Click to see the moment it was printed."));
        }
    }
    result_->setText(score_->rightCount == score_->total()
                         ? tr("All %1 lines in the right place. The playback shows them appear one by one.").arg(score_->total())
                         : tr("%1 of %2 lines in the right place. Click a line marked ✗ to see the moment that explains it.")
                               .arg(score_->rightCount)
                               .arg(score_->total()));
    emit revealRequested();
}

void PredictPanel::showMoment(QListWidgetItem* item) {
    const auto& model = document_->model();
    if (!model || !score_ || !item)
        return;
    bool ok = false;
    const int actual = item->data(kActualRole).toInt(&ok);
    if (!ok || actual < 0)
        return;
    const std::size_t line = outputIndexOfPrinted(model->trace(), static_cast<std::size_t>(actual));
    if (line >= model->trace().output.size())
        return;
    const TimeNs time = model->trace().output[line].time;
    view_->select(Selection::of(SelectionKind::Output, model->trace().output[line].task, static_cast<std::uint32_t>(line)));
    view_->setPlayheadStep(time, model->playbackPositionOfOutput(line) + 1);
    const TimeNs half = std::max<TimeNs>(model->range().duration() / 10, 1000);
    view_->zoomTo({time - half, time + half});
}

} // namespace awaitscope::ui
