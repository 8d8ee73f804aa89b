#include "app/TimelineRenderer.h"

#include "timeline/TimelineFrame.h"
#include "timeline/TimelinePainter.h"

#include <awaitscope/io/SaveFile.h>

#include <QBuffer>
#include <QFile>
#include <QPainter>
#include <QSvgGenerator>

namespace awaitscope::ui {

namespace {

void paintInto(QPainter& painter, const DerivedTrace& model, const RenderOptions& options) {
    const TimelineStyle style = options.dark ? TimelineStyle::darkStyle() : TimelineStyle::light();
    const TimelineLayout layout(model, options.collapsedTasks, options.expandedGroups);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    TimelinePainter().paint(painter, renderFrame(model, options, layout, style));
}

} // namespace

TimelineFrame renderFrame(const DerivedTrace& model, const RenderOptions& options, const TimelineLayout& layout,
                          const TimelineStyle& style) {
    TimelineFrame frame;
    frame.model = &model;
    frame.layout = &layout;
    frame.style = &style;
    frame.rect = QRect(QPoint(0, 0), options.size);
    frame.visible = options.visible.value_or(defaultVisibleRange(model));
    frame.scrollY = options.scrollY;
    frame.selection = options.selection;
    frame.showCriticalPath = options.criticalPath;
    frame.title = options.title.isEmpty() ? QString::fromStdString(model.trace().metadata.title) : options.title;
    return frame;
}

TimeRange defaultVisibleRange(const DerivedTrace& model) { return fitAllRange(model.range()); }

QImage renderTimelineImage(const DerivedTrace& model, const RenderOptions& options) {
    QImage image(options.size * options.devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(options.devicePixelRatio);
    image.fill(Qt::white);
    QPainter painter(&image);
    paintInto(painter, model, options);
    return image;
}

namespace {

// Pictures are saved like traces (saveFile): a failed save keeps the old picture.
bool savePicture(const QByteArray& bytes, const QString& path, QString* error) {
    const SaveResult saved = saveFile(QFile::encodeName(path).toStdString(), std::string_view(bytes.data(), bytes.size()));
    if (!saved.ok && error)
        *error = QString::fromStdString(saved.error);
    return saved.ok;
}

} // namespace

bool writeTimelinePng(const DerivedTrace& model, const RenderOptions& options, const QString& path, QString* error) {
    QByteArray png;
    QBuffer buffer(&png);
    if (!buffer.open(QIODevice::WriteOnly) || !renderTimelineImage(model, options).save(&buffer, "PNG")) {
        if (error)
            *error = QStringLiteral("%1: cannot encode the picture as PNG").arg(path);
        return false;
    }
    return savePicture(png, path, error);
}

bool writeTimelineSvg(const DerivedTrace& model, const RenderOptions& options, const QString& path, QString* error) {
    QByteArray svg;
    QBuffer buffer(&svg);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(options.size);
    generator.setViewBox(QRect(QPoint(0, 0), options.size));
    generator.setTitle(QString::fromStdString(model.trace().metadata.title));
    generator.setDescription(QStringLiteral("Awaitscope timeline"));
    QPainter painter;
    if (!painter.begin(&generator)) {
        if (error)
            *error = QStringLiteral("%1: cannot draw the picture as SVG").arg(path);
        return false;
    }
    paintInto(painter, model, options);
    painter.end();
    return savePicture(svg, path, error);
}

} // namespace awaitscope::ui
