package dev.streamlab;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which address a lab bound to an address is reached at. */
class HostsTest {

    @Test
    void aSpecificBindAddressIsReachedAtItself() {
        assertEquals("127.0.0.1", Hosts.reachable("127.0.0.1"));
        assertEquals("::1", Hosts.reachable("[::1]"));
    }

    @Test
    void aWildcardIsReachedAtAnAddressThatIsNotLoopbackWhenTheMachineHasOne() throws Exception {
        String reachable = Hosts.reachable("0.0.0.0");

        assertFalse(Hosts.isWildcard(reachable));
        boolean machineHasANetworkAddress = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
                .stream().anyMatch(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback() && nic.getInetAddresses().hasMoreElements();
                    } catch (java.net.SocketException e) {
                        return false;
                    }
                });
        if (machineHasANetworkAddress) {
            assertFalse(InetAddress.getByName(reachable).isLoopbackAddress(), reachable + " sends clients back to themselves");
        }
    }

    @Test
    void loopbackIsTheLoopbackAddressesAndLocalhostOnly() {
        assertTrue(Hosts.isLoopback("127.0.0.1"));
        assertTrue(Hosts.isLoopback("localhost"));
        assertTrue(Hosts.isLoopback("::1"));
        assertFalse(Hosts.isLoopback("0.0.0.0"));
    }

    @Test
    void anIpv6AddressIsBracketedBeforeItsPort() {
        assertEquals("[fd00::2]:9092", Hosts.hostPort("fd00::2", 9092));
        assertEquals("lab.school.example:9092", Hosts.hostPort("lab.school.example", 9092));
    }
}
