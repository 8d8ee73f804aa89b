#pragma once

// Asks for the size of an exported picture, with presets for slides.
#include <QDialog>

class QSpinBox;

namespace awaitscope::ui {

class ImageSizeDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImageSizeDialog(QSize initial, QWidget* parent = nullptr);
    QSize imageSize() const;

private:
    QSpinBox* width_;
    QSpinBox* height_;
};

} // namespace awaitscope::ui
