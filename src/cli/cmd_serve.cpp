// tmkit serve: the translation memory over HTTP (the tmserver/amaGama protocol of Weblate,
// Virtaal and Okapi, and tmkit's JSON API) until SIGINT or SIGTERM, which end it with status 0.
#if TMKIT_MIMALLOC
#include <mimalloc.h>
#endif
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "cli/commands.h"
#include "server/tm_server.h"
#include "util/error.h"

namespace tmkit::cli {

namespace {

// "HOST:PORT", "[IPv6]:PORT" or ":PORT" (loopback).
void ParseListen(const std::string& listen, std::string* host, int* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) ThrowUsage("--listen wants HOST:PORT, not \"" + listen + "\"");
  *host = listen.substr(0, colon);
  std::string digits = listen.substr(colon + 1);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);
  }
  if (host->empty()) *host = "127.0.0.1";
  bool ok = !digits.empty() && digits.size() <= 5 &&
            digits.find_first_not_of("0123456789") == std::string::npos;
  *port = ok ? std::stoi(digits) : -1;
  if (*port < 0 || *port > 65535) ThrowUsage("--listen: bad port \"" + digits + "\"");
}

}  // namespace

void AddServe(CLI::App& app, GlobalOptions& g, Runner* run) {
  struct Args {
    std::string listen = "127.0.0.1:8765";
    bool writable = false;
    size_t threads = ServerOptions::kDefaultThreads;
    size_t lookup_slots = 0;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddSubcommand(
      app, g, "serve", "Serve the translation memory over HTTP (tmserver/amaGama protocol, JSON API)",
      "  tmkit serve                               # http://127.0.0.1:8765, read-only\n"
      "  tmkit serve --listen 0.0.0.0:8080 --writable --threads 64\n"
      "  curl 'http://127.0.0.1:8765/tmserver/zh_hans/ko/unit/%E4%B8%8A%E7%94%98%E5%B2%AD'\n"
      "  curl 'http://127.0.0.1:8765/api/lookup?q=the+Korean+War&from=en&to=zh'\n"
      "Endpoints (tmserver ones also under /api/v1/):\n"
      "  GET  /tmserver/{src}/{tgt}/unit/{text}  [?min_similarity=70&max_candidates=5]\n"
      "  GET  /tmserver/{src}/{tgt}/unit/?source={text}\n"
      "  GET  /tmserver/languages/\n"
      "  POST /tmserver/{src}/{tgt}/unit/{text}  {\"source\": ..., \"target\": ...}  (--writable)\n"
      "  GET  /api/lookup?q=&from=&to=[&min=70&limit=5&any_variant=1]\n"
      "  GET  /api/concordance?q=&lang=[&limit=20&in=source|target]\n"
      "  GET  /api/terms?q=&from=[&to=ko,zh]\n"
      "  POST /api/check[?from=&to=&strict=1&consistency=1&type=tmx|xliff]  (a TMX or XLIFF body)\n"
      "  GET  /healthz\n"
      "One line per request on stderr (method, path, status, milliseconds) unless --quiet.\n"
      "SIGINT or SIGTERM stop the server (exit status 0).");
  sub->add_option("--listen", a->listen,
                  "HOST:PORT to listen on (default 127.0.0.1:8765; port 0: any free port, printed)");
  sub->add_flag("--writable", a->writable,
                "accept new units (POST/PUT .../unit/...); the store is created if missing");
  sub->add_option("--threads", a->threads, "requests served at once (default 32)")
      ->check(CLI::Range(size_t{1}, ServerOptions::kMaxThreads));
  sub->add_option("--lookup-slots", a->lookup_slots,
                  "lookups run at once, the others wait their turn (default: one a core)")
      ->check(CLI::Range(size_t{0}, ServerOptions::kMaxLookupSlots));
  sub->callback([a, &g, run] {
    *run = [a, &g] {
      // SIGINT and SIGTERM are blocked from the start in every thread (the server's inherit
      // the mask) and taken by sigwait below; SIGUSR1 says the server stopped by itself.
      sigset_t signals;
      sigemptyset(&signals);
      sigaddset(&signals, SIGINT);
      sigaddset(&signals, SIGTERM);
      sigaddset(&signals, SIGUSR1);
      pthread_sigmask(SIG_BLOCK, &signals, nullptr);
      signal(SIGPIPE, SIG_IGN);
      ServerOptions o;
      ParseListen(a->listen, &o.host, &o.port);
      o.writable = a->writable;
      o.threads = a->threads;
      o.lookup_slots = a->lookup_slots;
      StoreOptions so;
      so.read_only = !a->writable;
      so.create_if_missing = a->writable;
      // A map larger than the store will ever be: another process growing its map then never
      // makes this one's transactions fail with MDB_MAP_RESIZED (it is only address space).
      so.initial_map_size = 1ULL << 40;
      std::unique_ptr<Store> store = Store::Open(StorePath(g), so);

      std::mutex log_mutex;
      TmServer::LogFn log;
      if (!g.quiet) {
        log = [&log_mutex](const RequestLog& r) {
          std::lock_guard<std::mutex> lock(log_mutex);
          if (r.milliseconds >= 0) {
            std::fprintf(stderr, "%s %s %d %.1f ms\n", r.method.empty() ? "-" : r.method.c_str(),
                         r.path.c_str(), r.status, r.milliseconds);
          } else {
            std::fprintf(stderr, "%s %s %d - ms\n", r.method.empty() ? "-" : r.method.c_str(),
                         r.path.c_str(), r.status);
          }
        };
      }
      // Every lookup allocates and frees a few hundred kilobytes; by default mimalloc hands
      // freed pages back to the kernel (madvise) and faults them in again on the next request:
      // about 7 % of the server's throughput at 50 clients. A server keeps them.
#if TMKIT_MIMALLOC
      mi_option_disable(mi_option_allow_decommit);
#endif
      TmServer server(store.get(), o, log);
      int port = server.Bind();
      std::string shown = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
      std::fprintf(stderr, "tmkit: listening on http://%s:%d (%s, %s)\n", shown.c_str(), port,
                   StorePath(g).c_str(), a->writable ? "writable" : "read-only");
      std::fflush(stderr);
      pthread_t main_thread = pthread_self();
      std::atomic<bool> served{false};
      std::thread serving([&server, &served, main_thread] {
        server.Serve();
        served = true;
        pthread_kill(main_thread, SIGUSR1);
      });
      int sig = 0;
      sigwait(&signals, &sig);
      // Stop does nothing before Serve has started listening: repeat until Serve returns.
      while (!served) {
        server.Stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      serving.join();
      if (sig == SIGUSR1) {
        Fail("the server stopped unexpectedly");
        return kExitError;
      }
      if (!g.quiet) std::fprintf(stderr, "tmkit: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
      return kExitOk;
    };
  });
}

}  // namespace tmkit::cli
