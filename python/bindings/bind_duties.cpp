// Duty-list overlap, hypergeometric tails and the curveball null model.

#include <govnet/duties.hpp>

#include "common.hpp"

namespace govnet::py_bind {

namespace {
using I32Array = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;
}  // namespace

void bind_duties(py::module_& m) {
    m.def(
        "shared_pairs",
        [](const TwoMode& t, std::int32_t min_shared, int threads, py::object progress) {
            SharedPairs p = run_released(
                [&](const RunControl& ctl) { return shared_pairs(t, min_shared, ctl); }, threads,
                progress);
            return py::make_tuple(to_numpy(std::move(p.a)), to_numpy(std::move(p.b)),
                                  to_numpy(std::move(p.shared)), to_numpy(std::move(p.both_lead)));
        },
        py::arg("incidence"), py::arg("min_shared") = 1, py::arg("threads") = 0,
        py::arg("progress") = py::none(),
        "Row pairs sharing columns: (a, b, shared, both_lead), sorted by (a, b).");

    m.def(
        "hypergeom_sf",
        [](const I32Array& k, const I32Array& K, const I32Array& n, std::int64_t N, int threads) {
            auto kv = from_numpy<std::int32_t>(k);
            auto Kv = from_numpy<std::int32_t>(K);
            auto nv = from_numpy<std::int32_t>(n);
            return to_numpy(run_released(
                [&](const RunControl& ctl) { return hypergeom_sf(kv, Kv, nv, N, ctl); }, threads));
        },
        py::arg("k"), py::arg("K"), py::arg("n"), py::arg("N"), py::arg("threads") = 0,
        "P(X >= k), X ~ Hypergeometric(N, K, n), elementwise.");

    m.def(
        "curveball_samples",
        [](const TwoMode& t, std::int64_t n_samples, std::int64_t trades, std::uint64_t seed,
           std::int64_t first) {
            CurveballOptions opt;
            opt.trades = trades;
            opt.seed = seed;
            py::list out;
            for (std::int64_t i = first; i < first + n_samples; ++i) {
                std::vector<NodeId> rows, cols;
                {
                    py::gil_scoped_release nogil;
                    curveball_sample(t, opt, i, rows, cols);
                }
                out.append(py::make_tuple(to_numpy(std::move(rows)), to_numpy(std::move(cols))));
            }
            return out;
        },
        py::arg("incidence"), py::arg("n_samples"), py::arg("trades") = 0, py::arg("seed") = 0,
        py::arg("first") = 0, "Null samples first..first+n-1 as (rows, cols) incidence arrays.");

    m.def("curveball_trades",
          [](const TwoMode& t, std::int64_t trades) {
              CurveballOptions opt;
              opt.trades = trades;
              return curveball_trades(t, opt);
          },
          py::arg("incidence"), py::arg("trades") = 0, "Trades per chain the options give.");

    m.def(
        "duty_null_model",
        [](const TwoMode& t, std::int64_t n_samples, std::int64_t trades, std::uint64_t seed,
           bool pair_stats, const std::string& p_convention, int threads, py::object progress) {
            DutyNullOptions opt;
            opt.p_convention = p_convention_of(p_convention);
            opt.n_samples = n_samples;
            opt.curveball.trades = trades;
            opt.curveball.seed = seed;
            opt.pair_stats = pair_stats;
            DutyNullResult r = run_released(
                [&](const RunControl& ctl) { return duty_null_model(t, opt, ctl); }, threads,
                progress);
            py::dict d;
            d["n_samples"] = r.n_samples;
            d["trades"] = r.trades;
            d["observed"] = to_numpy(std::move(r.observed));
            d["samples"] = to_numpy(std::move(r.samples));
            d["pair_sum"] = to_numpy(std::move(r.pair_sum));
            d["pair_sum_sq"] = to_numpy(std::move(r.pair_sum_sq));
            d["pair_ge"] = to_numpy(std::move(r.pair_ge));
            d["p_greater"] = to_numpy(std::move(r.p_greater));
            d["p_less"] = to_numpy(std::move(r.p_less));
            d["p_two_sided"] = to_numpy(std::move(r.p_two_sided));
            d["pair_p"] = to_numpy(std::move(r.pair_p));
            return d;
        },
        py::arg("incidence"), py::arg("n_samples") = 1000, py::arg("trades") = 0,
        py::arg("seed") = 0, py::arg("pair_stats") = true, py::arg("p_convention") = "plus_one",
        py::arg("threads") = 0,
        py::arg("progress") = py::none(),
        "Curveball null model: observed and per-sample statistics "
        "(pairs_sharing, overlap_sd, max_shared, ambiguity), per-pair sums.");
}

}  // namespace govnet::py_bind
