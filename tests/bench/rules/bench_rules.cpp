// Times the what-if replay on a database from funnel::LargeDatabase (or an existing copy):
//  - the pure engine: events/s of RulesetReplay over an EventHistory in memory, one core, next to the
//    baseline of folding funnel::apply over the same events (QString types, a LeadState per event);
//  - end to end: WhatIfQuery::run, i.e. scan the events table, replay under the rules in force and a
//    draft, compare (what the preview and `funnelctl rules diff` wait for).
// Figures only; it never fails on timing.
//
//  - the GUI: from pressing "Run what-if" on the Rules tab (offscreen) to the impact shown.
//
//   bench_rules [--leads N] [--events N] [--seed N] [--db FILE] [--baseline-events N] [--no-gui]

#include "core/domain/compiledruleset.h"
#include "core/domain/rulesetreplay.h"
#include "core/domain/scoringengine.h"
#include "core/storage/database.h"
#include "core/storage/rescorer.h"
#include "core/storage/whatifquery.h"
#include "tests/bench/common/benchoutput.h"
#include "tests/bench/common/largedatabase.h"
#include "ui/rules/rulespage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSignalSpy>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

using namespace funnel;
using namespace Qt::StringLiterals;

using testing::msSince;
using testing::print;

namespace {

RuleSet draftRules()
{
    RuleSet rules = RuleSet::defaults();
    rules.setThresholds(30, 70);
    rules.setRule(Rule{u"VIEWED_PRICING"_s, 12, std::nullopt, {}, PointsCap{36, CapPeriod::Week}});
    return rules;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption leadsOption(u"leads"_s, u"leads to generate"_s, u"N"_s, u"20000"_s);
    const QCommandLineOption eventsOption(u"events"_s, u"events to generate"_s, u"N"_s, u"100000"_s);
    const QCommandLineOption seedOption(u"seed"_s, u"generator seed"_s, u"N"_s, u"7"_s);
    const QCommandLineOption dbOption(u"db"_s, u"use this database (created when missing, never written otherwise)"_s, u"FILE"_s);
    const QCommandLineOption baselineOption(u"baseline-events"_s, u"events the apply() baseline replays at most"_s,
                                            u"N"_s, u"1000000"_s);
    const QCommandLineOption noGuiOption(u"no-gui"_s, u"skip the Rules tab measurement"_s);
    parser.addOptions({leadsOption, eventsOption, seedOption, dbOption, baselineOption, noGuiOption});
    parser.process(app);

    QTemporaryDir dir;
    QString path = parser.value(dbOption);
    if (path.isEmpty())
        path = dir.filePath(u"bench-rules.sqlite"_s);
    if (!QFileInfo::exists(path)) {
        QElapsedTimer timer;
        timer.start();
        QString error;
        if (!LargeDatabase::create(path, parser.value(leadsOption).toInt(), parser.value(eventsOption).toLongLong(),
                                   parser.value(seedOption).toUInt(), &error)) {
            print(u"cannot create %1: %2"_s.arg(path, error));
            return 2;
        }
        print(u"generated %1 in %2 ms"_s.arg(path).arg(msSince(timer), 0, 'f', 0));
    }

    Database database;
    if (!database.open(path)) {
        print(database.lastError().message);
        return 2;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const RuleSet current = database.activeRules();
    const RuleSet draft = draftRules();

    // End to end, first: a cold page cache is what the first click on the button meets.
    QElapsedTimer total;
    total.start();
    DatabaseError error;
    const auto impact = WhatIfQuery::run(database, current, draft, now, {}, &error);
    const double endToEndMs = msSince(total);
    if (!impact) {
        print(error.message);
        return 2;
    }

    QElapsedTimer timer;
    timer.start();
    const auto history = WhatIfQuery::loadHistory(database, {}, &error);
    const double loadMs = msSince(timer);
    if (!history)
        return 2;

    timer.restart();
    const auto pinned = Rescorer::pinnedStages(database, nullptr, false); // as WhatIfQuery asks
    const double pinnedMs = msSince(timer);

    // The pure engine on one core, over the history in memory.
    const CompiledRuleSet compiled(draft, history->typeNames);
    RulesetReplay replay(compiled);
    qint64 checksum = 0;
    timer.restart();
    for (qsizetype i = 0; i < history->leadCount(); ++i) {
        const quint32 begin = history->offsets[size_t(i)];
        const ReplayedLead lead = replay.replay(history->typeIds.data() + begin, history->times.data() + begin,
                                                qsizetype(history->offsets[size_t(i) + 1] - begin), now);
        checksum += lead.score + int(lead.stage);
    }
    const double engineMs = msSince(timer);

    // Baseline: the same replay through funnel::apply (the slow path LeadReplay takes), on a prefix.
    const qint64 baselineLimit = parser.value(baselineOption).toLongLong();
    qint64 baselineEvents = 0;
    qint64 baselineChecksum = 0;
    qint64 fastChecksumOfPrefix = 0;
    timer.restart();
    for (qsizetype i = 0; i < history->leadCount() && baselineEvents < baselineLimit; ++i) {
        LeadState state;
        for (quint32 e = history->offsets[size_t(i)]; e < history->offsets[size_t(i) + 1]; ++e)
            state = apply(state, Event{history->typeNames.at(history->typeIds[e]), history->times[e]}, draft).next;
        state = applyDecay(state, now, draft).next;
        baselineChecksum += state.score + int(state.stage);
        baselineEvents += history->offsets[size_t(i) + 1] - history->offsets[size_t(i)];
    }
    const double baselineMs = msSince(timer);
    for (qsizetype i = 0, events = 0; i < history->leadCount() && events < baselineLimit; ++i) {
        const quint32 begin = history->offsets[size_t(i)];
        const qsizetype count = qsizetype(history->offsets[size_t(i) + 1] - begin);
        const ReplayedLead lead = replay.replay(history->typeIds.data() + begin, history->times.data() + begin, count, now);
        fastChecksumOfPrefix += lead.score + int(lead.stage);
        events += count;
    }

    const double engineRate = double(history->eventCount()) / (engineMs / 1000.0);
    const double baselineRate = double(baselineEvents) / (baselineMs / 1000.0);
    print(u"what-if over %1 leads with events, %2 events (%3 leads in all)"_s.arg(history->leadCount())
              .arg(history->eventCount())
              .arg(impact->leads));
    print(u"  end to end (scan, replay, compare)       %1 ms   target < 3000 ms  %2"_s.arg(endToEndMs, 9, 'f', 1)
              .arg(endToEndMs < 3000 ? u"ok"_s : u"OVER TARGET"_s));
    print(u"    of which loading the history           %1 ms"_s.arg(loadMs, 9, 'f', 1));
    print(u"    of which finding people's stages        %1 ms   (%2 moved by people)"_s.arg(pinnedMs, 9, 'f', 1)
              .arg(pinned ? pinned->size() : 0));
    print(u"  engine (compiled rules, one core)        %1 ms   %2 M events/s  target >= 10  %3"_s.arg(engineMs, 9, 'f', 1)
              .arg(engineRate / 1e6, 0, 'f', 1)
              .arg(engineRate >= 10e6 ? u"ok"_s : u"UNDER TARGET"_s));
    print(u"  baseline (fold apply, %1 events)     %2 ms   %3 M events/s  (engine is %4x)"_s.arg(baselineEvents)
              .arg(baselineMs, 9, 'f', 1)
              .arg(baselineRate / 1e6, 0, 'f', 2)
              .arg(engineRate / baselineRate, 0, 'f', 1));
    print(u"  leads moving under the draft: %1; checksum %2"_s.arg(impact->movedLeads).arg(checksum));

    if (!parser.isSet(noGuiOption)) {
        RulesPage page;
        page.resize(1400, 900);
        page.show();
        QSignalSpy loaded(&page, &RulesPage::stateLoaded);
        page.openDatabase(path);
        if (!loaded.wait(120000)) {
            print(u"the Rules tab did not load"_s);
            return 2;
        }
        page.changeDraft(draft, u"bench"_s);
        QSignalSpy shown(&page, &RulesPage::whatIfShown);
        QElapsedTimer pressed;
        pressed.start();
        page.runWhatIf();
        if (!shown.wait(120000)) {
            print(u"the what-if did not finish"_s);
            return 2;
        }
        const double guiMs = msSince(pressed);
        print(u"  GUI: button pressed to impact shown       %1 ms   target < 3000 ms  %2"_s.arg(guiMs, 9, 'f', 1)
                  .arg(guiMs < 3000 ? u"ok"_s : u"OVER TARGET"_s));
    }
    if (baselineChecksum != fastChecksumOfPrefix) {
        print(u"MISMATCH: apply and the compiled replay disagree (%1 vs %2)"_s.arg(baselineChecksum).arg(fastChecksumOfPrefix));
        return 1;
    }
    return 0;
}
