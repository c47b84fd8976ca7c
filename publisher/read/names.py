"""Person names and bylines: what a credit line looks like on a Chinese newspaper page."""

from __future__ import annotations

import re
from functools import lru_cache

# Surnames covering the great majority of Chinese people (the 《百家姓》 commonest ~330) and
# the usual compound ones. A name is 2–4 characters starting with one of these.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向"
    "汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚"
    "岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟"
    "邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井"
    "祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆"
    "茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    "洪赖贝钮荀邴宓郗蓟鄂濮寿郦逄庾殳蒯竺桓酆贲糜隗韶莘璩訾习翦"
)
# The same surnames as printed in Traditional characters, where they differ.
SURNAMES |= set(
    "陳劉楊黃趙吳孫馬郭羅鄭謝許韓馮鄧蕭董蔣葉蘇呂盧鍾譚陸賈韋鄒閆龍陶賀顧龔萬錢嚴湯溫齊喬龐顏莊聶魯詹歐關蘭寧"
    "紀畢單駱藍辛靳鮑華饒農繆簡車項連蘆麥婁竇黨宮費衛應閔鄔邊師欒榮鞏遲鄺談荊樂儲藺樓盤滿聞厲區闞權強帥蓋練"
    "豐國計晉門雲來闕雍烏諸戰銀賓陰堯閉賴貝鈕薊濮壽酈龐"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "令狐", "慕容", "夏侯", "长孙", "宇文", "司徒", "端木",
                     "歐陽", "司馬", "諸葛", "尉遲", "公孫", "長孫")

# Words that introduce a byline: 本报记者, 通讯员, 实习生, 文/图, 摄影 …
ROLE_WORDS = (
    r"(?:本报|本報|本刊|本台|本网|本網)?(?:首席|特约|见习|实习|驻\S{1,4})?"
    r"(?:记者|記者|通讯员|通訊員|实习生|實習生|撰稿人?|编译|編譯|整理|摄影|攝影|摄|攝|特派记者|文字|图片|圖片"
    r"|文[/／]图|文[/／]圖|图[/／]文|圖[/／]文|文|图|圖)"
)
_DECORATION = "□■◎●○◇◆△▲☆★※"
ROLE_WORD = re.compile(r"记者|記者|通讯员|通訊員|实习生|實習生|撰稿|编译|編譯|摄影|攝影")  # a credit, not a bare name
_ROLE = re.compile(rf"{ROLE_WORDS}[/／:：]?")


@lru_cache(maxsize=4096)
def parse_byline(text: str) -> str | None:
    """The byline a short block stands for, normalised (``李元 平`` → ``李元平``), or None.

    Either role words with person names (``本报记者 张丽清``, ``文/图 记者 王某``), or one
    or more bare person names. Every name must look like a person's name.
    """
    if len(text) > 60 or "。" in text:
        return None
    text = re.sub(r"\s+", " ", text.strip())
    inner = text.lstrip(_DECORATION).strip()  # the mark stays in the byline; names are checked without it
    inner = inner[1:-1].strip() if inner[:1] in "(（" and inner[-1:] in ")）" else inner
    if not inner or len(inner) > 40:
        return None
    out: list[list[str]] = []  # groups: [role, name, name…] or [name…]
    names_seen = 0
    # a quote mark between words of a credit line is a wide printed gap OCR read as a mark
    # (Tesseract: 本报记者“某某), not a quotation
    for tok in re.split(r"[\s、，,“”\"]+", inner):
        m = _ROLE.fullmatch(tok)
        if m:
            out.append([tok])
            continue
        m = _ROLE.match(tok)
        name = tok[m.end():] if m else ""
        # 记者张鑫; after a whole credit (本报记者) any 2–4 ideographs, as with a space between
        if m and len(m.group()) >= 2 and (is_person_name(name) or len(m.group()) >= 4 and _bare_name(name)):
            out.append([tok])
            names_seen += 1
            continue
        if not out:
            out.append([])
        out[-1].append(tok)
    pieces: list[str] = []
    for group in out:
        head = [group[0]] if group and _ROLE.match(group[0]) else []
        names = merge_split_names(group[len(head):])
        # after a role word (本报记者) any 2–4 ideographs are a name, known surname or not
        if not all(is_person_name(n) or head and _bare_name(n) for n in names):
            return None
        names_seen += len(names)
        pieces.append(" ".join(head + names))
    if not names_seen:
        return None
    result = " ".join(pieces)
    return text.replace(inner, result) if inner != result else text


def is_person_name(text: str) -> bool:
    """2–4 Han characters (a middle dot allowed) starting with a known surname."""
    if not 2 <= len(text) <= 9 or not all("\u4e00" <= c <= "\u9fff" or c == "·" for c in text):
        return False
    if "·" in text:  # transliterated names: 阿卜杜拉·艾尼
        return all(len(p) >= 1 for p in text.split("·"))
    if text[:2] in COMPOUND_SURNAMES:
        return len(text) <= 4
    return text[0] in SURNAMES and len(text) <= 4


def _bare_name(text: str) -> bool:
    return 2 <= len(text) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in text)


def merge_split_names(names: list[str]) -> list[str]:
    """OCR splits a name at a line end (``李元 平``): a one-character piece belongs to its neighbour."""
    merged: list[str] = []
    for n in names:
        if merged and (len(n) == 1 or len(merged[-1]) == 1) and len(merged[-1]) + len(n) <= 4:
            merged[-1] += n
        else:
            merged.append(n)
    return merged


_CREDIT_IN_TEXT = re.compile(
    rf"[（(]\s*{ROLE_WORDS}(?P<rest>(?:\s+[\u4e00-\u9fff·]{{2,4}})+(?:\s+[摄攝])?)\s*[）)]"
    # a photo credit closing a caption: 新华社记者 李嘉南摄
    rf"|(?<=[。！？”\s])(?:[\u4e00-\u9fff]{{0,6}}?{ROLE_WORDS})(?P<tail>(?:\s+[\u4e00-\u9fff·]{{2,5}}?)+)\s*[摄攝]$"
)


def credit_spaces(text: str) -> set[int]:
    """Offsets of spaces that separate role and names in a credit inside text: ``（记者 吴强 摄）``.

    These are printed spaces, not line ends, and must survive space repair.
    """
    keep: set[int] = set()
    for m in _CREDIT_IN_TEXT.finditer(text):
        names = [n for n in (m.group("rest") or m.group("tail")).split() if len(n) >= 2]
        if all(is_person_name(n) for n in names):
            keep.update(i for i in range(m.start(), m.end()) if text[i] == " ")
    return keep
