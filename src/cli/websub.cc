#include "cli/websub.h"

#include <curl/curl.h>

#include <iostream>
#include <memory>

#include "base/utf8.h"

namespace wakala::cli {
namespace {

size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }

std::string FormEncode(CURL* curl, const std::string& s) {
  char* e = curl_easy_escape(curl, s.data(), static_cast<int>(s.size()));
  std::string out = e ? e : "";
  curl_free(e);
  return out;
}

}  // namespace

Status PingHub(const std::string& hub, const std::vector<std::string>& topics) {
  static const CURLcode kInit = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (kInit != CURLE_OK) return Status::Internal("libcurl failed to initialise");
  for (const std::string& topic : topics) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) return Status::Internal("libcurl: no handle");
    std::string body = "hub.mode=publish&hub.url=" + FormEncode(curl.get(), topic);
    curl_easy_setopt(curl.get(), CURLOPT_URL, hub.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "wakala-websub");
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &Discard);
    CURLcode rc = curl_easy_perform(curl.get());
    if (rc != CURLE_OK)
      return Status::Unavailable("WebSub hub " + hub + ": " + curl_easy_strerror(rc) +
                                 " (topic " + topic + ")");
    long code = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &code);
    if (code < 200 || code > 299)
      return Status::Unavailable("WebSub hub " + hub + " answered " + std::to_string(code) +
                                 " (topic " + topic + ")");
  }
  return Status::Ok();
}

void NotifyHub(store::Store& store, const std::string& base_url, const store::Article& a) {
  auto settings = store.Settings();
  if (!settings.ok()) return;
  auto hub = settings->find("websub_hub");
  if (hub == settings->end() || hub->second.empty()) return;
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::vector<std::string> scopes = {"", "/section/" + a.section.slug, "/author/" + a.author.slug};
  for (const auto& t : a.tags) scopes.push_back("/tag/" + t.slug);
  std::vector<std::string> topics;
  for (const auto& scope : scopes)
    for (const char* file : {"/feed.xml", "/atom.xml", "/feed.json"})
      topics.push_back(base + PercentEncodePath(scope + file));
  if (Status st = PingHub(hub->second, topics); !st.ok())
    std::cerr << "wakala: warning: " << st.message() << "\n";
}

}  // namespace wakala::cli
