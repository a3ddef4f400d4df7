package io.tapline.enrich;

/**
 * The paths of the ECS fields the enricher reads and writes. Each is one shared array, made once: a path spelled
 * out at the call ({@code doc.get("url", "original")}) is a new varargs array on every read. Never modified.
 */
final class Ecs {
    static final String[] TAPLINE_KIND = {"tapline", "kind"};
    static final String[] TAPLINE_ENRICHMENT = {"tapline", "enrichment"};
    static final String[] URL_ORIGINAL = {"url", "original"};
    static final String[] URL_PATH = {"url", "path"};
    static final String[] URL_QUERY = {"url", "query"};
    static final String[] URL_SCHEME = {"url", "scheme"};
    static final String[] URL_DOMAIN = {"url", "domain"};
    static final String[] URL_PORT = {"url", "port"};
    static final String[] URL_EXTENSION = {"url", "extension"};
    static final String[] HTTP_REQUEST_METHOD = {"http", "request", "method"};
    static final String[] HTTP_REQUEST_HEADERS = {"http", "request", "headers"};
    static final String[] HTTP_REQUEST_BODY = {"http", "request", "body", "content"};
    static final String[] HTTP_REQUEST_MIME_TYPE = {"http", "request", "mime_type"};
    static final String[] HTTP_RESPONSE_STATUS_CODE = {"http", "response", "status_code"};
    static final String[] HTTP_RESPONSE_BODY = {"http", "response", "body", "content"};
    static final String[] HTTP_RESPONSE_MIME_TYPE = {"http", "response", "mime_type"};
    static final String[] MESSAGE = {"message"};
    static final String[] LOG_LEVEL = {"log", "level"};
    static final String[] EVENT_ACTION = {"event", "action"};
    static final String[] EVENT_DURATION = {"event", "duration"};
    static final String[] EVENT_ORIGINAL = {"event", "original"};
    static final String[] SERVICE_NAME = {"service", "name"};
    static final String[] CLIENT_IP = {"client", "ip"};
    static final String[] USER_AGENT_ORIGINAL = {"user_agent", "original"};
    static final String[] USER_AGENT_NAME = {"user_agent", "name"};
    static final String[] USER_AGENT_VERSION = {"user_agent", "version"};

    private Ecs() {
    }
}
