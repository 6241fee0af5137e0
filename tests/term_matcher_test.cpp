#include "glossary/term_matcher.h"

#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "test_util.h"

using namespace tmkit;

namespace {

// What a hit covers: the term as written and its particle, "term" or "term+particle".
std::string Show(std::string_view text, const TermMatcher::Hit& h) {
  std::string s(text.substr(h.begin, h.end - h.begin));
  if (h.particle_end > h.end) s += "+" + std::string(text.substr(h.end, h.particle_end - h.end));
  return s;
}

std::vector<std::string> Found(const TermMatcher& m, std::string_view text, std::string_view lang) {
  std::vector<std::string> out;
  for (const auto& h : m.Find(text, lang)) out.push_back(Show(text, h));
  return out;
}

using V = std::vector<std::string>;

// The terms of glossaries/korean-war.tsv (columns id, en, zh-Hans, ko, status, type, pos, case),
// ref = index in terms.
struct Glossary {
  struct Term {
    std::string lang, text;
  };
  std::vector<Term> terms;
  TermMatcher matcher;

  Glossary() {
    std::istringstream in(test::ReadFile(test::SourceDir() + "/glossaries/korean-war.tsv"));
    std::string line;
    std::getline(in, line);  // header
    const char* langs[] = {"en", "zh-Hans", "ko"};
    while (std::getline(in, line)) {
      std::vector<std::string> cols;
      std::stringstream ss(line);
      std::string col;
      while (std::getline(ss, col, '\t')) cols.push_back(col);
      cols.resize(11);
      for (int i = 0; i < 3; ++i) {
        if (cols[1 + i].empty()) continue;
        matcher.Add(static_cast<uint32_t>(terms.size()), langs[i], cols[1 + i], cols[7] == "yes");
        terms.push_back({langs[i], cols[1 + i]});
      }
    }
    matcher.Build();
  }

  // The glossary terms found in text, as the glossary writes them.
  std::set<std::string> TermsIn(std::string_view text, std::string_view lang) const {
    std::set<std::string> out;
    for (const auto& h : matcher.Find(text, lang)) out.insert(terms[h.ref].text);
    return out;
  }
};

const Glossary& KoreanWar() {
  static const Glossary g;
  return g;
}

}  // namespace

TEST_CASE("English: case, plurals and possessives", "[termmatch]") {
  TermMatcher m;
  m.Add(1, "en", "Army", false);
  m.Add(2, "en", "Chinese People's Volunteer Army", false);
  m.Add(3, "en", "Chinese People's Volunteers", false);
  m.Add(4, "en", "war veteran", false);
  m.Add(5, "en", "ceasefire", false);
  m.Add(6, "en", "Panmunjom", false);
  m.Add(7, "en", "truce talks", false);
  m.Add(8, "en", "box", false);
  m.Build();
  CHECK(Found(m, "army ARMY Army", "en") == V{"army", "ARMY", "Army"});
  CHECK(Found(m, "the Army's men", "en") == V{"Army+'s"});
  CHECK(Found(m, "the Army’s men", "en") == V{"Army+’s"});
  CHECK(Found(m, "two armies, the Armies' flags", "en") == V{"armies", "Armies+'"});
  CHECK(Found(m, "the Chinese People's Volunteers' passion", "en") == V{"Chinese People's Volunteers+'"});
  CHECK(Found(m, "the Chinese People's Volunteer Army's positions", "en") ==
        V{"Chinese People's Volunteer Army+'s"});
  CHECK(Found(m, "the Chinese People’s Volunteer Army", "en") == V{"Chinese People’s Volunteer Army"});
  CHECK(Found(m, "Chinese war veterans; a war veteran's medal", "en") == V{"war veterans", "war veteran+'s"});
  CHECK(Found(m, "two ceasefires", "en") == V{"ceasefires"});
  CHECK(Found(m, "boxes", "en") == V{"boxes"});
  CHECK(Found(m, "truce talks' end", "en") == V{"truce talks+'"});
  // A closing quote is not a possessive.
  CHECK(Found(m, "the 'Army' said", "en") == V{"Army"});
  CHECK(Found(m, "(Panmunjom).", "en") == V{"Panmunjom"});
}

TEST_CASE("English: no match inside a longer word or name", "[termmatch]") {
  TermMatcher m;
  m.Add(1, "en", "Army", false);
  m.Add(2, "en", "Kim Jong-un", false);
  m.Add(3, "en", "UN", true);
  m.Add(4, "en", "Korea", false);
  m.Build();
  CHECK(Found(m, "Armyworm, armyworms, Armys'", "en").empty());
  CHECK(Found(m, "Kim Jong-il, Kim Jong-unn", "en").empty());
  CHECK(Found(m, "Kim Jong-un, Kim Jong-un's", "en") == V{"Kim Jong-un", "Kim Jong-un+'s"});
  CHECK(Found(m, "un Un uN UNESCO UNC Kun", "en").empty());
  CHECK(Found(m, "the UN and the UN's forces, UN-backed", "en") == V{"UN", "UN+'s", "UN"});
  CHECK(Found(m, "Koreas, North Korea's, Koreans, Korean, SKorea", "en") == V{"Koreas", "Korea+'s"});
  CHECK(Found(m, "Korea-US ties", "en") == V{"Korea"});  // a hyphen is a boundary
}

TEST_CASE("normalisation: quotes, dashes, white space, width; offsets in the original", "[termmatch]") {
  TermMatcher m;
  m.Add(1, "en", "Kim Jong-un", false);
  m.Add(2, "en", "Korean War", false);
  m.Add(3, "en", "KCNA", true);
  m.Add(4, "en", "Shangganling Spirit", false);
  m.Add(5, "en", "café", false);
  m.Build();
  CHECK(Found(m, "Kim Jong‐un and Kim Jong–un", "en") == V{"Kim Jong‐un", "Kim Jong–un"});
  CHECK(Found(m, "the Korean  War, the Korean\nWar, the KOREAN\u00A0WAR", "en") ==
        V{"Korean  War", "Korean\nWar", "KOREAN\u00A0WAR"});
  CHECK(Found(m, "ＫＣＮＡ reported; kcna did not", "en") == V{"ＫＣＮＡ"});
  CHECK(Found(m, "‘Shangganling Spirit’", "en") == V{"Shangganling Spirit"});
  CHECK(Found(m, "CAFÉ and cafe\u0301, not cafe", "en") == V{"CAFÉ", "cafe\u0301"});
  std::string text = "« ‘Korean War’ »";
  auto hits = m.Find(text, "en");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].ref == 2);
  CHECK(text.substr(hits[0].begin, hits[0].end - hits[0].begin) == "Korean War");
  CHECK(hits[0].particle_end == hits[0].end);
}

TEST_CASE("Chinese: longest match, no word boundaries", "[termmatch]") {
  TermMatcher m;
  m.Add(1, "zh-Hans", "中国人民志愿军", false);
  m.Add(2, "zh-Hans", "志愿军", false);
  m.Add(3, "zh-Hans", "上甘岭", false);
  m.Add(4, "zh-Hans", "上甘岭战役", false);
  m.Add(5, "zh-Hans", "战役", false);
  m.Add(6, "zh-Hans", "CCTV", true);
  m.Add(7, "zh-Hans", "朝鲜", false);
  m.Add(8, "zh-Hans", "朝鲜战争", false);
  m.Add(9, "zh-Hans", "战争", false);
  m.Build();
  CHECK(Found(m, "中国人民志愿军的志愿军", "zh-CN") == V{"中国人民志愿军", "志愿军"});
  CHECK(Found(m, "上甘岭战役在上甘岭打响", "zh-CN") == V{"上甘岭战役", "上甘岭"});
  // Leftmost-longest: 朝鲜战争 wins over 朝鲜; then 战争 cannot overlap it.
  CHECK(Found(m, "北朝鲜战争年代", "zh-CN") == V{"朝鲜战争"});
  CHECK(Found(m, "志愿军战役", "zh-CN") == V{"志愿军", "战役"});
  // A Latin acronym inside Chinese text keeps word boundaries.
  CHECK(Found(m, "中国中央电视台CCTV报道，CCTV。", "zh-CN") == V{"CCTV", "CCTV"});
  CHECK(Found(m, "CCTV2 报道 cctv XCCTV", "zh-CN").empty());
  // Full-width forms.
  CHECK(Found(m, "ＣＣＴＶ报道", "zh-CN") == V{"ＣＣＴＶ"});
}

TEST_CASE("Korean: particles, spacing and boundaries", "[termmatch]") {
  TermMatcher m;
  m.Add(1, "ko", "중국인민지원군", false);
  m.Add(2, "ko", "판문점", false);
  m.Add(3, "ko", "상감령", false);
  m.Add(4, "ko", "정전 협정", false);
  m.Add(5, "ko", "정전", false);
  m.Add(6, "ko", "개성", false);
  m.Add(7, "ko", "서울", false);
  m.Add(8, "ko", "AFP", true);
  m.Add(9, "ko", "6·25 전쟁", false);
  m.Build();
  CHECK(Found(m, "중국인민지원군의 판문점에서 상감령은", "ko") == V{"중국인민지원군+의", "판문점+에서", "상감령+은"});
  for (const char* p : {"이", "가", "은", "는", "을", "를", "와", "과", "으로", "로", "에서", "에게",
                        "까지", "부터", "처럼", "보다", "의", "도", "만", "에", "께서", "한테",
                        "에서는", "에게서", "으로서", "으로써", "이나", "나", "이랑", "랑", "하고",
                        "마저", "조차", "밖에", "까지도", "으로는", "에게는", "이라고", "들과"}) {
    std::string text = std::string("그 판문점") + p + " 등";
    INFO(text);
    CHECK(Found(m, text, "ko") == V{std::string("판문점+") + p});
  }
  // Spacing variants: 정전 협정 = 정전협정, also across a line break; 6·25전쟁.
  CHECK(Found(m, "정전협정을 맺고 정전 협정은 정전\n협정", "ko") == V{"정전협정+을", "정전 협정+은", "정전\n협정"});
  CHECK(Found(m, "6·25전쟁과 6·25 전쟁", "ko") == V{"6·25전쟁+과", "6·25 전쟁"});
  // 정전 alone, and with 하다/되다 endings.
  CHECK(Found(m, "정전 67주년, 정전에서는, 정전됐다", "ko") == V{"정전", "정전+에서는", "정전+됐다"});
  // Near misses: compounds and other words that start or end like a term.
  CHECK(Found(m, "정전기 개성공단 개성적 판문점역 서울대 상감령리", "ko").empty());
  CHECK(Found(m, "대판문점 북상감령 반정전", "ko").empty());  // not at the start of an eojeol
  CHECK(Found(m, "(판문점)에서 '상감령'을 《서울》", "ko") == V{"판문점", "상감령", "서울"});
  CHECK(Found(m, "서울로 서울은 서울이나", "ko") == V{"서울+로", "서울+은", "서울+이나"});
  // A Latin term with particles, not in a compound.
  CHECK(Found(m, "사진=AFP. AFP가 AFP통신 AFPs afp", "ko") == V{"AFP", "AFP+가"});
}

TEST_CASE("hits: refs, byte ranges, several terms on one span, languages", "[termmatch]") {
  TermMatcher m;
  m.Add(10, "ko", "정전 협정", false);
  m.Add(11, "ko", "정전협정", false);
  m.Add(20, "zh-Hans", "停战协定", false);
  m.Add(21, "zh-Hant", "停戰協定", false);
  m.Add(30, "en", "Armistice Agreement", false);
  m.Add(40, "ko", "   ", false);  // ignored: nothing to match
  m.Build();
  CHECK(m.term_count() == 5);
  std::string ko = "한국 정전협정에서는";
  auto hits = m.Find(ko, "ko-KR");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].ref == 10);
  CHECK(hits[1].ref == 11);
  CHECK(hits[0].begin == std::string("한국 ").size());
  CHECK(hits[0].end == std::string("한국 정전협정").size());
  CHECK(hits[0].particle_end == ko.size());
  CHECK(hits[1].begin == hits[0].begin);
  CHECK(hits[1].particle_end == hits[0].particle_end);
  // Languages are matched like lookups.
  CHECK(m.Find("停战协定", "zh-CN").size() == 1);
  CHECK(m.Find("停战协定", "zh").size() == 1);
  CHECK(m.Find("停战协定", "zh-SG").size() == 1);
  CHECK(m.Find("停战协定", "zh-TW").empty());
  CHECK(m.Find("停戰協定", "zh-TW").size() == 1);
  CHECK(m.Find("정전협정", "en").empty());
  CHECK(m.Find("the armistice agreement", "en-GB").size() == 1);
  CHECK(m.Find("정전협정 armistice agreement 停战协定", "").size() == 4);  // every language
  CHECK(m.Find("", "ko").empty());
  TermMatcher unbuilt;
  CHECK_THROWS(unbuilt.Find("x", "en"));
}

TEST_CASE("the Korean War glossary on the shipped Shangganling article", "[termmatch]") {
  const Glossary& g = KoreanWar();
  auto text = [](const char* lang) {
    return test::ReadFile(test::SourceDir() + "/tmx/sources/shangganling." + lang + ".txt");
  };
  auto has_all = [](const std::set<std::string>& found, const std::vector<std::string>& expected) {
    for (const auto& e : expected) {
      INFO(e);
      CHECK(found.count(e) == 1);
    }
  };

  std::set<std::string> en = g.TermsIn(text("en"), "en");
  has_all(en, {"Shangganling Spirit", "war veteran", "North Korea", "Korean Central News Agency", "KCNA",
               "Kim Jong-un", "Fatherland Liberation War Martyrs Cemetery", "Pyongyang", "Korean War",
               "ceasefire", "AFP", "armistice", "Shangganling", "Verdun", "The Battle on Shangganling Mountain",
               "Chinese People's Volunteer Army", "Day of Victory in the Great Fatherland Liberation War",
               "Victory Day", "Korean Armistice Agreement", "National Conference of War Veterans",
               "War to Resist US Aggression and Aid Korea"});
  CHECK(en.count("Kim Il-sung") == 0);
  CHECK(en.count("South Korea") == 0);
  CHECK(en.count("UN forces") == 0);

  std::set<std::string> zh = g.TermsIn(text("zh"), "zh-CN");
  has_all(zh, {"上甘岭精神", "老战士", "朝鲜中央通讯社", "朝中社", "朝鲜战争", "停战", "金正恩", "平壤",
               "祖国解放战争烈士陵园", "法新社", "上甘岭", "凡尔登", "中国中央电视台", "《上甘岭》",
               "伟大的祖国解放战争", "胜利日", "中国人民志愿军", "朝鲜停战协定", "停火", "抗美援朝战争"});
  CHECK(zh.count("志愿军") == 0);  // only inside 中国人民志愿军
  CHECK(zh.count("抗美援朝") == 0);

  std::set<std::string> ko = g.TermsIn(text("ko"), "ko-KR");
  has_all(ko, {"북한", "김정은", "상감령 정신", "조선중앙통신", "한국전쟁", "정전", "평양",
               "조국해방전쟁참전열사묘", "AFP", "상감령", "한반도", "베르됭", "중국중앙TV", "위대한 조국해방전쟁",
               "전승절", "중국인민지원군", "열사", "노병", "한국 정전 협정", "전국노병대회", "항미원조"});
  CHECK(ko.count("조선중앙통신사") == 0);
  CHECK(ko.count("중앙통신") == 0);  // only inside 조선중앙통신

  // Particles are reported.
  std::string ko_text = text("ko");
  std::set<std::string> shown;
  for (const auto& h : g.matcher.Find(ko_text, "ko")) shown.insert(Show(ko_text, h));
  for (const char* s : {"조선중앙통신+이", "평양+의", "조국해방전쟁 참전열사묘+를", "상감령+은", "한반도+의",
                        "중국중앙TV+의", "열사+들과", "노병+들에게", "전국노병대회+를", "전국노병대회+에서",
                        "한국전쟁+의", "정전+을", "북한+으로", "김정은"}) {
    INFO(s);
    CHECK(shown.count(s) == 1);
  }
}
