package org.eccp.tools.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs tools/verify-model: the model must pass with 5 migrations, and every bug variant must be caught.
 * Skipped when spin or gcc is not installed.
 */
class ModelCheckTest {
    private static final long TIMEOUT_MINUTES = 10;

    @BeforeAll
    static void requireSpin() {
        assumeTrue(ModelFiles.onPath("spin"), "spin is not installed (apt-get install spin)");
        assumeTrue(ModelFiles.onPath("gcc"), "gcc is not installed (apt-get install gcc)");
    }

    /**
     * Memory limit of the 5-migration checks. The progress check stores 33.9 million states in
     * 3,450 MB, so the limit leaves room for the model to grow. The checks run one at a time.
     */
    private static final String FIVE_MIGRATIONS_MB = "5000";

    @Test
    void modelPassesWithFiveMigrations() throws Exception {
        Result result = verifyModel("--migrations", "5", "--mem", FIVE_MIGRATIONS_MB);

        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.matches("(?s).*\\nsafety +states .* passed\\n.*"), result.output);
        assertTrue(result.output.matches("(?s).*\\nprogress +states .* passed\\n.*"), result.output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-rsyn-sent-rcvd", "implicit-ack", "no-version-check", "draft-table",
        "fin-sent-deaf", "close-in-syn-rcvd", "close-while-moving"})
    void variantIsCaught(String variant) throws Exception {
        Result result = verifyModel("--migrations", "2", "--mem", "4000", "--variant", variant);

        assertEquals(1, result.exitCode, result.output);
        assertTrue(result.output.contains("variant " + variant + ": spin found the bug"), result.output);
        assertTrue(result.output.contains("\n1. client -> server SYN"), "no packet sequence printed:\n" + result.output);
    }

    @Test
    void listVariantsNamesEveryVariant() throws Exception {
        Result result = verifyModel("--list-variants");

        assertEquals(0, result.exitCode, result.output);
        for (String variant : List.of("no-rsyn-sent-rcvd", "implicit-ack", "no-version-check", "draft-table",
                "fin-sent-deaf", "close-in-syn-rcvd", "close-while-moving")) {
            assertTrue(result.output.contains(variant), result.output);
        }
    }

    @Test
    void badArgumentExitsTwo() throws Exception {
        Result result = verifyModel("--migrations", "many");

        assertEquals(2, result.exitCode, result.output);
        assertTrue(result.output.contains("invalid --migrations 'many'"), result.output);
    }

    @Test
    void unknownVariantExitsTwo() throws Exception {
        Result result = verifyModel("--variant", "nonesuch");

        assertEquals(2, result.exitCode, result.output);
        assertTrue(result.output.contains("unknown variant 'nonesuch'"), result.output);
    }

    private static Result verifyModel(String... args) throws IOException, InterruptedException {
        Path root = ModelFiles.repositoryRoot();
        List<String> command = new ArrayList<>();
        command.add(root.resolve("tools/verify-model").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("tools/verify-model " + String.join(" ", args) + " timed out");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
