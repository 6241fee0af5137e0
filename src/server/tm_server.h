// TmServer: a translation-memory HTTP server over one open Store: the tmserver/amaGama protocol
// (Weblate, Virtaal, Okapi) under /tmserver/ and /api/v1/, tmkit's own JSON API under /api/.
// Every request reads its own Snapshot, so lookups never wait for a writer; requests run on a
// pool of threads. Nothing here prints: each request is reported to the log callback.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace tmkit {

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback unless asked otherwise
  int port = 8765;                 // 0: any free port (Bind returns it)
  bool writable = false;           // accept new units (POST/PUT {base}/{src}/{tgt}/unit/...)
  size_t threads = 0;              // 0: kDefaultThreads
  size_t max_body_bytes = 1 << 20;
  size_t max_query_chars = 10000;  // as the command line's lookup
  size_t max_candidates = 100;     // the largest max_candidates / limit accepted
  // Lookups that run at once, each on a thread of its own (0: one a core); the others wait
  // their turn in arrival order. CPU-bound work shared by more threads than that only
  // stretches every answer: with 50 clients at 1M units, p99 143 ms with 50 at once, 43 ms
  // with 4 (2 cores), the same throughput (docs/BENCHMARKS.md).
  size_t lookup_slots = 0;

  static constexpr size_t kDefaultThreads = 32;  // requests served at once (connections)
  static constexpr size_t kMaxThreads = 96;      // each holds an LMDB reader slot (126 in all)
  static constexpr size_t kMaxLookupSlots = 30;  // so do the lookup threads
};

// A request as a route handler sees it.
struct HttpRequest {
  std::string method;  // GET (also for HEAD), POST, PUT, ...
  std::string path;    // as received, still percent-encoded
  std::map<std::string, std::string, std::less<>> params;  // the route's captures, decoded
  std::map<std::string, std::string, std::less<>> query;   // ?a=b&..., decoded; the last wins
  std::string body;

  // A query parameter, or nullptr when absent.
  const std::string* Query(std::string_view name) const;
};

// What a handler answers: a status and a JSON document (sent as application/json; UTF-8).
struct HttpReply {
  int status = 200;
  nlohmann::json body;
};

// Thrown by a handler for a request it refuses; answered with status and {"error": message}.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

// One line of the request log.
struct RequestLog {
  std::string method;  // empty when the request line could not be read
  std::string path;    // the path as received (percent-encoded), control bytes replaced
  int status = 0;
  double milliseconds = -1;  // negative: not known (the request was refused before routing)
};

class TmServer {
 public:
  using Handler = std::function<HttpReply(const HttpRequest&)>;
  using LogFn = std::function<void(const RequestLog&)>;

  // Registers the tmserver, /api/ and /healthz routes. store must outlive the server and be
  // opened for writing when options.writable. log (may be empty) is called once per request,
  // from the thread that served it.
  TmServer(Store* store, ServerOptions options, LogFn log = nullptr);
  ~TmServer();
  TmServer(const TmServer&) = delete;
  TmServer& operator=(const TmServer&) = delete;

  // Adds a route, tried in the order added. pattern: "/"-separated segments, each a literal,
  // a {name} (one non-empty segment) or, last, a {name*} (the rest of the path, possibly
  // empty, slashes included). A trailing slash in a request is ignored. A path that matches a
  // route for another method is answered 405, one that matches none 404.
  void AddRoute(const std::string& method, const std::string& pattern, Handler handler);

  // Binds the listening socket and returns its port (the one chosen when options.port is 0).
  // Throws Error (kIo) when the address cannot be bound.
  int Bind();
  // Serves on the bound socket until Stop is called; requests in flight are finished first.
  void Serve();
  // Makes Serve return. Thread-safe; not async-signal-safe (call it from a normal thread).
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tmkit
