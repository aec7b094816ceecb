package threadlings.grading.pr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The grading workflow a class gets cannot be steered by the pull request it grades. These are the properties of
 * the YAML itself that the tamper tests (which run the grading command, not GitHub) cannot see.
 */
class GradeWorkflowTest {

    static String workflow() throws IOException {
        Path root = Path.of(System.getProperty("threadlings.root", "..")).toAbsolutePath().normalize();
        return Files.readString(root.resolve("scripts/template/.github/workflows/grade.yml"), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a pull request runs the base branch's workflow file, never its own")
    void baseWorkflow() throws IOException {
        String yaml = workflow();
        // For pull_request GitHub takes the workflow file from the pull request: a student could rewrite it.
        assertTrue(Pattern.compile("(?m)^  pull_request_target:").matcher(yaml).find(), yaml);
        assertFalse(Pattern.compile("(?m)^  pull_request:").matcher(yaml).find(),
                "triggered by pull_request, the workflow would run as the student's branch has it");
    }

    @Test
    @DisplayName("the grading token is read-only, no secret is used and nothing is cached")
    void noWayOut() throws IOException {
        String yaml = workflow();
        assertTrue(Pattern.compile("(?m)^permissions:\\n  contents: read\\n(?!  )").matcher(yaml).find(),
                "the workflow's permissions must be exactly contents: read");
        assertFalse(yaml.contains("secrets."), "the student's code runs here: no secret may reach it");
        assertFalse(Pattern.compile("(?m)^\\s*cache:|actions/cache").matcher(yaml).find(),
                "a cache saved here belongs to the base branch, and the student's code could plant files in it");
        assertFalse(yaml.contains("persist-credentials: true"), "checkouts must not keep the token");
        assertTrue(yaml.split("persist-credentials: false", -1).length - 1
                        == yaml.split("uses: actions/checkout", -1).length - 1,
                "every checkout must drop the token (persist-credentials: false)");
    }
}
