#pragma once
// A governance network: actors with tiers and kinds, and named relation layers.

#include <govnet/csr_graph.hpp>
#include <govnet/two_mode.hpp>

#include <string>
#include <vector>

namespace govnet {

enum class Tier : std::uint8_t { Core = 0, Support = 1, Plural = 2, External = 3 };
const char* tier_name(Tier t);

struct Network {
    std::vector<Tier> tier;         ///< one per actor
    std::vector<std::int32_t> kind; ///< kind code per actor (labels live in Python)
    std::vector<std::string> relation_names;
    std::vector<CsrGraph> layers;   ///< same index as relation_names
    TwoMode duties;                 ///< actor x duty incidence (may be empty)

    NodeId num_actors() const { return static_cast<NodeId>(tier.size()); }
    /// Adds a layer; throws InvalidArgument on a size mismatch or duplicate name.
    void add_layer(const std::string& name, CsrGraph g);
    /// Index of a layer by name; throws InvalidArgument if absent.
    std::size_t layer_index(const std::string& name) const;
    /// Aggregate over the named layers (all layers if empty).
    CsrGraph aggregate(const std::vector<std::string>& names, AggregateMode mode) const;
    /// Actors of a tier, ascending.
    std::vector<NodeId> actors_of(Tier t) const;
};

}  // namespace govnet
