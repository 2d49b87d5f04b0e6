# %% [markdown]
# # Nanshan's “one core, many actors” (一核多元): is the Party committee the core?
#
# **Source.** 陈家喜、林电锋《城市社区协商治理模式的实践探索与理论反思——深圳南山区“一核多元”社区治理创新观察》
# (source id `chen_lin`); 王慧琼《激发“1+3+N”的“陀螺效应”——南山“一核多元”社区治理模式透视》, 深圳特区报
# 2014-07-14 (`wang_huiqiong_2014`); both in the project's seed bundle, see `govnet.datasets.sources()`.
#
# **What the source states** (rows flagged `stated` in `govnet.datasets.nanshan()`, each with the verbatim
# Chinese clause in its `quote` column): the community comprehensive Party committee (社区综合党委) is the leading
# core (领导核心) of every organisation and all work in the community, and is itself a grassroots committee under
# the sub-district Party working committee (街道党工委); the residents' committee (居委会), work station (工作站)
# and service centre (社区服务中心) are the “3”; social organisations and resident units are the “N”, with owners'
# committees, property companies and urbanised-village shareholding companies among the other participating
# subjects; Party members of owners' committees, property companies and social organisations join the
# committee's leadership team as part-time members (兼职委员), and some committees take “两代表一委员” and Party
# members among migrant builders as well; the residents' committee, work station and qualifying owners'
# committees and social organisations set up Party branches under the committee; the core holds a right of
# proposal and a veto (建议权、否决权) on major matters, including cadre personnel and awards.
#
# **What govnet adds** (flagged `illustrative`): the sub-district office and its guidance tie, and the
# committee's leadership of the trade union, Youth League and Women's Federation (the source lists them only
# as joint-meeting participants). Every number computed below is govnet's analysis of this structure, not a
# figure from the source.

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
# ## The structure drawn from the data
# The source has a figure, but the seed bundle keeps only its caption (图1.南山区“一核多元”社区治理结构图), not
# the drawing, so nothing here is taken from it. govnet draws a concentric layout from the data: the core at
# the centre, the “3” around it, the “N” and the external actors outside.

# %%
import matplotlib.pyplot as plt

# A figure made through pyplot: Jupyter's inline backend shows it as an image (a bare
# matplotlib Figure() has no image formatter until pyplot has drawn something, and
# shows as the text "<Figure size 900x900 with 1 Axes>").
structural = ["leadership", "membership", "cross_appointment", "guidance"]
fig, ax = plt.subplots(figsize=(9, 9))
govnet.plot.structure(net, relation=structural, centrality="betweenness", ax=ax)
plt.show()

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
# centralization is left out: two actors (the residents' representatives, and the heads and Party members of
# resident units' Party organisations) have no structural tie, and under sna's convention every actor's
# closeness is then 0, so the centralization would be 0 by construction.

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
# **Reading.** In the stated structure the committee is tied to every organisation of the 1+3+N, so it is the single
# broker between the “3” and the “N” and its removal disconnects the network: the data encode the
# “one core” the source describes. This is a property of the stated design; measuring how governance works
# in practice would need observed ties (meetings held, services delivered), which the source does not give.
#
# **What rests on illustrative ties.** Four structural ties are illustrative (the sub-district office's
# guidance, and the core's leadership of the union, Youth League and Women's Federation). The core's profile on
# the stated ties alone:

# %%
stated = net.ties().query("evidence == 'stated'")
only = govnet.Network.from_frames(net.actors.reset_index(), stated)
rel = [r for r in structural if r in only.relations]
pd.DataFrame({
    "betweenness, all structural ties": govnet.betweenness_centrality(net, relation=structural),
    "betweenness, stated ties only": govnet.betweenness_centrality(only, relation=rel),
}).sort_values("betweenness, all structural ties", ascending=False).head(6).round(3)
