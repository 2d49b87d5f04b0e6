// Permutation inference: QAP, MRQAP, node permutation tests, E-I index.

#include <govnet/inference.hpp>
#include <govnet/parallel.hpp>
#include <govnet/pvalues.hpp>

#include "common.hpp"

namespace govnet::py_bind {

namespace {

using Matrix = py::array_t<double, py::array::c_style | py::array::forcecast>;

std::vector<double> square(const Matrix& a, const char* what, NodeId& n) {
    if (a.ndim() != 2 || a.shape(0) != a.shape(1))
        throw InvalidArgument(std::string(what) + " must be a square matrix");
    n = static_cast<NodeId>(a.shape(0));
    return std::vector<double>(a.data(), a.data() + a.size());
}

Cells cells_of(bool ordered) { return ordered ? Cells::Ordered : Cells::Unordered; }

NullModel model_of(const std::string& s) {
    if (s == "label") return NullModel::Label;
    if (s == "rewire") return NullModel::Rewire;
    if (s == "gnm") return NullModel::Gnm;
    throw InvalidArgument("null model must be 'label', 'rewire' or 'gnm', got '" + s + "'");
}

py::dict perm_dict(PermutationResult&& r) {
    py::dict d;
    d["statistic"] = r.statistic;
    d["p_greater"] = r.p_greater;
    d["p_less"] = r.p_less;
    d["p_two_sided"] = r.p_two_sided;
    d["null"] = to_numpy(std::move(r.null_distribution));
    return d;
}

}  // namespace

void bind_inference(py::module_& m) {
    // Fault injection for tests: task `fail_at` of a guarded parallel loop throws
    // `kind` ("too_large": TooLarge from check_allocation, "invalid": InvalidArgument,
    // "internal": InternalError); every other task sleeps 0.2 ms. Returns the task count.
    m.def(
        "_parallel_fault_for_tests",
        [](const std::string& kind, std::int64_t n_tasks, std::int64_t fail_at, int threads) {
            if (kind != "too_large" && kind != "invalid" && kind != "internal" && kind != "none")
                throw InvalidArgument("unknown fault kind '" + kind + "'");
            return run_released(
                [&](const RunControl& ctl) {
                    std::atomic<std::int64_t> ran{0};
                    parallel_for(n_tasks, std::max(1, ctl.num_threads()), ctl,
                                 [&](std::int64_t i) {
                                     ++ran;
                                     if (i == fail_at) {
                                         if (kind == "too_large")
                                             check_allocation("a test block", 1e12, 8.0);
                                         if (kind == "invalid")
                                             throw InvalidArgument("task failed on purpose");
                                         if (kind == "internal")
                                             throw InternalError("task failed on purpose");
                                     }
                                     std::this_thread::sleep_for(std::chrono::microseconds(200));
                                 });
                    return ran.load();
                },
                threads);
        },
        py::arg("kind"), py::arg("n_tasks"), py::arg("fail_at"), py::arg("threads") = 2,
        "Test hook: a guarded parallel loop whose task fail_at throws.");
    m.def(
        "permutation_p_values",
        [](const py::array_t<double, py::array::c_style | py::array::forcecast>& null,
           double observed, const std::string& p_convention) {
            if (null.ndim() != 1) throw InvalidArgument("null must be one-dimensional");
            const PValues p = permutation_p_values(null.data(), static_cast<std::size_t>(null.size()),
                                                   1, observed, p_convention_of(p_convention));
            py::dict d;
            d["p_greater"] = p.greater;
            d["p_less"] = p.less;
            d["p_two_sided"] = p.two_sided;
            return d;
        },
        py::arg("null"), py::arg("observed"), py::arg("p_convention") = "plus_one",
        "p-values of an observed statistic against a null sample (docs/p-values.md).");
    m.def(
        "graph_correlation",
        [](const Matrix& x, const Matrix& y, bool ordered) {
            NodeId n = 0, n2 = 0;
            auto xv = square(x, "x", n);
            auto yv = square(y, "y", n2);
            if (n != n2) throw InvalidArgument("x and y differ in size");
            return graph_correlation(xv, yv, n, cells_of(ordered));
        },
        py::arg("x"), py::arg("y"), py::arg("ordered") = true,
        "Graph correlation over off-diagonal cells (sna::gcor).");
    m.def(
        "qap_test",
        [](const Matrix& x, const Matrix& y, bool ordered, std::int64_t n_permutations,
           std::uint64_t seed, const std::string& p_convention, int threads,
           py::object progress) {
            NodeId n = 0, n2 = 0;
            auto xv = square(x, "x", n);
            auto yv = square(y, "y", n2);
            if (n != n2) throw InvalidArgument("x and y differ in size");
            QapOptions opt;
            opt.cells = cells_of(ordered);
            opt.n_permutations = n_permutations;
            opt.seed = seed;
            opt.p_convention = p_convention_of(p_convention);
            return perm_dict(run_released(
                [&](const RunControl& ctl) { return qap_test(xv, yv, n, opt, ctl); }, threads,
                progress));
        },
        py::arg("x"), py::arg("y"), py::arg("ordered") = true, py::arg("n_permutations") = 1000,
        py::arg("seed") = 0, py::arg("p_convention") = "plus_one", py::arg("threads") = 0, py::arg("progress") = py::none(),
        "QAP test of graph correlation.");
    m.def(
        "qap_test_sparse",
        [](const std::vector<NodeId>& xr, const std::vector<NodeId>& xc,
           const std::vector<double>& xv, const std::vector<NodeId>& yr,
           const std::vector<NodeId>& yc, const std::vector<double>& yv, NodeId n, bool ordered,
           std::int64_t n_permutations, std::uint64_t seed, const std::string& p_convention,
           int threads, py::object progress) {
            SparseRelation x{xr, xc, xv}, y{yr, yc, yv};
            QapOptions opt;
            opt.cells = cells_of(ordered);
            opt.n_permutations = n_permutations;
            opt.seed = seed;
            opt.p_convention = p_convention_of(p_convention);
            return perm_dict(run_released(
                [&](const RunControl& ctl) { return qap_test_sparse(x, y, n, opt, ctl); },
                threads, progress));
        },
        py::arg("x_rows"), py::arg("x_cols"), py::arg("x_vals"), py::arg("y_rows"),
        py::arg("y_cols"), py::arg("y_vals"), py::arg("n"), py::arg("ordered") = true,
        py::arg("n_permutations") = 1000, py::arg("seed") = 0,
        py::arg("p_convention") = "plus_one", py::arg("threads") = 0,
        py::arg("progress") = py::none(),
        "QAP test of graph correlation on sparse relations (non-zero cells; no n x n matrix).");
    m.def(
        "mrqap",
        [](const Matrix& y, const std::vector<Matrix>& xs, bool ordered, const std::string& method,
           bool logistic, bool intercept, bool beta_statistic, std::int64_t n_permutations,
           std::uint64_t seed, const std::string& p_convention, int threads,
           py::object progress) {
            NodeId n = 0;
            auto yv = square(y, "y", n);
            std::vector<std::vector<double>> xv;
            for (const auto& x : xs) {
                NodeId nx = 0;
                xv.push_back(square(x, "x", nx));
                if (nx != n) throw InvalidArgument("every x must have y's size");
            }
            MrqapOptions opt;
            opt.cells = cells_of(ordered);
            if (method == "dsp") opt.method = MrqapMethod::Dsp;
            else if (method == "qapy") opt.method = MrqapMethod::Y;
            else throw InvalidArgument("method must be 'dsp' or 'qapy', got '" + method + "'");
            opt.logistic = logistic;
            opt.intercept = intercept;
            opt.beta_statistic = beta_statistic;
            opt.n_permutations = n_permutations;
            opt.seed = seed;
            opt.p_convention = p_convention_of(p_convention);
            auto r = run_released([&](const RunControl& ctl) { return mrqap(yv, xv, n, opt, ctl); },
                                  threads, progress);
            py::dict d;
            d["coefficients"] = to_numpy(std::move(r.coefficients));
            d["std_errors"] = to_numpy(std::move(r.std_errors));
            d["statistics"] = to_numpy(std::move(r.statistics));
            d["p_greater"] = to_numpy(std::move(r.p_greater));
            d["p_less"] = to_numpy(std::move(r.p_less));
            d["p_abs"] = to_numpy(std::move(r.p_abs));
            d["null"] = to_numpy(std::move(r.null_distribution));
            d["r_squared"] = r.r_squared;
            d["adj_r_squared"] = r.adj_r_squared;
            d["sigma"] = r.sigma;
            d["deviance"] = r.deviance;
            d["null_deviance"] = r.null_deviance;
            d["n_obs"] = r.n_obs;
            d["df_residual"] = r.df_residual;
            d["iterations"] = r.iterations;
            return d;
        },
        py::arg("y"), py::arg("xs"), py::arg("ordered") = true, py::arg("method") = "dsp",
        py::arg("logistic") = false, py::arg("intercept") = true,
        py::arg("beta_statistic") = false, py::arg("n_permutations") = 1000, py::arg("seed") = 0,
        py::arg("p_convention") = "plus_one", py::arg("threads") = 0, py::arg("progress") = py::none(),
        "Regression QAP (sna::netlm / netlogit).");
    m.def(
        "null_graph",
        [](const CsrGraph& g, const std::string& model, std::uint64_t seed, std::uint64_t index,
           double swaps_per_edge) {
            const NullModel nm = model_of(model);
            py::gil_scoped_release nogil;
            return null_graph(g, nm, seed, index, swaps_per_edge);
        },
        py::arg("graph"), py::arg("model"), py::arg("seed"), py::arg("index"),
        py::arg("swaps_per_edge") = 10.0, "One null-model graph from Rng(seed, index).");
    m.def(
        "node_permutation_test",
        [](const CsrGraph& g, const std::vector<NodeId>& targets, const std::string& statistic,
           const std::string& model, std::int64_t n_permutations, std::uint64_t seed,
           double swaps_per_edge, const std::string& p_convention, int threads,
           py::object progress) {
            NodePermutationOptions opt;
            opt.p_convention = p_convention_of(p_convention);
            if (statistic == "degree") opt.statistic = NodeStatistic::Degree;
            else if (statistic == "betweenness") opt.statistic = NodeStatistic::Betweenness;
            else throw InvalidArgument("unknown node statistic '" + statistic + "'");
            opt.model = model_of(model);
            opt.n_permutations = n_permutations;
            opt.seed = seed;
            opt.swaps_per_edge = swaps_per_edge;
            return perm_dict(run_released(
                [&](const RunControl& ctl) { return node_permutation_test(g, targets, opt, ctl); },
                threads, progress));
        },
        py::arg("graph"), py::arg("targets"), py::arg("statistic") = "degree",
        py::arg("model") = "label", py::arg("n_permutations") = 1000, py::arg("seed") = 0,
        py::arg("swaps_per_edge") = 10.0, py::arg("p_convention") = "plus_one",
        py::arg("threads") = 0, py::arg("progress") = py::none(),
        "Permutation test of the targets' mean centrality.");
    m.def(
        "ei_test",
        [](const CsrGraph& g, const std::vector<std::int32_t>& groups, int n_groups,
           std::int64_t n_permutations, std::uint64_t seed, const std::string& p_convention,
           int threads, py::object progress) {
            const PConvention conv = p_convention_of(p_convention);
            auto rs = run_released(
                [&](const RunControl& ctl) {
                    return ei_test(g, groups, n_groups, n_permutations, seed, ctl, conv);
                },
                threads, progress);
            const EiCounts c = ei_counts(g, groups, n_groups);
            py::list out;
            for (auto& r : rs) out.append(perm_dict(std::move(r)));
            py::dict d;
            d["tests"] = out;
            d["external"] = c.external;
            d["internal"] = c.internal;
            d["group_external"] = c.group_external;
            d["group_internal"] = c.group_internal;
            return d;
        },
        py::arg("graph"), py::arg("groups"), py::arg("n_groups"), py::arg("n_permutations") = 1000,
        py::arg("seed") = 0, py::arg("p_convention") = "plus_one", py::arg("threads") = 0,
        py::arg("progress") = py::none(), "E-I index (global, per group) with a label-permutation test.");
}

}  // namespace govnet::py_bind
