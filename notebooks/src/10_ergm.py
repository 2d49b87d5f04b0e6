# %% [markdown]
# # Exponential random graph models (ERGM) for governance networks
#
# **Which data are illustrative.** Every network fitted here is **synthetic**: `govnet.synthetic.district()`
# generates 100 “1+3+N” communities whose totals are calibrated to stated Nanshan facts (陈家喜、林电锋;
# 王慧琼), but whose ties — deliberation, cross-appointment, leadership — are random draws. The coefficients
# below therefore demonstrate the method; they are **not findings** about Nanshan or any real community.
# The one real network, Nanshan's joint-meeting deliberation layer (`govnet.datasets.nanshan()`), is shown
# only to explain why an ERGM cannot be fitted to it. The last section uses the classic Davis Southern
# Women data (Davis, Gardner & Gardner 1941) for the two-mode model.
#
# The questions are the case study's: does the Party committee (the core) attract deliberation ties beyond
# what density and closure explain (a tier effect)? Do organisations of the same tier tie to each other
# (homophily)? Does cross-appointment predict deliberation once triadic closure is controlled for (a
# dyadic covariate)? And what structure does a two-mode (actor × meeting) network have?

# %%
import numpy as np
import pandas as pd

import govnet

district = govnet.synthetic.district(2014)
net = district["synthetic_0003"]
net

# %% [markdown]
# ## One community: tier effect, homophily and cross-appointment
# The core is one actor, so its tier effect is `nodefactor` of an indicator (the base level, `False`, is
# dropped as statnet does). `gwesp(0.5, fixed=True)` controls for triadic closure;
# `edgecov('cross_appointment')` reads the cross-appointment layer as a 0/1 dyadic covariate.

# %%
actors = net.actors.reset_index().rename(columns={"index": "id"})
actors["is_core"] = actors["tier"].astype(str) == "core"
one = govnet.Network.from_frames(actors, net.ties(), directed={r: net.relation_spec(r).directed
                                                              for r in net.relations})
formula = ("edges + nodefactor('is_core') + nodematch('tier') + gwesp(0.5, fixed=True) + "
           "edgecov('cross_appointment')")
fit = govnet.ergm(one, formula, relation="deliberation", seed=2024)
print(fit.summary())

# %% [markdown]
# With one community of 17 actors the standard errors are wide: a single small network rarely answers
# these questions. The MPLE (logistic regression on change statistics) is the starting point; its standard
# errors ignore the dependence between dyads and are not to be trusted:

# %%
pd.DataFrame({"MPLE": fit.mple, "MCMC-MLE": fit.coef, "MCMC-MLE se": fit.se})

# %% [markdown]
# ## Goodness of fit
# Networks simulated from the fitted model against the observed one: degree, edgewise shared partners and
# geodesic distances (the grey band holds 95% of the simulations).

# %%
g = govnet.gof(fit, nsim=50, seed=1)
from matplotlib.figure import Figure

fig = Figure(figsize=(14, 3.2))
axes = [fig.add_subplot(1, 4, k + 1) for k in range(4)]
g.plot(axes=np.array(axes))
fig

# %% [markdown]
# ## The district: one model, 100 communities
# The communities are independent given the coefficients, so a pooled fit multiplies their likelihoods:
# the same question asked of many communities at once (here the first 10, to keep the notebook quick). (`per_network=True` fits each community alone.)

# %%
def with_core_flag(n: govnet.Network) -> govnet.Network:
    a = n.actors.reset_index().rename(columns={"index": "id"})
    a["is_core"] = a["tier"].astype(str) == "core"
    return govnet.Network.from_frames(a, n.ties(), directed={r: n.relation_spec(r).directed
                                                            for r in n.relations})


nets = [with_core_flag(district[c]) for c in list(district.ids)[:10]]
pooled = govnet.ergm_pooled(nets, formula, relation="deliberation", seed=7)
pooled.table[["estimate", "se", "z", "p"]]

# %% [markdown]
# ## Why not Nanshan's own deliberation layer?
# In the source, the joint meeting (联席会议) brings 15 subjects together, so the deliberation layer derived
# from co-attendance is a complete graph on those 15 and has no other ties: every dyad is explained by “did
# both attend”, and the MPLE has no finite maximum (the statistics separate ties from non-ties). govnet
# refuses it with a `ConvergenceError` instead of reporting an infinite coefficient as a number.

# %%
nanshan = govnet.datasets.nanshan()
try:
    govnet.ergm(nanshan, "edges + nodematch('tier')", relation="deliberation")
except govnet.ConvergenceError as e:
    print(type(e).__name__, ":", e)

# %% [markdown]
# ## A two-mode network: who attends which meeting
# Davis Southern Women: 18 women × 14 events. `b1star(2)` / `b2star(2)` count pairs of events a woman attends
# and pairs of women at an event; `gwb2degree` spreads attendance over events. statnet's MCMC-MLE fails on
# `edges + b1star(2) + b2star(2)` (its sampler leaves the observed region at the MPLE); the geometrically
# weighted version is the usual remedy.

# %%
davis = govnet.datasets.davis()
two = govnet.ergm(davis, "edges + b1star(2) + gwb2degree(0.5, fixed=True)", two_mode="meetings", seed=3)
two.table[["estimate", "se", "z", "p"]]
