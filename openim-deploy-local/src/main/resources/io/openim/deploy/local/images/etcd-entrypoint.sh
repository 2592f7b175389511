#!/bin/sh
# openim-deploy testkit: a stand-in, in our own words, for /opt/bitnami/scripts/etcd/entrypoint.sh
# of docker.io/bitnamilegacy/etcd. Bitnami's runs its setup (configuration files, authentication)
# when asked to run run.sh; etcd reads its ETCD_* variables itself, so this one only hands over
# to its arguments (run.sh by default).
set -e
exec "$@"
