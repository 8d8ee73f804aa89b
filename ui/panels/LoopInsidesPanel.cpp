#include "panels/LoopInsidesPanel.h"

#include "teaching/DiagnosticExplainer.h"
#include "model/QtText.h"
#include "timeline/RulerTicks.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace awaitscope::ui {

namespace {

QString taskText(const DerivedTrace& model, TaskId task) {
    // "Task-3 (slow_step_blocking)": the name the lane shows, with the coroutine it runs.
    return task < model.taskCount() ? qs(taskLabel(model.trace(), task)) : QObject::tr("a task");
}

// A queued callback as the loop will run it: a task's step is the task itself; any other
// callback says whose bookkeeping it is and which task it is about.
QString callbackText(const DerivedTrace& model, const QueuedCallback& c) {
    const bool hasTask = c.task < model.taskCount();
    const QString task = taskText(model, c.task);
    switch (c.what) {
    case CallbackKind::TaskStep:
    case CallbackKind::TaskWakeup: return task;
    case CallbackKind::TimerDue:
        return hasTask ? QObject::tr("%1: its sleep ended at %2").arg(task, qs(formatMoment(c.due))) : QObject::tr("a sleep's timer");
    case CallbackKind::LoopStop:
        return QObject::tr("asyncio.run's callback: %1 finished, so the loop stops").arg(task);
    case CallbackKind::GatherChild: return QObject::tr("gather's bookkeeping: %1 finished").arg(task);
    case CallbackKind::TaskGroupChild: return QObject::tr("the TaskGroup's bookkeeping: %1 finished").arg(task);
    case CallbackKind::WaitChild:
        return hasTask ? QObject::tr("asyncio.wait's (or wait_for's) bookkeeping: %1 finished").arg(task)
                       : QObject::tr("asyncio.wait's (or wait_for's) bookkeeping: an awaitable finished");
    case CallbackKind::ShieldLink: return QObject::tr("asyncio.shield's bookkeeping: the shielded work or its waiter finished");
    case CallbackKind::Timeout: return QObject::tr("a timeout's deadline (asyncio.timeout, wait_for or wait)");
    case CallbackKind::ThreadResult:
        return hasTask ? QObject::tr("a worker thread's result, for %1").arg(task) : QObject::tr("a worker thread's result");
    case CallbackKind::Program:
        return hasTask ? QObject::tr("the program's own callback (add_done_callback): %1 finished").arg(task)
                       : QObject::tr("the program's own callback (loop.call_soon, call_later or call_at)");
    case CallbackKind::AsyncGenClose: return QObject::tr("closing an async generator that was dropped before its end");
    case CallbackKind::RunCleanup:
        return QObject::tr("asyncio.run's cleanup: %1, cancelled as the run ended, has finished").arg(task);
    case CallbackKind::StreamIo: return QObject::tr("a stream's connection: a connect finishing, or a close");
    case CallbackKind::Other: break;
    }
    return hasTask ? task : QObject::tr("a callback (this trace does not say whose)");
}

QString lineOf(const Trace& trace, SiteId site) {
    if (site == kUnknownSite || site >= trace.sites.size())
        return {};
    const QString code = sourceLine(trace, site);
    const QString where = QStringLiteral("line %1").arg(trace.sites[site].line);
    return code.isEmpty() ? where : QStringLiteral("%1: %2").arg(where, code);
}

QLabel* heading(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

} // namespace

LoopInsidesPanel::LoopInsidesPanel(TraceDocument* document, ViewState* viewState, QWidget* parent)
    : QWidget(parent), document_(document), view_(viewState) {
    setObjectName(QStringLiteral("loopInsidesPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(3);
    source_ = new QLabel(this);
    source_->setObjectName(QStringLiteral("insidesSource"));
    source_->setWordWrap(true);
    holder_ = new QLabel(this);
    holder_->setObjectName(QStringLiteral("holderLabel"));
    holder_->setWordWrap(true);
    holder_->setTextFormat(Qt::RichText);
    readyTitle_ = heading(tr("Ready queue: runs next, in this order"), this);
    ready_ = new QListWidget(this);
    ready_->setObjectName(QStringLiteral("readyQueueList"));
    ready_->setWordWrap(true);  // a callback is a sentence; the dock is narrow
    timersTitle_ = heading(tr("Timer heap: sleeping tasks, by deadline"), this);
    timers_ = new QTreeWidget(this);
    timers_->setObjectName(QStringLiteral("timerHeapList"));
    timers_->setHeaderLabels({tr("Due at"), tr("Wakes"), tr("In")});
    timers_->setRootIsDecorated(false);
    timers_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    timersNote_ = new QLabel(this);
    timersNote_->setObjectName(QStringLiteral("timersNote"));
    timersNote_->setWordWrap(true);
    waits_ = new QListWidget(this);
    waits_->setObjectName(QStringLiteral("awaitList"));
    waits_->setWordWrap(true);
    // The lists may shrink to a few rows: the dock shares its column with the code.
    for (QWidget* list : std::initializer_list<QWidget*>{ready_, timers_, waits_})
        list->setMinimumHeight(36);
    layout->addWidget(source_);
    // Everything below the source line is about an event loop; a trace from elsewhere has none.
    loopParts_ = new QWidget(this);
    auto* parts = new QVBoxLayout(loopParts_);
    parts->setContentsMargins(0, 0, 0, 0);
    parts->setSpacing(3);
    parts->addWidget(heading(tr("Holding the loop"), this));
    parts->addWidget(holder_);
    parts->addWidget(readyTitle_);
    parts->addWidget(ready_, 2);
    parts->addWidget(timersTitle_);
    parts->addWidget(timers_, 2);
    parts->addWidget(timersNote_);
    parts->addWidget(heading(tr("Waiting on something else"), this));
    parts->addWidget(waits_, 2);
    layout->addWidget(loopParts_, 1);

    auto selectTask = [this](QVariant data) {
        bool ok = false;
        const uint task = data.toUInt(&ok);
        if (ok && document_->model() && task < document_->model()->taskCount())
            view_->select(Selection::ofTask(task));
    };
    connect(ready_, &QListWidget::itemClicked, this, [selectTask](QListWidgetItem* item) { selectTask(item->data(Qt::UserRole)); });
    connect(waits_, &QListWidget::itemClicked, this, [selectTask](QListWidgetItem* item) { selectTask(item->data(Qt::UserRole)); });
    connect(timers_, &QTreeWidget::itemClicked, this, [selectTask](QTreeWidgetItem* item) { selectTask(item->data(0, Qt::UserRole)); });
    auto changed = [this] {
        stale_ = true;
        if (isVisible())
            refresh();
    };
    connect(document_, &TraceDocument::documentChanged, this, changed);
    connect(view_, &ViewState::playheadChanged, this, changed);
    refresh();
}

void LoopInsidesPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (stale_)
        refresh();
}

void LoopInsidesPanel::refresh() {
    stale_ = false;
    ready_->clear();
    timers_->clear();
    waits_->clear();
    insides_ = {};
    const auto& model = document_->model();
    const bool asyncio = !model || model->trace().metadata.fromAsyncio();
    const bool loop = !model || model->trace().hasEventLoop();
    loopParts_->setVisible(asyncio && loop);
    if (!asyncio) {
        source_->setText(tr("This trace was not recorded from an asyncio program (it was read from %1): "
                            "it has no event loop, ready queue or timers to look inside.")
                             .arg(qs(model->trace().metadata.recorder)));
        return;
    }
    if (!loop) {
        source_->setText(tr("This program never started an event loop (it has no asyncio.run), so there is no ready "
                            "queue or timer heap to look inside: it runs one line after another."));
        return;
    }
    if (!model || !view_->playhead()) {
        // No playhead, no moment: the lists are empty, so the titles count nothing either.
        timersNote_->hide();
        source_->setText(model ? tr("Press Play or step through the run: this panel shows what the event loop holds at the playhead.")
                               : QString());
        holder_->clear();
        readyTitle_->setText(tr("Ready queue: runs next, in this order"));
        timersTitle_->setText(tr("Timer heap: sleeping tasks, by deadline"));
        return;
    }
    const Trace& trace = model->trace();
    const PlayheadState state(*model, *view_->playhead(), view_->playheadStep());
    insides_ = loopInsidesAt(*model, state);
    if (insides_.recorded)
        source_->setText(tr("Recorded: the queues as the loop began iteration %1, at %2.")
                             .arg(insides_.iteration)
                             .arg(qs(formatMoment(insides_.iterationTime))));
    else
        source_->setText(tr("Approximation: this trace did not record the loop's queues, so they are rebuilt from the "
                            "tasks' states (the order in the ready queue may differ)."));

    if (insides_.holder == kNoTask) {
        holder_->setText(tr("Nobody: the loop is between steps, or idle until the next timer is due."));
    } else {
        QString text = tr("<b>%1</b> runs").arg(taskText(*model, insides_.holder).toHtmlEscaped());
        if (const QString line = lineOf(trace, insides_.holderLine); !line.isEmpty())
            text += tr(", at %1").arg(line.toHtmlEscaped());
        if (insides_.holderBlocking)
            text += tr("<br><span style='color:#c0392b'>inside a blocking call: the loop is frozen, nothing else can run.</span>");
        holder_->setText(text);
    }

    // The callback running now has left the queue: it is listed first, unnumbered and uncounted,
    // so that the count is the Ready queue lane's.
    const std::size_t readyShown = std::min(insides_.ready.size(), kMaxInsidesRows);
    std::size_t waiting = 0;
    bool sleepEnded = false;
    for (std::size_t i = 0; i < readyShown; ++i) {
        const QueuedCallback& c = insides_.ready[i];
        const bool runsTask = c.what == CallbackKind::TaskStep || c.what == CallbackKind::TaskWakeup || c.what == CallbackKind::TimerDue;
        const bool running = runsTask && c.task != kNoTask && c.task == insides_.holder;
        QString text = running ? tr("▶ %1  — running now").arg(callbackText(*model, c))
                               : QStringLiteral("%1. %2").arg(++waiting).arg(callbackText(*model, c));
        if (!running && c.what == CallbackKind::TimerDue && insides_.holder != kNoTask) {
            text += insides_.holderBlocking ? tr("; it waits for the frozen loop") : tr("; it waits for the loop");
            sleepEnded = true;
        }
        auto* item = new QListWidgetItem(text, ready_);
        item->setData(Qt::UserRole, c.task == kNoTask ? QVariant() : QVariant(c.task));
    }
    waiting += insides_.ready.size() - readyShown;
    if (insides_.ready.empty())
        new QListWidgetItem(tr("(empty)"), ready_);
    readyTitle_->setText(tr("Ready queue: runs next, in this order (%1)").arg(waiting));

    const std::size_t timersShown = std::min(insides_.timers.size(), kMaxInsidesRows);
    for (std::size_t i = 0; i < timersShown; ++i) {
        const QueuedCallback& c = insides_.timers[i];
        auto* item = new QTreeWidgetItem(timers_, {qs(formatMoment(c.due)), c.what == CallbackKind::TimerDue ? taskText(*model, c.task) : callbackText(*model, c),
                                                   c.due >= state.time() ? qs(plainDuration(c.due - state.time()))
                                                                         : tr("overdue by %1").arg(qs(plainDuration(state.time() - c.due)))});
        item->setData(0, Qt::UserRole, c.task == kNoTask ? QVariant() : QVariant(c.task));
    }
    timersTitle_->setText(tr("Timer heap: sleeping tasks, by deadline (%1)").arg(insides_.timers.size()));
    timersNote_->setText(sleepEnded ? tr("A sleep that ends while a step holds the loop makes its task ready at once, as the "
                                         "lanes show it; it waits at the end of the ready queue. (asyncio itself keeps the "
                                         "timer in its heap until the loop gets control back, then moves it there.)")
                                    : QString());
    timersNote_->setVisible(sleepEnded);

    for (const AwaitEdge& edge : insides_.waits) {
        QString text = tr("%1 awaits %2").arg(taskText(*model, edge.waiter), qs(edge.what));
        if (!edge.targets.empty()) {
            // A TaskGroup of thousands awaits thousands: name a few, count the rest.
            constexpr std::size_t kNamedTargets = 5;
            QStringList names;
            for (std::size_t i = 0; i < edge.targets.size() && i < kNamedTargets; ++i)
                names << taskText(*model, edge.targets[i]);
            if (edge.targets.size() > kNamedTargets)
                names << tr("and %1 more").arg(countText(edge.targets.size() - kNamedTargets));
            text += QStringLiteral(" → ") + names.join(QStringLiteral(", "));
        }
        if (edge.line != kUnknownSite && edge.line < trace.sites.size())
            text += tr(" (line %1)").arg(trace.sites[edge.line].line);
        auto* item = new QListWidgetItem(text, waits_);
        item->setData(Qt::UserRole, edge.waiter);
    }
    if (insides_.waits.empty())
        new QListWidgetItem(tr("(nobody)"), waits_);
}

} // namespace awaitscope::ui
