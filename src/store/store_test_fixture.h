// The fixture of the store contract tests, shared by every *_contract_test.cc: a scratch
// database per test on each backend (SQLite always; PostgreSQL when WAKALA_TEST_POSTGRES holds
// a libpq URL of a server where the user may create databases). Instantiate a suite with
//   INSTANTIATE_TEST_SUITE_P(Backends, MySuite, ::testing::Values("sqlite", "postgresql"));
#pragma once

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "arabic/slug.h"
#include "store/store.h"

namespace wakala::store {
namespace {

constexpr UnixSeconds kNow = 1'700'000'000;
constexpr UnixSeconds kHour = 3600;
constexpr const char* kPostgresEnv = "WAKALA_TEST_POSTGRES";

std::string RandomSuffix() {
  std::random_device rd;
  std::uniform_int_distribution<uint64_t> dist;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(dist(rd)));
  return buf;
}

// Runs one statement on the server named by `url`, outside any transaction.
::testing::AssertionResult PgExec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    return ::testing::AssertionFailure() << "cannot connect to " << url << ": " << msg;
  }
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  PGresult* res = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
  std::string msg = PQresultErrorMessage(res);
  PQclear(res);
  PQfinish(conn);
  if (!ok) return ::testing::AssertionFailure() << sql << ": " << msg;
  return ::testing::AssertionSuccess();
}

// "postgresql://u@h:p/postgres?x=y" with its database replaced by `db`.
std::string WithDatabase(const std::string& url, const std::string& db) {
  size_t authority = url.find("://");
  authority = authority == std::string::npos ? 0 : authority + 3;
  size_t path = url.find_first_of("/?", authority);
  std::string base = url.substr(0, path);
  std::string query;
  if (path != std::string::npos) {
    size_t q = url.find('?', path);
    if (q != std::string::npos) query = url.substr(q);
  }
  return base + "/" + db + query;
}

// A database of its own for one test: a SQLite file in a temporary directory, or a
// PostgreSQL database created on the server WAKALA_TEST_POSTGRES names.
class ScratchDatabase {
 public:
  // Empty url() when the backend cannot be tested here; `why` says why.
  explicit ScratchDatabase(const std::string& backend) {
    if (backend == "sqlite") {
      dir_ = std::filesystem::temp_directory_path() / ("wakala_store_test_" + RandomSuffix());
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "wakala.db").string();
      return;
    }
    const char* admin = std::getenv(kPostgresEnv);
    if (!admin || !*admin) {
      why_ = std::string("set ") + kPostgresEnv +
             " to a PostgreSQL URL (see tests/start-postgres) to run this backend";
      return;
    }
    admin_ = admin;
    db_ = "wakala_test_" + RandomSuffix();
    auto created = PgExec(admin_, "CREATE DATABASE " + db_ + " TEMPLATE template0 ENCODING 'UTF8'");
    if (!created) {
      why_ = created.message();
      failed_ = true;
      db_.clear();
      return;
    }
    url_ = WithDatabase(admin_, db_);
  }
  ~ScratchDatabase() {
    if (!db_.empty()) {
      EXPECT_TRUE(PgExec(admin_, "DROP DATABASE IF EXISTS " + db_ + " WITH (FORCE)"));
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  const std::string& url() const { return url_; }
  const std::string& database() const { return db_; }  // PostgreSQL only
  const std::string& why() const { return why_; }
  bool failed() const { return failed_; }  // the backend was configured but is broken

 private:
  std::filesystem::path dir_;
  std::string admin_, db_, url_, why_;
  bool failed_ = false;
};

ArticleInput MakeInput(const std::string& slug, UnixSeconds published_at,
                       const std::string& section = "politics",
                       const std::string& byline = "وكالة الأنباء",
                       std::vector<std::string> tags = {}) {
  ArticleInput in;
  in.slug = slug;
  in.title = "عنوان " + slug;
  in.summary = "ملخص " + slug;
  in.body_markdown = "نص **" + slug + "**";
  in.status = ArticleStatus::kPublished;
  in.published_at = published_at;
  in.section = section;
  in.byline = byline;
  in.tags = std::move(tags);
  return in;
}

[[maybe_unused]] std::vector<std::string> Slugs(const ArticlePage& page) {
  std::vector<std::string> out;
  for (const Article& a : page.articles) out.push_back(a.slug);
  return out;
}

class StoreContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<ScratchDatabase>(GetParam());
    if (db_->failed()) FAIL() << db_->why();
    if (db_->url().empty()) GTEST_SKIP() << db_->why();
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
  }

  std::unique_ptr<Store> Open() {
    auto opened = OpenStore(db_->url());
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    return opened.ok() ? std::move(*opened) : nullptr;
  }
  // The store most tests use, opened on first use.
  Store& store() {
    if (!store_) store_ = Open();
    return *store_;
  }
  void AddSections() {
    ASSERT_TRUE(store().AddSection("سياسة", "politics").ok());
    ASSERT_TRUE(store().AddSection("اقتصاد", "economy").ok());
  }
  Article Add(const ArticleInput& in) {
    auto added = store().AddArticle(in);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? *added : Article{};
  }
  int64_t CountListed() {
    ArticleQuery q;
    q.now = kNow + 1000 * kHour;
    auto page = store().ListArticles(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->total : -1;
  }
  int64_t Version(Store& s) {
    auto v = s.ContentVersion();
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : -1;
  }

  std::unique_ptr<ScratchDatabase> db_;
  std::unique_ptr<Store> store_;
};

}  // namespace
}  // namespace wakala::store
