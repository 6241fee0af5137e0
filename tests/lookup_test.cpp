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
