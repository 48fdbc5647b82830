# Town Square Kit: installed into {sys.prefix}/etc/ipython/ (pyproject shared-data), a folder
# IPython reads for every kernel of this environment. It loads kit.cell_guard, which answers a
# lesson cell run before the cell it needs with a sentence in the learner's language instead of
# a NameError traceback; outside notebooks/ar and notebooks/en it does nothing.
c = get_config()  # noqa: F821 (defined by IPython's config loader)
c.InteractiveShellApp.extensions.append("kit.cell_guard")
