<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>BarChart</name>
    <message>
        <source>No data yet</source>
        <extracomment>Said instead of an empty 0..1 axis when there is nothing to draw.</extracomment>
        <translation>データはまだありません</translation>
    </message>
</context>
<context>
    <name>CurrencyList</name>
    <message>
        <source>No contracts yet</source>
        <extracomment>Names people use where the ISO name reads oddly in a chart. Kept for panels whose title or note follow the data.</extracomment>
        <translation>契約はまだありません</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Customers</source>
        <extracomment>Countries shown by name; the rest are summed under &quot;Other&quot;. Customer groups shown in the &quot;largest groups&quot; chart. Days ahead the licences panel looks for licences ending. Rows of that panel shown before it scrolls.</extracomment>
        <translation>顧客</translation>
    </message>
    <message>
        <source>legal entities</source>
        <translation>法人</translation>
    </message>
    <message>
        <source>Fabs</source>
        <translation>ファブ</translation>
    </message>
    <message>
        <source>facilities</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>装置</translation>
    </message>
    <message>
        <source>installed units</source>
        <translation>設置台数</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>契約</translation>
    </message>
    <message>
        <source>service contracts</source>
        <translation>保守契約</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>サービス義務</translation>
    </message>
    <message>
        <source>service lines</source>
        <translation>サービス明細</translation>
    </message>
    <message>
        <source>Listed customers</source>
        <translation>リスト掲載顧客</translation>
    </message>
    <message>
        <source>on a restricted-party list</source>
        <translation>取引制限対象者リストに掲載</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>machines</source>
        <translation>装置台数</translation>
    </message>
    <message>
        <source>No machines yet</source>
        <translation>装置はまだありません</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <extracomment>The day the licences panel counts from (None: today); tests and screenshots fix it. The book&apos;s status as last read (None before the first reload finished).</extracomment>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>Machines by country</source>
        <translation>国別の装置</translation>
    </message>
    <message>
        <source>Where the installed base is, by fab location.</source>
        <translation>インストールベースの所在（ファブの所在地別）。</translation>
    </message>
    <message>
        <source>Largest customer groups</source>
        <translation>上位の企業グループ</translation>
    </message>
    <message>
        <source>Machines per group, subsidiaries included.</source>
        <translation>グループ別の装置台数（子会社を含む）。</translation>
    </message>
    <message>
        <source>Machines by equipment category</source>
        <translation>装置カテゴリ別の装置</translation>
    </message>
    <message>
        <source>Installed units per catalogue category.</source>
        <translation>カタログのカテゴリ別の設置台数。</translation>
    </message>
    <message>
        <source>Machines at advanced-node fabs</source>
        <translation>先端ノードのファブにある装置</translation>
    </message>
    <message>
        <source>87 FR 62186: logic non-planar or ≤ 16/14 nm, DRAM ≤ 18 nm half-pitch, NAND ≥ 128 layers. Unknown technology counts as a risk.</source>
        <translation>87 FR 62186：ロジックは非プレーナ型または 16/14 nm 以下、DRAM はハーフピッチ 18 nm 以下、NAND は 128 層以上。技術が不明な場合はリスクとして扱います。</translation>
    </message>
    <message>
        <source>Contract value by currency</source>
        <translation>通貨別の契約額</translation>
    </message>
    <message>
        <source>All service contracts, each in its own currency.</source>
        <translation>すべての保守契約（各契約の通貨のまま）。</translation>
    </message>
    <message>
        <source>Licences ending in the next %1 days</source>
        <translation>今後%1日以内に失効するライセンス</translation>
    </message>
    <message>
        <source>Dashboard: %1</source>
        <extracomment>Cards and charts: hidden while the book is empty (six zero cards guide nobody).</extracomment>
        <translation>ダッシュボード：%1</translation>
    </message>
    <message>
        <source>%1: %2 machines</source>
        <translation>%1：%2 台</translation>
    </message>
    <message>
        <source>the whole book in the open database</source>
        <translation>開いているデータベースの台帳全体</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>Advanced node</source>
        <translation>先端ノード</translation>
    </message>
    <message>
        <source>Technology unknown</source>
        <translation>技術不明</translation>
    </message>
    <message>
        <source>Not advanced</source>
        <translation>先端ノード以外</translation>
    </message>
    <message>
        <source>What each covers in the latest run (run %1, %2, as of %3): the value it keeps from risk, and the value at risk once it ends. Double-click to open Licences.</source>
        <translation>最新の実行（実行%1、%2、%3時点）で各ライセンスが対象とするもの：リスクから守る金額と、失効後にリスクとなる金額。ダブルクリックでライセンスを開きます。</translation>
    </message>
    <message>
        <source>No evaluation run yet: evaluate a scenario to see what these licences cover.</source>
        <translation>評価の実行はまだありません。シナリオを評価すると、これらのライセンスの対象が表示されます。</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source> (+%1 more)</source>
        <translation>（ほか %1 件）</translation>
    </message>
    <message>
        <source>&amp;Undo Edit of %1 %2</source>
        <translation>%1 %2 の編集を元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>新規(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a record of the kind the current view lists</source>
        <translation>現在のビューに表示されている種類のレコードを作成します</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the selected record</source>
        <translation>選択したレコードを編集します</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete the selected record (undo brings it back)</source>
        <translation>選択したレコードを削除します（元に戻すで復元できます）</translation>
    </message>
    <message>
        <source>Undo your last edit, as a new audited edit</source>
        <translation>直前の編集を、監査記録される新しい編集として元に戻します</translation>
    </message>
    <message>
        <source>New &amp;Record</source>
        <translation>新規レコード(&amp;R)</translation>
    </message>
</context>
<context>
    <name>EquipmentCategory</name>
    <message>
        <source>EUV lithography</source>
        <extracomment>The equipment categories&apos; labels, for lupdate: the domain names them in English and the dashboard translates them (context &quot;EquipmentCategory&quot;).</extracomment>
        <translation>EUV 露光</translation>
    </message>
    <message>
        <source>DUV immersion lithography</source>
        <translation>DUV 液浸露光</translation>
    </message>
    <message>
        <source>DUV dry ArF lithography</source>
        <translation>DUV ドライ ArF 露光</translation>
    </message>
    <message>
        <source>KrF lithography</source>
        <translation>KrF 露光</translation>
    </message>
    <message>
        <source>i-line lithography</source>
        <translation>i 線露光</translation>
    </message>
    <message>
        <source>Resist coater/developer</source>
        <translation>レジスト塗布・現像</translation>
    </message>
    <message>
        <source>Etch (conductor)</source>
        <translation>エッチング（導体）</translation>
    </message>
    <message>
        <source>Etch (dielectric)</source>
        <translation>エッチング（絶縁膜）</translation>
    </message>
    <message>
        <source>Atomic layer deposition</source>
        <translation>原子層堆積（ALD）</translation>
    </message>
    <message>
        <source>Chemical vapour deposition</source>
        <translation>化学気相成長（CVD）</translation>
    </message>
    <message>
        <source>Physical vapour deposition</source>
        <translation>物理気相成長（PVD）</translation>
    </message>
    <message>
        <source>Epitaxy</source>
        <translation>エピタキシー</translation>
    </message>
    <message>
        <source>Chemical mechanical planarisation</source>
        <translation>化学機械研磨（CMP）</translation>
    </message>
    <message>
        <source>Wafer clean</source>
        <translation>ウェーハ洗浄</translation>
    </message>
    <message>
        <source>Anneal</source>
        <translation>アニール</translation>
    </message>
    <message>
        <source>Ion implantation</source>
        <translation>イオン注入</translation>
    </message>
    <message>
        <source>Metrology</source>
        <translation>計測</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>検査</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>Category unknown</source>
        <translation>カテゴリ不明</translation>
    </message>
</context>
<context>
    <name>ExpiringLicences</name>
    <message>
        <source>Licence</source>
        <extracomment>(key, header) of each column; headers are translated when shown.</extracomment>
        <translation>ライセンス</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>失効日</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>残り日数</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>義務</translation>
    </message>
    <message>
        <source>Value protected</source>
        <translation>保護される金額</translation>
    </message>
    <message>
        <source>At risk after expiry</source>
        <translation>失効後のリスク額</translation>
    </message>
    <message>
        <source>renewed from %1</source>
        <extracomment>Days left from which the count shows in red: one month to renew.</extracomment>
        <translation>%1から更新</translation>
    </message>
    <message>
        <source>Value at risk of the obligations this licence covers to their end in the latest run: what would be at risk without it.</source>
        <translation>最新の実行でこのライセンスが終了まで対象とする義務のリスク額：このライセンスがなければリスクとなる金額。</translation>
    </message>
    <message>
        <source>Value at risk, from the day after it ends, of the obligations whose licence cover ends with it (already counted as at risk in the latest run).</source>
        <translation>このライセンスとともに対象が終わる義務の、失効翌日からのリスク額（最新の実行ではすでにリスクとして計上）。</translation>
    </message>
</context>
<context>
    <name>ExpiringList</name>
    <message>
        <source>No licence ends in the next %1 days.</source>
        <translation>今後%1日以内に失効するライセンスはありません。</translation>
    </message>
</context>
<context>
    <name>FollowUpPanel</name>
    <message>
        <source>What is still unknown</source>
        <translation>まだ不明な点</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) without an HQ country</source>
        <extracomment>(action, text) of each open question shown, for tests and screen readers.</extracomment>
        <translation>
            <numerusform>本社所在国が不明な顧客：%n 社</numerusform>
        </translation>
    </message>
    <message>
        <source>Show customers</source>
        <translation>顧客を表示</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) with an HQ country only inferred from their fabs</source>
        <translation>
            <numerusform>本社所在国をファブから推定しただけの顧客：%n 社</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n equipment model(s) with category unknown (%1 machines)</source>
        <translation>
            <numerusform>カテゴリ不明の装置モデル：%n 機種（%1 台）</numerusform>
        </translation>
    </message>
    <message>
        <source>Show machines</source>
        <translation>装置を表示</translation>
    </message>
    <message numerus="yes">
        <source>%n customer or fab name(s) not screened against the restricted-party lists</source>
        <translation>
            <numerusform>取引制限対象者リストと未照合の顧客名・ファブ名：%n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Go to screening</source>
        <translation>スクリーニングへ</translation>
    </message>
    <message>
        <source>Nothing the rules would read as a doubt: every gap is closed.</source>
        <translation>ルールが疑義として扱う項目はありません。不明点はすべて解消済みです。</translation>
    </message>
    <message>
        <source>No import yet: this book was filled another way (the demo, say).</source>
        <translation>インポートはまだありません。この台帳は別の方法（デモなど）で作成されました。</translation>
    </message>
    <message>
        <source>Last import: %1 on %2: %3 new and %4 changed records.</source>
        <translation>前回のインポート：%1（%2）：新規 %3 件、変更 %4 件。</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <source>Import installed base…</source>
        <extracomment>What a guide&apos;s buttons ask the main window to do.</extracomment>
        <translation>インストールベースをインポート…</translation>
    </message>
    <message>
        <source>Read the spreadsheet your ERP or service system exports (one row per machine is enough). Nothing is written before you have seen the dry run.</source>
        <translation>ERP やサービスシステムが出力する表を読み込みます（装置ごとに 1 行あれば十分です）。試行結果を確認するまで何も書き込まれません。</translation>
    </message>
    <message>
        <source>Open the demo book</source>
        <translation>デモ台帳を開く</translation>
    </message>
    <message>
        <source>Try every view on an invented installed base, in a separate file: this book stays empty.</source>
        <translation>架空のインストールベースで全ビューを試せます。別ファイルなので、この台帳は空のままです。</translation>
    </message>
    <message>
        <source>Open a team database…</source>
        <translation>チームのデータベースを開く…</translation>
    </message>
    <message>
        <source>Your team keeps its book on a PostgreSQL server: connect to it by URL.</source>
        <translation>チームの台帳が PostgreSQL サーバーにある場合は、URL で接続します。</translation>
    </message>
    <message>
        <source>Import a restricted-party list</source>
        <translation>取引制限対象者リストをインポート</translation>
    </message>
    <message>
        <source>Load the Consolidated Screening List (or another list) now; customers are screened against it as soon as they are in.</source>
        <translation>Consolidated Screening List（または他のリスト）を今すぐ読み込めます。顧客は登録されしだい照合されます。</translation>
    </message>
    <message>
        <source>Customers and fabs appear here once the installed base is imported; the import takes them from the customer and site columns.</source>
        <translation>インストールベースをインポートすると、ここに顧客とファブが表示されます。顧客列と拠点列から取り込まれます。</translation>
    </message>
    <message>
        <source>Every machine you shipped appears here, by serial, after the first import.</source>
        <translation>最初のインポート後、出荷したすべての装置がシリアル番号順にここに表示されます。</translation>
    </message>
    <message>
        <source>Service contracts and the machines they cover appear here after an import with a contract column.</source>
        <translation>契約列を含むインポートの後、保守契約と対象装置がここに表示されます。</translation>
    </message>
    <message>
        <source>No import yet: each import you commit is listed here.</source>
        <translation>インポートはまだありません。確定したインポートはここに一覧表示されます。</translation>
    </message>
    <message>
        <source>The shipped rule packs can be read now; what they hit needs the installed base.</source>
        <translation>同梱のルールパックは今すぐ参照できます。該当範囲を見るにはインストールベースが必要です。</translation>
    </message>
    <message>
        <source>A scenario&apos;s impact needs machines and contracts to evaluate: none yet.</source>
        <translation>シナリオの影響を評価するには装置と契約が必要です。まだ登録されていません。</translation>
    </message>
    <message>
        <source>Lists can be imported now; customers and fabs are screened once they are in.</source>
        <translation>リストは今すぐインポートできます。顧客とファブは登録されしだい照合されます。</translation>
    </message>
    <message>
        <source>The audit trail starts with the first change to this book.</source>
        <translation>監査証跡は、この台帳への最初の変更から記録されます。</translation>
    </message>
    <message>
        <source>Licences held can be entered now; which obligations they cover shows once the installed base is imported and evaluated.</source>
        <translation>保有する許可は今すぐ登録できます。どの義務を対象とするかは、設置ベースをインポートして評価すると表示されます。</translation>
    </message>
    <message>
        <source>This view needs an installed base: the book is empty.</source>
        <translation>このビューにはインストールベースが必要です。台帳は空です。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 customers</source>
        <extracomment>QSettings key of the database the user last opened in the window. False for screenshots: the default layout, and the user&apos;s saved layout untouched. The demo book &quot;Open the demo book&quot; opens; tests point it at a temporary file.</extracomment>
        <translation>顧客 %1</translation>
    </message>
    <message>
        <source>%1 fabs</source>
        <translation>ファブ %1</translation>
    </message>
    <message>
        <source>%1 machines</source>
        <translation>装置 %1</translation>
    </message>
    <message>
        <source>%1 contracts</source>
        <translation>契約 %1</translation>
    </message>
    <message>
        <source>%1 obligations</source>
        <translation>サービス義務 %1</translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation>データベースを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open another SQLite database file</source>
        <translation>別の SQLite データベースファイルを開きます</translation>
    </message>
    <message>
        <source>Open Database &amp;URL…</source>
        <translation>データベース URL を開く(&amp;U)…</translation>
    </message>
    <message>
        <source>Connect to a PostgreSQL server by URL</source>
        <translation>URL で PostgreSQL サーバーに接続します</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>インポート(&amp;I)…</translation>
    </message>
    <message>
        <source>Read installed-base spreadsheets into this database</source>
        <translation>インストールベースの表をこのデータベースに読み込みます</translation>
    </message>
    <message>
        <source>&amp;Back Up…</source>
        <translation>バックアップ(&amp;B)…</translation>
    </message>
    <message>
        <source>Write a consistent copy of the database to a file</source>
        <translation>データベースの整合したコピーをファイルに書き出します</translation>
    </message>
    <message>
        <source>Load &amp;Demo Book…</source>
        <translation>デモ台帳を読み込む(&amp;D)…</translation>
    </message>
    <message>
        <source>Fill this empty database with the demo book</source>
        <translation>この空のデータベースにデモ台帳を読み込みます</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>再読み込み(&amp;R)</translation>
    </message>
    <message>
        <source>Read the current view again from the database</source>
        <translation>現在のビューをデータベースから読み直します</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>%1 について(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>メインツールバー</translation>
    </message>
    <message>
        <source>Database in use: %1</source>
        <extracomment>Above every view but the dashboard while the book is empty: what it needs, first steps.</extracomment>
        <translation>使用中のデータベース：%1</translation>
    </message>
    <message>
        <source>Cannot open database</source>
        <translation>データベースを開けません</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 を開きました</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>データベースを開く</translation>
    </message>
    <message>
        <source>Workbench databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>Workbench データベース (*.sqlite3 *.sqlite *.db);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Open database URL</source>
        <translation>データベース URL を開く</translation>
    </message>
    <message>
        <source>SQLAlchemy URL, e.g. postgresql://user@host/workbench:</source>
        <translation>SQLAlchemy URL（例：postgresql://user@host/workbench）：</translation>
    </message>
    <message>
        <source>Back up database</source>
        <translation>データベースのバックアップ</translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite3)</source>
        <translation>SQLite データベース (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backup written to %1</source>
        <translation>バックアップを %1 に書き出しました</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>バックアップに失敗しました</translation>
    </message>
    <message>
        <source>Loading demo book</source>
        <translation>デモ台帳を読み込み中</translation>
    </message>
    <message>
        <source>Writing customers, fabs, machines and contracts…</source>
        <translation>顧客、ファブ、装置、契約を書き込み中…</translation>
    </message>
    <message>
        <source>Demo book not loaded</source>
        <translation>デモ台帳は読み込まれませんでした</translation>
    </message>
    <message>
        <source>Demo book cancelled; the database is unchanged.</source>
        <translation>デモ台帳の読み込みを取り消しました。データベースは変更されていません。</translation>
    </message>
    <message>
        <source>Demo book loaded: %1 machines, %2 contracts.</source>
        <translation>デモ台帳を読み込みました：装置 %1 台、契約 %2 件。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>You work as %1, %2 in this book (%3). You can read but not change it.</source>
        <translation>この台帳では %1（%2）として作業しています（%3）。閲覧のみで、変更はできません。</translation>
    </message>
    <message>
        <source>You work as %1, %2 in this book (%3).</source>
        <translation>この台帳では %1（%2）として作業しています（%3）。</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>処理中…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Compliance Workbench will speak %1 when you next open it.</source>
        <translation>次回の起動から Compliance Workbench は %1 で表示されます。</translation>
    </message>
    <message>
        <source>Import batch %1 committed.</source>
        <translation>インポートバッチ %1 を確定しました。</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>viewer</source>
        <extracomment>Table names of the status-bar counts, in reading order.</extracomment>
        <translation>閲覧者</translation>
    </message>
    <message>
        <source>analyst</source>
        <translation>分析担当者</translation>
    </message>
    <message>
        <source>approver</source>
        <translation>承認者</translation>
    </message>
</context>
<context>
    <name>StartPanel</name>
    <message>
        <source>This book is empty</source>
        <translation>この台帳は空です</translation>
    </message>
    <message>
        <source>Compliance Workbench answers what an export restriction does to the service obligations you already have. For that it needs your installed base: customers, fabs, machines and service contracts.</source>
        <translation>Compliance Workbench は、輸出規制が既存のサービス義務にどう影響するかを示します。そのためにインストールベース（顧客、ファブ、装置、保守契約）が必要です。</translation>
    </message>
</context>
<context>
    <name>ViewSection</name>
    <message>
        <source>Overview</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>台帳</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>輸出管理</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>記録</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <source>Installed base</source>
        <translation>インストールベース</translation>
    </message>
    <message>
        <source>Service obligations</source>
        <translation>サービス義務</translation>
    </message>
    <message>
        <source>Select a machine to see its fab, classification and obligations.</source>
        <translation>装置を選択すると、ファブ、該非判定、サービス義務が表示されます。</translation>
    </message>
    <message>
        <source>Service contracts</source>
        <translation>保守契約</translation>
    </message>
    <message>
        <source>Covered machines</source>
        <translation>対象装置</translation>
    </message>
    <message>
        <source>Select a contract to see its terms and covered machines.</source>
        <translation>契約を選択すると、契約条件と対象装置が表示されます。</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>Counts and charts of the whole book</source>
        <translation>台帳全体の件数とグラフ</translation>
    </message>
    <message>
        <source>Customers and Fabs</source>
        <translation>顧客とファブ</translation>
    </message>
    <message>
        <source>Groups, customers, fabs and their machines</source>
        <translation>企業グループ、顧客、ファブとその装置</translation>
    </message>
    <message>
        <source>Installed Base</source>
        <translation>インストールベース</translation>
    </message>
    <message>
        <source>Every machine shipped, by serial number</source>
        <translation>出荷したすべての装置（シリアル番号別）</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>契約</translation>
    </message>
    <message>
        <source>Service contracts and what they cover</source>
        <translation>保守契約とその対象</translation>
    </message>
    <message>
        <source>Import History</source>
        <translation>インポート履歴</translation>
    </message>
    <message>
        <source>Every import batch: its files, counts and the records it wrote</source>
        <translation>すべてのインポートバッチ：ファイル、件数、書き込まれたレコード</translation>
    </message>
    <message>
        <source>Restrictions</source>
        <translation>規制</translation>
    </message>
    <message>
        <source>Rule packs, scenarios and the rule editor</source>
        <translation>ルールパック、シナリオ、ルールエディター</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>影響</translation>
    </message>
    <message>
        <source>Run a scenario, read every hit and why, compare runs</source>
        <translation>シナリオを実行し、各該当とその理由を確認し、実行結果を比較します</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>スクリーニング</translation>
    </message>
    <message>
        <source>Restricted-party lists, the review queue of potential matches, name checks</source>
        <translation>取引制限対象者リスト、該当候補の確認キュー、名称照会</translation>
    </message>
    <message>
        <source>Audit Trail</source>
        <translation>監査証跡</translation>
    </message>
    <message>
        <source>Who changed what, when and why; verify the chain, export for auditors</source>
        <translation>誰が、何を、いつ、なぜ変更したか。チェーンの検証と監査人向けエクスポート</translation>
    </message>
</context>
</TS>
