// The authoring session: undo and redo restore the document, a save writes the file, the autosave side file of an
// unsaved edit is offered back at the next open (as after a crash), and a clean save removes it.
#include "core/author_session.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

namespace fs = std::filesystem;
using namespace kiosk;

namespace {
const Guideline& guideline() {
    static const Guideline g = [] {
        std::vector<Diagnostic> d;
        return load_guideline(std::string(KIOSK_SOURCE_DIR) + "/content/guideline.json", d);
    }();
    return g;
}
} // namespace

TEST_CASE("undo and redo step through edits; typing in one field is one step") {
    AuthorSession s(guideline());
    std::string error;
    REQUIRE(s.open((fs::temp_directory_path() / "kiosk-author-none" / "n.json").string(), ItemType::single, error));
    const std::string empty = s.text();
    s.doc().root["title"]["ja"] = "一";
    s.edited("/title/ja");
    s.doc().root["title"]["ja"] = "一二";
    s.edited("/title/ja");
    s.doc().root["title"]["en"] = "One";
    s.edited("/title/en");
    REQUIRE(s.can_undo());
    REQUIRE(s.undo());
    CHECK(s.doc().root["title"]["ja"] == "一二");
    CHECK(s.doc().root["title"]["en"] == "");
    REQUIRE(s.undo());
    CHECK(s.text() == empty);
    CHECK_FALSE(s.undo());
    REQUIRE(s.redo());
    REQUIRE(s.redo());
    CHECK(s.doc().root["title"]["en"] == "One");
    CHECK_FALSE(s.redo());
}

TEST_CASE("an unsaved edit comes back from the autosave file at the next open; a save removes it") {
    const fs::path dir = fs::temp_directory_path() / "kiosk-author-session";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string path = (dir / "item.json").string();
    std::string error;
    {
        AuthorSession s(guideline());
        REQUIRE(s.open(path, ItemType::multiple, error));
        REQUIRE(s.save(error));
        s.doc().root["title"]["ja"] = "取り戻す編集";
        s.edited("/title/ja");
        CHECK(s.dirty());
        CHECK(s.autosave_if_due(AuthorSession::clock::now(), std::chrono::milliseconds(0)));
        // The window is killed here: no save.
    }
    AuthorSession again(guideline());
    REQUIRE(again.open(path, ItemType::single, error));
    CHECK(again.doc().root["title"]["ja"] == "");
    REQUIRE(again.recovery_available());
    again.accept_recovery();
    CHECK(again.doc().root["title"]["ja"] == "取り戻す編集");
    CHECK(again.dirty());
    REQUIRE(again.save(error));
    CHECK_FALSE(fs::exists(autosave_path(path)));
    AuthorSession third(guideline());
    REQUIRE(third.open(path, ItemType::single, error));
    CHECK_FALSE(third.recovery_available());
    CHECK(third.doc().root["title"]["ja"] == "取り戻す編集");
    fs::remove_all(dir);
}

TEST_CASE("a file that is not JSON is refused with its position, and left as it was") {
    const fs::path dir = fs::temp_directory_path() / "kiosk-author-broken";
    fs::create_directories(dir);
    const std::string path = (dir / "broken.json").string();
    std::string error;
    REQUIRE(write_file_atomically(path, "// x\n{\"id\": ,}\n", error));
    AuthorSession s(guideline());
    CHECK_FALSE(s.open(path, ItemType::single, error));
    CHECK(error.find(":2:") != std::string::npos);
    std::string back;
    REQUIRE(read_whole_file(path, back));
    CHECK(back == "// x\n{\"id\": ,}\n");
    fs::remove_all(dir);
}
