#include "text/sentence_splitter.h"

#include <catch2/catch.hpp>

#include <map>

#include "test_util.h"
#include "text/encoding.h"
#include "tmx/seg.h"
#include "tmx/tmx_reader.h"

using namespace tmkit;
using namespace tmkit::test;

using V = std::vector<std::string>;

TEST_CASE("English: abbreviations, initials, decimals, closing quotes", "[segment]") {
  CHECK(SplitSentences("Mr. Kim met Dr. Lee in Pyongyang. They talked.", "en") ==
        V{"Mr. Kim met Dr. Lee in Pyongyang.", "They talked."});
  CHECK(SplitSentences("The U.S. army left on Oct. 14 with 2.4 million rounds. It rained.", "en") ==
        V{"The U.S. army left on Oct. 14 with 2.4 million rounds.", "It rained."});
  CHECK(SplitSentences("He cited No. 5 and J. R. Smith Jr. in the report. Done.", "en") ==
        V{"He cited No. 5 and J. R. Smith Jr. in the report.", "Done."});
  CHECK(SplitSentences("Use tools, e.g. pliers. Then stop.", "en") == V{"Use tools, e.g. pliers.", "Then stop."});
  CHECK(SplitSentences("He said, \"We will win.\" The crowd cheered.", "en") ==
        V{"He said, \"We will win.\"", "The crowd cheered."});
  CHECK(SplitSentences("Was it (as some say.) a victory? Yes!", "en") ==
        V{"Was it (as some say.) a victory?", "Yes!"});
}

TEST_CASE("Chinese: full stops, closing quotes and brackets stay with their sentence", "[segment]") {
  CHECK(SplitSentences("他说：“我们胜利了。”大家欢呼。真的吗？是的！", "zh") ==
        V{"他说：“我们胜利了。”", "大家欢呼。", "真的吗？", "是的！"});
  CHECK(SplitSentences("（这是注释。）正文开始。", "zh") == V{"（这是注释。）", "正文开始。"});
  CHECK(SplitSentences("第一句；仍是第一句。", "zh") == V{"第一句；仍是第一句。"});
}

TEST_CASE("Korean: a quotation and its verb stay whole", "[segment]") {
  CHECK(SplitSentences("김 위원장은 \"전쟁은 없을 것이다.\"라고 말했다. 회의가 끝났다.", "ko") ==
        V{"김 위원장은 \"전쟁은 없을 것이다.\"라고 말했다.", "회의가 끝났다."});
  CHECK(SplitSentences("그는 “우리는 이겼다.”고 밝혔다. 정말인가? 그렇다!", "ko") ==
        V{"그는 “우리는 이겼다.”고 밝혔다.", "정말인가?", "그렇다!"});
}

TEST_CASE("paragraphs are blocks between blank lines", "[segment]") {
  CHECK(SplitParagraphs("one\ntwo\n\n  \nthree\r\n") == V{"one two", "three"});
  CHECK(SplitParagraphs("上甘岭\n精神\n\n다음\n문단") == V{"上甘岭精神", "다음 문단"});
  CHECK(SplitParagraphs("\n\n").empty());
}

TEST_CASE("the shipped texts split where the hand alignment does", "[segment]") {
  // Every bead of the gold holds whole sentences: the sentences of a paragraph, taken in
  // order, rebuild its beads exactly.
  TmxReader reader(SourceDir() + "/tmx/shangganling.en-zh-ko.tmx", {});
  std::map<std::string, std::map<int, V>> beads;  // lang -> paragraph -> segs
  Unit u;
  Location where;
  while (reader.Next(&u, &where)) {
    int para = std::stoi(u.annotations.at(0).text);
    for (const Variant& v : u.variants) beads[v.lang][para].push_back(SegPlainText(v.seg));
  }
  const std::map<std::string, std::string> files = {{"en", "en"}, {"zh-CN", "zh"}, {"ko-KR", "ko"}};
  std::map<std::string, size_t> counts;
  for (const auto& [lang, suffix] : files) {
    V paragraphs = SplitParagraphs(ReadFileAsUtf8(SourceDir() + "/tmx/sources/shangganling." + suffix + ".txt", false));
    REQUIRE(paragraphs.size() == beads[lang].size());
    for (size_t p = 0; p < paragraphs.size(); ++p) {
      INFO(lang << " paragraph " << p + 1);
      V sentences = SplitSentences(paragraphs[p], lang);
      counts[lang] += sentences.size();
      size_t next = 0;
      for (const std::string& bead : beads[lang][static_cast<int>(p + 1)]) {
        std::string built;
        while (next < sentences.size() && built.size() < bead.size()) {
          if (!built.empty() && lang != "zh-CN") built += " ";
          built += sentences[next++];
        }
        CHECK(built == bead);
      }
      CHECK(next == sentences.size());
    }
  }
  CHECK(counts["en"] == 16);
  CHECK(counts["zh-CN"] == 18);
  CHECK(counts["ko-KR"] == 18);
}
