// Recognition of glossary terms in text: one Aho-Corasick automaton over the folded forms of
// all terms, longest match first, with boundary rules chosen by script. Immutable after
// Build(), so Find may be called from several threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tmkit {

// Finds terms in text. Matching is over FoldForMatch forms (NFKC case folding, quote and dash
// variants) with white space runs as one space, and no space where one side is Hangul and the
// other Hangul, a letter or a digit (정전 협정 = 정전협정, 6·25 전쟁 = 6·25전쟁).
//
// Boundaries, by the script of the term's first or last character and of the text next to it:
//  - Han, kana and other scripts written without spaces (Thai, Lao, Khmer, Myanmar), and
//    punctuation: no boundary needed (上甘岭 in 上甘岭战役 when that is not a term itself).
//  - Letters and digits of scripts written with spaces (Latin, Cyrillic, ...): the neighbour
//    must not be a letter or digit of such a script ("Army" not in "Armyworm", "UN" not in
//    "UNESCO"); hyphens and apostrophes are boundaries. Hangul or Han next to it is a boundary
//    ("CCTV" in 中央电视台CCTV报道), but Hangul after the term must be a particle sequence as
//    below ("CCTV는", not "AFP" in "AFP통신").
//    Terms whose language is English also match with a plural suffix (-s; -es after s, x, z,
//    ch, sh; -ies for a final consonant + y) and a possessive ('s, or ' after s); the plural
//    belongs to the term, the possessive is reported as its particle.
//  - Hangul: a term starts an eojeol (the character before is not Hangul: a space,
//    punctuation, another script, the start); it ends one, or the rest of the eojeol is a
//    Korean particle sequence (IsParticleSequence in text/korean.h: 판문점에서, 상감령은,
//    열사들과, 휴전했다), reported as its particle. So compounds (개성공단, 정전기) and
//    prefixed words (대한국) do not match unless they are terms themselves.
// Hits are leftmost-longest and do not overlap; a hit's particle is part of what it covers.
class TermMatcher {
 public:
  // Adds a term in language lang (a canonical tag: "en", "zh-Hans", "ko"); ref is returned in
  // its hits. case_sensitive: the text must have the term's case (after NFKC). Terms whose
  // folded form is empty are ignored. Add after Build needs another Build.
  void Add(uint32_t ref, std::string_view lang, std::string_view text, bool case_sensitive);

  // Builds the automaton from the terms added so far. Throws Error on more than 2^32 states.
  void Build();

  struct Hit {
    uint32_t ref;         // as given to Add
    size_t begin, end;    // the term proper (with an English plural) in the original text
    size_t particle_end;  // end of the particle after it (Korean particles, English 's or '),
                          // == end when there is none
  };

  // The terms in text (valid UTF-8) whose language is lang, leftmost-longest, not
  // overlapping, in text order. A term applies to text in lang when a lookup for the term's
  // language would take lang (LangRequest(term lang).Matches(lang)): "en" terms to en-GB text,
  // "ko" terms to ko-KR, "zh-Hans" terms to zh-CN and zh-SG but not zh-TW, "en-GB" terms only
  // to en-GB. lang "" takes the terms of every language. When several terms match the same
  // span (정전 협정 and 정전협정, a term added twice), there is a hit for each, next to each
  // other in the order they were added. Throws Error if called before Build or on text of
  // 4 GiB or more.
  std::vector<Hit> Find(std::string_view text, std::string_view lang) const;

  size_t term_count() const { return terms_.size(); }
  size_t state_count() const { return states_.size(); }

 private:
  struct TermInfo {
    uint32_t ref;
    uint16_t lang;  // index in langs_
    bool case_sensitive;
    bool english;     // English plural and possessive rules apply
    bool ends_in_s;   // the folded form ends in s
    bool sibilant;    // ... in s, x, z, ch or sh (plural -es)
    bool has_ies_plural;  // ends in a consonant + y: plural -ies, not -s
    uint8_t first_class, last_class;  // script class of the folded form's first, last character
    std::string exact;                // case-kept form, for case-sensitive terms
  };
  // A key in the automaton: a term's folded form, or its -ies plural.
  struct Entry {
    uint32_t term;
    uint32_t length;  // bytes of the key
    bool ies_plural;
  };
  struct Folded;     // folded text with its map to the original (term_matcher.cpp)
  struct Candidate;  // a match that passed the boundary rules

  uint32_t Child(uint32_t state, uint8_t byte) const;
  void Check(std::string_view text, const Folded& folded, size_t fold_end, const Entry& entry,
             std::vector<Candidate>* out) const;

  std::vector<TermInfo> terms_;
  std::vector<std::string> langs_;
  std::vector<std::pair<std::string, Entry>> pending_;  // the keys of every term added
  bool built_ = false;
  uint64_t build_id_ = 0;  // unique to each Build in the process

  // The automaton, states in breadth-first order: state s's children are states
  // first_child .. first_child + child_count - 1, labelled label_[child] (ascending); its
  // entries are entries_[entries_begin .. entries_begin + entry_count).
  struct State {
    uint32_t first_child = 0;
    uint32_t fail = 0;           // the longest proper suffix that is a state
    uint32_t dict = 0;           // the nearest state on the fail chain with entries, 0 for none
    uint32_t entries_begin = 0;
    uint16_t child_count = 0;
    uint16_t entry_count = 0;
  };
  std::vector<State> states_;
  std::vector<uint8_t> label_;
  std::vector<Entry> entries_;
  uint32_t root_next_[256] = {};
};

}  // namespace tmkit
