// Names of the model's enums as they are written in scenario files.
#include "model.hpp"

namespace kiosk {

const char* to_string(ItemType t) {
    switch (t) {
    case ItemType::single: return "single";
    case ItemType::multiple: return "multiple";
    case ItemType::hottext: return "hottext";
    case ItemType::classify: return "classify";
    case ItemType::branching: return "branching";
    }
    return "single";
}

const char* to_string(Role r) {
    switch (r) {
    case Role::organization: return "organization";
    case Role::personal: return "personal";
    }
    return "organization";
}

} // namespace kiosk
