#include "app/NoticeBar.h"

#include "model/ThemedIcon.h"

#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace awaitscope::ui {

NoticeBar::NoticeBar(Kind kind, QWidget* parent) : QWidget(parent) {
    setAutoFillBackground(true);
    QPalette pal = palette();
    const bool dark = pal.color(QPalette::Window).lightness() < 128;
    const QColor fill = kind == Kind::Warning ? (dark ? QColor(0x4a, 0x3b, 0x12) : QColor(0xfd, 0xf1, 0xc8))
                                              : (dark ? QColor(0x1f, 0x35, 0x52) : QColor(0xdd, 0xea, 0xfb));
    pal.setColor(QPalette::Window, fill);
    setPalette(pal);

    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(8, 4, 4, 4);
    outer->setSpacing(3);
    auto* row = new QHBoxLayout;
    row->setSpacing(8);
    icon_ = new QLabel(this);
    const QStyle::StandardPixmap pixmap = kind == Kind::Warning ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation;
    icon_->setPixmap(style()->standardIcon(pixmap).pixmap(18, 18));
    text_ = new QLabel(this);
    text_->setObjectName(QStringLiteral("noticeText"));
    text_->setWordWrap(true);
    text_->setTextFormat(Qt::RichText);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buttons_ = new QHBoxLayout;
    buttons_->setSpacing(4);
    close_ = new QToolButton(this);
    close_->setObjectName(QStringLiteral("dismissNotice"));
    close_->setAutoRaise(true);
    close_->setIcon(themedIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton)));
    close_->setToolTip(tr("Dismiss"));
    row->addWidget(icon_, 0, Qt::AlignTop);
    row->addWidget(text_, 1);
    row->addWidget(close_, 0, Qt::AlignTop);
    outer->addLayout(row);
    // The buttons go under the message, so a narrow timeline keeps the message readable.
    buttons_->setContentsMargins(26, 0, 0, 0);
    buttons_->addStretch(1);
    outer->addLayout(buttons_);
    list_ = new QListWidget(this);
    list_->setObjectName(QStringLiteral("noticeDetails"));
    list_->setMaximumHeight(110);
    list_->setSelectionMode(QAbstractItemView::NoSelection);
    list_->setWordWrap(true);
    list_->hide();
    outer->addWidget(list_);
    connect(close_, &QToolButton::clicked, this, &NoticeBar::dismiss);
    hide();
}

void NoticeBar::clearButtons() {
    // Later: the button being clicked may be the one that replaces this notice.
    while (buttons_->count() > 1) {  // all but the closing stretch
        QLayoutItem* item = buttons_->takeAt(0);
        if (QWidget* button = item->widget()) {
            button->hide();
            button->deleteLater();
        }
        delete item;
    }
}

void NoticeBar::showNotice(const QString& message, const QStringList& details) {
    clearButtons();
    text_->setText(message);
    list_->clear();
    list_->addItems(details);
    list_->setVisible(!details.isEmpty());
    show();
    for (int i = 0; i < buttons_->count(); ++i)
        if (QWidget* button = buttons_->itemAt(i)->widget())
            button->show();
}

QPushButton* NoticeBar::addButton(const QString& text, const QString& objectName) {
    auto* button = new QPushButton(text, this);
    button->setObjectName(objectName);
    buttons_->insertWidget(buttons_->count() - 1, button);
    button->setVisible(isVisible());  // a child added to a shown widget is not shown by itself
    return button;
}

void NoticeBar::dismiss() {
    hide();
    clearButtons();
}

QString NoticeBar::message() const { return text_->text(); }

QStringList NoticeBar::details() const {
    QStringList rows;
    for (int i = 0; i < list_->count(); ++i)
        rows << list_->item(i)->text();
    return rows;
}

QStringList countedWarnings(const QStringList& warnings) {
    QStringList order;
    QHash<QString, int> counts;
    for (const QString& warning : warnings)
        if (counts[warning]++ == 0)
            order << warning;
    QStringList rows;
    for (const QString& warning : order)
        rows << (counts[warning] > 1 ? QObject::tr("%1×  %2").arg(counts[warning]).arg(warning) : warning);
    return rows;
}

} // namespace awaitscope::ui
