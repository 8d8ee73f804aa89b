#include "panels/ScenarioBrowser.h"

#include "teaching/Lesson.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace awaitscope::ui {

namespace {
enum ItemRole { KindRole = Qt::UserRole + 1, ValueRole };
enum ItemKind { LessonItem = 1, FileItem = 2 };
} // namespace

ScenarioBrowser::ScenarioBrowser(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("scenarioBrowser"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    tree_ = new QTreeWidget(splitter);
    tree_->setHeaderHidden(true);
    tree_->setRootIsDecorated(true);
    lessons_ = new QTreeWidgetItem(tree_, {tr("Lessons")});
    recent_ = new QTreeWidgetItem(tree_, {tr("Recent files")});
    for (QTreeWidgetItem* top : {lessons_, recent_}) {
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        top->setFlags(Qt::ItemIsEnabled);
        top->setExpanded(true);
    }
    auto* bottom = new QWidget(splitter);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    lesson_ = new QTextBrowser(bottom);
    lesson_->setObjectName(QStringLiteral("lessonText"));
    run_ = new QPushButton(tr("Run this lesson"), bottom);
    run_->setEnabled(false);
    bottomLayout->addWidget(lesson_, 1);
    bottomLayout->addWidget(run_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter);

    connect(tree_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) { activate(item); });
    connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) { showLesson(item); });
    connect(run_, &QPushButton::clicked, this, [this] { activate(tree_->currentItem()); });
}

void ScenarioBrowser::setScenarios(const std::vector<Scenario>& scenarios) {
    scenarios_ = scenarios;
    qDeleteAll(lessons_->takeChildren());
    for (const Scenario& scenario : scenarios_) {
        auto* item = new QTreeWidgetItem(lessons_, {QString::fromStdString(scenario.title)});
        item->setData(0, KindRole, LessonItem);
        item->setData(0, ValueRole, QString::fromStdString(scenario.name));
        item->setToolTip(0, QString::fromStdString(scenario.fileName));
    }
    if (scenarios_.empty()) {
        auto* none = new QTreeWidgetItem(lessons_, {tr("(no lessons available)")});
        none->setFlags(Qt::NoItemFlags);
    }
}

void ScenarioBrowser::setRecentFiles(const QStringList& files) {
    qDeleteAll(recent_->takeChildren());
    for (const QString& path : files) {
        auto* item = new QTreeWidgetItem(recent_, {QFileInfo(path).fileName()});
        item->setData(0, KindRole, FileItem);
        item->setData(0, ValueRole, path);
        item->setToolTip(0, path);
    }
    if (files.isEmpty()) {
        auto* none = new QTreeWidgetItem(recent_, {tr("(none yet: File ▸ Open, or drop a file here)")});
        none->setFlags(Qt::NoItemFlags);
    }
}

void ScenarioBrowser::setCurrentScenario(const QString& name) {
    bool found = false;
    for (int i = 0; i < lessons_->childCount(); ++i) {
        QTreeWidgetItem* item = lessons_->child(i);
        QFont font = item->font(0);
        const bool current = !name.isEmpty() && item->data(0, ValueRole).toString() == name;
        font.setBold(current);
        item->setFont(0, font);
        if (current) {
            tree_->setCurrentItem(item);
            found = true;
        }
    }
    // A trace file (or a program) is open, not a lesson: no lesson stays highlighted.
    if (!found && tree_->currentItem() && tree_->currentItem()->data(0, KindRole).toInt() == LessonItem) {
        tree_->setCurrentItem(nullptr);
        tree_->clearSelection();
    }
}

void ScenarioBrowser::activate(QTreeWidgetItem* item) {
    if (!item)
        return;
    const int kind = item->data(0, KindRole).toInt();
    if (kind == LessonItem)
        emit scenarioRequested(item->data(0, ValueRole).toString());
    else if (kind == FileItem)
        emit fileRequested(item->data(0, ValueRole).toString());
}

void ScenarioBrowser::showLesson(QTreeWidgetItem* item) {
    const bool lesson = item && item->data(0, KindRole).toInt() == LessonItem;
    run_->setEnabled(lesson);
    if (!lesson) {
        lesson_->clear();
        return;
    }
    const QString name = item->data(0, ValueRole).toString();
    for (const Scenario& scenario : scenarios_) {
        if (QString::fromStdString(scenario.name) != name)
            continue;
        const LessonText lesson = parseLesson(QString::fromStdString(scenario.lesson), QString::fromStdString(scenario.title));
        QString html = QStringLiteral("<h3>%1</h3>").arg(lesson.title.toHtmlEscaped());
        for (const QString& paragraph : lesson.paragraphs)
            html += QStringLiteral("<p>%1</p>").arg(paragraph.toHtmlEscaped());
        lesson_->setHtml(html);
    }
}

} // namespace awaitscope::ui
