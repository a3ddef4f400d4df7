package io.tapline.proxy.server;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeakDetectionTest {
    private static final String KEY = "io.netty.leakDetection.level";
    private final String property = System.getProperty(KEY);
    private final ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();

    @AfterEach
    void restore() {
        if (property == null) {
            System.clearProperty(KEY);
        } else {
            System.setProperty(KEY, property);
        }
        ResourceLeakDetector.setLevel(level);
    }

    @Test
    void offWhenNobodyAskedForIt() {
        System.clearProperty(KEY);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        ProxyServer.leakDetectionOffUnlessConfigured();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
    }

    @Test
    void keptWhenTheSystemPropertyAsksForIt() {
        System.setProperty(KEY, "paranoid");
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ProxyServer.leakDetectionOffUnlessConfigured();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }
}
