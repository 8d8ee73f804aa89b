#pragma once

// Plays the open run back by moving the ViewState's playhead: at a chosen speed of the
// virtual time (0.25x .. 8x), or one event a second; steps one event forwards or backwards;
// seeks anywhere. Every panel just follows the playhead, so playing, stepping and scrubbing
// look the same to them in both directions.
#include "model/TraceDocument.h"
#include "model/ViewState.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace awaitscope::ui {

class PlaybackController : public QObject {
    Q_OBJECT
public:
    // The speeds offered; kOneEventPerSecond plays event by event instead of by time.
    static constexpr double kOneEventPerSecond = 0.0;
    static const std::vector<double>& speeds();

    PlaybackController(TraceDocument* document, ViewState* viewState, QObject* parent = nullptr);

    bool isPlaying() const { return timer_.isActive(); }
    double speed() const { return speed_; }
    // Playback items that have happened at the playhead (0 at the start, or with no playhead).
    std::size_t position() const;
    std::size_t length() const;

    // Moves the playhead as `wallNs` of real time passing would (what the timer does).
    void advance(TimeNs wallNs);

public slots:
    void play();
    void pause();
    void togglePlay();
    void setSpeed(double speed);
    void stepForward();
    void stepBackward();
    // Puts the playhead after `items` playback items.
    void seekStep(std::size_t items);
    void seekTime(awaitscope::TimeNs time);
    void goToStart();
    void goToEnd();
    // Leaves playback: no playhead, everything shown.
    void stop();

signals:
    void playingChanged(bool playing);
    void speedChanged(double speed);

private:
    void tick();
    void keepInView(TimeNs time);

    TraceDocument* document_;
    ViewState* view_;
    QTimer timer_;
    QElapsedTimer clock_;
    double speed_ = 1.0;
    TimeNs sinceLastStep_ = 0;  // event-by-event mode: wall time since the last step
};

} // namespace awaitscope::ui
