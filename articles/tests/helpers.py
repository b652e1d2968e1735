"""Helpers for the database tests: dump files on disk, running the import
command, small pages to import."""
import io
import random
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command

from .support import DEMO_PAGE

SAMPLE_BYTES = DEMO_PAGE.read_bytes()


@contextmanager
def dump_dir(files=None):
    """A temporary folder holding {relative path: bytes or str}."""
    d = Path(tempfile.mkdtemp(prefix="dumps-"))
    try:
        for name, content in (files or {}).items():
            path = d / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


class CommandResult:
    def __init__(self, status, out, err):
        self.status, self.out, self.err = status, out, err

    def __repr__(self):
        return f"<exit {self.status}\n{self.out}\n{self.err}>"


def import_pages(*args):
    out, err = io.StringIO(), io.StringIO()
    status = 0
    try:
        call_command("import_pages", *[str(a) for a in args], "--no-progress", stdout=out, stderr=err)
    except SystemExit as e:
        status = e.code
    return CommandResult(status, out.getvalue(), err.getvalue())


def article_page(headline, body, lead="本报讯（记者雷甫）", continued_to=None, continued_from=None, extra=""):
    """A small page: one article, its headline above it (letter-spaced)."""
    text = " ".join(headline) + "\n\n"
    if continued_from:
        text += f"（上接第{continued_from}版）"
    text += lead + body
    if continued_to:
        text += f" （下转第{continued_to}版）"
    return text + "\n" + extra


def two_article_page(first_body="市政协召开党组会议，集中学习有关讲话精神。",
                     second_body="年关将至，能否回家过年，牵动着不少在外打工者的心。"):
    return (f"市 政 协 召 开 党 组 会 议\n\n本报讯（记者雷甫）{first_body}\n\n"
            f"就 地 过 大 年 暖 心 更 安 心\n\n本报讯（记者王菲）{second_body}\n")


# A large page for the memory and size tests (and bench/import_memory.py).
PLACES = ["榆次", "太谷", "祁县", "平遥", "介休", "灵石", "寿阳", "昔阳", "和顺", "左权", "榆社", "晋中",
          "经开区", "高新区", "山西", "太原", "龙城", "汾河", "太行", "晋商"]
SUBJECTS = ["春耕", "项目", "文旅", "乡村", "教育", "医疗", "交通", "生态", "科技", "产业", "民生", "就业",
            "消费", "农业", "工业", "社区", "物流", "金融", "人才", "安全"]
ACTIONS = ["稳步推进", "提质增效", "开局良好", "成效明显", "再上台阶", "亮点纷呈", "加速发展", "持续向好",
           "全面启动", "顺利完成", "扎实开展", "焕发新貌", "蓬勃兴起", "迈出新步", "取得突破", "有序复工",
           "喜迎新春", "活力迸发", "深入推进", "走深走实"]
REPORTERS = ["雷甫", "王菲", "刘吟", "李晓雯", "王志敏", "曹伟", "张丽", "赵刚"]
SENTENCES = [
    "2月3日上午，市委副书记、市长常书铭带领有关部门负责人，深入基层调研相关工作。",
    "当前正处于关键时期，各级各部门要坚持问题导向，压实工作责任，确保各项任务落到实处。",
    "我市以开展系列活动为媒介，生动讲述晋中故事，充分展示晋商故里的独特魅力。",
    "年关将至，能否回家过年，牵动着不少在外打工者的心。",
    "项目部为留下过年的工人准备了年货，还组织了丰富多彩的联欢活动。",
    "据了解，今年以来全市新签约项目同比增长两成以上，为全年经济发展打下了坚实基础。",
    "在田间地头，农技人员手把手指导农户科学施肥、合理灌溉，确保春耕生产有序进行。",
    "活动现场，志愿者们为群众送上春联和福字，浓浓的年味扑面而来。",
    "企业负责人表示，将抓住机遇，加快技术改造，推动产品向高端化、智能化方向发展。",
    "下一步，该区将继续优化营商环境，全力做好服务保障，让企业安心发展、放心投资。",
    "社区工作人员挨家挨户走访，详细了解居民的实际需求，及时帮助解决困难问题。",
    "这一个个活动以其独特的魅力成为我市一张张亮丽的名片，也让更多人认识了晋中。",
]


def many_articles_dump(size_bytes, seed=1):
    """A page dump of about `size_bytes` bytes (UTF-8): short articles, one
    after another, each under its own letter-spaced headline."""
    rng = random.Random(seed)
    parts, size, k = [], 0, 0
    while size < size_bytes:
        headline = PLACES[k % 20] + SUBJECTS[(k // 20) % 20] + ACTIONS[(k // 400) % 20]
        paragraphs = []
        for _ in range(4):
            paragraphs.append("".join(rng.sample(SENTENCES, 4)))
        text = (" ".join(headline) + "\n\n" + f"本报讯（记者{rng.choice(REPORTERS)}）"
                + "\n".join(paragraphs) + "\n\n")
        parts.append(text)
        size += len(text.encode("utf-8"))
        k += 1
    return "".join(parts).encode("utf-8"), k
