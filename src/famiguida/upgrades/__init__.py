"""Upgrade steps of the famiguida default profile.

One subpackage per target version (``v1001/`` ...), each with its own
``configure.zcml`` holding ``genericsetup:upgradeSteps`` from the previous
version, included below.  Bump ``profiles/default/metadata.xml`` together
with every profile change once a release is out.
"""
