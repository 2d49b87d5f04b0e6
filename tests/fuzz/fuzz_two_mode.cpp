// libFuzzer target: TwoMode (actor x duty incidence) from raw bytes.
// Expected: a valid incidence or govnet::InvalidArgument / TooLarge.

#include <govnet/two_mode.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    govnet::fuzz::Bytes in(data, size);
    const auto rows = static_cast<govnet::NodeId>(static_cast<int>(in.u16() % 1030) - 4);
    const auto cols = static_cast<govnet::NodeId>(static_cast<int>(in.u16() % 1030) - 4);
    const std::uint8_t flags = in.u8();
    const std::size_t m = in.u16() % 4097;
    std::vector<govnet::NodeId> r, c;
    std::vector<govnet::HolderRole> roles;
    for (std::size_t i = 0; i < m && !in.empty(); ++i) {
        r.push_back(in.id(rows));
        c.push_back(in.id(cols));
        if (flags & 1) roles.push_back(static_cast<govnet::HolderRole>(in.u8() & 1));
    }
    if ((flags & 6) == 6) roles.push_back(govnet::HolderRole::Lead);  // wrong length
    try {
        govnet::TwoMode t(rows, cols, r, c, roles);
        govnet::fuzz::check_two_mode(t);
    } catch (const govnet::InvalidArgument&) {
    } catch (const govnet::TooLarge&) {
    }
    return 0;
}
