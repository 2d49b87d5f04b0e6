#include <govnet/network.hpp>

#include <algorithm>

namespace govnet {

const char* tier_name(Tier t) {
    switch (t) {
        case Tier::Core: return "core";
        case Tier::Support: return "support";
        case Tier::Plural: return "plural";
        case Tier::External: return "external";
    }
    return "?";
}

void Network::add_layer(const std::string& name, CsrGraph g) {
    if (g.num_nodes() != num_actors())
        throw InvalidArgument("layer '" + name + "' has " + std::to_string(g.num_nodes()) +
                              " nodes, the network has " + std::to_string(num_actors()) +
                              " actors");
    if (std::find(relation_names.begin(), relation_names.end(), name) != relation_names.end())
        throw InvalidArgument("relation '" + name + "' already exists");
    relation_names.push_back(name);
    layers.push_back(std::move(g));
}

std::size_t Network::layer_index(const std::string& name) const {
    auto it = std::find(relation_names.begin(), relation_names.end(), name);
    if (it == relation_names.end()) throw InvalidArgument("no relation named '" + name + "'");
    return static_cast<std::size_t>(it - relation_names.begin());
}

CsrGraph Network::aggregate(const std::vector<std::string>& names, AggregateMode mode) const {
    std::vector<const CsrGraph*> chosen;
    if (names.empty()) {
        for (const auto& g : layers) chosen.push_back(&g);
    } else {
        for (const auto& nm : names) chosen.push_back(&layers[layer_index(nm)]);
    }
    if (chosen.empty()) {
        BuildOptions opt;
        return build_graph(num_actors(), {}, opt);
    }
    return govnet::aggregate(chosen, mode);
}

std::vector<NodeId> Network::actors_of(Tier t) const {
    std::vector<NodeId> out;
    for (NodeId i = 0; i < num_actors(); ++i)
        if (tier[static_cast<std::size_t>(i)] == t) out.push_back(i);
    return out;
}

}  // namespace govnet
