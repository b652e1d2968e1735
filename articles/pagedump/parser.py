"""parse_page: the raw text of one printed page to the parse of
PAGE_FORMAT.md §3."""
import re

from . import assemble, people
from .blocks import COLUMN_TAG_RE, MAX_SUBHEAD, SPEECH_END_RE, build_units, is_kicker_line, is_subtitle_line
from .lines import BANNER, BYLINE, FURNITURE, LABEL, PINYIN, classify, split_lines
from .text import SPACE_CHARS, cjk_count, clean_heading, ends_sentence


def parse_page(text: str) -> dict:
    if not isinstance(text, str):
        raise TypeError("parse_page takes str; use decode_dump() on bytes first")
    lines, _double = split_lines(text)
    classify(lines)
    units = build_units(lines)
    chain = assemble.build_chain(units)
    assemble.rejoin_open_prose(chain)
    assemble.mark_column_banners(chain)
    assemble.resolve_weak_headings(chain)
    assemble.peel_unfinished_endings(chain)
    assemble.absorb_leading_subheads(chain)
    chain = assemble.attach_bylines(chain)
    chain = assemble.give_photo_titles(chain)
    orientation, orphans = assemble.assign_headings(chain)
    orphans = assemble.split_merged_texts(chain, orphans)
    if orphans:
        placed = assemble.give_photo_titles([el for el in chain if el.kind == "P" or el in orphans], only_stacked=False)
        orphans = [el for el in orphans if el in placed]
    stray_bylines = _place_standalone_bylines(chain, orientation)

    warnings = [f"byline not placed with any article: {u.lines[0].clean}" for u in stray_bylines]
    page_label, pinyin = None, None
    banners = []
    for el in chain:
        if el.kind != "F":
            continue
        line = el.unit.lines[0]
        if line.kind == LABEL and page_label is None:
            page_label = line.clean
        elif line.kind == PINYIN and pinyin is None:
            pinyin = re.sub(f"[{SPACE_CHARS}]+", " ", line.raw.strip())
        elif line.kind in (BANNER, FURNITURE, LABEL, PINYIN):
            banners.append(el)
    _place_columns(chain, orientation)
    orphan_items = []
    for el in orphans:
        text = " ".join(clean_heading(ln.raw) for ln in el.unit.lines)
        if assemble.looks_like_column(el.unit):
            _give_column(chain, el, orientation, text)
        warnings.append(f"heading not placed with any article: {text}")
        orphan_items.append(el)

    segments = [el.seg for el in chain if el.kind in ("S", "P")]
    segments.sort(key=lambda s: s.start)
    items = []
    for seg in segments:
        item = _item(seg)
        n = len(items) + 1
        if item["kind"] == "article" and not item["headline"]:
            warnings.append(f"item {n}: no headline found")
        if item["kind"] == "photo" and not item["credits"]:
            warnings.append(f"item {n}: photo without a credit")
        items.append(item)
    for el in banners:
        line = el.unit.lines[0]
        items.append({
            "kind": "banner", "role": _banner_role(line), "headline": line.info if line.kind == BANNER else line.clean,
            "text": line.raw.strip(), "kicker": None, "subtitle": None, "column": None, "dateline": None,
            "credits": [], "body": [], "continued_to_page": None, "continued_from_page": None, "people": [],
        })
    for el in orphan_items:
        items.append({
            "kind": "banner", "role": "heading", "headline": " ".join(clean_heading(ln.raw) for ln in el.unit.lines),
            "text": "\n".join(ln.raw for ln in el.unit.lines), "kicker": None, "subtitle": None, "column": None,
            "dateline": None, "credits": [c for b in el.bylines for c in b.lines[0].credits or []],
            "body": [], "continued_to_page": None, "continued_from_page": None, "people": [],
            "byline": " ".join(b.lines[0].clean for b in el.bylines) or None,
        })
    return {"page_label": page_label, "page_label_pinyin": pinyin, "items": items, "warnings": warnings,
            "headings": orientation}


def _banner_role(line):
    if line.kind == BANNER:
        return "column"
    if line.kind == LABEL:
        return "label"
    if line.kind == PINYIN:
        return "pinyin"
    return line.info or "furniture"


def _place_columns(chain, orientation):
    headed = {id(c.seg.heading): c.seg for c in chain if c.kind in ("S", "P") and c.seg.heading is not None}
    for i, el in enumerate(chain):
        if el.kind == "F" and el.unit.lines[0].kind == BANNER:
            # A banner found standing over a heading goes to that heading's article.
            seg = headed.get(id(el.over)) if el.over is not None else None
            if seg is not None:
                seg.column = seg.column or el.unit.lines[0].info
            else:
                _give_column(chain, el, orientation, el.unit.lines[0].info, index=i)


def _give_column(chain, el, orientation, text, index=None):
    """A column banner goes to the article beside it that shares most of its
    words; with no overlap, to the one the page's headings face."""
    i = chain.index(el) if index is None else index
    before = next((c for c in reversed(chain[:i]) if c.kind == "S"), None)
    after = next((c for c in chain[i + 1:] if c.kind == "S"), None)
    chars = set(re.sub(r"\s", "", text))

    def overlap(c):
        if c is None:
            return -1
        seg = c.seg
        words = "".join(p.text for p in seg.paras[:3])
        if seg.heading:
            words += "".join(ln.clean for ln in seg.heading.lines) * 3
        return len(chars & set(words))

    ob, oa = overlap(before), overlap(after)
    if ob < 0 and oa < 0:
        return
    if ob == oa:
        target = before if orientation == "after" and before else after or before
    else:
        target = before if ob > oa else after
    if target.seg.column is None:
        target.seg.column = text


def _place_standalone_bylines(chain, orientation):
    """Byline lines not printed with a heading go to the article beside them:
    the one after them unless it opens with its own byline, or the page
    prints headings (and bylines) below the text. Returns those with no
    article beside them."""
    unplaced = []
    for i, el in enumerate(chain):
        if el.kind != "Y":
            continue
        prev = next((c for c in reversed(chain[:i]) if c.kind != "F"), None)
        nxt = next((c for c in chain[i + 1:] if c.kind != "F"), None)
        prev_seg = prev.seg if prev is not None and prev.kind in ("S", "P") else None
        next_seg = nxt.seg if nxt is not None and nxt.kind in ("S", "P") else None
        if el.unit.lines[0].kind != "byline" and prev_seg is None and next_seg is not None:
            next_seg.photo = True
        choices = [next_seg, prev_seg] if orientation == "before" else [prev_seg, next_seg]
        if next_seg is not None and next_seg.lead() and next_seg.lead()[1]:
            choices = [prev_seg, next_seg]
        for seg in choices:
            # A reporter's byline goes to an article, not to a photo.
            if seg is not None and not (seg.photo and el.unit.lines[0].kind == BYLINE):
                seg.bylines.append(el.unit)
                break
        else:
            unplaced.append(el.unit)
    return unplaced


def _heading_fields(unit, photo=False):
    """(kicker, headline, subtitle) from the lines of a heading.

    Two plain lines are read as headline and subtitle ("市政协召开63次主席会议 /
    王建林主持"), the way this paper sets them, unless the first reads as a
    kicker: it ends in "——" or "：", or reports who said what ("……强调")."""
    if unit is None:
        return None, None, None
    lines = list(unit.lines)
    if photo and not any(is_subtitle_line(ln) or is_kicker_line(ln) for ln in lines):
        # A photo title is often set as stacked short lines: "抓时节 / 忙养护".
        return None, " ".join(clean_heading(ln.raw) for ln in lines), None
    kicker = subtitle = None
    subs = [ln for ln in lines if is_subtitle_line(ln)]
    if subs:
        subtitle = " ".join(_strip_dashes(clean_heading(ln.raw)) for ln in subs)
        lines = [ln for ln in lines if ln not in subs]
    if len(lines) >= 2 and is_kicker_line(lines[0]):
        kicker = _strip_dashes(clean_heading(lines[0].raw))
        lines = lines[1:]
    if len(lines) >= 2:
        spaced = [ln for ln in lines if ln.spaced]
        if len(spaced) == 1:
            k = lines.index(spaced[0])
            if k > 0 and kicker is None:
                kicker = " ".join(clean_heading(ln.raw) for ln in lines[:k])
            rest = lines[k + 1:]
            if rest and subtitle is None:
                subtitle = " ".join(clean_heading(ln.raw) for ln in rest)
            lines = [spaced[0]]
        elif subtitle is None:
            if kicker is None and _first_is_kicker(lines[0].clean, lines[1].clean):
                kicker = clean_heading(lines[0].raw)
                lines = lines[1:]
            if len(lines) >= 2:
                subtitle = " ".join(clean_heading(ln.raw) for ln in lines[1:])
                lines = lines[:1]
        else:
            if kicker is None:
                kicker = " ".join(clean_heading(ln.raw) for ln in lines[:-1])
            lines = lines[-1:]
    headline = " ".join(clean_heading(ln.raw) for ln in lines) or None
    return kicker or None, headline, subtitle or None


_SUBTITLE_END_RE = re.compile(r"(?:主持|出席|讲话|致辞|参加)$")
_EVENT_END_RE = re.compile(r"(?:发布|召开|举行|开幕|闭幕|启动|开通|出台|公布|揭晓|成立|通过|启用|上线|开工|投用)$")


def _first_is_kicker(a, b):
    """Two plain heading lines, neither marked: is the first a kicker (and the
    second the headline), or the first the headline and the second its
    subtitle? The headline is the short, complete statement; a kicker leads
    in ("……强调"), a subtitle adds detail ("王沪宁出席")."""
    if SPEECH_END_RE.search(a):
        return True
    if (_SUBTITLE_END_RE.search(b) and len(b) <= 16) or b.startswith(("（", "(")):
        return False
    if _EVENT_END_RE.search(a):
        return False
    if COLUMN_TAG_RE.search(b) and not COLUMN_TAG_RE.search(a):
        return True
    if COLUMN_TAG_RE.search(a) and not COLUMN_TAG_RE.search(b):
        return False
    # Otherwise the lead-in reading is the more common one (measured on the
    # 人民日报 corpus: an unmarked kicker above a headline is six times as
    # common as an unmarked subtitle below one).
    return True


def _strip_dashes(s):
    return s.strip("—-－ ").strip() if s else s


def _item(seg):
    kicker, headline, subtitle = _heading_fields(seg.heading, photo=seg.photo)
    paras = [p.text for p in seg.paras]
    body = []
    for i, text in enumerate(paras):
        kind = "subhead" if i in seg.subheads or _inline_subhead(seg, i) else "paragraph"
        body.append({"type": kind, "text": text})
    credits, dateline, byline_texts = [], None, []
    lead = seg.lead() if not seg.photo else None
    lead_org = None
    if lead:
        dateline, lead_credits, lead_org = lead
        credits.extend(lead_credits)
    for unit in seg.bylines:
        line = unit.lines[0]
        byline_texts.append(line.clean)
        for c in line.credits or []:
            if seg.photo or line.kind != "credit":
                credits.append(dict(c))
    if seg.photo:
        byline_texts.append(seg.photo_credit_text)
        credits.extend(dict(c) for c in seg.photo_credits or [])
    credits = _dedupe_credits(credits, lead_org)
    credited = {c["name"] for c in credits if c["name"]}
    found = people.find_people(paras, exclude=credited) if not seg.photo else []
    item = {
        "kind": "photo" if seg.photo else "article",
        "headline": headline,
        "kicker": kicker,
        "subtitle": subtitle,
        "column": seg.column,
        "dateline": dateline,
        "credits": credits,
        "body": body,
        "continued_to_page": seg.marker_to,
        "continued_from_page": seg.marker_from,
        "people": found,
    }
    if byline_texts:
        item["byline"] = " ".join(t for t in byline_texts if t)
    if seg.markers:
        item["markers"] = list(seg.markers)
    return item


def _inline_subhead(seg, i):
    """A paragraph of one short line that ends no sentence, between two
    paragraphs of prose, is a subhead."""
    if i == 0 or i == len(seg.paras) - 1 or seg.photo:
        return False
    para = seg.paras[i]
    text = para.text
    if len(para.lines) != 1 or len(text) > MAX_SUBHEAD or ends_sentence(text):
        return False
    return text[-1] not in "，、；：,;:" and cjk_count(text) >= 4


def _dedupe_credits(credits, lead_org):
    out, seen = [], set()
    for c in credits:
        if c.get("org") is None and lead_org:
            c["org"] = lead_org
        if c.get("org") is None and c.get("role") in ("记者", "通讯员", "实习生", "摄影"):
            c["org"] = "本报" if c.get("role") != "记者" or lead_org is None else lead_org
        key = (c["name"], c["role"])
        if c["name"] and key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
