#include "model/ThemedIcon.h"

#include <algorithm>

#include <QGuiApplication>
#include <QImage>
#include <QIconEngine>
#include <QPainter>
#include <QPixmap>

namespace awaitscope::ui {

namespace {

bool isDark(const QPalette& palette) { return palette.color(QPalette::Window).lightness() < 128; }

// `source` redrawn in `color`. Its darkest pixels become the ink and its lightest fade out, so
// that an icon drawn for a light background (a floppy's dark outline around a pale label) keeps
// its shape instead of turning into a solid block; an icon of one colour keeps its alpha.
QPixmap tinted(const QPixmap& source, const QColor& color) {
    if (source.isNull())
        return source;
    const QImage image = source.toImage().convertToFormat(QImage::Format_ARGB32);
    int darkest = 255, lightest = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (const QRgb c = image.pixel(x, y); qAlpha(c) > 128) {
                darkest = std::min(darkest, qGray(c));
                lightest = std::max(lightest, qGray(c));
            }
    // An icon of nearly one colour keeps its alpha as the shape. Otherwise the darker half of
    // its range is full ink and the lighter half fades out.
    const int range = lightest - darkest;
    QImage result(image.size(), QImage::Format_ARGB32);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb c = image.pixel(x, y);
            int alpha = qAlpha(c);
            if (range >= 64)
                alpha = alpha * std::clamp((lightest - qGray(c)) * 2 * 255 / range, 0, 255) / 255;
            result.setPixel(x, y, qRgba(color.red(), color.green(), color.blue(), alpha));
        }
    QPixmap pixmap = QPixmap::fromImage(result);
    pixmap.setDevicePixelRatio(source.devicePixelRatio());
    return pixmap;
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
