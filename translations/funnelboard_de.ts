<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>BodyTemplate</name>
    <message>
        <source>&apos;{{&apos; is not closed by &apos;}}&apos;</source>
        <translation>&apos;{{&apos; wird nicht durch &apos;}}&apos; geschlossen</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>unknown placeholder &apos;{{%1}}&apos;; known: %2</source>
        <translation>unbekannter Platzhalter &apos;{{%1}}&apos;; bekannt: %2</translation>
    </message>
</context>
<context>
    <name>CampaignEngine</name>
    <message>
        <source>the campaign %1 is not enabled</source>
        <translation>die Kampagne %1 ist nicht aktiviert</translation>
    </message>
    <message>
        <source>this is not the campaign&apos;s trigger</source>
        <translation>dies ist nicht der Auslöser der Kampagne</translation>
    </message>
    <message>
        <source>the lead is %1; the audience is %2</source>
        <translation>der Lead ist %1; die Zielgruppe ist %2</translation>
    </message>
    <message>
        <source>the score %1 is below the audience&apos;s minimum %2</source>
        <translation>der Score %1 liegt unter dem Mindestwert %2 der Zielgruppe</translation>
    </message>
    <message>
        <source>the source &apos;%1&apos; is not one of %2</source>
        <translation>die Quelle &apos;%1&apos; ist keine von %2</translation>
    </message>
    <message>
        <source>the lead is already %1, the campaign&apos;s goal</source>
        <translation>der Lead ist bereits %1, das Ziel der Kampagne</translation>
    </message>
    <message>
        <source>the lead is already enrolled in %1</source>
        <translation>der Lead ist bereits in %1 aufgenommen</translation>
    </message>
    <message>
        <source>the lead was enrolled before and the campaign enrolls once</source>
        <translation>der Lead wurde bereits aufgenommen und die Kampagne nimmt nur einmal auf</translation>
    </message>
    <message numerus="yes">
        <source>the lead was enrolled less than %n day(s) ago</source>
        <translation>
            <numerusform>der Lead wurde vor weniger als %n Tag aufgenommen</numerusform>
            <numerusform>der Lead wurde vor weniger als %n Tagen aufgenommen</numerusform>
        </translation>
    </message>
    <message>
        <source>campaign %1</source>
        <translation>Kampagne %1</translation>
    </message>
    <message>
        <source>the steps loop without a wait</source>
        <translation>die Schritte bilden eine Schleife ohne Wartezeit</translation>
    </message>
    <message>
        <source>the body template is not valid JSON: %1</source>
        <translation>die Body-Vorlage ist kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>%1: %2 needs attention</source>
        <translation>%1: %2 erfordert Aufmerksamkeit</translation>
    </message>
    <message>
        <source>no webhook target is set</source>
        <translation>kein Webhook-Ziel festgelegt</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http or https URL</source>
        <translation>&apos;%1&apos; ist keine http- oder https-URL</translation>
    </message>
    <message>
        <source>the webhook target %1 is a placeholder; set the real URL</source>
        <translation>das Webhook-Ziel %1 ist ein Platzhalter; legen Sie die echte URL fest</translation>
    </message>
    <message>
        <source>the campaign has no name</source>
        <translation>die Kampagne hat keinen Namen</translation>
    </message>
    <message>
        <source>the trigger names no event type</source>
        <translation>der Auslöser nennt keinen Ereignistyp</translation>
    </message>
    <message>
        <source>the schedule is not valid: %1</source>
        <translation>der Zeitplan ist ungültig: %1</translation>
    </message>
    <message>
        <source>the campaign has no steps</source>
        <translation>die Kampagne hat keine Schritte</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>%1: the step id &apos;%2&apos; is empty, reserved or used twice</source>
        <translation>%1: die Schritt-ID &apos;%2&apos; ist leer, reserviert oder doppelt vergeben</translation>
    </message>
    <message>
        <source>%1: a wait cannot be negative</source>
        <translation>%1: eine Wartezeit kann nicht negativ sein</translation>
    </message>
    <message>
        <source>%1: the method %2 cannot carry a body (use POST, PUT or PATCH)</source>
        <translation>%1: die Methode %2 kann keinen Body übertragen (verwenden Sie POST, PUT oder PATCH)</translation>
    </message>
    <message>
        <source>%1: the body template: %2</source>
        <translation>%1: die Body-Vorlage: %2</translation>
    </message>
    <message>
        <source>%1: the header name &apos;%2&apos; is not allowed</source>
        <translation>%1: der Header-Name &apos;%2&apos; ist nicht erlaubt</translation>
    </message>
    <message>
        <source>%1: the branch target &apos;%2&apos; is no step of this campaign</source>
        <translation>%1: das Verzweigungsziel &apos;%2&apos; ist kein Schritt dieser Kampagne</translation>
    </message>
    <message>
        <source>%1: the condition names no event type</source>
        <translation>%1: die Bedingung nennt keinen Ereignistyp</translation>
    </message>
</context>
<context>
    <name>CampaignJson</name>
    <message>
        <source>is missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation>String erwartet</translation>
    </message>
    <message>
        <source>expected a whole number</source>
        <translation>ganze Zahl erwartet</translation>
    </message>
    <message>
        <source>expected one of Cold, MQL, SQL, Won, Lost</source>
        <translation>einer von Cold, MQL, SQL, Won, Lost erwartet</translation>
    </message>
    <message>
        <source>expected an array of stages</source>
        <translation>Array von Phasen erwartet</translation>
    </message>
    <message>
        <source>expected a duration such as &quot;10m&quot;, &quot;2h&quot; or &quot;3d&quot;</source>
        <translation>Dauer wie &quot;10m&quot;, &quot;2h&quot; oder &quot;3d&quot; erwartet</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>Objekt erwartet</translation>
    </message>
    <message>
        <source>expected event, stageEntered, scoreCrossed or schedule</source>
        <translation>event, stageEntered, scoreCrossed oder schedule erwartet</translation>
    </message>
    <message>
        <source>expected scoreAtLeast, stageIs or hadEvent</source>
        <translation>scoreAtLeast, stageIs oder hadEvent erwartet</translation>
    </message>
    <message>
        <source>expected an array of {&quot;name&quot;, &quot;value&quot;} objects</source>
        <translation>Array von {&quot;name&quot;, &quot;value&quot;}-Objekten erwartet</translation>
    </message>
    <message>
        <source>expected wait, webhook, condition, adjustScore, moveStage or notifySales</source>
        <translation>wait, webhook, condition, adjustScore, moveStage oder notifySales erwartet</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>ist leer</translation>
    </message>
    <message>
        <source>expected true or false</source>
        <translation>true oder false erwartet</translation>
    </message>
    <message>
        <source>expected an array of strings</source>
        <translation>Array von Strings erwartet</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>darf nicht negativ sein</translation>
    </message>
    <message>
        <source>expected once, afterDays or everyTime</source>
        <translation>once, afterDays oder everyTime erwartet</translation>
    </message>
    <message>
        <source>expected an array</source>
        <translation>Array erwartet</translation>
    </message>
    <message>
        <source>not JSON at byte %1: %2</source>
        <translation>kein JSON bei Byte %1: %2</translation>
    </message>
    <message>
        <source>expected a JSON object</source>
        <translation>JSON-Objekt erwartet</translation>
    </message>
    <message>
        <source>version: %1 is newer than this Funnelboard understands (%2)</source>
        <translation>version: %1 ist neuer, als dieses Funnelboard versteht (%2)</translation>
    </message>
    <message>
        <source>campaigns: expected an array</source>
        <translation>campaigns: Array erwartet</translation>
    </message>
    <message>
        <source>campaigns[%1].name: &apos;%2&apos; is used twice</source>
        <translation>campaigns[%1].name: &apos;%2&apos; ist doppelt vergeben</translation>
    </message>
    <message>
        <source>endpointSecrets: expected an object of URL to secret</source>
        <translation>endpointSecrets: Objekt von URL zu Secret erwartet</translation>
    </message>
    <message>
        <source>endpointSecrets.%1: expected a whsec_ secret</source>
        <translation>endpointSecrets.%1: whsec_-Secret erwartet</translation>
    </message>
</context>
<context>
    <name>CampaignScheduler</name>
    <message>
        <source>the campaign %1 does not exist or is not enabled</source>
        <translation>die Kampagne %1 existiert nicht oder ist nicht aktiviert</translation>
    </message>
    <message>
        <source>the event arrived before the campaign %1 was enabled</source>
        <translation>das Ereignis ist eingetroffen, bevor die Kampagne %1 aktiviert wurde</translation>
    </message>
    <message>
        <source>campaign %1</source>
        <translation>Kampagne %1</translation>
    </message>
    <message>
        <source>%1 → %2 refused: %3</source>
        <translation>%1 → %2 abgelehnt: %3</translation>
    </message>
</context>
<context>
    <name>CampaignStore</name>
    <message>
        <source>There is no campaign named %1.</source>
        <translation>Es gibt keine Kampagne namens %1.</translation>
    </message>
</context>
<context>
    <name>CronSchedule</name>
    <message>
        <source>%1 (field %2, position %3)</source>
        <translation>%1 (Feld %2, Position %3)</translation>
    </message>
    <message>
        <source>minute</source>
        <translation>Minute</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <source>day of month</source>
        <translation>Tag des Monats</translation>
    </message>
    <message>
        <source>month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>day of week</source>
        <translation>Wochentag</translation>
    </message>
    <message>
        <source>a number is missing</source>
        <translation>eine Zahl fehlt</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>&apos;%1&apos; ist keine Zahl</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is neither a number nor a name</source>
        <translation>&apos;%1&apos; ist weder eine Zahl noch ein Name</translation>
    </message>
    <message>
        <source>%1 is out of range %2-%3</source>
        <translation>%1 liegt außerhalb des Bereichs %2-%3</translation>
    </message>
    <message>
        <source>an empty list item</source>
        <translation>ein leeres Listenelement</translation>
    </message>
    <message>
        <source>the range %1 runs backwards</source>
        <translation>der Bereich %1 läuft rückwärts</translation>
    </message>
    <message>
        <source>the step must be a positive number</source>
        <translation>die Schrittweite muss eine positive Zahl sein</translation>
    </message>
    <message>
        <source>unexpected &apos;%1&apos;</source>
        <translation>unerwartetes &apos;%1&apos;</translation>
    </message>
    <message>
        <source>time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a known time zone</source>
        <translation>&apos;%1&apos; ist keine bekannte Zeitzone</translation>
    </message>
    <message>
        <source>the time zone is not valid</source>
        <translation>die Zeitzone ist ungültig</translation>
    </message>
    <message>
        <source>expression</source>
        <translation>Ausdruck</translation>
    </message>
    <message>
        <source>unknown shortcut &apos;%1&apos; (known: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly)</source>
        <translation>unbekanntes Kürzel &apos;%1&apos; (bekannt: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly)</translation>
    </message>
    <message>
        <source>expected 5 fields (minute hour day-of-month month day-of-week), found %1</source>
        <translation>5 Felder erwartet (Minute Stunde Tag-des-Monats Monat Wochentag), %1 gefunden</translation>
    </message>
</context>
<context>
    <name>CsvParser</name>
    <message>
        <source>line %1: the quoted field that starts here is not closed before the end of the file</source>
        <translation>Zeile %1: Das hier beginnende Feld in Anführungszeichen wird vor dem Dateiende nicht geschlossen</translation>
    </message>
    <message>
        <source>line %1: could not read the file: %2</source>
        <translation>Zeile %1: Die Datei konnte nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>DashboardChart</name>
    <message>
        <source>Funnelboard dashboard chart</source>
        <translation>Funnelboard-Dashboard-Diagramm</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>DashboardPeriod</name>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>Dieses Quartal</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Eigener Zeitraum</translation>
    </message>
</context>
<context>
    <name>DashboardReport</name>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Filters: %1 · made %2</source>
        <translation>Filter: %1 · erstellt %2</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>the Qt SQLite driver (QSQLITE) is not available</source>
        <translation>der Qt-SQLite-Treiber (QSQLITE) ist nicht verfügbar</translation>
    </message>
    <message>
        <source>application_id is %1, expected %2</source>
        <translation>application_id ist %1, erwartet %2</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer version of Funnelboard (schema version %2; this version knows up to %3). Update Funnelboard to open it.</source>
        <translation>Die Datenbank %1 wurde von einer neueren Funnelboard-Version geschrieben (Schemaversion %2; diese Version kennt bis %3). Aktualisieren Sie Funnelboard, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>The scoring rules saved in %1 are unreadable (%2); using the default rules.</source>
        <translation>Die in %1 gespeicherten Scoring-Regeln sind nicht lesbar (%2); die Standardregeln werden verwendet.</translation>
    </message>
</context>
<context>
    <name>DatabaseError</name>
    <message>
        <source>The database %1 is locked by another program or another Funnelboard window; try again when it has finished.</source>
        <translation>Die Datenbank %1 ist durch ein anderes Programm oder ein anderes Funnelboard-Fenster gesperrt; versuchen Sie es erneut, wenn es fertig ist.</translation>
    </message>
    <message>
        <source>The file %1 is not a database, or it is damaged.</source>
        <translation>Die Datei %1 ist keine Datenbank oder sie ist beschädigt.</translation>
    </message>
    <message>
        <source>The file %1 is a database of another application, not a Funnelboard database; it was left unchanged.</source>
        <translation>Die Datei %1 ist eine Datenbank einer anderen Anwendung, keine Funnelboard-Datenbank; sie wurde nicht verändert.</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer version of Funnelboard; update Funnelboard to open it.</source>
        <translation>Die Datenbank %1 wurde von einer neueren Funnelboard-Version geschrieben; aktualisieren Sie Funnelboard, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>Cannot open, read or write the database %1: %2.</source>
        <translation>Die Datenbank %1 kann nicht geöffnet, gelesen oder geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>The database %1 reported an error: %2.</source>
        <translation>Die Datenbank %1 hat einen Fehler gemeldet: %2.</translation>
    </message>
</context>
<context>
    <name>EditLeadCommand</name>
    <message>
        <source>Edit lead “%1”</source>
        <translation>Lead „%1“ bearbeiten</translation>
    </message>
</context>
<context>
    <name>GuiOptions</name>
    <message>
        <source>Funnelboard: the B2B sales funnel on your desktop.</source>
        <translation>Funnelboard: der B2B-Sales-Funnel auf Ihrem Desktop.</translation>
    </message>
    <message>
        <source>The database file (default: $FUNNELBOARD_DB, else your own).</source>
        <translation>Die Datenbankdatei (Standard: $FUNNELBOARD_DB, sonst Ihre eigene).</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Load the view, save it as a PNG image and exit.</source>
        <translation>Ansicht laden, als PNG-Bild speichern und beenden.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>The view to show: board, dashboard, inbox, campaigns, rules or lead:&lt;id&gt;.</source>
        <translation>Die anzuzeigende Ansicht: board, dashboard, inbox, campaigns, rules oder lead:&lt;id&gt;.</translation>
    </message>
    <message>
        <source>view</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Window size, e.g. 1400x900.</source>
        <translation>Fenstergröße, z. B. 1400x900.</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>BxH</translation>
    </message>
    <message>
        <source>The database file (same as --db).</source>
        <translation>Die Datenbankdatei (wie --db).</translation>
    </message>
    <message>
        <source>Expected at most one database file, got %1.</source>
        <translation>Höchstens eine Datenbankdatei erwartet, %1 erhalten.</translation>
    </message>
    <message>
        <source>--view lead:&lt;id&gt; expects a lead id such as lead:42, not &apos;%1&apos;.</source>
        <translation>--view lead:&lt;id&gt; erwartet eine Lead-ID wie lead:42, nicht &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Unknown view &apos;%1&apos;; expected board, dashboard, inbox, campaigns, rules or lead:&lt;id&gt;.</source>
        <translation>Unbekannte Ansicht &apos;%1&apos;; erwartet wird board, dashboard, inbox, campaigns, rules oder lead:&lt;id&gt;.</translation>
    </message>
    <message>
        <source>--size expects WIDTHxHEIGHT such as 1400x900, not &apos;%1&apos;.</source>
        <translation>--size erwartet BREITExHÖHE wie 1400x900, nicht &apos;%1&apos;.</translation>
    </message>
</context>
<context>
    <name>ImportJob</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>IngestPipeline</name>
    <message>
        <source>The database is not open.</source>
        <translation>Die Datenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>Ingest needs an SQLite database (the QSQLITE driver).</source>
        <translation>Das Einlesen braucht eine SQLite-Datenbank (den QSQLITE-Treiber).</translation>
    </message>
    <message>
        <source>Reading the events failed after line %1: %2</source>
        <translation>Das Lesen der Ereignisse ist nach Zeile %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>event %1 was stored by someone else meanwhile</source>
        <translation>Ereignis %1 wurde inzwischen von jemand anderem gespeichert</translation>
    </message>
</context>
<context>
    <name>JsonlEventDecoder</name>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>ein String</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>ein Boolescher Wert</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: expected %2, found %3</source>
        <translation>&quot;%1&quot;: %2 erwartet, %3 gefunden</translation>
    </message>
    <message>
        <source>the line is %1 bytes long; the limit is %2 bytes</source>
        <translation>die Zeile ist %1 Bytes lang; die Grenze liegt bei %2 Bytes</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>ungültiges JSON: %1</translation>
    </message>
    <message>
        <source>expected a JSON object per line, found %1</source>
        <translation>ein JSON-Objekt pro Zeile erwartet, %1 gefunden</translation>
    </message>
    <message>
        <source>an ISO 8601 string such as 2026-11-27T10:00:00Z</source>
        <translation>ein ISO-8601-String wie 2026-11-27T10:00:00Z</translation>
    </message>
    <message>
        <source>&quot;timestamp&quot;: expected ISO 8601 such as 2026-11-27T10:00:00Z</source>
        <translation>&quot;timestamp&quot;: ISO 8601 wie 2026-11-27T10:00:00Z erwartet</translation>
    </message>
    <message>
        <source>&quot;eventType&quot; is required</source>
        <translation>&quot;eventType&quot; ist erforderlich</translation>
    </message>
    <message>
        <source>&quot;eventType&quot; must not be empty</source>
        <translation>&quot;eventType&quot; darf nicht leer sein</translation>
    </message>
    <message>
        <source>&quot;userId&quot; or &quot;email&quot; is required</source>
        <translation>&quot;userId&quot; oder &quot;email&quot; ist erforderlich</translation>
    </message>
</context>
<context>
    <name>LeadCsvReader</name>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>the header is not valid UTF-8 text; save the file as UTF-8</source>
        <translation>die Kopfzeile ist kein gültiger UTF-8-Text; speichern Sie die Datei als UTF-8</translation>
    </message>
    <message>
        <source>header column %1 has no name</source>
        <translation>Spalte %1 der Kopfzeile hat keinen Namen</translation>
    </message>
    <message>
        <source>column &apos;%1&apos; appears twice in the header (columns %2 and %3)</source>
        <translation>Spalte &apos;%1&apos; kommt in der Kopfzeile doppelt vor (Spalten %2 und %3)</translation>
    </message>
    <message>
        <source>the header has neither an &apos;email&apos; nor an &apos;id&apos; column; the first line must name the columns</source>
        <translation>die Kopfzeile hat weder eine Spalte &apos;email&apos; noch &apos;id&apos;; die erste Zeile muss die Spalten benennen</translation>
    </message>
    <message>
        <source>neither &apos;email&apos; nor &apos;id&apos; is set; one of them is required</source>
        <translation>weder &apos;email&apos; noch &apos;id&apos; ist gesetzt; eines von beiden ist erforderlich</translation>
    </message>
    <message>
        <source>&apos;email&apos; value &quot;%1&quot; is not a valid email address</source>
        <translation>&apos;email&apos;-Wert „%1“ ist keine gültige E-Mail-Adresse</translation>
    </message>
    <message>
        <source>&apos;stage&apos; value &quot;%1&quot; is not one of %2</source>
        <translation>&apos;stage&apos;-Wert „%1“ ist keiner von %2</translation>
    </message>
    <message>
        <source>&apos;score&apos; value &quot;%1&quot; is not an integer</source>
        <translation>&apos;score&apos;-Wert „%1“ ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>&apos;created_at&apos; value &quot;%1&quot; is not an ISO 8601 date or date-time (e.g. 2026-11-27 or 2026-11-27T10:00:00Z)</source>
        <translation>&apos;created_at&apos;-Wert „%1“ ist kein Datum oder Zeitpunkt nach ISO 8601 (z. B. 2026-11-27 oder 2026-11-27T10:00:00Z)</translation>
    </message>
    <message>
        <source>the file is not open for reading</source>
        <translation>die Datei ist nicht zum Lesen geöffnet</translation>
    </message>
    <message>
        <source>the file is empty; expected a header line naming the columns</source>
        <translation>die Datei ist leer; erwartet wird eine Kopfzeile mit den Spaltennamen</translation>
    </message>
    <message>
        <source>the header has a quoted field that is never closed</source>
        <translation>die Kopfzeile enthält ein Feld in Anführungszeichen, das nie geschlossen wird</translation>
    </message>
    <message>
        <source>the row is not valid UTF-8 text; save the file as UTF-8</source>
        <translation>die Zeile ist kein gültiger UTF-8-Text; speichern Sie die Datei als UTF-8</translation>
    </message>
    <message>
        <source>expected %1 fields as in the header, found %2</source>
        <translation>%1 Felder wie in der Kopfzeile erwartet, %2 gefunden</translation>
    </message>
    <message>
        <source>a quoted field starts here and is not closed before the end of the file</source>
        <translation>hier beginnt ein Feld in Anführungszeichen, das vor dem Dateiende nicht geschlossen wird</translation>
    </message>
</context>
<context>
    <name>LeadCsvWriter</name>
    <message>
        <source>could not write the file: %1</source>
        <translation>die Datei konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>LeadDetailsPanel</name>
    <message>
        <source>%1 (capped)</source>
        <translation>%1 (gedeckelt)</translation>
    </message>
    <message>
        <source>Decay after inactivity</source>
        <translation>Abwertung nach Inaktivität</translation>
    </message>
    <message>
        <source>Score set by import</source>
        <translation>Score durch Import gesetzt</translation>
    </message>
    <message>
        <source>Manual adjustment</source>
        <translation>Manuelle Anpassung</translation>
    </message>
    <message>
        <source>Lead %1 no longer exists.</source>
        <translation>Lead %1 existiert nicht mehr.</translation>
    </message>
</context>
<context>
    <name>LeadEditor</name>
    <message>
        <source>There is no lead with id %1.</source>
        <translation>Es gibt keinen Lead mit der ID %1.</translation>
    </message>
    <message>
        <source>Lead %1 was changed elsewhere in the meantime.</source>
        <translation>Lead %1 wurde inzwischen an anderer Stelle geändert.</translation>
    </message>
</context>
<context>
    <name>LeadMerger</name>
    <message>
        <source>A lead cannot be merged with itself.</source>
        <translation>Ein Lead kann nicht mit sich selbst zusammengeführt werden.</translation>
    </message>
    <message>
        <source>There is no lead with id %1.</source>
        <translation>Es gibt keinen Lead mit der ID %1.</translation>
    </message>
    <message>
        <source>merged with lead %1</source>
        <translation>mit Lead %1 zusammengeführt</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <source>Lead %1 no longer exists; the merge cannot be undone.</source>
        <translation>Lead %1 existiert nicht mehr; die Zusammenführung kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Lead id %1 is in use again; the merge cannot be undone.</source>
        <translation>Lead-ID %1 wird wieder verwendet; die Zusammenführung kann nicht rückgängig gemacht werden.</translation>
    </message>
</context>
<context>
    <name>LeadMoveStore</name>
    <message>
        <source>Lead %1 no longer exists.</source>
        <translation>Lead %1 existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Lead %1 has changed stage since; the move cannot be undone.</source>
        <translation>Lead %1 hat seitdem die Phase gewechselt; die Verschiebung kann nicht rückgängig gemacht werden.</translation>
    </message>
</context>
<context>
    <name>LeadRepository</name>
    <message>
        <source>Could not write the export: the output refused the data.</source>
        <translation>Der Export konnte nicht geschrieben werden: Die Ausgabe hat die Daten abgelehnt.</translation>
    </message>
    <message>
        <source>There is no lead with id %1.</source>
        <translation>Es gibt keinen Lead mit der ID %1.</translation>
    </message>
    <message>
        <source>Lead %1 has an unreadable stage.</source>
        <translation>Lead %1 hat eine unlesbare Phase.</translation>
    </message>
</context>
<context>
    <name>MergeLeadsCommand</name>
    <message>
        <source>Merge lead %1 into lead %2</source>
        <translation>Lead %1 mit Lead %2 zusammenführen</translation>
    </message>
</context>
<context>
    <name>NoteStore</name>
    <message>
        <source>A note needs some text.</source>
        <translation>Eine Notiz braucht Text.</translation>
    </message>
</context>
<context>
    <name>RuleSetDiff</name>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>after %1 days, -%2 every %3 days, floor %4</source>
        <translation>nach %1 Tagen, -%2 alle %3 Tage, Untergrenze %4</translation>
    </message>
    <message>
        <source>gate %1</source>
        <translation>Schwelle %1</translation>
    </message>
    <message>
        <source>enroll %1</source>
        <translation>Aufnahme in %1</translation>
    </message>
    <message>
        <source>cap %1</source>
        <translation>Obergrenze %1</translation>
    </message>
    <message>
        <source>MQL threshold %1 -&gt; %2</source>
        <translation>MQL-Schwellenwert %1 -&gt; %2</translation>
    </message>
    <message>
        <source>SQL threshold %1 -&gt; %2</source>
        <translation>SQL-Schwellenwert %1 -&gt; %2</translation>
    </message>
    <message>
        <source>decay: %1 -&gt; %2</source>
        <translation>Abwertung: %1 -&gt; %2</translation>
    </message>
    <message>
        <source>%1: added (%2)</source>
        <translation>%1: hinzugefügt (%2)</translation>
    </message>
    <message>
        <source>%1: removed (was %2)</source>
        <translation>%1: entfernt (war %2)</translation>
    </message>
    <message>
        <source>points %1 -&gt; %2</source>
        <translation>Punkte %1 -&gt; %2</translation>
    </message>
    <message>
        <source>gate %1 -&gt; %2</source>
        <translation>Schwelle %1 -&gt; %2</translation>
    </message>
    <message>
        <source>enroll %1 -&gt; %2</source>
        <translation>Aufnahme %1 -&gt; %2</translation>
    </message>
    <message>
        <source>cap %1 -&gt; %2</source>
        <translation>Obergrenze %1 -&gt; %2</translation>
    </message>
</context>
<context>
    <name>RuleSetJson</name>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>%1: expected %2, found %3</source>
        <translation>%1: %2 erwartet, %3 gefunden</translation>
    </message>
    <message>
        <source>a whole number of 0 or more</source>
        <translation>eine ganze Zahl ab 0</translation>
    </message>
    <message>
        <source>a whole number of 1 or more</source>
        <translation>eine ganze Zahl ab 1</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>a non-empty string</source>
        <translation>ein nicht leerer String</translation>
    </message>
    <message>
        <source>%1: expected an object, found %2</source>
        <translation>%1: Objekt erwartet, %2 gefunden</translation>
    </message>
    <message>
        <source>one of MQL, SQL, Won</source>
        <translation>einer von MQL, SQL, Won</translation>
    </message>
    <message>
        <source>one of day, week, ever</source>
        <translation>einer von day, week, ever</translation>
    </message>
    <message>
        <source>invalid JSON at offset %1: %2</source>
        <translation>ungültiges JSON an Position %1: %2</translation>
    </message>
    <message>
        <source>expected a JSON object with &quot;thresholds&quot;, &quot;decay&quot; and &quot;rules&quot;</source>
        <translation>JSON-Objekt mit &quot;thresholds&quot;, &quot;decay&quot; und &quot;rules&quot; erwartet</translation>
    </message>
    <message>
        <source>%1 or lower (this file is from a newer Funnelboard)</source>
        <translation>%1 oder niedriger (diese Datei stammt von einem neueren Funnelboard)</translation>
    </message>
    <message>
        <source>a threshold above the MQL threshold (%1)</source>
        <translation>ein Schwellenwert über dem MQL-Schwellenwert (%1)</translation>
    </message>
    <message>
        <source>%1.eventType: &quot;%2&quot; has a rule already; expected one rule per event type</source>
        <translation>%1.eventType: &quot;%2&quot; hat bereits eine Regel; erwartet wird eine Regel pro Ereignistyp</translation>
    </message>
</context>
<context>
    <name>RulesetVersionStore</name>
    <message>
        <source>rules in force before the first versioned change</source>
        <translation>Regeln, die vor der ersten versionierten Änderung galten</translation>
    </message>
    <message>
        <source>There is no rules version %1.</source>
        <translation>Es gibt keine Regelversion %1.</translation>
    </message>
    <message>
        <source>restore of v%1</source>
        <translation>Wiederherstellung von v%1</translation>
    </message>
    <message>
        <source>There is no earlier rules version to go back to.</source>
        <translation>Es gibt keine frühere Regelversion, zu der zurückgekehrt werden kann.</translation>
    </message>
</context>
<context>
    <name>ScoringEngine</name>
    <message>
        <source>New SQL (%1, score %2)</source>
        <translation>Neuer SQL (%1, Score %2)</translation>
    </message>
    <message>
        <source>Moving a lead from %1 to %2 needs a reason.</source>
        <translation>Das Verschieben eines Leads von %1 nach %2 braucht einen Grund.</translation>
    </message>
</context>
<context>
    <name>StageStyle</name>
    <message>
        <source>Cold</source>
        <translation>Kalt</translation>
    </message>
    <message>
        <source>MQL</source>
        <translation>MQL</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>New and unverified leads</source>
        <translation>Neue, ungeprüfte Leads</translation>
    </message>
    <message>
        <source>Marketing qualified: engaged, being nurtured</source>
        <translation>Marketing-qualifiziert: interessiert, in Betreuung</translation>
    </message>
    <message>
        <source>Sales qualified: ready for a rep</source>
        <translation>Vertriebsqualifiziert: bereit für den Vertrieb</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Closed without a deal</source>
        <translation>Ohne Abschluss beendet</translation>
    </message>
</context>
<context>
    <name>StatsQuery</name>
    <message>
        <source>Could not compute %1: %2</source>
        <translation>%1 konnte nicht berechnet werden: %2</translation>
    </message>
    <message>
        <source>leads per stage</source>
        <translation>Leads pro Phase</translation>
    </message>
    <message>
        <source>stage conversion</source>
        <translation>Phasenkonversion</translation>
    </message>
    <message>
        <source>the score histogram</source>
        <translation>das Score-Histogramm</translation>
    </message>
    <message>
        <source>the time in stage</source>
        <translation>die Verweildauer in der Phase</translation>
    </message>
    <message>
        <source>the weekly trend</source>
        <translation>den Wochentrend</translation>
    </message>
</context>
<context>
    <name>TransitionTable</name>
    <message>
        <source>Won is final: only undoing the move that won the lead can change it.</source>
        <translation>„Gewonnen“ ist endgültig: Nur das Rückgängigmachen der Verschiebung, mit der der Lead gewonnen wurde, kann das ändern.</translation>
    </message>
    <message>
        <source>A lost lead can only be recycled to Cold.</source>
        <translation>Ein verlorener Lead kann nur nach „Kalt“ zurückgeführt werden.</translation>
    </message>
    <message>
        <source>A cold lead reaches SQL only by requesting a demo; move it to MQL first.</source>
        <translation>Ein kalter Lead wird nur durch eine Demo-Anfrage zum SQL; verschieben Sie ihn zuerst nach MQL.</translation>
    </message>
    <message>
        <source>Only an SQL can be won; qualify the lead first.</source>
        <translation>Nur ein SQL kann gewonnen werden; qualifizieren Sie den Lead zuerst.</translation>
    </message>
    <message>
        <source>Only a lost lead can be recycled to Cold.</source>
        <translation>Nur ein verlorener Lead kann nach „Kalt“ zurückgeführt werden.</translation>
    </message>
    <message>
        <source>The funnel does not allow moving a lead from %1 to %2.</source>
        <translation>Der Funnel erlaubt nicht, einen Lead von %1 nach %2 zu verschieben.</translation>
    </message>
    <message>
        <source>The lead is already in %1.</source>
        <translation>Der Lead ist bereits in %1.</translation>
    </message>
    <message>
        <source>The funnel does not allow an automatic move from %1 to %2.</source>
        <translation>Der Funnel erlaubt keine automatische Verschiebung von %1 nach %2.</translation>
    </message>
</context>
<context>
    <name>WebhookSigner</name>
    <message>
        <source>the signing secret is not whsec_ followed by base64</source>
        <translation>das Signatur-Secret ist nicht whsec_ gefolgt von Base64</translation>
    </message>
    <message>
        <source>the signing secret holds %1 bytes; at least %2 are needed</source>
        <translation>das Signatur-Secret enthält %1 Bytes; mindestens %2 sind nötig</translation>
    </message>
</context>
<context>
    <name>WhatIfAnalysis</name>
    <message>
        <source>no rule moves it out of Cold (score %1)</source>
        <translation>keine Regel bringt ihn aus Cold heraus (Score %1)</translation>
    </message>
    <message>
        <source>%1 gates to %2</source>
        <translation>%1 stuft auf %2 hoch</translation>
    </message>
    <message>
        <source>score %1 reaches the %2 threshold %3 after %4</source>
        <translation>Score %1 erreicht nach %4 den %2-Schwellenwert %3</translation>
    </message>
</context>
<context>
    <name>funnel::BoardBanner</name>
    <message>
        <source>Board message</source>
        <translation>Board-Meldung</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>funnel::BoardCardDelegate</name>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%1m ago</source>
        <translation>vor %1 Min.</translation>
    </message>
    <message>
        <source>%1h ago</source>
        <translation>vor %1 Std.</translation>
    </message>
    <message>
        <source>%1d ago</source>
        <translation>vor %1 T.</translation>
    </message>
    <message>
        <source>%1mo ago</source>
        <translation>vor %1 Mon.</translation>
    </message>
    <message>
        <source>%1y ago</source>
        <translation>vor %1 J.</translation>
    </message>
    <message>
        <source>NEW</source>
        <translation>NEU</translation>
    </message>
    <message>
        <source>No company</source>
        <translation>Kein Unternehmen</translation>
    </message>
    <message>
        <source>%1d in stage</source>
        <translation>%1 T. in Phase</translation>
    </message>
    <message>
        <source>no activity</source>
        <translation>keine Aktivität</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
</context>
<context>
    <name>funnel::BoardColumnHeader</name>
    <message>
        <source>%1
Stale after %2 days in this stage.</source>
        <translation>%1
Überfällig nach %2 Tagen in dieser Phase.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message>
        <source>No leads</source>
        <translation>Keine Leads</translation>
    </message>
    <message>
        <source>Σ %1 · avg %2</source>
        <translation>Σ %1 · Ø %2</translation>
    </message>
</context>
<context>
    <name>funnel::BoardColumnModel</name>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>Inhaber: %1</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>nicht zugewiesen</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Score: %1</source>
        <translation>Score: %1</translation>
    </message>
    <message>
        <source>Stale: in this stage longer than its days to rot</source>
        <translation>Überfällig: länger in dieser Phase als deren Tage bis überfällig</translation>
    </message>
    <message>
        <source>New: no rep has opened this SQL yet</source>
        <translation>Neu: Noch kein Vertriebler hat diesen SQL geöffnet</translation>
    </message>
    <message>
        <source>%1, %2, score %3</source>
        <translation>%1, %2, Score %3</translation>
    </message>
</context>
<context>
    <name>funnel::BoardColumnView</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>No leads in this stage</source>
        <translation>Keine Leads in dieser Phase</translation>
    </message>
    <message>
        <source>No leads match the filter</source>
        <translation>Keine Leads entsprechen dem Filter</translation>
    </message>
</context>
<context>
    <name>funnel::BoardFilterBar</name>
    <message>
        <source>Search name, email or company</source>
        <translation>Name, E-Mail oder Unternehmen suchen</translation>
    </message>
    <message>
        <source>Search leads</source>
        <translation>Leads suchen</translation>
    </message>
    <message>
        <source>Any owner</source>
        <translation>Alle Inhaber</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max</translation>
    </message>
    <message>
        <source>Lowest score shown</source>
        <translation>Niedrigster angezeigter Score</translation>
    </message>
    <message>
        <source>Highest score shown</source>
        <translation>Höchster angezeigter Score</translation>
    </message>
    <message>
        <source>My leads</source>
        <translation>Meine Leads</translation>
    </message>
    <message>
        <source>Only leads you own</source>
        <translation>Nur Ihre eigenen Leads</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Only leads in their stage longer than its days to rot</source>
        <translation>Nur Leads, die länger in ihrer Phase sind als deren Tage bis überfällig</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Days in stage</source>
        <translation>Tage in Phase</translation>
    </message>
    <message>
        <source>Order of the cards in every column</source>
        <translation>Reihenfolge der Karten in jeder Spalte</translation>
    </message>
    <message>
        <source>Filter from the dashboard; click to remove it</source>
        <translation>Filter aus dem Dashboard; zum Entfernen klicken</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Remove every filter</source>
        <translation>Alle Filter entfernen</translation>
    </message>
    <message>
        <source>Days to rot…</source>
        <translation>Tage bis überfällig…</translation>
    </message>
    <message>
        <source>When a lead counts as stale in each stage</source>
        <translation>Ab wann ein Lead in jeder Phase als überfällig gilt</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>Sortieren nach</translation>
    </message>
    <message>
        <source>Only leads owned by %1</source>
        <translation>Nur Leads von %1</translation>
    </message>
    <message>
        <source>created %1 – %2</source>
        <translation>erstellt %1 – %2</translation>
    </message>
    <message>
        <source>created from %1</source>
        <translation>erstellt ab %1</translation>
    </message>
    <message>
        <source>created before %1</source>
        <translation>erstellt vor %1</translation>
    </message>
    <message>
        <source>reached %1</source>
        <translation>%1 erreicht</translation>
    </message>
</context>
<context>
    <name>funnel::BoardPage</name>
    <message>
        <source>Move to &amp;Next Stage</source>
        <translation>In &amp;nächste Phase verschieben</translation>
    </message>
    <message>
        <source>Move the selected leads one stage along the funnel</source>
        <translation>Die ausgewählten Leads eine Phase im Funnel weiter verschieben</translation>
    </message>
    <message>
        <source>&amp;Move to…</source>
        <translation>&amp;Verschieben nach…</translation>
    </message>
    <message>
        <source>&amp;Find Leads</source>
        <translation>Leads &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Open Lead</source>
        <translation>Lead ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Days to Rot…</source>
        <translation>&amp;Tage bis überfällig…</translation>
    </message>
    <message>
        <source>Set &amp;My Owner Name…</source>
        <translation>&amp;Meinen Inhabernamen festlegen…</translation>
    </message>
    <message>
        <source>The owner name that &quot;My leads&quot; shows</source>
        <translation>Der Inhabername, dessen Leads „Meine Leads“ zeigt</translation>
    </message>
    <message>
        <source>Could not count the leads: %1</source>
        <translation>Die Leads konnten nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>Could not load the %1 column: %2</source>
        <translation>Die Spalte %1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>lead %1</source>
        <translation>Lead %1</translation>
    </message>
    <message numerus="yes">
        <source>%n leads</source>
        <translation>
            <numerusform>%n Lead</numerusform>
            <numerusform>%n Leads</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot move %1 to %2. %3</source>
        <translation>%1 kann nicht nach %2 verschoben werden. %3</translation>
    </message>
    <message>
        <source>Move %1 from %2 to %3</source>
        <translation>%1 von %2 nach %3 verschieben</translation>
    </message>
    <message>
        <source>The move was not saved: %1</source>
        <translation>Die Verschiebung wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>Rückgängig gemacht: %1</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Move %1 to</source>
        <translation>%1 verschieben nach</translation>
    </message>
    <message>
        <source>Open Lead</source>
        <translation>Lead öffnen</translation>
    </message>
    <message>
        <source>Could not save the days to rot.</source>
        <translation>Die Tage bis überfällig konnten nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>My Owner Name</source>
        <translation>Mein Inhabername</translation>
    </message>
    <message>
        <source>&quot;My leads&quot; shows the leads owned by:</source>
        <translation>„Meine Leads“ zeigt die Leads von:</translation>
    </message>
</context>
<context>
    <name>funnel::BoardRotDialog</name>
    <message>
        <source>Days to Rot</source>
        <translation>Tage bis überfällig</translation>
    </message>
    <message>
        <source>A lead that stays in a stage longer than this is flagged as stale on the board.</source>
        <translation>Ein Lead, der länger in einer Phase bleibt, wird auf dem Board als überfällig markiert.</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
</context>
<context>
    <name>funnel::CampaignEditorDialog</name>
    <message>
        <source>New Campaign</source>
        <translation>Neue Kampagne</translation>
    </message>
    <message>
        <source>Edit Campaign %1</source>
        <translation>Kampagne %1 bearbeiten</translation>
    </message>
    <message>
        <source>Enabled (needs valid webhook targets)</source>
        <translation>Aktiviert (erfordert gültige Webhook-Ziele)</translation>
    </message>
    <message>
        <source>An event</source>
        <translation>Ein Ereignis</translation>
    </message>
    <message>
        <source>The lead enters a stage</source>
        <translation>Der Lead tritt in eine Phase ein</translation>
    </message>
    <message>
        <source>The score reaches</source>
        <translation>Der Score erreicht</translation>
    </message>
    <message>
        <source>A schedule (cron)</source>
        <translation>Ein Zeitplan (cron)</translation>
    </message>
    <message>
        <source>event type, e.g. HIT_RATE_LIMIT</source>
        <translation>Ereignistyp, z. B. HIT_RATE_LIMIT</translation>
    </message>
    <message>
        <source>minute hour day month weekday, e.g. 0 9 * * MON</source>
        <translation>Minute Stunde Tag Monat Wochentag, z. B. 0 9 * * MON</translation>
    </message>
    <message>
        <source>in</source>
        <translation>in</translation>
    </message>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>any source; or e.g. web, ads</source>
        <translation>alle Quellen; oder z. B. web, ads</translation>
    </message>
    <message>
        <source>Once per lead</source>
        <translation>Einmal pro Lead</translation>
    </message>
    <message>
        <source>Again after some days</source>
        <translation>Erneut nach einigen Tagen</translation>
    </message>
    <message>
        <source>Every time</source>
        <translation>Jedes Mal</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Audience stages</source>
        <translation>Phasen der Zielgruppe</translation>
    </message>
    <message>
        <source>Minimum score</source>
        <translation>Mindest-Score</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>Re-enrollment</source>
        <translation>Erneute Aufnahme</translation>
    </message>
    <message>
        <source>Goal: leave when</source>
        <translation>Ziel: austreten bei</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Warten</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <source>Adjust score</source>
        <translation>Score anpassen</translation>
    </message>
    <message>
        <source>Move stage</source>
        <translation>Phase wechseln</translation>
    </message>
    <message>
        <source>Notify sales</source>
        <translation>Vertrieb benachrichtigen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Add a step, or select one to edit it.</source>
        <translation>Fügen Sie einen Schritt hinzu oder wählen Sie einen zum Bearbeiten aus.</translation>
    </message>
    <message>
        <source>e.g. 10m, 2h, 3d</source>
        <translation>z. B. 10m, 2h, 3d</translation>
    </message>
    <message>
        <source>Wait for</source>
        <translation>Wartezeit</translation>
    </message>
    <message>
        <source>Counted from the trigger event&apos;s own time.</source>
        <translation>Gerechnet ab dem Zeitpunkt des auslösenden Ereignisses.</translation>
    </message>
    <message>
        <source>One header per line: Name: value</source>
        <translation>Ein Header pro Zeile: Name: Wert</translation>
    </message>
    <message>
        <source>JSON with placeholders: %1</source>
        <translation>JSON mit Platzhaltern: %1</translation>
    </message>
    <message>
        <source>Test Fire</source>
        <translation>Testweise senden</translation>
    </message>
    <message>
        <source>Send this request once, for a sample lead, and see it in the delivery log.</source>
        <translation>Diese Anfrage einmal für einen Beispiel-Lead senden und im Zustellprotokoll ansehen.</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Score at least</source>
        <translation>Score mindestens</translation>
    </message>
    <message>
        <source>Stage is</source>
        <translation>Phase ist</translation>
    </message>
    <message>
        <source>Had event within</source>
        <translation>Ereignis innerhalb von</translation>
    </message>
    <message>
        <source>event type</source>
        <translation>Ereignistyp</translation>
    </message>
    <message>
        <source>e.g. 7d</source>
        <translation>z. B. 7d</translation>
    </message>
    <message>
        <source>step id, empty = next step, end = stop</source>
        <translation>Schritt-ID, leer = nächster Schritt, end = beenden</translation>
    </message>
    <message>
        <source>If</source>
        <translation>Wenn</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>Ereignistyp</translation>
    </message>
    <message>
        <source>Within</source>
        <translation>Innerhalb von</translation>
    </message>
    <message>
        <source>Yes: go to</source>
        <translation>Ja: weiter mit</translation>
    </message>
    <message>
        <source>No: go to</source>
        <translation>Nein: weiter mit</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Verschieben nach</translation>
    </message>
    <message>
        <source>Moves the transition table refuses are logged, not made.</source>
        <translation>Verschiebungen, die die Übergangstabelle ablehnt, werden protokolliert, aber nicht ausgeführt.</translation>
    </message>
    <message>
        <source>empty: &quot;&lt;campaign&gt;: &lt;email&gt; needs attention&quot;</source>
        <translation>leer: &quot;&lt;Kampagne&gt;: &lt;E-Mail&gt; erfordert Aufmerksamkeit&quot;</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>The campaign needs a name.</source>
        <translation>Die Kampagne braucht einen Namen.</translation>
    </message>
    <message>
        <source>Step %1: the body is not valid JSON at line %2, column %3: %4</source>
        <translation>Schritt %1: Der Body ist kein gültiges JSON in Zeile %2, Spalte %3: %4</translation>
    </message>
    <message>
        <source>The body is not valid JSON at line %1, column %2: %3</source>
        <translation>Der Body ist kein gültiges JSON in Zeile %1, Spalte %2: %3</translation>
    </message>
</context>
<context>
    <name>funnel::CampaignListModel</name>
    <message>
        <source>Event %1</source>
        <translation>Ereignis %1</translation>
    </message>
    <message>
        <source>Enters %1</source>
        <translation>Eintritt in %1</translation>
    </message>
    <message>
        <source>Score reaches %1</source>
        <translation>Score erreicht %1</translation>
    </message>
    <message>
        <source>Schedule %1 (%2)</source>
        <translation>Zeitplan %1 (%2)</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Aufgenommen</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Laufend</translation>
    </message>
</context>
<context>
    <name>funnel::CampaignStepListModel</name>
    <message>
        <source>Wait %1</source>
        <translation>Warten %1</translation>
    </message>
    <message>
        <source>Webhook %1 %2</source>
        <translation>Webhook %1 %2</translation>
    </message>
    <message>
        <source>(no URL)</source>
        <translation>(keine URL)</translation>
    </message>
    <message>
        <source>Condition: yes → %1, no → %2</source>
        <translation>Bedingung: ja → %1, nein → %2</translation>
    </message>
    <message>
        <source>next</source>
        <translation>nächster</translation>
    </message>
    <message>
        <source>Score %1%2</source>
        <translation>Score %1%2</translation>
    </message>
    <message>
        <source>Move to %1</source>
        <translation>Nach %1 verschieben</translation>
    </message>
    <message>
        <source>Notify sales</source>
        <translation>Vertrieb benachrichtigen</translation>
    </message>
    <message>
        <source>Step id: %1</source>
        <translation>Schritt-ID: %1</translation>
    </message>
</context>
<context>
    <name>funnel::CampaignsPage</name>
    <message>
        <source>Select a delivery to see its request and response.</source>
        <translation>Wählen Sie eine Zustellung aus, um ihre Anfrage und Antwort zu sehen.</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Neu…</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Send the selected dead delivery again, with the same webhook-id.</source>
        <translation>Die ausgewählte, als unzustellbar markierte Zustellung erneut senden, mit derselben webhook-id.</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
    <message>
        <source>What campaigns did that people should see: notes for sales, refused moves, declined enrollments.</source>
        <translation>Was Kampagnen getan haben und jemand sehen sollte: Hinweise für den Vertrieb, abgelehnte Verschiebungen, abgelehnte Aufnahmen.</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Zustellungen</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>fehlerfrei</translation>
    </message>
    <message>
        <source>disabled: %1</source>
        <translation>deaktiviert: %1</translation>
    </message>
    <message>
        <source>%1 — %2, %3 pending, %4 dead, %5 failures in a row</source>
        <translation>%1 — %2, %3 ausstehend, %4 unzustellbar, %5 Fehlschläge in Folge</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>schlägt fehl</translation>
    </message>
    <message>
        <source>, last HTTP %1</source>
        <translation>, zuletzt HTTP %1</translation>
    </message>
    <message>
        <source>No webhook endpoints yet.</source>
        <translation>Noch keine Webhook-Endpunkte.</translation>
    </message>
    <message>
        <source>For sales</source>
        <translation>Für den Vertrieb</translation>
    </message>
    <message>
        <source>Move refused</source>
        <translation>Verschiebung abgelehnt</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>Nicht aufgenommen</translation>
    </message>
    <message>
        <source>Webhook not sent</source>
        <translation>Webhook nicht gesendet</translation>
    </message>
    <message>
        <source>%1  %2 · %3 · %4: %5</source>
        <translation>%1  %2 · %3 · %4: %5</translation>
    </message>
    <message>
        <source>lead %1</source>
        <translation>Lead %1</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>Noch nichts.</translation>
    </message>
    <message>
        <source>%1 cannot be enabled: %2.</source>
        <translation>%1 kann nicht aktiviert werden: %2.</translation>
    </message>
    <message>
        <source>%1 was saved disabled: %2.</source>
        <translation>%1 wurde deaktiviert gespeichert: %2.</translation>
    </message>
    <message>
        <source>%1 (test)</source>
        <translation>%1 (Test)</translation>
    </message>
    <message>
        <source>Test request to %1 queued; it shows in the delivery log below.</source>
        <translation>Testanfrage an %1 eingereiht; sie erscheint unten im Zustellprotokoll.</translation>
    </message>
    <message>
        <source>Delivery %1 is no longer dead; nothing to replay.</source>
        <translation>Zustellung %1 ist nicht mehr als unzustellbar markiert; nichts erneut zu senden.</translation>
    </message>
    <message>
        <source>Delivery %1 is queued again.</source>
        <translation>Zustellung %1 ist wieder eingereiht.</translation>
    </message>
</context>
<context>
    <name>funnel::DashboardPage</name>
    <message>
        <source>Leads per stage now</source>
        <translation>Leads pro Phase aktuell</translation>
    </message>
    <message>
        <source>The pipeline now: every lead in the database by its current stage, whatever the filters.</source>
        <translation>Die aktuelle Pipeline: jeder Lead der Datenbank nach seiner aktuellen Phase, unabhängig von den Filtern.</translation>
    </message>
    <message>
        <source>Pipeline now · every lead by its current stage, whatever the filters</source>
        <translation>Pipeline aktuell · jeder Lead nach seiner aktuellen Phase, unabhängig von den Filtern</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Wird aktualisiert…</translation>
    </message>
    <message>
        <source>The cohort: the funnel and the score distribution count the leads created in the period; time in stage and the trend count the moves made in it.</source>
        <translation>Die Kohorte: Funnel und Score-Verteilung zählen die im Zeitraum erstellten Leads; Verweildauer und Trend zählen die darin erfolgten Verschiebungen.</translation>
    </message>
    <message>
        <source>First day of the period</source>
        <translation>Erster Tag des Zeitraums</translation>
    </message>
    <message>
        <source>Last day of the period (included)</source>
        <translation>Letzter Tag des Zeitraums (einschließlich)</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>Alle Inhaber</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <source>Updating the charts</source>
        <translation>Diagramme werden aktualisiert</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Report as PDF…</source>
        <translation>Bericht als PDF…</translation>
    </message>
    <message>
        <source>Image (PNG)…</source>
        <translation>Bild (PNG)…</translation>
    </message>
    <message>
        <source>Image (SVG)…</source>
        <translation>Bild (SVG)…</translation>
    </message>
    <message>
        <source>Data (CSV)…</source>
        <translation>Daten (CSV)…</translation>
    </message>
    <message>
        <source>Save Image as PNG…</source>
        <translation>Bild als PNG speichern…</translation>
    </message>
    <message>
        <source>Save Image as SVG…</source>
        <translation>Bild als SVG speichern…</translation>
    </message>
    <message>
        <source>Save Data as CSV…</source>
        <translation>Daten als CSV speichern…</translation>
    </message>
    <message>
        <source>%1 (%2 – %3)</source>
        <translation>%1 (%2 – %3)</translation>
    </message>
    <message>
        <source>all owners</source>
        <translation>alle Inhaber</translation>
    </message>
    <message>
        <source>owner %1</source>
        <translation>Inhaber %1</translation>
    </message>
    <message>
        <source>all sources</source>
        <translation>alle Quellen</translation>
    </message>
    <message>
        <source>source %1</source>
        <translation>Quelle %1</translation>
    </message>
    <message>
        <source>Charts for %1</source>
        <translation>Diagramme für %1</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>Could not update</source>
        <translation>Aktualisierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Funnel report</source>
        <translation>Funnel-Bericht</translation>
    </message>
    <message>
        <source>%1 leads created</source>
        <translation>%1 Leads erstellt</translation>
    </message>
    <message>
        <source>reached %1: %2 (%3 %)</source>
        <translation>%1 erreicht: %2 (%3 %)</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Save Chart</source>
        <translation>Diagramm speichern</translation>
    </message>
    <message>
        <source>Cannot Save Chart</source>
        <translation>Diagramm kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Save Chart Data</source>
        <translation>Diagrammdaten speichern</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Cannot Save Data</source>
        <translation>Daten können nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Save Report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot Save Report</source>
        <translation>Bericht kann nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>funnel::DeliveryLogModel</name>
    <message>
        <source>Delivery %1, webhook-id %2</source>
        <translation>Zustellung %1, webhook-id %2</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>Unzustellbar</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Lead events</source>
        <translation>Lead-Ereignisse</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
</context>
<context>
    <name>funnel::FunnelChart</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Funnel</source>
        <translation>Funnel</translation>
    </message>
    <message>
        <source>Leads created in the period, by the furthest stage along the funnel they reached (from the stage history). Reaching a stage counts for every stage before it: a lead that jumped from Cold to SQL counts as having reached MQL, and a lead now Won or Lost counts for the stages it passed.</source>
        <translation>Im Zeitraum erstellte Leads, nach der am weitesten im Funnel erreichten Phase (aus dem Phasenverlauf). Das Erreichen einer Phase zählt für alle Phasen davor: Ein Lead, der von Kalt direkt zu SQL gesprungen ist, zählt als MQL erreicht, und ein Lead, der jetzt Gewonnen oder Verloren ist, zählt für die Phasen, die er durchlaufen hat.</translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2: %3</translation>
    </message>
    <message>
        <source>%1 leads in the cohort · %2 won overall</source>
        <translation>%1 Leads in der Kohorte · %2 insgesamt gewonnen</translation>
    </message>
    <message>
        <source>no leads created in the period</source>
        <translation>keine Leads im Zeitraum erstellt</translation>
    </message>
    <message>
        <source>No leads were created in this period.</source>
        <translation>In diesem Zeitraum wurden keine Leads erstellt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 leads reached %1</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 Leads haben %1 erreicht</translation>
    </message>
    <message>
        <source>%1 of the %2 leads created in the period</source>
        <translation>%1 der %2 im Zeitraum erstellten Leads</translation>
    </message>
    <message>
        <source>%1 of those that reached %2</source>
        <translation>%1 derer, die %2 erreicht haben</translation>
    </message>
    <message>
        <source>Click to show these leads on the board.</source>
        <translation>Klicken, um diese Leads auf dem Board anzuzeigen.</translation>
    </message>
</context>
<context>
    <name>funnel::ImportDialog</name>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Why it was rejected</source>
        <translation>Grund der Ablehnung</translation>
    </message>
    <message>
        <source>Copy Report</source>
        <translation>Bericht kopieren</translation>
    </message>
    <message>
        <source>Import Leads</source>
        <translation>Leads importieren</translation>
    </message>
    <message>
        <source>Import Events</source>
        <translation>Ereignisse importieren</translation>
    </message>
    <message>
        <source>Importing leads from %1</source>
        <translation>Leads werden aus %1 importiert</translation>
    </message>
    <message>
        <source>Importing events from %1</source>
        <translation>Ereignisse werden aus %1 importiert</translation>
    </message>
    <message>
        <source>Cancelling after the current batch…</source>
        <translation>Abbruch nach dem aktuellen Stapel…</translation>
    </message>
    <message>
        <source>%1 of %2 read</source>
        <translation>%1 von %2 gelesen</translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2; everything before that point was imported.</source>
        <translation>Abgebrochen nach %1 von %2; alles bis dahin wurde importiert.</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>%1 leads created</source>
        <translation>%1 Leads erstellt</translation>
    </message>
    <message>
        <source>%1 updated</source>
        <translation>%1 aktualisiert</translation>
    </message>
    <message>
        <source>%1 events stored</source>
        <translation>%1 Ereignisse gespeichert</translation>
    </message>
    <message>
        <source>%1 new leads</source>
        <translation>%1 neue Leads</translation>
    </message>
    <message>
        <source>%1 stage changes</source>
        <translation>%1 Phasenwechsel</translation>
    </message>
    <message>
        <source>%1 already imported</source>
        <translation>%1 bereits importiert</translation>
    </message>
    <message>
        <source>%1 lines rejected</source>
        <translation>%1 Zeilen abgelehnt</translation>
    </message>
    <message>
        <source>no line rejected</source>
        <translation>keine Zeile abgelehnt</translation>
    </message>
    <message>
        <source>The first %1 rejected lines are listed.</source>
        <translation>Die ersten %1 abgelehnten Zeilen werden aufgeführt.</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>Import abgebrochen.</translation>
    </message>
    <message>
        <source>Import of %1</source>
        <translation>Import von %1</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
</context>
<context>
    <name>funnel::InboxModel</name>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n Min.</numerusform>
            <numerusform>vor %n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n Std.</numerusform>
            <numerusform>vor %n Std.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (gate)</source>
        <translation>%1 (Schwelle)</translation>
    </message>
    <message>
        <source>%1 (threshold)</source>
        <translation>%1 (Schwellenwert)</translation>
    </message>
    <message>
        <source>moved by hand</source>
        <translation>manuell verschoben</translation>
    </message>
    <message>
        <source>by hand: %1</source>
        <translation>manuell: %1</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>nicht zugewiesen</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Unternehmen</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Promoted</source>
        <translation>Hochgestuft</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>funnel::InboxView</name>
    <message>
        <source>Could not load the new SQLs: %1</source>
        <translation>Die neuen SQLs konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>No new SQLs. Leads that become sales-qualified show up here until someone opens them.</source>
        <translation>Keine neuen SQLs. Leads, die vertriebsqualifiziert werden, erscheinen hier, bis jemand sie öffnet.</translation>
    </message>
    <message>
        <source>New SQLs</source>
        <translation>Neue SQLs</translation>
    </message>
    <message>
        <source>(%1 unopened)</source>
        <translation>(%1 ungeöffnet)</translation>
    </message>
</context>
<context>
    <name>funnel::LeadDetailsPanel</name>
    <message>
        <source>Select a lead to see its details.</source>
        <translation>Wählen Sie einen Lead aus, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>Merge with…</source>
        <translation>Zusammenführen mit…</translation>
    </message>
    <message>
        <source>Merge a duplicate of this person into this lead</source>
        <translation>Ein Duplikat dieser Person mit diesem Lead zusammenführen</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Company</source>
        <translation>&amp;Unternehmen</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Position</translation>
    </message>
    <message>
        <source>&amp;Owner</source>
        <translation>&amp;Inhaber</translation>
    </message>
    <message>
        <source>&amp;Source</source>
        <translation>&amp;Quelle</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Stage history</source>
        <translation>Phasenverlauf</translation>
    </message>
    <message>
        <source>Write a note…</source>
        <translation>Notiz schreiben…</translation>
    </message>
    <message>
        <source>Add Note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Lead %1</source>
        <translation>Lead %1</translation>
    </message>
    <message>
        <source>Score %1</source>
        <translation>Score %1</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>in %1 since %2</source>
        <translation>in %1 seit %2</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n Ereignis</numerusform>
            <numerusform>%n Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Contribution</source>
        <translation>Beitrag</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>0 (capped)</source>
        <translation>0 (gedeckelt)</translation>
    </message>
    <message>
        <source>v%1</source>
        <translation>v%1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Scored under rules v%1</source>
        <translation>Bewertet nach Regeln v%1</translation>
    </message>
    <message>
        <source>Not scored by rules</source>
        <translation>Nicht nach Regeln bewertet</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Durch</translation>
    </message>
    <message numerus="yes">
        <source>Sum of %n contribution(s): %1</source>
        <translation>
            <numerusform>Summe von %n Beitrag: %1</numerusform>
            <numerusform>Summe von %n Beiträgen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1  =  stored score %2</source>
        <translation>%1  =  gespeicherter Score %2</translation>
    </message>
    <message>
        <source>%1  ≠  stored score %2 (something changed the score outside the ledger)</source>
        <translation>%1  ≠  gespeicherter Score %2 (der Score wurde außerhalb des Journals geändert)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Notes (%1)</source>
        <translation>Notizen (%1)</translation>
    </message>
</context>
<context>
    <name>funnel::LeadTimelineModel</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>funnel::MainWindow</name>
    <message>
        <source>Funnelboard</source>
        <translation>Funnelboard</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>New SQLs</source>
        <translation>Neue SQLs</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Campaigns: %1</source>
        <translation>Kampagnen: %1</translation>
    </message>
    <message>
        <source>New SQLs (%1)</source>
        <translation>Neue SQLs (%1)</translation>
    </message>
    <message>
        <source>Import Events</source>
        <translation>Ereignisse importieren</translation>
    </message>
    <message>
        <source>Import Leads</source>
        <translation>Leads importieren</translation>
    </message>
    <message>
        <source>Events (*.jsonl *.ndjson *.json);;All files (*)</source>
        <translation>Ereignisse (*.jsonl *.ndjson *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Leads (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>Leads (*.csv *.tsv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Import &amp;Leads (CSV)…</source>
        <translation>&amp;Leads importieren (CSV)…</translation>
    </message>
    <message>
        <source>Import &amp;Events (JSONL)…</source>
        <translation>&amp;Ereignisse importieren (JSONL)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Board</source>
        <translation>B&amp;oard</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Akt&amp;ualisieren</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Funnelboard</source>
        <translation>&amp;Über Funnelboard</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>%1 — Funnelboard</source>
        <translation>%1 — Funnelboard</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Open Funnelboard Database</source>
        <translation>Funnelboard-Datenbank öffnen</translation>
    </message>
    <message>
        <source>Funnelboard databases (*.sqlite *.db);;All files (*)</source>
        <translation>Funnelboard-Datenbanken (*.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot Open Database</source>
        <translation>Datenbank kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>Keine Datenbank geöffnet</translation>
    </message>
    <message>
        <source>%1 leads · %2 % won overall</source>
        <translation>%1 Leads · %2 % insgesamt gewonnen</translation>
    </message>
    <message>
        <source>%1 leads</source>
        <translation>%1 Leads</translation>
    </message>
    <message>
        <source>About Funnelboard</source>
        <translation>Über Funnelboard</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Funnelboard %1&lt;/h3&gt;&lt;p&gt;Score leads from their behaviour, move them through the funnel and nurture them with webhooks.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Funnelboard %1&lt;/h3&gt;&lt;p&gt;Leads nach ihrem Verhalten bewerten, durch den Funnel bewegen und mit Webhooks betreuen.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>funnel::MergeLeadDialog</name>
    <message>
        <source>Merge Leads</source>
        <translation>Leads zusammenführen</translation>
    </message>
    <message>
        <source>Find the duplicate of &lt;b&gt;%1&lt;/b&gt;. Its events, history, notes and campaigns move to this lead, blank fields are filled from it, the score is recomputed, and the duplicate is deleted. You can undo the merge.</source>
        <translation>Suchen Sie das Duplikat von &lt;b&gt;%1&lt;/b&gt;. Seine Ereignisse, sein Verlauf, seine Notizen und Kampagnen gehen auf diesen Lead über, leere Felder werden daraus gefüllt, der Score wird neu berechnet und das Duplikat gelöscht. Sie können die Zusammenführung rückgängig machen.</translation>
    </message>
    <message>
        <source>Email, name, company or lead id</source>
        <translation>E-Mail, Name, Unternehmen oder Lead-ID</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(kein Name)</translation>
    </message>
    <message>
        <source>%1 · %2
#%3 %4 · %5 · score %6</source>
        <translation>%1 · %2
#%3 %4 · %5 · Score %6</translation>
    </message>
    <message>
        <source>no email</source>
        <translation>keine E-Mail</translation>
    </message>
    <message>
        <source>No other lead matches.</source>
        <translation>Kein anderer Lead passt.</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) found</source>
        <translation>
            <numerusform>%n Lead gefunden</numerusform>
            <numerusform>%n Leads gefunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>funnel::MoveReasonDialog</name>
    <message>
        <source>Mark as Lost</source>
        <translation>Als verloren markieren</translation>
    </message>
    <message>
        <source>Back to Nurture</source>
        <translation>Zurück in die Betreuung</translation>
    </message>
    <message>
        <source>Why is %1 lost?</source>
        <translation>Warum ist %1 verloren?</translation>
    </message>
    <message>
        <source>Why does %1 go back from %2 to %3?</source>
        <translation>Warum geht %1 von %2 zurück nach %3?</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>Kein Budget</translation>
    </message>
    <message>
        <source>Went with a competitor</source>
        <translation>Für Wettbewerber entschieden</translation>
    </message>
    <message>
        <source>No response</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>Not a fit</source>
        <translation>Passt nicht</translation>
    </message>
    <message>
        <source>Bad timing</source>
        <translation>Schlechter Zeitpunkt</translation>
    </message>
    <message>
        <source>Not ready to buy yet</source>
        <translation>Noch nicht kaufbereit</translation>
    </message>
    <message>
        <source>Needs more nurturing</source>
        <translation>Braucht mehr Betreuung</translation>
    </message>
    <message>
        <source>Wrong contact</source>
        <translation>Falscher Ansprechpartner</translation>
    </message>
    <message>
        <source>Pick or type a reason</source>
        <translation>Grund auswählen oder eingeben</translation>
    </message>
    <message>
        <source>Mark Lost</source>
        <translation>Als verloren markieren</translation>
    </message>
    <message>
        <source>Move to %1</source>
        <translation>Nach %1 verschieben</translation>
    </message>
</context>
<context>
    <name>funnel::RuleFieldDelegate</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>funnel::RulesPage</name>
    <message>
        <source>Applied %1.</source>
        <translation>%1 angewendet.</translation>
    </message>
    <message>
        <source>Re-scored %1 leads: %2 changed stage, %3 new SQLs.</source>
        <translation>%1 Leads neu bewertet: %2 haben die Phase gewechselt, %3 neue SQLs.</translation>
    </message>
    <message>
        <source>Scores are unchanged; new events score under these rules.</source>
        <translation>Die Scores bleiben unverändert; neue Ereignisse werden nach diesen Regeln bewertet.</translation>
    </message>
    <message>
        <source>Draft rules</source>
        <translation>Regelentwurf</translation>
    </message>
    <message>
        <source>NEW_EVENT_TYPE</source>
        <translation>NEUER_EREIGNISTYP</translation>
    </message>
    <message>
        <source>Add event type</source>
        <translation>Ereignistyp hinzufügen</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>Regel entfernen</translation>
    </message>
    <message>
        <source>An event type is letters, digits and _ (like VIEWED_PRICING), found &quot;%1&quot;.</source>
        <translation>Ein Ereignistyp besteht aus Buchstaben, Ziffern und _ (wie VIEWED_PRICING), gefunden: „%1“.</translation>
    </message>
    <message>
        <source>%1 already has a rule.</source>
        <translation>%1 hat bereits eine Regel.</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>Remove the rule of %1</source>
        <translation>Regel von %1 entfernen</translation>
    </message>
    <message>
        <source>MQL at score</source>
        <translation>MQL ab Score</translation>
    </message>
    <message>
        <source>SQL at score</source>
        <translation>SQL ab Score</translation>
    </message>
    <message>
        <source>Decay inactive leads</source>
        <translation>Inaktive Leads abwerten</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tagen</translation>
    </message>
    <message>
        <source> points</source>
        <translation> Punkte</translation>
    </message>
    <message>
        <source>after</source>
        <translation>nach</translation>
    </message>
    <message>
        <source>minus</source>
        <translation>minus</translation>
    </message>
    <message>
        <source>every</source>
        <translation>im Abstand von</translation>
    </message>
    <message>
        <source>down to</source>
        <translation>bis hinunter auf</translation>
    </message>
    <message>
        <source>Change the thresholds</source>
        <translation>Schwellenwerte ändern</translation>
    </message>
    <message>
        <source>Change the decay</source>
        <translation>Abwertung ändern</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>Entwurf verwerfen</translation>
    </message>
    <message>
        <source>Discard the draft</source>
        <translation>Entwurf verwerfen</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Undo last apply</source>
        <translation>Letzte Anwendung rückgängig machen</translation>
    </message>
    <message>
        <source>Select a version to see what it changed; select two to compare them.</source>
        <translation>Wählen Sie eine Version aus, um ihre Änderungen zu sehen, oder zwei, um sie zu vergleichen.</translation>
    </message>
    <message>
        <source>Restore cancelled: nothing was written.</source>
        <translation>Wiederherstellung abgebrochen: Nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>Undo cancelled: nothing was written.</source>
        <translation>Rückgängig abgebrochen: Nichts wurde geschrieben.</translation>
    </message>
    <message>
        <source>What if the draft applied to all history?</source>
        <translation>Was wäre, wenn der Entwurf rückwirkend für den gesamten Verlauf gälte?</translation>
    </message>
    <message>
        <source>Run what-if</source>
        <translation>Was-wäre-wenn ausführen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Replays every lead&apos;s events under the draft and compares with the stages and scores now. Nothing is written.</source>
        <translation>Rechnet die Ereignisse jedes Leads mit dem Entwurf durch und vergleicht mit den aktuellen Phasen und Scores. Es wird nichts geschrieben.</translation>
    </message>
    <message>
        <source>Note for the versions list (why this change)</source>
        <translation>Notiz für die Versionsliste (warum diese Änderung)</translation>
    </message>
    <message>
        <source>Future events only</source>
        <translation>Nur künftige Ereignisse</translation>
    </message>
    <message>
        <source>Keep every score as it is; only events from now on score under the new rules.</source>
        <translation>Alle Scores bleiben unverändert; nur Ereignisse ab jetzt werden nach den neuen Regeln bewertet.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>The draft equals the rules in force.</source>
        <translation>Der Entwurf entspricht den geltenden Regeln.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) from the rules in force.</source>
        <translation>
            <numerusform>%n Änderung gegenüber den geltenden Regeln.</numerusform>
            <numerusform>%n Änderungen gegenüber den geltenden Regeln.</numerusform>
        </translation>
    </message>
    <message>
        <source>The MQL threshold (%1) must be below the SQL threshold (%2).</source>
        <translation>Der MQL-Schwellenwert (%1) muss unter dem SQL-Schwellenwert (%2) liegen.</translation>
    </message>
    <message>
        <source>%1: a cap must allow at least 1 point.</source>
        <translation>%1: Eine Obergrenze muss mindestens 1 Punkt zulassen.</translation>
    </message>
    <message>
        <source>Funnelboard user</source>
        <translation>Funnelboard-Benutzer</translation>
    </message>
    <message>
        <source>v%1  %2  %3  (%4)</source>
        <translation>v%1  %2  %3  (%4)</translation>
    </message>
    <message>
        <source>all history</source>
        <translation>rückwirkend</translation>
    </message>
    <message>
        <source>future only</source>
        <translation>nur künftig</translation>
    </message>
    <message>
        <source>No versions yet: the first Apply records the rules in force as v1.</source>
        <translation>Noch keine Versionen: Das erste „Anwenden“ speichert die geltenden Regeln als v1.</translation>
    </message>
    <message>
        <source>%1 compared with %2:</source>
        <translation>%1 im Vergleich zu %2:</translation>
    </message>
    <message>
        <source>nothing earlier</source>
        <translation>nichts Früherem</translation>
    </message>
    <message>
        <source>no changes</source>
        <translation>keine Änderungen</translation>
    </message>
    <message>
        <source>Replaying every lead&apos;s history…</source>
        <translation>Verlauf aller Leads wird durchgerechnet…</translation>
    </message>
    <message>
        <source>What-if cancelled.</source>
        <translation>Was-wäre-wenn-Analyse abgebrochen.</translation>
    </message>
    <message>
        <source>Applying to future events…</source>
        <translation>Wird auf künftige Ereignisse angewendet…</translation>
    </message>
    <message>
        <source>Re-scoring every lead…</source>
        <translation>Alle Leads werden neu bewertet…</translation>
    </message>
    <message>
        <source>Apply cancelled: nothing was written; the rules in force are unchanged.</source>
        <translation>Übernahme abgebrochen: Nichts wurde geschrieben; die geltenden Regeln sind unverändert.</translation>
    </message>
    <message>
        <source>%1 leads and %2 events replayed in %3 s: %4 leads would change stage, %5 would change score.</source>
        <translation>%1 Leads und %2 Ereignisse in %3 s durchgerechnet: %4 Leads würden die Phase wechseln, bei %5 würde sich der Score ändern.</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>From \ to</source>
        <translation>Von \ nach</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Verschiebung</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
</context>
<context>
    <name>funnel::RulesTableModel</name>
    <message>
        <source>Event type</source>
        <translation>Ereignistyp</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Gates to</source>
        <translation>Stuft hoch auf</translation>
    </message>
    <message>
        <source>Enrolls in</source>
        <translation>Nimmt auf in</translation>
    </message>
    <message>
        <source>Cap (points)</source>
        <translation>Obergrenze (Punkte)</translation>
    </message>
    <message>
        <source>Cap per</source>
        <translation>Obergrenze pro</translation>
    </message>
    <message>
        <source>No rule: events of this type are stored and score 0.</source>
        <translation>Keine Regel: Ereignisse dieses Typs werden gespeichert und mit 0 bewertet.</translation>
    </message>
    <message>
        <source>%1: points must be a whole number, found &quot;%2&quot;.</source>
        <translation>%1: Punkte müssen eine ganze Zahl sein, gefunden: „%2“.</translation>
    </message>
    <message>
        <source>%1: points must be between -1000 and 1000.</source>
        <translation>%1: Punkte müssen zwischen -1000 und 1000 liegen.</translation>
    </message>
    <message>
        <source>%1: an event can gate to MQL, SQL or Won, not &quot;%2&quot;.</source>
        <translation>%1: Ein Ereignis kann auf MQL, SQL oder Won hochstufen, nicht auf „%2“.</translation>
    </message>
    <message>
        <source>%1: a campaign name has no spaces (&quot;%2&quot;).</source>
        <translation>%1: Ein Kampagnenname enthält keine Leerzeichen („%2“).</translation>
    </message>
    <message>
        <source>%1: the cap is a number of points, 0 or more (0 for no cap).</source>
        <translation>%1: Die Obergrenze ist eine Punktzahl ab 0 (0 für keine Obergrenze).</translation>
    </message>
    <message>
        <source>%1: a cap is per day, week or ever, not &quot;%2&quot;.</source>
        <translation>%1: Eine Obergrenze gilt pro day, week oder ever, nicht „%2“.</translation>
    </message>
    <message>
        <source>This column cannot be edited.</source>
        <translation>Diese Spalte kann nicht bearbeitet werden.</translation>
    </message>
    <message>
        <source>Edit %1 of %2</source>
        <translation>%2: %1 bearbeiten</translation>
    </message>
</context>
<context>
    <name>funnel::ScoreHistogramChart</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Score distribution</source>
        <translation>Score-Verteilung</translation>
    </message>
    <message>
        <source>Current score (buckets of 10)</source>
        <translation>Aktueller Score (10er-Schritte)</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>%1 threshold (%2)</source>
        <translation>%1-Schwellenwert (%2)</translation>
    </message>
    <message>
        <source>%1 leads of the cohort, by current score and stage</source>
        <translation>%1 Leads der Kohorte, nach aktuellem Score und Phase</translation>
    </message>
    <message>
        <source>no leads created in the period</source>
        <translation>keine Leads im Zeitraum erstellt</translation>
    </message>
    <message>
        <source>No leads were created in this period.</source>
        <translation>In diesem Zeitraum wurden keine Leads erstellt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Score %1 to %2&lt;/b&gt;: %3 leads</source>
        <translation>&lt;b&gt;Score %1 bis %2&lt;/b&gt;: %3 Leads</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Click to show these leads on the board.</source>
        <translation>Klicken, um diese Leads auf dem Board anzuzeigen.</translation>
    </message>
</context>
<context>
    <name>funnel::SqlPromotionNotifier</name>
    <message>
        <source>Funnelboard</source>
        <translation>Funnelboard</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>New SQL: %1</source>
        <translation>Neuer SQL: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n new SQL leads</source>
        <translation>
            <numerusform>%n neuer SQL-Lead</numerusform>
            <numerusform>%n neue SQL-Leads</numerusform>
        </translation>
    </message>
    <message>
        <source>Promoted by %1</source>
        <translation>Hochgestuft durch %1</translation>
    </message>
    <message>
        <source>Latest: %1, promoted by %2</source>
        <translation>Neuester: %1, hochgestuft durch %2</translation>
    </message>
</context>
<context>
    <name>funnel::StageTileDelegate</name>
    <message>
        <source>%1 % of leads · avg score %2</source>
        <translation>%1 % der Leads · Ø Score %2</translation>
    </message>
    <message>
        <source>no leads</source>
        <translation>keine Leads</translation>
    </message>
</context>
<context>
    <name>funnel::TimeInStageChart</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Time in stage</source>
        <translation>Verweildauer in Phase</translation>
    </message>
    <message>
        <source>median, left</source>
        <translation>Median, verlassen</translation>
    </message>
    <message>
        <source>90th pct, left</source>
        <translation>90. Pz., verlassen</translation>
    </message>
    <message>
        <source>median, still in</source>
        <translation>Median, noch darin</translation>
    </message>
    <message>
        <source>90th pct, still in</source>
        <translation>90. Pz., noch darin</translation>
    </message>
    <message>
        <source>Left the stage in the period  ·  still in it now (time so far)</source>
        <translation>Phase im Zeitraum verlassen  ·  aktuell noch darin (bisherige Dauer)</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>%1 moves out of a stage in the period; nearest-rank percentiles</source>
        <translation>%1 Abgänge aus einer Phase im Zeitraum; Perzentile nach Nearest-Rank-Methode</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 leads left %1 in the period</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 Leads haben %1 im Zeitraum verlassen</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 leads are in %1 now</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 Leads sind aktuell in %1</translation>
    </message>
    <message>
        <source>median %1, 90th percentile %2</source>
        <translation>Median %1, 90. Perzentil %2</translation>
    </message>
    <message>
        <source>From entering the stage to the lead&apos;s next move.</source>
        <translation>Vom Eintritt in die Phase bis zur nächsten Verschiebung des Leads.</translation>
    </message>
    <message>
        <source>Time so far since entering the stage.</source>
        <translation>Bisherige Dauer seit Eintritt in die Phase.</translation>
    </message>
</context>
<context>
    <name>funnel::TrendChart</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Weekly trend</source>
        <translation>Wochentrend</translation>
    </message>
    <message>
        <source>New MQLs</source>
        <translation>Neue MQLs</translation>
    </message>
    <message>
        <source>New SQLs</source>
        <translation>Neue SQLs</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Week of %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Woche vom %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Week starting Monday (UTC)</source>
        <translation>Woche ab Montag (UTC)</translation>
    </message>
    <message>
        <source>Leads per week</source>
        <translation>Leads pro Woche</translation>
    </message>
    <message>
        <source>first or last week partly outside the period</source>
        <translation>erste oder letzte Woche teilweise außerhalb des Zeitraums</translation>
    </message>
    <message>
        <source>%1 new MQLs, %2 new SQLs, %3 won in the period</source>
        <translation>%1 neue MQLs, %2 neue SQLs, %3 gewonnen im Zeitraum</translation>
    </message>
    <message>
        <source>No moves in this period.</source>
        <translation>Keine Verschiebungen in diesem Zeitraum.</translation>
    </message>
</context>
<context>
    <name>funnel::WebhookDispatcher</name>
    <message>
        <source>cannot sign: %1</source>
        <translation>Signieren nicht möglich: %1</translation>
    </message>
    <message>
        <source>no complete response within %1 ms</source>
        <translation>keine vollständige Antwort innerhalb von %1 ms</translation>
    </message>
    <message>
        <source>410 Gone: the endpoint was disabled</source>
        <translation>410 Gone: der Endpunkt wurde deaktiviert</translation>
    </message>
    <message>
        <source>redirect to %1 not followed</source>
        <translation>Weiterleitung zu %1 nicht gefolgt</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>HTTP %1: not retried</source>
        <translation>HTTP %1: kein erneuter Versuch</translation>
    </message>
    <message>
        <source> (attempt %1 of %1: dead-lettered)</source>
        <translation> (Versuch %1 von %1: in Dead-Letter-Queue verschoben)</translation>
    </message>
</context>
<context>
    <name>funnel::WhatIfHistogramChart</name>
    <message>
        <source>Score distribution: run a what-if to compare</source>
        <translation>Score-Verteilung: Führen Sie zum Vergleich eine Was-wäre-wenn-Analyse aus</translation>
    </message>
    <message>
        <source>Score distribution: bars under the draft, line now</source>
        <translation>Score-Verteilung: Balken mit dem Entwurf, Linie aktuell</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <source>score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>leads</source>
        <translation>Leads</translation>
    </message>
</context>
<context>
    <name>funnelctl</name>
    <message>
        <source>The database file (default: $FUNNELBOARD_DB, else the desktop app&apos;s own).</source>
        <translation>Die Datenbankdatei (Standard: $FUNNELBOARD_DB, sonst die der Desktop-App).</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>create or migrate the database; --demo fills it with demo data</source>
        <translation>Datenbank anlegen oder migrieren; --demo füllt sie mit Demodaten</translation>
    </message>
    <message>
        <source>import leads from CSV (merging duplicates by email)</source>
        <translation>Leads aus CSV importieren (Duplikate per E-Mail zusammenführen)</translation>
    </message>
    <message>
        <source>write leads as CSV or JSONL to standard output</source>
        <translation>Leads als CSV oder JSONL auf die Standardausgabe schreiben</translation>
    </message>
    <message>
        <source>ingest behaviour events (JSONL), scoring and moving leads</source>
        <translation>Verhaltensereignisse (JSONL) einlesen, Leads bewerten und verschieben</translation>
    </message>
    <message>
        <source>leads per stage, conversion and score histogram</source>
        <translation>Leads pro Phase, Konversion und Score-Histogramm</translation>
    </message>
    <message>
        <source>scoring rules: export, import, diff (what-if), apply, versions, restore</source>
        <translation>Scoring-Regeln: export, import, diff (Was-wäre-wenn), apply, versions, restore</translation>
    </message>
    <message>
        <source>re-score every lead from its history under the rules in force</source>
        <translation>jeden Lead aus seinem Verlauf nach den geltenden Regeln neu bewerten</translation>
    </message>
    <message>
        <source>print a lead&apos;s score ledger (why it has its score)</source>
        <translation>das Score-Journal eines Leads ausgeben (warum er seinen Score hat)</translation>
    </message>
    <message>
        <source>run the campaign scheduler and the webhook sender</source>
        <translation>Kampagnenplaner und Webhook-Versand ausführen</translation>
    </message>
    <message>
        <source>list, export, import, enable or disable campaigns</source>
        <translation>Kampagnen auflisten, exportieren, importieren, aktivieren oder deaktivieren</translation>
    </message>
    <message>
        <source>preview the next fire times of a cron campaign</source>
        <translation>die nächsten Auslösezeitpunkte einer Cron-Kampagne anzeigen</translation>
    </message>
    <message>
        <source>list webhook deliveries or replay dead ones</source>
        <translation>Webhook-Zustellungen auflisten oder unzustellbare erneut senden</translation>
    </message>
    <message>
        <source>list webhook endpoints with their health, or add one</source>
        <translation>Webhook-Endpunkte mit ihrem Zustand auflisten oder einen hinzufügen</translation>
    </message>
    <message>
        <source>Usage: funnelctl [--db PATH] &lt;command&gt; [options]</source>
        <translation>Aufruf: funnelctl [--db PFAD] &lt;Befehl&gt; [Optionen]</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>the database file (default: $FUNNELBOARD_DB, else %1)</source>
        <translation>die Datenbankdatei (Standard: $FUNNELBOARD_DB, sonst %1)</translation>
    </message>
    <message>
        <source>this help; &apos;funnelctl &lt;command&gt; --help&apos; for a command&apos;s options</source>
        <translation>diese Hilfe; &apos;funnelctl &lt;Befehl&gt; --help&apos; für die Optionen eines Befehls</translation>
    </message>
    <message>
        <source>the version</source>
        <translation>die Version</translation>
    </message>
    <message>
        <source>Exit codes: 0 all good, 1 some input rejected (good input kept), 2 usage error, 3 database error.</source>
        <translation>Exit-Codes: 0 alles in Ordnung, 1 Eingaben teilweise abgelehnt (gültige Eingaben übernommen), 2 Aufruffehler, 3 Datenbankfehler.</translation>
    </message>
    <message>
        <source>unknown option %1</source>
        <translation>unbekannte Option %1</translation>
    </message>
    <message>
        <source>no command given</source>
        <translation>kein Befehl angegeben</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>unbekannter Befehl &apos;%1&apos;</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Create the database, or bring an existing one to the current schema.</source>
        <translation>Datenbank anlegen oder eine vorhandene auf das aktuelle Schema bringen.</translation>
    </message>
    <message>
        <source>Fill an empty database with about 5,000 demo leads and 100,000 events.</source>
        <translation>Eine leere Datenbank mit etwa 5.000 Demo-Leads und 100.000 Ereignissen füllen.</translation>
    </message>
    <message>
        <source>Seed of the demo data (same seed, same data).</source>
        <translation>Seed der Demodaten (gleicher Seed, gleiche Daten).</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>Number of demo leads.</source>
        <translation>Anzahl der Demo-Leads.</translation>
    </message>
    <message>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>init takes no arguments</source>
        <translation>init erwartet keine Argumente</translation>
    </message>
    <message>
        <source>--seed and --leads take positive whole numbers</source>
        <translation>--seed und --leads erwarten positive ganze Zahlen</translation>
    </message>
    <message>
        <source>Database ready: %1 (schema version %2)</source>
        <translation>Datenbank bereit: %1 (Schemaversion %2)</translation>
    </message>
    <message>
        <source>%1 already holds %2 leads; demo data goes only into an empty database.</source>
        <translation>%1 enthält bereits %2 Leads; Demodaten kommen nur in eine leere Datenbank.</translation>
    </message>
    <message>
        <source>Demo data: %1 leads, %2 events, %3 stage changes, %4 manual moves in %5 s</source>
        <translation>Demodaten: %1 Leads, %2 Ereignisse, %3 Phasenwechsel, %4 manuelle Verschiebungen in %5 s</translation>
    </message>
    <message>
        <source>Import leads from a CSV file (or standard input). Duplicates by email or id are merged; bad rows are reported by line and the good rows still land.</source>
        <translation>Leads aus einer CSV-Datei (oder der Standardeingabe) importieren. Duplikate nach E-Mail oder ID werden zusammengeführt; fehlerhafte Zeilen werden mit Zeilennummer gemeldet, die gültigen Zeilen trotzdem übernommen.</translation>
    </message>
    <message>
        <source>Who imports, for the history.</source>
        <translation>Wer importiert, für den Verlauf.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>CSV file, or - for standard input</source>
        <translation>CSV-Datei oder - für die Standardeingabe</translation>
    </message>
    <message>
        <source>expected exactly one FILE (or -)</source>
        <translation>genau eine DATEI (oder -) erwartet</translation>
    </message>
    <message>
        <source>Imported %1 new leads, merged %2, rejected %3 rows.</source>
        <translation>%1 neue Leads importiert, %2 zusammengeführt, %3 Zeilen abgelehnt.</translation>
    </message>
    <message>
        <source>Write leads to standard output, with every custom column ever imported.</source>
        <translation>Leads auf die Standardausgabe schreiben, mit allen jemals importierten benutzerdefinierten Spalten.</translation>
    </message>
    <message>
        <source>csv (default) or jsonl.</source>
        <translation>csv (Standard) oder jsonl.</translation>
    </message>
    <message>
        <source>format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Only leads in this stage (Cold, MQL, SQL, Won, Lost).</source>
        <translation>Nur Leads in dieser Phase (Cold, MQL, SQL, Won, Lost).</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Write to this file instead of standard output.</source>
        <translation>In diese Datei statt auf die Standardausgabe schreiben.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>export-leads takes no arguments</source>
        <translation>export-leads erwartet keine Argumente</translation>
    </message>
    <message>
        <source>--format must be csv or jsonl, not &apos;%1&apos;</source>
        <translation>--format muss csv oder jsonl sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--stage must be one of Cold, MQL, SQL, Won, Lost, not &apos;%1&apos;</source>
        <translation>--stage muss Cold, MQL, SQL, Won oder Lost sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot write to standard output</source>
        <translation>auf die Standardausgabe kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Ingest behaviour events, one JSON object per line, scoring leads and moving them through the funnel. Lines whose eventId is stored already change nothing, so a file can be ingested again safely.</source>
        <translation>Verhaltensereignisse einlesen, ein JSON-Objekt pro Zeile; Leads werden bewertet und durch den Funnel bewegt. Zeilen, deren eventId bereits gespeichert ist, ändern nichts, daher kann eine Datei gefahrlos erneut eingelesen werden.</translation>
    </message>
    <message>
        <source>Most lines per transaction; a batch also ends early enough to hold the write lock for about %1 s.</source>
        <translation>Höchstens so viele Zeilen pro Transaktion; ein Stapel endet auch früh genug, um die Schreibsperre nur etwa %1 s zu halten.</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>JSONL file, or - for standard input</source>
        <translation>JSONL-Datei oder - für die Standardeingabe</translation>
    </message>
    <message>
        <source>--batch-size takes a positive whole number</source>
        <translation>--batch-size erwartet eine positive ganze Zahl</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>... and %1 more rejected lines</source>
        <translation>... und %1 weitere abgelehnte Zeilen</translation>
    </message>
    <message>
        <source>Ingested %1 events (%2 already stored, %3 rejected) in %4 s: %5 new leads, %6 stage changes.</source>
        <translation>%1 Ereignisse eingelesen (%2 bereits gespeichert, %3 abgelehnt) in %4 s: %5 neue Leads, %6 Phasenwechsel.</translation>
    </message>
    <message>
        <source>Leads per stage, conversion between consecutive stages, the score histogram in buckets of 10, time in stage and new MQLs, SQLs and Won per week: the numbers of the dashboard. With --from/--to the funnel and the histogram count the leads created in the period, and time in stage and the trend count the moves made in it.</source>
        <translation>Leads pro Phase, Konversion zwischen aufeinanderfolgenden Phasen, das Score-Histogramm in 10er-Schritten, Verweildauer in der Phase sowie neue MQLs, SQLs und Gewonnene pro Woche: die Zahlen des Dashboards. Mit --from/--to zählen Funnel und Histogramm die im Zeitraum erstellten Leads, Verweildauer und Trend die darin erfolgten Verschiebungen.</translation>
    </message>
    <message>
        <source>Print JSON instead of a table.</source>
        <translation>JSON statt einer Tabelle ausgeben.</translation>
    </message>
    <message>
        <source>First day of the period (ISO date, local time; or an ISO date-time).</source>
        <translation>Erster Tag des Zeitraums (ISO-Datum, Ortszeit; oder ein ISO-Zeitpunkt).</translation>
    </message>
    <message>
        <source>date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Last day of the period, inclusive (ISO date, local time; or an exclusive ISO date-time).</source>
        <translation>Letzter Tag des Zeitraums, einschließlich (ISO-Datum, Ortszeit; oder ein ausschließlicher ISO-Zeitpunkt).</translation>
    </message>
    <message>
        <source>Only leads of this owner.</source>
        <translation>Nur Leads dieses Inhabers.</translation>
    </message>
    <message>
        <source>Only leads from this source.</source>
        <translation>Nur Leads aus dieser Quelle.</translation>
    </message>
    <message>
        <source>stats takes no arguments</source>
        <translation>stats erwartet keine Argumente</translation>
    </message>
    <message>
        <source>--from must be an ISO date such as 2026-11-01, not &apos;%1&apos;</source>
        <translation>--from muss ein ISO-Datum wie 2026-11-01 sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--to must be an ISO date such as 2026-11-30, not &apos;%1&apos;</source>
        <translation>--to muss ein ISO-Datum wie 2026-11-30 sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>--from must come before --to</source>
        <translation>--from muss vor --to liegen</translation>
    </message>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>Filter: created from %1 to %2 (exclusive), owner %3, source %4</source>
        <translation>Filter: erstellt von %1 bis %2 (ausschließlich), Inhaber %3, Quelle %4</translation>
    </message>
    <message>
        <source>Leads per stage</source>
        <translation>Leads pro Phase</translation>
    </message>
    <message>
        <source>average score %1</source>
        <translation>durchschnittlicher Score %1</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Conversion (leads that reached the stage)</source>
        <translation>Konversion (Leads, die die Phase erreicht haben)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Score histogram</source>
        <translation>Score-Histogramm</translation>
    </message>
    <message>
        <source>Days in stage (median / 90th percentile)</source>
        <translation>Tage in Phase (Median / 90. Perzentil)</translation>
    </message>
    <message>
        <source>left in the period</source>
        <translation>im Zeitraum verlassen</translation>
    </message>
    <message>
        <source>still in it now</source>
        <translation>aktuell noch darin</translation>
    </message>
    <message>
        <source>New per week (week starting Monday, UTC)</source>
        <translation>Neu pro Woche (Woche ab Montag, UTC)</translation>
    </message>
    <message>
        <source>week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>Export the scoring rules in force as JSON, or replace them with a JSON file&apos;s rules (import, for new events only). An invalid file is refused with the field that is wrong, and the rules in force stay.
diff: replay every lead&apos;s event history under the file&apos;s rules and under the rules in force and print what would change (leads per stage, moves, score distribution, a sample of moving leads); it writes nothing.
apply: make the file&apos;s rules a new version and re-score every lead from its history in one transaction (or, with --future-only, score only new events with them).
versions: list the versions; with N, show what version N changed; with N and M, compare them.
restore N: apply version N again as a new version.</source>
        <translation>Die geltenden Scoring-Regeln als JSON exportieren oder durch die Regeln einer JSON-Datei ersetzen (import, nur für neue Ereignisse). Eine ungültige Datei wird unter Angabe des fehlerhaften Felds abgelehnt, und die geltenden Regeln bleiben bestehen.
diff: den Ereignisverlauf jedes Leads mit den Regeln der Datei und mit den geltenden Regeln durchrechnen und ausgeben, was sich ändern würde (Leads pro Phase, Verschiebungen, Score-Verteilung, eine Auswahl verschobener Leads); es wird nichts geschrieben.
apply: die Regeln der Datei zu einer neuen Version machen und jeden Lead in einer Transaktion aus seinem Verlauf neu bewerten (oder mit --future-only nur neue Ereignisse damit bewerten).
versions: die Versionen auflisten; mit N anzeigen, was Version N geändert hat; mit N und M die beiden vergleichen.
restore N: Version N erneut als neue Version anwenden.</translation>
    </message>
    <message>
        <source>export, import, diff, apply, versions or restore</source>
        <translation>export, import, diff, apply, versions oder restore</translation>
    </message>
    <message>
        <source>JSON file (export: default standard output; others: - for standard input)</source>
        <translation>JSON-Datei (export: standardmäßig die Standardausgabe; sonst: - für die Standardeingabe)</translation>
    </message>
    <message>
        <source>diff: also count the decay due at this UTC time (ISO 8601).</source>
        <translation>diff: auch die zu diesem UTC-Zeitpunkt fällige Abwertung einrechnen (ISO 8601).</translation>
    </message>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>diff: how many moving leads to list.</source>
        <translation>diff: wie viele verschobene Leads aufgelistet werden.</translation>
    </message>
    <message>
        <source>apply, restore: leave scores alone; only new events score under the rules.</source>
        <translation>apply, restore: Scores unverändert lassen; nur neue Ereignisse werden nach den Regeln bewertet.</translation>
    </message>
    <message>
        <source>apply, restore: who applies (default: $USER).</source>
        <translation>apply, restore: wer anwendet (Standard: $USER).</translation>
    </message>
    <message>
        <source>apply: why, for the versions list.</source>
        <translation>apply: warum, für die Versionsliste.</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Rules imported: %1 event types, MQL at %2, SQL at %3. They apply to events ingested from now on.</source>
        <translation>Regeln importiert: %1 Ereignistypen, MQL ab %2, SQL ab %3. Sie gelten für ab jetzt eingelesene Ereignisse.</translation>
    </message>
    <message>
        <source>restore expects a version number, found &quot;%1&quot;</source>
        <translation>restore erwartet eine Versionsnummer, „%1“ gefunden</translation>
    </message>
    <message>
        <source>expected &apos;rules export|import|diff|apply|versions|restore&apos;</source>
        <translation>&apos;rules export|import|diff|apply|versions|restore&apos; erwartet</translation>
    </message>
    <message>
        <source>reading the events</source>
        <translation>Ereignisse lesen</translation>
    </message>
    <message>
        <source>replaying</source>
        <translation>Nachspielen</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>Re-scoring: %1 % (%2)</source>
        <translation>Neubewertung: %1 % (%2)</translation>
    </message>
    <message>
        <source>Applied %1 (%2 event types, MQL at %3, SQL at %4).</source>
        <translation>%1 angewendet (%2 Ereignistypen, MQL ab %3, SQL ab %4).</translation>
    </message>
    <message>
        <source>Re-scored %1 leads from %2 events: %3 scores and %4 stages changed, %5 new SQLs.</source>
        <translation>%1 Leads aus %2 Ereignissen neu bewertet: %3 Scores und %4 Phasen geändert, %5 neue SQLs.</translation>
    </message>
    <message>
        <source>Scores are unchanged; events ingested from now on score under these rules.</source>
        <translation>Die Scores bleiben unverändert; ab jetzt eingelesene Ereignisse werden nach diesen Regeln bewertet.</translation>
    </message>
    <message>
        <source>versions expects version numbers, found &quot;%1&quot;</source>
        <translation>versions erwartet Versionsnummern, „%1“ gefunden</translation>
    </message>
    <message>
        <source>No versions yet: the rules in force were never applied with &apos;rules apply&apos;.</source>
        <translation>Noch keine Versionen: Die geltenden Regeln wurden nie mit &apos;rules apply&apos; angewendet.</translation>
    </message>
    <message>
        <source>all history</source>
        <translation>rückwirkend</translation>
    </message>
    <message>
        <source>future only</source>
        <translation>nur künftig</translation>
    </message>
    <message>
        <source>no such rules version</source>
        <translation>keine solche Regelversion</translation>
    </message>
    <message>
        <source>%1 compared with %2:</source>
        <translation>%1 im Vergleich zu %2:</translation>
    </message>
    <message>
        <source>the default rules</source>
        <translation>den Standardregeln</translation>
    </message>
    <message>
        <source>no changes</source>
        <translation>keine Änderungen</translation>
    </message>
    <message>
        <source>Re-score every lead from its event history under the rules in force, in one transaction. Stage changes are recorded in the history; stages people set (Won, Lost, manual moves) stay.</source>
        <translation>Jeden Lead in einer Transaktion aus seinem Ereignisverlauf nach den geltenden Regeln neu bewerten. Phasenwechsel werden im Verlauf festgehalten; von Personen gesetzte Phasen (Won, Lost, manuelle Verschiebungen) bleiben erhalten.</translation>
    </message>
    <message>
        <source>Also take the decay due by this UTC time (ISO 8601).</source>
        <translation>Auch die bis zu diesem UTC-Zeitpunkt fällige Abwertung anwenden (ISO 8601).</translation>
    </message>
    <message>
        <source>rescore takes no arguments</source>
        <translation>rescore erwartet keine Argumente</translation>
    </message>
    <message>
        <source>--decay-until expects an ISO 8601 time, found &quot;%1&quot;</source>
        <translation>--decay-until erwartet einen Zeitpunkt nach ISO 8601, „%1“ gefunden</translation>
    </message>
    <message>
        <source>Print a lead&apos;s score ledger: each event&apos;s points under the rules that scored it, caps, decay steps and other adjustments, adding up to the stored score. LEAD is an id, a userId or an email.</source>
        <translation>Das Score-Journal eines Leads ausgeben: die Punkte jedes Ereignisses nach den Regeln, die es bewertet haben, Obergrenzen, Abwertungsschritte und andere Anpassungen, die zusammen den gespeicherten Score ergeben. LEAD ist eine ID, eine userId oder eine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>lead id, userId or email</source>
        <translation>Lead-ID, userId oder E-Mail-Adresse</translation>
    </message>
    <message>
        <source>expected one lead</source>
        <translation>genau ein Lead erwartet</translation>
    </message>
    <message>
        <source>no lead &apos;%1&apos;</source>
        <translation>kein Lead &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Lead %1 %2 &lt;%3&gt;: %4, score %5</source>
        <translation>Lead %1 %2 &lt;%3&gt;: %4, Score %5</translation>
    </message>
    <message>
        <source>%1 (capped)</source>
        <translation>%1 (gedeckelt)</translation>
    </message>
    <message>
        <source>Total %1 = stored score %2.</source>
        <translation>Summe %1 = gespeicherter Score %2.</translation>
    </message>
    <message>
        <source>Total %1 differs from the stored score %2: run &apos;funnelctl rescore&apos;.</source>
        <translation>Summe %1 weicht vom gespeicherten Score %2 ab: Führen Sie &apos;funnelctl rescore&apos; aus.</translation>
    </message>
    <message>
        <source>--sample expects a count, found &quot;%1&quot;</source>
        <translation>--sample erwartet eine Anzahl, „%1“ gefunden</translation>
    </message>
    <message>
        <source>--as-of expects an ISO 8601 time, found &quot;%1&quot;</source>
        <translation>--as-of erwartet einen Zeitpunkt nach ISO 8601, „%1“ gefunden</translation>
    </message>
    <message>
        <source>Nothing was written. Replayed %1 events in %2 ms.</source>
        <translation>Es wurde nichts geschrieben. %1 Ereignisse in %2 ms durchgerechnet.</translation>
    </message>
    <message>
        <source>What-if: %1 leads, %2 events replayed under the draft, beside the stored stages and scores (now)</source>
        <translation>Was-wäre-wenn: %1 Leads, %2 Ereignisse mit dem Entwurf durchgerechnet, neben den gespeicherten Phasen und Scores (Ist)</translation>
    </message>
    <message>
        <source>now</source>
        <translation>Ist</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>Entw.</translation>
    </message>
    <message>
        <source>change</source>
        <translation>Delta</translation>
    </message>
    <message>
        <source>Leads that would move: %1 (scores change for %2)</source>
        <translation>Leads, die verschoben würden: %1 (Scores ändern sich bei %2)</translation>
    </message>
    <message>
        <source>from \ to</source>
        <translation>von \ auf</translation>
    </message>
    <message>
        <source>Score distribution</source>
        <translation>Score-Verteilung</translation>
    </message>
    <message>
        <source>score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Leads that would move (first %1 by id)</source>
        <translation>Leads, die verschoben würden (die ersten %1 nach ID)</translation>
    </message>
    <message>
        <source>lead %1: %2 -&gt; %3, score %4 -&gt; %5: %6</source>
        <translation>Lead %1: %2 -&gt; %3, Score %4 -&gt; %5: %6</translation>
    </message>
    <message>
        <source>Run the campaign scheduler and the webhook sender without the desktop app: enroll leads, run due campaign steps, send the outbox. Stops on Ctrl+C, or with --until-idle once nothing is due now (retries due later stay pending).</source>
        <translation>Kampagnenplaner und Webhook-Versand ohne die Desktop-App ausführen: Leads aufnehmen, fällige Kampagnenschritte ausführen, den Postausgang senden. Hält bei Strg+C an oder mit --until-idle, sobald jetzt nichts mehr fällig ist (später fällige Wiederholungen bleiben ausstehend).</translation>
    </message>
    <message>
        <source>Exit once nothing is due now.</source>
        <translation>Beenden, sobald jetzt nichts mehr fällig ist.</translation>
    </message>
    <message>
        <source>run takes no arguments</source>
        <translation>run erwartet keine Argumente</translation>
    </message>
    <message>
        <source>Enrolled %1, deliveries written %2, attempts succeeded %3, failed %4.</source>
        <translation>Aufgenommen: %1, Zustellungen geschrieben: %2, Versuche erfolgreich: %3, fehlgeschlagen: %4.</translation>
    </message>
    <message>
        <source>event %1</source>
        <translation>Ereignis %1</translation>
    </message>
    <message>
        <source>enters %1</source>
        <translation>Eintritt in %1</translation>
    </message>
    <message>
        <source>score &gt;= %1</source>
        <translation>Score &gt;= %1</translation>
    </message>
    <message>
        <source>cron &apos;%1&apos; %2</source>
        <translation>cron &apos;%1&apos; %2</translation>
    </message>
    <message>
        <source>Nurture campaigns. Export writes JSON to standard output; import replaces campaigns of the same name. A campaign whose webhook target is missing or a placeholder cannot be enabled.</source>
        <translation>Betreuungskampagnen. export schreibt JSON auf die Standardausgabe; import ersetzt Kampagnen gleichen Namens. Eine Kampagne, deren Webhook-Ziel fehlt oder ein Platzhalter ist, kann nicht aktiviert werden.</translation>
    </message>
    <message>
        <source>list, export, import, enable or disable</source>
        <translation>list, export, import, enable oder disable</translation>
    </message>
    <message>
        <source>campaign name, or the file to import (- for standard input)</source>
        <translation>Kampagnenname oder die zu importierende Datei (- für die Standardeingabe)</translation>
    </message>
    <message>
        <source>expected list, export [NAME], import FILE, enable NAME or disable NAME</source>
        <translation>list, export [NAME], import DATEI, enable NAME oder disable NAME erwartet</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>ENABLED</source>
        <translation>AKTIV</translation>
    </message>
    <message>
        <source>TRIGGER</source>
        <translation>AUSLÖSER</translation>
    </message>
    <message>
        <source>ENROLLED</source>
        <translation>GESAMT</translation>
    </message>
    <message>
        <source>ACTIVE</source>
        <translation>LAUFEND</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>There is no campaign named %1.</source>
        <translation>Es gibt keine Kampagne namens %1.</translation>
    </message>
    <message>
        <source>%1 was imported disabled: %2.</source>
        <translation>%1 wurde deaktiviert importiert: %2.</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n campaign(s).</source>
        <translation>
            <numerusform>%n Kampagne importiert.</numerusform>
            <numerusform>%n Kampagnen importiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be enabled: %2.</source>
        <translation>%1 kann nicht aktiviert werden: %2.</translation>
    </message>
    <message>
        <source>%1 is enabled.</source>
        <translation>%1 ist aktiviert.</translation>
    </message>
    <message>
        <source>%1 is disabled.</source>
        <translation>%1 ist deaktiviert.</translation>
    </message>
    <message>
        <source>The next fire times of a cron campaign, in the campaign&apos;s time zone.</source>
        <translation>Die nächsten Auslösezeitpunkte einer Cron-Kampagne, in der Zeitzone der Kampagne.</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>preview</translation>
    </message>
    <message>
        <source>campaign name</source>
        <translation>Kampagnenname</translation>
    </message>
    <message>
        <source>How many fire times (1 to 1000).</source>
        <translation>Wie viele Auslösezeitpunkte (1 bis 1000).</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>expected &apos;schedule preview NAME&apos;</source>
        <translation>&apos;schedule preview NAME&apos; erwartet</translation>
    </message>
    <message>
        <source>--count must be a number from 1 to 1000</source>
        <translation>--count muss eine Zahl von 1 bis 1000 sein</translation>
    </message>
    <message>
        <source>%1 is not a scheduled campaign; its trigger is %2.</source>
        <translation>%1 ist keine zeitgesteuerte Kampagne; ihr Auslöser ist %2.</translation>
    </message>
    <message>
        <source>The schedule of %1 is not valid: %2</source>
        <translation>Der Zeitplan von %1 ist ungültig: %2</translation>
    </message>
    <message>
        <source>The webhook delivery log, newest first; replay sends dead deliveries again with the same webhook-id.</source>
        <translation>Das Webhook-Zustellprotokoll, neueste zuerst; replay sendet unzustellbare Zustellungen erneut mit derselben webhook-id.</translation>
    </message>
    <message>
        <source>list or replay</source>
        <translation>list oder replay</translation>
    </message>
    <message>
        <source>Only deliveries in this state.</source>
        <translation>Nur Zustellungen in diesem Status.</translation>
    </message>
    <message>
        <source>state</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Only deliveries of this campaign.</source>
        <translation>Nur Zustellungen dieser Kampagne.</translation>
    </message>
    <message>
        <source>replay: every dead delivery.</source>
        <translation>replay: alle unzustellbaren Zustellungen.</translation>
    </message>
    <message>
        <source>list: at most this many rows.</source>
        <translation>list: höchstens so viele Zeilen.</translation>
    </message>
    <message>
        <source>--status is pending, succeeded or dead</source>
        <translation>--status ist pending, succeeded oder dead</translation>
    </message>
    <message>
        <source>--limit must be a positive number</source>
        <translation>--limit muss eine positive Zahl sein</translation>
    </message>
    <message>
        <source>expected &apos;deliveries list&apos; or &apos;deliveries replay ID|--dead&apos;</source>
        <translation>&apos;deliveries list&apos; oder &apos;deliveries replay ID|--dead&apos; erwartet</translation>
    </message>
    <message>
        <source>Delivery %1 does not exist or is not dead.</source>
        <translation>Zustellung %1 existiert nicht oder ist nicht unzustellbar.</translation>
    </message>
    <message numerus="yes">
        <source>Replaying %n delivery(ies); &apos;funnelctl run&apos; or the desktop app sends them.</source>
        <translation>
            <numerusform>%n Zustellung erneut eingereiht; &apos;funnelctl run&apos; oder die Desktop-App sendet sie.</numerusform>
            <numerusform>%n Zustellungen erneut eingereiht; &apos;funnelctl run&apos; oder die Desktop-App sendet sie.</numerusform>
        </translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <source>TRIES</source>
        <translation>VERS.</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>MS</translation>
    </message>
    <message>
        <source>CREATED</source>
        <translation>ERSTELLT</translation>
    </message>
    <message>
        <source>CAMPAIGN</source>
        <translation>KAMPAGNE</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Webhook endpoints with their health. &apos;add&apos; creates an endpoint and prints its signing secret (whsec_...) once; --lead-events also subscribes it to lead.stage_changed and lead.became_sql.</source>
        <translation>Webhook-Endpunkte mit ihrem Zustand. &apos;add&apos; legt einen Endpunkt an und gibt sein Signatur-Secret (whsec_...) einmalig aus; --lead-events abonniert ihn zusätzlich für lead.stage_changed und lead.became_sql.</translation>
    </message>
    <message>
        <source>list or add</source>
        <translation>list oder add</translation>
    </message>
    <message>
        <source>add: send every stage change of a lead to this URL.</source>
        <translation>add: jeden Phasenwechsel eines Leads an diese URL senden.</translation>
    </message>
    <message>
        <source>expected &apos;endpoints list&apos; or &apos;endpoints add URL&apos;</source>
        <translation>&apos;endpoints list&apos; oder &apos;endpoints add URL&apos; erwartet</translation>
    </message>
    <message>
        <source>The endpoint %1 exists already; its secret is not shown again.</source>
        <translation>Der Endpunkt %1 existiert bereits; sein Secret wird nicht erneut angezeigt.</translation>
    </message>
    <message>
        <source>Added %1. Its signing secret (shown only now):</source>
        <translation>%1 hinzugefügt. Sein Signatur-Secret (wird nur jetzt angezeigt):</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>ZUSTAND</translation>
    </message>
    <message>
        <source>PENDING</source>
        <translation>OFFEN</translation>
    </message>
    <message>
        <source>DEAD</source>
        <translation>TOT</translation>
    </message>
    <message>
        <source>FAILS</source>
        <translation>FEHL.</translation>
    </message>
    <message>
        <source>LAST</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>LAST SUCCESS</source>
        <translation>LETZTER ERFOLG</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>* receives lead.stage_changed and lead.became_sql</source>
        <translation>* empfängt lead.stage_changed und lead.became_sql</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Cannot Open Database</source>
        <translation>Datenbank kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
</context>
</TS>
