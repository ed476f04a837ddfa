"""Engines that drive a Coder over a stream of documents: in this process, a local process pool, a dask cluster."""
