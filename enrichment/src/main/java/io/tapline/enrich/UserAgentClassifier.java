package io.tapline.enrich;

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
    
    private static final String[] SCANNERS = {"sqlmap", "nikto", "nmap", "masscan", "zgrab", "gobuster",
            "dirbuster", "wpscan", "nuclei", "acunetix"};
    private static final String[] MOBILE_WORDS = {"iphone", "ipad", "ipod", "android", "mobile safari", "dalvik",
            "cfnetwork"};
    private static final String[] BOT_WORDS = {"crawler", "spider", "bot"};
    /** Every word the agent is searched for: the scanners first, then the bot words, then the mobile words. */
    private static final WordTable WORDS = new WordTable(concat(SCANNERS, BOT_WORDS, MOBILE_WORDS));
    private static final int FIRST_BOT_WORD = SCANNERS.length;
    private static final int THE_WORD_BOT = SCANNERS.length + 2;
    private static final int FIRST_MOBILE_WORD = SCANNERS.length + BOT_WORDS.length;
    /** Browser tokens in the order they are told apart: Edge and Opera also carry Chrome's token, and so on. */
    private static final String[][] BROWSERS = {{"edg", "Edge"}, {"edga", "Edge"}, {"edgios", "Edge"},
            {"opr", "Opera"}, {"samsungbrowser", "Samsung Internet"}, {"firefox", "Firefox"}, {"fxios", "Firefox"},
            {"crios", "Chrome"}, {"chromium", "Chromium"}, {"chrome", "Chrome"}};
    private static final int SAFARI = BROWSERS.length;
    private static final int VERSION = BROWSERS.length + 1;

    /** What a lower-case product name is known to be: a bot, cli or sdk class, or a browser slot. */
    private static final ProductToken.KnownNames KNOWN_NAMES = new ProductToken.KnownNames(knownNames());

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

    private UserAgentClassifier() {
    }

    /**
     * The agents classified lately. A service sees the same few user agents over and over, and classifying one
     * costs more than the rest of a record's enrichment together; an {@link Agent} is immutable.
     */
    private static final RecentResults<Agent> RECENT = new RecentResults<>(512, 512,
            UserAgentClassifier::classifyUncached);

    /** The agent described by {@code userAgent}, or null when there is nothing to read. */
    static Agent classify(String userAgent) {
        return userAgent == null ? null : RECENT.get(userAgent);
    }

    /** {@link #classify} without looking for an earlier result. */
    static Agent classifyUncached(String userAgent) {
        if (userAgent == null || userAgent.trim().isEmpty()) {
            return null;
        }
        String ua = userAgent.length() > MAX_SCAN ? userAgent.substring(0, MAX_SCAN) : userAgent;
        String lower = ua.toLowerCase(Locale.ROOT);
        List<ProductToken> products = ProductToken.parse(ua, lower, KNOWN_NAMES);
        Mentions mentions = new Mentions(lower);
        Agent scanner = scanner(ua, mentions, products);
        if (scanner != null) {
            return scanner;
        }
        // The first product of each class; a bot outranks a cli, which outranks an sdk.
        ProductToken bot = null;
        ProductToken cli = null;
        ProductToken sdk = null;
        for (ProductToken p : products) {
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
        if (mentions.bot) {
            return new Agent(BOT, null, null, false);
        }
        if (cli != null) {
            String name = cli.nameEndsWith("powershell") ? "PowerShell" : cli.name();
            return new Agent(CLI, name, cli.version(), false);
        }
        if (sdk != null) {
            return new Agent(SDK, sdk.name(), sdk.version(), false);
        }
        boolean mobile = mentions.mobile;
        boolean mozilla = lower.startsWith("mozilla/") || lower.startsWith("opera/");
        if (mozilla) {
            // "Mozilla/5.0" names no browser; without a browser's own token the name stays unknown.
            Agent browser = browser(products, mobile);
            return browser != null ? browser : new Agent(mobile ? MOBILE : BROWSER, null, null, false);
        }
        ProductToken first = products.isEmpty() ? null : products.get(0);
        String name = first != null ? first.name() : null;
        String version = first != null ? first.version() : null;
        return new Agent(mobile ? MOBILE : null, name, version, false);
    }

    /** The first scanner of {@link #SCANNERS} named at the start of a word, as a bot; null when there is none. */
    private static Agent scanner(String ua, Mentions mentions, List<ProductToken> products) {
        for (int s = 0; s < SCANNERS.length; s++) {
            int at = mentions.scannerAt[s];
            if (at >= 0) {
                ProductToken own = find(products, SCANNERS[s]);
                String name = own != null ? own.name() : wordAround(ua, at);
                return new Agent(BOT, name, own != null ? own.version() : null, true);
            }
        }
        return null;
    }

    /** What the words of the lower-cased agent say, read in one pass over it. */
    private static final class Mentions {
        /** Where each scanner is first named at the start of a word ("Nmap Scripting", not "unmapped"), or -1. */
        final int[] scannerAt = new int[SCANNERS.length];
        /** "bot", "crawler" or "spider" as a word or a word's end ("+http://example.com/bot.html", "SomeBot;"). */
        boolean bot;
        boolean mobile;

        Mentions(String lower) {
            Arrays.fill(scannerAt, -1);
            for (int i = 0; i + 1 < lower.length(); i++) {
                int[] starting = WORDS.startingWith(lower.charAt(i), lower.charAt(i + 1));
                if (starting != null) {
                    for (int word : starting) {
                        if (WORDS.matchesAt(lower, i, word)) {
                            found(lower, word, i);
                        }
                    }
                }
            }
        }

        private void found(String lower, int word, int at) {
            if (word < FIRST_BOT_WORD) {
                if (scannerAt[word] < 0 && (at == 0 || !Character.isLetter(lower.charAt(at - 1)))) {
                    scannerAt[word] = at;
                }
            } else if (word < FIRST_MOBILE_WORD) {
                bot |= word != THE_WORD_BOT || botWordEnds(lower, at);
            } else {
                mobile = true;
            }
        }

        private static boolean botWordEnds(String lower, int at) {
            int after = at + 3;
            boolean wordEnd = after == lower.length() || !Character.isLetter(lower.charAt(after));
            return wordEnd && !lower.startsWith("cubot", Math.max(0, at - 2));
        }
    }

    /**
     * A browser's own name and major.minor version, told apart by the tokens each adds to the Mozilla prefix: the
     * first browser of {@link #BROWSERS} whose first token carries a version.
     */
    private static Agent browser(List<ProductToken> products, boolean mobile) {
        String agentClass = mobile ? MOBILE : BROWSER;
        ProductToken[] firstBySlot = new ProductToken[VERSION + 1];
        for (ProductToken p : products) {
            if (p.browserSlot >= 0 && firstBySlot[p.browserSlot] == null) {
                firstBySlot[p.browserSlot] = p;
            }
        }
        for (int slot = 0; slot < BROWSERS.length; slot++) {
            ProductToken p = firstBySlot[slot];
            if (p != null && p.hasVersion()) {
                String name = mobile && BROWSERS[slot][1].equals("Chrome") ? "Chrome Mobile" : BROWSERS[slot][1];
                return new Agent(agentClass, name, majorMinor(p.version()), false);
            }
        }
        ProductToken safari = firstBySlot[SAFARI];
        ProductToken version = firstBySlot[VERSION];
        if (safari != null && version != null && version.hasVersion()) {
            return new Agent(agentClass, mobile ? "Mobile Safari" : "Safari", majorMinor(version.version()), false);
        }
        return null;
    }

    private static String[] concat(String[]... groups) {
        return Arrays.stream(groups).flatMap(Arrays::stream).toArray(String[]::new);
    }

    private static ProductToken find(List<ProductToken> products, String lowerName) {
        for (ProductToken p : products) {
            if (p.nameIs(lowerName)) {
                return p;
            }
        }
        return null;
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
}
