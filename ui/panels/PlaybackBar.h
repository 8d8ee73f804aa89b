#pragma once

// The playback controls: to the start, one event back, play/pause, one event forward, to the
// end, the speed, a slider across the whole run to scrub, where the playhead is, and a button
// that leaves playback. Drives a PlaybackController; shows what the ViewState says.
#include "teaching/PlaybackController.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace awaitscope::ui {

class PlaybackBar : public QWidget {
    Q_OBJECT
public:
    PlaybackBar(PlaybackController* controller, TraceDocument* document, ViewState* viewState, QWidget* parent = nullptr);

    QToolButton* playButton() const { return play_; }
    QToolButton* stepForwardButton() const { return forward_; }
    QToolButton* stepBackButton() const { return back_; }
    QComboBox* speedBox() const { return speed_; }
    QSlider* slider() const { return slider_; }
    QLabel* positionLabel() const { return position_; }

private:
    void refresh();

    PlaybackController* controller_;
    TraceDocument* document_;
    ViewState* view_;
    QToolButton* start_;
    QToolButton* back_;
    QToolButton* play_;
    QToolButton* forward_;
    QToolButton* end_;
    QToolButton* stop_;
    QComboBox* speed_;
    QSlider* slider_;
    QLabel* position_;
    bool sliderMoving_ = false;
};

} // namespace awaitscope::ui
