package io.tapline.logstash;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the few facts the tests need out of the gem's Ruby files and the pipeline configuration. */
final class PluginFiles {
    private PluginFiles() {
    }

    /** The {@code config_name} of a plugin's Ruby class. */
    static String configName(String ruby) {
        return group(ruby, "config_name\\s+[\"']([^\"']+)[\"']");
    }

    /** The JRuby constant that {@code self.javaClass} names, e.g. {@code Java::IoTaplineLogstash::TaplineEnrich}. */
    static String javaClassConstant(String ruby) {
        return group(ruby, "def\\s+self\\.javaClass\\(\\)\\s+(Java::[\\w:]+)\\.java_class");
    }

    /** How JRuby spells a Java class as a constant: package segments capitalised and joined, then the class. */
    static String jrubyConstant(Class<?> type) {
        StringBuilder constant = new StringBuilder("Java::");
        for (String segment : type.getPackageName().split("\\.")) {
            constant.append(Character.toUpperCase(segment.charAt(0))).append(segment.substring(1));
        }
        return constant.append("::").append(type.getSimpleName()).toString();
    }

    /** A pipeline configuration without its comments (quotes never hold a '#' in ours). */
    static String withoutComments(String conf) {
        return conf.replaceAll("(?m)#.*$", "");
    }

    /** The body of the first {@code name { ... }} block, nested blocks included. */
    static String block(String conf, String name) {
        Matcher m = Pattern.compile("(?<![\\w\"])" + Pattern.quote(name) + "\\s*\\{").matcher(conf);
        if (!m.find()) {
            throw new AssertionError("no '" + name + " {' block in:\n" + conf);
        }
        int depth = 1;
        for (int i = m.end(); i < conf.length(); i++) {
            char c = conf.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0) {
                return conf.substring(m.end(), i);
            }
        }
        throw new AssertionError("unclosed '" + name + "' block");
    }

    /** The value of {@code key => value} (quotes removed). */
    static String setting(String block, String key) {
        return group(block, "(?<![\\w])" + Pattern.quote(key) + "\\s*=>\\s*(\"[^\"]*\"|\\[[^\\]]*]|[^\\s}]+)").replace("\"", "");
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no match for " + regex + " in:\n" + text);
        }
        return m.group(1);
    }
}
