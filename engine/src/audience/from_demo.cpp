// A demo's moment as the audience sees it. Options are lettered rather than shown by response
// id: ids are written for authors ("own_the_age") and can give the answer away.
#include <string>

#include "impasse/audience.h"

namespace impasse {

AudienceMoment audience_moment(const Demo& demo) {
    const Session& s = demo.session();
    AudienceMoment m;
    m.patient = s.line();
    m.cue = s.cue();
    m.scenario = s.scenario_ptr();
    m.where = s.moment();
    if (s.at_end()) return m;
    char letter = 'A';
    for (const Response* r : s.available()) {
        if (letter > 'Z') break;
        m.options.push_back({std::string(1, letter++), r->text, r->id});
    }
    return m;
}

}  // namespace impasse
