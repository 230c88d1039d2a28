// `kiosk preview FILE`: one scenario file as a learner sees it, answerable, reloaded whenever the file is saved.
#pragma once
#include "screen.hpp"

#include <memory>
#include <string>

namespace kiosk::ui {

std::unique_ptr<Screen> make_preview_screen(const std::string& file, const std::string& content_dir);

} // namespace kiosk::ui
