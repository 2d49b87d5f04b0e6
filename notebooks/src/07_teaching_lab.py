# %% [markdown]
# # Teaching lab: centralities, brokerage and QAP on the classic data sets
#
# For an SNA methods course. Data: Zachary's karate club, Padgett's Florentine families (marriage and
# business, with the isolated Pucci family that networkx's loader drops), Krackhardt's kite and
# high-tech managers. Solutions are in collapsed cells (click to expand in Jupyter).

# %%
import pandas as pd
import networkx as nx
import govnet

kite = govnet.datasets.kite()
pd.DataFrame({
    "degree": govnet.degree_centrality(kite),
    "closeness": govnet.closeness_centrality(kite),
    "betweenness": govnet.betweenness_centrality(kite),
}).round(3)

# %% [markdown]
# **Exercise 1.** Which kite actor has the highest degree, which the highest betweenness, and why do they
# differ? Check govnet against networkx for one measure.

# %% hide
g = nx.krackhardt_kite_graph()
print(govnet.betweenness_centrality(g).round(3).to_dict())
print({k: round(v, 3) for k, v in nx.betweenness_centrality(g).items()})

# %% [markdown]
# **Exercise 2.** Do marriage ties go with business ties among the Florentine families? Use QAP.

# %% hide
flo = govnet.datasets.florentine()
govnet.qap_test((flo, "marriage"), (flo, "business"), n_permutations=2000, seed=1)

# %% [markdown]
# **Exercise 3.** Who brokers advice between departments among Krackhardt's managers?

# %% hide
km = govnet.datasets.krackhardt_managers()
govnet.brokerage(km, relation="advice", groups="dept").sort_values("total", ascending=False).head()
