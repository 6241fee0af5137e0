#include "tm/pretranslate.h"

#include <catch2/catch.hpp>

#include "test_util.h"
#include "tm/harvest.h"
#include "tm/import_tmx.h"

using namespace tmkit;
using namespace tmkit::test;

namespace {

std::string V12(const std::string& units) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" "
         "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"a\" source-language=\"en\" "
         "target-language=\"ko\" datatype=\"plaintext\">\n<body>\n" + units + "</body>\n</file>\n</xliff>\n";
}

}  // namespace

TEST_CASE("pretranslate: exact fills, fuzzy only offered, codes penalised", "[xliff]") {
  TempDir dir;
  auto store = ShippedStore(dir / "db");
  std::string path = WriteFile(dir / "a.xlf", V12(
      "<trans-unit id=\"1\"><source>Photo: AFP</source></trans-unit>\n"
      "<trans-unit id=\"2\"><source>Photo: AFP.</source></trans-unit>\n"
      "<trans-unit id=\"3\"><source><x id=\"1\"/>Photo: AFP</source></trans-unit>\n"
      "<trans-unit id=\"4\"><source>Nothing like this is stored anywhere at all</source></trans-unit>\n"));
  auto doc = XliffDocument::Load(path);
  PretranslateReport r = Pretranslate(*store->Read(), doc.get(), {});
  CHECK(r.segments == 4);
  CHECK(r.exact == 1);
  CHECK(r.fuzzy == 2);
  CHECK(r.none == 1);
  CHECK(r.filled == 1);
  const auto& s = doc->segments();
  CHECK(s[0].target_text == "사진=AFP");
  CHECK(s[0].state == "translated");
  CHECK_FALSE(s[1].has_target);
  CHECK_FALSE(s[2].has_target);

  auto best = XliffDocument::Load(path);
  PretranslateOptions o;
  o.fill = PretranslateOptions::Fill::kBest;
  r = Pretranslate(*store->Read(), best.get(), o);
  CHECK(r.filled == 2);  // the coded one cannot take a target without codes
  CHECK(r.not_mapped == 1);
  CHECK(best->segments()[1].state == "needs-review-translation");
  CHECK(best->ToString().find("<alt-trans match-quality=\"99\" origin=\"tmkit\">") != std::string::npos);
}

TEST_CASE("harvest then pretranslate finds exact matches, codes and all", "[xliff]") {
  TempDir dir;
  auto store = NewStore(dir / "db");
  std::string done = WriteFile(dir / "done.xlf", V12(
      "<trans-unit id=\"a\"><source>Press <g id=\"1\">Save</g>.</source><target state=\"translated\"><g id=\"1\">저장</g>을 누르세요.</target></trans-unit>\n"
      "<trans-unit id=\"b\"><source>Draft</source><target state=\"needs-review-translation\">초안</target></trans-unit>\n"
      "<trans-unit id=\"c\" approved=\"yes\"><source>Approved</source><target>승인</target></trans-unit>\n"));
  auto doc = XliffDocument::Load(done);
  HarvestReport h = Harvest(*store, {doc.get()}, {});
  CHECK(h.units == 2);
  CHECK(h.added == 2);
  CHECK(h.other_state == 1);
  CHECK(Harvest(*store, {doc.get()}, {}).unchanged == 2);  // merge: the second time adds nothing
  CHECK(store->Read()->UnitCount() == 2);

  std::string todo = WriteFile(dir / "todo.xlf", V12(
      "<trans-unit id=\"x\"><source>Press <g id=\"5\">Save</g>.</source></trans-unit>\n"
      "<trans-unit id=\"y\"><source>Approved</source><target/></trans-unit>\n"));
  auto pre = XliffDocument::Load(todo);
  PretranslateReport r = Pretranslate(*store->Read(), pre.get(), {});
  CHECK(r.exact == 2);
  CHECK(r.filled == 2);
  CHECK(pre->segments()[0].target_seg == "<bpt i=\"1\" x=\"1\"/>저장<ept i=\"1\"/>을 누르세요.");
  CHECK(pre->ToString().find("<g id=\"5\">저장</g>을 누르세요.") != std::string::npos);
}

TEST_CASE("harvest states: 2.x names and their 1.2 counterparts", "[xliff]") {
  XliffSegment s;
  s.state = "reviewed";
  CHECK(StateListed(s, XliffFamily::kV2, {"translated", "final", "signed-off"}));
  s.state = "";
  CHECK_FALSE(StateListed(s, XliffFamily::kV2, {"translated", "final", "signed-off"}));
  CHECK(StateListed(s, XliffFamily::kV1, {"translated"}));
  s.approved = true;
  CHECK(StateListed(s, XliffFamily::kV1, {"signed-off"}));
  s.state = "needs-translation";
  CHECK_FALSE(StateListed(s, XliffFamily::kV1, {"translated", "final", "signed-off"}));
}
