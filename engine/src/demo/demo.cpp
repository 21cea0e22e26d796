#include "impasse/demo.h"

#include <algorithm>

namespace impasse {

Demo::Demo(ScenarioPtr scenario, uint64_t seed, const Scorer* scorer)
    : scorer_(scorer),
      branches_{Branch{0, -1, "", Session(std::move(scenario), seed, scorer), {}}} {}

int Demo::depth(int id) const {
    int d = 0;
    for (int b = id; b > 0; b = branches_[static_cast<size_t>(b)].parent)
        ++d;
    return d;
}

std::vector<Demo::Option> Demo::options() const {
    const Session& s = session();
    std::vector<Option> out;
    if (s.at_end()) return out;
    std::vector<const Response*> available = s.available();
    Moment moment = s.moment();
    for (const Response& r : s.node().responses) {
        Option o;
        o.response = &r;
        o.available = std::find(available.begin(), available.end(), &r) != available.end();
        if (scorer_) o.score = scorer_->score_option(r, moment);
        for (const auto& [principle, rating] : r.ratings)
            if (rating >= 2) o.embodies.push_back(principle);
        o.leads_to = r.next;
        if (const Node* next = s.scenario().find_node(r.next)) o.next_line = next->say;
        for (int child : branches_[static_cast<size_t>(current_)].children)
            if (branches_[static_cast<size_t>(child)].response == r.id) o.branch = child;
        out.push_back(std::move(o));
    }
    return out;
}

Session::Result Demo::play(std::string_view response_id) {
    Branch& here = branches_[static_cast<size_t>(current_)];
    for (int child : here.children)
        if (branches_[static_cast<size_t>(child)].response == response_id) {
            current_ = child;
            return {};
        }
    Session next = here.session;
    if (Session::Result r = next.choose(response_id); !r.ok) return r;
    Branch b{static_cast<int>(branches_.size()),
             current_,
             std::string(response_id),
             std::move(next),
             {}};
    here.children.push_back(b.id);
    current_ = b.id;
    branches_.push_back(std::move(b));
    return {};
}

Session::Result Demo::back() {
    int parent = branches_[static_cast<size_t>(current_)].parent;
    if (parent < 0)
        return Session::Result::fail("this is the opening; there is nothing to go back to");
    current_ = parent;
    return {};
}

Session::Result Demo::go(int branch_id) {
    if (branch_id < 0 || branch_id >= static_cast<int>(branches_.size()))
        return Session::Result::fail("there is no branch " + std::to_string(branch_id));
    current_ = branch_id;
    return {};
}

void Demo::set_hands(const std::string& response_id, int hands) {
    tallies_[session().node().id][response_id] = std::max(0, hands);
}

int Demo::hands(const std::string& node_id, const std::string& response_id) const {
    auto n = tallies_.find(node_id);
    if (n == tallies_.end()) return 0;
    auto r = n->second.find(response_id);
    return r == n->second.end() ? 0 : r->second;
}

nlohmann::json Demo::to_json() const {
    nlohmann::json j;
    j["format"] = "impasse-demo/1";
    j["scenario"] = session().scenario().id;
    j["seed"] = session().seed();
    j["branches"] = nlohmann::json::array();
    for (const Branch& b : branches_)
        j["branches"].push_back({{"id", b.id},
                                 {"parent", b.parent},
                                 {"response", b.response},
                                 {"node", b.session.node().id}});
    j["current"] = current_;
    j["tallies"] = tallies_;
    return j;
}

}  // namespace impasse
