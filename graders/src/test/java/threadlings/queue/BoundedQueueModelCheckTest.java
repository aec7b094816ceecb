package threadlings.queue;

import static threadlings.grading.Lang.say;

import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import threadlings.grading.ModelCheck;
import threadlings.grading.ModelCheck.Kind;

/**
 * Every interleaving of a few calls on a few threads, explored by Lincheck's model checker and compared with
 * {@link BoundedQueueModel}, one call at a time. The first test runs random scenarios of the calls that never wait
 * (after hand-written ones for the races the lesson is about); the others run hand-written scenarios with waiting
 * calls in which every call can finish, so that a thread left waiting is always a lost wake-up.
 *
 * <p>What Lincheck cannot see: it wakes every waiting thread on {@code notify()}, as if it were {@code notifyAll()}
 * (Lincheck 3.7's monitor model), so {@code notify()} in place of {@code notifyAll()} passes here; {@link
 * WakeUpTest} catches that one on real threads. With a {@code ReentrantLock} and its {@code Condition}s, Lincheck
 * runs the real code of the lock, and a {@code signal()} that wakes the wrong thread shows here too.
 */
class BoundedQueueModelCheckTest {

    /**
     * Interleavings explored per scenario, at most, hand-written or random. Each mistake the kit knows (its mutants)
     * is found within the first 20 of its hand-written scenario (measured); the rest is margin. More costs time: a
     * correct queue explores all of them, and one built on a ReentrantLock costs about four times as much per
     * interleaving as one on a monitor (Lincheck runs the lock's own code step by step). Measured with both cores
     * oversubscribed about 12x by other work: the random test took 4 s on the reference, 10 s on a queue with a
     * ReentrantLock and 17 s with a fair one; each other test at most 6 s.
     */
    static final int INVOCATIONS = 100;

    /** Random scenarios of offer, poll and size, after the hand-written ones (fewer than the kit's default: see above). */
    static final int RANDOM_SCENARIOS = 5;

    /**
     * Pays, before the tests and outside their time limits, what the first model check in a JVM costs: attaching
     * Lincheck, and instrumenting the student's class and whatever it uses (a ReentrantLock's own classes, say), up
     * to 15 s with both cores oversubscribed 12x, over 30 s (the kit's default limit, which stops the whole topic
     * when it runs out) at 20x. Its result does not matter: the tests below look at the student's code.
     */
    @BeforeAll
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void warmUp() {
        ModelCheck.warmUp();
        try {
            Calls.requireImplemented();
        } catch (Exception | AssertionError notYet) {
            // Each test says why in one line, in the student's language, without calling Lincheck. (A class Lincheck
            // cannot even instantiate, the stub, fails the whole class from here otherwise, with a raw exception.)
            return;
        }
        try {
            ModelCheck.findFailure(ModelCheck.options()
                            .iterations(0)
                            .invocationsPerIteration(1)
                            .sequentialSpecification(BoundedQueueModel.OfTwo.class)
                            .addCustomScenario(nonBlocking().thread(1, "offer", 1).thread(2, "poll").build()),
                    QueueOperations.class);
        } catch (RuntimeException | LinkageError e) {
            // A class that cannot even be run (the stub) fails each test with its own message.
        }
    }

    private static ModelCheckingOptions waiting(ExecutionScenario... scenarios) {
        ModelCheckingOptions options = ModelCheck.options()
                .iterations(0)
                .invocationsPerIteration(INVOCATIONS)
                .sequentialSpecification(BoundedQueueModel.OfOne.class);
        for (ExecutionScenario scenario : scenarios) {
            options.addCustomScenario(scenario);
        }
        return options;
    }

    private static ModelCheck.Scenario blocking() {
        return ModelCheck.scenario(BlockingOperations.class);
    }

    private static ModelCheck.Scenario nonBlocking() {
        return ModelCheck.scenario(QueueOperations.class);
    }

    /**
     * The hint for a failed model check: if one thread alone already gets a wrong answer, that first (the
     * interleaving may show nothing but it); otherwise {@code byKind}'s.
     */
    private static ModelCheck.Hint hint(ModelCheck.Hint byKind) {
        return kind -> {
            String oneThread = Calls.oneThreadProblem();
            if (oneThread != null) {
                return say("Even one thread alone gets a wrong answer: " + oneThread + " Fix that first (the tests that"
                        + " run on one thread say more); the interleaving below may show nothing else.",
                        "即使只有一个线程，也已经得到了错误的结果：" + oneThread + (oneThread.endsWith("。") ? "" : " ")
                                + "请先修好这一点（只用一个线程的那些测试"
                                + "会说得更详细）；下面的交错执行可能并不会显示别的问题。");
            }
            return byKind.explain(kind);
        };
    }

    static final String LOST_WAKE_UP = say("A thread waits forever although it could go on: a wake-up was lost. Every"
            + " change that can let a waiting thread go on must wake it. With one wait set (or one Condition) for"
            + " producers and consumers, notify()/signal() wakes a single thread, and it can be one of the wrong"
            + " kind, who finds nothing to do and goes back to waiting: the wake-up is gone. Wake them all"
            + " (notifyAll()/signalAll()), or give producers and consumers a Condition each (notFull, notEmpty) and"
            + " signal the one whose condition you just made true. In the trace, find the last wake-up before the"
            + " end, and the thread it woke.",
            "有线程本可以继续执行，却永远等了下去：一次唤醒丢失了。凡是可能让等待中的线程继续执行的修改，都必须唤醒它。"
                    + "如果生产者和消费者共用一个等待集合（或同一个 Condition），notify()/signal() 只会唤醒一个线程，"
                    + "而被唤醒的可能恰好是另一类线程：它发现无事可做，又回去等待，这次唤醒就丢失了。要么把等待的线程全部"
                    + "唤醒（notifyAll()/signalAll()），要么给生产者和消费者各配一个 Condition（notFull、notEmpty），"
                    + "你刚让哪个条件成立，就 signal 哪一个。在执行轨迹里，找到结束前的最后一次唤醒，看它唤醒了哪个线程。");

    static final String IF_NOT_WHILE = say("A take returned something that was not in the queue (null, an exception,"
            + " or one element twice): a taker went on after waking up without testing the queue again. Two takers"
            + " wait, one element arrives and both wake up; the first takes it and the second must wait again. Wait"
            + " in a while loop, not an if: while (queue is empty) wait();",
            "某个 take 返回了队列里并没有的东西（null、一个异常，或者把同一个元素取了两次）：一个取元素的线程被唤醒后，"
                    + "没有重新检查队列就继续往下执行了。两个线程在 take 中等待，来了一个元素，两个都被唤醒；第一个取走了它，"
                    + "第二个必须重新等待。要在 while 循环里等待，而不是用 if：while (队列为空) wait();");

    @Test
    // The costliest check: 4 s on the reference with both cores oversubscribed 12x, 17 s for a queue on a fair
    // ReentrantLock; the kit's 30 s default is too close for that.
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("offer, poll and size on two threads give results as if run one at a time")
    void nonBlockingCallsAreLinearizable() throws Exception {
        Calls.requireImplemented();
        ModelCheck.verify(ModelCheck.options()
                        .iterations(RANDOM_SCENARIOS)
                        .invocationsPerIteration(INVOCATIONS)
                        .sequentialSpecification(BoundedQueueModel.OfTwo.class)
                        // Two polls for one element: both may read the head before either removes it.
                        .addCustomScenario(nonBlocking()
                                .initial("offer", 1)
                                .thread(1, "poll")
                                .thread(2, "poll")
                                .post("size")
                                .build())
                        // Two offers for one free place: both may see room before either adds.
                        .addCustomScenario(nonBlocking()
                                .initial("offer", 1)
                                .thread(1, "offer", 2)
                                .thread(2, "offer", 3)
                                .post("poll")
                                .post("poll")
                                .build())
                        // A size read in the middle of another thread's changes.
                        .addCustomScenario(nonBlocking()
                                .initial("offer", 1)
                                .thread(1, "size")
                                .thread(2, "offer", 2)
                                .thread(2, "poll")
                                .build()),
                QueueOperations.class,
                hint(kind -> kind == Kind.HANG ? LOST_WAKE_UP
                        : say("Some interleaving of offer, poll and size gave results that no one-at-a-time order gives."
                        + " Hold the queue's lock for the whole of every method, poll and size included: two polls"
                        + " that read the head at the same time both return it, two offers that both see room both"
                        + " add, and a size read without the lock can see the queue in the middle of a change.",
                        "offer、poll 和 size 的某种交错执行得出的结果，按任何一个接一个的顺序都得不出来。每个方法（包括 poll"
                                + " 和 size）都要从头到尾持有队列的锁：两个 poll 同时读到队头，会返回同一个元素；两个 offer"
                                + " 都看到还有空位，会都把元素加进去；不加锁读 size，可能看到队列修改到一半时的样子。")));
    }

    @Test
    @DisplayName("two takers wait for one putter: every interleaving ends, and no element is taken twice or made up")
    void twoTakersOnePutter() throws Exception {
        Calls.requireImplemented();
        ModelCheck.verify(waiting(blocking()
                        .thread(1, "put", 1)
                        .thread(1, "put", 2)
                        .thread(2, "take")
                        .thread(3, "take")
                        .post("size")
                        .build()),
                BlockingOperations.class,
                hint(kind -> kind == Kind.HANG ? LOST_WAKE_UP : IF_NOT_WHILE));
    }

    @Test
    @DisplayName("offer wakes a waiting take, and poll wakes a waiting put, in every interleaving")
    void offerAndPollWakeTheWaiters() throws Exception {
        Calls.requireImplemented();
        ModelCheck.verify(waiting(
                        blocking()
                                .thread(1, "take")
                                .thread(2, "offer", 1)
                                .post("size")
                                .build(),
                        blocking()
                                .initial("put", 1)
                                .thread(1, "put", 2)
                                .thread(2, "poll")
                                .post("size")
                                .build()),
                BlockingOperations.class,
                hint(kind -> kind == Kind.HANG
                        ? say("A take waits forever after an offer added an element, or a put waits forever after a poll"
                                + " made room: offer and poll changed the queue without waking the thread waiting for"
                                + " that change. Every method that adds an element must wake the waiting takers, and"
                                + " every method that removes one must wake the waiting putters: notifyAll() (or"
                                + " signal the right Condition) in offer and poll too, not only in put and take.",
                                "offer 加入了元素，take 却永远等了下去；或者 poll 腾出了空位，put 却永远等了下去：offer 和"
                                        + " poll 修改了队列，却没有唤醒正在等这个变化的线程。每个加入元素的方法都必须唤醒等着"
                                        + "取元素的线程，每个移除元素的方法都必须唤醒等着放元素的线程：offer 和 poll 里也要"
                                        + " notifyAll()（或 signal 对应的 Condition），不能只在 put 和 take 里这样做。")
                        : IF_NOT_WHILE));
    }
}
