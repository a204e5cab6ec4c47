#include "cli/commands.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "arabic/slug.h"
#include "base/utf8.h"
#include "cli/analyze.h"
#include "cli/config.h"
#include "cli/demo.h"
#include "cli/feed_commands.h"
#include "cli/serve.h"
#include "cli/transfer.h"
#include "cli/websub.h"
#include "newsroom/api_tokens.h"
#include "newsroom/article_file.h"
#include "newsroom/auth.h"
#include "newsroom/site_zone.h"
#include "newsroom/wxr_import.h"
#include "store/store.h"

namespace wakala::cli {
namespace {

// The options every sub-command that touches the site shares, registered on `cmd`.
struct CommonFlags {
  Config config;
  std::string config_file;
  std::vector<std::string> set_by_flags;
  std::vector<std::pair<const char*, CLI::Option*>> options;

  void AddTo(CLI::App* cmd, bool serving) {
    cmd->add_option("--config", config_file, "TOML configuration file (keys as the flags, with _)");
    options.emplace_back("db", cmd->add_option("--db", config.db, "database: sqlite:PATH or postgresql://USER@HOST:PORT/NAME [default: sqlite:<data>/wakala.db]"));
    options.emplace_back("data", cmd->add_option("--data", config.data, "data folder (SQLite file, uploads)")->capture_default_str());
    options.emplace_back("base_url", cmd->add_option("--base-url", config.base_url, "public base URL, for canonical links and printed URLs")->capture_default_str());
    if (!serving) return;
    options.emplace_back("listen", cmd->add_option("--listen", config.listen, "address:port to listen on")->capture_default_str());
    options.emplace_back("site_name", cmd->add_option("--site-name", config.site_name, "site name (overrides the site_name setting) [default: the setting]"));
    options.emplace_back("theme", cmd->add_option("--theme", config.theme, "theme folder: templates and CSS")->capture_default_str());
    options.emplace_back("admin_theme", cmd->add_option("--admin-theme", config.admin_theme, "the newsroom's templates")->capture_default_str());
    options.emplace_back("threads", cmd->add_option("--threads", config.threads, "HTTP worker threads; 0 = one per core")->capture_default_str());
    options.emplace_back("page_size", cmd->add_option("--page-size", config.page_size, "articles per listing page")->capture_default_str());
    options.emplace_back("feed_poll_seconds", cmd->add_option("--feed-poll-seconds", config.feed_poll_seconds, "poll every partner feed this often; 0 = each feed's own interval")->capture_default_str());
    options.emplace_back("feed_threads", cmd->add_option("--feed-threads", config.feed_threads, "partner feeds fetched at once")->capture_default_str());
    cmd->add_option("--clock-offset-file", config.clock_offset_file, "for tests: a file holding seconds to add to the server's clock, read again when it changes");
    options.emplace_back("feed_timeout_seconds", cmd->add_option("--feed-timeout-seconds", config.feed_timeout_seconds, "time limit of one partner feed fetch")->capture_default_str());
  }

  // Applies the TOML file under the flags actually given.
  Status Resolve() {
    for (auto& [key, opt] : options)
      if (opt->count() > 0) set_by_flags.emplace_back(key);
    if (!config_file.empty()) return LoadConfigFile(config_file, config, set_by_flags);
    return Status::Ok();
  }
};

Result<std::unique_ptr<store::Store>> Open(const Config& config) {
  std::string url = config.DatabaseUrl();
  if (url.rfind("sqlite:", 0) == 0 && config.db.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(config.data, ec);
    if (ec) return Status::Unavailable("cannot create the data folder «" + config.data + "»: " + ec.message());
  }
  return store::OpenStore(url);
}

Result<std::string> ReadInput(const std::string& file) {
  std::ostringstream data;
  if (file == "-") {
    data << std::cin.rdbuf();
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Status::NotFound("cannot open «" + file + "»");
    data << in.rdbuf();
  }
  return data.str();
}

// The site's UTC offset now, for dates written without one.
int SiteOffset(store::Store& store) {
  return newsroom::SiteZone(store).OffsetSeconds(SystemClock().Now());
}

int Fail(const Status& status) {
  std::cerr << "wakala: " << status.ToString() << "\n";
  return 1;
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"wakala: an Arabic-first news agency platform.\n"
               "Run `wakala COMMAND --help` for the options of each command."};
  app.require_subcommand(1);
  const Config defaults;
  app.footer(
      "Site options (serve; --config, --db and --data on every command; the TOML file takes the\n"
      "same keys with '_' for '-'; flags win over the file):\n"
      "  --config FILE      TOML configuration file [default: none]\n"
      "  --db URL           sqlite:PATH or postgresql://USER@HOST:PORT/NAME [default: sqlite:<data>/wakala.db]\n"
      "  --data DIR         data folder [default: " + defaults.data + "]\n"
      "  --listen ADDR:PORT address to serve on [default: " + defaults.listen + "]\n"
      "  --base-url URL     public base URL for canonical links [default: " + defaults.base_url + "]\n"
      "  --site-name NAME   overrides the site_name setting [default: the setting]\n"
      "  --theme DIR        theme folder [default: " + defaults.theme + "]\n"
      "  --admin-theme DIR  the newsroom's templates [default: " + defaults.admin_theme + "]\n"
      "  --threads N        HTTP worker threads, 0 = one per core [default: " + std::to_string(defaults.threads) + "]\n"
      "  --page-size N      articles per listing page [default: " + std::to_string(defaults.page_size) + "]\n"
      "  --feed-poll-seconds N    poll every partner feed every N s; 0 = each feed's interval [default: 0]\n"
      "  --feed-threads N         partner feeds fetched at once [default: " + std::to_string(defaults.feed_threads) + "]\n"
      "  --feed-timeout-seconds N time limit of one feed fetch [default: " + std::to_string(defaults.feed_timeout_seconds) + "]");

  // serve
  CommonFlags serve_flags;
  auto* serve = app.add_subcommand("serve", "serve the site over HTTP until SIGTERM/SIGINT");
  serve_flags.AddTo(serve, true);

  // section add
  CommonFlags section_flags;
  auto* section = app.add_subcommand("section", "manage sections")->require_subcommand(1);
  auto* section_add = section->add_subcommand("add", "create a section");
  std::string section_name, section_slug;
  section_add->add_option("NAME", section_name, "section name, e.g. سياسة")->required();
  section_add->add_option("--slug", section_slug, "URL slug [default: from the name]");
  section_flags.AddTo(section_add, false);
  auto* section_list = section->add_subcommand("list", "list sections");
  CommonFlags section_list_flags;
  section_list_flags.AddTo(section_list, false);

  // article add / update / unpublish
  auto* article = app.add_subcommand("article", "manage articles")->require_subcommand(1);
  CommonFlags article_flags;
  std::string article_file, article_slug;
  auto* article_add = article->add_subcommand(
      "add", "add an article from a Markdown file with front matter (- reads stdin); prints its URL");
  article_add->add_option("FILE", article_file, "the Markdown file, or - for stdin")->required();
  article_flags.AddTo(article_add, false);
  auto* article_update = article->add_subcommand(
      "update", "replace the article with slug SLUG from a file; a new slug: line renames it "
                "(the old URL redirects)");
  article_update->add_option("SLUG", article_slug, "current slug")->required();
  article_update->add_option("FILE", article_file, "the Markdown file, or - for stdin")->required();
  CommonFlags update_flags;
  update_flags.AddTo(article_update, false);
  auto* article_unpublish = article->add_subcommand("unpublish", "take an article down (readers get 410 Gone)");
  article_unpublish->add_option("SLUG", article_slug, "slug")->required();
  CommonFlags unpublish_flags;
  unpublish_flags.AddTo(article_unpublish, false);

  // settings
  auto* settings = app.add_subcommand("settings", "read and change site settings")->require_subcommand(1);
  std::string key, value;
  auto* settings_set = settings->add_subcommand("set", "set KEY to VALUE (site_name, republish_policy, comments_disclaimer, copyright_text, copyright_from, copyright_to, timezone, digits, month_names, tagline, feed_full_text, websub_hub)");
  settings_set->add_option("KEY", key)->required();
  settings_set->add_option("VALUE", value)->required();
  CommonFlags settings_flags;
  settings_flags.AddTo(settings_set, false);
  auto* settings_list = settings->add_subcommand("list", "print every setting");
  CommonFlags settings_list_flags;
  settings_list_flags.AddTo(settings_list, false);

  // analyze (no database)
  auto* analyze = app.add_subcommand(
      "analyze", "show the search terms the Arabic analyser makes of TEXT (word, folded, stem)");
  std::string analyze_text;
  analyze->add_option("TEXT", analyze_text, "the text, e.g. «والأهداف»")->required();

  // demo
  auto* demo = app.add_subcommand("demo", "load the demo content (sections, articles, settings) once");
  std::string demo_dir = "demo";
  demo->add_option("--from", demo_dir, "folder with sections.tsv and articles/")->capture_default_str();
  CommonFlags demo_flags;
  demo_flags.AddTo(demo, false);

  // export, import wxr / jsonl (cli/transfer.h, newsroom/wxr_import.h)
  auto* export_cmd = app.add_subcommand("export", "write the whole site as JSON Lines (doc/export.md)");
  std::string export_output = "-";
  export_cmd->add_option("--output,-o", export_output, "file to write, or - for stdout")->capture_default_str();
  CommonFlags export_flags;
  export_flags.AddTo(export_cmd, false);
  auto* import_cmd = app.add_subcommand("import", "import content")->require_subcommand(1);
  std::string import_file;
  auto* import_wxr = import_cmd->add_subcommand(
      "wxr", "import a WordPress export (WXR): posts, categories, tags, authors, old URLs; "
             "again updates, never duplicates");
  import_wxr->add_option("FILE", import_file, "the WXR file, or - for stdin")->required();
  CommonFlags import_wxr_flags;
  import_wxr_flags.AddTo(import_wxr, false);
  auto* import_jsonl = import_cmd->add_subcommand("jsonl", "restore a `wakala export` dump into an empty site");
  import_jsonl->add_option("FILE", import_file, "the dump, or - for stdin")->required();
  CommonFlags import_jsonl_flags;
  import_jsonl_flags.AddTo(import_jsonl, false);

  // user add / ensure-admin
  auto* user = app.add_subcommand("user", "manage newsroom accounts")->require_subcommand(1);
  auto* user_add = user->add_subcommand(
      "add", "create an account; prints a one-time password (or reads one from stdin)");
  std::string user_name, user_role = "author";
  bool password_stdin = false;
  user_add->add_option("NAME", user_name, "login name")->required();
  user_add->add_option("--role", user_role, "administrator, editor, author or contributor")->capture_default_str();
  user_add->add_flag("--password-stdin", password_stdin, "read the password from stdin instead of generating one");
  CommonFlags user_flags;
  user_flags.AddTo(user_add, false);
  auto* user_admin = user->add_subcommand(
      "ensure-admin", "create the account «admin» when there are no accounts yet, and print how to log in");
  CommonFlags admin_flags;
  admin_flags.AddTo(user_admin, false);

  // token add (newsroom/api_tokens.h)
  auto* token = app.add_subcommand("token", "personal access tokens for the write API (doc/api-write.md)")->require_subcommand(1);
  auto* token_add = token->add_subcommand("add", "create a token for the account USER; prints it once");
  std::string token_user, token_scope, token_name = "سطر الأوامر";
  token_add->add_option("USER", token_user, "login name")->required();
  token_add->add_option("--scope", token_scope, "read or write")->required();
  token_add->add_option("--name", token_name, "what the token is for")->capture_default_str();
  CommonFlags token_flags;
  token_flags.AddTo(token_add, false);

  // feed parse / add / list / items / hide / show / mute / unmute (cli/feed_commands.h)
  auto* feed = app.add_subcommand("feed", "partner feeds for the latest-news ticker")->require_subcommand(1);
  std::string feed_source, feed_base, feed_url, feed_name, feed_key, feed_item;
  int feed_interval = 600, feed_parse_timeout = 30;
  auto* feed_parse = feed->add_subcommand("parse", "print as JSON what wakala understands of a feed (FILE, - or URL)");
  feed_parse->add_option("SOURCE", feed_source, "a file, - for stdin, or an http(s) URL")->required();
  feed_parse->add_option("--timeout", feed_parse_timeout, "seconds, for a URL")->capture_default_str();
  feed_parse->add_option("--base", feed_base, "for a file: the URL its relative links resolve against");
  auto* feed_add = feed->add_subcommand("add", "add a partner feed");
  feed_add->add_option("URL", feed_url, "the feed's http(s) address")->required();
  feed_add->add_option("--name", feed_name, "the name shown beside its headlines")->required();
  feed_add->add_option("--interval", feed_interval, "seconds between polls")->capture_default_str();
  CommonFlags feed_add_flags;
  feed_add_flags.AddTo(feed_add, false);
  auto* feed_list = feed->add_subcommand("list", "partner feeds and their health (last success, last error, next try)");
  CommonFlags feed_list_flags;
  feed_list_flags.AddTo(feed_list, false);
  auto* feed_items = feed->add_subcommand("items", "the newest partner items with their ids (of FEED: id, name or URL)");
  feed_items->add_option("FEED", feed_key, "id, name or URL");
  CommonFlags feed_items_flags;
  feed_items_flags.AddTo(feed_items, false);
  auto* feed_hide = feed->add_subcommand("hide", "hide item ITEM from the ticker and /latest");
  auto* feed_show = feed->add_subcommand("show", "show a hidden item ITEM again");
  for (auto* c : {feed_hide, feed_show}) c->add_option("ITEM", feed_item, "item id (see `feed items`)")->required();
  CommonFlags feed_hide_flags, feed_show_flags;
  feed_hide_flags.AddTo(feed_hide, false);
  feed_show_flags.AddTo(feed_show, false);
  auto* feed_mute = feed->add_subcommand("mute", "keep polling FEED but show none of its items");
  auto* feed_unmute = feed->add_subcommand("unmute", "show FEED's items again");
  for (auto* c : {feed_mute, feed_unmute}) c->add_option("FEED", feed_key, "id, name or URL")->required();
  CommonFlags feed_mute_flags, feed_unmute_flags;
  feed_mute_flags.AddTo(feed_mute, false);
  feed_unmute_flags.AddTo(feed_unmute, false);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  auto with_store = [](CommonFlags& flags, auto&& body) -> int {
    if (Status st = flags.Resolve(); !st.ok()) return Fail(st);
    auto store = Open(flags.config);
    if (!store.ok()) return Fail(store.status());
    return body(**store, flags.config);
  };

  if (serve->parsed()) {
    if (Status st = serve_flags.Resolve(); !st.ok()) return Fail(st);
    return Serve(serve_flags.config);
  }
  if (section_add->parsed()) {
    return with_store(section_flags, [&](store::Store& st, const Config&) {
      std::string slug = section_slug.empty() ? arabic::Slugify(section_name) : arabic::Slugify(section_slug);
      if (slug.empty()) return Fail(Status::InvalidInput("slug: «" + (section_slug.empty() ? section_name : section_slug) + "» has no letters or digits"));
      auto added = st.AddSection(section_name, slug);
      if (!added.ok()) return Fail(added.status());
      std::cout << "/section/" << added->slug << "\n";
      return 0;
    });
  }
  if (section_list->parsed()) {
    return with_store(section_list_flags, [&](store::Store& st, const Config&) {
      auto sections = st.ListSections();
      if (!sections.ok()) return Fail(sections.status());
      for (const auto& s : *sections) std::cout << s.slug << "\t" << s.name << "\n";
      return 0;
    });
  }
  if (article_add->parsed() || article_update->parsed()) {
    bool update = article_update->parsed();
    return with_store(update ? update_flags : article_flags, [&](store::Store& st, const Config& config) {
      auto text = ReadInput(article_file);
      if (!text.ok()) return Fail(text.status());
      auto saved = newsroom::SaveArticleFile(st, *text, SystemClock().Now(), SiteOffset(st),
                                             update ? article_slug : "");
      if (!saved.ok()) {
        std::cerr << "wakala: " << (article_file == "-" ? "stdin" : article_file) << ": "
                  << saved.status().message() << "\n";
        return 1;
      }
      std::cout << config.base_url << PercentEncodePath("/article/" + saved->slug) << "\n";
      NotifyHub(st, config.base_url, *saved);  // websub.h
      return 0;
    });
  }
  if (article_unpublish->parsed()) {
    return with_store(unpublish_flags, [&](store::Store& st, const Config& config) {
      auto found = st.FindArticle(article_slug);
      if (!found.ok()) return Fail(found.status());
      if (!found->article) return Fail(Status::NotFound("no article has the slug «" + article_slug + "»"));
      if (Status s = st.SetArticleStatus(found->article->id, store::ArticleStatus::kUnpublished); !s.ok())
        return Fail(s);
      NotifyHub(st, config.base_url, *found->article);  // websub.h
      return 0;
    });
  }
  if (settings_set->parsed()) {
    return with_store(settings_flags, [&](store::Store& st, const Config&) {
      if (Status s = st.PutSetting(key, value); !s.ok()) return Fail(s);
      return 0;
    });
  }
  if (settings_list->parsed()) {
    return with_store(settings_list_flags, [&](store::Store& st, const Config&) {
      auto all = st.Settings();
      if (!all.ok()) return Fail(all.status());
      for (const auto& [k, v] : *all) std::cout << k << "\t" << v << "\n";
      return 0;
    });
  }
  if (user_add->parsed()) {
    return with_store(user_flags, [&](store::Store& st, const Config& config) {
      auto role = store::ParseRole(user_role);
      if (!role) return Fail(Status::InvalidInput("--role: «" + user_role + "» is not administrator, editor, author or contributor"));
      std::string password;
      if (password_stdin) {
        std::getline(std::cin, password);
        if (password.size() < 10) return Fail(Status::InvalidInput("password: at least 10 characters"));
      } else {
        password = newsroom::RandomToken().substr(0, 20);
      }
      auto hash = newsroom::HashPassword(password);
      if (!hash.ok()) return Fail(hash.status());
      auto added = st.AddUser(user_name, *role, *hash);
      if (!added.ok()) return Fail(added.status());
      (void)st.Audit(0, "user.add", user_name + " (" + user_role + ")", SystemClock().Now());
      if (!password_stdin) std::cout << "password: " << password << "\n";
      std::cout << "log in at " << config.base_url << "/admin/login\n";
      return 0;
    });
  }
  if (user_admin->parsed()) {
    return with_store(admin_flags, [&](store::Store& st, const Config& config) {
      auto users = st.ListUsers();
      if (!users.ok()) return Fail(users.status());
      if (!users->empty()) return 0;
      std::string password = newsroom::RandomToken().substr(0, 20);
      auto hash = newsroom::HashPassword(password);
      if (!hash.ok()) return Fail(hash.status());
      auto added = st.AddUser("admin", store::Role::kAdministrator, *hash);
      if (!added.ok()) return Fail(added.status());
      std::cout << "Newsroom: log in at " << config.base_url << "/admin/login as «admin» with the password "
                << password << " (shown once; change it under «كلمة المرور»)\n";
      return 0;
    });
  }
  if (token_add->parsed()) {
    return with_store(token_flags, [&](store::Store& st, const Config&) {
      auto scope = store::ParseTokenScope(token_scope);
      if (!scope) return Fail(Status::InvalidInput("--scope: «" + token_scope + "» is not read or write"));
      auto found = st.FindUserByName(token_user);
      if (!found.ok()) return Fail(found.status());
      if (!found->has_value()) return Fail(Status::NotFound("no account is named «" + token_user + "»"));
      UnixSeconds now = SystemClock().Now();
      auto made = newsroom::CreateApiToken(st, (*found)->id, token_name, *scope, now);
      if (!made.ok()) return Fail(made.status());
      (void)st.Audit(0, "token.add", token_user + ": «" + token_name + "» (" + token_scope + ")", now);
      std::cout << made->secret << "\n";
      return 0;
    });
  }
  if (analyze->parsed()) return Analyze(analyze_text, std::cout, std::cerr);
  if (feed_parse->parsed()) return FeedParse(feed_source, feed_base, feed_parse_timeout, std::cout, std::cerr);
  if (feed_add->parsed())
    return with_store(feed_add_flags, [&](store::Store& st, const Config&) { return FeedAdd(st, feed_url, feed_name, feed_interval, std::cout, std::cerr); });
  if (feed_list->parsed())
    return with_store(feed_list_flags, [&](store::Store& st, const Config&) { return FeedList(st, std::cout, std::cerr); });
  if (feed_items->parsed())
    return with_store(feed_items_flags, [&](store::Store& st, const Config&) { return FeedItems(st, feed_key, std::cout, std::cerr); });
  if (feed_hide->parsed() || feed_show->parsed()) {
    bool hide = feed_hide->parsed();
    return with_store(hide ? feed_hide_flags : feed_show_flags, [&](store::Store& st, const Config&) { return FeedHide(st, feed_item, hide, std::cerr); });
  }
  if (feed_mute->parsed() || feed_unmute->parsed()) {
    bool mute = feed_mute->parsed();
    return with_store(mute ? feed_mute_flags : feed_unmute_flags, [&](store::Store& st, const Config&) { return FeedMute(st, feed_key, mute, std::cerr); });
  }
  if (export_cmd->parsed()) {
    return with_store(export_flags, [&](store::Store& st, const Config& config) {
      media::MediaLibrary library(&st, config.MediaFolder());
      if (export_output == "-") {
        if (Status s = ExportJsonl(st, library, std::cout); !s.ok()) return Fail(s);
        return 0;
      }
      std::ofstream out(export_output, std::ios::binary | std::ios::trunc);
      if (!out) return Fail(Status::Unavailable("cannot write «" + export_output + "»"));
      if (Status s = ExportJsonl(st, library, out); !s.ok()) return Fail(s);
      return 0;
    });
  }
  if (import_wxr->parsed() || import_jsonl->parsed()) {
    bool wxr = import_wxr->parsed();
    return with_store(wxr ? import_wxr_flags : import_jsonl_flags, [&](store::Store& st, const Config& config) {
      auto text = ReadInput(import_file);
      if (!text.ok()) return Fail(text.status());
      const std::string name = import_file == "-" ? "stdin" : import_file;
      if (wxr) {
        auto done = newsroom::ImportWxr(st, *text, name);
        if (!done.ok()) return Fail(done.status());
        std::cout << newsroom::FormatWxrReport(*done, name);
        return 0;
      }
      media::MediaLibrary library(&st, config.MediaFolder());
      auto counts = ImportJsonl(st, library, *text, name);
      if (!counts.ok()) return Fail(counts.status());
      std::cout << "restored " << name << ": " << counts->sections_created << " sections, "
                << counts->articles_created << " articles, " << counts->redirects
                << " redirects, " << counts->settings << " settings, " << counts->comments_created
                << " comments, " << counts->media_created << " images\n";
      return 0;
    });
  }
  if (demo->parsed()) {
    return with_store(demo_flags, [&](store::Store& st, const Config&) {
      auto loaded = LoadDemo(st, demo_dir);
      if (!loaded.ok()) return Fail(loaded.status());
      std::cout << *loaded << "\n";
      return 0;
    });
  }
  return 2;
}

}  // namespace wakala::cli
