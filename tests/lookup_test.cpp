#include "match/lookup.h"

#include <catch2/catch.hpp>

#include "match/similarity.h"
#include "test_util.h"
#include "tm/import_tmx.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

LookupOptions Dir(const std::string& from, const std::string& to, double min = 70) {
  LookupOptions o;
  o.from = from;
  o.to = to;
  o.min_score = min;
  return o;
}

}  // namespace

TEST_CASE("lookup in every direction of the shipped memory", "[lookup]") {
  TempDir dir;
  auto s = ShippedStore(dir / "db");
  auto snap = s->Read();
  auto en_zh = Lookup(*snap, "Published: Jul 28, 2020 08:23 PM", Dir("en", "zh"));
  REQUIRE(en_zh.size() == 1);
  CHECK(en_zh[0].score == 100.0);
  CHECK(en_zh[0].target_lang == "zh-CN");
  CHECK(en_zh[0].tuid == "shangganling-002");
  auto zh_ko = Lookup(*snap, "中国中央电视台军事频道7月26日播出了电影《上甘岭》。", Dir("zh", "ko"));
  REQUIRE(zh_ko.size() == 1);
  CHECK(zh_ko[0].target_lang == "ko-KR");
  CHECK(zh_ko[0].target.find("상감령") != std::string::npos);
  auto ko_en = Lookup(*snap, "중국중앙TV의 군사 채널은 7월 26일 영화 '상감령'을 방영했다.", Dir("ko", "en"));
  REQUIRE(ko_en.size() == 1);
  CHECK(ko_en[0].score == 100.0);
  // Traditional Chinese is another language unless asked for.
  CHECK(Lookup(*snap, "Published: Jul 28, 2020 08:23 PM", Dir("en", "zh-TW")).empty());
}

TEST_CASE("fuzzy matches come best first, with numbers adapted", "[lookup]") {
  TempDir dir;
  auto s = ShippedStore(dir / "db");
  auto snap = s->Read();
  auto m = Lookup(*snap,
                  "The military channel of China's Central Television broadcast the movie The "
                  "Battle on Shangganling Mountain on July 27.",
                  Dir("en", "ko"));
  REQUIRE(m.size() == 1);
  CHECK(m[0].score < 100.0);
  CHECK(m[0].score > 90.0);
  CHECK(m[0].adapted);
  CHECK(m[0].target == "중국중앙TV의 군사 채널은 7월 27일 영화 '상감령'을 방영했다.");
  // The scan agrees with scoring every unit by hand: nothing at or above the minimum is lost.
  LookupOptions all = Dir("en", "zh", 0);
  all.limit = 1000;
  auto every = Lookup(*snap, "Kim Jong-un paid tribute to the martyrs", all);
  CHECK(every.size() == snap->UnitCount());
  for (size_t i = 1; i < every.size(); ++i) CHECK(every[i - 1].score >= every[i].score);
}

TEST_CASE("a lookup with many matches returns the best few, as the full list begins", "[lookup]") {
  TempDir dir;
  auto s = NewStore(dir / "db");
  // 80 units: the query's eight words with zero to three of them replaced, on dates that
  // differ, so that scores tie and the dates decide among them.
  const std::vector<std::string> words = {"open", "the", "file", "in", "a", "new", "editor", "window"};
  std::string body;
  for (int u = 0; u < 80; ++u) {
    std::vector<std::string> w = words;
    for (int r = 0; r < u % 4; ++r) w[(u + 3 * r) % w.size()] = "word" + std::to_string(u * 7 + r);
    std::string text;
    for (const std::string& x : w) text += (text.empty() ? "" : " ") + x;
    body += "<tu tuid=\"t" + std::to_string(u) + "\" changedate=\"2025" + std::to_string(10 + u % 3) +
            "01T000000Z\"><tuv xml:lang=\"en\"><seg>" + text + "</seg></tuv><tuv xml:lang=\"de\"><seg>ziel " +
            std::to_string(u) + "</seg></tuv></tu>";
  }
  WriteFile(dir / "many.tmx", Tmx(body));
  ImportTmx(*s, {dir / "many.tmx"}, {});
  auto snap = s->Read();
  for (bool index : {true, false}) {  // the index's candidates, and a scan of every unit
    LookupOptions all = Dir("en", "de", 50);
    all.use_index = index;
    all.limit = 1000;
    auto every = Lookup(*snap, "open the file in a new editor window", all);
    REQUIRE(every.size() == 80);
    for (size_t limit : {size_t{1}, size_t{5}, size_t{30}}) {
      LookupOptions few = all;
      few.limit = limit;
      auto top = Lookup(*snap, "open the file in a new editor window", few);
      REQUIRE(top.size() == limit);
      for (size_t i = 0; i < limit; ++i) {
        CHECK(top[i].tuid == every[i].tuid);
        CHECK(top[i].score == every[i].score);
        CHECK(top[i].target == every[i].target);
      }
    }
  }
}

TEST_CASE("numbers are adapted only when it is safe", "[lookup]") {
  LookupMatch m;
  m.source = "Delete 3 files in 2 folders";
  m.target = "删除2个文件夹中的3个文件";
  m.target_seg = m.target;
  CHECK(AdaptNumbers("Delete 5 files in 2 folders", &m));
  CHECK(m.target == "删除2个文件夹中的5个文件");
  LookupMatch twice;
  twice.source = "3 of 3";
  twice.target = "3/3";
  twice.target_seg = twice.target;
  CHECK_FALSE(AdaptNumbers("4 of 3", &twice));  // 3 appears twice in the target
  LookupMatch words;
  words.source = "Delete 3 files";
  words.target = "删除3个文件";
  words.target_seg = words.target;
  CHECK_FALSE(AdaptNumbers("Remove 4 files", &words));  // not only numbers differ
}
