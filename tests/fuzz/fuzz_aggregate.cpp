// libFuzzer target: aggregate() over 1-4 layers decoded from raw bytes (layers
// may disagree in size or direction). Expected: a valid graph whose ties are
// the union of the layers' ties, or govnet::InvalidArgument / TooLarge.

#include <govnet/csr_graph.hpp>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    govnet::fuzz::Bytes in(data, size);
    const std::uint8_t head = in.u8();
    const std::size_t count = head % 5;  // 0 layers is an error case too
    const auto mode = (head & 0x80) ? govnet::AggregateMode::AnyTie : govnet::AggregateMode::Sum;
    std::vector<govnet::CsrGraph> layers;
    for (std::size_t k = 0; k < count; ++k) {
        const govnet::fuzz::GraphInput input = govnet::fuzz::read_graph(in, 1024);
        try {
            layers.push_back(govnet::build_graph(input.n, input.edges, input.opt));
        } catch (const govnet::InvalidArgument&) {
        } catch (const govnet::TooLarge&) {
        }
    }
    std::vector<const govnet::CsrGraph*> ptrs;
    for (const auto& g : layers) ptrs.push_back(&g);
    if (count == 0) ptrs.clear();
    try {
        const govnet::CsrGraph all = govnet::aggregate(ptrs, mode);
        govnet::fuzz::check_graph(all);
        for (const auto* g : ptrs) {
            const govnet::EdgeList el = g->edges();
            for (std::size_t i = 0; i < el.sources.size(); ++i) {
                const double w = all.weight(el.sources[i], el.targets[i]);
                GOVNET_FUZZ_CHECK(w > 0 || (mode == govnet::AggregateMode::Sum && el.weights[i] == 0));
                if (mode == govnet::AggregateMode::AnyTie) GOVNET_FUZZ_CHECK(w == 1.0);
            }
        }
    } catch (const govnet::InvalidArgument&) {
    } catch (const govnet::TooLarge&) {
    }
    return 0;
}
