#!/bin/bash
# One-shot, in the Elasticsearch image, once the node is healthy: sets the kibana_system password and creates the
# least-privilege roles and users the services run as. Safe to run again (every call is a PUT/POST that overwrites).
#   tapline_writer / tapline_logstash: Logstash writes records into tapline-logs-* and tapline-failures-*
#   tapline_app / tapline:             tapline serve installs its template, reads and manages tapline-logs-*
set -euo pipefail

: "${ELASTIC_PASSWORD:?}" "${KIBANA_SYSTEM_PASSWORD:?}" "${LOGSTASH_ES_PASSWORD:?}" "${TAPLINE_ES_PASSWORD:?}"
es_url=${ES_URL:-https://elasticsearch:9200}
ca=${ES_CA_CERT:-/certs/ca/ca.crt}

# A JSON string literal of $1 (passwords may hold quotes or backslashes).
json() {
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

es() {
  local method=$1 path=$2 body=$3
  local code
  code=$(curl -sS -o /tmp/es-response -w '%{http_code}' --cacert "$ca" -u "elastic:$ELASTIC_PASSWORD" \
    -X "$method" -H 'Content-Type: application/json' "$es_url$path" --data-binary @- <<<"$body")
  if [[ "$code" != 200 ]]; then
    echo "users: $method $path answered $code: $(cat /tmp/es-response)" >&2
    exit 1
  fi
}

es POST /_security/user/kibana_system/_password "{\"password\":$(json "$KIBANA_SYSTEM_PASSWORD")}"

es PUT /_security/role/tapline_writer '{
  "cluster": ["monitor"],
  "indices": [{"names": ["tapline-logs-*", "tapline-failures-*"],
               "privileges": ["create_index", "create_doc", "index", "auto_configure", "view_index_metadata"]}]
}'
es PUT /_security/user/tapline_logstash \
  "{\"password\":$(json "$LOGSTASH_ES_PASSWORD"),\"roles\":[\"tapline_writer\"],\"full_name\":\"Tapline Logstash writer\"}"

es PUT /_security/role/tapline_app '{
  "cluster": ["monitor", "manage_index_templates", "manage_ilm"],
  "indices": [{"names": ["tapline-logs-*"],
               "privileges": ["read", "view_index_metadata", "write", "create_index", "delete_index"]}]
}'
es PUT /_security/user/tapline \
  "{\"password\":$(json "$TAPLINE_ES_PASSWORD"),\"roles\":[\"tapline_app\"],\"full_name\":\"Tapline serve\"}"

echo "users: kibana_system password set; roles tapline_writer, tapline_app; users tapline_logstash, tapline"
