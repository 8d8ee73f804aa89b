#include "timeline/RulerTicks.h"

#include <cmath>
#include <cstdlib>

namespace awaitscope::ui {

namespace {

// The smallest of 1, 2, 5 x 10^k that is at least `minimum`.
TimeNs niceStep(double minimum) {
    TimeNs magnitude = 1;
    while (true) {
        for (TimeNs mantissa : {1, 2, 5})
            if (static_cast<double>(mantissa * magnitude) >= minimum)
                return mantissa * magnitude;
        if (magnitude > INT64_MAX / 100)
            return magnitude * 10;
        magnitude *= 10;
    }
}

TimeNs floorTo(TimeNs value, TimeNs step) {
    TimeNs q = value / step;
    if (value % step != 0 && value < 0)
        --q;
    return q * step;
}

QString formatInUnit(TimeNs value, TimeUnit unit, int decimals) {
    const double scaled = static_cast<double>(value) / static_cast<double>(unitNanoseconds(unit));
    return QStringLiteral("%1 %2").arg(scaled, 0, 'f', decimals).arg(QString::fromUtf8(unitSuffix(unit)));
}

} // namespace

TimeNs unitNanoseconds(TimeUnit unit) {
    switch (unit) {
    case TimeUnit::Nanoseconds: return 1;
    case TimeUnit::Microseconds: return 1'000;
    case TimeUnit::Milliseconds: return 1'000'000;
    case TimeUnit::Seconds: return 1'000'000'000;
    }
    return 1;
}

const char* unitSuffix(TimeUnit unit) {
    switch (unit) {
    case TimeUnit::Nanoseconds: return "ns";
    case TimeUnit::Microseconds: return "µs";
    case TimeUnit::Milliseconds: return "ms";
    case TimeUnit::Seconds: return "s";
    }
    return "";
}

RulerTicks computeRulerTicks(const TimeScale& scale, double minSpacingPx) {
    RulerTicks ruler;
    ruler.step = niceStep(std::max(1.0, minSpacingPx * scale.nsPerPixel()));
    // A step of a tenth of a unit or more reads best in that unit: 0.2 s, 50 ms, 500 µs.
    if (ruler.step >= 100'000'000)
        ruler.unit = TimeUnit::Seconds;
    else if (ruler.step >= 100'000)
        ruler.unit = TimeUnit::Milliseconds;
    else if (ruler.step >= 100)
        ruler.unit = TimeUnit::Microseconds;
    else
        ruler.unit = TimeUnit::Nanoseconds;
    const TimeNs unitNs = unitNanoseconds(ruler.unit);
    ruler.decimals = 0;
    for (TimeNs s = ruler.step; s < unitNs && s % unitNs != 0; s *= 10)
        ++ruler.decimals;

    const TimeRange& visible = scale.visible();
    // Labels of five digits or more before the point get an origin, unless already in seconds.
    const TimeNs largest = std::max(std::llabs(visible.begin), std::llabs(visible.end));
    if (ruler.unit != TimeUnit::Seconds && largest / unitNs >= 10'000) {
        const TimeNs originStep = unitNs * 1000;
        ruler.origin = floorTo(visible.begin, originStep);
    }
    for (TimeNs t = floorTo(visible.begin, ruler.step); t <= visible.end; t += ruler.step) {
        if (t >= visible.begin)
            ruler.ticks.push_back(t);
        if (ruler.ticks.size() > 10'000)
            break;  // guards against a degenerate scale
    }
    return ruler;
}

QString RulerTicks::label(TimeNs tick) const {
    if (origin == 0)
        return formatInUnit(tick, unit, decimals);
    return QStringLiteral("+") + formatInUnit(tick - origin, unit, decimals);
}

QString RulerTicks::originLabel() const { return origin == 0 ? QString() : formatTimePoint(origin); }

QString formatDuration(TimeNs duration) {
    const TimeNs magnitude = std::llabs(duration);
    TimeUnit unit = TimeUnit::Nanoseconds;
    if (magnitude >= 1'000'000'000)
        unit = TimeUnit::Seconds;
    else if (magnitude >= 1'000'000)
        unit = TimeUnit::Milliseconds;
    else if (magnitude >= 1'000)
        unit = TimeUnit::Microseconds;
    if (unit == TimeUnit::Nanoseconds)
        return QStringLiteral("%1 ns").arg(duration);
    const double scaled = static_cast<double>(duration) / static_cast<double>(unitNanoseconds(unit));
    const double absScaled = std::fabs(scaled);
    // Three significant digits, but no trailing ".0" noise on whole numbers: "1.5 s", "200 ms".
    const int decimals = absScaled >= 100 ? 0 : absScaled >= 10 ? 1 : 2;
    QString text = QString::number(scaled, 'f', decimals);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    return text + QLatin1Char(' ') + QString::fromUtf8(unitSuffix(unit));
}

QString formatTimePoint(TimeNs time) {
    // Nanosecond precision, without the zeros a virtual clock's round numbers would show.
    QString text = QString::number(static_cast<double>(time) / 1e9, 'f', 9);
    const qsizetype point = text.indexOf(QLatin1Char('.'));
    while (text.size() > point + 4 && text.endsWith(QLatin1Char('0')))
        text.chop(1);
    return text + QStringLiteral(" s");
}

QString formatMoment(TimeNs time) {
    return QString::number(static_cast<double>(time) / 1e9, 'f', 3) + QStringLiteral(" s");
}

} // namespace awaitscope::ui
