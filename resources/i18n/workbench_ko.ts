<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>BarChart</name>
    <message>
        <source>No data yet</source>
        <extracomment>Said instead of an empty 0..1 axis when there is nothing to draw.</extracomment>
        <translation>아직 데이터가 없습니다</translation>
    </message>
</context>
<context>
    <name>CurrencyList</name>
    <message>
        <source>No contracts yet</source>
        <extracomment>Names people use where the ISO name reads oddly in a chart. Kept for panels whose title or note follow the data.</extracomment>
        <translation>아직 계약이 없습니다</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Customers</source>
        <extracomment>Countries shown by name; the rest are summed under &quot;Other&quot;. Customer groups shown in the &quot;largest groups&quot; chart. Days ahead the licences panel looks for licences ending. Rows of that panel shown before it scrolls.</extracomment>
        <translation>고객</translation>
    </message>
    <message>
        <source>legal entities</source>
        <translation>법인</translation>
    </message>
    <message>
        <source>Fabs</source>
        <translation>팹</translation>
    </message>
    <message>
        <source>facilities</source>
        <translation>사업장</translation>
    </message>
    <message>
        <source>Machines</source>
        <translation>장비</translation>
    </message>
    <message>
        <source>installed units</source>
        <translation>설치 대수</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>계약</translation>
    </message>
    <message>
        <source>service contracts</source>
        <translation>서비스 계약</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>서비스 의무</translation>
    </message>
    <message>
        <source>service lines</source>
        <translation>서비스 항목</translation>
    </message>
    <message>
        <source>Listed customers</source>
        <translation>명단 등재 고객</translation>
    </message>
    <message>
        <source>on a restricted-party list</source>
        <translation>거래제한 대상자 명단 등재</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>machines</source>
        <translation>장비 대수</translation>
    </message>
    <message>
        <source>No machines yet</source>
        <translation>아직 장비가 없습니다</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <extracomment>The day the licences panel counts from (None: today); tests and screenshots fix it. The book&apos;s status as last read (None before the first reload finished).</extracomment>
        <translation>대시보드</translation>
    </message>
    <message>
        <source>Machines by country</source>
        <translation>국가별 장비</translation>
    </message>
    <message>
        <source>Where the installed base is, by fab location.</source>
        <translation>설치 기반의 위치(팹 소재지 기준).</translation>
    </message>
    <message>
        <source>Largest customer groups</source>
        <translation>상위 기업 그룹</translation>
    </message>
    <message>
        <source>Machines per group, subsidiaries included.</source>
        <translation>그룹별 장비 대수(자회사 포함).</translation>
    </message>
    <message>
        <source>Machines by equipment category</source>
        <translation>장비 분류별 장비</translation>
    </message>
    <message>
        <source>Installed units per catalogue category.</source>
        <translation>카탈로그 분류별 설치 대수.</translation>
    </message>
    <message>
        <source>Machines at advanced-node fabs</source>
        <translation>첨단 노드 팹의 장비</translation>
    </message>
    <message>
        <source>87 FR 62186: logic non-planar or ≤ 16/14 nm, DRAM ≤ 18 nm half-pitch, NAND ≥ 128 layers. Unknown technology counts as a risk.</source>
        <translation>87 FR 62186: 로직은 비평면형 또는 16/14 nm 이하, DRAM은 하프피치 18 nm 이하, NAND는 128단 이상. 기술을 알 수 없으면 위험으로 간주합니다.</translation>
    </message>
    <message>
        <source>Contract value by currency</source>
        <translation>통화별 계약 금액</translation>
    </message>
    <message>
        <source>All service contracts, each in its own currency.</source>
        <translation>모든 서비스 계약(각 계약의 통화 기준).</translation>
    </message>
    <message>
        <source>Licences ending in the next %1 days</source>
        <translation>향후 %1일 이내에 만료되는 허가</translation>
    </message>
    <message>
        <source>Dashboard: %1</source>
        <extracomment>Cards and charts: hidden while the book is empty (six zero cards guide nobody).</extracomment>
        <translation>대시보드: %1</translation>
    </message>
    <message>
        <source>%1: %2 machines</source>
        <translation>%1: 장비 %2대</translation>
    </message>
    <message>
        <source>the whole book in the open database</source>
        <translation>열린 데이터베이스의 대장 전체</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>Advanced node</source>
        <translation>첨단 노드</translation>
    </message>
    <message>
        <source>Technology unknown</source>
        <translation>기술 미상</translation>
    </message>
    <message>
        <source>Not advanced</source>
        <translation>첨단 노드 아님</translation>
    </message>
    <message>
        <source>What each covers in the latest run (run %1, %2, as of %3): the value it keeps from risk, and the value at risk once it ends. Double-click to open Licences.</source>
        <translation>최근 실행(실행 %1, %2, %3 기준)에서 각 허가가 포함하는 것: 위험에서 보호하는 금액과 만료 후 위험에 처하는 금액. 두 번 클릭하면 허가 화면이 열립니다.</translation>
    </message>
    <message>
        <source>No evaluation run yet: evaluate a scenario to see what these licences cover.</source>
        <translation>아직 평가 실행이 없습니다. 시나리오를 평가하면 이 허가들이 포함하는 범위가 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source> (+%1 more)</source>
        <translation> (외 %1건)</translation>
    </message>
    <message>
        <source>&amp;Undo Edit of %1 %2</source>
        <translation>%1 %2 편집 실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>새로 만들기(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a record of the kind the current view lists</source>
        <translation>현재 보기에 표시된 종류의 레코드를 만듭니다</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>편집(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit the selected record</source>
        <translation>선택한 레코드를 편집합니다</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>삭제(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete the selected record (undo brings it back)</source>
        <translation>선택한 레코드를 삭제합니다(실행 취소로 복원할 수 있습니다)</translation>
    </message>
    <message>
        <source>Undo your last edit, as a new audited edit</source>
        <translation>마지막 편집을 감사 기록되는 새 편집으로 실행 취소합니다</translation>
    </message>
    <message>
        <source>New &amp;Record</source>
        <translation>새 레코드(&amp;R)</translation>
    </message>
</context>
<context>
    <name>EquipmentCategory</name>
    <message>
        <source>EUV lithography</source>
        <extracomment>The equipment categories&apos; labels, for lupdate: the domain names them in English and the dashboard translates them (context &quot;EquipmentCategory&quot;).</extracomment>
        <translation>EUV 노광</translation>
    </message>
    <message>
        <source>DUV immersion lithography</source>
        <translation>DUV 액침 노광</translation>
    </message>
    <message>
        <source>DUV dry ArF lithography</source>
        <translation>DUV 건식 ArF 노광</translation>
    </message>
    <message>
        <source>KrF lithography</source>
        <translation>KrF 노광</translation>
    </message>
    <message>
        <source>i-line lithography</source>
        <translation>i-line 노광</translation>
    </message>
    <message>
        <source>Resist coater/developer</source>
        <translation>감광액 도포/현상</translation>
    </message>
    <message>
        <source>Etch (conductor)</source>
        <translation>식각(도체)</translation>
    </message>
    <message>
        <source>Etch (dielectric)</source>
        <translation>식각(절연막)</translation>
    </message>
    <message>
        <source>Atomic layer deposition</source>
        <translation>원자층 증착(ALD)</translation>
    </message>
    <message>
        <source>Chemical vapour deposition</source>
        <translation>화학 기상 증착(CVD)</translation>
    </message>
    <message>
        <source>Physical vapour deposition</source>
        <translation>물리 기상 증착(PVD)</translation>
    </message>
    <message>
        <source>Epitaxy</source>
        <translation>에피택시</translation>
    </message>
    <message>
        <source>Chemical mechanical planarisation</source>
        <translation>화학적 기계 연마(CMP)</translation>
    </message>
    <message>
        <source>Wafer clean</source>
        <translation>웨이퍼 세정</translation>
    </message>
    <message>
        <source>Anneal</source>
        <translation>열처리(어닐)</translation>
    </message>
    <message>
        <source>Ion implantation</source>
        <translation>이온 주입</translation>
    </message>
    <message>
        <source>Metrology</source>
        <translation>계측</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>검사</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>Category unknown</source>
        <translation>분류 미상</translation>
    </message>
</context>
<context>
    <name>ExpiringLicences</name>
    <message>
        <source>Licence</source>
        <extracomment>(key, header) of each column; headers are translated when shown.</extracomment>
        <translation>허가</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>만료일</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>남은 일수</translation>
    </message>
    <message>
        <source>Obligations</source>
        <translation>의무</translation>
    </message>
    <message>
        <source>Value protected</source>
        <translation>보호되는 금액</translation>
    </message>
    <message>
        <source>At risk after expiry</source>
        <translation>만료 후 위험 금액</translation>
    </message>
    <message>
        <source>renewed from %1</source>
        <extracomment>Days left from which the count shows in red: one month to renew.</extracomment>
        <translation>%1부터 갱신</translation>
    </message>
    <message>
        <source>Value at risk of the obligations this licence covers to their end in the latest run: what would be at risk without it.</source>
        <translation>최근 실행에서 이 허가가 종료 시까지 포함하는 의무의 위험 금액: 이 허가가 없으면 위험에 처할 금액.</translation>
    </message>
    <message>
        <source>Value at risk, from the day after it ends, of the obligations whose licence cover ends with it (already counted as at risk in the latest run).</source>
        <translation>이 허가와 함께 적용이 끝나는 의무의, 만료 다음 날부터의 위험 금액(최근 실행에서 이미 위험으로 집계됨).</translation>
    </message>
</context>
<context>
    <name>ExpiringList</name>
    <message>
        <source>No licence ends in the next %1 days.</source>
        <translation>향후 %1일 이내에 만료되는 허가가 없습니다.</translation>
    </message>
</context>
<context>
    <name>FollowUpPanel</name>
    <message>
        <source>What is still unknown</source>
        <translation>아직 알 수 없는 항목</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) without an HQ country</source>
        <extracomment>(action, text) of each open question shown, for tests and screen readers.</extracomment>
        <translation>
            <numerusform>본사 소재국이 없는 고객 %n곳</numerusform>
        </translation>
    </message>
    <message>
        <source>Show customers</source>
        <translation>고객 보기</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) with an HQ country only inferred from their fabs</source>
        <translation>
            <numerusform>본사 소재국을 팹에서 추정하기만 한 고객 %n곳</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n equipment model(s) with category unknown (%1 machines)</source>
        <translation>
            <numerusform>분류 미상 장비 모델 %n종(장비 %1대)</numerusform>
        </translation>
    </message>
    <message>
        <source>Show machines</source>
        <translation>장비 보기</translation>
    </message>
    <message numerus="yes">
        <source>%n customer or fab name(s) not screened against the restricted-party lists</source>
        <translation>
            <numerusform>거래제한 대상자 명단과 대조하지 않은 고객·팹 이름 %n건</numerusform>
        </translation>
    </message>
    <message>
        <source>Go to screening</source>
        <translation>스크리닝으로 이동</translation>
    </message>
    <message>
        <source>Nothing the rules would read as a doubt: every gap is closed.</source>
        <translation>규칙이 의문으로 볼 항목이 없습니다. 모든 공백이 해소되었습니다.</translation>
    </message>
    <message>
        <source>No import yet: this book was filled another way (the demo, say).</source>
        <translation>아직 가져오기가 없습니다. 이 대장은 다른 방법(예: 데모)으로 채워졌습니다.</translation>
    </message>
    <message>
        <source>Last import: %1 on %2: %3 new and %4 changed records.</source>
        <translation>마지막 가져오기: %1(%2): 새 레코드 %3건, 변경 %4건.</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <source>Import installed base…</source>
        <extracomment>What a guide&apos;s buttons ask the main window to do.</extracomment>
        <translation>설치 기반 가져오기…</translation>
    </message>
    <message>
        <source>Read the spreadsheet your ERP or service system exports (one row per machine is enough). Nothing is written before you have seen the dry run.</source>
        <translation>ERP 또는 서비스 시스템에서 내보낸 스프레드시트를 읽습니다(장비당 한 행이면 충분합니다). 시험 실행 결과를 확인하기 전에는 아무것도 기록되지 않습니다.</translation>
    </message>
    <message>
        <source>Open the demo book</source>
        <translation>데모 대장 열기</translation>
    </message>
    <message>
        <source>Try every view on an invented installed base, in a separate file: this book stays empty.</source>
        <translation>가상의 설치 기반으로 모든 보기를 별도 파일에서 사용해 봅니다. 이 대장은 비어 있는 그대로 유지됩니다.</translation>
    </message>
    <message>
        <source>Open a team database…</source>
        <translation>팀 데이터베이스 열기…</translation>
    </message>
    <message>
        <source>Your team keeps its book on a PostgreSQL server: connect to it by URL.</source>
        <translation>팀의 대장이 PostgreSQL 서버에 있다면 URL로 연결합니다.</translation>
    </message>
    <message>
        <source>Import a restricted-party list</source>
        <translation>거래제한 대상자 명단 가져오기</translation>
    </message>
    <message>
        <source>Load the Consolidated Screening List (or another list) now; customers are screened against it as soon as they are in.</source>
        <translation>지금 Consolidated Screening List(또는 다른 명단)를 불러옵니다. 고객은 등록되는 즉시 대조됩니다.</translation>
    </message>
    <message>
        <source>Customers and fabs appear here once the installed base is imported; the import takes them from the customer and site columns.</source>
        <translation>설치 기반을 가져오면 고객과 팹이 여기에 표시됩니다. 고객 열과 사이트 열에서 가져옵니다.</translation>
    </message>
    <message>
        <source>Every machine you shipped appears here, by serial, after the first import.</source>
        <translation>첫 가져오기 후 출하한 모든 장비가 일련번호별로 여기에 표시됩니다.</translation>
    </message>
    <message>
        <source>Service contracts and the machines they cover appear here after an import with a contract column.</source>
        <translation>계약 열이 있는 가져오기 후 서비스 계약과 대상 장비가 여기에 표시됩니다.</translation>
    </message>
    <message>
        <source>No import yet: each import you commit is listed here.</source>
        <translation>아직 가져오기가 없습니다. 확정한 가져오기는 여기에 나열됩니다.</translation>
    </message>
    <message>
        <source>The shipped rule packs can be read now; what they hit needs the installed base.</source>
        <translation>기본 제공 규칙 팩은 지금 읽을 수 있습니다. 해당 범위를 보려면 설치 기반이 필요합니다.</translation>
    </message>
    <message>
        <source>A scenario&apos;s impact needs machines and contracts to evaluate: none yet.</source>
        <translation>시나리오 영향을 평가하려면 장비와 계약이 필요합니다. 아직 없습니다.</translation>
    </message>
    <message>
        <source>Lists can be imported now; customers and fabs are screened once they are in.</source>
        <translation>명단은 지금 가져올 수 있습니다. 고객과 팹은 등록되는 즉시 대조됩니다.</translation>
    </message>
    <message>
        <source>The audit trail starts with the first change to this book.</source>
        <translation>감사 추적은 이 대장의 첫 변경부터 기록됩니다.</translation>
    </message>
    <message>
        <source>Licences held can be entered now; which obligations they cover shows once the installed base is imported and evaluated.</source>
        <translation>보유 허가는 지금 입력할 수 있습니다. 어떤 의무를 포함하는지는 설치 기반을 가져와 평가하면 표시됩니다.</translation>
    </message>
    <message>
        <source>This view needs an installed base: the book is empty.</source>
        <translation>이 보기에는 설치 기반이 필요합니다. 대장이 비어 있습니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 customers</source>
        <extracomment>QSettings key of the database the user last opened in the window. False for screenshots: the default layout, and the user&apos;s saved layout untouched. The demo book &quot;Open the demo book&quot; opens; tests point it at a temporary file.</extracomment>
        <translation>고객 %1</translation>
    </message>
    <message>
        <source>%1 fabs</source>
        <translation>팹 %1</translation>
    </message>
    <message>
        <source>%1 machines</source>
        <translation>장비 %1</translation>
    </message>
    <message>
        <source>%1 contracts</source>
        <translation>계약 %1</translation>
    </message>
    <message>
        <source>%1 obligations</source>
        <translation>서비스 의무 %1</translation>
    </message>
    <message>
        <source>&amp;Open Database…</source>
        <translation>데이터베이스 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open another SQLite database file</source>
        <translation>다른 SQLite 데이터베이스 파일을 엽니다</translation>
    </message>
    <message>
        <source>Open Database &amp;URL…</source>
        <translation>데이터베이스 URL 열기(&amp;U)…</translation>
    </message>
    <message>
        <source>Connect to a PostgreSQL server by URL</source>
        <translation>URL로 PostgreSQL 서버에 연결합니다</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Read installed-base spreadsheets into this database</source>
        <translation>설치 기반 스프레드시트를 이 데이터베이스로 읽어 들입니다</translation>
    </message>
    <message>
        <source>&amp;Back Up…</source>
        <translation>백업(&amp;B)…</translation>
    </message>
    <message>
        <source>Write a consistent copy of the database to a file</source>
        <translation>데이터베이스의 일관된 사본을 파일로 씁니다</translation>
    </message>
    <message>
        <source>Load &amp;Demo Book…</source>
        <translation>데모 대장 불러오기(&amp;D)…</translation>
    </message>
    <message>
        <source>Fill this empty database with the demo book</source>
        <translation>이 빈 데이터베이스를 데모 대장으로 채웁니다</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>다시 읽기(&amp;R)</translation>
    </message>
    <message>
        <source>Read the current view again from the database</source>
        <translation>현재 보기를 데이터베이스에서 다시 읽습니다</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>%1 정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>시스템 언어</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>기본 도구 모음</translation>
    </message>
    <message>
        <source>Database in use: %1</source>
        <extracomment>Above every view but the dashboard while the book is empty: what it needs, first steps.</extracomment>
        <translation>사용 중인 데이터베이스: %1</translation>
    </message>
    <message>
        <source>Cannot open database</source>
        <translation>데이터베이스를 열 수 없습니다</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1을(를) 열었습니다</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>데이터베이스 열기</translation>
    </message>
    <message>
        <source>Workbench databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>Workbench 데이터베이스 (*.sqlite3 *.sqlite *.db);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Open database URL</source>
        <translation>데이터베이스 URL 열기</translation>
    </message>
    <message>
        <source>SQLAlchemy URL, e.g. postgresql://user@host/workbench:</source>
        <translation>SQLAlchemy URL(예: postgresql://user@host/workbench):</translation>
    </message>
    <message>
        <source>Back up database</source>
        <translation>데이터베이스 백업</translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite3)</source>
        <translation>SQLite 데이터베이스 (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backup written to %1</source>
        <translation>백업을 %1에 썼습니다</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>백업 실패</translation>
    </message>
    <message>
        <source>Loading demo book</source>
        <translation>데모 대장을 불러오는 중</translation>
    </message>
    <message>
        <source>Writing customers, fabs, machines and contracts…</source>
        <translation>고객, 팹, 장비, 계약을 쓰는 중…</translation>
    </message>
    <message>
        <source>Demo book not loaded</source>
        <translation>데모 대장을 불러오지 못했습니다</translation>
    </message>
    <message>
        <source>Demo book cancelled; the database is unchanged.</source>
        <translation>데모 대장 불러오기를 취소했습니다. 데이터베이스는 변경되지 않았습니다.</translation>
    </message>
    <message>
        <source>Demo book loaded: %1 machines, %2 contracts.</source>
        <translation>데모 대장을 불러왔습니다: 장비 %1대, 계약 %2건.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>You work as %1, %2 in this book (%3). You can read but not change it.</source>
        <translation>이 대장에서 %1(%2)(으)로 작업 중입니다(%3). 읽기만 할 수 있고 변경할 수 없습니다.</translation>
    </message>
    <message>
        <source>You work as %1, %2 in this book (%3).</source>
        <translation>이 대장에서 %1(%2)(으)로 작업 중입니다(%3).</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>작업 중…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Compliance Workbench will speak %1 when you next open it.</source>
        <translation>다음에 열 때부터 Compliance Workbench가 %1(으)로 표시됩니다.</translation>
    </message>
    <message>
        <source>Import batch %1 committed.</source>
        <translation>가져오기 배치 %1을(를) 확정했습니다.</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>viewer</source>
        <extracomment>Table names of the status-bar counts, in reading order.</extracomment>
        <translation>열람자</translation>
    </message>
    <message>
        <source>analyst</source>
        <translation>분석 담당자</translation>
    </message>
    <message>
        <source>approver</source>
        <translation>승인자</translation>
    </message>
</context>
<context>
    <name>StartPanel</name>
    <message>
        <source>This book is empty</source>
        <translation>이 대장은 비어 있습니다</translation>
    </message>
    <message>
        <source>Compliance Workbench answers what an export restriction does to the service obligations you already have. For that it needs your installed base: customers, fabs, machines and service contracts.</source>
        <translation>Compliance Workbench는 수출 규제가 기존 서비스 의무에 미치는 영향을 알려 줍니다. 이를 위해 설치 기반(고객, 팹, 장비, 서비스 계약)이 필요합니다.</translation>
    </message>
</context>
<context>
    <name>ViewSection</name>
    <message>
        <source>Overview</source>
        <translation>개요</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>대장</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>분석</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>수출 통제</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>기록</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <source>Installed base</source>
        <translation>설치 기반</translation>
    </message>
    <message>
        <source>Service obligations</source>
        <translation>서비스 의무</translation>
    </message>
    <message>
        <source>Select a machine to see its fab, classification and obligations.</source>
        <translation>장비를 선택하면 팹, 품목 분류, 서비스 의무가 표시됩니다.</translation>
    </message>
    <message>
        <source>Service contracts</source>
        <translation>서비스 계약</translation>
    </message>
    <message>
        <source>Covered machines</source>
        <translation>대상 장비</translation>
    </message>
    <message>
        <source>Select a contract to see its terms and covered machines.</source>
        <translation>계약을 선택하면 계약 조건과 대상 장비가 표시됩니다.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>대시보드</translation>
    </message>
    <message>
        <source>Counts and charts of the whole book</source>
        <translation>대장 전체의 건수와 차트</translation>
    </message>
    <message>
        <source>Customers and Fabs</source>
        <translation>고객 및 팹</translation>
    </message>
    <message>
        <source>Groups, customers, fabs and their machines</source>
        <translation>기업 그룹, 고객, 팹과 그 장비</translation>
    </message>
    <message>
        <source>Installed Base</source>
        <translation>설치 기반</translation>
    </message>
    <message>
        <source>Every machine shipped, by serial number</source>
        <translation>출하한 모든 장비(일련번호별)</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>계약</translation>
    </message>
    <message>
        <source>Service contracts and what they cover</source>
        <translation>서비스 계약과 그 대상</translation>
    </message>
    <message>
        <source>Import History</source>
        <translation>가져오기 기록</translation>
    </message>
    <message>
        <source>Every import batch: its files, counts and the records it wrote</source>
        <translation>모든 가져오기 배치: 파일, 건수, 기록한 레코드</translation>
    </message>
    <message>
        <source>Restrictions</source>
        <translation>규제</translation>
    </message>
    <message>
        <source>Rule packs, scenarios and the rule editor</source>
        <translation>규칙 팩, 시나리오, 규칙 편집기</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>영향</translation>
    </message>
    <message>
        <source>Run a scenario, read every hit and why, compare runs</source>
        <translation>시나리오를 실행하고, 해당 건과 그 이유를 확인하고, 실행 결과를 비교합니다</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>스크리닝</translation>
    </message>
    <message>
        <source>Restricted-party lists, the review queue of potential matches, name checks</source>
        <translation>거래제한 대상자 명단, 일치 후보 검토 대기열, 이름 조회</translation>
    </message>
    <message>
        <source>Audit Trail</source>
        <translation>감사 추적</translation>
    </message>
    <message>
        <source>Who changed what, when and why; verify the chain, export for auditors</source>
        <translation>누가 무엇을 언제 왜 변경했는지, 체인 검증, 감사인용 내보내기</translation>
    </message>
</context>
</TS>
