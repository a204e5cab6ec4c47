#include "arabic/word_lists.h"

namespace wakala::arabic {
namespace {

// Prepositions, conjunctions, pronouns, demonstratives, relatives and particles: words that
// occur in nearly every article and carry no subject. Bump kAnalyzerVersion when editing.
constexpr std::string_view kStopwords[] = {
    // prepositions and their fused forms
    "في", "فى", "من", "على", "علي", "إلى", "الى", "عن", "مع", "منذ", "حتى", "عند", "لدى",
    "بين", "نحو", "خلال", "ضمن", "عبر", "لدي", "فيه", "فيها", "منه", "منها", "عليه", "عليها",
    "إليه", "إليها", "عنه", "عنها", "له", "لها", "لهم", "به", "بها", "بهم", "لنا", "لكم",
    // conjunctions and particles
    "و", "ف", "ب", "ك", "ل", "ال", "او", "أو", "أم", "ثم", "بل", "لكن", "لكن", "إن", "أن",
    "ان", "إذ", "إذا", "اذا", "لو", "لا", "لم", "لن", "ما", "قد", "لقد", "كما", "أي", "اي",
    "حيث", "كي", "هل", "أيضا", "ايضا", "إلا", "الا", "غير", "سوى", "وقد", "ولا", "ولم",
    "وفي", "ومن", "وهو", "وهي", "أنه", "انه", "أنها", "إنه", "كان", "كانت", "يكون", "تكون",
    // pronouns, demonstratives, relatives
    "هو", "هي", "هم", "هن", "هما", "نحن", "أنا", "انا", "أنت", "انت", "أنتم",
    "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "أولئك", "هناك", "هنا",
    "الذي", "التي", "الذين", "اللذان", "اللتان", "اللواتي", "اللاتي",
    // quantifiers
    "كل", "بعض", "جميع",
};

// Written as the stem itself (folded: ة as ه, no hamza on alef). Bump kAnalyzerVersion when
// editing.
constexpr std::string_view kProtectedStems[] = {
    // و/ف as the first radical
    "وكال", "وزير", "وزار", "وزراء", "وطن", "وقت", "وضع", "وصول", "ولاي", "وفد", "وفاه",
    "وثيق", "ورق", "وسط", "وجه", "وحد", "واشنطن", "فريق", "فرنسا", "فلسطين", "فيلم", "فكر",
    "فوز", "فتر", "فصل", "فرص",
    // ب/ك/ل as the first radical
    "بلد", "بلاد", "بيان", "بنك", "برلمان", "بريطانيا", "بيروت", "بغداد", "بحث", "برنامج",
    "كتاب", "كره", "كلم", "كبير", "لبنان", "ليبيا", "لندن", "لجن", "لقاء", "لاعب", "لعب",
    // names and nouns whose ending looks like a suffix
    "ايران", "سودان", "يابان", "عمان", "سلمان", "رمضان", "عثمان", "طهران", "ميدان", "مكان",
    "زمان", "انسان", "الله", "بطول",
};

}  // namespace

std::span<const std::string_view> StopwordList() { return kStopwords; }
std::span<const std::string_view> ProtectedStemList() { return kProtectedStems; }

}  // namespace wakala::arabic
