"""The engine wing: everything between a SPARQL text and its answer.

* :mod:`~ilo_kg.engine.contract`: the engine-neutral contract (``Store`` protocol, ``Result``, errors);
* :mod:`~ilo_kg.engine.oxigraph`: the embedded engine (the published Oxigraph store);
* :mod:`~ilo_kg.engine.pool`, :mod:`~ilo_kg.engine.worker`, :mod:`~ilo_kg.engine.framing`: its worker
  processes, and the frames both ends speak;
* :mod:`~ilo_kg.engine.remote`: a remote SPARQL 1.1 engine over HTTP;
* :mod:`~ilo_kg.engine.choice`: the engine the settings name;
* :mod:`~ilo_kg.engine.service`: one query's way (check, prepare, run, write), for the web and the CLI;
* :mod:`~ilo_kg.engine.problems`: which HTTP status, ``Retry-After`` and message each engine error gets.

This package module imports nothing, so that a worker process starts with only what it needs.
"""
