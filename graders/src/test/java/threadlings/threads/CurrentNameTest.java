package threadlings.threads;

import static threadlings.grading.Lang.say;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import threadlings.support.Jvm;

/** {@code currentName}: the name of whichever thread calls it, "main" in a program's main thread. */
class CurrentNameTest {

    /** A child JVM that only writes a line takes well under a second; this is the margin for a busy machine. */
    private static final long CHILD_SECONDS = 20;

    @Test
    @DisplayName("currentName() is main in a program's main thread")
    void mainInTheMainThread() throws Exception {
        Path dir = Files.createTempDirectory("threadlings-threads-");
        Path file = dir.resolve("name.txt");
        Process child = new ProcessBuilder(Jvm.command(MainName.class, file.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!child.waitFor(CHILD_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(say("A program whose main method only calls Threads.currentName() did not end"
                        + " within " + CHILD_SECONDS + " s: currentName() must return at once.",
                        "一个 main 方法只调用 Threads.currentName() 的程序没有在 " + CHILD_SECONDS + " 秒内结束："
                        + "currentName() 必须立即返回。"));
            }
            String line = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            if (line == null) {
                throw new AssertionError(say("A program whose main method calls Threads.currentName() exited with "
                        + child.exitValue() + " before writing what it returned.",
                        "一个 main 方法调用 Threads.currentName() 的程序还没写出返回值就退出了，退出码为 "
                        + child.exitValue() + "。"));
            }
            if (line.startsWith("threw java.lang.UnsupportedOperationException")) {
                throw new AssertionError(say("Threads is not implemented yet: currentName() " + line,
                        "Threads 还没有实现：currentName() " + threwZh(line)));
            }
            if (!line.equals("ok main")) {
                throw new AssertionError(say("In a program's main thread, currentName() "
                        + (line.startsWith("ok ") ? "returned " + Calls.quote(line.substring(3)) : line)
                        + "; expected \"main\", the name the JVM gives the thread that runs main: return"
                        + " Thread.currentThread().getName().",
                        "在程序的主线程里，currentName() "
                        + (line.startsWith("ok ") ? "返回了 " + Calls.quote(line.substring(3)) : threwZh(line))
                        + "；应为 \"main\"，这是 JVM 给运行 main 的线程起的名字：请返回"
                        + " Thread.currentThread().getName()。"));
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** The child's "threw …" line as the Chinese text says it. */
    private static String threwZh(String line) {
        return line.startsWith("threw ") ? "抛出了 " + line.substring("threw ".length()) : line;
    }

    @Test
    @DisplayName("currentName() returns the name of the thread that calls it")
    void nameOfTheCallingThread() throws Exception {
        for (String name : new String[] {"worker-7", "Thread-99", "LoopThread", "main-ish", ""}) {
            Check.currentName(name);
        }
    }

    /** The check shared with the properties. */
    static final class Check {

        private Check() {
        }

        static void currentName(String name) throws Exception {
            String got = Calls.callOn(name, "currentName()", Threads::currentName);
            if (!name.equals(got)) {
                throw new AssertionError(say(
                        "currentName(), called on a thread named " + Calls.quote(name) + ", returned "
                        + Calls.quote(got) + ": return the name of the thread that calls it,"
                        + " Thread.currentThread().getName().",
                        "在名为 " + Calls.quote(name) + " 的线程上调用 currentName()，返回了 " + Calls.quote(got)
                        + "：应返回调用它的那个线程的名字，即 Thread.currentThread().getName()。"));
            }
        }
    }
}
