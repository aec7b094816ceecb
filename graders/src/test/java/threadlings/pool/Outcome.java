package threadlings.pool;

import static threadlings.grading.Lang.say;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** How a submitted task's future ended: a result, a failure, or nothing yet when the grader stopped waiting. */
record Outcome(String value, Throwable failure, boolean pending) {

    /** Waits for {@code future} until {@code deadline} (a {@link System#nanoTime()} value). */
    static Outcome await(CompletableFuture<String> future, long deadline) throws InterruptedException {
        try {
            return new Outcome(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), null,
                    false);
        } catch (ExecutionException e) {
            return new Outcome(null, e.getCause(), false);
        } catch (TimeoutException e) {
            return new Outcome(null, null, true);
        } catch (java.util.concurrent.CancellationException e) {
            return new Outcome(null, e, false);
        }
    }

    /** Waits for every future, all within {@code limit} in total. */
    static List<Outcome> awaitAll(List<CompletableFuture<String>> futures, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<String> f : futures) {
            outcomes.add(await(f, deadline));
        }
        return outcomes;
    }

    /** What is there now, without waiting. */
    static Outcome now(CompletableFuture<String> future) throws InterruptedException {
        if (!future.isDone()) {
            return new Outcome(null, null, true);
        }
        return await(future, System.nanoTime());
    }

    boolean succeeded() {
        return !pending && failure == null;
    }

    /** "returned \"…\"", "failed with …", or "had not completed", for messages. */
    String describe() {
        if (pending) {
            return say("had not completed", "尚未完成");
        }
        if (failure != null) {
            return say("failed with " + failure, "以 " + failure + " 失败了");
        }
        String shown = Texts.shorten(value);
        return say("returned \"" + shown + "\"", "返回了 \"" + shown + "\"");
    }
}
