#include "teaching/PlaybackController.h"

#include <algorithm>
#include <cmath>

namespace awaitscope::ui {

namespace {
constexpr int kFrameMs = 16;  // about 60 updates a second
constexpr TimeNs kWallSecond = 1'000'000'000;
} // namespace

const std::vector<double>& PlaybackController::speeds() {
    static const std::vector<double> list = {0.25, 0.5, 1.0, 2.0, 4.0, 8.0, kOneEventPerSecond};
    return list;
}

PlaybackController::PlaybackController(TraceDocument* document, ViewState* viewState, QObject* parent)
    : QObject(parent), document_(document), view_(viewState) {
    timer_.setInterval(kFrameMs);
    connect(&timer_, &QTimer::timeout, this, &PlaybackController::tick);
    connect(document_, &TraceDocument::documentChanged, this, &PlaybackController::pause);
}

std::size_t PlaybackController::length() const {
    const auto& model = document_->model();
    return model ? model->playbackLength() : 0;
}

std::size_t PlaybackController::position() const {
    const auto& model = document_->model();
    if (!model || !view_->playhead())
        return 0;
    if (view_->playheadStep())
        return std::min(*view_->playheadStep(), model->playbackLength());
    return model->playbackCountAtOrBefore(*view_->playhead());
}

void PlaybackController::play() {
    const auto& model = document_->model();
    if (!model || isPlaying())
        return;
    // From the end, play starts over.
    if (!view_->playhead() || position() >= length())
        goToStart();
    sinceLastStep_ = 0;
    clock_.start();
    timer_.start();
    emit playingChanged(true);
}

void PlaybackController::pause() {
    if (!isPlaying())
        return;
    timer_.stop();
    emit playingChanged(false);
}

void PlaybackController::togglePlay() { isPlaying() ? pause() : play(); }

void PlaybackController::setSpeed(double speed) {
    if (speed == speed_)
        return;
    speed_ = speed;
    sinceLastStep_ = 0;
    emit speedChanged(speed_);
}

void PlaybackController::tick() {
    const qint64 elapsed = clock_.nsecsElapsed();
    clock_.restart();
    advance(elapsed);
}

void PlaybackController::advance(TimeNs wallNs) {
    const auto& model = document_->model();
    if (!model)
        return;
    if (speed_ == kOneEventPerSecond) {
        sinceLastStep_ += wallNs;
        while (sinceLastStep_ >= kWallSecond) {
            sinceLastStep_ -= kWallSecond;
            stepForward();
        }
    } else {
        const TimeNs from = view_->playhead().value_or(model->range().begin);
        const TimeNs to = std::min(model->range().end, from + static_cast<TimeNs>(std::llround(static_cast<double>(wallNs) * speed_)));
        // Keep an exact step position if time did not move past the instant it is in.
        if (to > from || !view_->playheadStep())
            view_->setPlayhead(to);
        keepInView(to);
    }
    if (position() >= length())
        pause();
}

void PlaybackController::seekStep(std::size_t items) {
    const auto& model = document_->model();
    if (!model)
        return;
    items = std::min(items, model->playbackLength());
    const TimeNs time = items > 0 ? model->playbackItem(items - 1).time : model->range().begin;
    view_->setPlayheadStep(time, items);
    keepInView(time);
}

void PlaybackController::seekTime(TimeNs time) {
    const auto& model = document_->model();
    if (!model)
        return;
    view_->setPlayhead(std::clamp(time, model->range().begin, model->range().end));
}

void PlaybackController::stepForward() {
    if (position() < length() || !view_->playhead())
        seekStep(view_->playhead() ? position() + 1 : 1);
}

void PlaybackController::stepBackward() {
    const std::size_t at = position();
    seekStep(at > 0 ? at - 1 : 0);
}

void PlaybackController::goToStart() { seekStep(0); }

void PlaybackController::goToEnd() { seekStep(length()); }

void PlaybackController::stop() {
    pause();
    view_->setPlayhead(std::nullopt);
}

void PlaybackController::keepInView(TimeNs time) {
    // Like a page turning: when the playhead leaves the view, the view moves to show it near
    // its left edge, so what is about to happen is in sight.
    const TimeRange visible = view_->visibleRange();
    if (time >= visible.begin && time <= visible.end)
        return;
    view_->panBy(time - visible.begin - visible.duration() / 5);
}

} // namespace awaitscope::ui
