"""Workflow: many pages. ``build`` (pages and issue folders → outputs, a cache, any executor),
``config`` (publisher.toml), ``commands`` (the build and watch verbs: progress and summary).

May import every stage; only the CLI imports workflow.
"""
