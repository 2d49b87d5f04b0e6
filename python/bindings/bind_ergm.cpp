// ERGM kernels: term specs, the model (statistics, change statistics, MPLE rows)
// and the TNT sampler.

#include <govnet/ergm.hpp>

#include "common.hpp"

namespace govnet::py_bind {

namespace {

std::vector<int> ints(const py::array_t<int, py::array::c_style | py::array::forcecast>& a) {
    return from_numpy<int>(a);
}

py::array_t<double> matrix(std::vector<double>&& v, std::int64_t rows, int cols) {
    auto arr = to_numpy(std::move(v));
    return arr.reshape({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(cols)});
}

py::tuple rows_tuple(ergm::MpleData&& d, int p) {
    const std::int64_t rows = d.rows;
    std::vector<std::uint8_t> y = std::move(d.y);
    return py::make_tuple(matrix(std::move(d.x), rows, p), to_numpy(std::move(y)),
                          to_numpy(std::move(d.i)), to_numpy(std::move(d.j)));
}

}  // namespace

void bind_ergm(py::module_& m) {
    py::class_<ergm::TermSpec>(m, "ErgmTermSpec", "One ERGM term as the core takes it (internal).")
        .def(py::init<>())
        .def_readwrite("kind", &ergm::TermSpec::kind)
        .def_readwrite("nstats", &ergm::TermSpec::nstats)
        .def_readwrite("k", &ergm::TermSpec::k)
        .def_readwrite("decay", &ergm::TermSpec::decay)
        .def_readwrite("power", &ergm::TermSpec::power)
        .def_readwrite("nlevels", &ergm::TermSpec::nlevels)
        .def_readwrite("cat", &ergm::TermSpec::cat)
        .def_readwrite("map", &ergm::TermSpec::map)
        .def_readwrite("x", &ergm::TermSpec::x)
        .def_readwrite("mat", &ergm::TermSpec::mat);

    py::class_<ergm::Model>(m, "ErgmModel", "An ERGM's terms on n nodes (internal).")
        .def(py::init<int, bool, int, std::vector<ergm::TermSpec>>(), py::arg("n"), py::arg("directed"),
             py::arg("n1"), py::arg("terms"))
        .def_property_readonly("nstats", &ergm::Model::nstats)
        .def_property_readonly("ndyads", &ergm::Model::ndyads)
        .def(
            "statistics",
            [](const ergm::Model& self, const py::array_t<int, py::array::c_style | py::array::forcecast>& src,
               const py::array_t<int, py::array::c_style | py::array::forcecast>& dst) {
                auto s = ints(src), d = ints(dst);
                std::vector<double> g;
                {
                    py::gil_scoped_release nogil;
                    g = self.statistics(s, d);
                }
                return to_numpy(std::move(g));
            },
            py::arg("src"), py::arg("dst"), "Statistics of the network with these ties.")
        .def(
            "toggle_changes",
            [](const ergm::Model& self, const py::array_t<int, py::array::c_style | py::array::forcecast>& src,
               const py::array_t<int, py::array::c_style | py::array::forcecast>& dst) {
                auto s = ints(src), d = ints(dst);
                ergm::MpleData out;
                {
                    py::gil_scoped_release nogil;
                    out = ergm::toggle_changes(self, s, d);
                }
                return rows_tuple(std::move(out), self.nstats());
            },
            py::arg("src"), py::arg("dst"),
            "(changes, present, i, j): the signed change of toggling every dyad.")
        .def(
            "mple_data",
            [](const ergm::Model& self, const py::array_t<int, py::array::c_style | py::array::forcecast>& src,
               const py::array_t<int, py::array::c_style | py::array::forcecast>& dst,
               const py::array_t<int, py::array::c_style | py::array::forcecast>& msrc,
               const py::array_t<int, py::array::c_style | py::array::forcecast>& mdst, int threads,
               py::object progress) {
                auto s = ints(src), d = ints(dst), ms = ints(msrc), md = ints(mdst);
                auto out = run_released(
                    [&](const RunControl& ctl) { return ergm::mple_data(self, s, d, ms, md, ctl); }, threads,
                    progress);
                return rows_tuple(std::move(out), self.nstats());
            },
            py::arg("src"), py::arg("dst"), py::arg("missing_src"), py::arg("missing_dst"),
            py::arg("threads") = 0, py::arg("progress") = py::none(),
            "(add_deltas, y, i, j) for every dyad not missing.")
        .def(
            "sample",
            [](const ergm::Model& self, const py::array_t<int, py::array::c_style | py::array::forcecast>& src,
               const py::array_t<int, py::array::c_style | py::array::forcecast>& dst,
               const py::array_t<double, py::array::c_style | py::array::forcecast>& theta,
               std::int64_t burnin, std::int64_t interval, std::int64_t samplesize, int chains,
               std::uint64_t seed, bool keep_networks,
               const py::array_t<int, py::array::c_style | py::array::forcecast>& free_src,
               const py::array_t<int, py::array::c_style | py::array::forcecast>& free_dst, int threads,
               py::object progress, py::object start_nets,
               const py::array_t<double, py::array::c_style | py::array::forcecast>& start_offset) {
                auto s = ints(src), d = ints(dst);
                auto th = from_numpy<double>(theta);
                ergm::SampleOptions opt;
                opt.burnin = burnin;
                opt.interval = interval;
                opt.samplesize = samplesize;
                opt.chains = chains;
                opt.seed = seed;
                opt.keep_networks = keep_networks;
                opt.free_src = ints(free_src);
                opt.free_dst = ints(free_dst);
                if (!start_nets.is_none()) {
                    for (auto item : start_nets) {
                        auto pair = item.cast<py::tuple>();
                        if (pair.size() != 2) throw py::value_error("start_nets: (src, dst) pairs");
                        opt.start_src.push_back(
                            ints(pair[0].cast<py::array_t<int, py::array::c_style | py::array::forcecast>>()));
                        opt.start_dst.push_back(
                            ints(pair[1].cast<py::array_t<int, py::array::c_style | py::array::forcecast>>()));
                    }
                    opt.start_offset = from_numpy<double>(start_offset);
                }
                auto res = run_released(
                    [&](const RunControl& ctl) { return ergm::sample(self, s, d, th, opt, ctl); }, threads,
                    progress);
                const int p = self.nstats();
                py::list nets;
                for (std::size_t r = 0; r < res.net_src.size(); ++r)
                    nets.append(py::make_tuple(to_numpy(std::move(res.net_src[r])),
                                               to_numpy(std::move(res.net_dst[r]))));
                py::list finals;
                for (std::size_t c = 0; c < res.final_src.size(); ++c)
                    finals.append(py::make_tuple(to_numpy(std::move(res.final_src[c])),
                                                 to_numpy(std::move(res.final_dst[c]))));
                return py::make_tuple(matrix(std::move(res.stats), res.rows, p), nets, res.acceptance,
                                      matrix(std::move(res.final_stats), chains, p),
                                      to_numpy(std::move(res.edges)), finals);
            },
            py::arg("src"), py::arg("dst"), py::arg("theta"), py::arg("burnin"), py::arg("interval"),
            py::arg("samplesize"), py::arg("chains"), py::arg("seed"), py::arg("keep_networks"),
            py::arg("free_src"), py::arg("free_dst"), py::arg("threads") = 0,
            py::arg("progress") = py::none(), py::arg("start_nets") = py::none(),
            py::arg("start_offset") = py::array_t<double>(0),
            "(stats, networks, acceptance, final, edges, final_nets): TNT Metropolis-Hastings samples; "
            "stats are g(y_k) - g(src/dst), one row per sampled network; start_nets (one (src, dst) "
            "per chain) with start_offset (chains x nstats, g(start) - g(src/dst)) continue chains.");
}

}  // namespace govnet::py_bind
