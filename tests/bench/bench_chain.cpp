// Benchmark (prints numbers, asserts nothing): what signing the chain head adds to an answer's commit. Ed25519
// signature of a head alone, then the durable commit of answers (WAL, synchronous=FULL, real file) through the store,
// which appends the row and writes the signed head in one transaction.
#include "core/attempt_store.hpp"
#include "core/record_chain.hpp"
#include "core/terminal_identity.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

using namespace kiosk;
using Clock = std::chrono::steady_clock;

static double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

int main(int argc, char** argv) {
    const int answers = argc > 1 ? std::stoi(argv[1]) : 2000;
    const TerminalKey key = new_terminal_key("t-bench", "bench");
    const std::string head(64, 'a');
    const int signs = 20000;
    auto t0 = Clock::now();
    std::string sig;
    for (int i = 0; i < signs; ++i) sig = sign_hex(key, chain_head_message(key.terminal_id, i, head));
    const double sign_ms = ms_since(t0) / signs;
    t0 = Clock::now();
    int valid = 0;
    for (int i = 0; i < signs; ++i) valid += signature_valid(key.public_key, chain_head_message(key.terminal_id, signs - 1, head), sig);
    const double check_ms = ms_since(t0) / signs;

    const auto dir = std::filesystem::temp_directory_path() / ("kiosk-bench-chain-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::vector<double> each;
    {
        AttemptStore store((dir / "kiosk.db").string());
        AttemptRecord a;
        a.uuid = new_uuid_v4();
        a.staff_id = "100";
        a.course_id = "refresher";
        a.mode = "exam";
        for (int i = 0; i < answers; ++i) {
            a.item_ids.push_back("item-" + std::to_string(i));
            a.item_hashes.push_back(std::string(64, '0'));
        }
        store.create_attempt(a);
        for (int i = 0; i < answers; ++i) {
            ResponseRecord r{a.uuid, i, a.item_ids[static_cast<std::size_t>(i)], R"({"selected":["a"]})", 1, 1, 1'700'000'000'000 + i, 4000};
            const auto t = Clock::now();
            store.record_response(r);
            each.push_back(ms_since(t));
        }
    }
    std::filesystem::remove_all(dir);
    std::sort(each.begin(), each.end());
    std::printf("ed25519 sign of a chain head: %.4f ms; verify: %.4f ms (%d valid)\n", sign_ms, check_ms, valid);
    std::printf("answer commit with signed head (WAL, synchronous=FULL), %d answers: median %.3f ms, p99 %.3f ms\n", answers,
                each[each.size() / 2], each[each.size() * 99 / 100]);
    return 0;
}
