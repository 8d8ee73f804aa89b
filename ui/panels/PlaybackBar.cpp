#include "panels/PlaybackBar.h"

#include <awaitscope/analysis/PlayheadState.h>

#include "model/QtText.h"
#include "model/ThemedIcon.h"
#include "timeline/RulerTicks.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

namespace awaitscope::ui {

namespace {

constexpr int kSliderSteps = 10000;

// A sleep that ends: the task joins the ready queue, unless a step holds the loop, when it
// must wait for the loop (the Loop Insides list and the lanes say the same).
QString describeSleepEnd(const DerivedTrace& model, const QString& who, TimeNs time, std::size_t applied) {
    const PlayheadState state(model, time, applied);
    const TaskId holder = state.holder();
    if (holder == kNoTask)
        return QStringLiteral("%1's sleep is over: it joins the ready queue").arg(who);
    const QString holderName = qs(taskLabel(model.trace(), holder));
    return state.task(holder).phase == TaskPhase::Blocking
               ? QStringLiteral("%1's sleep is over, but %2 blocks the loop: it must wait").arg(who, holderName)
               : QStringLiteral("%1's sleep is over; it waits for %2 to give the loop back").arg(who, holderName);
}

// What the last step did, in words: "heartbeat resumes", "main prints “done”". `applied`: the
// items played so far, this one included.
QString describeItem(const DerivedTrace& model, const PlaybackItem& item, std::size_t applied) {
    const Trace& trace = model.trace();
    const QString who = qs(taskLabel(trace, item.task));
    if (item.output)
        return QStringLiteral("%1 prints “%2”").arg(who, qs(trace.str(trace.output[item.index].text)));
    const TraceEvent& e = trace.tasks[item.task].events[item.index];
    switch (e.kind) {
    case EventKind::Ready:
        if (e.detail == static_cast<std::uint8_t>(WaitKind::Timer))
            return describeSleepEnd(model, who, e.time, applied);
        return e.detail == static_cast<std::uint8_t>(WaitKind::Start) ? QStringLiteral("%1 is created and joins the ready queue").arg(who)
                                                                        : QStringLiteral("%1 is woken and joins the ready queue").arg(who);
    case EventKind::Resume:
        if (model.isMainProgram(item.task))
            return QStringLiteral("%1 starts: with no event loop, each line waits for the one before").arg(who);
        return QStringLiteral("the loop runs %1").arg(who);
    case EventKind::Suspend: return QStringLiteral("%1 awaits %2 and gives the loop back").arg(who, qs(model.awaitDescription(e.ref)));
    case EventKind::Finish:
        return e.detail == static_cast<std::uint8_t>(TaskOutcome::Done)     ? QStringLiteral("%1 finishes").arg(who)
               : e.detail == static_cast<std::uint8_t>(TaskOutcome::Failed) ? QStringLiteral("%1 fails").arg(who)
                                                                            : QStringLiteral("%1 is cancelled").arg(who);
    case EventKind::FrameEnter:
        return QStringLiteral("%1 calls %2()").arg(who, e.ref < trace.frames.size() ? qs(trace.str(trace.frames[e.ref].name)) : QStringLiteral("a coroutine"));
    case EventKind::FrameExit:
        return QStringLiteral("%1 returns from %2()").arg(who, e.ref < trace.frames.size() ? qs(trace.str(trace.frames[e.ref].name)) : QStringLiteral("a coroutine"));
    case EventKind::BlockBegin: {
        const QString what = e.ref < trace.blocks.size() ? qs(trace.str(trace.blocks[e.ref].what)) : QStringLiteral("a blocking call");
        if (model.isMainProgram(item.task))
            return QStringLiteral("%1 starts %2 and waits: nothing else happens meanwhile").arg(who, what);
        return QStringLiteral("%1 starts %2 and blocks the loop").arg(who, what);
    }
    case EventKind::BlockEnd: return QStringLiteral("%1's blocking call returns").arg(who);
    }
    return {};
}

QToolButton* button(QWidget* parent, const QString& name, QStyle::StandardPixmap icon, const QString& tip) {
    auto* b = new QToolButton(parent);
    b->setObjectName(name);
    b->setIcon(themedIcon(parent->style()->standardIcon(icon)));
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

} // namespace

PlaybackBar::PlaybackBar(PlaybackController* controller, TraceDocument* document, ViewState* viewState, QWidget* parent)
    : QWidget(parent), controller_(controller), document_(document), view_(viewState) {
    setObjectName(QStringLiteral("playbackBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(2);
    start_ = button(this, QStringLiteral("toStartButton"), QStyle::SP_MediaSkipBackward, tr("To the start (Home)"));
    back_ = button(this, QStringLiteral("stepBackButton"), QStyle::SP_MediaSeekBackward, tr("One event back (,)"));
    play_ = button(this, QStringLiteral("playButton"), QStyle::SP_MediaPlay, tr("Play / pause (Space)"));
    play_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    forward_ = button(this, QStringLiteral("stepForwardButton"), QStyle::SP_MediaSeekForward, tr("One event forward (.)"));
    end_ = button(this, QStringLiteral("toEndButton"), QStyle::SP_MediaSkipForward, tr("To the end"));
    stop_ = button(this, QStringLiteral("stopPlaybackButton"), QStyle::SP_MediaStop, tr("Leave playback: show the whole run"));
    speed_ = new QComboBox(this);
    speed_->setObjectName(QStringLiteral("playbackSpeed"));
    speed_->setToolTip(tr("How fast the program's own (virtual) time plays"));
    for (double speed : PlaybackController::speeds())
        speed_->addItem(speed == PlaybackController::kOneEventPerSecond ? tr("1 event/s") : QStringLiteral("%1×").arg(speed), speed);
    speed_->setCurrentIndex(2);
    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setObjectName(QStringLiteral("playbackSlider"));
    slider_->setRange(0, kSliderSteps);
    slider_->setMinimumWidth(160);
    slider_->setToolTip(tr("Drag to scrub through the run"));
    position_ = new QLabel(this);
    position_->setObjectName(QStringLiteral("playbackPosition"));
    position_->setMinimumWidth(260);
    for (QWidget* w : std::initializer_list<QWidget*>{start_, back_, play_, forward_, end_, speed_, slider_, position_, stop_})
        layout->addWidget(w);
    layout->setStretchFactor(slider_, 1);
    layout->setStretchFactor(position_, 2);

    connect(start_, &QToolButton::clicked, controller_, &PlaybackController::goToStart);
    connect(back_, &QToolButton::clicked, controller_, [this] {
        controller_->pause();
        controller_->stepBackward();
    });
    connect(play_, &QToolButton::clicked, controller_, &PlaybackController::togglePlay);
    connect(forward_, &QToolButton::clicked, controller_, [this] {
        controller_->pause();
        controller_->stepForward();
    });
    connect(end_, &QToolButton::clicked, controller_, &PlaybackController::goToEnd);
    connect(stop_, &QToolButton::clicked, controller_, &PlaybackController::stop);
    connect(speed_, &QComboBox::currentIndexChanged, this, [this](int index) { controller_->setSpeed(speed_->itemData(index).toDouble()); });
    connect(slider_, &QSlider::sliderMoved, this, [this](int value) {
        const auto& model = document_->model();
        if (!model)
            return;
        const TimeRange range = model->range();
        controller_->seekTime(range.begin + static_cast<TimeNs>(static_cast<double>(range.duration()) * value / kSliderSteps));
    });
    connect(controller_, &PlaybackController::playingChanged, this, &PlaybackBar::refresh);
    connect(view_, &ViewState::playheadChanged, this, &PlaybackBar::refresh);
    connect(document_, &TraceDocument::documentChanged, this, &PlaybackBar::refresh);
    refresh();
}

void PlaybackBar::refresh() {
    const auto& model = document_->model();
    const bool playing = controller_->isPlaying();
    play_->setIcon(themedIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay)));
    play_->setText(playing ? tr("Pause") : tr("Play"));
    for (QWidget* w : std::initializer_list<QWidget*>{start_, back_, play_, forward_, end_, slider_, speed_})
        w->setEnabled(static_cast<bool>(model));
    stop_->setEnabled(model && view_->playhead());
    if (!model || !view_->playhead()) {
        const QSignalBlocker blocker(slider_);
        slider_->setValue(kSliderSteps);
        position_->setText(model ? tr("Press Play, or step, to watch the run unfold") : QString());
        return;
    }
    const TimeRange range = model->range();
    const TimeNs time = *view_->playhead();
    {
        const QSignalBlocker blocker(slider_);
        slider_->setValue(static_cast<int>(std::llround(static_cast<double>(time - range.begin) * kSliderSteps / std::max<TimeNs>(1, range.duration()))));
    }
    const std::size_t at = controller_->position();
    QString text = tr("%1 · event %2 of %3").arg(qs(formatMoment(time))).arg(at).arg(controller_->length());
    if (at > 0) {
        // The last thing that happened, with its own time when that was earlier.
        const PlaybackItem last = model->playbackItem(at - 1);
        text += last.time == time ? tr(" · now: %1").arg(describeItem(*model, last, at))
                                  : tr(" · last, at %1: %2").arg(qs(formatMoment(last.time)), describeItem(*model, last, at));
    }
    position_->setText(text);
}

} // namespace awaitscope::ui
