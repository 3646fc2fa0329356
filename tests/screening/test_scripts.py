from __future__ import annotations

import pytest

from workbench.screening.scripts import (
    ambiguous_readings,
    is_latin,
    pinyin_syllables,
    place_initials,
    rewrite_latin,
    romanise,
    scripts_of,
)

#: Words a list might hold, for the vocabulary-driven joins and cuts.
VOCABULARY = frozenset(
    {"xian", "huada", "jiutian", "changjiang", "sensetime", "huawei", "pengxinxu", "shenzhen",
     "beijing", "qixing", "huachuang", "sun", "way", "technology", "university"}
)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("华为技术有限公司", "huawei technology"),
        ("長江存儲科技有限責任公司", "changjiang memory technology"),  # traditional
        ("哈尔滨工业大学", "harbin industry university"),
        ("国家超级计算天津中心", "national supercomputing tianjin center"),
        (
            "中国电子科技集团公司第十三研究所",
            "china electronic technology group 13 research institute",
        ),
        ("SMIC 北京", "SMIC beijing"),
        ("Газпром", "Gazprom"),
    ],
)
def test_romanise_translates_business_words_and_places(text: str, expected: str) -> None:
    romanised = romanise(text)
    assert romanised.text == expected
    assert romanised.complete


def test_romanise_reads_hangul_and_kana_as_one_word_each() -> None:
    assert romanise("삼성전자 주식회사").text == "samseongjeonja"
    assert romanise("東京エレクトロン株式会社").scripts == ("Han", "Kana")


def test_scripts_of_names_every_script_once() -> None:
    assert scripts_of("SMIC 中芯 (주)") == ("Latin", "Han", "Hangul")
    assert scripts_of("บริษัท") == ("Thai",)
    assert is_latin("Xi'an Huada, Co. 2") and not is_latin("Xi'an 华大")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Huawei Jishu Youxian Gongsi", "Huawei technology"),
        ("Changjiang Cunchu Keji Youxian Zeren Gongsi", "Changjiang memory technology"),
        ("Peking University", "Beijing University"),
        ("Tientsin University", "Tianjin University"),
        ("Sunway Communication", "Sunway Communication"),  # not cut into "sun way"
    ],
)
def test_rewrite_without_vocabulary_uses_only_fixed_maps(text: str, expected: str) -> None:
    assert rewrite_latin(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xi An Huada Jiutian", "Xian Huada Jiutian"),
        ("Sense Time", "Sensetime"),
        ("ChangjiangCunchu", "Changjiang memory"),
        ("huadajiutian", "huada jiutian"),
        ("ShenZhenShiPengXinXuJiShuYouXianGongSi", "Shenzhen Pengxinxu technology"),
        ("Zhong Guo Dian Zi Ke Ji Ji Tuan Gong Si Di Si Shi Ba Yan Jiu Suo",
         "china electronic technology group 48 research institute"),
        ("Bei Jing Qi Xing Hua Chuang Ji Cheng Dian Lu",
         "Beijing Qixing Huachuang integrated circuit"),
        ("Sunway Communication", "Sunway Communication"),
        ("SMIC Tianjin", "SMIC Tianjin"),
    ],
)  # fmt: skip
def test_rewrite_joins_and_cuts_pinyin_where_the_list_knows_the_words(
    text: str, expected: str
) -> None:
    assert rewrite_latin(text, VOCABULARY) == expected


def test_text_without_change_comes_back_as_written() -> None:
    assert rewrite_latin("Xi’an Huada (Group) Co., Ltd.") == "Xi’an Huada (Group) Co., Ltd."


def test_pinyin_syllables_and_place_initials() -> None:
    assert pinyin_syllables("changjiangcunchu") == ["chang", "jiang", "cun", "chu"]
    assert pinyin_syllables("sunway") is None
    assert pinyin_syllables("Tokyo") is None
    assert (place_initials("tianjin"), place_initials("changsha")) == ("tj", "cs")


def test_zhongxin_is_read_both_ways() -> None:
    assert ambiguous_readings("Guojia Chaoji Jisuan Zhongxin") == ["Guojia Chaoji Jisuan Center"]
    assert ambiguous_readings("Huawei Technology") == []
