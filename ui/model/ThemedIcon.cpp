#include "model/ThemedIcon.h"

#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPixmap>

namespace awaitscope::ui {

namespace {

bool isDark(const QPalette& palette) { return palette.color(QPalette::Window).lightness() < 128; }

// The shape of `source` filled with `color`, its alpha kept.
QPixmap tinted(const QPixmap& source, const QColor& color) {
    if (source.isNull())
        return source;
    QPixmap result(source.size());
    result.setDevicePixelRatio(source.devicePixelRatio());
    result.fill(Qt::transparent);
    QPainter p(&result);
    p.drawPixmap(0, 0, source);
    p.setCompositionMode(QPainter::CompositionMode_SourceIn);
    p.fillRect(result.rect(), color);
    return result;
}

// Asks the palette at each paint, so switching the theme recolours every icon already shown.
class ThemedIconEngine : public QIconEngine {
public:
    explicit ThemedIconEngine(QIcon base) : base_(std::move(base)) {}

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
        const QColor color = themedIconColor(QGuiApplication::palette(), mode);
        if (!color.isValid())
            return base_.pixmap(size, mode, state);
        return tinted(base_.pixmap(size, QIcon::Normal, state), color);
    }
    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override {
        const QColor color = themedIconColor(QGuiApplication::palette(), mode);
        if (!color.isValid())
            return base_.pixmap(size, scale, mode, state);
        return tinted(base_.pixmap(size, scale, QIcon::Normal, state), color);
    }
    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        painter->drawPixmap(rect, scaledPixmap(rect.size(), mode, state, ratio));
    }
    QSize actualSize(const QSize& size, QIcon::Mode mode, QIcon::State state) override { return base_.actualSize(size, mode, state); }
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override { return base_.availableSizes(mode, state); }
    QString key() const override { return QStringLiteral("awaitscope-themed"); }
    QIconEngine* clone() const override { return new ThemedIconEngine(base_); }
    bool isNull() override { return base_.isNull(); }

private:
    QIcon base_;
};

} // namespace

QColor themedIconColor(const QPalette& palette, QIcon::Mode mode) {
    if (!isDark(palette))
        return {};
    switch (mode) {
    case QIcon::Disabled: return palette.color(QPalette::Disabled, QPalette::ButtonText);
    case QIcon::Selected: return palette.color(QPalette::HighlightedText);
    case QIcon::Normal:
    case QIcon::Active: break;
    }
    return palette.color(QPalette::Active, QPalette::ButtonText);
}

QIcon themedIcon(const QIcon& base) { return QIcon(new ThemedIconEngine(base)); }

} // namespace awaitscope::ui
