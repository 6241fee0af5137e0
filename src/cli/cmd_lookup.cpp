// tmkit lookup TEXT --from LANG --to LANG: exact and fuzzy matches from the store.
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "match/lookup.h"
#include "match/lookup_batch.h"
#include "server/result_json.h"
#include "text/lang_tag.h"
#include "text/tokenizer.h"
#include "util/error.h"

namespace tmkit::cli {

namespace {

constexpr size_t kMaxQuery = 10000;  // characters

// An error message for a query that cannot be looked up, or "".
std::string QueryProblem(const std::string& q) {
  size_t chars = 0;
  for (unsigned char c : q) chars += (c & 0xC0) != 0x80;
  if (q.find_first_not_of(" \t\r\n") == std::string::npos) return "empty query";
  if (chars > kMaxQuery) {
    return "query of " + std::to_string(chars) + " characters; the limit is " + std::to_string(kMaxQuery);
  }
  return "";
}

// The source with the tokens that differ from the query marked: ⟦like this⟧, or in red
// on a terminal.
std::string MarkDifferences(const LookupMatch& m, bool color) {
  std::vector<Token> tokens = Tokenize(m.source);
  std::string out;
  size_t at = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    out += m.source.substr(at, tokens[i].begin - at);
    std::string word = m.source.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    bool same = i < m.source_token_matched.size() && m.source_token_matched[i];
    if (same) out += word;
    else out += color ? "\033[31m" + word + "\033[0m" : "⟦" + word + "⟧";
    at = tokens[i].end;
  }
  return out + m.source.substr(at);
}

}  // namespace

void AddLookup(CLI::App& app, GlobalOptions& g, Runner* run) {
  struct Args {
    std::string text, from, to, batch, timings;
    double min_score = 70;
    size_t limit = 5;
    bool any_variant = false;
    unsigned threads = 0;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddSubcommand(
      app, g, "lookup", "Exact and fuzzy matches for a sentence, in any language direction",
      "  tmkit lookup \"the Korean War ceasefire\" --from en --to zh\n"
      "  tmkit lookup \"上甘岭精神\" --from zh --to ko --min-score 50 --format json\n"
      "  tmkit lookup --batch queries.txt --from en --to ko   # one JSON array a line\n"
      "Scores run from 0 to 100 (docs/SIMILARITY.md); 100 is identical text and codes.\n"
      "Words of the stored source that differ from the query are shown ⟦like this⟧.");
  sub->add_option("TEXT", a->text, "the sentence to look up");
  sub->add_option("--from", a->from, "the query's language (zh takes zh-CN, zh-SG, zh-Hans)");
  sub->add_option("--to", a->to, "the language of the translations wanted");
  sub->add_option("--min-score", a->min_score, "lowest score shown (default 70)")
      ->check(CLI::Range(0.0, 100.0));
  sub->add_option("--limit", a->limit, "at most this many matches (default 5)");
  sub->add_flag("--any-variant", a->any_variant,
                "let zh take traditional Chinese too (zh-TW, zh-Hant), and likewise");
  sub->add_option("--batch", a->batch, "a file of queries, one a line (- for standard input)");
  sub->add_option("--timings", a->timings,
                  "with --batch: write the microseconds each lookup took to this file, one a line\n"
                  "(- for a query that was not looked up)");
  sub->add_option("--threads", a->threads,
                  "with --batch: lookups run on this many threads (default: one per core)");
  sub->callback([a, &g, run] {
    *run = [a, &g] {
      LookupOptions o;
      o.from = RequireLanguage(a->from, "--from");
      o.to = RequireLanguage(a->to, "--to");
      o.any_variant = a->any_variant;
      o.min_score = a->min_score;
      o.limit = a->limit;
      if (a->batch.empty()) {
        if (std::string p = QueryProblem(a->text); !p.empty()) ThrowUsage(p);
      } else if (!a->text.empty()) {
        ThrowUsage("give TEXT or --batch, not both");
      }
      if (!a->timings.empty() && a->batch.empty()) ThrowUsage("--timings needs --batch");
      if (a->threads != 0 && a->batch.empty()) ThrowUsage("--threads needs --batch");
      auto store = OpenForReading(g);
      if (!a->batch.empty()) {
        std::ifstream file;
        if (a->batch != "-") {
          file.open(a->batch);
          if (!file) ThrowIo("cannot read", a->batch);
        }
        std::istream& in = a->batch == "-" ? std::cin : file;
        std::ofstream timings;
        if (!a->timings.empty()) {
          timings.open(a->timings);
          if (!timings) ThrowIo("cannot write", a->timings);
        }
        // Chunks of queries, each looked up on all threads, printed in order.
        constexpr size_t kChunk = 4096;
        std::string line;
        uint64_t n = 0;
        bool more = true;
        while (more) {
          std::vector<std::string> queries;
          std::vector<std::string> problems;  // per line of the chunk; "" for a query
          while (queries.size() < kChunk && (more = static_cast<bool>(std::getline(in, line)))) {
            ++n;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            std::string p = QueryProblem(line);
            if (!p.empty()) {
              std::fprintf(stderr, "%s:%llu: %s\n", a->batch.c_str(), (unsigned long long)n, p.c_str());
            } else {
              queries.push_back(line);
            }
            problems.push_back(std::move(p));
          }
          std::vector<BatchAnswer> answers = LookupBatch(*store, queries, o, a->threads);
          size_t next = 0;
          for (const std::string& p : problems) {
            nlohmann::json arr = nlohmann::json::array();
            if (!p.empty()) {
              if (timings.is_open()) timings << "-\n";
            } else {
              const BatchAnswer& answer = answers[next++];
              if (timings.is_open()) timings << answer.micros << '\n';
              for (const LookupMatch& m : answer.matches) arr.push_back(LookupMatchJson(m));
            }
            std::printf("%s\n", arr.dump().c_str());
          }
        }
        if (timings.is_open() && !timings.flush()) ThrowIo("cannot write", a->timings);
        return kExitOk;
      }
      std::vector<LookupMatch> matches = Lookup(*store->Read(), a->text, o);
      if (g.json()) {
        nlohmann::json arr = nlohmann::json::array();
        for (const LookupMatch& m : matches) arr.push_back(LookupMatchJson(m));
        std::printf("%s\n", arr.dump(2).c_str());
        return kExitOk;
      }
      bool color = isatty(STDOUT_FILENO);
      for (const LookupMatch& m : matches) {
        std::printf("%5.1f  #%llu%s%s%s\n", m.score, (unsigned long long)m.unit,
                    m.tuid.empty() ? "" : "  ", m.tuid.c_str(), m.adapted ? "  (numbers adapted)" : "");
        std::printf("  %-8s %s\n", m.source_lang.c_str(), MarkDifferences(m, color).c_str());
        std::printf("  %-8s %s\n", m.target_lang.c_str(), m.target.c_str());
      }
      if (matches.empty() && !g.quiet) {
        std::fprintf(stderr, "no match at %.0f or above\n", o.min_score);
      }
      return kExitOk;
    };
  });
}

}  // namespace tmkit::cli
