#include "tm/merge.h"

#include <algorithm>
#include <cstdlib>

#include "text/lang_tag.h"

namespace tmkit {

namespace {

bool MergeAttrs(Attrs* stored, const Attrs& incoming) {
  bool changed = false;
  const std::string* in_change = FindAttr(incoming, "changedate");
  const std::string* st_change = FindAttr(*stored, "changedate");
  bool incoming_newer = in_change && (!st_change || *in_change > *st_change);
  for (const Attr& a : incoming) {
    const std::string* have = FindAttr(*stored, a.name);
    std::string value;
    if (!have) {
      value = a.value;
    } else if (a.name == "usagecount") {
      long long x = std::atoll(have->c_str()), y = std::atoll(a.value.c_str());
      value = y > x ? a.value : *have;
    } else if (a.name == "lastusagedate") {
      value = std::max(*have, a.value);
    } else if (a.name == "changedate" || a.name == "changeid") {
      value = incoming_newer ? a.value : *have;
    } else {
      continue;
    }
    if (!have || *have != value) {
      SetAttr(stored, a.name, value);
      changed = true;
    }
  }
  return changed;
}

bool MergeAnnotations(std::vector<Annotation>* stored, const std::vector<Annotation>& incoming) {
  bool changed = false;
  for (const Annotation& a : incoming) {
    if (std::find(stored->begin(), stored->end(), a) == stored->end()) {
      stored->push_back(a);
      changed = true;
    }
  }
  return changed;
}

}  // namespace

bool MergeInto(Unit* stored, const Unit& incoming) {
  bool changed = MergeAttrs(&stored->attrs, incoming.attrs);
  changed |= MergeAnnotations(&stored->annotations, incoming.annotations);
  std::vector<bool> used(stored->variants.size(), false);
  for (const Variant& in : incoming.variants) {
    for (size_t i = 0; i < stored->variants.size(); ++i) {
      Variant& st = stored->variants[i];
      if (used[i] || st.seg != in.seg || !LangTagEquals(st.lang, in.lang)) continue;
      used[i] = true;
      changed |= MergeAttrs(&st.attrs, in.attrs);
      changed |= MergeAnnotations(&st.annotations, in.annotations);
      break;
    }
  }
  return changed;
}

}  // namespace tmkit
