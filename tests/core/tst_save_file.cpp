// Saving (saveFile, under every trace, script and picture save): what a save does to what the
// path names (file, link, pipe, device, directory), the mode and owner it keeps, and that a
// failed or killed save leaves nothing behind and the old file as it was.
#include <awaitscope/io/SaveFile.h>
#include <awaitscope/io/TraceFile.h>

#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace awaitscope;

namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<cannot read>");
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

mode_t modeOf(const QString& path) {
    struct stat info {};
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_mode : 0;
}

QString error(const SaveResult& result) { return result.ok ? QStringLiteral("<saved>") : QString::fromStdString(result.error); }

// Runs `work` in a child process and returns how it ended: its exit code, or 128 + the signal.
template <class Work>
int inChild(Work work) {
    const pid_t child = ::fork();
    if (child == 0) {
        work();
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

} // namespace

class TestSaveFile : public QObject {
    Q_OBJECT
private slots:
    void replacingAFileKeepsItsPermissionBits_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("private 0600") << 0600;
        QTest::newRow("group-readable 0640") << 0640;
        QTest::newRow("executable 0755") << 0755;
    }
    void replacingAFileKeepsItsPermissionBits() {
        QFETCH(int, mode);
        QTemporaryDir dir;
        const QString path = dir.filePath("run.json");
        writeFile(path, "old");
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), static_cast<mode_t>(mode)), 0);
        QCOMPARE(error(saveFile(path.toStdString(), "new")), QStringLiteral("<saved>"));
        QCOMPARE(readAll(path), QByteArray("new"));
        QCOMPARE(int(modeOf(path) & 07777), mode);
    }

    void aNewFileGetsTheUsualModeLessTheUmask() {
        QTemporaryDir dir;
        const QString path = dir.filePath("new.json");
        const mode_t previous = ::umask(027);
        const SaveResult saved = saveFile(path.toStdString(), "new");
        ::umask(previous);
        QCOMPARE(error(saved), QStringLiteral("<saved>"));
        QCOMPARE(int(modeOf(path) & 07777), 0640);
    }

    void replacingAFileKeepsItsOwnerWhenAllowed() {
        if (::geteuid() != 0)
            QSKIP("only the superuser may give a file to another user");
        QTemporaryDir dir;
        const QString path = dir.filePath("theirs.json");
        writeFile(path, "old");
        QCOMPARE(::chown(QFile::encodeName(path).constData(), 1234, 5678), 0);
        QCOMPARE(error(saveFile(path.toStdString(), "new")), QStringLiteral("<saved>"));
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(int(info.st_uid), 1234);
        QCOMPARE(int(info.st_gid), 5678);
    }

    void aSymbolicLinkIsFollowedAndStaysALink() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir("data"));
        const QString target = dir.filePath("data/run.json");
        const QString link = dir.filePath("latest.json");
        writeFile(target, "old");
        QCOMPARE(::chmod(QFile::encodeName(target).constData(), 0600), 0);
        QCOMPARE(::symlink("data/run.json", QFile::encodeName(link).constData()), 0);  // relative to the link
        QCOMPARE(error(saveFile(link.toStdString(), "new")), QStringLiteral("<saved>"));
        QVERIFY(S_ISLNK(modeOf(link)));
        QCOMPARE(readAll(target), QByteArray("new"));
        QCOMPARE(int(modeOf(target) & 07777), 0600);
        QCOMPARE(QDir(dir.filePath("data")).entryList(QDir::Files), QStringList{"run.json"});
    }

    void aDanglingLinkGetsItsTargetMade() {
        QTemporaryDir dir;
        const QString link = dir.filePath("latest.json");
        QCOMPARE(::symlink("made.json", QFile::encodeName(link).constData()), 0);
        QCOMPARE(error(saveFile(link.toStdString(), "new")), QStringLiteral("<saved>"));
        QVERIFY(S_ISLNK(modeOf(link)));
        QCOMPARE(readAll(dir.filePath("made.json")), QByteArray("new"));
    }

    void aLinkLoopIsAnError() {
        QTemporaryDir dir;
        const QString a = dir.filePath("a.json");
        QCOMPARE(::symlink("b.json", QFile::encodeName(a).constData()), 0);
        QCOMPARE(::symlink("a.json", QFile::encodeName(dir.filePath("b.json")).constData()), 0);
        QCOMPARE(error(saveFile(a.toStdString(), "new")), a + ": cannot save: Too many levels of symbolic links");
        QVERIFY(S_ISLNK(modeOf(a)));
    }

    void aFifoWithoutAReaderIsAnErrorRatherThanAWait() {
        QTemporaryDir dir;
        const QString fifo = dir.filePath("pipe");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QCOMPARE(error(saveFile(fifo.toStdString(), "bytes")),
                 fifo + ": cannot save: it is a FIFO (named pipe) that no process is reading");
        QVERIFY(S_ISFIFO(modeOf(fifo)));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::System), QStringList{"pipe"});
    }

    void aFifoWithAReaderIsWrittenThrough() {
        QTemporaryDir dir;
        const QString fifo = dir.filePath("pipe");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const int reader = ::open(QFile::encodeName(fifo).constData(), O_RDONLY | O_NONBLOCK);
        QVERIFY(reader >= 0);
        QCOMPARE(error(saveFile(fifo.toStdString(), "through the pipe")), QStringLiteral("<saved>"));
        char buffer[64] = {};
        const ssize_t got = ::read(reader, buffer, sizeof buffer);
        ::close(reader);
        QCOMPARE(QByteArray(buffer, int(got)), QByteArray("through the pipe"));
        QVERIFY(S_ISFIFO(modeOf(fifo)));
    }

    void aReaderThatGoesAwayFailsTheSaveWithoutKillingTheProcess() {
        QTemporaryDir dir;
        const QString fifo = dir.filePath("pipe");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const int reader = ::open(QFile::encodeName(fifo).constData(), O_RDONLY | O_NONBLOCK);
        QVERIFY(reader >= 0);
        const SaveResult result = saveFile(fifo.toStdString(), [&](const ByteSink& sink) {
            ::close(reader);  // the reader leaves before anything is written
            return sink("lost");
        });
        QCOMPARE(error(result), fifo + ": cannot save: Broken pipe");
        sigset_t pending;
        sigpending(&pending);
        QVERIFY(!sigismember(&pending, SIGPIPE));
    }

    void devicesAreWrittenThroughAndNeverReplaced_data() {
        QTest::addColumn<QString>("device");
        QTest::addColumn<QString>("expected");
        QTest::newRow("/dev/null takes everything") << "/dev/null" << "<saved>";
        QTest::newRow("/dev/full reports the failure") << "/dev/full" << "/dev/full: cannot save: No space left on device";
    }
    void devicesAreWrittenThroughAndNeverReplaced() {
        QFETCH(QString, device);
        QFETCH(QString, expected);
        QVERIFY(S_ISCHR(modeOf(device)));
        QCOMPARE(error(saveFile(device.toStdString(), "bytes")), expected);
        QVERIFY(S_ISCHR(modeOf(device)));
        QVERIFY(QDir("/dev").entryList({QFileInfo(device).fileName() + ".tmp-*"}, QDir::AllEntries | QDir::System).isEmpty());
    }

    void directoriesAreRefused() {
        QTemporaryDir dir;
        QCOMPARE(error(saveFile(dir.path().toStdString(), "bytes")), dir.path() + ": cannot save: it is a directory");
    }

    void aReadOnlyFileIsNotReplaced() {
        QTemporaryDir dir;
        const QString path = dir.filePath("kept.json");
        writeFile(path, "old");
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0444), 0);
        QCOMPARE(::chmod(QFile::encodeName(dir.path()).constData(), 0777), 0);  // the directory would allow it
        // As an ordinary user: the superuser may write any file.
        const int ended = inChild([&] {
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0))
                ::_exit(3);
            const SaveResult result = saveFile(path.toStdString(), "new");
            ::_exit(!result.ok && result.error == path.toStdString() + ": cannot save: Permission denied" ? 0 : 1);
        });
        QCOMPARE(ended, 0);
        QCOMPARE(readAll(path), QByteArray("old"));
    }

    void aFailedOrThrowingSaveLeavesNoTemporaryFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("run.json");
        writeFile(path, "old");
        const SaveResult failed = saveFile(path.toStdString(), [](const ByteSink& sink) {
            sink("half");
            return false;
        });
        QCOMPARE(error(failed), path + ": cannot save: Input/output error");
        bool threw = false;
        try {
            saveFile(path.toStdString(), [](const ByteSink& sink) -> bool {
                sink("half");
                throw std::bad_alloc();
            });
        } catch (const std::bad_alloc&) {
            threw = true;
        }
        QVERIFY(threw);
        QCOMPARE(readAll(path), QByteArray("old"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"run.json"});
    }

    void aSaveKilledMidwayLeavesNoTemporaryFile_data() {
        QTest::addColumn<int>("how");
        QTest::newRow("kill -9") << SIGKILL;
        QTest::newRow("over the file size limit (SIGXFSZ)") << SIGXFSZ;
    }
    void aSaveKilledMidwayLeavesNoTemporaryFile() {
        QFETCH(int, how);
        QTemporaryDir dir;
        const QString path = dir.filePath("run.json");
        writeFile(path, "old");
        const int ended = inChild([&] {
            std::signal(SIGXFSZ, SIG_DFL);
            rlimit noCore{0, 0};
            ::setrlimit(RLIMIT_CORE, &noCore);
            rlimit small{1000, 1000};
            if (how == SIGXFSZ)
                ::setrlimit(RLIMIT_FSIZE, &small);
            saveFile(path.toStdString(), [&](const ByteSink& sink) {
                const std::string block(600, 'x');
                sink(block);
                if (how == SIGKILL)
                    ::raise(SIGKILL);
                return sink(block);  // past the limit
            });
        });
        QCOMPARE(ended, 128 + how);
        QCOMPARE(readAll(path), QByteArray("old"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"run.json"});
    }

    void theTraceSaveGoesThroughTheSameRules() {
        // Chrome export into a pipe that nobody reads: the error, not a wait, and no file made.
        QTemporaryDir dir;
        const QString fifo = dir.filePath("trace.chrome.json");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const SaveResult result = saveTraceFile(Trace(), fifo.toStdString());
        QCOMPARE(error(result), fifo + ": cannot save: it is a FIFO (named pipe) that no process is reading");
        QVERIFY(S_ISFIFO(modeOf(fifo)));
    }
};

QTEST_APPLESS_MAIN(TestSaveFile)
#include "tst_save_file.moc"
