// Factory functions of the screens, one file each.
#pragma once
#include "screen.hpp"

#include <memory>
#include <string>

namespace kiosk::ui {

std::unique_ptr<Screen> make_attract_screen();
std::unique_ptr<Screen> make_signin_screen();
std::unique_ptr<Screen> make_home_screen();
std::unique_ptr<Screen> make_question_screen();
std::unique_ptr<Screen> make_feedback_screen();
std::unique_ptr<Screen> make_results_screen();
std::unique_ptr<Screen> make_guideline_screen();
std::unique_ptr<Screen> make_admin_screen();

} // namespace kiosk::ui
