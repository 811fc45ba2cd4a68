// Scenario diagnostics and the checks on combinations of parameter values.
#include <sstream>

#include "cogov/sim/scenario.h"

namespace cogov {
namespace {

std::string join_messages(const std::vector<Diagnostic>& diagnostics)
{
    std::string out;
    for (const auto& d : diagnostics) out += (out.empty() ? "" : "\n") + d.text();
    return out;
}

//! Collects combination problems, each located where one of its values was set.
class Combinations {
public:
    explicit Combinations(const std::vector<Origin>& origins) : origins_(origins) {}

    void require(bool ok, const char* key, const std::string& message)
    {
        if (ok) return;
        const ParamSpec* spec = find_param(key);
        const auto index = static_cast<std::size_t>(spec - param_table().data());
        found_.push_back(Diagnostic{origins_.at(index), key, message});
    }
    std::vector<Diagnostic> take() { return std::move(found_); }

private:
    const std::vector<Origin>& origins_;
    std::vector<Diagnostic> found_;
};

std::string num(double x)
{
    std::ostringstream os;
    os << x;
    return os.str();
}

}  // namespace

std::string Origin::text() const
{
    if (file.empty()) return "default";
    if (line == 0) return file;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string Diagnostic::text() const
{
    return where.text() + ": error: " + (key.empty() ? "" : key + ": ") + message;
}

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_messages(diagnostics)), diagnostics_(std::move(diagnostics))
{
}

std::vector<Diagnostic> check_combinations(const Params& p, const std::vector<Origin>& origins)
{
    Combinations c(origins);
    const std::int64_t residents = p.city_residents_per_community;
    const std::int64_t households = (residents + p.city_household_size - 1) / p.city_household_size;
    const std::int64_t cells = (households + p.grid_households_per_cell - 1) / p.grid_households_per_cell;
    const double shares = p.residents_share_elderly + p.residents_share_families + p.residents_share_migrants;

    c.require(p.city_streets <= p.city_communities, "city.streets",
              "city.streets = " + num(p.city_streets) + " exceeds city.communities = " + num(p.city_communities) +
                  ": every street office needs a community");
    c.require(p.city_compounds_per_community <= residents, "city.compounds_per_community",
              "more compounds (" + num(p.city_compounds_per_community) + ") than residents per community (" +
                  num(residents) + ")");
    c.require(p.network_degree < residents, "network.degree",
              "network.degree = " + num(p.network_degree) + " needs more than that many residents per community (" +
                  num(residents) + ")");
    c.require(p.grid_workers_per_cell * cells <= residents, "grid.workers_per_cell",
              "grid.workers_per_cell = " + num(p.grid_workers_per_cell) + " gives " +
                  num(p.grid_workers_per_cell * cells) + " grid workers in a community of " + num(residents) +
                  " residents (" + num(cells) + " cells): more grid workers than residents");
    c.require(shares <= 1.0 + 1e-12, "residents.share_migrants",
              "residents.share_elderly + share_families + share_migrants = " + num(shares) +
                  " exceeds 1 (the rest are working-age households)");
    c.require(p.socorg_hub_share + p.socorg_agency_share <= 1.0 + 1e-12, "socorg.agency_share",
              "socorg.hub_share + socorg.agency_share = " + num(p.socorg_hub_share + p.socorg_agency_share) +
                  " exceeds 1 (the rest are grassroots groups)");
    c.require(p.socorg_initial_per_community <= p.socorg_max_per_community, "socorg.initial_per_community",
              "socorg.initial_per_community = " + num(p.socorg_initial_per_community) +
                  " exceeds socorg.max_per_community = " + num(p.socorg_max_per_community));
    c.require(p.contracts_per_community <= p.socorg_max_per_community, "contracts.per_community",
              "contracts.per_community = " + num(p.contracts_per_community) + " exceeds socorg.max_per_community = " +
                  num(p.socorg_max_per_community) + ": each contract needs its own organization");
    c.require(p.contracts_p_late + p.contracts_p_default <= 1.0 + 1e-12, "contracts.p_default",
              "contracts.p_late + contracts.p_default = " + num(p.contracts_p_late + p.contracts_p_default) +
                  " exceeds 1");
    c.require(p.city_communities * residents <= 2000000000LL, "city.residents_per_community",
              "city.communities x city.residents_per_community = " + num(double(p.city_communities) * residents) +
                  " residents exceeds the supported 2e9");
    return c.take();
}

}  // namespace cogov
