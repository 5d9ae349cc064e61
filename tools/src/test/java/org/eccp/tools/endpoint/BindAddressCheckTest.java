package org.eccp.tools.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BindAddressCheckTest {
  @Test
  void missingBindAddresses_listsOnlyAbsentOnes() throws Exception {
    // 127.0.0.1 is on lo; 198.19.254.253 is in the lab range but on no interface of this host.
    List<String> missing = StackOptions.missingBindAddresses(
        List.of("127.0.0.1", "198.19.254.253"));
    assertEquals(List.of("198.19.254.253"), missing);
  }
}
