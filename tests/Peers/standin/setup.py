# hx-litellm-standin: the test double of the LiteLLM proxy (tests/Peers/fake_litellm.py), packaged so that the example
# role's pip task installs it from a wheelhouse and its `litellm` command runs as the real one would. Built offline by
# tests/Peers/Peers.psm1 (New-PeerStandinWheel), which copies fake_litellm.py beside this file first.
from setuptools import setup

setup(
    name="hx-litellm-standin",
    version="0.1.0",
    description="A LiteLLM-shaped test double (not LiteLLM): health, readiness and /v1/models from a rendered config",
    py_modules=["fake_litellm"],
    python_requires=">=3.9",
    entry_points={"console_scripts": ["litellm=fake_litellm:litellm_main"]},
)
