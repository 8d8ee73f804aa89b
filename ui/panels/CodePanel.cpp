#include "panels/CodePanel.h"

#include "model/SelectionInfo.h"
#include "panels/CodeEditor.h"
#include "panels/PythonHighlighter.h"

#include <QFile>
#include <QFileInfo>
#include <QEvent>
#include <QLabel>
#include <QTextBlock>
#include <QVBoxLayout>

namespace awaitscope::ui {

namespace {

constexpr qint64 kMaxSourceBytes = 4 * 1024 * 1024;

QString q(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }

bool sameFile(const QString& a, const QString& b) {
    return !a.isEmpty() && !b.isEmpty() && (a == b || QFileInfo(a).fileName() == QFileInfo(b).fileName());
}

} // namespace

CodePanel::CodePanel(TraceDocument* document, ViewState* viewState, QWidget* parent)
    : QWidget(parent), document_(document), view_(viewState) {
    setObjectName(QStringLiteral("codePanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    header_ = new QLabel(this);
    header_->setContentsMargins(6, 3, 6, 3);
    header_->setTextFormat(Qt::PlainText);
    editor_ = new CodeEditor(this);
    layout->addWidget(header_);
    layout->addWidget(editor_, 1);
    highlighter_ = new PythonHighlighter(editor_->document(), palette().color(QPalette::Base).lightness() < 128);
    connect(document_, &TraceDocument::documentChanged, this, &CodePanel::showDocument);
    connect(view_, &ViewState::selectionChanged, this, &CodePanel::showSelection);
    showDocument();
}

QString CodePanel::lineText(int line) const {
    const QTextBlock block = editor_->document()->findBlockByNumber(line - 1);
    return block.isValid() ? block.text() : QString();
}

void CodePanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) {
        // Colours that read on light paper do not read on dark: follow the palette.
        delete highlighter_;
        highlighter_ = new PythonHighlighter(editor_->document(), palette().color(QPalette::Base).lightness() < 128);
        highlight(highlightedLine_);
    }
    QWidget::changeEvent(event);
}

void CodePanel::showDocument() {
    shownFile_.clear();
    highlight(0);
    const auto& model = document_->model();
    if (!model) {
        editor_->setPlainText(QString());
        header_->setText(tr("No program open."));
        return;
    }
    const TraceMetadata& meta = model->trace().metadata;
    if (!meta.sourceText.empty()) {
        shownFile_ = QString::fromStdString(meta.sourceFile);
        editor_->setPlainText(QString::fromStdString(meta.sourceText));
        header_->setText(shownFile_.isEmpty() ? tr("Program") : shownFile_);
    } else {
        editor_->setPlainText(QString());
        header_->setText(tr("This trace carries no source text. Select something to see its line."));
    }
}

bool CodePanel::showFile(const QString& file) {
    const auto& model = document_->model();
    if (!model)
        return false;
    if (sameFile(file, shownFile_))
        return true;
    const TraceMetadata& meta = model->trace().metadata;
    if (sameFile(file, QString::fromStdString(meta.sourceFile)) && !meta.sourceText.empty()) {
        showDocument();
        return true;
    }
    // A C++ program recorded with the runtime: its sources may be right here on disk.
    QFile source(file);
    if (source.size() > kMaxSourceBytes || !source.open(QIODevice::ReadOnly))
        return false;
    shownFile_ = file;
    editor_->setPlainText(QString::fromUtf8(source.readAll()));
    return true;
}

void CodePanel::showSelection(const Selection& selection) {
    const auto& model = document_->model();
    if (!model)
        return;
    const SelectionInfo info = describeSelection(*model, selection);
    const Trace& trace = model->trace();
    if (!info.valid || info.site == kUnknownSite || info.site >= trace.sites.size()) {
        highlight(0);
        header_->setText(shownFile_.isEmpty() ? header_->text() : shownFile_);
        return;
    }
    const Site& site = trace.sites[info.site];
    const QString file = q(trace.str(site.file));
    if (!showFile(file)) {
        highlight(0);
        header_->setText(tr("%1, line %2 (the source is not in this trace)").arg(QFileInfo(file).fileName()).arg(site.line));
        return;
    }
    highlight(static_cast<int>(site.line));
    header_->setText(tr("%1 — line %2").arg(QFileInfo(shownFile_).fileName()).arg(site.line));
}

void CodePanel::highlight(int line) {
    highlightedLine_ = line > 0 && line <= editor_->document()->blockCount() ? line : 0;
    editor_->setMarkedLine(highlightedLine_);
    QList<QTextEdit::ExtraSelection> selections;
    if (highlightedLine_ > 0) {
        QTextEdit::ExtraSelection marked;
        QColor color = palette().color(QPalette::Highlight);
        color.setAlpha(70);
        marked.format.setBackground(color);
        marked.format.setProperty(QTextFormat::FullWidthSelection, true);
        marked.cursor = QTextCursor(editor_->document()->findBlockByNumber(highlightedLine_ - 1));
        selections << marked;
        editor_->setTextCursor(marked.cursor);
        editor_->centerCursor();
    }
    editor_->setExtraSelections(selections);
    editor_->viewport()->update();
}

} // namespace awaitscope::ui
