// The import's CPU stages one at a time, on one thread, in a loop: reading TMX into units,
// preparing them (records and index keys), and gathering and sorting their fuzzy postings.
// Each stage is timed several times and its fastest time kept: on a noisy machine that is
// the figure to compare between two builds (tools/ab_import.sh measures the whole import).
//
//   build/bench_import_stages FILE.tmx [ROUNDS]      (default 5 rounds; the file's units are
//                                                      held in memory: use up to ~200k units)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "store/fuzzy_index.h"
#include "store/store.h"
#include "tmx/tmx_reader.h"
#include "util/error.h"

using namespace tmkit;

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: bench_import_stages FILE.tmx [ROUNDS]\n");
    return 2;
  }
  const std::string file = argv[1];
  const int rounds = argc == 3 ? std::max(1, std::atoi(argv[2])) : 5;
  try {
    std::vector<double> read_s, prepare_s, gather_s, sort_s;
    std::vector<Unit> units;
    size_t postings = 0, list_bytes = 0;
    for (int r = 0; r < rounds; ++r) {
      auto t = std::chrono::steady_clock::now();
      // Into the units of the round before, as the importer reads into units it has used.
      TmxReader reader(file, TmxReader::Options{false});
      Location where;
      size_t n = 0;
      for (;; ++n) {
        if (n == units.size()) units.emplace_back();
        if (!reader.Next(&units[n], &where)) break;
      }
      units.resize(n);
      read_s.push_back(Seconds(t));

      std::vector<Unit> copies = units;
      t = std::chrono::steady_clock::now();
      std::vector<PreparedUnit> prepared;
      prepared.reserve(copies.size());
      for (Unit& u : copies) prepared.push_back(PrepareUnit(std::move(u)));
      prepare_s.push_back(Seconds(t));

      t = std::chrono::steady_clock::now();
      PostingBuffer buffer;
      uint64_t id = 1;
      for (const PreparedUnit& p : prepared) {
        for (const FuzzyVariant& v : p.fuzzy)
          buffer.AddAll(v.grams.data(), v.grams.size(), id, v.length());
        ++id;
      }
      gather_s.push_back(Seconds(t));
      postings = buffer.postings();

      t = std::chrono::steady_clock::now();
      list_bytes = 0;
      for (const auto& [gram, list] : buffer.Sorted()) list_bytes += list.size();
      sort_s.push_back(Seconds(t));
    }
    auto report = [&](const char* stage, std::vector<double> s) {
      std::sort(s.begin(), s.end());
      std::printf("%-8s fastest %.3f s  median %.3f s  %10.0f units/s\n", stage, s.front(),
                  s[s.size() / 2], static_cast<double>(units.size()) / s.front());
    };
    std::printf("%zu units, %zu postings (%zu bytes of sorted lists), %d rounds\n", units.size(),
                postings, list_bytes, rounds);
    report("read", read_s);
    report("prepare", prepare_s);
    report("gather", gather_s);
    report("sort", sort_s);
  } catch (const Error& e) {
    std::fprintf(stderr, "bench_import_stages: %s\n", e.what());
    return 2;
  }
  return 0;
}
