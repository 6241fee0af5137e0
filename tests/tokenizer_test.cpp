#include "text/tokenizer.h"

#include <catch2/catch.hpp>

#include <random>

using namespace tmkit;

namespace {

std::vector<std::string> Folded(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) out.push_back(t.folded);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("English: words, numbers and punctuation", "[tokenizer]") {
  CHECK(Folded("The Korean War (1950-53) didn't end.") ==
        V{"the", "korean", "war", "(", "1950", "-", "53", ")", "didn't", "end", "."});
  CHECK(Folded("  2.4 million, 1,000 people  ") == V{"2.4", "million", ",", "1,000", "people"});
  CHECK(Folded("Kim Jong-un") == V{"kim", "jong", "-", "un"});
}

TEST_CASE("Chinese: one token per Han character", "[tokenizer]") {
  CHECK(Folded("中国人民志愿军。") == V{"中", "国", "人", "民", "志", "愿", "军", "。"});
  CHECK(Folded("1952年10月14日") == V{"1952", "年", "10", "月", "14", "日"});
  CHECK(Folded("朝中社KCNA报道") == V{"朝", "中", "社", "kcna", "报", "道"});
}

TEST_CASE("Korean: one token per Hangul syllable, spacing does not matter", "[tokenizer]") {
  CHECK(Folded("정전 협정") == V{"정", "전", "협", "정"});
  CHECK(Folded("정전협정") == Folded("정전 협정"));
  CHECK(Folded("중국인민지원군의") == V{"중", "국", "인", "민", "지", "원", "군", "의"});
}

TEST_CASE("Japanese kana and placeholders", "[tokenizer]") {
  CHECK(Folded("カタカナ") == V{"カ", "タ", "カ", "ナ"});
  CHECK(Folded("%s files") == V{"%", "s", "files"});
}

TEST_CASE("tokens point back into the text", "[tokenizer]") {
  std::string text = "Ｋｏｒｅａｎ 战争";
  auto tokens = Tokenize(text);
  REQUIRE(tokens.size() == 3);
  CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "Ｋｏｒｅａｎ");
  CHECK(tokens[0].folded == "korean");
  CHECK(tokens[0].kind == Token::Kind::kWord);
  CHECK(tokens[1].kind == Token::Kind::kHan);
  CHECK(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin) == "争");
  CHECK(Tokenize("").empty());
  CHECK(Tokenize("   ").empty());
}

TEST_CASE("the ASCII fast path gives exactly ICU's tokens", "[tokenizer]") {
  auto same = [](const std::string& s) {
    std::vector<Token> fast = Tokenize(s, true), icu = Tokenize(s, false);
    INFO("text: [" << s << "]");
    REQUIRE(fast.size() == icu.size());
    for (size_t i = 0; i < fast.size(); ++i) {
      INFO("token " << i << ": " << icu[i].folded);
      CHECK(fast[i].kind == icu[i].kind);
      CHECK(fast[i].begin == icu[i].begin);
      CHECK(fast[i].end == icu[i].end);
      CHECK(fast[i].folded == icu[i].folded);
    }
  };
  for (const char* s : {"The Battle of Shangganling ended on 25 November 1952.", "abc123 123abc 1953 x9",
                        "well-known, so-called (really) \"quoted\" 'single' text!", "e.g. U.S. can't 2.4 1,000 a:b",
                        "end.", ".start", "a . b , c ' d ; e : f", "tab\there\nnew\r\nline", "%s {0} %1$s 50% $5 #1 @x",
                        "under_score", "Kim Jong-un's visit", "", " ", "...", "9.", ".9", "a'", "'a"}) {
    same(s);
  }
  // Random text: every printable ASCII character, tab, newline and carriage return, with
  // letters, digits and spaces more frequent, so that words and numbers form.
  std::string alphabet = "aZkQe09 5  \t\n\r";
  for (char c = '!'; c <= '~'; ++c) alphabet += c;
  std::mt19937 rng(7);
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    size_t len = rng() % 24;
    for (size_t j = 0; j < len; ++j) s += alphabet[rng() % alphabet.size()];
    same(s);
  }
}

TEST_CASE("simple text gets Tokenize's folded tokens without Token objects", "[tokenizer]") {
  std::string folded;
  std::vector<uint32_t> ends;
  // What SimpleFoldedTokens gives as a list, or {"<not simple>"}.
  auto simple = [&](const std::string& s) {
    if (!SimpleFoldedTokens(s, &folded, &ends)) return V{"<not simple>"};
    V out;
    for (size_t i = 0; i < ends.size(); ++i) {
      uint32_t b = i == 0 ? 0 : ends[i - 1];
      out.push_back(folded.substr(b, ends[i] - b));
    }
    return out;
  };
  // Texts it must take: English, Chinese and Korean sentences of the kind a memory holds.
  for (const char* s : {"The Battle of Shangganling ended on 25 November 1952.", "上甘岭战役于1952年11月25日结束。",
                        "상감령 전투는 1952년 11월 25일에 끝났다.", "中国人民志愿军、朝鲜人民军。", "", "ABC 中文 def",
                        "志愿军（中国）：“上甘岭”……是的！", "中文，英文", "“지원군” — 상감령…"}) {
    INFO("text: [" << s << "]");
    CHECK(simple(s) == Folded(s));
  }
  // Marks that fold to more bytes than they take (‷ to ‵‵‵), before a word.
  for (const char* s : {"‷漢abcdef", "‷‷‷漢abcdefghij", "漢‶⁗漢Abc def"}) {
    INFO("text: [" << s << "]");
    CHECK(simple(s) == Folded(s));
  }
  // Texts it must leave to Tokenize: other scripts, full-width punctuation, marks beside ASCII.
  for (const char* s : {"Café", "カタカナ", "abc。", "1.5、2", "a_b", "中\u3000文", "中，a文", "中﹫文", "中‾文", "中＿文",
                        "中٫٫文", "中׳．׳文", "中゠文"}) {
    INFO("text: [" << s << "]");
    CHECK(simple(s) == V{"<not simple>"});
  }
  // Random text from ASCII, Han, Hangul, 、。, kana, a full-width comma, a combining mark and
  // a conjoining jamo: whenever it takes a text, its tokens are exactly Tokenize's.
  std::vector<std::string> alphabet = {"a", "Z", "k", "Q", "e", "0", "9", " ", " ", "\t", "\n", ".", ",", "'", "-",
                                       "_", "@", ":", "(", "\"", "中", "国", "상", "감", "、", "。", "か", "，",
                                       "\u0301", "\u11A8", "\x7f", "（", "）", "：", "“", "”", "…", "’", "‥",
                                       "—", "－", "．", "﹫", "‾", "＿", "!", "$", "+", "<", "%", "{", "\u3000",
                                       "‷", "‶", "⁗", "٫", "׳", "゠", "abcdef"};
  std::mt19937 rng(11);
  int taken = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    size_t len = rng() % 16;
    for (size_t j = 0; j < len; ++j) s += alphabet[rng() % alphabet.size()];
    V got = simple(s);
    if (got == V{"<not simple>"}) continue;
    ++taken;
    INFO("text: [" << s << "]");
    CHECK(got == Folded(s));
  }
  CHECK(taken > 2000);  // the comparison above ran on many texts
}
