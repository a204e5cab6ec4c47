#include "newsroom/site_zone.h"

#include <string>

namespace wakala::newsroom {

render::TimeZone SiteZone(store::Store& store) {
  auto settings = store.Settings();
  std::string name = "Africa/Cairo";
  if (settings.ok()) {
    auto it = settings->find("timezone");
    if (it != settings->end() && !it->second.empty()) name = it->second;
  }
  auto zone = render::TimeZone::Load(name);
  return zone.ok() ? *zone : render::TimeZone::Utc();
}

render::DateStyle SiteDateStyle(store::Store& store) {
  render::DateStyle style;
  style.zone = SiteZone(store);
  return style;
}

}  // namespace wakala::newsroom
