# %% [markdown]
# # Nanshan's “one core, many actors” (一核多元): is the Party committee the core?
#
# **Source.** 陈家喜、林电锋《城市社区协商治理模式的实践探索与理论反思——深圳南山区“一核多元”社区治理模式》;
# 王慧琼, 深圳特区报 2014-07-14 (in the project's seed bundle).
#
# **What the source states** (reproduced exactly in `govnet.datasets.nanshan()`, rows flagged `stated`):
# the community comprehensive Party committee (社区综合党委) is the leading core (领导核心) of all
# organisations and work in the community; the residents' committee (居委会), work station (工作站) and
# service centre (社区服务中心) are the “3”; social organisations, owners' committees, property companies,
# shareholding companies and resident units are the “N”; Party members of owners' committees, property
# companies and social organisations join the committee as part-time members (兼职委员); the residents'
# committee, work station and qualifying owners' committees and social organisations set up Party branches
# under the committee; the core holds a right of proposal and a veto (建议权、否决权).
#
# **What govnet adds** (flagged `illustrative`): the sub-district office and its guidance tie. Every number
# computed below is govnet's analysis of this stated structure, not a figure from the source.

# %%
import pandas as pd
import govnet

net = govnet.datasets.nanshan()
net

# %%
net.actors[["name", "name_en", "tier", "kind", "evidence"]]

# %%
net.ties()[["source", "target", "relation", "evidence", "note"]].head(12)

# %% [markdown]
# ## The structure figure
# The source's Figure 1 (图1.南山区“一核多元”社区治理结构图) draws the core at the centre, the “3” around it
# and the “N” outside. govnet draws the same concentric layout from the data.

# %%
from matplotlib.figure import Figure

structural = ["leadership", "membership", "cross_appointment", "guidance"]
ax = govnet.plot.structure(net, relation=structural, centrality="betweenness",
                           ax=Figure(figsize=(9, 9)).add_subplot())
ax.figure

# %% [markdown]
# ## Centralities of the core
# Computed on the structural layers (leadership, membership, cross-appointment, guidance) and on all layers
# (which add the joint-meeting co-attendance).

# %%
table = pd.DataFrame({
    "degree": govnet.degree_centrality(net, relation=structural),
    "betweenness": govnet.betweenness_centrality(net, relation=structural),
    "closeness": govnet.closeness_centrality(net, relation=structural, undirected=True),
    "pagerank": govnet.pagerank(net, relation=structural),
})
table.sort_values("betweenness", ascending=False).round(3)

# %% [markdown]
# ## Centralization (Freeman) — how much the network is organised around one actor
# On the undirected view of the structural layers, normalised as R `sna::centralization`. Closeness
# centralization is left out: one actor (the residents' representatives) has no structural tie, and under
# sna's convention every actor's closeness is then 0, so the centralization would be 0 by construction.

# %%
pd.Series({m: govnet.centralization(net, m, relation=structural, undirected=True)
           for m in ("degree", "betweenness")})

# %% [markdown]
# ## The core profile
# The core's rank among all actors, the share of shortest paths between other actors that pass through it,
# how many actors are within 1–3 steps, and how the network fares when it is removed.

# %%
profile = govnet.core_profile(net, relation=structural)
profile

# %% [markdown]
# ## Core–periphery fit (Borgatti–Everett) and brokerage across tiers (Gould–Fernandez)

# %%
cp = govnet.core_periphery(net, relation=structural, seed=1)
cp

# %%
govnet.brokerage(net, relation=structural, groups="tier").loc[lambda d: d["total"] > 0]

# %% [markdown]
# **Reading.** In the stated structure the committee is tied to every organisation, so it is the single
# broker between the “3” and the “N” and its removal disconnects the network: the data encode the
# “one core” the source describes. This is a property of the stated design; measuring how governance works
# in practice would need observed ties (meetings held, services delivered), which the source does not give.
