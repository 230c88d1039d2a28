// Saves exactly what is on screen (the back buffer just rendered) as a PNG.
#pragma once
#include <string>

namespace kiosk::platform {

// Returns false and fills `error` when the file cannot be written.
bool save_screenshot(const std::string& path, int width, int height, std::string& error);

} // namespace kiosk::platform
