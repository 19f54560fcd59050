# newsindex: the two commands a fresh machine needs are `make demo` and `make test`.
SWIFT ?= swift
BIN := .build/release/newsindex

PREFIX ?= /usr/local
MAN_PAGE := .build/plugins/GenerateManual/outputs/newsindex/newsindex.1
COMPLETIONS := .build/completions

.PHONY: setup build man completions install demo test bench-peers clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product newsindex
	@$(MAKE) --no-print-directory man completions

# The man page, generated from the ArgumentParser definitions (swift-argument-parser's
# GenerateManual plugin): newsindex.1 with a section per subcommand.
man:
	$(SWIFT) package generate-manual --configuration release
	@test -s $(MAN_PAGE) && echo "man page: $(MAN_PAGE)"

# Shell completions, printed by the binary itself.
completions:
	@mkdir -p $(COMPLETIONS)
	$(BIN) --generate-completion-script bash > $(COMPLETIONS)/newsindex.bash
	$(BIN) --generate-completion-script zsh > $(COMPLETIONS)/_newsindex
	$(BIN) --generate-completion-script fish > $(COMPLETIONS)/newsindex.fish

# Binary, man page and completions under PREFIX (default /usr/local; DESTDIR for packaging).
install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/newsindex
	install -m 644 $(MAN_PAGE) $(DESTDIR)$(PREFIX)/share/man/man1/newsindex.1
	install -m 644 $(COMPLETIONS)/newsindex.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/newsindex
	install -m 644 $(COMPLETIONS)/_newsindex $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_newsindex
	install -m 644 $(COMPLETIONS)/newsindex.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/newsindex.fish

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
