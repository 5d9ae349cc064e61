package org.eccp.tools.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps verification/eccp.pml and docs/protocol.md in step: the model declares exactly the flow states
 * and packet types that the document's tables name. The model spells "SYN-ACK" as SYN_ACK.
 */
class ModelDocSyncTest {
    private static final Pattern NAME = Pattern.compile("\\b[A-Z][A-Z_]*[A-Z]\\b");

    private static Set<String> modelStates;
    private static Set<String> modelPackets;
    private static Set<String> docStates;
    private static Set<String> docPackets;

    @BeforeAll
    static void readBoth() throws IOException {
        String model = Files.readString(ModelFiles.repositoryRoot().resolve("verification/eccp.pml"));
        String doc = Files.readString(ModelFiles.repositoryRoot().resolve("docs/protocol.md"));

        Matcher mtype = Pattern.compile("(?s)mtype = \\{(.*?)\\};").matcher(model);
        if (!mtype.find()) {
            throw new AssertionError("no mtype declaration in verification/eccp.pml");
        }
        String[] parts = mtype.group(1).split("/\\* packet types");
        modelStates = names(parts[0].replaceAll("/\\*.*?\\*/", ""));
        modelPackets = names(parts[1].replaceAll("^.*?\\*/", ""));

        docStates = new TreeSet<>();
        List<List<String>> transitions = tableRows(doc, "### Flow transitions");
        int next = transitions.get(0).indexOf("Next state");
        if (next < 0) {
            throw new AssertionError("no 'Next state' column in the flow transitions table");
        }
        for (List<String> row : transitions.subList(1, transitions.size())) {
            docStates.addAll(names(row.get(0)));
            docStates.addAll(names(row.get(next)));
        }
        docPackets = new TreeSet<>();
        List<List<String>> types = tableRows(doc, "### Packet types");
        for (List<String> row : types.subList(1, types.size())) {
            docPackets.add(row.get(0).replace('-', '_'));
        }
    }

    @Test
    void statesMatch() {
        assertFalse(docStates.isEmpty(), "no states found in docs/protocol.md");
        assertEquals(docStates, modelStates);
    }

    @Test
    void packetTypesMatch() {
        assertFalse(docPackets.isEmpty(), "no packet types found in docs/protocol.md");
        assertEquals(docPackets, modelPackets);
    }

    private static Set<String> names(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = NAME.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    /** Returns the cells of the first Markdown table after the heading: the header row, then the body rows. */
    private static List<List<String>> tableRows(String doc, String heading) {
        int start = doc.indexOf(heading);
        if (start < 0) {
            throw new AssertionError("heading '" + heading + "' not found in docs/protocol.md");
        }
        List<List<String>> rows = new java.util.ArrayList<>();
        boolean inTable = false;
        for (String line : doc.substring(start).split("\n")) {
            if (line.startsWith("|")) {
                inTable = true;
                List<String> cells = List.of(line.substring(1, line.lastIndexOf('|')).split("\\|"))
                    .stream().map(String::trim).toList();
                rows.add(cells);
            } else if (inTable) {
                break;
            }
        }
        if (rows.size() < 2) {
            throw new AssertionError("no table after '" + heading + "' in docs/protocol.md");
        }
        rows.remove(1);
        return rows;
    }
}
