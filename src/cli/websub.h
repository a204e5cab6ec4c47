// WebSub (W3C Recommendation): telling the hub that feeds changed, so subscribers get the
// news pushed instead of polling. wakala is the publisher; the hub is the `websub_hub`
// setting, also declared in every feed.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace wakala::cli {

// POSTs hub.mode=publish&hub.url=TOPIC to `hub` once per topic (form-encoded, 10 s timeout).
// kUnavailable naming the topic when the hub cannot be reached or answers other than 2xx.
Status PingHub(const std::string& hub, const std::vector<std::string>& topics);

// After `article` was published, changed or withdrawn: pings the hub (when the setting is
// set) for the site's feeds and the article's section, author and tag feeds. Failures are
// printed as warnings; the publication itself has succeeded.
void NotifyHub(store::Store& store, const std::string& base_url, const store::Article& article);

}  // namespace wakala::cli
