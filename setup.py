"""Package discovery for the wheel: every package under ret_desk/ is found, so that no new
package is left out; migrations/ and resources/ live at the top level (house plan) and are
mapped into the package by pyproject.toml's package-dir, so they are named here."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["ret_desk", "ret_desk.*"])
    + ["ret_desk.migrations", "ret_desk.migrations.versions", "ret_desk.resources"]
)
