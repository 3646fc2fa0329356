"""Names written in Chinese, Japanese or Korean script, or in pinyin, brought into the list's space.

The lists write Chinese parties in English or in pinyin ("Yangtze Memory Technologies",
"Changjiang Cunchu"); a vendor's customer register often holds the registered name in
characters (长江存储科技有限责任公司), traditional characters (長江存儲), or pinyin written by
someone who did not know where the words end ("ChangjiangCunchu", "Xi An", "Huawei Jishu
Youxian Gongsi"), or in an old romanisation ("Peking", "Tientsin"). Compared as written, none of
these shares a word with the list, and the customer would be reported clean.

So a name in another script is *romanised*: traditional characters are simplified (OpenCC),
business words are translated through a reviewed glossary (技术 = technology, 大学 = university,
有限公司 = a legal form, dropped), place names take the spelling the lists use (哈尔滨 = Harbin,
not "haerbin"), and what is left becomes pinyin (pypinyin), one word per run of characters.
Japanese kana and Korean hangul are transliterated by anyascii (a reading, not a translation:
good enough to compare with a romanised alias, not to find an English name). Pinyin written in
Latin letters gets the same glossary, so "Jishu" and 技术 both become "technology". The
registered Chinese names of the listed parties that matter to this trade are shipped
(``resources/reference/chinese_names.csv``), so a name in characters is also compared with
characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from typing import Any

#: Chinese business words and legal forms, simplified characters -> English words ("" drops
#: them: legal forms say nothing about which firm is meant). Reviewed by hand; each is the
#: translation the lists themselves use for the word in the names of Chinese parties.
HAN_GLOSSARY: dict[str, str] = {
    "股份有限公司": "", "有限责任公司": "", "有限公司": "", "集团有限公司": "group",
    "股份公司": "", "公司": "", "株式会社": "", "有限会社": "", "合同会社": "",
    "技术": "technology", "科技": "technology", "科学技术": "science technology",
    "半导体": "semiconductor", "集成电路": "integrated circuit", "存储": "memory",
    "存储器": "memory", "大学": "university", "研究所": "research institute",
    "研究院": "research institute", "研究中心": "research center",
    "研发中心": "research development center",
    "制造": "manufacturing", "电子": "electronic", "微电子": "microelectronic",
    "信息": "information", "国际": "international", "集团": "group", "工业": "industry",
    "产业": "industry", "科学": "science", "工程": "engineering", "中心": "center",
    "国家": "national", "超级计算": "supercomputing", "计算": "computing",
    "计算机": "computer", "装备": "equipment", "设备": "equipment", "通信": "communication",
    "通讯": "communication", "软件": "software", "航空": "aeronautics", "航天": "astronautics",
    "光电": "optoelectronic", "材料": "material", "仪器": "instrument", "精密": "precision",
    "控股": "holding", "投资": "investment", "贸易": "trading", "开发": "development",
    "发展": "development", "学院": "institute", "理工": "science technology",
    "物理": "physics", "数字": "digital", "设计": "design", "创新": "innovation",
    "科学院": "academy science", "工程物理": "engineering physics", "国防": "national defense",
    "邮电": "posts telecommunication", "人工智能": "artificial intelligence",
    "中国": "china", "中华": "china", "北方": "northern", "南方": "southern",
    "西北": "northwest", "东南": "southeast", "西南": "southwest", "东北": "northeast",
    "华东": "east china", "华南": "south china", "华北": "north china",
    "第": "", "分公司": "branch", "子公司": "subsidiary", "工厂": "factory",
    "师范": "normal", "农业": "agricultural", "医科": "medical", "医学": "medical",
    "财经": "finance economics", "交通": "jiaotong", "民族": "minzu", "石油": "petroleum",
    "化工": "chemical technology", "外国语": "foreign studies", "网络": "network",
}  # fmt: skip

#: Korean and Japanese legal forms, dropped before transliteration.
CJK_LEGAL: tuple[str, ...] = (
    "주식회사", "유한회사", "유한책임회사", "(주)", "㈜", "(株)", "㈱", "株式会社", "有限会社",
)  # fmt: skip

#: Chinese places, characters -> the spelling the lists use. Without it 哈尔滨 would become
#: "haerbin" and 香港 "xianggang", which no list writes.
HAN_PLACES: dict[str, str] = {
    "北京": "beijing", "上海": "shanghai", "天津": "tianjin", "重庆": "chongqing",
    "深圳": "shenzhen", "广州": "guangzhou", "武汉": "wuhan", "南京": "nanjing",
    "西安": "xian", "成都": "chengdu", "长沙": "changsha", "合肥": "hefei", "无锡": "wuxi",
    "苏州": "suzhou", "杭州": "hangzhou", "济南": "jinan", "郑州": "zhengzhou",
    "哈尔滨": "harbin", "沈阳": "shenyang", "大连": "dalian", "青岛": "qingdao",
    "厦门": "xiamen", "福州": "fuzhou", "宁波": "ningbo", "长春": "changchun",
    "昆明": "kunming", "南昌": "nanchang", "绵阳": "mianyang", "珠海": "zhuhai",
    "东莞": "dongguan", "石家庄": "shijiazhuang", "太原": "taiyuan", "兰州": "lanzhou",
    "贵阳": "guiyang", "南宁": "nanning", "海口": "haikou", "洛阳": "luoyang",
    "香港": "hong kong", "澳门": "macau", "台湾": "taiwan", "新竹": "hsinchu", "台北": "taipei",
    "福建": "fujian", "四川": "sichuan", "湖北": "hubei", "湖南": "hunan", "河北": "hebei",
    "河南": "henan", "山东": "shandong", "山西": "shanxi", "陕西": "shaanxi",
    "江苏": "jiangsu", "浙江": "zhejiang", "安徽": "anhui", "江西": "jiangxi",
    "广东": "guangdong", "广西": "guangxi", "云南": "yunnan", "贵州": "guizhou",
    "辽宁": "liaoning", "吉林": "jilin", "黑龙江": "heilongjiang", "甘肃": "gansu",
    "新疆": "xinjiang", "西藏": "tibet", "内蒙古": "inner mongolia", "宁夏": "ningxia",
    "青海": "qinghai", "海南": "hainan", "长江": "changjiang", "省": "", "市": "",
}  # fmt: skip

#: Pinyin business words as vendors write them in Latin letters, run together without
#: spaces -> English, the same words as :data:`HAN_GLOSSARY` ("" drops a legal form).
PINYIN_GLOSSARY: dict[str, str] = {
    "youxiangongsi": "", "youxianzerengongsi": "", "gufenyouxiangongsi": "",
    "gongsi": "", "jituanyouxiangongsi": "group", "youxian": "", "gufen": "",
    "jishu": "technology", "keji": "technology", "kexuejishu": "science technology",
    "bandaoti": "semiconductor", "jichengdianlu": "integrated circuit", "cunchu": "memory",
    "daxue": "university", "yanjiusuo": "research institute", "yanjiuyuan": "research institute",
    "zhizao": "manufacturing", "dianzi": "electronic", "weidianzi": "microelectronic",
    "xinxi": "information", "guoji": "international", "jituan": "group",
    "gongye": "industry", "chanye": "industry", "kexue": "science", "gongcheng": "engineering",
    "guojia": "national", "chaojijisuan": "supercomputing", "jisuan": "computing",
    "jisuanji": "computer", "zhuangbei": "equipment", "shebei": "equipment",
    "tongxin": "communication", "tongxun": "communication", "ruanjian": "software",
    "hangkong": "aeronautics", "hangtian": "astronautics", "guangdian": "optoelectronic",
    "cailiao": "material", "yiqi": "instrument", "jingmi": "precision", "konggu": "holding",
    "touzi": "investment", "maoyi": "trading", "kaifa": "development", "fazhan": "development",
    "xueyuan": "institute", "ligong": "science technology", "sheji": "design",
    "chuangxin": "innovation", "kexueyuan": "academy science", "guofang": "national defense",
    "youdian": "posts telecommunication", "rengongzhineng": "artificial intelligence",
    "zhongguo": "china", "shifan": "normal", "nongye": "agricultural", "yike": "medical",
    "caijing": "finance economics", "shiyou": "petroleum", "huagong": "chemical technology",
    "wangluo": "network", "beifang": "northern", "shuzi": "digital", "nanfang": "southern",
    "xibei": "northwest", "dongbei": "northeast", "xinan": "southwest", "dongnan": "southeast",
    "yanfa": "research development", "yanfazhongxin": "research development center",
    "yanjiuzhongxin": "research center", "chuangxinzhongxin": "innovation center",
}  # fmt: skip

#: Pinyin words with two common readings: 中心 (centre) and 中芯 (the SMIC brand) are both
#: "zhongxin". Both readings are compared.
AMBIGUOUS_PINYIN: dict[str, str] = {"zhongxin": "Center"}

#: Wade-Giles and postal spellings of Chinese places -> pinyin. Taiwan's own romanisations
#: (Hsinchu, Taipei) are left alone: they are the official ones there and the lists use them.
OLD_ROMANISATION: dict[str, str] = {
    "peking": "beijing", "pekin": "beijing", "peiping": "beijing", "tientsin": "tianjin",
    "szechuan": "sichuan", "szechwan": "sichuan", "sichwan": "sichuan", "amoy": "xiamen",
    "canton": "guangzhou", "kwangchow": "guangzhou", "nanking": "nanjing",
    "chungking": "chongqing", "hangchow": "hangzhou", "soochow": "suzhou",
    "tsingtao": "qingdao", "tsingtau": "qingdao", "sian": "xian", "hsian": "xian",
    "kwangtung": "guangdong", "fukien": "fujian", "foochow": "fuzhou", "hupeh": "hubei",
    "hupei": "hubei", "shensi": "shaanxi", "shansi": "shanxi", "kiangsu": "jiangsu",
    "chekiang": "zhejiang", "anhwei": "anhui", "kiangsi": "jiangxi", "honan": "henan",
    "hopeh": "hebei", "hopei": "hebei", "shantung": "shandong", "kweichow": "guizhou",
    "kwangsi": "guangxi", "chengtu": "chengdu", "tsinan": "jinan", "lanchow": "lanzhou",
    "kweiyang": "guiyang", "sinkiang": "xinjiang", "mukden": "shenyang", "dairen": "dalian",
    "hankow": "wuhan", "swatow": "shantou", "ningpo": "ningbo", "wusih": "wuxi",
    "wuhsi": "wuxi", "hofei": "hefei", "changchow": "changzhou", "chinkiang": "zhenjiang",
    "shihkiachwang": "shijiazhuang", "loyang": "luoyang", "mienyang": "mianyang",
}  # fmt: skip

#: Places in mainland China as the lists write them: a branch is named by its city or
#: province ("National Supercomputing Center Tianjin"), and the place picks the branch.
CHINESE_PLACES: frozenset[str] = frozenset(
    w for value in HAN_PLACES.values() for w in value.split() if w and w != "changjiang"
) | frozenset(OLD_ROMANISATION.values()) | frozenset(
    {"pudong", "binhai", "zhangjiang", "lingang", "yizhuang", "haidian", "changzhou",
     "shantou", "zhenjiang", "xuzhou", "nantong", "jiaxing", "shaoxing", "wenzhou",
     "quanzhou", "jinjiang", "foshan", "huizhou", "zhongshan", "yantai", "weihai",
     "baotou", "urumqi", "lhasa", "xining", "yinchuan", "hohhot", "tangshan", "baoding",
     "langfang", "handan", "kaifeng", "yichang", "xiangyang", "zhuzhou", "xiangtan",
     "hengyang", "ganzhou", "jiujiang", "wuhu", "bengbu", "maanshan", "tongling",
     "haining", "rugao", "lianyungang", "dongying", "anshan", "guilin"}
)  # fmt: skip

_SYLLABLES = frozenset(
    """a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca
    cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou
    chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai
    dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun
    duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen
    geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng
    hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing
    jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai
    kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie
    lin ling liu lo long lou lu luan lun luo lv lve ma mai man mang mao me mei men meng
    mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian
    niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang pao
    pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing
    qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run
    ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi
    shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta
    tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai
    wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan
    xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang
    zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu
    zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo""".split()  # noqa: SIM905 (400 quoted strings read worse)
)
_LONGEST_SYLLABLE = 6
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_KANA_HANGUL_RUN = re.compile(
    r"[\u3040-\u30ff\u31f0-\u31ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+"
)
_HAN_NUMERALS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
#: 第十三研究所 is the 13th research institute: the number is the name.
_ORDINAL = re.compile(r"第([零一二三四五六七八九十百]+)")
_GLOSSARY_KEYS = sorted({*HAN_GLOSSARY, *HAN_PLACES}, key=len, reverse=True)
_LONGEST_KEY = max(len(k) for k in _GLOSSARY_KEYS)


@dataclass(frozen=True, slots=True)
class Romanised:
    """A name in Latin letters, and whether every letter of the original could be carried over.

    ``complete`` is False when some letters are in a script nothing here can read: then the
    name was not really compared, and a screening result must say "not screened", not "clean".
    """

    text: str
    complete: bool
    scripts: tuple[str, ...]


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is a Latin letter (digits and punctuation aside)."""
    return all(not ch.isalpha() or _script(ch) == "Latin" for ch in text)


def scripts_of(text: str) -> tuple[str, ...]:
    """The scripts of the letters of ``text``, in order of first use ("Han", "Hangul", ...)."""
    found: dict[str, None] = {}
    for ch in text:
        if ch.isalpha():
            found[_script(ch)] = None
    return tuple(found)


def _script(ch: str) -> str:
    code = ord(ch)
    if code < 0x250 or 0x1E00 <= code < 0x1F00 or 0xFF21 <= code <= 0xFF5A:
        return "Latin"
    if _HAN.match(ch):
        return "Han"
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
        return "Kana"
    if 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F or 0xAC00 <= code <= 0xD7AF:
        return "Hangul"
    name = unicodedata.name(ch, "")
    return name.split(" ")[0].title() if name else "Unknown"


def romanise(text: str) -> Romanised:
    """``text`` in Latin letters: glossary words in English, places as the lists spell them."""
    simplified = _simplify(unicodedata.normalize("NFKC", text))
    for form in CJK_LEGAL:
        simplified = simplified.replace(form, " ")
    simplified = _ORDINAL.sub(lambda m: f" {_han_number(m.group(1))} ", simplified)
    words: list[str] = []
    complete = True
    position = 0
    for match in _HAN_RUN.finditer(simplified):
        words.append(simplified[position : match.start()])
        words.extend(_romanise_han(match.group()))
        position = match.end()
    words.append(simplified[position:])
    out: list[str] = []
    for part in words:
        if not part or is_latin(part):
            out.append(part)
            continue
        rendered, ok = _transliterate(part)
        complete = complete and ok
        out.append(rendered)
    joined = " ".join(w.strip() for w in out if w.strip())
    return Romanised(re.sub(r"\s+", " ", joined).strip(), complete, scripts_of(text))


def _romanise_han(run: str) -> list[str]:
    """Glossary words and places by longest match; the rest as pinyin, one word per stretch."""
    words: list[str] = []
    pending: list[str] = []
    i = 0
    while i < len(run):
        for size in range(min(_LONGEST_KEY, len(run) - i), 0, -1):
            piece = run[i : i + size]
            english = HAN_GLOSSARY.get(piece, HAN_PLACES.get(piece))
            if english is not None:
                if pending:
                    words.append(_pinyin("".join(pending)))
                    pending = []
                words.append(english)
                i += size
                break
        else:
            pending.append(run[i])
            i += 1
    if pending:
        words.append(_pinyin("".join(pending)))
    return [w for w in words if w]


def _han_number(text: str) -> int:
    """十三 = 13, 四十五 = 45, 一百 = 100: the numbers research institutes are named by."""
    total, digit = 0, 0
    for ch in text:
        if ch == "十":
            total += (digit or 1) * 10
            digit = 0
        elif ch == "百":
            total += (digit or 1) * 100
            digit = 0
        else:
            digit = _HAN_NUMERALS.get(ch, 0)
    return total + digit


def _transliterate(part: str) -> tuple[str, bool]:
    """Kana, hangul and other scripts through anyascii; False if a letter had no reading."""
    from anyascii import anyascii

    rendered: list[str] = []
    ok = True
    for chunk in re.split(r"(\s+)", part):
        if not chunk or chunk.isspace():
            rendered.append(" ")
            continue
        latin = ""
        for ch in chunk:
            reading = anyascii(ch)
            if ch.isalpha() and not reading.strip():
                ok = False
            latin += reading
        # Hangul and kana come out one capitalised syllable at a time ("SamSeongJeonJa"):
        # one word of the name is one word, not four.
        if _KANA_HANGUL_RUN.search(chunk):
            latin = latin.replace(" ", "").lower()
        rendered.append(latin)
    return "".join(rendered), ok


def _pinyin(run: str) -> str:
    return "".join(_lazy_pinyin()(run))


@cache
def _lazy_pinyin() -> Any:
    """pypinyin loads its phrase dictionary (~0.4 s) on import: only when a name needs it."""
    from pypinyin import lazy_pinyin

    return lazy_pinyin


@cache
def _converter() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")


def _simplify(text: str) -> str:
    """Traditional characters to simplified (長江存儲 -> 长江存储); other text unchanged."""
    if not _HAN.search(text):
        return text
    return str(_converter().convert(text))


def pinyin_syllables(word: str) -> list[str] | None:
    """``word`` cut into pinyin syllables, fewest first ("changjiang" -> chang, jiang), or None."""
    word = word.casefold()
    if not word.isascii() or not word.isalpha():
        return None
    best: list[list[str] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for size in range(1, min(_LONGEST_SYLLABLE, end) + 1):
            head = best[end - size]
            piece = word[end - size : end]
            if head is not None and piece in _SYLLABLES:
                candidate = [*head, piece]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[len(word)]


def is_pinyin(word: str) -> bool:
    """True when ``word`` reads as a run of pinyin syllables."""
    return pinyin_syllables(word) is not None


def place_initials(place: str) -> str:
    """The initials of a place's syllables, as list short names write them (tianjin -> tj)."""
    syllables = pinyin_syllables(place.replace(" ", ""))
    return "".join(s[0] for s in syllables) if syllables else ""


_LATIN_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = re.compile(r"['’`´‘]")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
#: Pieces a run-together word is cut into must be this long (or glossary words), so that
#: "Sunway" is never read as "sun" + "way".
_MIN_PIECE = 4


def rewrite_latin(text: str, vocabulary: Container[str] | None = None) -> str:
    """Pinyin and old romanisations of ``text`` respelt the way the lists write names.

    Old romanisations become pinyin (Peking -> Beijing) and pinyin business words English
    (Jishu -> Technology, Youxian Gongsi dropped). Given the list's ``vocabulary``, pinyin
    split into syllables is joined where the list knows the joined word ("Xi An" -> "Xian",
    "Sense Time" -> "Sensetime"), and pinyin run together is cut where the list knows the
    pieces ("ChangjiangCunchu" -> "Changjiang Cunchu"). Words keep their case, because capitals
    say which words are acronyms.
    """
    words = _LATIN_WORD.findall(_APOSTROPHES.sub("", text))
    if not words:
        return text
    original = list(words)
    if vocabulary is not None:
        words = [piece for word in words for piece in _cut(word, vocabulary)]
        words = _join_syllable_runs(words, vocabulary)
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            group = words[i : i + size]
            if len(group) < size:
                continue
            joined = "".join(group).casefold()
            if size == 1:
                replacement = _replacement(joined)
                out.append(group[0] if replacement is None else replacement)
                i += 1
                break
            if joined in PINYIN_GLOSSARY:
                out.append(PINYIN_GLOSSARY[joined])
                i += size
                break
            if vocabulary is not None and _joinable(group, joined, vocabulary):
                out.append(group[0] + "".join(w.casefold() for w in group[1:]))
                i += size
                break
    if out == original:  # nothing respelt: the text as written, punctuation and all
        return text
    return " ".join(w for w in out if w)


def _replacement(word: str) -> str | None:
    if word in OLD_ROMANISATION:
        return OLD_ROMANISATION[word].title()
    if word in PINYIN_GLOSSARY:
        return PINYIN_GLOSSARY[word]
    return None


def _joinable(group: list[str], joined: str, vocabulary: Container[str]) -> bool:
    """Join words the list writes as one when they are syllables, or not words of the list.

    Never when the list also writes them apart ("Mei Xin Electronic"): ``vocabulary`` may
    hold word pairs as "a b" for that.
    """
    if joined not in vocabulary:
        return False
    parts = [w.casefold() for w in group]
    if " ".join(parts) in vocabulary:
        return False
    if all(p in _SYLLABLES for p in parts):
        return True
    return any(p not in vocabulary for p in parts)


def _cut(word: str, vocabulary: Container[str]) -> list[str]:
    """A word the list does not know, cut at capitals or into pinyin pieces the list knows."""
    folded = word.casefold()
    if folded in vocabulary or folded in PINYIN_GLOSSARY or len(word) < 2 * _MIN_PIECE - 1:
        return [word]
    camel = _CAMEL.split(word)
    if len(camel) > 1 and all(
        p.casefold() in vocabulary
        or p.casefold() in PINYIN_GLOSSARY
        or p.casefold() in _SYLLABLES  # "ShenZhenShi...": syllables, joined again below
        for p in camel
    ):
        return camel
    if not is_pinyin(folded):
        return [word]
    pieces = _pieces(folded, vocabulary)
    return pieces if pieces else [word]


def _pieces(word: str, vocabulary: Container[str]) -> list[str] | None:
    """Fewest known pinyin pieces making up ``word``, or None."""
    best: list[list[str] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(end):
            head = best[start]
            piece = word[start:end]
            if head is None:
                continue
            known = piece in PINYIN_GLOSSARY or (len(piece) >= _MIN_PIECE and piece in vocabulary)
            if known and is_pinyin(piece):
                candidate = [*head, piece]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    found = best[len(word)]
    return found if found and len(found) > 1 else None


def ambiguous_readings(text: str) -> list[str]:
    """Other readings of ``text`` where it holds a pinyin word of two meanings."""
    words = _LATIN_WORD.findall(text)
    if not any(w.casefold() in AMBIGUOUS_PINYIN for w in words):
        return []
    return [" ".join(AMBIGUOUS_PINYIN.get(w.casefold(), w) for w in words)]


_PINYIN_DIGITS = {
    "ling": 0, "yi": 1, "er": 2, "san": 3, "si": 4, "wu": 5, "liu": 6, "qi": 7, "ba": 8,
    "jiu": 9,
}  # fmt: skip
_PINYIN_ORDINAL = re.compile(r"di((?:ling|yi|er|san|si|wu|liu|qi|ba|jiu|shi|bai)+)")
_PINYIN_NUMERAL = re.compile(r"ling|yi|er|san|si|wu|liu|qi|ba|jiu|shi|bai")
#: 市 (city) and 省 (province) after a place: no part of the name.
_PLACE_SUFFIXES = frozenset({"shi", "sheng"})
#: Runs of this many one-syllable words are pinyin written syllable by syllable.
_MIN_SYLLABLE_RUN = 3


def _join_syllable_runs(words: list[str], vocabulary: Container[str]) -> list[str]:
    """ "Zhong Guo Dian Zi Ke Ji": syllables written apart, cut again into words."""
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if word and word.casefold() in _SYLLABLES:
            run.append(word)
            continue
        if len(run) >= _MIN_SYLLABLE_RUN:
            out.extend(_segment_run("".join(run).casefold(), vocabulary))
        else:
            out.extend(run)
        run = []
        if word:
            out.append(word)
    return out


def _segment_run(joined: str, vocabulary: Container[str]) -> list[str]:
    """Known words (glossary, list, ordinals) by fewest pieces; unknown syllables kept together."""
    size = len(joined)
    best: list[tuple[float, list[tuple[str, bool]]] | None] = [None] * (size + 1)
    best[0] = (0.0, [])
    for start in range(size):
        head = best[start]
        if head is None:
            continue
        for end in range(start + 1, min(size, start + 24) + 1):
            piece = joined[start:end]
            suffix = next((x for x in _PLACE_SUFFIXES if piece.endswith(x)), "")
            if suffix and piece[: -len(suffix)] in CHINESE_PLACES:  # 深圳市: Shenzhen
                step = (0.8, (piece[: -len(suffix)], True))
            elif piece in PINYIN_GLOSSARY or (len(piece) >= 3 and piece in vocabulary):
                step = (1.0, (piece, True))
            elif _PINYIN_ORDINAL.fullmatch(piece):
                step = (1.0, (str(_pinyin_number(piece[2:])), True))
            elif piece in _SYLLABLES:
                step = (1.5, (piece, False))
            else:
                continue
            candidate = (head[0] + step[0], [*head[1], step[1]])
            current = best[end]
            if current is None or candidate[0] < current[0]:
                best[end] = candidate
    found = best[size]
    if found is None:
        return [joined]
    words: list[str] = []
    unknown = ""
    previous_place = False
    for piece, known in found[1]:
        if known:
            if unknown:
                words.append(unknown.title())
                unknown = ""
            words.append(piece.title())
            previous_place = piece in CHINESE_PLACES
        elif previous_place and not unknown and piece in _PLACE_SUFFIXES:
            previous_place = False
        else:
            unknown += piece
    if unknown:
        words.append(unknown.title())
    return words


def _pinyin_number(text: str) -> int:
    """ "sishiba" = 48, "shisan" = 13: the numbers research institutes are named by."""
    total, digit = 0, 0
    for numeral in _PINYIN_NUMERAL.findall(text):
        if numeral == "shi":
            total += (digit or 1) * 10
            digit = 0
        elif numeral == "bai":
            total += (digit or 1) * 100
            digit = 0
        else:
            digit = _PINYIN_DIGITS[numeral]
    return total + digit
