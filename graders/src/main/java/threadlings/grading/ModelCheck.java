package threadlings.grading;

import static threadlings.grading.Lang.say;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * Lincheck model checking, bounded so that it answers in seconds, with failures a student can read.
 *
 * <p>A model check runs a few operations on two threads and explores their interleavings one by one, switching
 * threads at every access to shared memory and every lock; when an interleaving gives results that no sequential
 * order of the same operations could give (or leaves threads waiting forever), it prints that interleaving. That
 * finds a race every time it is reachable within the bounds, where a stress test finds it only by luck.
 *
 * <p>Lincheck's own defaults explore for minutes (344 s for a two-method counter, measured here); {@link #options()}
 * holds the bounds every topic uses. A failure keeps Lincheck's whole report (the scenario, the results and the
 * step-by-step interleaving): {@link #verify} only adds a hint before and after it, never replaces it.
 *
 * <p>Lincheck tests cannot run in parallel inside one JVM; the graders run them one after another.
 */
public final class ModelCheck {

    // Measured here (2 cores, JDK 17) on the lock topic's Balance, four operations over a ReentrantLock: these
    // bounds take about 2 s on an idle machine, 6 to 8 s with both cores busy; each check also pays about 1 s to
    // install Lincheck's instrumentation (3 s for the first check in a JVM). Lincheck's own defaults (100 scenarios,
    // 10,000 interleavings each) ran for minutes. Raise a bound only with a measurement.

    /** Random scenarios to generate (custom scenarios run first, on top of these). */
    public static final int ITERATIONS = 10;
    /** Interleavings explored per scenario, at most (fewer when a small scenario has fewer). */
    public static final int INVOCATIONS_PER_ITERATION = 200;
    /** Threads in the parallel part of a scenario. */
    public static final int THREADS = 2;
    /** Operations per thread in the parallel part. */
    public static final int ACTORS_PER_THREAD = 3;
    /** Operations run on one thread before the parallel part, to reach states such as "some money". */
    public static final int ACTORS_BEFORE = 2;
    /** Operations run on one thread after the parallel part, to look at the state it left. */
    public static final int ACTORS_AFTER = 1;

    private ModelCheck() {
    }

    /** What went wrong in a model check, read from Lincheck's report. */
    public enum Kind {
        /** Some interleaving gave results that no sequential order of the same operations gives. */
        WRONG_RESULTS,
        /** Some interleaving left threads waiting forever (a deadlock, a lock never released) or looping forever. */
        HANG,
        /** An operation threw something the sequential model does not throw. */
        UNEXPECTED_EXCEPTION,
        /** Anything else (Lincheck could not run the test, say). */
        OTHER;

        /** The kind of failure, from the headline Lincheck 3.x puts above its report ("= ... ="). */
        public static Kind of(String report) {
            if (report.contains("= The execution has hung") || report.contains("= Concurrent test has hung")) {
                return HANG;
            }
            if (report.contains("= Invalid execution results =")) {
                return WRONG_RESULTS;
            }
            if (report.contains("= The execution failed with an unexpected exception =")) {
                return UNEXPECTED_EXCEPTION;
            }
            return OTHER;
        }
    }

    /** How to explain a failure to the student, by its kind. */
    @FunctionalInterface
    public interface Hint {
        /** One or a few sentences naming the likely mistake; {@code null} or blank for no hint. */
        String explain(Kind kind);

        /** The same hint whatever went wrong. */
        static Hint always(String text) {
            return kind -> text;
        }
    }

    /**
     * The kit's bounded model-checking options: {@link #ITERATIONS} random scenarios of {@link #THREADS} threads
     * with {@link #ACTORS_PER_THREAD} operations each, at most {@link #INVOCATIONS_PER_ITERATION} interleavings per
     * scenario. Add a {@code sequentialSpecification}, custom scenarios ({@link #scenario}) or tighter bounds as
     * the topic needs; each call returns fresh options.
     */
    public static ModelCheckingOptions options() {
        return new ModelCheckingOptions()
                .iterations(ITERATIONS)
                .invocationsPerIteration(INVOCATIONS_PER_ITERATION)
                .threads(THREADS)
                .actorsPerThread(ACTORS_PER_THREAD)
                .actorsBefore(ACTORS_BEFORE)
                .actorsAfter(ACTORS_AFTER);
    }

    /**
     * Attaches Lincheck's agent and loads its classes, with a model check of nothing: call it from {@code @BeforeAll}
     * in a class of model-check tests, so that the first test does not pay for it (3 s here, 10 s and more with both
     * cores busy) inside its own time limit. Only the first call in a JVM does anything.
     */
    public static void warmUp() {
        if (warm) {
            return;
        }
        new ModelCheckingOptions().iterations(0).invocationsPerIteration(1)
                .addCustomScenario(scenario(Nothing.class).thread(1, "nothing").thread(2, "nothing").build())
                .check(Nothing.class);
        warm = true;
    }

    private static volatile boolean warm;

    /** The test class {@link #warmUp} checks: one operation that touches nothing. Public for Lincheck. */
    public static final class Nothing {
        @Operation
        public int nothing() {
            return 0;
        }
    }

    /**
     * Runs the model check of {@code testClass} (a class whose {@link Operation} methods call the student's code)
     * and returns Lincheck's report if it failed, empty if every explored interleaving was fine. For lesson tests
     * that expect a failure and show it.
     */
    public static Optional<String> findFailure(ModelCheckingOptions options, Class<?> testClass) {
        try {
            options.check(testClass);
            return Optional.empty();
        } catch (AssertionError e) {
            // LincheckAssertionError is an AssertionError; its message is the whole report.
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /**
     * Runs the model check of {@code testClass}; on failure throws an {@link AssertionError} whose message is
     * {@code hint} (chosen by what went wrong), then Lincheck's whole report, then a short guide to reading it.
     */
    public static void verify(ModelCheckingOptions options, Class<?> testClass, Hint hint) {
        Optional<String> failure = findFailure(options, testClass);
        if (failure.isPresent()) {
            throw new AssertionError(explain(failure.get(), hint), null);
        }
    }

    /** {@link #verify(ModelCheckingOptions, Class, Hint)} with the same hint for every kind of failure. */
    public static void verify(ModelCheckingOptions options, Class<?> testClass, String hint) {
        verify(options, testClass, Hint.always(hint));
    }

    /** The message {@link #verify} fails with: the hint, Lincheck's report untouched, how to read it. */
    public static String explain(String report, Hint hint) {
        Kind kind = Kind.of(report);
        String text = hint.explain(kind);
        StringBuilder message = new StringBuilder();
        message.append(headline(kind)).append('\n');
        if (text != null && !text.isBlank()) {
            message.append(say("Hint: ", "提示：")).append(text.strip()).append('\n');
        }
        message.append('\n').append(say("---- Lincheck's report ----\n", "---- Lincheck 的报告 ----\n"));
        message.append(report.strip()).append('\n');
        message.append(say("---- end of Lincheck's report ----\n", "---- Lincheck 的报告到此结束 ----\n"));
        message.append(readingGuide(kind));
        return message.toString();
    }

    private static String headline(Kind kind) {
        switch (kind) {
            case WRONG_RESULTS:
                return say("The model checker found an interleaving of two threads whose results no one-at-a-time order"
                        + " of the same calls could give.",
                        "模型检查器找到了两个线程的一种交错执行，它的结果是这些调用无论按什么顺序一个接一个地执行都得不出来的。");
            case HANG:
                return say("The model checker found an interleaving in which a thread waits forever (or loops forever).",
                        "模型检查器找到了一种交错执行：其中有线程永远等待下去（或永远循环下去）。");
            case UNEXPECTED_EXCEPTION:
                return say("The model checker found an interleaving in which a call threw an exception it should not.",
                        "模型检查器找到了一种交错执行：其中有调用抛出了本不该抛出的异常。");
            default:
                return say("The model check failed.", "模型检查没有通过。");
        }
    }

    private static String readingGuide(Kind kind) {
        String guide = say("How to read it: the first table is the scenario, one column per thread, each call with the"
                + " result it returned; the trace below it replays the interleaving step by step (which thread ran"
                + " which line, and when it was switched out).",
                "怎么读这份报告：第一张表是测试场景，每个线程占一列，每个调用后面是它返回的结果；表下面的执行轨迹一步一步重放这次"
                        + "交错执行（哪个线程执行了哪一行，又在什么时候被切换出去）。");
        if (kind == Kind.HANG) {
            guide += say(" Look for the thread that holds a lock it never releases, and the call still waiting for it.",
                    "找出那个持有锁却始终不释放的线程，以及仍在等这把锁的那个调用。");
        } else if (kind == Kind.WRONG_RESULTS) {
            guide += say(" Look for the moment a thread is switched out in the middle of a change another thread then"
                    + " reads or overwrites.",
                    "找出某个线程在一次修改做到一半时被切换出去的时刻：另一个线程随后读到了、或者覆盖了这份做了一半的修改。");
        }
        return guide;
    }

    /** Starts a custom scenario over {@code testClass}'s operations, for {@code options.addCustomScenario(...)}. */
    public static Scenario scenario(Class<?> testClass) {
        return new Scenario(testClass);
    }

    /**
     * A scenario written by hand: operations run first on one thread, then on several threads at once, then on one
     * thread again. Custom scenarios run before the random ones, so the race a topic is about is explored every time,
     * not only when the random generator happens to build it.
     *
     * <pre>
     * ModelCheck.scenario(BalanceOperations.class)
     *         .initial("deposit", 1L)
     *         .thread(1, "withdraw", 1L)
     *         .thread(2, "withdraw", 1L)
     *         .post("get")
     *         .build()
     * </pre>
     */
    public static final class Scenario {
        private final Class<?> testClass;
        private final List<Actor> initial = new ArrayList<>();
        private final TreeMap<Integer, List<Actor>> threads = new TreeMap<>();
        private final List<Actor> post = new ArrayList<>();

        private Scenario(Class<?> testClass) {
            this.testClass = testClass;
        }

        /** Adds {@code operation(args)} to the part run before the threads start. */
        public Scenario initial(String operation, Object... args) {
            initial.add(actor(operation, args));
            return this;
        }

        /** Adds {@code operation(args)} to parallel thread {@code thread} (numbered from 1, in order). */
        public Scenario thread(int thread, String operation, Object... args) {
            if (thread < 1) {
                throw new IllegalArgumentException(say("threads are numbered from 1, got " + thread,
                        "线程从 1 开始编号，收到的却是 " + thread));
            }
            threads.computeIfAbsent(thread, t -> new ArrayList<>()).add(actor(operation, args));
            return this;
        }

        /** Adds {@code operation(args)} to the part run after every thread has finished. */
        public Scenario post(String operation, Object... args) {
            post.add(actor(operation, args));
            return this;
        }

        /** The scenario, for {@link ModelCheckingOptions#addCustomScenario(ExecutionScenario)}. */
        public ExecutionScenario build() {
            if (threads.isEmpty() || !threads.lastKey().equals(threads.size())) {
                throw new IllegalStateException(say("parallel threads must be numbered 1.." + threads.size()
                        + " with no gap, got " + threads.keySet(),
                        "并行线程必须从 1 到 " + threads.size() + " 连续编号，收到的却是 " + threads.keySet()));
            }
            return new ExecutionScenario(List.copyOf(initial), new ArrayList<>(threads.values()), List.copyOf(post),
                    null);
        }

        private Actor actor(String operation, Object[] args) {
            List<Method> matches = Arrays.stream(testClass.getMethods())
                    .filter(m -> m.getName().equals(operation) && m.getParameterCount() == args.length
                            && m.isAnnotationPresent(Operation.class))
                    .collect(Collectors.toList());
            if (matches.size() != 1) {
                throw new IllegalArgumentException(say(testClass.getName() + " has " + matches.size()
                        + " @Operation methods named " + operation + " with " + args.length + " parameters",
                        testClass.getName() + " 中名为 " + operation + "、带 " + args.length + " 个参数的 @Operation 方法有 "
                                + matches.size() + " 个（应当正好 1 个）"));
            }
            return new Actor(matches.get(0), Arrays.asList(args));
        }
    }
}
