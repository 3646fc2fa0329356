<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>BarChart</name>
    <message>
        <source>No data yet</source>
        <extracomment>Said instead of an empty 0..1 axis when there is nothing to draw.</extracomment>
        <translation>Nog geen gegevens</translation>
    </message>
</context>
<context>
    <name>CurrencyList</name>
    <message>
        <source>No contracts yet</source>
        <extracomment>Names people use where the ISO name reads oddly in a chart. Kept for panels whose title or note follow the data.</extracomment>
        <translation>Nog geen contracten</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Customers</source>
        <extracomment>Countries shown by name; the rest are summed under &quot;Other&quot;. Customer groups shown in the &quot;largest groups&quot; chart. Days ahead the licences panel looks for licences ending. Rows of that panel shown before it scrolls.</extracomment>
        <translation>Klanten</translation>
    </message>
    <message>
        <source>legal entities</source>
        <translation>rechtspersonen</translation>
    </message>
    <message>
        <source>Fabs</source>
        <translation>Fabs</translation>
    </message>
    <message>
        <source>facilities</source>
        <translation>vestigingen</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>Machines</translation>
    </message>
    <message>
        <source>installed units</source>
        <translation>geïnstalleerde eenheden</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Contracten</translation>
    </message>
    <message>
        <source>service contracts</source>
        <translation>servicecontracten</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>Verplichtingen</translation>
    </message>
    <message>
        <source>service lines</source>
        <translation>serviceregels</translation>
    </message>
    <message>
        <source>Listed customers</source>
        <translation>Vermelde klanten</translation>
    </message>
    <message>
        <source>on a restricted-party list</source>
        <translation>op een sanctielijst</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>machines</source>
        <translation>machines</translation>
    </message>
    <message>
        <source>No machines yet</source>
        <translation>Nog geen machines</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <extracomment>The day the licences panel counts from (None: today); tests and screenshots fix it. The book&apos;s status as last read (None before the first reload finished).</extracomment>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>Machines by country</source>
        <translation>Machines per land</translation>
    </message>
    <message>
        <source>Where the installed base is, by fab location.</source>
        <translation>Waar de geïnstalleerde basis staat, naar locatie van de fab.</translation>
    </message>
    <message>
        <source>Largest customer groups</source>
        <translation>Grootste klantconcerns</translation>
    </message>
    <message>
        <source>Machines per group, subsidiaries included.</source>
        <translation>Machines per concern, dochterondernemingen inbegrepen.</translation>
    </message>
    <message>
        <source>Machines by equipment category</source>
        <translation>Machines per apparatuurcategorie</translation>
    </message>
    <message>
        <source>Installed units per catalogue category.</source>
        <translation>Geïnstalleerde eenheden per catalogus­categorie.</translation>
    </message>
    <message>
        <source>Machines at advanced-node fabs</source>
        <translation>Machines in fabs met geavanceerde node</translation>
    </message>
    <message>
        <source>87 FR 62186: logic non-planar or ≤ 16/14 nm, DRAM ≤ 18 nm half-pitch, NAND ≥ 128 layers. Unknown technology counts as a risk.</source>
        <translation>87 FR 62186: logica niet-planair of ≤ 16/14 nm, DRAM ≤ 18 nm half-pitch, NAND ≥ 128 lagen. Onbekende technologie telt als risico.</translation>
    </message>
    <message>
        <source>Contract value by currency</source>
        <translation>Contractwaarde per valuta</translation>
    </message>
    <message>
        <source>All service contracts, each in its own currency.</source>
        <translation>Alle servicecontracten, elk in de eigen valuta.</translation>
    </message>
    <message>
        <source>Licences ending in the next %1 days</source>
        <translation>Vergunningen die binnen %1 dagen aflopen</translation>
    </message>
    <message>
        <source>Dashboard: %1</source>
        <extracomment>Cards and charts: hidden while the book is empty (six zero cards guide nobody).</extracomment>
        <translation>Overzicht: %1</translation>
    </message>
    <message>
        <source>%1: %2 machines</source>
        <translation>%1: %2 machines</translation>
    </message>
    <message>
        <source>the whole book in the open database</source>
        <translation>het hele register in de geopende database</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Overig</translation>
    </message>
    <message>
        <source>Advanced node</source>
        <translation>Geavanceerde node</translation>
    </message>
    <message>
        <source>Technology unknown</source>
        <translation>Technologie onbekend</translation>
    </message>
    <message>
        <source>Not advanced</source>
        <translation>Niet geavanceerd</translation>
    </message>
    <message>
        <source>What each covers in the latest run (run %1, %2, as of %3): the value it keeps from risk, and the value at risk once it ends. Double-click to open Licences.</source>
        <translation>Wat elke vergunning in de laatste run dekt (run %1, %2, per %3): de waarde die zij beschermt en de waarde die na afloop risico loopt. Dubbelklik om Vergunningen te openen.</translation>
    </message>
    <message>
        <source>No evaluation run yet: evaluate a scenario to see what these licences cover.</source>
        <translation>Nog geen evaluatierun: evalueer een scenario om te zien wat deze vergunningen dekken.</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <source> (+%1 more)</source>
        <translation> (+%1 meer)</translation>
    </message>
    <message>
        <source>&amp;Undo Edit of %1 %2</source>
        <translation>Wijziging van %1 %2 &amp;ongedaan maken</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nieuw…</translation>
    </message>
    <message>
        <source>Create a record of the kind the current view lists</source>
        <translation>Een record aanmaken van de soort die de huidige weergave toont</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bewerken…</translation>
    </message>
    <message>
        <source>Edit the selected record</source>
        <translation>Het geselecteerde record bewerken</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Verwijderen…</translation>
    </message>
    <message>
        <source>Delete the selected record (undo brings it back)</source>
        <translation>Het geselecteerde record verwijderen (ongedaan maken haalt het terug)</translation>
    </message>
    <message>
        <source>Undo your last edit, as a new audited edit</source>
        <translation>Uw laatste wijziging ongedaan maken, als nieuwe vastgelegde wijziging</translation>
    </message>
    <message>
        <source>New &amp;Record</source>
        <translation>Nieuw &amp;record</translation>
    </message>
</context>
<context>
    <name>EquipmentCategory</name>
    <message>
        <source>EUV lithography</source>
        <extracomment>The equipment categories&apos; labels, for lupdate: the domain names them in English and the dashboard translates them (context &quot;EquipmentCategory&quot;).</extracomment>
        <translation>EUV-lithografie</translation>
    </message>
    <message>
        <source>DUV immersion lithography</source>
        <translation>DUV-immersielithografie</translation>
    </message>
    <message>
        <source>DUV dry ArF lithography</source>
        <translation>DUV droge ArF-lithografie</translation>
    </message>
    <message>
        <source>KrF lithography</source>
        <translation>KrF-lithografie</translation>
    </message>
    <message>
        <source>i-line lithography</source>
        <translation>i-line-lithografie</translation>
    </message>
    <message>
        <source>Resist coater/developer</source>
        <translation>Resist-coater/-ontwikkelaar</translation>
    </message>
    <message>
        <source>Etch (conductor)</source>
        <translation>Etsen (geleider)</translation>
    </message>
    <message>
        <source>Etch (dielectric)</source>
        <translation>Etsen (diëlektricum)</translation>
    </message>
    <message>
        <source>Atomic layer deposition</source>
        <translation>Atoomlaagdepositie</translation>
    </message>
    <message>
        <source>Chemical vapour deposition</source>
        <translation>Chemische dampdepositie</translation>
    </message>
    <message>
        <source>Physical vapour deposition</source>
        <translation>Fysische dampdepositie</translation>
    </message>
    <message>
        <source>Epitaxy</source>
        <translation>Epitaxie</translation>
    </message>
    <message>
        <source>Chemical mechanical planarisation</source>
        <translation>Chemisch-mechanisch planariseren</translation>
    </message>
    <message>
        <source>Wafer clean</source>
        <translation>Waferreiniging</translation>
    </message>
    <message>
        <source>Anneal</source>
        <translation>Uitgloeien</translation>
    </message>
    <message>
        <source>Ion implantation</source>
        <translation>Ionenimplantatie</translation>
    </message>
    <message>
        <source>Metrology</source>
        <translation>Metrologie</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>Inspectie</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Overig</translation>
    </message>
    <message>
        <source>Category unknown</source>
        <translation>Categorie onbekend</translation>
    </message>
</context>
<context>
    <name>ExpiringLicences</name>
    <message>
        <source>Licence</source>
        <extracomment>(key, header) of each column; headers are translated when shown.</extracomment>
        <translation>Vergunning</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Eindigt</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Resterende dagen</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>Verplichtingen</translation>
    </message>
    <message>
        <source>Value protected</source>
        <translation>Beschermde waarde</translation>
    </message>
    <message>
        <source>At risk after expiry</source>
        <translation>Risico na afloop</translation>
    </message>
    <message>
        <source>renewed from %1</source>
        <extracomment>Days left from which the count shows in red: one month to renew.</extracomment>
        <translation>verlengd vanaf %1</translation>
    </message>
    <message>
        <source>Value at risk of the obligations this licence covers to their end in the latest run: what would be at risk without it.</source>
        <translation>Waarde met risico van de verplichtingen die deze vergunning in de laatste run tot hun einde dekt: wat zonder haar risico zou lopen.</translation>
    </message>
    <message>
        <source>Value at risk, from the day after it ends, of the obligations whose licence cover ends with it (already counted as at risk in the latest run).</source>
        <translation>Waarde met risico, vanaf de dag na afloop, van de verplichtingen waarvan de dekking met deze vergunning eindigt (in de laatste run al als risico geteld).</translation>
    </message>
</context>
<context>
    <name>ExpiringList</name>
    <message>
        <source>No licence ends in the next %1 days.</source>
        <translation>Geen vergunning loopt binnen %1 dagen af.</translation>
    </message>
</context>
<context>
    <name>FollowUpPanel</name>
    <message>
        <source>What is still unknown</source>
        <translation>Wat nog onbekend is</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) without an HQ country</source>
        <extracomment>(action, text) of each open question shown, for tests and screen readers.</extracomment>
        <translation>
            <numerusform>%n klant zonder land van hoofdvestiging</numerusform>
            <numerusform>%n klanten zonder land van hoofdvestiging</numerusform>
        </translation>
    </message>
    <message>
        <source>Show customers</source>
        <translation>Klanten tonen</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) with an HQ country only inferred from their fabs</source>
        <translation>
            <numerusform>%n klant met een land van hoofdvestiging dat alleen uit de fabs is afgeleid</numerusform>
            <numerusform>%n klanten met een land van hoofdvestiging dat alleen uit hun fabs is afgeleid</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n equipment model(s) with category unknown (%1 machines)</source>
        <translation>
            <numerusform>%n apparatuurmodel met onbekende categorie (%1 machines)</numerusform>
            <numerusform>%n apparatuurmodellen met onbekende categorie (%1 machines)</numerusform>
        </translation>
    </message>
    <message>
        <source>Show machines</source>
        <translation>Machines tonen</translation>
    </message>
    <message numerus="yes">
        <source>%n customer or fab name(s) not screened against the restricted-party lists</source>
        <translation>
            <numerusform>%n klant- of fabnaam niet getoetst aan de sanctielijsten</numerusform>
            <numerusform>%n klant- of fabnamen niet getoetst aan de sanctielijsten</numerusform>
        </translation>
    </message>
    <message>
        <source>Go to screening</source>
        <translation>Naar de screening</translation>
    </message>
    <message>
        <source>Nothing the rules would read as a doubt: every gap is closed.</source>
        <translation>Niets wat de regels als twijfel zouden lezen: alle leemtes zijn gedicht.</translation>
    </message>
    <message>
        <source>No import yet: this book was filled another way (the demo, say).</source>
        <translation>Nog geen import: dit register is op een andere manier gevuld (bijvoorbeeld met de demo).</translation>
    </message>
    <message>
        <source>Last import: %1 on %2: %3 new and %4 changed records.</source>
        <translation>Laatste import: %1 op %2: %3 nieuwe en %4 gewijzigde records.</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <source>Import installed base…</source>
        <extracomment>What a guide&apos;s buttons ask the main window to do.</extracomment>
        <translation>Geïnstalleerde basis importeren…</translation>
    </message>
    <message>
        <source>Read the spreadsheet your ERP or service system exports (one row per machine is enough). Nothing is written before you have seen the dry run.</source>
        <translation>Leest de spreadsheet die uw ERP- of servicesysteem exporteert (één regel per machine volstaat). Er wordt niets geschreven voordat u de proefrun hebt gezien.</translation>
    </message>
    <message>
        <source>Open the demo book</source>
        <translation>Demoregister openen</translation>
    </message>
    <message>
        <source>Try every view on an invented installed base, in a separate file: this book stays empty.</source>
        <translation>Probeer elke weergave uit op een verzonnen geïnstalleerde basis, in een apart bestand: dit register blijft leeg.</translation>
    </message>
    <message>
        <source>Open a team database…</source>
        <translation>Teamdatabase openen…</translation>
    </message>
    <message>
        <source>Your team keeps its book on a PostgreSQL server: connect to it by URL.</source>
        <translation>Uw team houdt het register bij op een PostgreSQL-server: maak verbinding via een URL.</translation>
    </message>
    <message>
        <source>Import a restricted-party list</source>
        <translation>Sanctielijst importeren</translation>
    </message>
    <message>
        <source>Load the Consolidated Screening List (or another list) now; customers are screened against it as soon as they are in.</source>
        <translation>Laad nu de Consolidated Screening List (of een andere lijst); klanten worden eraan getoetst zodra ze zijn ingevoerd.</translation>
    </message>
    <message>
        <source>Customers and fabs appear here once the installed base is imported; the import takes them from the customer and site columns.</source>
        <translation>Klanten en fabs verschijnen hier zodra de geïnstalleerde basis is geïmporteerd; de import haalt ze uit de kolommen voor klant en locatie.</translation>
    </message>
    <message>
        <source>Every machine you shipped appears here, by serial, after the first import.</source>
        <translation>Elke geleverde machine verschijnt hier na de eerste import, op serienummer.</translation>
    </message>
    <message>
        <source>Service contracts and the machines they cover appear here after an import with a contract column.</source>
        <translation>Servicecontracten en de machines die ze dekken verschijnen hier na een import met een contractkolom.</translation>
    </message>
    <message>
        <source>No import yet: each import you commit is listed here.</source>
        <translation>Nog geen import: elke doorgevoerde import wordt hier vermeld.</translation>
    </message>
    <message>
        <source>The shipped rule packs can be read now; what they hit needs the installed base.</source>
        <translation>De meegeleverde regelpakketten zijn nu te lezen; wat ze raken, vergt de geïnstalleerde basis.</translation>
    </message>
    <message>
        <source>A scenario&apos;s impact needs machines and contracts to evaluate: none yet.</source>
        <translation>De gevolgen van een scenario vergen machines en contracten om te evalueren: nog geen.</translation>
    </message>
    <message>
        <source>Lists can be imported now; customers and fabs are screened once they are in.</source>
        <translation>Lijsten kunnen nu worden geïmporteerd; klanten en fabs worden getoetst zodra ze zijn ingevoerd.</translation>
    </message>
    <message>
        <source>The audit trail starts with the first change to this book.</source>
        <translation>De audittrail begint bij de eerste wijziging in dit register.</translation>
    </message>
    <message>
        <source>Licences held can be entered now; which obligations they cover shows once the installed base is imported and evaluated.</source>
        <translation>Vergunningen die u heeft kunnen nu worden ingevoerd; welke verplichtingen ze dekken, blijkt zodra de geïnstalleerde basis is geïmporteerd en geëvalueerd.</translation>
    </message>
    <message>
        <source>This view needs an installed base: the book is empty.</source>
        <translation>Deze weergave heeft een geïnstalleerde basis nodig: het register is leeg.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 customers</source>
        <extracomment>QSettings key of the database the user last opened in the window. False for screenshots: the default layout, and the user&apos;s saved layout untouched. The demo book &quot;Open the demo book&quot; opens; tests point it at a temporary file.</extracomment>
        <translation>%1 klanten</translation>
    </message>
    <message>
        <source>%1 fabs</source>
        <translation>%1 fabs</translation>
    </message>
    <message>
        <source>%1 machines</source>
        <translation>%1 machines</translation>
    </message>
    <message>
        <source>%1 contracts</source>
        <translation>%1 contracten</translation>
    </message>
    <message>
        <source>%1 obligations</source>
        <translation>%1 verplichtingen</translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation>Database &amp;openen…</translation>
    </message>
    <message>
        <source>Open another SQLite database file</source>
        <translation>Een ander SQLite-databasebestand openen</translation>
    </message>
    <message>
        <source>Open Database &amp;URL…</source>
        <translation>Database-&amp;URL openen…</translation>
    </message>
    <message>
        <source>Connect to a PostgreSQL server by URL</source>
        <translation>Via een URL verbinden met een PostgreSQL-server</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importeren…</translation>
    </message>
    <message>
        <source>Read installed-base spreadsheets into this database</source>
        <translation>Spreadsheets van de geïnstalleerde basis in deze database inlezen</translation>
    </message>
    <message>
        <source>&amp;Back Up…</source>
        <translation>&amp;Back-up maken…</translation>
    </message>
    <message>
        <source>Write a consistent copy of the database to a file</source>
        <translation>Een consistente kopie van de database naar een bestand schrijven</translation>
    </message>
    <message>
        <source>Load &amp;Demo Book…</source>
        <translation>&amp;Demoregister laden…</translation>
    </message>
    <message>
        <source>Fill this empty database with the demo book</source>
        <translation>Deze lege database vullen met het demoregister</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>Opnieuw &amp;laden</translation>
    </message>
    <message>
        <source>Read the current view again from the database</source>
        <translation>De huidige weergave opnieuw uit de database lezen</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>&amp;Over %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systeemtaal</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hoofdwerkbalk</translation>
    </message>
    <message>
        <source>Database in use: %1</source>
        <extracomment>Above every view but the dashboard while the book is empty: what it needs, first steps.</extracomment>
        <translation>Database in gebruik: %1</translation>
    </message>
    <message>
        <source>Cannot open database</source>
        <translation>Database kan niet worden geopend</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geopend</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Database openen</translation>
    </message>
    <message>
        <source>Workbench databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>Workbench-databases (*.sqlite3 *.sqlite *.db);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Open database URL</source>
        <translation>Database-URL openen</translation>
    </message>
    <message>
        <source>SQLAlchemy URL, e.g. postgresql://user@host/workbench:</source>
        <translation>SQLAlchemy-URL, bijv. postgresql://gebruiker@host/workbench:</translation>
    </message>
    <message>
        <source>Back up database</source>
        <translation>Back-up van database maken</translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite3)</source>
        <translation>SQLite-database (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backup written to %1</source>
        <translation>Back-up geschreven naar %1</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Back-up mislukt</translation>
    </message>
    <message>
        <source>Loading demo book</source>
        <translation>Demoregister wordt geladen</translation>
    </message>
    <message>
        <source>Writing customers, fabs, machines and contracts…</source>
        <translation>Klanten, fabs, machines en contracten worden geschreven…</translation>
    </message>
    <message>
        <source>Demo book not loaded</source>
        <translation>Demoregister niet geladen</translation>
    </message>
    <message>
        <source>Demo book cancelled; the database is unchanged.</source>
        <translation>Demoregister geannuleerd; de database is ongewijzigd.</translation>
    </message>
    <message>
        <source>Demo book loaded: %1 machines, %2 contracts.</source>
        <translation>Demoregister geladen: %1 machines, %2 contracten.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>You work as %1, %2 in this book (%3). You can read but not change it.</source>
        <translation>U werkt als %1, %2 in dit register (%3). U kunt het lezen maar niet wijzigen.</translation>
    </message>
    <message>
        <source>You work as %1, %2 in this book (%3).</source>
        <translation>U werkt als %1, %2 in dit register (%3).</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Bezig…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Compliance Workbench will speak %1 when you next open it.</source>
        <translation>Compliance Workbench verschijnt in het %1 wanneer u het weer opent.</translation>
    </message>
    <message>
        <source>Import batch %1 committed.</source>
        <translation>Importbatch %1 doorgevoerd.</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>viewer</source>
        <extracomment>Table names of the status-bar counts, in reading order.</extracomment>
        <translation>lezer</translation>
    </message>
    <message>
        <source>analyst</source>
        <translation>analist</translation>
    </message>
    <message>
        <source>approver</source>
        <translation>goedkeurder</translation>
    </message>
</context>
<context>
    <name>StartPanel</name>
    <message>
        <source>This book is empty</source>
        <translation>Dit register is leeg</translation>
    </message>
    <message>
        <source>Compliance Workbench answers what an export restriction does to the service obligations you already have. For that it needs your installed base: customers, fabs, machines and service contracts.</source>
        <translation>Compliance Workbench beantwoordt wat een exportbeperking betekent voor de serviceverplichtingen die u al hebt. Daarvoor is uw geïnstalleerde basis nodig: klanten, fabs, machines en servicecontracten.</translation>
    </message>
</context>
<context>
    <name>ViewSection</name>
    <message>
        <source>Overview</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>Exportcontrole</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Vastlegging</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <source>Installed base</source>
        <translation>Geïnstalleerde basis</translation>
    </message>
    <message>
        <source>Service obligations</source>
        <translation>Serviceverplichtingen</translation>
    </message>
    <message>
        <source>Select a machine to see its fab, classification and obligations.</source>
        <translation>Selecteer een machine om de fab, classificatie en verplichtingen te zien.</translation>
    </message>
    <message>
        <source>Service contracts</source>
        <translation>Servicecontracten</translation>
    </message>
    <message>
        <source>Covered machines</source>
        <translation>Gedekte machines</translation>
    </message>
    <message>
        <source>Select a contract to see its terms and covered machines.</source>
        <translation>Selecteer een contract om de voorwaarden en gedekte machines te zien.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>Counts and charts of the whole book</source>
        <translation>Aantallen en grafieken van het hele register</translation>
    </message>
    <message>
        <source>Customers and Fabs</source>
        <translation>Klanten en fabs</translation>
    </message>
    <message>
        <source>Groups, customers, fabs and their machines</source>
        <translation>Concerns, klanten, fabs en hun machines</translation>
    </message>
    <message>
        <source>Installed Base</source>
        <translation>Geïnstalleerde basis</translation>
    </message>
    <message>
        <source>Every machine shipped, by serial number</source>
        <translation>Elke geleverde machine, op serienummer</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Contracten</translation>
    </message>
    <message>
        <source>Service contracts and what they cover</source>
        <translation>Servicecontracten en wat ze dekken</translation>
    </message>
    <message>
        <source>Import History</source>
        <translation>Importgeschiedenis</translation>
    </message>
    <message>
        <source>Every import batch: its files, counts and the records it wrote</source>
        <translation>Elke importbatch: bestanden, aantallen en de geschreven records</translation>
    </message>
    <message>
        <source>Restrictions</source>
        <translation>Beperkingen</translation>
    </message>
    <message>
        <source>Rule packs, scenarios and the rule editor</source>
        <translation>Regelpakketten, scenario&apos;s en de regeleditor</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Gevolgen</translation>
    </message>
    <message>
        <source>Run a scenario, read every hit and why, compare runs</source>
        <translation>Een scenario doorrekenen, elke treffer met reden lezen, runs vergelijken</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>Screening</translation>
    </message>
    <message>
        <source>Restricted-party lists, the review queue of potential matches, name checks</source>
        <translation>Sanctielijsten, de beoordelingswachtrij van mogelijke treffers, naamcontroles</translation>
    </message>
    <message>
        <source>Audit Trail</source>
        <translation>Audittrail</translation>
    </message>
    <message>
        <source>Who changed what, when and why; verify the chain, export for auditors</source>
        <translation>Wie wat wanneer en waarom wijzigde; de keten verifiëren, exporteren voor auditors</translation>
    </message>
</context>
</TS>
