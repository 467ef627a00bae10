"""The names the library takes for its choice parameters, in one module that imports
nothing, so that the command line can offer them as choices without loading the library."""

# The views of careergraph.graph.views (the HTML pages and the Mermaid mind map).
VIEWS = ("mindmap", "devops-mlops", "careers", "trends", "full")
# What overlap and the similarity matrix compare: every profile item, or skills or tools.
COMPARED = ("all", "skills", "tools")
