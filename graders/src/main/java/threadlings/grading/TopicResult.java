package threadlings.grading;

import java.util.List;
import java.util.Optional;

/**
 * One topic's verdict: its status, points and tests.
 *
 * @param topic    the manifest entry
 * @param status   {@code passed}, {@code failed}, {@code crashed}, {@code timed-out} or {@code not-run}
 * @param points   points earned
 * @param tests    every test that reported, in the order they ran
 * @param problem  for crashed, timed-out and not-run: what happened, in a sentence; else null
 * @param seconds  wall time of the topic's grading
 */
public record TopicResult(Manifest.Topic topic, String status, int points, List<TestResult> tests, String problem,
                          double seconds) {

    /** A topic that was not selected for this run. */
    public static TopicResult notRun(Manifest.Topic topic, String why) {
        return new TopicResult(topic, "not-run", 0, List.of(), why, 0);
    }

    /**
     * Scores a topic whose grader JVM finished: every graded test passed earns all the points; otherwise the
     * points are the passed share of the graded tests, rounded down, so any failure costs at least a point.
     */
    public static TopicResult scored(Manifest.Topic topic, List<TestResult> tests, double seconds) {
        long graded = tests.stream().filter(t -> t.graded() && !t.status().equals("skipped")).count();
        long passed = tests.stream().filter(t -> t.graded() && t.passed()).count();
        if (graded == 0) {
            return new TopicResult(topic, "not-run", 0, tests, "no grader test ran", seconds);
        }
        int points = (int) (topic.points() * passed / graded);
        return new TopicResult(topic, passed == graded ? "passed" : "failed", points, tests, null, seconds);
    }

    public boolean fullMarks() {
        return points == topic.points();
    }

    /** The first graded test that failed, if any. */
    public Optional<TestResult> firstFailure() {
        return tests.stream().filter(t -> t.graded() && t.failed()).findFirst();
    }

    public long count(String testStatus) {
        return tests.stream().filter(t -> t.graded() && t.status().equals(testStatus)).count();
    }
}
