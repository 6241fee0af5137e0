// Helpers shared by the unit tests: temporary directories and files, new stores, and paths
// to the repository's data and to ../shared.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

#include "text/encoding.h"
#include "text/sentence_splitter.h"
#include "tm/import_tmx.h"

namespace tmkit::test {

inline std::string SourceDir() { return TMKIT_SOURCE_DIR; }
inline std::string SharedDir() { return TMKIT_SHARED_DIR; }

// A store created at path.
inline std::unique_ptr<Store> NewStore(const std::string& path) {
  StoreOptions o;
  o.create_if_missing = true;
  return Store::Open(path, o);
}
// A store created at path holding the shipped memory (tmx/shangganling.en-zh-ko.tmx).
inline std::unique_ptr<Store> ShippedStore(const std::string& path) {
  auto store = NewStore(path);
  ImportTmx(*store, {SourceDir() + "/tmx/shangganling.en-zh-ko.tmx"}, {});
  return store;
}

// A directory under /tmp, removed with everything in it when the object dies.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tmkit-test-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::string WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return path;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A minimal TMX document around body (the <tu> elements).
inline std::string Tmx(const std::string& body, const std::string& srclang = "en") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header "
         "creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" "
         "adminlang=\"en\" srclang=\"" +
         srclang + "\" datatype=\"plaintext\"/>\n<body>\n" + body + "</body>\n</tmx>\n";
}

// The sentences of a plain-text file, paragraph after paragraph.
inline std::vector<std::string> FileSentences(const std::string& file, const std::string& lang) {
  std::vector<std::string> out;
  for (const std::string& p : SplitParagraphs(ReadFileAsUtf8(file, false))) {
    for (std::string& s : SplitSentences(p, lang)) out.push_back(s);
  }
  return out;
}

}  // namespace tmkit::test
