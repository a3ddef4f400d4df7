package io.tapline.embedded;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JUnit 5 extension that shares one real embedded Elasticsearch node per test JVM. Test classes annotated
 * with {@code @ExtendWith(EmbeddedElasticsearchExtension.class)} get the node (or its {@link URI}) injected
 * into constructors, lifecycle methods and tests; it starts on first use and stops when the JVM's tests end.
 */
public final class EmbeddedElasticsearchExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedElasticsearchExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        node(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedElasticsearch.class || type == URI.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EmbeddedElasticsearch node = node(context);
        return parameter.getParameter().getType() == URI.class ? node.httpUri() : node;
    }

    /** The shared node, started on first call. */
    public static EmbeddedElasticsearch node(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedNode.class, k -> SharedNode.start(), SharedNode.class).node;
    }

    private static final class SharedNode implements ExtensionContext.Store.CloseableResource {
        private final EmbeddedElasticsearch node;
        private final Path dir;

        private SharedNode(EmbeddedElasticsearch node, Path dir) {
            this.node = node;
            this.dir = dir;
        }

        static SharedNode start() {
            try {
                Path dir = Files.createTempDirectory("tapline-es-test");
                EmbeddedElasticsearch node = EmbeddedElasticsearch.builder().dataDir(dir).build().start();
                return new SharedNode(node, dir);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            node.close();
            Distribution.deleteTree(dir);
        }
    }
}
