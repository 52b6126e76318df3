#include <pgsplit/stamp/uuid.hpp>

#include <random>

namespace pgsplit::stamp {

std::string format_uuid_v4(std::array<unsigned char, 16> bytes) {
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40); // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80); // RFC 4122 variant
  static constexpr char hex_digits[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      text.push_back('-');
    }
    text.push_back(hex_digits[bytes[i] >> 4]);
    text.push_back(hex_digits[bytes[i] & 0x0f]);
  }
  return text;
}

std::string random_uuid_v4() {
  // random_device reads the kernel's random source on Linux: no seeding, no shared state.
  thread_local std::random_device device;
  std::uniform_int_distribution<unsigned int> byte(0, 255);
  std::array<unsigned char, 16> bytes{};
  for (auto& b : bytes) {
    b = static_cast<unsigned char>(byte(device));
  }
  return format_uuid_v4(bytes);
}

} // namespace pgsplit::stamp
