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
// The statuses `user` may save an article with.
bool MaySetStatus(const store::User& user, const store::Article* article, store::ArticleStatus status);

}  // namespace wakala::newsroom
