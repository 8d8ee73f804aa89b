#include "MainWindow.h"

#include <QLabel>

namespace awaitscope::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Awaitscope"));
    auto* placeholder = new QLabel(tr("Awaitscope — open a trace or run a lesson"), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1280, 800);
}

} // namespace awaitscope::ui
