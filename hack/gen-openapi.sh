#!/usr/bin/env bash
# Regenerate kcp/registry/builtin/openapi/*.json: the OpenAPI v3 component schemas of
# the built-in kinds, produced by hack/openapi-gen (a Go program) by reflection over
# the Go types of k8s.io/api, k8s.io/apimachinery and k8s.io/apiextensions-apiserver
# at the versions pinned in hack/openapi-gen/go.mod (fetched through the Go module
# proxy). Needs Go; the Python package and its tests need only the committed JSON.
#
# To give another kind a schema: add it to hack/openapi-gen/kinds.go and rerun this.
set -euo pipefail
cd "$(dirname "$0")/.."

out=kcp/registry/builtin/openapi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd hack/openapi-gen && go run . -out "$tmp")
rm -f "$out"/*.json
cp "$tmp"/*.json "$out"/
