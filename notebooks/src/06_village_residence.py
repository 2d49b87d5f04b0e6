# %% [markdown]
# # Village–residence collaborative governance (村居协同治理): two cores compared
#
# **Source.** 胡业方 (2018), 村居协同治理:转型社区治理模式创新的实践与反思, 武汉理工大学学报:社会科学版
# 2018(31)5, P97-103 (source id `hu_yefang_2018`; the seed bundle holds the abstract only). It states: the
# village committee is the main body (主体) and governs the transitional community together with the residents'
# committee (协同); residents have a dual identity (居民身份的二重性); people registered in one place and living in
# another (人户分离) blur identity and responsibility; governance information is integrated (统合) while
# mobilisation, economic and service work are divided (分治); mobilisation relies on Party members
# (依托党员的动员型治理) — mobilisation, which the source sets apart from service work.
#
# **What rests on what.** Of the data's ties only the village committee–residents' committee collaboration is
# stated. The information, mobilisation, service, resource and leadership ties, the villagers (村民, a word the
# excerpt never uses) and the collective economy are **illustrative**: each row's `note` gives its rule.

# %%
import pandas as pd
import govnet

net = govnet.datasets.village_residence()
net.ties()[["source", "target", "relation", "evidence", "note"]]

# %%
cores = ["village_committee", "residents_committee"]
pd.DataFrame({
    "degree": govnet.degree_centrality(net, relation="all"),
    "betweenness (undirected)": govnet.betweenness_centrality(net, relation="all", undirected=True),
    "harmonic (undirected)": govnet.harmonic_centrality(net, relation="all", undirected=True),
}).loc[cores].round(3)

# %% [markdown]
# **Caveat.** The comparison above — the village committee ahead of the residents' committee on every measure —
# rests on the illustrative ties (above all the rule that service work is divided by identity and that the
# village committee leads the Party members and holds the collective economy). On the stated ties alone the
# two committees are joined by one undirected collaboration tie and are symmetric: the source's “main body”
# (主体) is a role it names, not something these ties measure.

# %%
stated = net.ties().query("evidence == 'stated'")
only = govnet.Network.from_frames(net.actors.reset_index(), stated)
pd.DataFrame({
    "degree (stated ties only)": govnet.degree_centrality(only),
    "betweenness (stated ties only)": govnet.betweenness_centrality(only, undirected=True),
}).loc[cores].round(3)
