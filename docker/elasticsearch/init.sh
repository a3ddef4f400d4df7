#!/bin/bash
# One-shot, in the Elasticsearch image, before anything else starts:
# 1. refuses to go on while a secret in docker/.env is unset, still a placeholder or too short (Elasticsearch keeps
#    the first elastic password it starts with, so a weak one must be stopped before it starts);
# 2. creates a private CA and the node's HTTP/transport certificate with elasticsearch-certutil. The CA certificate
#    goes to /certs/ca (mounted read-only by every client), the node's key and certificate to /certs/node (mounted by
#    Elasticsearch only). The CA's private key is deleted once the node's certificate is signed, so no container
#    holds it. Certificates that exist are kept.
set -euo pipefail

weak=0
check() {
  local name=$1 min=$2 value=${!1:-}
  if [[ -z "$value" || "$value" == change-me* || ${#value} -lt $min ]]; then
    echo "init: $name is unset, a placeholder or shorter than $min characters: set it in docker/.env" >&2
    weak=1
  fi
}
check ELASTIC_PASSWORD 12
check KIBANA_SYSTEM_PASSWORD 12
check LOGSTASH_ES_PASSWORD 12
check TAPLINE_ES_PASSWORD 12
check TAPLINE_ADMIN_TOKEN 16
check KIBANA_ENCRYPTION_KEY 32
if (( weak )); then
  exit 1
fi

ca_dir=/certs/ca
node_dir=/certs/node
if [[ -f "$node_dir/elasticsearch.crt" && -f "$ca_dir/ca.crt" ]]; then
  echo "init: secrets checked; certificates already present"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd /usr/share/elasticsearch
bin/elasticsearch-certutil ca --silent --pem --out "$work/ca.zip"
unzip -q "$work/ca.zip" -d "$work"
cat > "$work/instances.yml" <<'YAML'
instances:
  - name: elasticsearch
    dns: [elasticsearch, localhost]
    ip: [127.0.0.1]
YAML
bin/elasticsearch-certutil cert --silent --pem --in "$work/instances.yml" --out "$work/node.zip" \
  --ca-cert "$work/ca/ca.crt" --ca-key "$work/ca/ca.key"
unzip -q "$work/node.zip" -d "$work"

mkdir -p "$ca_dir" "$node_dir"
install -m 0644 -o root -g root "$work/ca/ca.crt" "$ca_dir/ca.crt"
install -m 0644 -o root -g root "$work/elasticsearch/elasticsearch.crt" "$node_dir/elasticsearch.crt"
# The node runs as uid 1000 (group 0) in the Elasticsearch image.
install -m 0600 -o 1000 -g 0 "$work/elasticsearch/elasticsearch.key" "$node_dir/elasticsearch.key"
echo "init: secrets checked; created a CA and the certificate of elasticsearch"
