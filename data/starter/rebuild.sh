#!/usr/bin/env bash
# Re-create data/curated (the starter dataset) from the seed records and the gold corpus:
# the seed records (tests/fixtures/seed) with their texts, then every other gold-coded
# document of CORPUS as quote-only published records. Needs the corpus texts (../shared).
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="${1:-../shared/corpus}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r tests/fixtures/seed/curated "$work/curated"
cp -r data/sources "$work/sources"
python3 -m vuongmac --data-dir "$work" import-gold "$corpus" --report data/starter/IMPORT-REPORT.txt
cp "$work"/curated/*.csv data/curated/
rm -f data/store.sqlite data/store.sqlite-shm data/store.sqlite-wal
python3 -m vuongmac build > /dev/null
echo "data/curated rebuilt from $corpus"
