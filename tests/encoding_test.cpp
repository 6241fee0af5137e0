#include "text/encoding.h"

#include <catch2/catch.hpp>

#include "test_util.h"

using namespace tmkit;
using tmkit::test::TempDir;
using tmkit::test::WriteFile;

namespace {

std::string Utf16(const std::string& ascii_or_utf8, bool little_endian, bool bom) {
  // Only for the test strings below: UTF-8 -> UTF-16 via a tiny decoder.
  std::u32string cps;
  for (size_t i = 0; i < ascii_or_utf8.size();) {
    unsigned char c = ascii_or_utf8[i];
    char32_t cp;
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (ascii_or_utf8[i + k] & 0x3F);
    cps.push_back(cp);
    i += len;
  }
  std::string out;
  auto put = [&](uint16_t u) {
    if (little_endian) {
      out.push_back(static_cast<char>(u & 0xFF));
      out.push_back(static_cast<char>(u >> 8));
    } else {
      out.push_back(static_cast<char>(u >> 8));
      out.push_back(static_cast<char>(u & 0xFF));
    }
  };
  if (bom) put(0xFEFF);
  for (char32_t cp : cps) {
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(static_cast<uint16_t>(0xD800 + (cp >> 10)));
      put(static_cast<uint16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      put(static_cast<uint16_t>(cp));
    }
  }
  return out;
}

const std::string kDoc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<x>中国 한국 𠀋</x>\n";
const std::string kExpected = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<x>中国 한국 𠀋</x>\n";

}  // namespace

TEST_CASE("UTF-16 with and without BOM reads as UTF-8", "[encoding]") {
  TempDir dir;
  for (bool le : {true, false}) {
    for (bool bom : {true, false}) {
      std::string path = WriteFile(dir / "f.xml", Utf16(kDoc, le, bom));
      Utf8Source src(path, true);
      std::string out;
      while (src.Read(&out, 7)) {
      }
      CHECK(out == kExpected);
      CHECK(src.encoding() == (le ? "UTF-16LE" : "UTF-16BE"));
      CHECK(src.warnings().empty());
    }
  }
}

TEST_CASE("a UTF-8 BOM is dropped, and wins over a contradicting declaration", "[encoding]") {
  TempDir dir;
  std::string path = WriteFile(dir / "f.xml", "\xEF\xBB\xBF" + kDoc);
  Utf8Source src(path, true);
  std::string out;
  while (src.Read(&out, 1 << 16)) {
  }
  CHECK(out == kExpected);
  CHECK(src.encoding() == "UTF-8");
  REQUIRE(src.warnings().size() == 1);
  CHECK(src.warnings()[0].find("UTF-16") != std::string::npos);
}

TEST_CASE("declared 8-bit encodings are converted with ICU", "[encoding]") {
  TempDir dir;
  // windows-1254 (Turkish): 0xFD is dotless i, 0xF0 is g-breve.
  std::string path = WriteFile(dir / "f.xml",
                               "<?xml version=\"1.0\" encoding=\"windows-1254\"?><t>\xFD\xF0</t>");
  CHECK(ReadFileAsUtf8(path, true) ==
        "<?xml version=\"1.0\" encoding=\"windows-1254\"?><t>\u0131\u011F</t>");
  std::string latin1 = WriteFile(dir / "g.xml", "<?xml version='1.0' encoding='ISO-8859-1'?><t>\xE9</t>");
  CHECK(ReadFileAsUtf8(latin1, true) == "<?xml version='1.0' encoding='ISO-8859-1'?><t>\u00e9</t>");
}

TEST_CASE("invalid UTF-8 is reported with line and column", "[encoding]") {
  TempDir dir;
  std::string path = WriteFile(dir / "f.xml", "<a>\nline two\nab中\xC3\x28 rest</a>");
  try {
    ReadFileAsUtf8(path, true);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == Error::Kind::kInput);
    CHECK(e.where().line == 3);
    CHECK(e.where().column == 4);
    CHECK(std::string(e.what()).find("invalid UTF-8") != std::string::npos);
  }
}

TEST_CASE("a decoding error comes after the good text before it, from every later Read",
          "[encoding]") {
  TempDir dir;
  std::string good = "<a>\nline two\nab\u4E2D";
  struct Case {
    std::string name, bytes, message;
  };
  for (const Case& c : {
           Case{"invalid UTF-8", good + "\xC3\x28 rest</a>", "invalid UTF-8"},
           Case{"NUL in UTF-8", good + std::string("\0 rest</a>", 8), "NUL character"},
           // a lone high surrogate, then "(" (ICU converts UTF-16)
           Case{"UTF-16LE", Utf16(good, true, true) + std::string("\x00\xD8(\x00", 4),
                "not valid"},
       }) {
    INFO(c.name);
    Utf8Source src(WriteFile(dir / "f.xml", c.bytes), true);
    std::string out;
    CHECK(src.Read(&out, 1 << 20));
    CHECK(out == good);
    for (int again = 0; again < 2; ++again) {
      try {
        src.Read(&out, 1 << 20);
        FAIL("no error");
      } catch (const Error& e) {
        CHECK(e.kind() == Error::Kind::kInput);
        CHECK(e.where().line == 3);
        CHECK(e.where().column == 4);
        CHECK(e.message().find(c.message) != std::string::npos);
      }
    }
    CHECK(out == good);
  }
}

TEST_CASE("invalid bytes found across chunk boundaries", "[encoding]") {
  TempDir dir;
  std::string big(100000, 'a');
  big += "\n\xE4\xB8";  // truncated 3-byte sequence at the very end
  std::string path = WriteFile(dir / "f.txt", big);
  Utf8Source src(path, false);
  std::string out;
  REQUIRE_THROWS_AS(
      [&] {
        while (src.Read(&out, 4096)) {
        }
      }(),
      Error);
}

TEST_CASE("UTF-8 validation rejects overlongs, surrogates and NUL", "[encoding]") {
  CHECK(FindInvalidUtf8("abc", 3) == 3);
  CHECK(FindInvalidUtf8("\xC0\xAF", 2) == 0);
  CHECK(FindInvalidUtf8("x\xED\xA0\x80", 4) == 1);
  CHECK(FindInvalidUtf8("xy\0z", 4) == 2);
  CHECK(FindInvalidUtf8("\xF4\x90\x80\x80", 4) == 0);
  CHECK(FindInvalidUtf8("\xF0\x9F\x98\x80", 4) == 4);
  CHECK(FindInvalidUtf8("ab\xE4\xB8", 4) == 2);  // cut: the caller decides
}

TEST_CASE("unknown encodings and missing files are errors", "[encoding]") {
  TempDir dir;
  std::string path = WriteFile(dir / "f.xml", "<?xml version=\"1.0\" encoding=\"klingon-8\"?><a/>");
  CHECK_THROWS_AS(Utf8Source(path, true), Error);
  CHECK_THROWS_AS(Utf8Source(dir / "missing.xml", true), Error);
}
