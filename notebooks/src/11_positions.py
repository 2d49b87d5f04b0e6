# %% [markdown]
# # Positions, blockmodels and the tiers: does Nanshan's network sort actors into its 1+3+N tiers?
#
# The 1+3+N model puts one core (一核, the community comprehensive Party committee), three support
# organisations (the “3”) and many participants (the “N”, 多元) into formal tiers. A network analysis can ask
# whether the *ties* sort the actors the same way: are actors of one tier structurally equivalent (tied to the
# same others), and are the tiers tied to each other more or less than their degrees alone imply?
#
# **Data.** `govnet.datasets.nanshan()` (sources `chen_lin` and `wang_huiqiong_2014`, see
# `govnet.datasets.sources()` and notebook 01). Ties flagged `stated` carry the verbatim Chinese clause of the
# source in their `quote` column; four ties are flagged `illustrative` — added by govnet, not in the source:
# the sub-district office's guidance of the work station, and the committee's leadership of the trade union,
# Youth League and Women's Federation (the source lists them only as joint-meeting participants). Below, every
# test is run on the full network and again on the stated ties only.
#
# **Honesty rule.** The positions, blockmodels, p-values and verdicts below are govnet's demonstrations of
# the methods on a structure transcribed from two texts; they are not findings of the sources, and a
# 19-actor case cannot establish how Nanshan's communities work. The classic data sets at the end
# (Krackhardt's managers, Zachary's karate club) are the published data as distributed with govnet.

# %%
import pandas as pd
import matplotlib.pyplot as plt

import govnet

net = govnet.datasets.nanshan()
structural = ["leadership", "membership", "cross_appointment", "guidance"]
net.actors[["name", "tier", "kind"]]

# %%
ties = net.ties()
stated_net = govnet.Network.from_frames(
    net.actors.reset_index(), ties[ties["evidence"] == "stated"])
pd.Series({"all ties": len(ties), "stated ties": int((ties["evidence"] == "stated").sum()),
           "illustrative ties": int((ties["evidence"] == "illustrative").sum())})

# %% [markdown]
# ## Subgroups and local structure
# Triad census (Holland & Leinhardt 1970; as R sna's `triad.census`) and transitivity of the structural
# layers pooled (leadership, membership, cross-appointment, guidance), and the modularity of the formal tier
# partition (`govnet.modularity` of a given partition, as networkx). A tier partition with modularity near 0
# does not cut the network into dense, separate groups — the 1+3+N tiers are not meant to be communities.

# %%
pd.DataFrame({
    "triads (structural layers)": govnet.triad_census(net, relation=structural),
}).T

# %%
pd.Series({
    "transitivity, structural layers": govnet.transitivity(net, relation=structural),
    "transitivity, all layers": govnet.transitivity(net, relation="all"),
    "modularity of the tiers, structural layers": govnet.modularity(net, "tier", relation=structural),
    "modularity of the tiers, deliberation": govnet.modularity(net, "tier", relation="deliberation"),
}).round(3)

# %% [markdown]
# ## Structural equivalence (结构对等)
# Hamming distances between the actors' tie profiles (rows and columns of the adjacency matrix), exactly as
# R's `sna::sedist`, clustered with complete linkage as `sna::equiv.clust`, cut into four positions (as many
# as the formal tiers).

# %%
ec = govnet.equivalence_clustering(net, relation=structural, k=4)
ec

# %%
positions = pd.DataFrame({"name": net.actors["name"], "tier": net.actors["tier"],
                          "structural position": ec.positions,
                          "CONCOR (depth 2)": govnet.concor(net, relation=structural, depth=2,
                                                            max_iter=200)})
positions.sort_values(["structural position", "tier"])

# %% [markdown]
# Regular equivalence (REGE, White & Reitz 1983; as R `blockmodeling::REGE`): actors are regularly equivalent
# when they are tied to equivalent others, not necessarily the same ones. The pairs most alike:

# %%
e = govnet.rege(net, relation=structural)
names = net.actors["name"]
pairs = (e.where(pd.DataFrame(e.index.to_numpy()[:, None] < e.columns.to_numpy()[None, :],
                              index=e.index, columns=e.columns))
         .stack().sort_values(ascending=False).head(8))
pairs.index = [f"{names[a]} – {names[b]}" for a, b in pairs.index]
pairs.round(3)

# %% [markdown]
# ## The blockmodel of the formal tiers
# Image matrix (block densities: ties ÷ ordered dyads of the block), the reduced graph (1 where a block's
# density reaches the overall density, the α-density criterion) and the fit (correlation between the image
# and the data). The heatmap shows the adjacency matrix with the actors sorted by tier.

# %%
bm = govnet.blockmodel(net, "tier", relation=structural)
bm

# %%
bm.image.round(2)

# %%
bm.reduced

# %%
ax = govnet.plot.blockmodel_matrix(net, model=bm, relation=structural,
                                   ax=plt.subplots(figsize=(8, 8))[1])
plt.show()

# %% [markdown]
# The blockmodel of the structural-equivalence positions, for comparison: a higher correlation means the
# empirical positions describe the ties better than the formal tiers do.

# %%
pd.DataFrame({
    "tiers": [govnet.blockmodel(net, "tier", relation=structural).correlation],
    "structural positions": [govnet.blockmodel(net, ec.positions, relation=structural).correlation],
}, index=["correlation image–data"]).round(3)

# %% [markdown]
# ## Do the tiers describe the structure?
# `govnet.tier_fit` answers in one call: the adjusted Rand index (Hubert & Arabie 1985) and normalised mutual
# information between the formal tiers and the structural-equivalence positions, against the tier labels
# shuffled over the actors; and the tier-by-tier density matrix against degree-preserving rewiring, pair by
# pair. A p-value here says how unusual the observed agreement is under those nulls for *this transcribed*
# structure; it is a demonstration, not evidence about Nanshan.

# %%
fit = govnet.tier_fit(net, "tier", positions="structural", relation=structural,
                      n_permutations=999, seed=11, progress=False)
fit

# %%
print(fit.verdict)
fit.crosstab

# %%
fit.densities.table.round(3)

# %% [markdown]
# ### The same on the stated ties only
# Dropping the four illustrative ties shows how much of the answer rests on them. The only guidance tie is
# illustrative, so the stated network has three structural layers.

# %%
fit_stated = govnet.tier_fit(stated_net, "tier", positions="structural",
                             relation=["leadership", "membership", "cross_appointment"],
                             n_permutations=999, seed=11, progress=False)
pd.DataFrame({
    "all ties": [fit.ari, fit.ari_p, fit.nmi, fit.nmi_p],
    "stated ties only": [fit_stated.ari, fit_stated.ari_p, fit_stated.nmi, fit_stated.nmi_p],
}, index=["ARI", "ARI p", "NMI", "NMI p"]).round(3)

# %%
print(fit_stated.verdict)

# %% [markdown]
# ### Homophily by tier in the joint meetings
# Newman's assortativity of the deliberation (joint-meeting) layer by tier, with a permutation test (tiers
# shuffled over the actors). As transcribed, the joint meetings form one clique of 15 actors (the other four
# attend none), and on a clique of c actors Newman's r is −1/(c − 1) = −0.071 whatever the labels: every
# relabelling gives the same coefficient (null sd 0, both p-values 1). The meeting layer, as transcribed, says
# nothing about homophily by tier, and the test reports exactly that.

# %%
govnet.assortativity_test(net, "tier", relation="deliberation", n_permutations=999, seed=3)

# %% [markdown]
# ## A classic data set: Krackhardt's high-tech managers
# Does the formal department structure describe who seeks advice from whom? Departments as the formal
# partition (the president, alone in department 0, is a block of one), structural-equivalence positions of
# the advice network, and the department-by-department advice densities against rewiring.

# %%
km = govnet.datasets.krackhardt_managers()
km_fit = govnet.tier_fit(km, "dept", positions="structural", relation="advice",
                         n_permutations=999, seed=5, progress=False)
print(km_fit.verdict)
km_fit

# %%
km_fit.densities.table.query("verdict in ['more than chance', 'less than chance']").round(3)

# %%
ax = govnet.plot.blockmodel_matrix(km, "dept", relation="advice",
                                   ax=plt.subplots(figsize=(7, 7))[1])
plt.show()

# %% [markdown]
# Friendship by department and by age (numeric assortativity), with permutation tests:

# %%
pd.DataFrame({
    "department": vars(govnet.assortativity_test(km, "dept", relation="friendship", kind="categorical",
                                                 n_permutations=999, seed=1)),
    "age": vars(govnet.assortativity_test(km, "age", relation="friendship",
                                          n_permutations=999, seed=1)),
}).loc[["statistic", "null_mean", "p_greater", "p_less"]]

# %% [markdown]
# ## Zachary's karate club: positions vs the split
# The club split in two (the `club` column). CONCOR's first split and the two-position cut of structural
# equivalence, compared with the split:

# %%
karate = govnet.datasets.karate()
pd.DataFrame({
    "CONCOR": govnet.partition_agreement(karate, "club", govnet.concor(karate, max_iter=200)),
    "structural equivalence": govnet.partition_agreement(
        karate, "club", govnet.equivalence_clustering(karate, k=2).positions),
}).round(3)

# %% [markdown]
# ## Communities (社区发现) vs the tiers and the split
# Seeded Leiden (Traag et al. 2019; modularity, resolution 1) finds communities; the same seed gives the same
# partition for any number of threads. An ensemble of 50 runs shows how stable they are (the co-assignment
# matrix: the share of runs that put two actors together) and gives a consensus partition. On karate, the
# communities are compared with the club's split; on Nanshan, with the formal tiers (`tier_fit` takes any
# partition as `positions=`). Nanshan's communities rest partly on illustrative ties (see above).

# %%
comm = govnet.leiden(karate, seed=1)
ens = govnet.community_ensemble(karate, method="leiden", n_runs=50, seed=1)
pd.DataFrame({
    "Leiden": govnet.partition_agreement(karate, "club", comm.membership),
    "ensemble consensus": govnet.partition_agreement(karate, "club", ens.consensus),
}).round(3)

# %%
pd.Series({"communities": comm.n_communities, "modularity": round(comm.modularity, 4),
           "least stable actor": ens.stability.idxmin(),
           "its stability": round(float(ens.stability.min()), 3)})

# %%
nan_comm = govnet.leiden(net, relation=structural, seed=1)
fit_comm = govnet.tier_fit(net, "tier", positions=nan_comm.membership, relation=structural,
                           n_permutations=999, seed=11, progress=False)
pd.Series({"modularity, Leiden communities": round(nan_comm.modularity, 4),
           "modularity, tiers": round(govnet.modularity(net, "tier", relation=structural), 4),
           "ARI (tiers vs communities)": round(fit_comm.ari, 3), "ARI p": round(fit_comm.ari_p, 3)})

# %% [markdown]
# ## References
# Breiger, R. L., Boorman, S. A. & Arabie, P. (1975). An algorithm for clustering relational data.
# *Journal of Mathematical Psychology* 12, 328–383. · White, D. R. & Reitz, K. P. (1983). Graph and semigroup
# homomorphisms on networks of relations. *Social Networks* 5, 193–234. · Holland, P. W. & Leinhardt, S.
# (1970). A method for detecting structure in sociometric data. *American Journal of Sociology* 76, 492–513.
# · Hubert, L. & Arabie, P. (1985). Comparing partitions. *Journal of Classification* 2, 193–218. · Newman,
# M. E. J. (2003). Mixing patterns in networks. *Physical Review E* 67, 026126.
