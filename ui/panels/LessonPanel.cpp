#include "panels/LessonPanel.h"

#include <QRegularExpression>

namespace awaitscope::ui {

namespace {

// `code` in the docstrings becomes code in the panel.
QString inlineMarkup(const QString& text) {
    static const QRegularExpression ticks(QStringLiteral("`([^`]+)`"));
    QString html = text.toHtmlEscaped();
    html.replace(ticks, QStringLiteral("<code>\\1</code>"));
    return html;
}

} // namespace

LessonPanel::LessonPanel(TraceDocument* document, ViewState* viewState, QWidget* parent)
    : QTextBrowser(parent), document_(document), view_(viewState) {
    setObjectName(QStringLiteral("lessonPanel"));
    setOpenLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == QLatin1String("moment"))
            activateMoment(url.path().toInt());
        else if (url.scheme() == QLatin1String("walk"))
            emit walkCriticalPathRequested();
    });
    connect(document_, &TraceDocument::documentChanged, this, &LessonPanel::refresh);
    refresh();
}

void LessonPanel::setLesson(const QString& title, const QString& docstring) {
    lesson_ = docstring.isEmpty() ? LessonText{title, {}, {}} : parseLesson(docstring, title);
    refresh();
}

void LessonPanel::setWelcome(bool welcome) {
    welcome_ = welcome;
    refresh();
}

void LessonPanel::refresh() {
    moments_.clear();
    const auto& model = document_->model();
    for (const QString& item : lesson_.notices)
        moments_.push_back(model ? resolveMoment(*model, item) : std::nullopt);
    QString html;
    if (welcome_)
        html += tr("<table width='100%' cellpadding=8 style='background:#e8f1fb; color:#1d3557'><tr><td>"
                   "<b>Welcome to Awaitscope.</b> It runs small asyncio programs and shows what the event loop "
                   "does, moment by moment. This is the first lesson.<br>"
                   "Press <b>Play</b> (Space) to watch it run, or step one event at a time with <b>.</b> and <b>,</b>; "
                   "click a “What to notice” item below to jump to its moment.</td></tr></table>");
    if (lesson_.title.isEmpty() && lesson_.paragraphs.isEmpty()) {
        html += tr("<p style='color:gray'>This run has no lesson. Pick one in Lessons, or press Play to watch the run.</p>");
        setHtml(html);
        return;
    }
    html += QStringLiteral("<h3>%1</h3>").arg(lesson_.title.toHtmlEscaped());
    for (const QString& paragraph : lesson_.paragraphs)
        html += QStringLiteral("<p>%1</p>").arg(inlineMarkup(paragraph));
    if (!lesson_.notices.isEmpty()) {
        html += tr("<p><b>What to notice</b> <span style='color:gray'>(click to see the moment)</span></p><ul>");
        for (int i = 0; i < lesson_.notices.size(); ++i) {
            const QString text = inlineMarkup(lesson_.notices[i]);
            if (moments_[static_cast<std::size_t>(i)])
                html += QStringLiteral("<li><a href='moment:%1'>%2</a></li>").arg(i).arg(text);
            else
                html += QStringLiteral("<li>%1</li>").arg(text);
        }
        html += QStringLiteral("</ul>");
    }
    if (model && !model->analysis().criticalPath.segments.empty())
        html += tr("<p><a href='walk:path'>Walk the critical path</a> <span style='color:gray'>— the chain of work and "
                   "waiting that set the run's length, one link at a time (] next, [ back)</span></p>");
    setHtml(html);
}

void LessonPanel::activateMoment(int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= moments_.size() || !moments_[static_cast<std::size_t>(index)])
        return;
    const LessonMoment& moment = *moments_[static_cast<std::size_t>(index)];
    if (!moment.selection.isEmpty())
        view_->select(moment.selection);
    view_->setPlayhead(moment.playhead);
    view_->zoomTo(moment.range);
}

} // namespace awaitscope::ui
