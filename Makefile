# wakala: the two commands are `make run` and `make test` (see README.md).
.PHONY: run test bench build build-debug clean

RELEASE_DIR := build/release
DEBUG_DIR := build/debug
JOBS ?= $(shell nproc)

run:
	scripts/install-deps run
	cmake -S . -B $(RELEASE_DIR) -DCMAKE_BUILD_TYPE=Release -DWAKALA_TESTS=OFF
	cmake --build $(RELEASE_DIR) -j$(JOBS) --target wakala
	$(RELEASE_DIR)/wakala demo --data data
	$(RELEASE_DIR)/wakala user ensure-admin --data data
	exec $(RELEASE_DIR)/wakala serve --data data

test:
	tests/run

bench:
	bench/run

build:
	cmake -S . -B $(RELEASE_DIR) -DCMAKE_BUILD_TYPE=Release -DWAKALA_TESTS=OFF
	cmake --build $(RELEASE_DIR) -j$(JOBS) --target wakala

build-debug:
	cmake -S . -B $(DEBUG_DIR) -DCMAKE_BUILD_TYPE=Debug -DWAKALA_SANITIZE=ON -DWAKALA_WERROR=ON
	cmake --build $(DEBUG_DIR) -j$(JOBS)

clean:
	rm -rf build
