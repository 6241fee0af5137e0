// Damaged TMX files must give an Error (or units), never a crash, a hang or another
// exception. Deterministic mutations of real files; run under ASan/UBSan by tools/test.sh.
#include <catch2/catch.hpp>

#include <random>

#include "test_util.h"
#include "tmx/tmx_reader.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

std::string Mutate(std::string doc, std::mt19937& rng) {
  std::uniform_int_distribution<size_t> pos(0, doc.empty() ? 0 : doc.size() - 1);
  switch (rng() % 7) {
    case 0:  // flip a byte
      if (!doc.empty()) doc[pos(rng)] ^= static_cast<char>(1 + rng() % 255);
      break;
    case 1:  // truncate
      doc.resize(pos(rng));
      break;
    case 2: {  // insert markup characters
      const char* bits[] = {"<", ">", "&", "</tu>", "<tu>", "<![CDATA[", "-->", "\"", "&#0;", "\xC3"};
      doc.insert(pos(rng), bits[rng() % 10]);
      break;
    }
    case 3: {  // delete a range
      size_t at = pos(rng);
      doc.erase(at, rng() % 64);
      break;
    }
    case 4: {  // duplicate a range
      size_t at = pos(rng);
      doc.insert(pos(rng), doc.substr(at, rng() % 200));
      break;
    }
    case 5:  // a NUL
      if (!doc.empty()) doc[pos(rng)] = '\0';
      break;
    default:  // swap two bytes
      if (!doc.empty()) std::swap(doc[pos(rng)], doc[pos(rng)]);
      break;
  }
  return doc;
}

}  // namespace

TEST_CASE("damaged TMX files give errors, never crashes", "[tmx_reader][fuzz]") {
  TempDir dir;
  const std::string kit = SharedDir() + "/corpus/tmx/omegat-org__omegat/src/test/resources/data/tmx/";
  std::vector<std::string> seeds = {
      ReadFile(kit + "TMXComplianceKit/ImportTest2C.tmx"),
      ReadFile(kit + "TMXComplianceKit/ImportTest2A.tmx"),  // UTF-16LE
      ReadFile(kit + "test-multiple-entries11.tmx"),
      ReadFile(SourceDir() + "/tmx/shangganling.en-zh-ko.tmx"),
  };
  std::mt19937 rng(20261128);
  int errors = 0, read = 0;
  for (int round = 0; round < 1500; ++round) {
    std::string doc = seeds[round % seeds.size()];
    for (int k = 1 + static_cast<int>(rng() % 3); k > 0; --k) doc = Mutate(doc, rng);
    std::string path = WriteFile(dir / "m.tmx", doc);
    for (bool skip : {false, true}) {
      try {
        TmxReader reader(path, TmxReader::Options{skip});
        Unit u;
        Location where;
        while (reader.Next(&u, &where)) {
        }
        ++read;
      } catch (const Error& e) {
        ++errors;
        CHECK(e.kind() == Error::Kind::kInput);
        CHECK(e.where().file == path);
      }
    }
  }
  CHECK(errors > 100);  // the mutations do damage
  CHECK(read > 100);    // and some still read (with skip_invalid, or harmless changes)
}
