#include "tmx/tmx_writer.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "test_util.h"
#include "tmx/tmx_reader.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

std::vector<Unit> ReadAll(const std::string& path) {
  TmxReader reader(path, {});
  std::vector<Unit> units;
  Unit u;
  Location where;
  while (reader.Next(&u, &where)) units.push_back(std::move(u));
  return units;
}

void WriteAll(const std::vector<Unit>& units, const std::string& path) {
  TmxWriter w(path, {});
  for (const Unit& u : units) w.Write(u);
  w.Finish();
}

bool ValidatesAgainstDtd(const std::string& path) {
  std::string cmd = "xmllint --noout --dtdvalid " + SharedDir() + "/schemas/tmx14.dtd '" + path +
                    "' >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

}  // namespace

TEST_CASE("every corpus TMX round-trips losslessly, and valid input stays valid", "[tmx_writer][corpus]") {
  TempDir dir;
  int files = 0, valid_inputs = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(SharedDir() + "/corpus/tmx")) {
    if (entry.path().extension() != ".tmx") continue;
    ++files;
    INFO(entry.path().string());
    auto first = ReadAll(entry.path().string());
    std::string out = dir / "out.tmx";
    WriteAll(first, out);
    auto second = ReadAll(out);
    REQUIRE(second.size() == first.size());
    for (size_t i = 0; i < first.size(); ++i) CHECK(first[i].SameContent(second[i]));
    // Writing the re-read units gives the same bytes.
    std::string again = dir / "again.tmx";
    WriteAll(second, again);
    CHECK(ReadFile(out) == ReadFile(again));
    // Input that was valid TMX 1.4 stays valid after export (1.1 files are converted).
    std::string in = entry.path().string();
    bool input_valid = ValidatesAgainstDtd(in);
    if (input_valid) {
      ++valid_inputs;
      CHECK(ValidatesAgainstDtd(out));
    }
  }
  CHECK(files >= 40);
  CHECK(valid_inputs >= 10);
}

TEST_CASE("the shipped memory exports as valid TMX 1.4b", "[tmx_writer]") {
  TempDir dir;
  auto units = ReadAll(SourceDir() + "/tmx/shangganling.en-zh-ko.tmx");
  WriteAll(units, dir / "out.tmx");
  CHECK(ValidatesAgainstDtd(dir / "out.tmx"));
}

TEST_CASE("special characters survive in attributes, props and segments", "[tmx_writer]") {
  TempDir dir;
  Unit u;
  u.attrs = {{"tuid", "a\"b<c>&d\te\nf"}};
  u.annotations = {{Annotation::Kind::kNote, {{"xml:lang", "en"}}, " line1\nline2 & <x> "}};
  Variant v;
  v.lang = "zh-CN";
  v.seg = "中文 &amp; <ph x=\"1\">&lt;b&gt;</ph>\n\t&#13;";
  u.variants = {v};
  WriteAll({u}, dir / "s.tmx");
  auto back = ReadAll(dir / "s.tmx");
  REQUIRE(back.size() == 1);
  CHECK(back[0].SameContent(u));
}

TEST_CASE("a failed write leaves no file behind", "[tmx_writer]") {
  TempDir dir;
  {
    TmxWriter w(dir / "never.tmx", {});
    w.Write(Unit{});
    // destroyed without Finish()
  }
  CHECK_FALSE(std::filesystem::exists(dir / "never.tmx"));
  CHECK(std::filesystem::is_empty(dir.path()));
  CHECK_THROWS_AS(TmxWriter(dir / "no/such/dir/x.tmx", {}), Error);
}
