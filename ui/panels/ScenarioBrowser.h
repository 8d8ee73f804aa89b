#pragma once

// The built-in lessons by title, and the recent files. Selecting a lesson shows what it
// teaches; activating it (double-click, Enter or Run) runs it.
#include <awaitscope/script/Scenarios.h>

#include <QWidget>

class QPushButton;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace awaitscope::ui {

class ScenarioBrowser : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioBrowser(QWidget* parent = nullptr);
    void setScenarios(const std::vector<Scenario>& scenarios);
    void setRecentFiles(const QStringList& files);
    // Marks the lesson now open (empty: none).
    void setCurrentScenario(const QString& name);
    QTreeWidget* tree() const { return tree_; }

signals:
    void scenarioRequested(const QString& name);
    void fileRequested(const QString& path);

private:
    void activate(QTreeWidgetItem* item);
    void showLesson(QTreeWidgetItem* item);

    QTreeWidget* tree_;
    QTreeWidgetItem* lessons_;
    QTreeWidgetItem* recent_;
    QTextBrowser* lesson_;
    QPushButton* run_;
    std::vector<Scenario> scenarios_;
};

} // namespace awaitscope::ui
