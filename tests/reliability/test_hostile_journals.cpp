// Journal entries with a valid checksum but the wrong width, forged
// lengths, bit flips: never a crash or a huge allocation; the damaged tail
// is cut off, said so, and its runs run again (issue 11, defect 5).
// Checked to fail: before record widths were checked, --resume on the
// entry without values segfaulted, on 3 values read past the record.
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "batch/fixtures.h"
#include "cli/cli_support.h"
#include "cogov/batch/sweep_journal.h"
#include "cogov/batch/sweep_record.h"
#include "reliability/hostile.h"

using namespace cogov;
using namespace cogov::test;

namespace fs = std::filesystem;

namespace {

//! The journal's entry framing (journal.cpp): magic, length, bytes, FNV-1a.
std::string entry(const std::string& bytes, std::uint32_t length)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
    std::string e(8, '\0');
    const std::uint32_t head[2] = {0xC0605EEDu, length};
    std::memcpy(e.data(), head, sizeof head);
    e += bytes;
    e.append(reinterpret_cast<const char*>(&h), sizeof h);
    return e;
}

void append(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary | std::ios::app) << bytes;
}

//! The corpus's half-done sweep, copied to `dir`; the output path.
std::string half_done(const TempDir& dir)
{
    const std::string out = dir.file("half.h5");
    fs::copy_file(Journal::path_for(corpus().journal_output), Journal::path_for(out));
    return out;
}

const std::string& full_sweep()
{
    static TempDir dir;
    static const std::string out = [] {
        const std::string o = dir.file("full.h5");
        REQUIRE(cogov_cmd({"sweep", corpus().sweep, "-o", o, "-q"}).status == 0);
        return o;
    }();
    return out;
}

}  // namespace

TEST_CASE("forged journal entries are cut off and their runs run again, and the resumed sweep is exact")
{
    RunRecord no_values;
    no_values.run = 11;
    no_values.status = RunStatus::ok;
    RunRecord three = no_values;
    three.values = {1, 2, 3};
    RunRecord bad_status = no_values;
    bad_status.status = static_cast<RunStatus>(7);
    RunRecord bad_run = no_values;
    bad_run.run = 1u << 30;
    //! The record forged for every run, so that the runs not yet done get one.
    auto every_run = [](RunRecord r) {
        std::string out;
        for (std::uint64_t run = 0; run < 12; ++run) {
            if (r.run < 12) r.run = run;
            const std::string bytes = encode(r);
            out += entry(bytes, static_cast<std::uint32_t>(bytes.size()));
        }
        return out;
    };
    const std::vector<std::pair<const char*, std::string>> forged = {
        {"an ok record without values", every_run(no_values)},
        {"an ok record of 3 values", every_run(three)},
        {"status 7", every_run(bad_status)},
        {"run 2^30", every_run(bad_run)},
        {"a length of 0xFFFFFFF0", entry("", 0xFFFFFFF0u)},
    };
    for (const auto& [what, bytes] : forged) {
        CAPTURE(what);
        TempDir dir;
        const std::string out = half_done(dir);
        append(Journal::path_for(out), bytes);
        const auto r = cogov_cmd({"sweep", corpus().sweep, "-o", out, "--resume"});
        CHECK_MESSAGE(r.status == 0, r.err);
        CHECK_MESSAGE(r.out.find("were torn or damaged and were cut off") != std::string::npos, r.out);
        CHECK(differing_runs(out, full_sweep()).empty());
    }
}

TEST_CASE("a bit flip in one journal entry drops it and all later ones, and the sweep says so")
{
    TempDir dir;
    const std::string out = half_done(dir);
    const std::string journal = Journal::path_for(out);
    {
        std::fstream f(journal, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(80);  // inside the first entry (the header is 48 bytes)
        char c = 0;
        f.read(&c, 1);
        f.seekp(80);
        c = static_cast<char>(c ^ 0x10);
        f.write(&c, 1);
    }
    const auto r = cogov_cmd({"sweep", corpus().sweep, "-o", out, "--resume"});
    CHECK(r.status == 0);
    CHECK_MESSAGE(r.out.find("were torn or damaged and were cut off") != std::string::npos, r.out);
    CHECK_MESSAGE(r.out.find("12 runs now") != std::string::npos, r.out);  // all recomputed
    CHECK(differing_runs(out, full_sweep()).empty());
}

TEST_CASE("a run record that claims more values than it holds is refused without allocating")
{
    RunRecord r;
    r.run = 1;
    r.status = RunStatus::ok;
    r.values = {1.0};
    std::string bytes = encode(r);
    const std::uint64_t huge = std::uint64_t(1) << 61;  // x 8 bytes wraps to 0
    std::memcpy(bytes.data() + bytes.size() - sizeof(double) - sizeof huge, &huge, sizeof huge);
    CHECK_THROWS(decode(bytes));
}
