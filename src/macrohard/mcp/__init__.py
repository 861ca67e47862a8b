"""MCP in both directions: macrohard's environments as an MCP server (``server``), and outside MCP servers'
tools as guarded actions of a run (``client``). Built on the official ``mcp`` SDK (the ``interfaces`` extra)."""
