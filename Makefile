# Thin wrappers around npm scripts, for people who type `make`.
.PHONY: build test typecheck bench install clean

build:
	npm run build

test:
	npm test

typecheck:
	npx tsc --noEmit

bench: build
	bash bench/run.sh

install: build
	npm install -g .

clean:
	rm -rf dist
