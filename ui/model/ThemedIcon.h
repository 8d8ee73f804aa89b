#pragma once

// Icons that stay readable in any palette. The style's standard icons are drawn dark grey for
// a light window; on the dark theme they nearly vanish. A themed icon is drawn, at each paint,
// in the application palette's button-text colour (keeping the icon's shape and its
// transparency) when the palette is dark, and as the style drew it otherwise.
#include <QColor>
#include <QIcon>
#include <QPalette>

namespace awaitscope::ui {

// `base` (a style's standard icon, say) as a themed icon.
QIcon themedIcon(const QIcon& base);

// The colour a themed icon takes in `palette` for `mode`; invalid when the icon keeps its own.
QColor themedIconColor(const QPalette& palette, QIcon::Mode mode);

} // namespace awaitscope::ui
