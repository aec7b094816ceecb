package threadlings.grading.pr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What grading one pull request found: per topic its points and tests (from the harness's report), the paths
 * changed outside the student files, the student files not used, and why nothing could be graded, if so.
 */
final class Verdict {

    /** One grader test. */
    record Test(String name, String group, String status, String message, String stack, boolean graded) {
        boolean failed() {
            return status.equals("failed");
        }
    }

    /** One graded topic. */
    record Topic(String id, int number, String title, String hint, int points, int max, String status,
                 String problem, List<Test> tests, double seconds) {

        String label() {
            return String.format("%02d %s", number, id);
        }

        List<Test> graded() {
            return tests.stream().filter(t -> t.graded() && !t.status().equals("skipped")).toList();
        }

        List<Test> failures() {
            return tests.stream().filter(t -> t.graded() && t.failed()).toList();
        }
    }

    /** A compiler error, located in the work tree (a path relative to it). */
    record CompileError(String path, int line, int column, String message) {
    }

    String base;
    String head;
    String student;
    /** Student file path to its topic id, for every topic of the manifest. */
    Map<String, String> studentPaths = Map.of();
    /** The selected topics, graded or not (an error leaves them at 0). */
    List<Topic> topics = new ArrayList<>();
    List<String> protectedPaths = new ArrayList<>();
    List<StudentFiles.Refusal> refusals = new ArrayList<>();
    List<CompileError> compileErrors = new ArrayList<>();
    /** Null, or why the code earned nothing as a whole (it does not compile, the report was tampered with…). */
    String error;
    /** True when the error is the grading's own failure (git, Maven, time), not the student's code. */
    boolean infrastructure;
    /** Wall time spent preparing the work tree, and in the Maven run. */
    double prepareSeconds;
    double buildSeconds;

    int points() {
        return error == null ? topics.stream().mapToInt(Topic::points).sum() : 0;
    }

    int max() {
        return topics.stream().mapToInt(Topic::max).sum();
    }

    /** The student files of a topic, in the manifest's order. */
    List<String> filesOf(String topicId) {
        return studentPaths.entrySet().stream().filter(e -> e.getValue().equals(topicId)).map(Map.Entry::getKey)
                .toList();
    }

    /** True when a student file of the topic was refused, so the starter file was graded in its place. */
    boolean refused(String topicId) {
        return refusals.stream().anyMatch(r -> r.topic().equals(topicId));
    }

    /** The student file of a topic (its first, when it has several); null if none. */
    String fileOf(String topicId) {
        return studentPaths.entrySet().stream().filter(e -> e.getValue().equals(topicId)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }
}
