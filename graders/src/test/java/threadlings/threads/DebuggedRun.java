package threadlings.threads;

import static threadlings.grading.Lang.say;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.Field;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StringReference;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import com.sun.jdi.connect.ListeningConnector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.ThreadStartEvent;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.event.VMStartEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.EventRequestManager;
import com.sun.jdi.request.ThreadStartRequest;

import threadlings.support.Jvm;

/**
 * One call into the student's {@link Threads}, made by {@link WatchedMain} in a child JVM under a debugger (the
 * JDK's own JDI), which sees what no test inside the JVM can see for sure: the name a thread has at the very moment
 * {@code start()} is called on it, and whether a method returned while the thread it started had not yet run.
 *
 * <p>Asked from inside, both are races that a wrong solution wins almost every time: a thread renamed just after
 * {@code start()} nearly always has its new name by the time its body runs, and a method that forgets to wait for
 * its thread nearly always returns after the thread has done its few steps anyway. The debugger takes the race
 * away. It stops the main thread at the entry of every {@code Thread.start()} it calls during the student's call,
 * and reads the thread's name there (and, when asked, changes it, so that the name the thread really has differs
 * from the name the student was given). When asked to hold, it keeps the started thread suspended before its first
 * line until the main thread is waiting: a method that returns while its thread is still held did not wait.
 *
 * <p>A run costs about a second (a JVM started under a debugger); every wait in it is bounded, and the child is
 * killed when the run ends, however it ends.
 */
final class DebuggedRun {

    /** The whole run, at most: far more than it needs (about a second, three on a busy machine). */
    static final Duration LIMIT = Duration.ofSeconds(20);
    /**
     * How long a held thread stays held when the main thread neither waits nor returns (it may be polling
     * {@code isAlive()} in a busy loop, which is slow but not wrong): then the thread is let go and the run goes on.
     */
    static final Duration HOLD_AT_MOST = Duration.ofSeconds(5);

    /** A thread the main thread started during the student's call: its debugger id, its name when start() ran. */
    record Start(long id, String nameAtStart) {
    }

    private final List<String> args;
    private boolean hold;
    private String renameFrom;
    private String renameTo;

    /** The threads the student's call started, in order. */
    final List<Start> starts = new ArrayList<>();
    /** Whether the student's method returned at all (it may have thrown). */
    boolean returned;
    /** The debugger's id of the object the student's method returned; -1 for null. */
    long returnedId = -1;
    /** With {@link #holdingTheThread()}: the method returned while the thread it started had not run a line. */
    boolean returnedWhileHeld;
    /** The first line the child wrote: "ok", or "threw" and the exception; null if it wrote nothing. */
    String outcome;
    /** The lines the child wrote after the first: the name the body read, or the records. */
    List<String> lines = List.of();
    /** What the child printed (stdout and stderr), for messages. */
    String output = "";

    private DebuggedRun(String... args) {
        this.args = List.of(args);
    }

    /** A run of {@code startNamed(name, body)}, where the body records the name it reads. */
    static DebuggedRun startNamed(String name) {
        return new DebuggedRun("start", name);
    }

    /** A run of {@code loop(name, n)}. */
    static DebuggedRun loop(String name, int n) {
        return new DebuggedRun("loop", name, String.valueOf(n));
    }

    /** Holds the started thread before its first line, until the main thread waits (or {@link #HOLD_AT_MOST}). */
    DebuggedRun holdingTheThread() {
        hold = true;
        return this;
    }

    /** Renames a thread whose name is {@code from} when start() is called on it to {@code to}, right there. */
    DebuggedRun renamingAtStart(String from, String to) {
        renameFrom = from;
        renameTo = to;
        return this;
    }

    /** Runs the child under the debugger, waits for it to end, and returns this, holding what the run saw. */
    DebuggedRun run() throws Exception {
        Path dir = Files.createTempDirectory("threadlings-threads-");
        Path result = dir.resolve("result.txt");
        Path log = dir.resolve("output.txt");
        ListeningConnector connector = socketListener();
        Map<String, Connector.Argument> cargs = connector.defaultArguments();
        cargs.get("localAddress").setValue("127.0.0.1");
        cargs.get("port").setValue("0");
        cargs.get("timeout").setValue(String.valueOf(LIMIT.toMillis()));
        String address = connector.startListening(cargs);
        Process child = null;
        VirtualMachine vm = null;
        try {
            List<String> command = new ArrayList<>(Jvm.command(WatchedMain.class));
            // The child connects to this debugger and waits, suspended, until it is told to go.
            command.add(1, "-agentlib:jdwp=transport=dt_socket,server=n,suspend=y,address=" + address);
            command.add(result.toString());
            command.addAll(args);
            child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // A child that dies before it connects (no debugger agent in this JDK, say) must not leave us waiting.
            child.onExit().thenRun(() -> stopListening(connector, cargs));
            try {
                vm = connector.accept(cargs);
            } catch (IOException e) {
                child.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(say(
                        "The child JVM that runs " + describe() + " under a debugger did not connect"
                        + " to it (" + e + (child.isAlive() ? "" : "; it exited with " + child.exitValue())
                        + "). This is a problem of the machine or the kit, not of your code. It printed:\n",
                        "在调试器下运行 " + describe() + " 的子 JVM 没有连上调试器（" + e
                        + (child.isAlive() ? "" : "；它已经退出，退出码为 " + child.exitValue())
                        + "）。这是机器或本套件的问题，不是你的代码的问题。它的输出：\n")
                        + Files.readString(log, StandardCharsets.UTF_8).strip(), e);
            }
            watch(vm, System.nanoTime() + LIMIT.toNanos());
            if (!child.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(say("The child JVM running " + describe() + " did not exit within "
                        + LIMIT.toSeconds() + " s of its debugger letting it go.",
                        "运行 " + describe() + " 的子 JVM 在调试器放行后 " + LIMIT.toSeconds() + " 秒内没有退出。"));
            }
            if (Files.exists(result)) {
                List<String> all = Files.readAllLines(result, StandardCharsets.UTF_8);
                if (!all.isEmpty()) {
                    outcome = all.get(0);
                    lines = List.copyOf(all.subList(1, all.size()));
                }
            }
            return this;
        } finally {
            stopListening(connector, cargs);
            if (vm != null) {
                try {
                    vm.dispose();
                } catch (RuntimeException e) {
                    // The child is gone already.
                }
            }
            if (child != null) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
            if (Files.exists(log)) {
                output = Files.readString(log, StandardCharsets.UTF_8);
            }
            Files.deleteIfExists(result);
            Files.deleteIfExists(log);
            Files.deleteIfExists(dir);
        }
    }

    private static void stopListening(ListeningConnector connector, Map<String, Connector.Argument> cargs) {
        try {
            connector.stopListening(cargs);
        } catch (IOException | IllegalConnectorArgumentsException | RuntimeException e) {
            // Already stopped.
        }
    }

    private static ListeningConnector socketListener() {
        for (ListeningConnector c : Bootstrap.virtualMachineManager().listeningConnectors()) {
            if (c.transport().name().equals("dt_socket")) {
                return c;
            }
        }
        throw new IllegalStateException(say("this JDK's debugger interface (JDI) offers no socket connector",
                "这个 JDK 的调试接口（JDI）没有提供 socket 连接器"));
    }

    private void watch(VirtualMachine vm, long deadline) throws Exception {
        EventRequestManager requests = vm.eventRequestManager();
        ThreadReference main = vm.allThreads().stream().filter(t -> t.name().equals("main")).findFirst()
                .orElseThrow(() -> new IllegalStateException(say("the child JVM has no thread named main",
                        "子 JVM 里没有名为 main 的线程")));
        ReferenceType threadClass = vm.classesByName("java.lang.Thread").get(0);
        Field nameField = threadClass.fieldByName("name");
        if (nameField == null) {
            throw new IllegalStateException(say("java.lang.Thread has no field 'name' in this JDK",
                    "这个 JDK 的 java.lang.Thread 没有 'name' 字段"));
        }
        // start() on any thread, called by the main thread: JDK 17 has start(), later JDKs also start(container).
        for (Method m : threadClass.methodsByName("start")) {
            if (!m.isAbstract() && !m.isNative()) {
                BreakpointRequest bp = requests.createBreakpointRequest(m.location());
                bp.addThreadFilter(main);
                request(bp, "start");
            }
        }
        // WatchedMain's markers around the student's call, once its class is loaded.
        ClassPrepareRequest prepare = requests.createClassPrepareRequest();
        prepare.addClassFilter(WatchedMain.class.getName());
        prepare.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        prepare.enable();
        if (hold) {
            ThreadStartRequest starting = requests.createThreadStartRequest();
            starting.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
            starting.enable();
        }
        // The child waits suspended since it connected (its VMStartEvent is that suspension): let it go.
        vm.resume();

        boolean inCall = false;
        boolean released = false;
        ThreadReference held = null;
        long heldSince = 0;
        while (true) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(say(
                        "The child JVM running " + describe() + " under the debugger did not finish"
                        + " within " + LIMIT.toSeconds() + " s: does your code wait for something that never comes?",
                        "在调试器下运行 " + describe() + " 的子 JVM 没有在 " + LIMIT.toSeconds() + " 秒内结束：你的代码"
                        + "是不是在等一件永远不会发生的事？"));
            }
            // Is the main thread waiting for the held thread now (or has it been held long enough)?
            if (held != null && (main.status() == ThreadReference.THREAD_STATUS_WAIT
                    || System.nanoTime() - heldSince > HOLD_AT_MOST.toNanos())) {
                held.resume();
                held = null;
                released = true;
            }
            EventSet set = vm.eventQueue().remove(20);
            if (set == null) {
                continue;
            }
            boolean resume = true;
            for (Event event : set) {
                if (event instanceof VMStartEvent) {
                    resume = false; // its suspension is the one vm.resume() above ended
                } else if (event instanceof VMDeathEvent || event instanceof VMDisconnectEvent) {
                    return;
                } else if (event instanceof ClassPrepareEvent) {
                    ReferenceType type = ((ClassPrepareEvent) event).referenceType();
                    for (String marker : List.of("calling", "returned")) {
                        for (Method m : type.methodsByName(marker)) {
                            request(requests.createBreakpointRequest(m.location()), marker);
                        }
                    }
                } else if (event instanceof BreakpointEvent) {
                    BreakpointEvent hit = (BreakpointEvent) event;
                    Object kind = hit.request().getProperty("kind");
                    if ("calling".equals(kind)) {
                        inCall = true;
                    } else if ("start".equals(kind) && inCall) {
                        ObjectReference thread = hit.thread().frame(0).thisObject();
                        if (starts.stream().noneMatch(s -> s.id() == thread.uniqueID())) {
                            String name = string(thread.getValue(nameField));
                            starts.add(new Start(thread.uniqueID(), name));
                            if (renameFrom != null && renameFrom.equals(name)) {
                                thread.setValue(nameField, vm.mirrorOf(renameTo));
                            }
                        }
                    } else if ("returned".equals(kind)) {
                        inCall = false;
                        returned = true;
                        Value value = hit.thread().frame(0).getArgumentValues().get(0);
                        returnedId = value instanceof ObjectReference ? ((ObjectReference) value).uniqueID() : -1;
                        // Held now, or not even started so far as the debugger saw: either way not run a line.
                        returnedWhileHeld = hold && !starts.isEmpty() && !released;
                        if (held != null) {
                            held.resume();
                            held = null;
                        }
                        released = true;
                    }
                } else if (event instanceof ThreadStartEvent) {
                    ThreadReference thread = ((ThreadStartEvent) event).thread();
                    if (!released && held == null && starts.stream().anyMatch(s -> s.id() == thread.uniqueID())) {
                        held = thread;
                        heldSince = System.nanoTime();
                        resume = false;
                    }
                }
            }
            if (resume) {
                set.resume();
            }
        }
    }

    /** Makes {@code request} stop only the thread that hits it, tags it with {@code kind}, and enables it. */
    private static BreakpointRequest request(BreakpointRequest request, String kind) {
        request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        request.putProperty("kind", kind);
        request.enable();
        return request;
    }

    private static String string(Value value) {
        return value instanceof StringReference ? ((StringReference) value).value() : String.valueOf(value);
    }

    /** "startNamed("LoopThread", body)" or "loop("LoopThread", 3)", for messages. */
    String describe() {
        return args.get(0).equals("start") ? "startNamed(\"" + args.get(1) + "\", body)"
                : "loop(\"" + args.get(1) + "\", " + args.get(2) + ")";
    }

    /** Fails with the child's exception if the student's method threw (the stub's "TODO" in one line). */
    void requireReturned() {
        if (outcome == null) {
            throw new AssertionError(say("The child JVM running " + describe() + " wrote no result; it printed:\n",
                    "运行 " + describe() + " 的子 JVM 没有写出结果；它的输出：\n") + output.strip());
        }
        if (outcome.startsWith("threw java.lang.UnsupportedOperationException")) {
            throw new AssertionError(say("Threads is not implemented yet: " + describe() + " " + outcome,
                    "Threads 还没有实现：" + describe() + " " + outcomeZh()));
        }
        if (!outcome.equals("ok")) {
            throw new AssertionError(say(describe() + " " + outcome + " (run in a fresh JVM's main thread).",
                    describe() + " " + outcomeZh() + "（在一个新 JVM 的主线程里运行）。"));
        }
    }

    /** {@link #outcome} as the Chinese text says it: "抛出了 …" for "threw …". */
    private String outcomeZh() {
        return outcome.startsWith("threw ") ? "抛出了 " + outcome.substring("threw ".length()) : outcome;
    }

    /** The name the returned thread had when start() was called on it; null if start() was never called on it. */
    String nameAtStartOfReturned() {
        return starts.stream().filter(s -> s.id() == returnedId).map(Start::nameAtStart).findFirst().orElse(null);
    }

    /** The starts seen, as "\"a\", \"b\"" for messages. */
    String startedNames() {
        return starts.stream().map(s -> "\"" + s.nameAtStart() + "\"").collect(Collectors.joining(", "));
    }
}
