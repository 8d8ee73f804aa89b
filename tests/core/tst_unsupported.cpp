// Which script errors mean "the interpreter cannot run this" (then CPython may, and the window
// offers it) and which are the script's own faults: judged on the interpreter's real messages.
#include <awaitscope/script/ScriptRunner.h>
#include <awaitscope/script/Unsupported.h>

#include <QtTest>

class TestUnsupported : public QObject {
    Q_OBJECT
private slots:
    void namesWhatTheInterpreterCannotRun_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("unsupported");  // empty: an ordinary error
        QTest::newRow("third-party module") << "import httpx\n" << "the module 'httpx'";
        QTest::newRow("module in a from-import") << "from openai import AsyncOpenAI\n" << "the module 'openai'";
        QTest::newRow("a bytes error of the script's own") << "b'\\xff'.decode()\n" << "";
        QTest::newRow("a syntax error of the script's own") << "if True\n    pass\n" << "";
        QTest::newRow("a stream to another machine")
            << "import asyncio\n\n\nasync def main():\n    await asyncio.open_connection('example.com', 80)\n\n\n"
               "asyncio.run(main())\n"
            << "a connection to 'example.com' or any host but 127.0.0.1 and localhost";
        QTest::newRow("a name error") << "print(undefined_name)\n" << "";
        QTest::newRow("a raised exception") << "raise ValueError('not supported by the service')\n" << "";
    }
    void namesWhatTheInterpreterCannotRun() {
        QFETCH(QString, source);
        QFETCH(QString, unsupported);
        const awaitscope::ScriptRunResult result = awaitscope::runScript(source.toStdString());
        QVERIFY(result.error);
        QCOMPARE(QString::fromStdString(awaitscope::unsupportedByInterpreter(result.error->message)), unsupported);
    }
};

QTEST_APPLESS_MAIN(TestUnsupported)
#include "tst_unsupported.moc"
