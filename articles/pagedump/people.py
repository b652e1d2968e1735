"""People named in an article, with the title the text gives them.

Part-of-speech tagging alone is not enough: jieba tags 高峰 and 智慧 as names
and cuts 韩文让 to 韩文. A name is taken only where the text anchors it:

    市委副书记、市长常书铭带领……        title, then the name
    副主席王继堂、韩文让、张鲜苹、岳志坚    several names sharing one title
    担任项目经理的武云龙决定……          a role, "的", the name
    来自河北的张晓梅参加了……            where they come from, "的", the name
    习近平总书记                        the few titles printed after a name

and only when it has a known surname, is not a common word (jieba's
dictionary decides), and is followed by punctuation or by a word that
follows names ("主持", "说", "参加"...). Precision is worth more than
recall: a wrong person page is worse than a missing one.
"""
import re

from .names import looks_like_name
from .text import CJK

# Words a title ends with. Longer forms first so that the regex prefers them.
TITLE_WORDS = sorted(set("""
总书记 副书记 书记 副主席 主席 副主任 主任 副秘书长 秘书长 副市长 市长 副县长 县长 副区长 区长 副省长 省长
副镇长 镇长 副乡长 乡长 村长 副部长 部长 副局长 局长 副厅长 厅长 副处长 处长 科长 副院长 院长 副校长 校长
所长 站长 社长 副会长 会长 理事长 副董事长 董事长 总经理 副经理 经理 总裁 总监 厂长 队长 组长 副总理 总理
委员长 常委 委员 成员 专员 巡视员 调研员 司令员 政委 参谋长 大使 总领事 领事 发言人 行长 馆长 台长 主编
导演 编剧 演员 歌手 作家 画家 副教授 教授 讲师 副研究员 研究员 院士 主任医师 医师 医生 护士长 护士 工程师
律师 法官 检察官 民警 警官 老师 教师 负责人 专家 教练 主教练 运动员 传承人 创始人 董事 监事 主播 指导员
网格员 志愿者 驻村第一书记 第一书记 党支部书记 支部书记 村主任 村委会主任 社区主任 班长 处长 园长 店长
""".split()), key=len, reverse=True)
_TITLE_RE = re.compile("(?:" + "|".join(TITLE_WORDS) + ")")

# Titles that stand after a name ("习近平总书记", "李克强总理").
POST_TITLES = ("总书记", "副总理", "总理", "委员长")

# Words that may follow a name; a name candidate must be followed by one of
# these or by punctuation.
FOLLOWERS = sorted(set("""
主持 主办 出席 参加 列席 讲话 致辞 说 表示 指出 强调 认为 介绍 告诉 坦言 透露 回忆 解释 建议 希望 要求 提出
带领 率队 率 陪同 会见 会同 调研 考察 检查 来到 来 到 走进 在 是 等 和 与 及 一行 同志 宣布 代表 作 做 向 为
对 也 还 都 就 决定 带着 带 正在 已经 已 说道 笑着 感慨 称 补充 获得 荣获 当选 担任 分别 一起 共同 先后 讲述
发表 签署 看到 听到 看 拿 把 被 让 从 给 通过 听取 主讲 解读 亲自 随后 同时 首先 最后 又 再 则 便 曾 将 要
会 能 于 的 了 之 所 称赞 点赞 坚持 希望 答道 笑道 回答 指着 一边 身为 作为 现场 当即 立即 迅速 主动 积极
""".split()), key=len, reverse=True)
_FOLLOW_RE = re.compile("(?:" + "|".join(FOLLOWERS) + ")")
_PUNCT_AFTER = set("，。、；：！？”’）)》…—,.;:!? \n")

# Scanning left from a title word, these end the title.
_STOP_CHARS = set("，。；：！？“”‘’（）()《》【】…—,.;:!?·是由在和与及对向为让请把被据了等也都就还又即这那从将给同跟的")
_STOP_WORDS = ("担任", "作为", "身为", "带领", "陪同", "会见", "看望", "慰问", "来自", "包括", "其中", "以及")
MAX_TITLE = 30
_FROM_RE = re.compile(f"来自[{CJK}]{{1,12}}?的")
# Rare surnames that, right after a title word, are nearly always a
# conjunction or the end of a word.
_JOINERS = set("和国")

_common = None      # filled by _load_words()
_words3 = None


def _common_words():
    """Two- and three-character words jieba's dictionary knows as common
    (frequency 50 or more): 高峰, 智慧, 文明 are words, whatever their tag."""
    _load_words()
    return _common


def _known_words3():
    """Three-character words the dictionary knows (frequency 10 or more)
    that are not names: 白大褂."""
    _load_words()
    return _words3


def _load_words():
    global _common, _words3
    if _common is not None:
        return
    words, words3 = set(), set()
    try:
        import jieba
        with jieba.get_dict_file() as f:
            for raw in f:
                parts = raw.split()
                if len(parts) < 2:
                    continue
                word, freq = parts[0].decode("utf-8"), int(parts[1])
                if not 2 <= len(word) <= 3:
                    continue
                is_name = len(parts) > 2 and parts[2].decode().startswith("nr")
                if freq >= 50 and (len(word) == 2 or not is_name):
                    words.add(word)
                if len(word) == 3 and freq >= 10 and not is_name:
                    words3.add(word)
    except Exception:  # pragma: no cover - jieba is a dependency; degrade, do not fail
        pass
    _common, _words3 = frozenset(words), frozenset(words3)


def _is_name(cand):
    return looks_like_name(cand) and cand not in _common_words()


def _plainly_a_name(name):
    """Stricter, for a name no title anchors: "游客前来", "刘涛也参加",
    "呼吸科" and "白大褂" read as names to the looser test."""
    return name[:2] not in _common_words() and name not in _known_words3() and not (
        len(name) == 3 and name[2] in "也都还又就才即便却")


def _name_at(text, pos):
    """The name starting at `pos`, three characters tried before two, which
    must be followed by punctuation, the end, or a follower word."""
    for size in (3, 2):
        cand = text[pos:pos + size]
        if len(cand) != size or not re.fullmatch(f"[{CJK}]+", cand):
            continue
        after = pos + size
        if after < len(text) and text[after] not in _PUNCT_AFTER and not _FOLLOW_RE.match(text, after):
            continue
        if _is_name(cand):
            return cand
    return None


def _title_before(text, end):
    """The title ending at `end` (exclusive), scanning left to a stop."""
    start = end
    while start > 0 and end - start < MAX_TITLE:
        ch = text[start - 1]
        if ch == "、":
            # "市委副书记、市长": the part before the comma must itself end
            # in a title for the title to go on.
            head = text[max(0, start - 1 - MAX_TITLE):start - 1]
            if _TITLE_RE.search(head[-6:]) and re.search("(?:" + "|".join(TITLE_WORDS) + ")$", head):
                start -= 1
                continue
            break
        if ch in _STOP_CHARS or not re.match(f"[{CJK}]", ch):
            break
        if any(text.endswith(w, 0, start) for w in _STOP_WORDS):
            break
        start -= 1
    return text[start:end]


def find_people(paragraphs, exclude=()):
    """[{"name", "title"}] in order of first mention; `exclude` are names
    already credited (reporters, photographers)."""
    found = {}
    exclude = set(exclude)
    for text in paragraphs:
        for m in _TITLE_RE.finditer(text):
            pos = m.end()
            if pos < len(text) and text[pos] == "的":
                pos += 1
            if text[pos:pos + 1] in _JOINERS:
                continue    # "专家和医生", "成员国之间": a word goes on, no name
            name = _name_at(text, pos)
            if not name:
                continue
            title = _title_before(text, m.end())
            if title.endswith("的"):
                title = title[:-1]
            _add(found, name, title, exclude)
            # Names listed after it share the title: "副主席王继堂、韩文让".
            pos += len(name)
            while pos < len(text) and text[pos] == "、":
                nxt = _name_at(text, pos + 1)
                if not nxt:
                    break
                _add(found, nxt, title, exclude)
                pos += 1 + len(nxt)
        # "来自河北的张晓梅参加了……": a person introduced by where they come from.
        for m in _FROM_RE.finditer(text):
            name = _name_at(text, m.end())
            if name and _plainly_a_name(name):
                _add(found, name, None, exclude)
        for title in POST_TITLES:
            for m in re.finditer(title, text):
                for size in (3, 2):
                    start = m.start() - size
                    if start < 0:
                        continue
                    cand = text[start:m.start()]
                    # "英国前总理": a country and "前", not a name.
                    if re.fullmatch(f"[{CJK}]+", cand) and _is_name(cand) and cand[0] not in _JOINERS \
                            and cand[-1] not in "前原副代":
                        _add(found, cand, title, exclude)
                        break
    return [{"name": n, "title": t} for n, t in found.items()]


def _add(found, name, title, exclude):
    if name in exclude:
        return
    title = title or None
    if name not in found or (found[name] is None and title):
        found[name] = title
