# %% [markdown]
# # 100 synthetic Nanshan communities compared by committee type
#
# **Stated facts** (陈家喜、林电锋; 王慧琼): Nanshan has 100 communities in 8 sub-districts; 76 have a comprehensive
# Party committee (社区综合党委) and 24 a general branch (党总支); the 2013 election gave 597 committee members and
# 221 part-time members (兼职委员); 2.01 million managed population.
#
# **Everything else is synthetic**: `govnet.synthetic.district()` generates 1+3+N communities whose totals are
# calibrated exactly to the facts above; ties and duties are random draws. The comparison shows the method for
# a real district's data, not a finding about Nanshan.

# %%
import govnet

district = govnet.synthetic.district(2014)
district

# %%
govnet.synthetic.calibration(district)

# %%
govnet.synthetic.compare_by_committee_type(district)

# %%
district.apply(lambda net: govnet.degree_centrality(net, relation="all")[net.tier_of("core")[0]], name="core_degree").head()
