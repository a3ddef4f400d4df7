package io.tapline.enrich;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sorts a {@code User-Agent} into browser, mobile, bot, cli or sdk and reads the client's name and version, with
 * a few hand-written rules instead of a user-agent database. Security scanners count as bots and are flagged.
 * One pass collects the {@code name/version} product tokens; the rules then look at those and at a few words.
 */
final class UserAgentClassifier {
    static final String BROWSER = "browser";
    static final String MOBILE = "mobile";
    static final String BOT = "bot";
    static final String CLI = "cli";
    static final String SDK = "sdk";

    /** Longer user agents are judged by their start; no real client sends more. */
    private static final int MAX_SCAN = 2048;
    private static final int MAX_VERSION = 32;

    private static final String[] SCANNERS = {"sqlmap", "nikto", "nmap", "masscan", "zgrab", "gobuster",
            "dirbuster", "wpscan", "nuclei", "acunetix"};
    private static final Set<String> BOTS_WITHOUT_BOT_IN_NAME = Set.of("slurp", "facebookexternalhit",
            "headlesschrome", "phantomjs", "pingdom", "ia_archiver", "lighthouse");
    private static final Set<String> CLIS = Set.of("curl", "wget", "httpie", "powershell", "windowspowershell",
            "postmanruntime", "insomnia", "xh", "aria2");
    private static final Set<String> SDKS = Set.of("python-requests", "python-urllib", "python-httpx", "httpx",
            "aiohttp", "urllib3", "okhttp", "go-http-client", "java-http-client", "java", "apache-httpclient",
            "axios", "node-fetch", "undici", "node", "got", "ruby", "faraday", "dart", "libwww-perl", "guzzlehttp",
            "restsharp", "jersey", "reactor-netty", "vert.x-webclient", "pycurl", "libcurl", "grpc-java",
            "grpc-go", "grpc-python", "grpc-node");
    private static final String[] MOBILE_WORDS = {"iphone", "ipad", "ipod", "android", "mobile safari", "dalvik",
            "cfnetwork"};

    /** What a user agent says about its client; every part may be null. */
    static final class Agent {
        final String agentClass;
        final String name;
        final String version;
        final boolean scanner;

        Agent(String agentClass, String name, String version, boolean scanner) {
            this.agentClass = agentClass;
            this.name = name;
            this.version = version;
            this.scanner = scanner;
        }
    }

    /** A {@code name/version} token; version is null unless it starts with a digit. */
    private static final class Product {
        final String name;
        final String lowerName;
        final String version;

        Product(String name, String version) {
            this.name = name;
            this.lowerName = name.toLowerCase(Locale.ROOT);
            this.version = version;
        }
    }

    private UserAgentClassifier() {
    }

    /** The agent described by {@code userAgent}, or null when there is nothing to read. */
    static Agent classify(String userAgent) {
        if (userAgent == null || userAgent.trim().isEmpty()) {
            return null;
        }
        String ua = userAgent.length() > MAX_SCAN ? userAgent.substring(0, MAX_SCAN) : userAgent;
        String lower = ua.toLowerCase(Locale.ROOT);
        List<Product> products = products(ua);
        for (String scanner : SCANNERS) {
            int at = wordStart(lower, scanner);
            if (at >= 0) {
                Product own = find(products, scanner);
                String name = own != null ? own.name : wordAround(ua, at);
                return new Agent(BOT, name, own != null ? own.version : null, true);
            }
        }
        for (Product p : products) {
            if (BOTS_WITHOUT_BOT_IN_NAME.contains(p.lowerName) || (isBotWord(p.lowerName)
                    && !p.lowerName.startsWith("cubot"))) {
                return new Agent(BOT, p.name, p.version, false);
            }
        }
        if (mentionsBot(lower)) {
            return new Agent(BOT, null, null, false);
        }
        for (Product p : products) {
            if (CLIS.contains(p.lowerName) || p.lowerName.endsWith("-cli")) {
                return new Agent(CLI, p.lowerName.endsWith("powershell") ? "PowerShell" : p.name, p.version, false);
            }
        }
        for (Product p : products) {
            if (SDKS.contains(p.lowerName) || p.lowerName.startsWith("aws-sdk") || p.lowerName.startsWith("azsdk")) {
                return new Agent(SDK, p.name, p.version, false);
            }
        }
        boolean mobile = false;
        for (String word : MOBILE_WORDS) {
            mobile |= lower.contains(word);
        }
        boolean mozilla = lower.startsWith("mozilla/") || lower.startsWith("opera/");
        if (mozilla) {
            // "Mozilla/5.0" names no browser; without a browser's own token the name stays unknown.
            Agent browser = browser(products, mobile);
            return browser != null ? browser : new Agent(mobile ? MOBILE : BROWSER, null, null, false);
        }
        Product first = products.isEmpty() ? null : products.get(0);
        String name = first != null ? first.name : null;
        String version = first != null ? first.version : null;
        return new Agent(mobile ? MOBILE : null, name, version, false);
    }

    /** A browser's own name and major.minor version, told apart by the tokens each adds to the Mozilla prefix. */
    private static Agent browser(List<Product> products, boolean mobile) {
        String agentClass = mobile ? MOBILE : BROWSER;
        String[][] order = {{"edg", "Edge"}, {"edga", "Edge"}, {"edgios", "Edge"}, {"opr", "Opera"},
                {"samsungbrowser", "Samsung Internet"}, {"firefox", "Firefox"}, {"fxios", "Firefox"},
                {"crios", "Chrome"}, {"chromium", "Chromium"}, {"chrome", "Chrome"}};
        for (String[] browser : order) {
            Product p = find(products, browser[0]);
            if (p != null && p.version != null) {
                String name = mobile && browser[1].equals("Chrome") ? "Chrome Mobile" : browser[1];
                return new Agent(agentClass, name, majorMinor(p.version), false);
            }
        }
        Product safari = find(products, "safari");
        Product version = find(products, "version");
        if (safari != null && version != null && version.version != null) {
            return new Agent(agentClass, mobile ? "Mobile Safari" : "Safari", majorMinor(version.version), false);
        }
        return null;
    }

    /** Every {@code name/version} token, in order; linear because names stop at the previous '/'. */
    private static List<Product> products(String ua) {
        List<Product> out = new ArrayList<>();
        int n = ua.length();
        for (int slash = ua.indexOf('/'); slash >= 0 && out.size() < 32; slash = ua.indexOf('/', slash + 1)) {
            int start = slash;
            while (start > 0 && isNameChar(ua.charAt(start - 1))) {
                start--;
            }
            if (start == slash || !Character.isLetter(ua.charAt(start))) {
                continue;
            }
            int end = slash + 1;
            while (end < n && end - slash <= MAX_VERSION && isVersionChar(ua.charAt(end))) {
                end++;
            }
            boolean version = end > slash + 1 && end - slash <= MAX_VERSION && Character.isDigit(ua.charAt(slash + 1))
                    && ua.charAt(slash + 1) < 128;
            out.add(new Product(ua.substring(start, slash), version ? trimDots(ua.substring(slash + 1, end)) : null));
        }
        return out;
    }

    private static Product find(List<Product> products, String lowerName) {
        for (Product p : products) {
            if (p.lowerName.equals(lowerName)) {
                return p;
            }
        }
        return null;
    }

    private static boolean isBotWord(String lowerName) {
        return lowerName.endsWith("bot") || lowerName.contains("bot-") || lowerName.contains("spider")
                || lowerName.contains("crawler");
    }

    /** "bot", "crawler" or "spider" as a word or a word's end ("+http://example.com/bot.html", "SomeBot;"). */
    private static boolean mentionsBot(String lower) {
        if (lower.contains("crawler") || lower.contains("spider")) {
            return true;
        }
        for (int at = lower.indexOf("bot"); at >= 0; at = lower.indexOf("bot", at + 1)) {
            int after = at + 3;
            boolean wordEnd = after == lower.length() || !Character.isLetter(lower.charAt(after));
            if (wordEnd && !lower.startsWith("cubot", Math.max(0, at - 2))) {
                return true;
            }
        }
        return false;
    }

    /** The first place {@code word} starts a word ("nmap" in "Nmap Scripting Engine", not in "unmapped"). */
    private static int wordStart(String lower, String word) {
        for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
            if (at == 0 || !Character.isLetter(lower.charAt(at - 1))) {
                return at;
            }
        }
        return -1;
    }

    private static String wordAround(String ua, int at) {
        int start = at;
        while (start > 0 && Character.isLetterOrDigit(ua.charAt(start - 1))) {
            start--;
        }
        int end = at;
        while (end < ua.length() && Character.isLetterOrDigit(ua.charAt(end))) {
            end++;
        }
        return ua.substring(start, end);
    }

    private static String majorMinor(String version) {
        int dot = version.indexOf('.');
        int second = dot < 0 ? -1 : version.indexOf('.', dot + 1);
        return second < 0 ? version : version.substring(0, second);
    }

    private static String trimDots(String version) {
        int end = version.length();
        while (end > 0 && !Character.isLetterOrDigit(version.charAt(end - 1))) {
            end--;
        }
        return version.substring(0, end);
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == '+' || c == '!';
    }

    private static boolean isVersionChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                || c == '_' || c == '+';
    }
}
