#include "cogov/cli/progress.h"

#include <cstdio>
#include <algorithm>
#include <iomanip>
#include <ostream>

namespace cogov::cli {
namespace {

std::string clock_text(double seconds)
{
    const long s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

}  // namespace

void ProgressBar::update(std::int64_t done, std::int64_t total)
{
    if (!enabled_ || total <= 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double fraction = double(done) / double(total);
    const int width = 30, filled = static_cast<int>(fraction * width);
    const double eta = done > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
    os_ << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << done << "/" << total << " "
        << unit_ << " " << std::setw(3) << static_cast<int>(fraction * 100) << "%  ETA " << clock_text(eta) << "  "
        << std::flush;
}

void ProgressBar::finish()
{
    if (enabled_ && drawn_) os_ << "\r" << std::string(72, ' ') << "\r" << std::flush;
}

void RunTotals::add(const Model& model)
{
    last = model.city_counters();
    if (!started) first = last, started = true;
    sum += last;
}

void print_summary(std::ostream& os, const Scenario& sc, const RunConfig& config, const RunTotals& t,
                   const RunResult& result)
{
    const auto residents = static_cast<long long>(t.last[C_residents]);
    os << "cogov run: scenario '" << sc.name << "', seed " << config.seed << ", " << result.steps << " weeks, "
       << residents << " residents in " << sc.params.city_communities << " communities, " << std::fixed
       << std::setprecision(1) << result.wall_seconds << " s";
    if (!config.output.empty()) os << " -> " << config.output;
    os << "\n\n" << std::setprecision(3);
    auto row = [&](const std::string& label, double first, double last) {
        os << "  " << std::left << std::setw(44) << label << std::right << std::setw(10) << first << std::setw(10)
           << last << "\n";
    };
    os << "  " << std::left << std::setw(44) << "" << std::right << std::setw(10) << "first" << std::setw(10) << "last"
       << "\n";
    for (int a = 0; a < RESIDENT + 1; ++a)
        row(std::string("residents' trust in ") + ACTOR_NAMES[a], t.first.trust(RESIDENT, a),
            t.last.trust(RESIDENT, a));
    row("social organizations' trust in government", t.first.trust(SOCORG, GOVERNMENT),
        t.last.trust(SOCORG, GOVERNMENT));
    row("participation rate", t.first[C_participants] / t.first[C_residents],
        t.last[C_participants] / t.last[C_residents]);
    row("active social organizations", t.first[C_socorgs_active], t.last[C_socorgs_active]);
    row("committee service hours", t.first[C_committee_service_hours], t.last[C_committee_service_hours]);
    row("backlog (open reported issues)", t.first[C_backlog], t.last[C_backlog]);
    os << "\n  over the run: " << static_cast<long long>(t.sum[C_issues_raised]) << " issues raised, "
       << static_cast<long long>(t.sum[C_issues_resolved]) << " resolved (" << std::setprecision(1)
       << 100.0 * t.sum[C_issues_resolved] / std::max(1.0, t.sum[C_issues_raised]) << "%), "
       << static_cast<long long>(t.sum[C_issues_bounced]) << " referrals bounced; "
       << static_cast<long long>(t.sum[C_contracts_renewed]) << " contracts renewed, "
       << static_cast<long long>(t.sum[C_contracts_dropped]) << " dropped; "
       << static_cast<long long>(t.sum[C_payments_late] + t.sum[C_payments_defaulted])
       << " payments late or defaulted\n";
}

}  // namespace cogov::cli
