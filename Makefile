# Entry points. The work is done by the scripts in scripts/, which can also be run directly.
#   make run     the whole stack in the foreground on https://127.0.0.1:8443 (HTTPS_PORT, PGPORT change ports)
#   make test    build, unit and end-to-end tests against a throwaway stack, then the fault suites, then the
#                cluster suites (what CI runs)
#   make test-faults  only the fault suites (worker kill, PostgreSQL restart/lock/read-only, SIGHUP, SIGTERM) on a
#                stack of their own
#   make bench   our server beside C reference responders through nginx + TLS, 10k and 10M licenses (one table)
#   make bench-cluster  the cost of synchronous replication to a logged check, on make cluster (left running)
#   make build   release build only
#   make lint    swift format lint --strict over Sources and Tests (CI runs it before the tests)
#   make cluster      several machines' worth of the stack on this one (operations.md §7): etcd, three PostgreSQL
#                members under Patroni, HAProxy, two app nodes and a front on https://127.0.0.1:9443, all under
#                .cluster/; returns once everything serves (CLUSTER_BIN=path uses that binary instead of building)
#   make cluster-stop  stop everything make cluster started and delete .cluster/
#   make cluster-test  only the cluster suites: primary crash, lost database machine, switchover, lost app node,
#                rolling upgrade, lost standbys, under load against make cluster (stopped afterwards)
#   make clean       remove build products (.build, bench/out)
#   make clean-run   remove the local stack's state (.run/: database, certificate, admin password, logs)

.PHONY: run test test-faults bench build clean clean-run deps lint cluster cluster-stop cluster-test bench-cluster

run:
	@scripts/run.sh

test:
	@scripts/test.sh
	@scripts/test-faults.sh
	@scripts/cluster-test.sh

test-faults:
	@scripts/test-faults.sh

bench:
	@scripts/bench.sh

cluster:
	@scripts/cluster.sh up

cluster-stop:
	@scripts/cluster.sh stop

cluster-test:
	@scripts/cluster-test.sh

bench-cluster:
	@scripts/bench-cluster.sh

build:
	@scripts/deps.sh
	swift build -c release --static-swift-stdlib

deps:
	@scripts/deps.sh

clean:
	@scripts/clean.sh

clean-run:
	@scripts/clean.sh --run

lint:
	swift format lint --strict --recursive Sources Tests
