# newsindex: the two commands a fresh machine needs are `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/release/newsindex

.PHONY: setup build demo test bench-peers clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product newsindex

# Build the sample index from corpus/ into index/, then run a keyword, a phrase and a batch query.
demo: build
	$(BIN) build corpus --index index
	@echo
	@echo '$$ newsindex search "interest rates" -k 3'
	@$(BIN) search 'interest rates' --index index -k 3
	@echo '$$ newsindex search '"'"'"free trade agreement" korea'"'"' -k 3'
	@$(BIN) search '"free trade agreement" korea' --index index -k 3
	@echo '$$ newsindex batch corpus/queries.tsv --format trec -k 3'
	@$(BIN) batch corpus/queries.tsv --index index --format trec -k 3

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# newsindex beside tantivy, Lucene, PISA, Xapian and FTS5 (needs ../shared/bench/peers installed).
bench-peers: build
	bash ../shared/bench/peers/bench.sh $(BIN) cranfield

clean:
	rm -rf .build index/seg-* index/files-*.json index/meta.json index/write.lock
