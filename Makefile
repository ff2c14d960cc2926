# vpcsmith developer targets. `make test` is what CI runs (via .ci/run).
.PHONY: test build bench run

test:
	bash scripts/test.sh

build:
	go build -o bin/vpcsmith .

bench:
	go test -run '^$$' -bench . -benchmem ./...

run:
	go run . examples/reference.yaml
