// Keyboard keys for shortcuts. Dear ImGui 1.86 indexes io.KeysDown by the platform's own key
// codes, so panels ask about keys through these names instead of including GLFW themselves.
#pragma once

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace impasse::gui::keys {

constexpr int equal = GLFW_KEY_EQUAL;
constexpr int minus = GLFW_KEY_MINUS;
constexpr int keypad_add = GLFW_KEY_KP_ADD;
constexpr int keypad_subtract = GLFW_KEY_KP_SUBTRACT;
constexpr int digit_1 = GLFW_KEY_1;  // digit_1 + n - 1 for n in 1..9
constexpr int keypad_1 = GLFW_KEY_KP_1;
constexpr int f1 = GLFW_KEY_F1;
constexpr int f_key = GLFW_KEY_F;

inline bool pressed(int key) {
    return ImGui::IsKeyPressed(key, false);
}

// True when the digit `n` (1..9) was pressed on the main row or the keypad.
inline bool digit_pressed(int n) {
    return pressed(digit_1 + n - 1) || pressed(keypad_1 + n - 1);
}

}  // namespace impasse::gui::keys
