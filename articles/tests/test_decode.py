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

    def test_control_characters_are_refused_wherever_they_are(self):
        long_text = TEXT * 2000      # 100,000 characters: far past the sample the other checks read
        for char in ("\x00", "\x1b", "\x07", "\x7f"):
            for at in (10, 30_000, len(long_text) - 5):
                with self.subTest(char=char, at=at):
                    text = long_text[:at] + char + long_text[at:]
                    for encoding in ("utf-8", "gb18030", "utf-16"):
                        line = long_text.count("\n", 0, at) + 1
                        expected = rf"control character \(U\+{ord(char):04X}\) on line {line}\b"
                        if char == "\x00" and at < 4096 and encoding != "utf-16":
                            expected = "binary"   # a NUL byte in the first 4 KB says so before decoding
                        with self.assertRaisesRegex(DumpError, expected):
                            decode_dump(text.encode(encoding))

    def test_tabs_form_feeds_and_line_ends_are_not_control_characters_here(self):
        self.assertEqual(decode_dump((TEXT + "\t制表\x0c分页\r\n").encode()), TEXT + "\t制表\n分页\n")

    def test_errors_are_one_line(self):
        for data in (b"", b"\x00\x01\x02", b"\x80\x81\xff"):
            with self.subTest(data=data):
                with self.assertRaises(DumpError) as refused:
                    decode_dump(data)
                message = str(refused.exception)
                self.assertTrue(message.strip())
                self.assertNotIn("\n", message)
