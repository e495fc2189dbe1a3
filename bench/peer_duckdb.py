#!/usr/bin/env python3
"""DuckDB peer (issue 7): bench/peer_kpis.py with --engine duckdb. Needs `pip install duckdb`
(bench/.venv). Example: bench/.venv/bin/python bench/peer_duckdb.py --package bench/data/small-42 --ours ours.json"""
import sys, os
sys.argv[1:1] = ["--engine", "duckdb"]
sys.path.insert(0, os.path.dirname(__file__))
import peer_kpis
peer_kpis.main()
