"""The command line's machinery: the root app, the state of one invocation, groups, parameter types, shared options, help, completion, prompts.

Imports every layer below it; only the root app (root.py) names the command modules.
"""
