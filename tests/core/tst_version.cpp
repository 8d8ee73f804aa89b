#include <awaitscope/Version.h>

#include <QtTest>

class TestVersion : public QObject {
    Q_OBJECT
private slots:
    void libraryReportsTheProjectVersion() { QCOMPARE(QString(awaitscope::libraryVersion()), QString("0.1.0")); }
};

QTEST_APPLESS_MAIN(TestVersion)
#include "tst_version.moc"
