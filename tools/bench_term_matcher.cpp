// Benchmark of TermMatcher: builds a synthetic term base (en, zh-Hans and ko terms for each
// concept) and scans about a megabyte of synthetic text per language, printing the times.
//
//   bench_term_matcher [--concepts N] [--mb M] [--seed S]
//
// Text is generated from the same vocabulary as the terms (English: words of multi-word terms
// are common words, single-word terms rarer ones), with a term in about one of eight phrases (Korean terms followed by particles), so that the automaton meets many partial
// matches. It is scanned twice: as one text and line by line (lines of about 200 bytes, the
// size of a segment), the way `tmkit check` calls Find. MB/s is over CPU seconds.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "glossary/term_matcher.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// CPU seconds of this thread: the machine is shared, so wall time alone misleads.
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

void AppendUtf8(std::string* s, char32_t c) {
  if (c < 0x800) {
    s->push_back(static_cast<char>(0xC0 | (c >> 6)));
  } else {
    s->push_back(static_cast<char>(0xE0 | (c >> 12)));
    s->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
  }
  s->push_back(static_cast<char>(0x80 | (c & 0x3F)));
}

// Peak resident set size in MB, from /proc/self/status.
double PeakRssMb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return 0;
}

struct Generator {
  std::mt19937_64 rng;
  std::vector<std::string> en_words;
  std::vector<char32_t> han, hangul;

  explicit Generator(uint64_t seed) : rng(seed) {
    const char* onsets[] = {"b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t",
                            "v", "w", "st", "tr", "ch", "sh", "br", "pl"};
    const char* vowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "ou"};
    const char* codas[] = {"", "n", "r", "s", "t", "l", "m", "ck", "nd", "y"};
    std::unordered_set<std::string> seen;
    while (en_words.size() < 30000) {
      std::string w;
      int syllables = 1 + static_cast<int>(Below(3));
      for (int k = 0; k < syllables; ++k) {
        w += onsets[Below(std::size(onsets))];
        w += vowels[Below(std::size(vowels))];
      }
      w += codas[Below(std::size(codas))];
      if (seen.insert(w).second) en_words.push_back(w);  // distinct words
    }
    for (char32_t c = 0x4E00; c < 0x4E00 + 3500; ++c) han.push_back(c);
    for (int i = 0; i < 1500; ++i) hangul.push_back(0xAC00 + static_cast<char32_t>(Below(11172)));
  }

  size_t Below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); }

  // Words 0..19999 are common (text), 20000..29999 rarer (single-word terms).
  std::string EnPhrase(int words, bool term) {
    std::string s;
    for (int i = 0; i < words; ++i) {
      if (i) s += ' ';
      std::string w = term && words == 1 ? en_words[20000 + Below(10000)]
                      : term             ? en_words[Below(en_words.size())]
                                         : en_words[Below(20000)];
      if (Below(4) == 0) w[0] = static_cast<char>(w[0] - 32);
      s += w;
    }
    return s;
  }
  std::string Han(int chars) {
    std::string s;
    for (int i = 0; i < chars; ++i) AppendUtf8(&s, han[Below(han.size())]);
    return s;
  }
  std::string Hangul(int syllables, bool spaces) {
    std::string s;
    for (int i = 0; i < syllables; ++i) {
      if (spaces && i > 0 && Below(4) == 0) s += ' ';
      AppendUtf8(&s, hangul[Below(hangul.size())]);
    }
    return s;
  }
};

struct Lang {
  const char* tag;
  std::vector<std::string> terms;
  std::string text;
};

}  // namespace

int main(int argc, char** argv) {
  size_t concepts = 100000;
  double mb = 1.0;
  uint64_t seed = 7;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--concepts") concepts = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--mb") mb = std::atof(argv[i + 1]);
    else if (a == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    else {
      std::fprintf(stderr, "usage: bench_term_matcher [--concepts N] [--mb M] [--seed S]\n");
      return 2;
    }
  }
  Generator g(seed);
  Lang langs[3] = {{"en", {}, {}}, {"zh-Hans", {}, {}}, {"ko", {}, {}}};
  for (size_t c = 0; c < concepts; ++c) {
    langs[0].terms.push_back(g.EnPhrase(1 + static_cast<int>(g.Below(4)), true));
    langs[1].terms.push_back(g.Han(2 + static_cast<int>(g.Below(6))));
    langs[2].terms.push_back(g.Hangul(2 + static_cast<int>(g.Below(6)), true));
  }
  const char* particles[] = {"", "", "의", "에서", "은", "는", "이", "가", "을", "를", "으로", "에서는", "까지도"};
  auto target = static_cast<size_t>(mb * 1024 * 1024);
  for (Lang& l : langs) {
    std::string line;
    while (l.text.size() < target) {
      bool term = g.Below(8) == 0;
      std::string phrase;
      if (l.tag[0] == 'e') {
        phrase = term ? l.terms[g.Below(concepts)] : g.EnPhrase(1 + static_cast<int>(g.Below(5)), false);
        if (term && g.Below(4) == 0) phrase += "'s";
        line += line.empty() ? "" : " ";
      } else if (l.tag[0] == 'z') {
        phrase = term ? l.terms[g.Below(concepts)] : g.Han(2 + static_cast<int>(g.Below(6)));
        if (g.Below(6) == 0) phrase += "，";
      } else {
        phrase = term ? l.terms[g.Below(concepts)] : g.Hangul(1 + static_cast<int>(g.Below(4)), false);
        phrase += particles[g.Below(std::size(particles))];
        line += line.empty() ? "" : " ";
      }
      line += phrase;
      if (line.size() >= 200) {
        l.text += line + (l.tag[0] == 'z' ? "。\n" : ".\n");
        line.clear();
      }
    }
  }

  auto start = Clock::now();
  double cpu_start = CpuSeconds();
  tmkit::TermMatcher matcher;
  size_t term_bytes = 0;
  for (Lang& l : langs) {
    for (size_t c = 0; c < concepts; ++c) {
      matcher.Add(static_cast<uint32_t>(c), l.tag, l.terms[c], false);
      term_bytes += l.terms[c].size();
    }
  }
  double add_s = Seconds(start);
  auto build_start = Clock::now();
  matcher.Build();
  double build_s = Seconds(build_start);
  double build_cpu = CpuSeconds() - cpu_start;
  std::printf("term base: %zu concepts, %zu terms, %.1f MB of terms, %zu states\n", concepts,
              matcher.term_count(), term_bytes / 1048576.0, matcher.state_count());
  std::printf("build: %.3f s, %.3f CPU s (Add %.3f s, Build %.3f s), peak RSS %.0f MB\n", add_s + build_s,
              build_cpu, add_s, build_s, PeakRssMb());
  std::printf("%-8s %6s %8s %8s %8s %8s %10s %10s %8s\n", "lang", "MB", "whole s", "CPU s", "MB/s", "hits",
              "by line s", "CPU s", "MB/s");
  const char* text_langs[3] = {"en-US", "zh-CN", "ko-KR"};
  for (int i = 0; i < 3; ++i) {
    const Lang& l = langs[i];
    double size_mb = l.text.size() / 1048576.0;
    auto t0 = Clock::now();
    double c0 = CpuSeconds();
    size_t hits = matcher.Find(l.text, text_langs[i]).size();
    double whole = Seconds(t0), whole_cpu = CpuSeconds() - c0;
    auto t1 = Clock::now();
    double c1 = CpuSeconds();
    size_t line_hits = 0;
    for (size_t b = 0; b < l.text.size();) {
      size_t e = l.text.find('\n', b);
      if (e == std::string::npos) e = l.text.size();
      line_hits += matcher.Find(std::string_view(l.text).substr(b, e - b), text_langs[i]).size();
      b = e + 1;
    }
    double by_line = Seconds(t1), by_line_cpu = CpuSeconds() - c1;
    std::printf("%-8s %6.2f %8.3f %8.3f %8.1f %8zu %10.3f %10.3f %8.1f\n", text_langs[i], size_mb, whole,
                whole_cpu, size_mb / whole_cpu, hits, by_line, by_line_cpu, size_mb / by_line_cpu);
    if (line_hits != hits) std::printf("  (line by line: %zu hits)\n", line_hits);
  }
  std::printf("peak RSS %.0f MB\n", PeakRssMb());
  return 0;
}
