#include "server/tm_server.h"

#include <httplib.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <deque>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "glossary/document_check.h"
#include "glossary/term_base.h"
#include "glossary/term_lookup.h"
#include "match/concordance.h"
#include "match/lookup.h"
#include "server/result_json.h"
#include "text/encoding.h"
#include "text/lang_match.h"
#include "text/lang_tag.h"
#include "tm/import_tmx.h"
#include "tmx/seg.h"
#include "util/error.h"
#include "util/worker_pool.h"

namespace tmkit {

const std::string* HttpRequest::Query(std::string_view name) const {
  auto it = query.find(name);
  return it == query.end() ? nullptr : &it->second;
}

namespace {

constexpr const char* kJsonType = "application/json; charset=utf-8";
// httplib matches routes with std::regex, whose matcher recurses once per character of the
// path (about 300 bytes of stack each); request lines are at most 8,192 bytes, so the pool's
// threads get a stack large enough whatever the process's default.
constexpr size_t kThreadStackBytes = 16 << 20;

// A fixed set of threads with explicit stack sizes taking httplib's connections in turn.
class ThreadPool : public httplib::TaskQueue {
 public:
  ThreadPool(size_t n, size_t stack_bytes) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stack_bytes);
    for (size_t i = 0; i < n; ++i) {
      pthread_t t;
      if (pthread_create(&t, &attr, &ThreadPool::Run, this) == 0) threads_.push_back(t);
    }
    pthread_attr_destroy(&attr);
    if (threads_.empty()) throw Error(Error::Kind::kIo, "cannot start the server's threads");
  }
  ~ThreadPool() override = default;

  void enqueue(std::function<void()> fn) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      jobs_.push_back(std::move(fn));
    }
    cond_.notify_one();
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      shutdown_ = true;
    }
    cond_.notify_all();
    for (pthread_t t : threads_) pthread_join(t, nullptr);
    threads_.clear();
  }

 private:
  static void* Run(void* self) {
    auto* pool = static_cast<ThreadPool*>(self);
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock<std::mutex> lock(pool->mutex_);
        pool->cond_.wait(lock, [pool] { return !pool->jobs_.empty() || pool->shutdown_; });
        if (pool->jobs_.empty()) return nullptr;  // shut down, nothing left to do
        fn = std::move(pool->jobs_.front());
        pool->jobs_.pop_front();
      }
      fn();
    }
  }

  std::vector<pthread_t> threads_;
  std::deque<std::function<void()>> jobs_;
  std::mutex mutex_;
  std::condition_variable cond_;
  bool shutdown_ = false;
};

// httplib's server with access to its listening socket: the compiled library listens with a
// backlog of 5, so clients reconnecting under load would wait for SYN retransmissions (1 s).
class HttpServer : public httplib::Server {
 public:
  socket_t listening_socket() const { return svr_sock_; }
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes in (strictly: every % starts two hex digits) and checks that the result is
// UTF-8. plus_is_space: a query string's form encoding. Throws HttpError 400.
std::string Decode(std::string_view in, bool plus_is_space, const char* where) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      int hi = i + 1 < in.size() ? HexValue(in[i + 1]) : -1;
      int lo = i + 2 < in.size() ? HexValue(in[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        throw HttpError(400, std::string("bad percent-encoding in the ") + where);
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (FindInvalidUtf8(out.data(), out.size()) != out.size()) {
    throw HttpError(400, std::string("the ") + where + " is not UTF-8 text (or holds a NUL)");
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t at = 0;
  while (true) {
    size_t next = s.find(sep, at);
    parts.push_back(s.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at));
    if (next == std::string_view::npos) break;
    at = next + 1;
  }
  return parts;
}

size_t CountChars(const std::string& s) {
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  return chars;
}

// The request's path for the log: as received, cut at 200 bytes, control bytes replaced.
std::string LogPath(const std::string& target) {
  std::string path = target.substr(0, target.find('?'));
  if (path.empty()) return "-";
  if (path.size() > 200) path = path.substr(0, 200) + "...";
  for (char& c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return path;
}

const char* StatusText(int status) {
  switch (status) {
    case 400: return "bad request";
    case 403: return "forbidden";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 408: return "request timeout";
    case 413: return "request body too large";
    case 414: return "URL too long (the request line is limited to 8,192 bytes)";
    case 415: return "unsupported media type";
    case 416: return "range not satisfiable";
    case 500: return "internal error";
    case 503: return "unavailable";
    default: return "error";
  }
}

std::string ErrorBody(const std::string& message) {
  return nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Per-thread start of the request being served (set before routing, read by the logger).
thread_local std::chrono::steady_clock::time_point t_request_start;
thread_local bool t_request_started = false;

struct Segment {
  enum class Kind { kLiteral, kCapture, kRest } kind;
  std::string text;  // the literal, or the capture's name
};

struct Route {
  std::string method;
  std::vector<Segment> segments;
  TmServer::Handler handler;
};

// The segments of a path, without the leading slash's empty one and a trailing slash's.
std::vector<std::string_view> PathSegments(std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  std::vector<std::string_view> parts = Split(path, '/');
  return parts;
}

// Matches raw (still encoded) segments against a route; captures are the raw text.
bool MatchRoute(const Route& route, const std::vector<std::string_view>& parts,
                std::vector<std::pair<std::string, std::string_view>>* captures,
                std::string_view raw_path) {
  captures->clear();
  size_t n = parts.size();
  for (size_t i = 0; i < route.segments.size(); ++i) {
    const Segment& seg = route.segments[i];
    if (seg.kind == Segment::Kind::kRest) {
      // The rest of the raw path from segment i on (empty when there is none).
      std::string_view rest;
      if (i < n) {
        size_t offset = parts[i].data() - raw_path.data();
        rest = raw_path.substr(offset);
      }
      captures->emplace_back(seg.text, rest);
      return true;
    }
    if (i >= n) return false;
    if (seg.kind == Segment::Kind::kLiteral) {
      if (parts[i] != seg.text) return false;
    } else {
      if (parts[i].empty()) return false;
      captures->emplace_back(seg.text, parts[i]);
    }
  }
  // Everything matched; allow one trailing empty segment (a trailing slash).
  return n == route.segments.size() || (n == route.segments.size() + 1 && parts.back().empty());
}

// The canonical tag of a language code of a URL or parameter ("zh_hans", "pt_br", "ko").
std::string RequireLang(const std::string& code, const std::string& what) {
  if (code.empty()) throw HttpError(400, "missing " + what);
  auto canon = CanonicalLangTag(code);
  if (!canon || *canon == "*all*" || !IsKnownLanguage(*canon)) {
    throw HttpError(400, "unknown language \"" + code + "\" for " + what);
  }
  return *canon;
}

double NumberParam(const HttpRequest& req, const char* name, double fallback, double lo, double hi) {
  const std::string* v = req.Query(name);
  if (!v) return fallback;
  char* end = nullptr;
  errno = 0;
  double d = std::strtod(v->c_str(), &end);
  if (v->empty() || *end != '\0' || errno != 0 || !std::isfinite(d) || d < lo || d > hi) {
    char range[64];
    std::snprintf(range, sizeof range, "%g to %g", lo, hi);
    throw HttpError(400, std::string("parameter ") + name + " must be a number from " + range);
  }
  return d;
}

size_t CountParam(const HttpRequest& req, const char* name, size_t fallback, size_t hi) {
  const std::string* v = req.Query(name);
  if (!v) return fallback;
  bool digits = !v->empty() && v->size() <= 9 &&
                std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; });
  size_t n = digits ? std::stoul(*v) : 0;
  if (!digits || n < 1 || n > hi) {
    throw HttpError(400, std::string("parameter ") + name + " must be a whole number from 1 to " +
                             std::to_string(hi));
  }
  return n;
}

// A comma-separated list of language codes (Weblate's or BCP 47), canonical; empty when
// the parameter is absent.
std::vector<std::string> LangListParam(const HttpRequest& req, const char* name) {
  std::vector<std::string> out;
  if (const std::string* list = req.Query(name)) {
    for (size_t start = 0; start <= list->size();) {
      size_t comma = list->find(',', start);
      if (comma == std::string::npos) comma = list->size();
      if (comma > start) out.push_back(RequireLang(list->substr(start, comma - start), name));
      start = comma + 1;
    }
  }
  return out;
}

bool FlagParam(const HttpRequest& req, const char* name) {
  const std::string* v = req.Query(name);
  if (!v) return false;
  if (*v == "" || *v == "1" || *v == "true" || *v == "yes") return true;
  if (*v == "0" || *v == "false" || *v == "no") return false;
  throw HttpError(400, std::string("parameter ") + name + " must be true or false");
}

const std::string& RequiredParam(const HttpRequest& req, const char* name) {
  const std::string* v = req.Query(name);
  if (!v || v->empty()) throw HttpError(400, std::string("missing parameter ") + name);
  return *v;
}

// The Weblate-style codes (lower case, "_") a client may ask for to reach a stored language:
// the tag itself and each shorter prefix ("zh_hant_tw", "zh_hant", "zh"), and language_script
// when the tag's likely script is not its language's ("zh_hant" for zh-TW).
void AddClientCodes(const std::string& tag, std::set<std::string>* out) {
  std::string code;
  for (char c : tag) code.push_back(c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (code.empty() || code == "*all*") return;
  for (std::string s = code;;) {
    out->insert(s);
    size_t cut = s.rfind('_');
    if (cut == std::string::npos) break;
    s.resize(cut);
  }
  std::string primary = PrimaryLanguage(tag);
  std::string script = LikelyScript(tag);
  if (!script.empty() && script != LikelyScript(primary)) {
    for (char& c : script) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out->insert(primary + "_" + script);
  }
}

// Plain text checks shared by lookups and new units.
void CheckText(const std::string& text, const char* what, size_t max_chars) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw HttpError(400, std::string("empty ") + what);
  }
  if (size_t chars = CountChars(text); chars > max_chars) {
    throw HttpError(400, std::string(what) + " of " + std::to_string(chars) +
                             " characters; the limit is " + std::to_string(max_chars));
  }
}

std::string NowTmxDate() {
  char date[32];
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(date, sizeof date, "%Y%m%dT%H%M%SZ", &tm);
  return date;
}

}  // namespace

struct TmServer::Impl {
  Store* store;
  ServerOptions options;
  LogFn log;
  std::vector<struct Route> routes;
  HttpServer http;
  std::mutex write_mutex;  // one unit added at a time (Store::Write is not for concurrent use)
  // Lookups run on options.lookup_slots threads of their own, in arrival order: their
  // buffers stay in those threads' caches (on the request threads, 50 clients' lookups ran
  // 1.7 times slower than the same lookups in a batch).
  std::unique_ptr<WorkerPool> lookups;
  int port = -1;
  // The term base, made into a TermLookup once and again when its number of concepts
  // changes (an import in another process); shared by the requests using it.
  std::mutex terms_mutex;
  std::shared_ptr<const std::vector<Concept>> concepts;
  std::shared_ptr<const TermLookup> terms;
  uint64_t terms_count = UINT64_MAX;
  std::shared_ptr<const TermLookup> Terms();
  std::shared_ptr<const std::vector<Concept>> Concepts();

  void Dispatch(const httplib::Request& raw, httplib::Response& res);
  HttpReply Resolve(HttpRequest& req, std::string_view raw_path, std::string* allow);

  // Handlers.
  HttpReply TmLookup(const HttpRequest& req);
  HttpReply TmLanguages(const HttpRequest& req);
  HttpReply TmAddUnit(const HttpRequest& req);
  HttpReply ApiLookup(const HttpRequest& req);
  HttpReply ApiConcordance(const HttpRequest& req);
  HttpReply ApiTerms(const HttpRequest& req);
  HttpReply ApiCheck(const HttpRequest& req);
  HttpReply Health(const HttpRequest& req);
};

HttpReply TmServer::Impl::Resolve(HttpRequest& req, std::string_view raw_path, std::string* allow) {
  std::vector<std::string_view> parts = PathSegments(raw_path);
  std::string_view rest_base = raw_path;
  if (!rest_base.empty() && rest_base.front() == '/') rest_base.remove_prefix(1);
  std::vector<std::pair<std::string, std::string_view>> captures;
  std::set<std::string> methods;
  for (const struct Route& route : routes) {
    if (!MatchRoute(route, parts, &captures, rest_base)) continue;
    if (route.method != req.method) {
      methods.insert(route.method);
      continue;
    }
    for (const auto& [name, raw] : captures) req.params[name] = Decode(raw, false, "path");
    return route.handler(req);
  }
  if (methods.empty()) throw HttpError(404, "no such endpoint: " + std::string(raw_path));
  for (const std::string& m : methods) *allow += (allow->empty() ? "" : ", ") + m;
  if (req.method == "OPTIONS") return HttpReply{204, nullptr};
  throw HttpError(405, req.method + " is not allowed here (allowed: " + *allow + ")");
}

void TmServer::Impl::Dispatch(const httplib::Request& raw, httplib::Response& res) {
  int status = 500;
  std::string body;
  std::string allow;
  try {
    HttpRequest req;
    req.method = raw.method == "HEAD" ? "GET" : raw.method;
    std::string_view target = raw.target;
    size_t q = target.find('?');
    std::string_view path = target.substr(0, q);
    req.path = std::string(path);
    if (q != std::string_view::npos) {
      for (std::string_view pair : Split(target.substr(q + 1), '&')) {
        if (pair.empty()) continue;
        size_t eq = pair.find('=');
        std::string key = Decode(pair.substr(0, eq), true, "query string");
        req.query[key] = eq == std::string_view::npos ? "" : Decode(pair.substr(eq + 1), true, "query string");
      }
    }
    req.body = raw.body;
    HttpReply reply = Resolve(req, path, &allow);
    status = reply.status;
    if (!reply.body.is_null()) {
      body = reply.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  } catch (const HttpError& e) {
    status = e.status();
    body = ErrorBody(e.what());
  } catch (const Error& e) {
    status = e.kind() == Error::Kind::kInput || e.kind() == Error::Kind::kUsage ? 400
             : e.kind() == Error::Kind::kBusy                                 ? 503
                                                                               : 500;
    body = ErrorBody(e.what());
  } catch (const std::exception& e) {
    status = 500;
    body = ErrorBody(std::string("internal error: ") + e.what());
  }
  res.status = status;
  if (!allow.empty()) res.set_header("Allow", allow);
  if (!body.empty()) res.set_content(body, kJsonType);
}

TmServer::TmServer(Store* store, ServerOptions options, LogFn log) : impl_(std::make_unique<Impl>()) {
  Impl& im = *impl_;
  im.store = store;
  im.options = std::move(options);
  im.log = std::move(log);
  if (im.options.threads == 0) im.options.threads = ServerOptions::kDefaultThreads;
  im.options.threads = std::min(im.options.threads, ServerOptions::kMaxThreads);
  if (im.options.lookup_slots == 0) im.options.lookup_slots = std::max(1u, std::thread::hardware_concurrency());
  im.options.lookup_slots = std::min(im.options.lookup_slots, ServerOptions::kMaxLookupSlots);
  im.lookups = std::make_unique<WorkerPool>(im.options.lookup_slots);

  Impl* p = impl_.get();
  for (const char* base : {"/tmserver", "/api/v1"}) {
    std::string b = base;
    AddRoute("GET", b + "/languages", [p](const HttpRequest& r) { return p->TmLanguages(r); });
    AddRoute("GET", b + "/{src}/{tgt}/unit/{text*}", [p](const HttpRequest& r) { return p->TmLookup(r); });
    AddRoute("POST", b + "/{src}/{tgt}/unit/{text*}", [p](const HttpRequest& r) { return p->TmAddUnit(r); });
    AddRoute("PUT", b + "/{src}/{tgt}/unit/{text*}", [p](const HttpRequest& r) { return p->TmAddUnit(r); });
  }
  AddRoute("GET", "/api/lookup", [p](const HttpRequest& r) { return p->ApiLookup(r); });
  AddRoute("GET", "/api/concordance", [p](const HttpRequest& r) { return p->ApiConcordance(r); });
  AddRoute("GET", "/api/terms", [p](const HttpRequest& r) { return p->ApiTerms(r); });
  AddRoute("POST", "/api/check", [p](const HttpRequest& r) { return p->ApiCheck(r); });
  AddRoute("GET", "/healthz", [p](const HttpRequest& r) { return p->Health(r); });

  httplib::Server& s = im.http;
  size_t threads = im.options.threads;
  s.new_task_queue = [threads] { return new ThreadPool(threads, kThreadStackBytes); };
  s.set_socket_options([](socket_t sock) {
    int yes = 1;  // SO_REUSEADDR only: a second server on the same port must fail to bind
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  s.set_tcp_nodelay(true);
  s.set_payload_max_length(im.options.max_body_bytes);
  s.set_read_timeout(5, 0);
  s.set_write_timeout(5, 0);
  s.set_keep_alive_timeout(5);
  s.set_keep_alive_max_count(10000);
  s.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_request_start = std::chrono::steady_clock::now();
    t_request_started = true;
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Every request reaches Dispatch, which routes on the raw target itself (httplib's own
  // routing sees the decoded path, where %2F and / are the same).
  auto dispatch = [p](const httplib::Request& req, httplib::Response& res) { p->Dispatch(req, res); };
  const char* any = "[\\s\\S]*";
  s.Get(any, dispatch);
  s.Post(any, dispatch);
  s.Put(any, dispatch);
  s.Patch(any, dispatch);
  s.Delete(any, dispatch);
  s.Options(any, dispatch);
  // Refusals made by httplib itself (URL or body too long, unreadable request) get a JSON body.
  s.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        res.set_content(ErrorBody(StatusText(res.status)), kJsonType);
        return httplib::Server::HandlerResponse::Handled;
      }));
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(ErrorBody("internal error"), kJsonType);
  });
  s.set_logger([p](const httplib::Request& req, const httplib::Response& res) {
    if (!p->log) return;
    RequestLog line;
    line.method = req.method;
    line.path = LogPath(req.target);
    line.status = res.status;
    if (t_request_started) {
      line.milliseconds =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_request_start).count();
    }
    t_request_started = false;
    p->log(line);
  });
}

TmServer::~TmServer() { Stop(); }

void TmServer::AddRoute(const std::string& method, const std::string& pattern, Handler handler) {
  struct Route route;
  route.method = method;
  route.handler = std::move(handler);
  std::string_view pat = pattern;
  if (!pat.empty() && pat.front() == '/') pat.remove_prefix(1);
  for (std::string_view s : Split(pat, '/')) {
    if (s.size() >= 3 && s.front() == '{' && s.substr(s.size() - 2) == "*}") {
      route.segments.push_back({Segment::Kind::kRest, std::string(s.substr(1, s.size() - 3))});
    } else if (s.size() >= 2 && s.front() == '{' && s.back() == '}') {
      route.segments.push_back({Segment::Kind::kCapture, std::string(s.substr(1, s.size() - 2))});
    } else {
      route.segments.push_back({Segment::Kind::kLiteral, std::string(s)});
    }
  }
  impl_->routes.push_back(std::move(route));
}

int TmServer::Bind() {
  Impl& im = *impl_;
  if (im.options.port == 0) {
    im.port = im.http.bind_to_any_port(im.options.host);
  } else {
    im.port = im.http.bind_to_port(im.options.host, im.options.port) ? im.options.port : -1;
  }
  if (im.port < 0) {
    throw Error(Error::Kind::kIo, "cannot listen on " + im.options.host + ":" +
                                      std::to_string(im.options.port) + ": " + std::strerror(errno));
  }
  ::listen(im.http.listening_socket(), SOMAXCONN);  // a second listen only raises the backlog
  return im.port;
}

void TmServer::Serve() { impl_->http.listen_after_bind(); }

void TmServer::Stop() { impl_->http.stop(); }

// GET {base}/{src}/{tgt}/unit/{text} or .../unit/?source=TEXT: the tmserver reply, an array
// of {source, target, quality, rank, context}, best first.
HttpReply TmServer::Impl::TmLookup(const HttpRequest& req) {
  LookupOptions o;
  o.from = RequireLang(req.params.at("src"), "the source language");
  o.to = RequireLang(req.params.at("tgt"), "the target language");
  std::string text = req.params.at("text");
  if (text.empty()) {
    if (const std::string* s = req.Query("source")) text = *s;
  }
  if (text.empty()) throw HttpError(400, "no text to look up: give it after unit/ or as ?source=");
  CheckText(text, "query", options.max_query_chars);
  o.min_score = NumberParam(req, "min_similarity", 70, 0, 100);
  o.limit = CountParam(req, "max_candidates", 5, options.max_candidates);
  std::vector<LookupMatch> matches = lookups->Run([&] { return Lookup(*store->Read(), text, o); });
  nlohmann::json arr = nlohmann::json::array();
  for (size_t i = 0; i < matches.size(); ++i) {
    const LookupMatch& m = matches[i];
    // quality is a double, which nlohmann::json always writes with a decimal point
    // ("100.0"): Okapi's client reads it as a Double.
    arr.push_back({{"source", m.source},
                   {"target", m.target},
                   {"quality", static_cast<double>(m.score)},
                   {"rank", static_cast<double>(i + 1)},
                   {"context", m.tuid}});
  }
  return {200, std::move(arr)};
}

// GET {base}/languages/: the codes clients may use, in Weblate's form; any stored language can
// be a source or a target.
HttpReply TmServer::Impl::TmLanguages(const HttpRequest&) {
  std::set<std::string> codes;
  for (const LanguageCount& l : store->Read()->Languages()) {
    if (l.variants > 0) AddClientCodes(l.lang, &codes);
  }
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& c : codes) list.push_back(c);
  return {200, {{"sourceLanguages", list}, {"targetLanguages", list}}};
}

// POST or PUT {base}/{src}/{tgt}/unit/{text} with {"source", "target"}: stores a unit whose
// source language is {src}; an identical unit already stored is merged, not repeated.
HttpReply TmServer::Impl::TmAddUnit(const HttpRequest& req) {
  if (!options.writable) {
    throw HttpError(403, "this server is read-only (start it with tmkit serve --writable)");
  }
  std::string src = RequireLang(req.params.at("src"), "the source language");
  std::string tgt = RequireLang(req.params.at("tgt"), "the target language");
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    throw HttpError(400, "the body must be a JSON object {\"source\": ..., \"target\": ...}");
  }
  auto text_field = [&](const char* name, const std::string& fallback) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return fallback;
    if (!it->is_string()) throw HttpError(400, std::string("\"") + name + "\" must be a string");
    return it->get<std::string>();
  };
  std::string source = text_field("source", req.params.at("text"));
  std::string target = text_field("target", "");
  CheckText(source, "source", options.max_query_chars);
  CheckText(target, "target", options.max_query_chars);
  for (const std::string* t : {&source, &target}) {
    for (unsigned char c : *t) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        throw HttpError(400, "control characters are not allowed in a unit's text");
      }
    }
  }
  Unit unit;
  SetAttr(&unit.attrs, "srclang", src);
  SetAttr(&unit.attrs, "creationdate", NowTmxDate());
  SetAttr(&unit.attrs, "creationtool", "tmkit serve");
  for (const auto& [lang, text] : {std::pair{src, source}, std::pair{tgt, target}}) {
    Variant v;
    v.lang = lang;
    AppendEscapedText(&v.seg, text);
    unit.variants.push_back(std::move(v));
  }
  PreparedUnit prepared = PrepareUnit(std::move(unit));
  const char* result = "";
  {
    std::lock_guard<std::mutex> lock(write_mutex);
    store->Write([&](WriteTxn& txn) {
      result = PutUnit(txn, prepared, DuplicatePolicy::kMerge);  // repeatable, as Write wants
    });
  }
  bool added = std::strcmp(result, "added") == 0;
  return {added ? 201 : 200, {{"result", result}, {"source_lang", src}, {"target_lang", tgt}}};
}

// GET /api/lookup?q=&from=&to=&min=&limit=&any_variant=: the objects of tmkit lookup --format json.
HttpReply TmServer::Impl::ApiLookup(const HttpRequest& req) {
  const std::string& q = RequiredParam(req, "q");
  LookupOptions o;
  o.from = RequireLang(RequiredParam(req, "from"), "from");
  o.to = RequireLang(RequiredParam(req, "to"), "to");
  CheckText(q, "query", options.max_query_chars);
  o.min_score = NumberParam(req, "min", 70, 0, 100);
  o.limit = CountParam(req, "limit", 5, options.max_candidates);
  o.any_variant = FlagParam(req, "any_variant");
  std::vector<LookupMatch> matches = lookups->Run([&] { return Lookup(*store->Read(), q, o); });
  nlohmann::json arr = nlohmann::json::array();
  for (const LookupMatch& m : matches) arr.push_back(LookupMatchJson(m));
  return {200, std::move(arr)};
}

// GET /api/concordance?q=&lang=&limit=&in=source|target&any_variant=: the objects of tmkit
// concordance --format json.
HttpReply TmServer::Impl::ApiConcordance(const HttpRequest& req) {
  const std::string& q = RequiredParam(req, "q");
  ConcordanceOptions o;
  o.lang = RequireLang(RequiredParam(req, "lang"), "lang");
  CheckText(q, "search text", options.max_query_chars);
  o.limit = CountParam(req, "limit", 20, 1000);
  o.any_variant = FlagParam(req, "any_variant");
  if (const std::string* in = req.Query("in")) {
    if (*in != "source" && *in != "target") throw HttpError(400, "parameter in must be source or target");
    o.in_source = *in == "source";
    o.in_target = *in == "target";
  }
  nlohmann::json arr = nlohmann::json::array();
  for (const ConcordanceHit& h : Concordance(*store->Read(), q, o)) arr.push_back(ConcordanceHitJson(h));
  return {200, std::move(arr)};
}

std::shared_ptr<const TermLookup> TmServer::Impl::Terms() {
  Concepts();
  std::lock_guard<std::mutex> lock(terms_mutex);
  return terms;
}

std::shared_ptr<const std::vector<Concept>> TmServer::Impl::Concepts() {
  auto snap = store->Read();
  uint64_t count = ConceptCount(*snap);
  std::lock_guard<std::mutex> lock(terms_mutex);
  if (!concepts || count != terms_count) {
    concepts = std::make_shared<const std::vector<Concept>>(LoadConcepts(*snap));
    terms = std::make_shared<const TermLookup>(*concepts);
    terms_count = count;
  }
  return concepts;
}

// GET /api/terms?q=&from=&to=a,b: the objects of tmkit term lookup --format json.
HttpReply TmServer::Impl::ApiTerms(const HttpRequest& req) {
  const std::string& q = RequiredParam(req, "q");
  std::string from = RequireLang(RequiredParam(req, "from"), "from");
  CheckText(q, "text", options.max_query_chars);
  std::vector<std::string> to = LangListParam(req, "to");
  std::shared_ptr<const TermLookup> lookup = Terms();
  nlohmann::json arr = nlohmann::json::array();
  for (const TermFound& f : lookup->Find(q, from, to)) arr.push_back(TermFoundJson(f, q));
  return {200, std::move(arr)};
}

// A request body in a file of its own (the TMX and XLIFF readers read files), removed after.
class BodyFile {
 public:
  explicit BodyFile(const std::string& body) {
    std::string pattern = (std::filesystem::temp_directory_path() / "tmkit-check-XXXXXX").string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    int fd = mkstemp(name.data());
    if (fd < 0) throw HttpError(500, std::string("cannot create a temporary file: ") + std::strerror(errno));
    path_ = name.data();
    size_t done = 0;
    while (done < body.size()) {
      ssize_t n = write(fd, body.data() + done, body.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        close(fd);
        throw HttpError(500, std::string("cannot write a temporary file: ") + std::strerror(errno));
      }
      done += static_cast<size_t>(n);
    }
    close(fd);
  }
  ~BodyFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  BodyFile(const BodyFile&) = delete;
  BodyFile& operator=(const BodyFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// POST /api/check?from=&to=a,b&strict=&consistency=&type=tmx|xliff with a TMX or XLIFF body
// (type: from the content when absent): the JSON of tmkit check --format json, checked
// against the store's term base. Findings are a 200 answer; a body that cannot be read is a
// 400 naming the line and column.
HttpReply TmServer::Impl::ApiCheck(const HttpRequest& req) {
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw HttpError(400, "the body is empty: send a TMX or XLIFF document");
  }
  DocumentCheckOptions o;
  if (const std::string* from = req.Query("from")) o.check.from = RequireLang(*from, "from");
  o.check.to = LangListParam(req, "to");
  o.check.strict = FlagParam(req, "strict");
  o.check.consistency = FlagParam(req, "consistency");
  DocumentKind kind = DocumentKindOfContent(req.body);
  if (const std::string* type = req.Query("type")) {
    if (*type == "tmx") kind = DocumentKind::kTmx;
    else if (*type == "xliff") kind = DocumentKind::kXliff;
    else throw HttpError(400, "parameter type must be tmx or xliff");
  }
  std::shared_ptr<const std::vector<Concept>> glossary = Concepts();
  if (glossary->empty() && !o.check.consistency) {
    throw HttpError(400, "the store's term base is empty: import a glossary (tmkit term import) or ask for consistency=1");
  }
  BodyFile file(req.body);
  try {
    return {200, CheckReportJson(CheckDocument(file.path(), kind, *glossary, o))};
  } catch (const Error& e) {
    // Name the body, not the temporary file.
    std::string message = e.what();
    for (size_t at = message.find(file.path()); at != std::string::npos; at = message.find(file.path(), at)) {
      message.replace(at, file.path().size(), "request body");
    }
    throw HttpError(e.kind() == Error::Kind::kInput || e.kind() == Error::Kind::kUsage ? 400 : 500, message);
  }
}

HttpReply TmServer::Impl::Health(const HttpRequest&) {
  return {200, {{"status", "ok"}, {"units", store->Read()->UnitCount()}, {"writable", options.writable}}};
}

}  // namespace tmkit
