package io.tapline.enrich;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UserAgentClassifierTest {

    @ParameterizedTest(name = "{1} {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Safari/537.36 | browser | Chrome | 124.0",
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0 | browser | Firefox | 125.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15 | browser | Safari | 17.4",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80 | browser | Edge | 124.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1 | mobile | Mobile Safari | 17.4",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36 | mobile | Chrome Mobile | 124.0",
            "Dalvik/2.1.0 (Linux; U; Android 13; SM-S911B Build/TP1A.220624.014) | mobile | Dalvik | 2.1.0",
            "MyApp/1.2 CFNetwork/1410.0.3 Darwin/22.6.0 | mobile | MyApp | 1.2",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | bot | Googlebot | 2.1",
            "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html) | bot | Googlebot | 2.1",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) | bot | bingbot | 2.0",
            "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html) | bot | Baiduspider | 2.0",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php) | bot | facebookexternalhit | 1.1",
            "Mozilla/5.0 (compatible; my crawler) | bot | null | null",
            "curl/8.5.0 | cli | curl | 8.5.0",
            "Wget/1.21.4 | cli | Wget | 1.21.4",
            "HTTPie/3.2.2 | cli | HTTPie | 3.2.2",
            "Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.22621.2506 | cli | PowerShell | 5.1.22621.2506",
            "Hoody-CLI/1.4.0 (linux; x64) | cli | Hoody-CLI | 1.4.0",
            "aws-cli/2.15.0 Python/3.11.6 Linux/6.5 exe/x86_64 | cli | aws-cli | 2.15.0",
            "python-requests/2.31.0 | sdk | python-requests | 2.31.0",
            "okhttp/4.12.0 | sdk | okhttp | 4.12.0",
            "Go-http-client/1.1 | sdk | Go-http-client | 1.1",
            "Java-http-client/17.0.10 | sdk | Java-http-client | 17.0.10",
            "axios/1.6.8 | sdk | axios | 1.6.8",
            "node-fetch/1.0 (+https://github.com/bitinn/node-fetch) | sdk | node-fetch | 1.0",
            "aws-sdk-java/2.20.0 Linux/5.10 OpenJDK_64-Bit_Server_VM/17 Java/17.0.2 | sdk | aws-sdk-java | 2.20.0",
            "MyService/3.1 | null | MyService | 3.1",
            "Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 | mobile | Chrome Mobile | 120.0",
            "Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko | browser | null | null",
    })
    void classifiesAndNamesCommonClients(String ua, String agentClass, String name, String version) {
        UserAgentClassifier.Agent agent = UserAgentClassifier.classify(ua);
        assertThat(agent.agentClass).isEqualTo(agentClass);
        assertThat(agent.name).isEqualTo(name);
        assertThat(agent.version).isEqualTo(version);
        assertThat(agent.scanner).isFalse();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "sqlmap/1.7.2#stable (https://sqlmap.org) | sqlmap | 1.7.2",
            "Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:Port Check) | Nikto | 2.5.0",
            "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html) | Nmap | null",
            "masscan/1.3 (https://github.com/robertdavidgraham/masscan) | masscan | 1.3",
            "Mozilla/5.0 zgrab/0.x | zgrab | 0.x",
            "gobuster/3.6 | gobuster | 3.6",
            "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project) | DirBuster | null",
            "WPScan v3.8.25 (https://wpscan.com/wordpress-security-scanner) | WPScan | null",
            "Mozilla/5.0 (Windows NT 10.0) Nuclei - Open-source project (github.com/projectdiscovery/nuclei) | Nuclei | null",
            "Mozilla/5.0 (compatible; acunetix-wvs) | acunetix | null",
    })
    void flagsSecurityScannersAsBots(String ua, String name, String version) {
        UserAgentClassifier.Agent agent = UserAgentClassifier.classify(ua);
        assertThat(agent.agentClass).isEqualTo("bot");
        assertThat(agent.scanner).isTrue();
        assertThat(agent.name).isEqualTo(name);
        assertThat(agent.version).isEqualTo(version);
    }

    @Test
    void doesNotTakeWordsThatMerelyContainAScannerOrBotForOne() {
        assertThat(UserAgentClassifier.classify("UnmappedClient/1.0").scanner).isFalse();
        assertThat(UserAgentClassifier.classify("Bottle/0.12").agentClass).isNull();
    }

    @Test
    void readsNothingFromEmptyOrGarbageAgents() {
        assertThat(UserAgentClassifier.classify(null)).isNull();
        assertThat(UserAgentClassifier.classify("")).isNull();
        assertThat(UserAgentClassifier.classify("   ")).isNull();
        UserAgentClassifier.Agent garbage = UserAgentClassifier.classify("\uFFFD\uFFFD/\uFFFD ///// ;;; (((");
        assertThat(garbage.agentClass).isNull();
        assertThat(garbage.name).isNull();
        assertThat(garbage.version).isNull();
    }

    @Test
    void judgesAHugeAgentByItsStartInLinearTime() {
        String huge = "curl/8.5.0 " + "a/".repeat(500_000);
        assertThat(Timing.bestOfNanos(3, () -> UserAgentClassifier.classify(huge))).isLessThan(100_000_000L);
        assertThat(UserAgentClassifier.classify(huge).agentClass).isEqualTo("cli");
    }

    /** The remembered answers are the classifier's: many agents, each asked for several times, in any order. */
    @Test
    void remembersTheSameAnswerItWouldCompute() {
        java.util.List<String> agents = new java.util.ArrayList<>();
        String[] stems = {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Version/", "curl/", "python-requests/",
                "Mozilla/5.0 (compatible; Googlebot/", "sqlmap/", "MyApp/1.2 CFNetwork/", "Nmap ", "\uFFFD/", ""};
        for (int i = 0; i < 3000; i++) {
            agents.add(stems[i % stems.length] + (i % 700) + "." + (i % 13));
        }
        agents.add("x".repeat(600) + "/1.0"); // too long to remember
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 4; round++) {
            java.util.Collections.shuffle(agents, random);
            for (String ua : agents) {
                UserAgentClassifier.Agent expected = UserAgentClassifier.classifyUncached(ua);
                UserAgentClassifier.Agent actual = UserAgentClassifier.classify(new String(ua));
                assertThat(actual.agentClass).as(ua).isEqualTo(expected.agentClass);
                assertThat(actual.name).as(ua).isEqualTo(expected.name);
                assertThat(actual.version).as(ua).isEqualTo(expected.version);
                assertThat(actual.scanner).as(ua).isEqualTo(expected.scanner);
            }
        }
        assertThat(UserAgentClassifier.classify(" ")).isNull();
    }
}
