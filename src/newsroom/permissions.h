#pragma once

#include "store/store.h"

namespace wakala::newsroom {

// Who may do what (issue 3): administrators everything; editors publish and edit anyone's
// articles and moderate; authors write and publish their own; contributors write and submit
// their own for review but never publish.
bool CanEditArticle(const store::User& user, const store::Article& article);
// Publishing covers the statuses readers see or will see: scheduled, published, unpublished.
bool CanPublish(const store::User& user, const store::Article* article);
bool CanManageSite(const store::User& user);  // users, sections, settings, audit log
bool CanModerateComments(const store::User& user);  // editors and administrators
// Partner feeds of the ticker (/admin/feeds): add, edit, enable, mute, hide items. Editors and
// administrators: what the ticker shows is an editorial choice, like publishing. Authors and
// contributors neither see nor change it.
bool CanManageFeeds(const store::User& user);
// The statuses `user` may save an article with.
bool MaySetStatus(const store::User& user, const store::Article* article, store::ArticleStatus status);

}  // namespace wakala::newsroom
