#include "core/storage/database.h"
#include "core/storage/transaction.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace funnel;
using namespace Qt::StringLiterals;

namespace {

QVariant pragma(const Database &db, const QString &name)
{
    QSqlQuery query(db.connection());
    if (!query.exec(u"PRAGMA "_s + name) || !query.next())
        return {};
    return query.value(0);
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// A plain QSQLITE connection that is not a funnel::Database, for preparing files and holding locks.
class RawConnection
{
public:
    explicit RawConnection(const QString &path)
        : m_name(u"raw-%1"_s.arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        m_ok = db.open();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    bool exec(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql)) {
            qWarning() << sql << query.lastError().text();
            return false;
        }
        return true;
    }

private:
    QString m_name;
    bool m_ok = false;
};

enum class Setup { OtherApplicationTables, OtherApplicationId, Garbage, NewerSchema, MissingDirectory, TextFile };

} // namespace

class tst_Database : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshFile();
    void reopenIsNoOp();
    void emptyFileIsNew();
    void existingFileKeepsItsPageSize();
    void refused_data();
    void refused();
    void lockedWhileOpening();
    void lockedWhileWriting();
    void transactionRollsBackUnlessCommitted();
    void settings();
    void leadWritesCounted_data();
    void leadWritesCounted();
    void activeRules();
    void oneConnectionPerThread();

private:
    QString newPath(const QString &name = u"funnel.db"_s) { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void tst_Database::freshFile()
{
    const QString path = newPath(u"fresh.db"_s);
    QVERIFY(!QFile::exists(path));
    Database db;
    QVERIFY2(db.open(path), qPrintable(db.lastError().message));
    QVERIFY(db.isOpen());
    QVERIFY(QFile::exists(path));
    QCOMPARE(db.lastError().kind, DatabaseError::Kind::None);
    QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
    QVERIFY(Database::latestSchemaVersion() >= 1);

    QCOMPARE(pragma(db, u"application_id"_s).toLongLong(), qint64(0x464E4C42));
    QCOMPARE(pragma(db, u"journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(pragma(db, u"synchronous"_s).toInt(), 1); // NORMAL
    QCOMPARE(pragma(db, u"foreign_keys"_s).toInt(), 1);
    QCOMPARE(db.busyTimeoutMs(), 5000); // BusyWait's, so PRAGMA busy_timeout says 0 (lockedWhileWriting)
    QCOMPARE(pragma(db, u"page_size"_s).toInt(), 16384);

    QSqlQuery query(db.connection());
    QVERIFY(query.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s));
    QStringList tables;
    while (query.next())
        tables << query.value(0).toString();
    // Migration 1's tables; later migrations add their own.
    for (const QString &table : {u"enrollments"_s, u"events"_s, u"leads"_s, u"notes"_s, u"score_adjustments"_s,
                                 u"settings"_s, u"stage_history"_s})
        QVERIFY2(tables.contains(table), qPrintable(table));
    // Bulk indexing for search buffers 8 MiB before it writes a segment (migration 10).
    QVERIFY(query.exec(u"SELECT v FROM leads_search_config WHERE k = 'hashsize'"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 8388608);

    // The board's and the merge's queries use their indexes.
    auto plan = [&db](const QString &sql) {
        QSqlQuery explain(db.connection());
        explain.exec(u"EXPLAIN QUERY PLAN "_s + sql);
        QString text;
        while (explain.next())
            text += explain.value(3).toString() + u'\n';
        return text;
    };
    QVERIFY(plan(u"SELECT id FROM leads WHERE lower(email) = lower('A@b.co') AND email IS NOT NULL AND email <> ''"_s)
                .contains(u"leads_email_idx"_s));
    QVERIFY(plan(u"SELECT id FROM leads WHERE stage = 'SQL' ORDER BY score DESC, id LIMIT 50"_s)
                .contains(u"leads_stage_score_idx"_s));
    QVERIFY(plan(u"SELECT type FROM events WHERE lead_id = 1 ORDER BY id"_s).contains(u"events_lead_idx"_s));

    // A new lead's stage is checked; the email index is unique regardless of case.
    QVERIFY(!query.exec(u"INSERT INTO leads (stage, created_at, stage_entered_at) VALUES ('Warm', 0, 0)"_s));
    QVERIFY(query.exec(u"INSERT INTO leads (email, created_at, stage_entered_at) VALUES ('Ada@b.co', 0, 0)"_s));
    QVERIFY(!query.exec(u"INSERT INTO leads (email, created_at, stage_entered_at) VALUES ('ada@B.CO', 0, 0)"_s));
    QVERIFY(query.exec(u"INSERT INTO leads (email, created_at, stage_entered_at) VALUES ('', 0, 0)"_s));
    QVERIFY(query.exec(u"INSERT INTO leads (email, created_at, stage_entered_at) VALUES ('', 0, 0)"_s));
    // Foreign keys are enforced on this connection.
    QVERIFY(!query.exec(u"INSERT INTO events (lead_id, type, occurred_at, received_at) VALUES (999, 'X', 0, 0)"_s));
}

void tst_Database::reopenIsNoOp()
{
    const QString path = newPath(u"reopen.db"_s);
    {
        Database db;
        QVERIFY(db.open(path));
        QVERIFY(db.setSettingValue(u"k"_s, u"v"_s));
    }
    const QByteArray before = fileHash(path);
    QVERIFY(!before.isEmpty());
    {
        Database db;
        QVERIFY2(db.open(path), qPrintable(db.lastError().message));
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        QCOMPARE(db.settingValue(u"k"_s), std::optional<QString>(u"v"_s));
    }
    QCOMPARE(fileHash(path), before);

    // Two connections at once (e.g. GUI thread and a worker) both open it.
    Database first;
    Database second;
    QVERIFY(first.open(path));
    QVERIFY(second.open(path));
    QVERIFY(first.connectionName() != second.connectionName());
}

void tst_Database::emptyFileIsNew()
{
    const QString path = newPath(u"empty.db"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    Database db;
    QVERIFY2(db.open(path), qPrintable(db.lastError().message));
    QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
}

// Files written before 16 KiB pages became the default keep their 4 KiB: only a VACUUM outside WAL
// mode could change it, and opening must never rewrite a whole file.
void tst_Database::existingFileKeepsItsPageSize()
{
    const QString path = newPath(u"small-pages.db"_s);
    {
        Database db;
        QVERIFY(db.open(path));
        QVERIFY(db.setSettingValue(u"k"_s, u"v"_s));
    }
    {
        RawConnection raw(path);
        QVERIFY(raw.ok());
        QVERIFY(raw.exec(u"PRAGMA journal_mode = DELETE"_s));
        QVERIFY(raw.exec(u"PRAGMA page_size = 4096"_s));
        QVERIFY(raw.exec(u"VACUUM"_s));
    }
    Database db;
    QVERIFY2(db.open(path), qPrintable(db.lastError().message));
    QCOMPARE(pragma(db, u"page_size"_s).toInt(), 4096);
    QCOMPARE(pragma(db, u"journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(db.settingValue(u"k"_s), std::optional<QString>(u"v"_s));
    QVERIFY(db.setSettingValue(u"k"_s, u"w"_s));
}

void tst_Database::refused_data()
{
    QTest::addColumn<Setup>("setup");
    QTest::addColumn<DatabaseError::Kind>("kind");
    QTest::addColumn<bool>("unchanged");

    QTest::addRow("another application's tables") << Setup::OtherApplicationTables
                                                  << DatabaseError::Kind::NotFunnelboard << true;
    QTest::addRow("another application id") << Setup::OtherApplicationId << DatabaseError::Kind::NotFunnelboard << true;
    QTest::addRow("garbage") << Setup::Garbage << DatabaseError::Kind::Corrupt << true;
    QTest::addRow("text file") << Setup::TextFile << DatabaseError::Kind::Corrupt << true;
    QTest::addRow("newer schema") << Setup::NewerSchema << DatabaseError::Kind::NewerSchema << true;
    QTest::addRow("missing directory") << Setup::MissingDirectory << DatabaseError::Kind::Io << false;
}

void tst_Database::refused()
{
    QFETCH(Setup, setup);
    QFETCH(DatabaseError::Kind, kind);
    QFETCH(bool, unchanged);

    const QString path = setup == Setup::MissingDirectory ? m_dir.filePath(u"no/such/dir/x.db"_s)
                                                          : newPath(QString::fromLatin1(QTest::currentDataTag()) + u".db"_s);
    switch (setup) {
    case Setup::OtherApplicationTables: {
        RawConnection raw(path);
        QVERIFY(raw.ok());
        QVERIFY(raw.exec(u"CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)"_s));
        QVERIFY(raw.exec(u"INSERT INTO photos (path) VALUES ('/tmp/a.jpg')"_s));
        break;
    }
    case Setup::OtherApplicationId: {
        RawConnection raw(path);
        QVERIFY(raw.exec(u"PRAGMA application_id = 305419896"_s)); // 0x12345678, no tables
        break;
    }
    case Setup::Garbage: {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray bytes(8192, '\0');
        for (int i = 0; i < bytes.size(); ++i)
            bytes[i] = char((i * 7919 + 13) % 251);
        file.write(bytes);
        break;
    }
    case Setup::TextFile: {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("id,email\n1,a@b.co\n").repeated(300));
        break;
    }
    case Setup::NewerSchema: {
        {
            Database db;
            QVERIFY(db.open(path));
        }
        RawConnection raw(path);
        QVERIFY(raw.exec(u"PRAGMA user_version = 99"_s));
        break;
    }
    case Setup::MissingDirectory: break;
    }
    const QByteArray before = fileHash(path);

    Database db;
    QVERIFY(!db.open(path));
    QVERIFY(!db.isOpen());
    QCOMPARE(DatabaseError::kindName(db.lastError().kind), DatabaseError::kindName(kind));
    qDebug() << db.lastError().message << db.lastError().detail;
    QVERIFY2(db.lastError().message.contains(path), qPrintable(db.lastError().message));
    QVERIFY(db.lastError().message.endsWith(u'.'));
    if (kind == DatabaseError::Kind::NewerSchema)
        QVERIFY(db.lastError().message.contains(u"99"_s));
    if (unchanged)
        QCOMPARE(fileHash(path), before);
    QVERIFY(db.connectionName().isEmpty()); // the failed connection was removed
}

void tst_Database::lockedWhileOpening()
{
    const QString path = newPath(u"locked.db"_s);
    {
        Database db;
        QVERIFY(db.open(path));
    }
    // Another program that uses a rollback journal and holds an exclusive lock: nobody may read.
    RawConnection locker(path);
    QVERIFY(locker.exec(u"PRAGMA journal_mode = DELETE"_s));
    QVERIFY(locker.exec(u"BEGIN EXCLUSIVE"_s));
    QVERIFY(locker.exec(u"INSERT INTO settings (key, value) VALUES ('held', 'yes')"_s));

    Database db;
    db.setBusyTimeoutMs(300);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!db.open(path));
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(DatabaseError::kindName(db.lastError().kind), u"Locked"_s);
    QVERIFY2(db.lastError().message.contains(path), qPrintable(db.lastError().message));
    QVERIFY2(elapsed >= 250 && elapsed < 3000, qPrintable(QString::number(elapsed)));

    QVERIFY(locker.exec(u"ROLLBACK"_s));
    QVERIFY2(db.open(path), qPrintable(db.lastError().message));
}

void tst_Database::lockedWhileWriting()
{
    const QString path = newPath(u"busy.db"_s);
    {
        Database db;
        QVERIFY(db.open(path));
    }
    RawConnection writer(path);
    QVERIFY(writer.exec(u"BEGIN IMMEDIATE"_s));
    QVERIFY(writer.exec(u"INSERT INTO settings (key, value) VALUES ('held', 'yes')"_s));

    // WAL: reading (and so opening an up-to-date file) goes on while someone writes.
    Database db;
    db.setBusyTimeoutMs(200);
    QVERIFY2(db.open(path), qPrintable(db.lastError().message));
    QCOMPARE(db.settingValue(u"held"_s), std::nullopt);

    QElapsedTimer timer;
    timer.start();
    QVERIFY(!db.setSettingValue(u"mine"_s, u"1"_s));
    QCOMPARE(DatabaseError::kindName(db.lastError().kind), u"Locked"_s);
    {
        Transaction transaction(db);
        QVERIFY(!transaction.isActive());
        QCOMPARE(DatabaseError::kindName(transaction.error().kind), u"Locked"_s);
    }
    QVERIFY(timer.elapsed() < 3000);

    QVERIFY(writer.exec(u"COMMIT"_s));
    QVERIFY(db.setSettingValue(u"mine"_s, u"1"_s));
    QCOMPARE(db.settingValue(u"held"_s), std::optional<QString>(u"yes"_s));
}

void tst_Database::transactionRollsBackUnlessCommitted()
{
    Database db;
    QVERIFY(db.open(newPath(u"tx.db"_s)));
    {
        Transaction transaction(db);
        QVERIFY(transaction.isActive());
        QVERIFY(db.setSettingValue(u"a"_s, u"1"_s));
        QCOMPARE(db.settingValue(u"a"_s), std::optional<QString>(u"1"_s));
    } // no commit
    QCOMPARE(db.settingValue(u"a"_s), std::nullopt);
    {
        Transaction transaction(db, Transaction::Mode::Deferred);
        QVERIFY(db.setSettingValue(u"a"_s, u"2"_s));
        QVERIFY(transaction.commit());
        QVERIFY(!transaction.isActive());
        QVERIFY(!transaction.commit()); // once
    }
    QCOMPARE(db.settingValue(u"a"_s), std::optional<QString>(u"2"_s));
    {
        Transaction transaction(db);
        QVERIFY(db.setSettingValue(u"a"_s, u"3"_s));
        transaction.rollback();
        QVERIFY(!transaction.isActive());
    }
    QCOMPARE(db.settingValue(u"a"_s), std::optional<QString>(u"2"_s));
}

void tst_Database::settings()
{
    Database db;
    QVERIFY(db.open(newPath(u"settings.db"_s)));
    QCOMPARE(db.settingValue(u"missing"_s), std::nullopt);
    QVERIFY(db.setSettingValue(u"board/columns"_s, u"Cold,MQL"_s));
    QVERIFY(db.setSettingValue(u"board/columns"_s, u"Cold,MQL,SQL"_s));
    QCOMPARE(db.settingValue(u"board/columns"_s), std::optional<QString>(u"Cold,MQL,SQL"_s));
    QVERIFY(db.setSettingValue(u"empty"_s, QString(u""_s)));
    QCOMPARE(db.settingValue(u"empty"_s), std::optional<QString>(QString()));
}

void tst_Database::leadWritesCounted_data()
{
    QTest::addColumn<QString>("write");
    QTest::addColumn<int>("counted");
    QTest::newRow("a new lead") << u"INSERT INTO leads (name, created_at, stage_entered_at) VALUES ('B', 0, 0)"_s << 1;
    QTest::newRow("a score") << u"UPDATE leads SET score = 5"_s << 1;
    QTest::newRow("an owner") << u"UPDATE leads SET owner = 'Ana'"_s << 1;
    QTest::newRow("a deleted lead") << u"DELETE FROM leads"_s << 1;
    QTest::newRow("a setting") << u"INSERT INTO settings (key, value) VALUES ('k', 'v')"_s << 0;
    QTest::newRow("an event") << u"INSERT INTO events (lead_id, type, occurred_at, received_at) SELECT id, 'X', 0, 0 FROM leads"_s
                              << 0;
}

// lead_writes (migration 11) counts every write to leads and nothing else: a writer that caches leads
// between its transactions (IngestPipeline) learns from it whether another one changed any.
void tst_Database::leadWritesCounted()
{
    QFETCH(QString, write);
    QFETCH(int, counted);
    Database db;
    QVERIFY(db.open(newPath(u"writes-%1.db"_s.arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')))));
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(u"INSERT INTO leads (name, created_at, stage_entered_at) VALUES ('A', 0, 0)"_s));
    QVERIFY(query.exec(u"SELECT n FROM lead_writes"_s) && query.next());
    const qint64 start = query.value(0).toLongLong();
    QCOMPARE(start, 1); // the insert above
    QVERIFY2(query.exec(write), qPrintable(query.lastError().text()));
    QVERIFY(query.exec(u"SELECT n FROM lead_writes"_s) && query.next());
    QCOMPARE(query.value(0).toLongLong(), start + counted);
}

void tst_Database::activeRules()
{
    const QString path = newPath(u"rules.db"_s);
    RuleSet custom = RuleSet::defaults();
    custom.setThresholds(50, 90);
    custom.setRule(Rule{u"WEBINAR_ATTENDED"_s, 25, std::nullopt, QString(), std::nullopt});
    {
        Database db;
        QVERIFY(db.open(path));
        QString error;
        QCOMPARE(db.activeRules(&error), RuleSet::defaults());
        QVERIFY(error.isEmpty());
        QVERIFY(db.setActiveRules(custom));
    }
    Database db;
    QVERIFY(db.open(path));
    QString error;
    QCOMPARE(db.activeRules(&error), custom);
    QVERIFY(error.isEmpty());

    QVERIFY(db.setSettingValue(u"rules"_s, u"{not json"_s));
    QCOMPARE(db.activeRules(&error), RuleSet::defaults());
    QVERIFY(error.contains(path));
}

void tst_Database::oneConnectionPerThread()
{
    const QString path = newPath(u"threads.db"_s);
    Database main;
    QVERIFY(main.open(path));
    QVERIFY(main.setSettingValue(u"from"_s, u"main"_s));

    std::optional<QString> seen;
    QString workerConnection;
    QThread *worker = QThread::create([&] {
        Database db; // its own connection, made and used on this thread only
        if (!db.open(path))
            return;
        workerConnection = db.connectionName();
        seen = db.settingValue(u"from"_s);
        db.setSettingValue(u"worker"_s, u"done"_s);
    });
    worker->start();
    QVERIFY(worker->wait(10000));
    delete worker;
    QCOMPARE(seen, std::optional<QString>(u"main"_s));
    QVERIFY(!workerConnection.isEmpty());
    QVERIFY(workerConnection != main.connectionName());
    QCOMPARE(main.settingValue(u"worker"_s), std::optional<QString>(u"done"_s));
    QVERIFY(!QSqlDatabase::contains(workerConnection)); // removed when the worker's Database died
}

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
