// libFuzzer target: build_graph from raw bytes (n, policies, ties, weights),
// then the algorithms that read a graph (ALGORITHMS below: append new ones).
// Expected outcome of any input: a valid graph or govnet::InvalidArgument /
// TooLarge. Anything else (crash, sanitizer report, broken invariant) is a bug.

#include <govnet/centrality.hpp>
#include <govnet/csr_graph.hpp>
#include <govnet/paths.hpp>
#include <govnet/structure.hpp>

#include "fuzz_input.hpp"

namespace {

using govnet::CsrGraph;

// Algorithms run on every graph of at most kMaxAlgoNodes nodes; each must not
// crash and must give finite, non-negative per-node values.
constexpr govnet::NodeId kMaxAlgoNodes = 200;

void run_betweenness(const CsrGraph& g, bool weighted, bool endpoints = false, std::int64_t k = 0) {
    govnet::BetweennessOptions opt;
    opt.weighted = weighted;
    opt.normalized = true;
    opt.endpoints = endpoints;
    opt.k = k;
    opt.seed = 42;
    govnet::RunControl ctl;
    ctl.threads = 1;
    const auto bc = govnet::betweenness(g, opt, ctl);
    GOVNET_FUZZ_CHECK(bc.size() == static_cast<std::size_t>(g.num_nodes()));
    for (double x : bc) GOVNET_FUZZ_CHECK(std::isfinite(x) && x >= -1e-9);
    // Normalised values are shares of pairs: at most 1 (sampling may exceed it).
    if (k == 0)
        for (double x : bc) GOVNET_FUZZ_CHECK(x <= 1.0 + 1e-9);
}

// All-pairs sums (the bit sweep up to 4,096 nodes, BFS past 64 levels): counts within
// [0, n - 1], distance sums at least the count, 1/d sums at most the count.
void run_distance_sums(const CsrGraph& g, bool incoming) {
    govnet::DistanceOptions opt;
    opt.incoming = incoming;
    govnet::RunControl ctl;
    ctl.threads = 1;
    const auto s = govnet::distance_sums(g, opt, ctl);
    const double n = static_cast<double>(g.num_nodes());
    for (std::size_t v = 0; v < s.reached.size(); ++v) {
        GOVNET_FUZZ_CHECK(s.reached[v] >= 0 && s.reached[v] <= n - 1);
        GOVNET_FUZZ_CHECK(s.dist_sum[v] >= s.reached[v]);
        GOVNET_FUZZ_CHECK(s.inv_dist_sum[v] <= s.reached[v] + 1e-9);
    }
}

// Removing each node: efficiency in [0, 1], at least one component unless nothing is left.
void run_removals(const CsrGraph& g) {
    govnet::RunControl ctl;
    ctl.threads = 1;
    const auto all = govnet::single_removal_effects(g, ctl);
    GOVNET_FUZZ_CHECK(all.size() == static_cast<std::size_t>(g.num_nodes()));
    for (const auto& r : all) {
        GOVNET_FUZZ_CHECK(r.efficiency >= 0 && r.efficiency <= 1 + 1e-12);
        GOVNET_FUZZ_CHECK(g.num_nodes() == 1 || r.components >= 1);
        GOVNET_FUZZ_CHECK(r.largest_share >= 0 && r.largest_share <= 1);
    }
}

const std::vector<void (*)(const CsrGraph&)> ALGORITHMS = {
    [](const CsrGraph& g) { run_betweenness(g, false); },
    [](const CsrGraph& g) { run_betweenness(g, true); },
    [](const CsrGraph& g) { run_betweenness(g, false, true); },
    [](const CsrGraph& g) { run_betweenness(g, true, false, g.num_nodes() / 2); },
    [](const CsrGraph& g) { govnet::fuzz::check_graph(g.to_undirected(false)); },
    [](const CsrGraph& g) { govnet::fuzz::check_graph(g.to_undirected(true)); },
    [](const CsrGraph& g) { run_distance_sums(g, true); },
    [](const CsrGraph& g) { run_distance_sums(g, false); },
    run_removals,
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    govnet::fuzz::Bytes in(data, size);
    const govnet::fuzz::GraphInput input = govnet::fuzz::read_graph(in);
    CsrGraph g;
    try {
        g = govnet::build_graph(input.n, input.edges, input.opt);
    } catch (const govnet::InvalidArgument&) {
        return 0;
    } catch (const govnet::TooLarge&) {
        return 0;
    }
    govnet::fuzz::check_graph(g);
    if (g.num_nodes() <= kMaxAlgoNodes) {
        for (auto* algo : ALGORITHMS) {
            try {
                algo(g);
            } catch (const govnet::InvalidArgument&) {
            } catch (const govnet::TooLarge&) {
            }
        }
    }
    return 0;
}
