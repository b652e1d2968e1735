"""Snippets: every occurrence of a query word is marked where the segmenter
sees that word, and only the runs that hold one are segmented (the same
marks as segmenting the whole article). No database."""
import random
from unittest import TestCase

from articles.search import segment, snippets

from .pagegen import load_corpus
from .support import needs_shared


def marked(snippet):
    return [text for text, is_marked in snippet.segments if is_marked]


class SnippetTests(TestCase):
    def test_a_repeated_word_is_marked_every_time(self):
        text = "网民规模达9.89亿，其中手机网民规模达9.86亿，网民使用手机上网的比例为99.7%。"
        self.assertEqual(marked(snippets.snippet(text, ["网民"])), ["网民", "网民", "网民"])

    def test_a_word_inside_a_longer_word_is_marked_where_the_segmenter_cuts_it(self):
        # search mode also yields 疫情 out of 疫情防控
        self.assertEqual(marked(snippets.snippet("做好疫情防控工作", ["疫情"])), ["疫情"])

    def test_characters_that_are_not_a_word_there_are_not_marked(self):
        # 和平 is not the word 平 ... the words here are 和平 and 发展
        self.assertEqual(marked(snippets.snippet("和平与发展是时代主题", ["平"])), [])

    def test_latin_and_digits_keep_their_runs(self):
        text = "COVID-19 疫情期间，5G 网络和 Wi-Fi 覆盖率达到 99.5%。"
        for word in ("5g", "疫情", "网络"):
            with self.subTest(word=word):
                self.assertEqual([(s, e) for s, e in snippets._word_spans(text, {word})],
                                 [(s, e) for w, s, e in segment.tokenize(text) if w == word])

    def test_a_phrase_is_marked_whole(self):
        text = "全市上下坚持疫情防控和经济社会发展两手抓。"
        self.assertEqual(marked(snippets.snippet(text, ["疫情", "防控"], ["疫情防控"])), ["疫情防控"])

    def test_the_text_is_escaped_and_the_marks_are_not(self):
        html = snippets.snippet("<b>网民</b>规模", ["网民"]).html
        self.assertEqual(html, "&lt;b&gt;<mark>网民</mark>&lt;/b&gt;规模")

    @needs_shared
    def test_segmenting_only_the_runs_with_a_match_marks_what_segmenting_everything_would(self):
        rng = random.Random(5)
        for row in rng.sample(load_corpus(), 300):
            text = " ".join([row["headline"], *row["paragraphs"]])
            tokens = segment.tokenize(text)
            words = {w for w, _s, _e in rng.sample(tokens, 3)}
            with self.subTest(headline=row["headline"], words=words):
                self.assertEqual(sorted(snippets._word_spans(text, words)),
                                 sorted((s, e) for w, s, e in tokens if w in words))
