#include "timeline/TimelineStyle.h"

#include <QGuiApplication>

namespace awaitscope::ui {

namespace {

void setFonts(TimelineStyle& style) {
    QFont base = QGuiApplication::font();
    base.setPixelSize(12);
    style.font = base;
    style.smallFont = base;
    style.smallFont.setPixelSize(11);
    style.boldFont = base;
    style.boldFont.setBold(true);
    style.titleFont = base;
    style.titleFont.setPixelSize(13);
    style.titleFont.setBold(true);
}

} // namespace

QColor TimelineStyle::taskColor(TaskId task) const {
    // Ten distinct colours, none red or orange: red means "frozen" and orange "ready".
    static const QRgb palette[] = {0x4e79a7, 0x59a14f, 0xb07aa1, 0x3a9fbf, 0x9c755f,
                                   0x6a5acd, 0x8a9a3b, 0x76b7b2, 0x8c8c9c, 0x2f6f8f};
    const QColor color = QColor::fromRgb(palette[task % (sizeof palette / sizeof palette[0])]);
    return dark ? color.lighter(115) : color;
}

QColor TimelineStyle::frameColor(std::string_view name) const {
    std::uint32_t hash = 2166136261u;
    for (char c : name)
        hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    const int hue = static_cast<int>(hash % 360);
    return QColor::fromHsl(hue, dark ? 70 : 90, dark ? 90 : 205);
}

TimelineStyle TimelineStyle::light() {
    TimelineStyle s;
    s.dark = false;
    s.background = QColor(0xfb, 0xfb, 0xfc);
    s.alternateRow = QColor(0xf1, 0xf3, 0xf6);
    s.headerBackground = QColor(0xec, 0xee, 0xf2);
    s.rulerBackground = QColor(0xe4, 0xe7, 0xec);
    s.separator = QColor(0xc9, 0xce, 0xd6);
    s.grid = QColor(0, 0, 0, 22);
    s.text = QColor(0x20, 0x24, 0x2b);
    s.mutedText = QColor(0x6a, 0x72, 0x7e);
    s.invertedText = Qt::white;
    s.running = QColor(0x2f, 0x9e, 0x55);
    s.runningText = Qt::white;
    s.awaiting = QColor(0xd4, 0xe5, 0xf7);
    s.awaitingBorder = QColor(0x86, 0xad, 0xdb);
    s.awaitingText = QColor(0x24, 0x4a, 0x75);
    s.ready = QColor(0xf0, 0xa0, 0x30);
    s.readyText = QColor(0x4a, 0x2c, 0x00);
    s.folded = QColor(0x6f, 0x8f, 0x7c);
    s.foldedText = Qt::white;
    s.blocking = QColor(0x9c, 0x1c, 0x1c);
    s.blockingText = Qt::white;
    s.thread = QColor(0x1f, 0x7f, 0xa6);
    s.threadText = Qt::white;
    s.loopIdle = QColor(0xe9, 0xec, 0xef);
    s.frozenBand = QColor(0xe0, 0x20, 0x20, 40);
    s.frozen = QColor(0xd9, 0x1e, 0x1e);
    s.frozenText = Qt::white;
    s.ghost = QColor(0x8a, 0x5c, 0xc7);
    s.ghostText = QColor(0x5b, 0x34, 0x8f);
    s.done = QColor(0x2f, 0x7d, 0x45);
    s.failed = QColor(0xc6, 0x28, 0x28);
    s.cancelled = QColor(0x7a, 0x80, 0x8a);
    s.arrow = QColor(0x3d, 0x4f, 0x8f, 170);
    s.creationArrow = QColor(0x80, 0x86, 0x90, 190);
    s.bracket = QColor(0x7b, 0x4f, 0xb8);
    s.selection = QColor(0x1f, 0x5f, 0xd6);
    s.hover = QColor(0, 0, 0, 90);
    s.measure = QColor(0x1f, 0x5f, 0xd6, 40);
    s.measureText = QColor(0x12, 0x3c, 0x8c);
    s.playhead = QColor(0xd6, 0x33, 0x84);
    s.mark = QColor(0x00, 0x7f, 0x86);
    s.markText = Qt::white;
    s.criticalPath = QColor(0xe0, 0xb0, 0x00);
    s.criticalPathFill = QColor(0xff, 0xd4, 0x00, 70);
    s.offPath = QColor(0xfb, 0xfb, 0xfc, 150);
    setFonts(s);
    return s;
}

TimelineStyle TimelineStyle::darkStyle() {
    TimelineStyle s = light();
    s.dark = true;
    s.background = QColor(0x1e, 0x20, 0x24);
    s.alternateRow = QColor(0x25, 0x28, 0x2d);
    s.headerBackground = QColor(0x2a, 0x2d, 0x33);
    s.rulerBackground = QColor(0x30, 0x34, 0x3b);
    s.separator = QColor(0x45, 0x4a, 0x53);
    s.grid = QColor(255, 255, 255, 20);
    s.text = QColor(0xe4, 0xe6, 0xea);
    s.mutedText = QColor(0x9a, 0xa1, 0xad);
    s.running = QColor(0x3b, 0xb3, 0x66);
    s.runningText = QColor(0x0c, 0x1f, 0x12);
    s.awaiting = QColor(0x2b, 0x41, 0x5c);
    s.awaitingBorder = QColor(0x4d, 0x6f, 0x9a);
    s.awaitingText = QColor(0xbf, 0xd6, 0xf2);
    s.ready = QColor(0xe0, 0x95, 0x2b);
    s.readyText = QColor(0x2a, 0x18, 0x00);
    s.folded = QColor(0x5c, 0x7a, 0x68);
    s.blocking = QColor(0xc4, 0x3c, 0x3c);
    s.thread = QColor(0x4a, 0xa8, 0xcf);
    s.threadText = QColor(0x08, 0x1c, 0x26);
    s.loopIdle = QColor(0x2a, 0x2d, 0x32);
    s.frozenBand = QColor(0xff, 0x40, 0x40, 45);
    s.frozen = QColor(0xe5, 0x3d, 0x3d);
    s.ghost = QColor(0xb3, 0x8c, 0xf0);
    s.ghostText = QColor(0xcf, 0xb6, 0xf7);
    s.done = QColor(0x5c, 0xc7, 0x7d);
    s.failed = QColor(0xf0, 0x5a, 0x5a);
    s.cancelled = QColor(0xa0, 0xa6, 0xb0);
    s.arrow = QColor(0xa8, 0xb8, 0xf0, 170);
    s.creationArrow = QColor(0x9a, 0xa0, 0xaa, 190);
    s.bracket = QColor(0xb3, 0x8c, 0xf0);
    s.selection = QColor(0x6a, 0xa5, 0xff);
    s.hover = QColor(255, 255, 255, 100);
    s.measure = QColor(0x6a, 0xa5, 0xff, 45);
    s.measureText = QColor(0xbf, 0xd6, 0xff);
    s.playhead = QColor(0xff, 0x6a, 0xb0);
    s.mark = QColor(0x4f, 0xd1, 0xc5);
    s.markText = QColor(0x10, 0x24, 0x26);
    s.criticalPath = QColor(0xff, 0xd6, 0x0a);
    s.criticalPathFill = QColor(0xff, 0xd6, 0x0a, 60);
    s.offPath = QColor(0x1e, 0x20, 0x24, 150);
    return s;
}

TimelineStyle TimelineStyle::forPalette(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128 ? darkStyle() : light();
}

} // namespace awaitscope::ui
