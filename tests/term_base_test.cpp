// The store's term base: concepts kept whole, updated by id, searched by prefix and fuzzily.
#include "glossary/term_base.h"

#include <catch2/catch.hpp>

#include "glossary/term_file.h"
#include "test_util.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

std::vector<Concept> Shipped() { return ReadTermFile(SourceDir() + "/glossaries/korean-war.tbx", {}); }

}  // namespace

TEST_CASE("a term base round-trips through the store", "[termbase]") {
  TempDir dir;
  auto store = NewStore(dir / "db");
  std::vector<Concept> concepts = Shipped();
  REQUIRE(concepts.size() >= 40);
  TermImportStats s = StoreConcepts(*store, concepts);
  CHECK(s.added == concepts.size());
  std::vector<Concept> back = LoadConcepts(*store->Read());
  REQUIRE(back.size() == concepts.size());
  Concept c001;
  REQUIRE(LoadConcept(*store->Read(), "c001", &c001));
  auto same = std::find_if(concepts.begin(), concepts.end(), [](const Concept& c) { return c.id == "c001"; });
  REQUIRE(same != concepts.end());
  CHECK(c001.definition == same->definition);
  REQUIRE(c001.terms.size() == same->terms.size());
  for (size_t i = 0; i < c001.terms.size(); ++i) {
    CHECK(c001.terms[i].text == same->terms[i].text);
    CHECK(c001.terms[i].lang == same->terms[i].lang);
    CHECK(c001.terms[i].status == same->terms[i].status);
    CHECK(c001.terms[i].case_sensitive == same->terms[i].case_sensitive);
    CHECK(c001.terms[i].usage_note == same->terms[i].usage_note);
  }
  // Importing again changes nothing; a changed concept replaces the stored one.
  CHECK(StoreConcepts(*store, concepts).unchanged == concepts.size());
  concepts[0].terms.pop_back();
  s = StoreConcepts(*store, {concepts[0]});
  CHECK(s.updated == 1);
  REQUIRE(LoadConcept(*store->Read(), concepts[0].id, &c001));
  CHECK(c001.terms.size() == concepts[0].terms.size());
  CHECK(ConceptCount(*store->Read()) == back.size());
}

TEST_CASE("terms are added to concepts, new or existing", "[termbase]") {
  TempDir dir;
  auto store = NewStore(dir / "db");
  Term t;
  t.lang = "zh-Hans";
  t.text = "抗美援朝战争";
  t.status = TermStatus::kPreferred;
  std::string id = AddTerm(*store, "", t);
  CHECK(id == "c1");
  t.lang = "en";
  t.text = "War to Resist US Aggression and Aid Korea";
  CHECK(AddTerm(*store, id, t) == id);
  Concept c;
  REQUIRE(LoadConcept(*store->Read(), id, &c));
  REQUIRE(c.terms.size() == 2);
  CHECK(c.terms[1].lang == "en");
  // A concept without an id never takes the id of another.
  Concept anon;
  anon.terms.push_back(t);
  StoreConcepts(*store, {anon});
  CHECK(ConceptCount(*store->Read()) == 2);
  CHECK_THROWS_AS(AddTerm(*store, std::string(401, 'x'), t), Error);
}

TEST_CASE("term search: prefixes and near spellings in any language", "[termbase]") {
  std::vector<Concept> concepts = Shipped();
  auto first = [&](const std::string& word, const std::string& lang = "") {
    auto hits = SearchTerms(concepts, word, lang, 5);
    return hits.empty() ? std::string() : hits[0].entry->terms[hits[0].term].text;
  };
  CHECK(first("panmun") == "Panmunjom");
  CHECK(first("판문", "ko") == "판문점");
  CHECK(first("上甘") == "上甘岭");
  CHECK(first("Panmunjon").rfind("Panmunj", 0) == 0);  // one letter wrong
  CHECK(SearchTerms(concepts, "zzzzqqq", "", 5).empty());
}
