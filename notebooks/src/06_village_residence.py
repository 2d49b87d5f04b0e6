# %% [markdown]
# # Village–residence collaborative governance (村居协同治理): two cores compared
#
# **Source.** 胡业方 (2018), 武汉理工大学学报(社会科学版) 31(5):97–103: in transitional communities the village
# committee is the main body and coordinates the residents' committee; residents have a dual identity; people
# registered in one place and living in another (人户分离) blur who is responsible; information is integrated
# while mobilisation, economic and service work are divided; Party members carry mobilisation.

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
