#include "newsroom/permissions.h"

namespace wakala::newsroom {

using store::ArticleStatus;
using store::Role;

bool CanEditArticle(const store::User& user, const store::Article& article) {
  if (user.role == Role::kAdministrator || user.role == Role::kEditor) return true;
  if (article.owner_id != user.id) return false;
  // A contributor's words reach readers only through an editor: once reviewed, the article
  // is no longer theirs to change.
  if (user.role == Role::kContributor)
    return article.status == ArticleStatus::kDraft || article.status == ArticleStatus::kPending;
  return true;
}

bool CanPublish(const store::User& user, const store::Article* article) {
  switch (user.role) {
    case Role::kAdministrator:
    case Role::kEditor: return true;
    case Role::kAuthor: return article == nullptr || article->owner_id == user.id;
    case Role::kContributor: return false;
  }
  return false;
}

bool CanManageSite(const store::User& user) { return user.role == Role::kAdministrator; }

bool CanModerateComments(const store::User& user) {
  return user.role == Role::kAdministrator || user.role == Role::kEditor;
}

bool CanManageFeeds(const store::User& user) {
  return user.role == Role::kAdministrator || user.role == Role::kEditor;
}

bool MaySetStatus(const store::User& user, const store::Article* article, ArticleStatus status) {
  if (status == ArticleStatus::kDraft || status == ArticleStatus::kPending) return true;
  return CanPublish(user, article);
}

}  // namespace wakala::newsroom
