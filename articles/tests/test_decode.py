"""decode_dump: the encodings dumps come in, and clear errors for files
that are not page dumps."""
import unittest

from articles.pagedump import DumpError, decode_dump

TEXT = "本报讯（记者刘吟）2月3日上午，市委副书记、市\n长常书铭调研疫情防控工作。\n"


class DecodeTests(unittest.TestCase):
    def test_utf8_with_and_without_bom(self):
        self.assertEqual(decode_dump(TEXT.encode("utf-8")), TEXT)
        self.assertEqual(decode_dump(b"\xef\xbb\xbf" + TEXT.encode("utf-8")), TEXT)

    def test_gb18030_and_gbk(self):
        self.assertEqual(decode_dump(TEXT.encode("gb18030")), TEXT)
        self.assertEqual(decode_dump(TEXT.encode("gbk")), TEXT)

    def test_utf16_with_bom(self):
        self.assertEqual(decode_dump(TEXT.encode("utf-16")), TEXT)

    def test_crlf_and_cr_line_ends_become_lf(self):
        self.assertEqual(decode_dump(TEXT.replace("\n", "\r\n").encode("gb18030")), TEXT)
        self.assertEqual(decode_dump(TEXT.replace("\n", "\r").encode("utf-8")), TEXT)

    def test_empty_file(self):
        for data in (b"", b"   \n\r\n\t"):
            with self.subTest(data=data), self.assertRaisesRegex(DumpError, "empty"):
                decode_dump(data)

    def test_binary_file(self):
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
        with self.assertRaisesRegex(DumpError, "binary"):
            decode_dump(png)

    def test_text_that_is_neither_utf8_nor_gb18030(self):
        with self.assertRaisesRegex(DumpError, "neither UTF-8 nor GB18030"):
            decode_dump(b"\x80\x81\xff\xfe\xfd abc \x80")

    def test_text_without_chinese_is_not_a_dump(self):
        with self.assertRaisesRegex(DumpError, "no Chinese"):
            decode_dump(("The quick brown fox jumps over the lazy dog. " * 20).encode())

    def test_errors_are_one_line(self):
        for data in (b"", b"\x00\x01\x02", b"\x80\x81\xff"):
            with self.subTest(data=data):
                try:
                    decode_dump(data)
                except DumpError as e:
                    self.assertNotIn("\n", str(e))
