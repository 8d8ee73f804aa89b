#include "app/TimelineRenderer.h"

#include "timeline/TimelineFrame.h"
#include "timeline/TimelinePainter.h"

#include <QFileInfo>
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

bool writeTimelinePng(const DerivedTrace& model, const RenderOptions& options, const QString& path, QString* error) {
    const QImage image = renderTimelineImage(model, options);
    if (!image.save(path, "PNG")) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

bool writeTimelineSvg(const DerivedTrace& model, const RenderOptions& options, const QString& path, QString* error) {
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(options.size);
    generator.setViewBox(QRect(QPoint(0, 0), options.size));
    generator.setTitle(QString::fromStdString(model.trace().metadata.title));
    generator.setDescription(QStringLiteral("Awaitscope timeline"));
    QPainter painter;
    if (!painter.begin(&generator)) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    paintInto(painter, model, options);
    painter.end();
    if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace awaitscope::ui
