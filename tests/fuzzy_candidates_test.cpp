// The fuzzy index must give exactly what scoring every unit gives: random memories and
// thousands of random queries, compared with a full scan, also after units are added,
// replaced and deleted, and across an older store's upgrade.
#include "match/fuzzy_candidates.h"

#include <catch2/catch.hpp>

#include <lmdb.h>

#include <functional>
#include <map>
#include <numeric>
#include <random>

#include "match/candidate_set.h"
#include "match/lookup.h"
#include "match/lookup_batch.h"
#include "match/similarity.h"
#include "store/fuzzy_index.h"
#include "text/match_tokens.h"
#include "test_util.h"
#include "tm/import_tmx.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

// Edits the meta table of the store in dir behind the store's back, as an older tmkit
// would have written it: fn(txn, meta) in one committed LMDB transaction.
void EditMeta(const std::string& dir, const std::function<void(MDB_txn*, MDB_dbi)>& fn) {
  MDB_env* env;
  mdb_env_create(&env);
  mdb_env_set_maxdbs(env, 16);
  REQUIRE(mdb_env_open(env, dir.c_str(), 0, 0644) == 0);
  MDB_txn* txn;
  mdb_txn_begin(env, nullptr, 0, &txn);
  MDB_dbi meta;
  REQUIRE(mdb_dbi_open(txn, "meta", 0, &meta) == 0);
  fn(txn, meta);
  REQUIRE(mdb_txn_commit(txn) == 0);
  mdb_env_close(env);
}

// A small vocabulary, so that units share many tokens and repeats occur.
struct Generator {
  std::mt19937 rng{12345};
  std::vector<std::string> en = {"the", "army", "volunteer", "battle", "hill", "film", "war",
                                 "Korean", "Chinese", "people", "of", "on", "in", "and", "was",
                                 "broadcast", "July", "27", "1953", "%s", "{0}", "channel"};
  std::vector<std::string> zh = {"中", "国", "人", "民", "志", "愿", "军", "上", "甘", "岭", "战",
                                 "争", "的", "了", "在", "电", "影", "1953", "，"};
  std::vector<std::string> ko = {"중국", "인민", "지원군", "상감령", "전투", "영화", "의", "는",
                                 "을", "에서", "했다", "1953"};

  size_t Uniform(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); }
  std::string Sentence(const std::vector<std::string>& words, const char* sep, size_t min, size_t max) {
    size_t n = min + Uniform(max - min + 1);
    std::string s;
    for (size_t i = 0; i < n; ++i) {
      if (i) s += sep;
      s += words[Uniform(words.size())];
    }
    return s;
  }
  // A copy of s with a few words changed, dropped or added.
  std::string Mutate(const std::string& s, const std::vector<std::string>& words, const char* sep) {
    std::vector<std::string> parts;
    std::string sepstr = sep;
    if (sepstr.empty()) {
      for (size_t i = 0; i < s.size();) {
        size_t len = (static_cast<unsigned char>(s[i]) >= 0xE0) ? 3 : 1;
        parts.push_back(s.substr(i, len));
        i += len;
      }
    } else {
      for (size_t start = 0;;) {
        size_t at = s.find(sepstr, start);
        parts.push_back(s.substr(start, at - start));
        if (at == std::string::npos) break;
        start = at + sepstr.size();
      }
    }
    size_t edits = Uniform(4);
    for (size_t e = 0; e < edits && !parts.empty(); ++e) {
      size_t at = Uniform(parts.size());
      switch (Uniform(3)) {
        case 0: parts[at] = words[Uniform(words.size())]; break;
        case 1: parts.erase(parts.begin() + static_cast<long>(at)); break;
        default: parts.insert(parts.begin() + static_cast<long>(at), words[Uniform(words.size())]);
      }
    }
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? sepstr : "") + parts[i];
    return out.empty() ? words[0] : out;
  }
  Unit MakeUnit(size_t i) {
    Unit u;
    u.attrs.push_back({"tuid", "t" + std::to_string(i)});
    u.attrs.push_back({"changedate", "2020010" + std::to_string(1 + Uniform(9)) + "T000000Z"});
    u.variants.push_back(Variant{"en", {}, {}, Escape(Sentence(en, " ", 1, 12))});
    if (Uniform(10) < 8) u.variants.push_back(Variant{"zh-CN", {}, {}, Sentence(zh, "", 1, 14)});
    if (Uniform(10) < 8) u.variants.push_back(Variant{"ko-KR", {}, {}, Sentence(ko, " ", 1, 8)});
    return u;
  }
  static std::string Escape(const std::string& s) { return s; }  // the vocabulary needs none
};

// The units a full scan returns, as "id:score" in id order, computed from segments analysed
// once (Lookup's own scan re-analyses every unit for every query: too slow for thousands).
// Same rule as Lookup: a unit's first variant answering from, with one answering to, that
// reaches the minimum.
struct Reference {
  struct Entry {
    uint64_t id;
    std::vector<std::pair<std::string, MatchText>> variants;  // lang, analysed segment
  };
  std::vector<Entry> units;
  explicit Reference(const Txn& snap) {
    snap.ForEachUnit([&](const Unit& u) {
      Entry e{u.id, {}};
      for (const Variant& v : u.variants) e.variants.emplace_back(v.lang, AnalyzeSegment(v.seg));
      units.push_back(std::move(e));
      return true;
    });
  }
  std::string Find(const std::string& query, const LookupOptions& o) const {
    LangRequest from(o.from), to(o.to);
    MatchText q = AnalyzeText(query);
    std::string out;
    for (const Entry& e : units) {
      for (size_t i = 0; i < e.variants.size(); ++i) {
        if (!from.Matches(e.variants[i].first)) continue;
        bool target = false;
        for (size_t j = 0; j < e.variants.size(); ++j) target = target || (j != i && to.Matches(e.variants[j].first));
        if (!target) continue;
        double score = Similarity(q, e.variants[i].second);
        if (score < o.min_score) continue;
        out += std::to_string(e.id) + ":" + std::to_string(score) + " ";
        break;
      }
    }
    return out;
  }
};

std::string ById(std::vector<LookupMatch> ms) {
  std::sort(ms.begin(), ms.end(), [](const LookupMatch& a, const LookupMatch& b) { return a.unit < b.unit; });
  std::string s;
  for (const auto& m : ms) s += std::to_string(m.unit) + ":" + std::to_string(m.score) + " ";
  return s;
}

// Compares indexed lookups with a full scan for count random queries in every direction;
// every fortieth also with Lookup's own scan.
void CompareWithScan(const Store& store, Generator& g, size_t count, size_t* nonempty) {
  auto snap = store.Read();
  REQUIRE(snap->HasFuzzyIndex());
  Reference reference(*snap);
  // Queries: mutations of stored segments (so that there are fuzzy matches) and random ones.
  std::vector<std::pair<std::string, std::string>> stored;  // lang, plain text
  for (const auto& e : reference.units) {
    for (const auto& [lang, text] : e.variants) stored.emplace_back(lang, text.plain);
  }
  REQUIRE(!stored.empty());
  const double mins[] = {1, 30, 50, 70, 85, 100};
  for (size_t i = 0; i < count; ++i) {
    const auto& [lang, text] = stored[g.Uniform(stored.size())];
    const char* sep = lang == "zh-CN" ? "" : " ";
    const auto& words = lang == "en" ? g.en : lang == "zh-CN" ? g.zh : g.ko;
    std::string query = g.Uniform(5) == 0 ? g.Sentence(words, sep, 1, 10)
                                          : g.Uniform(4) == 0 ? text : g.Mutate(text, words, sep);
    LookupOptions o;
    o.from = lang == "en" ? "en" : lang == "zh-CN" ? "zh" : "ko";
    const char* targets[] = {"en", "zh", "ko"};
    o.to = targets[g.Uniform(3)];
    if (o.to == o.from) o.to = o.from == "en" ? "ko" : "en";
    o.min_score = mins[g.Uniform(std::size(mins))];
    o.limit = 100000;
    std::string indexed = ById(Lookup(*snap, query, o));
    INFO("query: " << query << " from " << o.from << " to " << o.to << " min " << o.min_score);
    REQUIRE(indexed == reference.Find(query, o));
    if (i % 40 == 0) {
      o.use_index = false;
      REQUIRE(indexed == ById(Lookup(*snap, query, o)));
    }
    if (!indexed.empty()) ++*nonempty;
  }
}

}  // namespace

TEST_CASE("the fuzzy index finds exactly what a full scan finds", "[fuzzy]") {
  TempDir dir;
  Generator g;
  auto store = NewStore(dir / "db");
  // In bulk, as an import does, then one unit at a time (small batches, compaction).
  store->BeginBulk();
  for (size_t b = 0; b < 3; ++b) {
    store->Write([&](WriteTxn& t) {
      for (size_t i = 0; i < 400; ++i) {
        Unit u = g.MakeUnit(b * 400 + i);
        t.AddUnit(&u);
      }
    });
  }
  store->EndBulk();
  for (size_t i = 0; i < 40; ++i) {
    store->Write([&](WriteTxn& t) {
      Unit u = g.MakeUnit(1200 + i);
      t.AddUnit(&u);
    });
  }
  CHECK(store->Read()->GramBatches().size() < 12);  // small batches were merged
  size_t nonempty = 0;
  CompareWithScan(*store, g, 1200, &nonempty);
  CHECK(nonempty > 600);  // the comparison is not vacuous

  {  // after units are replaced and deleted
    std::vector<uint64_t> deleted;
    store->Write([&](WriteTxn& t) {
      for (uint64_t id = 1; id <= 1240; id += 7) {
        Unit u = g.MakeUnit(id);
        t.ReplaceUnit(id, u);
      }
      for (uint64_t id = 3; id <= 1240; id += 11) {
        if (t.DeleteUnit(id)) deleted.push_back(id);
      }
    });
    CompareWithScan(*store, g, 800, &nonempty);
    // A deleted unit is never found, even by its own text.
    auto snap = store->Read();
    CHECK(snap->TokenSequences(deleted.front()).empty());
  }
}

TEST_CASE("a replaced unit is found by its new text and not by its old one", "[fuzzy]") {
  TempDir dir;
  auto store = NewStore(dir / "db");
  Unit u;
  u.variants = {Variant{"en", {}, {}, "The volunteers held Shangganling for 43 days."},
                Variant{"ko-KR", {}, {}, "지원군은 상감령을 43일 동안 지켰다."}};
  store->Write([&](WriteTxn& t) { t.AddUnit(&u); });
  Unit v = u;
  v.variants[0].seg = "The armistice was signed at Panmunjom in July 1953.";
  store->Write([&](WriteTxn& t) { t.ReplaceUnit(u.id, v); });
  LookupOptions o;
  o.from = "en";
  o.to = "ko";
  auto snap = store->Read();
  CHECK(Lookup(*snap, "The volunteers held Shangganling for 43 days.", o).empty());
  auto found = Lookup(*snap, "The armistice was signed at Panmunjom in July 1953.", o);
  REQUIRE(found.size() == 1);
  CHECK(found[0].score == 100.0);
}

TEST_CASE("an import that fails leaves no postings behind it", "[fuzzy]") {
  TempDir dir;
  auto store = NewStore(dir / "db");
  ImportTmx(*store, {SourceDir() + "/tmx/shangganling.en-zh-ko.tmx"}, {});
  auto before = store->Read()->GramBatches();
  REQUIRE(!before.empty());
  std::string bad = WriteFile(dir / "bad.tmx",
                              "<tmx version=\"1.4\"><header srclang=\"en\"/><body>"
                              "<tu><tuv xml:lang=\"en\"><seg>one two three</seg></tuv></tu>"
                              "<tu><tuv xml:lang=\"en\"><seg>four</seg></tuv>");
  CHECK_THROWS_AS(ImportTmx(*store, {bad}, {}), Error);
  CHECK(store->Read()->GramBatches() == before);
}

TEST_CASE("the prefix filter reads only the rarest lists", "[fuzzy]") {
  TempDir dir;
  auto store = NewStore(dir / "db");
  store->Write([&](WriteTxn& t) {
    for (int i = 0; i < 300; ++i) {
      Unit u;
      u.variants = {Variant{"en", {}, {}, "the common words of the memory " + std::to_string(i)},
                    Variant{"de", {}, {}, "x"}};
      t.AddUnit(&u);
    }
    Unit u;
    u.variants = {Variant{"en", {}, {}, "the rare Shangganling words"}, Variant{"de", {}, {}, "y"}};
    t.AddUnit(&u);
  });
  auto snap = store->Read();
  std::vector<uint64_t> ids;
  CandidateStats stats;
  LangRequest en("en");
  REQUIRE(FuzzyCandidates(*snap, MatchTokens("the rare Shangganling words"), en, 70, &ids, &stats));
  CHECK(ids == std::vector<uint64_t>{301});
  // 4 tokens at 70%: 3 must be shared, so the 2 rarest lists ("rare", "shangganling") give
  // the candidates. Within the length bounds (3 to 5 tokens) the common lists hold only the
  // rare unit, so one is read to count its hits; after it the unit may miss one list more,
  // so the last list could rule out nothing and is not read. Only that unit is checked
  // against its stored tokens.
  CHECK(stats.lists_read == 3);
  CHECK(stats.sequences_checked == 1);
  // Without tokens, or at score 0, the index cannot answer: callers scan.
  CHECK_FALSE(FuzzyCandidates(*snap, {}, en, 70, &ids));
  CHECK_FALSE(FuzzyCandidates(*snap, MatchTokens("the"), en, 0, &ids));
}

TEST_CASE("the import's fast path indexes a variant as Token objects would", "[fuzzy]") {
  std::string folded;
  std::vector<uint32_t> ends;
  for (const char* s : {"Volunteers held the ridge for 43 days; the ridge held.", "志愿军守住了阵地，阵地守住了。",
                        "上甘岭战役于1952年11月25日结束。", "지원군은 43일 동안 고지를 지켰다.", "Dorai dorai DORAI dorai"}) {
    INFO("text: " << s);
    std::vector<Token> tokens = MatchTokens(s);
    FuzzyVariant slow = MakeFuzzyVariant("zh-CN", tokens);
    if (!SimpleMatchTokens(s, &folded, &ends)) {
      FAIL("the fast path left a text it takes");
    }
    CHECK(FoldsLikeTokens(s, tokens));
    FuzzyVariant fast = MakeFuzzyVariant("zh-CN", folded, ends);
    CHECK(fast.lang == "zh-cn");
    CHECK(fast.grams == slow.grams);
    CHECK(fast.codes == slow.codes);
  }
  // Placeholders are one token each: that is left to MatchTokens.
  CHECK_FALSE(SimpleMatchTokens("Delete %s files?", &folded, &ends));
  CHECK_FALSE(SimpleMatchTokens("Delete {0} files?", &folded, &ends));
  // Random text of words, CJK characters and punctuation: whenever the fast path takes it,
  // the variant is the same and not irregular (FoldsLikeTokens holds).
  std::vector<std::string> pieces = {"Dorai", "dorai", "ABC", "42", " ", " ", "中", "国", "상", "감", "。", "，",
                                     "（", "）", "“", "”", "…", "：", "-", ".", "'", "’", "!", "%", "{", "_", "‾",
                                     "‷", "٫", "׳", "．"};
  std::mt19937 rng(17);
  int taken = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string s;
    for (size_t j = 0, n = rng() % 12; j < n; ++j) s += pieces[rng() % pieces.size()];
    if (!SimpleMatchTokens(s, &folded, &ends)) continue;
    ++taken;
    INFO("text: [" << s << "]");
    std::vector<Token> tokens = MatchTokens(s);
    CHECK(FoldsLikeTokens(s, tokens));
    FuzzyVariant slow = MakeFuzzyVariant("ko", tokens), fast = MakeFuzzyVariant("ko", folded, ends);
    CHECK(fast.grams == slow.grams);
    CHECK(fast.codes == slow.codes);
  }
  CHECK(taken > 1000);
}

TEST_CASE("code edit distance never exceeds the token edit distance", "[fuzzy]") {
  auto codes = [](const std::string& s) { return MakeFuzzyVariant("en", MatchTokens(s)).codes; };
  CHECK(CodeEditDistance(codes("a b c d"), codes("a b c d"), 4) == 0);
  CHECK(CodeEditDistance(codes("a b c d"), codes("a x c d"), 4) == 1);
  CHECK(CodeEditDistance(codes("a b c d"), codes("b c d"), 4) == 1);
  CHECK(CodeEditDistance(codes("a b c d e f"), codes("u v w x y z"), 2) == 3);  // stops early
}

TEST_CASE("posting lists are grouped by length, and read by length range", "[fuzzy]") {
  // In Posting order: by length, then id.
  std::vector<Posting> ps = {{700000, 2}, {1, 3}, {5, 3}, {9, 3}, {2, 40}, {1ULL << 40, 65535}};
  REQUIRE(std::is_sorted(ps.begin(), ps.end()));
  std::string enc = EncodePostings(ps);
  std::vector<Posting> back;
  DecodePostings(enc, &back);
  CHECK(back == ps);
  CHECK(PostingCount(enc, 3, 40) == 4);
  CHECK(PostingCount(enc, 4, 39) == 0);
  CHECK(PostingCount(enc, 0, UINT32_MAX) == 6);
  std::vector<Posting> some;
  ForEachPosting(enc, 3, 3, [&](uint64_t id, uint32_t length) { some.push_back({id, length}); });
  CHECK(some == std::vector<Posting>{{1, 3}, {5, 3}, {9, 3}});
  some.clear();
  ForEachPosting(enc, 41, 70000, [&](uint64_t id, uint32_t length) { some.push_back({id, length}); });
  CHECK(some == std::vector<Posting>{{1ULL << 40, 65535}});
  // A truncated list yields a prefix of its postings, never garbage.
  for (size_t cut = 0; cut < enc.size(); ++cut) {
    std::vector<Posting> part;
    DecodePostings(std::string_view(enc).substr(0, cut), &part);
    REQUIRE(part.size() <= ps.size());
    CHECK(std::equal(part.begin(), part.end(), ps.begin()));
  }
  CHECK(EncodePostings({}) == std::string(1, '\0'));
}

TEST_CASE("an older store is scanned read-only and gets a new index when opened to write", "[fuzzy]") {
  TempDir dir;
  Generator g;
  std::string stored;
  {
    auto store = NewStore(dir / "db");
    store->Write([&](WriteTxn& t) {
      for (size_t i = 0; i < 300; ++i) {
        Unit u = g.MakeUnit(i);
        if (i == 7) stored = u.variants[0].seg;
        t.AddUnit(&u);
      }
    });
  }
  // Pretend schema 2 wrote it (posting lists in another layout).
  EditMeta(dir / "db", [](MDB_txn* txn, MDB_dbi meta) {
    MDB_val k{6, const_cast<char*>("schema")}, v{1, const_cast<char*>("2")};
    REQUIRE(mdb_put(txn, meta, &k, &v, 0) == 0);
  });
  StoreOptions o;
  o.read_only = true;
  {
    auto store = Store::Open(dir / "db", o);
    auto snap = store->Read();
    CHECK(snap->SchemaVersion() == 2);
    CHECK_FALSE(snap->HasFuzzyIndex());  // not read in a layout it does not know
    LookupOptions lo;
    lo.from = "en";
    lo.to = "ko";
    lo.min_score = 50;
    CHECK_FALSE(Lookup(*snap, stored, lo).empty());  // found by scanning
  }
  o.read_only = false;
  auto store = Store::Open(dir / "db", o);
  CHECK(store->Read()->SchemaVersion() == kSchemaVersion);
  size_t nonempty = 0;
  CompareWithScan(*store, g, 300, &nonempty);
  CHECK(nonempty > 100);
}

TEST_CASE("a candidate set counts the lists that hold each unit", "[fuzzy]") {
  // The prefix lists' postings: {5, 64, 65, 1000003} of length 10, {64, 7, 1000003} of
  // lengths id % 9.
  std::vector<CandidateSet::Posting> prefix = {{5, 10}, {64, 10}, {65, 10}, {1000003, 10},
                                               {64, 1}, {7, 7}, {1000003, 4}};
  {
    CandidateSet set;
    set.Build(prefix);
    std::vector<std::tuple<uint64_t, uint32_t, uint32_t>> got;
    for (size_t r = 0; r < set.size(); ++r) got.emplace_back(set.id(r), set.length(r), set.hits(r));
    CHECK(got == std::vector<std::tuple<uint64_t, uint32_t, uint32_t>>{
                     {5, 10, 1}, {7, 7, 1}, {64, 1, 2}, {65, 10, 1}, {1000003, 4, 2}});
    std::vector<size_t> found;
    for (uint64_t id : {1, 6, 7, 63, 64, 999999, 1000003, 5000000}) found.push_back(set.Find(id));
    const size_t no = CandidateSet::kNone;
    CHECK(found == std::vector<size_t>{no, no, 1, no, 2, no, 4, no});
  }
  {  // The next set on this thread starts empty.
    CandidateSet next;
    next.Build(std::vector<CandidateSet::Posting>{{9, 3}});
    REQUIRE(next.size() == 1);
    CHECK(next.id(0) == 9);
    CHECK(next.hits(0) == 1);
    CHECK(next.Find(5) == CandidateSet::kNone);
    CHECK(next.Find(1000003) == CandidateSet::kNone);
  }
  CandidateSet none;
  none.Build({});
  CHECK(none.size() == 0);
  CHECK(none.Find(9) == CandidateSet::kNone);
}

TEST_CASE("a batch of lookups on several threads answers as single lookups do", "[fuzzy]") {
  TempDir dir;
  Generator g;
  auto store = NewStore(dir / "db");
  std::vector<std::string> queries;
  store->Write([&](WriteTxn& t) {
    for (size_t i = 0; i < 500; ++i) {
      Unit u = g.MakeUnit(i);
      if (i < 200) queries.push_back(g.Mutate(u.variants[0].seg, g.en, " "));
      t.AddUnit(&u);
    }
  });
  LookupOptions o;
  o.from = "en";
  o.to = "zh";
  o.min_score = 60;
  std::vector<BatchAnswer> answers = LookupBatch(*store, queries, o, 3);
  REQUIRE(answers.size() == queries.size());
  auto snap = store->Read();
  size_t found = 0;
  for (size_t i = 0; i < queries.size(); ++i) {
    INFO(queries[i]);
    CHECK(ById(answers[i].matches) == ById(Lookup(*snap, queries[i], o)));
    found += !answers[i].matches.empty();
  }
  CHECK(found > 100);
  CHECK(LookupBatch(*store, {}, o, 0).empty());
}

TEST_CASE("a posting buffer sorts each gram's postings as a full sort would", "[fuzzy]") {
  // Thousands of grams (the table grows many times); common grams with postings in id order
  // (counted by length), with lengths far apart, with ids out of order and repeated (a retried
  // transaction), and rare grams of one or two postings.
  std::mt19937_64 rng(11);
  PostingBuffer buffer;
  std::map<uint64_t, std::vector<Posting>> expected;
  auto add = [&](uint64_t gram, uint64_t id, uint32_t length) {
    buffer.Add(gram, id, length);
    expected[gram].push_back({id, length});
  };
  const uint64_t in_order = rng(), steady = rng(), spread = rng(), shuffled = rng();
  for (uint64_t id = 1; id <= 5000; ++id) {
    auto length = static_cast<uint32_t>(1 + rng() % 30);
    add(in_order, id, length);
    add(steady, id, 1 + (length * 7) % 30);
    if (id % 50 == 0) add(spread, id, id % 100 == 0 ? 3 : 1000000);
    if (id % 3 == 0) add(rng(), id, length);
  }
  for (uint64_t id : {900, 17, 17, 4000, 3, 17}) add(shuffled, id, 5);
  add(in_order, 2500, 9);  // an earlier id again, after the rest
  add(0, 7, 2);            // gram 0 is a gram like any other
  const size_t grams = expected.size();
  CHECK(buffer.postings() == 2 * 5000 + 100 + 5000 / 3 + 6 + 2);
  CHECK(buffer.bytes() > grams * 32);

  std::vector<std::pair<uint64_t, std::string>> sorted = buffer.Sorted();
  REQUIRE(sorted.size() == grams);
  auto it = expected.begin();
  for (const auto& [gram, encoded] : sorted) {
    std::vector<Posting>& list = it->second;
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    CHECK(gram == it->first);
    CHECK(encoded == EncodePostings(list));
    ++it;
  }

  PostingBuffer other;
  other.swap(buffer);
  CHECK(buffer.empty());
  CHECK(buffer.Sorted().empty());
  CHECK(other.Sorted() == sorted);
  other.Clear();
  CHECK(other.empty());
  CHECK(other.bytes() < 1024);
  other.Add(5, 1, 1);
  CHECK(other.Sorted().size() == 1);
}

TEST_CASE("posting runs spilled to disk merge into sorted, duplicate-free lists", "[fuzzy]") {
  TempDir dir;
  std::mt19937 rng(99);
  std::map<uint64_t, std::vector<Posting>> expected;
  {
    PostingRuns runs(dir.path(), 8192);
    for (uint64_t id = 1; id <= 3000; ++id) {
      for (uint64_t gram : {7, 11, 13}) {
        if (rng() % 3 == 0) continue;
        auto length = static_cast<uint32_t>(1 + rng() % 6);
        runs.Add(gram, id, length);
        expected[gram].push_back({id, length});
        if (id % 500 == 0) runs.Add(gram, id, length);  // a repeat (a retried transaction)
      }
    }
    CHECK(runs.runs() >= 3);
    std::map<uint64_t, std::vector<Posting>> got;
    std::map<uint64_t, std::string> got_encoded;
    runs.Merge([&](uint64_t gram, const std::string& encoded) {
      DecodePostings(encoded, &got[gram]);
      got_encoded[gram] = encoded;
    });
    for (auto& [gram, list] : expected) std::sort(list.begin(), list.end());
    CHECK(got == expected);
    for (auto& [gram, list] : expected) {
      list.erase(std::unique(list.begin(), list.end()), list.end());
      CHECK(got_encoded[gram] == EncodePostings(list));  // as the store keeps a list, byte for byte
    }
    CHECK(runs.empty());
  }
}

TEST_CASE("posting runs sort grams of any value, common and rare, as a full sort would", "[fuzzy]") {
  // Random 64-bit grams (some sharing their top 16 bits), and a common gram with postings in
  // every run, of varied lengths: its lists are joined across runs by copying their groups.
  TempDir dir;
  std::mt19937_64 rng(5);
  std::vector<uint64_t> grams;
  for (int i = 0; i < 300; ++i) grams.push_back(rng());
  for (int i = 0; i < 50; ++i) grams.push_back((grams[static_cast<size_t>(i)] & ~uint64_t{0xffff}) | (rng() & 0xffff));
  const uint64_t common = grams[0];
  std::map<uint64_t, std::vector<Posting>> expected;
  {
    PostingRuns runs(dir.path(), 8192);
    for (uint64_t id = 1; id <= 4000; ++id) {
      auto length = static_cast<uint32_t>(1 + rng() % 40);
      runs.Add(common, id, length);
      expected[common].push_back({id, length});
      uint64_t gram = grams[1 + rng() % (grams.size() - 1)];
      runs.Add(gram, id, length);
      expected[gram].push_back({id, length});
      if (id % 700 == 0) runs.Add(common, id, length);  // a repeat (a retried transaction)
    }
    CHECK(runs.runs() >= 3);
    std::map<uint64_t, std::vector<Posting>> got;
    std::map<uint64_t, std::string> got_encoded;
    runs.Merge([&](uint64_t gram, const std::string& encoded) {
      CHECK(PostingTotal(encoded) > 0);
      DecodePostings(encoded, &got[gram]);
      got_encoded[gram] = encoded;
    });
    for (auto& [gram, list] : expected) std::sort(list.begin(), list.end());
    CHECK(got == expected);
    for (auto& [gram, list] : expected) {
      list.erase(std::unique(list.begin(), list.end()), list.end());
      CHECK(got_encoded[gram] == EncodePostings(list));
    }
  }
}

TEST_CASE("posting runs take postings in batches gathered on a helper thread", "[fuzzy]") {
  // 600,000 postings: several batches handed to the gathering thread, which spills runs of
  // about 256 KB as it goes. Counts and lists are those of every posting added, whenever asked.
  TempDir dir;
  std::mt19937_64 rng(17);
  std::map<uint64_t, std::vector<Posting>> expected;
  PostingRuns runs(dir.path(), 512 << 10);
  uint64_t added = 0;
  std::vector<uint64_t> grams;
  for (uint64_t id = 1; id <= 100000; ++id) {
    grams.clear();
    for (int i = 0; i < 6; ++i) grams.push_back(rng() % 5000);
    std::sort(grams.begin(), grams.end());
    grams.erase(std::unique(grams.begin(), grams.end()), grams.end());
    auto length = static_cast<uint32_t>(1 + id % 9);
    runs.AddAll(grams.data(), grams.size(), id, length);
    for (uint64_t g : grams) expected[g].push_back({id, length});
    added += grams.size();
    if (id == 50000) CHECK(runs.postings() == added);  // what was handed over and what was not
  }
  CHECK(runs.postings() == added);
  CHECK(runs.runs() >= 4);
  std::map<uint64_t, std::vector<Posting>> got;
  runs.Merge([&](uint64_t gram, const std::string& encoded) { DecodePostings(encoded, &got[gram]); });
  for (auto& [gram, list] : expected) std::sort(list.begin(), list.end());
  CHECK(got == expected);
  CHECK(runs.empty());
}

TEST_CASE("posting runs report a run that cannot be written at the next call, not never", "[fuzzy]") {
  PostingRuns runs("/nonexistent/tmkit-dir", 8192);
  std::vector<uint64_t> grams(1000);
  std::iota(grams.begin(), grams.end(), uint64_t{1});
  auto add_many = [&] {
    for (uint64_t id = 1; id <= 1000; ++id) runs.AddAll(grams.data(), grams.size(), id, 3);
  };
  // The gathering thread fails to open the temporary file; AddAll or the merge says so.
  CHECK_THROWS_AS((add_many(), runs.Merge([](uint64_t, const std::string&) {})), Error);
  runs.Clear();  // and after Clear, nothing is left of it
  CHECK(runs.empty());
}

TEST_CASE("posting runs merge a retried transaction's units that came again in later runs", "[fuzzy]") {
  // Units 1-3000 in runs of about 4 KB, then units 2500-2800 again (a transaction run a
  // second time after the map grew): later runs hold smaller ids than the runs before them.
  TempDir dir;
  std::mt19937 rng(3);
  std::map<uint64_t, std::vector<Posting>> expected;
  std::map<uint64_t, uint32_t> length_of;
  PostingRuns runs(dir.path(), 8192);
  auto add = [&](uint64_t id) {
    for (uint64_t gram : {uint64_t{7}, uint64_t{0xabcdef0123456789}}) {
      if (gram == 7 && id % 3 == 0) continue;
      runs.Add(gram, id, length_of[id]);
      expected[gram].push_back({id, length_of[id]});
    }
  };
  for (uint64_t id = 1; id <= 3000; ++id) {
    length_of[id] = static_cast<uint32_t>(1 + rng() % 12);
    add(id);
  }
  for (uint64_t id = 2500; id <= 2800; ++id) add(id);
  CHECK(runs.runs() >= 3);
  std::map<uint64_t, std::vector<Posting>> got;
  runs.Merge([&](uint64_t gram, const std::string& encoded) {
    std::vector<Posting> list;
    DecodePostings(encoded, &list);
    CHECK(PostingTotal(encoded) == list.size());
    CHECK(encoded == EncodePostings(list));
    got[gram] = list;
  });
  for (auto& [gram, list] : expected) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  CHECK(got == expected);
}

TEST_CASE("a rolled-back journal leaves the postings of the units before it", "[fuzzy][journal]") {
  // Seven units written one at a time make seven small batches; the eighth, under a
  // journal, makes small batches enough to be merged. The merge must not take the older
  // batches into one the rollback deletes.
  TempDir dir;
  auto store = NewStore(dir / "db");
  const std::vector<std::string> texts = {"Volunteers held the hill for 43 days.", "The armistice was signed in 1953.",
                                          "The film was broadcast on July 26.", "The leader paid tribute to the martyrs.",
                                          "The battle lasted from October to November.", "Shangganling is a hill in Korea.",
                                          "The cemetery is in Hoechang county."};
  for (const std::string& text : texts) {
    Unit u;
    u.variants = {Variant{"en", {}, {}, text}, Variant{"de", {}, {}, "Ziel"}};
    store->Write([&](WriteTxn& t) { t.AddUnit(&u); });
  }
  store->BeginJournal();
  Unit late;
  late.variants = {Variant{"en", {}, {}, "A unit written under the journal."}, Variant{"de", {}, {}, "Ziel"}};
  store->Write([&](WriteTxn& t) { t.AddUnit(&late); });
  store->RollbackJournal();
  auto snap = store->Read();
  LookupOptions o;
  o.from = "en";
  o.to = "de";
  for (const std::string& text : texts) {
    INFO(text);
    auto found = Lookup(*snap, text, o);
    REQUIRE(found.size() == 1);
    CHECK(found[0].score == 100.0);
  }
}

TEST_CASE("a unit replaced by the same text in another normal form gets its new tokens", "[fuzzy]") {
  // Decomposed Hangul (as macOS writes it) has the exact key of the composed text, but
  // other tokens: the replacement must index them.
  TempDir dir;
  auto store = NewStore(dir / "db");
  const std::string composed = "지원군은 상감령을 지켰다.";
  const std::string decomposed =
      "\u110C\u1175\u110B\u116F\u11AB\u1100\u116E\u11AB\u110B\u1173\u11AB \u1109\u1161\u11BC\u1100\u1161\u11B7"
      "\u1105\u1167\u11BC\u110B\u1173\u11AF \u110C\u1175\u110F\u1167\u11BB\u1103\u1161.";
  REQUIRE(decomposed != composed);
  Unit u;
  u.variants = {Variant{"ko", {}, {}, decomposed}, Variant{"en", {}, {}, "The volunteers held Shangganling."}};
  store->Write([&](WriteTxn& t) { t.AddUnit(&u); });
  Unit v = u;
  v.variants[0].seg = composed;
  store->Write([&](WriteTxn& t) { t.ReplaceUnit(u.id, v); });
  LookupOptions o;
  o.from = "ko";
  o.to = "en";
  auto found = Lookup(*store->Read(), composed, o);
  REQUIRE(found.size() == 1);
  CHECK(found[0].score == 100.0);
}

TEST_CASE("the index is complete in a new store, not while a journal is open, nor in a schema-3 store before its rebuild", "[fuzzy]") {
  TempDir dir;
  Generator g;
  {
    auto store = NewStore(dir / "db");
    store->Write([&](WriteTxn& t) {
      for (size_t i = 0; i < 50; ++i) {
        Unit u = g.MakeUnit(i);
        t.AddUnit(&u);
      }
    });
    CHECK(store->Read()->IndexComplete());
    store->BeginJournal();  // an import: its postings come at its end
    CHECK_FALSE(store->Read()->IndexComplete());
    store->RollbackJournal();
    CHECK(store->Read()->IndexComplete());
  }
  // Pretend schema 3 wrote it: the same lists, without the irregular units' ones.
  EditMeta(dir / "db", [](MDB_txn* txn, MDB_dbi meta) {
    MDB_val k{6, const_cast<char*>("schema")}, v{1, const_cast<char*>("3")};
    REQUIRE(mdb_put(txn, meta, &k, &v, 0) == 0);
    MDB_val marker{16, const_cast<char*>("irregular_listed")};
    REQUIRE(mdb_del(txn, meta, &marker, nullptr) == 0);
  });
  StoreOptions o;
  o.read_only = true;
  {
    auto store = Store::Open(dir / "db", o);
    CHECK(store->Read()->HasFuzzyIndex());  // the same layout: lookups use it
    CHECK_FALSE(store->Read()->IndexComplete());
  }
  o.read_only = false;
  auto store = Store::Open(dir / "db", o);  // rebuilds the index
  auto snap = store->Read();
  CHECK(snap->SchemaVersion() == kSchemaVersion);
  CHECK(snap->IndexComplete());
  size_t nonempty = 0;
  CompareWithScan(*store, g, 50, &nonempty);
  CHECK(nonempty > 10);
}

TEST_CASE("a batch written by an older tmkit makes the index incomplete", "[fuzzy]") {
  // An older tmkit still writing the store (opened before the upgrade) posts no irregular
  // lists; it moves the batch counter on, this build's mark stays behind.
  TempDir dir;
  Generator g;
  {
    auto store = NewStore(dir / "db");
    store->Write([&](WriteTxn& t) {
      Unit u = g.MakeUnit(1);
      t.AddUnit(&u);
    });
    CHECK(store->Read()->IndexComplete());
  }
  EditMeta(dir / "db", [](MDB_txn* txn, MDB_dbi meta) {
    MDB_val k{15, const_cast<char*>("gram_batch_next")}, v;
    REQUIRE(mdb_get(txn, meta, &k, &v) == 0);
    std::string next(static_cast<const char*>(v.mv_data), v.mv_size);
    next.back() = static_cast<char>(next.back() + 1);  // as an older build's batch would
    MDB_val nv{next.size(), next.data()};
    REQUIRE(mdb_put(txn, meta, &k, &nv, 0) == 0);
  });
  auto store = Store::Open(dir / "db", StoreOptions{});
  CHECK(store->Read()->HasFuzzyIndex());
  CHECK_FALSE(store->Read()->IndexComplete());
}
