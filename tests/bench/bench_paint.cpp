// Paint time of the timeline at scale: synthetic traces of 1M and 10M events, painted at
// 1920x1080 offscreen, zoomed out (the whole trace) and zoomed in (1 ms). Reports the median
// milliseconds per frame, and the 10M/1M ratio measured in the same run (the goal is a flat
// curve: painting must depend on pixels, not on events). A "no folding" paint of the 1M
// trace is the baseline that shows what folding buys.
//
// Goals (issue 6): <= 16 ms per frame at 10M, 10M/1M <= 1.3, <= 4 ms per zoomed-in frame.
#include "model/TraceDocument.h"
#include "model/ViewState.h"
#include "timeline/TimelinePainter.h"
#include "timeline/TimelineView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

constexpr int kTasks = 1000;
int kFrames = 25;  // AWAITSCOPE_BENCH_FRAMES overrides (for profiling)

// Round-robin steps of kTasks tasks: each step is ready -> resume -> (a nested call every
// fourth step) -> suspend at an await, 2 µs of work and 1 µs between steps.
std::shared_ptr<const Trace> syntheticTrace(std::size_t targetEvents) {
    auto trace = std::make_shared<Trace>();
    Trace& t = *trace;
    t.metadata.title = "synthetic " + std::to_string(targetEvents / 1'000'000) + "M events";
    const StringId file = t.strings.intern("agents.py");
    t.sites.push_back({file, t.strings.intern("worker"), 12, 0});
    t.sites.push_back({file, t.strings.intern("worker"), 14, 0});
    t.awaits.push_back({1, WaitKind::Timer, t.strings.intern("asyncio.sleep"), kNoTask});
    t.awaits.push_back({2, WaitKind::Lock, t.strings.intern("Lock.acquire"), kNoTask});
    t.frames.push_back({t.strings.intern("worker"), 1, 1});
    t.frames.push_back({t.strings.intern("fetch"), 2, 2});
    for (int i = 0; i < kTasks; ++i) {
        TaskRecord task;
        task.id = static_cast<TaskId>(i);
        task.parent = i == 0 ? kNoTask : 0;
        task.name = t.strings.intern("worker-" + std::to_string(i));
        task.coroutine = 0;
        task.events.reserve(targetEvents / kTasks + 8);
        t.tasks.push_back(std::move(task));
    }
    const std::size_t steps = targetEvents * 2 / 7;  // 3.5 events a step on average
    std::vector<TimeNs> lastSuspend(kTasks, 0);
    TimeNs now = 0;
    for (std::size_t step = 0; step < steps; ++step) {
        const int id = static_cast<int>(step % kTasks);
        auto& events = t.tasks[static_cast<std::size_t>(id)].events;
        const std::size_t round = step / kTasks;
        const TimeNs ready = std::max(lastSuspend[static_cast<std::size_t>(id)], now - 1500 * kTasks / 2);
        if (round == 0)
            events.push_back({now, EventKind::FrameEnter, 0, 0, 0});
        events.push_back({ready, EventKind::Ready, static_cast<std::uint8_t>(WaitKind::Timer), 0, kNoTask});
        events.push_back({now, EventKind::Resume, 0, 0, 0});
        if (round % 4 == 0) {
            events.push_back({now + 200, EventKind::FrameEnter, 0, 0, 1});
            events.push_back({now + 1800, EventKind::FrameExit, 0, 0, 1});
        }
        events.push_back({now + 2000, EventKind::Suspend, 0, 0, static_cast<std::uint32_t>(round % 2)});
        lastSuspend[static_cast<std::size_t>(id)] = now + 2000;
        now += 3000;
    }
    for (auto& task : t.tasks) {
        std::sort(task.events.begin(), task.events.end(), [](const TraceEvent& a, const TraceEvent& b) { return a.time < b.time; });
        task.events.push_back({now, EventKind::FrameExit, 0, 0, 0});
        task.events.push_back({now, EventKind::Finish, static_cast<std::uint8_t>(TaskOutcome::Done), 0, 0});
    }
    return trace;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct Figures {
    std::size_t events = 0;
    double buildSeconds = 0;
    double coldOut = 0, warmOut = 0, firstOut = 0, coldIn = 0, naiveOut = 0;
    std::size_t itemsOut = 0, itemsIn = 0;
};

enum class Cache { Warm, LanesDropped, AllDropped };

// Paints the widget the way the window does. LanesDropped is what every zoom or pan costs
// (headers and legend do not depend on the time range); AllDropped is a first paint.
double paintFrames(TimelineView& view, QImage& image, Cache cache) {
    std::vector<double> times;
    for (int i = 0; i < kFrames; ++i) {
        if (cache == Cache::LanesDropped)
            view.invalidateLanes();
        else if (cache == Cache::AllDropped)
            view.invalidateCache();
        image.fill(Qt::white);
        QElapsedTimer timer;
        timer.start();
        view.render(&image, QPoint(), QRegion(), QWidget::DrawChildren);  // as the backing store does for an opaque widget
        times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    return median(times);
}

// What painting costs without folding: every record of the visible lanes, one rectangle each.
double paintNaive(const TimelineView& view, QImage& image) {
    std::vector<double> times;
    const TimelineFrame frame = view.currentFrame();
    const TimeScale scale = frame.scale();
    for (int i = 0; i < 5; ++i) {
        image.fill(Qt::white);
        QElapsedTimer timer;
        timer.start();
        QPainter p(&image);
        for (const LayoutRow& row : frame.layout->rows()) {
            const int top = frame.rowTop(row);
            if (row.kind != RowKind::Task || top > frame.rect.bottom() || top + row.height < frame.plotRect().top())
                continue;
            for (const Span& span : frame.model->index().lane(row.task).spans) {
                const double x0 = scale.timeToX(span.begin);
                p.fillRect(QRectF(x0, top + 5, std::max(1.0, scale.timeToX(span.end) - x0), 20),
                           span.state == SpanState::Running ? Qt::darkGreen : Qt::lightGray);
            }
        }
        p.end();
        times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    return median(times);
}

Figures measure(std::size_t events) {
    Figures figures;
    QElapsedTimer build;
    build.start();
    auto trace = syntheticTrace(events);
    figures.events = trace->eventCount();
    auto model = std::make_shared<const TraceModel>(trace);
    figures.buildSeconds = static_cast<double>(build.nsecsElapsed()) / 1e9;

    TraceDocument document;
    ViewState state;
    QObject::connect(&document, &TraceDocument::documentChanged, &state, [&] { state.reset(model->range()); });
    TimelineView view(&document, &state);
    view.resize(1920, 1080);
    document.setModel(model, DocumentOrigin::Recorded, QString::fromStdString(trace->metadata.title));
    QImage image(1920, 1080, QImage::Format_ARGB32_Premultiplied);

    // AWAITSCOPE_BENCH_SNAPSHOTS=<dir> saves the frames measured, to see what was painted.
    const QString snapshots = qEnvironmentVariable("AWAITSCOPE_BENCH_SNAPSHOTS");
    auto snapshot = [&](const char* what) {
        if (!snapshots.isEmpty())
            image.save(QStringLiteral("%1/bench_%2M_%3.png").arg(snapshots).arg(events / 1'000'000).arg(QLatin1String(what)));
    };
    state.fitAll();
    figures.coldOut = paintFrames(view, image, Cache::LanesDropped);
    snapshot("zoomed_out");
    figures.itemsOut = view.lastPaintedItems();
    figures.warmOut = paintFrames(view, image, Cache::Warm);
    figures.firstOut = paintFrames(view, image, Cache::AllDropped);
    if (events <= 1'500'000)
        figures.naiveOut = paintNaive(view, image);
    const TimeRange range = model->range();
    const TimeNs middle = range.begin + range.duration() / 2;
    state.setVisibleRange({middle, middle + 1'000'000});  // 1 ms
    figures.coldIn = paintFrames(view, image, Cache::LanesDropped);
    snapshot("zoomed_in");
    figures.itemsIn = view.lastPaintedItems();
    return figures;
}

std::string cpuName() {
    std::ifstream info("/proc/cpuinfo");
    std::string line;
    while (std::getline(info, line))
        if (line.rfind("model name", 0) == 0)
            return line.substr(line.find(':') + 2);
    return "unknown CPU";
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    if (const int frames = qEnvironmentVariableIntValue("AWAITSCOPE_BENCH_FRAMES"); frames > 0)
        kFrames = frames;
    QApplication app(argc, argv);
    std::printf("bench_paint: timeline paint at 1920x1080 offscreen, median of %d frames\n", kFrames);
    std::printf("machine: %s, %u hardware threads\n\n", cpuName().c_str(), std::thread::hardware_concurrency());
    const Figures small = measure(1'000'000);
    const Figures large = measure(10'000'000);
    auto row = [](const char* label, double a, double b, const char* goal) {
        std::printf("%-34s %9.2f ms %9.2f ms   ratio %5.2f   %s\n", label, a, b, b / a, goal);
    };
    std::printf("%-34s %12s %12s\n", "", "1M events", "10M events");
    std::printf("%-34s %9zu    %9zu\n", "events in the trace", small.events, large.events);
    std::printf("%-34s %9.2f s  %9.2f s\n", "build TraceModel (load thread)", small.buildSeconds, large.buildSeconds);
    row("zoomed out, lanes repainted", small.coldOut, large.coldOut, "goal: <= 16 ms at 10M, ratio <= 1.3");
    row("zoomed out, warm (lanes cached)", small.warmOut, large.warmOut, "");
    row("zoomed out, first paint (no cache)", small.firstOut, large.firstOut, "");
    row("zoomed in to 1 ms, lanes repainted", small.coldIn, large.coldIn, "goal: <= 4 ms");
    std::printf("%-34s %9zu    %9zu\n", "draw-list items, zoomed out", small.itemsOut, large.itemsOut);
    std::printf("%-34s %9zu    %9zu\n", "draw-list items, zoomed in", small.itemsIn, large.itemsIn);
    std::printf("\nbaseline, same run: painting every span of the visible lanes without folding (1M): %.2f ms,\n"
                "%.1fx the folded cold frame.\n",
                small.naiveOut, small.naiveOut / small.coldOut);
    const bool met = large.coldOut <= 16.0 && large.coldOut / small.coldOut <= 1.3 && large.coldIn <= 4.0 && small.coldIn <= 4.0;
    std::printf("\ngoals %s\n", met ? "met" : "NOT met");
    return 0;
}
