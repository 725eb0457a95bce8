"""The real kubectl against `kcp start`, validating against our OpenAPI v3 documents.

kubectl's default `--validate=strict` downloads `/openapi/v3` and the group-version
document, then leaves the checking to the server (`fieldValidation=Strict`); without
those documents apply, create and replace fail unless `--validate=false`.
"""

from __future__ import annotations

from tests.helpers.kcpserver import KcpProcess

CONFIGMAP = """
apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}
  namespace: default
data:
  key: "{value}"
"""
UNKNOWN_FIELD = "spec:\n  replicas: 1\n"


def test_apply_validates_without_turning_validation_off(kcp: KcpProcess) -> None:
    manifest = CONFIGMAP.format(name="oa-apply", value="one")
    assert kcp.kubectl("apply", "-f", "-", stdin=manifest).stdout.strip() == (
        "configmap/oa-apply created"
    )
    changed = CONFIGMAP.format(name="oa-apply", value="two")
    assert kcp.kubectl("apply", "-f", "-", stdin=changed).stdout.strip() == (
        "configmap/oa-apply configured"
    )
    assert kcp.kubectl("apply", "-f", "-", stdin=changed).stdout.strip() == (
        "configmap/oa-apply unchanged"
    )
    obj = kcp.kubectl_json("get", "cm", "oa-apply", "-n", "default")
    assert obj["data"] == {"key": "two"}


def test_unknown_field_fails_with_a_strict_decoding_error(kcp: KcpProcess) -> None:
    manifest = CONFIGMAP.format(name="oa-bad", value="x") + UNKNOWN_FIELD
    for command in ("create", "apply"):
        result = kcp.kubectl(command, "-f", "-", stdin=manifest, check=False)
        assert result.returncode == 1
        assert (
            'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version '
            '"v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"'
        ) in result.stderr
    missing = kcp.kubectl("get", "cm", "oa-bad", "-n", "default", check=False)
    assert missing.returncode == 1


def test_unknown_field_in_apply_to_an_existing_object_is_refused(kcp: KcpProcess) -> None:
    kcp.kubectl("apply", "-f", "-", stdin=CONFIGMAP.format(name="oa-exists", value="x"))
    manifest = CONFIGMAP.format(name="oa-exists", value="y") + UNKNOWN_FIELD
    result = kcp.kubectl("apply", "-f", "-", stdin=manifest, check=False)
    assert result.returncode == 1
    assert 'strict decoding error: unknown field "spec"' in result.stderr
    obj = kcp.kubectl_json("get", "cm", "oa-exists", "-n", "default")
    assert obj["data"] == {"key": "x"}


def test_validate_false_drops_unknown_fields(kcp: KcpProcess) -> None:
    manifest = CONFIGMAP.format(name="oa-lax", value="x") + UNKNOWN_FIELD
    kcp.kubectl("apply", "--validate=false", "-f", "-", stdin=manifest)
    obj = kcp.kubectl_json("get", "cm", "oa-lax", "-n", "default")
    assert "spec" not in obj
    assert obj["data"] == {"key": "x"}


def test_explain_prints_descriptions_from_the_schema(kcp: KcpProcess) -> None:
    out = kcp.kubectl("explain", "configmap.data").stdout
    assert "KIND:       ConfigMap" in out
    assert "FIELD: data <map[string]string>" in out
    assert "Data contains the configuration data." in out
    fields = kcp.kubectl("explain", "configmap").stdout
    assert "ConfigMap holds configuration data for pods to consume." in fields
    assert "metadata\t<ObjectMeta>" in fields
    nested = kcp.kubectl("explain", "configmap.metadata.ownerReferences").stdout
    assert "uid\t<string> -required-" in nested


def test_create_then_replace(kcp: KcpProcess) -> None:
    created = kcp.kubectl("create", "-f", "-", stdin=CONFIGMAP.format(name="oa-cr", value="1"))
    assert created.stdout.strip() == "configmap/oa-cr created"
    replaced = kcp.kubectl("replace", "-f", "-", stdin=CONFIGMAP.format(name="oa-cr", value="2"))
    assert replaced.stdout.strip() == "configmap/oa-cr replaced"
    assert kcp.kubectl_json("get", "cm", "oa-cr", "-n", "default")["data"] == {"key": "2"}
    bad = CONFIGMAP.format(name="oa-cr", value="3") + UNKNOWN_FIELD
    refused = kcp.kubectl("replace", "-f", "-", stdin=bad, check=False)
    assert refused.returncode == 1
    assert 'strict decoding error: unknown field "spec"' in refused.stderr
