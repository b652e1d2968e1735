"""How close a parse is to a gold parse: the metrics of the shared
`score_page.py` (PAGE_FORMAT.md §4), kept in the project so that the
archive can score its parser on the pages editors checked without the
shared tools at run time.

Texts are compared with all white space removed. Items match when their
bodies are at least 90% alike; the overall score is the mean of the
metrics that have something to score.
"""
import difflib
import re

_WS = re.compile(r"\s+")
SCORED_KINDS = ("article", "photo")
METRICS = ("items_f1", "body", "paragraphs_f1", "headline", "subtitle", "credits_f1", "continuation",
           "people_f1", "page_label")


def _squash(s):
    return _WS.sub("", s or "")


def _body(item):
    return "".join(_squash(b.get("text")) for b in item.get("body") or [])


def _breaks(item):
    """Offsets in the squashed body where a paragraph or subhead begins."""
    pos, out = 0, set()
    for b in item.get("body") or []:
        if pos:
            out.add(pos)
        pos += len(_squash(b.get("text")))
    return out


def _similarity(a, b):
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _f1(pred, gold):
    pred, gold = set(pred), set(gold)
    if not pred and not gold:
        return 1.0
    hits = len(pred & gold)
    if not hits:
        return 0.0
    p, r = hits / len(pred), hits / len(gold)
    return 2 * p * r / (p + r)


def match_items(pred, gold, threshold=0.90):
    """{gold index: (pred index, similarity)}, best pairs first."""
    gold_texts = [_body(g) for g in gold]
    pred_texts = [_body(p) for p in pred]
    pairs = []
    for gi, gt in enumerate(gold_texts):
        for pi, pt in enumerate(pred_texts):
            # The ratio can reach the threshold only when the lengths allow.
            if 2 * min(len(gt), len(pt)) < threshold * (len(gt) + len(pt)):
                continue
            s = _similarity(pt, gt)
            if s >= threshold:
                pairs.append((s, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, matched = set(), set(), {}
    for s, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched[gi] = (pi, s)
    return matched


def score(pred, gold):
    """{metric: value or None}, with "overall" the mean of the others."""
    G = [i for i in gold.get("items", []) if i.get("kind") in SCORED_KINDS]
    P = [i for i in pred.get("items", []) if i.get("kind") in SCORED_KINDS]
    m = match_items(P, G)
    hits = len(m)
    precision = hits / len(P) if P else (1.0 if not G else 0.0)
    recall = hits / len(G) if G else 1.0
    if hits:
        items_f1 = 2 * precision * recall / (precision + recall)
    else:
        items_f1 = 1.0 if not G and not P else 0.0
    body, para, head, sub, cred, cont, ppl = [], [], [], [], [], [], []
    for gi, g in enumerate(G):
        if gi not in m:
            for xs in (body, para, head, sub, cont):
                xs.append(0.0)
            if "credits" in g:
                cred.append(0.0)
            if "people" in g:
                ppl.append(0.0)
            continue
        p = P[m[gi][0]]
        body.append(m[gi][1])
        para.append(_f1(_breaks(p), _breaks(g)))
        head.append(1.0 if _squash(p.get("headline")) == _squash(g.get("headline")) else 0.0)
        sub.append(1.0 if (_squash(p.get("subtitle")), _squash(p.get("kicker")))
                   == (_squash(g.get("subtitle")), _squash(g.get("kicker"))) else 0.0)
        if "credits" in g:
            cred.append(_f1({_squash(c.get("name")) for c in p.get("credits") or []},
                            {_squash(c.get("name")) for c in g.get("credits") or []}))
        cont.append(1.0 if (p.get("continued_to_page"), p.get("continued_from_page"))
                    == (g.get("continued_to_page"), g.get("continued_from_page")) else 0.0)
        if "people" in g:
            ppl.append(_f1({_squash(x.get("name")) for x in p.get("people") or []},
                           {_squash(x.get("name")) for x in g.get("people") or []}))

    def mean(xs):
        return sum(xs) / len(xs) if xs else None

    metrics = {
        "items_f1": items_f1, "body": mean(body), "paragraphs_f1": mean(para), "headline": mean(head),
        "subtitle": mean(sub), "credits_f1": mean(cred), "continuation": mean(cont), "people_f1": mean(ppl),
        "page_label": 1.0 if _squash(pred.get("page_label")) == _squash(gold.get("page_label")) else 0.0,
    }
    metrics["overall"] = mean([v for v in metrics.values() if v is not None])
    return metrics


def mean_scores(results):
    """Means over pages of each metric that was scored somewhere."""
    keys = list(METRICS) + ["overall"]
    out = {}
    for k in keys:
        values = [r[k] for r in results if r.get(k) is not None]
        if values:
            out[k] = sum(values) / len(values)
    return out
