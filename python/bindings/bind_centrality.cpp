// Centralities, shortest-path sums and other node-level measures.

#include <govnet/centrality.hpp>
#include <govnet/paths.hpp>

#include "common.hpp"

namespace govnet::py_bind {

namespace {
using DArray = py::array_t<double, py::array::c_style | py::array::forcecast>;

std::vector<double> optional_vector(const py::object& o) {
    if (o.is_none()) return {};
    return from_numpy<double>(o.cast<DArray>());
}
}  // namespace

void bind_centrality(py::module_& m) {
    m.def(
        "betweenness",
        [](const CsrGraph& g, bool normalized, bool endpoints, bool weighted, std::int64_t k,
           std::uint64_t seed, int threads, py::object progress, bool scaled_counts,
           bool no_folding) {
            BetweennessOptions opt;
            opt.scaled_counts = scaled_counts;
            opt.no_folding = no_folding;
            opt.normalized = normalized;
            opt.endpoints = endpoints;
            opt.weighted = weighted;
            opt.k = k;
            opt.seed = seed;
            return to_numpy(run_released(
                [&](const RunControl& ctl) { return betweenness(g, opt, ctl); }, threads,
                progress));
        },
        py::arg("graph"), py::arg("normalized") = true, py::arg("endpoints") = false,
        py::arg("weighted") = false, py::arg("k") = 0, py::arg("seed") = 0,
        py::arg("threads") = 0, py::arg("progress") = py::none(),
        py::arg("scaled_counts") = false, py::arg("no_folding") = false,
        "Brandes betweenness (networkx conventions). scaled_counts: always use the "
        "overflow-free path counts (the default switches to them only past 2^512).");

    m.def(
        "betweenness_approx",
        [](const CsrGraph& g, double epsilon, double delta, std::uint64_t seed, int threads,
           py::object progress) {
            ApproxBetweennessOptions opt;
            opt.epsilon = epsilon;
            opt.delta = delta;
            opt.seed = seed;
            ApproxBetweenness r = run_released(
                [&](const RunControl& ctl) { return betweenness_approx(g, opt, ctl); }, threads,
                progress);
            return py::make_tuple(to_numpy(std::move(r.values)), r.samples, r.diameter_bound);
        },
        py::arg("graph"), py::arg("epsilon") = 0.01, py::arg("delta") = 0.1, py::arg("seed") = 0,
        py::arg("threads") = 0, py::arg("progress") = py::none(),
        "Riondato–Kornaropoulos sampled betweenness: (values over n(n-1), samples, VD bound).");

    m.def(
        "distance_sums",
        [](const CsrGraph& g, bool weighted, bool incoming, int threads, py::object progress) {
            DistanceOptions opt;
            opt.weighted = weighted;
            opt.incoming = incoming;
            DistanceSums s = run_released(
                [&](const RunControl& ctl) { return distance_sums(g, opt, ctl); }, threads,
                progress);
            return py::make_tuple(to_numpy(std::move(s.reached)), to_numpy(std::move(s.dist_sum)),
                                  to_numpy(std::move(s.inv_dist_sum)));
        },
        py::arg("graph"), py::arg("weighted") = false, py::arg("incoming") = true,
        py::arg("threads") = 0, py::arg("progress") = py::none(),
        "Per node (reached, sum of d, sum of 1/d) over shortest paths.");

    m.def(
        "closeness",
        [](const CsrGraph& g, bool weighted, bool incoming, bool wf_improved, int threads,
           py::object progress) {
            ClosenessOptions opt;
            opt.weighted = weighted;
            opt.incoming = incoming;
            opt.wf_improved = wf_improved;
            return to_numpy(run_released(
                [&](const RunControl& ctl) { return closeness(g, opt, ctl); }, threads, progress));
        },
        py::arg("graph"), py::arg("weighted") = false, py::arg("incoming") = true,
        py::arg("wf_improved") = true, py::arg("threads") = 0, py::arg("progress") = py::none(),
        "Closeness centrality (networkx conventions).");

    m.def(
        "harmonic",
        [](const CsrGraph& g, bool weighted, bool incoming, int threads, py::object progress) {
            DistanceOptions opt;
            opt.weighted = weighted;
            opt.incoming = incoming;
            return to_numpy(run_released(
                [&](const RunControl& ctl) { return harmonic(g, opt, ctl); }, threads, progress));
        },
        py::arg("graph"), py::arg("weighted") = false, py::arg("incoming") = true,
        py::arg("threads") = 0, py::arg("progress") = py::none(),
        "Harmonic centrality, unnormalised (networkx conventions).");

    m.def(
        "eigenvector",
        [](const CsrGraph& g, int max_iter, double tol, bool weighted, int threads) {
            IterationOptions opt{max_iter, tol, weighted};
            return to_numpy(run_released(
                [&](const RunControl& ctl) { return eigenvector(g, opt, ctl); }, threads));
        },
        py::arg("graph"), py::arg("max_iter") = 100, py::arg("tol") = 1e-6,
        py::arg("weighted") = false, py::arg("threads") = 0,
        "Eigenvector centrality (networkx's power iteration on (A+I)^T).");

    m.def(
        "eigenvector_krylov",
        [](const CsrGraph& g, double tol, bool weighted, int threads) {
            return to_numpy(run_released(
                [&](const RunControl& ctl) { return eigenvector_krylov(g, weighted, tol, ctl); },
                threads));
        },
        py::arg("graph"), py::arg("tol") = 1e-10, py::arg("weighted") = false,
        py::arg("threads") = 0,
        "Eigenvector centrality of an undirected graph by Lanczos (Spectra).");
    m.attr("has_krylov") = eigenvector_krylov_available();

    m.def(
        "katz",
        [](const CsrGraph& g, double alpha, py::object beta, bool normalized, int max_iter,
           double tol, bool weighted, int threads) {
            KatzOptions opt;
            opt.alpha = alpha;
            opt.beta = optional_vector(beta);
            opt.normalized = normalized;
            opt.iter = IterationOptions{max_iter, tol, weighted};
            return to_numpy(run_released(
                [&](const RunControl& ctl) { return katz(g, opt, ctl); }, threads));
        },
        py::arg("graph"), py::arg("alpha") = 0.1, py::arg("beta") = py::none(),
        py::arg("normalized") = true, py::arg("max_iter") = 1000, py::arg("tol") = 1e-6,
        py::arg("weighted") = false, py::arg("threads") = 0, "Katz centrality (networkx).");

    m.def(
        "pagerank",
        [](const CsrGraph& g, double alpha, py::object personalization, py::object dangling,
           int max_iter, double tol, bool weighted, int threads) {
            PagerankOptions opt;
            opt.alpha = alpha;
            opt.personalization = optional_vector(personalization);
            opt.dangling = optional_vector(dangling);
            opt.iter = IterationOptions{max_iter, tol, weighted};
            return to_numpy(run_released(
                [&](const RunControl& ctl) { return pagerank(g, opt, ctl); }, threads));
        },
        py::arg("graph"), py::arg("alpha") = 0.85, py::arg("personalization") = py::none(),
        py::arg("dangling") = py::none(), py::arg("max_iter") = 100, py::arg("tol") = 1e-6,
        py::arg("weighted") = true, py::arg("threads") = 0,
        "PageRank (networkx conventions, L1 tolerance not scaled by n).");

    m.def(
        "hits",
        [](const CsrGraph& g, int max_iter, double tol, bool weighted, int threads) {
            IterationOptions opt{max_iter, tol, weighted};
            HitsResult r = run_released(
                [&](const RunControl& ctl) { return hits(g, opt, ctl); }, threads);
            return py::make_tuple(to_numpy(std::move(r.hubs)), to_numpy(std::move(r.authorities)));
        },
        py::arg("graph"), py::arg("max_iter") = 1000, py::arg("tol") = 1e-8,
        py::arg("weighted") = true, py::arg("threads") = 0, "HITS (hubs, authorities).");
}

}  // namespace govnet::py_bind
