#include "panels/DiagnosticsPanel.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace awaitscope::ui {

namespace {

constexpr int kMaxCards = 100;  // a run with thousands of ghosts lists the first ones and a count

QLabel* wrapped(const QString& html, QWidget* parent, const QString& name = {}) {
    auto* label = new QLabel(html, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (!name.isEmpty())
        label->setObjectName(name);
    return label;
}

QString codeHtml(const QString& code) {
    return QStringLiteral("<code style='background:rgba(127,127,127,40)'>%1</code>").arg(code.toHtmlEscaped());
}

// `code` in a fix becomes code.
QString withCode(const QString& text) {
    QString html;
    const QStringList parts = text.split(QLatin1Char('`'));
    for (int i = 0; i < parts.size(); ++i)
        html += i % 2 ? codeHtml(parts[i]) : parts[i].toHtmlEscaped();
    return html;
}

} // namespace

DiagnosticsPanel::DiagnosticsPanel(TraceDocument* document, ViewState* viewState, QWidget* parent)
    : QScrollArea(parent), document_(document), view_(viewState), model_(new DiagnosticsModel(this)) {
    setObjectName(QStringLiteral("diagnosticsPanel"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    content_ = new QWidget(this);
    cards_ = new QVBoxLayout(content_);
    cards_->setContentsMargins(6, 6, 6, 6);
    cards_->setSpacing(8);
    setWidget(content_);
    connect(document_, &TraceDocument::documentChanged, this, [this] {
        model_->setTraceModel(document_->model());
        rebuild();
    });
    model_->setTraceModel(document_->model());
    rebuild();
}

QPushButton* DiagnosticsPanel::showMeButton(int row) const {
    return row >= 0 && row < cardCount() ? buttons_[static_cast<std::size_t>(row)] : nullptr;
}

void DiagnosticsPanel::rebuild() {
    buttons_.clear();
    while (QLayoutItem* item = cards_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const int rows = model_->rowCount();
    if (rows == 0) {
        cards_->addWidget(wrapped(document_->model() ? tr("<span style='color:gray'>No problems found: the loop never froze, "
                                                          "and every coroutine was awaited.</span>")
                                                    : QString(),
                                  content_));
        cards_->addStretch(1);
        return;
    }
    for (int row = 0; row < std::min(rows, kMaxCards); ++row) {
        const Diagnostic& d = model_->diagnostic(row);
        const DiagnosticExplanation& e = d.explained;
        auto* card = new QFrame(content_);
        card->setObjectName(QStringLiteral("diagnosticCard%1").arg(row));
        card->setFrameShape(QFrame::StyledPanel);
        auto* layout = new QVBoxLayout(card);
        layout->setContentsMargins(8, 6, 8, 6);
        layout->setSpacing(3);
        const QString colour = d.severity == Diagnostic::Severity::Error ? QStringLiteral("#c0392b") : QStringLiteral("#b9770e");
        layout->addWidget(wrapped(QStringLiteral("<b style='color:%1'>%2</b>").arg(colour, e.kind.toHtmlEscaped()), card));
        layout->addWidget(wrapped(e.headline.toHtmlEscaped(), card, QStringLiteral("headline")));
        if (e.line > 0)
            layout->addWidget(wrapped(tr("<b>Cause:</b> line %1%2").arg(e.line).arg(e.code.isEmpty() ? QString() : QStringLiteral(" ") + codeHtml(e.code)), card,
                                      QStringLiteral("cause")));
        if (!e.victims.isEmpty()) {
            QStringList victims;
            for (const QString& v : e.victims)
                victims << v.toHtmlEscaped();
            layout->addWidget(wrapped(tr("<b>Who suffered:</b> %1").arg(victims.join(QStringLiteral("; "))), card, QStringLiteral("victims")));
        }
        if (!e.fix.isEmpty())
            layout->addWidget(wrapped(tr("<b>Fix:</b> %1").arg(withCode(e.fix)), card, QStringLiteral("fix")));
        if (!e.detail.isEmpty())
            layout->addWidget(wrapped(QStringLiteral("<pre>%1</pre>").arg(e.detail.toHtmlEscaped()), card));
        auto* show = new QPushButton(tr("Show me"), card);
        show->setObjectName(QStringLiteral("showMe%1").arg(row));
        show->setToolTip(tr("Select it and zoom the timeline to it"));
        connect(show, &QPushButton::clicked, this, [this, row] { activateRow(row); });
        auto* buttonRow = new QHBoxLayout;
        buttonRow->addWidget(show);
        buttonRow->addStretch(1);
        layout->addLayout(buttonRow);
        cards_->addWidget(card);
        buttons_.push_back(show);
    }
    if (rows > kMaxCards)
        cards_->addWidget(wrapped(tr("…and %1 more (the first %2 are shown).").arg(rows - kMaxCards).arg(kMaxCards), content_));
    cards_->addStretch(1);
}

void DiagnosticsPanel::activateRow(int row) {
    if (row < 0 || row >= model_->rowCount())
        return;
    const Diagnostic& diagnostic = model_->diagnostic(row);
    view_->select(diagnostic.selection);
    view_->zoomTo(diagnostic.range);
}

} // namespace awaitscope::ui
