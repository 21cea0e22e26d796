#include "impasse/version.h"

namespace impasse {

const char* version_string() {
    return IMPASSE_VERSION;
}

}  // namespace impasse
