package io.tapline.enrich;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Realistic ECS documents of Tapline records, and the means to parse and copy them. */
final class SampleDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleDocuments() {
    }

    /** A mutable nested map from JSON text; single quotes stand for double quotes to keep the tests readable. */
    static Map<String, Object> doc(String json) {
        try {
            return JSON.readValue(json.replace('\'', '"'), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** A deep, mutable copy. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        if (value instanceof Map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            ((Map<Object, Object>) value).forEach((k, v) -> out.put(k, copy(v)));
            return (T) out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            ((List<Object>) value).forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return value;
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> response() {
        return doc("{'@timestamp':'2024-06-12T14:07:14.102Z',"
                + "'tapline':{'id':123,'kind':'response','project_id':'proj_a1b2c3d4','source':'backend'},"
                + "'trace':{'id':'4bf92f3577b34da6a3ce929d0e0e4736'},'log':{'level':'info'},"
                + "'service':{'name':'user-api'},'container':{'id':'cnt_x9y8z7w6'},"
                + "'http':{'request':{'method':'GET','bytes':12,'headers':{'user-agent':'curl/8.5.0',"
                + "'authorization':'Bearer abcdefghijklmnop'}},"
                + "'response':{'status_code':200,'bytes':55,'body':{'content':'{\\'id\\':42,\\'token\\':\\'s3cr3t\\'}',"
                + "'truncated':false},'mime_type':'application/json'}},"
                + "'url':{'original':'/v1/users/42?x=1&token=abc','path':'/v1/users/42','query':'x=1&token=abc'},"
                + "'client':{'ip':'203.0.113.9'},'user_agent':{'original':'curl/8.5.0'},"
                + "'event':{'duration':102000000}}");
    }

    static Map<String, Object> request() {
        return doc("{'@timestamp':'2024-06-12T14:07:14.000Z','tapline':{'id':122,'kind':'request','project_id':'p',"
                + "'source':'edge'},'service':{'name':'user-api'},"
                + "'http':{'request':{'method':'post','bytes':40,'headers':{'content-type':'application/json',"
                + "'cookie':'sid=abc'},'body':{'content':'{\\'password\\':\\'hunter2\\',\\'name\\':\\'x\\'}'},"
                + "'mime_type':'application/json'}},"
                + "'url':{'original':'https://api.example.com:8443/v1/orders/9f1c2a3b4c5d/items.json?page=2'},"
                + "'client':{'ip':'10.1.2.3'},"
                + "'user_agent':{'original':'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                + "(KHTML, like Gecko) Chrome/124.0.6367.91 Safari/537.36'}}");
    }

    static Map<String, Object> event() {
        return doc("{'@timestamp':'2024-06-12T14:07:15.000Z','tapline':{'id':124,'kind':'event','project_id':'p',"
                + "'source':'backend'},'log':{'level':'error'},'service':{'name':'user-api'},"
                + "'event':{'action':'upstream_timeout','duration':30000000000},"
                + "'url':{'original':'/v1/slow'},'client':{'ip':'::1'},"
                + "'message':'upstream 10.0.0.7:9001 timed out after 30000 ms'}");
    }

    static Map<String, Object> serviceLogEvent() {
        return doc("{'@timestamp':'2024-06-12T14:07:16.000Z','tapline':{'id':125,'kind':'event','project_id':'p'},"
                + "'log':{'level':'info'},'service':{'name':'billing'},"
                + "'message':'2024-01-01T12:00:00Z ERROR Payment 550e8400-e29b-41d4-a716-446655440000 failed: "
                + "connection refused password=hunter2'}");
    }

    static Map<String, Object> attack() {
        return doc("{'tapline':{'kind':'response'},'http':{'request':{'method':'GET'},'response':{'status_code':'404'}},"
                + "'url':{'original':'/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--&f=..%2f..%2fetc%2fpasswd'},"
                + "'user_agent':{'original':'sqlmap/1.7.2#stable (https://sqlmap.org)'},"
                + "'client':{'ip':'[2001:db8::1]:443'}}");
    }

    /** A set of realistic records of every kind, fresh each time. */
    static List<Map<String, Object>> realistic() {
        return List.of(response(), request(), event(), serviceLogEvent(), attack(),
                doc("{'tapline':{'kind':'event'},'message':'[WARN] Disk usage at 91% on /dev/sda1'}"),
                doc("{'tapline':{'kind':'response'},'http':{'request':{'method':'DELETE'},"
                        + "'response':{'status_code':503}},'url':{'original':'/'},'event':{'duration':5}}"),
                doc("{}"));
    }
}
