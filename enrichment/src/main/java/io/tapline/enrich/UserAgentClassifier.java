package io.tapline.enrich;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    private static final String[] MOBILE_WORDS = {"iphone", "ipad", "ipod", "android", "mobile safari", "dalvik",
            "cfnetwork"};
    /** Browser tokens in the order they are told apart: Edge and Opera also carry Chrome's token, and so on. */
    private static final String[][] BROWSERS = {{"edg", "Edge"}, {"edga", "Edge"}, {"edgios", "Edge"},
            {"opr", "Opera"}, {"samsungbrowser", "Samsung Internet"}, {"firefox", "Firefox"}, {"fxios", "Firefox"},
            {"crios", "Chrome"}, {"chromium", "Chromium"}, {"chrome", "Chrome"}};
    private static final int SAFARI = BROWSERS.length;
    private static final int VERSION = BROWSERS.length + 1;

    /** What a lower-case product name is known to be: a bot, cli or sdk class, or a browser slot. */
    private static final KnownNames KNOWN_NAMES = new KnownNames(knownNames());

    private static Map<String, Object> knownNames() {
        Map<String, Object> names = new HashMap<>();
        for (String bot : List.of("slurp", "facebookexternalhit", "headlesschrome", "phantomjs", "pingdom",
                "ia_archiver", "lighthouse")) {
            names.put(bot, BOT);
        }
        for (String cli : List.of("curl", "wget", "httpie", "powershell", "windowspowershell", "postmanruntime",
                "insomnia", "xh", "aria2")) {
            names.put(cli, CLI);
        }
        for (String sdk : List.of("python-requests", "python-urllib", "python-httpx", "httpx", "aiohttp", "urllib3",
                "okhttp", "go-http-client", "java-http-client", "java", "apache-httpclient", "axios", "node-fetch",
                "undici", "node", "got", "ruby", "faraday", "dart", "libwww-perl", "guzzlehttp", "restsharp",
                "jersey", "reactor-netty", "vert.x-webclient", "pycurl", "libcurl", "grpc-java", "grpc-go",
                "grpc-python", "grpc-node")) {
            names.put(sdk, SDK);
        }
        for (int slot = 0; slot < BROWSERS.length; slot++) {
            names.put(BROWSERS[slot][0], slot);
        }
        names.put("safari", SAFARI);
        names.put("version", VERSION);
        return names;
    }

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

    /**
     * A {@code name/version} token, read where it stands in the agent: its name and version are cut out only for
     * the one product an {@link Agent} is made of. The version is null unless it starts with a digit.
     */
    private static final class Product {
        private final String ua;
        private final int start;
        private final int slash;
        private final int versionEnd;
        /** Lower-case text holding the lower-cased name at {@code [nameFrom, nameTo)}. */
        private final String lowerText;
        private final int nameFrom;
        private final int nameTo;
        /** {@link #BOT}, {@link #CLI} or {@link #SDK} by the name's own rules, else null. */
        final String nameClass;
        /** Its slot in {@link #BROWSERS}, or {@link #SAFARI} or {@link #VERSION}; -1 for any other name. */
        final int browserSlot;

        /** The name is {@code ua[start, slash)}, the version {@code ua[slash + 1, versionEnd)} (none if -1). */
        Product(String ua, String lowerUa, int start, int slash, int versionEnd) {
            this.ua = ua;
            this.start = start;
            this.slash = slash;
            this.versionEnd = versionEnd;
            // Names are ASCII, so the lower-cased agent has them at the same place unless lower-casing changed
            // its length (U+0130 becomes two chars); then the name is lower-cased on its own.
            boolean aligned = lowerUa.length() == ua.length();
            this.lowerText = aligned ? lowerUa : ua.substring(start, slash).toLowerCase(Locale.ROOT);
            this.nameFrom = aligned ? start : 0;
            this.nameTo = aligned ? slash : lowerText.length();
            Object known = KNOWN_NAMES.get(lowerText, nameFrom, nameTo);
            this.browserSlot = known instanceof Integer ? (Integer) known : -1;
            // No browser token is a bot, cli or sdk by the rules either.
            this.nameClass = known instanceof String ? (String) known : known == null ? classByRule() : null;
        }

        String name() {
            return ua.substring(start, slash);
        }

        boolean hasVersion() {
            return versionEnd >= 0;
        }

        String version() {
            return versionEnd < 0 ? null : trimDots(ua.substring(slash + 1, versionEnd));
        }

        /** Whether the lower-cased name is {@code word}. */
        boolean nameIs(String word) {
            return nameTo - nameFrom == word.length() && lowerText.startsWith(word, nameFrom);
        }

        boolean nameEndsWith(String word) {
            return nameTo - nameFrom >= word.length() && lowerText.startsWith(word, nameTo - word.length());
        }

        private boolean nameStartsWith(String word) {
            return nameTo - nameFrom >= word.length() && lowerText.startsWith(word, nameFrom);
        }

        private boolean nameContains(String word) {
            int at = lowerText.indexOf(word, nameFrom);
            return at >= 0 && at + word.length() <= nameTo;
        }

        private String classByRule() {
            boolean botWord = nameEndsWith("bot") || nameContains("bot-") || nameContains("spider")
                    || nameContains("crawler");
            if (botWord && !nameStartsWith("cubot")) {
                return BOT;
            }
            if (nameEndsWith("-cli")) {
                return CLI;
            }
            return nameStartsWith("aws-sdk") || nameStartsWith("azsdk") ? SDK : null;
        }
    }

    /** Lower-case ASCII names and what each is, looked up by where a name stands in a text, without cutting it out. */
    private static final class KnownNames {
        /** The names and their values, filed by the names' length. */
        private final String[][] names;
        private final Object[][] values;

        KnownNames(Map<String, Object> known) {
            int longest = known.keySet().stream().mapToInt(String::length).max().orElse(0);
            names = new String[longest + 1][0];
            values = new Object[longest + 1][0];
            known.forEach((name, value) -> {
                int length = name.length();
                names[length] = Arrays.copyOf(names[length], names[length].length + 1);
                values[length] = Arrays.copyOf(values[length], values[length].length + 1);
                names[length][names[length].length - 1] = name;
                values[length][values[length].length - 1] = value;
            });
        }

        /** The value of the name that {@code text[from, to)} is, or null. */
        Object get(String text, int from, int to) {
            int length = to - from;
            if (length >= names.length) {
                return null;
            }
            String[] candidates = names[length];
            for (int i = 0; i < candidates.length; i++) {
                if (text.startsWith(candidates[i], from)) {
                    return values[length][i];
                }
            }
            return null;
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
        List<Product> products = products(ua, lower);
        Agent scanner = scanner(ua, lower, products);
        if (scanner != null) {
            return scanner;
        }
        // The first product of each class; a bot outranks a cli, which outranks an sdk.
        Product bot = null;
        Product cli = null;
        Product sdk = null;
        for (Product p : products) {
            if (BOT.equals(p.nameClass) && bot == null) {
                bot = p;
            } else if (CLI.equals(p.nameClass) && cli == null) {
                cli = p;
            } else if (SDK.equals(p.nameClass) && sdk == null) {
                sdk = p;
            }
        }
        if (bot != null) {
            return new Agent(BOT, bot.name(), bot.version(), false);
        }
        if (mentionsBot(lower)) {
            return new Agent(BOT, null, null, false);
        }
        if (cli != null) {
            String name = cli.nameEndsWith("powershell") ? "PowerShell" : cli.name();
            return new Agent(CLI, name, cli.version(), false);
        }
        if (sdk != null) {
            return new Agent(SDK, sdk.name(), sdk.version(), false);
        }
        boolean mobile = false;
        for (int i = 0; i < MOBILE_WORDS.length && !mobile; i++) {
            mobile = lower.contains(MOBILE_WORDS[i]);
        }
        boolean mozilla = lower.startsWith("mozilla/") || lower.startsWith("opera/");
        if (mozilla) {
            // "Mozilla/5.0" names no browser; without a browser's own token the name stays unknown.
            Agent browser = browser(products, mobile);
            return browser != null ? browser : new Agent(mobile ? MOBILE : BROWSER, null, null, false);
        }
        Product first = products.isEmpty() ? null : products.get(0);
        String name = first != null ? first.name() : null;
        String version = first != null ? first.version() : null;
        return new Agent(mobile ? MOBILE : null, name, version, false);
    }

    /** The first scanner of {@link #SCANNERS} named at the start of a word, as a bot; null when there is none. */
    private static Agent scanner(String ua, String lower, List<Product> products) {
        for (String scanner : SCANNERS) {
            int at = wordStart(lower, scanner);
            if (at >= 0) {
                Product own = find(products, scanner);
                String name = own != null ? own.name() : wordAround(ua, at);
                return new Agent(BOT, name, own != null ? own.version() : null, true);
            }
        }
        return null;
    }

    /**
     * A browser's own name and major.minor version, told apart by the tokens each adds to the Mozilla prefix: the
     * first browser of {@link #BROWSERS} whose first token carries a version.
     */
    private static Agent browser(List<Product> products, boolean mobile) {
        String agentClass = mobile ? MOBILE : BROWSER;
        Product[] firstBySlot = new Product[VERSION + 1];
        for (Product p : products) {
            if (p.browserSlot >= 0 && firstBySlot[p.browserSlot] == null) {
                firstBySlot[p.browserSlot] = p;
            }
        }
        for (int slot = 0; slot < BROWSERS.length; slot++) {
            Product p = firstBySlot[slot];
            if (p != null && p.hasVersion()) {
                String name = mobile && BROWSERS[slot][1].equals("Chrome") ? "Chrome Mobile" : BROWSERS[slot][1];
                return new Agent(agentClass, name, majorMinor(p.version()), false);
            }
        }
        Product safari = firstBySlot[SAFARI];
        Product version = firstBySlot[VERSION];
        if (safari != null && version != null && version.hasVersion()) {
            return new Agent(agentClass, mobile ? "Mobile Safari" : "Safari", majorMinor(version.version()), false);
        }
        return null;
    }

    /** Every {@code name/version} token, in order; linear because names stop at the previous '/'. */
    private static List<Product> products(String ua, String lower) {
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
            out.add(new Product(ua, lower, start, slash, version ? end : -1));
        }
        return out;
    }

    private static Product find(List<Product> products, String lowerName) {
        for (Product p : products) {
            if (p.nameIs(lowerName)) {
                return p;
            }
        }
        return null;
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
