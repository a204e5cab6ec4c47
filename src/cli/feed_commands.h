// `wakala feed ...`: partner feeds for the latest-news ticker (issue 5). The bodies of the
// sub-commands registered in commands.cc; each returns the exit code.
#pragma once

#include <ostream>
#include <string>

#include "store/store.h"

namespace wakala::cli {

// Prints, as JSON, what wakala understands of the feed in FILE (- for stdin) or at URL.
// `base` is the URL relative links of a file resolve against (ignored for a URL).
int FeedParse(const std::string& source, const std::string& base, int timeout_seconds,
              std::ostream& out, std::ostream& err);
int FeedAdd(store::Store& store, const std::string& url, const std::string& name, int interval,
            std::ostream& out, std::ostream& err);
// One line per feed: id, name, URL, state, last success, last error, next try.
int FeedList(store::Store& store, std::ostream& out, std::ostream& err);
// The newest items (of FEED when not empty), with the ids `feed hide` takes.
int FeedItems(store::Store& store, const std::string& feed, std::ostream& out, std::ostream& err);
int FeedHide(store::Store& store, const std::string& item, bool hidden, std::ostream& err);
int FeedMute(store::Store& store, const std::string& feed, bool muted, std::ostream& err);

}  // namespace wakala::cli
