#pragma once

// A bar across the top of the timeline that says one thing and stays until it is dismissed
// or replaced (Qt Creator's info bars, KDE's message widgets): an icon, a message, buttons
// for what the user can do about it, an optional list of details, and a close button.
#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QHBoxLayout;
class QToolButton;

namespace awaitscope::ui {

class NoticeBar : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Information, Warning };
    explicit NoticeBar(Kind kind, QWidget* parent = nullptr);

    // Shows the bar with `message` (rich text) and `details` (one row each; none: no list),
    // dropping the buttons of the last notice.
    void showNotice(const QString& message, const QStringList& details = {});
    QPushButton* addButton(const QString& text, const QString& objectName);
    void dismiss();  // hides the bar (what the close button does)

    QString message() const;
    QStringList details() const;
    QListWidget* detailsList() const { return list_; }
    QToolButton* closeButton() const { return close_; }

private:
    void clearButtons();

    QLabel* icon_;
    QLabel* text_;
    QHBoxLayout* buttons_;
    QToolButton* close_;
    QListWidget* list_;
};

// Warnings as a list to read: identical ones folded into one row with their count ("3×  …"),
// in the order they first appeared.
QStringList countedWarnings(const QStringList& warnings);

} // namespace awaitscope::ui
