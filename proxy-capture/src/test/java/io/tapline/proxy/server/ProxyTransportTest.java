package io.tapline.proxy.server;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxyTransportTest {

    /** Where the build ships the native library (Linux x86_64), it must load: else the proxy silently runs on NIO. */
    private static boolean nativeLibraryShipped() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").equals("Linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    @Test
    void choicesParseInAnyCaseAndAnythingElseIsNull() {
        assertThat(ProxyTransport.Choice.parse("auto")).isEqualTo(ProxyTransport.Choice.AUTO);
        assertThat(ProxyTransport.Choice.parse(" EPOLL ")).isEqualTo(ProxyTransport.Choice.EPOLL);
        assertThat(ProxyTransport.Choice.parse("Nio")).isEqualTo(ProxyTransport.Choice.NIO);
        assertThat(ProxyTransport.Choice.parse("io_uring")).isNull();
        assertThat(ProxyTransport.Choice.parse("")).isNull();
    }

    @Test
    void theEpollLibraryLoadsWithTheseNettyClassesWhereItIsShipped() {
        if (nativeLibraryShipped()) {
            assertThat(Epoll.isAvailable()).as("cause: %s", Epoll.unavailabilityCause()).isTrue();
        } else {
            assertThat(Epoll.isAvailable()).isFalse();
        }
    }

    @Test
    void autoTakesEpollWhenAvailableAndSaysWhyNotOtherwise() {
        ProxyTransport auto = ProxyTransport.select(ProxyTransport.Choice.AUTO);
        if (Epoll.isAvailable()) {
            assertThat(auto.name()).isEqualTo("epoll");
            assertThat(auto.socketChannel()).isEqualTo(EpollSocketChannel.class);
            assertThat(ProxyTransport.fallbackReason(ProxyTransport.Choice.AUTO, auto)).isNull();
        } else {
            assertThat(auto.name()).isEqualTo("nio");
            assertThat(ProxyTransport.fallbackReason(ProxyTransport.Choice.AUTO, auto)).isNotBlank();
        }
    }

    @Test
    void nioIsNioEvenWhereEpollRuns() {
        ProxyTransport nio = ProxyTransport.select(ProxyTransport.Choice.NIO);
        assertThat(nio.name()).isEqualTo("nio");
        assertThat(nio.socketChannel()).isEqualTo(NioSocketChannel.class);
        assertThat(ProxyTransport.fallbackReason(ProxyTransport.Choice.NIO, nio)).isNull();
    }

    @Test
    void epollIsEpollOrAStartErrorNamingTheVariable() {
        if (Epoll.isAvailable()) {
            assertThat(ProxyTransport.select(ProxyTransport.Choice.EPOLL).name()).isEqualTo("epoll");
        } else {
            assertThatThrownBy(() -> ProxyTransport.select(ProxyTransport.Choice.EPOLL))
                    .isInstanceOf(ProxyStartException.class)
                    .hasMessageStartingWith("TAPLINE_PROXY_TRANSPORT=epoll, but native epoll is not available: ");
        }
    }
}
