// Pictures without a window: the blocking lesson rendered to an image must show the frozen
// band in red exactly where the loop froze, and the ghost of a never-awaited coroutine
// exactly where it was created. Also the SVG export and the size parser.
#include "UiTestSupport.h"

#include "app/RenderCommand.h"
#include "app/TimelineRenderer.h"
#include "timeline/LaneHeader.h"
#include "timeline/Legend.h"
#include "timeline/TimelineFrame.h"
#include "timeline/passes/PaintContext.h"

#include <awaitscope/script/Scenarios.h>
#include <awaitscope/script/ScriptRunner.h>

#include <QTemporaryDir>
#include <QtTest>

using namespace awaitscope;
using namespace awaitscope::ui;

namespace {

bool isReddish(QRgb c) { return qRed(c) - qGreen(c) > 20 && qRed(c) - qBlue(c) > 20; }
bool isNeutral(QRgb c) { return std::abs(qRed(c) - qGreen(c)) < 10 && std::abs(qRed(c) - qBlue(c)) < 12; }
using uitest::distance;

struct LabelLetters {
    int count = 0;
    int first = INT32_MAX;
};

// A frozen label's light letters on the red Loop lane between x `from` and `to`: light pixels
// with red above and below them in their column (the band's pink around the bar has none).
LabelLetters frozenLabelLetters(const QImage& image, const TimelineFrame& frame, const LayoutRow& loop, int from, int to) {
    auto red = [](QRgb c) { return qRed(c) > 180 && qGreen(c) < 90 && qBlue(c) < 90; };
    LabelLetters letters;
    const int top = frame.rowTop(loop), bottom = top + loop.height;
    for (int x = from; x < to; ++x) {
        for (int y = top + 1; y < bottom - 1; ++y) {
            if (qGreen(image.pixel(x, y)) < 150)
                continue;
            bool above = false, below = false;
            for (int k = top; k < y; ++k)
                above = above || red(image.pixel(x, k));
            for (int k = y + 1; k < bottom; ++k)
                below = below || red(image.pixel(x, k));
            if (above && below) {
                ++letters.count;
                letters.first = std::min(letters.first, x);
            }
        }
    }
    return letters;
}

} // namespace

class TestRender : public QObject {
    Q_OBJECT
private slots:
    void frozenBandIsRedExactlyWhereTheLoopFroze() {
        const auto model = uitest::demoModel("blocking_sleep");
        QCOMPARE(model->frozenStretches().size(), std::size_t(1));
        const FrozenStretch& stretch = model->frozenStretches()[0];
        QCOMPARE(stretch.begin, uitest::ms(200));
        QCOMPARE(stretch.end, uitest::ms(1700));

        RenderOptions options;
        options.size = QSize(1600, 700);
        const QImage image = renderTimelineImage(*model, options);
        QCOMPARE(image.size(), options.size);
        const TimelineStyle style = TimelineStyle::light();
        const TimelineLayout layout(*model, {});
        const TimelineFrame frame = renderFrame(*model, options, layout, style);
        const TimeScale scale = frame.scale();
        const int x0 = static_cast<int>(std::ceil(scale.timeToX(stretch.begin)));
        const int x1 = static_cast<int>(std::floor(scale.timeToX(stretch.end)));
        // Below the last lane only the band and the background remain: sample a line there.
        const int y = frame.taskPlotRect().top() + layout.contentHeight() + 40;
        QVERIFY(y < frame.plotRect().bottom());
        for (int x = x0 + 2; x <= x1 - 2; x += 7)
            QVERIFY2(isReddish(image.pixel(x, y)), qPrintable(QStringLiteral("x=%1 %2").arg(x).arg(QColor(image.pixel(x, y)).name())));
        for (int x : {x0 - 3, x0 - 30, x1 + 3, x1 + 60})
            QVERIFY2(isNeutral(image.pixel(x, y)), qPrintable(QStringLiteral("x=%1 %2").arg(x).arg(QColor(image.pixel(x, y)).name())));
        // In the Loop lane the frozen stretch is solid red, edge to edge.
        const LayoutRow& loop = layout.rows().front();
        const int loopY = frame.rowTop(loop) + 7;
        // (The translucent band lies over it too, so allow a shade.)
        QVERIFY(distance(image.pixel((x0 + x1) / 2, loopY), style.frozen) <= 6);
        QVERIFY(distance(image.pixel(x0 + 1, loopY), style.frozen) <= 6);
        QVERIFY(distance(image.pixel(x0 - 3, loopY), style.frozen) > 100);
    }

    // Zoomed in so that the stretch began before the view, "loop frozen 1.5 s — ..." still
    // reads at the view's left edge, over the red Loop lane.
    void frozenLabelStaysAtTheLeftEdgeWhenZoomedIn_data() {
        QTest::addColumn<int>("fromMs");
        QTest::addColumn<int>("toMs");
        QTest::newRow("inside the stretch") << 800 << 1200;
        QTest::newRow("its end in view") << 1000 << 2000;
        QTest::newRow("all of it") << 0 << 2000;
    }
    void frozenLabelStaysAtTheLeftEdgeWhenZoomedIn() {
        QFETCH(int, fromMs);
        QFETCH(int, toMs);
        const auto model = uitest::demoModel("blocking_sleep");
        RenderOptions options;
        options.size = QSize(1200, 500);
        options.visible = TimeRange{uitest::ms(fromMs), uitest::ms(toMs)};
        const QImage image = renderTimelineImage(*model, options);
        const TimelineStyle style = TimelineStyle::light();
        const TimelineLayout layout(*model, {});
        const TimelineFrame frame = renderFrame(*model, options, layout, style);
        const LayoutRow& loop = layout.rows().front();
        QCOMPARE(loop.kind, RowKind::Loop);
        const int left = std::max(frame.plotRect().left(), static_cast<int>(frame.scale().timeToX(uitest::ms(200))));
        // Cut by the view's left edge, the label starts there; whole, it is centred on the stretch.
        QCOMPARE(style.frozenText, QColor(Qt::white));
        const int right = std::min(frame.plotRect().right(), static_cast<int>(frame.scale().timeToX(uitest::ms(1700))));
        const LabelLetters letters = frozenLabelLetters(image, frame, loop, left, right);
        const int firstLetter = letters.first;
        QVERIFY2(letters.count > 60, qPrintable(QString::number(letters.count)));
        if (uitest::ms(fromMs) > uitest::ms(200))
            QVERIFY2(firstLetter < left + 30, qPrintable(QStringLiteral("the label starts at x=%1, the view at %2").arg(firstLetter).arg(left)));
    }

    // Three tasks that call time.sleep in turn freeze the loop three times, back to back: each
    // freeze is labelled (the second used to lose its label to the first one's end).
    void backToBackFreezesAreEachLabelled() {
        const Scenario* lesson = findScenario("blocking_http_call");
        QVERIFY(lesson);
        ScriptRunOptions run;
        run.fileName = lesson->fileName;
        const DerivedTrace model(std::make_shared<const Trace>(runScript(lesson->source, run).trace));
        QCOMPARE(model.frozenStretches().size(), std::size_t(3));
        QCOMPARE(model.frozenStretches()[1].begin, model.frozenStretches()[0].end);
        RenderOptions options;
        options.size = QSize(1600, 500);
        const QImage image = renderTimelineImage(model, options);
        const TimelineStyle style = TimelineStyle::light();
        const TimelineLayout layout(model, {});
        const TimelineFrame frame = renderFrame(model, options, layout, style);
        for (const FrozenStretch& stretch : model.frozenStretches()) {
            const int x0 = static_cast<int>(std::ceil(frame.scale().timeToX(stretch.begin)));
            const int x1 = static_cast<int>(std::floor(frame.scale().timeToX(stretch.end)));
            const int letters = frozenLabelLetters(image, frame, layout.rows().front(), x0, x1).count;
            QVERIFY2(letters > 60, qPrintable(QStringLiteral("%1 letter pixels from x=%2 to %3").arg(letters).arg(x0).arg(x1)));
        }
    }

    // A wait is labelled with the function that awaits: main's lane reads main → call_llm() →
    // asyncio.sleep, while a task whose own coroutine awaits keeps "await ...".
    void aWaitNamesTheCoroutineThatMadeIt() {
        auto labels = [](const DerivedTrace& model, const char* task) {
            QStringList words;
            const TaskId id = uitest::taskNamed(model, task);
            if (id >= model.taskCount())
                return QStringList({QStringLiteral("no task %1").arg(task)});
            for (const Span& span : model.index().lane(id).spans)
                if (span.state == SpanState::Awaiting)
                    words << waitLabel(model, id, span);
            return words;
        };
        const auto sequential = uitest::demoModel("sequential_calls");
        QCOMPARE(labels(*sequential, "Task-1"), QStringList(3, QStringLiteral("call_llm() awaits asyncio.sleep")));
        const auto group = uitest::demoModel("taskgroup_calls");
        const QStringList own = labels(*group, "weather");
        QCOMPARE(own, QStringList({QStringLiteral("await asyncio.sleep")}));
    }

    // A task asyncio named "Task-N" is headed by its coroutine; a task named by its program
    // keeps its name, with the coroutine after it.
    void aLaneIsHeadedByWhatItsTaskRuns() {
        const auto group = uitest::demoModel("taskgroup_calls");
        const TimelineLayout layout(*group, {});
        auto header = [&](const char* task) {
            const LaneHeader h = laneHeader(*group, layout.rows()[static_cast<std::size_t>(layout.rowOfTask(uitest::taskNamed(*group, task)))]);
            return h.title + QStringLiteral(" | ") + h.subtitle;
        };
        QCOMPARE(header("Task-1"), QStringLiteral("main() | Task-1"));
        QCOMPARE(header("weather"), QStringLiteral("weather | call_llm()"));
    }

    void neverAwaitedGhostSitsAtItsCreationTimeOnItsCreatorsLane() {
        const auto model = uitest::demoModel("never_awaited");
        QCOMPARE(model->trace().neverAwaited.size(), std::size_t(1));
        const NeverAwaited& never = model->trace().neverAwaited[0];
        RenderOptions options;
        options.size = QSize(1400, 500);
        const QImage image = renderTimelineImage(*model, options);
        const TimelineStyle style = TimelineStyle::light();
        const TimelineLayout layout(*model, {});
        const TimelineFrame frame = renderFrame(*model, options, layout, style);
        const LayoutRow& lane = layout.rows()[static_cast<std::size_t>(layout.rowOfTask(never.task))];
        const int cx = static_cast<int>(std::lround(frame.scale().timeToX(never.created)));
        QVERIFY(lane.markerStrip > 0);  // the lane makes room for its ghost above the state bar
        const int cy = frame.rowTop(lane) + lane.markerCentreOffset(layout.metrics());
        // The ghost's outline colour appears around (cx, cy), and nowhere along the lane further on.
        auto ghostPixels = [&](int left, int right) {
            int count = 0, minX = INT32_MAX, maxX = INT32_MIN;
            for (int x = left; x <= right; ++x)
                for (int y = cy - 8; y <= cy + 8; ++y)
                    if (distance(image.pixel(x, y), style.ghost) < 40) {
                        ++count;
                        minX = std::min(minX, x);
                        maxX = std::max(maxX, x);
                    }
            return std::tuple(count, minX, maxX);
        };
        // (Its label starts a dozen pixels to the right, with a border of the same colour.)
        const auto [near, minX, maxX] = ghostPixels(cx - 9, cx + 9);
        QVERIFY2(near >= 10, qPrintable(QString::number(near)));
        QVERIFY2(minX <= cx - 5 && maxX >= cx + 5, qPrintable(QStringLiteral("%1..%2 around %3").arg(minX).arg(maxX).arg(cx)));
        QCOMPARE(std::get<0>(ghostPixels(cx - 30, cx - 12)), 0);
        const int middle = static_cast<int>(frame.scale().timeToX(model->range().begin + model->range().duration() / 2));
        QCOMPARE(std::get<0>(ghostPixels(middle - 12, middle + 12)), 0);
    }

    // A thread's lane says the loop stays free: it must not wear "running (holds the loop)"'s
    // green, in either theme, and the legend lists its own colour.
    void threadWorkHasItsOwnColourNotRunningsGreen_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void threadWorkHasItsOwnColourNotRunningsGreen() {
        QFETCH(bool, dark);
        const auto model = uitest::demoModel("to_thread");
        TaskId thread = kNoTask;
        for (TaskId task = 0; task < model->taskCount(); ++task)
            if (model->isThread(task))
                thread = task;
        QVERIFY(thread != kNoTask);
        RenderOptions options;
        options.size = QSize(1400, 600);
        options.dark = dark;
        const QImage image = renderTimelineImage(*model, options);
        const TimelineStyle style = dark ? TimelineStyle::darkStyle() : TimelineStyle::light();
        QVERIFY(distance(style.thread.rgb(), style.running) > 120);
        const TimelineLayout layout(*model, {});
        const TimelineFrame frame = renderFrame(*model, options, layout, style);
        const LayoutRow& lane = layout.rows()[static_cast<std::size_t>(layout.rowOfTask(thread))];
        // Just inside the bar's top edge, above its words.
        const int y = frame.rowTop(lane) + lane.stateOffset(layout.metrics()) + 4;
        int sampled = 0;
        for (const Span& span : model->index().lane(thread).spans) {
            if (span.state != SpanState::Running)
                continue;
            const int x0 = static_cast<int>(std::ceil(frame.scale().timeToX(span.begin))) + 3;
            const int x1 = static_cast<int>(std::floor(frame.scale().timeToX(span.end))) - 3;
            for (int x = x0; x <= x1; x += 5) {
                const QRgb pixel = image.pixel(x, y);
                ++sampled;
                QVERIFY2(distance(pixel, style.running) > 80 && distance(pixel, style.running.darker(125)) > 80,
                         qPrintable(QStringLiteral("x=%1 %2").arg(x).arg(QColor(pixel).name())));
                QVERIFY2(distance(pixel, style.thread) < 40 || distance(pixel, style.thread.darker(125)) < 40,
                         qPrintable(QStringLiteral("x=%1 %2").arg(x).arg(QColor(pixel).name())));
            }
        }
        QVERIFY2(sampled > 20, qPrintable(QString::number(sampled)));
        const auto& entries = legendEntries();
        QVERIFY(std::any_of(entries.begin(), entries.end(), [](const LegendEntry& e) { return e.swatch == LegendSwatch::Thread; }));
        // The legend's swatch is drawn in that colour.
        const QRect legend = frame.legendRect();
        int swatchPixels = 0;
        for (int x = legend.left(); x < legend.right(); ++x)
            for (int yy = legend.top(); yy < legend.bottom(); ++yy)
                swatchPixels += distance(image.pixel(x, yy), style.thread) < 10;
        QVERIFY2(swatchPixels >= 100, qPrintable(QString::number(swatchPixels)));
    }

    // A plain script (no asyncio.run) draws its top level as one lane with its blocking call,
    // and no event-loop rows: before, it drew an idle loop and nothing else.
    void aPlainScriptDrawsItsTopLevelAndNoLoop() {
        ScriptRunOptions run;
        run.fileName = "plain.py";
        const char* source = "import time\nprint('fetching')\ntime.sleep(0.5)\nprint('done')\n";
        const DerivedTrace model(std::make_shared<const Trace>(runScript(source, run).trace));
        QCOMPARE(model.taskCount(), std::size_t(1));
        QVERIFY(model.isMainProgram(0));
        const TimelineLayout layout(model, {});
        QVERIFY(std::none_of(layout.rows().begin(), layout.rows().end(), [](const LayoutRow& row) {
            return row.kind == RowKind::Loop || row.kind == RowKind::ReadyQueue || row.kind == RowKind::PendingTimers;
        }));
        const LaneHeader header = laneHeader(model, layout.rows()[static_cast<std::size_t>(layout.rowOfTask(0))]);
        QCOMPARE(header.title + QStringLiteral(" | ") + header.subtitle,
                 QStringLiteral("main program | no event loop"));
        RenderOptions options;
        options.size = QSize(1200, 400);
        const QImage image = renderTimelineImage(model, options);
        const TimelineStyle style = TimelineStyle::light();
        const TimelineFrame frame = renderFrame(model, options, layout, style);
        const LayoutRow& lane = layout.rows()[static_cast<std::size_t>(layout.rowOfTask(0))];
        QCOMPARE(model.index().lane(0).blocks.size(), std::size_t(1));
        const BlockSpan& block = model.index().lane(0).blocks.front();
        // The blocking call fills most of the run, in the blocking colour, across the lane's bar.
        const int y = frame.rowTop(lane) + lane.stateOffset(layout.metrics()) + 4;  // above its words
        const int x0 = static_cast<int>(std::ceil(frame.scale().timeToX(block.begin))) + 3;
        const int x1 = static_cast<int>(std::floor(frame.scale().timeToX(block.end))) - 3;
        QVERIFY2(x1 - x0 > 500, qPrintable(QStringLiteral("%1..%2").arg(x0).arg(x1)));
        int blocking = 0, sampled = 0;
        for (int x = x0; x <= x1; x += 7, ++sampled)
            blocking += distance(image.pixel(x, y), style.blocking) < 60;
        QVERIFY2(blocking * 10 >= sampled * 8, qPrintable(QStringLiteral("%1 of %2").arg(blocking).arg(sampled)));
    }

    // A title longer than the corner holds shows the lines that fit, whole, the last elided:
    // no line is half cut by the corner's top or bottom edge.
    void aLongTitleShowsWhatFitsInTheCorner() {
        const auto model = uitest::demoModel("taskgroup_calls");
        RenderOptions options;
        options.size = QSize(1366, 768);
        options.title = QStringLiteral("A crawler: a TaskGroup of many short fetch() calls, the shape of a batch of agent "
                                       "tool calls, with one blocking call in the middle that freezes the loop");
        const QImage image = renderTimelineImage(*model, options);
        const TimelineStyle style = TimelineStyle::light();
        const TimelineLayout layout(*model, {});
        const TimelineFrame frame = renderFrame(*model, options, layout, style);
        const QRect corner = frame.geo().corner;
        QVERIFY(corner.height() > 10);
        const auto inkInRow = [&](int y) {
            int ink = 0;
            for (int x = corner.left() + 4; x < corner.right() - 4; ++x)
                ink += QColor(image.pixel(x, y)).lightness() < 120;
            return ink;
        };
        QCOMPARE(inkInRow(corner.top()), 0);
        QCOMPARE(inkInRow(corner.top() + 1), 0);
        QCOMPARE(inkInRow(corner.bottom() - 1), 0);
        int rowsWithInk = 0;
        for (int y = corner.top(); y < corner.bottom(); ++y)
            rowsWithInk += inkInRow(y) > 0;
        QVERIFY2(rowsWithInk >= 8, qPrintable(QString::number(rowsWithInk)));

        QFont small = style.titleFont;
        small.setPixelSize(11);
        const QFontMetrics metrics(small);
        const QSize box(corner.width() - 14, corner.height() - 2);
        const QStringList lines = linesThatFit(small, options.title, box);
        QVERIFY2(lines.size() >= 1 && lines.size() * metrics.lineSpacing() <= box.height() + metrics.leading(),
                 qPrintable(lines.join(u'|')));
        QVERIFY2(lines.last().endsWith(QChar(0x2026)), qPrintable(lines.last()));
        QVERIFY(options.title.startsWith(lines.first()));
        for (const QString& line : lines)
            QVERIFY2(metrics.horizontalAdvance(line) <= box.width(), qPrintable(line));
        // A title that fits is left whole, and a word too wide for the box is cut, not dropped.
        QCOMPARE(linesThatFit(small, QStringLiteral("Short"), box), QStringList{QStringLiteral("Short")});
        const QStringList wide = linesThatFit(small, QString(200, u'x') + QStringLiteral(" tail"), QSize(box.width(), 100));
        QCOMPARE(wide.size(), 2);
        QVERIFY(wide.first().endsWith(QChar(0x2026)));
        QCOMPARE(wide.last(), QStringLiteral("tail"));
    }

    void darkThemeRendersOnADarkBackground() {
        const auto model = uitest::demoModel("taskgroup_calls");
        RenderOptions options;
        options.size = QSize(1000, 500);
        options.dark = true;
        const QImage image = renderTimelineImage(*model, options);
        QVERIFY(QColor(image.pixel(990, 400)).lightness() < 80);
    }

    void svgExportIsVectorAtTheChosenSize() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("timeline.svg"));
        const auto model = uitest::demoModel("taskgroup_calls");
        RenderOptions options;
        options.size = QSize(1200, 600);
        QString error;
        QVERIFY2(writeTimelineSvg(*model, options, path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString svg = QString::fromUtf8(file.readAll());
        QVERIFY(svg.contains(QStringLiteral("<svg")));
        QVERIFY(svg.contains(QStringLiteral("width=\"423mm\"")) || svg.contains(QStringLiteral("viewBox=\"0 0 1200 600\"")));
        QVERIFY(svg.contains(QStringLiteral("weather")));  // lane names are text, not pixels
        QVERIFY(!svg.contains(QStringLiteral("<image")));
    }

    void pngExportReportsAnUnwritablePath() {
        const auto model = uitest::demoModel("taskgroup_calls");
        QString error;
        QVERIFY(!writeTimelinePng(*model, {}, QStringLiteral("/nonexistent-dir/x.png"), &error));
        QCOMPARE(error, QStringLiteral("/nonexistent-dir/x.png: cannot create a temporary file next to it: No such file or "
                                       "directory"));
    }

    void imageSizesParse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QSize>("size");
        QTest::newRow("plain") << "1600x900" << QSize(1600, 900);
        QTest::newRow("capital X and spaces") << " 800 X 600 " << QSize(800, 600);
        QTest::newRow("times sign") << "1920×1080" << QSize(1920, 1080);
        QTest::newRow("too small") << "50x50" << QSize();
        QTest::newRow("too large") << "30000x100" << QSize();
        QTest::newRow("one number") << "1600" << QSize();
        QTest::newRow("negative") << "-5x100" << QSize();
    }
    void imageSizesParse() {
        QFETCH(QString, text);
        QFETCH(QSize, size);
        const auto parsed = parseImageSize(text);
        QCOMPARE(parsed.value_or(QSize()), size);
    }

    void renderCommandWritesThePictureOrSaysWhy() {
        QTemporaryDir dir;
        RenderRequest request;
        request.scenario = QStringLiteral("blocking_sleep");
        request.outPath = dir.filePath(QStringLiteral("blocking.png"));
        request.size = QSize(900, 500);
        QString errors;
        QCOMPARE(runRenderCommand(request, demoTraceSources(), &errors), 0);
        QCOMPARE(QImage(request.outPath).size(), QSize(900, 500));

        TraceSources failing = demoTraceSources();
        failing.load = [](const std::string&, const LoadProgress&) {
            LoadResult result;
            result.error = "broken.json: byte 17: expected ':' after an object key";
            return result;
        };
        request.scenario.clear();
        request.tracePath = QStringLiteral("broken.json");
        QCOMPARE(runRenderCommand(request, failing, &errors), 1);
        QCOMPARE(errors, QStringLiteral("awaitscope: broken.json: byte 17: expected ':' after an object key\n"));
        errors.clear();
        QCOMPARE(runRenderCommand(request, demoTraceSources(), &errors), 1);
        QCOMPARE(errors, QStringLiteral("awaitscope: opening trace files is not available in this build\n"));
    }
};

QTEST_MAIN(TestRender)
#include "tst_render.moc"
