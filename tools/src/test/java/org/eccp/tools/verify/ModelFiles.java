package org.eccp.tools.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates the repository files that the model-checking tests read. */
final class ModelFiles {
    private ModelFiles() {
    }

    /** Returns the repository root: the nearest directory above the working directory that contains the model. */
    static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("verification/eccp.pml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("verification/eccp.pml not found above " + Paths.get("").toAbsolutePath());
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
