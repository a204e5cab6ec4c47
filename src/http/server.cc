#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <ctime>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/utf8.h"
#include "http/prepared.h"

namespace wakala::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

// "Date: …\r\n", formatted at most once a second per thread.
const std::string& DateHeader() {
  thread_local std::time_t last = 0;
  thread_local std::string header;
  std::time_t now = std::time(nullptr);
  if (now != last) {
    last = now;
    header = "Date: " + HttpDate(now) + "\r\n";
  }
  return header;
}

class Session;

}  // namespace

struct Server::Impl {
  ServerOptions options;
  Handler handler;
  ResponseCache* cache;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::signal_set signals{ioc};
  std::atomic<bool> stopping{false};
  std::mutex sessions_mu;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

  Impl(ServerOptions o, Handler h, ResponseCache* c)
      : options(std::move(o)), handler(std::move(h)), cache(c) {}
  void Accept();
  void BeginShutdown();
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {}

  ~Session() {
    std::lock_guard lock(server_.sessions_mu);
    server_.sessions.erase(this);
  }

  void Start() {
    {
      std::lock_guard lock(server_.sessions_mu);
      server_.sessions.emplace(this, weak_from_this());
    }
    boost::system::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Runs on the session's strand when the server begins shutting down: an idle keep-alive
  // connection is closed at once; a request being read or served finishes first.
  void Shutdown() {
    closing_ = true;
    if (reading_ && parser_ && !parser_->got_some()) {
      boost::system::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
      stream_.socket().close(ec);
    }
  }

  net::any_io_executor executor() { return stream_.get_executor(); }

 private:
  void Read() {
    if (closing_) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_.options.header_limit));
    // The largest limit while the headers are read; the path's own once they are.
    size_t widest = server_.options.body_limit;
    for (const auto& [path, limit] : server_.options.body_limit_by_path) widest = std::max(widest, limit);
    parser_->body_limit(widest);
    stream_.expires_after(first_ ? server_.options.read_timeout : server_.options.idle_timeout);
    reading_ = true;
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, size_t) {
                               self->OnHeader(ec);
                             });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnRead(ec);
    std::string_view target(parser_->get().target().data(), parser_->get().target().size());
    target = target.substr(0, target.find('?'));
    size_t limit = server_.options.body_limit;
    for (const auto& [path, path_limit] : server_.options.body_limit_by_path) {
      if (target == path) {
        limit = path_limit;
        stream_.expires_after(server_.options.large_body_timeout);
      }
    }
    auto length = parser_->content_length();
    if (length && *length > limit) return OnRead(bhttp::error::body_limit);
    if (!parser_->is_done()) parser_->body_limit(limit);  // no body octet parsed yet
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        self->OnRead(ec);
                      });
  }

  void OnRead(beast::error_code ec) {
    reading_ = false;
    first_ = false;
    if (ec) {
      if (ec == bhttp::error::end_of_stream || ec == net::error::operation_aborted) return Close();
      if (ec == beast::error::timeout) {
        if (parser_->got_some()) return SendError(408, "Request Timeout\n");
        return Close();
      }
      if (ec == bhttp::error::header_limit) return SendError(431, "Request headers too large\n");
      if (ec == bhttp::error::body_limit)
        return SendError(413, "Request body too large / حجم الطلب أكبر من المسموح\n");
      if (ec == net::error::eof || ec == net::error::connection_reset) return Close();
      return SendError(400, "Bad Request\n");
    }
    Handle();
  }

  void Handle() {
    auto& req = parser_->get();
    keep_alive_ = req.keep_alive() && !closing_ && !server_.stopping;
    Request request;
    request.method = std::string(req.method_string());
    std::string_view target(req.target().data(), req.target().size());
    size_t qmark = target.find('?');
    std::string_view raw_path = target.substr(0, qmark);
    if (qmark != std::string_view::npos) request.query = std::string(target.substr(qmark + 1));
    auto path = PercentDecode(raw_path);
    if (raw_path.empty() || raw_path.front() != '/' || !path || !IsValidUtf8(*path) ||
        path->find('\0') != std::string::npos) {
      keep_alive_ = false;
      return SendError(400, "Bad Request: the path is not valid percent-encoded UTF-8\n");
    }
    request.path = std::move(*path);
    bool head_only = req.method() == bhttp::verb::head;
    bool cacheable_method = req.method() == bhttp::verb::get || head_only;
    std::string accept_encoding(req[bhttp::field::accept_encoding]);
    std::string if_none_match(req[bhttp::field::if_none_match]);
    std::string if_modified_since(req[bhttp::field::if_modified_since]);
    std::string cache_key = request.path;

    if (cacheable_method && request.query.empty()) {
      if (auto hit = server_.cache->Find(cache_key)) {
        return Send(std::move(hit), accept_encoding, if_none_match, if_modified_since, head_only);
      }
    }

    for (const auto& field : req) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.body = std::move(req.body());
    request.remote_address = remote_;

    uint64_t generation = server_.cache->Generation();
    Response response;
    try {
      response = server_.handler(request);
    } catch (const std::exception& e) {
      response = Response::Text(500, "Internal Server Error\n");
    }
    bool keep = response.cacheable && cacheable_method && request.query.empty() &&
                (response.status == 200 || response.status == 301 || response.status == 410 ||
                 response.status == 404);
    auto prepared = Prepare(response, keep);
    if (keep) server_.cache->Insert(cache_key, prepared, generation);
    Send(std::move(prepared), accept_encoding, if_none_match, if_modified_since, head_only);
  }

  void SendError(int status, const char* text) {
    keep_alive_ = false;
    Send(Prepare(Response::Text(status, text), false), "", "", "", false);
  }

  void Send(std::shared_ptr<const PreparedResponse> prepared, std::string_view accept_encoding,
            std::string_view if_none_match, std::string_view if_modified_since, bool head_only) {
    response_ = std::move(prepared);
    const std::string* head;
    body_ = nullptr;
    if (response_->status == 200 &&
        IsNotModified(*response_, if_none_match, if_modified_since)) {
      head = &response_->not_modified_head;
    } else {
      const auto& variant = response_->Pick(NegotiateEncoding(accept_encoding));
      head = &variant.head;
      if (!head_only) body_ = variant.body.get();
    }
    head_.assign(*head);
    head_ += DateHeader();
    if (!keep_alive_) head_ += "Connection: close\r\n";
    head_ += "\r\n";
    std::vector<net::const_buffer> buffers{net::buffer(head_)};
    if (body_ && !body_->empty()) buffers.push_back(net::buffer(*body_));
    stream_.expires_after(server_.options.idle_timeout);
    net::async_write(stream_, buffers,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->Close();
                       self->response_.reset();
                       if (!self->keep_alive_) return self->Close();
                       self->Read();
                     });
  }

  void Close() {
    boost::system::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Server::Impl& server_;
  std::string remote_;
  std::string head_;
  const std::string* body_ = nullptr;
  std::shared_ptr<const PreparedResponse> response_;  // keeps body_ alive during the write
  bool keep_alive_ = true;
  bool first_ = true;
  bool reading_ = false;
  bool closing_ = false;
};

}  // namespace

void Server::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping) return;
    if (!ec) {
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      std::make_shared<Session>(std::move(socket), *this)->Start();
    }
    Accept();
  });
}

void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  boost::system::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mu);
    for (auto& [ptr, weak] : sessions)
      if (auto s = weak.lock()) live.push_back(std::move(s));
  }
  for (auto& s : live) net::post(s->executor(), [s] { s->Shutdown(); });

  // Wait for the sessions to finish, up to the grace period; then stop whatever is left.
  auto deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
  auto timer = std::make_shared<net::steady_timer>(ioc);
  auto check = std::make_shared<std::function<void()>>();
  *check = [this, timer, deadline, check] {
    bool empty;
    {
      std::lock_guard lock(sessions_mu);
      empty = sessions.empty();
    }
    if (empty || std::chrono::steady_clock::now() >= deadline) {
      ioc.stop();
      *check = nullptr;  // break the cycle
      return;
    }
    timer->expires_after(std::chrono::milliseconds(20));
    timer->async_wait([check](beast::error_code) {
      if (*check) (*check)();
    });
  };
  net::post(ioc, [check] { (*check)(); });
}

Server::Server(ServerOptions options, Handler handler, ResponseCache* cache)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), cache)) {}

Server::~Server() = default;

Status Server::Listen() {
  boost::system::error_code ec;
  auto address = net::ip::make_address(impl_->options.address, ec);
  if (ec) return Status::InvalidInput("listen address «" + impl_->options.address + "»: " + ec.message());
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable("cannot listen on " + impl_->options.address + ":" +
                               std::to_string(impl_->options.port) + ": " + ec.message());
  }
  return Status::Ok();
}

uint16_t Server::port() const {
  boost::system::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void Server::Run() {
  impl_->signals.add(SIGINT);
  impl_->signals.add(SIGTERM);
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->BeginShutdown();
  });
  impl_->Accept();
  int threads = impl_->options.threads > 0 ? impl_->options.threads
                                           : static_cast<int>(std::thread::hardware_concurrency());
  if (threads < 1) threads = 1;
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : pool) t.join();
}

void Server::Stop() {
  net::post(impl_->ioc, [this] { impl_->BeginShutdown(); });
}

}  // namespace wakala::http
