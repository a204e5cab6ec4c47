// The site's time zone, read from its settings, for the dates the newsroom shows and the
// publish times it takes (the admin pages and the write API alike).
#pragma once

#include "render/arabic_date.h"
#include "store/store.h"

namespace wakala::newsroom {

// The "timezone" setting; Africa/Cairo when it is unset, UTC when it names no known zone.
render::TimeZone SiteZone(store::Store& store);

// Dates in SiteZone, with western digits and the default month names.
render::DateStyle SiteDateStyle(store::Store& store);

}  // namespace wakala::newsroom
