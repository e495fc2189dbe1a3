#!/usr/bin/env python3
"""SQLite peer (issue 7): bench/peer_kpis.py with --engine sqlite (Python's sqlite3, a durable file).
Example: python3 bench/peer_sqlite.py --package bench/data/small-42 --ours ours.json"""
import sys, os
sys.argv[1:1] = ["--engine", "sqlite"]
sys.path.insert(0, os.path.dirname(__file__))
import peer_kpis
peer_kpis.main()
