#include "store/store.h"

#include <catch2/catch.hpp>
#include <lmdb.h>

#include "test_util.h"
#include "util/error.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

Unit MakeUnit(const std::string& en, const std::string& zh, const std::string& tuid = "") {
  Unit u;
  if (!tuid.empty()) u.attrs.push_back({"tuid", tuid});
  u.attrs.push_back({"srclang", "en"});
  u.variants.push_back(Variant{"en", {}, {}, en});
  u.variants.push_back(Variant{"zh-CN", {}, {}, zh});
  return u;
}

std::unique_ptr<Store> Create(const std::string& path, uint64_t map = 1ULL << 30) {
  StoreOptions o;
  o.create_if_missing = true;
  o.initial_map_size = map;
  return Store::Open(path, o);
}

}  // namespace

TEST_CASE("a missing store is an error unless created", "[store]") {
  TempDir dir;
  StoreOptions read;
  read.read_only = true;
  CHECK_THROWS_WITH(Store::Open(dir / "none", read), Catch::Contains("no translation memory at"));
  auto s = Create(dir / "new");
  CHECK(s->Read()->UnitCount() == 0);
  CHECK(s->Read()->SchemaVersion() == kSchemaVersion);
}

TEST_CASE("units are stored, found exactly, and counted", "[store]") {
  TempDir dir;
  auto s = Create(dir.path());
  Unit a = MakeUnit("The  Korean War ", "朝鲜战争", "k1");
  Unit b = MakeUnit("Shangganling <ph x=\"1\"/>", "上甘岭");
  s->Write([&](WriteTxn& t) {
    t.AddUnit(&a);
    t.AddUnit(&b);
  });
  CHECK(a.id == 1);
  CHECK(b.id == 2);
  auto snap = s->Read();
  CHECK(snap->UnitCount() == 2);
  Unit got;
  REQUIRE(snap->GetUnit(1, &got));
  CHECK(got.SameContent(a));
  CHECK_FALSE(snap->GetUnit(3, &got));
  // Exact lookups: white space collapsed, inline codes ignored, tags case-insensitive.
  CHECK(snap->FindExact("en", "The Korean War") == std::vector<uint64_t>{1});
  CHECK(snap->FindExact("EN", "  The Korean   War") == std::vector<uint64_t>{1});
  CHECK(snap->FindExact("en", "Shangganling") == std::vector<uint64_t>{2});
  CHECK(snap->FindExact("zh-cn", "上甘岭") == std::vector<uint64_t>{2});
  CHECK(snap->FindExact("en", "Korean War").empty());
  CHECK(snap->FindExact("ko", "The Korean War").empty());
  auto langs = snap->Languages();
  REQUIRE(langs.size() == 2);
  CHECK(langs[0].lang == "en");
  CHECK(langs[0].variants == 2);
  auto pairs = snap->LanguagePairs();
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].first == "en");
  CHECK(pairs[0].second == "zh-CN");
  CHECK(pairs[0].units == 2);
}

TEST_CASE("replace and delete keep the indexes exact", "[store]") {
  TempDir dir;
  auto s = Create(dir.path());
  Unit a = MakeUnit("armistice", "停战");
  s->Write([&](WriteTxn& t) { t.AddUnit(&a); });
  s->Write([&](WriteTxn& t) { t.ReplaceUnit(a.id, MakeUnit("ceasefire", "停火")); });
  CHECK(s->Read()->FindExact("en", "armistice").empty());
  CHECK(s->Read()->FindExact("en", "ceasefire") == std::vector<uint64_t>{a.id});
  s->Write([&](WriteTxn& t) {
    CHECK(t.DeleteUnit(a.id));
    CHECK_FALSE(t.DeleteUnit(a.id));
  });
  auto snap = s->Read();
  CHECK(snap->FindExact("en", "ceasefire").empty());
  CHECK(snap->UnitCount() == 0);
  CHECK(snap->Languages().empty());
  CHECK(snap->LanguagePairs().empty());
  // Ids are never reused.
  Unit b = MakeUnit("x", "y");
  s->Write([&](WriteTxn& t) { t.AddUnit(&b); });
  CHECK(b.id == a.id + 1);
}

TEST_CASE("units with the same variants are found whatever their order", "[store]") {
  TempDir dir;
  auto s = Create(dir.path());
  Unit a = MakeUnit("Pyongyang", "平壤");
  s->Write([&](WriteTxn& t) { t.AddUnit(&a); });
  Unit reversed;
  reversed.variants = {Variant{"zh-cn", {}, {}, "平壤"}, Variant{"EN", {{"creationid", "x"}}, {}, "Pyongyang"}};
  s->Write([&](WriteTxn& t) {
    CHECK(t.FindSameVariants(reversed) == std::vector<uint64_t>{a.id});
    CHECK(t.FindSameVariants(MakeUnit("Pyongyang", "平壤市")).empty());
  });
}

TEST_CASE("a snapshot does not see later writes", "[store]") {
  TempDir dir;
  auto s = Create(dir.path());
  Unit a = MakeUnit("one", "一");
  s->Write([&](WriteTxn& t) { t.AddUnit(&a); });
  auto before = s->Read();
  Unit b = MakeUnit("two", "二");
  s->Write([&](WriteTxn& t) { t.AddUnit(&b); });
  CHECK(before->UnitCount() == 1);
  CHECK(before->FindExact("en", "two").empty());
  CHECK(s->Read()->UnitCount() == 2);
}

TEST_CASE("an exception abandons the whole transaction", "[store]") {
  TempDir dir;
  auto s = Create(dir.path());
  CHECK_THROWS(s->Write([&](WriteTxn& t) {
    Unit a = MakeUnit("lost", "失");
    t.AddUnit(&a);
    throw std::runtime_error("boom");
  }));
  CHECK(s->Read()->UnitCount() == 0);
  CHECK(s->Read()->FindExact("en", "lost").empty());
}

TEST_CASE("the map grows by itself", "[store]") {
  TempDir dir;
  auto s = Create(dir.path(), 1 << 20);  // 1 MiB
  std::string filler(2000, 'x');
  for (int batch = 0; batch < 4; ++batch) {
    s->Write([&](WriteTxn& t) {
      for (int i = 0; i < 1000; ++i) {
        Unit u = MakeUnit(filler + std::to_string(batch * 1000 + i), "填充");
        t.AddUnit(&u);
      }
    });
  }
  CHECK(s->MapSize() > (1u << 20));
  auto snap = s->Read();
  CHECK(snap->UnitCount() == 4000);
  CHECK(snap->FindExact("en", filler + "3999").size() == 1);
}

TEST_CASE("a store written by a newer schema is refused", "[store]") {
  TempDir dir;
  { Create(dir.path()); }
  // Pretend a newer tmkit wrote it.
  MDB_env* env;
  mdb_env_create(&env);
  mdb_env_set_maxdbs(env, 16);
  REQUIRE(mdb_env_open(env, dir.path().c_str(), 0, 0644) == 0);
  MDB_txn* txn;
  mdb_txn_begin(env, nullptr, 0, &txn);
  MDB_dbi meta;
  mdb_dbi_open(txn, "meta", 0, &meta);
  MDB_val k{6, const_cast<char*>("schema")}, v{2, const_cast<char*>("99")};
  mdb_put(txn, meta, &k, &v, 0);
  mdb_txn_commit(txn);
  mdb_env_close(env);
  StoreOptions o;
  CHECK_THROWS_WITH(Store::Open(dir.path(), o), Catch::Contains("newer tmkit"));
}

TEST_CASE("a directory that is not a store, or a file, is refused", "[store]") {
  TempDir dir;
  WriteFile(dir / "file", "x");
  StoreOptions o;
  o.create_if_missing = true;
  CHECK_THROWS_WITH(Store::Open(dir / "file", o), Catch::Contains("is a file"));
}
