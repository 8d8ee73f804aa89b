#pragma once

#include <QMainWindow>

namespace awaitscope::ui {

// The explorer's main window: timeline in the centre, panels in docks around it.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace awaitscope::ui
