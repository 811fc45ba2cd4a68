#include "cogov/serve/live_run.h"

#include <algorithm>
#include <stdexcept>

namespace cogov::serve {

LiveRun::LiveRun(Scenario scenario, std::uint64_t seed)
    : scenario_(std::move(scenario)), seed_(seed), model_(std::make_unique<Model>(scenario_, seed_))
{
}

void LiveRun::step()
{
    const std::int64_t week = model_->steps_done() + 1;
    // A shock ends before the week it was scheduled to end at.
    for (auto it = restores_.begin(); it != restores_.end();) {
        if (it->week > week) {
            ++it;
            continue;
        }
        try {
            apply(it->sets, it->note);
        } catch (const ScenarioError&) {
            // Values set by hand since made the old ones impossible; theirs stand.
        }
        it = restores_.erase(it);
    }
    model_->step();
}

void LiveRun::set(const ParamSpec& spec, const ParamValue& value, const std::string& note)
{
    apply({{&spec, value}}, note);
    // A value set by hand replaces the end of a shock on the same parameter.
    for (auto& r : restores_) std::erase_if(r.sets, [&](const auto& kv) { return kv.first == &spec; });
    std::erase_if(restores_, [](const Restore& r) { return r.sets.empty(); });
}

void LiveRun::shock(const Shock& shock)
{
    ParamSets sets, before;
    for (const auto& [key, x] : shock.sets) {
        const ParamSpec* spec = find_param(key);
        const ParamValue value =
            spec->type == ParamType::integer ? ParamValue(static_cast<std::int64_t>(x)) : ParamValue(x);
        sets.emplace_back(spec, value);
        before.insert(before.begin(), {spec, spec->get(model_->params())});
    }
    const std::int64_t end = model_->steps_done() + 1 + shock.weeks(model_->params());
    apply(sets, "shock: " + std::string(shock.label));
    restores_.push_back({end, std::move(before), "end of shock: " + std::string(shock.label)});
}

void LiveRun::choose(HumanMove move)
{
    model_->apply_human(move);
    move.step = model_->steps_done() + 1;
    move.origin = Origin{"live player", 0, 0};
    for (auto& m : moves_)
        if (m.step == move.step && m.decision == move.decision && m.agent == move.agent) {
            m.choice = move.choice;
            return;
        }
    moves_.push_back(std::move(move));
}

void LiveRun::reset()
{
    model_ = std::make_unique<Model>(scenario_, seed_);
    changes_.clear();
    moves_.clear();
    restores_.clear();
}

void LiveRun::apply(const ParamSets& sets, const std::string& note)
{
    ParamSets done;
    try {
        for (const auto& [spec, value] : sets) {
            const ParamValue old = spec->get(model_->params());
            model_->set_parameter(*spec, value);
            done.emplace_back(spec, old);
        }
    } catch (...) {
        for (auto it = done.rbegin(); it != done.rend(); ++it) model_->set_parameter(*it->first, it->second);
        throw;
    }
    record(sets, note);
}

void LiveRun::record(const ParamSets& sets, const std::string& note)
{
    const std::int64_t week = model_->steps_done() + 1;
    // Several moves of one slider before a week count once: the last wins.
    if (!changes_.empty() && changes_.back().step == week && changes_.back().note == note &&
        changes_.back().sets.size() == 1 && sets.size() == 1 && changes_.back().sets[0].first == sets[0].first) {
        changes_.back().sets[0].second = sets[0].second;
        return;
    }
    Event e;
    e.step = week;
    e.note = note;
    e.sets = sets;
    e.origin = Origin{"live session", 0, 0};
    changes_.push_back(std::move(e));
}

Scenario LiveRun::replay_scenario() const
{
    const std::int64_t done = model_->steps_done();
    if (done < 1) throw std::logic_error("nothing to replay before the first week");
    Scenario s = scenario_;
    s.params.time_steps = done;
    // Live changes at a week were made before the scenario's own events of
    // that week applied, so they come first among equals.
    std::vector<Event> events;
    for (const auto& e : changes_)
        if (e.step <= done) events.push_back(e);
    for (const auto& e : scenario_.events)
        if (e.step <= done) events.push_back(e);
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.step < b.step; });
    s.events = std::move(events);
    std::erase_if(s.moves, [done](const HumanMove& m) { return m.step > done; });
    for (const auto& m : moves_)
        if (m.step <= done) s.moves.push_back(m);
    if (!changes_.empty() || !moves_.empty())
        s.description += (s.description.empty() ? "" : " ") + std::string("(live session, ") +
                         std::to_string(changes_.size()) + " live changes" +
                         (moves_.empty() ? "" : ", " + std::to_string(s.moves.size()) + " players' moves") + ")";
    Scenario checked = load_scenario_text(s.to_toml(), "live session");
    checked.source = scenario_.source;
    return checked;
}

}  // namespace cogov::serve
