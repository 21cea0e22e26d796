#include "impasse/vocabulary.h"

namespace impasse::vocab {

const std::vector<Term>& rupture_types() {
    static const std::vector<Term> v{{"withdrawal", "Withdrawal"},
                                     {"confrontation", "Confrontation"}};
    return v;
}

const std::vector<Term>& markers() {
    static const std::vector<Term> v{
        {"withdrawal.denial", "Denial"},
        {"withdrawal.minimal_response", "Minimal response"},
        {"withdrawal.abstract_communication", "Abstract communication"},
        {"withdrawal.avoidant_storytelling", "Avoidant storytelling / topic shift"},
        {"withdrawal.deferential_appeasing", "Deferential and appeasing"},
        {"withdrawal.content_affect_split", "Content/affect split"},
        {"withdrawal.self_criticism_hopelessness", "Self-criticism / hopelessness"},
        {"confrontation.complaint_about_therapist", "Complaint about the therapist"},
        {"confrontation.rejects_intervention", "Rejects the intervention"},
        {"confrontation.complaint_about_activities", "Complaint about the activities"},
        {"confrontation.complaint_about_parameters", "Complaint about the parameters"},
        {"confrontation.complaint_about_progress", "Complaint about progress"},
        {"confrontation.defends_self", "Defends self"},
        {"confrontation.control_pressure", "Control and pressure"},
    };
    return v;
}

const std::vector<Term>& resolution_strategies() {
    static const std::vector<Term> v{
        {"clarify_misunderstanding", "Clarify a misunderstanding"},
        {"change_tasks_goals", "Change tasks or goals"},
        {"provide_rationale", "Provide a rationale"},
        {"invite_discussion", "Invite discussion of the relationship"},
        {"acknowledge_contribution", "Acknowledge your contribution"},
        {"disclose_experience", "Disclose your experience"},
        {"link_pattern_therapy", "Link to a pattern in therapy"},
        {"link_pattern_life", "Link to a pattern in life"},
        {"validate_defense", "Validate the defence"},
        {"redirect_refocus", "Redirect or refocus"},
    };
    return v;
}

const std::vector<Term>& principles() {
    static const std::vector<Term> v{
        {"tentativeness", "Tentativeness"},
        {"own_subjectivity", "Own your subjectivity"},
        {"we_ness", "We-ness"},
        {"here_and_now", "Here and now"},
        {"concrete_specific", "Concrete and specific"},
        {"start_where_you_are", "Start where you are"},
        {"accept_responsibility", "Accept responsibility"},
        {"explore_patient_experience", "Explore the patient's experience"},
        {"non_defensive", "Non-defensive"},
        {"awareness_over_change", "Awareness over change"},
    };
    return v;
}

const std::vector<Term>& sequence_principles() {
    static const std::vector<Term> v{
        {"evaluate_by_response", "Evaluate by the response"},
        {"situation_changing", "The situation keeps changing"},
    };
    return v;
}

const std::vector<Term>& counter_markers() {
    static const std::vector<Term> v{
        {"defending", "Defending"},
        {"blaming", "Blaming"},
        {"premature_interpretation", "Premature interpretation"},
        {"placating", "Placating"},
        {"ignoring_marker", "Ignoring the marker"},
        {"directive", "Directive"},
        {"lecturing", "Lecturing"},
        {"generalizing", "Generalizing"},
    };
    return v;
}

const std::vector<Term>& stages() {
    static const std::vector<Term> v{
        {"marker", "Marker"},
        {"disembedding", "Disembedding"},
        {"exploration", "Exploration"},
        {"avoidance", "Exploring the avoidance"},
        {"underlying_need", "Underlying need"},
    };
    return v;
}

const std::vector<Term>& alliance_dimensions() {
    static const std::vector<Term> v{{"bond", "Bond"}, {"task", "Task"}, {"goal", "Goal"}};
    return v;
}

const std::vector<Term>& feelings() {
    static const std::vector<Term> v{
        {"anxious", "Anxious, on edge"},
        {"irritated", "Irritated, angry"},
        {"inadequate", "Not good enough"},
        {"guilty", "Guilty, at fault"},
        {"disconnected", "Bored, distant, numb"},
        {"confused", "Lost, confused"},
        {"sad", "Sad"},
        {"protective", "Protective, wanting to rescue"},
        {"hopeless", "Hopeless"},
        {"defensive", "Defensive, criticised"},
        {"curious", "Curious, open"},
        {"calm", "Calm, steady"},
    };
    return v;
}

const std::vector<Term>& urges() {
    static const std::vector<Term> v{
        {"defend", "Explain or justify myself"},
        {"placate", "Smooth it over, reassure"},
        {"withdraw", "Go quiet, change the subject"},
        {"fix", "Give advice, solve it"},
        {"explain", "Teach, give the rationale"},
        {"counterattack", "Push back, confront"},
        {"explore", "Get curious about what is happening"},
    };
    return v;
}

const std::vector<Term>& orientations() {
    static const std::vector<Term> v{
        {"relational", "Relational"}, {"cbt", "CBT"},           {"psychodynamic", "Psychodynamic"},
        {"humanistic", "Humanistic"}, {"systemic", "Systemic"}, {"integrative", "Integrative"},
    };
    return v;
}

const std::vector<Term>& ending_kinds() {
    static const std::vector<Term> v{{"resolved", "Resolved"},
                                     {"partial", "Partly resolved"},
                                     {"impasse", "Impasse"},
                                     {"dropout", "Dropout"}};
    return v;
}

bool contains(const std::vector<Term>& list, std::string_view id) {
    return index_of(list, id) >= 0;
}

std::string_view label(const std::vector<Term>& list, std::string_view id) {
    int i = index_of(list, id);
    return i < 0 ? id : list[static_cast<size_t>(i)].label;
}

int index_of(const std::vector<Term>& list, std::string_view id) {
    for (size_t i = 0; i < list.size(); ++i)
        if (list[i].id == id) return static_cast<int>(i);
    return -1;
}

std::string_view marker_rupture_type(std::string_view marker_id) {
    for (const auto& t : rupture_types()) {
        if (marker_id.size() > t.id.size() && marker_id.substr(0, t.id.size()) == t.id &&
            marker_id[t.id.size()] == '.')
            return t.id;
    }
    return {};
}

std::string_view any_label(std::string_view id) {
    for (const auto* list :
         {&markers(), &principles(), &sequence_principles(), &counter_markers(),
          &resolution_strategies(), &stages(), &rupture_types(), &alliance_dimensions(),
          &feelings(), &urges(), &orientations(), &ending_kinds()}) {
        int i = index_of(*list, id);
        if (i >= 0) return (*list)[static_cast<size_t>(i)].label;
    }
    if (id == "risk_check") return "Asked directly about safety";  // the scorer's risk item
    return id;
}

}  // namespace impasse::vocab
