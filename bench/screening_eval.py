"""Builds the screening evaluation set, tests/data/screening/evaluation_set.csv.

Run:  python -m bench.screening_eval      (rewrites the CSV; deterministic for one list)

The cases come from sources other than the matcher's own tests: the shipped list's names of
Chinese parties transformed by rule (legal form, word order, address in the country field,
city dropped or added, one and two typing errors, old romanisations, syllables split), the
registered Chinese names shipped in resources/reference/chinese_names.csv written in
simplified and traditional characters and in pinyin three ways, names written by hand in each
category (acronyms, pinyin, old romanisations, Chinese), and negatives: real companies and
universities from the registers of China, Taiwan, Japan, Korea, Europe and the US, many
sharing words with listed parties. Each case carries its category and a split: "tune" (the
matcher's constants were set looking at these) or "holdout" (never looked at while tuning),
chosen by a hash of the case so that it does not move when cases are added.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
from pathlib import Path

from workbench.screening import ListEntry, read_shipped_list
from workbench.screening.local_names import shipped_local_names
from workbench.screening.normalize import normalize
from workbench.screening.scripts import (
    CHINESE_PLACES,
    HAN_GLOSSARY,
    HAN_PLACES,
    OLD_ROMANISATION,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "screening" / "evaluation_set.csv"
COLUMNS = ("query_name", "country", "expected", "note", "rejected", "category", "split")
HOLDOUT_SHARE = 0.4
SEED = 14

_OLD = {modern: old for old, modern in OLD_ROMANISATION.items()}
_OLD.update({"beijing": "peking", "tianjin": "tientsin", "sichuan": "szechwan", "xian": "sian"})
_FORMS = ["Co., Ltd.", "Company Limited", "Corporation", "Ltd", "Inc.", "Co Ltd", ""]
_ADDRESSES = [
    "No. 18 Zhangjiang Road, Pudong New Area, Shanghai 201203, China",
    "Building 3, 88 Keyuan Road, Nanshan District, Shenzhen, P.R. China",
    "Room 1201, Tower A, 1 Jianguomenwai Avenue, Chaoyang District, Beijing, PRC",
    "No. 9 Gaoxin 4th Road, East Lake High-tech Zone, Wuhan, Hubei, China",
    "15 Huanghe Road, Binhai New Area, Tianjin 300457, China",
]
_EXTRA_CITIES = ["Shenzhen", "Shanghai", "Beijing", "Chengdu", "Wuhan", "Hefei"]


# -- names written by hand -------------------------------------------------------------------
#: (query, country, expected entry names "|"-separated, note, rejected)
HAND_ACRONYMS = [
    ("NJUST", "CN", "Nanjing University of Science and Technology", "", ""),
    ("UESTC", "CN", "University of Electronic Science and Technology of China", "", ""),
    ("NUDT", "CN", "National University of Defense Technology (NUDT)", "", ""),
    ("BUAA", "CN", "Beijing University of Aeronautics and Astronautics (BUAA)", "", ""),
    ("NWPU", "CN", "Northwestern Polytechnical University", "", ""),
    ("HIT Harbin", "CN", "Harbin Institute of Technology", "", ""),
    ("HEU", "CN", "Harbin Engineering University", "", ""),
    ("NUAA", "CN", "Nanjing University of Aeronautics and Astronautics", "", ""),
    ("BUPT", "CN", "Beijing University of Posts and Telecommunications (BUPT)", "", ""),
    ("USTC", "CN", "University of Science and Technology of China", "", ""),
    ("CAEP", "CN", "Chinese Academy of Engineering Physics", "", ""),
    ("SMIC", "CN", "Semiconductor Manufacturing International Corporation (SMIC)|"
     "Semiconductor Manufacturing International Corporation", "", ""),
    ("YMTC", "CN", "Yangtze Memory Technologies Co., Ltd.", "", ""),
    ("SMEE", "CN", "Shanghai Micro Electronics Equipment (Group) Co., Ltd.", "", ""),
    ("XMC", "CN", "Wuhan Xinxin Semiconductor Manufacturing Company Limited", "", ""),
    ("JHICC", "CN", "Fujian Jinhua Integrated Circuit Company, Ltd.", "", ""),
    ("NSCC Tianjin", "CN", "National Supercomputing Center Tianjin (NSCC-TJ)", "",
     "National Supercomputing Center Changsha (NSCC-CS)"),
    ("NSCC Changsha", "CN", "National Supercomputing Center Changsha (NSCC-CS)", "",
     "National Supercomputing Center Tianjin (NSCC-TJ)"),
    ("NSCC Guangzhou", "CN", "National Supercomputing Center Guangzhou (NSCC-GZ)", "", ""),
    ("NSCC Wuxi", "CN", "National Supercomputing Center Wuxi", "", ""),
    ("NSCC Jinan", "CN", "National Supercomputing Center Jinan", "", ""),
    ("NSCC Shenzhen", "CN", "National Supercomputing Center Shenzhen", "", ""),
    ("ICRD Shanghai", "CN", "Shanghai Integrated Circuit Research and Development Center", "", ""),
    ("CETC 13", "CN", "China Electronics Technology Group Corporation 13th Research Institute "
     "(CETC 13)", "", ""),
    ("CETC 55", "CN", "China Electronics Technology Group Corporation 55th Research Institute "
     "(CETC 55)", "", ""),
    ("CETC 45", "CN", "China Electronics Technology Group Corporation 45th Research Institute",
     "", ""),
    ("IME CAS", "CN", "Chinese Academy of Sciences Institute of Microelectronics", "", ""),
    ("ICT CAS", "CN", "Chinese Academy of Sciences Institute of Computing Technology", "", ""),
    ("BAAI", "CN", "Beijing Academy of Artificial Intelligence", "", ""),
    ("SMIC Beijing", "CN", "Semiconductor Manufacturing International (Beijing) Corporation",
     "", ""),
    ("SMIC Shenzhen", "CN", "Semiconductor Manufacturing International (Shenzhen) Corporation",
     "", ""),
    ("SMIC Tianjin", "CN", "Semiconductor Manufacturing International (Tianjin) Corporation",
     "", ""),
    ("SMIC North", "CN", "SMIC Northern Integrated Circuit Manufacturing (Beijing) Co., Ltd.",
     "", ""),
]  # fmt: skip

#: More acronyms, added in a second round before the matcher was run on any of them: the
#: initials these institutes and firms go by in papers, registers and their own sites,
#: whether or not the list writes them (three letters included, and place syllables: TJU).
MORE_ACRONYMS = [
    ("BIT", "CN", "Beijing Institute of Technology", "", ""),
    ("HIT", "CN", "Harbin Institute of Technology", "", ""),
    ("NPU", "CN", "Northwestern Polytechnical University", "", ""),
    ("NWPU Xi'an", "CN", "Northwestern Polytechnical University", "", ""),
    ("SCU", "CN", "Sichuan University", "", ""),
    ("TJU", "CN", "Tianjin University", "", ""),
    ("AFEU", "CN", "Air Force Engineering University", "", ""),
    ("NUDT Changsha", "CN", "National University of Defense Technology (NUDT)", "", ""),
    ("USTC Hefei", "CN", "University of Science and Technology of China", "", ""),
    ("UESTC Chengdu", "CN", "University of Electronic Science and Technology of China", "", ""),
    ("CARDC", "CN", "China Aerodynamics Research and Development Center (CARDC)", "", ""),
    ("CASIC 3rd Academy", "CN",
     "China Aerospace Science and Industry Corporation (CASIC) 3rd Academy", "", ""),
    ("CASC 8th Academy", "CN",
     "China Aerospace Science and Technology Corporation (CASC) 8th Academy", "", ""),
    ("SAST Shanghai", "CN",
     "China Aerospace Science and Technology Corporation (CASC) 8th Academy", "", ""),
    ("CIOMP", "CN", "Chinese Academy of Sciences Changchun Institute of Optics, Fine "
     "Mechanics, and Physics", "", ""),
    ("SIOM", "CN", "Shanghai Institute of Optics and Fine Mechanics", "", ""),
    ("SIMIT", "CN", "Chinese Academy of Sciences’ Shanghai Institute of Microsystem and "
     "Information Technology", "", ""),
    ("CETC 38", "CN", "China Electronics Technology Group Corporation 38th Research Institute "
     "(CETC 38)", "", ""),
    ("CETC 14", "CN", "China Electronics Technology Group Corporation 14th Research Institute "
     "(CETC 14)", "", ""),
    ("NRIET", "CN", "China Electronics Technology Group Corporation 14th Research Institute "
     "(CETC 14)", "", ""),
    ("CETC 58", "CN", "China Electronics Technology Group Corporation 58 Research Institute",
     "", ""),
    ("ECRIM", "CN", "China Electronics Technology Group Corporation 43 Research Institute",
     "", ""),
    ("NRCPC", "CN", "National Research Center for Parallel Computer Engineering and Technology",
     "", ""),
    ("BAQIS", "CN", "Beijing Academy of Quantum Information Sciences", "", ""),
    ("HPSTAR", "CN", "Center for High Pressure Science and Technology Advanced Research", "",
     ""),
    ("CUMEC", "CN", "United Microelectronics Center Co., Ltd.", "", ""),
    ("NSCC Zhengzhou", "CN", "National Supercomputer Center Zhengzhou", "", ""),
    ("SMIC South", "CN", "Semiconductor Manufacturing South China Corporation", "", ""),
    ("CGNPC", "CN", "China General Nuclear Power Corporation (CGNPC)", "", ""),
    ("CAS IOP", "CN", "Chinese Academy of Sciences, Institute of Physics", "", ""),
    ("CAST 502", "CN", "China Academy of Space Technology 502 Research Institute", "", ""),
    ("XMTI", "CN", "China Aerospace Science and Technology Corporation (CASC) 9th Academy 771 "
     "Research Institute", "", ""),
    ("JICT", "CN", "Wuxi Jiangnan Institute of Computing Technology", "", ""),
    ("CAEIT", "CN", "China Academy of Electronics and Information Technology", "", ""),
    ("AMMS", "CN", "Academy of Military Medical Sciences", "", ""),
    ("BCSRC", "CN", "Beijing Computational Science Research Center", "", ""),
]  # fmt: skip

HAND_PINYIN = [
    ("Huawei Jishu Youxian Gongsi", "CN", "huawei", ""),
    ("Huawei Jishu", "CN", "huawei", ""),
    ("HuaweiJishu Youxiangongsi", "CN", "huawei", ""),
    ("Changjiang Cunchu Keji Youxian Zeren Gongsi", "CN", "ymtc", ""),
    ("ChangjiangCunchu", "CN", "ymtc", ""),
    ("Changjiang Cunchu Keji", "CN", "ymtc", ""),
    ("Zhongxin Guoji Jicheng Dianlu Zhizao Youxian Gongsi", "CN", "smic", ""),
    ("Zhongxin Guoji", "CN", "smic", ""),
    ("Fujian Jinhua Jicheng Dianlu Youxian Gongsi", "CN", "jhicc", ""),
    ("Fujian Sheng Jinhua Jicheng Dianlu", "CN", "jhicc", ""),
    ("Haerbin Gongye Daxue", "CN", "Harbin Institute of Technology", ""),
    ("Harbin Gongye Daxue", "CN", "Harbin Institute of Technology", ""),
    ("Guofang Keji Daxue", "CN", "National University of Defense Technology (NUDT)", ""),
    ("Beijing Hangkong Hangtian Daxue", "CN",
     "Beijing University of Aeronautics and Astronautics (BUAA)", ""),
    ("Nanjing Ligong Daxue", "CN", "Nanjing University of Science and Technology", ""),
    ("Dianzi Keji Daxue", "CN", "University of Electronic Science and Technology of China", ""),
    ("Sichuan Daxue", "CN", "Sichuan University", ""),
    ("Tianjin Daxue", "CN", "Tianjin University", ""),
    ("Guojia Chaoji Jisuan Tianjin Zhongxin", "CN",
     "National Supercomputing Center Tianjin (NSCC-TJ)", ""),
    ("Guojia Chaoji Jisuan Changsha Zhongxin", "CN",
     "National Supercomputing Center Changsha (NSCC-CS)", ""),
    ("Wuxi Jiangnan Jisuan Jishu Yanjiusuo", "CN",
     "Wuxi Jiangnan Institute of Computing Technology", ""),
    ("Beifang Huachuang Keji Jituan", "CN", "Naura Technology Group Co., Ltd.", ""),
    ("Tuojing Keji Gufen Youxian Gongsi", "CN", "Piotech", ""),
    ("Zhongke Shuguang", "CN", "Sugon", ""),
    ("Shuguang Xinxi Chanye", "CN", "Sugon", ""),
    ("Langchao Jituan", "CN", "Inspur Group Co., Ltd.", ""),
    ("Tianjin Feiteng Xinxi Jishu", "CN", "Tianjin Phytium Information Technology", ""),
    ("Shenzhen Xinkailai Jishu", "CN", "Shenzhen SiCarrier Technologies Co., Ltd.", ""),
    ("Wuhan Xinxin Jicheng Dianlu Zhizao", "CN",
     "Wuhan Xinxin Semiconductor Manufacturing Company Limited", ""),
    ("Beijing Shangtang Keji Kaifa", "CN",
     "Beijing Sensetime Technology Development Co., Ltd.", ""),
    ("Shanghai Jicheng Dianlu Yanfa Zhongxin", "CN",
     "Shanghai Integrated Circuit Research and Development Center", ""),
    ("Chengdu Haiguang Jicheng Dianlu Sheji", "CN", "Chengdu Haiguang Integrated Circuit", ""),
    ("Shenzhen Pengxinxu Jishu", "CN", "Shenzhen Pengxinxu Technology Co., Ltd.", ""),
    ("Shenzhen Shengweixu Jishu", "CN", "SwaySure Technology Co., Ltd.", ""),
]  # fmt: skip

HAND_OLD = [
    ("Tientsin University", "CN", "Tianjin University", ""),
    ("Szechwan University", "CN", "Sichuan University", ""),
    ("Szechuan University", "CN", "Sichuan University", ""),
    ("Peking Institute of Technology", "CN", "Beijing Institute of Technology", ""),
    ("Nanking University of Science and Technology", "CN",
     "Nanjing University of Science and Technology", ""),
    ("Nanking University of Aeronautics and Astronautics", "CN",
     "Nanjing University of Aeronautics and Astronautics", ""),
    ("Peking University of Posts and Telecommunications", "CN",
     "Beijing University of Posts and Telecommunications (BUPT)", ""),
    ("Xi An Huada Jiutian Technology", "CN", "Xi'an Huada Jiutian Technology Co., Ltd.",
     "Beijing Huada Jiutian Technology Co., Ltd."),
    ("Sense Time Technology Development Peking", "CN",
     "Beijing Sensetime Technology Development Co., Ltd.", ""),
    ("Hua Wei Technologies", "CN", "huawei", ""),
    ("Semiconductor Manufacturing International (Tientsin) Corp", "CN",
     "Semiconductor Manufacturing International (Tianjin) Corporation", ""),
    ("Semiconductor Manufacturing International Peking", "CN",
     "Semiconductor Manufacturing International (Beijing) Corporation", ""),
    ("Canton Huada Jiutian Technology", "CN", "Guangzhou Huada Jiutian Technology Co., Ltd.",
     "Beijing Huada Jiutian Technology Co., Ltd."),
    ("National Supercomputing Center Tientsin", "CN",
     "National Supercomputing Center Tianjin (NSCC-TJ)", ""),
    ("National Supercomputing Center Canton", "CN",
     "National Supercomputing Center Guangzhou (NSCC-GZ)", ""),
    ("Bei Jing Naura Microelectronics Equipment", "CN",
     "Beijing Naura Microelectronics Equipment Co., Ltd.", ""),
    ("Tien Tsin Phytium Information Technology", "CN",
     "Tianjin Phytium Information Technology", ""),
    ("Wu Han Xinxin Semiconductor Manufacturing", "CN",
     "Wuhan Xinxin Semiconductor Manufacturing Company Limited", ""),
]  # fmt: skip

HAND_CHINESE = [
    ("中芯国际", "CN", "smic", "short name"),
    ("中芯國際集成電路製造有限公司", "TW", "smic", "traditional, Taiwan register"),
    ("中芯国际（北京）", "CN", "Semiconductor Manufacturing International (Beijing) Corporation",
     "full-width brackets, no legal form"),
    ("上海华为技术有限公司", "CN", "Huawei Technologies Co., Ltd. (Huawei). Affiliated Entity: "
     "Shanghai Huawei Technologies Co., Ltd.", "not in the shipped table"),
    ("成都华为技术有限公司", "CN", "Chengdu Huawei Technologies Co., Ltd.",
     "not in the shipped table"),
    ("华为", "CN", "huawei", "short name"),
    ("長江存儲", "CN", "ymtc", "traditional short name"),
    ("长江存储科技", "CN", "ymtc", "no legal form"),
    ("福建晋华集成电路有限公司", "CN", "jhicc", "省 dropped"),
    ("哈工大", "CN", "Harbin Institute of Technology", "colloquial short name"),
    ("國防科技大學", "TW", "National University of Defense Technology (NUDT)", "traditional"),
    ("天津飞腾", "CN", "Tianjin Phytium Information Technology", "short name"),
    ("北方华创", "CN", "Naura Technology Group Co., Ltd.", "short name"),
    ("拓荆科技", "CN", "Piotech", "short name"),
    ("上海微电子装备", "CN", "Shanghai Micro Electronics Equipment (Group) Co., Ltd.",
     "no brackets, no legal form"),
    ("國家超級計算天津中心", "CN", "National Supercomputing Center Tianjin (NSCC-TJ)",
     "traditional"),
    ("武汉新芯", "CN", "Wuhan Xinxin Semiconductor Manufacturing Company Limited", "short name"),
    ("深圳新凯来技术有限公司", "CN", "Shenzhen SiCarrier Technologies Co., Ltd.", "市 dropped"),
    ("浪潮集团", "CN", "Inspur Group Co., Ltd.", "short name"),
    ("海光", "CN", "Chengdu Haiguang Integrated Circuit", "two-character short name"),
]  # fmt: skip

#: Real companies and universities that are not listed, many sharing words with listed ones.
NEGATIVES = {
    "CN": [
        "Huaqin Technology Co., Ltd.", "Shenzhen Sunway Communication Co., Ltd.",
        "Yangtze Optical Fibre and Cable Joint Stock Limited Company",
        "Jiangsu Changjiang Electronics Technology Co., Ltd.", "JCET Group",
        "BOE Technology Group Co., Ltd.", "TCL China Star Optoelectronics Technology",
        "Lenovo Group Limited", "Xiaomi Corporation", "BYD Company Limited",
        "Contemporary Amperex Technology Co., Limited", "Tianma Microelectronics Co., Ltd.",
        "Shenzhen Goodix Technology Co., Ltd.", "GigaDevice Semiconductor Inc.",
        "Will Semiconductor Co., Ltd. Shanghai", "Sanan Optoelectronics Co., Ltd.",
        "Tongfu Microelectronics Co., Ltd.", "Hua Hong Semiconductor Limited",
        "Shanghai Huahong Grace Semiconductor Manufacturing Corporation",
        "Nexchip Semiconductor Corporation", "Hefei Xinjing Integrated Circuit Co., Ltd.",
        "ChangXin Memory Technologies, Inc.", "Hangzhou Silan Microelectronics Co., Ltd.",
        "StarPower Semiconductor Ltd.", "Montage Technology Co., Ltd.",
        "China Resources Microelectronics Limited", "Tianjin Zhonghuan Semiconductor Co., Ltd.",
        "Zhejiang University", "Fudan University", "Shanghai Jiao Tong University",
        "Nanjing University", "Wuhan University", "Xiamen University", "Southeast University",
        "Tianjin University of Technology", "Tianjin Normal University",
        "Tianjin Polytechnic University", "Harbin Normal University",
        "Harbin University of Science and Technology", "Beijing Normal University",
        "Beijing University of Technology", "Beijing University of Chemical Technology",
        "Beijing Jiaotong University", "Nanjing University of Posts and Telecommunications",
        "Nanjing Normal University", "Sichuan Normal University",
        "Sichuan Agricultural University", "Dalian University of Technology",
        "Chongqing University", "Shenzhen University", "Northeastern University Shenyang",
        "Huazhong University of Science and Technology", "Midea Group Co., Ltd.",
        "Haier Smart Home Co., Ltd.", "Hisense Group", "Sichuan Changhong Electric Co., Ltd.",
        "Harbin Electric Corporation", "Shanghai Electric Group", "Beijing Tianjin Logistics",
        "Wuxi AppTec", "Suzhou Dongshan Precision Manufacturing", "Luxshare Precision Industry",
        "Shenzhen Inovance Technology", "Zhongji Innolight", "Eoptolink Technology",
        "Beijing Yandong Microelectronic",
        "Ningbo Joyson Electronic", "Anhui Conch Cement", "Tianjin Port Holdings",
        "China Merchants Bank", "Ping An Insurance", "Shenzhen Transsion Holdings",
        "华勤技术股份有限公司", "深圳市信维通信股份有限公司", "长飞光纤光缆股份有限公司",
        "江苏长电科技股份有限公司", "京东方科技集团股份有限公司", "联想集团有限公司",
        "小米科技有限责任公司", "比亚迪股份有限公司", "宁德时代新能源科技股份有限公司",
        "天马微电子股份有限公司", "兆易创新科技集团股份有限公司", "通富微电子股份有限公司",
        "华虹半导体有限公司", "合肥晶合集成电路股份有限公司", "长鑫存储技术有限公司",
        "杭州士兰微电子股份有限公司", "浙江大学", "复旦大学", "上海交通大学", "南京大学",
        "武汉大学", "天津理工大学", "哈尔滨师范大学", "北京师范大学", "东南大学",
        "四川师范大学", "北京工业大学", "天津师范大学", "美的集团股份有限公司",
        "海尔智家股份有限公司", "上海电气集团股份有限公司", "中国招商银行",
    ],
    "TW": [
        "Taiwan Semiconductor Manufacturing Company Limited", "United Microelectronics Corp.",
        "Vanguard International Semiconductor", "Powerchip Semiconductor Manufacturing Corp.",
        "Winbond Electronics Corporation", "Nanya Technology Corporation",
        "MediaTek Inc.", "ASE Technology Holding", "Macronix International Co., Ltd.",
        "Realtek Semiconductor Corp.", "Novatek Microelectronics", "Hon Hai Precision Industry",
        "Quanta Computer Inc.", "National Tsing Hua University", "National Taiwan University",
        "Global Unichip Corp.", "Hermes-Epitek Corporation", "Chroma ATE Inc.",
        "台灣積體電路製造股份有限公司", "聯華電子股份有限公司", "華邦電子股份有限公司",
        "南亞科技股份有限公司", "聯發科技股份有限公司", "鴻海精密工業股份有限公司",
    ],
    "JP": [
        "Tokyo Electron Limited", "SCREEN Holdings Co., Ltd.", "Kokusai Electric Corporation",
        "Lasertec Corporation", "Advantest Corporation", "Disco Corporation",
        "Hitachi High-Tech Corporation", "Canon Inc.", "Nikon Corporation",
        "Ebara Corporation", "ULVAC, Inc.", "Shin-Etsu Chemical Co., Ltd.", "SUMCO Corporation",
        "JSR Corporation", "Tokyo Ohka Kogyo Co., Ltd.", "Kioxia Corporation",
        "Renesas Electronics Corporation", "Rohm Co., Ltd.", "Sony Semiconductor Solutions",
        "Murata Manufacturing Co., Ltd.", "Tokyo Seimitsu Co., Ltd.", "Daifuku Co., Ltd.",
        "東京エレクトロン株式会社", "キオクシア株式会社", "株式会社SCREENホールディングス",
        "信越化学工業株式会社", "ルネサスエレクトロニクス株式会社", "株式会社アドバンテスト",
        "株式会社ニコン", "キヤノン株式会社", "株式会社ディスコ", "レーザーテック株式会社",
    ],
    "KR": [
        "Samsung Electronics Co., Ltd.", "SK hynix Inc.", "SK Siltron Co., Ltd.",
        "Wonik IPS Co., Ltd.", "Jusung Engineering Co., Ltd.", "PSK Inc.", "SEMES Co., Ltd.",
        "Eugene Technology Co., Ltd.", "DB HiTek Co., Ltd.", "LG Display Co., Ltd.",
        "Hanmi Semiconductor Co., Ltd.", "Soulbrain Co., Ltd.", "Dongjin Semichem",
        "삼성전자 주식회사", "에스케이하이닉스 주식회사", "원익아이피에스",
        "주성엔지니어링 주식회사",
        "한미반도체 주식회사", "엘지디스플레이 주식회사", "주식회사 솔브레인",
    ],
    "EU": [
        "ASML Holding N.V.", "ASM International N.V.", "BE Semiconductor Industries N.V.",
        "Carl Zeiss SMT GmbH", "Aixtron SE", "Infineon Technologies AG",
        "STMicroelectronics N.V.", "NXP Semiconductors N.V.", "Siltronic AG", "Soitec SA",
        "Robert Bosch GmbH", "X-FAB Silicon Foundries SE", "Nexperia B.V.",
        "VDL Groep B.V.", "Prodrive Technologies B.V.", "Oxford Instruments plc", "IQE plc",
        "Edwards Vacuum Ltd", "Pfeiffer Vacuum Technology AG", "Trumpf SE + Co. KG",
        "Jenoptik AG", "SUSS MicroTec SE", "EV Group E. Thallner GmbH",
        "Technische Universität Dresden",
        "Delft University of Technology", "Imec vzw", "Fraunhofer-Gesellschaft",
    ],
    "US": [
        "Applied Materials, Inc.", "Lam Research Corporation", "KLA Corporation",
        "Onto Innovation Inc.", "Axcelis Technologies, Inc.", "Veeco Instruments Inc.",
        "Entegris, Inc.", "MKS Instruments, Inc.", "Ultra Clean Holdings, Inc.",
        "Ichor Systems", "FormFactor, Inc.", "Teradyne, Inc.", "Intel Corporation",
        "Micron Technology, Inc.", "Texas Instruments Incorporated", "GlobalFoundries Inc.",
        "Analog Devices, Inc.", "Microchip Technology Incorporated", "ON Semiconductor",
        "Qualcomm Incorporated", "NVIDIA Corporation", "Advanced Micro Devices, Inc.",
        "Western Digital Corporation", "Coherent Corp.", "Brooks Automation",
        "Massachusetts Institute of Technology", "Georgia Institute of Technology",
        "University of Texas at Austin", "Arizona State University",
    ],
}  # fmt: skip
#: Real companies and universities that are not listed, by the initials they go by (added
#: with MORE_ACRONYMS): short initials are the risk of reading acronyms at all. Initials the
#: list itself writes as an alias (TCL, MIT) are left out: they are no clean negative.
NEGATIVE_ACRONYMS = {
    "CN": ["HUST", "ZJU", "SJTU", "BJUT", "TJUT", "NUPT", "DUT", "BNU", "SZU", "BOE", "BYD",
           "CATL", "CXMT", "HUST Wuhan"],
    "TW": ["TSMC", "UMC", "VIS", "PSMC", "ASE", "NTU", "NTHU", "GUC", "AUO"],
    "JP": ["TEL", "TDK", "NEC", "SMC Corporation", "JSR"],
    "KR": ["SNU", "KAIST", "POSTECH", "LG Chem", "SK Group"],
    "EU": ["ASML", "TUM", "EPFL", "ETH Zurich", "IMEC", "NXP", "STM"],
    "US": ["TI", "AMD", "AMAT", "GF", "UCLA", "CMU"],
}  # fmt: skip
_REGION_COUNTRY = {"EU": "", "CN": "CN", "TW": "TW", "JP": "JP", "KR": "KR", "US": "US"}
#: Shorthand for entries named in the hand-written rows.
_SHORTHAND = {
    "huawei": "HUAWEI TECHNOLOGIES CO., LTD.|Huawei Technologies Co., Ltd.|"
    "Huawei Technologies Co., Ltd. (Huawei)",
    "ymtc": "Yangtze Memory Technologies Co., Ltd.",
    "smic": "Semiconductor Manufacturing International Corporation (SMIC)|"
    "Semiconductor Manufacturing International Corporation",
    "jhicc": "Fujian Jinhua Integrated Circuit Company, Ltd.",
}


#: Entries that name one party under two names (two listings of one firm).
_SAME_PARTY = {
    "Shanghai HiSilicon Technologies Co., Ltd.": ["Shanghai Haisi Technology Co., Ltd."],
    "Semiconductor Manufacturing International Corporation (SMIC)": [
        "Semiconductor Manufacturing International Corporation"
    ],
    "Semiconductor Manufacturing International Corporation": [
        "Semiconductor Manufacturing International Corporation (SMIC)"
    ],
}


def _han_words(name: str) -> list[str]:
    """A Chinese name cut into words as a person writing pinyin would: business words and
    places by a longest match over the glossary, the characters between them one word."""
    keys = sorted({*HAN_GLOSSARY, *HAN_PLACES}, key=len, reverse=True)
    words: list[str] = []
    pending = ""
    i = 0
    while i < len(name):
        piece = next((k for k in keys if name.startswith(k, i)), None)
        if piece is None:
            if name[i].strip() and name[i] not in "()（）":
                pending += name[i]
            i += 1
            continue
        if pending:
            words.append(pending)
            pending = ""
        words.append(piece)
        i += len(piece)
    if pending:
        words.append(pending)
    return words


def _split(category: str, query: str) -> str:
    digest = hashlib.sha256(f"{category}\x00{query}".encode()).digest()
    return "holdout" if digest[0] / 256 < HOLDOUT_SHARE else "tune"


def _equivalents(entries: tuple[ListEntry, ...]) -> dict[str, list[str]]:
    """Entry names that name one party (the same words after normalisation)."""
    groups: dict[frozenset[str], list[str]] = {}
    for entry in entries:
        key = frozenset(normalize(entry.name).tokens)
        if entry.name not in groups.setdefault(key, []):
            groups[key].append(entry.name)
    return {name: names for names in groups.values() for name in names}


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    letters = "abcdefghijklmnopqrstuvwxyz"
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + rng.choice(letters) + word[i:]
    return word[:i] + rng.choice([c for c in letters if c != word[i]]) + word[i + 1 :]


def _plain(word: str) -> str:
    return word.casefold().replace("'", "").replace("’", "")


def _words(name: str) -> list[str]:
    return re.sub(r"[,()]", " ", name).split()


_LEGAL = {"co.", "co", "ltd", "ltd.", "limited", "inc.", "inc", "corporation", "corp.", "company"}


def _stem_words(name: str) -> list[str]:
    return [w for w in _words(name) if w.casefold().rstrip(".,") not in _LEGAL]


def rule_cases(entries: tuple[ListEntry, ...], rng: random.Random) -> list[dict[str, str]]:
    """List names of Chinese firms and institutes, transformed by rule."""
    equivalents = _equivalents(entries)
    pool = [
        e
        for e in entries
        if e.source == "entity_list"
        and "CN" in e.countries
        and (e.entity_type or "").casefold() not in ("individual", "vessel", "aircraft")
        and "affiliated entity" not in e.name.casefold()
        and "subordinate" not in e.name.casefold()
        and 2 <= len(_stem_words(e.name)) <= 8
    ]
    pool.sort(key=lambda e: e.name)
    chosen = rng.sample(pool, min(90, len(pool)))
    cases: list[dict[str, str]] = []

    def add(query: str, country: str, entry: ListEntry, category: str, note: str) -> None:
        changed = bool(query.strip()) and query.casefold() != entry.name.casefold()
        if changed or category == "address in country field":
            expected = "|".join(equivalents.get(entry.name, [entry.name]))
            cases.append(_case(query, country, expected, note, "", category))

    for entry in chosen:
        words = _stem_words(entry.name)
        add(" ".join(words) + " " + rng.choice(_FORMS), "CN", entry, "legal form changed",
            f"legal form of '{entry.name}' changed")  # fmt: skip
        if len(words) >= 3:
            swapped = list(words)
            i = rng.randrange(len(swapped) - 1)
            swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
            add(" ".join(swapped), "CN", entry, "words swapped", "two words swapped")
        if rng.random() < 0.5:
            add(entry.name, rng.choice(_ADDRESSES), entry, "address in country field",
                "address entered as the country")  # fmt: skip
        long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
        if long_words:
            typo = list(words)
            i = rng.choice(long_words)
            typo[i] = _typo(typo[i], rng)
            add(" ".join(typo), "CN", entry, "one typo", f"'{words[i]}' mistyped")
        if len(long_words) >= 2:
            typo = list(words)
            for i in rng.sample(long_words, 2):
                typo[i] = _typo(typo[i], rng)
            add(" ".join(typo), "CN", entry, "two typos", "two words mistyped")
        places = [i for i, w in enumerate(words) if _plain(w) in CHINESE_PLACES]
        if not places and rng.random() < 0.6:
            city = rng.choice(_EXTRA_CITIES)
            add(" ".join([*words, city]), "CN", entry, "city dropped or added", "city added")
        elif places == [0] and len(words) >= 3:
            # the city dropped: any branch of that name is a right answer
            rest = frozenset(normalize(" ".join(words[1:])).tokens)
            branches = [
                e.name
                for e in entries
                if frozenset(normalize(e.name).tokens) - CHINESE_PLACES == rest
            ]
            if branches:
                cases.append(
                    _case(
                        " ".join(words[1:]),
                        "CN",
                        "|".join(branches),
                        "city dropped",
                        "",
                        "city dropped or added",
                    )
                )
        old = [i for i, w in enumerate(words) if w.casefold().replace("'", "") in _OLD]
        if old:
            respelt = list(words)
            for i in old:
                respelt[i] = _OLD[words[i].casefold().replace("'", "")].title()
            add(" ".join(respelt), "CN", entry, "old romanisation or split syllables",
                "place in Wade-Giles or postal spelling")  # fmt: skip
    return cases


def local_name_cases(entries: tuple[ListEntry, ...], rng: random.Random) -> list[dict[str, str]]:
    """The shipped Chinese names in simplified and traditional characters and in pinyin."""
    from opencc import OpenCC
    from pypinyin import lazy_pinyin

    to_traditional = OpenCC("s2t")
    equivalents = _equivalents(entries)
    by_fold = {e.name.casefold(): e.name for e in entries}
    cases: list[dict[str, str]] = []
    for key, names in sorted(shipped_local_names().items()):
        name = by_fold.get(key)
        if name is None:
            continue
        expected = "|".join([*equivalents.get(name, [name]), *_SAME_PARTY.get(name, [])])
        for local in names:
            cases.append(_case(local, "CN", expected, "registered name", "", "Chinese characters"))
            traditional = to_traditional.convert(local)
            if traditional != local:
                cases.append(
                    _case(traditional, "TW", expected, "traditional", "", "Chinese characters")
                )
            syllables = lazy_pinyin(local)
            style = rng.randrange(3)
            if style == 0:
                text = " ".join(s.title() for s in syllables)
            elif style == 1:
                text = "".join(s.title() for s in syllables)
            else:
                text = " ".join("".join(lazy_pinyin(w)).title() for w in _han_words(local))
            cases.append(_case(text, "CN", expected, f"pinyin style {style}", "", "pinyin"))
    return cases


def _case(
    query: str, country: str, expected: str, note: str, rejected: str, category: str
) -> dict[str, str]:
    return {
        "query_name": query,
        "country": country,
        "expected": expected,
        "note": note,
        "rejected": rejected,
        "category": category,
        "split": _split(category, query),
    }


def hand_cases() -> list[dict[str, str]]:
    cases = [
        _case(q, c, _SHORTHAND.get(e, e), n or "written by hand", r, "acronym")
        for q, c, e, n, r in [*HAND_ACRONYMS, *MORE_ACRONYMS]
    ]
    cases += [
        _case(q, c, _SHORTHAND.get(e, e), "written by hand", "", "pinyin")
        for q, c, e, _ in HAND_PINYIN
    ]
    old = "old romanisation or split syllables"
    cases += [
        _case(q, c, _SHORTHAND.get(e, e), "written by hand", r, old) for q, c, e, r in HAND_OLD
    ]
    cases += [
        _case(q, c, _SHORTHAND.get(e, e), n, "", "Chinese characters")
        for q, c, e, n in HAND_CHINESE
    ]
    for region, names in NEGATIVES.items():
        for name in names:
            cases.append(
                _case(name, _REGION_COUNTRY[region], "", f"real company ({region})", "", "negative")
            )
    for region, names in NEGATIVE_ACRONYMS.items():
        for name in names:
            cases.append(
                _case(name, _REGION_COUNTRY[region], "", f"initials ({region})", "", "negative")
            )
    return cases


def build() -> list[dict[str, str]]:
    entries = read_shipped_list().entries
    rng = random.Random(SEED)
    cases = hand_cases() + rule_cases(entries, rng) + local_name_cases(entries, rng)
    equivalents = _equivalents(entries)
    for case in cases:  # every listing of the party is right, however it was written down
        names = [n for n in case["expected"].split("|") if n]
        wider = [m for n in names for m in [n, *equivalents.get(n, []), *_SAME_PARTY.get(n, [])]]
        case["expected"] = "|".join(dict.fromkeys(wider))
    unique: dict[tuple[str, str], dict[str, str]] = {}
    for case in cases:
        unique.setdefault((case["query_name"], case["country"]), case)
    return list(unique.values())


def main() -> None:
    cases = build()
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(cases)
    print(f"wrote {len(cases)} cases to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
