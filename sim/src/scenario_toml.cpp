// Writing a resolved scenario back as self-contained TOML.
#include <sstream>

#include "cogov/sim/scenario.h"

namespace cogov {
namespace {

//! A TOML basic string with the characters TOML requires escaped.
std::string quoted(const std::string& s)
{
    std::string out = "\"";
    for (char ch : s) {
        switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (static_cast<unsigned char>(ch) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", ch);
                out += buf;
            } else {
                out += ch;
            }
        }
    }
    return out + "\"";
}

}  // namespace

std::string Scenario::to_toml() const
{
    std::ostringstream os;
    os << "# Resolved cogov scenario: every parameter and event, no base.\n";
    os << "name = " << quoted(name) << "\n";
    os << "description = " << quoted(description) << "\n";
    std::string_view section;
    for (const auto& spec : param_table()) {
        if (spec.section != section) {
            section = spec.section;
            os << "\n[" << section << "]\n";
        }
        os << spec.name << " = " << format_value(spec.get(params)) << "\n";
    }
    for (const auto& e : events) {
        os << "\n[[events]]\nstep = " << e.step << "\n";
        if (!e.note.empty()) os << "note = " << quoted(e.note) << "\n";
        os << "set = { ";
        for (std::size_t i = 0; i < e.sets.size(); ++i)
            os << (i ? ", " : "") << quoted(std::string(e.sets[i].first->key)) << " = "
               << format_value(e.sets[i].second);
        os << " }\n";
    }
    for (const auto& m : moves)
        os << "\n[[human]]\nstep = " << m.step << "\ndecision = \"" << name_of(m.decision) << "\"\nagent = " << m.agent
           << "\nchoice = \"" << name_of(m.choice) << "\"\n";
    return os.str();
}

}  // namespace cogov
