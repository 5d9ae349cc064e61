package org.eccp.sim;

import java.util.List;

/**
 * The outcome of one named scenario.
 *
 * @param name the scenario's name
 * @param expected the outcome the scenario expects, in one sentence
 * @param passed whether the expectation held and no property was violated
 * @param story the key packets and state changes, one per line
 * @param checks each expectation checked, with its result
 * @param violations the broken properties
 * @param trace the full trace when requested, otherwise its last lines
 */
public record ScenarioResult(
    String name, String expected, boolean passed, List<String> story, List<String> checks,
    List<Violation> violations, List<String> trace) {}
