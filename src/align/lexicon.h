// An imported bilingual lexicon for the aligner: CC-CEDICT's Chinese headwords with the
// content words of their English glosses, kept in the store's lexicon table (key "zh\t" +
// headword, value the English words a line each) and turned into anchors for a sentence pair.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/store.h"

namespace tmkit {

struct LexiconEntry {
  std::string headword;            // Chinese, simplified or traditional
  std::vector<std::string> words;  // English content words of the short glosses, lower-case
};

// Reads a CC-CEDICT file ("Traditional Simplified [pin1 yin1] /gloss/gloss/", # comments):
// an entry for each headword (the simplified one, and the traditional one when it differs)
// that has at least one content word, in file order. Throws InputError naming
// path:line:column at a line that is not an entry, and for a file without any.
std::vector<LexiconEntry> ReadCedict(const std::string& path);

// The entries with the words of those sharing a headword (a word read two ways) merged into
// the first, in order.
std::vector<LexiconEntry> MergeHeadwords(std::vector<LexiconEntry> entries);
// Adds an entry to the store's lexicon, replacing one with the same headword (a newer edition
// of the dictionary replaces the older).
void StoreLexiconEntry(WriteTxn& txn, const LexiconEntry& entry);
uint64_t LexiconSize(const Txn& txn);

class Lexicon {
 public:
  // The store's lexicon (empty when none was imported).
  static std::unique_ptr<Lexicon> Load(const Txn& txn);
  // A lexicon of the entries given (tests, or a file read directly).
  explicit Lexicon(std::vector<LexiconEntry> entries);
  bool empty() const { return words_.empty(); }

  // Anchors of a Chinese sentence: for the headwords found in it (longest first, left to
  // right), "d:" and the first five letters of each of their English words (as often as
  // the sentence holds them: a word said twice is twice the evidence).
  std::vector<std::string> ChineseAnchors(std::string_view sentence) const;
  // Anchors of an English sentence: "d:" and the first five letters of each word of four
  // letters or more that is not a function word (so "soldiers" meets "soldier").
  static std::vector<std::string> EnglishAnchors(std::string_view sentence);

 private:
  std::vector<std::unique_ptr<std::string>> keys_;  // owns the headwords the map views
  std::unordered_map<std::string_view, std::vector<std::string>> words_;
  size_t longest_ = 0;  // code points of the longest headword
};

}  // namespace tmkit
