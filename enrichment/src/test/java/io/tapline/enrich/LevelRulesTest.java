package io.tapline.enrich;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LevelRulesTest {

    @ParameterizedTest(name = "status {0}, slow {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "200, false, info", "204, false, info", "301, false, info", "404, false, warn", "499, false, warn",
            "500, false, error", "503, true, error", "200, true, warn", "404, true, warn", "null, false, info",
            "null, true, warn", "101, false, info"
    })
    void gradesAnExchangeByStatusThenRaisesASlowOneToAtLeastWarn(Integer status, boolean slow, String level) {
        assertThat(LevelRules.forExchange(status, slow)).isEqualTo(level);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "WARN, warn", "warning, warn", "Warning, warn", "FATAL, critical", "CRITICAL, critical", "ERR, error",
            "error, error", "TRACE, debug", "debug, debug", "INFO, info", "NOTICE, info", "' info ', info",
            "verbose, null", "'', null", "null, null", "wa rn, null"
    })
    void spellsEveryLevelAliasCanonically(String name, String canonical) {
        assertThat(LevelRules.canonical(name)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "event given {0} -> {1}")
    @CsvSource(nullValues = "null", value = {"error, error", "WARNING, warn", "null, info", "nonsense, info"})
    void anEventKeepsItsLevelSpelledCanonicallyAndDefaultsToInfo(String given, String level) {
        assertThat(LevelRules.forEvent(given, null)).isEqualTo(level);
    }

    @ParameterizedTest(name = "status {0}: {1} / {2}")
    @CsvSource({
            "100, 1xx, informational", "200, 2xx, success", "302, 3xx, redirect", "404, 4xx, client_error",
            "599, 5xx, server_error"
    })
    void classifiesAStatusByItsHundred(int status, String statusClass, String outcome) {
        assertThat(RecordClass.statusClass(status)).isEqualTo(statusClass);
        assertThat(RecordClass.ofStatus(status)).isEqualTo(outcome);
    }

    @ParameterizedTest(name = "status value {0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "200, 200", "' 404 ', 404", "200.0, 200", "200.5, null", "abc, null", "99, null", "600, null",
            "-200, null", "'', null", "null, null"
    })
    void acceptsOnlyAnHttpStatusFrom100To599WhateverItsType(String value, Integer status) {
        assertThat(RecordClass.validStatus(value)).isEqualTo(status);
        if (status != null) {
            assertThat(RecordClass.validStatus(status.longValue())).isEqualTo(status);
            assertThat(RecordClass.validStatus(status.doubleValue())).isEqualTo(status);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"error, error_event", "critical, error_event", "warn, event", "info, event"})
    void anEventIsAnErrorEventFromLevelErrorUp(String level, String outcome) {
        assertThat(RecordClass.ofEvent(level)).isEqualTo(outcome);
    }
}
