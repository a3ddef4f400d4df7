package io.tapline.docker;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker/logstash/pipeline/tapline.conf: the few facts the deployment depends on. */
final class Pipeline {
    static final Path FILE = DockerDir.DOCKER.resolve("logstash/pipeline/tapline.conf");

    private Pipeline() {
    }

    /** The configuration without comments. */
    static String conf() {
        return DockerDir.read(FILE).replaceAll("(?m)#.*$", "");
    }

    /** The body of the first {@code name { ... }} block of {@code conf}. */
    static String block(String conf, String name) {
        Matcher m = Pattern.compile("(?<![\\w\"])" + Pattern.quote(name) + "\\s*\\{").matcher(conf);
        if (!m.find()) {
            throw new AssertionError("no '" + name + " {' block");
        }
        int depth = 1;
        for (int i = m.end(); i < conf.length(); i++) {
            depth += conf.charAt(i) == '{' ? 1 : conf.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return conf.substring(m.end(), i);
            }
        }
        throw new AssertionError("unclosed '" + name + "' block");
    }

    /** The name of the first plugin of the filter section. */
    static String firstFilterPlugin() {
        Matcher m = Pattern.compile("^\\s*([a-z_][a-z0-9_]*)\\s*\\{").matcher(block(conf(), "filter"));
        if (!m.find()) {
            throw new AssertionError("the filter section names no plugin");
        }
        return m.group(1);
    }

    /** The port of the tcp input. */
    static int tcpPort() {
        Matcher m = Pattern.compile("port\\s*=>\\s*(\\d+)").matcher(block(block(conf(), "input"), "tcp"));
        if (!m.find()) {
            throw new AssertionError("the tcp input has no port");
        }
        return Integer.parseInt(m.group(1));
    }

    /** The {@code config_name} a plugin's Ruby class registers. */
    static String configName(String ruby) {
        Matcher m = Pattern.compile("config_name\\s+[\"']([^\"']+)[\"']").matcher(ruby);
        if (!m.find()) {
            throw new AssertionError("no config_name in the plugin's Ruby class");
        }
        return m.group(1);
    }
}
