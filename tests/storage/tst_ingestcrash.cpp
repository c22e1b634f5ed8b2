#include "core/storage/database.h"
#include "core/storage/leadreplay.h"
#include "core/storage/leadstatecodec.h"
#include "tests/storage/syntheticevents.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QThread>
#include <QTest>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

qint64 scalar(const Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

// The eventIds of the file's first `count` lines.
QSet<QString> firstEventIds(const QString &jsonlPath, qint64 count)
{
    QSet<QString> ids;
    QFile file(jsonlPath);
    if (!file.open(QIODevice::ReadOnly))
        return ids;
    for (qint64 i = 0; i < count && !file.atEnd(); ++i)
        ids.insert(QJsonDocument::fromJson(file.readLine()).object().value(u"eventId"_s).toString());
    return ids;
}

QSet<QString> storedEventIds(const Database &db)
{
    QSet<QString> ids;
    QSqlQuery query(db.connection());
    query.exec(u"SELECT event_uid FROM events"_s);
    while (query.next())
        ids.insert(query.value(0).toString());
    return ids;
}

} // namespace

// Kills a real ingest process with SIGKILL in the middle of its work, runs it again over the same
// file, and checks that nothing was lost or doubled (DESIGN.md, "Storage").
class tst_IngestCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedIngestResumes();
};

void tst_IngestCrash::killedIngestResumes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dbPath = dir.filePath(u"crash.db"_s);
    const QString jsonlPath = dir.filePath(u"events.jsonl"_s);

    testing::SyntheticOptions options;
    options.events = 200'000;
    options.users = 20'000;
    options.seed = 7;
    {
        QFile file(jsonlPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(testing::SyntheticEventGenerator::writeJsonl(options, file), options.events);
    }

    Database db; // created first, so that the child and this observer never race to migrate
    QVERIFY2(db.open(dbPath), qPrintable(db.lastError().message));

    const QStringList arguments{dbPath, jsonlPath, u"2000"_s};
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QStringLiteral(FUNNEL_INGEST_CHILD), arguments);
    QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));

    // Kill it once some batches are committed and before the last one is.
    qint64 seen = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60'000 && child.state() == QProcess::Running) {
        seen = scalar(db, u"SELECT count(*) FROM events"_s);
        if (seen > 0)
            break;
        QThread::msleep(2);
    }
    QVERIFY2(seen > 0 && seen < options.events, qPrintable(u"events stored before the kill: %1"_s.arg(seen)));
    child.kill(); // SIGKILL: no destructor, no rollback, maybe half a batch in the WAL
    QVERIFY(child.waitForFinished(10'000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    const qint64 afterKill = scalar(db, u"SELECT count(*) FROM events"_s);
    qDebug() << "events seen" << seen << "stored when killed" << afterKill;
    QVERIFY(afterKill < options.events);
    // Whole batches only, in file order: the first lines of the file, no half batch.
    QCOMPARE(storedEventIds(db), firstEventIds(jsonlPath, afterKill));

    QProcess rerun;
    rerun.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    rerun.start(QStringLiteral(FUNNEL_INGEST_CHILD), arguments);
    QVERIFY(rerun.waitForFinished(300'000));
    QCOMPARE(rerun.exitStatus(), QProcess::NormalExit);
    QCOMPARE(rerun.exitCode(), 0);
    qDebug() << rerun.readAllStandardOutput().trimmed();

    // Every eventId exactly once.
    QCOMPARE(scalar(db, u"SELECT count(*) FROM events"_s), options.events);
    QCOMPARE(scalar(db, u"SELECT count(DISTINCT event_uid) FROM events"_s), options.events);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM events WHERE event_uid IS NULL"_s), 0);
    // One lead per user, each with its "created" history row.
    const qint64 leads = scalar(db, u"SELECT count(*) FROM leads"_s);
    QCOMPARE(scalar(db, u"SELECT count(DISTINCT external_id) FROM leads"_s), leads);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM stage_history WHERE cause = 'created'"_s), leads);
    QCOMPARE(scalar(db, u"SELECT count(*) FROM leads l WHERE NOT EXISTS "
                        "(SELECT 1 FROM events e WHERE e.lead_id = l.id)"_s),
             0);

    // Every lead's stored state is what a replay of its events gives.
    const std::optional<QHash<qint64, LeadState>> replayed = LeadReplay::replayAll(db, RuleSet::defaults());
    QVERIFY(replayed);
    QCOMPARE(replayed->size(), leads);
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(u"SELECT id, stage, score, last_activity_at, decay_steps, cap_usage FROM leads"_s));
    qint64 compared = 0;
    while (query.next()) {
        const qint64 id = query.value(0).toLongLong();
        const std::optional<LeadState> stored = LeadStateCodec::fromRecord(query.record());
        QVERIFY(stored);
        QVERIFY2(*stored == replayed->value(id),
                 qPrintable(u"lead %1: stored %2/%3, replayed %4/%5"_s.arg(id)
                                .arg(stageName(stored->stage))
                                .arg(stored->score)
                                .arg(stageName(replayed->value(id).stage))
                                .arg(replayed->value(id).score)));
        ++compared;
    }
    QCOMPARE(compared, leads);
}

QTEST_GUILESS_MAIN(tst_IngestCrash)
#include "tst_ingestcrash.moc"
