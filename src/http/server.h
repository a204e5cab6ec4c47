#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "http/message.h"
#include "http/response_cache.h"

namespace wakala::http {

struct ServerOptions {
  std::string address = "127.0.0.1";  // listen address
  uint16_t port = 8080;               // 0 picks a free port (see Server::port)
  int threads = 0;                    // 0: one per core
  size_t header_limit = 16 * 1024;    // bytes of request line + headers; above: 431
  size_t body_limit = 1024 * 1024;    // bytes of request body; above: 413
  // Larger bodies for a few exact paths (the newsroom's upload form), decided from the
  // request's path once its headers are read; every other path keeps `body_limit`.
  std::vector<std::pair<std::string, size_t>> body_limit_by_path;
  // Their bodies may take this long to arrive (a photo from the field over a slow uplink),
  // counted from the end of the headers, instead of what is left of read_timeout.
  std::chrono::seconds large_body_timeout{300};
  std::chrono::seconds read_timeout{10};   // to receive a whole first request; then 408/close
  std::chrono::seconds idle_timeout{30};   // keep-alive wait for the next request
  std::chrono::seconds shutdown_grace{10}; // in-flight requests get this long after SIGTERM
};

// HTTP/1.1 server on Boost.Beast, one io_context run by `threads` threads. Pages the handler
// marks cacheable are kept in `cache` (GET, no query string) and answered from memory, with
// gzip/brotli variants and 304s. Bad requests (malformed, too large, invalid UTF-8 in the
// path, slow) are answered here and never reach the handler.
class Server {
 public:
  Server(ServerOptions options, Handler handler, ResponseCache* cache);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. kUnavailable with the reason when the address cannot be bound.
  Status Listen();
  uint16_t port() const;
  // Serves until Stop() or SIGTERM/SIGINT, then lets in-flight requests finish (closing idle
  // keep-alive connections) and returns.
  void Run();
  // Thread-safe; may be called from a signal-handling thread or a handler.
  void Stop();

  struct Impl;  // the Asio state; public only so that server.cc's session type can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace wakala::http
