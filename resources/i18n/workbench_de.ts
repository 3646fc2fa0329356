<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BarChart</name>
    <message>
        <source>No data yet</source>
        <extracomment>Said instead of an empty 0..1 axis when there is nothing to draw.</extracomment>
        <translation>Noch keine Daten</translation>
    </message>
</context>
<context>
    <name>CurrencyList</name>
    <message>
        <source>No contracts yet</source>
        <extracomment>Names people use where the ISO name reads oddly in a chart. Kept for panels whose title or note follow the data.</extracomment>
        <translation>Noch keine Verträge</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Customers</source>
        <extracomment>Countries shown by name; the rest are summed under &quot;Other&quot;. Customer groups shown in the &quot;largest groups&quot; chart. Days ahead the licences panel looks for licences ending. Rows of that panel shown before it scrolls.</extracomment>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>legal entities</source>
        <translation>juristische Personen</translation>
    </message>
    <message>
        <source>Fabs</source>
        <translation>Fabs</translation>
    </message>
    <message>
        <source>facilities</source>
        <translation>Werke</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>Anlagen</translation>
    </message>
    <message>
        <source>installed units</source>
        <translation>installierte Einheiten</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Verträge</translation>
    </message>
    <message>
        <source>service contracts</source>
        <translation>Serviceverträge</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>Verpflichtungen</translation>
    </message>
    <message>
        <source>service lines</source>
        <translation>Serviceleistungen</translation>
    </message>
    <message>
        <source>Listed customers</source>
        <translation>Gelistete Kunden</translation>
    </message>
    <message>
        <source>on a restricted-party list</source>
        <translation>auf einer Sanktionsliste</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>machines</source>
        <translation>Anlagen</translation>
    </message>
    <message>
        <source>No machines yet</source>
        <translation>Noch keine Anlagen</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <extracomment>The day the licences panel counts from (None: today); tests and screenshots fix it. The book&apos;s status as last read (None before the first reload finished).</extracomment>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Machines by country</source>
        <translation>Anlagen nach Land</translation>
    </message>
    <message>
        <source>Where the installed base is, by fab location.</source>
        <translation>Wo die installierte Basis steht, nach Standort der Fab.</translation>
    </message>
    <message>
        <source>Largest customer groups</source>
        <translation>Größte Kundenkonzerne</translation>
    </message>
    <message>
        <source>Machines per group, subsidiaries included.</source>
        <translation>Anlagen je Konzern, einschließlich Tochtergesellschaften.</translation>
    </message>
    <message>
        <source>Machines by equipment category</source>
        <translation>Anlagen nach Gerätekategorie</translation>
    </message>
    <message>
        <source>Installed units per catalogue category.</source>
        <translation>Installierte Einheiten je Katalogkategorie.</translation>
    </message>
    <message>
        <source>Machines at advanced-node fabs</source>
        <translation>Anlagen in Advanced-Node-Fabs</translation>
    </message>
    <message>
        <source>87 FR 62186: logic non-planar or ≤ 16/14 nm, DRAM ≤ 18 nm half-pitch, NAND ≥ 128 layers. Unknown technology counts as a risk.</source>
        <translation>87 FR 62186: Logik nicht planar oder ≤ 16/14 nm, DRAM ≤ 18 nm Half-Pitch, NAND ≥ 128 Lagen. Unbekannte Technologie gilt als Risiko.</translation>
    </message>
    <message>
        <source>Contract value by currency</source>
        <translation>Vertragswert nach Währung</translation>
    </message>
    <message>
        <source>All service contracts, each in its own currency.</source>
        <translation>Alle Serviceverträge, jeder in seiner eigenen Währung.</translation>
    </message>
    <message>
        <source>Licences ending in the next %1 days</source>
        <translation>Lizenzen, die in den nächsten %1 Tagen enden</translation>
    </message>
    <message>
        <source>Dashboard: %1</source>
        <extracomment>Cards and charts: hidden while the book is empty (six zero cards guide nobody).</extracomment>
        <translation>Übersicht: %1</translation>
    </message>
    <message>
        <source>%1: %2 machines</source>
        <translation>%1: %2 Anlagen</translation>
    </message>
    <message>
        <source>the whole book in the open database</source>
        <translation>der gesamte Datenbestand der geöffneten Datenbank</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>Advanced node</source>
        <translation>Advanced Node</translation>
    </message>
    <message>
        <source>Technology unknown</source>
        <translation>Technologie unbekannt</translation>
    </message>
    <message>
        <source>Not advanced</source>
        <translation>Kein Advanced Node</translation>
    </message>
    <message>
        <source>What each covers in the latest run (run %1, %2, as of %3): the value it keeps from risk, and the value at risk once it ends. Double-click to open Licences.</source>
        <translation>Was jede im letzten Lauf abdeckt (Lauf %1, %2, Stand %3): der Wert, den sie vor Risiko schützt, und der gefährdete Wert nach ihrem Ablauf. Doppelklick öffnet Lizenzen.</translation>
    </message>
    <message>
        <source>No evaluation run yet: evaluate a scenario to see what these licences cover.</source>
        <translation>Noch kein Bewertungslauf: Bewerten Sie ein Szenario, um zu sehen, was diese Lizenzen abdecken.</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source> (+%1 more)</source>
        <translation> (+%1 weitere)</translation>
    </message>
    <message>
        <source>&amp;Undo Edit of %1 %2</source>
        <translation>Änderung an %1 %2 &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Neu…</translation>
    </message>
    <message>
        <source>Create a record of the kind the current view lists</source>
        <translation>Einen Datensatz der Art anlegen, die die aktuelle Ansicht zeigt</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected record</source>
        <translation>Den ausgewählten Datensatz bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected record (undo brings it back)</source>
        <translation>Den ausgewählten Datensatz löschen (Rückgängig stellt ihn wieder her)</translation>
    </message>
    <message>
        <source>Undo your last edit, as a new audited edit</source>
        <translation>Ihre letzte Änderung rückgängig machen, als neue protokollierte Änderung</translation>
    </message>
    <message>
        <source>New &amp;Record</source>
        <translation>Neuer &amp;Datensatz</translation>
    </message>
</context>
<context>
    <name>EquipmentCategory</name>
    <message>
        <source>EUV lithography</source>
        <extracomment>The equipment categories&apos; labels, for lupdate: the domain names them in English and the dashboard translates them (context &quot;EquipmentCategory&quot;).</extracomment>
        <translation>EUV-Lithografie</translation>
    </message>
    <message>
        <source>DUV immersion lithography</source>
        <translation>DUV-Immersionslithografie</translation>
    </message>
    <message>
        <source>DUV dry ArF lithography</source>
        <translation>DUV-Trocken-ArF-Lithografie</translation>
    </message>
    <message>
        <source>KrF lithography</source>
        <translation>KrF-Lithografie</translation>
    </message>
    <message>
        <source>i-line lithography</source>
        <translation>i-Line-Lithografie</translation>
    </message>
    <message>
        <source>Resist coater/developer</source>
        <translation>Lackbeschichtung/-entwicklung</translation>
    </message>
    <message>
        <source>Etch (conductor)</source>
        <translation>Ätzen (Leiter)</translation>
    </message>
    <message>
        <source>Etch (dielectric)</source>
        <translation>Ätzen (Dielektrikum)</translation>
    </message>
    <message>
        <source>Atomic layer deposition</source>
        <translation>Atomlagenabscheidung</translation>
    </message>
    <message>
        <source>Chemical vapour deposition</source>
        <translation>Chemische Gasphasenabscheidung</translation>
    </message>
    <message>
        <source>Physical vapour deposition</source>
        <translation>Physikalische Gasphasenabscheidung</translation>
    </message>
    <message>
        <source>Epitaxy</source>
        <translation>Epitaxie</translation>
    </message>
    <message>
        <source>Chemical mechanical planarisation</source>
        <translation>Chemisch-mechanisches Planarisieren</translation>
    </message>
    <message>
        <source>Wafer clean</source>
        <translation>Waferreinigung</translation>
    </message>
    <message>
        <source>Anneal</source>
        <translation>Tempern</translation>
    </message>
    <message>
        <source>Ion implantation</source>
        <translation>Ionenimplantation</translation>
    </message>
    <message>
        <source>Metrology</source>
        <translation>Messtechnik</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>Inspektion</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>Category unknown</source>
        <translation>Kategorie unbekannt</translation>
    </message>
</context>
<context>
    <name>ExpiringLicences</name>
    <message>
        <source>Licence</source>
        <extracomment>(key, header) of each column; headers are translated when shown.</extracomment>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Endet</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Resttage</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>Verpflichtungen</translation>
    </message>
    <message>
        <source>Value protected</source>
        <translation>Geschützter Wert</translation>
    </message>
    <message>
        <source>At risk after expiry</source>
        <translation>Gefährdet nach Ablauf</translation>
    </message>
    <message>
        <source>renewed from %1</source>
        <extracomment>Days left from which the count shows in red: one month to renew.</extracomment>
        <translation>verlängert ab %1</translation>
    </message>
    <message>
        <source>Value at risk of the obligations this licence covers to their end in the latest run: what would be at risk without it.</source>
        <translation>Gefährdeter Wert der Verpflichtungen, die diese Lizenz im letzten Lauf bis zu ihrem Ende abdeckt: was ohne sie gefährdet wäre.</translation>
    </message>
    <message>
        <source>Value at risk, from the day after it ends, of the obligations whose licence cover ends with it (already counted as at risk in the latest run).</source>
        <translation>Gefährdeter Wert ab dem Tag nach ihrem Ablauf für die Verpflichtungen, deren Lizenzdeckung mit ihr endet (im letzten Lauf bereits als gefährdet gezählt).</translation>
    </message>
</context>
<context>
    <name>ExpiringList</name>
    <message>
        <source>No licence ends in the next %1 days.</source>
        <translation>Keine Lizenz endet in den nächsten %1 Tagen.</translation>
    </message>
</context>
<context>
    <name>FollowUpPanel</name>
    <message>
        <source>What is still unknown</source>
        <translation>Was noch unbekannt ist</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) without an HQ country</source>
        <extracomment>(action, text) of each open question shown, for tests and screen readers.</extracomment>
        <translation>
            <numerusform>%n Kunde ohne Land des Hauptsitzes</numerusform>
            <numerusform>%n Kunden ohne Land des Hauptsitzes</numerusform>
        </translation>
    </message>
    <message>
        <source>Show customers</source>
        <translation>Kunden anzeigen</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) with an HQ country only inferred from their fabs</source>
        <translation>
            <numerusform>%n Kunde, dessen Land des Hauptsitzes nur aus seinen Fabs abgeleitet ist</numerusform>
            <numerusform>%n Kunden, deren Land des Hauptsitzes nur aus ihren Fabs abgeleitet ist</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n equipment model(s) with category unknown (%1 machines)</source>
        <translation>
            <numerusform>%n Gerätemodell mit unbekannter Kategorie (%1 Anlagen)</numerusform>
            <numerusform>%n Gerätemodelle mit unbekannter Kategorie (%1 Anlagen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Show machines</source>
        <translation>Anlagen anzeigen</translation>
    </message>
    <message numerus="yes">
        <source>%n customer or fab name(s) not screened against the restricted-party lists</source>
        <translation>
            <numerusform>%n Kunden- oder Fab-Name nicht gegen die Sanktionslisten geprüft</numerusform>
            <numerusform>%n Kunden- oder Fab-Namen nicht gegen die Sanktionslisten geprüft</numerusform>
        </translation>
    </message>
    <message>
        <source>Go to screening</source>
        <translation>Zur Sanktionslistenprüfung</translation>
    </message>
    <message>
        <source>Nothing the rules would read as a doubt: every gap is closed.</source>
        <translation>Nichts, was die Regeln als Zweifel werten würden: alle Lücken sind geschlossen.</translation>
    </message>
    <message>
        <source>No import yet: this book was filled another way (the demo, say).</source>
        <translation>Noch kein Import: dieser Datenbestand wurde auf anderem Weg gefüllt (etwa mit den Demodaten).</translation>
    </message>
    <message>
        <source>Last import: %1 on %2: %3 new and %4 changed records.</source>
        <translation>Letzter Import: %1 am %2: %3 neue und %4 geänderte Datensätze.</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <source>Import installed base…</source>
        <extracomment>What a guide&apos;s buttons ask the main window to do.</extracomment>
        <translation>Installierte Basis importieren…</translation>
    </message>
    <message>
        <source>Read the spreadsheet your ERP or service system exports (one row per machine is enough). Nothing is written before you have seen the dry run.</source>
        <translation>Liest die Tabelle, die Ihr ERP- oder Servicesystem exportiert (eine Zeile je Anlage genügt). Geschrieben wird erst, wenn Sie den Probelauf gesehen haben.</translation>
    </message>
    <message>
        <source>Open the demo book</source>
        <translation>Demodaten öffnen</translation>
    </message>
    <message>
        <source>Try every view on an invented installed base, in a separate file: this book stays empty.</source>
        <translation>Alle Ansichten an einer erfundenen installierten Basis ausprobieren, in einer eigenen Datei: dieser Datenbestand bleibt leer.</translation>
    </message>
    <message>
        <source>Open a team database…</source>
        <translation>Team-Datenbank öffnen…</translation>
    </message>
    <message>
        <source>Your team keeps its book on a PostgreSQL server: connect to it by URL.</source>
        <translation>Ihr Team führt seinen Datenbestand auf einem PostgreSQL-Server: per URL verbinden.</translation>
    </message>
    <message>
        <source>Import a restricted-party list</source>
        <translation>Sanktionsliste importieren</translation>
    </message>
    <message>
        <source>Load the Consolidated Screening List (or another list) now; customers are screened against it as soon as they are in.</source>
        <translation>Die Consolidated Screening List (oder eine andere Liste) jetzt laden; Kunden werden dagegen geprüft, sobald sie erfasst sind.</translation>
    </message>
    <message>
        <source>Customers and fabs appear here once the installed base is imported; the import takes them from the customer and site columns.</source>
        <translation>Kunden und Fabs erscheinen hier, sobald die installierte Basis importiert ist; der Import entnimmt sie den Spalten für Kunde und Standort.</translation>
    </message>
    <message>
        <source>Every machine you shipped appears here, by serial, after the first import.</source>
        <translation>Jede ausgelieferte Anlage erscheint hier nach dem ersten Import, nach Seriennummer.</translation>
    </message>
    <message>
        <source>Service contracts and the machines they cover appear here after an import with a contract column.</source>
        <translation>Serviceverträge und die von ihnen erfassten Anlagen erscheinen hier nach einem Import mit Vertragsspalte.</translation>
    </message>
    <message>
        <source>No import yet: each import you commit is listed here.</source>
        <translation>Noch kein Import: jeder übernommene Import wird hier aufgeführt.</translation>
    </message>
    <message>
        <source>The shipped rule packs can be read now; what they hit needs the installed base.</source>
        <translation>Die mitgelieferten Regelpakete lassen sich jetzt lesen; was sie treffen, zeigt erst die installierte Basis.</translation>
    </message>
    <message>
        <source>A scenario&apos;s impact needs machines and contracts to evaluate: none yet.</source>
        <translation>Die Auswirkungen eines Szenarios brauchen Anlagen und Verträge zur Auswertung: noch keine vorhanden.</translation>
    </message>
    <message>
        <source>Lists can be imported now; customers and fabs are screened once they are in.</source>
        <translation>Listen lassen sich jetzt importieren; Kunden und Fabs werden geprüft, sobald sie erfasst sind.</translation>
    </message>
    <message>
        <source>The audit trail starts with the first change to this book.</source>
        <translation>Der Prüfpfad beginnt mit der ersten Änderung an diesem Datenbestand.</translation>
    </message>
    <message>
        <source>Licences held can be entered now; which obligations they cover shows once the installed base is imported and evaluated.</source>
        <translation>Gehaltene Genehmigungen können jetzt erfasst werden; welche Verpflichtungen sie abdecken, zeigt sich, sobald die installierte Basis importiert und ausgewertet ist.</translation>
    </message>
    <message>
        <source>This view needs an installed base: the book is empty.</source>
        <translation>Diese Ansicht braucht eine installierte Basis: der Datenbestand ist leer.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 customers</source>
        <extracomment>QSettings key of the database the user last opened in the window. False for screenshots: the default layout, and the user&apos;s saved layout untouched. The demo book &quot;Open the demo book&quot; opens; tests point it at a temporary file.</extracomment>
        <translation>%1 Kunden</translation>
    </message>
    <message>
        <source>%1 fabs</source>
        <translation>%1 Fabs</translation>
    </message>
    <message>
        <source>%1 machines</source>
        <translation>%1 Anlagen</translation>
    </message>
    <message>
        <source>%1 contracts</source>
        <translation>%1 Verträge</translation>
    </message>
    <message>
        <source>%1 obligations</source>
        <translation>%1 Verpflichtungen</translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open another SQLite database file</source>
        <translation>Eine andere SQLite-Datenbankdatei öffnen</translation>
    </message>
    <message>
        <source>Open Database &amp;URL…</source>
        <translation>Datenbank-&amp;URL öffnen…</translation>
    </message>
    <message>
        <source>Connect to a PostgreSQL server by URL</source>
        <translation>Per URL mit einem PostgreSQL-Server verbinden</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Read installed-base spreadsheets into this database</source>
        <translation>Tabellen der installierten Basis in diese Datenbank einlesen</translation>
    </message>
    <message>
        <source>&amp;Back Up…</source>
        <translation>&amp;Sichern…</translation>
    </message>
    <message>
        <source>Write a consistent copy of the database to a file</source>
        <translation>Eine konsistente Kopie der Datenbank in eine Datei schreiben</translation>
    </message>
    <message>
        <source>Load &amp;Demo Book…</source>
        <translation>&amp;Demodaten laden…</translation>
    </message>
    <message>
        <source>Fill this empty database with the demo book</source>
        <translation>Diese leere Datenbank mit den Demodaten füllen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>Read the current view again from the database</source>
        <translation>Die aktuelle Ansicht erneut aus der Datenbank lesen</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>Ü&amp;ber %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Database in use: %1</source>
        <extracomment>Above every view but the dashboard while the book is empty: what it needs, first steps.</extracomment>
        <translation>Verwendete Datenbank: %1</translation>
    </message>
    <message>
        <source>Cannot open database</source>
        <translation>Datenbank kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <source>Workbench databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>Workbench-Datenbanken (*.sqlite3 *.sqlite *.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open database URL</source>
        <translation>Datenbank-URL öffnen</translation>
    </message>
    <message>
        <source>SQLAlchemy URL, e.g. postgresql://user@host/workbench:</source>
        <translation>SQLAlchemy-URL, z. B. postgresql://benutzer@host/workbench:</translation>
    </message>
    <message>
        <source>Back up database</source>
        <translation>Datenbank sichern</translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite3)</source>
        <translation>SQLite-Datenbank (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backup written to %1</source>
        <translation>Sicherung nach %1 geschrieben</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Sicherung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Loading demo book</source>
        <translation>Demodaten werden geladen</translation>
    </message>
    <message>
        <source>Writing customers, fabs, machines and contracts…</source>
        <translation>Kunden, Fabs, Anlagen und Verträge werden geschrieben…</translation>
    </message>
    <message>
        <source>Demo book not loaded</source>
        <translation>Demodaten nicht geladen</translation>
    </message>
    <message>
        <source>Demo book cancelled; the database is unchanged.</source>
        <translation>Demodaten abgebrochen; die Datenbank ist unverändert.</translation>
    </message>
    <message>
        <source>Demo book loaded: %1 machines, %2 contracts.</source>
        <translation>Demodaten geladen: %1 Anlagen, %2 Verträge.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>You work as %1, %2 in this book (%3). You can read but not change it.</source>
        <translation>Sie arbeiten als %1, %2 in diesem Datenbestand (%3). Sie können ihn lesen, aber nicht ändern.</translation>
    </message>
    <message>
        <source>You work as %1, %2 in this book (%3).</source>
        <translation>Sie arbeiten als %1, %2 in diesem Datenbestand (%3).</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Compliance Workbench will speak %1 when you next open it.</source>
        <translation>Compliance Workbench erscheint beim nächsten Öffnen auf %1.</translation>
    </message>
    <message>
        <source>Import batch %1 committed.</source>
        <translation>Importvorgang %1 übernommen.</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>viewer</source>
        <extracomment>Table names of the status-bar counts, in reading order.</extracomment>
        <translation>Leser</translation>
    </message>
    <message>
        <source>analyst</source>
        <translation>Analyst</translation>
    </message>
    <message>
        <source>approver</source>
        <translation>Freigeber</translation>
    </message>
</context>
<context>
    <name>StartPanel</name>
    <message>
        <source>This book is empty</source>
        <translation>Dieser Datenbestand ist leer</translation>
    </message>
    <message>
        <source>Compliance Workbench answers what an export restriction does to the service obligations you already have. For that it needs your installed base: customers, fabs, machines and service contracts.</source>
        <translation>Compliance Workbench beantwortet, was eine Exportbeschränkung für Ihre bestehenden Serviceverpflichtungen bedeutet. Dafür braucht es Ihre installierte Basis: Kunden, Fabs, Anlagen und Serviceverträge.</translation>
    </message>
</context>
<context>
    <name>ViewSection</name>
    <message>
        <source>Overview</source>
        <translation>Überblick</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Exportkontrolle</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Nachweise</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <source>Installed base</source>
        <translation>Installierte Basis</translation>
    </message>
    <message>
        <source>Service obligations</source>
        <translation>Serviceverpflichtungen</translation>
    </message>
    <message>
        <source>Select a machine to see its fab, classification and obligations.</source>
        <translation>Wählen Sie eine Anlage, um Fab, Einstufung und Verpflichtungen zu sehen.</translation>
    </message>
    <message>
        <source>Service contracts</source>
        <translation>Serviceverträge</translation>
    </message>
    <message>
        <source>Covered machines</source>
        <translation>Erfasste Anlagen</translation>
    </message>
    <message>
        <source>Select a contract to see its terms and covered machines.</source>
        <translation>Wählen Sie einen Vertrag, um Laufzeit, Bedingungen und erfasste Anlagen zu sehen.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Counts and charts of the whole book</source>
        <translation>Zahlen und Diagramme zum gesamten Datenbestand</translation>
    </message>
    <message>
        <source>Customers and Fabs</source>
        <translation>Kunden und Fabs</translation>
    </message>
    <message>
        <source>Groups, customers, fabs and their machines</source>
        <translation>Konzerne, Kunden, Fabs und ihre Anlagen</translation>
    </message>
    <message>
        <source>Installed Base</source>
        <translation>Installierte Basis</translation>
    </message>
    <message>
        <source>Every machine shipped, by serial number</source>
        <translation>Jede ausgelieferte Anlage, nach Seriennummer</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Verträge</translation>
    </message>
    <message>
        <source>Service contracts and what they cover</source>
        <translation>Serviceverträge und was sie abdecken</translation>
    </message>
    <message>
        <source>Import History</source>
        <translation>Importverlauf</translation>
    </message>
    <message>
        <source>Every import batch: its files, counts and the records it wrote</source>
        <translation>Jeder Importvorgang: Dateien, Zahlen und geschriebene Datensätze</translation>
    </message>
    <message>
        <source>Restrictions</source>
        <translation>Beschränkungen</translation>
    </message>
    <message>
        <source>Rule packs, scenarios and the rule editor</source>
        <translation>Regelpakete, Szenarien und der Regeleditor</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Auswirkungen</translation>
    </message>
    <message>
        <source>Run a scenario, read every hit and why, compare runs</source>
        <translation>Szenario auswerten, jeden Treffer mit Begründung lesen, Läufe vergleichen</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>Listenprüfung</translation>
    </message>
    <message>
        <source>Restricted-party lists, the review queue of potential matches, name checks</source>
        <translation>Sanktionslisten, Prüfwarteschlange möglicher Treffer, Namensabfragen</translation>
    </message>
    <message>
        <source>Audit Trail</source>
        <translation>Prüfpfad</translation>
    </message>
    <message>
        <source>Who changed what, when and why; verify the chain, export for auditors</source>
        <translation>Wer hat was wann und warum geändert; Kette prüfen, für Prüfer exportieren</translation>
    </message>
</context>
</TS>
